/**
 * The conformance kit, run against the in-memory adapters (which must pass it) and against
 * deliberately broken adapters (which it must fail).
 */
import { describe, expect, it, test } from 'vitest';
import type { GuestStore } from '../src/index';
import type { InviteStore } from '../src/invites';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer, createMemoryRateLimiter, createMemoryStores } from '../src/memory';
import type { RateLimiter } from '../src/http';
import { checkKeyedLimits, gcraStep } from '../src/domain/rate-limit';
import {
  guestStoreConformance,
  inviteStoreConformance,
  mailerConformance,
  outboxConformance,
  rateLimiterConformance,
  runConformance,
  type ConformanceCase,
} from '../src/testing';

describe('the in-memory adapters pass the kit', () => {
  runConformance(
    guestStoreConformance(async () => {
      const store = createMemoryGuestStore();
      return {
        store,
        peek: {
          link: async (id) => store.inspect().links.find((l) => l.id === id) ?? null,
          guestAccess: async (entryId) => store.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null,
          session: async (id) => store.inspect().sessions.find((s) => s.id === id) ?? null,
        },
      };
    }),
    test,
  );
  runConformance(
    inviteStoreConformance(async () => {
      const store = createMemoryInviteStore();
      return { store, peek: { invite: async (id) => store.inspect().find((i) => i.id === id) ?? null } };
    }),
    test,
  );
  runConformance(rateLimiterConformance(async () => ({ store: createMemoryRateLimiter() })), test);
  runConformance(outboxConformance(async () => ({ store: createMemoryStores() })), test);
  runConformance(
    mailerConformance(async () => {
      const mailer = createMemoryMailer();
      return { store: mailer, peek: async () => mailer.outbox() };
    }),
    test,
  );
});

/** Runs cases and answers the names of those that failed. */
async function failing(cases: ConformanceCase[]): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) await c.run().catch(() => failed.push(c.name));
  return failed;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the kit fails broken adapters', () => {
  it('a guest store that checks and then writes', async () => {
    // Correct in every sequential case; reads, lets other calls run, then acts on what it read.
    const broken = (): GuestStore => {
      const store = createMemoryGuestStore();
      return {
        ...store,
        async insertLinkUnderCap(link, cap) {
          const count = (await store.listLinks(link.entryId)).length;
          await tick();
          return count < cap ? store.insertLinkUnderCap(link, Number.MAX_SAFE_INTEGER) : false;
        },
        async joinGuest(join) {
          const read = await store.readLink(join.session.linkId);
          const link = read?.link;
          if (!link || (link.useLimit !== null && link.uses >= link.useLimit) || !read.access?.enabled) return store.joinGuest(join);
          await tick();
          // The use was judged on a stale read: the write lifts the limit it already checked.
          await store.deleteLink(link.entryId, link.id);
          await store.insertLinkUnderCap({ ...link, useLimit: null }, Number.MAX_SAFE_INTEGER);
          const joined = await store.joinGuest(join);
          await store.deleteLink(link.entryId, link.id);
          const after = (await store.listSessions(link.entryId)).filter((s) => s.linkId === link.id).length;
          await store.insertLinkUnderCap({ ...link, uses: after }, Number.MAX_SAFE_INTEGER);
          return joined;
        },
      };
    };
    const failed = await failing(guestStoreConformance(async () => ({ store: broken() })));
    expect(failed).toEqual([
      'GuestStore: a passcode change racing 25 joins judged against the old hash: every join let in took one use, and none gets in after the change',
      'GuestStore: joinGuest refuses past maxGuestsPerLink, and past maxWaitingGuests in a locked room, exactly under concurrency',
      'GuestStore: 25 concurrent counted joins of a 3-use link count exactly 3 joined',
      'GuestStore: 25 concurrent joins of a 5-use link succeed exactly 5 times',
      'GuestStore: 25 concurrent inserts on one entry never pass a cap of 3',
      'GuestStore: 25 joins racing a delete of their link, a decline and a switch-off: no error, no lost use',
      'GuestStore: a join never lands after a switch-off, a lock, a decline or a delete of its link has answered',
    ]);
  });

  it('an activity counter that reads a count and then writes it plus one', async () => {
    const broken = (): GuestStore => {
      const store = createMemoryGuestStore();
      const counts = new Map<string, number>();
      const key = (linkId: string, day: number, kind: string) => JSON.stringify([linkId, day, kind]);
      const add = async (linkId: string, day: number, kind: string) => {
        const before = counts.get(key(linkId, day, kind)) ?? 0;
        await tick();
        counts.set(key(linkId, day, kind), before + 1);
      };
      return {
        ...store,
        countActivity: ({ linkId, day, kind }) => add(linkId, day, kind),
        async joinGuest(join) {
          const joined = await store.joinGuest({ ...join, countDay: null });
          if (joined.status === 'joined' && joined.again !== true && join.countDay !== null) await add(join.session.linkId, join.countDay, 'joined');
          return joined;
        },
        async readActivity({ linkIds, fromDay, toDay }) {
          return [...counts].flatMap(([k, count]) => {
            const [linkId, day, kind] = JSON.parse(k) as [string, number, string];
            return linkIds.includes(linkId) && day >= fromDay && day <= toDay ? [{ linkId, day, kind, count }] : [];
          });
        },
      };
    };
    const failed = await failing(guestStoreConformance(async () => ({ store: broken() })));
    expect(failed).toEqual([
      'GuestStore: 25 concurrent countActivity calls of one link, day and kind all land',
      'GuestStore: 25 concurrent counted joins of a 3-use link count exactly 3 joined',
      'GuestStore: 25 concurrent counted joins on two days at once (servers whose clocks differ at midnight) count each join on its own day',
      'GuestStore: sweep removes activity counts of days before activityBefore in batches, from several sweepers each once, and keeps later days',
    ]);
  });

  it('an invite store whose transitions and claims are not conditional on the current state', async () => {
    const broken = (): InviteStore => {
      const store = createMemoryInviteStore();
      return {
        ...store,
        async finishInvite(inviteId, transition) {
          const invite = await store.getInvite(inviteId);
          if (!invite || invite.state !== 'pending') return null;
          await tick();
          return { ...invite, state: transition.to };
        },
        async claimDelivery(inviteId, claim, cap) {
          const invite = await store.getInvite(inviteId);
          if (!invite || invite.state !== 'pending' || invite.deliveryStatus === 'sending') return store.claimDelivery(inviteId, claim, cap);
          await tick();
          return { status: 'claimed', invite: { ...invite, deliveryStatus: 'sending', lastSentAt: claim.at } };
        },
      };
    };
    const failed = await failing(inviteStoreConformance(async () => ({ store: broken() })));
    expect(failed).toContain('InviteStore: 25 concurrent transitions of one invite: exactly one wins');
    expect(failed).toContain('InviteStore: 25 concurrent claims to send one invite: exactly one mails');
  });
});

describe('the kit fails broken rate limiters', () => {
  it('one that reads, waits, then writes', async () => {
    const broken = (): RateLimiter => {
      const arrivals = new Map<string, number>();
      return {
        async consume(limits, now) {
          checkKeyedLimits(limits);
          const steps = limits.map(({ key, limit }) => gcraStep(arrivals.get(key) ?? null, limit, now));
          await tick();
          const refused = steps.filter((step) => !step.allowed);
          if (refused.length > 0) return { allowed: false, retryAfterSeconds: Math.max(...refused.map((step) => step.retryAfterSeconds)) };
          steps.forEach((step, i) => step.allowed && limits[i]!.count !== false && arrivals.set(limits[i]!.key, step.tat));
          return { allowed: true };
        },
      };
    };
    expect(await failing(rateLimiterConformance(async () => ({ store: broken() })))).toEqual([
      'RateLimiter: of 40 concurrent requests with room for 7, exactly 7 are allowed',
      'RateLimiter: of 40 concurrent requests sharing a key, those refused by their own key spend nothing of it',
    ]);
  });

  it('one that counts refused requests', async () => {
    const broken = (): RateLimiter => {
      const counts = new Map<string, number[]>();
      return {
        async consume(limits, now) {
          const { key, limit } = limits[0]!;
          const recent = (counts.get(key) ?? []).filter((at) => at > now - limit.windowSeconds * 1000);
          recent.push(now);
          counts.set(key, recent);
          return recent.length <= limit.limit ? { allowed: true } : { allowed: false, retryAfterSeconds: limit.windowSeconds };
        },
      };
    };
    expect(await failing(rateLimiterConformance(async () => ({ store: broken() })))).toContain(
      'RateLimiter: a refusal says when to retry, counts nothing, and is right',
    );
  });

  it('one that counts each key on its own, as the HTTP layer once asked', async () => {
    // Each key decided and counted in turn: a request refused by its second key has spent its first.
    const broken = (): RateLimiter => {
      const inner = createMemoryRateLimiter();
      return {
        async consume(limits, now) {
          let retryAfterSeconds = 0;
          for (const limit of limits) {
            const decision = await inner.consume([limit], now);
            if (!decision.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds);
          }
          return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
        },
      };
    };
    expect(await failing(rateLimiterConformance(async () => ({ store: broken() })))).toEqual([
      'RateLimiter: a request refused by one key counts against none, and waits for the slowest',
      'RateLimiter: refuses bad input with INVALID_RECORD and counts nothing',
      'RateLimiter: a key only checked refuses when it has no room, as a counted key would, and the refusal counts nothing',
      'RateLimiter: refuses a count that is not a boolean, and a key twice however counted, with INVALID_RECORD and counts nothing',
      'RateLimiter: of 40 concurrent requests sharing a key, those refused by their own key spend nothing of it',
    ]);
  });
});

describe('the in-memory rate limiter', () => {
  it('holds at most maxKeys keys, dropping spent keys first', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 3 });
    const limit = { limit: 2, windowSeconds: 10 };
    const consume = (key: string, now: number) => limiter.consume([{ key, limit }], now);
    await consume('spent', 0);
    await consume('busy', 50_000);
    await consume('busy', 50_000);
    await consume('other', 50_000);
    await consume('new', 50_000);
    expect(limiter.size()).toBe(3);
    // 'busy' kept its count: its third request at the same instant is refused.
    expect((await consume('busy', 50_000)).allowed).toBe(false);
    expect(() => createMemoryRateLimiter({ maxKeys: 0 })).toThrow(/maxKeys/);
  });

  it('counts a request with several keys against every new one, within maxKeys', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 3 });
    const limit = { limit: 1, windowSeconds: 60 };
    expect((await limiter.consume([{ key: 'a', limit }, { key: 'b', limit }], 0)).allowed).toBe(true);
    expect((await limiter.consume([{ key: 'c', limit }, { key: 'd', limit }], 0)).allowed).toBe(true);
    expect(limiter.size()).toBe(3);
    // 'a', the oldest, went; 'b', 'c' and 'd' are spent.
    expect((await limiter.consume([{ key: 'a', limit }], 0)).allowed).toBe(true);
    expect((await limiter.consume([{ key: 'd', limit }], 0)).allowed).toBe(false);
  });
});
