import { AccessLinksError } from '../../domain/errors';
import { checkKeyedLimits, gcraConstants, gcraStep } from '../../domain/rate-limit';
import type { RateLimiter } from '../../ports/rate-limiter';

/**
 * Options of {@link createMemoryRateLimiter}.
 *
 * @category Host ports
 */
export interface MemoryRateLimiterOptions {
  /**
   * The most keys it remembers. Beyond it, keys whose window has passed are dropped first, then
   * the oldest; a flood of new keys therefore costs memory up to this bound, never more.
   * @defaultValue 100000
   */
  readonly maxKeys?: number | undefined;
}

/**
 * A {@link RateLimiter} in one process's memory: exact within the process, but each server
 * counts alone. Use the PostgreSQL one when several servers share the limits.
 *
 * @category Host ports
 */
export interface MemoryRateLimiter extends RateLimiter {
  /**
   * How many keys it holds now.
   * @returns the count.
   * @example
   * ```ts
   * await limiter.consume([{ key: 'open:client:a', limit: { limit: 5, windowSeconds: 60 } }], Date.now());
   * console.log(limiter.size()); // 1
   * ```
   */
  size(): number;
}

/**
 * Creates a rate limiter that keeps one number per key in memory (the generic cell rate
 * algorithm), with no timers: it runs on any runtime. A call decides for all of its keys and
 * counts against them in one synchronous step, so it is all or nothing within the process; a key
 * the call only checks (`count: false`) is neither changed nor made.
 *
 * @param options - how many keys it may hold.
 * @returns the limiter.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` when `maxKeys` is not a whole number from 1.
 *
 * @example
 * ```ts
 * const limiter = createMemoryRateLimiter();
 * const link = { key: 'join:link:x', limit: { limit: 2, windowSeconds: 60 } };
 * const a = await limiter.consume([{ key: 'join:client:a', limit: { limit: 1, windowSeconds: 60 } }, link], 0);
 * const again = await limiter.consume([{ key: 'join:client:a', limit: { limit: 1, windowSeconds: 60 } }, link], 0);
 * const b = await limiter.consume([{ key: 'join:client:b', limit: { limit: 1, windowSeconds: 60 } }, link], 0);
 * console.log(a.allowed, again.allowed, b.allowed); // true false true: the refusal spent nothing of the link's
 * ```
 *
 * @category Host ports
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions = {}): MemoryRateLimiter {
  const maxKeys = options.maxKeys ?? 100_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new AccessLinksError('INVALID_OPTIONS', 'maxKeys must be a whole number of at least 1.');
  }
  // Insertion order is kept by Map; a key is re-inserted on each allowed request, so the first
  // keys are the least recently allowed.
  const arrivals = new Map<string, number>();
  const evict = (now: number) => {
    for (const [key, tat] of arrivals) {
      if (arrivals.size < maxKeys) return;
      if (tat <= now * 1000) arrivals.delete(key); // times are in microseconds
    }
    while (arrivals.size >= maxKeys) {
      const oldest = arrivals.keys().next();
      if (oldest.done === true) return;
      arrivals.delete(oldest.value);
    }
  };
  return {
    async consume(limits, now) {
      checkKeyedLimits(limits);
      // Every key is judged first; only when all allow the request is any of them counted.
      const tats: number[] = [];
      let wait = 0;
      for (const { key, limit } of limits) {
        const step = gcraStep(arrivals.get(key) ?? null, limit, now);
        if (step.allowed) tats.push(step.tat);
        else wait = Math.max(wait, step.retryAfterSeconds);
      }
      if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
      // A key only checked (count: false) is left as it was, and not made when absent.
      limits.forEach(({ key, count }, i) => {
        if (count === false) return;
        if (!arrivals.delete(key) && arrivals.size >= maxKeys) evict(now);
        arrivals.set(key, tats[i]!);
      });
      return { allowed: true };
    },
    async refund(limit, now) {
      checkKeyedLimits([limit]);
      const tat = arrivals.get(limit.key);
      const nowUs = now * 1000;
      // A key with nothing counted (its time passed, or none) has nothing to give back.
      if (tat === undefined || tat <= nowUs) return;
      arrivals.set(limit.key, Math.max(nowUs, tat - gcraConstants(limit.limit).interval));
    },
    size: () => arrivals.size,
  };
}
