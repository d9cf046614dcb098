import type { RateLimit } from '../domain/rate-limit';

export type { RateLimit };

/**
 * What a rate limiter answers for one request.
 *
 * @category Ports
 */
export type RateDecision =
  | {
      /** The request may go ahead; it was counted. */
      readonly allowed: true;
    }
  | {
      /** The key is over its limit; nothing was counted. */
      readonly allowed: false;
      /** Whole seconds, at least 1, until one more request would be allowed. */
      readonly retryAfterSeconds: number;
    };

/**
 * Counts requests per key and says whether one more is allowed. An implementation must be
 * atomic per key: of any number of concurrent calls for one key with room for k more, exactly k
 * are allowed, and across every server that shares it (the PostgreSQL one does this in one
 * statement). A refused request is not counted, so a client that waits `retryAfterSeconds` gets
 * in. Keys are opaque text of at most 300 characters; the HTTP layer never puts a token or an
 * address in one, only digests and ids.
 *
 * The conformance kit's `rateLimiterConformance` checks all of this, a race included.
 *
 * @category Ports
 */
export interface RateLimiter {
  /**
   * Counts one request for `key` if the limit allows it.
   * @param key - what is limited, for example `join:client:<digest>`.
   * @param limit - the limit for this kind of request.
   * @param now - the current time, in milliseconds since the epoch.
   * @returns allowed, or refused with when to retry.
   * @example
   * ```ts
   * const decision = await limiter.consume('join:client:3f2a', { limit: 10, windowSeconds: 60 }, Date.now());
   * if (!decision.allowed) console.log(`retry in ${decision.retryAfterSeconds}s`);
   * ```
   */
  consume(key: string, limit: RateLimit, now: number): Promise<RateDecision>;
}
