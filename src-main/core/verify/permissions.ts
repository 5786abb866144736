import type { FieldLock, MdpPermission } from '../pdf/index.js';
import type { RevisionChange } from './revision-changes.js';

/**
 * What a signature lets later revisions do (ISO 32000-1 §12.8.2, ETSI EN 319 142-1 §5.4): the
 * certification signature's DocMDP level — P=1 nothing, P=2 fill forms and sign, P=3 also
 * annotate — and the fields its FieldMDP lock freezes. Validation data (DSS, document timestamps)
 * may always be added, and metadata updates show nothing; content changes are never allowed.
 */

export interface SignaturePermissions {
  /** The DocMDP level in force (the certification signature's), or null when the document is not certified. */
  readonly docMdp: MdpPermission | null;
  /** Fields this signature locks. */
  readonly lock: FieldLock | null;
}

/** Whether a field is frozen by a lock. A lock on "a" also covers "a.b". */
export function isLocked(lock: FieldLock | null, field: string): boolean {
  if (!lock) return false;
  const named = lock.fields.some((f) => field === f || field.startsWith(`${f}.`));
  return lock.action === 'All' || (lock.action === 'Include' ? named : !named);
}

/** Whether a change made after the signature is within its permissions. */
export function isAllowed(change: RevisionChange, permissions: SignaturePermissions): boolean {
  const p = permissions.docMdp;
  switch (change.category) {
    case 'dss':
    case 'document-timestamp':
    case 'metadata':
      return true;
    case 'signature':
    case 'structure':
      return p !== 1;
    case 'form-fill':
      return p !== 1 && !(change.field !== undefined && isLocked(permissions.lock, change.field));
    case 'annotation':
      return p === null || p === 3;
    case 'content':
    case 'other':
      return false;
  }
}
