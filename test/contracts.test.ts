/**
 * The small print, pinned: every boundary of the input checks and the rules, the exact words of
 * misuse errors, the details every event carries, and the default invite email.
 */
import { describe, expect, it } from 'vitest';
import {
  AccessLinksError,
  createGuestLinks,
  createKeyRing,
  defineGuestLinkRules,
  EMAIL_MAX_LENGTH,
  ID_MAX_LENGTH,
  isAccessLinksError,
  isHostId,
  NAME_MAX_LENGTH,
  normalizeEmail,
  normalizeName,
  readEntry,
  readSiteFeatures,
} from '../src/index';
import { createInviteLinks, defineInviteRules, deliveryErrorText, headerText, renderInviteMessage } from '../src/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from '../src/memory';
import { entries, harness, inviteHarness, linkOn, ok, owner, SECRET, writtenEvents } from './harness';

const problemsOf = (result: { ok: boolean; problems?: readonly string[] }) => (result.ok ? [] : result.problems!);

describe('boundaries of the input checks', () => {
  it('ids are 1 to 200 characters', () => {
    expect([isHostId(''), isHostId('a'), isHostId('a'.repeat(ID_MAX_LENGTH)), isHostId('a'.repeat(ID_MAX_LENGTH + 1))]).toEqual([false, true, true, false]);
  });

  it('names are 1 to 100 characters after trimming, without lone surrogates or invisible-only text', () => {
    expect(normalizeName('a'.repeat(NAME_MAX_LENGTH))).toBe('a'.repeat(NAME_MAX_LENGTH));
    expect(normalizeName('a'.repeat(NAME_MAX_LENGTH + 1))).toBeNull();
    expect(normalizeName(`  ${'a'.repeat(NAME_MAX_LENGTH)}  `)).toBe('a'.repeat(NAME_MAX_LENGTH));
    expect(normalizeName(' '.repeat(NAME_MAX_LENGTH * 4 + 1))).toBeNull();
    expect(normalizeName(`${' '.repeat(NAME_MAX_LENGTH * 3)}Ada`)).toBe('Ada');
    expect(normalizeName('Ada\ud800')).toBeNull();
    expect(normalizeName('\u200b\u200d ')).toBeNull();
    expect(normalizeName('x')).toBe('x');
  });

  it(`emails are at most ${EMAIL_MAX_LENGTH} characters, without control, invisible or lone surrogate characters`, () => {
    const local = 'a'.repeat(64);
    // Labels of at most 63 characters, as DNS allows.
    const domain = (n: number) => `${'b'.repeat(63)}.${'b'.repeat(63)}.${'b'.repeat(n - 128)}.org`;
    const at = (n: number) => `${local}@${domain(n - local.length - 5)}`;
    expect(at(EMAIL_MAX_LENGTH)).toHaveLength(EMAIL_MAX_LENGTH);
    expect(normalizeEmail(at(EMAIL_MAX_LENGTH))).not.toBeNull();
    expect(normalizeEmail(at(EMAIL_MAX_LENGTH + 1))).toBeNull();
    expect(normalizeEmail(`${' '.repeat(EMAIL_MAX_LENGTH * 3)}ada@example.org`)).toBe('ada@example.org');
    expect(normalizeEmail(' '.repeat(EMAIL_MAX_LENGTH * 4 + 1))).toBeNull();
    expect(normalizeEmail('ada\ud800@example.org')).toBeNull();
    expect(normalizeEmail('ada\u0007@example.org')).toBeNull();
    expect(normalizeEmail('ada\u200b@example.org')).toBeNull();
  });

  it('a host entry is checked field by field, and its lists are copied', () => {
    const coEditorIds = ['u-co'];
    const entry = readEntry({ id: 'e', type: 'video', ownerId: 'o', available: true, coEditorIds, moderatorIds: ['m'] }, 'e')!;
    coEditorIds.push('u-intruder');
    expect(entry.coEditorIds).toEqual(['u-co']);
    expect(readEntry({ id: 'e', type: 'video', ownerId: 'o', available: true, title: 5 }, 'e')).toBeNull();
    expect(readEntry({ id: 'e', type: 'video', ownerId: 'o', available: true, title: null }, 'e')?.title).toBeUndefined();
    expect(readEntry([{ id: 'e' }], 'e')).toBeNull();
    expect(readEntry(null, 'e')).toBeNull();
    expect(readSiteFeatures([true, true])).toBeNull();
    expect(readSiteFeatures({ inviteToMediaModule: true, mediaPage: false })).toEqual({ inviteToMediaModule: true, mediaPage: false });
  });
});

describe('boundaries of the rules', () => {
  it('each whole-number rule takes its minimum and maximum and refuses one past either', () => {
    const guest: [string, number, number][] = [
      ['guestLinkCap', 0, 1000],
      ['guestSessionSeconds', 1, 366 * 86_400],
      ['finishedSessionRetentionDays', 1, 36_500],
      ['declinedGuestRetentionDays', 1, 36_500],
      ['maxGuestsPerLink', 1, 2_147_483_647],
      ['maxWaitingGuestsPerRoom', 1, 100_000],
    ];
    for (const [name, min, max] of guest) {
      expect(defineGuestLinkRules({ [name]: min }).ok, `${name} ${min}`).toBe(true);
      expect(defineGuestLinkRules({ [name]: max }).ok, `${name} ${max}`).toBe(true);
      expect(problemsOf(defineGuestLinkRules({ [name]: min - 1 }))[0], `${name} ${min - 1}`).toMatch(new RegExp(`^rules\\.${name}: `));
      expect(defineGuestLinkRules({ [name]: max + 1 }).ok, `${name} ${max + 1}`).toBe(false);
      expect(defineGuestLinkRules({ [name]: min + 0.5 }).ok, `${name} ${min + 0.5}`).toBe(false);
      expect(defineGuestLinkRules({ [name]: String(min) }).ok, `${name} as text`).toBe(false);
    }
    const invite: [string, number, number][] = [
      ['inviteDurationDays', 1, 3650],
      ['maxAddressesPerCall', 0, 10_000],
      ['pendingInviteCap', 0, 1_000_000],
      ['resendIntervalSeconds', 0, 86_400],
      ['deliveryTimeoutSeconds', 1, 3_600],
      ['grantTimeoutSeconds', 1, 3_600],
      ['finishedInviteRetentionDays', 1, 36_500],
    ];
    for (const [name, min, max] of invite) {
      expect(defineInviteRules({ [name]: min }).ok, `${name} ${min}`).toBe(true);
      expect(defineInviteRules({ [name]: max }).ok, `${name} ${max}`).toBe(true);
      expect(defineInviteRules({ [name]: min - 1 }).ok, `${name} ${min - 1}`).toBe(false);
      expect(defineInviteRules({ [name]: max + 1 }).ok, `${name} ${max + 1}`).toBe(false);
    }
  });

  it('lists of entry types and roles refuse empty names; roles need ranks; the problems say where', () => {
    expect(problemsOf(defineGuestLinkRules({ unsupportedGuestEntryTypes: [''] }))).toEqual(['rules.unsupportedGuestEntryTypes: expected non-empty entry types']);
    expect(defineGuestLinkRules({ unsupportedGuestEntryTypes: ['x'] }).ok).toBe(true);
    expect(problemsOf(defineGuestLinkRules('nope'))).toEqual(['rules: expected an object']);
    expect(problemsOf(defineInviteRules({ defaultRoles: [''] }))).toEqual(['rules.defaultRoles: expected a list of roles']);
    expect(problemsOf(defineInviteRules({ inviterRoles: ['ghost'] }))).toEqual(['rules: every role named must have a rank in roleRanks (ghost has none)']);
    expect(problemsOf(defineInviteRules({ roleRanks: { viewer: -1, contributor: 2, speaker: 2, moderator: 3 } }))[0]).toMatch(/^rules\.roleRanks: /);
    expect(defineInviteRules({ roleRanks: { viewer: 0, contributor: 2, speaker: 2, moderator: 3 } }).ok).toBe(true);
    expect(defineInviteRules({ rolesByEntryType: { room: ['viewer'] } }).ok).toBe(true);
    expect(defineInviteRules({ rolesByEntryType: { room: 'viewer' } }).ok).toBe(false);
  });

  it('a rule under a name it does not have is refused, beside a good one', () => {
    expect(defineGuestLinkRules({ guestSessionHours: 2, guestSessionSeconds: 60 })).toEqual({ ok: false, problems: ['rules: no rule is called guestSessionHours'] });
  });
});

describe('misuse, in so many words', () => {
  it('options the factories cannot work with', async () => {
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const directory = createMemoryEntryDirectory({ entries });
    const throws = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return [(error as AccessLinksError).code, (error as Error).message];
      }
      return null;
    };
    expect(throws(() => createGuestLinks(null as never))).toEqual(['INVALID_OPTIONS', 'Options must be an object.']);
    expect(throws(() => createGuestLinks({ store: createMemoryGuestStore(), guestLinkUrl: (t: string) => t } as never))).toEqual(['INVALID_OPTIONS', 'Options lack directory, keyRing.']);
    expect(throws(() => createGuestLinks({ store: null as never, directory, keyRing, guestLinkUrl: (t) => t }))?.[0]).toBe('INVALID_OPTIONS');
    expect(throws(() => createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: 'x' as never }))).toEqual(['INVALID_OPTIONS', 'guestLinkUrl must be a function.']);
    expect(throws(() => createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, rules: { guestLinkCap: -1 } }))?.[1]).toMatch(/^Invalid rules: rules\.guestLinkCap: /);
    expect(throws(() => createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing: {} as never, guestLinkUrl: (t) => t }))).toEqual([
      'INVALID_OPTIONS',
      'keyRing must have signingKeyId, sign and verify.',
    ]);
  });

  it('a clock that fails or lies, and a key ring that signs badly', async () => {
    const { access } = await harness({ options: { clock: { now: () => -1 } } });
    await expect(access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true })).rejects.toThrow('The clock gave -1, not 0 to 2^48-1.');
    const late = await harness({ options: { clock: { now: () => 2 ** 48 } } });
    await expect(late.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true })).rejects.toMatchObject({ code: 'CLOCK_FAILED' });
    const edge = await harness({ options: { clock: { now: () => 0 } } });
    expect(ok(await edge.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true })).updatedAt).toBe(0);
    const broken = await harness({
      options: { keyRing: { signingKeyId: () => 'k1', sign: async () => new Uint8Array(31), verify: async () => true } },
    });
    ok(await broken.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const refused = await broken.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L' }).catch((error: AccessLinksError) => error);
    expect([(refused as AccessLinksError).code, (refused as AccessLinksError).message, ((refused as Error).cause as Error).message]).toEqual([
      'KEY_RING_FAILED',
      'The key ring could not sign a token.',
      'The key ring did not answer a 32-byte MAC.',
    ]);
  });

  it('the error is named, branded, and recognised only when it is one', () => {
    const error = new AccessLinksError('STORAGE_FAILED', 'x');
    expect([error.name, error instanceof Error, isAccessLinksError(error)]).toEqual(['AccessLinksError', true, true]);
    for (const value of [null, undefined, 'AccessLinksError', { code: 'STORAGE_FAILED' }, new Error('x')]) expect(isAccessLinksError(value)).toBe(false);
  });
});

describe('what every event says', () => {
  it('guest links: the switch, the lock, a link made and deleted, joins, decisions', async () => {
    const { access, clock, store } = await harness({ options: { outbox: true } });
    const events = writtenEvents(store);
    const link = await linkOn(access, 'room-1', { name: 'Speakers', useLimit: 3, durationDays: 2 });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true })); // no change: no event
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    const at = clock.now();
    expect(events.events().map(({ type, entryId, actorId, subjectId, detail }) => ({ type, entryId, actorId, subjectId, detail }))).toEqual([
      { type: 'guest_access.changed', entryId: 'room-1', actorId: owner.userId, subjectId: 'room-1', detail: { enabled: true } },
      { type: 'guest_link.created', entryId: 'room-1', actorId: owner.userId, subjectId: link.id, detail: { name: 'Speakers', useLimit: 3, durationDays: 2, passcode: false } },
      { type: 'room_lock.changed', entryId: 'room-1', actorId: owner.userId, subjectId: 'room-1', detail: { locked: true } },
      { type: 'guest.joined', entryId: 'room-1', actorId: null, subjectId: joined.session.id, detail: { linkId: link.id, status: 'waiting' } },
      { type: 'guest.admitted', entryId: 'room-1', actorId: owner.userId, subjectId: joined.session.id, detail: { previousStatus: 'waiting' } },
      { type: 'guest.declined', entryId: 'room-1', actorId: owner.userId, subjectId: joined.session.id, detail: { previousStatus: 'admitted' } },
      { type: 'guest_link.deleted', entryId: 'room-1', actorId: owner.userId, subjectId: link.id, detail: {} },
    ]);
    expect(events.events().every((event) => event.at === at)).toBe(true);
  });

  it('invites: invited, re-invited, delivered, accepted, role changed, revoked', async () => {
    const h = await inviteHarness({ rules: { resendIntervalSeconds: 0 } });
    const [made] = ok(await h.invites.createInvites({ actor: { ...owner, name: 'Grace' }, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (made?.status !== 'invited') throw new Error('expected an invite');
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['ada@example.org'], send: false }));
    ok(await h.invites.changeInviteRole({ actor: owner, entryId: 'room-1', inviteId: made.invite.id, role: 'moderator' }));
    ok(await h.invites.acceptInvite({ token: made.invite.token, claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: true } }));
    const [other] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['bob@example.org'], send: false }));
    if (other?.status !== 'invited') throw new Error('expected an invite');
    ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: other.invite.id }));
    expect(h.events.events().map(({ type, actorId, detail }) => ({ type, actorId, detail }))).toEqual([
      { type: 'invite.invited', actorId: owner.userId, detail: { role: 'viewer', reinvite: false, previousRole: null } },
      { type: 'invite.delivered', actorId: null, detail: { attempt: 1, error: null } },
      { type: 'invite.invited', actorId: owner.userId, detail: { role: 'speaker', reinvite: true, previousRole: 'viewer' } },
      { type: 'invite.role_changed', actorId: owner.userId, detail: { role: 'moderator', previousRole: 'speaker' } },
      { type: 'invite.accepted', actorId: 'u-ada', detail: { role: 'moderator' } },
      { type: 'invite.invited', actorId: owner.userId, detail: { role: 'viewer', reinvite: false, previousRole: null } },
      { type: 'invite.revoked', actorId: owner.userId, detail: {} },
    ]);
    // A re-invite without a name keeps none: the inviter is the one who re-invited.
    expect(h.store.inspect()[0]!.inviterName).toBeNull();
  });
});

describe('the words of the default invite email', () => {
  it('says who, what, which role, the link and until when', () => {
    const data = { to: 'ada@example.org', entryTitle: 'Town hall', entryType: 'room', inviterName: 'Grace', role: 'speaker', url: 'https://m.example/i/t', expiresAt: Date.UTC(2026, 11, 7, 16) };
    const message = renderInviteMessage(data);
    expect(message.subject).toBe('Grace invited you to "Town hall" as speaker');
    expect(message.text).toBe(
      [
        'Grace invited you to "Town hall" as speaker.',
        '',
        'Open the invite: https://m.example/i/t',
        '',
        'The invite is for ada@example.org only and works until 7 December 2026 at 16:00 UTC.',
      ].join('\n'),
    );
    expect(message.html).toBe(
      [
        '<p>Grace invited you to <strong>Town hall</strong> as speaker.</p>',
        '<p><a href="https://m.example/i/t">Open the invite</a></p>',
        '<p>The invite is for ada@example.org only and works until 7 December 2026 at 16:00 UTC.</p>',
      ].join('\n'),
    );
    const untitled = renderInviteMessage({ ...data, entryTitle: null, inviterName: null });
    expect(untitled.subject).toBe('Someone invited you to a room as speaker');
    expect(renderInviteMessage({ ...data, locale: 'fr', timeZone: 'Europe/Paris' }).text).toContain('works until 7 décembre 2026 à 17:00.');
    expect(headerText('  a\r\n\u2028b\u0000  ')).toBe('a b');
  });

  it('a delivery error keeps no secret, however it is written, and keeps what is not one', () => {
    const url = 'https://m.example/i/ABCDEFGH.k1.xyz';
    expect(deliveryErrorText(new Error(`failed for ${encodeURIComponent(url)} and ${url}`), [url])).toBe('failed for [link] and [link]');
    expect(deliveryErrorText(new Error('short code abc'), ['abc'])).toBe('short code abc');
    expect(deliveryErrorText(new Error('a\n\n  b\tc'), [])).toBe('a b c');
    expect(deliveryErrorText(new Error('x'.repeat(500)), [])).toHaveLength(200);
    expect(deliveryErrorText('plain text', [])).toBe('plain text');
  });
});

describe('the invite store and renderer are told what they need', () => {
  it('the mailer sees every field; a resend of a non-pending invite is refused before any send', async () => {
    const mailer = createMemoryMailer();
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const directory = createMemoryEntryDirectory({ entries });
    const seen: unknown[] = [];
    const invites = createInviteLinks({
      store: createMemoryInviteStore(),
      directory,
      keyRing,
      mailer,
      inviteUrl: (t) => `https://m.example/i/${t}`,
      renderInvite: (data) => (seen.push(data), renderInviteMessage(data)),
    });
    const [made] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'], locale: 'fr', timeZone: 'Europe/Paris' }));
    expect(seen[0]).toMatchObject({ to: 'ada@example.org', entryTitle: 'Town hall', entryType: 'room', role: 'viewer', locale: 'fr', timeZone: 'Europe/Paris' });
    if (made?.status !== 'invited') throw new Error('expected an invite');
    ok(await invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: made.invite.id }));
    const again = await invites.resendInvite({ actor: owner, entryId: 'room-1', inviteId: made.invite.id });
    expect(again.ok ? 'ok' : again.code).toBe('INVITE_NOT_PENDING');
    expect(mailer.outbox()).toHaveLength(1);
    const tooMany = await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: Array.from({ length: 101 }, (_, i) => `x${i}@example.org`) });
    expect(tooMany.ok ? 'ok' : tooMany.code).toBe('TOO_MANY_ADDRESSES');
    const exactly = await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: Array.from({ length: 100 }, (_, i) => `y${i}@example.org`), send: false });
    expect(exactly.ok).toBe(true);
  });
});
