import { X509Certificate, type KeyObject } from 'node:crypto';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { EcCurve, KeyAlgorithm } from './signer.js';

const CURVES: Readonly<Record<string, EcCurve>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** The signing algorithm family of a public (or private) key, or TOKEN_KEY_ALGORITHM_UNSUPPORTED. */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' && details.modulusLength) return { kind: 'RSA', modulusBits: details.modulusLength };
  if (key.asymmetricKeyType === 'ec' && details.namedCurve && CURVES[details.namedCurve]) return { kind: 'EC', curve: CURVES[details.namedCurve] };
  const algorithm = [key.asymmetricKeyType ?? 'unknown', details.namedCurve].filter(Boolean).join(' ');
  throw new InkstoneError('TOKEN_KEY_ALGORITHM_UNSUPPORTED', { algorithm });
}

/** Parse a DER certificate, or undefined when it is not one (tokens do hold junk objects). */
export function parseCertificate(der: Uint8Array): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

/** DER SubjectPublicKeyInfo: the form in which two keys are compared for being the same key. */
export function spkiOf(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/**
 * The issuing chain of `signer` drawn from `candidates`, nearest issuer first. Only certificates
 * on the path are kept: a token often also holds the holder's encryption certificate or unrelated
 * roots, which do not belong in a signature. An issuer must match by name and key identifier and
 * must actually have signed the certificate (renewed CAs reuse names).
 */
export function issuingChain(signer: Uint8Array, candidates: readonly Uint8Array[]): Uint8Array[] {
  const pool = candidates
    .filter((der) => !sameBytes(der, signer))
    .map((der) => ({ der, cert: parseCertificate(der) }))
    .filter((c) => c.cert !== undefined);
  const chain: Uint8Array[] = [];
  let current = parseCertificate(signer);
  const used = new Set<number>();
  while (current && !isSelfIssued(current)) {
    const child: X509Certificate = current;
    const index = pool.findIndex((c, i) => !used.has(i) && child.checkIssued(c.cert!) && child.verify(c.cert!.publicKey));
    if (index < 0) break;
    used.add(index);
    chain.push(pool[index].der);
    current = pool[index].cert;
  }
  return chain;
}

function isSelfIssued(cert: X509Certificate): boolean {
  return cert.checkIssued(cert);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
