/** The owner's side of invites: who is invited, changing a role, revoking (I3). */
import type { Actor } from '../../domain/entry';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageAfter, pageOf, type Page, type PageInput } from '../page';
import type { InviteState } from '../../domain/invite';
import { inviteReason } from '../../domain/reasons';
import { refuse, success, type Result } from '../../domain/result';
import {
  decideInviteAction,
  decideManageInvites,
  decideRole,
  type InviteManageCode,
  type RoleRefusalCode,
} from '../../policy/invite-policy';
import { eventOf, now, port, told, written } from '../context';
import { InputReader, type InputCode } from '../input';
import { readInviteId, readRole } from './input';
import type { EntryInput } from '../manage-guest-links';
import { inviteAddress, toInviteView, type InviteContext, type InviteView } from './context';
import { authorizeInvites, type InviteActionInput } from './send-invites';

/**
 * Input of {@link InviteLinks.changeInviteRole}.
 *
 * @category Invite links
 */
export interface ChangeInviteRoleInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry the invite belongs to. */
  readonly entryId: string;
  /** The invite. */
  readonly inviteId: string;
  /** The new role. */
  readonly role: string;
}

/**
 * Codes a refused change to one invite may carry.
 *
 * @category Invite links
 */
export type InviteChangeCode =
  | InputCode
  | InviteManageCode
  | 'INVITE_NOT_FOUND'
  | 'INVITE_NOT_PENDING'
  | 'INVITE_CHANGED'
  | 'INVITE_BEING_SENT'
  | 'ROLE_ABOVE_INVITER';

/**
 * Input of {@link InviteLinks.listInvites}: who, which entry, and which page.
 *
 * @category Invite links
 */
export interface ListInvitesInput extends EntryInput, PageInput {
  /** Only invites in this state (`expired`: pending past its expiry); absent for all. */
  readonly state?: InviteState | null | undefined;
}

const STATES: readonly InviteState[] = ['pending', 'accepting', 'accepted', 'declined', 'revoked', 'expired'];

/** @internal */
export async function listInvites(
  context: InviteContext,
  input: ListInvitesInput,
): Promise<Result<Page<InviteView>, InputCode | InviteManageCode>> {
  const read = new InputReader(input);
  const limit = read.limit(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const cursor = read.cursor();
  const state = read.field('state', 'INVALID_STATUS', (value) =>
    value === undefined || value === null ? null : STATES.includes(value as InviteState) ? (value as InviteState) : undefined,
  );
  const gate = await authorizeInvites(context, read, decideManageInvites);
  if (!gate.ok) return gate;
  const binding = { list: 'invites', of: gate.entryId, filter: state } as const;
  const after = await pageAfter(context.keyRing, binding, cursor);
  if (!after.ok) return after;
  const at = now(context);
  const invites = await port(
    'STORAGE_FAILED',
    () => context.invites.listInvites(gate.entryId, { after: after.value, limit: limit + 1, state, now: at }),
    context.invites.name,
  );
  const page = await pageOf(context.keyRing, binding, invites, limit, (invite) => invite);
  const items = await Promise.all(page.items.map(async (invite) => toInviteView(invite, at, await inviteAddress(context, invite.id), context.rules)));
  return success({ items, next: page.next });
}

/** @internal */
export async function changeInviteRole(
  context: InviteContext,
  input: ChangeInviteRoleInput,
): Promise<Result<InviteView, InviteChangeCode | RoleRefusalCode>> {
  const read = new InputReader(input);
  const inviteId = readInviteId(read);
  const role = readRole(read);
  const gate = await authorizeInvites(context, read, decideManageInvites);
  if (!gate.ok) return gate;
  const roleDecision = decideRole(gate.facts, gate.actor, role);
  if (!roleDecision.allowed) return refuse(roleDecision.reasons);

  const invite = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId), context.invites.name);
  if (invite === null || invite.entryId !== gate.entryId) return refuse([inviteReason('INVITE_NOT_FOUND')]);
  if (invite.state !== 'pending') return refuse([inviteReason('INVITE_NOT_PENDING')]);
  const rank = decideInviteAction(gate.facts, gate.actor, invite);
  if (!rank.allowed) return refuse(rank.reasons);
  const at = now(context);
  const address = await inviteAddress(context, inviteId);
  if (invite.role === role) return success(toInviteView(invite, at, address, context.rules));
  const event = eventOf(context, {
    type: 'invite.role_changed',
    at,
    entryId: gate.entryId,
    actorId: gate.actor.userId,
    subjectId: inviteId,
    detail: { role, previousRole: invite.role },
  });
  const updated = await port('STORAGE_FAILED', () =>
    context.invites.updatePendingInvite(inviteId, { role, updatedAt: at }, context.rules.pendingInviteCap, at, written(context, event)),
    context.invites.name,
  );
  if (updated.status !== 'updated') return refuse([inviteReason('INVITE_CHANGED')]);
  told(context, event);
  return success(toInviteView(updated.invite, at, address, context.rules));
}

/** @internal */
export async function revokeInvite(
  context: InviteContext,
  input: InviteActionInput,
): Promise<Result<InviteView, InviteChangeCode>> {
  const read = new InputReader(input);
  const inviteId = readInviteId(read);
  const gate = await authorizeInvites(context, read, decideManageInvites);
  if (!gate.ok) return gate;

  const invite = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId), context.invites.name);
  if (invite === null || invite.entryId !== gate.entryId) return refuse([inviteReason('INVITE_NOT_FOUND')]);
  const rank = decideInviteAction(gate.facts, gate.actor, invite);
  if (!rank.allowed) return refuse(rank.reasons);
  const at = now(context);
  const address = await inviteAddress(context, inviteId);
  // Conditional on the invite still being pending, and not being mailed this instant: an
  // accepted invite is never cancelled, and a revoked one is never sent.
  const sendingSince = at - context.rules.deliveryTimeoutSeconds * 1000;
  const event = eventOf(context, { type: 'invite.revoked', at, entryId: gate.entryId, actorId: gate.actor.userId, subjectId: inviteId, detail: {} });
  const revoked = await port('STORAGE_FAILED', () =>
    context.invites.finishInvite(inviteId, { to: 'revoked', at, by: gate.actor.userId, unlessSendingSince: sendingSince }, written(context, event)),
    context.invites.name,
  );
  if (revoked === null) {
    // A pending invite is refused only while its message is in flight (even if that send has
    // ended by now: a second try will do).
    const current = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId), context.invites.name);
    return refuse([inviteReason(current?.state === 'pending' ? 'INVITE_BEING_SENT' : 'INVITE_NOT_PENDING')]);
  }
  told(context, event);
  return success(toInviteView(revoked, at, address, context.rules));
}
