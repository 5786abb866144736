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
export { VariableSpec, VARIABLE_KINDS, VARIABLE_TEXT, checkVariable, checkValues, renderVariable, groupThousands, type VariableKind } from './variables.js';
export { fillVariables, variablePassages, wasEditedByHand, placeholder, type FillConflict, type FillOptions, type VariablePassage } from './fill.js';
export {
  DraftTemplate,
  TEMPLATE_FORMAT,
  TEMPLATE_VERSION,
  MAX_TEMPLATE_BYTES,
  checkTemplate,
  readTemplateFile,
  writeTemplateFile,
  instantiateTemplate,
  templateParties,
} from './template-file.js';
export {
  readDraftVariables,
  recordDraftVariables,
  storeDraftVariable,
  refillVariable,
  variableUses,
  DRAFT_VARIABLE_VALUES,
  type DraftVariables,
  type VariableUse,
} from './draft-variables.js';
export { TEMPLATE_GALLERY, findTemplate } from './gallery/index.js';
