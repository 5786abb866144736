import { readFile } from 'node:fs/promises';
import { InkstoneError } from '../../../src-shared/errors/index.js';
import { parseCertificate, toCertificateInfo, type CertificateInfo } from './certificate.js';
import { looksLikePem, pemBlocks } from './der.js';

/**
 * The certificates in files: PEM (any number of CERTIFICATE blocks) or a single DER certificate
 * each. Throws PKI_CERT_FILE_INVALID naming the file that holds no readable certificate.
 */
export async function readCertificateFiles(paths: Iterable<string>): Promise<CertificateInfo[]> {
  const certificates: CertificateInfo[] = [];
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new InkstoneError('PKI_CERT_FILE_INVALID', { path, reason: err instanceof Error ? err.message : String(err) });
    }
    const ders = looksLikePem(bytes) ? pemBlocks(Buffer.from(bytes).toString('utf8'), 'CERTIFICATE') : [bytes];
    if (ders.length === 0) throw new InkstoneError('PKI_CERT_FILE_INVALID', { path, reason: 'no CERTIFICATE block' });
    for (const der of ders) {
      try {
        certificates.push(parseCertificate(der));
      } catch (err) {
        throw new InkstoneError('PKI_CERT_FILE_INVALID', { path, reason: err instanceof InkstoneError ? String(err.details.reason) : String(err) });
      }
    }
  }
  return certificates;
}

/**
 * The certificates a user or deployment has chosen to trust as path anchors. Nothing is trusted
 * implicitly: no operating-system store, no certificate trusted because a document carries it. An
 * empty store trusts nothing, and every path then ends UNTRUSTED_ROOT.
 */
export class TrustStore {
  readonly #anchors = new Map<string, CertificateInfo>();

  /** A store of these anchors (DER or parsed). */
  constructor(anchors: Iterable<Uint8Array | CertificateInfo> = []) {
    for (const anchor of anchors) this.add(anchor);
  }

  /**
   * Load anchors from files: PEM (any number of CERTIFICATE blocks) or a single DER certificate.
   * Throws PKI_TRUST_FILE_INVALID naming the file that holds no readable certificate.
   */
  static async fromFiles(paths: Iterable<string>): Promise<TrustStore> {
    try {
      return new TrustStore(await readCertificateFiles(paths));
    } catch (err) {
      if (err instanceof InkstoneError && err.code === 'PKI_CERT_FILE_INVALID') throw new InkstoneError('PKI_TRUST_FILE_INVALID', err.details);
      throw err;
    }
  }

  /** Trust one more anchor. Returns its parsed form. */
  add(anchor: Uint8Array | CertificateInfo): CertificateInfo {
    const info = toCertificateInfo(anchor);
    this.#anchors.set(info.sha256, info);
    return info;
  }

  /** Every anchor. */
  get anchors(): readonly CertificateInfo[] {
    return [...this.#anchors.values()];
  }

  get size(): number {
    return this.#anchors.size;
  }

  /** Whether this exact certificate (by SHA-256 of its DER) is an anchor. */
  isAnchor(cert: CertificateInfo | Uint8Array): boolean {
    const info = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
    return this.#anchors.has(info.sha256);
  }
}
