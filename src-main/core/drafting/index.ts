export { Drafts, COMPACT_AFTER, COMPACT_AFTER_BYTES, AUTOMATIC_VERSION_EVERY_MS, type DraftsOptions } from './drafts.js';
