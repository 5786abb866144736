import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type SigningHashAlgorithm } from '../crypto-names/index.js';
import { parseCertificate, parseSignedData, parseTimestampToken, type CertificateInfo, type ParsedSignedData } from '../pki/index.js';
import { PdfDocument, findSignatures, readDss, type PdfSignatureInfo } from '../pdf/index.js';
import { appendDocumentTimestamp, appendValidationData, requireTimestamper, type DssSummary, type ValidationTarget } from './long-term.js';
import { PendingOutput, checkOutputPath } from './pending-output.js';
import { levelAtLeast, type PadesLevel } from './request.js';
import { sessionFor, type SigningSession, type SigningSessionOptions } from './session.js';
import { requestedHash } from './signature-kind.js';
import type { ValidationMaterial } from './validation-data.js';

/**
 * Raise the level of a signed PDF — Inkstone's or anyone's — without touching a signed byte:
 * B-T adds a document timestamp when some signature has no timestamp of its own (ETSI EN 319 142-1
 * allows either), B-LT adds a DSS with validation data for every signature and timestamp, B-LTA
 * adds a document timestamp over that DSS. Every step is a new incremental revision, so each
 * existing signature's ByteRange still hashes to what it signed.
 */

export interface ExtendDocumentRequest extends SigningSessionOptions {
  readonly input: string;
  readonly output: string;
  readonly level: Exclude<PadesLevel, 'B-B'>;
  /** Digest for document timestamps (SHA-256 by default). */
  readonly digestAlgorithm?: SigningHashAlgorithm;
  readonly session?: SigningSession;
}

/** What `extend` found and added. */
export interface ExtensionRecord {
  readonly level: PadesLevel;
  /** The document's signatures and document timestamps before the extension. */
  readonly signatures: readonly { readonly fieldName: string; readonly kind: 'signature' | 'document-timestamp'; readonly signer: string }[];
  readonly documentTimestampsAdded: number;
  readonly dss: DssSummary | null;
  readonly input: { readonly path: string; readonly sha256: string; readonly size: number };
  readonly output: { readonly path: string; readonly sha256: string; readonly size: number };
}

/** A signature of the document, read for its validation data. */
interface ExistingSignature {
  readonly info: PdfSignatureInfo;
  readonly kind: 'signature' | 'document-timestamp';
  readonly signer: CertificateInfo;
  readonly cms: ParsedSignedData;
  /** Its signature timestamps, read the same way. */
  readonly timestamps: readonly ParsedSignedData[];
}

export async function extendDocument(request: ExtendDocumentRequest): Promise<ExtensionRecord> {
  const { level } = request;
  const hash = requestedHash(request.digestAlgorithm);
  const session = sessionFor(request);
  checkOutputPath(request.input, request.output);
  const doc = PdfDocument.openFile(request.input);
  try {
    const existing = findSignatures(doc).map(readExisting);
    if (existing.length === 0) throw new InkstoneError('SIGN_NO_SIGNATURES', {});
    const lastTimestampRevision = Math.max(-1, ...existing.filter((s) => s.kind === 'document-timestamp').map((s) => s.info.revision));
    const untimed = existing.filter((s) => s.kind === 'signature' && s.timestamps.length === 0 && s.info.revision >= lastTimestampRevision);
    if (level === 'B-T' && untimed.length === 0) throw new InkstoneError('SIGN_LEVEL_ALREADY_REACHED', { level });
    // Every level from B-T up needs a timestamp server: B-T and B-LTA always stamp, B-LT when a signature is untimed.
    if (level !== 'B-LT' || untimed.length > 0) requireTimestamper(session, level);

    const dss = readDss(doc);
    const embedded: ValidationMaterial = {
      ocspResponses: [...(dss?.ocsps.map((e) => e.bytes) ?? []), ...existing.flatMap((s) => s.cms.revocationValues.ocspResponses)],
      crls: [...(dss?.crls.map((e) => e.bytes) ?? []), ...existing.flatMap((s) => s.cms.revocationValues.crls)],
    };
    const dssCertificates = (dss?.certs ?? []).flatMap((e) => {
      try {
        return [parseCertificate(e.bytes)];
      } catch {
        return []; // an unreadable DSS entry helps no chain
      }
    });

    const output = await PendingOutput.open(doc, request.output, [hash]);
    try {
      const targets: ValidationTarget[] = existing.flatMap((s) => [
        { certificate: s.signer, pool: [...s.cms.certificates, ...dssCertificates] },
        ...s.timestamps.map((t) => ({ certificate: t.signerCertificate!, pool: [...t.certificates, ...dssCertificates] })),
      ]);
      let stamps = 0;
      if (untimed.length > 0) {
        const stamp = await appendDocumentTimestamp(output, session, level, hash);
        targets.push({ certificate: stamp.tsaCertificate, pool: stamp.certificates });
        stamps++;
      }
      const added = levelAtLeast(level, 'B-LT') ? await appendValidationData(output, session, targets, embedded) : null;
      if (level === 'B-LTA') {
        await appendDocumentTimestamp(output, session, level, hash);
        stamps++;
      }
      const inputSha256 = output.inputFingerprint!;
      const written = await output.commit();
      return {
        level,
        signatures: existing.map((s) => ({ fieldName: s.info.fieldName, kind: s.kind, signer: s.signer.subject.commonName ?? s.signer.subject.text })),
        documentTimestampsAdded: stamps,
        dss: added,
        input: { path: path.resolve(request.input), sha256: inputSha256, size: doc.size },
        output: { path: path.resolve(request.output), sha256: written.sha256, size: written.size },
      };
    } catch (err) {
      await output.abort();
      throw err;
    }
  } finally {
    doc.close();
  }
}

/** Parse a signature's CMS (or document timestamp token) and its signature timestamps. */
function readExisting(info: PdfSignatureInfo): ExistingSignature {
  const unreadable = (reason: string): InkstoneError => new InkstoneError('SIGN_SIGNATURE_UNREADABLE', { field: info.fieldName, reason });
  if (!info.contents) throw unreadable('it has no /Contents');
  const kind = info.type === 'DocTimeStamp' || info.subFilter === 'ETSI.RFC3161' ? 'document-timestamp' : 'signature';
  try {
    const cms = kind === 'document-timestamp' ? parseTimestampToken(info.contents).cms : parseSignedData(info.contents);
    const timestamps = cms.signatureTimestamps.map((t) => parseTimestampToken(t).cms);
    const signer = cms.signerCertificate;
    if (!signer || timestamps.some((t) => !t.signerCertificate)) throw unreadable('a signer certificate is not embedded');
    return { info, kind, signer, cms, timestamps };
  } catch (err) {
    if (err instanceof InkstoneError && err.code !== 'SIGN_SIGNATURE_UNREADABLE') throw unreadable(err.message);
    throw err;
  }
}
