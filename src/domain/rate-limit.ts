/**
 * The generic cell rate algorithm (GCRA) behind every rate limiter of the library: one number
 * per key, the theoretical arrival time (TAT) of the next request at the sustained rate. A
 * request is allowed when, after adding one emission interval (`window / limit`), the TAT is no
 * more than one window ahead of now; a refused request leaves the TAT alone. A request that counts
 * against several keys is allowed only when each of them allows it, and then counts against all
 * but those it only checks (`count: false`).
 */
import { AccessLinksError } from './errors';

/**
 * How many requests one key may make: a burst of up to `limit` at once, then one more every
 * `windowSeconds / limit` seconds. Over time that is `limit` per window on average; no span of
 * `windowSeconds` ever holds more than `2 × limit − 1` (a full burst, then the steady rate).
 *
 * @category Ports
 */
export interface RateLimit {
  /** The most requests in one window: a whole number from 1 to 1,000,000. */
  readonly limit: number;
  /** The window, in seconds: a whole number from 1 to 86,400. */
  readonly windowSeconds: number;
}

/**
 * One limit a request counts against, or only checks: what is limited, how much, and whether an
 * allowed request counts against it.
 *
 * @category Ports
 */
export interface KeyedLimit {
  /** What is limited, for example `join:client:<digest>`: opaque text of 1 to 300 characters. */
  readonly key: string;
  /** The limit of this key. */
  readonly limit: RateLimit;
  /**
   * Whether an allowed request counts against this key. A key with `count: false` is checked,
   * not counted: it must have room for the request to be allowed, and when it has none its wait
   * refuses the request and sets `retryAfterSeconds` as any key's would; but an allowed request
   * leaves it exactly as it was (a key it has never counted stays one with no request yet). It
   * is for a limit whose count is taken later, apart from the request, when requests seldom
   * arrive together: a check and a later count let concurrent requests pass the check at once.
   * Where they may, count first and give back with `refund`, as the HTTP layer does for wrong
   * passcodes per link.
   * @defaultValue true
   */
  readonly count?: boolean | undefined;
}

/** @internal The most limits one request counts against. */
export const MAX_KEYED_LIMITS = 8;

/** @internal The most a {@link RateLimit} may allow. */
export const MAX_RATE_LIMIT = 1_000_000;
/** @internal The longest window, one day. */
export const MAX_RATE_WINDOW_SECONDS = 86_400;

/** @internal Whether a rate limit is whole numbers within bounds. */
export function isRateLimit(value: unknown): value is RateLimit {
  if (typeof value !== 'object' || value === null) return false;
  const { limit, windowSeconds } = value as Record<string, unknown>;
  return (
    Number.isInteger(limit) &&
    (limit as number) >= 1 &&
    (limit as number) <= MAX_RATE_LIMIT &&
    Number.isInteger(windowSeconds) &&
    (windowSeconds as number) >= 1 &&
    (windowSeconds as number) <= MAX_RATE_WINDOW_SECONDS
  );
}

/**
 * @internal Throws `INVALID_RECORD` unless `limits` is what a rate limiter may be asked to count:
 * 1 to {@link MAX_KEYED_LIMITS} keyed limits, each key text of 1 to 300 characters and given
 * once (counted or not), each limit within bounds, each `count` a boolean or absent.
 */
export function checkKeyedLimits(limits: readonly KeyedLimit[]): void {
  if (!Array.isArray(limits) || limits.length === 0 || limits.length > MAX_KEYED_LIMITS) {
    throw new AccessLinksError('INVALID_RECORD', `A request counts against 1 to ${MAX_KEYED_LIMITS} rate limits.`);
  }
  const seen = new Set<string>();
  for (const item of limits as readonly unknown[]) {
    const { key, limit, count } = (typeof item === 'object' && item !== null ? item : {}) as Partial<KeyedLimit>;
    if (typeof key !== 'string' || key.length === 0 || key.length > 300) {
      throw new AccessLinksError('INVALID_RECORD', 'A rate-limit key must be text of 1 to 300 characters.');
    }
    if (seen.has(key)) throw new AccessLinksError('INVALID_RECORD', 'A request counts against each rate-limit key once.');
    seen.add(key);
    if (!isRateLimit(limit)) {
      throw new AccessLinksError('INVALID_RECORD', 'A rate limit must be a whole limit from 1 to 1,000,000 per 1 to 86,400 seconds.');
    }
    if (count !== undefined && typeof count !== 'boolean') {
      throw new AccessLinksError('INVALID_RECORD', 'A rate-limit key is counted (count: true, the default) or only checked (count: false).');
    }
  }
}

/**
 * @internal The algorithm's constants for a limit, in whole microseconds so that every step is
 * exact: the emission interval (rounded up, so the rate is never above the limit) and the burst
 * span it allows (`limit` intervals, at most `limit` microseconds over the window).
 */
export function gcraConstants(limit: RateLimit): { readonly interval: number; readonly burst: number } {
  const interval = Math.ceil((limit.windowSeconds * 1_000_000) / limit.limit);
  return { interval, burst: interval * limit.limit };
}

/**
 * @internal One step of the algorithm over the theoretical arrival time in microseconds since
 * the epoch: the decision, and the time to keep after an allowed request. Exact while times stay
 * below 2^53 microseconds (the year 2255).
 */
export function gcraStep(
  tat: number | null,
  limit: RateLimit,
  now: number,
): { readonly allowed: true; readonly tat: number } | { readonly allowed: false; readonly retryAfterSeconds: number } {
  const { interval, burst } = gcraConstants(limit);
  const nowUs = now * 1000;
  const next = Math.max(tat ?? nowUs, nowUs) + interval;
  if (next - nowUs <= burst) return { allowed: true, tat: next };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((next - burst - nowUs) / 1_000_000)) };
}
