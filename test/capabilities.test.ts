/**
 * access-links/capabilities: for any actor, entry, site, rules and stored state, each action's
 * capability is exactly what the operation's policy step answers — allowed when the operation
 * gets past it, and otherwise refused with the very reasons the operation gives.
 */
import fc from 'fast-check';
import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createCapabilities, type EntryCapabilities } from '../src/capabilities';
import {
  AccessLinksError,
  createGuestLinks,
  createKeyRing,
  type Actor,
  type Decision,
  type Entry,
  type GuestLinkRulesInput,
  type ManagerRelation,
  type ReasonCode,
  type Result,
} from '../src/index';
import { createInviteLinks, pendingInvite, rolesFor, type InviteRulesInput } from '../src/invites';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from '../src/memory';
import { DAY, SECRET, START, entries, ok, owner } from './harness';
import { runs } from './support/runs';

/** Every code a policy step of a guest-link, lobby or invite operation may answer. */
const POLICY_CODES = new Set([
  'ENTRY_NOT_FOUND',
  'ENTRY_UNAVAILABLE',
  'ENTRY_TYPE_UNSUPPORTED',
  'INVITE_TO_MEDIA_MODULE_OFF',
  'MEDIA_PAGE_OFF',
  'NOT_PERMITTED',
  'NOT_A_ROOM',
  'GUEST_ACCESS_OFF',
  'GUEST_LINK_CAP_REACHED',
  'ROLE_NOT_ALLOWED',
  'ROLE_ABOVE_INVITER',
]);

const ENTRY_ID = 'entry-1';
const ACTORS: Record<string, Actor> = {
  owner: { userId: 'u-owner' },
  coEditor: { userId: 'u-co' },
  lobbyModerator: { userId: 'u-mod' },
  inviter: { userId: 'u-inviter' },
  speaker: { userId: 'u-speaker' },
  admin: { userId: 'u-admin', admin: true },
  stranger: { userId: 'u-stranger' },
};
const TYPES = ['room', 'video', 'live-event', 'channel-room', 'media-gallery-room', 'document', 'a-host-type'] as const;

/** Mostly true: the worlds where every check passes but one are the ones that tell. */
const mostly = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

/** One world: an entry (or none), its site, the rules, and what the stores hold. */
const worlds = fc.record({
  actor: fc.constantFrom(...Object.keys(ACTORS)),
  entry: fc.option(fc.record({ type: fc.constantFrom(...TYPES), available: mostly }), { nil: null, freq: 8 }),
  site: fc.record({ inviteToMediaModule: mostly, mediaPage: mostly }),
  guestAccess: mostly,
  roomLocked: fc.boolean(),
  guestLinkCap: fc.integer({ min: 0, max: 3 }),
  /** How far to the cap the links go: 0 none, 1 the cap itself. */
  linkFill: fc.constantFrom(0, 0.5, 1),
  guestManagers: fc.oneof(
    { weight: 2, arbitrary: fc.constant<ManagerRelation[]>(['owner', 'co-editor', 'admin']) },
    { weight: 1, arbitrary: fc.subarray<ManagerRelation>(['owner', 'co-editor', 'admin']) },
  ),
  liveRooms: fc.boolean(),
  pendingInviteCap: fc.integer({ min: 1, max: 2 }),
  pendingAtCap: fc.boolean(),
  speakersInvite: fc.boolean(),
});
/** Worlds every run meets, besides the random ones: each action allowed and refused, each telling reason. */
const BASE: World = {
  actor: 'owner',
  entry: { type: 'room', available: true },
  site: { inviteToMediaModule: true, mediaPage: true },
  guestAccess: true,
  roomLocked: false,
  guestLinkCap: 3,
  linkFill: 0,
  guestManagers: ['owner', 'co-editor', 'admin'],
  liveRooms: false,
  pendingInviteCap: 2,
  pendingAtCap: true,
  speakersInvite: false,
};
const EXAMPLES: readonly World[] = [
  BASE, // everything allowed, an address over the pending cap
  { ...BASE, linkFill: 1 }, // GUEST_LINK_CAP_REACHED
  { ...BASE, entry: { type: 'video', available: true }, guestAccess: false }, // GUEST_ACCESS_OFF, NOT_A_ROOM
  { ...BASE, entry: { type: 'room', available: false } }, // ENTRY_UNAVAILABLE
  { ...BASE, actor: 'speaker', entry: { type: 'live-event', available: true }, speakersInvite: true }, // ROLE_ABOVE_INVITER
  { ...BASE, actor: 'stranger' }, // NOT_PERMITTED everywhere
  { ...BASE, entry: null }, // ENTRY_NOT_FOUND everywhere
];

const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });

type World = typeof worlds extends fc.Arbitrary<infer W> ? W : never;

const codes = (decision: Decision): readonly string[] => (decision.allowed ? [] : decision.reasons.map((r) => r.code));

/** The stores, the operations and the capabilities over one world, made afresh for each call. */
async function make(world: World) {
  const clock = createManualClock(START);
  const newId = monotonicFactory();
  const entry: Entry | null =
    world.entry === null
      ? null
      : {
          id: ENTRY_ID,
          type: world.entry.type,
          ownerId: ACTORS['owner']!.userId,
          coEditorIds: [ACTORS['coEditor']!.userId],
          moderatorIds: [ACTORS['lobbyModerator']!.userId],
          memberRoles: { [ACTORS['inviter']!.userId]: 'moderator', [ACTORS['speaker']!.userId]: 'speaker' },
          available: world.entry.available,
        };
  const directory = createMemoryEntryDirectory({ entries: entry === null ? [] : [entry], site: world.site });
  const guestStore = createMemoryGuestStore();
  const inviteStore = createMemoryInviteStore();
  const rules: GuestLinkRulesInput = {
    guestLinkCap: world.guestLinkCap,
    guestManagers: world.guestManagers,
    ...(world.liveRooms ? { waitingRoomEntryTypes: ['room', 'live-event'] } : {}),
  };
  const inviteRules: InviteRulesInput = {
    pendingInviteCap: world.pendingInviteCap,
    ...(world.speakersInvite ? { inviterRoles: ['moderator', 'speaker'] } : {}),
  };
  // The stored state, written straight to the stores: whatever the entry, the switch and the lock.
  await guestStore.updateGuestAccess(ENTRY_ID, { enabled: world.guestAccess, roomLocked: world.roomLocked, updatedAt: START, updatedBy: 'u-owner' });
  const linkCount = Math.round(world.linkFill * world.guestLinkCap);
  const linkIds: string[] = [];
  for (let i = 0; i < linkCount; i++) {
    const id = newId(START);
    linkIds.push(id);
    const link = { id, entryId: ENTRY_ID, name: `L${i}`, useLimit: null, uses: 0, durationDays: null, createdAt: START, expiresAt: null, createdBy: 'u-owner', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false };
    expect(await guestStore.insertLinkUnderCap(link, world.guestLinkCap)).toBe(true);
  }
  const pending = world.pendingAtCap ? world.pendingInviteCap : world.pendingInviteCap - 1;
  for (let i = 0; i < pending; i++) {
    const invite = pendingInvite({
      id: newId(START),
      entryId: ENTRY_ID,
      email: `p${i}@example.org`,
      emailKey: `p${i}@example.org`,
      role: 'viewer',
      invitedBy: 'u-owner',
      inviterName: null,
      invitedAt: START,
      expiresAt: START + 7 * DAY,
    });
    expect((await inviteStore.insertInvite(invite, world.pendingInviteCap, START)).status).toBe('inserted');
  }
  const guestLinks = createGuestLinks({ store: guestStore, directory, keyRing, clock, rules, guestLinkUrl: (token) => token });
  const inviteLinks = createInviteLinks({ store: inviteStore, mailer: createMemoryMailer(), directory, keyRing, clock, rules: inviteRules, inviteUrl: (token) => token });
  const capabilities = createCapabilities({ directory, guestStore, rules, inviteRules });
  return { guestLinks, inviteLinks, capabilities, linkIds, entry, inviteRules: inviteLinks.rules, newId: () => newId(START) };
}

type Made = Awaited<ReturnType<typeof make>>;
type AnyResult = Result<unknown, ReasonCode>;

/** Each action of the capability list, and the operation it stands for, called with valid input. */
const ACTIONS: readonly [string, (c: EntryCapabilities) => Decision, (m: Made, actor: Actor) => Promise<AnyResult>][] = [
  ['enableGuestAccess', (c) => c.guestLinks.enableGuestAccess, (m, actor) => m.guestLinks.setGuestAccess({ actor, entryId: ENTRY_ID, enabled: true })],
  ['disableGuestAccess', (c) => c.guestLinks.disableGuestAccess, (m, actor) => m.guestLinks.setGuestAccess({ actor, entryId: ENTRY_ID, enabled: false })],
  ['createGuestLink', (c) => c.guestLinks.createGuestLink, (m, actor) => m.guestLinks.createGuestLink({ actor, entryId: ENTRY_ID, name: 'New link', useLimit: 5, durationDays: 7 })],
  ['listGuestLinks', (c) => c.guestLinks.listGuestLinks, (m, actor) => m.guestLinks.listGuestLinks({ actor, entryId: ENTRY_ID })],
  ['deleteGuestLink', (c) => c.guestLinks.deleteGuestLink, (m, actor) => m.guestLinks.deleteGuestLink({ actor, entryId: ENTRY_ID, linkId: m.linkIds[0] ?? m.newId() })],
  ['setGuestLinkPasscode', (c) => c.guestLinks.setGuestLinkPasscode, (m, actor) => m.guestLinks.setGuestLinkPasscode({ actor, entryId: ENTRY_ID, linkId: m.linkIds[0] ?? m.newId(), passcode: null })],
  ['linkActivity', (c) => c.guestLinks.linkActivity, (m, actor) => m.guestLinks.linkActivity({ actor, entryId: ENTRY_ID, linkId: m.linkIds[0] ?? m.newId() })],
  ['getGuestAccess', (c) => c.lobby.getGuestAccess, (m, actor) => m.guestLinks.getGuestAccess({ actor, entryId: ENTRY_ID })],
  ['listGuests', (c) => c.lobby.listGuests, (m, actor) => m.guestLinks.listGuests({ actor, entryId: ENTRY_ID, limit: 10 })],
  ['setRoomLock', (c) => c.lobby.setRoomLock, (m, actor) => m.guestLinks.setRoomLock({ actor, entryId: ENTRY_ID, locked: true })],
  ['admitGuest', (c) => c.lobby.admitGuest, (m, actor) => m.guestLinks.admitGuest({ actor, entryId: ENTRY_ID, sessionId: m.newId() })],
  ['declineGuest', (c) => c.lobby.declineGuest, (m, actor) => m.guestLinks.declineGuest({ actor, entryId: ENTRY_ID, sessionId: m.newId() })],
  ['admitAllGuests', (c) => c.lobby.admitAllGuests, (m, actor) => m.guestLinks.admitAllGuests({ actor, entryId: ENTRY_ID })],
  ['declineAllGuests', (c) => c.lobby.declineAllGuests, (m, actor) => m.guestLinks.declineAllGuests({ actor, entryId: ENTRY_ID })],
  ['createInvites', (c) => c.invites!.createInvites, (m, actor) => m.inviteLinks.createInvites({ actor, entryId: ENTRY_ID, role: 'viewer', emails: ['new@example.org'] })],
  ['resendInvite', (c) => c.invites!.resendInvite, (m, actor) => m.inviteLinks.resendInvite({ actor, entryId: ENTRY_ID, inviteId: m.newId() })],
  ['listInvites', (c) => c.invites!.listInvites, (m, actor) => m.inviteLinks.listInvites({ actor, entryId: ENTRY_ID })],
  ['changeInviteRole', (c) => c.invites!.changeInviteRole, (m, actor) => m.inviteLinks.changeInviteRole({ actor, entryId: ENTRY_ID, inviteId: m.newId(), role: 'viewer' })],
  ['revokeInvite', (c) => c.invites!.revokeInvite, (m, actor) => m.inviteLinks.revokeInvite({ actor, entryId: ENTRY_ID, inviteId: m.newId() })],
];

/** Whether an operation's answer got past its policy step: a success, or a refusal of a later step. */
const pastPolicy = (result: AnyResult) => result.ok || !result.reasons.some((r) => POLICY_CODES.has(r.code));

describe('the capability list is the operations\' own policy steps', () => {
  it('for any actor, entry, site, rules and state: allowed exactly when the operation gets past its policy step, and refused with its reasons', async () => {
    // What the runs met, so that a generator that stops reaching a case fails too.
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(worlds, async (world) => {
        const actor = ACTORS[world.actor]!;
        const asked = ok(await (await make(world)).capabilities.of({ actor, entryId: ENTRY_ID }));
        expect(asked.entryId).toBe(ENTRY_ID);
        for (const [name, capability, operation] of ACTIONS) {
          const decision = capability(asked);
          // Each operation on a world of its own: none sees what another changed.
          const result = await operation(await make(world), actor);
          const answered = result.ok ? [] : result.reasons.map((r) => r.code);
          seen.add(`${name} ${decision.allowed ? 'allowed' : codes(decision).join('+')}`);
          expect({ name, allowed: decision.allowed }).toEqual({ name, allowed: pastPolicy(result) });
          if (!decision.allowed) expect({ name, reasons: codes(decision) }).toEqual({ name, reasons: answered });
        }

        // The roles: each one the entry's type offers, as createInvites and changeInviteRole judge it.
        const { roles, listInvites, createInvites } = asked.invites!;
        const m = await make(world);
        if (!listInvites.allowed || m.entry === null) {
          expect(roles).toEqual([]);
          return;
        }
        expect(roles.map((grant) => grant.role)).toEqual(rolesFor(m.entry.type, m.inviteRules));
        for (const grant of roles) {
          seen.add(`role ${grant.allowed ? 'allowed' : codes(grant).join('+')}${world.pendingAtCap ? ' at the pending cap' : ''}`);
          const changed = await (await make(world)).inviteLinks.changeInviteRole({ actor, entryId: ENTRY_ID, inviteId: m.newId(), role: grant.role });
          // Past the role, the invite is looked up: an id of no invite is INVITE_NOT_FOUND.
          expect({ role: grant.role, answered: changed.ok ? [] : changed.reasons.map((r) => r.code) }).toEqual({
            role: grant.role,
            answered: grant.allowed ? ['INVITE_NOT_FOUND'] : codes(grant),
          });
          if (!createInvites.allowed) continue;
          const made = ok(await (await make(world)).inviteLinks.createInvites({ actor, entryId: ENTRY_ID, role: grant.role, emails: ['new@example.org'] }));
          const outcome = made[0]!;
          if (!grant.allowed) expect(outcome).toMatchObject({ status: 'refused', reason: { code: codes(grant)[0] } });
          // Allowed: invited, unless the pending cap (judged per address, not by the policy) is full.
          else if (world.pendingAtCap) expect(outcome).toMatchObject({ status: 'refused', reason: { code: 'PENDING_INVITE_CAP_REACHED' } });
          else expect(outcome.status).toBe('invited');
        }
      }),
      { numRuns: runs(300), examples: EXAMPLES.map((world) => [world]) },
    );
    for (const [name] of ACTIONS) {
      expect([name, [...seen].some((what) => what === `${name} allowed`), [...seen].some((what) => what.startsWith(`${name} `) && !what.endsWith(' allowed'))]).toEqual([name, true, true]);
    }
    for (const must of ['createGuestLink GUEST_LINK_CAP_REACHED', 'createGuestLink GUEST_ACCESS_OFF', 'setRoomLock NOT_A_ROOM', 'enableGuestAccess ENTRY_UNAVAILABLE', 'createInvites ENTRY_UNAVAILABLE', 'role ROLE_ABOVE_INVITER', 'role allowed at the pending cap']) {
      expect([...seen]).toContain(must);
    }
  });
});

describe('examples', () => {
  async function world() {
    const directory = createMemoryEntryDirectory({ entries });
    const guestStore = createMemoryGuestStore();
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const guestLinks = createGuestLinks({ store: guestStore, directory, keyRing, guestLinkUrl: (token) => token });
    const capabilities = createCapabilities({ directory, guestStore, inviteRules: {} });
    return { directory, guestStore, guestLinks, capabilities };
  }

  it('a video\'s owner may not lock it: NOT_A_ROOM, as setRoomLock answers, and nothing of a lobby is offered', async () => {
    const { guestLinks, capabilities } = await world();
    const video = ok(await capabilities.of({ actor: owner, entryId: 'video-1' }));
    for (const action of ['setRoomLock', 'admitGuest', 'declineGuest', 'admitAllGuests', 'declineAllGuests'] as const) {
      expect(codes(video.lobby[action])).toEqual(['NOT_A_ROOM']);
    }
    const locked = await guestLinks.setRoomLock({ actor: owner, entryId: 'video-1', locked: true });
    expect(locked.ok ? [] : locked.reasons.map((r) => r.code)).toEqual(['NOT_A_ROOM']);
    // What a video's owner may do: manage guest access and links, and see who joined.
    expect(video.lobby.listGuests.allowed).toBe(true);
    expect(video.guestLinks.enableGuestAccess.allowed).toBe(true);
    expect(codes(video.guestLinks.createGuestLink)).toEqual(['GUEST_ACCESS_OFF']);
    ok(await guestLinks.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    expect((ok(await capabilities.of({ actor: owner, entryId: 'video-1' }))).guestLinks.createGuestLink.allowed).toBe(true);
  });

  it('a room\'s moderator runs its lobby but does not manage its links or invite (G10, G11)', async () => {
    const { capabilities } = await world();
    const room = ok(await capabilities.of({ actor: { userId: 'u-mod' }, entryId: 'room-1' }));
    expect(Object.values(room.lobby).every((decision) => decision.allowed)).toBe(true);
    for (const decision of Object.values(room.guestLinks)) expect(codes(decision)).toEqual(['NOT_PERMITTED']);
    expect(codes(room.invites!.createInvites)).toEqual(['NOT_PERMITTED']);
    expect(room.invites!.roles).toEqual([]);
  });

  it('an inviter role grants up to its own rank (I2)', async () => {
    const { capabilities } = await world();
    const asSpeaker = createCapabilities({ directory: createMemoryEntryDirectory({ entries }), guestStore: createMemoryGuestStore(), inviteRules: { inviterRoles: ['moderator', 'speaker'] } });
    const event = ok(await asSpeaker.of({ actor: { userId: 'u-speaker' }, entryId: 'event-1' }));
    expect(event.invites!.roles.map((grant) => [grant.role, codes(grant)])).toEqual([
      ['viewer', []],
      ['speaker', []],
      ['moderator', ['ROLE_ABOVE_INVITER']],
    ]);
    const video = ok(await capabilities.of({ actor: owner, entryId: 'video-1' }));
    expect(video.invites!.roles.map((grant) => grant.role)).toEqual(['viewer', 'contributor']);
  });

  it('without inviteRules, no invite action is answered', async () => {
    const { directory, guestStore } = await world();
    const capabilities = createCapabilities({ directory, guestStore });
    expect(capabilities.inviteRules).toBeNull();
    expect(ok(await capabilities.of({ actor: owner, entryId: 'room-1' })).invites).toBeNull();
  });

  it('an unknown entry is ENTRY_NOT_FOUND for every action, as the operations answer', async () => {
    const { capabilities } = await world();
    const unknown = ok(await capabilities.of({ actor: owner, entryId: 'nope' }));
    const all = [...Object.values(unknown.guestLinks), ...Object.values(unknown.lobby), ...Object.values(unknown.invites!).filter((v) => !Array.isArray(v))] as Decision[];
    for (const decision of all) expect(codes(decision)).toEqual(['ENTRY_NOT_FOUND']);
  });

  it('bad input is refused with the services\' codes and sentences (S2)', async () => {
    const { guestLinks, capabilities } = await world();
    const inputs: unknown[] = [
      null,
      'room-1',
      {},
      { actor: { userId: '' }, entryId: 'room-1' },
      { actor: owner, entryId: 'x'.repeat(201) },
      { actor: { userId: 'u', admin: 'yes' }, entryId: 7 },
    ];
    for (const input of inputs) {
      const asked = await capabilities.of(input as never);
      const listed = await guestLinks.listGuestLinks(input as never);
      expect(asked.ok).toBe(false);
      expect(asked).toEqual(listed);
    }
    expect(await capabilities.of({ actor: owner, entryId: '' } as never)).toMatchObject({ ok: false, code: 'INVALID_ENTRY_ID' });
  });

  it('invalid options throw INVALID_OPTIONS, as the services\' factories do', async () => {
    const { directory, guestStore } = await world();
    const invalid: unknown[] = [
      null,
      { guestStore },
      { directory },
      { directory, guestStore, rules: { guestLinkCap: -1 } },
      { directory, guestStore, rules: { noSuchRule: 1 } },
      { directory, guestStore, inviteRules: { inviterRoles: ['nobody'] } },
      { directory, guestStore, inviteRules: null },
      Object.defineProperty({ guestStore }, 'directory', { get: () => { throw new Error('no'); } }),
    ];
    for (const options of invalid) {
      let thrown: unknown;
      try {
        createCapabilities(options as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AccessLinksError);
      expect(thrown).toMatchObject({ code: 'INVALID_OPTIONS' });
    }
    // The same sentence as createGuestLinks for the same bad rules.
    const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
    const sentence = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(sentence(() => createCapabilities({ directory, guestStore, rules: { guestLinkCap: -1 } }))).toBe(
      sentence(() => createGuestLinks({ store: guestStore, directory, keyRing, guestLinkUrl: String, rules: { guestLinkCap: -1 } })),
    );
    expect(createCapabilities({ directory, guestStore, rules: { guestLinkCap: 5 } }).rules.guestLinkCap).toBe(5);
  });

  it('a failing port is the services\' error: STORAGE_FAILED, DIRECTORY_FAILED', async () => {
    const { directory, guestStore } = await world();
    const down = () => Promise.reject(new Error('down'));
    await expect(createCapabilities({ directory, guestStore: { ...guestStore, listLinks: down } }).of({ actor: owner, entryId: 'room-1' })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(createCapabilities({ directory: { ...directory, getEntry: down }, guestStore }).of({ actor: owner, entryId: 'room-1' })).rejects.toMatchObject({ code: 'DIRECTORY_FAILED' });
  });
});
