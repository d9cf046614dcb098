/**
 * A record belongs to one entry. For every operation that takes an entry id and a record id,
 * over any pair of entries the actor may act on: the record of the other entry is refused with
 * the exact "not found" reason, and nothing changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimant, entries, harness, inviteHarness, ok, owner } from './harness';
import { runs } from './support/runs';

const rooms = ['room-1', 'room-x', 'room-y', 'room-z'] as const;
const pairs = fc
  .tuple(fc.constantFrom(...rooms), fc.constantFrom(...rooms))
  .filter(([home, other]) => home !== other);
const moderatorOfAll = { userId: 'u-mod-all' };

async function roomsHarness() {
  const h = await harness();
  for (const id of rooms.slice(1)) {
    h.directory.put({ id, type: 'room', ownerId: owner.userId, moderatorIds: [moderatorOfAll.userId], available: true });
  }
  h.directory.put({ ...entries.find((e) => e.id === 'room-1')!, moderatorIds: ['u-mod', moderatorOfAll.userId] });
  return h;
}

describe('guest records of another entry', () => {
  it('deleteGuestLink through another entry: LINK_NOT_FOUND, and the link still admits', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([home, other]) => {
        const { access, state } = await roomsHarness();
        for (const entryId of [home, other]) ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
        const link = ok(await access.createGuestLink({ actor: owner, entryId: home, name: 'Home' }));
        const before = JSON.stringify(state());
        expect(await access.deleteGuestLink({ actor: owner, entryId: other, linkId: link.id })).toMatchObject({ ok: false, code: 'LINK_NOT_FOUND' });
        expect(JSON.stringify(state())).toBe(before);
        ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      }),
      { numRuns: runs(24) },
    );
  });

  it('admitGuest and declineGuest through another entry: SESSION_NOT_FOUND, and the guest stays as it was', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, fc.constantFrom('admit' as const, 'decline' as const), fc.constantFrom(owner, moderatorOfAll), async ([home, other], move, actor) => {
        const { access, state } = await roomsHarness();
        for (const entryId of [home, other]) {
          ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
          ok(await access.setRoomLock({ actor: owner, entryId, locked: true }));
        }
        const link = ok(await access.createGuestLink({ actor: owner, entryId: home, name: 'Home' }));
        const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
        const before = JSON.stringify(state());
        const input = { actor, entryId: other, sessionId: ada.session.id };
        const result = move === 'admit' ? await access.admitGuest(input) : await access.declineGuest(input);
        expect(result).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' });
        expect(JSON.stringify(state())).toBe(before);
        expect(await access.checkGuestSession({ token: ada.token, entryId: home })).toMatchObject({ code: 'GUEST_WAITING' });
      }),
      { numRuns: runs(48) },
    );
  });

  it('admitAllGuests and declineAllGuests of another entry leave this entry’s guests waiting', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, fc.boolean(), async ([home, other], admit) => {
        const { access, state } = await roomsHarness();
        for (const entryId of [home, other]) {
          ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
          ok(await access.setRoomLock({ actor: owner, entryId, locked: true }));
        }
        const link = ok(await access.createGuestLink({ actor: owner, entryId: home, name: 'Home' }));
        ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
        const before = JSON.stringify(state());
        const moved = ok(admit ? await access.admitAllGuests({ actor: owner, entryId: other }) : await access.declineAllGuests({ actor: owner, entryId: other }));
        expect(moved).toEqual([]);
        expect(JSON.stringify(state())).toBe(before);
      }),
      { numRuns: runs(24) },
    );
  });

  it('checkGuestSession for another entry: SESSION_INVALID, even when that entry is open to guests', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([home, other]) => {
        const { access } = await roomsHarness();
        for (const entryId of [home, other]) ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
        const link = ok(await access.createGuestLink({ actor: owner, entryId: home, name: 'Home' }));
        const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
        expect(await access.checkGuestSession({ token: ada.token, entryId: other })).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
        ok(await access.checkGuestSession({ token: ada.token, entryId: home }));
      }),
      { numRuns: runs(24) },
    );
  });

  it('listGuests of another entry never shows this entry’s guests', async () => {
    await fc.assert(
      fc.asyncProperty(pairs, async ([home, other]) => {
        const { access } = await roomsHarness();
        for (const entryId of [home, other]) ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
        const link = ok(await access.createGuestLink({ actor: owner, entryId: home, name: 'Home' }));
        ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
        expect(ok(await access.listGuests({ actor: owner, entryId: other })).items).toEqual([]);
        expect(ok(await access.listGuestLinks({ actor: owner, entryId: other })).links).toEqual([]);
      }),
      { numRuns: runs(24) },
    );
  });
});

describe('invites of another entry', () => {
  const invitePairs = fc
    .tuple(fc.constantFrom('room-1', 'event-1', 'video-1', 'video-2'), fc.constantFrom('room-1', 'event-1', 'video-1', 'video-2'))
    .filter(([home, other]) => home !== other);

  it('revokeInvite, resendInvite and changeInviteRole through another entry: INVITE_NOT_FOUND, and the invite untouched', async () => {
    const throughAnother = async (home: string, other: string, action: 'revoke' | 'resend' | 'role') => {
      const { invites, store, mailer, clock } = await inviteHarness();
      const [ada] = ok(await invites.createInvites({ actor: owner, entryId: home, role: 'viewer', emails: ['ada@example.org'] }));
      if (ada?.status !== 'invited') throw new Error('expected an invite');
      clock.advance(120_000);
      const before = JSON.stringify(store.inspect());
      const sent = mailer.outbox().length;
      const input = { actor: owner, entryId: other, inviteId: ada.invite.id };
      const result =
        action === 'revoke'
          ? await invites.revokeInvite(input)
          : action === 'resend'
            ? await invites.resendInvite(input)
            : await invites.changeInviteRole({ ...input, role: 'viewer' });
      expect(result, action).toMatchObject({ ok: false, code: 'INVITE_NOT_FOUND' });
      expect(JSON.stringify(store.inspect())).toBe(before);
      expect(mailer.outbox()).toHaveLength(sent);
      ok(await invites.acceptInvite({ token: ada.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    };
    await fc.assert(
      fc.asyncProperty(invitePairs, async ([home, other]) => {
        // Every action for every pair drawn: none is left to chance.
        for (const action of ['revoke', 'resend', 'role'] as const) await throughAnother(home, other, action);
      }),
      { numRuns: runs(12) },
    );
  });

  it('listInvites of another entry never shows this entry’s invites', async () => {
    await fc.assert(
      fc.asyncProperty(invitePairs, async ([home, other]) => {
        const { invites } = await inviteHarness();
        ok(await invites.createInvites({ actor: owner, entryId: home, role: 'viewer', emails: ['ada@example.org'] }));
        expect(ok(await invites.listInvites({ actor: owner, entryId: other })).items).toEqual([]);
      }),
      { numRuns: runs(12) },
    );
  });
});
