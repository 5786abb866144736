import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { degrees, PDFDocument } from 'pdf-lib';
import { createCoreService, type CoreService } from '../../src-main/core/service/index.js';
import { upload } from '../support/uploads.js';
import type { Contract, SavedPlacements, VersionPlacements } from '../../src-shared/api/index.js';

let dir: string;
let core: CoreService;
let versionId: string;
let contractId: string;

/** Page 1 portrait A4, page 2 A4 turned a quarter (shown 842 × 595), page 3 portrait A4. */
async function threePages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.addPage([595, 842]).setRotation(degrees(90));
  doc.addPage([595, 842]);
  return doc.save();
}

async function call<T>(operation: string, input: unknown, on: CoreService = core): Promise<T> {
  const r = await on.invoke(operation, input);
  if (!r.ok) throw Object.assign(new Error(r.error.code), { code: r.error.code, details: r.error.details });
  return r.value as T;
}

async function refusal(operation: string, input: unknown): Promise<string> {
  const r = await core.invoke(operation, input);
  assert.equal(r.ok, false, `${operation} should have been refused`);
  return r.ok ? '' : r.error.code;
}

const seal = (over: Partial<VersionPlacements['placements'][number]> = {}) => ({
  id: 'a',
  kind: 'seal' as const,
  page: 1,
  x: 400,
  y: 80,
  width: 120,
  height: 120,
  ...over,
});

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'inkstone-placements-'));
  core = createCoreService({ dataDir: dir, log: () => {} });
  const { outcomes } = await call<{ outcomes: Array<{ contractId: string }> }>('library.import', {
    files: [{ uploadId: await upload(core, await threePages(), 'three.pdf') }],
  });
  contractId = outcomes[0].contractId;
  const contract = await call<Contract>('contracts.get', { id: contractId });
  versionId = contract.documents[0].versions[0].id;
});
after(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a version starts with no boxes', async () => {
  const saved = await call<SavedPlacements>('placements.get', { versionId });
  assert.deepEqual(saved, { versionId, placements: [], crossPageSeal: null, savedAt: null });
});

test('saved boxes and the cross-page seal come back after a restart, and the save is in the audit trail', async () => {
  const boxes: VersionPlacements = {
    placements: [
      seal(),
      { id: 'b', kind: 'signature', page: 2, x: 600, y: 40, width: 200, height: 60 },
      { id: 'c', kind: 'date', page: 3, x: 0, y: 0, width: 595, height: 30, sealId: 's1' },
    ],
    crossPageSeal: { firstPage: 1, lastPage: 3, size: 113.4, sealId: 's1' },
  };
  const saved = await call<SavedPlacements>('placements.save', { versionId, ...boxes });
  assert.ok(saved.savedAt);
  const restarted = createCoreService({ dataDir: dir, log: () => {} });
  try {
    const again = await call<SavedPlacements>('placements.get', { versionId }, restarted);
    assert.deepEqual(again, { versionId, ...boxes, savedAt: saved.savedAt });
  } finally {
    restarted.close();
  }
  const audit = await call<{ events: Array<{ action: string; details: Record<string, unknown> }> }>('contracts.audit', { id: contractId });
  const entry = audit.events.find((e) => e.action === 'placements.saved');
  assert.deepEqual(entry?.details, { versionId, sha256: entry?.details.sha256, boxes: 3, crossPageSeal: true });
  assert.match(String(entry?.details.sha256), /^[0-9a-f]{64}$/);
});

test('a box must lie on a page of the version, as the page is shown; a refused save changes nothing', async () => {
  const before = await call<SavedPlacements>('placements.get', { versionId });
  const refused = async (placements: unknown[], crossPageSeal: unknown = null) => refusal('placements.save', { versionId, placements, crossPageSeal });
  assert.equal(await refused([seal({ page: 4 })]), 'PLACEMENT_PAGE_OUT_OF_RANGE');
  assert.equal(await refused([seal({ x: 500 })]), 'PLACEMENT_OUTSIDE_PAGE'); // 500 + 120 > 595
  assert.equal(await refused([seal({ y: 750 })]), 'PLACEMENT_OUTSIDE_PAGE'); // 750 + 120 > 842
  // Page 2 is turned: 842 wide and 595 high as shown.
  assert.equal(await refused([seal({ page: 2, y: 500 })]), 'PLACEMENT_OUTSIDE_PAGE');
  assert.equal(await refused([seal({ page: 2, x: 730 })]), 'PLACEMENT_OUTSIDE_PAGE');
  assert.equal(await refused([seal(), seal({ x: 10 })]), 'PLACEMENT_DUPLICATE_ID');
  assert.equal(await refused([], { firstPage: 2, lastPage: 4, size: 113.4 }), 'PLACEMENT_CROSS_PAGE_SEAL_INVALID');
  assert.equal(await refused([], { firstPage: 1, lastPage: 3, size: 600 }), 'PLACEMENT_CROSS_PAGE_SEAL_INVALID'); // taller than page 2
  // The schema: no page 0, no negative or empty box, no unknown kind, a bounded list.
  assert.equal(await refused([seal({ page: 0 })]), 'INVALID_INPUT');
  assert.equal(await refused([seal({ width: 0 })]), 'INVALID_INPUT');
  assert.equal(await refused([seal({ x: -1 })]), 'INVALID_INPUT');
  assert.equal(await refused([{ ...seal(), kind: 'stamp' }]), 'INVALID_INPUT');
  assert.equal(await refused(Array.from({ length: 201 }, (_, i) => seal({ id: String(i) }))), 'INVALID_INPUT');
  assert.deepEqual(await call<SavedPlacements>('placements.get', { versionId }), before);
});

test('an unknown version is named as such', async () => {
  assert.equal(await refusal('placements.get', { versionId: '0'.repeat(32) }), 'VERSION_NOT_FOUND');
  assert.equal(await refusal('placements.save', { versionId: '0'.repeat(32), placements: [], crossPageSeal: null }), 'VERSION_NOT_FOUND');
});
