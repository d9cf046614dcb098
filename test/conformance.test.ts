/**
 * The conformance kit, run against the in-memory adapters (which must pass it) and against
 * deliberately broken adapters (which it must fail).
 */
import { describe, expect, it, test } from 'vitest';
import type { GuestLinkStore } from '../src/index';
import type { InviteStore } from '../src/invites';
import {
  createMemoryGuestLinkStore,
  createMemoryGuestSessionStore,
  createMemoryInviteStore,
  createMemoryMailer,
} from '../src/memory';
import {
  guestLinkStoreConformance,
  guestSessionStoreConformance,
  inviteStoreConformance,
  mailerConformance,
  runConformance,
  type ConformanceCase,
} from '../src/testing';

describe('the in-memory adapters pass the kit', () => {
  runConformance(
    guestLinkStoreConformance(async () => {
      const store = createMemoryGuestLinkStore();
      return {
        store,
        peek: {
          link: async (id) => store.inspect().links.find((l) => l.id === id) ?? null,
          guestAccess: async (entryId) => store.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null,
        },
      };
    }),
    test,
  );
  runConformance(
    guestSessionStoreConformance(async () => {
      const store = createMemoryGuestSessionStore();
      return { store, peek: { session: async (id) => store.inspect().find((s) => s.id === id) ?? null } };
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
  it('a guest-link store that counts and then writes', async () => {
    // Correct in every sequential case; reads, lets other calls run, then writes.
    const broken = (): GuestLinkStore => {
      const store = createMemoryGuestLinkStore();
      return {
        ...store,
        async insertLinkUnderCap(link, cap) {
          const count = (await store.listLinks(link.entryId)).length;
          await tick();
          return count < cap ? store.insertLinkUnderCap(link, Number.MAX_SAFE_INTEGER) : false;
        },
        async takeUse(linkId, now) {
          const link = await store.getLink(linkId);
          if (!link || (link.useLimit !== null && link.uses >= link.useLimit)) return null;
          if (link.expiresAt !== null && now >= link.expiresAt) return null;
          await tick();
          await store.deleteLink(linkId);
          const used = { ...link, uses: link.uses + 1 };
          await store.insertLinkUnderCap(used, Number.MAX_SAFE_INTEGER);
          return used;
        },
      };
    };
    const failed = await failing(guestLinkStoreConformance(async () => ({ store: broken() })));
    expect(failed).toEqual([
      'GuestLinkStore: 25 concurrent takes of a 5-use link succeed exactly 5 times',
      'GuestLinkStore: 25 concurrent inserts on one entry never pass a cap of 3',
    ]);
  });

  it('an invite store whose transitions are not conditional on the current state', async () => {
    const broken = (): InviteStore => {
      const store = createMemoryInviteStore();
      return {
        ...store,
        async finishInvite(inviteId, transition) {
          const invite = await store.getInvite(inviteId);
          if (!invite || invite.state !== 'pending') return null;
          await tick();
          await store.reopenInvite(inviteId, invite.acceptedBy ?? '');
          const [updated] = [await store.getInvite(inviteId)];
          return updated && { ...updated, state: transition.to };
        },
      };
    };
    const failed = await failing(inviteStoreConformance(async () => ({ store: broken() })));
    expect(failed).toContain('InviteStore: 25 concurrent transitions of one invite: exactly one wins');
  });
});
