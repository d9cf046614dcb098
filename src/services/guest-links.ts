import { AccessLinksError } from '../domain/errors';
import type { GuestAccess } from '../domain/guest-access';
import type { Result } from '../domain/result';
import { defineGuestLinkRules, type GuestLinkRules, type GuestLinkRulesInput } from '../domain/rules';
import type { GuestRefusalCode, ManageRefusalCode } from '../policy/guest-policy';
import type { GuestStore } from '../ports/guest-store';
import type { RateLimiter } from '../ports/rate-limiter';
import type { Mailer } from '../ports/mailer';
import { guestCodeMessage, type GuestCodeMessage, type GuestCodeMessageInput } from '../domain/guest-code-message';
import { baseContextOf, readOptions, requireStore, type BeforeJoin, type Context, type SharedOptions } from './context';
import type { PasscodeScheme } from './passcode';
import { sendGuestCode, verifyGuest, type GuestCodeCode, type GuestCodeSendCode, type GuestCodeSent, type VerifyGuestInput } from './guest-verification';
import { recentlyUsed, type KnownLink } from './recent';
import {
  checkGuestSession,
  leaveGuestSession,
  joinGuestLink,
  openGuestLink,
  type CheckGuestSessionInput,
  type GuestBoundCode,
  type GuestVetoCode,
  type GuestPasscodeCode,
  type GuestJoin,
  type JoinGuestLinkInput,
  type OpenGuestLinkInput,
} from './guest-entry';
import type { InputCode } from './input';
import {
  createGuestLink,
  deleteGuestLink,
  listGuestLinks,
  setGuestAccess,
  setGuestLinkPasscode,
  type CreateGuestLinkInput,
  type SetGuestLinkPasscodeInput,
  type DeletedGuestLink,
  type DeleteGuestLinkInput,
  type EntryInput,
  type SetGuestAccessInput,
} from './manage-guest-links';
import {
  getGuestAccess,
  listGuests,
  moveAllWaiting,
  moveGuest,
  setRoomLock,
  type GuestDecisionInput,
  type ListGuestsInput,
  type SetRoomLockInput,
} from './moderate-guests';
import type { LinkActivity, LinkActivityInput } from './activity';
import { linkActivity } from './activity-read';
import { eraseGuest, sweepGuests, type EraseGuestInput, type GuestSweep, type SweepInput } from './housekeeping';
import type { Page } from './page';
import type { GuestErasure } from '../ports/guest-store';
import type { GuestLanding, GuestLinkList, GuestLinkView, GuestSessionView } from './views';

/**
 * Options of {@link createGuestLinks}: the ports the library works through, and the rules.
 *
 * @category Guest links
 */
export interface GuestLinksOptions extends SharedOptions {
  /**
   * Where guest-access settings, guest links, guest sessions and declined guests are stored:
   * `createMemoryGuestStore()`, `createPostgresStores(client).guests`, or your own.
   */
  readonly store: GuestStore;
  /**
   * Forms the URL of a guest link from its token: the address of the host's guest entry
   * page. The token is URL-safe (`A–Z a–z 0–9 . _ -`).
   * @example `(token) => \`https://media.example.org/guest/${token}\``
   */
  readonly guestLinkUrl: (token: string) => string;
  /**
   * Rules to change from {@link DEFAULT_GUEST_LINK_RULES}; anything left out keeps its default.
   * @defaultValue `{}`
   */
  readonly rules?: GuestLinkRulesInput | undefined;
  /**
   * The host's veto before every join (V1): a CAPTCHA check, an abuse check of its own. Called
   * after the library's checks, before the join's use is spent; see {@link BeforeJoin}. A guest
   * who already holds a session of the link (G12) is answered it without a new call.
   * @defaultValue none: every join the rules allow goes on
   */
  readonly beforeJoin?: BeforeJoin | undefined;
  /**
   * How long {@link GuestLinksOptions.beforeJoin} may take, in milliseconds: a whole number from
   * 1 to 60,000. A join whose hook has not answered by then is refused as `JOIN_CHECK_FAILED`.
   * @defaultValue 5,000
   */
  readonly beforeJoinTimeoutMs?: number | undefined;
  /**
   * How new link passcodes are hashed (V3): `'scrypt'` (N = 2^15, r = 8, p = 1, through
   * `node:crypto`) or `'pbkdf2'` (PBKDF2-SHA-256, 100,000 iterations, through Web Crypto). A
   * stored hash is always checked with the scheme it names, so this may change at any time; but
   * a scrypt hash cannot be checked on a runtime without `node:crypto`: servers of several
   * runtimes sharing one store (Node beside an edge worker) should all say `'pbkdf2'`.
   * @defaultValue `'scrypt'` where the runtime has `node:crypto` (Node, Bun, Deno), `'pbkdf2'` elsewhere
   */
  readonly passcodeScheme?: PasscodeScheme | undefined;
  /**
   * Sends the one-time codes of links that verify addresses (V4, `verifyEmail`). Without it,
   * such a link cannot be made (`INVALID_OPTIONS`).
   */
  readonly mailer?: Mailer | undefined;
  /**
   * Writes the message that carries a code; the library's own is short, plain English, and
   * names the entry, the code and how long it lasts. Every value that came from a person must be
   * escaped in `html`.
   * @defaultValue {@link guestCodeMessage}
   */
  readonly guestCodeMessage?: ((input: GuestCodeMessageInput) => GuestCodeMessage | Promise<GuestCodeMessage>) | undefined;
  /**
   * Bounds the codes (V4): how often one address is sent a code on one link, and how many tries
   * one code gets. Shared by every server, as the store's own is.
   * @defaultValue the store's `rateLimiter`; without either, a link that verifies addresses cannot be made (`INVALID_OPTIONS`)
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /**
   * Whether each link's opens, joins and refusals are counted per UTC day (A1; see
   * {@link GuestLinks.linkActivity}). A join is counted in the store's same atomic step as its
   * use; an open or a refusal costs one more write, which the guest's answer waits for (a slow
   * store slows opens, as it slows everything else). `false` counts nothing new: what was
   * counted stays readable until swept.
   * @defaultValue `true`
   */
  readonly activity?: boolean | undefined;
  /**
   * Told when the store fails to write an open's or a refusal's count. The guest's request is
   * answered as if nothing happened, and the count is lost; whatever this throws is ignored.
   * @defaultValue ignore the failure
   */
  readonly onActivityError?: ((error: unknown) => void) | undefined;
}

/**
 * Everything a server does with guest links, through one object. Every method validates its
 * input and answers a {@link Result}: `ok: true` with the value, or `ok: false` with every
 * reason, having changed nothing. Only misuse of the library and broken infrastructure throw
 * an {@link AccessLinksError}.
 *
 * @category Guest links
 */
export interface GuestLinks {
  /** The rules in force, defaults merged with the host's overrides. */
  readonly rules: GuestLinkRules;
  /**
   * The store's own rate limiter, shared by every server on the same storage (the PostgreSQL
   * store's), or `null` when the store has none (the memory store: each process would count
   * alone). The HTTP layer counts with it when the host names no `rateLimiter`.
   */
  readonly sharedRateLimiter: RateLimiter | null;

  /**
   * Turns an entry's guest access on or off (G1). Off makes every guest link of the entry
   * inactive at once; on makes the still-valid ones work again. Links stay listed either way.
   * @param input - who, which entry, on or off.
   * @returns the entry's guest-access settings after the change.
   * @example
   * ```ts
   * await guestLinks.setGuestAccess({ actor: { userId: 'owner-1' }, entryId: 'video-1', enabled: true });
   * ```
   */
  setGuestAccess(input: SetGuestAccessInput): Promise<Result<GuestAccess, InputCode | ManageRefusalCode>>;

  /**
   * Creates a guest link (G2, G3) while guest access is on and the entry has fewer links
   * than the cap; the cap holds under any number of concurrent calls.
   * @param input - who, which entry, the link's name, and optionally its use limit and duration.
   * @returns the new link with its URL.
   * @example
   * ```ts
   * const created = await guestLinks.createGuestLink({
   *   actor: { userId: 'owner-1' }, entryId: 'room-1', name: 'Guest speakers', useLimit: 2, durationDays: 7,
   * });
   * if (created.ok) copyToClipboard(created.value.url);
   * ```
   */
  createGuestLink(
    input: CreateGuestLinkInput,
  ): Promise<Result<GuestLinkView, InputCode | ManageRefusalCode | 'GUEST_ACCESS_OFF' | 'GUEST_LINK_CAP_REACHED'>>;

  /**
   * Lists an entry's guest links with their state, uses, expiry and URL (G4), and the entry's
   * switch, lock and cap: what a "manage guest access" window shows.
   * @param input - who and which entry.
   * @returns the list.
   * @example
   * ```ts
   * const list = await guestLinks.listGuestLinks({ actor: owner, entryId: 'room-1' });
   * if (list.ok) {
   *   for (const link of list.value.links) console.log(link.name, link.state, `${link.uses}/${link.useLimit ?? 'unlimited'}`, link.url);
   *   console.log(list.value.canCreate, list.value.inactiveReasons); // true []
   * }
   * ```
   */
  listGuestLinks(input: EntryInput): Promise<Result<GuestLinkList, InputCode | ManageRefusalCode>>;

  /**
   * A link's activity day by day (A1): how many opened it, came in, and were turned away, by
   * the reason they were told, per UTC day. Counts only: no address, name, IP or user agent is
   * kept with them, so an erasure leaves them. Kept `activityRetentionDays` (90), then swept.
   * For whoever may manage the entry's guest access; another entry's link is `LINK_NOT_FOUND`.
   * @param input - who, which entry and link, and the days: two weeks ending today by default;
   *   two weeks from `from`, or up to `to`, when only one is given.
   * @returns one record per day, zeros included, and their totals.
   * @example
   * ```ts
   * const activity = await guestLinks.linkActivity({ actor: owner, entryId: 'room-1', linkId: link.id, from: '2026-11-20', to: '2026-12-03' });
   * if (activity.ok) {
   *   for (const day of activity.value.days) console.log(day.day, day.opens, day.joins, day.refusedBy);
   *   console.log(activity.value.totals); // { opens: 12, joins: 5, refusals: 2, refusedBy: { GUEST_ACCESS_OFF: 2 } }
   * }
   * ```
   */
  linkActivity(input: LinkActivityInput): Promise<Result<LinkActivity, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>>;

  /**
   * Deletes a guest link, immediately and for good (G5). Guests who joined through it keep
   * their session until their next refresh (G9).
   * @param input - who, which entry, which link.
   * @returns the deleted link's id.
   * @example
   * ```ts
   * const deleted = await guestLinks.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id });
   * console.log(deleted.ok); // true; the link's token now answers LINK_INVALID
   * ```
   */
  deleteGuestLink(
    input: DeleteGuestLinkInput,
  ): Promise<Result<DeletedGuestLink, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>>;

  /**
   * Sets, changes or removes a link's passcode (V3). Only its slow hash is stored (see
   * {@link GuestLinksOptions.passcodeScheme}); lists show `hasPasscode`, never the passcode. From
   * the moment this answers, joins must give the new passcode (or none), on every server: a join
   * judged against the old one an instant before is refused by the store's atomic step. Guests
   * already in keep their sessions. For whoever may manage the entry's guest access.
   * @param input - who, which entry, which link, and the new passcode (`null` to remove it).
   * @returns the link as it is now, or why not (`LINK_NOT_FOUND` for a link the entry does not have).
   * @example
   * ```ts
   * const changed = await guestLinks.setGuestLinkPasscode({ actor: owner, entryId: 'room-1', linkId: link.id, passcode: 'blue-river-42' });
   * if (changed.ok) console.log(changed.value.hasPasscode); // true
   * const joined = await guestLinks.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org', passcode: 'blue-river-42' });
   * ```
   */
  setGuestLinkPasscode(
    input: SetGuestLinkPasscodeInput,
  ): Promise<Result<GuestLinkView, InputCode | ManageRefusalCode | 'LINK_NOT_FOUND'>>;

  /**
   * What the guest entry page needs when someone opens a link (G6, G7). Changes nothing and
   * never consumes a use: link scanners and chat previews open links too.
   * @param input - the token from the URL.
   * @returns the entry, the link and whether the guest will wait, or why the guest cannot come in.
   * @example
   * ```ts
   * const landing = await guestLinks.openGuestLink({ token });
   * if (landing.ok) console.log(landing.value.entry.title, landing.value.waitingRoom); // 'Town hall' false
   * else renderMessagePage(landing.code); // e.g. 'GUEST_ACCESS_OFF'
   * ```
   */
  openGuestLink(input: OpenGuestLinkInput): Promise<Result<GuestLanding, 'INVALID_INPUT' | GuestRefusalCode>>;

  /**
   * Lets a guest in through a link with a name and an email (G6, G8, G10). Consumes exactly
   * one use: with a limit of k, exactly k joins ever succeed, however many arrive at once.
   * The guest becomes no platform user; the session is scoped to the link's one entry, and
   * starts `waiting` when the room is locked. Joining twice is one guest (G12): pass the
   * session tokens the client holds as `sessionTokens`, and a join of the same link by the same
   * guest (the same address in its canonical form) while that session is live answers it again,
   * `rejoined`, with no use spent and its status kept, so Back, a second tab or a reload never
   * cost a click. With a `beforeJoin` among the options, the host may refuse a new join before
   * its use is spent (V1): `JOIN_VETOED`, or `JOIN_CHECK_FAILED` when the hook fails.
   * @param input - the token, the name and email the guest typed, and optionally a client key,
   *   the session tokens the client holds, and a `proof` for the host's `beforeJoin`.
   * @returns the session (`admitted`, or `waiting` in a locked room) and its token, or why the
   *   guest cannot come in.
   * @example
   * ```ts
   * const joined = await guestLinks.joinGuestLink({ token, name: 'Ada', email: 'ada@example.org' });
   * if (joined.ok) setCookie('guest', joined.value.token); // then check the session on every page
   * // The same guest again, from the same client (Back, a second tab): the same session, no use spent.
   * const again = await guestLinks.joinGuestLink({ token, name: 'Ada', email: 'ADA@example.org', sessionTokens: joined.ok ? [joined.value.token] : [] });
   * if (again.ok) console.log(again.value.rejoined); // true
   * ```
   */
  joinGuestLink(input: JoinGuestLinkInput): Promise<Result<GuestJoin, InputCode | GuestRefusalCode | GuestBoundCode | GuestVetoCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED' | 'VERIFICATION_REQUIRED'>>;

  /**
   * Sends a guest a one-time code to prove the address they typed (V4), for a link made with
   * `verifyEmail` (where {@link GuestLinks.joinGuestLink} answers `VERIFICATION_REQUIRED`); on
   * another link it verifies the address all the same, and the session says so. The join is
   * judged first exactly as `joinGuestLink` judges it (the link, the entry, the form, the
   * domains, the passcode, the host's veto), so no code goes out for a join that would be
   * refused, and the answer says nothing of whether the address was ever a guest. Then six
   * digits go to the address through the `mailer`, valid for 10 minutes and five tries. Nothing
   * is stored and no use is spent: the answer's `verification` carries what the join needs,
   * signed, and the code is derived from it with the same key. One address is sent at most one
   * code a minute and five an hour on one link (`CODE_RESEND_TOO_SOON`); a failed send is
   * `CODE_NOT_SENT` and counts nothing. Throws `INVALID_OPTIONS` without a mailer or a rate
   * limiter.
   * @param input - what the guest entry page submits, as for a join.
   * @returns the verification to keep on the page, the address and when the code expires; or why not.
   * @example
   * ```ts
   * const sent = await guestLinks.sendGuestCode({ token, name: 'Ada', email: 'ada@example.org' });
   * // Keep sent.value.verification on the page, and ask for the six digits mailed to Ada.
   * if (sent.ok) console.log(new Date(sent.value.expiresAt).toISOString()); // ten minutes from now
   * ```
   */
  sendGuestCode(input: JoinGuestLinkInput): Promise<Result<GuestCodeSent, InputCode | GuestRefusalCode | GuestBoundCode | GuestVetoCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED' | GuestCodeSendCode>>;

  /**
   * Lets a guest in with the code {@link GuestLinks.sendGuestCode} mailed (V4): the join
   * completes, and spends its use, exactly once. Any number of calls with the right code make
   * one session: a later one is answered that session (`rejoined: true`). Each try is counted
   * before it is compared: five in all, the fifth wrong one ends the code (`CODE_EXPIRED`, as
   * after 10 minutes); a right one does not count. The link is judged again at this moment (it
   * may have died, or its passcode changed since the code went); then the store's atomic step
   * takes the use as for any join, and the session is `verified`. A decline of a verified guest
   * blocks that address (G10), as any decline does.
   * @param input - the verification, the code the guest typed, and the client's key.
   * @returns the session and its token, as a join answers them; or why not.
   * @example
   * ```ts
   * const sent = await guestLinks.sendGuestCode({ token, name: 'Bo', email: 'bo@example.org' });
   * if (sent.ok) {
   *   const joined = await guestLinks.verifyGuest({ verification: sent.value.verification, code: '042 917' }); // what Bo typed
   *   if (joined.ok) setCookie('guest', joined.value.token); // joined.value.session.verified: true
   * }
   * ```
   */
  verifyGuest(input: VerifyGuestInput): Promise<Result<GuestJoin, InputCode | GuestCodeCode | GuestRefusalCode | GuestBoundCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED'>>;

  /**
   * Checks a guest session on a refresh (G8, G9, G10). `ok` means exactly "may view the entry
   * now": an admitted guest whose link, entry and guest access still hold. It fails once guest
   * access is off, the link is deleted or expired, the entry is gone or the guest was declined;
   * a used-up link does not end anyone's session. A guest still in the waiting room is answered
   * `GUEST_WAITING` (show a waiting page and check again). A session is valid only for its own
   * entry.
   * @param input - the session token and the entry being viewed.
   * @returns the admitted session, or why the guest may not view the entry now.
   * @example
   * ```ts
   * const check = await guestLinks.checkGuestSession({ token: cookie, entryId: 'room-1' });
   * if (check.ok) renderEntry();
   * else if (check.code === 'GUEST_WAITING') renderWaitingPage();
   * else renderMessagePage(check.code);
   * ```
   */
  checkGuestSession(
    input: CheckGuestSessionInput,
  ): Promise<Result<GuestSessionView, InputCode | GuestRefusalCode | 'SESSION_INVALID' | 'SESSION_EXPIRED' | 'GUEST_WAITING'>>;

  /**
   * Ends a guest's own session (the guest leaves): the session becomes `left` (its `decidedAt`
   * says when), so the lobby lists the guest as gone, and `guest.left` is published. Its link
   * keeps the use the join spent (G6): coming back through the link is a new join. The session
   * is over: a moderator can neither admit nor decline it (`SESSION_CHANGED`), and a later
   * decline of the same address leaves it `left`. A declined guest cannot leave that way: the
   * session stays the moderator's to admit after all (`GUEST_DECLINED`). Needs only the
   * session's token; a guest may leave after guest access went off or the link was deleted.
   * Afterwards a check of the token is refused as `SESSION_INVALID`, or for what else stands
   * against it (the link gone, guest access off), as it would be once swept.
   * @param input - the session token and its entry.
   * @returns the session after leaving, or why it was not ended: `SESSION_INVALID` (no such
   *   session of this entry, or one that already left), `GUEST_DECLINED`, or `SESSION_CHANGED`
   *   (a moderator moved it at the same moment; ask again).
   * @example
   * ```ts
   * const left = await guestLinks.leaveGuestSession({ token: cookie, entryId: 'room-1' });
   * if (left.ok) console.log(`${left.value.guestName} left`); // and the host clears its cookie
   * ```
   */
  leaveGuestSession(input: CheckGuestSessionInput): Promise<Result<GuestSessionView, InputCode | 'SESSION_INVALID' | 'GUEST_DECLINED' | 'SESSION_CHANGED'>>;

  /**
   * Reads an entry's guest-access settings: whether guest access is on and whether the room is
   * locked. For the entry's managers and its moderators (who cannot list its links), so that a
   * lobby shows the lock.
   * @param input - who and which entry.
   * @returns the settings; an entry never changed reads as off and unlocked.
   * @example
   * ```ts
   * const access = await guestLinks.getGuestAccess({ actor: { userId: 'mod-1' }, entryId: 'room-1' });
   * if (access.ok) console.log(access.value.roomLocked ? 'locked' : 'open');
   * ```
   */
  getGuestAccess(input: EntryInput): Promise<Result<GuestAccess, InputCode | ManageRefusalCode>>;

  /**
   * Locks or unlocks a live room (G10): while locked, new guests start `waiting`. Guests
   * already waiting stay waiting when it is unlocked; admit them with {@link admitAllGuests}.
   * @param input - who, which room, locked or not.
   * @returns the entry's guest-access settings after the change.
   * @example
   * ```ts
   * await guestLinks.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
   * const next = await guestLinks.joinGuestLink({ token, name: 'Grace', email: 'grace@example.org' });
   * if (next.ok) console.log(next.value.session.status); // 'waiting'
   * ```
   */
  setRoomLock(input: SetRoomLockInput): Promise<Result<GuestAccess, InputCode | ManageRefusalCode | 'NOT_A_ROOM'>>;

  /**
   * Admits a waiting guest, or lets a declined one back in (G10). A guest who left is not let in
   * (`SESSION_CHANGED`), nor declined: they come back through the link.
   * @param input - who, which room, which session.
   * @returns the session after the change.
   * @example
   * ```ts
   * await guestLinks.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
   * const waiting = await guestLinks.joinGuestLink({ token, name: 'Grace', email: 'grace@example.org' });
   * if (waiting.ok) {
   *   const admitted = await guestLinks.admitGuest({ actor: { userId: 'mod-1' }, entryId: 'room-1', sessionId: waiting.value.session.id });
   *   console.log(admitted.ok && admitted.value.status); // 'admitted'
   * }
   * ```
   */
  admitGuest(input: GuestDecisionInput): Promise<Result<GuestSessionView, ModerationCode>>;

  /**
   * Declines a waiting guest, or removes an admitted one (G10). Declining acts on the guest, not
   * on one session: every session of the guest on the entry fails its next refresh with
   * `GUEST_DECLINED`, and the guest cannot join the entry again through any of its links, by
   * the same address in a disguise (letter case, `+tag`, look-alike characters, see
   * `guestEmailKey`) or with the same client key, until a moderator admits this session.
   * @param input - who, which room, which session.
   * @returns the session after the change.
   * @example
   * ```ts
   * const declined = await guestLinks.declineGuest({ actor: owner, entryId: 'room-1', sessionId });
   * console.log(declined.ok && declined.value.status); // 'declined'
   * const again = await guestLinks.joinGuestLink({ token, name: 'Ada', email: 'ADA+again@example.org' });
   * console.log(again.ok ? 'in' : again.code); // 'GUEST_DECLINED'
   * ```
   */
  declineGuest(input: GuestDecisionInput): Promise<Result<GuestSessionView, ModerationCode>>;

  /**
   * Admits every guest waiting in a room (G10).
   * @param input - who and which room.
   * @returns the sessions admitted.
   * @example
   * ```ts
   * await guestLinks.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
   * await guestLinks.joinGuestLink({ token, name: 'Grace', email: 'grace@example.org' });
   * const admitted = await guestLinks.admitAllGuests({ actor: owner, entryId: 'room-1' });
   * if (admitted.ok) console.log(admitted.value.map((guest) => guest.guestName)); // ['Grace']
   * ```
   */
  admitAllGuests(input: EntryInput): Promise<Result<readonly GuestSessionView[], InputCode | ManageRefusalCode | 'NOT_A_ROOM'>>;

  /**
   * Declines every guest waiting in a room (G10).
   * @param input - who and which room.
   * @returns the sessions declined.
   * @example
   * ```ts
   * await guestLinks.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
   * await guestLinks.joinGuestLink({ token, name: 'Grace', email: 'grace@example.org' });
   * const declined = await guestLinks.declineAllGuests({ actor: owner, entryId: 'room-1' });
   * if (declined.ok) console.log(declined.value.length); // 1
   * ```
   */
  declineAllGuests(input: EntryInput): Promise<Result<readonly GuestSessionView[], InputCode | ManageRefusalCode | 'NOT_A_ROOM'>>;

  /**
   * Lists who joined an entry as a guest: name, email, which link, when, and where each stands,
   * oldest first, one page at a time (at most `limit`, default 100, at most 1,000), optionally
   * only those with one `status`.
   * @param input - who (a manager or moderator), which entry, and which page.
   * @returns the page: its guests, and the cursor of the next page (`null` after the last).
   * @example
   * ```ts
   * const page = await guestLinks.listGuests({ actor: { userId: 'mod-1' }, entryId: 'room-1', limit: 50 });
   * if (page.ok) {
   *   for (const guest of page.value.items) console.log(guest.guestName, guest.guestEmailAscii, guest.status, guest.linkName);
   *   if (page.value.next) await guestLinks.listGuests({ actor: { userId: 'mod-1' }, entryId: 'room-1', limit: 50, cursor: page.value.next });
   * }
   * ```
   */
  listGuests(input: ListGuestsInput): Promise<Result<Page<GuestSessionView>, InputCode | ManageRefusalCode>>;

  /**
   * Housekeeping (R1): removes, in one bounded batch, what no rule needs any more — sessions
   * whose link was deleted or has expired, once they joined more than
   * `finishedSessionRetentionDays` ago (and past `guestSessionSeconds`), and declines older than
   * `declinedGuestRetentionDays` of guests with no session left on the entry, and links' activity
   * counts of UTC days older than `activityRetentionDays` (A1). It never removes a link (each
   * counts against the cap and keeps its uses) or a session of a live link, and it changes no
   * answer but the guest lists and the activity of days past their retention (read as zeros): a
   * swept session's refresh is refused as before, from the token alone. Run it from a scheduled job, from as many servers as you like, and call again
   * while `more` is true.
   * @param input - how much one call may remove.
   * @returns what was removed.
   * @example
   * ```ts
   * let swept;
   * do {
   *   swept = await guestLinks.sweep({ limit: 500 });
   * } while (swept.ok && swept.value.more);
   * ```
   */
  sweep(input?: SweepInput): Promise<Result<GuestSweep, InputCode>>;

  /**
   * People's data (R1): removes every session of a guest on every entry, and the declines of that
   * guest, for an erasure request. The address is matched by its own key (`guestErasureKey`:
   * letter case and a `+tag` folded, look-alike letters not, so that erasing one person never
   * touches another whose address only looks alike). Links keep their use counts. A
   * `guest.erased` event says so, with a digest of the address, never the address. Site admins
   * only.
   * @param input - a site admin, and the address.
   * @returns how many sessions and declines were removed.
   * @example
   * ```ts
   * const erased = await guestLinks.eraseGuest({ actor: { userId: 'admin-1', admin: true }, email: 'ada@example.org' });
   * if (erased.ok) console.log(erased.value.sessions); // e.g. 1
   * ```
   */
  eraseGuest(input: EraseGuestInput): Promise<Result<GuestErasure, InputCode | 'NOT_PERMITTED'>>;
}

/**
 * Codes a refused {@link GuestLinks.admitGuest} or {@link GuestLinks.declineGuest} may carry.
 *
 * @category Guest links
 */
export type ModerationCode = InputCode | ManageRefusalCode | 'NOT_A_ROOM' | 'SESSION_NOT_FOUND' | 'SESSION_CHANGED';

/**
 * Creates the library over the host's ports.
 *
 * @param options - the store, directory, key ring, URL shape, and optionally a clock, events and rules.
 * @returns the operations.
 * @throws {@link AccessLinksError} `INVALID_OPTIONS` when a port is missing or a rule is invalid.
 *
 * @example
 * ```ts
 * import { createGuestLinks, createKeyRing } from 'access-links';
 * import { createMemoryEntryDirectory, createMemoryGuestStore } from 'access-links/memory';
 *
 * const access = createGuestLinks({
 *   store: createMemoryGuestStore(),
 *   directory: createMemoryEntryDirectory({ entries: [{ id: 'video-1', type: 'video', ownerId: 'u1', available: true }] }),
 *   keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: process.env.LINK_SECRET! }] }),
 *   guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
 * });
 * ```
 *
 * @category Guest links
 */
export function createGuestLinks(options: GuestLinksOptions): GuestLinks {
  const context = readOptions(() => contextOf(options));
  return Object.freeze({
    rules: context.rules,
    sharedRateLimiter: context.limiter,
    setGuestAccess: (input) => setGuestAccess(context, input),
    createGuestLink: (input) => createGuestLink(context, input),
    listGuestLinks: (input) => listGuestLinks(context, input),
    linkActivity: (input) => linkActivity(context, input),
    deleteGuestLink: (input) => deleteGuestLink(context, input),
    setGuestLinkPasscode: (input) => setGuestLinkPasscode(context, input),
    openGuestLink: (input) => openGuestLink(context, input),
    joinGuestLink: (input) => joinGuestLink(context, input),
    sendGuestCode: (input) => sendGuestCode(context, input),
    verifyGuest: (input) => verifyGuest(context, input),
    checkGuestSession: (input) => checkGuestSession(context, input),
    leaveGuestSession: (input) => leaveGuestSession(context, input),
    getGuestAccess: (input) => getGuestAccess(context, input),
    setRoomLock: (input) => setRoomLock(context, input),
    admitGuest: (input) => moveGuest(context, 'admit', input),
    declineGuest: (input) => moveGuest(context, 'decline', input),
    admitAllGuests: (input) => moveAllWaiting(context, 'admit', input),
    declineAllGuests: (input) => moveAllWaiting(context, 'decline', input),
    listGuests: (input) => listGuests(context, input),
    sweep: (input) => sweepGuests(context, input),
    eraseGuest: (input) => eraseGuest(context, input),
  } satisfies GuestLinks);
}

const ignore = (): void => {};

function contextOf(options: GuestLinksOptions): Context {
  const base = baseContextOf(options);
  const store = requireStore(options.store);
  if (typeof options.guestLinkUrl !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'guestLinkUrl must be a function.');
  }
  const defined = defineGuestLinkRules(options.rules ?? {});
  if (!defined.ok) throw new AccessLinksError('INVALID_OPTIONS', `Invalid rules: ${defined.problems.join('; ')}`);
  const { beforeJoin = null, beforeJoinTimeoutMs = 5_000, passcodeScheme = null } = options;
  if (passcodeScheme !== null && passcodeScheme !== 'scrypt' && passcodeScheme !== 'pbkdf2') {
    throw new AccessLinksError('INVALID_OPTIONS', "passcodeScheme must be 'scrypt' or 'pbkdf2'.");
  }
  if (beforeJoin !== null && typeof beforeJoin !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'beforeJoin must be a function.');
  if (!Number.isInteger(beforeJoinTimeoutMs) || beforeJoinTimeoutMs < 1 || beforeJoinTimeoutMs > 60_000) {
    throw new AccessLinksError('INVALID_OPTIONS', 'beforeJoinTimeoutMs must be 1 to 60000.');
  }
  const { mailer = null, guestCodeMessage: codeMessage = guestCodeMessage, rateLimiter = null } = options;
  if (mailer !== null && typeof mailer?.send !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'mailer must have a send function.');
  if (typeof codeMessage !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'guestCodeMessage must be a function.');
  if (rateLimiter !== null && typeof rateLimiter?.consume !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'rateLimiter must have a consume function.');
  const { activity = true, onActivityError = ignore } = options;
  if (typeof activity !== 'boolean') throw new AccessLinksError('INVALID_OPTIONS', 'activity must be true or false.');
  if (typeof onActivityError !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'onActivityError must be a function.');
  return {
    countsActivity: activity,
    onActivityError,
    beforeJoin,
    beforeJoinTimeoutMs,
    passcodeScheme,
    mailer,
    codeMessage,
    ...base,
    store,
    limiter: store.rateLimiter ?? null,
    // The store's own, unless the host names one; a store's that is not a limiter is the HTTP layer's to refuse.
    codeLimiter: rateLimiter ?? (typeof store.rateLimiter?.consume === 'function' ? store.rateLimiter : null),
    // The links seen lately: up to 10,000.
    links: recentlyUsed<KnownLink>(10_000),
    rules: defined.rules,
    guestLinkUrl: options.guestLinkUrl,
  };
}
