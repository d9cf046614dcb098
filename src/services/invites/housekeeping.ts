/** Housekeeping, people's data and the invitee's own list on the invite side (I1, R1, R2). */
import type { Actor, EntryType } from '../../domain/entry';
import { inviteReason, reason } from '../../domain/reasons';
import { refuse, success, type Result } from '../../domain/result';
import { emailKey, normalizeEmail } from '../../domain/text';
import type { Claimant } from '../../policy/invite-policy';
import { lookUpEntry, now, port } from '../context';
import { erasureEvents, readErasure, sweepLimit, type SweepInput } from '../housekeeping';
import { InputReader, type InputCode } from '../input';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageAfter, pageOf, type Page, type PageInput } from '../page';
import { inviteAddress, type InviteContext } from './context';
import { readClaimant } from './input';
import { DAY_MS } from '../../domain/time';

/**
 * What `InviteLinks.sweep` removed.
 *
 * @category Housekeeping
 */
export interface InviteSweep {
  /** Invites removed: accepted, declined, revoked or expired more than `finishedInviteRetentionDays` ago. */
  readonly invites: number;
  /** Whether it reached `limit`, so that more may remain: call again. */
  readonly more: boolean;
}

/**
 * Input of `InviteLinks.eraseInvitee`: a site admin, and the person's address.
 *
 * @category Housekeeping
 */
export interface EraseInviteeInput {
  /** Who erases: a site admin (`admin: true`). */
  readonly actor: Actor;
  /** The address the invites were sent to, compared case-insensitively after trimming. */
  readonly email: string;
}

/**
 * What `InviteLinks.eraseInvitee` removed.
 *
 * @category Housekeeping
 */
export interface InviteeErasure {
  /** Invites removed, on every entry and in every state. */
  readonly invites: number;
}

/**
 * Input of `InviteLinks.listInvitesFor`: the signed-in user, and which page.
 *
 * @category Invite links
 */
export interface ListInvitesForInput extends PageInput {
  /** The signed-in user, with the account's email and whether it is verified. */
  readonly claimant: Claimant;
}

/**
 * An invite as the person it is for sees it in a list of their own: what the landing page
 * shows, and the link to accept it.
 *
 * @category Invite links
 */
export interface ReceivedInvite {
  /** The invite's id. */
  readonly inviteId: string;
  /** The role it grants. */
  readonly role: string;
  /** When it stops being acceptable, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The entry it opens. */
  readonly entry: {
    /** The entry's id. */
    readonly id: string;
    /** The entry's type, or `null` when the directory no longer knows the entry. */
    readonly type: EntryType | null;
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
  /** The token of the invite's link. */
  readonly token: string;
  /** The invite's URL, as the host's `inviteUrl` forms it. */
  readonly url: string;
}

/** @internal */
export async function sweepInvites(context: InviteContext, input: SweepInput = {}): Promise<Result<InviteSweep, InputCode>> {
  const read = new InputReader(input);
  const limit = sweepLimit(read);
  const invalid = read.refusal();
  if (invalid) return invalid;
  const at = now(context);
  const finishedBefore = at - context.rules.finishedInviteRetentionDays * DAY_MS;
  const swept = await port('STORAGE_FAILED', () => context.invites.sweep({ now: at, finishedBefore, limit }), context.invites.name);
  return success({ invites: swept.invites, more: swept.more });
}

/** @internal */
export async function eraseInvitee(
  context: InviteContext,
  input: EraseInviteeInput,
): Promise<Result<InviteeErasure, InputCode | 'NOT_PERMITTED'>> {
  const request = readErasure(input);
  if (!request.ok) return request;
  const key = emailKey(request.value.email);
  const events = await erasureEvents(context, 'invitee.erased', request.value.actor, key, { invites: 0 });
  const invites = await port('STORAGE_FAILED', () => context.invites.eraseInvitee(key, events), context.invites.name);
  return success({ invites });
}

/** @internal */
export async function listInvitesFor(
  context: InviteContext,
  input: ListInvitesForInput,
): Promise<Result<Page<ReceivedInvite>, InputCode | 'EMAIL_NOT_VERIFIED'>> {
  const read = new InputReader(input);
  const claimant = readClaimant(read);
  const limit = read.limit(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const cursor = read.cursor();
  const invalid = read.refusal();
  if (invalid) return invalid;
  // Only a verified address is shown what was sent to it (I1).
  if (!claimant.emailVerified) return refuse([inviteReason('EMAIL_NOT_VERIFIED')]);
  const address = normalizeEmail(claimant.email);
  // No invite is sent to what is not an address, and no cursor made for it.
  if (address === null) return cursor === null ? success({ items: [], next: null }) : refuse([{ ...reason('INVALID_CURSOR'), path: ['cursor'] }]);
  const key = emailKey(address);
  const binding = { list: 'received-invites', of: key, filter: null } as const;
  const after = await pageAfter(context.keyRing, binding, cursor);
  if (!after.ok) return after;
  const at = now(context);
  const invites = await port('STORAGE_FAILED', () => context.invites.listInvitesFor(key, { now: at, after: after.value, limit: limit + 1 }), context.invites.name);
  const page = await pageOf(context.keyRing, binding, invites, limit, (invite) => invite);
  const items = await Promise.all(
    page.items.map(async (invite): Promise<ReceivedInvite> => {
      const [{ entry }, { token, url }] = await Promise.all([lookUpEntry(context, invite.entryId), inviteAddress(context, invite.id)]);
      return {
        inviteId: invite.id,
        role: invite.role,
        expiresAt: invite.expiresAt,
        entry: { id: invite.entryId, type: entry?.type ?? null, title: entry?.title ?? null },
        inviter: { userId: invite.invitedBy, name: invite.inviterName },
        token,
        url,
      };
    }),
  );
  return success({ items, next: page.next });
}
