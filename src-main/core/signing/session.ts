import { Timestamper } from './timestamper.js';
import { ValidationDataCollector, type ValidationMaterial } from './validation-data.js';

/** What stays the same across the documents of one sitting (a batch, or a signing screen left open). */
export interface SigningSessionOptions {
  /** RFC 3161 timestamp servers, tried in order. */
  readonly timestampUrls?: readonly string[];
  /** Certificates, OCSP responses and CRLs the caller already holds; the certificates also complete signers' chains. */
  readonly validationData?: ValidationMaterial;
  /** Fetch issuers and revocation data online (default true). */
  readonly allowOnline?: boolean;
  /** Per-request network deadline for TSA, OCSP, CRL and issuer downloads (default 10 s). */
  readonly networkTimeoutMs?: number;
}

/**
 * A signing session: the timestamp servers with what their tokens weigh, and the revocation data
 * and issuer certificates fetched so far, so a batch of a thousand documents asks each server once
 * where it can. It holds no key and no PIN: those stay with the `Signer`.
 */
export class SigningSession {
  readonly timestamper: Timestamper | null;
  readonly validation: ValidationDataCollector;

  constructor(options: SigningSessionOptions = {}) {
    const urls = options.timestampUrls ?? [];
    this.timestamper = urls.length ? new Timestamper(urls, options.networkTimeoutMs) : null;
    this.validation = new ValidationDataCollector({
      ...(options.validationData ? { supplied: options.validationData } : {}),
      allowOnline: options.allowOnline ?? true,
      ...(options.networkTimeoutMs !== undefined ? { timeoutMs: options.networkTimeoutMs } : {}),
    });
  }
}

/** The request's own session, or one made from its options. */
export function sessionFor(request: SigningSessionOptions & { readonly session?: SigningSession }): SigningSession {
  return request.session ?? new SigningSession(request);
}
