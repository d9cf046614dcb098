/**
 * The stories of the help-centre articles, end to end through the public API.
 */
import { describe, expect, it } from 'vitest';
import { DAY, START, admin, coEditor, harness, linkOn, moderator, ok, owner, stranger } from './harness';

describe('an owner shares a room with guest speakers (G1, G3, G4)', () => {
  it('toggles on, creates "Guest speakers" with 2 uses for 7 days, and sees it listed with its URL', async () => {
    const { access } = await harness();
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    const link = ok(
      await access.createGuestLink({ actor: owner, entryId: 'room-1', name: '  Guest speakers ', useLimit: 2, durationDays: 7 }),
    );
    expect(link).toMatchObject({ name: 'Guest speakers', useLimit: 2, uses: 0, state: 'active', createdBy: owner.userId });
    expect(link.expiresAt).toBe(START + 7 * DAY);
    expect(link.url).toBe(`https://media.example.org/guest/${link.token}`);

    const list = ok(await access.listGuestLinks({ actor: owner, entryId: 'room-1' }));
    expect(list).toMatchObject({ entryId: 'room-1', enabled: true, cap: 3, canCreate: true });
    expect(list.links).toHaveLength(1);
    // G4: the URL can be copied again at any time, and it is the same link.
    expect(list.links[0]!.url).toBe(link.url);
  });

  it('shows "unlimited" and "never" as nulls when no limit or duration is given', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1', { name: 'Webinar invite' });
    expect(link.useLimit).toBeNull();
    expect(link.expiresAt).toBeNull();
    expect(link.durationDays).toBeNull();
  });

  it('refuses to create a link while guest access is off (G1)', async () => {
    const { access, state } = await harness();
    const refused = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Too early' });
    expect(refused).toMatchObject({ ok: false, code: 'GUEST_ACCESS_OFF' });
    expect(state().links).toEqual([]);
  });

  it('allows at most three links, expired ones included, and a fourth after a delete (G2, G5)', async () => {
    const { access, clock } = await harness();
    const first = await linkOn(access, 'video-1', { name: 'One', durationDays: 1 });
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Two' }));
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Three' }));
    clock.advance(2 * DAY);
    const fourth = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Four' });
    expect(fourth).toMatchObject({ ok: false, code: 'GUEST_LINK_CAP_REACHED' });
    const list = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' }));
    expect(list.canCreate).toBe(false);
    expect(list.links.map((l) => l.state)).toEqual(['expired', 'active', 'active']);

    ok(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: first.id }));
    ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Four' }));
  });

  it('lets co-editors and admins manage links but not other users (G11)', async () => {
    const { access } = await harness();
    ok(await access.setGuestAccess({ actor: coEditor, entryId: 'video-1', enabled: true }));
    ok(await access.createGuestLink({ actor: coEditor, entryId: 'video-1', name: 'By co-editor' }));
    ok(await access.createGuestLink({ actor: admin, entryId: 'video-1', name: 'By admin' }));
    for (const call of [
      access.createGuestLink({ actor: stranger, entryId: 'video-1', name: 'Nope' }),
      access.listGuestLinks({ actor: stranger, entryId: 'video-1' }),
      access.setGuestAccess({ actor: stranger, entryId: 'video-1', enabled: false }),
      // co-editors of one entry are nobody on another
      access.listGuestLinks({ actor: coEditor, entryId: 'video-2' }),
    ]) {
      expect(await call).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
    }
  });

  it('follows configured managers: an owner-only site refuses co-editors', async () => {
    const { access } = await harness({ rules: { guestManagers: ['owner'] } });
    expect(await access.setGuestAccess({ actor: coEditor, entryId: 'video-1', enabled: true })).toMatchObject({
      ok: false,
      code: 'NOT_PERMITTED',
    });
  });
});

describe('a guest opens and joins a link (G6, G8)', () => {
  it('opening shows the entry page and never consumes a use', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 1 });
    for (let i = 0; i < 5; i++) {
      const landing = ok(await access.openGuestLink({ token: link.token }));
      expect(landing).toEqual({
        entry: { id: 'video-1', type: 'video', title: 'Design system video' },
        link: { id: link.id, name: 'Link', expiresAt: null },
        waitingRoom: false,
        passcode: false,
        verifyEmail: false,
      });
    }
    expect(state().links[0]!.uses).toBe(0);
  });

  it('joining with a name and email consumes one use and gives a view-only session for that entry only', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 2 });
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: ' Ada@Example.org ' }));
    expect(joined.session).toMatchObject({
      entryId: 'video-1',
      linkId: link.id,
      linkName: 'Link',
      guestName: 'Ada',
      guestEmail: 'Ada@Example.org',
      status: 'admitted',
      capabilities: ['view'],
    });
    expect(state().links[0]!.uses).toBe(1);
    ok(await access.checkGuestSession({ token: joined.token, entryId: 'video-1' }));
    // G8: the session never opens another entry.
    expect(await access.checkGuestSession({ token: joined.token, entryId: 'video-2' })).toMatchObject({
      ok: false,
      code: 'SESSION_INVALID',
    });
    // The guest is in the guest list, with the link it came through.
    const guests = ok(await access.listGuests({ actor: owner, entryId: 'video-1' })).items;
    expect(guests.map((g) => [g.guestName, g.linkName])).toEqual([['Ada', 'Link']]);
  });

  it('a k-use link admits exactly k guests; the rest see "no longer valid"', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 2 });
    const results = [];
    for (const name of ['A', 'B', 'C']) {
      results.push(await access.joinGuestLink({ token: link.token, name, email: `${name}@example.org` }));
    }
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ code: 'LINK_INVALID' });
    const list = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' }));
    expect(list.links[0]).toMatchObject({ uses: 2, state: 'used_up' });
  });

  it('a bad name or email is refused with the field named, and consumes nothing', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 1 });
    const refused = await access.joinGuestLink({ token: link.token, name: ' ', email: 'not-an-email' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reasons.map((r) => r.code)).toEqual(['INVALID_NAME', 'INVALID_EMAIL']);
    expect(state().links[0]!.uses).toBe(0);
    expect(state().sessions).toEqual([]);
  });
});

describe('why a guest cannot get in: the message pages (G7)', () => {
  it('guest access turned off: every link inactive at once, back when turned on again (G1)', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1');
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ ok: false, code: 'GUEST_ACCESS_OFF' });
    expect(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).toMatchObject({
      ok: false,
      code: 'GUEST_ACCESS_OFF',
    });
    const list = ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' }));
    expect(list.links.map((l) => l.state)).toEqual(['inactive']);
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    ok(await access.openGuestLink({ token: link.token }));
  });

  it('link no longer valid: expired, used up, deleted, or forged', async () => {
    const { access, clock } = await harness();
    const expiring = await linkOn(access, 'video-1', { name: 'Expiring', durationDays: 1 });
    const single = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Single', useLimit: 1 }));
    const deleted = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Deleted' }));
    ok(await access.joinGuestLink({ token: single.token, name: 'First', email: 'first@example.org' }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: deleted.id }));
    clock.advance(DAY);
    const forged = expiring.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [expiring.token, single.token, deleted.token, forged, 'garbage']) {
      expect(await access.openGuestLink({ token })).toMatchObject({ ok: false, code: 'LINK_INVALID' });
    }
  });

  it('entry no longer available: deleted or gone from the directory', async () => {
    const { access, directory } = await harness();
    const link = await linkOn(access, 'video-1');
    directory.put({ id: 'video-1', type: 'video', ownerId: owner.userId, available: false });
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ ok: false, code: 'ENTRY_UNAVAILABLE' });
    directory.remove('video-1');
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ ok: false, code: 'ENTRY_UNAVAILABLE' });
  });

  it('guest access not supported for channel rooms and media-gallery rooms (G11)', async () => {
    const { access, directory } = await harness();
    for (const entryId of ['chan-1', 'gallery-1']) {
      expect(await access.setGuestAccess({ actor: owner, entryId, enabled: true })).toMatchObject({
        ok: false,
        code: 'ENTRY_TYPE_UNSUPPORTED',
      });
    }
    // An entry whose type changes after a link exists: the guest is told why.
    const link = await linkOn(access, 'video-1');
    directory.put({ id: 'video-1', type: 'channel-room', ownerId: owner.userId, available: true });
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ ok: false, code: 'ENTRY_TYPE_UNSUPPORTED' });
  });

  it('the site modules must both be on (G11), and every reason that applies is given', async () => {
    const { access, directory } = await harness();
    const link = await linkOn(access, 'video-1');
    directory.setSite({ inviteToMediaModule: false, mediaPage: false });
    const refused = await access.openGuestLink({ token: link.token });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reasons.map((r) => r.code)).toEqual(['INVITE_TO_MEDIA_MODULE_OFF', 'MEDIA_PAGE_OFF']);
    expect(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'X' })).toMatchObject({
      ok: false,
      code: 'INVITE_TO_MEDIA_MODULE_OFF',
    });
  });
});

describe('guests already in (G9)', () => {
  it('keep their session when the link is used up, lose it on refresh once access is off, the link deleted or expired', async () => {
    const { access, clock } = await harness();
    const link = await linkOn(access, 'video-1', { useLimit: 1, durationDays: 2 });
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    // Used up: Ada stays.
    ok(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' }));

    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' })).toMatchObject({ code: 'GUEST_ACCESS_OFF' });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    ok(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' }));

    clock.advance(2 * DAY - 1);
    ok(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' }));
    clock.advance(1);
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' })).toMatchObject({ code: 'LINK_INVALID' });
  });

  it('lose it on refresh once the link is deleted', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'video-1');
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: link.id }));
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' })).toMatchObject({ code: 'LINK_INVALID' });
    // Still listed among those who joined, with the link's name.
    const guests = ok(await access.listGuests({ actor: owner, entryId: 'video-1' })).items;
    expect(guests[0]).toMatchObject({ guestName: 'Ada', linkName: 'Link' });
  });

  it('can be given a lifetime of their own by configuration', async () => {
    const { access, clock } = await harness({ rules: { guestSessionSeconds: 3600 } });
    const link = await linkOn(access, 'video-1');
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    clock.advance(3_600_000 - 1);
    ok(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' }));
    clock.advance(1);
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'video-1' })).toMatchObject({ code: 'SESSION_EXPIRED' });
  });
});

describe('the waiting room (G10)', () => {
  it('a locked room makes guests wait; a moderator admits or declines them one by one or all at once', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: moderator, entryId: 'room-1', locked: true }));
    expect(ok(await access.openGuestLink({ token: link.token })).waitingRoom).toBe(true);

    const join = async (name: string) =>
      ok(await access.joinGuestLink({ token: link.token, name, email: `${name.toLowerCase()}@example.org` }));
    const [ada, bob, cy, di] = [await join('Ada'), await join('Bob'), await join('Cy'), await join('Di')];
    expect(ada.session.status).toBe('waiting');
    expect(ada.session.capabilities).toEqual([]);
    // Waiting is not "may view": a host that checks only `ok` keeps the guest in the waiting room.
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'GUEST_WAITING' });

    expect(ok(await access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id })).status).toBe('admitted');
    expect(ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: bob.session.id })).status).toBe('declined');
    const admitted = ok(await access.admitAllGuests({ actor: owner, entryId: 'room-1' }));
    expect(admitted.map((s) => s.guestName)).toEqual(['Cy', 'Di']);
    expect(ok(await access.checkGuestSession({ token: cy.token, entryId: 'room-1' })).capabilities).toEqual(['view']);
    expect(await access.checkGuestSession({ token: bob.token, entryId: 'room-1' })).toMatchObject({ code: 'GUEST_DECLINED' });
    void di;
  });

  it('a declined guest cannot slip back in through the same link, whatever the spelling of the email', async () => {
    const { access, state } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 10 });
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const bob = ok(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: bob.session.id }));
    const usesBefore = state().links[0]!.uses;
    expect(await access.joinGuestLink({ token: link.token, name: 'Bob', email: ' BOB@Example.org' })).toMatchObject({
      ok: false,
      code: 'GUEST_DECLINED',
    });
    // Unlocking the room does not let him back in either.
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: false }));
    expect(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' })).toMatchObject({
      code: 'GUEST_DECLINED',
    });
    expect(state().links[0]!.uses).toBe(usesBefore);
    // Until a moderator admits him after all.
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: bob.session.id }));
    ok(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' }));
  });

  it('removing an admitted guest ends the session on refresh', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1');
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id }));
    expect(await access.checkGuestSession({ token: ada.token, entryId: 'room-1' })).toMatchObject({ code: 'GUEST_DECLINED' });
  });

  it('only rooms lock, and only their managers and moderators decide', async () => {
    const { access } = await harness();
    expect(await access.setRoomLock({ actor: owner, entryId: 'video-1', locked: true })).toMatchObject({ code: 'NOT_A_ROOM' });
    expect(await access.setRoomLock({ actor: stranger, entryId: 'room-1', locked: true })).toMatchObject({ code: 'NOT_PERMITTED' });
    // The room's moderator may moderate, not manage links.
    expect(await access.createGuestLink({ actor: moderator, entryId: 'room-1', name: 'X' })).toMatchObject({ code: 'NOT_PERMITTED' });
  });
});

describe('deleting a link (G5)', () => {
  it('is immediate and final, and a link of another entry cannot be deleted through this one', async () => {
    const { access, state } = await harness();
    const one = await linkOn(access, 'video-1');
    const two = await linkOn(access, 'video-2');
    expect(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: two.id })).toMatchObject({
      code: 'LINK_NOT_FOUND',
    });
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: one.id }));
    expect(await access.deleteGuestLink({ actor: owner, entryId: 'video-1', linkId: one.id })).toMatchObject({
      code: 'LINK_NOT_FOUND',
    });
    expect(state().links.map((l) => l.id)).toEqual([two.id]);
  });
});
