/**
 * The small in-memory adapters, each against what it documents: the mailer's scripted failures,
 * the rate limiter's checks of its input and its bound on keys, the stores' names, and the
 * sorted lists the stores keep as indexes, against a plain model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertSorted, lowerBound, removeSorted, upperBound } from '../src/adapters/memory/sorted';
import { AccessLinksError } from '../src/index';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer, createMemoryRateLimiter, createMemoryStores } from '../src/memory';
import { runs } from './support/runs';

const message = (to: string) => ({ to, subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' });

/** Sends one message and tells whether it went out. */
async function sends(mailer: ReturnType<typeof createMemoryMailer>, to: string): Promise<boolean> {
  try {
    await mailer.send(message(to));
    return true;
  } catch (error) {
    expect((error as Error).message).toContain(to);
    return false;
  }
}

describe('the memory mailer', () => {
  it('fails exactly the next send by default, then delivers again', async () => {
    const mailer = createMemoryMailer();
    mailer.failNext();
    expect(await sends(mailer, 'a@example.org')).toBe(false);
    expect(await sends(mailer, 'b@example.org')).toBe(true);
    expect(mailer.outbox().map((m) => m.to)).toEqual(['b@example.org']);
  });

  it('fails exactly the next `count` sends, whatever the count', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }), async (count, after) => {
        const mailer = createMemoryMailer();
        mailer.failNext(count);
        const outcomes: boolean[] = [];
        for (let i = 0; i < count + after; i++) outcomes.push(await sends(mailer, `g${i}@example.org`));
        expect(outcomes).toEqual([...Array<boolean>(count).fill(false), ...Array<boolean>(after).fill(true)]);
        // Failed sends are not in the outbox.
        expect(mailer.outbox().map((m) => m.to)).toEqual(Array.from({ length: after }, (_, i) => `g${count + i}@example.org`));
      }),
      { numRuns: runs(40, { pure: true }) },
    );
  });

  it('fails every send the predicate picks until it is cleared, and no other', async () => {
    const mailer = createMemoryMailer();
    mailer.failWhen((m) => m.to.endsWith('@bounce.example'));
    expect(await sends(mailer, 'x@bounce.example')).toBe(false);
    expect(await sends(mailer, 'ok@example.org')).toBe(true);
    expect(await sends(mailer, 'y@bounce.example')).toBe(false);
    // A predicate's failures use up no scripted failure: the next `failNext` still fails one send.
    mailer.failNext(1);
    expect(await sends(mailer, 'ok2@example.org')).toBe(false);
    expect(await sends(mailer, 'ok3@example.org')).toBe(true);
    mailer.failWhen(null);
    expect(await sends(mailer, 'z@bounce.example')).toBe(true);
    expect(mailer.outbox().map((m) => m.to)).toEqual(['ok@example.org', 'ok3@example.org', 'z@bounce.example']);
  });

  it('keeps counting scripted failures while a predicate also fails sends', async () => {
    const mailer = createMemoryMailer();
    mailer.failWhen((m) => m.to.startsWith('bounce'));
    mailer.failNext(2);
    expect(await sends(mailer, 'bounce1@example.org')).toBe(false);
    expect(await sends(mailer, 'fine1@example.org')).toBe(false);
    expect(await sends(mailer, 'fine2@example.org')).toBe(true);
    expect(await sends(mailer, 'bounce2@example.org')).toBe(false);
    expect(mailer.outbox().map((m) => m.to)).toEqual(['fine2@example.org']);
  });
});

const hour = { limit: 1, windowSeconds: 3600 };
const second = { limit: 1, windowSeconds: 1 };

/** Whether the limiter still remembers `key` under a one-per-hour limit it used before: a remembered key is refused. */
async function remembers(limiter: ReturnType<typeof createMemoryRateLimiter>, key: string, now: number): Promise<boolean> {
  return !(await limiter.consume([{ key: key, limit: hour }], now)).allowed;
}

describe('the memory rate limiter', () => {
  it('refuses a key that is not text of 1 to 300 characters, and takes one of 1 or 300', async () => {
    const limiter = createMemoryRateLimiter();
    for (const key of ['', 'k'.repeat(301), 42 as unknown as string, null as unknown as string]) {
      const refused = limiter.consume([{ key: key, limit: hour }], 0);
      await expect(refused).rejects.toBeInstanceOf(AccessLinksError);
      await expect(refused).rejects.toMatchObject({ code: 'INVALID_RECORD', message: expect.stringContaining('300 characters') });
    }
    expect(limiter.size()).toBe(0);
    expect(await limiter.consume([{ key: 'k', limit: hour }], 0)).toEqual({ allowed: true });
    expect(await limiter.consume([{ key: 'k'.repeat(300), limit: hour }], 0)).toEqual({ allowed: true });
    expect(limiter.size()).toBe(2);
  });

  it('refuses a limit that is not whole numbers in bounds, counting nothing', async () => {
    const limiter = createMemoryRateLimiter();
    const bad = [{ limit: 0, windowSeconds: 60 }, { limit: 1.5, windowSeconds: 60 }, { limit: 5, windowSeconds: 0 }, { limit: 5, windowSeconds: 86_401 }, null];
    for (const limit of bad) {
      const refused = limiter.consume([{ key: 'k', limit: limit as unknown as typeof hour }], 0);
      await expect(refused).rejects.toMatchObject({ code: 'INVALID_RECORD', message: expect.stringContaining('rate limit') });
    }
    expect(limiter.size()).toBe(0);
  });

  it('takes maxKeys of 1, and refuses one below it', () => {
    expect(createMemoryRateLimiter({ maxKeys: 1 }).size()).toBe(0);
    expect(() => createMemoryRateLimiter({ maxKeys: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(() => createMemoryRateLimiter({ maxKeys: 2.5 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('with one key of room, a new key makes it forget the old one', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 1 });
    expect(await limiter.consume([{ key: 'a', limit: hour }], 0)).toEqual({ allowed: true });
    expect(await limiter.consume([{ key: 'b', limit: hour }], 0)).toEqual({ allowed: true });
    expect(limiter.size()).toBe(1);
    expect(await remembers(limiter, 'b', 0)).toBe(true);
  });

  it('drops a key whose window has passed before an older key that still limits', async () => {
    for (const at of [1_000, 5_000]) {
      // `b` allows one request a second: one second after its request (at 1 000 ms exactly, or
      // later), its window has passed and forgetting it changes nothing; `a` still limits.
      const limiter = createMemoryRateLimiter({ maxKeys: 2 });
      await limiter.consume([{ key: 'a', limit: hour }], 0);
      await limiter.consume([{ key: 'b', limit: second }], 0);
      expect(await limiter.consume([{ key: 'c', limit: hour }], at)).toEqual({ allowed: true });
      expect(limiter.size()).toBe(2);
      expect(await remembers(limiter, 'a', at)).toBe(true);
      expect(await remembers(limiter, 'c', at)).toBe(true);
    }
  });

  it('when no window has passed, forgets the least recently allowed key, and never holds more than maxKeys', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    await limiter.consume([{ key: 'a', limit: hour }], 0);
    await limiter.consume([{ key: 'b', limit: hour }], 0);
    expect(await limiter.consume([{ key: 'c', limit: hour }], 10)).toEqual({ allowed: true });
    expect(limiter.size()).toBe(2);
    expect(await remembers(limiter, 'b', 10)).toBe(true);
    expect(await remembers(limiter, 'c', 10)).toBe(true);
    // `a` was forgotten: it is allowed again, as new, and `b`, now the oldest, goes.
    expect(await limiter.consume([{ key: 'a', limit: hour }], 10)).toEqual({ allowed: true });
    expect(limiter.size()).toBe(2);
    expect(await remembers(limiter, 'c', 10)).toBe(true);
    expect(await remembers(limiter, 'a', 10)).toBe(true);
  });

  it('forgets no key for a request of a key it already holds, even when full', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 2 });
    const three = { limit: 3, windowSeconds: 3600 };
    await limiter.consume([{ key: 'a', limit: hour }], 0);
    await limiter.consume([{ key: 'b', limit: three }], 0);
    expect(await limiter.consume([{ key: 'b', limit: three }], 0)).toEqual({ allowed: true });
    expect(limiter.size()).toBe(2);
    expect(await remembers(limiter, 'a', 0)).toBe(true);
    expect(await limiter.consume([{ key: 'b', limit: three }], 0)).toEqual({ allowed: true });
    expect((await limiter.consume([{ key: 'b', limit: three }], 0)).allowed).toBe(false);
  });

  it('holds at most maxKeys keys for any sequence of requests, and forgets none below the bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ key: fc.nat(6), gap: fc.nat(3_000), short: fc.boolean() }), { maxLength: 40 }),
        async (maxKeys, requests) => {
          const limiter = createMemoryRateLimiter({ maxKeys });
          const allowed = new Set<string>();
          let now = 0;
          for (const request of requests) {
            now += request.gap;
            const key = `k${request.key}`;
            const decision = await limiter.consume([{ key: key, limit: request.short ? second : { limit: 2, windowSeconds: 3600 } }], now);
            if (decision.allowed) allowed.add(key);
            expect(limiter.size()).toBeLessThanOrEqual(maxKeys);
            // Until more keys than the bound were ever allowed, every one is still held.
            if (allowed.size <= maxKeys) expect(limiter.size()).toBe(allowed.size);
          }
        },
      ),
      { numRuns: runs(60, { pure: true }) },
    );
  });
});

describe('the memory stores', () => {
  it('are named `memory`, each of them, for the messages of a failing store', () => {
    const stores = createMemoryStores();
    expect(stores.name).toBe('memory');
    expect(stores.guests.name).toBe('memory');
    expect(stores.invites.name).toBe('memory');
    expect(createMemoryGuestStore().name).toBe('memory');
    expect(createMemoryInviteStore().name).toBe('memory');
  });
});

describe('the sorted lists the memory stores index by', () => {
  const lists = fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 20 }).map((values) => values.sort((a, b) => a - b));

  it('insert a value where a plain sort would put it, duplicates and both ends included', () => {
    fc.assert(
      fc.property(lists, fc.integer({ min: -1, max: 9 }), (list, value) => {
        const sorted = [...list];
        insertSorted(sorted, value);
        expect(sorted).toEqual([...list, value].sort((a, b) => a - b));
      }),
      { numRuns: runs(300, { pure: true }) },
    );
  });

  it('remove one occurrence of a value that is there, and leave the list alone when it is not', () => {
    fc.assert(
      fc.property(lists, fc.integer({ min: -1, max: 9 }), (list, value) => {
        const sorted = [...list];
        removeSorted(sorted, value);
        const at = list.indexOf(value);
        expect(sorted).toEqual(at === -1 ? list : [...list.slice(0, at), ...list.slice(at + 1)]);
      }),
      { numRuns: runs(300, { pure: true }) },
    );
  });

  it('find the first position not below, and the first above, a value', () => {
    fc.assert(
      fc.property(lists, fc.integer({ min: -1, max: 9 }), (list, value) => {
        const lower = list.findIndex((v) => v >= value);
        const upper = list.findIndex((v) => v > value);
        expect(lowerBound(list, value)).toBe(lower === -1 ? list.length : lower);
        expect(upperBound(list, value)).toBe(upper === -1 ? list.length : upper);
      }),
      { numRuns: runs(300, { pure: true }) },
    );
  });

  it('leave a list without the value unchanged, whichever neighbour the value falls next to', () => {
    for (const value of [0, 2, 4, 6]) {
      const sorted = [1, 3, 5];
      removeSorted(sorted, value);
      expect(sorted).toEqual([1, 3, 5]);
    }
  });
});
