/**
 * The invite stories end to end (I1–I5), and the mistakes other projects made.
 */
import { describe, expect, it } from 'vitest';
import { AccessLinksError } from '../src/index';
import type { Grant } from '../src/invites';
import { DAY, claimant, coEditor, inviteHarness, moderator, ok, owner, stranger } from './harness';

describe('inviting (I2, I4)', () => {
  it('three speakers and a moderator to a room: each gets one message with the link, and the owner sees who is invited', async () => {
    const { invites, mailer, events } = await inviteHarness();
    const speakers = ok(
      await invites.createInvites({
        actor: { ...owner, name: 'Grace' },
        entryId: 'room-1',
        role: 'speaker',
        emails: ['ada@example.org', 'alan@example.org', 'katherine@example.org'],
      }),
    );
    const mod = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'moderator', emails: ['mary@example.org'] }));
    expect([...speakers, ...mod].map((o) => o.status)).toEqual(['invited', 'invited', 'invited', 'invited']);
    expect([...speakers, ...mod].map((o) => (o.status === 'invited' ? o.delivery : null))).toEqual(['sent', 'sent', 'sent', 'sent']);

    const outbox = mailer.outbox();
    expect(outbox.map((m) => m.to)).toEqual(['ada@example.org', 'alan@example.org', 'katherine@example.org', 'mary@example.org']);
    expect(outbox[0]!.subject).toBe('Grace invited you to "Town hall" as speaker');
    const first = speakers[0]!;
    if (first.status !== 'invited') throw new Error('expected an invite');
    expect(outbox[0]!.text).toContain(first.invite.url);
    expect(outbox[0]!.html).toContain(first.invite.url);

    const list = ok(await invites.listInvites({ actor: owner, entryId: 'room-1' })).items;
    expect(list.map((i) => [i.email, i.role, i.state, i.deliveryStatus])).toEqual([
      ['ada@example.org', 'speaker', 'pending', 'sent'],
      ['alan@example.org', 'speaker', 'pending', 'sent'],
      ['katherine@example.org', 'speaker', 'pending', 'sent'],
      ['mary@example.org', 'moderator', 'pending', 'sent'],
    ]);
    expect(events.events().filter((e) => e.type === 'invite.invited')).toHaveLength(4);
    expect(events.events().filter((e) => e.type === 'invite.delivered')).toHaveLength(4);
  });

  it('a viewer of a video: roles follow the entry type', async () => {
    const { invites } = await inviteHarness();
    const outcomes = ok(
      await invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['viewer@example.org'] }),
    );
    expect(outcomes[0]).toMatchObject({ status: 'invited', invite: { role: 'viewer' } });
    const speaker = ok(await invites.createInvites({ actor: owner, entryId: 'video-1', role: 'speaker', emails: ['s@example.org'] }));
    expect(speaker[0]).toMatchObject({ status: 'refused', reason: { code: 'ROLE_NOT_ALLOWED' } });
    const contributor = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'contributor', emails: ['c@example.org'] }));
    expect(contributor[0]).toMatchObject({ status: 'refused', reason: { code: 'ROLE_NOT_ALLOWED' } });
  });

  it('answers every address in input order: invalid, repeated (in any case), re-invited, already accepted', async () => {
    const { invites, store } = await inviteHarness();
    const first = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org', 'bob@example.org'] }));
    const bob = first[1]!;
    if (bob.status !== 'invited') throw new Error('expected an invite');
    ok(await invites.acceptInvite({ token: bob.invite.token, claimant: claimant('u-bob', 'bob@example.org') }));

    const again = ok(
      await invites.createInvites({
        actor: owner,
        entryId: 'room-1',
        role: 'speaker',
        send: false,
        emails: ['not-an-address', ' ADA@example.org', 'ada@EXAMPLE.org', 'Bob@example.org', 'cy@example.org'],
      }),
    );
    expect(again.map((o) => [o.input, o.status === 'refused' ? o.reason.code : o.status])).toEqual([
      ['not-an-address', 'INVALID_EMAIL'],
      [' ADA@example.org', 're-invited'],
      ['ada@EXAMPLE.org', 'DUPLICATE_ADDRESS'],
      ['Bob@example.org', 'already-accepted'],
      ['cy@example.org', 'invited'],
    ]);
    // Re-inviting updated the pending invite: one invite for Ada, now a speaker.
    const adas = store.inspect().filter((i) => i.emailKey === 'ada@example.org');
    expect(adas).toHaveLength(1);
    expect(adas[0]).toMatchObject({ role: 'speaker', state: 'pending' });
  });

  it('re-inviting extends the expiry', async () => {
    const { invites, clock } = await inviteHarness();
    const [first] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    clock.advance(3 * DAY);
    const [second] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (first?.status !== 'invited' || second?.status !== 're-invited') throw new Error('expected invites');
    expect(second.invite.id).toBe(first.invite.id);
    expect(second.invite.expiresAt).toBe(first.invite.expiresAt + 3 * DAY);
  });

  it('re-inviting an expired invite revives the same invite rather than making a second', async () => {
    const { invites, clock, store } = await inviteHarness();
    const [first] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    clock.advance(8 * DAY);
    const [again] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (first?.status !== 'invited' || again?.status !== 're-invited') throw new Error('expected a re-invite');
    expect(again.invite).toMatchObject({ id: first.invite.id, state: 'pending', expiresAt: clock.now() + 7 * DAY });
    expect(store.inspect()).toHaveLength(1);
  });

  it('refuses too many addresses in one call, and honours a limit of 0 as 0', async () => {
    const { invites } = await inviteHarness({ rules: { maxAddressesPerCall: 2, pendingInviteCap: 0 } });
    const tooMany = await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@x.org', 'b@x.org', 'c@x.org'] });
    expect(tooMany).toMatchObject({ ok: false, code: 'TOO_MANY_ADDRESSES' });
    const none = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@x.org'] }));
    expect(none[0]).toMatchObject({ status: 'refused', reason: { code: 'PENDING_INVITE_CAP_REACHED' } });
  });

  it('an inviter never grants a role above its own; managers grant any', async () => {
    const { invites } = await inviteHarness({ rules: { inviterRoles: ['moderator', 'speaker'] } });
    const bySpeaker = ok(
      await invites.createInvites({ actor: { userId: 'u-speaker' }, entryId: 'event-1', role: 'moderator', emails: ['m@example.org'] }),
    );
    expect(bySpeaker[0]).toMatchObject({ status: 'refused', reason: { code: 'ROLE_ABOVE_INVITER' } });
    ok(await invites.createInvites({ actor: { userId: 'u-speaker' }, entryId: 'event-1', role: 'speaker', emails: ['s@example.org'] }));
    ok(await invites.createInvites({ actor: moderator, entryId: 'event-1', role: 'moderator', emails: ['m2@example.org'] }));
    ok(await invites.createInvites({ actor: coEditor, entryId: 'video-1', role: 'contributor', emails: ['c@example.org'] }));
    expect(await invites.createInvites({ actor: stranger, entryId: 'event-1', role: 'viewer', emails: ['v@example.org'] })).toMatchObject({
      ok: false,
      code: 'NOT_PERMITTED',
    });
  });

  it('needs the invite-to-media module', async () => {
    const { invites, directory } = await inviteHarness();
    directory.setSite({ inviteToMediaModule: false, mediaPage: true });
    expect(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@x.org'] })).toMatchObject({
      ok: false,
      code: 'INVITE_TO_MEDIA_MODULE_OFF',
    });
  });

  it('can create invites without mail, for the host to hand out the links', async () => {
    const { invites, mailer } = await inviteHarness({ withMailer: false });
    const [outcome] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect(outcome).toMatchObject({ status: 'invited', delivery: 'not_sent', invite: { deliveryStatus: 'not_sent' } });
    if (outcome?.status === 'invited') expect(outcome.invite.url).toContain(outcome.invite.token);
    expect(mailer.outbox()).toEqual([]);
    await expect(
      invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['b@example.org'], send: true }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});

describe('accepting (I1, I5)', () => {
  async function invited(email = 'Ada@Example.org') {
    const h = await inviteHarness();
    const [outcome] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: [email] }));
    if (outcome?.status !== 'invited') throw new Error('expected an invite');
    return { ...h, invite: outcome.invite };
  }

  it('opening shows the landing page and changes nothing', async () => {
    const { invites, invite, store } = await invited();
    const before = JSON.stringify(store.inspect());
    const landing = ok(await invites.openInvite({ token: invite.token }));
    expect(landing).toMatchObject({ email: 'Ada@Example.org', role: 'speaker', entry: { id: 'room-1', title: 'Town hall' }, inviter: { userId: owner.userId } });
    expect(JSON.stringify(store.inspect())).toBe(before);
  });

  it('only a verified, matching email accepts, compared case-insensitively after trimming', async () => {
    const { invites, invite } = await invited();
    const wrong = await invites.acceptInvite({ token: invite.token, claimant: claimant('u-bob', 'bob@example.org') });
    expect(wrong).toMatchObject({ ok: false, code: 'EMAIL_MISMATCH' });
    const unverified = await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org', false) });
    expect(unverified).toMatchObject({ ok: false, code: 'EMAIL_NOT_VERIFIED' });
    // The invite stays usable by the right person.
    const grant = ok(await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', '  ADA@example.ORG ') }));
    expect(grant).toMatchObject({ inviteId: invite.id, entryId: 'room-1', userId: 'u-ada', role: 'speaker' });
  });

  it('accepting twice grants once; another account cannot take it after', async () => {
    const grants: Grant[] = [];
    const h = await inviteHarness({ grants: { grant: async (g) => void grants.push(g) } });
    const [outcome] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    if (outcome?.status !== 'invited') throw new Error('expected an invite');
    const first = ok(await h.invites.acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    const second = ok(await h.invites.acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect(second).toEqual(first);
    expect(grants).toHaveLength(1);
    expect(
      await h.invites.acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada-2', 'ada@example.org') }),
    ).toMatchObject({ code: 'INVITE_ALREADY_ACCEPTED' });
  });

  it('an expired invite is refused from the instant of expiry; a resend revives it', async () => {
    const { invites, invite, clock } = await invited();
    clock.advance(7 * DAY - 1);
    ok(await invites.openInvite({ token: invite.token }));
    clock.advance(1);
    expect(await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org') })).toMatchObject({
      code: 'INVITE_EXPIRED',
    });
    expect(ok(await invites.listInvites({ actor: owner, entryId: 'room-1' })).items[0]!.state).toBe('expired');
    const resent = ok(await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: invite.id }));
    expect(resent.expiresAt).toBe(clock.now() + 7 * DAY);
    ok(await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
  });

  it('a revoked invite is never accepted, and an accepted one is never revoked', async () => {
    const { invites, invite } = await invited();
    ok(await invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: invite.id }));
    expect(await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org') })).toMatchObject({
      code: 'INVITE_REVOKED',
    });
    expect(await invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: invite.id })).toMatchObject({
      code: 'INVITE_NOT_PENDING',
    });

    const other = await invited();
    ok(await other.invites.acceptInvite({ token: other.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect(await other.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: other.invite.id })).toMatchObject({
      code: 'INVITE_NOT_PENDING',
    });
    expect(ok(await other.invites.listInvites({ actor: owner, entryId: 'room-1' })).items[0]!.state).toBe('accepted');
  });

  it('declining is final', async () => {
    const { invites, invite } = await invited();
    ok(await invites.declineInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
    expect(await invites.acceptInvite({ token: invite.token, claimant: claimant('u-ada', 'ada@example.org') })).toMatchObject({
      code: 'INVITE_DECLINED',
    });
  });

  it('a failing grant rolls the acceptance back, and the invite can be accepted later', async () => {
    let fail = true;
    const h = await inviteHarness({
      grants: {
        grant: async () => {
          if (fail) throw new Error('membership service down');
        },
      },
    });
    const [outcome] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    if (outcome?.status !== 'invited') throw new Error('expected an invite');
    const error = await h.invites
      .acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada', 'ada@example.org') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessLinksError);
    expect(error).toMatchObject({ code: 'GRANT_FAILED', cause: { message: 'membership service down' } });
    expect(h.store.inspect()[0]).toMatchObject({ state: 'pending', acceptedBy: null });
    fail = false;
    ok(await h.invites.acceptInvite({ token: outcome.invite.token, claimant: claimant('u-ada', 'ada@example.org') }));
  });

  it('forged and cross-purpose tokens are refused as INVITE_INVALID', async () => {
    const { invites, invite, access } = await invited();
    const forged = invite.token.slice(0, -1) + (invite.token.endsWith('A') ? 'B' : 'A');
    expect(await invites.openInvite({ token: forged })).toMatchObject({ code: 'INVITE_INVALID' });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L' }));
    expect(await invites.openInvite({ token: link.token })).toMatchObject({ code: 'INVITE_INVALID' });
    expect(await access.openGuestLink({ token: invite.token })).toMatchObject({ code: 'LINK_INVALID' });
  });
});

describe('sending (I4)', () => {
  it('resend after a bounce: the failure is kept with its cause, the invite stays pending, a resend delivers', async () => {
    const { invites, mailer, clock, events } = await inviteHarness();
    mailer.failWhen((m) => m.to === 'alan@example.org');
    const outcomes = ok(
      await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['alan@example.org', 'ada@example.org'] }),
    );
    expect(outcomes.map((o) => (o.status === 'invited' ? o.delivery : o.status))).toEqual(['failed', 'sent']);
    const alan = outcomes[0]!;
    if (alan.status !== 'invited') throw new Error('expected an invite');
    expect(alan.invite).toMatchObject({ state: 'pending', deliveryStatus: 'failed', deliveryAttempts: 1 });
    expect(alan.invite.deliveryError).toBe('Delivery to [address] failed'); // the cause, without the address (erasure leaves none)
    expect(events.events().find((e) => e.type === 'invite.delivery_failed')?.subjectId).toBe(alan.invite.id);

    mailer.failWhen(null);
    expect(await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: alan.invite.id })).toMatchObject({
      code: 'RESEND_TOO_SOON',
    });
    clock.advance(60_000);
    const resent = ok(await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: alan.invite.id }));
    expect(resent).toMatchObject({ deliveryStatus: 'sent', deliveryAttempts: 2, deliveryError: null });
    expect(mailer.outbox().map((m) => m.to)).toEqual(['ada@example.org', 'alan@example.org']);
  });

  it('a re-invite within the resend interval updates the invite but does not mail again', async () => {
    const { invites, mailer, clock } = await inviteHarness();
    ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    const [soon] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    expect(soon).toMatchObject({ status: 're-invited', delivery: 'throttled', invite: { role: 'speaker' } });
    clock.advance(60_000);
    const [later] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'] }));
    expect(later).toMatchObject({ status: 're-invited', delivery: 'sent' });
    expect(mailer.outbox()).toHaveLength(2);
  });

  it('a custom renderer is used, and line breaks it puts in the subject never reach the header', async () => {
    const { invites, mailer } = await inviteHarness({
      renderInvite: (data) => ({ subject: `Join us\r\nBcc: all@example.org`, text: data.url, html: `<a href="${data.url}">join</a>` }),
    });
    ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    expect(mailer.outbox()[0]!.subject).toBe('Join us Bcc: all@example.org');
  });

  it('escapes the entry title and the inviter name in the HTML (S3)', async () => {
    const { invites, mailer } = await inviteHarness();
    ok(
      await invites.createInvites({
        actor: { ...owner, name: '<img src=x onerror=alert(1)>' },
        entryId: 'event-1',
        role: 'viewer',
        emails: ['ada@example.org'],
      }),
    );
    const { html, subject } = mailer.outbox()[0]!;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe('changing a role (I3)', () => {
  it('changes a pending invite, within the entry type and the inviter rank', async () => {
    const { invites, events } = await inviteHarness();
    const [outcome] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (outcome?.status !== 'invited') throw new Error('expected an invite');
    const changed = ok(await invites.changeInviteRole({ actor: owner, entryId: 'room-1', inviteId: outcome.invite.id, role: 'moderator' }));
    expect(changed.role).toBe('moderator');
    expect(events.events().at(-1)).toMatchObject({ type: 'invite.role_changed', detail: { role: 'moderator', previousRole: 'viewer' } });
    expect(
      await invites.changeInviteRole({ actor: owner, entryId: 'room-1', inviteId: outcome.invite.id, role: 'contributor' }),
    ).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });
});
