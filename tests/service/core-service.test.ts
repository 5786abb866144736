import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { connectCoreClient, createCoreService, MAX_REPORTED_ISSUES, serveCoreOverPort, type CoreService } from '../../src-main/core/service/index.js';
import type { CoreEvent } from '../../src-shared/api/index.js';
import { STALE_TEMP_AFTER_MS } from '../../src-main/core/files/index.js';
import { makeTextPdf } from '../support/text-pdf.js';
import { download, upload } from '../support/uploads.js';

let dir: string;
let core: CoreService;
const logged: string[] = [];

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-core-'));
  core = createCoreService({ dataDir: dir, log: (m) => logged.push(m), today: () => '2026-11-27' });
});
after(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

test('every call is checked against the contract before it runs', async () => {
  assert.deepEqual((await core.invoke('contracts.nuke', {})).ok, false);
  const unknown = await core.invoke('contracts.nuke', {});
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_OPERATION');
  const invalid = await core.invoke('contracts.update', { id: 'not-an-id', patch: { title: 'x' } });
  assert.equal(!invalid.ok && invalid.error.code, 'INVALID_INPUT');
  assert.match(!invalid.ok ? String(invalid.error.details.issues) : '', /id/);
  const extra = await core.invoke('contracts.search', { text: 'a', limit: 100000 });
  assert.equal(!extra.ok && extra.error.code, 'INVALID_INPUT');
});

test('domain errors come back typed, with details, and are not logged as crashes', async () => {
  const r = await core.invoke('contracts.get', { id: '0'.repeat(32) });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'CONTRACT_NOT_FOUND');
  assert.equal(logged.length, 0);
});

test('settings persist and validate', async () => {
  const r = await core.invoke('settings.update', { language: 'zh-CN', reminderHorizonDays: 60 });
  assert.ok(r.ok);
  const bad = await core.invoke('settings.update', { language: 'fr' });
  assert.equal(!bad.ok && bad.error.code, 'INVALID_INPUT');
  const again = createCoreService({ dataDir: dir });
  const s = await again.invoke('settings.get', {});
  again.close();
  assert.ok(s.ok && (s.value as { language: string; reminderHorizonDays: number }).language === 'zh-CN');
  assert.ok(s.ok && (s.value as { reminderHorizonDays: number }).reminderHorizonDays === 60);
});

test('a long import reports progress and can be cancelled between files', async () => {
  const pdf = async (t: string, name: string) => ({ uploadId: await upload(core, await makeTextPdf({ title: t, lines: [t] }), name) });
  const files = [await pdf('Alpha lease', 'a.pdf'), await pdf('Beta lease', 'b.pdf'), await pdf('Gamma lease', 'c.pdf')];
  const events: CoreEvent[] = [];
  const running = core.invoke(
    'library.import',
    { files },
    {
      jobId: 'imp-1',
      emit: (e) => {
        events.push(e);
        if (e.type === 'progress' && e.done === 1) void core.invoke('jobs.cancel', { jobId: 'imp-1' });
      },
    },
  );
  const r = await running;
  assert.ok(r.ok);
  const outcomes = (r.value as { outcomes: Array<{ ok: boolean; error?: { code: string } }> }).outcomes;
  assert.equal(outcomes.length, 3);
  assert.equal(outcomes[0].ok, true);
  assert.deepEqual(
    outcomes.slice(1).map((o) => o.error?.code),
    ['CANCELLED', 'CANCELLED'],
  );
  const search = await core.invoke('contracts.search', { text: 'lease' });
  assert.ok(search.ok && (search.value as { total: number }).total === 1, 'only the file before the cancel was imported');
  assert.ok(events.some((e) => e.type === 'library.changed'));
});

test('documents.read returns the stored bytes of a version', async () => {
  const bytes = await makeTextPdf({ title: 'Readback', lines: ['readback'] });
  const imp = await core.invoke('library.import', { files: [{ uploadId: await upload(core, bytes, 'r.pdf') }] });
  assert.ok(imp.ok);
  const contractId = (imp.value as { outcomes: Array<{ contractId: string }> }).outcomes[0].contractId;
  const c = await core.invoke('contracts.get', { id: contractId });
  assert.ok(c.ok);
  const versionId = (c.value as { documents: Array<{ versions: Array<{ id: string }> }> }).documents[0].versions[0].id;
  const doc = await core.invoke('documents.read', { versionId });
  assert.ok(doc.ok);
  assert.deepEqual(await download(core, doc.value as { fileId: string }), Buffer.from(bytes));
});

test('contract edits announce library.changed, and due reminders are handed out once', async () => {
  const events: CoreEvent[] = [];
  const created = await core.invoke('contracts.create', { title: 'Office lease' }, { emit: (e) => events.push(e) });
  assert.ok(created.ok);
  const id = (created.value as { id: string }).id;
  await core.invoke('contracts.update', { id, patch: { expiryDate: '2026-12-01' } }, { emit: (e) => events.push(e) });
  assert.deepEqual(
    events.filter((e) => e.type === 'library.changed').map((e) => (e as { contractIds: string[] }).contractIds),
    [[id], [id]],
  );
  const first = await core.invoke('reminders.takeDue', { leadDays: 7 });
  assert.ok(first.ok && (first.value as Array<{ contractId: string }>).some((r) => r.contractId === id));
  const second = await core.invoke('reminders.takeDue', { leadDays: 7 });
  assert.ok(second.ok && !(second.value as Array<{ contractId: string }>).some((r) => r.contractId === id));
});

test('importing a signed PDF verifies it and keeps the verdict with the version', async () => {
  const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus/pades-dss');
  const { readFileSync } = await import('node:fs');
  const files = [];
  for (const f of ['modified_after_signature.pdf', 'pdf-signed-original.pdf'])
    files.push({ uploadId: await upload(core, readFileSync(path.join(corpus, f)), f) });
  const imp = await core.invoke('library.import', { files });
  assert.ok(imp.ok);
  const verdicts: Array<string | null> = [];
  for (const o of (imp.value as { outcomes: Array<{ contractId: string }> }).outcomes) {
    const c = await core.invoke('contracts.get', { id: o.contractId });
    assert.ok(c.ok);
    const contract = c.value as { status: string; documents: Array<{ versions: Array<{ verdict: string | null }> }> };
    // "Signed" follows valid signatures only: one was altered, the other's signer is not trusted here.
    assert.notEqual(contract.status, 'signed');
    verdicts.push(contract.documents[0].versions[0].verdict);
    const audit = await core.invoke('contracts.audit', { id: o.contractId });
    assert.ok(audit.ok && (audit.value as { events: Array<{ action: string }> }).events.some((e) => e.action === 'version.verified'));
  }
  assert.equal(verdicts[0], 'invalid', 'content changed after signing');
  assert.notEqual(verdicts[1], 'invalid', 'intact, only its trust is not established');
  assert.notEqual(verdicts[1], null);
});

test('an oversized list fails fast with a small error, whatever transport brought it', async () => {
  const started = performance.now();
  const r = await core.invoke('contracts.search', { status: new Array(1_000_000).fill('closed') });
  const took = performance.now() - started;
  assert.equal(!r.ok && r.error.code, 'INVALID_INPUT');
  assert.ok(JSON.stringify(r).length < 2000, `error of ${JSON.stringify(r).length} characters`);
  assert.ok(took < 500, `${took} ms`);
});

test('an input with many bad fields reports a few of its issues, not all', async () => {
  const parties = { role: '', name: '' };
  const r = await core.invoke('contracts.update', {
    id: 'x',
    patch: { tags: new Array(50).fill(''), title: '', notes: 7, value: { amount: 'x', currency: 'y' } },
    extra: parties,
  });
  assert.equal(!r.ok && r.error.code, 'INVALID_INPUT');
  const issues = !r.ok ? String(r.error.details.issues) : '';
  assert.equal(issues.split('; ').length, MAX_REPORTED_ISSUES + 1);
  assert.match(issues, /… \d+ more$/);
});

test('the data folder is not the page’s to change: settings.update refuses dataDir, only the shell’s own call stores it', async () => {
  const before = await core.invoke('settings.get', {});
  const dataDir = before.ok ? (before.value as { dataDir: string }).dataDir : '';
  const elsewhere = path.join(tmpdir(), 'inkstone-elsewhere');
  const refused = await core.invoke('settings.update', { language: 'en', dataDir: elsewhere });
  assert.equal(!refused.ok && refused.error.code, 'INVALID_INPUT');
  assert.match(!refused.ok ? String(refused.error.details.issues) : '', /dataDir/);
  const reread = createCoreService({ dataDir: dir });
  const stored = await reread.invoke('settings.get', {});
  reread.close();
  assert.equal(stored.ok && (stored.value as { dataDir: string }).dataDir, dataDir);

  // The shell's call goes over the same port protocol as operations, but is not one.
  const a = new MessageChannel();
  serveCoreOverPort({ post: (m) => a.port1.postMessage(m), onMessage: (l) => a.port1.on('message', l) }, core);
  const client = connectCoreClient({ post: (m) => a.port2.postMessage(m), onMessage: (l) => a.port2.on('message', l) });
  const relative = await client.setDataDir('relative/folder');
  assert.equal(!relative.ok && relative.error.code, 'INVALID_INPUT');
  const moved = await client.setDataDir(elsewhere);
  assert.equal(moved.ok && (moved.value as { dataDir: string }).dataDir, elsewhere);
  const asOperation = await client.invoke('settings.setDataDir', { dir: dataDir });
  assert.equal(!asOperation.ok && asOperation.error.code, 'UNKNOWN_OPERATION');
  a.port1.close();
  const restored = await core.setDataDir(dataDir);
  assert.ok(restored.ok);
});

test('opening the core sweeps temp files a crash left in the data folder, the store’s shards and the trust folder', async () => {
  const data = mkdtempSync(path.join(tmpdir(), 'inkstone-core-sweep-'));
  const old = (Date.now() - STALE_TEMP_AFTER_MS - 60_000) / 1000;
  const leftovers = [
    path.join(data, '.inkstone-tmp-settings.json.aaaa'),
    path.join(data, 'documents', '3f', '9a', '.inkstone-tmp-3f9a.bbbb'),
    path.join(data, 'trusted-certificates', '.inkstone-tmp-ca.pem.cccc'),
  ];
  for (const f of leftovers) {
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, 'torn write');
    utimesSync(f, old, old);
  }
  const opened = createCoreService({ dataDir: data });
  try {
    assert.equal(await opened.sweptTempFiles, leftovers.length);
    for (const f of leftovers) assert.equal(existsSync(f), false, f);
  } finally {
    opened.close();
    rmSync(data, { recursive: true, force: true });
  }
});
