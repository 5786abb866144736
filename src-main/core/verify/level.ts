import type { PadesLevel } from '../../../src-shared/api/verification.js';
import { OID, type ParsedSignedData } from '../pki/index.js';
import type { SignatureFieldKind } from './integrity.js';

/**
 * The PAdES baseline level a signature reaches (ETSI EN 319 142-1 §6), judged by what the document
 * structurally carries, as EU DSS reports it; whether each element is valid is the indication's
 * business. B-B: ETSI.CAdES.detached with content-type, message-digest and an ESS
 * signing-certificate attribute, no CMS signing-time and no encapsulated content. B-T: plus a
 * signature timestamp, or a document timestamp in a later revision. B-LT: plus a DSS added after
 * the signature that holds the certificates of the signer's path and of its signature timestamps'
 * authorities (roots aside) and, where the paths were validated, the OCSP responses or CRLs that
 * answered for them (ETSI EN 319 142-1 §5.4). B-LTA: plus a document timestamp after that DSS.
 */

export interface LevelInput {
  readonly kind: SignatureFieldKind;
  readonly subFilter: string | null;
  readonly cms: ParsedSignedData | null;
  readonly signedRevision: number;
  readonly hasSignatureTimestamp: boolean;
  /** Revisions that add document timestamps. */
  readonly documentTimestampRevisions: readonly number[];
  /** Revisions that add or extend the DSS. */
  readonly dssRevisions: readonly number[];
  /** The DSS holds every non-root certificate of the signer's and its timestamps' paths. */
  readonly dssCoversPaths: boolean;
  /**
   * Every revocation answer the validation used for those paths came from the DSS (true when
   * revocation was not looked up, which happens only for untrusted paths).
   */
  readonly dssCoversRevocation: boolean;
}

export function padesLevel(input: LevelInput): PadesLevel {
  if (input.kind === 'document-timestamp') return 'n/a';
  const cms = input.cms;
  const attrs = cms?.signedAttributes;
  if (input.subFilter !== 'ETSI.CAdES.detached' || !cms || !attrs || cms.encapsulatedContent !== undefined) return 'not-pades';
  if (!attrs.messageDigest || !attrs.contentType || (!attrs.signingCertificateV2 && !attrs.signingCertificateV1)) return 'not-pades';
  if (attrs.all.some((a) => a.oid === OID.signingTime)) return 'not-pades';
  const after = (revs: readonly number[], than: number) => revs.filter((r) => r > than);
  const laterTimestamps = after(input.documentTimestampRevisions, input.signedRevision);
  if (!input.hasSignatureTimestamp && !laterTimestamps.length) return 'B-B';
  const dss = after(input.dssRevisions, input.signedRevision);
  if (!dss.length || !input.dssCoversPaths || !input.dssCoversRevocation) return 'B-T';
  return laterTimestamps.some((t) => t > Math.min(...dss)) ? 'B-LTA' : 'B-LT';
}
