/**
 * Token buckets per caller (API token, or client address on public routes). In memory, so with
 * several instances each enforces its own share; a shared limiter belongs in the load balancer.
 */
export interface RateLimit {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests allowed in a burst. */
  readonly burst: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #sweepAt = 0;

  constructor(limit: RateLimit) {
    this.#limit = limit;
  }

  /** Take one request; returns 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    if (now > this.#sweepAt) this.#sweep(now);
    const b = this.#buckets.get(key) ?? { tokens: this.#limit.burst, at: now };
    b.tokens = Math.min(this.#limit.burst, b.tokens + ((now - b.at) / 1000) * this.#limit.perSecond);
    b.at = now;
    this.#buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.#limit.perSecond));
  }

  #sweep(now: number): void {
    // Full buckets carry no state worth keeping.
    const refill = (this.#limit.burst / this.#limit.perSecond) * 1000;
    for (const [k, b] of this.#buckets) if (now - b.at > refill) this.#buckets.delete(k);
    this.#sweepAt = now + 60_000;
  }
}
