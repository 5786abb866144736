import { InkstoneError } from '../../../src-shared/errors/index.js';
import { HASH_SIZE, type Hash } from './merkle.js';
import { noteSignedBy, parseNote, signNote, type NoteSigner, type NoteVerifier } from './note.js';

/**
 * A C2SP tlog checkpoint: the log's origin line, its tree size and root hash, signed as a note. It is
 * the log operator's commitment to one exact history: two checkpoints of one log are either
 * consistent (one extends the other) or proof that the log forked.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Hash;
}

export function checkpointText(cp: Checkpoint): string {
  if (!cp.origin || /[\n\r]/u.test(cp.origin)) throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: 'invalid origin' });
  return `${cp.origin}\n${cp.size}\n${Buffer.from(cp.root).toString('base64')}\n`;
}

export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(checkpointText(cp), [signer]);
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  // origin, size, root, optional extension lines, then the empty string after the final newline.
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: 'too few lines' });
  const [origin, sizeText, rootText] = lines;
  if (!/^(0|[1-9][0-9]{0,15})$/u.test(sizeText)) throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: 'invalid tree size' });
  const size = Number(sizeText);
  const root = Buffer.from(rootText, 'base64');
  if (!origin || !Number.isSafeInteger(size) || root.length !== HASH_SIZE || root.toString('base64') !== rootText) {
    throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: 'invalid origin or root hash' });
  }
  return { origin, size, root };
}

/**
 * Parse a signed checkpoint and check it is signed by the log's key. Throws
 * EVIDENCE_CHECKPOINT_SIGNATURE_INVALID when the signature is missing or wrong.
 */
export function openCheckpoint(note: string, verifier: NoteVerifier): Checkpoint {
  const parsed = parseNote(note);
  const cp = parseCheckpointText(parsed.text);
  if (!noteSignedBy(parsed, verifier)) throw new InkstoneError('EVIDENCE_CHECKPOINT_SIGNATURE_INVALID', { origin: cp.origin, size: cp.size });
  if (cp.origin !== verifier.name)
    throw new InkstoneError('EVIDENCE_CHECKPOINT_MALFORMED', { reason: `origin “${cp.origin}” is not the log “${verifier.name}”` });
  return cp;
}
