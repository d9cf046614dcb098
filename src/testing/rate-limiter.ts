import type { RateLimit, RateLimiter } from '../ports/rate-limiter';
import { ensure, newId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

const T0 = 1_800_000_000_000;

/**
 * The cases a {@link RateLimiter} must pass: a burst of exactly `limit`, a refusal that counts
 * nothing and says when to retry (and is right about it), a steady refill, keys and limits that
 * do not mix, a second instance over the same backing store that shares the count, and a race:
 * of 40 concurrent requests for one key with room for 7, exactly 7 are allowed.
 *
 * @param factory - makes a fresh limiter for each case (`second`: another over the same store).
 * @returns the cases; register them with {@link runConformance}.
 * @example
 * ```ts
 * runConformance(rateLimiterConformance(async () => ({ store: createMemoryRateLimiter() })), test);
 * ```
 *
 * @category Suites
 */
export function rateLimiterConformance(factory: AdapterFactory<RateLimiter>): ConformanceCase[] {
  const key = () => `conformance:${newId()}`;
  const perMinute = (limit: number): RateLimit => ({ limit, windowSeconds: 60 });
  const allowedOf = async (limiter: RateLimiter, k: string, limit: RateLimit, now: number, count: number) => {
    let allowed = 0;
    for (let i = 0; i < count; i += 1) if ((await limiter.consume(k, limit, now)).allowed) allowed += 1;
    return allowed;
  };
  return [
    withAdapter(factory, 'RateLimiter: allows a burst of exactly the limit, then refuses', async ({ store: limiter }) => {
      same(await allowedOf(limiter, key(), perMinute(5), T0, 8), 5, 'requests allowed at one instant');
    }),
    withAdapter(factory, 'RateLimiter: a refusal says when to retry, counts nothing, and is right', async ({ store: limiter }) => {
      const k = key();
      const limit = perMinute(3); // one request frees up every 20 s
      for (let i = 0; i < 3; i += 1) ensure((await limiter.consume(k, limit, T0)).allowed, 'the burst is allowed');
      const refused = await limiter.consume(k, limit, T0 + 1_000);
      ensure(!refused.allowed, 'the fourth request within the window is refused');
      same(refused.retryAfterSeconds, 19, 'seconds until the next request frees up');
      for (let i = 0; i < 5; i += 1) ensure(!(await limiter.consume(k, limit, T0 + 2_000)).allowed, 'still refused');
      // Refusals counted nothing: exactly when the first one said, one request is allowed again.
      ensure((await limiter.consume(k, limit, T0 + 20_000)).allowed, 'allowed once the interval passed');
      ensure(!(await limiter.consume(k, limit, T0 + 20_000)).allowed, 'and only one');
    }),
    withAdapter(factory, 'RateLimiter: refills steadily, and a full window restores the burst', async ({ store: limiter }) => {
      const k = key();
      const limit = perMinute(6); // one every 10 s
      same(await allowedOf(limiter, k, limit, T0, 6), 6, 'the burst');
      same(await allowedOf(limiter, k, limit, T0 + 30_000, 6), 3, 'three freed up after 30 s');
      same(await allowedOf(limiter, k, limit, T0 + 200_000, 10), 6, 'a whole burst after a quiet window');
    }),
    withAdapter(factory, 'RateLimiter: keys are counted apart', async ({ store: limiter }) => {
      const a = key();
      const b = key();
      same(await allowedOf(limiter, a, perMinute(2), T0, 3), 2, 'first key');
      same(await allowedOf(limiter, b, perMinute(2), T0, 3), 2, 'second key, untouched by the first');
    }),
    withAdapter(factory, 'RateLimiter: a second instance over the same store shares the count', async ({ store: limiter, second }) => {
      if (second === undefined) return;
      const k = key();
      same(await allowedOf(limiter, k, perMinute(4), T0, 3), 3, 'through the first');
      same(await allowedOf(second, k, perMinute(4), T0, 3), 1, 'through the second');
    }),
    withAdapter(factory, 'RateLimiter: of 40 concurrent requests with room for 7, exactly 7 are allowed', async ({ store: limiter, second }) => {
      const k = key();
      const limit = perMinute(7);
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 1 && second ? second : limiter).consume(k, limit, T0 + (i % 3))),
      );
      same(decisions.filter((decision) => decision.allowed).length, 7, 'allowed');
      for (const decision of decisions) {
        if (!decision.allowed) ensure(decision.retryAfterSeconds >= 1 && decision.retryAfterSeconds <= 60, `retryAfterSeconds ${decision.retryAfterSeconds} within the window`);
      }
    }),
  ];
}
