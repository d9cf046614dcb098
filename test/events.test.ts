/**
 * Domain events: published after each change, for audit logs and webhooks; a failing sink never
 * fails or undoes the operation.
 */
import { describe, expect, it } from 'vitest';
import { createGuestLinks, type AccessEvent } from '../src/index';
import { createMemoryEventLog } from '../src/memory';
import { harness, ok, owner } from './harness';

async function withEvents(sink: { publish(event: AccessEvent): Promise<void> }, onEventError?: (e: unknown) => void) {
  const base = await harness();
  const access = createGuestLinks({
    store: base.store,
    directory: base.directory,
    keyRing: base.keyRing,
    clock: base.clock,
    guestLinkUrl: (t) => t,
    events: sink,
    ...(onEventError ? { onEventError } : {}),
  });
  return { ...base, access };
}

describe('guest-link events', () => {
  it('tell the story of a room, with guests acting as no platform user', async () => {
    const events = createMemoryEventLog();
    const { access } = await withEvents(events);
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L', useLimit: 2 }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    // A refused operation publishes nothing.
    await access.setGuestAccess({ actor: { userId: 'nobody' }, entryId: 'room-1', enabled: false });

    expect(events.events().map((e) => [e.type, e.actorId, e.subjectId])).toEqual([
      ['guest_access.changed', owner.userId, 'room-1'],
      ['room_lock.changed', owner.userId, 'room-1'],
      ['guest_link.created', owner.userId, link.id],
      ['guest.joined', null, joined.session.id],
      ['guest.admitted', owner.userId, joined.session.id],
      ['guest.declined', owner.userId, joined.session.id],
      ['guest_link.deleted', owner.userId, link.id],
    ]);
    expect(events.events()[3]!.detail).toEqual({ linkId: link.id, status: 'waiting' });
  });

  it('a sink that throws fails nothing; the error goes to onEventError', async () => {
    const errors: unknown[] = [];
    const { access, state } = await withEvents(
      { publish: () => Promise.reject(new Error('webhook down')) },
      (error) => errors.push(error),
    );
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    expect(state().guestAccess[0]).toMatchObject({ enabled: true });
    expect(errors).toEqual([new Error('webhook down')]);
  });
});
