import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { describeSignatureScheme, type SignatureKind, type SigningHashAlgorithm } from '../crypto-names/index.js';
import {
  addSignatureTimestamp,
  buildCadesSignedData,
  checkSigningCertificate,
  parseCertificate,
  signatureTimestampImprint,
  type CertificateInfo,
  type TimestampResult,
} from '../pki/index.js';
import { IncrementalUpdate, PdfDocument, findSignatures, getDocMdp } from '../pdf/index.js';
import type { Signer } from '../tokens/index.js';
import { appendDocumentTimestamp, appendValidationData, freeFieldName, requireTimestamper, type ValidationTarget } from './long-term.js';
import { PendingOutput, checkOutputPath } from './pending-output.js';
import { levelAtLeast, type SignDocumentRequest, type SignerIdentity, type SigningRecord } from './request.js';
import { sessionFor, type SigningSession } from './session.js';
import { requestedHash, signatureKindFor } from './signature-kind.js';
import { embeddedChain, issuersToEmbed } from './embedded-chain.js';
import { addSignatureRevision, organisationOf } from './signature-revision.js';
import { cadesReservation } from './signature-size.js';
import { label, type IssuingChain } from './validation-data.js';

/**
 * Sign a PDF (PAdES B-B to B-LTA) into a new file. The input is only read; the output appears
 * complete or not at all. Before the key is used: the certificate must be valid now and issued for
 * signing, the document must allow another signature, and at B-LT the certificate must not be
 * revoked — so a refusal never costs a PIN entry. Errors are typed and leave no output.
 *
 * Revisions written: the signature (with its signature timestamp from B-T), then at B-LT a DSS
 * with the validation data of the signer and of the TSA, then at B-LTA a document timestamp.
 */
export async function signDocument(request: SignDocumentRequest): Promise<SigningRecord> {
  const level = request.level ?? 'B-B';
  const hash = requestedHash(request.digestAlgorithm);
  const session = sessionFor(request);
  const timestamper = levelAtLeast(level, 'B-T') ? requireTimestamper(session, level) : null;
  checkOutputPath(request.input, request.output);
  const signer = request.signer;
  const certificate = parseCertificate(signer.certificate);
  checkSigningCertificate(certificate, new Date());
  const kind = signatureKindFor(signer, certificate, request.rsaPss ?? false);
  const signingTime = request.signingTime ?? new Date();
  const chain = await issuersToEmbed(signer, certificate, session);
  const embedded = [signer.certificate, ...chain.issuers.map((c) => c.der)];
  const signerTarget: ValidationTarget = { certificate, pool: chain.issuers };

  const doc = PdfDocument.openFile(request.input);
  try {
    checkDocumentAllowsSignature(doc, request);
    if (levelAtLeast(level, 'B-LT')) await refuseRevoked(session, signerTarget);
    const tokenSize = timestamper ? await timestamper.tokenSize(hash) : 0;
    const output = await PendingOutput.open(doc, request.output, [hash]);
    try {
      const update = new IncrementalUpdate(doc);
      const fieldName = request.fieldName ?? freeFieldName(doc, 'Signature');
      const contentsSize = cadesReservation(certificate, signer.keyAlgorithm, embedded, tokenSize);
      const revision = await addSignatureRevision(update, request, { fieldName, signer: certificate, signingTime, contentsSize });

      const stamped: { result?: TimestampResult } = {};
      const written = await output.appendSignature(update, revision.placeholder, hash, async (digest) => {
        const cms = await createCadesSignature(signer, chain, kind, hash, digest, request.commitment);
        if (!timestamper) return cms;
        stamped.result = await timestamper.stamp(signatureTimestampImprint(cms, hash), hash);
        return addSignatureTimestamp(cms, stamped.result.token);
      });
      if (levelAtLeast(level, 'B-LT')) {
        const tsa = stamped.result!;
        await appendValidationData(output, session, [signerTarget, { certificate: tsa.tsaCertificate, pool: tsa.certificates }]);
      }
      if (levelAtLeast(level, 'B-LTA')) await appendDocumentTimestamp(output, session, level, hash);

      const inputSha256 = output.inputFingerprint!;
      const stored = await output.commit();
      return {
        fieldName,
        level,
        signingTime,
        timestampTime: stamped.result?.genTime ?? null,
        signer: signerIdentity(signer, certificate),
        chain: embeddedChain(chain),
        digestAlgorithm: hash,
        signatureAlgorithm: describeSignatureScheme({ kind, hash }),
        reason: request.reason ?? null,
        location: request.location ?? null,
        commitment: request.commitment ?? null,
        certification: request.certify ?? null,
        visible: revision.visible,
        crossPageSeal: revision.crossPageSeal,
        input: { path: path.resolve(request.input), sha256: inputSha256, size: doc.size },
        output: { path: path.resolve(request.output), sha256: stored.sha256, size: stored.size },
        reservation: { reserved: written.capacity, used: written.used },
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
function createCadesSignature(
  signer: Signer,
  chain: IssuingChain,
  kind: SignatureKind,
  hash: SigningHashAlgorithm,
  digest: Uint8Array,
  commitment: SignDocumentRequest['commitment'],
): Promise<Uint8Array> {
  return buildCadesSignedData({
    contentDigest: digest,
    digestAlgorithm: hash,
    signerCertificate: signer.certificate,
    chain: chain.issuers.map((c) => c.der),
    signatureAlgorithm: kind,
    sign: (tbs) => signer.sign(tbs, { kind, hash }),
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

function signerIdentity(signer: Signer, cert: CertificateInfo): SignerIdentity {
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
