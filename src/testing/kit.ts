/**
 * The pieces every conformance suite shares: what a case is, how to run cases under any test
 * runner, a deep equality check that needs no library, and records to store.
 */
import { monotonicFactory } from 'ulid';
import type { GuestLink } from '../domain/guest-link';
import type { GuestSession } from '../domain/guest-session';
import { pendingInvite, type Invite } from '../domain/invite';
import type { GuestStore, NewGuestSession } from '../ports/guest-store';

/**
 * One check of an adapter: a name a runner can show, and a run that throws when the adapter fails it.
 *
 * @category Running the kit
 */
export interface ConformanceCase {
  /** What is checked, as a sentence. */
  readonly name: string;
  /**
   * Runs the check; rejects with an `Error` saying what went wrong.
   * @example
   * ```ts
   * const [first] = guestStoreConformance(async () => ({ store: createMemoryGuestStore() }));
   * await first?.run(); // resolves when the adapter passes, rejects with what went wrong
   * ```
   */
  run(): Promise<void>;
}

/**
 * A fresh adapter for one case, and what else the suite may use to look behind it.
 *
 * @typeParam S - the port the adapter implements.
 * @typeParam P - what `peek` reads directly from the backing store.
 *
 * @category Running the kit
 */
export interface AdapterUnderTest<S, P = never> {
  /** The adapter, over a backing store with nothing in it for this case's entries. */
  readonly store: S;
  /**
   * A second adapter over the same backing store (another instance, another connection),
   * when there can be one: the suite checks that it sees what the first stored.
   */
  readonly second?: S | undefined;
  /**
   * Reads a record straight from the backing store, bypassing the adapter, so the suite checks
   * what was really stored rather than trusting the adapter's answers.
   */
  readonly peek?: P | undefined;
  /**
   * Called after the case, pass or fail.
   * @example
   * ```ts
   * const adapter: AdapterUnderTest<GuestStore> = {
   *   store: createMemoryGuestStore(),
   *   cleanup: async () => {
   *     // close the connections this case opened, drop its schema, …
   *   },
   * };
   * ```
   */
  readonly cleanup?: () => Promise<void> | undefined;
}

/**
 * Makes a fresh adapter for each case.
 *
 * @category Running the kit
 */
export type AdapterFactory<S, P = never> = () => Promise<AdapterUnderTest<S, P>>;

/**
 * Registers cases with a test runner. Pass the runner's own `test` or `it`: vitest's, jest's,
 * or `node:test`'s all take a name and an async function.
 *
 * @param cases - the cases, from one of the `…Conformance` functions.
 * @param test - the runner's test function.
 *
 * @example
 * ```ts
 * import { test } from 'vitest'; // or: import { test } from 'node:test';
 * import { guestStoreConformance, runConformance } from 'access-links/testing';
 *
 * runConformance(guestStoreConformance(async () => ({ store: createMemoryGuestStore() })), test);
 * ```
 *
 * @category Running the kit
 */
export function runConformance(
  cases: readonly ConformanceCase[],
  test: (name: string, run: () => Promise<void>) => unknown,
): void {
  for (const conformanceCase of cases) test(conformanceCase.name, () => conformanceCase.run());
}

/** @internal Builds a case that sets an adapter up, runs the check, and cleans up. */
export function withAdapter<S, P>(
  factory: AdapterFactory<S, P>,
  name: string,
  check: (adapter: AdapterUnderTest<S, P>) => Promise<void>,
): ConformanceCase {
  return {
    name,
    async run() {
      const adapter = await factory();
      try {
        await check(adapter);
      } finally {
        await adapter.cleanup?.();
      }
    },
  };
}

/** @internal Throws unless `condition` holds. */
export function ensure(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** @internal Throws unless `actual` and `expected` are equal as plain data. */
export function same(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

const nextId = monotonicFactory();
/** @internal A fresh id, as the library makes them. */
export const newId = (): string => nextId();
/** @internal An entry id no other case uses, so cases can share a database. */
export const newEntryId = (): string => `conformance-${nextId().toLowerCase()}`;

/** @internal A guest link to store. */
export function aLink(entryId: string, fields: Partial<GuestLink> = {}): GuestLink {
  return {
    id: newId(),
    entryId,
    name: 'Guest speakers ✓',
    useLimit: null,
    uses: 0,
    durationDays: null,
    createdAt: 1_800_000_000_000,
    expiresAt: null,
    createdBy: 'u-owner',
    allowedDomains: [],
    blockedDomains: [],
    passcodeHash: null,
    verifyEmail: false,
    ...fields,
  };
}

/** @internal A guest session to store. */
export function aSession(entryId: string, fields: Partial<GuestSession> = {}): GuestSession {
  return {
    id: newId(),
    entryId,
    linkId: newId(),
    linkName: 'Guest speakers',
    guestName: 'Ada Lovelace',
    guestEmail: 'Ada@Example.org',
    emailKey: 'ada@example.org',
    // One person per look-alike key unless a case says otherwise.
    erasureKey: fields.emailKey ?? 'ada@example.org',
    clientKey: null,
    verified: false,
    status: 'admitted',
    joinedAt: 1_800_000_000_000,
    decidedAt: null,
    decidedBy: null,
    ...fields,
  };
}

/** @internal An entry of its own with guest access on (and the room as given) at `at`, and one link on it. */
export async function openEntry(store: GuestStore, at: number, roomLocked = false, link: Partial<GuestLink> = {}): Promise<{ entryId: string; link: GuestLink }> {
  const entryId = newEntryId();
  await store.updateGuestAccess(entryId, { enabled: true, roomLocked, updatedAt: at, updatedBy: 'u-owner' });
  const stored = aLink(entryId, link);
  ensure(await store.insertLinkUnderCap(stored, 10), 'insertLinkUnderCap refused the first link of an entry');
  return { entryId, link: stored };
}

/** @internal A session of `link` for a join to store: no status yet, the store gives it one. */
export function aJoiningSession(link: GuestLink, fields: Partial<GuestSession> = {}): NewGuestSession {
  const { status: _status, ...session } = aSession(link.entryId, { linkId: link.id, linkName: link.name, ...fields });
  return session;
}

/** @internal An invite to store. */
export function anInvite(entryId: string, fields: Partial<Invite> = {}): Invite {
  const email = fields.email ?? `guest-${nextId().toLowerCase()}@example.org`;
  const invitedAt = 1_800_000_000_000;
  return {
    ...pendingInvite({
      id: newId(),
      entryId,
      email,
      emailKey: email.toLowerCase(),
      role: 'viewer',
      invitedBy: 'u-owner',
      inviterName: 'Grace',
      invitedAt,
      expiresAt: invitedAt + 7 * 86_400_000,
    }),
    ...fields,
  };
}
