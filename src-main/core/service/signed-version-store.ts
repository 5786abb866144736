import type { VerificationResult } from '../../../src-shared/api/verification.js';
import { appendAudit } from '../audit/index.js';
import { addSignedVersion, type Library, type VersionDetails } from '../library/index.js';

/**
 * Where a signing ends, for one document or a batch: the signed, verified file becomes the
 * document's next version with its `signing.consented` audit entry, in one transaction.
 */
export async function storeSignedVersion(
  library: Library,
  signed: { version: VersionDetails; output: string; verification: VerificationResult; consent: Record<string, unknown> },
): Promise<{ versionId: string; number: number; sha256: string }> {
  const { version } = signed;
  const added = await addSignedVersion(library, { from: version, output: signed.output, verification: signed.verification }, (v) => {
    appendAudit(library.db, {
      actor: library.actor,
      contractId: version.contractId,
      action: 'signing.consented',
      details: {
        documentId: version.documentId,
        signedVersionId: version.versionId,
        documentSha256: version.sha256,
        newVersionId: v.versionId,
        newSha256: v.sha256,
        ...signed.consent,
      },
    });
    return v;
  });
  // Nothing refuses a signing's version: `record` always returns it.
  return added!;
}
