/**
 * What every service operation shares: the ports, the rules, and the wrappers that turn a
 * failing port into an {@link AccessLinksError} carrying the original failure as `cause`.
 */
import type { Actor, Entry, SiteFeatures } from '../domain/entry';
import type { ReasonCode } from '../domain/reasons';
import { refuse, type Decision, type Refusal } from '../domain/result';
import { AccessLinksError } from '../domain/errors';
import { defaultGuestAccess, type GuestAccess } from '../domain/guest-access';
import type { Rules } from '../domain/rules';
import type { EntryFacts } from '../policy/guest-policy';
import type { Clock } from '../ports/clock';
import type { EntryDirectory } from '../ports/entry-directory';
import type { GuestLinkStore } from '../ports/guest-link-store';
import type { GuestSessionStore } from '../ports/guest-session-store';
import type { KeyRing } from '../ports/key-ring';
import type { InputCode, InputReader } from './input';

/** @internal */
export interface Context {
  readonly guestLinks: GuestLinkStore;
  readonly guestSessions: GuestSessionStore;
  readonly directory: EntryDirectory;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly rules: Rules;
  readonly guestLinkUrl: (token: string) => string;
  readonly newId: (now: number) => string;
}

const MAX_INSTANT = 2 ** 48 - 1;
const NO_SITE: SiteFeatures = Object.freeze({ inviteToMediaModule: false, mediaPage: false });

const PORT_FAILED = {
  STORAGE_FAILED: 'A store failed.',
  DIRECTORY_FAILED: 'The entry directory failed.',
} as const;

/** @internal Runs a port call; a throw becomes an {@link AccessLinksError} with the cause kept. */
export async function port<T>(code: keyof typeof PORT_FAILED, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    if (cause instanceof AccessLinksError) throw cause;
    throw new AccessLinksError(code, PORT_FAILED[code], { cause });
  }
}

/** @internal The current instant, checked. */
export function now(context: Context): number {
  let instant: unknown;
  try {
    instant = context.clock.now();
  } catch (cause) {
    throw new AccessLinksError('CLOCK_FAILED', 'The clock failed.', { cause });
  }
  if (typeof instant !== 'number' || !Number.isSafeInteger(instant) || instant < 0 || instant > MAX_INSTANT) {
    throw new AccessLinksError('CLOCK_FAILED', `The clock gave ${String(instant)}, not 0 to 2^48-1.`);
  }
  return instant;
}

/** @internal Looks up an entry and, if it exists, its site's modules. */
export async function entryFacts(context: Context, entryId: string): Promise<EntryFacts> {
  const entry = await port('DIRECTORY_FAILED', () => context.directory.getEntry(entryId));
  if (entry === null) return { entry: null, site: NO_SITE, rules: context.rules };
  if (!isEntry(entry, entryId)) {
    throw new AccessLinksError('DIRECTORY_FAILED', `The directory gave a bad entry for ${entryId}.`);
  }
  const site = await port('DIRECTORY_FAILED', () =>
    context.directory.getSiteFeatures(entry),
  );
  return { entry, site, rules: context.rules };
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
  const change = { [field]: value, updatedAt: now(context), updatedBy: actor.userId };
  return port('STORAGE_FAILED', () => context.guestLinks.updateGuestAccess(entryId, change));
}

/** @internal Reads an entry's guest-access settings, defaulting to off. */
export async function guestAccessOf(context: Context, entryId: string): Promise<GuestAccess> {
  const stored = await port('STORAGE_FAILED', () =>
    context.guestLinks.getGuestAccess(entryId),
  );
  return stored ?? defaultGuestAccess(entryId);
}

function isEntry(entry: Entry, entryId: string): boolean {
  return (
    typeof entry === 'object' &&
    entry.id === entryId &&
    typeof entry.type === 'string' &&
    typeof entry.ownerId === 'string' &&
    typeof entry.available === 'boolean'
  );
}

/** @internal An actor cleared by the policy to act on an entry. */
export interface Authorized {
  readonly ok: true;
  readonly actor: Actor;
  readonly entryId: string;
  readonly facts: EntryFacts;
}

/**
 * @internal Reads the input's actor and entry id (after whatever fields the caller read
 * first), refuses bad input, then asks the policy whether the actor may act on the entry.
 */
export async function authorize<C extends ReasonCode>(
  context: Context,
  read: InputReader,
  policy: (facts: EntryFacts, actor: Actor) => Decision<C>,
): Promise<Authorized | Refusal<InputCode | C>> {
  const actor = read.actor();
  const entryId = read.entryId();
  const invalid = read.refusal();
  if (invalid) return invalid;
  const facts = await entryFacts(context, entryId);
  const decision = policy(facts, actor);
  return decision.allowed ? { ok: true, actor, entryId, facts } : refuse(decision.reasons);
}
