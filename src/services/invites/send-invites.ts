/** Inviting addresses and sending invites again (I1, I2, I4, I5). */
import type { Actor } from '../../domain/entry';
import { pendingInvite, type Invite } from '../../domain/invite';
import { inviteReason, reason, type Reason } from '../../domain/reasons';
import { refuse, success, type Result } from '../../domain/result';
import { emailKey, normaliseEmail } from '../../domain/text';
import { decideRole, decideSendInvites, type InviteManageCode, type RoleRefusalCode } from '../../policy/invite-policy';
import { authorizeWith, now, port } from '../context';
import { InputReader, type InputCode } from '../input';
import { readEmailList, readInviteId, readRole, readSend } from './input';
import { deliver, inviteFacts, requireMailer, toInviteView, type InviteContext, type InviteView } from './context';

/** Input of {@link Invites.invite}. */
export interface InviteManyInput {
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
  readonly send?: boolean;
}

/** Why one address of a batch got no invite. */
export type AddressRefusalCode =
  | 'INVALID_EMAIL'
  | 'DUPLICATE_ADDRESS'
  | RoleRefusalCode
  | 'PENDING_INVITE_CAP_REACHED'
  | 'INVITE_CHANGED';

/**
 * What became of a batch's message to one address: sent, failed (kept, with the cause, for a
 * resend), not sent (sending was not asked for), or throttled (sent too recently to send again).
 */
export type BatchDelivery = 'sent' | 'failed' | 'not_sent' | 'throttled';

/** The answer for one address of {@link Invites.invite}, in input order. */
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
      /** No invite for this address; `reason` says why. */
      readonly status: 'refused';
      /** The address as given. */
      readonly input: unknown;
      /** Why. */
      readonly reason: Reason<AddressRefusalCode>;
    };

/** Input of {@link Invites.resendInvite}, {@link Invites.revokeInvite}. */
export interface InviteActionInput {
  /** Who is acting. */
  readonly actor: Actor;
  /** The entry the invite belongs to. */
  readonly entryId: string;
  /** The invite. */
  readonly inviteId: string;
}

/** @internal {@link authorizeWith} for the invite operations; the entry is known to exist after. */
export async function authorizeInvites(context: InviteContext, read: InputReader, policy: typeof decideSendInvites) {
  const gate = await authorizeWith(read, (entryId) => inviteFacts(context, entryId), policy);
  // The invite policies refuse a missing entry, so it is here.
  return gate.ok ? { ...gate, facts: { ...gate.facts, entry: gate.facts.entry! } } : gate;
}

/** @internal */
export async function inviteMany(
  context: InviteContext,
  input: InviteManyInput,
): Promise<Result<readonly InviteOutcome[], InputCode | InviteManageCode | 'TOO_MANY_ADDRESSES'>> {
  const read = new InputReader(input);
  const role = readRole(read);
  const emails = readEmailList(read);
  const send = readSend(read, context.mailer !== null);
  const gate = await authorizeInvites(context, read, decideSendInvites);
  if (!gate.ok) return gate;
  const { actor, entryId, facts } = gate;
  if (emails.length > context.rules.maxAddressesPerCall) return refuse([inviteReason('TOO_MANY_ADDRESSES')]);
  if (send) requireMailer(context); // before anything is stored

  const roleDecision = decideRole(facts, actor, role);
  const seen = new Set<string>();
  const outcomes: InviteOutcome[] = [];
  for (const given of emails) {
    const refused = (why: Reason<AddressRefusalCode>) => outcomes.push({ status: 'refused', input: given, reason: why });
    const email = normaliseEmail(given);
    if (email === null) {
      refused(reason('INVALID_EMAIL'));
      continue;
    }
    const key = emailKey(email);
    if (seen.has(key)) {
      refused(inviteReason('DUPLICATE_ADDRESS'));
      continue;
    }
    seen.add(key);
    if (!roleDecision.allowed) {
      outcomes.push({ status: 'refused', input: given, reason: roleDecision.reasons[0] });
      continue;
    }
    outcomes.push(await inviteOne(context, { actor, entryId, email, key, role, send, entry: facts.entry }, given));
  }
  return success(outcomes);
}

async function inviteOne(
  context: InviteContext,
  request: {
    actor: Actor;
    entryId: string;
    email: string;
    key: string;
    role: string;
    send: boolean;
    entry: NonNullable<Awaited<ReturnType<typeof inviteFacts>>['entry']>;
  },
  given: unknown,
): Promise<InviteOutcome> {
  const { actor, entryId, email, key, role, send, entry } = request;
  const at = now(context);
  const expiresAt = at + context.rules.inviteDays * 86_400_000;
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

  const inserted = await port('STORAGE_FAILED', () => context.invites.insertInvite(fresh, context.rules.pendingInviteCap, at));
  if (inserted.status === 'cap_reached') {
    return { status: 'refused', input: given, reason: inviteReason('PENDING_INVITE_CAP_REACHED') };
  }
  if (inserted.status === 'exists' && inserted.invite.state === 'accepted') {
    return { status: 'already-accepted', input: given, invite: await toInviteView(context, inserted.invite, at) };
  }

  let invite = fresh;
  let status: 'invited' | 're-invited' = 'invited';
  if (inserted.status === 'exists') {
    status = 're-invited';
    const change = { role, expiresAt, invitedBy: actor.userId, inviterName: actor.name ?? null, updatedAt: at };
    const updated = await port('STORAGE_FAILED', () => context.invites.updatePendingInvite(inserted.invite.id, change));
    if (updated === null) return { status: 'refused', input: given, reason: inviteReason('INVITE_CHANGED') };
    invite = updated;
  }
  await context.emit({
    type: 'invite.invited',
    at,
    entryId,
    actorId: actor.userId,
    subjectId: invite.id,
    detail: { role, reinvite: status === 're-invited' },
  });

  let delivery: BatchDelivery = 'not_sent';
  if (send && tooSoon(context, invite, at)) delivery = 'throttled';
  else if (send) {
    invite = await deliver(context, invite, entry, at);
    delivery = invite.deliveryStatus === 'sent' ? 'sent' : 'failed';
  }
  return { status, input: given, invite: await toInviteView(context, invite, at), delivery };
}

/** @internal */
export async function resendInvite(
  context: InviteContext,
  input: InviteActionInput,
): Promise<
  Result<InviteView, InputCode | InviteManageCode | 'INVITE_NOT_FOUND' | 'INVITE_NOT_PENDING' | 'RESEND_TOO_SOON' | 'INVITE_CHANGED'>
> {
  const read = new InputReader(input);
  const inviteId = readInviteId(read);
  const gate = await authorizeInvites(context, read, decideSendInvites);
  if (!gate.ok) return gate;
  requireMailer(context); // before anything changes

  const invite = await port('STORAGE_FAILED', () => context.invites.getInvite(inviteId));
  if (invite === null || invite.entryId !== gate.entryId) return refuse([inviteReason('INVITE_NOT_FOUND')]);
  if (invite.state !== 'pending') return refuse([inviteReason('INVITE_NOT_PENDING')]);
  const at = now(context);
  if (tooSoon(context, invite, at)) return refuse([inviteReason('RESEND_TOO_SOON')]);
  const change = { expiresAt: at + context.rules.inviteDays * 86_400_000, updatedAt: at };
  const extended = await port('STORAGE_FAILED', () => context.invites.updatePendingInvite(inviteId, change));
  if (extended === null) return refuse([inviteReason('INVITE_CHANGED')]);
  return success(await toInviteView(context, await deliver(context, extended, gate.facts.entry, at), at));
}

function tooSoon(context: InviteContext, invite: Invite, at: number): boolean {
  return invite.lastSentAt !== null && at - invite.lastSentAt < context.rules.resendIntervalSeconds * 1000;
}
