/**
 * The conformance kit, run against the in-memory adapters (which must pass it) and against
 * deliberately broken adapters (which it must fail).
 */
import { describe, expect, it, test } from 'vitest';
import type { GuestStore } from '../src/index';
import type { InviteStore } from '../src/invites';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer, createMemoryRateLimiter } from '../src/memory';
import type { RateLimiter } from '../src/http';
import { gcraStep } from '../src/domain/rate-limit';
import {
  guestStoreConformance,
  inviteStoreConformance,
  mailerConformance,
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
      'GuestStore: joinGuest refuses past maxGuestsPerLink, and past maxWaitingGuests in a locked room, exactly under concurrency',
      'GuestStore: 25 concurrent joins of a 5-use link succeed exactly 5 times',
      'GuestStore: 25 concurrent inserts on one entry never pass a cap of 3',
      'GuestStore: 25 joins racing a delete of their link, a decline and a switch-off: no error, no lost use',
      'GuestStore: a join never lands after a switch-off, a lock, a decline or a delete of its link has answered',
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
        async consume(key, limit, now) {
          const step = gcraStep(arrivals.get(key) ?? null, limit, now);
          await tick();
          if (step.allowed) arrivals.set(key, step.tat);
          return step.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: step.retryAfterSeconds };
        },
      };
    };
    expect(await failing(rateLimiterConformance(async () => ({ store: broken() })))).toEqual([
      'RateLimiter: of 40 concurrent requests with room for 7, exactly 7 are allowed',
    ]);
  });

  it('one that counts refused requests', async () => {
    const broken = (): RateLimiter => {
      const counts = new Map<string, number[]>();
      return {
        async consume(key, limit, now) {
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
});

describe('the in-memory rate limiter', () => {
  it('holds at most maxKeys keys, dropping spent keys first', async () => {
    const limiter = createMemoryRateLimiter({ maxKeys: 3 });
    const limit = { limit: 2, windowSeconds: 10 };
    await limiter.consume('spent', limit, 0);
    await limiter.consume('busy', limit, 50_000);
    await limiter.consume('busy', limit, 50_000);
    await limiter.consume('other', limit, 50_000);
    await limiter.consume('new', limit, 50_000);
    expect(limiter.size()).toBe(3);
    // 'busy' kept its count: its third request at the same instant is refused.
    expect((await limiter.consume('busy', limit, 50_000)).allowed).toBe(false);
    expect(() => createMemoryRateLimiter({ maxKeys: 0 })).toThrow(/maxKeys/);
  });
});
