// Templates through the core's operations: the gallery listed, a template opened whole, a contract
// and its draft made from one (variables remembered), template files exported, imported back, and
// bad files refused with typed errors leaving nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { TEMPLATES_FOLDER } from '../../src-main/core/drafting/index.js';
import { MAX_TEMPLATE_BYTES, readDraftVariables } from '../../src-shared/drafting/index.js';
import type { OperationInput, OperationName, OperationOutput } from '../../src-shared/api/index.js';
import { download, upload } from '../support/uploads.js';

let dir: string;
let core: CoreService;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-templates-'));
  core = createCoreService({ dataDir: dir });
});
after(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An operation's answer, typed by the operations table. */
async function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const r = await core.invoke(name, input);
  if (!r.ok) throw new Error(`refused: ${r.error.code}`);
  return r.value as OperationOutput<N>;
}
const pairs = (values: Record<string, string>) => Object.entries(values).map(([key, value]) => ({ key, value }));
const refusal = async (result: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await result;
  return r.ok ? 'accepted' : r.error!.code;
};

test('the gallery is listed in both languages; a contract made from the NDA has its parties and a draft that remembers its variables', async () => {
  const { templates } = await call('templates.list', {});
  assert.deepEqual(
    templates.filter((t) => t.source === 'gallery').map((t) => t.id),
    ['nda', 'purchase', 'services', 'employment']
      .flatMap((n) => [`gallery-${n}-zh-CN`])
      .concat(['nda', 'purchase', 'services', 'employment'].map((n) => `gallery-${n}-en`)),
  );
  const { template } = await call('templates.get', { id: 'gallery-nda-zh-CN' });
  assert.equal(template.title, '保密协议');
  const values = { discloser: '北京甲科技有限公司', recipient: '上海乙有限公司', purpose: '软件开发合作', effectiveDate: '2026-12-07', penalty: '1,000' };
  assert.equal(
    await refusal(core.invoke('templates.createDraft', { templateId: 'gallery-nda-zh-CN', values: pairs({ ...values, penalty: '-5' }) })),
    'VARIABLE_INVALID',
  );
  const made = await call('templates.createDraft', { templateId: 'gallery-nda-zh-CN', values: pairs(values) });
  const contract = await call('contracts.get', { id: made.contractId });
  assert.deepEqual(
    contract.parties.map((p) => `${p.role}:${p.name}`),
    ['甲方:北京甲科技有限公司', '乙方:上海乙有限公司'],
  );
  const session = await call('drafts.open', { contractId: made.contractId });
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, Buffer.from(session.stateBase64, 'base64'));
  assert.equal(readDraftVariables(ydoc).values.penalty, '1000.00');
  // The refused values made no contract.
  const search = await call('contracts.search', { text: '' });
  assert.equal(search.total, 1);
});

test('a template exported as a file imports back; bad files are refused with typed errors and nothing is stored', async () => {
  const file = await call('templates.export', { id: 'gallery-purchase-en' });
  const bytes = await download(core, file);
  assert.match(file.name, /^purchase-en\..*\.json$/);
  const edited = JSON.parse(bytes.toString('utf8'));
  edited.name = 'our-purchase';
  edited.title = 'Our Purchase Agreement';
  const imported = await call('templates.import', { uploadId: await upload(core, JSON.stringify(edited), 'ours.json') });
  assert.equal(imported.source, 'imported');
  assert.equal(imported.title, 'Our Purchase Agreement');
  // Importing the same template again keeps one copy.
  await call('templates.import', { uploadId: await upload(core, JSON.stringify(edited), 'again.json') });
  const listed = (await call('templates.list', {})).templates.filter((t) => t.source === 'imported');
  assert.deepEqual(
    listed.map((t) => t.id),
    [imported.id],
  );
  const made = await call('templates.createDraft', {
    templateId: imported.id,
    values: pairs({ buyer: 'Acme', seller: 'Beta', goods: 'servers', quantity: '2', price: '10', deliveryDate: '2027-01-01', place: 'Beijing' }),
  }); // prettier-ignore
  assert.equal((await call('contracts.get', { id: made.contractId })).title, 'Our Purchase Agreement');

  const stored = () => readdirSync(path.join(dir, TEMPLATES_FOLDER)).sort();
  const before = stored();
  const bad = async (content: string | Uint8Array) => refusal(core.invoke('templates.import', { uploadId: await upload(core, content, 'bad.json') }));
  assert.equal(await bad('{ not json'), 'TEMPLATE_INVALID');
  assert.equal(
    await bad(
      JSON.stringify({
        ...edited,
        variables: [
          { key: 'x', kind: 'text', label: 'X' },
          { key: 'x', kind: 'text', label: 'X' },
        ],
      }),
    ),
    'TEMPLATE_INVALID',
  );
  assert.equal(await bad(JSON.stringify({ ...edited, document: { type: 'doc', content: [{ type: 'nonsense' }] } })), 'TEMPLATE_INVALID');
  assert.equal(await bad(new Uint8Array([0xff, 0xfe, 0x00, 0x7b])), 'TEMPLATE_INVALID');
  assert.equal(await bad('x'.repeat(MAX_TEMPLATE_BYTES + 1)), 'TEMPLATE_TOO_LARGE');
  assert.deepEqual(stored(), before, 'a refused file leaves nothing behind');

  assert.equal(await refusal(core.invoke('templates.remove', { id: 'gallery-nda-en' })), 'TEMPLATE_BUILT_IN');
  assert.equal(await refusal(core.invoke('templates.get', { id: 'f'.repeat(32) })), 'DRAFT_TEMPLATE_NOT_FOUND');
  const after = await call('templates.remove', { id: imported.id });
  assert.equal(after.templates.filter((t) => t.source === 'imported').length, 0);
});
