import { z } from 'zod';
import { Id } from './model.js';

/**
 * A draft's files on the wire (issue 10, export/import/redline): what a DOCX import could not keep,
 * the redline of two versions as the UI shows it, and which version to read.
 */

/** The largest DOCX `drafts.importDocx` accepts (real contracts are well under 5 MB; images are dropped anyway). */
export const DOCX_MAX_BYTES = 32 * 1024 * 1024;

/** A point in a draft's history: a saved version, or the draft as it is now. */
export const DraftPoint = z.union([z.literal('current'), z.object({ versionId: Id })]);
export type DraftPoint = z.infer<typeof DraftPoint>;

/** What a DOCX import cannot keep in a draft (the person is told, by kind and count). */
export const LOSS_KINDS = [
  'image',
  'footnote',
  'comment',
  'strikethrough',
  'hyperlink',
  'nestedTable',
  'bullet',
  'headerFooter',
  'embeddedObject',
  'other',
] as const;
export const DocxLoss = z.object({ kind: z.enum(LOSS_KINDS), count: z.number().int().positive() });
export type DocxLoss = z.infer<typeof DocxLoss>;
export type LossKind = (typeof LOSS_KINDS)[number];

export const RedlineSegment = z.object({
  op: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
  /** The change this segment belongs to (adjacent deletions and insertions form one replacement). */
  change: z.number().int().positive().optional(),
});
export type RedlineSegment = z.infer<typeof RedlineSegment>;
export type SegmentOp = RedlineSegment['op'];

export const RedlineBlock = z.object({
  status: z.enum(['unchanged', 'changed', 'inserted', 'deleted', 'moved', 'movedAway']),
  fromIndex: z.number().int().nullable(),
  toIndex: z.number().int().nullable(),
  fromLabel: z.string().optional(),
  toLabel: z.string().optional(),
  segments: z.array(RedlineSegment),
  /** For whole-block changes (inserted, deleted, moved and its movedAway ghost). */
  change: z.number().int().positive().optional(),
});
export type RedlineBlock = z.infer<typeof RedlineBlock>;
export type RedlineBlockStatus = RedlineBlock['status'];

export const RedlineChange = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['insert', 'delete', 'replace', 'insertBlock', 'deleteBlock', 'move']),
  /** Index of the block (in `blocks`) where the change is shown. */
  block: z.number().int(),
});
export type RedlineChange = z.infer<typeof RedlineChange>;
export type ChangeKind = RedlineChange['kind'];

export const Redline = z.object({ blocks: z.array(RedlineBlock), changes: z.array(RedlineChange) });
export type Redline = z.infer<typeof Redline>;
