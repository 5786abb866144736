import { z } from 'zod';
import { Id, Language } from './model.js';

/**
 * Drafts on the wire: a draft's state travels as a Yjs update (base64), the whole state when a
 * draft is opened and one small update per autosave after that.
 */

/** The most one autosave may carry: far above a burst of typing, below the 1 MiB body cap. */
export const DRAFT_UPDATE_MAX_BYTES = 512 * 1024;
/**
 * A Yjs update as base64. Updates are small edits to a draft, not files, so they travel inside
 * the call (files go through core/transfers).
 */
const YjsUpdate = z
  .string()
  .min(4)
  .max(Math.ceil(DRAFT_UPDATE_MAX_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
/** The id of the article, sub-clause or item the cursor was in (a ProseMirror attribute, not a database id). */
const OutlineId = z.string().max(64);

export const DraftSession = z.object({
  draftId: Id,
  contractId: Id,
  language: Language,
  /** The draft's whole state as one Yjs update. */
  stateBase64: z.string(),
  /** Where the cursor was when the draft was last saved ('' when unknown). */
  cursorUnitId: z.string(),
});
export type DraftSession = z.infer<typeof DraftSession>;

export const DraftVersion = z.object({
  id: Id,
  number: z.number().int().positive(),
  /** The person's name for it ("发给对方 v2"); '' for an automatic version. */
  name: z.string(),
  kind: z.enum(['named', 'automatic']),
  createdAt: z.string(),
});
export type DraftVersion = z.infer<typeof DraftVersion>;

export const DraftUpdateInput = z.object({
  draftId: Id,
  updateBase64: YjsUpdate,
  cursorUnitId: OutlineId.optional(),
});

export const DraftVersionName = z.string().trim().min(1).max(120);
