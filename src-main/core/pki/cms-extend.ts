import * as pkijs from 'pkijs';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { type HashAlgorithm } from '../crypto-names/index.js';
import { cmsAttribute } from './cms-attributes.js';
import { decodeSignedData, parseSignedData } from './cms-parse.js';
import { bytesEqual, decodeAsn1, encodeDer } from './der.js';
import { digest } from './digest.js';
import { OID } from './oids.js';
import { parseTimestampToken } from './timestamp-token.js';

/**
 * PAdES B-T: a signature-time-stamp (id-aa-signatureTimeStampToken) is an unsigned attribute whose
 * RFC 3161 token covers the SignerInfo's signature value. Adding it must not change one signed byte.
 */

function signatureValueOf(cmsDer: Uint8Array): { signedData: pkijs.SignedData; signatureValue: Uint8Array } {
  const { signedData } = decodeSignedData(cmsDer);
  return { signedData, signatureValue: new Uint8Array(signedData.signerInfos[0].signature.valueBlock.valueHexView) };
}

/** The message imprint to request a signature timestamp for: hash of the SignerInfo's signature value. */
export function signatureTimestampImprint(cmsDer: Uint8Array, hashAlgorithm: HashAlgorithm): Uint8Array {
  return digest(hashAlgorithm, signatureValueOf(cmsDer).signatureValue);
}

/**
 * Add an RFC 3161 token as the signature-time-stamp of the (first) SignerInfo. The token must be
 * over this signature's value (PKI_TIMESTAMP_MALFORMED otherwise). Returns the new DER ContentInfo;
 * the signed attributes, signature value and certificates are verified to be byte-identical.
 */
export function addSignatureTimestamp(cmsDer: Uint8Array, token: Uint8Array): Uint8Array {
  const { signedData, signatureValue } = signatureValueOf(cmsDer);
  const { tstInfo } = parseTimestampToken(token);
  const hash = tstInfo.hashAlgorithm;
  if (hash !== 'SHA-1' && hash !== 'SHA-256' && hash !== 'SHA-384' && hash !== 'SHA-512') {
    throw new InkstoneError('PKI_ALGORITHM_UNSUPPORTED', { algorithm: hash, purpose: 'a signature timestamp' });
  }
  if (!bytesEqual(digest(hash, signatureValue), tstInfo.imprint)) {
    throw new InkstoneError('PKI_TIMESTAMP_MALFORMED', { reason: 'the timestamp is not over this signature’s value' });
  }
  const tokenAsn1 = decodeAsn1(token);
  if (!tokenAsn1.ok) throw new InkstoneError('PKI_TIMESTAMP_MALFORMED', { reason: tokenAsn1.reason });

  const signerInfo = signedData.signerInfos[0];
  const existing = signerInfo.unsignedAttrs?.attributes ?? [];
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [...existing, cmsAttribute(OID.signatureTimeStampToken, tokenAsn1.value)],
  });
  const out = encodeDer(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema() }).toSchema());

  // pkijs re-encodes the structure; prove that nothing the signature covers moved.
  const before = parseSignedData(cmsDer);
  const after = parseSignedData(out);
  const same =
    bytesEqual(before.signatureValue, after.signatureValue) &&
    (before.signedAttributes === undefined || (after.signedAttributes !== undefined && bytesEqual(before.signedAttributes.der, after.signedAttributes.der))) &&
    before.certificates.length === after.certificates.length &&
    before.certificates.every((c, i) => bytesEqual(c.der, after.certificates[i].der));
  if (!same) throw new InkstoneError('PKI_CMS_MALFORMED', { reason: 'the signature is not DER-encoded, so a timestamp cannot be added without altering it' });
  return out;
}
