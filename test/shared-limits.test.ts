/**
 * The HTTP layer's default rate limiter follows the stores: a store that brings a limiter over
 * its own storage (the PostgreSQL stores do) is counted with when the host names none, so limits
 * hold across every server on that storage; the memory stores bring none, and each process counts
 * alone. A limiter the host names, or `null`, always wins.
 */
import { describe, expect, it } from 'vitest';
import { createGuestLinks } from '../src/index';
import { createInviteLinks } from '../src/invites';
import { createHttpHandler, type HttpHandlerOptions, type KeyedLimit, type RateLimiter } from '../src/http';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer, createMemoryRateLimiter } from '../src/memory';
import { harness, ok, owner } from './harness';

const ORIGIN = 'https://media.example.org';

/** A limiter that counts in memory and records every request it was asked about. */
function recording(): RateLimiter & { readonly asked: KeyedLimit[][] } {
  const inner = createMemoryRateLimiter();
  const asked: KeyedLimit[][] = [];
  return {
    asked,
    consume: (limits, now) => {
      asked.push([...limits]);
      return inner.consume(limits, now);
    },
  };
}

/** Guest links over a memory store that brings `limiter` as its own, and a link on video-1. */
async function world(limiter: RateLimiter | undefined) {
  const h = await harness();
  const store = { ...createMemoryGuestStore(), ...(limiter === undefined ? {} : { rateLimiter: limiter }) };
  const guestLinks = createGuestLinks({ store, directory: h.directory, keyRing: h.keyRing, clock: h.clock, guestLinkUrl: (t) => t });
  ok(await guestLinks.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await guestLinks.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Launch' }));
  const server = (options: Partial<HttpHandlerOptions> = {}) =>
    createHttpHandler({ guestLinks, authenticate: () => null, clientKey: (request) => request.headers.get('x-client'), clock: h.clock, ...options });
  const join = async (handler: ReturnType<typeof server>, guest: string) =>
    (
      await handler(
        new Request(`${ORIGIN}/access-links/guest-links/${link.token}/join`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'x-client': '203.0.113.7', 'content-type': 'application/json' },
          body: JSON.stringify({ name: guest, email: `${guest}@example.org` }),
        }),
      )
    ).status;
  return { ...h, guestLinks, server, join };
}

describe("the handler's default limiter follows the stores", () => {
  it("counts with the store's own limiter when given none, so two servers share one count", async () => {
    const limiter = recording();
    const w = await world(limiter);
    expect(w.guestLinks.sharedRateLimiter).toBe(limiter);
    const [a, b] = [w.server(), w.server()];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push(await w.join(a, `a${i}`), await w.join(b, `b${i}`));
    // joinPerClient is 10 a minute: the two servers together let 10 through, not 10 each.
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    expect(limiter.asked).toHaveLength(16);
  });

  it('counts per process with the memory stores, which bring no limiter', async () => {
    const w = await world(undefined);
    expect(w.guestLinks.sharedRateLimiter).toBeNull();
    const [a, b] = [w.server(), w.server()];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push(await w.join(a, `a${i}`), await w.join(b, `b${i}`));
    expect(statuses.every((status) => status === 201)).toBe(true);
  });

  it("leaves the store's limiter alone when the host names a limiter, or none", async () => {
    const shared = recording();
    const named = recording();
    const w = await world(shared);
    expect(await w.join(w.server({ rateLimiter: named }), 'ada')).toBe(201);
    expect(await w.join(w.server({ rateLimiter: null }), 'bob')).toBe(201);
    expect([shared.asked.length, named.asked.length]).toEqual([0, 1]);
  });

  it("takes the invite store's limiter when only invite links are served, and the guest store's first when both are", async () => {
    const h = await harness();
    const inviteLimiter = recording();
    const inviteLinks = createInviteLinks({
      store: { ...createMemoryInviteStore(), rateLimiter: inviteLimiter },
      mailer: createMemoryMailer(),
      directory: h.directory,
      keyRing: h.keyRing,
      clock: h.clock,
      inviteUrl: (t) => t,
    });
    expect(inviteLinks.sharedRateLimiter).toBe(inviteLimiter);
    const claimant = () => null;
    const open = (handler: ReturnType<typeof createHttpHandler>) => handler(new Request(`${ORIGIN}/access-links/invites/not-a-token`, { headers: { 'x-client': 'c' } }));
    await open(createHttpHandler({ inviteLinks, authenticate: () => null, claimant, clientKey: () => 'c', clock: h.clock }));
    expect(inviteLimiter.asked).toHaveLength(1);

    const guestLimiter = recording();
    const guestLinks = createGuestLinks({
      store: { ...createMemoryGuestStore(), rateLimiter: guestLimiter },
      directory: h.directory,
      keyRing: h.keyRing,
      clock: h.clock,
      guestLinkUrl: (t) => t,
    });
    await open(createHttpHandler({ guestLinks, inviteLinks, authenticate: () => null, claimant, clientKey: () => 'c', clock: h.clock }));
    expect([guestLimiter.asked.length, inviteLimiter.asked.length]).toEqual([1, 1]);
  });

  it("refuses a limiter that is not one, the host's or the store's, as INVALID_OPTIONS; a store's that cannot be read too", async () => {
    const h = await harness();
    const base = { directory: h.directory, keyRing: h.keyRing, guestLinkUrl: (t: string) => t };
    for (const rateLimiter of [{}, 'postgres', 7, { consume: 'yes' }]) {
      const guestLinks = createGuestLinks({ ...base, store: { ...createMemoryGuestStore(), rateLimiter: rateLimiter as never } });
      expect(() => createHttpHandler({ guestLinks, authenticate: () => null })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS', message: 'rateLimiter must be null or have consume.' }),
      );
      expect(() => createHttpHandler({ guestLinks: h.access, authenticate: () => null, rateLimiter: rateLimiter as never })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTIONS', message: 'rateLimiter must be null or have consume.' }),
      );
    }
    const unreadable = Object.defineProperty({ ...createMemoryGuestStore() }, 'rateLimiter', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => createGuestLinks({ ...base, store: unreadable })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});
