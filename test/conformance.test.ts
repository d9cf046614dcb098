/**
 * The conformance kit, run against the in-memory adapters (which must pass it) and against
 * deliberately broken adapters (which it must fail).
 */
import { describe, expect, it, test } from 'vitest';
import type { GuestStore } from '../src/index';
import type { InviteStore } from '../src/invites';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from '../src/memory';
import {
  guestStoreConformance,
  inviteStoreConformance,
  mailerConformance,
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
      'GuestStore: 25 concurrent joins of a 5-use link succeed exactly 5 times',
      'GuestStore: 25 concurrent inserts on one entry never pass a cap of 3',
      'GuestStore: 25 joins racing a delete of their link, a decline and a switch-off: no error, no lost use',
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
