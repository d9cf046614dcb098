/**
 * What an actor may do on an entry now, for a page to offer only that: every guest-link, lobby
 * and invite operation's policy step, asked with the facts that operation reads, in the order it
 * asks them, so that each answer is the operation's own (G1, G2, G10, G11, I2).
 */
import type { Defined } from '../domain/define-rules';
import type { Actor, Entry } from '../domain/entry';
import { AccessLinksError } from '../domain/errors';
import { defineInviteRules, type InviteRules, type InviteRulesInput } from '../domain/invite-rules';
import { success, type Decision, type Result } from '../domain/result';
import type { ReasonCode } from '../domain/reasons';
import { defineGuestLinkRules, type GuestLinkRules, type GuestLinkRulesInput } from '../domain/rules';
import {
  decideCreateGuestLink,
  decideEnableGuestAccess,
  decideListGuests,
  decideManageGuestAccess,
  decideModerateGuests,
  type ManageRefusalCode,
} from '../policy/guest-policy';
import {
  decideManageInvites,
  decideRole,
  decideSendInvites,
  rolesFor,
  type InviteFacts,
  type InviteManageCode,
  type RoleRefusalCode,
} from '../policy/invite-policy';
import type { EntryDirectory } from '../ports/entry-directory';
import type { GuestStore } from '../ports/guest-store';
import { guestAccessOf, lookUpEntry, port, readOptions } from './context';
import { InputReader, type InputCode } from './input';
import type { EntryInput } from './manage-guest-links';

/**
 * Options of {@link createCapabilities}: what the operations read to decide, and the rules they
 * decide by. Give the same directory, guest store and rules as to `createGuestLinks` (and the
 * same invite rules as to `createInviteLinks`), or the answers are about another world.
 *
 * @category Capabilities
 */
export interface CapabilitiesOptions {
  /** The host's entries and site modules, as `createGuestLinks` was given them. */
  readonly directory: EntryDirectory;
  /** The guest store `createGuestLinks` was given: read for the guest-access switch and the number of links. */
  readonly guestStore: GuestStore;
  /**
   * The guest-link rules `createGuestLinks` was given, merged with {@link "access-links"!DEFAULT_GUEST_LINK_RULES | DEFAULT_GUEST_LINK_RULES} as it merges them.
   * @defaultValue `{}`
   */
  readonly rules?: GuestLinkRulesInput | undefined;
  /**
   * The invite rules `createInviteLinks` was given (`{}` for the defaults), to answer the invite
   * actions too. The invite policy steps read no store, so none is asked for.
   * @defaultValue absent: no invite actions, {@link EntryCapabilities.invites} is `null`
   */
  readonly inviteRules?: InviteRulesInput | undefined;
}

/**
 * The owner's side of guest links: whether each operation's policy step lets the actor through.
 *
 * @category Capabilities
 */
export interface GuestLinkActions {
  /** `setGuestAccess` with `enabled: true` (G1): a manager, on an available entry of a supported type, on a site with both modules. */
  readonly enableGuestAccess: Decision<ManageRefusalCode>;
  /** `setGuestAccess` with `enabled: false`: as enabling, but an unavailable entry may still be switched off. */
  readonly disableGuestAccess: Decision<ManageRefusalCode>;
  /**
   * `createGuestLink` (G1, G2): a manager, with guest access on, on an available entry, under the
   * cap. Reasons as the operation gives them: its gate's first, then guest access and
   * availability, and the cap only once nothing else refuses (the store judges the cap as it
   * inserts).
   */
  readonly createGuestLink: Decision<ManageRefusalCode | 'GUEST_ACCESS_OFF' | 'GUEST_LINK_CAP_REACHED'>;
  /** `listGuestLinks` (G4). */
  readonly listGuestLinks: Decision<ManageRefusalCode>;
  /** `deleteGuestLink` (G5); a link id of another entry, or none, is still `LINK_NOT_FOUND`. */
  readonly deleteGuestLink: Decision<ManageRefusalCode>;
  /** `setGuestLinkPasscode` (V3); a link id of another entry, or none, is still `LINK_NOT_FOUND`. */
  readonly setGuestLinkPasscode: Decision<ManageRefusalCode>;
  /** `linkActivity` (A1): read a link's opens, joins and refusals; a link id of another entry, or none, is still `LINK_NOT_FOUND`. */
  readonly linkActivity: Decision<ManageRefusalCode>;
}

/**
 * The lobby (G10): whether each operation's policy step lets the actor through. Managers and the
 * room's moderators may; locking and admitting or declining need an entry type with a waiting
 * room (`NOT_A_ROOM` otherwise).
 *
 * @category Capabilities
 */
export interface LobbyActions {
  /** `getGuestAccess`: read whether guest access is on and the room locked. */
  readonly getGuestAccess: Decision<ManageRefusalCode>;
  /** `listGuests`: who joined as a guest. */
  readonly listGuests: Decision<ManageRefusalCode>;
  /** `setRoomLock`, locking or unlocking. */
  readonly setRoomLock: Decision<ManageRefusalCode | 'NOT_A_ROOM'>;
  /** `admitGuest`; the session must still be one of the entry's (`SESSION_NOT_FOUND`). */
  readonly admitGuest: Decision<ManageRefusalCode | 'NOT_A_ROOM'>;
  /** `declineGuest`; the session must still be one of the entry's (`SESSION_NOT_FOUND`). */
  readonly declineGuest: Decision<ManageRefusalCode | 'NOT_A_ROOM'>;
  /** `admitAllGuests`. */
  readonly admitAllGuests: Decision<ManageRefusalCode | 'NOT_A_ROOM'>;
  /** `declineAllGuests`. */
  readonly declineAllGuests: Decision<ManageRefusalCode | 'NOT_A_ROOM'>;
}

/**
 * One role an invite may grant on the entry, and whether the actor may grant it (I2): the
 * decision of `decideRole`, which `createInvites` and `changeInviteRole` take.
 *
 * @category Capabilities
 */
export type RoleGrant = Decision<RoleRefusalCode> & {
  /** The role, one of those the entry's type offers. */
  readonly role: string;
};

/**
 * Invites (I2, I3, I4): whether each operation's policy step lets the actor through. What is
 * judged per address or per invite is not here: an address over the pending cap, or an invite
 * whose present role ranks above the actor's (`ROLE_ABOVE_INVITER` on resend, revoke or change).
 *
 * @category Capabilities
 */
export interface InviteActions {
  /** `createInvites`: a manager or an inviter role, on an available entry, on a site with the invite-to-media module. */
  readonly createInvites: Decision<InviteManageCode>;
  /** `resendInvite`: as `createInvites`. */
  readonly resendInvite: Decision<InviteManageCode>;
  /** `listInvites`: as `createInvites`, but the entry need not be available. */
  readonly listInvites: Decision<InviteManageCode>;
  /** `changeInviteRole`: as `listInvites`; the new role must also be one of {@link InviteActions.roles} allowed. */
  readonly changeInviteRole: Decision<InviteManageCode>;
  /** `revokeInvite`: as `listInvites`. */
  readonly revokeInvite: Decision<InviteManageCode>;
  /**
   * Every role the entry's type offers, lowest rank first, each with whether the actor may grant
   * it; empty when the actor may not manage the entry's invites at all (`listInvites` says why).
   */
  readonly roles: readonly RoleGrant[];
}

/**
 * What an actor may do on an entry now, action by action: `{ allowed: true }`, or
 * `{ allowed: false, reasons }` with the reasons the operation would answer, most important
 * first.
 *
 * @category Capabilities
 */
export interface EntryCapabilities {
  /** The entry asked about. */
  readonly entryId: string;
  /** Guest access and guest links. */
  readonly guestLinks: GuestLinkActions;
  /** The waiting room and who joined. */
  readonly lobby: LobbyActions;
  /** Invites, or `null` when the capabilities were created without `inviteRules`. */
  readonly invites: InviteActions | null;
}

/**
 * Which actions an actor may take on an entry, for a page to offer exactly those (see
 * {@link createCapabilities}).
 *
 * @category Capabilities
 */
export interface Capabilities {
  /** The guest-link rules in force, defaults merged with the overrides. */
  readonly rules: GuestLinkRules;
  /** The invite rules in force, or `null` without `inviteRules`. */
  readonly inviteRules: InviteRules | null;
  /**
   * What the actor may do on the entry now. Each answer is the policy step of the operation of
   * the same name, asked with the facts that operation reads, so `allowed` means that step lets
   * the actor through and a denial carries the reasons the operation would answer. It is a
   * snapshot: the operation can still refuse what only its own input decides (a bad name, a link
   * or session not found, an address over the pending cap, the role of one invite) or what
   * changed in between (another owner taking the last link, guest access switched off).
   * @param input - who and which entry.
   * @returns every action's decision, or bad input refused as the operations refuse it
   *   (`INVALID_INPUT`, `INVALID_ACTOR`, `INVALID_ENTRY_ID`).
   * @example
   * ```ts
   * import { createCapabilities } from 'access-links/capabilities';
   *
   * const capabilities = createCapabilities({ directory, guestStore });
   * const video = await capabilities.of({ actor: owner, entryId: 'video-1' });
   * if (video.ok) {
   *   console.log(video.value.guestLinks.createGuestLink.allowed); // true
   *   const lock = video.value.lobby.setRoomLock;
   *   if (!lock.allowed) console.log(lock.reasons[0].code); // 'NOT_A_ROOM': no lock to offer
   * }
   * ```
   */
  of(input: EntryInput): Promise<Result<EntryCapabilities, InputCode>>;
}

/** @internal What answering needs: the ports read and the rules in force. */
interface CapabilityContext {
  readonly directory: EntryDirectory;
  readonly store: GuestStore;
  readonly rules: GuestLinkRules;
  readonly inviteRules: InviteRules | null;
}

/**
 * Creates the capability list over the host's ports: for an actor and an entry, which guest-link,
 * lobby and invite actions are allowed now, and why each that is not, decided by the very policy
 * functions the operations call. Per entry asked about, one lookup in the directory (the entry,
 * then its site, as every operation reads them) and two reads of the guest store, all at once.
 *
 * @param options - the directory, the guest store, and the rules of both features.
 * @returns the capability list.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` when a port is missing or a rule is invalid.
 *
 * @example
 * ```ts
 * import { createCapabilities } from 'access-links/capabilities';
 *
 * const capabilities = createCapabilities({ directory, guestStore, inviteRules: {} });
 * const room = await capabilities.of({ actor: { userId: 'mod-1' }, entryId: 'room-1' });
 * if (room.ok) {
 *   console.log(room.value.lobby.admitGuest.allowed); // true: a room's moderators run its lobby
 *   console.log(room.value.guestLinks.createGuestLink.allowed); // false: NOT_PERMITTED, links are the managers'
 *   console.log(room.value.invites?.createInvites.allowed); // false: inviting takes an inviter role (memberRoles)
 * }
 * const event = await capabilities.of({ actor: { userId: 'mod-1' }, entryId: 'event-1' });
 * if (event.ok) console.log(event.value.invites?.roles.filter((grant) => grant.allowed).map((grant) => grant.role)); // ['viewer', 'speaker', 'moderator']
 * ```
 *
 * @category Capabilities
 */
export function createCapabilities(options: CapabilitiesOptions): Capabilities {
  const context = readOptions(() => contextOf(options));
  return Object.freeze({
    rules: context.rules,
    inviteRules: context.inviteRules,
    of: (input) => capabilitiesOf(context, input),
  } satisfies Capabilities);
}

// The factories' checks, with their sentences, for these options' names; the rules merged by the
// services' own define functions; a throwing getter is INVALID_OPTIONS (readOptions). The core's
// factories keep these few lines inline: sharing a helper with them cost the core bundle 23 B of
// the 34 B left in its size budget.
function contextOf(options: CapabilitiesOptions): CapabilityContext {
  if (options === null || typeof options !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'Options must be an object.');
  const missing = (['directory', 'guestStore'] as const).filter((name) => options[name] === null || typeof options[name] !== 'object');
  if (missing.length > 0) throw new AccessLinksError('INVALID_OPTIONS', `Options lack ${missing.join(', ')}.`);
  const inviteRules = options.inviteRules;
  return {
    directory: options.directory,
    store: options.guestStore,
    rules: rulesOf(defineGuestLinkRules(options.rules ?? {})),
    inviteRules: inviteRules === undefined ? null : rulesOf(defineInviteRules(inviteRules)),
  };
}

function rulesOf<R>(defined: Defined<R>): R {
  if (!defined.ok) throw new AccessLinksError('INVALID_OPTIONS', `Invalid rules: ${defined.problems.join('; ')}`);
  return defined.rules;
}

/** The first step's refusal, as an operation stops at it, or else the next step's decision. */
function then<A extends ReasonCode, B extends ReasonCode>(first: Decision<A>, next: () => Decision<B>): Decision<A | B> {
  return first.allowed ? next() : first;
}

async function capabilitiesOf(context: CapabilityContext, input: EntryInput): Promise<Result<EntryCapabilities, InputCode>> {
  const read = new InputReader(input);
  const actor = read.actor();
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;
  // What the operations read: the entry and its site, the switch, and the links the cap counts.
  const [{ entry, site }, access, links] = await Promise.all([
    lookUpEntry(context, entryId),
    guestAccessOf(context, entryId),
    port('STORAGE_FAILED', () => context.store.listLinks(entryId), context.store.name),
  ]);
  const facts = { entry, site, rules: context.rules };
  const manage = decideManageGuestAccess(facts, actor);
  const moderate = decideModerateGuests(facts, actor);
  const seeGuests = decideListGuests(facts, actor);
  return success({
    entryId,
    guestLinks: {
      enableGuestAccess: decideEnableGuestAccess(facts, actor),
      disableGuestAccess: manage,
      // As createGuestLink: its gate; then its policy, which leaves the cap to the store; then
      // the cap, as the store judges it, by the same policy given the links there are.
      createGuestLink: then(manage, () =>
        then(decideCreateGuestLink(facts, actor, access, 0), () => decideCreateGuestLink(facts, actor, access, links.length)),
      ),
      listGuestLinks: manage,
      deleteGuestLink: manage,
      setGuestLinkPasscode: manage,
      linkActivity: manage,
    },
    lobby: {
      getGuestAccess: seeGuests,
      listGuests: seeGuests,
      setRoomLock: moderate,
      admitGuest: moderate,
      declineGuest: moderate,
      admitAllGuests: moderate,
      declineAllGuests: moderate,
    },
    invites: context.inviteRules === null ? null : inviteActions(entry, { entry, site, rules: context.inviteRules }, actor),
  });
}

function inviteActions(entry: Entry | null, facts: InviteFacts, actor: Actor): InviteActions {
  const send = decideSendInvites(facts, actor);
  const manage = decideManageInvites(facts, actor);
  return {
    createInvites: send,
    resendInvite: send,
    listInvites: manage,
    changeInviteRole: manage,
    revokeInvite: manage,
    // decideRole is asked only past the gate, where the entry is known.
    roles:
      entry === null || !manage.allowed
        ? []
        : rolesFor(entry.type, facts.rules).map((role) => ({ ...decideRole({ ...facts, entry }, actor, role), role })),
  };
}
