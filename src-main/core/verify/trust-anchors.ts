import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import type { CertificateSummary } from '../../../src-shared/api/verification.js';
import { writeFileAtomic } from '../files/index.js';
import { parseCertificate, pemBlocks, toPem, TrustStore } from '../pki/index.js';
import { certificateSummary } from './result-parts.js';

/**
 * The certificates a user has chosen to trust for verification, kept as files (PEM or DER) in one
 * folder of the library (`trusted-certificates/`). Nothing else is trusted: no operating-system
 * store, no certificate a document brings. A missing folder is an empty store. Imported
 * certificates are stored as `<sha256>.pem`, so importing one twice changes nothing.
 */

export { TRUSTED_CERTIFICATES_FOLDER } from '../environment/index.js';
const CERTIFICATE_FILE = /\.(pem|crt|cer|der)$/i;

async function certificateFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((n) => CERTIFICATE_FILE.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InkstoneError('IO_ERROR', { reason: (err as Error).message, path: dir }, { cause: err });
  }
}

/** The trust store of a folder. PKI_TRUST_FILE_INVALID names a file that holds no certificate. */
export async function trustStoreFromFolder(dir: string): Promise<TrustStore> {
  return TrustStore.fromFiles(await certificateFiles(dir));
}

/** The certificates trusted in a folder, as a screen lists them. */
export async function listTrustedCertificates(dir: string): Promise<CertificateSummary[]> {
  return (await trustStoreFromFolder(dir)).anchors.map(certificateSummary);
}

/** At most this many certificates per imported file, and this many bytes. */
export const TRUST_IMPORT_LIMITS = { certificates: 50, bytes: 1024 * 1024 } as const;

/**
 * The certificates in `bytes` (PEM, any number, or one DER certificate) that could be trusted. Only
 * CA certificates may be anchors: trusting a signer's own certificate would vouch for nothing else.
 * VERIFY_TRUST_NOT_A_CERTIFICATE when something is not a readable certificate, VERIFY_TRUST_NOT_A_CA
 * when one is not a CA, VERIFY_TRUST_TOO_MANY past the limits.
 */
function trustCandidates(bytes: Uint8Array, name: string) {
  if (bytes.length === 0) throw new InkstoneError('VERIFY_TRUST_NOT_A_CERTIFICATE', { name, reason: 'the file is empty' });
  if (bytes.length > TRUST_IMPORT_LIMITS.bytes)
    throw new InkstoneError('VERIFY_TRUST_NOT_A_CERTIFICATE', { name, reason: `the file is larger than ${TRUST_IMPORT_LIMITS.bytes / 1024} KiB` });
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const ders = text.includes('-----BEGIN ') ? pemBlocks(Buffer.from(bytes).toString('utf8'), 'CERTIFICATE') : [bytes];
  if (!ders.length) throw new InkstoneError('VERIFY_TRUST_NOT_A_CERTIFICATE', { name, reason: 'no CERTIFICATE block' });
  if (ders.length > TRUST_IMPORT_LIMITS.certificates)
    throw new InkstoneError('VERIFY_TRUST_TOO_MANY', { name, count: ders.length, limit: TRUST_IMPORT_LIMITS.certificates });
  const certificates = ders.map((der) => {
    try {
      return parseCertificate(der);
    } catch (err) {
      throw new InkstoneError('VERIFY_TRUST_NOT_A_CERTIFICATE', {
        name,
        reason: err instanceof InkstoneError ? String(err.details.reason ?? err.message) : String(err),
      });
    }
  });
  const notCa = certificates.find((c) => !c.basicConstraints?.ca && c.version >= 3);
  if (notCa) throw new InkstoneError('VERIFY_TRUST_NOT_A_CA', { name, subject: notCa.subject.commonName ?? notCa.subject.text });
  return certificates;
}

/** What importing `bytes` would trust, checked the same way, without storing anything: shown to the person to confirm. */
export function previewTrustedCertificates(bytes: Uint8Array, name = 'certificate'): CertificateSummary[] {
  return trustCandidates(bytes, name).map(certificateSummary);
}

/** Trust the certificates in `bytes`: every one is checked before any is stored, so a file is imported whole or not at all. */
export async function importTrustedCertificates(dir: string, bytes: Uint8Array, name = 'certificate'): Promise<CertificateSummary[]> {
  const certificates = trustCandidates(bytes, name);
  for (const c of certificates) await writeFileAtomic(path.join(dir, `${c.sha256}.pem`), toPem(c.der, 'CERTIFICATE'), { overwrite: true });
  return certificates.map(certificateSummary);
}

/** Stop trusting the certificate with this SHA-256 fingerprint (every file in the folder that holds it). */
export async function removeTrustedCertificate(dir: string, sha256: string): Promise<boolean> {
  let removed = false;
  for (const file of await certificateFiles(dir)) {
    const store = await TrustStore.fromFiles([file]);
    if (store.anchors.some((c) => c.sha256 === sha256)) {
      await rm(file, { force: true });
      removed = true;
    }
  }
  return removed;
}
