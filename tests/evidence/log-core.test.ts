import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseNoteVerifier,
  parseNoteSigner,
  parseNote,
  noteSignedBy,
  signNote,
  generateNoteSigner,
  signCheckpoint,
  openCheckpoint,
  parseCheckpointText,
  formatEvidenceNumber,
  parseEvidenceNumber,
  checkCharacter,
  logIdFor,
  encodeStatement,
  decodeStatement,
  commitmentFor,
  scopeTag,
} from '../../src-main/core/evidence/index.js';
import { InkstoneError } from '../../src-shared/errors/index.js';

// The example of Go's golang.org/x/mod/sumdb/note package: our notes interoperate with C2SP tooling.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

test('signed notes: the Go sumdb/note example verifies, and we produce the same signature', () => {
  const v = parseNoteVerifier(GO_VKEY);
  const note = parseNote(GO_NOTE);
  assert.equal(note.text, GO_TEXT);
  assert.ok(noteSignedBy(note, v));
  const signer = parseNoteSigner(GO_SKEY);
  assert.equal(signer.verifier.encoded, GO_VKEY);
  // Ed25519 is deterministic: same key, same text, same note.
  assert.equal(signNote(GO_TEXT, [signer]), GO_NOTE);
  assert.ok(!noteSignedBy(parseNote(GO_NOTE.replace('problem,', 'problem;')), v));
});

test('signed notes: keys whose base64 holds "+" round-trip; malformed notes are refused', () => {
  for (let i = 0; i < 40; i++) {
    const s = generateNoteSigner('example.com/log');
    assert.equal(parseNoteSigner(s.encoded).verifier.encoded, s.verifier.encoded);
    assert.equal(parseNoteVerifier(s.verifier.encoded).keyHash, s.keyHash);
  }
  assert.throws(
    () => parseNote('no signatures\n'),
    (e: unknown) => e instanceof InkstoneError && e.code === 'EVIDENCE_NOTE_MALFORMED',
  );
  assert.throws(() => signNote('no newline', [generateNoteSigner('x')]), InkstoneError);
  assert.throws(() => parseNoteVerifier('PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), InkstoneError);
});

test('checkpoints: sign, open, refuse a wrong key, a wrong origin and malformed bodies', () => {
  const signer = generateNoteSigner('inkstone-evidence/TESTLOG2');
  const root = Buffer.alloc(32, 7);
  const note = signCheckpoint({ origin: signer.name, size: 42, root }, signer);
  const cp = openCheckpoint(note, signer.verifier);
  assert.equal(cp.size, 42);
  assert.deepEqual(Buffer.from(cp.root), root);
  const other = generateNoteSigner('inkstone-evidence/TESTLOG2');
  assert.throws(
    () => openCheckpoint(note, other.verifier),
    (e: unknown) => (e as InkstoneError).code === 'EVIDENCE_CHECKPOINT_SIGNATURE_INVALID',
  );
  assert.throws(() => parseCheckpointText('origin\n01\nAAAA\n'), InkstoneError);
  assert.throws(() => parseCheckpointText(`origin\n1\n${root.toString('base64')}`), InkstoneError);
});

test('evidence numbers: round trip, tolerant of case and spaces, every single error and adjacent swap caught', () => {
  const logId = logIdFor(Buffer.alloc(32, 1));
  assert.match(logId, /^[A-Z2-7]{8}$/u);
  for (const index of [0, 1, 9, 10, 1234, 98_765_432, 2 ** 40]) {
    const text = formatEvidenceNumber(logId, index);
    assert.equal(parseEvidenceNumber(` ${text.toLowerCase()} `).index, index);
    const chars = [...text];
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === '-') continue;
      for (const c of alphabet) {
        if (c === chars[i]) continue;
        const typo = [...chars];
        typo[i] = c;
        assert.throws(() => {
          const p = parseEvidenceNumber(typo.join(''));
          if (p.index === index && p.logId === logId) throw new Error('same');
        }, `substitution at ${i} in ${text}`);
      }
      if (i + 1 < chars.length && chars[i + 1] !== '-' && chars[i] !== chars[i + 1]) {
        const swapped = [...chars];
        [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
        assert.throws(() => parseEvidenceNumber(swapped.join('')), `swap at ${i} in ${text}`);
      }
    }
  }
  assert.equal(checkCharacter('K7Q2M9XA1234').length, 1);
});

test('statements: one canonical form, commitment and scope are domain-separated hashes', () => {
  const s = {
    scope: scopeTag(Buffer.alloc(32, 2)),
    event: 'signed' as const,
    claimedTime: '2026-03-01T08:00:00.000Z',
    commitment: commitmentFor('a'.repeat(64), 'b'.repeat(64)),
    previous: null,
  };
  const bytes = encodeStatement(s);
  assert.deepEqual(decodeStatement(bytes), s);
  assert.throws(() => decodeStatement(Buffer.from(bytes.toString().replace('event signed', 'event  signed'))), InkstoneError);
  assert.throws(() => encodeStatement({ ...s, claimedTime: '2026-03-01T08:00:00Z' }), InkstoneError);
  assert.notEqual(commitmentFor('a'.repeat(64), 'b'.repeat(64)), commitmentFor('b'.repeat(64), 'a'.repeat(64)));
  assert.ok(!bytes.toString().includes('tenant') && bytes.toString().split('\n').length === 7);
});
