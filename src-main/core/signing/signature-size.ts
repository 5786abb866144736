import type { CertificateInfo } from '../pki/index.js';
import type { KeyAlgorithm } from '../tokens/index.js';

/**
 * How many bytes to reserve for a signature's `/Contents`, computed before the signature exists:
 * the ByteRange the signature covers includes the reservation, so it must be fixed first. A CMS
 * SignedData is the certificates it carries, the signature value, the signer's issuer name twice
 * (SignerInfo and ESS signing-certificate-v2), a bounded amount of fixed structure, and for
 * B-T the timestamp token. The margin absorbs DER length-of-length steps and variable-length
 * integers (ECDSA r and s, TSA serials).
 */

/** Fixed structure: ContentInfo/SignedData/SignerInfo framing, algorithm identifiers, attributes. */
const CMS_STRUCTURE = 1024;
const MARGIN = 1024;

/** Largest signature value a key can produce, in bytes. */
function signatureValueSize(key: KeyAlgorithm): number {
  if (key.kind === 'RSA') return Math.ceil(key.modulusBits / 8);
  const field = key.curve === 'P-256' ? 32 : key.curve === 'P-384' ? 48 : 66;
  // DER SEQUENCE of two INTEGERs, each possibly one byte longer for the sign bit.
  return 2 * (field + 3) + 4;
}

/** Bytes to reserve for a CAdES signature by `signer` carrying `certificates`, plus a timestamp of `timestampSize` bytes (0 for B-B). */
export function cadesReservation(signer: CertificateInfo, key: KeyAlgorithm, certificates: readonly Uint8Array[], timestampSize: number): number {
  const certs = certificates.reduce((sum, der) => sum + der.length, 0);
  // The timestamp sits in an unsigned-attributes [1] SET of an Attribute SEQUENCE: a few headers.
  const timestamp = timestampSize > 0 ? timestampSize + 32 : 0;
  return CMS_STRUCTURE + certs + signatureValueSize(key) + 2 * (signer.issuer.der.length + signer.serialNumber.length) + timestamp + MARGIN;
}

/** Bytes to reserve for a document timestamp whose tokens are about `tokenSize` bytes. */
export function documentTimestampReservation(tokenSize: number): number {
  return tokenSize + MARGIN;
}
