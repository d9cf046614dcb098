/** The guest's side: opening a link, joining through it, refreshing a session (G6–G10). */
import type { Entry } from '../domain/entry';
import { defaultGuestAccess, type GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import type { GuestSession } from '../domain/guest-session';
import { reason, type Reason } from '../domain/reasons';
import { refuse, success, type Decision, type Result } from '../domain/result';
import { domainAdmitted, guestEmailKey, guestErasureKey } from '../domain/text';
import { decideEntryOpen, decideGuestEntry, decideGuestSession, type GuestRefusalCode } from '../policy/guest-policy';
import type { GuestJoinRefusal, NewGuestSession } from '../ports/guest-store';
import { entryFacts, eventOf, now, port, told, written, type Context, type JoinAttempt } from './context';
import { InputReader, own, type InputCode } from './input';
import { clientKeyDigest, signToken, verifyToken } from './tokens';
import { toSessionView, type GuestLanding, type GuestSessionView } from './views';
import { DAY_MS, ulidTime } from '../domain/time';
import { utcDay } from '../domain/activity';
import { countOpen, counted } from './activity';

/**
 * Input of {@link GuestLinks.openGuestLink}.
 *
 * @category Guest links
 */
export interface OpenGuestLinkInput {
  /** The token from the link's URL. */
  readonly token: string;
}

/**
 * Input of {@link GuestLinks.joinGuestLink}: what the guest entry page submits.
 *
 * @category Guest links
 */
export interface JoinGuestLinkInput {
  /** The token from the link's URL. */
  readonly token: string;
  /** The name the guest typed: trimmed, 1 to 100 characters, no control characters. */
  readonly name: string;
  /** The email the guest typed: kept for identification only, never verified. */
  readonly email: string;
  /**
   * An opaque key of the guest's client that the host keeps (a long-lived device cookie, say),
   * 1 to 200 characters. When a moderator declines the guest, joins with this key are refused
   * too, whatever email they give (G10). Stored only as a digest.
   */
  readonly clientKey?: string | null | undefined;
  /**
   * The guest-session tokens the client already holds (the ones earlier joins gave it; the HTTP
   * layer passes the session cookies of the request), at most 20. When one of them is a live
   * session of this link for the same guest (the same address in its canonical form), the join
   * answers that session as it is (G12): no use spent, its status kept (a waiting guest still
   * waits), its name as first given. Tokens that are not such a session are passed over, and the
   * join goes on as a new one.
   */
  readonly sessionTokens?: readonly string[] | null | undefined;
  /**
   * What the host's `beforeJoin` needs from the guest (V1), such as a CAPTCHA's answer: text of
   * at most 4,096 characters, handed to the hook as it is and never stored. Empty reads as none.
   */
  readonly proof?: string | null | undefined;
  /**
   * The passcode the guest typed, for a link that has one (V3): compared with the link's stored
   * hash after every other check of the link, the entry and the form, and before the host's
   * `beforeJoin`. Normalised as {@link normalizePasscode} says; empty reads as none. Ignored by
   * a link without a passcode. Bound the tries: the HTTP layer counts them per client and per
   * link (`passcodePerClient`, `passcodePerLink`); a host calling this directly should too.
   */
  readonly passcode?: string | null | undefined;
}

/**
 * Refusals of a join by a link's passcode (V3): none was given (`PASSCODE_REQUIRED`), or not
 * the link's (`WRONG_PASSCODE`). Nothing is spent.
 *
 * @category Guest links
 */
export type GuestPasscodeCode = 'PASSCODE_REQUIRED' | 'WRONG_PASSCODE';

/**
 * Refusals of a join that only the bounds of the store give (R2): the link admitted
 * `maxGuestsPerLink` guests, or the locked room has `maxWaitingGuestsPerRoom` waiting.
 *
 * @category Guest links
 */
export type GuestBoundCode = 'LINK_GUEST_CAP_REACHED' | 'WAITING_ROOM_FULL';

/**
 * Refusals of a join by the host's `beforeJoin` (V1): it refused (`JOIN_VETOED`, with its reason
 * as `detail`), or it failed or took too long (`JOIN_CHECK_FAILED`). Nothing is spent.
 *
 * @category Guest links
 */
export type GuestVetoCode = 'JOIN_VETOED' | 'JOIN_CHECK_FAILED';

/**
 * Input of {@link GuestLinks.checkGuestSession}.
 *
 * @category Guest links
 */
export interface CheckGuestSessionInput {
  /** The session token returned by {@link GuestLinks.joinGuestLink}. */
  readonly token: string;
  /** The entry the guest is trying to view: a session is valid for its own entry only (G8). */
  readonly entryId: string;
}

/**
 * A guest's way in: the session and the bearer token the host keeps for it (in a cookie, say).
 *
 * @category Guest links
 */
export interface GuestJoin {
  /** The new session. */
  readonly session: GuestSessionView;
  /** The session token: pass it to {@link GuestLinks.checkGuestSession} on every refresh. */
  readonly token: string;
  /** `true` when the client already held this session and nothing was spent (G12); `false` for a new one. */
  readonly rejoined: boolean;
}

/** @internal */
export async function openGuestLink(
  context: Context,
  input: OpenGuestLinkInput,
): Promise<Result<GuestLanding, 'INVALID_INPUT' | GuestRefusalCode>> {
  const read = new InputReader(input);
  const invalid = read.refusal();
  if (invalid) return invalid as Result<never, 'INVALID_INPUT'>; // only INVALID_INPUT: no field is read
  const linkId = await verifyToken(context.keyRing, 'guest-link', read.raw('token'));
  const judged = await judgeLink(context, linkId);
  // Counted once judged (A1), for a link that exists: an open that throws has changed nothing,
  // and a deleted link's counts would never be read.
  const counting = judged.allowed || judged.exists ? linkId : null;
  await countOpen(context, counting);
  if (!judged.allowed) return counted(context, counting, refuse(judged.reasons));
  const { entry, link, access } = judged;
  return success({
    entry: { id: entry.id, type: entry.type, title: entry.title ?? null },
    link: { id: link.id, name: link.name, expiresAt: link.expiresAt },
    waitingRoom: access.roomLocked && hasWaitingRoom(context, entry),
    passcode: link.passcodeHash !== null,
    verifyEmail: link.verifyEmail,
  });
}

/** @internal */
export async function joinGuestLink(
  context: Context,
  input: JoinGuestLinkInput,
): Promise<Result<GuestJoin, JoinCode | 'VERIFICATION_REQUIRED'>> {
  const judged = await judgeJoin(context, input, true);
  if (!judged.go) return counted(context, judged.linkId, judged.answer);
  const { entry, link, guestName, guestEmail, clientKey, at } = judged;
  // A link that verifies addresses lets a guest in only through verifyGuest (V4), told last.
  if (link.verifyEmail) return counted(context, link.id, refuse([reason('VERIFICATION_REQUIRED')]));
  // Judged allowed an instant ago, a join the store refuses met a switch, a decline, a new
  // passcode or the last use in between: the store says which.
  return counted(context, link.id, await join(context, link, entry, { guestName, guestEmail, clientKey, at, passcodeHash: link.passcodeHash, verification: null }));
}

/** The refusals of a join, whatever the link's options. */
export type JoinCode = InputCode | GuestRefusalCode | GuestBoundCode | GuestVetoCode | GuestPasscodeCode | 'EMAIL_DOMAIN_NOT_ALLOWED';

/**
 * @internal What judging a join found: its answer already, with the link the library signed
 * that a refusal is counted against (A1; `null` for none), or the link, the entry and the guest
 * to let in.
 */
export type JoinJudgement =
  | { readonly go: false; readonly answer: Result<GuestJoin, JoinCode>; readonly linkId: string | null }
  | {
      readonly go: true;
      readonly entry: Entry;
      readonly link: GuestLink;
      readonly guestName: string;
      readonly guestEmail: string;
      readonly clientKey: string | null;
      readonly at: number;
    };

/**
 * @internal Every check of a join but the store's: the link, the entry, the form, the domains,
 * the passcode and the host's veto, in the order a guest is told them. `answering` lets a held
 * session (G12) and the fast path answer the join themselves; a code's send (V4) judges fully.
 */
export async function judgeJoin(context: Context, input: JoinGuestLinkInput, answering: boolean): Promise<JoinJudgement> {
  const read = new InputReader(input);
  const guestName = read.name();
  const guestEmail = read.email();
  const clientKey = read.clientKey();
  const held = read.sessionTokens();
  const proof = read.proof();
  const passcode = read.passcode();
  const invalid = read.refusal();
  if (invalid?.code === 'INVALID_INPUT') return { go: false, answer: invalid, linkId: null };
  // The link's token is verified once, for the fast path and the full judgement alike.
  const linkId = await verifyToken(context.keyRing, 'guest-link', read.raw('token'));

  // A client that already holds a live session of this link for this guest gets it back (G12).
  if (answering && invalid === null && linkId !== null && held.length > 0) {
    const again = await heldSession(context, linkId, held, guestEmailKey(guestEmail));
    if (again !== null) return { go: false, answer: success(again), linkId };
  }

  // The fast path: a link whose entry is known goes straight from the directory to the store's
  // one atomic step. Anything else, and every refusal, takes the full judgement below, so a guest
  // is told exactly what opening the link would tell them. A host's veto is asked only of a join
  // the full judgement let through.
  if (answering && invalid === null && context.beforeJoin === null) {
    const known = linkId === null ? undefined : context.links.get(linkId);
    if (linkId !== null && known !== undefined && !known.verifyEmail) {
      const facts = await entryFacts(context, known.entryId);
      // A link known to have no passcode: the store refuses the join if it has gained one since.
      if (known.passcodeHash === null && facts.entry !== null && decideEntryOpen(facts, OPEN).allowed && domainAdmitted(guestEmail, known.allowedDomains, known.blockedDomains)) {
        const at = now(context);
        const joined = await join(context, { id: linkId, name: known.name }, facts.entry, { guestName, guestEmail, clientKey, at, passcodeHash: null, verification: null });
        if (joined.ok) return { go: false, answer: joined, linkId };
      }
    }
  }

  const judged = await judgeLink(context, linkId);
  // A dead link is what the guest must see first; a typo in the form comes after it. A deleted
  // link's refusals are not counted: they would never be read.
  if (!judged.allowed) return { go: false, answer: refuse([...judged.reasons, ...(invalid?.reasons ?? [])]), linkId: judged.exists ? linkId : null };
  if (invalid) return { go: false, answer: invalid, linkId };
  const { entry, link, at } = judged;
  // A link's domain lists come after everything about the link: a dead link tells nothing of them.
  if (!domainAdmitted(guestEmail, link.allowedDomains, link.blockedDomains)) return { go: false, answer: refuse([reason('EMAIL_DOMAIN_NOT_ALLOWED')]), linkId };
  // The passcode comes after everything else about the link and the form: its slow hash is
  // computed only for a join that would otherwise go on.
  if (link.passcodeHash !== null) {
    if (passcode === null) return { go: false, answer: refuse([reason('PASSCODE_REQUIRED')]), linkId };
    const { passcodeMatches } = await import('./passcode');
    if (!(await passcodeMatches(passcode, link.passcodeHash))) return { go: false, answer: refuse([reason('WRONG_PASSCODE')]), linkId };
  }
  if (context.beforeJoin !== null) {
    const vetoed = await vetoOf(context, { entry, link: { id: link.id, name: link.name }, guestName, guestEmail, clientKey, proof });
    if (vetoed !== null) return { go: false, answer: refuse([vetoed]), linkId };
  }
  return { go: true, entry, link, guestName, guestEmail, clientKey, at };
}

/** What the host's veto answered, as this join's refusal; `null` when it let the join go on (V1). */
async function vetoOf(context: Context, attempt: JoinAttempt): Promise<Reason<GuestVetoCode> | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(resolve, context.beforeJoinTimeoutMs, LATE)));
    const answer: unknown = await Promise.race([(async () => context.beforeJoin!(attempt))(), late]);
    if (answer === undefined || answer === null) return null;
    const named = answer !== LATE && typeof answer === 'object' ? own(answer, 'reason') : undefined;
    if (typeof named === 'string' && VETO.test(named)) return { ...reason('JOIN_VETOED'), detail: named };
  } catch {
    // A hook that throws refuses, as one that does not answer: nothing is spent on a check that failed.
  } finally {
    clearTimeout(timer);
  }
  return reason('JOIN_CHECK_FAILED');
}

const LATE = Symbol('late');
const VETO = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The guest-access settings under which only the store's own checks remain: on, unlocked. */
// Stryker disable next-line StringLiteral,BooleanLiteral: decideEntryOpen reads only enabled
const OPEN: GuestAccess = Object.freeze({ entryId: '', enabled: true, roomLocked: false, updatedAt: 0, updatedBy: '' });

/** Who joins, when, and what the join was judged against. */
export interface JoinTerms {
  readonly guestName: string;
  readonly guestEmail: string;
  readonly clientKey: string | null;
  readonly at: number;
  /** The link's passcode hash the join was judged against (V3). */
  readonly passcodeHash: string | null;
  /** The verification the guest passed (V4): its id is the session's, so it joins once. */
  readonly verification: string | null;
}

/**
 * @internal Lets a guest in through the store's atomic step (G1, G6, G10), or says what the
 * store refused. A verified join whose session is already stored (a second call with the same
 * code) is answered that session, spending nothing.
 */
export async function join(
  context: Context,
  link: { readonly id: string; readonly name: string },
  entry: Entry,
  { guestName, guestEmail, clientKey, at, passcodeHash, verification }: JoinTerms,
): Promise<Result<GuestJoin, GuestJoinRefusal>> {
  const session: NewGuestSession = {
    id: verification ?? context.newId(at),
    entryId: entry.id,
    linkId: link.id,
    linkName: link.name,
    guestName,
    guestEmail,
    emailKey: guestEmailKey(guestEmail),
    erasureKey: guestErasureKey(guestEmail),
    clientKey: clientKey === null ? null : await clientKeyDigest(clientKey),
    verified: verification !== null,
    joinedAt: at,
    decidedAt: null,
    decidedBy: null,
  };
  // Sign first: once the store has taken the use, nothing is left that can fail.
  // Bound to the entry: a session token opens its own entry only, even once its record is swept.
  const token = await signToken(context.keyRing, 'guest-session', session.id, entry.id);
  // The store sets the status the session is stored with.
  const event = eventOf(context, { type: 'guest.joined', at, entryId: entry.id, actorId: null, subjectId: session.id, detail: { linkId: link.id, status: 'admitted' } });
  // One atomic step: the use, the switch, the lock and the guest's declines are judged together.
  const joined = await port('STORAGE_FAILED', () =>
    context.store.joinGuest({
      session,
      waitingRoom: hasWaitingRoom(context, entry),
      now: at,
      maxGuestsPerLink: context.rules.maxGuestsPerLink,
      maxWaitingGuests: context.rules.maxWaitingGuestsPerRoom,
      declinedSince: at - context.rules.declinedGuestRetentionDays * DAY_MS,
      passcodeHash,
      countDay: context.countsActivity ? utcDay(at) : null,
      events: written(context, event),
    }),
    context.store.name,
  );
  if (joined.status === 'refused') return refuse(storeRefusals(joined.reasons));
  if (joined.again === true) {
    // The same verification, let in before: its session as it stands, nothing spent (V4).
    if (joined.session.status === 'declined') return refuse([reason('GUEST_DECLINED')]);
    if (joined.session.status === 'left') return refuse([reason('LINK_INVALID')]);
    return success({ session: toSessionView(joined.session, context.rules.guestSessionSeconds), token, rejoined: true });
  }
  if (event !== null) told(context, { ...event, detail: { ...event.detail, status: joined.session.status } });
  return success({ session: toSessionView(joined.session, context.rules.guestSessionSeconds), token, rejoined: false });
}

/**
 * The session a client already holds for a link and a guest, when one of its tokens names a
 * live one (admitted, or waiting: its status is kept), as a join answers it (G12); `null`
 * otherwise. It only reads, so it needs no atomic step of the store: it spends nothing, and a
 * decline or a switch-off that answered before its read refuses the session it reads.
 */
async function heldSession(context: Context, linkId: string, tokens: readonly string[], emailKey: string): Promise<GuestJoin | null> {
  // A session token is bound to its entry: the link's entry says which token can be one.
  let entryId = context.links.get(linkId)?.entryId;
  if (entryId === undefined) {
    const found = await port('STORAGE_FAILED', () => context.store.readLink(linkId), context.store.name);
    if (found === null) return null;
    context.links.remember(linkId, found.link);
    entryId = found.link.entryId;
  }
  let sessionId: string | null = null;
  for (const token of tokens) if ((sessionId = await verifyToken(context.keyRing, 'guest-session', token, entryId)) !== null) break;
  if (sessionId === null) return null;
  const [found, facts] = await readSession(context, sessionId, entryId);
  if (found === null) return null;
  const { session, link, access } = found;
  if (session.linkId !== linkId || session.entryId !== entryId || session.emailKey !== emailKey) return null;
  const decision = decideGuestSession(facts, access ?? defaultGuestAccess(entryId), link, session, now(context));
  if (!decision.allowed && decision.reasons.some(({ code }) => code !== 'GUEST_WAITING')) return null;
  const token = await signToken(context.keyRing, 'guest-session', session.id, entryId);
  return { session: toSessionView(session, context.rules.guestSessionSeconds), token, rejoined: true };
}

/** @internal */
export async function checkGuestSession(
  context: Context,
  input: CheckGuestSessionInput,
): Promise<Result<GuestSessionView, InputCode | GuestRefusalCode | 'SESSION_INVALID' | 'SESSION_EXPIRED' | 'GUEST_WAITING'>> {
  const read = new InputReader(input);
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;

  const sessionId = await verifyToken(context.keyRing, 'guest-session', read.raw('token'), entryId);
  if (sessionId === null) return refuse([reason('SESSION_INVALID')]);
  const [found, facts] = await readSession(context, sessionId, entryId);
  const at = now(context);
  if (found === null) {
    // A session the library signed for this entry and the store no longer holds was swept (R1):
    // its link is gone, so the answer is what it was before the sweep, from what is left.
    const access = await port('STORAGE_FAILED', () => context.store.getGuestAccess(entryId), context.store.name);
    const swept = decideGuestSession(facts, access ?? defaultGuestAccess(entryId), null, sweptSession(sessionId, entryId), at);
    return refuse(swept.allowed ? [reason('LINK_INVALID')] : swept.reasons);
  }
  if (found.session.entryId !== entryId) return refuse([reason('SESSION_INVALID')]);
  const { session, link, access } = found;
  const decision = decideGuestSession(facts, access ?? defaultGuestAccess(entryId), link, session, at);
  if (!decision.allowed) return refuse(decision.reasons);
  return success(toSessionView(session, context.rules.guestSessionSeconds));
}

/** @internal */
export async function leaveGuestSession(
  context: Context,
  input: CheckGuestSessionInput,
): Promise<Result<GuestSessionView, InputCode | 'SESSION_INVALID' | 'GUEST_DECLINED' | 'SESSION_CHANGED'>> {
  const read = new InputReader(input);
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;
  const sessionId = await verifyToken(context.keyRing, 'guest-session', read.raw('token'), entryId);
  const session = sessionId === null ? null : await port('STORAGE_FAILED', () => context.store.getSession(sessionId), context.store.name);
  if (session === null || session.entryId !== entryId) return refuse([reason('SESSION_INVALID')]);
  // A declined guest stays the moderator's to admit after all; one who left has nothing to end.
  if (session.status === 'declined') return refuse([reason('GUEST_DECLINED')]);
  if (session.status === 'left') return refuse([reason('SESSION_INVALID')]);
  const at = now(context);
  const event = eventOf(context, { type: 'guest.left', at, entryId, actorId: null, subjectId: session.id, detail: { previousStatus: session.status } });
  const left = await port('STORAGE_FAILED', () => context.store.leaveSession(entryId, session.id, session.status, at, written(context, event)), context.store.name);
  if (left === null) return refuse([reason('SESSION_CHANGED')]);
  told(context, event);
  return success(toSessionView(left, context.rules.guestSessionSeconds));
}

/** The session, its link and the settings in one read of the store, beside the host's directory. */
function readSession(context: Context, sessionId: string, entryId: string) {
  return Promise.all([port('STORAGE_FAILED', () => context.store.readSession(sessionId), context.store.name), entryFacts(context, entryId)]);
}

// Stryker disable StringLiteral: the policy reads none of these fields of a swept session
/** What is known of a swept session: its id, its entry, and when it joined (its ULID's time). */
function sweptSession(id: string, entryId: string): GuestSession {
  return {
    id,
    entryId,
    linkId: '',
    linkName: '',
    guestName: '',
    guestEmail: '',
    emailKey: '',
    erasureKey: '',
    clientKey: null,
    verified: false,
    status: 'admitted',
    joinedAt: ulidTime(id),
    decidedAt: null,
    decidedBy: null,
  };
}
// Stryker restore StringLiteral

/** What {@link judgeLink} found: the refusal (and whether the link exists), or the link and its entry with "now". */
type LinkJudgement =
  | (Extract<Decision<GuestRefusalCode>, { allowed: false }> & { readonly exists: boolean })
  | { readonly allowed: true; readonly entry: Entry; readonly link: GuestLink; readonly access: GuestAccess; readonly at: number };

/** @internal Asks the policy whether a new guest may come in now through the link a verified token named (`null`: none). */
export async function judgeLink(context: Context, linkId: string | null): Promise<LinkJudgement> {
  if (linkId === null) return { allowed: false, reasons: [reason('LINK_INVALID')], exists: false };
  // A link seen before names its entry: read the link and ask the directory at once.
  const known = context.links.get(linkId);
  const [found, knownFacts] = await Promise.all([
    port('STORAGE_FAILED', () => context.store.readLink(linkId), context.store.name),
    known === undefined ? null : entryFacts(context, known.entryId),
  ]);
  if (found === null) return { allowed: false, reasons: [reason('LINK_INVALID')], exists: false };
  const { link } = found;
  context.links.remember(link.id, link);
  const access = found.access ?? defaultGuestAccess(link.entryId);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a guard: the cache holds what the store answered, and a link never changes entry
  const facts = knownFacts !== null && known?.entryId === link.entryId ? knownFacts : await entryFacts(context, link.entryId);
  const at = now(context);
  const decision = decideGuestEntry(facts, access, link, at);
  if (!decision.allowed) return { ...decision, exists: true };
  // decideGuestEntry refuses a missing entry, so the entry is here.
  return { allowed: true, entry: facts.entry!, link, access, at };
}

function hasWaitingRoom(context: Context, entry: Entry): boolean {
  return context.rules.waitingRoomEntryTypes.includes(entry.type);
}

// The order a guest is told them in: the switch, then the link and its passcode, then the decline.
const STORE_REFUSAL_ORDER: readonly GuestJoinRefusal[] = [
  'GUEST_ACCESS_OFF',
  'LINK_INVALID',
  'PASSCODE_REQUIRED',
  'WRONG_PASSCODE',
  'GUEST_DECLINED',
  'LINK_GUEST_CAP_REACHED',
  'WAITING_ROOM_FULL',
];

function storeRefusals(codes: readonly GuestJoinRefusal[]): [Reason<GuestJoinRefusal>, ...Reason<GuestJoinRefusal>[]] {
  const known = STORE_REFUSAL_ORDER.filter((code) => codes.includes(code)).map((code) => reason(code));
  const [first = reason('LINK_INVALID'), ...rest] = known;
  return [first, ...rest];
}
