import { randomBytes } from 'node:crypto';
import { type SigningHashAlgorithm } from '../crypto-names/index.js';
import { requestTimestamp, type TimestampResult } from '../pki/index.js';

const HASH_BYTES: Readonly<Record<SigningHashAlgorithm, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/**
 * The timestamp servers of a signing session, tried in order (failover is the pki client's), and
 * what their tokens weigh. A token must fit a placeholder reserved before it is requested, so the
 * first reservation is measured with one real token over random bytes (what pyHanko does too);
 * later ones use the largest token seen since.
 */
export class Timestamper {
  private largest = 0;

  constructor(
    readonly urls: readonly string[],
    private readonly timeoutMs?: number,
  ) {}

  /** A checked token over `imprint` from the first server that gives one. */
  async stamp(imprint: Uint8Array, hashAlgorithm: SigningHashAlgorithm): Promise<TimestampResult> {
    const result = await requestTimestamp({ urls: this.urls, imprint, hashAlgorithm, ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}) });
    this.largest = Math.max(this.largest, result.token.length);
    return result;
  }

  /** Bytes a token is expected to take. */
  async tokenSize(hashAlgorithm: SigningHashAlgorithm): Promise<number> {
    if (this.largest === 0) await this.stamp(randomBytes(HASH_BYTES[hashAlgorithm]), hashAlgorithm);
    return this.largest;
  }
}
