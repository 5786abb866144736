import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { appendAudit } from '../audit/index.js';
import { addSignedVersion, type Library } from '../library/index.js';
import { extendDocument } from '../signing/index.js';
import { TRUSTED_CERTIFICATES_FOLDER, trustStoreFromFolder, verifyPdf } from '../verify/index.js';
import type { Language, UpgradeLevel } from '../../../src-shared/api/index.js';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { offlineSignedVersions, recordUpgradeDone, recordUpgradeWaiting } from './offline-signatures.js';

/**
 * Prove the time of signatures made offline. A B-B signature has no signature timestamp, and one
 * cannot be added afterwards: it is an unsigned attribute inside the CMS, whose bytes the signature's
 * ByteRange already covers, so adding it would rewrite a signed revision. What PAdES allows instead
 * (ETSI EN 319 142-1 §5.4, the route pyHanko's `add_validation_info` / `timestamp_pdf` takes too) is
 * an incremental update: a document timestamp over the whole file proves the signature existed by
 * then (B-T), a DSS carries the validation data (B-LT), and a second document timestamp covers the
 * DSS (B-LTA). The signed revision is untouched, so the signature stays valid.
 *
 * The result is a new version of the same document, verified before it is stored, added with its
 * verification and a `signature.upgraded` audit entry in one transaction that first checks the
 * offline version is still the document's latest — so a retried pass, a second process (the CLI
 * beside the app) or a pass killed after its TSA answered never adds a second upgraded version.
 */

export interface UpgradeOptions {
  readonly level: UpgradeLevel;
  /** RFC 3161 servers tried in order (the organisation's own, then the service's). */
  readonly timestampUrls: readonly string[];
  /** Fetch revocation data online for B-LT and up (the CA's OCSP/CRL). */
  readonly online?: boolean;
  readonly networkTimeoutMs?: number;
  /** Verify the result with online revocation checks (the person's Verification setting; off by default). */
  readonly verifyOnline?: boolean;
  readonly lang?: Language;
}

export interface UpgradeOutcome {
  readonly upgraded: ReadonlyArray<{ fromVersionId: string; toVersionId: string; level: UpgradeLevel; provenTime: string | null }>;
  readonly waiting: ReadonlyArray<{ versionId: string; code: string }>;
}

export async function upgradeOfflineSignatures(library: Library, options: UpgradeOptions): Promise<UpgradeOutcome> {
  const upgraded: Array<UpgradeOutcome['upgraded'][number]> = [];
  const waiting: Array<UpgradeOutcome['waiting'][number]> = [];
  for (const versionId of offlineSignedVersions(library.db)) {
    try {
      const done = await upgradeOne(library, versionId, options);
      if (done) upgraded.push(done);
    } catch (err) {
      recordUpgradeWaiting(library.db, versionId, err);
      waiting.push({ versionId, code: err instanceof InkstoneError ? err.code : 'INTERNAL' });
    }
  }
  return { upgraded, waiting };
}

async function upgradeOne(library: Library, versionId: string, options: UpgradeOptions): Promise<UpgradeOutcome['upgraded'][number] | null> {
  if (options.timestampUrls.length === 0) throw new InkstoneError('SIGNATURE_UPGRADE_NO_TSA', {});
  const version = library.versionDetails(versionId);
  const folder = path.join(library.dataDir, `.inkstone-tmp-upgrade-${randomBytes(8).toString('hex')}`);
  const output = path.join(folder, 'upgraded.pdf');
  try {
    const trustStore = await trustStoreFromFolder(path.join(library.dataDir, TRUSTED_CERTIFICATES_FOLDER));
    const extend = (level: UpgradeLevel) =>
      extendDocument({
        input: library.store.pathFor(version.sha256),
        output,
        level,
        timestampUrls: options.timestampUrls,
        validationData: { certificates: trustStore.anchors.map((a) => a.der) },
        allowOnline: options.online ?? true,
        ...(options.networkTimeoutMs !== undefined ? { networkTimeoutMs: options.networkTimeoutMs } : {}),
      });
    let level = options.level;
    let record;
    try {
      record = await extend(level);
    } catch (err) {
      // A certificate with no revocation source at all (the service's built-in TSA: its one-off root's
      // key is destroyed, so it can never be revoked) makes B-LT impossible, not late: prove the time
      // (B-T) now rather than never. Any other failure waits for the next pass.
      if (!(err instanceof InkstoneError && err.code === 'PKI_REVOCATION_NO_SOURCE') || level === 'B-T') throw err;
      level = 'B-T';
      record = await extend(level);
    }
    if (record.input.sha256 !== version.sha256) throw new InkstoneError('SYNC_DOCUMENT_MISMATCH', { sha256: version.sha256 });
    const verification = await verifyPdf(output, { name: version.documentName, lang: options.lang ?? 'en', trustStore, online: options.verifyOnline ?? false });
    if (verification.verdict === 'invalid') throw new InkstoneError('SIGNATURE_UPGRADE_NOT_VERIFIED', { versionId, verdict: verification.verdict });
    const provenTime =
      verification.signatures
        .filter((s) => s.kind === 'signature')
        .map((s) => s.provenTime?.time ?? null)
        .sort()
        .at(-1) ?? null;
    // Still the latest, and not upgraded by someone else meanwhile: otherwise add nothing.
    return addSignedVersion(
      library,
      { from: version, output, verification },
      (added) => {
        recordUpgradeDone(library.db, versionId, added.versionId, level, provenTime);
        appendAudit(library.db, {
          actor: library.actor,
          contractId: version.contractId,
          action: 'signature.upgraded',
          details: {
            documentId: version.documentId,
            fromVersionId: versionId,
            fromSha256: version.sha256,
            toVersionId: added.versionId,
            toSha256: added.sha256,
            level,
            levelChosen: options.level,
            provenTime,
            documentTimestampsAdded: record.documentTimestampsAdded,
            dss: record.dss,
          },
        });
        return { fromVersionId: versionId, toVersionId: added.versionId, level, provenTime };
      },
      () => library.versionDetails(versionId).latestNumber === version.number,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
