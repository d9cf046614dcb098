import { AccessLinksError } from '../../domain/errors';
import { gcraStep, isRateLimit } from '../../domain/rate-limit';
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
   * await limiter.consume('open:client:a', { limit: 5, windowSeconds: 60 }, Date.now());
   * console.log(limiter.size()); // 1
   * ```
   */
  size(): number;
}

/**
 * Creates a rate limiter that keeps one number per key in memory (the generic cell rate
 * algorithm), with no timers: it runs on any runtime.
 *
 * @param options - how many keys it may hold.
 * @returns the limiter.
 * @throws {@link "access-links"!AccessLinksError} `INVALID_OPTIONS` when `maxKeys` is not a whole number from 1.
 *
 * @example
 * ```ts
 * const limiter = createMemoryRateLimiter();
 * const first = await limiter.consume('join:link:x', { limit: 1, windowSeconds: 60 }, 0);
 * const second = await limiter.consume('join:link:x', { limit: 1, windowSeconds: 60 }, 0);
 * console.log(first.allowed, second.allowed); // true false
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
    async consume(key, limit, now) {
      if (typeof key !== 'string' || key.length === 0 || key.length > 300) {
        throw new AccessLinksError('INVALID_RECORD', 'A rate-limit key must be text of 1 to 300 characters.');
      }
      if (!isRateLimit(limit)) {
        throw new AccessLinksError('INVALID_RECORD', 'A rate limit must be a whole limit from 1 to 1,000,000 per 1 to 86,400 seconds.');
      }
      const known = arrivals.get(key);
      const step = gcraStep(known ?? null, limit, now);
      if (!step.allowed) return { allowed: false, retryAfterSeconds: step.retryAfterSeconds };
      if (known === undefined && arrivals.size >= maxKeys) evict(now);
      arrivals.delete(key);
      arrivals.set(key, step.tat);
      return { allowed: true };
    },
    size: () => arrivals.size,
  };
}
