/** The rate-limit algorithm as properties: for any limit and any request times. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gcraStep } from '../src/domain/rate-limit';
import { createMemoryRateLimiter } from '../src/memory';
import { runs } from './support/runs';

const limits = fc.record({ limit: fc.integer({ min: 1, max: 50 }), windowSeconds: fc.integer({ min: 1, max: 3600 }) });
const gaps = fc.array(fc.integer({ min: 0, max: 5_000_000 }).map((gap) => (gap > 4_000_000 ? 0 : gap)), { maxLength: 200 });

function replay(limit: { limit: number; windowSeconds: number }, deltas: number[]) {
  let tat: number | null = null;
  let now = 1_800_000_000_000;
  const allowed: number[] = [];
  const refusals: { at: number; retryAfterSeconds: number; tat: number | null }[] = [];
  for (const delta of deltas) {
    now += delta;
    const step = gcraStep(tat, limit, now);
    if (step.allowed) {
      tat = step.tat;
      allowed.push(now);
    } else {
      refusals.push({ at: now, retryAfterSeconds: step.retryAfterSeconds, tat });
    }
  }
  return { allowed, refusals };
}

describe('the rate-limit algorithm', () => {
  it('allows a burst of exactly the limit at one instant', () => {
    fc.assert(
      fc.property(limits, (limit) => {
        expect(replay(limit, Array.from({ length: limit.limit + 3 }, () => 0)).allowed).toHaveLength(limit.limit);
      }),
      { numRuns: runs(200, { pure: true }) },
    );
  });

  it('never allows more than 2 × limit − 1 in any window, nor more than the steady rate over time', () => {
    fc.assert(
      fc.property(limits, gaps, (limit, deltas) => {
        const { allowed } = replay(limit, deltas);
        const window = limit.windowSeconds * 1000;
        const interval = Math.ceil((window * 1000) / limit.limit) / 1000;
        for (let i = 0; i < allowed.length; i += 1) {
          let inWindow = 0;
          for (let j = i; j < allowed.length && allowed[j]! < allowed[i]! + window; j += 1) inWindow += 1;
          expect(inWindow).toBeLessThanOrEqual(2 * limit.limit - 1);
          // From the first request on: at most a burst, plus one per interval since.
          expect(i + 1).toBeLessThanOrEqual(limit.limit + Math.floor((allowed[i]! - allowed[0]!) / interval));
        }
      }),
      { numRuns: runs(300, { pure: true }) },
    );
  });

  it('a refusal names a wait after which the next request is allowed, and no shorter whole wait would do', () => {
    fc.assert(
      fc.property(limits, gaps, (limit, deltas) => {
        for (const refusal of replay(limit, deltas).refusals) {
          expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(limit.windowSeconds);
          expect(gcraStep(refusal.tat, limit, refusal.at + refusal.retryAfterSeconds * 1000).allowed).toBe(true);
          if (refusal.retryAfterSeconds > 1) {
            expect(gcraStep(refusal.tat, limit, refusal.at + (refusal.retryAfterSeconds - 1) * 1000).allowed).toBe(false);
          }
        }
      }),
      { numRuns: runs(300, { pure: true }) },
    );
  });

  it('the in-memory limiter answers exactly as the algorithm, key by key', async () => {
    await fc.assert(
      fc.asyncProperty(limits, fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 120_000 })), { maxLength: 100 }), async (limit, requests) => {
        const limiter = createMemoryRateLimiter();
        const tats = new Map<string, number>();
        let now = 0;
        for (const [key, delta] of requests) {
          now += delta;
          const expected = gcraStep(tats.get(key) ?? null, limit, now);
          if (expected.allowed) tats.set(key, expected.tat);
          const got = await limiter.consume([{ key, limit }], now);
          expect(got).toEqual(expected.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: expected.retryAfterSeconds });
        }
      }),
      { numRuns: runs(200, { pure: true }) },
    );
  });
});
