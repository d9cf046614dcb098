/** The invitee's side: opening, accepting and declining an invite (I1, I5). */
import type { EntryType } from '../../domain/entry';
import { AccessLinksError } from '../../domain/errors';
import type { Invite } from '../../domain/invite';
import { inviteReason } from '../../domain/reasons';
import { refuse, success, type Result } from '../../domain/result';
import { decideClaimInvite, decideOpenInvite, type Claimant, type ClaimRefusalCode } from '../../policy/invite-policy';
import type { Grant } from '../../ports/grants';
import { now, port } from '../context';
import { InputReader, type InputCode } from '../input';
import { readClaimant } from './input';
import { verifyToken } from '../tokens';
import { inviteFacts, type InviteContext } from './context';

/** Input of {@link Invites.openInvite}. */
export interface OpenInviteInput {
  /** The token from the invite's link. */
  readonly token: string;
}

/** Input of {@link Invites.acceptInvite} and {@link Invites.declineInvite}. */
export interface ClaimInviteInput {
  /** The token from the invite's link. */
  readonly token: string;
  /** The signed-in user claiming it, with the account's email and whether it is verified. */
  readonly claimant: Claimant;
}

/** What an invite's landing page shows; opening changes nothing. */
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

/** What declining answers. */
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
  const facts = invite === null ? null : await inviteFacts(context, invite.entryId);
  const decision = decideOpenInvite(facts ?? { entry: null, site: NO_SITE, rules: context.rules }, invite, now(context));
  if (!decision.allowed) return refuse(decision.reasons);
  // Allowed means the invite and its entry exist.
  const entry = facts!.entry!;
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
): Promise<Result<Grant, InputCode | ClaimRefusalCode | 'INVITE_CHANGED'>> {
  const read = new InputReader(input);
  const claimant = readClaimant(read);
  const invalid = read.refusal();
  if (invalid) return invalid;
  const invite = await inviteOf(context, read.raw('token'));
  // Accepting twice by the same person answers the same grant, and grants nothing new.
  if (invite?.state === 'accepted' && invite.acceptedBy === claimant.userId) return success(grantOf(invite));

  const at = now(context);
  const refused = await judgeClaim(context, invite, claimant, at);
  if (refused) return refused;
  const accepted = await port('STORAGE_FAILED', () =>
    context.invites.finishInvite(invite!.id, { to: 'accepted', at, by: claimant.userId }),
  );
  if (accepted === null) {
    const { sameGrant, refusal } = await lostRace(context, invite!.id, claimant, at);
    return sameGrant ? success(sameGrant) : refusal;
  }

  const grant = grantOf(accepted);
  if (context.grants !== null) {
    try {
      await context.grants.grant(grant);
    } catch (cause) {
      // No acceptance without its grant: give the invite back to its invitee.
      await context.invites.reopenInvite(accepted.id, claimant.userId).catch(() => undefined);
      throw new AccessLinksError('GRANT_FAILED', 'Granting the role failed; the invite is pending again.', { cause });
    }
  }
  await context.emit({
    type: 'invite.accepted',
    at,
    entryId: accepted.entryId,
    actorId: claimant.userId,
    subjectId: accepted.id,
    detail: { role: accepted.role },
  });
  return success(grant);
}

/** @internal */
export async function declineInvite(
  context: InviteContext,
  input: ClaimInviteInput,
): Promise<Result<DeclinedInvite, InputCode | ClaimRefusalCode | 'INVITE_CHANGED'>> {
  const read = new InputReader(input);
  const claimant = readClaimant(read);
  const invalid = read.refusal();
  if (invalid) return invalid;
  const invite = await inviteOf(context, read.raw('token'));
  const at = now(context);
  const refused = await judgeClaim(context, invite, claimant, at);
  if (refused) return refused;
  const declined = await port('STORAGE_FAILED', () =>
    context.invites.finishInvite(invite!.id, { to: 'declined', at, by: claimant.userId }),
  );
  if (declined === null) return (await lostRace(context, invite!.id, claimant, at)).refusal;
  await context.emit({ type: 'invite.declined', at, entryId: declined.entryId, actorId: claimant.userId, subjectId: declined.id, detail: {} });
  return success({ inviteId: declined.id });
}

const NO_SITE = Object.freeze({ inviteToMediaModule: false, mediaPage: false });

async function inviteOf(context: InviteContext, token: unknown): Promise<Invite | null> {
  const inviteId = await verifyToken(context.keyRing, 'invite', token);
  return inviteId === null ? null : port('STORAGE_FAILED', () => context.invites.getInvite(inviteId));
}

async function judgeClaim(context: InviteContext, invite: Invite | null, claimant: Claimant, at: number) {
  const facts = invite === null ? { entry: null, site: NO_SITE, rules: context.rules } : await inviteFacts(context, invite.entryId);
  const decision = decideClaimInvite(facts, invite, claimant, at);
  return decision.allowed ? null : refuse(decision.reasons);
}

/** The invite changed between reading and the conditional write: why it cannot be claimed now. */
async function lostRace(context: InviteContext, inviteId: string, claimant: Claimant, at: number) {
  const current = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId));
  // An accept that lost to the same user's other accept answers that acceptance's grant.
  const sameGrant = current?.state === 'accepted' && current.acceptedBy === claimant.userId ? grantOf(current) : null;
  const refusal = (await judgeClaim(context, current, claimant, at)) ?? refuse([inviteReason('INVITE_CHANGED')]);
  return { sameGrant, refusal };
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
