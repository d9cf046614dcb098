import { AccessLinksError } from '../../domain/errors';
import { renderInviteMessage, type InviteRenderer } from '../../domain/invite-message';
import { defineInviteRules, type InviteRules, type InviteRulesInput } from '../../domain/invite-rules';
import type { Result } from '../../domain/result';
import type { ClaimRefusalCode, InviteManageCode, RoleRefusalCode } from '../../policy/invite-policy';
import type { Grant, GrantPort } from '../../ports/grants';
import type { InviteStore } from '../../ports/invite-store';
import type { Mailer } from '../../ports/mailer';
import type { RateLimiter } from '../../ports/rate-limiter';
import { baseContextOf, readOptions, requireStore, type SharedOptions } from '../context';
import type { InputCode } from '../input';
import {
  acceptInvite,
  declineInvite,
  openInvite,
  type ClaimInviteInput,
  type DeclinedInvite,
  type InviteLanding,
  type OpenInviteInput,
} from './claim-invites';
import type { InviteContext, InviteView } from './context';
import { changeInviteRole, listInvites, revokeInvite, type ChangeInviteRoleInput, type InviteChangeCode, type ListInvitesInput } from './manage-invites';
import {
  eraseInvitee,
  listInvitesFor,
  sweepInvites,
  type EraseInviteeInput,
  type InviteeErasure,
  type InviteSweep,
  type ListInvitesForInput,
  type ReceivedInvite,
} from './housekeeping';
import type { SweepInput } from '../housekeeping';
import type { Page } from '../page';
import { inviteAll, resendInvite, type InviteActionInput, type CreateInvitesInput, type InviteOutcome } from './send-invites';

/**
 * Options of {@link createInviteLinks}.
 *
 * @category Invite links
 */
export interface InviteLinksOptions extends SharedOptions {
  /** Where invites are stored: `createMemoryInviteStore()`, `createPostgresStores(client).invites`, or your own. */
  readonly store: InviteStore;
  /**
   * Forms the URL of an invite from its token: the address of the host's invite landing page.
   * The token is URL-safe (`A–Z a–z 0–9 . _ -`).
   * @example
   * ```ts
   * const inviteLinks = createInviteLinks({
   *   store: createMemoryInviteStore(),
   *   directory,
   *   keyRing,
   *   inviteUrl: (token) => `https://media.example.org/invite/${encodeURIComponent(token)}`,
   * });
   * ```
   */
  readonly inviteUrl: (token: string) => string;
  /** Sends invite emails. Without one, invites are created unsent and the host hands out the links. */
  readonly mailer?: Mailer | undefined;
  /**
   * Renders the invite email; whatever it returns, line breaks never reach the subject header.
   * @defaultValue {@link renderInviteMessage}
   */
  readonly renderInvite?: InviteRenderer | undefined;
  /** The host's membership system, told of each acceptance; a failure rolls the acceptance back. */
  readonly grants?: GrantPort | undefined;
  /**
   * Invite rules to change from {@link DEFAULT_INVITE_RULES}.
   * @defaultValue `{}`
   */
  readonly rules?: InviteRulesInput | undefined;
}

/**
 * Everything a server does with invite links (I1–I5), through one object. Every method
 * validates its input and answers a {@link Result}; only misuse and broken infrastructure throw
 * an {@link AccessLinksError}.
 *
 * @category Invite links
 */
export interface InviteLinks {
  /** The invite rules in force. */
  readonly rules: InviteRules;
  /**
   * The store's own rate limiter, shared by every server on the same storage (the PostgreSQL
   * store's), or `null` when the store has none (the memory store: each process would count
   * alone). The HTTP layer counts with it when the host names no `rateLimiter`.
   */
  readonly sharedRateLimiter: RateLimiter | null;

  /**
   * Invites many addresses to an entry with one role, answering each address on its own, in
   * input order (I4): invited; re-invited (a pending invite updated, never duplicated); already
   * accepted; or refused with the reason (invalid address, repeated in the request, role not
   * allowed, role above the inviter's, over the pending limit). Each invite is stored before its
   * message is sent; a failed send is kept with its cause and never stops the rest.
   * @param input - who, which entry, the addresses, the role, and whether to send mail.
   * @returns one outcome per address.
   * @example
   * ```ts
   * const sent = await inviteLinks.createInvites({
   *   actor: { userId: 'owner-1', name: 'Grace' }, entryId: 'room-1',
   *   emails: ['ada@example.org', 'alan@example.org'], role: 'speaker',
   * });
   * if (sent.ok) for (const outcome of sent.value) console.log(outcome.input, outcome.status);
   * ```
   */
  createInvites(input: CreateInvitesInput): Promise<Result<readonly InviteOutcome[], InputCode | InviteManageCode | 'TOO_MANY_ADDRESSES'>>;

  /**
   * Lists who is invited to an entry, with role, state and delivery (I3), oldest first, one page
   * at a time (at most `limit`, default 100, at most 1,000), optionally only those in one `state`.
   * @param input - who, which entry, and which page.
   * @returns the page: its invites, and the cursor of the next page (`null` after the last).
   * @example
   * ```ts
   * const list = await inviteLinks.listInvites({ actor: owner, entryId: 'room-1', state: 'pending' });
   * if (list.ok) for (const invite of list.value.items) console.log(invite.email, invite.role, invite.state, invite.deliveryStatus);
   * // 'alan@example.org' 'speaker' 'pending' 'sent'
   * ```
   */
  listInvites(input: ListInvitesInput): Promise<Result<Page<InviteView>, InputCode | InviteManageCode>>;

  /**
   * The invitee's side (I1): the invites a signed-in user may still accept, on every entry, for
   * "you have 2 invitations". Only a verified address is shown what was sent to it.
   * @param input - the signed-in user, and which page.
   * @returns the page of invites, each with its entry, role, inviter, expiry and link.
   * @example
   * ```ts
   * const mine = await inviteLinks.listInvitesFor({ claimant: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true } });
   * if (mine.ok) console.log(`you have ${mine.value.items.length} invitations`); // you have 1 invitations
   * ```
   */
  listInvitesFor(input: ListInvitesForInput): Promise<Result<Page<ReceivedInvite>, InputCode | 'EMAIL_NOT_VERIFIED'>>;

  /**
   * Housekeeping (R1): removes, in one bounded batch, invites that finished (accepted, declined,
   * revoked, or expired) more than `finishedInviteRetentionDays` ago. Never a pending or
   * accepting one. A removed invite's link then answers `INVITE_INVALID`, and its address may be
   * invited afresh. Safe from several servers at once; call again while `more` is true.
   * @param input - how much one call may remove.
   * @returns how many were removed.
   * @example
   * ```ts
   * const swept = await inviteLinks.sweep({ limit: 500 });
   * if (swept.ok) console.log(swept.value.invites, swept.value.more);
   * ```
   */
  sweep(input?: SweepInput): Promise<Result<InviteSweep, InputCode>>;

  /**
   * People's data (R1): removes every invite addressed to a person, on every entry and in every
   * state, for an erasure request. An `invitee.erased` event says so, with a digest of the
   * address, never the address. Site admins only.
   * @param input - a site admin, and the address.
   * @returns how many invites were removed.
   * @example
   * ```ts
   * const erased = await inviteLinks.eraseInvitee({ actor: { userId: 'admin-1', admin: true }, email: 'alan@example.org' });
   * if (erased.ok) console.log(erased.value.invites); // 1
   * ```
   */
  eraseInvitee(input: EraseInviteeInput): Promise<Result<InviteeErasure, InputCode | 'NOT_PERMITTED'>>;

  /**
   * Gives a pending invite another role (I2, I3).
   * @param input - who, which entry, which invite, the new role.
   * @returns the invite after the change.
   * @example
   * ```ts
   * const changed = await inviteLinks.changeInviteRole({ actor: owner, entryId: 'room-1', inviteId, role: 'moderator' });
   * console.log(changed.ok && changed.value.role); // 'moderator'
   * ```
   */
  changeInviteRole(input: ChangeInviteRoleInput): Promise<Result<InviteView, InviteChangeCode | RoleRefusalCode>>;

  /**
   * Revokes a pending invite (I3): it can never be accepted after. An accepted, declined or
   * revoked invite answers `INVITE_NOT_PENDING` and does not change.
   * @param input - who, which entry, which invite.
   * @returns the revoked invite.
   * @example
   * ```ts
   * const revoked = await inviteLinks.revokeInvite({ actor: owner, entryId: 'room-1', inviteId });
   * console.log(revoked.ok && revoked.value.state); // 'revoked'
   * const late = await inviteLinks.acceptInvite({ token: inviteToken, claimant: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true } });
   * console.log(late.ok ? 'accepted' : late.code); // 'INVITE_REVOKED'
   * ```
   */
  revokeInvite(input: InviteActionInput): Promise<Result<InviteView, InviteChangeCode>>;

  /**
   * Sends a pending invite again, extending its expiry by the invite duration (I3, I4); refused
   * with `RESEND_TOO_SOON` within `resendIntervalSeconds` of the last send or while another send
   * of it is in flight, so that of many racing resends exactly one mails. Reviving an expired
   * invite counts against the pending cap (`PENDING_INVITE_CAP_REACHED`). Only someone whose
   * rank reaches the invite's role may resend it. A failed send is recorded on the invite (with
   * a short, clean cause), not refused.
   * @param input - who, which entry, which invite.
   * @returns the invite after the attempt, with its delivery status.
   * @example
   * ```ts
   * const resent = await inviteLinks.resendInvite({ actor: owner, entryId: 'room-1', inviteId });
   * if (resent.ok) console.log(resent.value.deliveryStatus, resent.value.deliveryAttempts); // 'sent' 2
   * else console.log(resent.code); // e.g. 'RESEND_TOO_SOON'
   * ```
   */
  resendInvite(
    input: InviteActionInput,
  ): Promise<Result<InviteView, InviteChangeCode | 'RESEND_TOO_SOON' | 'PENDING_INVITE_CAP_REACHED'>>;

  /**
   * What the invite landing page shows: the entry, the role, who invited, until when (I1).
   * Changes nothing.
   * @param input - the token from the link.
   * @returns the landing, or why the invite cannot be used.
   * @example
   * ```ts
   * const landing = await inviteLinks.openInvite({ token: inviteToken });
   * if (landing.ok) console.log(`${landing.value.inviter.name} invites you to ${landing.value.entry.title} as ${landing.value.role}`);
   * else renderMessagePage(landing.code); // e.g. 'INVITE_EXPIRED'
   * ```
   */
  openInvite(input: OpenInviteInput): Promise<Result<InviteLanding, 'INVALID_INPUT' | ClaimRefusalCode>>;

  /**
   * Accepts an invite as a signed-in user (I1, I5). Only a verified email matching the
   * invite's, compared case-insensitively after trimming, may; a mismatch and an unverified
   * address are refused with those reasons, and the invite stays usable by the right person.
   * Accepting again as the same user answers the same grant and grants nothing new. With a
   * grant port, a failing grant rolls the acceptance back.
   * @param input - the token and the claimant.
   * @returns the grant: the role on the entry for the user.
   * @example
   * ```ts
   * // The claimant is the signed-in user, with the account's email and whether it is verified.
   * const accepted = await inviteLinks.acceptInvite({
   *   token: inviteToken,
   *   claimant: { userId: 'u-alan', email: 'Alan@Example.org', emailVerified: true },
   * });
   * console.log(accepted.ok ? accepted.value.role : accepted.code); // 'speaker', or e.g. 'EMAIL_NOT_VERIFIED'
   * ```
   */
  acceptInvite(input: ClaimInviteInput): Promise<Result<Grant, InputCode | ClaimRefusalCode | 'INVITE_CHANGED'>>;

  /**
   * Declines an invite as the invitee (the same checks as accepting).
   * @param input - the token and the claimant.
   * @returns the declined invite's id.
   * @example
   * ```ts
   * const declined = await inviteLinks.declineInvite({
   *   token: inviteToken,
   *   claimant: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true },
   * });
   * console.log(declined.ok); // true: the invite can no longer be accepted
   * ```
   */
  declineInvite(input: ClaimInviteInput): Promise<Result<DeclinedInvite, InputCode | ClaimRefusalCode | 'INVITE_CHANGED'>>;
}

/**
 * Creates the invite operations over the host's ports. They share the entry directory, key
 * ring and clock with {@link "access-links"!createGuestLinks | createGuestLinks}; use the same ones for both.
 *
 * @param options - the invite store, directory, key ring, URL shape, and optionally a mailer,
 *   renderer, grant port, events, clock and rules.
 * @returns the operations.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` when a port is missing or a rule is invalid.
 *
 * @example
 * ```ts
 * const invites = createInviteLinks({
 *   store: createMemoryInviteStore(),
 *   mailer: createMemoryMailer(),
 *   directory,
 *   keyRing,
 *   inviteUrl: (token) => `https://media.example.org/invite/${token}`,
 * });
 * ```
 *
 * @category Invite links
 */
export function createInviteLinks(options: InviteLinksOptions): InviteLinks {
  const context = readOptions(() => inviteContextOf(options));
  return Object.freeze({
    rules: context.rules,
    sharedRateLimiter: context.limiter,
    createInvites: (input) => inviteAll(context, input),
    listInvites: (input) => listInvites(context, input),
    listInvitesFor: (input) => listInvitesFor(context, input),
    sweep: (input) => sweepInvites(context, input),
    eraseInvitee: (input) => eraseInvitee(context, input),
    changeInviteRole: (input) => changeInviteRole(context, input),
    revokeInvite: (input) => revokeInvite(context, input),
    resendInvite: (input) => resendInvite(context, input),
    openInvite: (input) => openInvite(context, input),
    acceptInvite: (input) => acceptInvite(context, input),
    declineInvite: (input) => declineInvite(context, input),
  } satisfies InviteLinks);
}

function inviteContextOf(options: InviteLinksOptions): InviteContext {
  const base = baseContextOf(options);
  const store = requireStore(options.store);
  if (typeof options.inviteUrl !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'inviteUrl must be a function.');
  for (const name of ['mailer', 'grants'] as const) {
    if (options[name] !== undefined && (options[name] === null || typeof options[name] !== 'object')) {
      throw new AccessLinksError('INVALID_OPTIONS', `${name} must be an object.`);
    }
  }
  const defined = defineInviteRules(options.rules ?? {});
  if (!defined.ok) throw new AccessLinksError('INVALID_OPTIONS', `Invalid rules: ${defined.problems.join('; ')}`);
  return {
    ...base,
    invites: store,
    limiter: store.rateLimiter ?? null,
    mailer: options.mailer ?? null,
    render: options.renderInvite ?? renderInviteMessage,
    grants: options.grants ?? null,
    rules: defined.rules,
    inviteUrl: options.inviteUrl,
  };
}
