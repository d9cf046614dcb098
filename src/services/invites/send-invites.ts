/** Inviting addresses and sending invites again (I1, I2, I4, I5). */
import type { Actor, Entry } from '../../domain/entry';
import { isAccessLinksError, type AccessLinksErrorCode } from '../../domain/errors';
import { pendingInvite } from '../../domain/invite';
import { inviteReason, reason, type Reason } from '../../domain/reasons';
import { refuse, success, type Result } from '../../domain/result';
import { emailKey, normalizeEmail } from '../../domain/text';
import {
  decideInviteAction,
  decideRole,
  decideSendInvites,
  type InviteFacts,
  type InviteManageCode,
  type RoleRefusalCode,
} from '../../policy/invite-policy';
import { authorizeWith, entryFacts, eventOf, now, port, told, written } from '../context';
import { InputReader, type InputCode } from '../input';
import { readEmailList, readInviteId, readRecipient, readRole, readSend } from './input';
import {
  deliver,
  inviteAddress,
  requireMailer,
  toInviteView,
  type InviteAddress,
  type InviteContext,
  type InviteView,
  type Recipient,
} from './context';
import { DAY_MS } from '../../domain/time';

/**
 * Input of {@link InviteLinks.createInvites}.
 *
 * @category Invite links
 */
export interface CreateInvitesInput {
  /** Who invites: a manager of the entry, or a holder of an inviter role. */
  readonly actor: Actor;
  /** The entry to invite to. */
  readonly entryId: string;
  /** The addresses, each answered on its own, in this order. */
  readonly emails: readonly string[];
  /** The role every invite of this call grants. */
  readonly role: string;
  /**
   * Whether to email each invite now. `false` creates them without mail, for the host to hand
   * out the links itself.
   * @defaultValue `true` when the invites were created with a mailer
   */
  readonly send?: boolean | undefined;
  /** The recipients' language (a BCP 47 tag such as `fr`), for the message, when you know it. */
  readonly locale?: string | null | undefined;
  /** The recipients' IANA time zone (such as `Europe/Paris`), for the dates of the message, when you know it. */
  readonly timeZone?: string | null | undefined;
}

/**
 * Why one address of a batch got no invite.
 *
 * @category Invite links
 */
export type AddressRefusalCode =
  | 'INVALID_EMAIL'
  | 'DUPLICATE_ADDRESS'
  | RoleRefusalCode
  | 'PENDING_INVITE_CAP_REACHED'
  | 'INVITE_CHANGED'
  | 'ACCEPTANCE_IN_PROGRESS';

/**
 * What became of a batch's message to one address: sent, failed (kept, with the cause, for a
 * resend), not sent (sending was not asked for), or throttled (sent too recently to send again).
 *
 * @category Invite links
 */
export type BatchDelivery = 'sent' | 'failed' | 'not_sent' | 'throttled';

/**
 * The answer for one address of {@link InviteLinks.createInvites}, in input order.
 *
 * @category Invite links
 */
export type InviteOutcome =
  | {
      /** A new invite was made, or a pending one updated (new role, new expiry) instead of duplicated. */
      readonly status: 'invited' | 're-invited';
      /** The address as given. */
      readonly input: unknown;
      /** The invite. */
      readonly invite: InviteView;
      /** What became of its message. */
      readonly delivery: BatchDelivery;
    }
  | {
      /** The address accepted an invite to this entry already; nothing changed. */
      readonly status: 'already-accepted';
      /** The address as given. */
      readonly input: unknown;
      /** The accepted invite. */
      readonly invite: InviteView;
    }
  | {
      /** No invite for this address; `reason` says why. Nothing was changed for it. */
      readonly status: 'refused';
      /** The address as given. */
      readonly input: unknown;
      /** Why. */
      readonly reason: Reason<AddressRefusalCode>;
    }
  | {
      /**
       * Broken infrastructure for this address (a store, the key ring): the rest of the batch
       * went on. Whether its invite was stored is not known; list the invites to see.
       */
      readonly status: 'error';
      /** The address as given. */
      readonly input: unknown;
      /** The code of the {@link "access-links"!AccessLinksError | AccessLinksError} met. */
      readonly code: AccessLinksErrorCode;
      /** Its sentence. */
      readonly message: string;
    };

/**
 * Input of {@link InviteLinks.resendInvite}, {@link InviteLinks.revokeInvite}.
 *
 * @category Invite links
 */
export interface InviteActionInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry the invite belongs to. */
  readonly entryId: string;
  /** The invite. */
  readonly inviteId: string;
  /** For a resend: the recipient's language (a BCP 47 tag), for the message, when you know it. */
  readonly locale?: string | null | undefined;
  /** For a resend: the recipient's IANA time zone, for the dates of the message, when you know it. */
  readonly timeZone?: string | null | undefined;
}

/** @internal {@link authorizeWith} for the invite operations; the entry is known to exist after. */
export async function authorizeInvites(context: InviteContext, read: InputReader, policy: typeof decideSendInvites) {
  const gate = await authorizeWith(read, (entryId) => entryFacts(context, entryId), policy);
  // The invite policies refuse a missing entry, so it is here.
  return gate.ok ? { ...gate, facts: { ...gate.facts, entry: gate.facts.entry! } } : gate;
}

/** @internal */
export async function inviteAll(
  context: InviteContext,
  input: CreateInvitesInput,
): Promise<Result<readonly InviteOutcome[], InputCode | InviteManageCode | 'TOO_MANY_ADDRESSES'>> {
  const read = new InputReader(input);
  const role = readRole(read);
  const emails = readEmailList(read);
  const send = readSend(read, context.mailer !== null);
  const recipient = readRecipient(read);
  const gate = await authorizeInvites(context, read, decideSendInvites);
  if (!gate.ok) return gate;
  const { actor, entryId, facts } = gate;
  if (emails.length > context.rules.maxAddressesPerCall) return refuse([inviteReason('TOO_MANY_ADDRESSES')]);
  if (send) requireMailer(context); // before anything is stored

  const roleDecision = decideRole(facts, actor, role);
  const seen = new Set<string>();
  const outcomes: InviteOutcome[] = [];
  for (const [index, given] of emails.entries()) {
    const refused = (why: Reason<AddressRefusalCode>) => outcomes.push({ status: 'refused', input: given, reason: why });
    const email = normalizeEmail(given);
    if (email === null) {
      refused({ ...reason('INVALID_EMAIL'), path: ['emails', index] });
      continue;
    }
    const key = emailKey(email);
    if (seen.has(key)) {
      refused(inviteReason('DUPLICATE_ADDRESS'));
      continue;
    }
    seen.add(key);
    if (!roleDecision.allowed) {
      refused(roleDecision.reasons[0]);
      continue;
    }
    try {
      outcomes.push(await inviteOne(context, { actor, entryId, email, key, role, send, facts, recipient }, given));
    } catch (error) {
      // Every address gets its own answer, whatever fails for one of them.
      if (!isAccessLinksError(error)) throw error;
      outcomes.push({ status: 'error', input: given, code: error.code, message: error.message });
    }
  }
  return success(outcomes);
}

interface InviteRequest {
  readonly actor: Actor;
  readonly entryId: string;
  readonly email: string;
  readonly key: string;
  readonly role: string;
  readonly send: boolean;
  readonly facts: InviteFacts & { readonly entry: Entry };
  readonly recipient: Recipient;
}

async function inviteOne(context: InviteContext, request: InviteRequest, given: unknown): Promise<InviteOutcome> {
  const { actor, entryId, email, key, role, send, facts, recipient } = request;
  const at = now(context);
  const expiresAt = at + context.rules.inviteDurationDays * DAY_MS;
  const fresh = pendingInvite({
    id: context.newId(at),
    entryId,
    email,
    emailKey: key,
    role,
    invitedBy: actor.userId,
    inviterName: actor.name ?? null,
    invitedAt: at,
    expiresAt,
  });
  // Sign and form the URL before storing: an address whose invite cannot be linked gets none.
  let address = await inviteAddress(context, fresh.id);
  const refused = (code: 'PENDING_INVITE_CAP_REACHED' | 'INVITE_CHANGED' | 'ACCEPTANCE_IN_PROGRESS'): InviteOutcome => ({
    status: 'refused',
    input: given,
    reason: inviteReason(code),
  });

  const invited = (subjectId: string, previousRole: string | null) =>
    eventOf(context, { type: 'invite.invited', at, entryId, actorId: actor.userId, subjectId, detail: { role, reinvite: previousRole !== null, previousRole } });
  let event = invited(fresh.id, null);
  const inserted = await port('STORAGE_FAILED', () => context.invites.insertInvite(fresh, context.rules.pendingInviteCap, at, written(context, event)), context.invites.name);
  if (inserted.status === 'cap_reached') return refused('PENDING_INVITE_CAP_REACHED');
  let invite = fresh;
  let status: 'invited' | 're-invited' = 'invited';
  if (inserted.status === 'exists') {
    const existing = inserted.invite;
    address = await inviteAddress(context, existing.id);
    if (existing.state === 'accepted') return { status: 'already-accepted', input: given, invite: toInviteView(existing, at, address, context.rules) };
    if (existing.state === 'accepting') return refused('ACCEPTANCE_IN_PROGRESS');
    // Re-inviting changes the invite: the inviter must outrank its present role too (I2).
    const rank = decideInviteAction(facts, actor, existing);
    if (!rank.allowed) return { status: 'refused', input: given, reason: rank.reasons[0] };
    status = 're-invited';
    const change = { role, expiresAt, invitedBy: actor.userId, inviterName: actor.name ?? null, updatedAt: at };
    event = invited(existing.id, existing.role);
    const update = written(context, event);
    const updated = await port('STORAGE_FAILED', () =>
      context.invites.updatePendingInvite(existing.id, change, context.rules.pendingInviteCap, at, update),
      context.invites.name,
    );
    if (updated.status === 'cap_reached') return refused('PENDING_INVITE_CAP_REACHED');
    if (updated.status === 'not_pending') return refused('INVITE_CHANGED');
    invite = updated.invite;
  }
  told(context, event);

  let delivery: BatchDelivery = 'not_sent';
  if (send) {
    const sent = await deliver(context, invite, facts.entry, at, address, recipient);
    if (sent.status === 'sent' || sent.status === 'failed') {
      invite = sent.invite;
      delivery = sent.status;
    } else {
      delivery = 'throttled';
    }
  }
  return { status, input: given, invite: toInviteView(invite, at, address, context.rules), delivery };
}

/** @internal */
export async function resendInvite(
  context: InviteContext,
  input: InviteActionInput,
): Promise<
  Result<
    InviteView,
    | InputCode
    | InviteManageCode
    | 'INVITE_NOT_FOUND'
    | 'INVITE_NOT_PENDING'
    | 'RESEND_TOO_SOON'
    | 'INVITE_CHANGED'
    | 'ROLE_ABOVE_INVITER'
    | 'PENDING_INVITE_CAP_REACHED'
  >
> {
  const read = new InputReader(input);
  const inviteId = readInviteId(read);
  const recipient = readRecipient(read);
  const gate = await authorizeInvites(context, read, decideSendInvites);
  if (!gate.ok) return gate;
  requireMailer(context); // before anything changes

  const invite = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId), context.invites.name);
  if (invite === null || invite.entryId !== gate.entryId) return refuse([inviteReason('INVITE_NOT_FOUND')]);
  if (invite.state !== 'pending') return refuse([inviteReason('INVITE_NOT_PENDING')]);
  const rank = decideInviteAction(gate.facts, gate.actor, invite);
  if (!rank.allowed) return refuse(rank.reasons);
  const at = now(context);
  const address: InviteAddress = await inviteAddress(context, invite.id);
  // Claiming the send, and extending the expiry, is one conditional step of the store.
  const sent = await deliver(context, invite, gate.facts.entry, at, address, recipient, at + context.rules.inviteDurationDays * DAY_MS);
  if (sent.status === 'too_soon') return refuse([inviteReason('RESEND_TOO_SOON')]);
  if (sent.status === 'cap_reached') return refuse([inviteReason('PENDING_INVITE_CAP_REACHED')]);
  if (sent.status === 'not_pending') return refuse([inviteReason('INVITE_CHANGED')]);
  return success(toInviteView(sent.invite, at, address, context.rules));
}
