export { Drafts, draftParties, COMPACT_AFTER, COMPACT_AFTER_BYTES, AUTOMATIC_VERSION_EVERY_MS, type DraftsOptions } from './drafts.js';
export { newDraftFromTemplate, type TemplateDraft } from './from-template.js';
export { TemplateStore, TEMPLATES_FOLDER } from './template-store.js';
export { DRAFT_EDITED, draftEditOf, type DraftEditPayload } from './draft-outbox.js';
