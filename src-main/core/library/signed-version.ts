import { readFile } from 'node:fs/promises';
import type { VerificationResult } from '../../../src-shared/api/verification.js';
import type { VersionDetails } from './documents.js';
import type { Library } from './library.js';
import { lineageOf } from './version-lineage.js';

/**
 * A signed file becomes the next version of the document it was made from (a signing, a batch, an
 * upgrade on sync). The bytes are stored first; then one transaction adds the version and its
 * verification and runs `record` (the caller's audit entry and rows), so all of it exists or none
 * does. `record` returning null, or throwing, adds nothing; stored bytes no version holds are removed.
 */
export async function addSignedVersion<T>(
  library: Library,
  signed: { from: VersionDetails; output: string; verification: VerificationResult },
  record: (added: { versionId: string; number: number; sha256: string }) => T | null,
  /** Checked inside the transaction before anything is written: false adds nothing. */
  stillWanted: () => boolean = () => true,
): Promise<T | null> {
  const { from, verification } = signed;
  const bytes = await readFile(signed.output);
  const stored = await library.store.put(bytes);
  try {
    return library.db.transaction(() => {
      if (!stillWanted()) return null;
      const v = library.addVersion(from.documentId, {
        sha256: stored.sha256,
        size: bytes.length,
        pageCount: from.pageCount,
        signatureFieldCount: verification.signatures.filter((s) => s.kind === 'signature').length,
        origin: 'signing',
        text: from.text,
        originalId: lineageOf(bytes).originalId,
      });
      library.recordVerification(v.versionId, verification, JSON.stringify(verification));
      return record({ versionId: v.versionId, number: v.number, sha256: stored.sha256 });
    })();
  } finally {
    if (stored.created && !library.findBySha256(stored.sha256)) await library.store.remove(stored.sha256);
  }
}
