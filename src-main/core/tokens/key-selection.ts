import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parseCertificate } from './certificates.js';
import type { KeySelector, TokenKeyRecord } from './token-objects.js';
import type { KeyAlgorithm } from './signer.js';

/** A key that can sign, with the certificate that belongs to it. */
export interface SigningKey {
  readonly record: TokenKeyRecord & { readonly keyHandle: NonNullable<TokenKeyRecord['keyHandle']> };
  readonly certificate: Uint8Array;
  readonly keyAlgorithm: KeyAlgorithm;
}

/**
 * Pick the signing key the selector names (or the only one there is) and check it is fit to sign:
 * permitted to sign, a certificate beside it, a supported algorithm, and a certificate that really
 * belongs to it. Catching a mismatch here beats producing signatures every verifier rejects.
 */
export function chooseSigningKey(records: readonly TokenKeyRecord[], selector: KeySelector, tokenLabel: string): SigningKey {
  const withKey = records.filter((r) => r.keyHandle !== undefined);
  const wanted = [selector.label, selector.id && `id ${selector.id}`].filter(Boolean).join(', ') || '*';
  const named = selector.id !== undefined || selector.label !== undefined;
  const candidates = named ? withKey.filter((r) => matches(r, selector)) : withKey.filter((r) => r.entry.privateKey?.canSign && r.entry.certificate);
  if (candidates.length > 1) throw new InkstoneError('TOKEN_KEY_AMBIGUOUS', { token: tokenLabel, count: candidates.length });
  const chosen = candidates[0] ?? (named ? undefined : withKey.find((r) => r.entry.privateKey?.canSign));
  if (!chosen) throw new InkstoneError('TOKEN_KEY_NOT_FOUND', { token: tokenLabel, key: wanted });

  const { entry } = chosen;
  const keyName = entry.label || entry.id;
  if (!entry.privateKey?.canSign) throw new InkstoneError('TOKEN_KEY_CANNOT_SIGN', { token: tokenLabel, key: keyName });
  if (!entry.certificate) throw new InkstoneError('TOKEN_CERTIFICATE_MISSING', { token: tokenLabel, key: keyName });
  if (!entry.keyAlgorithm) throw new InkstoneError('TOKEN_KEY_ALGORITHM_UNSUPPORTED', { algorithm: entry.algorithmName });
  if (!certificateFitsKey(chosen, entry.certificate)) throw new InkstoneError('TOKEN_CERTIFICATE_KEY_MISMATCH', { token: tokenLabel, key: keyName });
  return { record: chosen as SigningKey['record'], certificate: entry.certificate, keyAlgorithm: entry.keyAlgorithm };
}

function matches(record: TokenKeyRecord, selector: KeySelector): boolean {
  if (selector.id !== undefined && record.entry.id !== selector.id.toLowerCase()) return false;
  if (selector.label !== undefined && record.entry.label !== selector.label && record.certificateLabel !== selector.label) return false;
  return true;
}

/** Compare what the token tells of the private key (RSA modulus, EC curve) with the certificate's public key. */
function certificateFitsKey(record: TokenKeyRecord, certificate: Uint8Array): boolean {
  const publicKey = parseCertificate(certificate)?.publicKey;
  if (!publicKey) return false;
  if (record.keyModulus) {
    const jwk = publicKey.export({ format: 'jwk' });
    return typeof jwk.n === 'string' && Buffer.from(jwk.n, 'base64url').equals(stripLeadingZeros(record.keyModulus));
  }
  if (record.keyCurve) return record.entry.keyAlgorithm?.kind === 'EC' && record.entry.keyAlgorithm.curve === record.keyCurve;
  return true;
}

function stripLeadingZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}
