/**
 * A draft's edits on their way to the team. Each autosave is stored as a Yjs update and, in the
 * same transaction, queued for sync — folded into the draft's entry still waiting, if there is one,
 * so an afternoon of typing makes a few entries rather than thousands. Yjs updates merge in any
 * order and any number of times, so a folded entry carrying what an earlier one already carried
 * (sent, its acknowledgement lost) does no harm on the other desktops.
 */
import * as Y from 'yjs';
import type { Language } from '../../../src-shared/api/index.js';
import { deviceId, lastWaiting, queueChange, refoldWaiting } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { isLanguage } from '../../../src-shared/i18n/index.js';

/** The outbox kind of a draft's edits. */
export const DRAFT_EDITED = 'draft.edited';
/** A waiting entry takes more edits only while its update stays under this (a push stays well under the service's 1 MiB). */
export const FOLD_LIMIT_BYTES = 192 * 1024;

/** What a draft entry carries: the draft, its language (for a desktop that has no copy yet) and the merged update. */
export interface DraftEditPayload {
  readonly draftId: string;
  readonly language: Language;
  readonly updateBase64: string;
}

/** Queue one stored update of a draft (`seq` = its number in draft_updates, 0 for the first state). Call in the update's transaction. */
export function queueDraftEdit(db: Db, edit: { contractId: string; draftId: string; language: Language; seq: number; update: Uint8Array; at: string }): void {
  const key = `${deviceId(db)}:draft:${edit.draftId}:${edit.seq}`;
  const waiting = lastWaiting(db, DRAFT_EDITED, edit.contractId);
  if (waiting && waiting.details.draftId === edit.draftId) {
    const merged = Y.mergeUpdates([Buffer.from(String(waiting.details.updateBase64), 'base64'), edit.update]);
    if (merged.byteLength <= FOLD_LIMIT_BYTES) {
      refoldWaiting(db, waiting.seq, { key, at: edit.at, details: payload(edit.draftId, edit.language, merged) });
      return;
    }
  }
  queueChange(db, { key, kind: DRAFT_EDITED, contractId: edit.contractId, at: edit.at, details: payload(edit.draftId, edit.language, edit.update) });
}

const payload = (draftId: string, language: Language, update: Uint8Array): Record<string, unknown> =>
  ({ draftId, language, updateBase64: Buffer.from(update).toString('base64') }) satisfies DraftEditPayload;

/** A received draft entry's payload, checked (another desktop, or a newer Inkstone, may send anything). */
export function draftEditOf(details: Record<string, unknown>): DraftEditPayload {
  const { draftId, language, updateBase64 } = details;
  if (typeof draftId !== 'string' || !/^[0-9a-f]{32}$/u.test(draftId) || !isLanguage(language) || typeof updateBase64 !== 'string') {
    throw new InkstoneError('DRAFT_UPDATE_INVALID', { reason: 'draft entry without draft, language or update' });
  }
  return { draftId, language, updateBase64 };
}
