import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Caller } from '../../src-evidence/context.js';
import { deleteDocument, readDocumentContent } from '../../src-evidence/documents/library.js';
import { submitDocument } from '../../src-evidence/documents/submit.js';
import { authenticate } from '../../src-evidence/tenancy/index.js';
import { postgresAvailable } from '../support/postgres.js';
import { samplePdf, startHarness, type Harness, type HarnessOptions } from './support/harness.js';

/**
 * Two documents of one tenant with the same bytes share one content-addressed blob. Deleting the
 * unsigned copy while the same bytes are being submitted as signed must never take the blob the
 * signed document needs (the review lost 6 of 82). Each round races the deletion against the signed
 * submission; afterwards the signed document's bytes must read back. CI runs 60 rounds per backend
 * (without the fix they lost 3 to 26 of them); INKSTONE_BLOB_RACE_ROUNDS=1000 runs the count.
 */
const ROUNDS = Number(process.env.INKSTONE_BLOB_RACE_ROUNDS ?? 60);

async function raceDeleteAgainstSignedSubmit(h: Harness, rounds: number): Promise<{ lost: number; rounds: number }> {
  const { token } = await h.tenant(`Race ${Math.random()}`);
  const ctx = h.service.ctx;
  const caller: Caller = await authenticate(ctx, `Bearer ${token}`);
  let lost = 0;
  for (let i = 0; i < rounds; i++) {
    const bytes = samplePdf(`shared bytes ${i} ${Math.random()}`, 20_000);
    const unsigned = await submitDocument(ctx, caller, bytes, { event: 'registered' });
    const [, signed] = await Promise.all([deleteDocument(ctx, caller, unsigned.documentId!), submitDocument(ctx, caller, bytes, { event: 'signed' })]);
    try {
      const read = await readDocumentContent(ctx, caller, signed.documentId!);
      if (!Buffer.concat(await read.stream.toArray()).equals(bytes)) lost++;
    } catch {
      lost++;
    }
  }
  return { lost, rounds };
}

function suite(label: string, options: HarnessOptions): void {
  describe(`blob lifetime on ${label}`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ ...options, manualIntegration: true });
    });
    after(() => h?.close());

    it(`${ROUNDS} rounds of delete-unsigned against submit-signed of the same bytes: no signed document loses its bytes`, async () => {
      const { lost } = await raceDeleteAgainstSignedSubmit(h, ROUNDS);
      assert.equal(lost, 0, `${lost} of ${ROUNDS} signed documents lost their bytes`);
    });

    it('the last deletion removes the bytes; replayed and refused submissions leave no reference behind', async () => {
      const { token } = await h.tenant('Refs Co');
      const ctx = h.service.ctx;
      const caller = await authenticate(ctx, `Bearer ${token}`);
      const bytes = samplePdf('kept twice, deleted twice');
      const first = await submitDocument(ctx, caller, bytes, { event: 'registered', idempotencyKey: 'k1' });
      const replay = await submitDocument(ctx, caller, bytes, { event: 'registered', idempotencyKey: 'k1' });
      assert.equal(replay.documentId, first.documentId);
      await assert.rejects(submitDocument(ctx, caller, bytes, { event: 'archived', idempotencyKey: 'k1' }), { code: 'EVIDENCE_IDEMPOTENCY_MISMATCH' });
      const second = await submitDocument(ctx, caller, bytes, { event: 'registered' });
      const key = (await ctx.db.get<{ blob_key: string }>('SELECT blob_key FROM documents WHERE id = ?', [first.documentId]))!.blob_key;
      assert.equal((await ctx.db.get<{ refs: number }>('SELECT refs FROM document_blobs WHERE blob_key = ?', [key]))!.refs, 2);
      await deleteDocument(ctx, caller, first.documentId!);
      await deleteDocument(ctx, caller, first.documentId!);
      assert.ok(await ctx.blobs.get(key), 'the second document still holds the bytes');
      await deleteDocument(ctx, caller, second.documentId!);
      assert.equal(await ctx.blobs.get(key), null, 'no document left: the bytes are gone');
      assert.equal(await ctx.db.get('SELECT blob_key FROM document_blobs WHERE blob_key = ?', [key]), undefined);
      // The same bytes again get a blob of their own.
      const again = await submitDocument(ctx, caller, bytes, { event: 'registered' });
      assert.deepEqual(Buffer.concat(await (await readDocumentContent(ctx, caller, again.documentId!)).stream.toArray()), bytes);
    });
  });
}

suite('SQLite + filesystem', { backend: 'sqlite' });
if (postgresAvailable()) suite('PostgreSQL + filesystem', { backend: 'postgres' });
