/**
 * The draft's document model, shared by the editor (renderer) and the core: schema, numbering,
 * the plain form export reads, defined terms, the Yjs layout.
 */
export { draftSchema, NODE, MARK, NUMBERED_LEVEL, newOutlineId } from './schema.js';
export { numberOutline, outlineNumber, recitalLabel, type OutlineEntry, type OutlineLevel, type OutlineNumber } from './numbering.js';
export {
  toPlainDraft,
  outlineOf,
  inlineText,
  signatureFieldName,
  BROKEN_REFERENCE,
  type DraftNodeJSON,
  type PlainDraft,
  type PlainBlock,
  type PlainInline,
  type PlainCell,
  type PlainParty,
  type PlainSignature,
  type PlainTextStyle,
} from './plain.js';
export { analyseTerms, termName, type DefinedTermReport, type TermFlag } from './terms.js';
export { DRAFT_TEXT, signatureLabels, type SignatureLabels } from './draft-text.js';
export { blankDraft, emptyArticle, partyAttrs } from './blank-draft.js';
export { newDraftYDoc, draftJSON, draftLanguage, draftFragment, DRAFT_FRAGMENT, DRAFT_META } from './ydoc.js';
