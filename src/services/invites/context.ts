import type { Entry } from '../../domain/entry';
import { AccessLinksError } from '../../domain/errors';
import { headerText, type InviteRenderer } from '../../domain/invite-message';
import { inviteState, type Invite, type InviteState, type DeliveryStatus } from '../../domain/invite';
import type { InviteRules } from '../../domain/invite-rules';
import type { InviteFacts } from '../../policy/invite-policy';
import type { GrantPort } from '../../ports/grants';
import type { InviteStore } from '../../ports/invite-store';
import type { Mailer } from '../../ports/mailer';
import { lookUpEntry, port, type BaseContext } from '../context';
import { signToken } from '../tokens';

/** @internal The invite operations' context. */
export interface InviteContext extends BaseContext {
  readonly invites: InviteStore;
  readonly mailer: Mailer | null;
  readonly render: InviteRenderer;
  readonly grants: GrantPort | null;
  readonly rules: InviteRules;
  readonly inviteUrl: (token: string) => string;
}

/** An invite as the owner's list and the operations show it (I3). Times are milliseconds since the epoch. */
export interface InviteView {
  /** The invite's id. */
  readonly id: string;
  /** The entry it opens. */
  readonly entryId: string;
  /** The invited address, as typed (trimmed, NFC). */
  readonly email: string;
  /** The role it grants. */
  readonly role: string;
  /** Where it stands: pending, accepted, declined, revoked, or expired. */
  readonly state: InviteState;
  /** The user id of whoever invited (last re-invited). */
  readonly invitedBy: string;
  /** That user's display name, if known. */
  readonly inviterName: string | null;
  /** When it was made. */
  readonly invitedAt: number;
  /** When it stops being acceptable. */
  readonly expiresAt: number;
  /** The user id who accepted it, once accepted. */
  readonly acceptedBy: string | null;
  /** Whether its message went out: `not_sent`, `sent` or `failed`. */
  readonly deliveryStatus: DeliveryStatus;
  /** How many times sending was tried. */
  readonly deliveryAttempts: number;
  /** When sending was last tried. */
  readonly lastSentAt: number | null;
  /** Why the last sending failed. */
  readonly deliveryError: string | null;
  /** The token its link carries, signed with the current key. */
  readonly token: string;
  /** The link to hand to the invitee, as the host's `inviteUrl` forms it. */
  readonly url: string;
}

/** @internal */
export async function inviteFacts(context: InviteContext, entryId: string): Promise<InviteFacts> {
  return { ...(await lookUpEntry(context, entryId)), rules: context.rules };
}

/** @internal */
export async function toInviteView(context: InviteContext, invite: Invite, now: number): Promise<InviteView> {
  const token = await signToken(context.keyRing, 'invite', invite.id);
  return {
    id: invite.id,
    entryId: invite.entryId,
    email: invite.email,
    role: invite.role,
    state: inviteState(invite, now),
    invitedBy: invite.invitedBy,
    inviterName: invite.inviterName,
    invitedAt: invite.invitedAt,
    expiresAt: invite.expiresAt,
    acceptedBy: invite.acceptedBy,
    deliveryStatus: invite.deliveryStatus,
    deliveryAttempts: invite.deliveryAttempts,
    lastSentAt: invite.lastSentAt,
    deliveryError: invite.deliveryError,
    token,
    url: context.inviteUrl(token),
  };
}

/** @internal The mailer, or the misuse of asking to send without one. */
export function requireMailer(context: InviteContext): Mailer {
  if (context.mailer === null) throw new AccessLinksError('INVALID_OPTIONS', 'Sending an invite needs a mailer in the options.');
  return context.mailer;
}

/**
 * @internal Sends an invite's message and records the attempt (I4): the invite is stored
 * before, and a failed send is kept with its cause. Never throws for the mailer; a store that
 * fails to record the attempt throws STORAGE_FAILED.
 */
export async function deliver(context: InviteContext, invite: Invite, entry: Entry, at: number): Promise<Invite> {
  const mailer = requireMailer(context);
  const token = await signToken(context.keyRing, 'invite', invite.id);
  let error: string | null = null;
  try {
    const message = await context.render({
      to: invite.email,
      entryTitle: entry.title ?? null,
      entryType: entry.type,
      inviterName: invite.inviterName,
      role: invite.role,
      url: context.inviteUrl(token),
      expiresAt: invite.expiresAt,
    });
    await mailer.send({ to: invite.email, subject: headerText(String(message.subject)), text: message.text, html: message.html });
  } catch (cause) {
    error = (cause instanceof Error ? cause.message : String(cause)).slice(0, 500) || 'sending failed';
  }
  const recorded = await port('STORAGE_FAILED', () =>
    context.invites.recordDelivery(invite.id, { status: error === null ? 'sent' : 'failed', at, error }),
  );
  await context.emit({
    type: error === null ? 'invite.delivered' : 'invite.delivery_failed',
    at,
    entryId: invite.entryId,
    actorId: null,
    subjectId: invite.id,
    detail: { attempt: invite.deliveryAttempts + 1, error },
  });
  return recorded ?? invite;
}
