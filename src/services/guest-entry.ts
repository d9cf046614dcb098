/** The guest's side: opening a link, joining through it, refreshing a session (G6–G10). */
import type { Entry } from '../domain/entry';
import type { GuestAccess } from '../domain/guest-access';
import type { GuestLink } from '../domain/guest-link';
import { emailKey } from '../domain/text';
import type { GuestSession } from '../domain/guest-session';
import { reason } from '../domain/reasons';
import { refuse, success, type Decision, type Result } from '../domain/result';
import { decideGuestEntry, decideGuestSession, type GuestRefusalCode } from '../policy/guest-policy';
import { entryFacts, guestAccessOf, now, port, type Context } from './context';
import { InputReader, type InputCode } from './input';
import { signToken, verifyToken } from './tokens';
import { toSessionView, type GuestLanding, type GuestSessionView } from './views';

/** Input of {@link AccessLinks.openGuestLink}. */
export interface OpenGuestLinkInput {
  /** The token from the link's URL. */
  readonly token: string;
}

/** Input of {@link AccessLinks.joinGuestLink}: what the guest entry page submits. */
export interface JoinGuestLinkInput {
  /** The token from the link's URL. */
  readonly token: string;
  /** The name the guest typed: trimmed, 1 to 100 characters, no control characters. */
  readonly name: string;
  /** The email the guest typed: kept for identification only, never verified. */
  readonly email: string;
}

/** Input of {@link AccessLinks.checkGuestSession}. */
export interface CheckGuestSessionInput {
  /** The session token returned by {@link AccessLinks.joinGuestLink}. */
  readonly token: string;
  /** The entry the guest is trying to view: a session is valid for its own entry only (G8). */
  readonly entryId: string;
}

/** A guest's way in: the session and the bearer token the host keeps for it (in a cookie, say). */
export interface GuestJoin {
  /** The new session. */
  readonly session: GuestSessionView;
  /** The session token: pass it to {@link AccessLinks.checkGuestSession} on every refresh. */
  readonly token: string;
}

/** @internal */
export async function openGuestLink(
  context: Context,
  input: OpenGuestLinkInput,
): Promise<Result<GuestLanding, 'INVALID_INPUT' | GuestRefusalCode>> {
  const read = new InputReader(input);
  const invalid = read.refusal();
  if (invalid) return invalid as Result<never, 'INVALID_INPUT'>; // only INVALID_INPUT: no field is read
  const judged = await judgeLink(context, read.raw('token'));
  if (!judged.allowed) return refuse(judged.reasons);
  const { entry, link, access } = judged;
  return success({
    entry: { id: entry.id, type: entry.type, title: entry.title ?? null },
    link: { id: link.id, name: link.name, expiresAt: link.expiresAt },
    waitingRoom: access.roomLocked && context.rules.waitingRoomEntryTypes.includes(entry.type),
  });
}

/** @internal */
export async function joinGuestLink(
  context: Context,
  input: JoinGuestLinkInput,
): Promise<Result<GuestJoin, InputCode | GuestRefusalCode>> {
  const read = new InputReader(input);
  const guestName = read.name();
  const guestEmail = read.email();
  const invalid = read.refusal();
  if (invalid?.code === 'INVALID_INPUT') return invalid;

  const judged = await judgeLink(context, read.raw('token'));
  // A dead link is what the guest must see first; a typo in the form comes after it.
  if (!judged.allowed) return refuse([...judged.reasons, ...(invalid?.reasons ?? [])]);
  if (invalid) return invalid;
  const { entry, link, access, at } = judged;

  const key = emailKey(guestEmail);
  const earlier = await port('STORAGE_FAILED', () =>
    context.guestSessions.listSessionsOfGuest(entry.id, key),
  );
  if (earlier.some((session) => session.status === 'declined')) return refuse([reason('GUEST_DECLINED')]);

  const session: GuestSession = {
    id: context.newId(at),
    entryId: entry.id,
    linkId: link.id,
    linkName: link.name,
    guestName,
    guestEmail,
    emailKey: key,
    status: access.roomLocked && context.rules.waitingRoomEntryTypes.includes(entry.type) ? 'waiting' : 'admitted',
    joinedAt: at,
    decidedAt: null,
    decidedBy: null,
  };
  // Sign first: once a use is taken, nothing but storage can fail.
  const token = await signToken(context.keyRing, 'guest-session', session.id);

  const taken = await port('STORAGE_FAILED', () =>
    context.guestLinks.takeUse(link.id, at),
  );
  if (taken === null) return refuse([reason('LINK_INVALID')]);
  try {
    await context.guestSessions.insertSession(session);
  } catch (cause) {
    // Give the use back; if that fails too, the link counts one use too many, never one too few.
    await context.guestLinks.releaseUse(link.id).catch(() => undefined);
    return port('STORAGE_FAILED', () => Promise.reject(cause));
  }
  await context.emit({
    type: 'guest.joined',
    at,
    entryId: entry.id,
    actorId: null,
    subjectId: session.id,
    detail: { linkId: link.id, status: session.status },
  });
  return success({ session: toSessionView(session), token });
}

/** @internal */
export async function checkGuestSession(
  context: Context,
  input: CheckGuestSessionInput,
): Promise<Result<GuestSessionView, InputCode | GuestRefusalCode | 'SESSION_INVALID' | 'SESSION_EXPIRED'>> {
  const read = new InputReader(input);
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;

  const sessionId = await verifyToken(context.keyRing, 'guest-session', read.raw('token'));
  const session =
    sessionId === null
      ? null
      : await port('STORAGE_FAILED', () => context.guestSessions.getSession(sessionId));
  if (session === null || session.entryId !== entryId) return refuse([reason('SESSION_INVALID')]);

  const facts = await entryFacts(context, entryId);
  const [access, link] = await Promise.all([
    guestAccessOf(context, entryId),
    port('STORAGE_FAILED', () => context.guestLinks.getLink(session.linkId)),
  ]);
  const decision = decideGuestSession(facts, access, link, session, now(context));
  if (!decision.allowed) return refuse(decision.reasons);
  return success(toSessionView(session));
}

/** What {@link judgeLink} found: the refusal, or the link and its entry with "now". */
type LinkJudgement =
  | Extract<Decision<GuestRefusalCode>, { allowed: false }>
  | { readonly allowed: true; readonly entry: Entry; readonly link: GuestLink; readonly access: GuestAccess; readonly at: number };

/** Verifies a link token and asks the policy whether a new guest may come in through it now. */
async function judgeLink(context: Context, token: unknown): Promise<LinkJudgement> {
  const linkId = await verifyToken(context.keyRing, 'guest-link', token);
  const link =
    linkId === null
      ? null
      : await port('STORAGE_FAILED', () => context.guestLinks.getLink(linkId));
  if (link === null) return { allowed: false, reasons: [reason('LINK_INVALID')] };
  const [facts, access] = await Promise.all([entryFacts(context, link.entryId), guestAccessOf(context, link.entryId)]);
  const at = now(context);
  const decision = decideGuestEntry(facts, access, link, at);
  if (!decision.allowed) return decision;
  // decideGuestEntry refuses a missing entry, so the entry is here.
  return { allowed: true, entry: facts.entry!, link, access, at };
}
