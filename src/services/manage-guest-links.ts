/** The owner's side of guest links: the switch, creating, listing and deleting (G1–G5, G11). */
import type { Actor } from '../domain/entry';
import { guestLinkExpiry, type GuestLink } from '../domain/guest-link';
import type { GuestAccess } from '../domain/guest-access';
import { reason } from '../domain/reasons';
import { refuse, success, type Result } from '../domain/result';
import {
  decideCreateGuestLink,
  decideEnableGuestAccess,
  decideEntryOpen,
  decideManageGuestAccess,
  type ManageRefusalCode,
} from '../policy/guest-policy';
import { authorize, changeGuestAccess, eventOf, guestAccessOf, now, port, requireCodeDelivery, told, written, type Context } from './context';
import { InputReader, type InputCode } from './input';
import { keptTotals, NO_ACTIVITY } from './activity';
import { linkAddress, toLinkView, type GuestLinkList, type GuestLinkView } from './views';

/**
 * Input of {@link GuestLinks.setGuestAccess}.
 *
 * @category Guest links
 */
export interface SetGuestAccessInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry. */
  readonly entryId: string;
  /** `true` to turn guest access on, `false` to turn it off. */
  readonly enabled: boolean;
}

/**
 * Input of the operations that act on one entry as a whole.
 *
 * @category Guest links
 */
export interface EntryInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry. */
  readonly entryId: string;
}

/**
 * Input of {@link GuestLinks.createGuestLink} (G3).
 *
 * @category Guest links
 */
export interface CreateGuestLinkInput {
  /** Who is acting; recorded as the link's creator. */
  readonly actor: Actor;
  /** The entry the link opens. */
  readonly entryId: string;
  /** The link's label: trimmed, 1 to 100 characters, no control characters. */
  readonly name: string;
  /** "# of clicks": how many guests may join through it, a whole number from 1 to 2,147,483,647; absent for unlimited. */
  readonly useLimit?: number | null | undefined;
  /** How many whole days it lasts, 1 to 36500; absent for never expiring. */
  readonly durationDays?: number | null | undefined;
  /**
   * Only guests whose address is at one of these domains, or a subdomain of one, may join (V2):
   * at most 100, compared in ASCII form after IDNA (`bücher.example` is `xn--bcher-kva.example`).
   * Absent or empty: any domain. Set when the link is made; for other domains, make another link.
   */
  readonly allowedDomains?: readonly string[] | null | undefined;
  /** Guests whose address is at one of these domains, or a subdomain of one, may not join (V2); a block wins over an allow. At most 100. */
  readonly blockedDomains?: readonly string[] | null | undefined;
  /**
   * A passcode guests must type to join (V3): 6 to 128 characters, see
   * {@link normalizePasscode}. Only its slow hash is stored. Absent, `null` or empty: none.
   * Change or remove it with {@link GuestLinks.setGuestLinkPasscode}.
   */
  readonly passcode?: string | null | undefined;
  /**
   * Whether a guest must prove the address they type (V4): a join through the link is refused
   * with `VERIFICATION_REQUIRED`, and the guest's page calls {@link GuestLinks.sendGuestCode},
   * then {@link GuestLinks.verifyGuest} with the code mailed to the address. Needs `mailer` in
   * the options of {@link createGuestLinks} and a rate limiter (the store's, or `rateLimiter`).
   * Absent or `null`: `false`. Set when the link is made.
   */
  readonly verifyEmail?: boolean | null | undefined;
}

/**
 * Input of {@link GuestLinks.setGuestLinkPasscode} (V3).
 *
 * @category Guest links
 */
export interface SetGuestLinkPasscodeInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry the link belongs to. */
  readonly entryId: string;
  /** The link. */
  readonly linkId: string;
  /** The new passcode, 6 to 128 characters (see {@link normalizePasscode}); absent, `null` or empty removes it. */
  readonly passcode?: string | null | undefined;
}

/**
 * Input of {@link GuestLinks.deleteGuestLink}.
 *
 * @category Guest links
 */
export interface DeleteGuestLinkInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry the link belongs to. */
  readonly entryId: string;
  /** The link. */
  readonly linkId: string;
}

/**
 * What {@link GuestLinks.deleteGuestLink} answers.
 *
 * @category Guest links
 */
export interface DeletedGuestLink {
  /** The id of the link that no longer exists. */
  readonly linkId: string;
}

/** @internal */
export async function setGuestAccess(
  context: Context,
  input: SetGuestAccessInput,
): Promise<Result<GuestAccess, InputCode | ManageRefusalCode>> {
  const read = new InputReader(input);
  const enabled = read.flag('enabled');
  const gate = await authorize(context, read, enabled ? decideEnableGuestAccess : decideManageGuestAccess);
  if (!gate.ok) return gate;
  return success(await changeGuestAccess(context, gate.actor, gate.entryId, 'enabled', enabled));
}

/** @internal */
export async function listGuestLinks(
  context: Context,
  input: EntryInput,
): Promise<Result<GuestLinkList, InputCode | ManageRefusalCode>> {
  const gate = await authorize(context, new InputReader(input), decideManageGuestAccess);
  if (!gate.ok) return gate;
  const { actor, entryId, facts } = gate;

  const [access, links] = await Promise.all([
    guestAccessOf(context, entryId),
    port('STORAGE_FAILED', () => context.store.listLinks(entryId), context.store.name),
  ]);
  const at = now(context);
  const activity = await keptTotals(context, links.map((link) => link.id), at);
  // A link is listed active only if a guest could join through it now (G4).
  const open = decideEntryOpen(facts, access);
  return success({
    entryId,
    enabled: access.enabled,
    roomLocked: access.roomLocked,
    cap: context.rules.guestLinkCap,
    canCreate: decideCreateGuestLink(facts, actor, access, links.length).allowed,
    inactiveReasons: open.allowed ? [] : open.reasons,
    links: await Promise.all(
      links.map(async (link) => toLinkView(link, open.allowed, at, await linkAddress(context, link.id), context.rules.maxGuestsPerLink, activity.get(link.id)!)),
    ),
  });
}

/** @internal */
export async function createGuestLink(
  context: Context,
  input: CreateGuestLinkInput,
): Promise<
  Result<
    GuestLinkView,
    | InputCode
    | ManageRefusalCode
    | 'GUEST_ACCESS_OFF'
    | 'GUEST_LINK_CAP_REACHED'
  >
> {
  const read = new InputReader(input);
  const name = read.name();
  const useLimit = read.positiveInt('useLimit');
  const durationDays = read.positiveInt('durationDays');
  const allowedDomains = read.domains('allowedDomains');
  const blockedDomains = read.domains('blockedDomains');
  const passcode = read.passcode();
  const verifyEmail = read.option('verifyEmail');
  const gate = await authorize(context, read, decideManageGuestAccess);
  if (!gate.ok) return gate;
  const { actor, entryId, facts } = gate;
  const access = await guestAccessOf(context, entryId);
  // The cap is judged by the store, atomically, as it inserts: count no links here.
  const decision = decideCreateGuestLink(facts, actor, access, 0);
  if (!decision.allowed) return refuse(decision.reasons);

  const createdAt = now(context);
  const id = context.newId(createdAt);
  // Sign and form the URL before storing: an operation that throws has written nothing.
  const address = await linkAddress(context, id);
  const passcodeHash = passcode === null ? null : await hashOf(context, passcode);
  // A link that verifies addresses needs a way to mail codes and to bound them: a host that gave
  // none learns it here, before the link exists, rather than from its first guest.
  if (verifyEmail) requireCodeDelivery(context);
  const link: GuestLink = {
    id,
    entryId,
    name,
    useLimit,
    uses: 0,
    durationDays,
    createdAt,
    expiresAt: guestLinkExpiry(createdAt, durationDays),
    createdBy: actor.userId,
    allowedDomains,
    blockedDomains,
    passcodeHash,
    verifyEmail,
  };
  const event = eventOf(context, {
    type: 'guest_link.created',
    at: createdAt,
    entryId,
    actorId: actor.userId,
    subjectId: link.id,
    detail: { name, useLimit, durationDays, passcode: passcodeHash !== null },
  });
  const inserted = await port('STORAGE_FAILED', () => context.store.insertLinkUnderCap(link, context.rules.guestLinkCap, written(context, event)), context.store.name);
  if (!inserted) return refuse([reason('GUEST_LINK_CAP_REACHED')]);
  context.links.remember(id, link);
  told(context, event);
  return success(toLinkView(link, decideEntryOpen(facts, access).allowed, createdAt, address, context.rules.maxGuestsPerLink, NO_ACTIVITY));
}

/** @internal */
export async function deleteGuestLink(
  context: Context,
  input: DeleteGuestLinkInput,
): Promise<Result<DeletedGuestLink, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>> {
  const read = new InputReader(input);
  const linkId = read.ulid('linkId');
  const gate = await authorize(context, read, decideManageGuestAccess);
  if (!gate.ok) return gate;
  const { entryId } = gate;

  // The store deletes only a link of this entry: another entry's link is not found.
  const event = eventOf(context, { type: 'guest_link.deleted', at: now(context), entryId, actorId: gate.actor.userId, subjectId: linkId, detail: {} });
  const deleted = await port('STORAGE_FAILED', () => context.store.deleteLink(entryId, linkId, written(context, event)), context.store.name);
  if (!deleted) return refuse([reason('LINK_NOT_FOUND')]);
  context.links.forget(linkId);
  told(context, event);
  return success({ linkId });
}

/** @internal */
export async function setGuestLinkPasscode(
  context: Context,
  input: SetGuestLinkPasscodeInput,
): Promise<Result<GuestLinkView, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>> {
  const read = new InputReader(input);
  const linkId = read.ulid('linkId');
  const passcode = read.passcode();
  const gate = await authorize(context, read, decideManageGuestAccess);
  if (!gate.ok) return gate;
  const { actor, entryId, facts } = gate;

  const passcodeHash = passcode === null ? null : await hashOf(context, passcode);
  const at = now(context);
  const event = eventOf(context, { type: 'guest_link.passcode_changed', at, entryId, actorId: actor.userId, subjectId: linkId, detail: { passcode: passcodeHash !== null } });
  const changed = await port('STORAGE_FAILED', () => context.store.setLinkPasscode(entryId, linkId, passcodeHash, written(context, event)), context.store.name);
  if (changed === null) return refuse([reason('LINK_NOT_FOUND')]);
  context.links.remember(linkId, changed);
  told(context, event);
  const [access, address, activity] = await Promise.all([guestAccessOf(context, entryId), linkAddress(context, linkId), keptTotals(context, [linkId], at)]);
  return success(toLinkView(changed, decideEntryOpen(facts, access).allowed, at, address, context.rules.maxGuestsPerLink, activity.get(linkId)!));
}

/** The passcode's slow hash; the code that makes it is loaded on the first passcode. */
async function hashOf(context: Context, passcode: string): Promise<string> {
  const { defaultPasscodeScheme, hashPasscode } = await import('./passcode');
  return hashPasscode(passcode, context.passcodeScheme ?? defaultPasscodeScheme());
}
