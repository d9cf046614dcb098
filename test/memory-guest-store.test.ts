/**
 * The in-memory guest store against the port's contract where its indexes (waiting guests per
 * entry, sessions per email key, blocks by age) decide an answer: the waiting-room bound after a
 * guest leaves, the sweep's cut-offs at their exact instants and its `more`, the sweep of a
 * block once no session carries its key, and the order `inspect` answers in.
 */
import { describe, expect, it } from 'vitest';
import type { GuestLink, GuestSession } from '../src/index';
import { createMemoryGuestStore } from '../src/memory';
import { TIED_ORDER } from './support/ties';

type Store = ReturnType<typeof createMemoryGuestStore>;
type NewSession = Omit<GuestSession, 'status'>;

let serial = 0;
/** A fresh id, above every id made before (ids are ULIDs: increasing is newer). */
const nextId = () => `01JDQ${String(serial++).padStart(21, '0')}`;

function link(entryId: string, fields: Partial<GuestLink> = {}): GuestLink {
  return { id: nextId(), entryId, name: 'Guests', useLimit: null, uses: 0, durationDays: null, createdAt: 1_000, expiresAt: null, createdBy: 'owner-1', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false, ...fields };
}

function session(of: GuestLink, person: string, fields: Partial<NewSession> = {}): NewSession {
  return {
    id: nextId(),
    entryId: of.entryId,
    linkId: of.id,
    linkName: of.name,
    guestName: person,
    guestEmail: `${person}@example.org`,
    emailKey: `${person}@example.org`,
    erasureKey: `${person}@example.org`,
    clientKey: null,
    verified: false,
    joinedAt: 2_000,
    decidedAt: null,
    decidedBy: null,
    ...fields,
  };
}

/** An entry with guest access on and one link. */
async function entryWithLink(store: Store, entryId = 'room-1'): Promise<GuestLink> {
  await store.updateGuestAccess(entryId, { enabled: true, updatedAt: 1_000, updatedBy: 'owner-1' });
  const made = link(entryId);
  expect(await store.insertLinkUnderCap(made, 10)).toBe(true);
  return made;
}

async function join(store: Store, value: NewSession, maxWaitingGuests = 100) {
  return store.joinGuest({ session: value, waitingRoom: true, now: value.joinedAt, maxGuestsPerLink: 100, maxWaitingGuests, declinedSince: 0, passcodeHash: null, countDay: null });
}

async function joined(store: Store, value: NewSession): Promise<GuestSession> {
  const outcome = await join(store, value);
  if (outcome.status !== 'joined') throw new Error(`refused: ${outcome.reasons.join(', ')}`);
  return outcome.session;
}

describe('the memory guest store: the waiting room', () => {
  it('keeps its bound on waiting guests after an admitted guest is erased', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    expect((await joined(store, session(made, 'ada'))).status).toBe('admitted');
    await store.updateGuestAccess('room-1', { roomLocked: true, updatedAt: 2_000, updatedBy: 'mod' });
    expect((await joined(store, session(made, 'bob'))).status).toBe('waiting');
    expect(await store.eraseGuest('ada@example.org')).toEqual({ sessions: 1, blocks: 0 });
    // Bob still waits: with a bound of one waiting guest, the room is full.
    expect(await join(store, session(made, 'cy'), 1)).toEqual({ status: 'refused', reasons: ['WAITING_ROOM_FULL'] });
    expect(await store.eraseGuest('bob@example.org')).toEqual({ sessions: 1, blocks: 0 });
    expect((await join(store, session(made, 'cy'), 1)).status).toBe('joined');
  });

  it('writes nothing for a session id already stored, and never refuses without a reason (a verified join is answered again instead: the kit checks it)', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    const first = session(made, 'ada');
    await joined(store, first);
    let outcome: Awaited<ReturnType<typeof join>> | undefined;
    try {
      outcome = await join(store, { ...first, guestName: 'Someone else', emailKey: 'else@example.org', erasureKey: 'else@example.org' });
    } catch {
      // A store may also throw on a duplicate id; either way nothing is written.
    }
    if (outcome !== undefined) {
      expect(outcome.status).toBe('refused');
      if (outcome.status === 'refused') expect(outcome.reasons.length).toBeGreaterThan(0);
    }
    const state = store.inspect();
    expect(state.links.map((l) => l.uses)).toEqual([1]);
    expect(state.sessions.map((s) => s.guestName)).toEqual(['ada']);
  });
});

describe('the memory guest store: the sweep', () => {
  it('removes a session of a deleted link only when it joined strictly before the cut-off', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    await joined(store, session(made, 'ada', { joinedAt: 2_000 }));
    expect(await store.deleteLink('room-1', made.id)).toBe(true);
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 2_000, blocksBefore: 0, activityBefore: 0, limit: 10 })).toEqual({ sessions: 0, blocks: 0, activity: 0, more: false });
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 2_001, blocksBefore: 0, activityBefore: 0, limit: 10 })).toEqual({ sessions: 1, blocks: 0, activity: 0, more: false });
  });

  it('removes a block only when made strictly before the cut-off, and says more may remain when blocks reach the limit', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    const ada = await joined(store, session(made, 'ada'));
    await store.moveSession('room-1', ada.id, 'admitted', { status: 'declined', decidedAt: 3_000, decidedBy: 'mod' });
    await store.deleteLink('room-1', made.id);
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 0, activityBefore: 0, limit: 10 })).toEqual({ sessions: 1, blocks: 0, activity: 0, more: false });
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 3_000, activityBefore: 0, limit: 10 })).toEqual({ sessions: 0, blocks: 0, activity: 0, more: false });
    // One block, and a limit of one: the limit is reached.
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 3_001, activityBefore: 0, limit: 1 })).toEqual({ sessions: 0, blocks: 1, activity: 0, more: true });
    expect(store.inspect().blocks).toEqual([]);
  });

  it('removes a block once the last of several sessions carrying its key is gone', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    // Two people with one look-alike key, on one entry.
    const ada = await joined(store, session(made, 'ada', { emailKey: 'ada@example.org', erasureKey: 'ada@example.org' }));
    await joined(store, session(made, 'ada2', { emailKey: 'ada@example.org', erasureKey: 'ada+2@example.org' }));
    await store.moveSession('room-1', ada.id, 'admitted', { status: 'declined', decidedAt: 3_000, decidedBy: 'mod' });
    await store.deleteLink('room-1', made.id);
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 0, activityBefore: 0, limit: 1 })).toEqual({ sessions: 1, blocks: 0, activity: 0, more: true });
    // One session still carries the blocked key: the block stays.
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 0, blocksBefore: 9_000, activityBefore: 0, limit: 10 })).toEqual({ sessions: 0, blocks: 0, activity: 0, more: false });
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 0, activityBefore: 0, limit: 10 })).toEqual({ sessions: 1, blocks: 0, activity: 0, more: false });
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 9_000, activityBefore: 0, limit: 10 })).toEqual({ sessions: 0, blocks: 1, activity: 0, more: false });
  });

  it('removes a block of a key once its sessions on two entries are gone, and not before', async () => {
    const store = createMemoryGuestStore();
    const one = await entryWithLink(store, 'room-1');
    const two = await entryWithLink(store, 'room-2');
    const ada = await joined(store, session(one, 'ada'));
    await joined(store, session(two, 'ada'));
    await store.moveSession('room-1', ada.id, 'admitted', { status: 'declined', decidedAt: 3_000, decidedBy: 'mod' });
    await store.deleteLink('room-2', two.id);
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 9_000, activityBefore: 0, limit: 10 })).toEqual({ sessions: 1, blocks: 0, activity: 0, more: false });
    await store.deleteLink('room-1', one.id);
    expect(await store.sweep({ now: 9_000, sessionsJoinedBefore: 9_000, blocksBefore: 9_000, activityBefore: 0, limit: 10 })).toEqual({ sessions: 1, blocks: 1, activity: 0, more: false });
  });
});

describe('the memory guest store: inspect', () => {
  it('answers a block\'s key as stored, colons included', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    const ada = await joined(store, session(made, 'ada', { clientKey: 'v1:3f2a:9c' }));
    await store.moveSession('room-1', ada.id, 'admitted', { status: 'declined', decidedAt: 3_000, decidedBy: 'mod' });
    expect(store.inspect().blocks).toEqual([
      { entryId: 'room-1', kind: 'email', key: 'ada@example.org', erasureKey: 'ada@example.org' },
      { entryId: 'room-1', kind: 'client', key: 'v1:3f2a:9c', erasureKey: 'ada@example.org' },
    ]);
  });

  it('answers links oldest first, by creation time then id', async () => {
    const store = createMemoryGuestStore();
    await store.updateGuestAccess('room-1', { enabled: true, updatedAt: 1_000, updatedBy: 'owner-1' });
    const ids = Array.from({ length: 8 }, nextId);
    for (const [n, rank] of TIED_ORDER) expect(await store.insertLinkUnderCap(link(n % 2 === 0 ? 'room-1' : 'room-2', { id: ids[n]!, createdAt: rank * 100 }), 10)).toBe(true);
    expect(store.inspect().links.map((l) => ids.indexOf(l.id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers sessions oldest first, by joining time then id', async () => {
    const store = createMemoryGuestStore();
    const made = await entryWithLink(store);
    const ids = Array.from({ length: 8 }, nextId);
    for (const [n, rank] of TIED_ORDER) await joined(store, session(made, `p${n}`, { id: ids[n]!, joinedAt: 1_000 + rank * 500 }));
    expect(store.inspect().sessions.map((s) => ids.indexOf(s.id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
