import { formatEvidenceNumber } from './evidence-number.js';
import type { EvidenceReceipt } from './receipt.js';
import type { EvidenceEvent } from './statement.js';

/**
 * The acknowledgement of a submission, as the service sends it and the desktop reads it: the entry's
 * evidence number and leaf, the statement exactly as logged, and what it commits to. One definition
 * for both sides of the wire.
 */
export interface EvidenceAck {
  readonly evidenceNumber: string;
  readonly index: number;
  readonly leafHash: string;
  /** The statement (leaf) text exactly as logged. */
  readonly statement: string;
  readonly event: EvidenceEvent;
  readonly claimedTime: string;
  readonly commitment: string;
  readonly previousLeafHash: string | null;
  readonly documentId: string | null;
  readonly documentHash: string | null;
  readonly salt: string | null;
  readonly sequencedAt: string;
  /** Present when the submission asked to wait for its receipt: null when the checkpoint came late. */
  readonly receipt?: EvidenceReceipt | null;
}

/** A sequenced entry: where it landed in the log and what was logged. */
export interface AckedEntry {
  readonly index: number;
  readonly leafHash: string;
  readonly statement: Uint8Array;
  readonly previous: string | null;
  readonly sequencedAt: string;
}

/** What the submission asked to log. */
export interface AckedRequest {
  readonly event: EvidenceEvent;
  readonly claimedTime: string;
  readonly commitment: string;
  readonly documentId: string | null;
  readonly documentHash: string | null;
  readonly salt: string | null;
}

const utf8 = new TextDecoder();

/** The acknowledgement of `entry` in the log `logId`. */
export function evidenceAck(logId: string, entry: AckedEntry, request: AckedRequest): EvidenceAck {
  return {
    evidenceNumber: formatEvidenceNumber(logId, entry.index),
    index: entry.index,
    leafHash: entry.leafHash,
    statement: utf8.decode(entry.statement),
    event: request.event,
    claimedTime: request.claimedTime,
    commitment: request.commitment,
    previousLeafHash: entry.previous,
    documentId: request.documentId,
    documentHash: request.documentHash,
    salt: request.salt,
    sequencedAt: entry.sequencedAt,
  };
}
