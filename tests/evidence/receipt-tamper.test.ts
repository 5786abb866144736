import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EvidenceClient, verifyReceipt, formatEvidenceNumber, generateNoteSigner, type EvidenceReceipt } from '../../src-main/core/evidence/index.js';
import { samplePdf, startHarness, type Harness } from './support/harness.js';

type DeepMutable<T> = { -readonly [K in keyof T]: T[K] extends object ? DeepMutable<T[K]> : T[K] };
type Mutable = Omit<DeepMutable<EvidenceReceipt>, 'document'> & { document: DeepMutable<NonNullable<EvidenceReceipt['document']>> };

/** Every field of a receipt, altered one at a time: verification fails, naming the right reason. */
describe('receipt tampering', () => {
  let h: Harness;
  let receipt: EvidenceReceipt;
  let other: EvidenceReceipt;
  const pdf = samplePdf('the contract');

  before(async () => {
    h = await startHarness();
    const { token } = await h.tenant('Tamper test');
    const client = new EvidenceClient({ serviceUrl: h.url, token, stateDir: null });
    for (let i = 0; i < 6; i++) await client.submitDocument(samplePdf(`filler ${i}`), { event: 'registered' });
    const ack = await client.submitDocument(pdf, { event: 'signed' });
    const otherAck = await client.submitDocument(samplePdf('another'), { event: 'signed' });
    other = await client.fetchReceipt(otherAck.evidenceNumber);
    // A later entry moves the log on, so `receipt` rests on a newer checkpoint than `other`.
    const after = await client.submitDocument(samplePdf('after'), { event: 'signed' });
    await client.fetchReceipt(after.evidenceNumber);
    receipt = await client.fetchReceipt(ack.evidenceNumber);
    assert.notEqual(receipt.checkpoint, other.checkpoint);
    assert.ok(receipt.inclusionProof.hashes.length >= 2, 'a proof with several steps');
  });
  after(() => h?.close());

  const tamper = (f: (r: Mutable) => void): unknown => {
    const copy = JSON.parse(JSON.stringify(receipt)) as Mutable;
    f(copy);
    return copy;
  };
  const flipHex = (s: string) => (s[0] === '0' ? '1' : '0') + s.slice(1);

  it('the untouched receipt and file verify', async () => {
    const v = await verifyReceipt(receipt, { document: pdf, trustedLogKeys: [h.service.ctx.identity.verifierKey] });
    assert.equal(v.ok, true, JSON.stringify(v.failure));
  });

  const cases: Array<[string, (r: Mutable) => void, string, string, Uint8Array?]> = [
    ['a different file', () => undefined, 'document', 'EVIDENCE_DOCUMENT_MISMATCH', samplePdf('the contract, edited')],
    ['document hash', (r) => (r.document.hash = flipHex(r.document.hash)), 'document', 'EVIDENCE_DOCUMENT_MISMATCH'],
    ['salt', (r) => (r.document.salt = flipHex(r.document.salt)), 'commitment', 'EVIDENCE_COMMITMENT_MISMATCH'],
    ['statement event', (r) => (r.entry.statement = r.entry.statement.replace('event signed', 'event archived')), 'leaf', 'EVIDENCE_LEAF_MISMATCH'],
    [
      'statement claimed time',
      (r) => (r.entry.statement = r.entry.statement.replace(/claimed-time \S+/u, 'claimed-time 2020-01-01T00:00:00.000Z')),
      'leaf',
      'EVIDENCE_LEAF_MISMATCH',
    ],
    ['leaf hash', (r) => (r.entry.leafHash = flipHex(r.entry.leafHash)), 'leaf', 'EVIDENCE_LEAF_MISMATCH'],
    ['entry index', (r) => (r.entry.index += 1), 'evidence-number', 'EVIDENCE_NUMBER_MISMATCH'],
    [
      'evidence number (another valid one)',
      (r) => (r.evidenceNumber = formatEvidenceNumber(r.evidenceNumber.slice(0, 8), r.entry.index + 1)),
      'evidence-number',
      'EVIDENCE_NUMBER_MISMATCH',
    ],
    [
      'evidence number (typo)',
      (r) => (r.evidenceNumber = r.evidenceNumber.replace(/-(\d)/u, (_: string, d: string) => `-${(Number(d) + 1) % 10}`)),
      'evidence-number',
      'EVIDENCE_NUMBER_INVALID',
    ],
    ['a proof hash', (r) => (r.inclusionProof.hashes[1] = flipHex(r.inclusionProof.hashes[1])), 'inclusion', 'EVIDENCE_PROOF_INVALID'],
    ['proof order', (r) => r.inclusionProof.hashes.reverse(), 'inclusion', 'EVIDENCE_PROOF_INVALID'],
    ['tree size', (r) => (r.inclusionProof.treeSize += 1), 'inclusion', 'EVIDENCE_PROOF_INVALID'],
    [
      'checkpoint root',
      (r) => (r.checkpoint = r.checkpoint.replace(/\n([A-Za-z0-9+/]{43}=)\n/u, (_: string, b: string) => `\n${b[0] === 'A' ? 'B' : 'A'}${b.slice(1)}\n`)),
      'checkpoint-signature',
      'EVIDENCE_CHECKPOINT_SIGNATURE_INVALID',
    ],
    [
      'checkpoint signature key hash',
      (r) => (r.checkpoint = r.checkpoint.replace(/ (\S)(\S+)\n$/u, (_: string, c: string, rest: string) => ` ${c === 'A' ? 'B' : 'A'}${rest}\n`)),
      'checkpoint-signature',
      'EVIDENCE_CHECKPOINT_SIGNATURE_INVALID',
    ],
    [
      // The line is `— <name> base64(key hash (4 bytes) ‖ Ed25519 signature (64 bytes))`: the case above
      // changes the key hash, this one a byte inside the signature itself.
      'checkpoint Ed25519 signature byte',
      (r) =>
        (r.checkpoint = r.checkpoint.replace(/ (\S+)\n$/u, (_: string, b64: string) => {
          const raw = Buffer.from(b64, 'base64');
          assert.equal(raw.length, 4 + 64);
          raw[4 + 40] ^= 0x01;
          return ` ${raw.toString('base64')}\n`;
        })),
      'checkpoint-signature',
      'EVIDENCE_CHECKPOINT_SIGNATURE_INVALID',
    ],
    [
      'timestamp token byte',
      (r) => {
        const t = Buffer.from(r.timestamp.token, 'base64');
        t[t.length - 5] ^= 0x01;
        r.timestamp.token = t.toString('base64');
      },
      'timestamp',
      'EVIDENCE_TIMESTAMP_INVALID',
    ],
    ['timestamp of another checkpoint', (r) => (r.timestamp = JSON.parse(JSON.stringify(other.timestamp))), 'timestamp', 'EVIDENCE_TIMESTAMP_INVALID'],
    ['timestamp token truncated', (r) => (r.timestamp.token = r.timestamp.token.slice(0, 200)), 'timestamp', 'EVIDENCE_TIMESTAMP_INVALID'],
    ['format version', (r) => ((r as { version: number }).version = 2), 'format', 'EVIDENCE_RECEIPT_MALFORMED'],
    ['missing field', (r) => delete (r as Partial<Mutable>).inclusionProof, 'format', 'EVIDENCE_RECEIPT_MALFORMED'],
  ];
  for (const [field, mutate, check, code, doc] of cases) {
    it(`tampered ${field} → ${code}`, async () => {
      const v = await verifyReceipt(tamper(mutate), { document: doc ?? pdf });
      assert.equal(v.ok, false);
      assert.equal(v.failure?.check, check, JSON.stringify(v.failure));
      assert.equal(v.failure?.code, code);
    });
  }

  it('a receipt re-signed with another log key fails against the pinned key', async () => {
    const impostor = generateNoteSigner(receipt.log.origin);
    const forged = tamper((r) => (r.log.verifierKey = impostor.verifier.encoded));
    const pinned = await verifyReceipt(forged, { document: pdf, trustedLogKeys: [h.service.ctx.identity.verifierKey] });
    assert.equal(pinned.ok, false);
    assert.ok(pinned.checks.some((c) => c.code === 'EVIDENCE_LOG_KEY_UNTRUSTED'));
    assert.ok(pinned.checks.some((c) => c.code === 'EVIDENCE_CHECKPOINT_SIGNATURE_INVALID'));
  });

  it('an unpinned TSA root is refused when roots are pinned', async () => {
    const v = await verifyReceipt(receipt, { document: pdf, trustedTsaRoots: ['0'.repeat(64)] });
    assert.equal(v.failure?.code, 'EVIDENCE_TSA_UNTRUSTED');
  });
});
