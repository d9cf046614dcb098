/**
 * G12, joining twice is one guest: a client's joins against a model, over any guest store. The
 * client keeps, per entry, the session token of its last join (as the HTTP layer's cookie does)
 * and hands its tokens to every join.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { createGuestLinks, createKeyRing, type GuestStore } from '../../src/index';
import { createManualClock, createMemoryEntryDirectory } from '../../src/memory';
import { ok, owner, moderator, SECRET, START } from '../harness';

/** How each guest may type the same address: case, a +tag and a look-alike letter fold away. */
export const SPELLINGS = [
  ['ada@example.org', 'ADA@Example.org', 'ada+back@example.org', '\u0430da@example.org'],
  ['bob@example.org', 'Bob+tab@example.org', 'BOB@example.org', 'bob@EXAMPLE.org'],
] as const;

export type RejoinCommand =
  | { readonly kind: 'join'; readonly guest: 0 | 1; readonly spelling: number; readonly link: 0 | 1 | 2 }
  | { readonly kind: 'lock'; readonly locked: boolean }
  | { readonly kind: 'leave'; readonly entry: 'video' | 'room' };

export const rejoinCommand = (guests: readonly (0 | 1)[] = [0, 1], links: readonly (0 | 1 | 2)[] = [0, 1, 2]): fc.Arbitrary<RejoinCommand> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('join' as const), guest: fc.constantFrom(...guests), spelling: fc.integer({ min: 0, max: 3 }), link: fc.constantFrom(...links) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), locked: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), entry: fc.constantFrom('video' as const, 'room' as const) }) },
  );

let worlds = 0;

/**
 * A library over `store` with two entries of their own (fresh ids, so that runs can share a
 * database): a video with an unlimited link (0) and a 2-use link (1), and a room with a waiting
 * room and an unlimited link (2).
 */
export async function rejoinWorld(store: GuestStore) {
  worlds += 1;
  const tag = `${process.pid}-${worlds}-${Math.random().toString(36).slice(2, 8)}`;
  const video = `g12-video-${tag}`;
  const room = `g12-room-${tag}`;
  const directory = createMemoryEntryDirectory({
    entries: [
      { id: video, type: 'video', ownerId: owner.userId, available: true },
      { id: room, type: 'room', ownerId: owner.userId, moderatorIds: [moderator.userId], available: true },
    ],
  });
  const clock = createManualClock(START);
  const access = createGuestLinks({ store, directory, clock, keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }), guestLinkUrl: (t) => t });
  for (const entryId of [video, room]) ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
  const links = [
    ok(await access.createGuestLink({ actor: owner, entryId: video, name: 'Open' })),
    ok(await access.createGuestLink({ actor: owner, entryId: video, name: 'Two', useLimit: 2 })),
    ok(await access.createGuestLink({ actor: owner, entryId: room, name: 'Room' })),
  ] as const;
  const entryOf = (link: 0 | 1 | 2) => (link === 2 ? room : video);
  const uses = async (link: 0 | 1 | 2) => {
    const listed = ok(await access.listGuestLinks({ actor: owner, entryId: entryOf(link) }));
    return listed.links.find((each) => each.id === links[link].id)!.uses;
  };
  return { access, clock, links, video, room, entryOf, uses };
}

/**
 * Runs a client's commands against the library and a model of G12, expecting every answer the
 * model gives; answers how many uses each (guest, link) spent.
 */
export async function runRejoins(world: Awaited<ReturnType<typeof rejoinWorld>>, commands: readonly RejoinCommand[]) {
  const { access, links, room, entryOf } = world;
  const limits = [Infinity, 2, Infinity];
  const modelUses = [0, 0, 0];
  const spent = new Map<string, number>();
  let locked = false;
  // The client's cookies, one per entry, and what the model knows of the session each holds.
  const cookies = new Map<string, { token: string; sessionId: string; link: number; guest: number; status: string }>();
  for (const command of commands) {
    if (command.kind === 'lock') {
      ok(await access.setRoomLock({ actor: moderator, entryId: room, locked: command.locked }));
      locked = command.locked;
      continue;
    }
    if (command.kind === 'leave') {
      // The guest leaves: the session ends (the link keeps its use) and the cookie goes.
      const entryId = command.entry === 'room' ? room : world.video;
      const held = cookies.get(entryId);
      if (held !== undefined) {
        const left = await access.leaveGuestSession({ token: held.token, entryId });
        expect(left.ok && [left.value.id, left.value.status]).toEqual([held.sessionId, 'left']);
        expect((await access.checkGuestSession({ token: held.token, entryId })).ok).toBe(false);
      }
      cookies.delete(entryId);
      continue;
    }
    const { guest, spelling, link } = command;
    const entryId = entryOf(link);
    const held = cookies.get(entryId);
    const joined = await access.joinGuestLink({
      token: links[link].token,
      name: guest === 0 ? 'Ada' : 'Bob',
      email: SPELLINGS[guest][spelling]!,
      sessionTokens: [...cookies.values()].map((cookie) => cookie.token),
    });
    if (held !== undefined && held.link === link && held.guest === guest) {
      // The client holds this guest's live session of this link: it is answered, nothing spent.
      expect(joined.ok && joined.value.rejoined).toBe(true);
      if (!joined.ok) continue;
      expect([joined.value.session.id, joined.value.session.status]).toEqual([held.sessionId, held.status]);
      continue;
    }
    if (modelUses[link]! >= limits[link]!) {
      expect(joined.ok ? 'joined' : joined.code).toBe('LINK_INVALID');
      continue;
    }
    expect(joined.ok && !joined.value.rejoined).toBe(true);
    if (!joined.ok) continue;
    const status = link === 2 && locked ? 'waiting' : 'admitted';
    expect(joined.value.session.status).toBe(status);
    modelUses[link]! += 1;
    spent.set(`${guest}:${link}`, (spent.get(`${guest}:${link}`) ?? 0) + 1);
    cookies.set(entryId, { token: joined.value.token, sessionId: joined.value.session.id, link, guest, status });
  }
  for (const link of [0, 1, 2] as const) expect(await world.uses(link)).toBe(modelUses[link]);
  return spent;
}
