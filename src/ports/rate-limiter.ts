import type { KeyedLimit, RateLimit } from '../domain/rate-limit';

export type { KeyedLimit, RateLimit };

/**
 * What a rate limiter answers for one request.
 *
 * @category Ports
 */
export type RateDecision =
  | {
      /**
       * The request may go ahead; it was counted against every one of its keys but those it only
       * checks (`count: false`).
       */
      readonly allowed: true;
    }
  | {
      /** At least one key is over its limit; nothing was counted against any of them. */
      readonly allowed: false;
      /** Whole seconds, at least 1, until every key would allow one more request. */
      readonly retryAfterSeconds: number;
    };

/**
 * Counts requests against limits and says whether one more is allowed. A request counts against
 * all of its limits or none: the HTTP layer counts a join against the client's limit and the
 * link's together, so that a request refused by the client's own limit spends nothing of the
 * link's, and one client's flood locks out nobody else. A key may also be checked and not counted
 * (`count: false`): it must have room, but an allowed request leaves it as it was. That bounds
 * wrong passcode tries per link: the request checks the link's wrong-tries key before the
 * passcode is compared, and only a wrong answer is counted against it, with a second call.
 *
 * An implementation must be atomic: each call decides and counts as one step, against every
 * server that shares the limiter (the PostgreSQL one does this in one statement). Of any number
 * of concurrent calls with room for k more, exactly k are allowed; a refused call is not counted
 * anywhere, so a client that waits `retryAfterSeconds` gets in. Keys are opaque text of at most
 * 300 characters; the HTTP layer never puts a token or an address in one, only digests and ids.
 *
 * The conformance kit's `rateLimiterConformance` checks all of this, races included.
 *
 * @category Ports
 */
export interface RateLimiter {
  /**
   * Counts one request against each of its limits, if every one of them allows it; otherwise
   * counts nothing. A limit with `count: false` is only checked: it takes part in the decision and
   * in the wait, and is never counted. Bad input (no keys, more than 8, a key twice whether counted
   * or not, a key or limit out of bounds, a `count` that is not a boolean) throws `INVALID_RECORD`
   * and counts nothing.
   * @param limits - the request's limits: 1 to 8 of them, each key once.
   * @param now - the current time, in milliseconds since the epoch.
   * @returns allowed (counted against every key but those only checked), or refused (counted against none) with when to retry.
   * @example
   * ```ts
   * const decision = await limiter.consume(
   *   [
   *     { key: 'join:client:3f2a', limit: { limit: 10, windowSeconds: 60 } },
   *     { key: 'join:token:9c1e', limit: { limit: 600, windowSeconds: 60 } },
   *   ],
   *   Date.now(),
   * );
   * if (!decision.allowed) console.log(`retry in ${decision.retryAfterSeconds}s`);
   * ```
   */
  consume(limits: readonly KeyedLimit[], now: number): Promise<RateDecision>;
  /**
   * Gives back one request an allowed `consume` counted against `limit.key`, when that request
   * turned out not to count: the HTTP layer counts a passcode against its link's budget before
   * comparing it, so that guesses arriving together can never overdraw the budget, and gives the
   * count back when the passcode was right or never compared (V3). The key's count goes down by
   * one, never below none: a key with nothing counted, or none at all, is left as it is. Bad
   * input throws `INVALID_RECORD` and changes nothing.
   *
   * Optional, for limiters written before it: without it, a right passcode stays counted against
   * its link's budget (the bound on guessing holds; honest guests spend the budget too).
   * @param limit - the key and its limit, as the `consume` that counted it named them.
   * @param now - the current time, in milliseconds since the epoch.
   * @example
   * ```ts
   * const tries = { key: 'passcode:token:9c1e', limit: { limit: 100, windowSeconds: 3600 } };
   * const decision = await limiter.consume([tries], Date.now());
   * const right = true; // the passcode compared equal: it does not count
   * if (decision.allowed && right) await limiter.refund?.(tries, Date.now());
   * ```
   */
  refund?(limit: KeyedLimit, now: number): Promise<void>;
}
