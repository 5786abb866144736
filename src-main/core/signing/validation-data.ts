import { InkstoneError } from '../../../src-shared/errors/index.js';
import {
  checkRevocation,
  fetchIssuerCertificates,
  isSignedBy,
  parseCertificate,
  sameName,
  type CertificateInfo,
  type RevocationEvidence,
} from '../pki/index.js';
import type { DssAddition } from '../pdf/index.js';

/**
 * Long-term validation material (PAdES B-LT): for a certificate, its issuing chain up to a
 * self-signed root and, for every certificate below the root, an OCSP response or CRL saying it was
 * not revoked. Issuers come from the certificates at hand (the token, the CMS, the DSS, what the
 * caller supplied) and, failing those, from the certificate's caIssuers URL; revocation data from
 * what was supplied or embedded first, then from the certificate's OCSP responder or CRL
 * distribution point. Everything fetched is kept for the session, so a batch asks once.
 */

/** Validation data the caller already holds: certificates, OCSP responses and CRLs (DER). */
export interface ValidationMaterial {
  readonly certificates?: readonly Uint8Array[];
  readonly ocspResponses?: readonly Uint8Array[];
  readonly crls?: readonly Uint8Array[];
}

/** What goes into one DSS update, without duplicates. */
export class DssContents {
  private readonly certs = new Map<string, Uint8Array>();
  private readonly ocsps = new Map<string, Uint8Array>();
  private readonly crls = new Map<string, Uint8Array>();

  addCertificate(cert: CertificateInfo): void {
    this.certs.set(cert.sha256, cert.der);
  }

  addEvidence(evidence: RevocationEvidence): void {
    const key = Buffer.from(evidence.der).toString('base64');
    (evidence.kind === 'ocsp' ? this.ocsps : this.crls).set(key, evidence.der);
    for (const cert of evidence.certificates) this.addCertificate(cert);
  }

  get counts(): { certificates: number; ocspResponses: number; crls: number } {
    return { certificates: this.certs.size, ocspResponses: this.ocsps.size, crls: this.crls.size };
  }

  toAddition(): DssAddition {
    return { certs: [...this.certs.values()], ocsps: [...this.ocsps.values()], crls: [...this.crls.values()] };
  }
}

export interface ValidationOptions {
  readonly supplied?: ValidationMaterial;
  /** Fetch issuers and revocation data over the network when what is at hand does not answer. */
  readonly allowOnline: boolean;
  readonly timeoutMs?: number;
}

/** A certificate's chain and the revocation answers for it. */
export interface CertificateValidation {
  /** The certificate first, the root last (when the chain reaches one). */
  readonly chain: readonly CertificateInfo[];
  /** One answer per certificate below the root, in chain order. */
  readonly revocation: readonly RevocationEvidence[];
}

/** A certificate's issuers as far as they could be found. */
export interface IssuingChain {
  /** Nearest issuer first; the self-signed root last when the chain reaches one. */
  readonly issuers: readonly CertificateInfo[];
  /** Why the chain stops short of a root (the issuer that could not be found), or null when it reaches one. */
  readonly missing: string | null;
}

/** No real chain is longer; a loop of cross-certificates must end somewhere. */
const MAX_CHAIN = 8;

export class ValidationDataCollector {
  private readonly revocations = new Map<string, Promise<RevocationEvidence>>();
  private readonly downloads = new Map<string, Promise<CertificateInfo[]>>();
  private readonly chains = new Map<string, Promise<IssuingChain>>();
  private readonly suppliedCertificates: CertificateInfo[];

  constructor(private readonly options: ValidationOptions) {
    this.suppliedCertificates = (options.supplied?.certificates ?? []).map((der) => parseCertificate(der));
  }

  /**
   * Chain and revocation answers for `certificate`, drawing issuers from `pool`. `embedded` adds
   * revocation data found in the document itself (its DSS, the CMS) to what the caller supplied.
   */
  async validate(certificate: CertificateInfo, pool: readonly CertificateInfo[], embedded: ValidationMaterial = {}): Promise<CertificateValidation> {
    const candidates = [...pool, ...this.suppliedCertificates];
    const chain: CertificateInfo[] = [certificate];
    const revocation: RevocationEvidence[] = [];
    for (let cert = certificate; ;) {
      if (cert.selfIssued && isSignedBy(cert, cert)) break;
      const issuer = await this.issuerOf(cert, candidates);
      revocation.push(await this.revocationOf(cert, issuer, embedded));
      if (chain.some((c) => c.sha256 === issuer.sha256) || chain.length > MAX_CHAIN) break;
      chain.push(issuer);
      cert = issuer;
    }
    return { chain, revocation };
  }

  /** Add a validation's certificates and answers to `dss`. */
  static addTo(dss: DssContents, validation: CertificateValidation): void {
    for (const cert of validation.chain) dss.addCertificate(cert);
    for (const evidence of validation.revocation) dss.addEvidence(evidence);
  }

  /**
   * The issuers of `certificate` up to a self-signed root, nearest first, drawn like `validate`'s
   * but never failing: where an issuer cannot be found the chain stops, and `missing` says why.
   * Remembered per certificate for the session, incomplete or not: every document of a batch
   * carries the same certificates, and an unreachable caIssuers server costs its timeout once.
   */
  issuingChain(certificate: CertificateInfo, pool: readonly CertificateInfo[]): Promise<IssuingChain> {
    let built = this.chains.get(certificate.sha256);
    if (!built) {
      built = this.buildIssuingChain(certificate, [...pool, ...this.suppliedCertificates]);
      this.chains.set(certificate.sha256, built);
    }
    return built;
  }

  private async buildIssuingChain(certificate: CertificateInfo, candidates: readonly CertificateInfo[]): Promise<IssuingChain> {
    const issuers: CertificateInfo[] = [];
    for (let cert = certificate; !(cert.selfIssued && isSignedBy(cert, cert));) {
      const found = await this.findIssuer(cert, candidates);
      if (typeof found === 'string') return { issuers, missing: found };
      if (found.sha256 === certificate.sha256 || issuers.some((c) => c.sha256 === found.sha256) || issuers.length >= MAX_CHAIN)
        return { issuers, missing: `the issuers above ${label(cert)} repeat or run past ${MAX_CHAIN} without reaching a self-signed root` };
      issuers.push(found);
      cert = found;
    }
    return { issuers, missing: null };
  }

  private async issuerOf(cert: CertificateInfo, pool: readonly CertificateInfo[]): Promise<CertificateInfo> {
    const found = await this.findIssuer(cert, pool);
    if (typeof found === 'string') throw new InkstoneError('SIGN_VALIDATION_DATA_UNAVAILABLE', { subject: label(cert), reason: found });
    return found;
  }

  /** The certificate that issued `cert`, from the pool or its caIssuers URL; otherwise why not. */
  private async findIssuer(cert: CertificateInfo, pool: readonly CertificateInfo[]): Promise<CertificateInfo | string> {
    const signedIt = (c: CertificateInfo): boolean => sameName(c.subject, cert.issuer) && isSignedBy(cert, c);
    const local = pool.find(signedIt);
    if (local) return local;
    if (!this.options.allowOnline || cert.caIssuerUrls.length === 0) return `the certificate of its issuer ${cert.issuer.text} is not at hand`;
    let download = this.downloads.get(cert.sha256);
    if (!download) {
      download = fetchIssuerCertificates(cert, { timeoutMs: this.options.timeoutMs });
      // A failed download is not remembered: the next document of a batch may try again.
      download.catch(() => this.downloads.delete(cert.sha256));
      this.downloads.set(cert.sha256, download);
    }
    let downloaded: CertificateInfo[];
    try {
      downloaded = await download;
    } catch (err) {
      if (!(err instanceof InkstoneError)) throw err;
      return String(err.details.reason ?? err.message);
    }
    return downloaded.find(signedIt) ?? `no certificate downloaded from ${cert.caIssuerUrls.join(', ')} issued it`;
  }

  private async revocationOf(cert: CertificateInfo, issuer: CertificateInfo, embedded: ValidationMaterial): Promise<RevocationEvidence> {
    const cached = this.revocations.get(cert.sha256);
    // A remembered answer serves while it is current: a signing screen may stay open for hours.
    if (cached && isCurrent(await cached.catch(() => null))) return cached;
    const supplied = this.options.supplied;
    const answer = checkRevocation(cert, issuer, {
      embedded: {
        ocspResponses: [...(supplied?.ocspResponses ?? []), ...(embedded.ocspResponses ?? [])],
        crls: [...(supplied?.crls ?? []), ...(embedded.crls ?? [])],
      },
      allowOnline: this.options.allowOnline,
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    // A failed fetch is not remembered: the next document of a batch may try again.
    answer.catch(() => this.revocations.delete(cert.sha256));
    this.revocations.set(cert.sha256, answer);
    return answer;
  }
}

/** Remembered revocation answers are reused for at most this long when they state no nextUpdate. */
const REUSE_WITHOUT_NEXT_UPDATE_MS = 10 * 60_000;

function isCurrent(answer: RevocationEvidence | null): answer is RevocationEvidence {
  if (!answer) return false;
  const until = answer.nextUpdate?.getTime() ?? answer.thisUpdate.getTime() + REUSE_WITHOUT_NEXT_UPDATE_MS;
  return Date.now() < until;
}

export function label(cert: CertificateInfo): string {
  return cert.subject.commonName ?? cert.subject.text;
}
