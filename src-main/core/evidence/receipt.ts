import { createHash } from 'node:crypto';
import { InkstoneError, type ErrorCode, type ErrorDetails } from '../../../src-shared/errors/index.js';
import { openCheckpoint } from './checkpoint.js';
import { formatEvidenceNumber, logIdFor, parseEvidenceNumber } from './evidence-number.js';
import { leafHash, verifyInclusion, HASH_SIZE } from './merkle.js';
import { parseNoteVerifier } from './note.js';
import { commitmentFor, decodeStatement, isHex64, type EvidenceStatement } from './statement.js';
import { verifyTimestampToken, type TimestampFacts } from './timestamp.js';

/**
 * The evidence receipt (存证回执), format `inkstone-evidence-receipt` version 1: everything needed to
 * prove, with no network and without trusting the service, that a document with a given SHA-256
 * existed no later than a checkpoint's timestamp. Documented in docs/evidence/receipt-format.md.
 */
export const RECEIPT_FORMAT = 'inkstone-evidence-receipt';
export const RECEIPT_VERSION = 1;

export interface EvidenceReceipt {
  readonly format: typeof RECEIPT_FORMAT;
  readonly version: typeof RECEIPT_VERSION;
  readonly evidenceNumber: string;
  readonly log: {
    readonly origin: string;
    /** C2SP note verifier key of the log: `<origin>+<key hash>+<base64 key>`. */
    readonly verifierKey: string;
  };
  readonly entry: {
    readonly index: number;
    /** The leaf: an Inkstone evidence statement, UTF-8 text. */
    readonly statement: string;
    readonly leafHash: string;
  };
  /** The opening of the statement's commitment. Null only in a public lookup (the salt stays with the tenant). */
  readonly document: { readonly hashAlgorithm: 'SHA-256'; readonly hash: string; readonly salt: string } | null;
  readonly inclusionProof: { readonly treeSize: number; readonly hashes: readonly string[] };
  /** The signed checkpoint note, verbatim. */
  readonly checkpoint: string;
  readonly timestamp: {
    /** RFC 3161 TimeStampToken (DER, base64) over SHA-256 of the checkpoint note's bytes. */
    readonly token: string;
    /** Certificates completing the TSA chain (DER, base64), beyond those inside the token. */
    readonly certificates: readonly string[];
  };
}

/** One check of a receipt verification, in the order they run. */
export type ReceiptCheck =
  'format' | 'document' | 'commitment' | 'leaf' | 'evidence-number' | 'checkpoint-signature' | 'inclusion' | 'timestamp' | 'log-key' | 'tsa-root';

export interface ReceiptCheckResult {
  readonly check: ReceiptCheck;
  readonly ok: boolean;
  readonly code?: ErrorCode;
  readonly message?: string;
  readonly details?: ErrorDetails;
}

export interface ReceiptVerification {
  readonly ok: boolean;
  /** The first failure, when there is one. */
  readonly failure: { readonly code: ErrorCode; readonly check: ReceiptCheck; readonly message: string; readonly details: ErrorDetails } | null;
  readonly checks: readonly ReceiptCheckResult[];
  readonly facts: {
    readonly evidenceNumber: string;
    readonly logOrigin: string;
    readonly logKeyFingerprint: string;
    readonly leafIndex: number;
    readonly treeSize: number;
    readonly checkpointRoot: string;
    readonly documentHash: string | null;
    readonly statement: EvidenceStatement | null;
    readonly timestamp: TimestampFacts | null;
    /** Whether the log key and TSA root matched pins the verifier holds (null: nothing pinned). */
    readonly logKeyPinned: boolean | null;
    readonly tsaRootPinned: boolean | null;
  } | null;
}

export interface VerifyReceiptOptions {
  /** The document's bytes, or its SHA-256 (hex) when only the hash is at hand. */
  readonly document?: Uint8Array | { readonly sha256: string };
  /** Log verifier keys this verifier trusts (from earlier use, or published by the operator). */
  readonly trustedLogKeys?: readonly string[];
  /** SHA-256 fingerprints (hex) of TSA roots this verifier trusts. */
  readonly trustedTsaRoots?: readonly string[];
}

function hexOk(v: unknown, bytes = HASH_SIZE): v is string {
  return typeof v === 'string' && v.length === bytes * 2 && /^[0-9a-f]+$/u.test(v);
}

/** Structural check; throws EVIDENCE_RECEIPT_MALFORMED naming the first bad field. */
export function parseReceipt(value: unknown): EvidenceReceipt {
  const bad = (field: string): never => {
    throw new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: `field “${field}” is missing or invalid` });
  };
  const r = value as Partial<EvidenceReceipt> | null;
  if (!r || typeof r !== 'object') bad('receipt');
  if (r!.format !== RECEIPT_FORMAT) bad('format');
  if (r!.version !== RECEIPT_VERSION) {
    throw new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', {
      reason: `receipt version ${String(r!.version)} is not supported (this Inkstone reads version ${RECEIPT_VERSION})`,
    });
  }
  if (typeof r!.evidenceNumber !== 'string') bad('evidenceNumber');
  if (!r!.log || typeof r!.log.origin !== 'string' || typeof r!.log.verifierKey !== 'string') bad('log');
  const e = r!.entry;
  if (!e || !Number.isSafeInteger(e.index) || e.index < 0 || typeof e.statement !== 'string' || !hexOk(e.leafHash)) bad('entry');
  const d = r!.document;
  if (d !== null && (!d || d.hashAlgorithm !== 'SHA-256' || !hexOk(d.hash) || !hexOk(d.salt))) bad('document');
  const p = r!.inclusionProof;
  if (!p || !Number.isSafeInteger(p.treeSize) || !Array.isArray(p.hashes) || !p.hashes.every((h) => hexOk(h))) bad('inclusionProof');
  if (typeof r!.checkpoint !== 'string') bad('checkpoint');
  const t = r!.timestamp;
  if (!t || typeof t.token !== 'string' || !Array.isArray(t.certificates) || !t.certificates.every((c) => typeof c === 'string')) bad('timestamp');
  return r as EvidenceReceipt;
}

function fingerprint(verifierKey: string): string {
  return createHash('sha256').update(verifierKey.trim()).digest('hex');
}

/**
 * Verify a receipt offline. Every check runs even after a failure where it can, so a report shows
 * the whole picture; `ok` is true only when all pass (pins, when given, included).
 */
export async function verifyReceipt(input: unknown, options: VerifyReceiptOptions = {}): Promise<ReceiptVerification> {
  const checks: ReceiptCheckResult[] = [];
  const pass = (check: ReceiptCheck) => checks.push({ check, ok: true });
  const failWith = (check: ReceiptCheck, err: unknown) => {
    const e = err instanceof InkstoneError ? err : new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: (err as Error)?.message ?? String(err) });
    checks.push({ check, ok: false, code: e.code, message: e.message, details: e.details });
  };
  const result = (facts: ReceiptVerification['facts']): ReceiptVerification => {
    const first = checks.find((c) => !c.ok);
    return {
      ok: !first,
      failure: first ? { code: first.code!, check: first.check, message: first.message!, details: first.details ?? {} } : null,
      checks,
      facts,
    };
  };

  let receipt: EvidenceReceipt;
  let statement: EvidenceStatement | null = null;
  try {
    receipt = parseReceipt(input);
    pass('format');
  } catch (err) {
    failWith('format', err);
    return result(null);
  }

  // 1. The document is the one the receipt is about.
  if (options.document) {
    const docHash =
      options.document instanceof Uint8Array ? createHash('sha256').update(options.document).digest('hex') : options.document.sha256.toLowerCase();
    if (!receipt.document)
      failWith('document', new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: 'the receipt does not hold the document hash and salt' }));
    else if (!isHex64(docHash) || docHash !== receipt.document.hash)
      failWith('document', new InkstoneError('EVIDENCE_DOCUMENT_MISMATCH', { expected: receipt.document.hash, actual: docHash }));
    else pass('document');
  }

  // 2. The statement commits to that hash with that salt, and the leaf hash is the statement's.
  const statementBytes = Buffer.from(receipt.entry.statement, 'utf8');
  try {
    statement = decodeStatement(statementBytes);
    if (receipt.document) {
      if (commitmentFor(receipt.document.hash, receipt.document.salt) !== statement.commitment) {
        throw new InkstoneError('EVIDENCE_COMMITMENT_MISMATCH', {});
      }
      pass('commitment');
    }
  } catch (err) {
    failWith('commitment', err);
  }
  const leaf = Buffer.from(leafHash(statementBytes));
  if (leaf.toString('hex') !== receipt.entry.leafHash) failWith('leaf', new InkstoneError('EVIDENCE_LEAF_MISMATCH', { index: receipt.entry.index }));
  else pass('leaf');

  // 3. The log key, its evidence number and its signed checkpoint.
  let verifier;
  try {
    verifier = parseNoteVerifier(receipt.log.verifierKey);
    if (verifier.name !== receipt.log.origin)
      throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: 'the log key is not named after the log origin' });
  } catch (err) {
    failWith('checkpoint-signature', err);
    return result(null);
  }
  try {
    const num = parseEvidenceNumber(receipt.evidenceNumber);
    if (num.logId !== logIdFor(verifier.publicKey) || num.index !== receipt.entry.index) {
      throw new InkstoneError('EVIDENCE_NUMBER_MISMATCH', {
        number: receipt.evidenceNumber,
        expected: formatEvidenceNumber(logIdFor(verifier.publicKey), receipt.entry.index),
      });
    }
    pass('evidence-number');
  } catch (err) {
    failWith('evidence-number', err);
  }
  let checkpoint;
  try {
    checkpoint = openCheckpoint(receipt.checkpoint, verifier);
    pass('checkpoint-signature');
  } catch (err) {
    failWith('checkpoint-signature', err);
  }

  // 4. The inclusion proof leads from the leaf to the signed root.
  if (checkpoint) {
    const proof = receipt.inclusionProof.hashes.map((h) => Buffer.from(h, 'hex'));
    if (receipt.inclusionProof.treeSize !== checkpoint.size || !verifyInclusion(leaf, receipt.entry.index, checkpoint.size, proof, checkpoint.root)) {
      failWith('inclusion', new InkstoneError('EVIDENCE_PROOF_INVALID', { index: receipt.entry.index, treeSize: checkpoint.size }));
    } else pass('inclusion');
  }

  // 5. The checkpoint existed at the TSA's time.
  let timestamp: TimestampFacts | null = null;
  try {
    timestamp = await verifyTimestampToken(Buffer.from(receipt.timestamp.token, 'base64'), {
      imprint: createHash('sha256').update(receipt.checkpoint, 'utf8').digest(),
      certificates: receipt.timestamp.certificates.map((c) => Buffer.from(c, 'base64')),
    });
    pass('timestamp');
  } catch (err) {
    failWith('timestamp', err);
  }

  // 6. Pins: a receipt is only as good as the keys it is checked against.
  let logKeyPinned: boolean | null = null;
  if (options.trustedLogKeys?.length) {
    logKeyPinned = options.trustedLogKeys.some((k) => k.trim() === receipt.log.verifierKey.trim());
    if (logKeyPinned) pass('log-key');
    else
      failWith('log-key', new InkstoneError('EVIDENCE_LOG_KEY_UNTRUSTED', { origin: receipt.log.origin, fingerprint: fingerprint(receipt.log.verifierKey) }));
  }
  let tsaRootPinned: boolean | null = null;
  if (options.trustedTsaRoots?.length && timestamp) {
    tsaRootPinned = options.trustedTsaRoots.map((r) => r.toLowerCase()).includes(timestamp.rootSha256);
    if (tsaRootPinned) pass('tsa-root');
    else failWith('tsa-root', new InkstoneError('EVIDENCE_TSA_UNTRUSTED', { root: timestamp.rootSubject, fingerprint: timestamp.rootSha256 }));
  }

  return result({
    evidenceNumber: receipt.evidenceNumber,
    logOrigin: receipt.log.origin,
    logKeyFingerprint: fingerprint(receipt.log.verifierKey),
    leafIndex: receipt.entry.index,
    treeSize: receipt.inclusionProof.treeSize,
    checkpointRoot: checkpoint ? Buffer.from(checkpoint.root).toString('hex') : '',
    documentHash: receipt.document?.hash ?? null,
    statement,
    timestamp,
    logKeyPinned,
    tsaRootPinned,
  });
}

export { fingerprint as logKeyFingerprint };
