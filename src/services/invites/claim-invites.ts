/** The invitee's side: opening, accepting and declining an invite (I1, I5). */
import type { EntryType } from '../../domain/entry';
import { AccessLinksError } from '../../domain/errors';
import type { Invite } from '../../domain/invite';
import { inviteReason } from '../../domain/reasons';
import { refuse, success, type Refusal, type Result } from '../../domain/result';
import {
  decideClaimInvite,
  decideOpenInvite,
  type Claimant,
  type ClaimRefusalCode,
  type InviteFacts,
} from '../../policy/invite-policy';
import type { Grant } from '../../ports/grants';
import { entryFacts, eventOf, NO_SITE, now, port, told, written } from '../context';
import type { AccessEvent } from '../../ports/events';
import { InputReader, type InputCode } from '../input';
import { readClaimant } from './input';
import { verifyToken } from '../tokens';
import type { InviteContext } from './context';

/**
 * Input of {@link InviteLinks.openInvite}.
 *
 * @category Invite links
 */
export interface OpenInviteInput {
  /** The token from the invite's link. */
  readonly token: string;
}

/**
 * Input of {@link InviteLinks.acceptInvite} and {@link InviteLinks.declineInvite}.
 *
 * @category Invite links
 */
export interface ClaimInviteInput {
  /** The token from the invite's link. */
  readonly token: string;
  /** The signed-in user claiming it, with the account's email and whether it is verified. */
  readonly claimant: Claimant;
}

/**
 * What an invite's landing page shows; opening changes nothing.
 *
 * @category Invite links
 */
export interface InviteLanding {
  /** The invite's id. */
  readonly inviteId: string;
  /** The address it is for. */
  readonly email: string;
  /** The role it grants. */
  readonly role: string;
  /** When it stops being acceptable, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The entry it opens. */
  readonly entry: {
    /** The entry's id. */
    readonly id: string;
    /** The entry's type. */
    readonly type: EntryType;
    /** The entry's title, or `null`. */
    readonly title: string | null;
  };
  /** Who invited. */
  readonly inviter: {
    /** The inviter's user id. */
    readonly userId: string;
    /** The inviter's display name, or `null`. */
    readonly name: string | null;
  };
}

/**
 * What declining answers.
 *
 * @category Invite links
 */
export interface DeclinedInvite {
  /** The invite, now declined. */
  readonly inviteId: string;
}

/** @internal */
export async function openInvite(
  context: InviteContext,
  input: OpenInviteInput,
): Promise<Result<InviteLanding, 'INVALID_INPUT' | ClaimRefusalCode>> {
  const read = new InputReader(input);
  const invalid = read.refusal();
  if (invalid) return invalid as Result<never, 'INVALID_INPUT'>; // only INVALID_INPUT: no field is read
  const invite = await inviteOf(context, read.raw('token'));
  const facts = await factsOf(context, invite);
  const decision = decideOpenInvite(facts, invite, now(context));
  if (!decision.allowed) return refuse(decision.reasons);
  // Allowed means the invite and its entry exist.
  const entry = facts.entry!;
  const { id, email, role, expiresAt, invitedBy, inviterName } = invite!;
  return success({
    inviteId: id,
    email,
    role,
    expiresAt,
    entry: { id: entry.id, type: entry.type, title: entry.title ?? null },
    inviter: { userId: invitedBy, name: inviterName },
  });
}

/** @internal */
export async function acceptInvite(
  context: InviteContext,
  input: ClaimInviteInput,
): Promise<Result<Grant, ClaimCode>> {
  const claimed = await claim(context, input, 'accepted');
  if (!claimed.ok) return claimed;
  const { claimant, invite, at } = claimed;
  // Accepting twice by the same person answers the same grant, and grants nothing new.
  if (!claimed.changed) return success(grantOf(invite));
  if (context.grants !== null) {
    // The invite is `accepting` (by this claimant, since `at`): nobody is told "accepted" until
    // the grant is applied, and a grant that fails gives the invite back.
    const own = { by: claimant.userId, claimedAt: invite.updatedAt };
    try {
      await context.grants.grant(grantOf(invite));
    } catch (cause) {
      await context.invites.abandonAcceptance(invite.id, own).catch(() => undefined);
      throw new AccessLinksError('GRANT_FAILED', 'Granting the role failed; the invite is pending again.', { cause });
    }
    const event = claimEvent(context, 'accepted', invite, claimant, at);
    const completed = await port('STORAGE_FAILED', () => context.invites.completeAcceptance(invite.id, own, written(context, event)), context.invites.name);
    if (completed !== null && event !== null) told(context, event);
  }
  return success(grantOf(invite));
}

/** @internal */
export async function declineInvite(
  context: InviteContext,
  input: ClaimInviteInput,
): Promise<Result<DeclinedInvite, ClaimCode>> {
  const claimed = await claim(context, input, 'declined');
  if (!claimed.ok) return claimed;
  const { invite } = claimed;
  return success({ inviteId: invite.id });
}

/** The event of a claim: `invite.accepted` with the role (which the store sets as it stands), or `invite.declined`. */
function claimEvent(context: InviteContext, to: 'accepted' | 'declined', invite: Invite, claimant: Claimant, at: number): AccessEvent | null {
  return eventOf(context, {
    type: to === 'accepted' ? 'invite.accepted' : 'invite.declined',
    at,
    entryId: invite.entryId,
    actorId: claimant.userId,
    subjectId: invite.id,
    detail: to === 'accepted' ? { role: invite.role } : {},
  });
}

type ClaimCode = InputCode | ClaimRefusalCode | 'INVITE_CHANGED';

/** What {@link claim} did: the invite after, and whether this call changed it. */
interface Claimed {
  readonly ok: true;
  readonly claimant: Claimant;
  readonly invite: Invite;
  readonly at: number;
  /** `false` when the same user had accepted already, by this or a racing call. */
  readonly changed: boolean;
}

/**
 * Reads the claimant and the token, asks the policy, and moves the invite with one conditional
 * write: to `declined`, to `accepted`, or — when the host applies grants — to `accepting`. When
 * that write loses a race, says why from the invite as it is now.
 */
async function claim(context: InviteContext, input: ClaimInviteInput, to: 'accepted' | 'declined'): Promise<Claimed | Refusal<ClaimCode>> {
  const read = new InputReader(input);
  const claimant = readClaimant(read);
  const invalid = read.refusal();
  if (invalid) return invalid;
  const at = now(context);
  const acceptedByClaimant = (invite: Invite | null): boolean =>
    to === 'accepted' && invite?.state === 'accepted' && invite.acceptedBy === claimant.userId;
  // An acceptance of this claimant whose grant never finished (a crash): it may be taken over.
  const staleBefore = at - context.rules.grantTimeoutSeconds * 1000;
  // Judged here only to word the answer: the store's startAcceptance takes over a stale acceptance
  // of the same user alone, atomically (the conformance kit checks it), so the same call answers
  // the same whatever this says.
  const stale = (invite: Invite): boolean =>
    // Stryker disable next-line all: equivalent, as said above
    to === 'accepted' && invite.state === 'accepting' && invite.acceptedBy === claimant.userId && invite.updatedAt < staleBefore;

  const invite = await inviteOf(context, read.raw('token'));
  if (invite !== null && acceptedByClaimant(invite)) return { ok: true, claimant, invite, at, changed: false };
  // A stale acceptance is judged as the pending invite it was.
  const judged: Invite | null = invite !== null && stale(invite) ? { ...invite, state: 'pending' } : invite;
  const refused = await judgeClaim(context, judged, claimant, at);
  if (refused) return refused;
  const id = invite!.id;
  const granting = to === 'accepted' && context.grants !== null;
  // With grants, `invite.accepted` is written when the grant is done (completeAcceptance); the store sets the role.
  const event = granting ? null : claimEvent(context, to, invite!, claimant, at);
  const finished = await port('STORAGE_FAILED', () =>
    granting
      ? context.invites.startAcceptance(id, { by: claimant.userId, claimedAt: at }, staleBefore)
      : context.invites.finishInvite(id, { to, at, by: claimant.userId }, written(context, event)),
    context.invites.name,
  );
  if (finished !== null) {
    if (event !== null) told(context, to === 'accepted' ? { ...event, detail: { role: finished.role } } : event);
    return { ok: true, claimant, invite: finished, at, changed: true };
  }

  const current = await port('STORAGE_FAILED', () => context.invites.getInvite(id), context.invites.name);
  if (current !== null && acceptedByClaimant(current)) return { ok: true, claimant, invite: current, at, changed: false };
  return (await judgeClaim(context, current, claimant, at)) ?? refuse([inviteReason('INVITE_CHANGED')]);
}

async function inviteOf(context: InviteContext, token: unknown): Promise<Invite | null> {
  const inviteId = await verifyToken(context.keyRing, 'invite', token);
  return inviteId === null ? null : port('STORAGE_FAILED', () => context.invites.getInvite(inviteId), context.invites.name);
}

/** The facts the policy judges an invite on; an unknown invite has no entry. */
async function factsOf(context: InviteContext, invite: Invite | null): Promise<InviteFacts> {
  return invite === null ? { entry: null, site: NO_SITE, rules: context.rules } : entryFacts(context, invite.entryId);
}

async function judgeClaim(context: InviteContext, invite: Invite | null, claimant: Claimant, at: number) {
  const decision = decideClaimInvite(await factsOf(context, invite), invite, claimant, at);
  return decision.allowed ? null : refuse(decision.reasons);
}

function grantOf(invite: Invite): Grant {
  return {
    inviteId: invite.id,
    entryId: invite.entryId,
    userId: invite.acceptedBy!,
    role: invite.role,
    grantedAt: invite.updatedAt,
  };
}
