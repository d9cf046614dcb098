/**
 * What every service operation shares: the ports, the rules, and the wrappers that turn a
 * failing port into an {@link AccessLinksError} carrying the original failure as `cause`.
 */
import { readEntry, readSiteFeatures, type Actor, type Entry, type SiteFeatures } from '../domain/entry';
import type { ReasonCode } from '../domain/reasons';
import { refuse, type Decision, type Refusal } from '../domain/result';
import { AccessLinksError } from '../domain/errors';
import { defaultGuestAccess, type GuestAccess } from '../domain/guest-access';
import type { GuestLinkRules } from '../domain/rules';
import type { EntryFacts } from '../policy/guest-policy';
import type { Clock } from '../ports/clock';
import type { EntryDirectory } from '../ports/entry-directory';
import type { GuestStore } from '../ports/guest-store';
import type { KeyRing } from '../ports/key-ring';
import type { AccessEvent } from '../ports/events';
import type { Notifier } from '../ports/notifier';
import type { RateLimiter } from '../ports/rate-limiter';
import type { Mailer } from '../ports/mailer';
import type { GuestCodeMessage, GuestCodeMessageInput } from '../domain/guest-code-message';
import { monotonicFactory } from 'ulid';
import type { InputCode, InputReader } from './input';
import { keyRingOf } from './tokens';
import type { LinkCache } from './recent';
import type { PasscodeScheme } from './passcode';

/** @internal What guest links and invites share: the host's directory, keys, clock and events. */
export interface BaseContext {
  readonly directory: EntryDirectory;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly newId: (now: number) => string;
  /** Whether changes write their events to the store's outbox. */
  readonly outbox: boolean;
  /** Whether anything takes events (the outbox or a notifier): when not, a hot path need not build its event. */
  readonly emits: boolean;
  /** Tells the notifier of a change once it is stored; never throws, never waits for the channel. */
  readonly notify: (event: AccessEvent) => void;
}

/** @internal An event with its id, or `null` when nothing takes events. */
export function eventOf(context: BaseContext, draft: Omit<AccessEvent, 'id'>): AccessEvent | null {
  return context.emits ? { id: context.newId(draft.at), ...draft } : null;
}

const NO_EVENTS: readonly AccessEvent[] = Object.freeze([]);

/** @internal What a store writes with its change: the event when the outbox is on, else nothing. */
export function written(context: BaseContext, event: AccessEvent | null): readonly AccessEvent[] {
  return context.outbox && event !== null ? [event] : NO_EVENTS;
}

/** @internal Tells the notifier of a stored change, if there is an event and a notifier. */
export function told(context: BaseContext, event: AccessEvent | null): void {
  if (event !== null) context.notify(event);
}

/** @internal The guest-link operations' context. */
export interface Context extends BaseContext {
  readonly store: GuestStore;
  /** The store's own rate limiter, read once. */
  readonly limiter: RateLimiter | null;
  /** The links seen so far: their entry and name, for joins that need not read them first. */
  readonly links: LinkCache;
  readonly rules: GuestLinkRules;
  readonly guestLinkUrl: (token: string) => string;
  /** The host's veto before a join spends its use, and how long it may take (V1). */
  readonly beforeJoin: BeforeJoin | null;
  readonly beforeJoinTimeoutMs: number;
  /** How new passcodes are hashed (V3); `null`: scrypt where the runtime has `node:crypto`, else PBKDF2. */
  readonly passcodeScheme: PasscodeScheme | null;
  /** Sends the codes of links that verify addresses (V4), and writes their message. */
  readonly mailer: Mailer | null;
  readonly codeMessage: (input: GuestCodeMessageInput) => GuestCodeMessage | Promise<GuestCodeMessage>;
  /** Bounds the codes (V4): sends per address and link, tries per code. */
  readonly codeLimiter: RateLimiter | null;
  /** Whether opens, joins and refusals are counted (A1). */
  readonly countsActivity: boolean;
  /** Told of a count the store failed to write; never throws out. */
  readonly onActivityError: (error: unknown) => void;
}

/**
 * @internal Throws `INVALID_OPTIONS` unless codes can be sent and bounded (V4): a mailer and a
 * rate limiter, shared by every server.
 */
export function requireCodeDelivery(context: Context): { readonly mailer: Mailer; readonly limiter: RateLimiter } {
  if (context.mailer === null) throw new AccessLinksError('INVALID_OPTIONS', 'A link that verifies addresses needs a mailer: pass mailer to createGuestLinks.');
  if (context.codeLimiter === null) {
    throw new AccessLinksError('INVALID_OPTIONS', 'A link that verifies addresses needs a rate limiter: pass rateLimiter to createGuestLinks, or a store that has one.');
  }
  return { mailer: context.mailer, limiter: context.codeLimiter };
}

/**
 * What the host's {@link BeforeJoin} is told of a join it may refuse (V1).
 *
 * @category Guest links
 */
export interface JoinAttempt {
  /** The entry, as the directory answered it. */
  readonly entry: Entry;
  /** The link the guest joins through. */
  readonly link: {
    /** The link's id. */
    readonly id: string;
    /** The owner's label for it. */
    readonly name: string;
  };
  /** The name the guest typed, as it will be stored. */
  readonly guestName: string;
  /** The address the guest typed, as it will be stored. */
  readonly guestEmail: string;
  /** The `clientKey` the host passed with the join, or `null`. */
  readonly clientKey: string | null;
  /** The `proof` the host passed with the join (a CAPTCHA's answer, say), or `null`. */
  readonly proof: string | null;
}

/**
 * A refusal of a join by the host's {@link BeforeJoin}: the guest is answered `JOIN_VETOED`
 * with `reason` as the reason's `detail`.
 *
 * @category Guest links
 */
export interface JoinVeto {
  /** The host's own reason, 1 to 100 characters of `A–Z a–z 0–9 _ . : -` (`'CAPTCHA_FAILED'`, say). */
  readonly reason: string;
}

/**
 * The host's veto before every join (V1): called after the library's own checks and before the
 * use is spent. Answer nothing (`undefined` or `null`) to let the join go on, or a
 * {@link JoinVeto} to refuse it. A hook that throws, answers anything else, or takes longer than
 * `beforeJoinTimeoutMs` refuses the join as `JOIN_CHECK_FAILED`. Either way nothing is spent.
 *
 * @category Guest links
 */
export type BeforeJoin = (attempt: JoinAttempt) => JoinVeto | null | undefined | Promise<JoinVeto | null | undefined>;

/**
 * Options both factories take besides their own ports.
 *
 * @category Guest links
 */
export interface SharedOptions {
  /** The host's entries and site modules. */
  readonly directory: EntryDirectory;
  /** The keys that sign tokens: {@link "access-links"!createKeyRing | createKeyRing}, or a {@link KeyRing} of the host's. */
  readonly keyRing: KeyRing;
  /**
   * The source of "now".
   * @defaultValue the system clock
   */
  readonly clock?: Clock | undefined;
  /**
   * Write every event to the store's outbox, in the same atomic step as the change it reports,
   * for {@link "access-links/events"!createDispatcher | a dispatcher} to deliver at least once. Off,
   * no event is written and nothing waits to be delivered.
   * @defaultValue `false`
   */
  readonly outbox?: boolean | undefined;
  /**
   * Told of each change on an entry once it is stored, for pages that are pushed what changed
   * (the HTTP layer's `notifier`). At most once: an operation never waits for it, and a
   * notifier that fails loses the notice, never the change.
   */
  readonly notifier?: Notifier | undefined;
  /**
   * Told when the notifier throws or rejects. The operation has succeeded and still answers
   * its result. Whatever `onNotifierError` itself throws is ignored.
   * @defaultValue ignore the failure
   */
  readonly onNotifierError?: ((error: unknown, event: AccessEvent) => void) | undefined;
}

/** @internal Checks the shared options and builds the shared part of a context. */
export function baseContextOf(options: SharedOptions): BaseContext {
  return readOptions(() => baseContextFrom(options));
}

// The default clock, as the options are read: the machine's (the `systemClock` adapter does the same).
const MACHINE_CLOCK: Clock = Object.freeze({ now: () => Date.now() });

const MAX_INSTANT = 2 ** 48 - 1;

/** @internal The store a factory was given, or the misuse of giving none. */
export function requireStore<S>(store: S | undefined): S {
  if (store === null || typeof store !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'Options lack store.');
  return store;
}

/** @internal Reads a factory's options; anything but an AccessLinksError (a revoked proxy, a getter) is INVALID_OPTIONS. */
export function readOptions<T>(read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof AccessLinksError) throw cause;
    throw new AccessLinksError('INVALID_OPTIONS', 'The options could not be read.', { cause });
  }
}

function baseContextFrom(options: SharedOptions): BaseContext {
  if (options === null || typeof options !== 'object') {
    throw new AccessLinksError('INVALID_OPTIONS', 'Options must be an object.');
  }
  const record = options as unknown as Record<string, unknown>;
  const missing = ['directory', 'keyRing'].filter(
    (name) => record[name] === null || typeof record[name] !== 'object',
  );
  if (missing.length > 0) throw new AccessLinksError('INVALID_OPTIONS', `Options lack ${missing.join(', ')}.`);
  const ulid = monotonicFactory();
  const { notifier, onNotifierError } = options;
  if (options.outbox !== undefined && typeof options.outbox !== 'boolean') throw new AccessLinksError('INVALID_OPTIONS', 'outbox must be true or false.');
  if (notifier !== undefined && (notifier === null || typeof notifier.publish !== 'function')) {
    throw new AccessLinksError('INVALID_OPTIONS', 'notifier must have a publish method.');
  }
  if (onNotifierError !== undefined && typeof onNotifierError !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'onNotifierError must be a function.');
  const outbox = options.outbox === true;
  const failed = (error: unknown, event: AccessEvent) => {
    try {
      onNotifierError?.(error, event);
    } catch {
      // The change is stored and its answer is due: a failing error handler cannot undo it.
    }
  };
  return {
    directory: options.directory,
    keyRing: keyRingOf(options.keyRing),
    clock: options.clock ?? MACHINE_CLOCK,
    newId: (now) => ulid(now),
    outbox,
    // Stryker disable next-line ConditionalExpression: an optimisation only; an unused event is harmless
    emits: outbox || notifier !== undefined,
    notify: (event) => {
      if (notifier === undefined) return;
      try {
        notifier.publish(event).catch((error: unknown) => failed(error, event));
      } catch (error) {
        failed(error, event);
      }
    },
  };
}

/** @internal The site of an entry nobody knows: no module on. */
// Stryker disable next-line BooleanLiteral: no policy reads the site of a missing entry; the entry's absence decides
export const NO_SITE: SiteFeatures = Object.freeze({ inviteToMediaModule: false, mediaPage: false });

const PORT_FAILED = {
  STORAGE_FAILED: 'A store failed.',
  DIRECTORY_FAILED: 'The entry directory failed.',
} as const;

/** @internal Runs a port call; a throw becomes an {@link AccessLinksError} with the cause kept. */
export async function port<T>(code: keyof typeof PORT_FAILED, call: () => Promise<T>, name?: string): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof AccessLinksError) throw cause;
    const message = typeof name !== 'string' ? PORT_FAILED[code] : `The store ${name.slice(0, 100)} failed.`;
    throw new AccessLinksError(code, message, { cause });
  }
}

/**
 * @internal Settles with `work`, or rejects with `message` once `ms` have passed: a port that
 * hangs is a port that failed. `work` goes on; what it settles with later is ignored.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  // Stryker disable next-line ArrowFunction: a timer left running rejects a promise the race has already let go of
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** @internal The current instant, checked. */
export function now(context: BaseContext): number {
  return instantOf(context.clock);
}

/** @internal What a clock says "now" is, checked: CLOCK_FAILED when it throws or gives no instant. */
export function instantOf(clock: Clock): number {
  let instant: unknown;
  try {
    instant = clock.now();
  } catch (cause) {
    throw new AccessLinksError('CLOCK_FAILED', 'The clock failed.', { cause });
  }
  if (typeof instant !== 'number' || !Number.isSafeInteger(instant) || instant < 0 || instant > MAX_INSTANT) {
    throw new AccessLinksError('CLOCK_FAILED', `The clock gave ${String(instant)}, not 0 to 2^48-1.`);
  }
  return instant;
}

/**
 * @internal Looks up an entry and, if it exists, its site's modules, with the rules in force:
 * the facts a policy judges (`EntryFacts` for guest links, `InviteFacts` for invites).
 */
export async function entryFacts<R>(
  context: BaseContext & { readonly rules: R },
  entryId: string,
): Promise<{ readonly entry: Entry | null; readonly site: SiteFeatures; readonly rules: R }> {
  const { entry, site } = await lookUpEntry(context, entryId);
  return { entry, site, rules: context.rules };
}

/** @internal Looks up an entry and, if it exists, its site's modules. */
export async function lookUpEntry(
  context: Pick<BaseContext, 'directory'>,
  entryId: string,
): Promise<{ readonly entry: Entry | null; readonly site: SiteFeatures }> {
  let answer: unknown;
  let features: unknown;
  try {
    answer = await context.directory.getEntry(entryId);
    if (answer === null) return { entry: null, site: NO_SITE };
  } catch (cause) {
    throw cause instanceof AccessLinksError ? cause : new AccessLinksError('DIRECTORY_FAILED', PORT_FAILED.DIRECTORY_FAILED, { cause });
  }
  let entry: Entry | null;
  try {
    entry = readEntry(answer, entryId); // a getter of the host's may throw
  } catch (cause) {
    throw new AccessLinksError('DIRECTORY_FAILED', `The directory gave an entry that cannot be read for ${JSON.stringify(entryId)}.`, { cause });
  }
  if (entry === null) throw new AccessLinksError('DIRECTORY_FAILED', `The directory gave a broken entry for ${JSON.stringify(entryId)}.`);
  try {
    features = await context.directory.getSiteFeatures(entry);
  } catch (cause) {
    throw cause instanceof AccessLinksError ? cause : new AccessLinksError('DIRECTORY_FAILED', PORT_FAILED.DIRECTORY_FAILED, { cause });
  }
  let site: SiteFeatures | null;
  try {
    site = readSiteFeatures(features);
  } catch (cause) {
    throw new AccessLinksError('DIRECTORY_FAILED', 'The directory gave site features that cannot be read.', { cause });
  }
  if (site === null) throw new AccessLinksError('DIRECTORY_FAILED', 'The directory gave broken site features.');
  return { entry, site };
}

/**
 * @internal Sets one guest-access field when it differs from what is stored, through the
 * store's atomic merge; answers the settings as they are after.
 */
export async function changeGuestAccess(
  context: Context,
  actor: Actor,
  entryId: string,
  field: 'enabled' | 'roomLocked',
  value: boolean,
): Promise<GuestAccess> {
  const current = await guestAccessOf(context, entryId);
  if (current[field] === value) return current;
  const at = now(context);
  const change = { [field]: value, updatedAt: at, updatedBy: actor.userId };
  const event = eventOf(context, {
    type: field === 'enabled' ? 'guest_access.changed' : 'room_lock.changed',
    at,
    entryId,
    actorId: actor.userId,
    subjectId: entryId,
    detail: { [field === 'enabled' ? 'enabled' : 'locked']: value },
  });
  const updated = await port('STORAGE_FAILED', () => context.store.updateGuestAccess(entryId, change, written(context, event)), context.store.name);
  told(context, event);
  return updated;
}

/** @internal Reads an entry's guest-access settings, defaulting to off. */
export async function guestAccessOf(context: Pick<Context, 'store'>, entryId: string): Promise<GuestAccess> {
  const access = await port('STORAGE_FAILED', () => context.store.getGuestAccess(entryId), context.store.name);
  return access ?? defaultGuestAccess(entryId);
}

/** @internal An actor cleared by the policy to act on an entry, with the facts it was judged on. */
export interface Authorized<F = EntryFacts> {
  readonly ok: true;
  readonly actor: Actor;
  readonly entryId: string;
  readonly facts: F;
}

/**
 * @internal Reads the input's actor and entry id (after whatever fields the caller read
 * first), refuses bad input, looks the entry up, then asks the policy whether the actor may act.
 */
export async function authorizeWith<F, C extends ReasonCode>(
  read: InputReader,
  lookUp: (entryId: string) => Promise<F>,
  policy: (facts: F, actor: Actor) => Decision<C>,
): Promise<Authorized<F> | Refusal<InputCode | C>> {
  const actor = read.actor();
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;
  const facts = await lookUp(entryId);
  const decision = policy(facts, actor);
  return decision.allowed ? { ok: true, actor, entryId, facts } : refuse(decision.reasons);
}

/** @internal {@link authorizeWith} for the guest-link operations. */
export function authorize<C extends ReasonCode>(
  context: Context,
  read: InputReader,
  policy: (facts: EntryFacts, actor: Actor) => Decision<C>,
): Promise<Authorized | Refusal<InputCode | C>> {
  return authorizeWith(read, (entryId) => entryFacts(context, entryId), policy);
}
