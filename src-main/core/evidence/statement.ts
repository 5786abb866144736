import { createHash, randomBytes } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';

/**
 * An evidence statement: the bytes of one log leaf. It says, in a form a person can read aloud in
 * court, that someone committed to a document hash at a claimed time — without naming who or which
 * document. The tenant is represented by a salted scope tag and the document by a salted commitment,
 * so the public log reveals nothing until the holder of a receipt chooses to open it.
 *
 *   inkstone-evidence-statement/v1
 *   scope <64 hex: SHA-256 of the tenant's secret scope salt>
 *   event <registered|signed|completed|archived>
 *   claimed-time <UTC time the client claims, ISO 8601 with milliseconds>
 *   commitment <64 hex: SHA-256("inkstone-evidence-commitment/v1\n" ‖ salt ‖ document hash)>
 *   previous <64 hex leaf hash of the contract's previous statement, or "none">
 */

export const STATEMENT_HEADER = 'inkstone-evidence-statement/v1';
export const EVIDENCE_EVENTS = ['registered', 'signed', 'completed', 'archived'] as const;
export type EvidenceEvent = (typeof EVIDENCE_EVENTS)[number];

/** Events that mean the document carries signatures: they fall under the five-year retention. */
export const SIGNED_EVENTS: ReadonlySet<EvidenceEvent> = new Set(['signed', 'completed']);

export interface EvidenceStatement {
  readonly scope: string;
  readonly event: EvidenceEvent;
  readonly claimedTime: string;
  readonly commitment: string;
  readonly previous: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/u;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;
const COMMITMENT_DOMAIN = Buffer.from('inkstone-evidence-commitment/v1\n', 'utf8');
const SCOPE_DOMAIN = Buffer.from('inkstone-evidence-scope/v1\n', 'utf8');

export function isEvidenceEvent(value: unknown): value is EvidenceEvent {
  return typeof value === 'string' && (EVIDENCE_EVENTS as readonly string[]).includes(value);
}

export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/** A claimed time is an exact UTC instant with milliseconds, e.g. 2026-03-01T08:00:00.000Z. */
export function isClaimedTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_MS.test(value) && new Date(value).toISOString() === value;
}

export function newSalt(): string {
  return randomBytes(32).toString('hex');
}

/** SHA-256 of the document bytes, lowercase hex: the hash every receipt is about. */
export function documentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function commitmentFor(documentHashHex: string, saltHex: string): string {
  if (!isHex64(documentHashHex) || !isHex64(saltHex))
    throw new InkstoneError('EVIDENCE_RECEIPT_MALFORMED', { reason: 'document hash and salt are 32-byte hex strings' });
  return createHash('sha256').update(COMMITMENT_DOMAIN).update(Buffer.from(saltHex, 'hex')).update(Buffer.from(documentHashHex, 'hex')).digest('hex');
}

/** The public scope tag of a tenant, from the tenant's secret scope salt. */
export function scopeTag(scopeSalt: Uint8Array): string {
  return createHash('sha256').update(SCOPE_DOMAIN).update(scopeSalt).digest('hex');
}

export function encodeStatement(s: EvidenceStatement): Buffer {
  if (!isHex64(s.scope) || !isHex64(s.commitment) || (s.previous !== null && !isHex64(s.previous))) {
    throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: 'scope, commitment and previous are 32-byte lowercase hex' });
  }
  if (!isEvidenceEvent(s.event)) throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: `unknown event “${String(s.event)}”` });
  if (!isClaimedTime(s.claimedTime)) throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: 'claimed time must be UTC ISO 8601 with milliseconds' });
  const text =
    `${STATEMENT_HEADER}\n` +
    `scope ${s.scope}\n` +
    `event ${s.event}\n` +
    `claimed-time ${s.claimedTime}\n` +
    `commitment ${s.commitment}\n` +
    `previous ${s.previous ?? 'none'}\n`;
  return Buffer.from(text, 'utf8');
}

/** Parse statement bytes; re-encoding must give the same bytes, so there is one form per statement. */
export function decodeStatement(bytes: Uint8Array): EvidenceStatement {
  const text = Buffer.from(bytes).toString('utf8');
  const lines = text.split('\n');
  const field = (i: number, key: string): string => {
    const line = lines[i] ?? '';
    if (!line.startsWith(`${key} `)) throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: `line ${i + 1} should be “${key}”` });
    return line.slice(key.length + 1);
  };
  if (lines[0] !== STATEMENT_HEADER || lines.length !== 7 || lines[6] !== '') {
    throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: 'not an Inkstone v1 evidence statement' });
  }
  const previous = field(5, 'previous');
  const event = field(2, 'event');
  if (!isEvidenceEvent(event)) throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: `unknown event “${event}”` });
  const statement: EvidenceStatement = {
    scope: field(1, 'scope'),
    event,
    claimedTime: field(3, 'claimed-time'),
    commitment: field(4, 'commitment'),
    previous: previous === 'none' ? null : previous,
  };
  if (!encodeStatement(statement).equals(Buffer.from(bytes)))
    throw new InkstoneError('EVIDENCE_STATEMENT_INVALID', { reason: 'statement is not in canonical form' });
  return statement;
}
