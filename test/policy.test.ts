/**
 * The policy against a plain model of the rules: for any entry, site, rules, actor, settings,
 * link, session, invite and instant, every decide* answers exactly the reasons the model lists,
 * in the model's order, and allows exactly when the model finds none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideCreateGuestLink,
  decideEnableGuestAccess,
  decideEntryOpen,
  decideGuestEntry,
  decideGuestSession,
  decideListGuests,
  decideManageGuestAccess,
  decideModerateGuests,
  DEFAULT_GUEST_LINK_RULES,
  type Actor,
  type Decision,
  type Entry,
  type EntryFacts,
  type GuestAccess,
  type GuestLink,
  type GuestLinkRules,
  type GuestSession,
  type ManagerRelation,
} from '../src/index';
import {
  decideClaimInvite,
  decideInviteAction,
  decideManageInvites,
  decideOpenInvite,
  decideRole,
  decideSendInvites,
  DEFAULT_INVITE_RULES,
  inviterRank,
  rolesFor,
  type Invite,
  type InviteRules,
} from '../src/invites';
import { runs } from './support/runs';

const NOW = 1_800_000_000_000;
const users = ['u-owner', 'u-co', 'u-mod', 'u-member', 'u-other'] as const;
const types = ['room', 'video', 'live-event', 'channel-room', 'media-gallery-room', 'quiz'] as const;
// Mostly true: a refusal for one reason is found when every other condition holds.
const mostly = fc.constantFrom(true, true, true, false);
const codes = (decision: Decision) => (decision.allowed ? [] : decision.reasons.map((r) => r.code));

const entry = fc.record({
  id: fc.constant('e-1'),
  type: fc.constantFrom(...types),
  ownerId: fc.constantFrom(...users),
  coEditorIds: fc.subarray([...users]),
  moderatorIds: fc.subarray([...users]),
  memberRoles: fc.dictionary(fc.constantFrom(...users), fc.constantFrom('viewer', 'speaker', 'moderator', 'contributor', 'janitor')),
  available: mostly,
}) as fc.Arbitrary<Entry>;
const site = fc.record({ inviteToMediaModule: mostly, mediaPage: mostly });
const guestRules: fc.Arbitrary<GuestLinkRules> = fc.record({
  guestLinkCap: fc.integer({ min: 0, max: 4 }),
  unsupportedGuestEntryTypes: fc.subarray([...types]),
  waitingRoomEntryTypes: fc.subarray([...types]),
  guestManagers: fc.subarray(['owner', 'co-editor', 'admin'] as ManagerRelation[]),
  guestSessionSeconds: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  finishedSessionRetentionDays: fc.constant(30),
  declinedGuestRetentionDays: fc.constant(365),
  activityRetentionDays: fc.constant(90),
  maxGuestsPerLink: fc.constant(10_000),
  maxWaitingGuestsPerRoom: fc.constant(500),
});
const facts: fc.Arbitrary<EntryFacts> = fc.record({ entry: fc.option(entry, { nil: null, freq: 6 }), site, rules: guestRules });
const actor: fc.Arbitrary<Actor> = fc.record({ userId: fc.constantFrom(...users), admin: fc.boolean() }, { requiredKeys: ['userId'] });
const access: fc.Arbitrary<GuestAccess> = fc.record({
  entryId: fc.constant('e-1'),
  enabled: mostly,
  roomLocked: fc.boolean(),
  updatedAt: fc.constant(0),
  updatedBy: fc.constant(''),
});
// Instants at and around the boundaries that matter: the expiry, and a session's end.
const instant = fc.constantFrom(NOW - 1, NOW, NOW + 1, NOW + 50_000);
const link: fc.Arbitrary<GuestLink> = fc.record({
  id: fc.constant('01J00000000000000000000000'),
  entryId: fc.constant('e-1'),
  name: fc.constant('L'),
  useLimit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  uses: fc.integer({ min: 0, max: 4 }),
  durationDays: fc.constant(null),
  createdAt: fc.constant(0),
  expiresAt: fc.option(instant, { nil: null }),
  createdBy: fc.constant('u-owner'),
  allowedDomains: fc.constant([]),
  blockedDomains: fc.constant([]),
  passcodeHash: fc.constant(null),
  verifyEmail: fc.boolean(),
});
const session: fc.Arbitrary<GuestSession> = fc.record({
  id: fc.constant('01J00000000000000000000001'),
  entryId: fc.constant('e-1'),
  linkId: fc.constant('01J00000000000000000000000'),
  linkName: fc.constant('L'),
  guestName: fc.constant('Ada'),
  guestEmail: fc.constant('ada@example.org'),
  emailKey: fc.constant('ada@example.org'),
  erasureKey: fc.constant('ada@example.org'),
  clientKey: fc.constant(null),
  verified: fc.boolean(),
  status: fc.constantFrom('admitted', 'waiting', 'declined'),
  joinedAt: fc.constantFrom(NOW - 100_000, NOW - 50_000, NOW - 49_999, NOW),
  decidedAt: fc.constant(null),
  decidedBy: fc.constant(null),
});

// ---- the model, written from the rules ----
function manages(a: Actor, e: Entry, r: GuestLinkRules): boolean {
  return (
    (r.guestManagers.includes('owner') && e.ownerId === a.userId) ||
    (r.guestManagers.includes('co-editor') && (e.coEditorIds ?? []).includes(a.userId)) ||
    (r.guestManagers.includes('admin') && a.admin === true)
  );
}
const moderates = (a: Actor, e: Entry, r: GuestLinkRules) => manages(a, e, r) || (e.moderatorIds ?? []).includes(a.userId);
function forEntry(f: EntryFacts, a: Actor, permitted: typeof manages, roomOnly: boolean): string[] {
  if (f.entry === null) return ['ENTRY_NOT_FOUND'];
  const out: string[] = [];
  if (f.rules.unsupportedGuestEntryTypes.includes(f.entry.type)) out.push('ENTRY_TYPE_UNSUPPORTED');
  else if (roomOnly && !f.rules.waitingRoomEntryTypes.includes(f.entry.type)) out.push('NOT_A_ROOM');
  if (!f.site.inviteToMediaModule) out.push('INVITE_TO_MEDIA_MODULE_OFF');
  if (!f.site.mediaPage) out.push('MEDIA_PAGE_OFF');
  if (!permitted(a, f.entry, f.rules)) out.push('NOT_PERMITTED');
  return out;
}
function entryOpen(f: EntryFacts, s: GuestAccess): string[] {
  const out: string[] = [];
  if (f.entry === null || !f.entry.available) out.push('ENTRY_UNAVAILABLE');
  if (f.entry !== null) {
    if (f.rules.unsupportedGuestEntryTypes.includes(f.entry.type)) out.push('ENTRY_TYPE_UNSUPPORTED');
    if (!f.site.inviteToMediaModule) out.push('INVITE_TO_MEDIA_MODULE_OFF');
    if (!f.site.mediaPage) out.push('MEDIA_PAGE_OFF');
  }
  if (!s.enabled) out.push('GUEST_ACCESS_OFF');
  return out;
}
const expired = (l: GuestLink, now: number) => l.expiresAt !== null && now >= l.expiresAt;
const usedUp = (l: GuestLink) => l.useLimit !== null && l.uses >= l.useLimit;
const enable = (f: EntryFacts, a: Actor) => {
  const manage = forEntry(f, a, manages, false);
  return f.entry !== null && !f.entry.available ? ['ENTRY_UNAVAILABLE', ...manage] : manage;
};

describe('the guest-link policy agrees with the model of G1–G11', () => {
  it('managing, enabling, creating, moderating and listing', () => {
    fc.assert(
      fc.property(facts, actor, access, fc.integer({ min: 0, max: 5 }), (f, a, s, count) => {
        expect(codes(decideManageGuestAccess(f, a))).toEqual(forEntry(f, a, manages, false));
        expect(codes(decideEnableGuestAccess(f, a))).toEqual(enable(f, a));
        const create = [...enable(f, a)];
        if (f.entry !== null && !s.enabled) create.push('GUEST_ACCESS_OFF');
        if (f.entry !== null && count >= f.rules.guestLinkCap) create.push('GUEST_LINK_CAP_REACHED');
        expect(codes(decideCreateGuestLink(f, a, s, count))).toEqual(create);
        expect(codes(decideModerateGuests(f, a))).toEqual(forEntry(f, a, moderates, true));
        expect(codes(decideListGuests(f, a))).toEqual(forEntry(f, a, moderates, false));
      }),
      { numRuns: runs(4000, { pure: true }) },
    );
  });

  it('a guest at a link, and a guest on a refresh', () => {
    fc.assert(
      fc.property(facts, access, fc.option(link, { nil: null, freq: 6 }), session, instant, (f, s, l, g, now) => {
        expect(codes(decideEntryOpen(f, s))).toEqual(entryOpen(f, s));
        const entering = l === null ? ['LINK_INVALID'] : [...entryOpen(f, s), ...(expired(l, now) || usedUp(l) ? ['LINK_INVALID'] : [])];
        expect(codes(decideGuestEntry(f, s, l, now))).toEqual(entering);
        const refresh = entryOpen(f, s);
        if (l === null || expired(l, now)) refresh.push('LINK_INVALID');
        if (g.status === 'declined') refresh.push('GUEST_DECLINED');
        const seconds = f.rules.guestSessionSeconds;
        if (seconds !== null && now >= g.joinedAt + seconds * 1000) refresh.push('SESSION_EXPIRED');
        if (g.status === 'waiting') refresh.push('GUEST_WAITING');
        expect(codes(decideGuestSession(f, s, l, g, now))).toEqual(refresh);
      }),
      { numRuns: runs(4000, { pure: true }) },
    );
  });

  it('a used-up link ends no session; an expired one does, from the instant it expires', () => {
    const f: EntryFacts = { entry: { id: 'e-1', type: 'video', ownerId: 'u', available: true }, site: { inviteToMediaModule: true, mediaPage: true }, rules: DEFAULT_GUEST_LINK_RULES };
    const on = { entryId: 'e-1', enabled: true, roomLocked: false, updatedAt: 0, updatedBy: '' };
    const base = { id: 'l', entryId: 'e-1', name: 'L', durationDays: null, createdAt: 0, createdBy: 'u', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false };
    const g = { id: 's', entryId: 'e-1', linkId: 'l', linkName: 'L', guestName: 'A', guestEmail: 'a@b.co', emailKey: 'a@b.co', erasureKey: 'a@b.co', clientKey: null, verified: false, status: 'admitted' as const, joinedAt: 0, decidedAt: null, decidedBy: null };
    expect(decideGuestSession(f, on, { ...base, useLimit: 1, uses: 1, expiresAt: null }, g, NOW).allowed).toBe(true);
    expect(decideGuestSession(f, on, { ...base, useLimit: null, uses: 0, expiresAt: NOW }, g, NOW - 1).allowed).toBe(true);
    expect(codes(decideGuestSession(f, on, { ...base, useLimit: null, uses: 0, expiresAt: NOW }, g, NOW))).toEqual(['LINK_INVALID']);
  });
});

// ---- invites ----
const inviteRules: fc.Arbitrary<InviteRules> = fc.record({
  roleRanks: fc.constant({ viewer: 1, contributor: 2, speaker: 2, moderator: 3 }),
  rolesByEntryType: fc.constantFrom(DEFAULT_INVITE_RULES.rolesByEntryType, { room: ['viewer', 'moderator'] }),
  defaultRoles: fc.constantFrom(['viewer', 'contributor'], ['viewer']),
  inviterRoles: fc.subarray(['viewer', 'speaker', 'moderator', 'contributor']),
  inviteDurationDays: fc.constant(7),
  maxAddressesPerCall: fc.constant(100),
  pendingInviteCap: fc.constant(500),
  resendIntervalSeconds: fc.constant(60),
  deliveryTimeoutSeconds: fc.constant(30),
  grantTimeoutSeconds: fc.constant(60),
  finishedInviteRetentionDays: fc.constant(90),
});
const inviteFacts = fc.record({ entry: fc.option(entry, { nil: null, freq: 6 }), site, rules: inviteRules });
const role = fc.constantFrom('viewer', 'contributor', 'speaker', 'moderator', 'janitor');
const invite: fc.Arbitrary<Invite> = fc.record({
  id: fc.constant('01J00000000000000000000002'),
  entryId: fc.constant('e-1'),
  email: fc.constant('Ada@Example.org'),
  emailKey: fc.constant('ada@example.org'),
  role,
  state: fc.constantFrom('pending', 'accepting', 'accepted', 'declined', 'revoked'),
  invitedBy: fc.constant('u-owner'),
  inviterName: fc.constant(null),
  invitedAt: fc.constant(0),
  expiresAt: instant,
  updatedAt: fc.constant(0),
  acceptedBy: fc.constant(null),
  decidedBy: fc.constant(null),
  deliveryStatus: fc.constant('sent'),
  deliveryAttempts: fc.constant(1),
  lastSentAt: fc.constant(0),
  deliveryError: fc.constant(null),
});
const claimantOf = fc.record({
  userId: fc.constant('u-ada'),
  email: fc.constantFrom('ada@example.org', ' ADA@example.org ', 'Ada@Example.org', 'eve@example.org', 'ada@example.com'),
  emailVerified: fc.boolean(),
});

function rank(a: Actor, e: Entry, r: InviteRules): number | null {
  if (e.ownerId === a.userId || (e.coEditorIds ?? []).includes(a.userId) || a.admin === true) return Infinity;
  const held = e.memberRoles?.[a.userId];
  return held !== undefined && r.inviterRoles.includes(held) && held in r.roleRanks ? r.roleRanks[held]! : null;
}
const allowedRoles = (type: string, r: InviteRules) => (type in r.rolesByEntryType ? r.rolesByEntryType[type]! : r.defaultRoles);
const finalReason = { accepting: 'ACCEPTANCE_IN_PROGRESS', accepted: 'INVITE_ALREADY_ACCEPTED', declined: 'INVITE_DECLINED', revoked: 'INVITE_REVOKED' } as const;
function opening(f: { entry: Entry | null; site: { inviteToMediaModule: boolean } }, i: Invite | null, now: number): string[] {
  if (i === null) return ['INVITE_INVALID'];
  const out: string[] = [];
  if (i.state !== 'pending') out.push(finalReason[i.state]);
  else if (now >= i.expiresAt) out.push('INVITE_EXPIRED');
  if (f.entry === null || !f.entry.available) out.push('ENTRY_UNAVAILABLE');
  else if (!f.site.inviteToMediaModule) out.push('INVITE_TO_MEDIA_MODULE_OFF');
  return out;
}

describe('the invite policy agrees with the model of I1–I5', () => {
  it('ranks, roles, managing and sending', () => {
    fc.assert(
      fc.property(inviteFacts, actor, role, invite, (f, a, r, i) => {
        const manage = f.entry === null ? ['ENTRY_NOT_FOUND'] : [
          ...(f.site.inviteToMediaModule ? [] : ['INVITE_TO_MEDIA_MODULE_OFF']),
          ...(rank(a, f.entry, f.rules) === null ? ['NOT_PERMITTED'] : []),
        ];
        expect(codes(decideManageInvites(f, a))).toEqual(manage);
        expect(codes(decideSendInvites(f, a))).toEqual(f.entry !== null && !f.entry.available ? ['ENTRY_UNAVAILABLE', ...manage] : manage);
        if (f.entry === null) return;
        const e = f.entry;
        expect(inviterRank(a, e, f.rules)).toBe(rank(a, e, f.rules));
        expect([...rolesFor(e.type, f.rules)].sort()).toEqual([...allowedRoles(e.type, f.rules)].sort());
        const held = rank(a, e, f.rules);
        const roleReasons = [
          ...(allowedRoles(e.type, f.rules).includes(r) ? [] : ['ROLE_NOT_ALLOWED']),
          ...(held !== null && r in f.rules.roleRanks && f.rules.roleRanks[r]! > held ? ['ROLE_ABOVE_INVITER'] : []),
        ];
        expect(codes(decideRole({ ...f, entry: e }, a, r))).toEqual(roleReasons);
        const inviteRank = i.role in f.rules.roleRanks ? f.rules.roleRanks[i.role]! : Infinity;
        expect(codes(decideInviteAction({ ...f, entry: e }, a, i))).toEqual(held !== null && inviteRank > held ? ['ROLE_ABOVE_INVITER'] : []);
      }),
      { numRuns: runs(4000, { pure: true }) },
    );
  });

  it('opening and claiming', () => {
    fc.assert(
      fc.property(inviteFacts, fc.option(invite, { nil: null, freq: 6 }), claimantOf, instant, (f, i, c, now) => {
        expect(codes(decideOpenInvite(f, i, now))).toEqual(opening(f, i, now));
        const claim = opening(f, i, now);
        if (i !== null) {
          if (c.email.trim().toLowerCase() !== i.emailKey) claim.push('EMAIL_MISMATCH');
          else if (!c.emailVerified) claim.push('EMAIL_NOT_VERIFIED');
        }
        expect(codes(decideClaimInvite(f, i, c, now))).toEqual(claim);
      }),
      { numRuns: runs(4000, { pure: true }) },
    );
  });
});

describe('an entry’s lists count only as its own properties', () => {
  const site = { inviteToMediaModule: true, mediaPage: true };
  const stranger: Actor = { userId: 'stranger' };
  // Every question that reads a list, asked of the stranger.
  const asked = (entry: Entry) => ({
    manage: decideManageGuestAccess({ entry, site, rules: DEFAULT_GUEST_LINK_RULES }, stranger).allowed,
    moderate: decideModerateGuests({ entry, site, rules: DEFAULT_GUEST_LINK_RULES }, stranger).allowed,
    rank: inviterRank(stranger, entry, speakersInvite),
    // A speaker may not grant a moderator: only a manager may.
    grant: decideRole({ entry, site, rules: speakersInvite }, stranger, 'moderator').allowed,
  });
  const speakersInvite = { ...DEFAULT_INVITE_RULES, inviterRoles: ['moderator', 'speaker'] };
  const nobody = { manage: false, moderate: false, rank: 2, grant: false };
  const lists = { coEditorIds: ['stranger'], moderatorIds: ['stranger'] };
  const base = { id: 'room-1', type: 'room', ownerId: 'owner-1', available: true, memberRoles: { stranger: 'speaker' } };

  it('an entry whose prototype holds the lists (a class’s getters, say) names nobody', () => {
    expect(asked(Object.assign(Object.create(lists) as object, base) as Entry)).toEqual(nobody);
    class Room {
      readonly id = 'room-1';
      readonly type = 'room';
      readonly ownerId = 'owner-1';
      readonly available = true;
      readonly memberRoles = { stranger: 'speaker' };
      get coEditorIds() {
        return ['stranger'];
      }
      get moderatorIds() {
        return ['stranger'];
      }
    }
    expect(asked(new Room() as Entry)).toEqual(nobody);
    // The same lists as own properties name the stranger.
    expect(asked({ ...base, ...lists })).toEqual({ manage: true, moderate: true, rank: Number.POSITIVE_INFINITY, grant: true });
    expect(asked(Object.assign(Object.create(lists) as object, base, lists) as Entry).manage).toBe(true);
  });

  it('a polluted Object.prototype names nobody, before and after the decisions have run hot', () => {
    const plain: Entry = { ...base };
    const named: Entry = { ...base, ...lists };
    // Warm up on plain entries first, so that any shortcut taken for them is in place.
    for (let i = 0; i < 20_000; i++) asked(i % 2 === 0 ? plain : named);
    const proto = Object.prototype as Record<string, unknown>;
    proto['coEditorIds'] = ['stranger'];
    proto['moderatorIds'] = ['stranger'];
    try {
      expect(asked({ ...base })).toEqual(nobody);
      expect(asked(named)).toEqual({ manage: true, moderate: true, rank: Number.POSITIVE_INFINITY, grant: true });
    } finally {
      delete proto['coEditorIds'];
      delete proto['moderatorIds'];
    }
    expect(asked({ ...base })).toEqual(nobody);
  });
});
