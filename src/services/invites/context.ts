import type { Entry } from '../../domain/entry';
import { AccessLinksError } from '../../domain/errors';
import { deliveryErrorText, headerText, type InviteRenderer } from '../../domain/invite-message';
import { inviteState, type Invite, type InviteState, type DeliveryStatus } from '../../domain/invite';
import type { InviteRules } from '../../domain/invite-rules';
import type { GrantPort } from '../../ports/grants';
import type { InviteStore } from '../../ports/invite-store';
import type { Mailer } from '../../ports/mailer';
import type { RateLimiter } from '../../ports/rate-limiter';
import { eventOf, port, told, withTimeout, written, type BaseContext } from '../context';
import { signToken } from '../tokens';

/** @internal The invite operations' context. */
export interface InviteContext extends BaseContext {
  readonly invites: InviteStore;
  /** The store's own rate limiter, read once. */
  readonly limiter: RateLimiter | null;
  readonly mailer: Mailer | null;
  readonly render: InviteRenderer;
  readonly grants: GrantPort | null;
  readonly rules: InviteRules;
  readonly inviteUrl: (token: string) => string;
}

/**
 * An invite as the owner's list and the operations show it (I3). Times are milliseconds since the epoch.
 *
 * @category Invite links
 */
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
  /** Whether its message went out: `not_sent`, `sending`, `sent` or `failed`. */
  readonly deliveryStatus: DeliveryStatus;
  /** How many times sending was tried. */
  readonly deliveryAttempts: number;
  /** When sending was last tried. */
  readonly lastSentAt: number | null;
  /** Why the last sending failed. */
  readonly deliveryError: string | null;
  /**
   * The first instant {@link InviteLinks.resendInvite} may send its message again, after the
   * resend interval (`resendIntervalSeconds`) since the last send and any send still in flight;
   * at or before now when it may send now, `null` once the invite is no longer pending. A UI
   * says "you can resend from 14:05" with it; a re-invite answered `throttled` kept its change
   * (a new role, say) and sends nothing until then.
   */
  readonly resendableAt: number | null;
  /** The token its link carries, signed with the current key. */
  readonly token: string;
  /** The link to hand to the invitee, as the host's `inviteUrl` forms it. */
  readonly url: string;
}

/** @internal An invite's token and URL: the token signed now, the URL as the host forms it. */
export interface InviteAddress {
  readonly token: string;
  readonly url: string;
}

/** @internal Signs an invite's token and forms its URL; a URL builder that throws is misuse. */
export async function inviteAddress(context: InviteContext, inviteId: string): Promise<InviteAddress> {
  const token = await signToken(context.keyRing, 'invite', inviteId);
  let url: unknown;
  try {
    url = context.inviteUrl(token);
  } catch (cause) {
    throw new AccessLinksError('INVALID_OPTIONS', 'inviteUrl threw.', { cause });
  }
  if (typeof url !== 'string') throw new AccessLinksError('INVALID_OPTIONS', 'inviteUrl did not answer a string.');
  return { token, url };
}

/** @internal */
export function toInviteView(invite: Invite, now: number, address: InviteAddress, rules: InviteRules): InviteView {
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
    resendableAt: resendableAt(invite, rules),
    token: address.token,
    url: address.url,
  };
}

/** When a claim to send the invite can next succeed, as the store's claimDelivery judges it. */
function resendableAt(invite: Invite, rules: InviteRules): number | null {
  if (invite.state !== 'pending') return null;
  if (invite.lastSentAt === null) return invite.invitedAt;
  const interval = invite.lastSentAt + rules.resendIntervalSeconds * 1000;
  return invite.deliveryStatus === 'sending' ? Math.max(interval, invite.lastSentAt + rules.deliveryTimeoutSeconds * 1000) : interval;
}

/** @internal The mailer, or the misuse of asking to send without one. */
export function requireMailer(context: InviteContext): Mailer {
  if (context.mailer === null) throw new AccessLinksError('INVALID_OPTIONS', 'Sending an invite needs a mailer in the options.');
  return context.mailer;
}

/** @internal What {@link deliver} did. */
export type Delivery =
  | { readonly status: 'sent'; readonly invite: Invite }
  | { readonly status: 'failed'; readonly invite: Invite }
  | { readonly status: 'too_soon' }
  | { readonly status: 'cap_reached' }
  | { readonly status: 'not_pending' };

/** @internal The recipient's language and time zone, as the host gave them. */
export interface Recipient {
  readonly locale: string | null;
  readonly timeZone: string | null;
}

/**
 * @internal Sends an invite's message (I4), after claiming the send in the store so that of
 * racing sends exactly one mails, and records how it went: the invite is stored before, and a
 * failed send is kept with a clean cause. Never throws for the mailer or the renderer; a store
 * that fails throws STORAGE_FAILED. `expiresAt` extends the invite with the claim (a resend).
 */
export async function deliver(
  context: InviteContext,
  invite: Invite,
  entry: Entry,
  at: number,
  address: InviteAddress,
  recipient: Recipient,
  expiresAt?: number,
): Promise<Delivery> {
  const mailer = requireMailer(context);
  const { rules } = context;
  const claim = { at, intervalMs: rules.resendIntervalSeconds * 1000, timeoutMs: rules.deliveryTimeoutSeconds * 1000, expiresAt };
  const claimed = await port('STORAGE_FAILED', () => context.invites.claimDelivery(invite.id, claim, rules.pendingInviteCap), context.invites.name);
  if (claimed.status !== 'claimed') return { status: claimed.status };
  const sending = claimed.invite;
  let error: string | null = null;
  try {
    const message = await context.render({
      to: sending.email,
      entryTitle: entry.title ?? null,
      entryType: entry.type,
      inviterName: sending.inviterName,
      role: sending.role,
      url: address.url,
      expiresAt: sending.expiresAt,
      locale: recipient.locale,
      timeZone: recipient.timeZone,
      now: at,
    });
    const mail = { to: sending.email, subject: headerText(String(message.subject)), text: String(message.text), html: String(message.html) };
    await withTimeout(mailer.send(mail), claim.timeoutMs, `The mailer did not answer within ${claim.timeoutMs / 1000} s.`);
  } catch (cause) {
    error = deliveryErrorText(cause, [address.token, address.url, address.token.slice(address.token.lastIndexOf('.') + 1)]);
  }
  const event = eventOf(context, {
    type: error === null ? 'invite.delivered' : 'invite.delivery_failed',
    at,
    entryId: invite.entryId,
    actorId: null,
    subjectId: invite.id,
    detail: { attempt: sending.deliveryAttempts, error },
  });
  const recorded = await port('STORAGE_FAILED', () =>
    context.invites.recordDelivery(invite.id, { claimedAt: at, status: error === null ? 'sent' : 'failed', error }, written(context, event)),
    context.invites.name,
  );
  if (recorded !== null) told(context, event);
  const after = recorded ?? { ...sending, deliveryStatus: error === null ? ('sent' as const) : ('failed' as const), deliveryError: error };
  return error === null ? { status: 'sent', invite: after } : { status: 'failed', invite: after };
}

