import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Library } from '../../src-main/core/library/index.js';
import { createCoreService, onFirstUse } from '../../src-main/core/service/index.js';
import { coreBundleDir } from '../support/bundles.js';
import { recordLoads, sourcesOf } from '../support/module-loads.js';

/**
 * The core answers its first library query before loading anything else (issue 13: ready within
 * 300 ms of being spawned): service.ts imports devices, seals, the signing ceremony, drafting and
 * a draft's files when their operations are first called. Checked on the bundle that ships, in a
 * worker thread as the browser host runs it, by recording every file Node loads from the spawn to
 * the answer of the first `contracts.search`; an eager import of any of them fails here.
 */
const HEAVY = ['pkijs', 'pdf-lib', 'yjs', 'prosemirror-', 'y-prosemirror', 'pkcs11js', 'docx', 'mammoth', 'pdfjs-dist', 'fontkit', '@peculiar/x509'];

/** The package a loaded path comes from, or null for our own sources. */
const packageOf = (file: string): string | null => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.split(path.sep).join('/'));
  return m ? m[1] : null;
};

test('starting the core and answering the first search loads the library, and no device, signing, drafting or PDF-writing code', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-core-start-'));
  try {
    const dataDir = path.join(dir, 'library');
    const seeded = new Library(dataDir);
    seeded.createContract({ title: '技术服务合同' });
    seeded.close();
    // The host's side of the core thread (src-main/host/core-thread.ts), reduced to the first call.
    const script = path.join(dir, 'first-search.mjs');
    writeFileSync(
      script,
      `import { Worker } from 'node:worker_threads';
const w = new Worker(process.argv[2], { workerData: { dataDir: process.argv[3] } });
w.on('message', (m) => { if (m.kind === 'result') { console.log(JSON.stringify(m.result)); process.exit(0); } });
w.postMessage({ kind: 'call', id: 1, operation: 'contracts.search', input: { text: '技术服务' } });
`,
    );
    const run = recordLoads([script, path.join(coreBundleDir(), 'core-worker.js'), dataDir]);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout.trim()) as { ok: boolean; value?: { hits: Array<{ title: string }> } };
    assert.equal(answer.ok, true);
    assert.deepEqual(
      answer.value?.hits.map((c) => c.title),
      ['技术服务合同'],
    );

    const sources = run.files.flatMap((f) => (f.includes(`${path.sep}node_modules${path.sep}`) ? [f] : f.endsWith('.js') ? sourcesOf(f) : []));
    const packages = new Set(sources.map(packageOf).filter((p): p is string => p !== null));
    // The recorder sees the worker thread: the library and SQLite were loaded there.
    assert.ok(packages.has('better-sqlite3'), 'better-sqlite3 is recorded');
    assert.ok(
      sources.some((s) => s.includes('src-main/core/library/')),
      'the library is recorded',
    );
    const heavy = [...packages].filter((p) => HEAVY.some((h) => (h.endsWith('-') ? p.startsWith(h) : p === h)));
    assert.deepEqual(heavy, [], 'no heavy package is loaded before the first search is answered');
    for (const capability of ['devices', 'seals', 'drafting', 'draft-files', 'signing', 'tokens', 'pki', 'verify', 'sync', 'evidence'])
      assert.deepEqual(
        sources.filter((s) => s.includes(`src-main/core/${capability}/`)),
        [],
        `core/${capability} is loaded on first use`,
      );
    assert.deepEqual(
      sources.filter((s) => s.endsWith('service/signing-ceremony.ts')),
      [],
      'the signing ceremony is loaded on first use',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the areas loaded on first use answer through the same handler table', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inkstone-core-areas-'));
  const core = createCoreService({ dataDir: dir, log: () => undefined });
  try {
    const contract = await core.invoke('contracts.create', { title: '采购合同' });
    assert.ok(contract.ok);
    const contractId = (contract.value as { id: string }).id;
    // Drafting (yjs, ProseMirror), twice: the second call reuses what the first loaded.
    const draft = await core.invoke('drafts.create', { contractId, language: 'zh-CN' });
    assert.equal(draft.ok, true, JSON.stringify(draft));
    const reopened = await core.invoke('drafts.open', { contractId });
    assert.equal(reopened.ok && (reopened.value as { draftId: string }).draftId, draft.ok && (draft.value as { draftId: string }).draftId);
    // The organisation and its seals (pdf-lib stays unloaded until a seal is stamped).
    assert.deepEqual(await core.invoke('organisation.get', {}), { ok: true, value: { profile: null } });
    assert.deepEqual(await core.invoke('seals.list', {}), { ok: true, value: { seals: [] } });
    // Typed errors still come back typed from a lazily loaded area.
    const missing = await core.invoke('drafts.open', { contractId: '0'.repeat(32) });
    assert.equal(!missing.ok && missing.error.code, 'CONTRACT_NOT_FOUND');
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('onFirstUse loads once, and again after a failed load', async () => {
  let loads = 0;
  const area = onFirstUse(async () => {
    loads++;
    if (loads === 1) throw new Error('disk was busy');
    return { loads };
  });
  await assert.rejects(area(), /disk was busy/);
  assert.deepEqual(await Promise.all([area(), area()]), [{ loads: 2 }, { loads: 2 }]);
  assert.equal(loads, 2);
});
