import type { KeyedLimit, RateLimit, RateLimiter } from '../ports/rate-limiter';
import { ensure, newId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

const T0 = 1_800_000_000_000;

/**
 * The cases a {@link RateLimiter} must pass: a burst of exactly `limit`, a refusal that counts
 * nothing and says when to retry (and is right about it), a steady refill, keys and limits that
 * do not mix, a second instance over the same backing store that shares the count; a request
 * with several keys counted against all of them or none (a refusal by one key spends nothing of
 * the others, and says to wait for the slowest); a key only checked (`count: false`) that refuses
 * as a counted key would, yet is never counted, not even when it is new; bad input refused with
 * `INVALID_RECORD` and nothing counted (a `count` that is not a boolean included); a `refund`, when
 * the limiter has one, that gives back one count and never more than was counted, also racing
 * requests, and refuses bad input; and two races:
 * of 40 concurrent requests for one key with room for 7, exactly
 * 7 are allowed, and of 40 concurrent requests sharing a key, those refused by their own spent
 * key spend nothing of the shared one (an adapter that reads, then writes, fails both).
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
  const one = (k: string, limit: RateLimit): KeyedLimit[] => [{ key: k, limit }];
  const allowedOf = async (limiter: RateLimiter, limits: readonly KeyedLimit[], now: number, count: number) => {
    let allowed = 0;
    for (let i = 0; i < count; i += 1) if ((await limiter.consume(limits, now)).allowed) allowed += 1;
    return allowed;
  };
  const refusesBadInput = async (limiter: RateLimiter, limits: unknown, what: string) => {
    let code: unknown = null;
    try {
      await limiter.consume(limits as KeyedLimit[], T0);
    } catch (error) {
      code = (error as { code?: unknown } | null)?.code;
    }
    same(code, 'INVALID_RECORD', `the error code for ${what}`);
  };
  return [
    withAdapter(factory, 'RateLimiter: allows a burst of exactly the limit, then refuses', async ({ store: limiter }) => {
      same(await allowedOf(limiter, one(key(), perMinute(5)), T0, 8), 5, 'requests allowed at one instant');
    }),
    withAdapter(factory, 'RateLimiter: a refusal says when to retry, counts nothing, and is right', async ({ store: limiter }) => {
      const limits = one(key(), perMinute(3)); // one request frees up every 20 s
      for (let i = 0; i < 3; i += 1) ensure((await limiter.consume(limits, T0)).allowed, 'the burst is allowed');
      const refused = await limiter.consume(limits, T0 + 1_000);
      ensure(!refused.allowed, 'the fourth request within the window is refused');
      same(refused.retryAfterSeconds, 19, 'seconds until the next request frees up');
      for (let i = 0; i < 5; i += 1) ensure(!(await limiter.consume(limits, T0 + 2_000)).allowed, 'still refused');
      // Refusals counted nothing: exactly when the first one said, one request is allowed again.
      ensure((await limiter.consume(limits, T0 + 20_000)).allowed, 'allowed once the interval passed');
      ensure(!(await limiter.consume(limits, T0 + 20_000)).allowed, 'and only one');
    }),
    withAdapter(factory, 'RateLimiter: refills steadily, and a full window restores the burst', async ({ store: limiter }) => {
      const limits = one(key(), perMinute(6)); // one every 10 s
      same(await allowedOf(limiter, limits, T0, 6), 6, 'the burst');
      same(await allowedOf(limiter, limits, T0 + 30_000, 6), 3, 'three freed up after 30 s');
      same(await allowedOf(limiter, limits, T0 + 200_000, 10), 6, 'a whole burst after a quiet window');
    }),
    withAdapter(factory, 'RateLimiter: keys are counted apart', async ({ store: limiter }) => {
      same(await allowedOf(limiter, one(key(), perMinute(2)), T0, 3), 2, 'first key');
      same(await allowedOf(limiter, one(key(), perMinute(2)), T0, 3), 2, 'second key, untouched by the first');
    }),
    withAdapter(factory, 'RateLimiter: a request allowed counts against every one of its keys', async ({ store: limiter }) => {
      const [a, b] = [key(), key()];
      same(await allowedOf(limiter, [{ key: a, limit: perMinute(3) }, { key: b, limit: perMinute(5) }], T0, 2), 2, 'requests on both keys');
      same(await allowedOf(limiter, one(a, perMinute(3)), T0, 3), 1, 'what the first key has left');
      same(await allowedOf(limiter, one(b, perMinute(5)), T0, 5), 3, 'what the second key has left');
    }),
    withAdapter(factory, 'RateLimiter: a request refused by one key counts against none, and waits for the slowest', async ({ store: limiter }) => {
      const [spent, shared] = [key(), key()];
      ensure((await limiter.consume(one(spent, perMinute(1)), T0)).allowed, 'the first key is spent');
      const both = [{ key: shared, limit: perMinute(4) }, { key: spent, limit: perMinute(1) }];
      for (let i = 0; i < 10; i += 1) {
        const refused = await limiter.consume(both, T0 + 1_000);
        ensure(!refused.allowed, 'refused by the spent key');
        same(refused.retryAfterSeconds, 59, 'seconds until the spent key frees up');
      }
      same(await allowedOf(limiter, one(shared, perMinute(4)), T0 + 1_000, 6), 4, 'the other key kept its whole burst');
      // Over both now (the shared key frees up in 6 s, the spent one in 50 s): the slower says when.
      const slowest = await limiter.consume(both, T0 + 10_000);
      ensure(!slowest.allowed, 'refused by both');
      same(slowest.retryAfterSeconds, 50, 'seconds until both free up');
    }),
    withAdapter(factory, 'RateLimiter: refuses bad input with INVALID_RECORD and counts nothing', async ({ store: limiter }) => {
      const k = key();
      await refusesBadInput(limiter, [], 'no keys');
      await refusesBadInput(limiter, Array.from({ length: 9 }, () => ({ key: key(), limit: perMinute(1) })), 'nine keys');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: k, limit: perMinute(1) }], 'a key twice');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: '', limit: perMinute(1) }], 'an empty key');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: 'x'.repeat(301), limit: perMinute(1) }], 'a key of 301 characters');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: key(), limit: perMinute(0) }], 'a limit of 0');
      await refusesBadInput(limiter, [{ key: k, limit: { limit: 1, windowSeconds: 86_401 } }], 'a window over a day');
      same(await allowedOf(limiter, one(k, perMinute(1)), T0, 2), 1, 'the key kept its whole burst');
    }),
    withAdapter(factory, 'RateLimiter: a key only checked refuses when it has no room, as a counted key would, and the refusal counts nothing', async ({ store: limiter }) => {
      const [checked, counted] = [key(), key()];
      same(await allowedOf(limiter, one(checked, perMinute(2)), T0, 2), 2, 'requests counted against the key checked later'); // one frees up every 30 s
      const both: KeyedLimit[] = [{ key: counted, limit: perMinute(3) }, { key: checked, limit: perMinute(2), count: false }];
      for (let i = 0; i < 5; i += 1) {
        const refused = await limiter.consume(both, T0 + 1_000);
        ensure(!refused.allowed, 'refused by the key it only checks');
        same(refused.retryAfterSeconds, 29, 'seconds until the checked key frees up');
      }
      same(await allowedOf(limiter, one(counted, perMinute(3)), T0 + 1_000, 5), 3, 'the counted key kept its whole burst');
      // Both over now (the counted key frees up in 20 s, the checked one in 29 s): the slower says when.
      const slowest = await limiter.consume(both, T0 + 1_000);
      ensure(!slowest.allowed, 'refused by both');
      same(slowest.retryAfterSeconds, 29, 'seconds until both free up');
      // The refusals counted nothing against the checked key either: it frees up when it said.
      ensure((await limiter.consume(one(checked, perMinute(2)), T0 + 30_000)).allowed, 'the checked key, counted once it freed up');
      ensure(!(await limiter.consume(one(checked, perMinute(2)), T0 + 30_000)).allowed, 'and only once');
    }),
    withAdapter(factory, 'RateLimiter: a request allowed spends nothing of a key it only checks', async ({ store: limiter }) => {
      const [checked, counted] = [key(), key()];
      same(await allowedOf(limiter, one(checked, perMinute(2)), T0, 1), 1, 'one request counted against the key checked later');
      const check: KeyedLimit = { key: checked, limit: perMinute(2), count: false };
      same(await allowedOf(limiter, [check], T0, 5), 5, 'requests that only check the key');
      same(await allowedOf(limiter, [{ key: counted, limit: perMinute(20), count: true }, check], T0, 5), 5, 'requests that check it and count another');
      same(await allowedOf(limiter, one(counted, perMinute(20)), T0, 20), 15, 'what the other key has left');
      same(await allowedOf(limiter, one(checked, perMinute(2)), T0, 3), 1, 'what the checked key has left');
    }),
    withAdapter(factory, 'RateLimiter: a new key only checked is counted later as a new key', async ({ store: limiter }) => {
      const k = key();
      // A check under another limit, a day long, would leave the key spent if it were counted.
      ensure((await limiter.consume([{ key: k, limit: { limit: 1, windowSeconds: 86_400 }, count: false }], T0)).allowed, 'the check of a new key');
      same(await allowedOf(limiter, one(k, perMinute(3)), T0 + 1_000, 5), 3, 'a whole burst, counted later');
      const refused = await limiter.consume(one(k, perMinute(3)), T0 + 1_000);
      ensure(!refused.allowed, 'refused past the burst');
      same(refused.retryAfterSeconds, 20, 'seconds until the next request frees up, as for a new key');
    }),
    withAdapter(factory, 'RateLimiter: refuses a count that is not a boolean, and a key twice however counted, with INVALID_RECORD and counts nothing', async ({ store: limiter }) => {
      const [k, other] = [key(), key()];
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: other, limit: perMinute(1), count: 'no' }], "a count of 'no'");
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: other, limit: perMinute(1), count: 0 }], 'a count of 0');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: other, limit: perMinute(1), count: null }], 'a count of null');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1) }, { key: k, limit: perMinute(1), count: false }], 'a key twice, once only checked');
      await refusesBadInput(limiter, [{ key: k, limit: perMinute(1), count: false }, { key: k, limit: perMinute(1), count: false }], 'a key twice, only checked');
      same(await allowedOf(limiter, one(k, perMinute(1)), T0, 2), 1, 'the first key kept its whole burst');
      same(await allowedOf(limiter, one(other, perMinute(1)), T0, 2), 1, 'the other key kept its whole burst');
    }),
    withAdapter(factory, 'RateLimiter: a second instance over the same store shares the count', async ({ store: limiter, second }) => {
      if (second === undefined) return;
      const limits = one(key(), perMinute(4));
      same(await allowedOf(limiter, limits, T0, 3), 3, 'through the first');
      same(await allowedOf(second, limits, T0, 3), 1, 'through the second');
    }),
    withAdapter(factory, 'RateLimiter: of 40 concurrent requests with room for 7, exactly 7 are allowed', async ({ store: limiter, second }) => {
      const limits = one(key(), perMinute(7));
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 1 && second ? second : limiter).consume(limits, T0 + (i % 3))),
      );
      same(decisions.filter((decision) => decision.allowed).length, 7, 'allowed');
      for (const decision of decisions) {
        if (!decision.allowed) ensure(decision.retryAfterSeconds >= 1 && decision.retryAfterSeconds <= 60, `retryAfterSeconds ${decision.retryAfterSeconds} within the window`);
      }
    }),
    withAdapter(factory, 'RateLimiter: of 40 concurrent requests sharing a key, those refused by their own key spend nothing of it', async ({ store: limiter, second }) => {
      const [shared, spent] = [key(), key()];
      ensure((await limiter.consume(one(spent, perMinute(1)), T0)).allowed, 'one key is spent');
      // 20 requests with a fresh key each and 20 with the spent key, all sharing a key with room for 25.
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 4 >= 2 && second ? second : limiter).consume(
            [{ key: shared, limit: perMinute(25) }, { key: i % 2 === 0 ? key() : spent, limit: perMinute(1) }],
            T0 + (i % 3),
          ),
        ),
      );
      same(decisions.filter((decision, i) => decision.allowed && i % 2 === 0).length, 20, 'requests with a fresh key allowed');
      same(decisions.filter((decision, i) => decision.allowed && i % 2 === 1).length, 0, 'requests with the spent key allowed');
      same(await allowedOf(limiter, one(shared, perMinute(25)), T0 + 2, 10), 5, 'what the shared key has left');
    }),
    // Giving back is optional (a limiter without `refund` keeps every count); one that has it is held to it.
    withAdapter(factory, 'RateLimiter: a refund gives back one count, never more than was counted, and touches no other key', async ({ store: limiter, second }) => {
      if (limiter.refund === undefined) return;
      const [tries, other] = [{ key: key(), limit: perMinute(3) }, { key: key(), limit: perMinute(3) }];
      same(await allowedOf(limiter, [tries], T0, 5), 3, 'the burst');
      await limiter.refund(tries, T0);
      same(await allowedOf(second ?? limiter, [tries], T0, 3), 1, 'allowed again after one refund, through any instance');
      // Three refunds of a key with three counted, then more: it is as new, no more.
      for (let i = 0; i < 5; i += 1) await limiter.refund(tries, T0 + 1);
      same(await allowedOf(limiter, [tries], T0 + 1, 5), 3, 'a key given back more than it counted allows its burst, not more');
      // A refund of a key never counted makes nothing: the other key still has its whole burst.
      await limiter.refund(other, T0);
      same(await allowedOf(limiter, [other], T0, 5), 3, 'a key refunded before any count');
    }),
    withAdapter(factory, 'RateLimiter: of 20 concurrent requests and 5 refunds on a spent key, exactly 5 more are allowed in all', async ({ store: limiter, second }) => {
      if (limiter.refund === undefined) return;
      const tries = { key: key(), limit: perMinute(5) };
      same(await allowedOf(limiter, [tries], T0, 5), 5, 'the burst');
      const racing = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => (i % 2 === 1 && second ? second : limiter).consume([tries], T0).then((decision) => decision.allowed)),
        ...Array.from({ length: 5 }, (_, i) => (i % 2 === 1 && second ? second : limiter).refund!(tries, T0).then(() => false)),
      ]);
      const during = racing.filter(Boolean).length;
      ensure(during <= 5, `${during} requests allowed against 5 refunds`);
      same(during + (await allowedOf(limiter, [tries], T0, 10)), 5, 'allowed during the race and after it');
    }),
    withAdapter(factory, 'RateLimiter: refuses a bad refund with INVALID_RECORD and changes nothing', async ({ store: limiter }) => {
      if (limiter.refund === undefined) return;
      const tries = { key: key(), limit: perMinute(2) };
      same(await allowedOf(limiter, [tries], T0, 2), 2, 'the burst');
      for (const bad of [{ key: '', limit: perMinute(2) }, { key: tries.key, limit: { limit: 0, windowSeconds: 60 } }, null]) {
        let code: unknown = null;
        try {
          await limiter.refund(bad as KeyedLimit, T0);
        } catch (error) {
          code = (error as { code?: unknown } | null)?.code;
        }
        same(code, 'INVALID_RECORD', `the error code for ${JSON.stringify(bad)}`);
      }
      same(await allowedOf(limiter, [tries], T0, 2), 0, 'nothing given back');
    }),
  ];
}
