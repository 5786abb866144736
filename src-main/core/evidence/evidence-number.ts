import { createHash } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * Evidence numbers (存证编号): `<LOG ID>-<LEAF INDEX>-<CHECK>`, e.g. `K7Q2M9XA-1234-W`.
 *
 * The log id is the first 8 base32 characters of SHA-256 of the log's public key, so a number names
 * its log without a registry; the index is the leaf's position; the check character is ISO/IEC 7064
 * MOD 37,36 over the id and index, which catches every single-character error and every swap of two
 * adjacent characters — the mistakes people make when they read a number over the phone or retype it.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

export interface EvidenceNumber {
  readonly logId: string;
  readonly index: number;
  readonly text: string;
}

/** The 8-character id of a log, from its raw Ed25519 public key. */
export function logIdFor(publicKey: Uint8Array): string {
  const digest = createHash('sha256').update(publicKey).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 8) break;
    value &= (1 << bits) - 1;
  }
  return out;
}

function alnumValue(c: string): number {
  const v = ALNUM.indexOf(c);
  if (v < 0) throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: c, reason: 'unexpected character' });
  return v;
}

/** ISO/IEC 7064 MOD 37,36 (hybrid) check character. */
export function checkCharacter(payload: string): string {
  let p = M;
  for (const c of payload) {
    let s = (p + alnumValue(c)) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALNUM[(M + 1 - p) % M];
}

export function formatEvidenceNumber(logId: string, index: number): string {
  if (!/^[A-Z2-7]{8}$/u.test(logId)) throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: logId, reason: 'invalid log id' });
  if (!Number.isSafeInteger(index) || index < 0) throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: String(index), reason: 'invalid index' });
  return `${logId}-${index}-${checkCharacter(`${logId}${index}`)}`;
}

/** Parse a typed evidence number: case and surrounding spaces are forgiven, a wrong check character is not. */
export function parseEvidenceNumber(input: string): EvidenceNumber {
  const text = input.trim().toUpperCase();
  const m = /^([A-Z2-7]{8})-(0|[1-9][0-9]{0,15})-([0-9A-Z])$/u.exec(text);
  if (!m) throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: input, reason: 'expected LOGID-INDEX-CHECK' });
  const index = Number(m[2]);
  if (!Number.isSafeInteger(index)) throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: input, reason: 'index too large' });
  if (checkCharacter(`${m[1]}${m[2]}`) !== m[3])
    throw new InkstoneError('EVIDENCE_NUMBER_INVALID', { number: input, reason: 'the check character does not match: the number was mistyped' });
  return { logId: m[1], index, text };
}
