import { readFile } from 'node:fs/promises';
import type { VerificationResult } from '../../../src-shared/api/verification.js';
import { appendAudit } from '../audit/index.js';
import { lineageOf, type Library, type VersionDetails } from '../library/index.js';

/**
 * Where a signing ends, for one document or a batch: the signed, verified file becomes the
 * document's next version. The bytes are stored first; then one transaction adds the version, the
 * `signing.consented` audit entry and the verification, so either all three exist or none does
 * (stored bytes no version refers to are removed again).
 */
export async function storeSignedVersion(
  library: Library,
  signed: { version: VersionDetails; output: string; verification: VerificationResult; consent: Record<string, unknown> },
): Promise<{ versionId: string; number: number; sha256: string }> {
  const { version, verification } = signed;
  const bytes = await readFile(signed.output);
  const stored = await library.store.put(bytes);
  try {
    const added = library.db.transaction(() => {
      const v = library.addVersion(version.documentId, {
        sha256: stored.sha256,
        size: bytes.length,
        pageCount: version.pageCount,
        signatureFieldCount: verification.signatures.filter((s) => s.kind === 'signature').length,
        origin: 'signing',
        text: version.text,
        originalId: lineageOf(bytes).originalId,
      });
      appendAudit(library.db, {
        actor: library.actor,
        contractId: version.contractId,
        action: 'signing.consented',
        details: {
          documentId: version.documentId,
          signedVersionId: version.versionId,
          documentSha256: version.sha256,
          newVersionId: v.versionId,
          newSha256: stored.sha256,
          ...signed.consent,
        },
      });
      library.recordVerification(v.versionId, verification, JSON.stringify(verification));
      return v;
    })();
    return { versionId: added.versionId, number: added.number, sha256: stored.sha256 };
  } catch (err) {
    if (stored.created && !library.findBySha256(stored.sha256)) await library.store.remove(stored.sha256);
    throw err;
  }
}
