import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { SigningHashAlgorithm } from '../crypto-names/index.js';
import type { CertificateInfo, TimestampResult } from '../pki/index.js';
import { IncrementalUpdate, addDss, addSignaturePlaceholder, listFields, type PdfView } from '../pdf/index.js';
import type { PendingOutput } from './pending-output.js';
import type { PadesLevel } from './request.js';
import type { SigningSession } from './session.js';
import { documentTimestampReservation } from './signature-size.js';
import { DssContents, ValidationDataCollector, type ValidationMaterial } from './validation-data.js';

/**
 * The revisions that carry a signature into the long term, shared by signing and `extend`:
 * a DSS with everything needed to validate offline (B-LT), and a document timestamp over it (B-LTA,
 * or B-T for a signature that has no signature timestamp of its own).
 */

/** A certificate to be made verifiable offline, with the certificates found beside it. */
export interface ValidationTarget {
  readonly certificate: CertificateInfo;
  readonly pool: readonly CertificateInfo[];
}

/** What a DSS revision added. */
export interface DssSummary {
  readonly certificates: number;
  readonly ocspResponses: number;
  readonly crls: number;
}

export function requireTimestamper(session: SigningSession, level: PadesLevel): NonNullable<SigningSession['timestamper']> {
  if (!session.timestamper) throw new InkstoneError('SIGN_TSA_REQUIRED', { level });
  return session.timestamper;
}

/** Collect validation data for every target and append it as a DSS revision. */
export async function appendValidationData(
  output: PendingOutput,
  session: SigningSession,
  targets: readonly ValidationTarget[],
  embedded: ValidationMaterial = {},
): Promise<DssSummary> {
  const dss = new DssContents();
  for (const target of targets) ValidationDataCollector.addTo(dss, await session.validation.validate(target.certificate, target.pool, embedded));
  const update = new IncrementalUpdate(output.current);
  addDss(update, dss.toAddition());
  await output.appendRevision(update);
  return dss.counts;
}

/** Append a document timestamp (`/DocTimeStamp`, ETSI.RFC3161) over everything written so far. */
export async function appendDocumentTimestamp(
  output: PendingOutput,
  session: SigningSession,
  level: PadesLevel,
  hash: SigningHashAlgorithm,
): Promise<TimestampResult> {
  const timestamper = requireTimestamper(session, level);
  const update = new IncrementalUpdate(output.current);
  const placeholder = addSignaturePlaceholder(
    update,
    { fieldName: freeFieldName(output.current, 'DocumentTimestamp') },
    { kind: 'document-timestamp', contentsSize: documentTimestampReservation(await timestamper.tokenSize(hash)) },
  );
  let result: TimestampResult | undefined;
  await output.appendSignature(update, placeholder, hash, async (digest) => {
    result = await timestamper.stamp(digest, hash);
    return result.token;
  });
  return result!;
}

/** `<prefix><n>` with the smallest n ≥ 1 that no field of the document uses. */
export function freeFieldName(view: PdfView, prefix: string): string {
  const taken = new Set(listFields(view).map((f) => f.name));
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
