import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import {
  addSignatureTimestamp,
  buildCadesSignedData,
  checkSigningCertificate,
  describeSignatureScheme,
  signatureTimestampImprint,
  type CertificateInfo,
  type SignatureKind,
  type SigningHashAlgorithm,
  type TimestampResult,
} from '../pki/index.js';
import { IncrementalUpdate, PdfDocument, addSignaturePlaceholder, addSignatureWidgets, findSignatures, getDocMdp, type SignatureWidget } from '../pdf/index.js';
import type { Signer } from '../tokens/index.js';
import { appendDocumentTimestamp, appendValidationData, freeFieldName, requireTimestamper, type ValidationTarget } from './long-term.js';
import { PendingOutput, checkOutputPath } from './pending-output.js';
import { levelAtLeast, type SignDocumentRequest, type SignerIdentity, type SigningRecord } from './request.js';
import { sessionFor, type SigningSession } from './session.js';
import { nodeDigest, signatureKindFor, signerCertificates } from './signature-algorithm.js';
import { cadesReservation } from './signature-size.js';
import { label } from './validation-data.js';

/**
 * Sign a PDF (PAdES B-B to B-LTA) into a new file. The input is only read; the output appears
 * complete or not at all. Before the key is used: the certificate must be valid now and issued for
 * signing, the document must allow another signature, and at B-LT the certificate must not be
 * revoked — so a refusal never costs a PIN entry. Errors are typed and leave no output.
 */
export async function signDocument(request: SignDocumentRequest): Promise<SigningRecord> {
  const level = request.level ?? 'B-B';
  const hash = request.digestAlgorithm ?? 'SHA-256';
  const session = sessionFor(request);
  if (levelAtLeast(level, 'B-T')) requireTimestamper(session, level);
  checkOutputPath(request.input, request.output);
  const signer = request.signer;
  const { certificate, chain } = signerCertificates(signer);
  checkSigningCertificate(certificate, new Date());
  const kind = signatureKindFor(signer, certificate, request.rsaPss ?? false);
  const signingTime = request.signingTime ?? new Date();

  const doc = PdfDocument.openFile(request.input);
  try {
    checkDocumentAllowsSignature(doc, request);
    const signerTarget: ValidationTarget = { certificate, pool: chain };
    if (levelAtLeast(level, 'B-LT')) await refuseRevoked(session, signerTarget);
    const tokenSize = levelAtLeast(level, 'B-T') ? await requireTimestamper(session, level).tokenSize(hash) : 0;
    const reserved = cadesReservation(certificate, signer.keyAlgorithm, [signer.certificate, ...signer.chain], tokenSize);

    const output = await PendingOutput.open(doc, request.output, [nodeDigest(hash)]);
    try {
      const update = new IncrementalUpdate(doc);
      const fieldName = request.fieldName ?? freeFieldName(doc, 'Signature');
      // pdf-lib and fontkit take a second to load: only a visible signature pays for them.
      const visible = request.appearance
        ? await (await import('./appearance.js')).addVisibleAppearance(update, request.appearance, {
            signer: certificate.subject.commonName ?? certificate.subject.text,
            organisation: organisationOf(certificate),
            time: signingTime,
            ...(request.reason ? { reason: request.reason } : {}),
            ...(request.location ? { location: request.location } : {}),
          })
        : undefined;
      const slices: SignatureWidget[] = request.crossPageSeal ? await (await import('./cross-page-seal.js')).addCrossPageSeal(update, request.crossPageSeal) : [];
      const placeholder = addSignaturePlaceholder(
        update,
        {
          fieldName,
          ...(visible ? { page: visible.pageIndex, rect: visible.rect, appearance: visible.form } : {}),
          ...(request.lockFields ? { lock: request.lockFields } : {}),
        },
        {
          kind: 'signature',
          signingTime,
          name: certificate.subject.commonName ?? certificate.subject.text,
          ...(request.reason !== undefined ? { reason: request.reason } : {}),
          ...(request.location !== undefined ? { location: request.location } : {}),
          ...(request.contactInfo !== undefined ? { contactInfo: request.contactInfo } : {}),
          ...(request.certify ? { certify: request.certify } : {}),
          contentsSize: reserved,
        },
      );
      if (slices.length) addSignatureWidgets(update, placeholder, slices);

      let timestamp: TimestampResult | null = null;
      const embedded = await output.appendSignature(update, placeholder, nodeDigest(hash), async (digest) => {
        const cms = await createCadesSignature(signer, kind, hash, digest, request.commitment);
        if (!levelAtLeast(level, 'B-T')) return cms;
        timestamp = await requireTimestamper(session, level).stamp(signatureTimestampImprint(cms, hash), hash);
        return addSignatureTimestamp(cms, timestamp.token);
      });
      if (levelAtLeast(level, 'B-LT')) {
        const tsa = timestamp as TimestampResult | null;
        const targets = [signerTarget, ...(tsa ? [{ certificate: tsa.tsaCertificate, pool: tsa.certificates }] : [])];
        await appendValidationData(output, session, targets);
      }
      if (levelAtLeast(level, 'B-LTA')) await appendDocumentTimestamp(output, session, level, hash);

      const inputSha256 = output.inputFingerprint!;
      const written = await output.commit();
      return {
        fieldName,
        level,
        signingTime,
        timestampTime: (timestamp as TimestampResult | null)?.genTime ?? null,
        signer: signerIdentity(signer, certificate),
        digestAlgorithm: hash,
        signatureAlgorithm: describeSignatureScheme({ kind, hash }),
        reason: request.reason ?? null,
        location: request.location ?? null,
        commitment: request.commitment ?? null,
        certification: request.certify ?? null,
        visible: visible !== undefined,
        crossPageSeal: slices.length > 0,
        input: { path: path.resolve(request.input), sha256: inputSha256, size: doc.size },
        output: { path: path.resolve(request.output), sha256: written.sha256, size: written.size },
        reservation: { reserved: embedded.capacity, used: embedded.used },
      };
    } catch (err) {
      await output.abort();
      throw err;
    }
  } finally {
    doc.close();
  }
}

/** The CAdES SignedData over a ByteRange digest, signed by the token or file. */
export function createCadesSignature(signer: Signer, kind: SignatureKind, hash: SigningHashAlgorithm, digest: Uint8Array, commitment: SignDocumentRequest['commitment']): Promise<Uint8Array> {
  return buildCadesSignedData({
    contentDigest: digest,
    digestAlgorithm: hash,
    signerCertificate: signer.certificate,
    chain: signer.chain,
    signatureAlgorithm: kind,
    sign: (tbs) => signer.sign(tbs, { hash, scheme: kind }),
    ...(commitment ? { commitmentType: commitment } : {}),
  });
}

/** DocMDP: a document certified "no changes" takes no further signature; a certification must come first. */
function checkDocumentAllowsSignature(doc: PdfDocument, request: SignDocumentRequest): void {
  if (getDocMdp(doc)?.permission === 1) throw new InkstoneError('SIGN_DOCUMENT_LOCKED', {});
  if (request.certify) {
    const count = findSignatures(doc).filter((s) => s.type !== 'DocTimeStamp').length;
    if (count > 0) throw new InkstoneError('SIGN_CERTIFY_NOT_FIRST', { count });
  }
}

/** At B-LT the signer's chain is checked online before the key is used: a revoked certificate does not sign. */
async function refuseRevoked(session: SigningSession, target: ValidationTarget): Promise<void> {
  const { chain, revocation } = await session.validation.validate(target.certificate, target.pool);
  revocation.forEach((answer, i) => {
    if (answer.status !== 'revoked') return;
    throw new InkstoneError('SIGN_CERTIFICATE_REVOKED', {
      subject: label(chain[i]),
      revocationTime: answer.revocationTime?.toISOString() ?? 'an unknown time',
      reason: answer.revocationReason ?? 'unspecified',
    });
  });
}

function organisationOf(cert: CertificateInfo): string | null {
  return cert.subject.attributes.find((a) => a.type === 'O')?.value ?? null;
}

export function signerIdentity(signer: Signer, cert: CertificateInfo): SignerIdentity {
  return {
    commonName: cert.subject.commonName ?? null,
    organisation: organisationOf(cert),
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serialNumber: cert.serialNumber,
    certificateSha256: cert.sha256,
    certificate: cert.der,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    assurance: signer.assurance,
    key: signer.keyDescription,
  };
}
