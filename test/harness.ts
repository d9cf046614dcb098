import { createGuestLinks, createKeyRing, type GuestLinksOptions, type Entry, type GuestLinkRulesInput, type KeyRing } from '../src/index';
import { createInviteLinks, type GrantPort, type InviteRenderer, type InviteRulesInput, type InviteStore, type Mailer } from '../src/invites';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestStore,
  createMemoryInviteStore,
  createMemoryMailer,
  createMemoryRateLimiter,
  type MemoryOutbox,
} from '../src/memory';
import type { AccessEvent } from '../src/ports/events';

export const DAY = 24 * 60 * 60 * 1000;
export const START = Date.UTC(2026, 3, 16, 9, 0);

export const owner = { userId: 'u-owner' };
export const coEditor = { userId: 'u-co' };
export const moderator = { userId: 'u-mod' };
export const admin = { userId: 'u-admin', admin: true };
export const stranger = { userId: 'u-stranger' };

export const entries: Entry[] = [
  { id: 'video-1', type: 'video', title: 'Design system video', ownerId: owner.userId, coEditorIds: [coEditor.userId], available: true },
  { id: 'video-2', type: 'video', title: 'Another video', ownerId: owner.userId, available: true },
  { id: 'room-1', type: 'room', title: 'Town hall', ownerId: owner.userId, moderatorIds: [moderator.userId], available: true },
  { id: 'chan-1', type: 'channel-room', ownerId: owner.userId, available: true },
  { id: 'gallery-1', type: 'media-gallery-room', ownerId: owner.userId, available: true },
  {
    id: 'event-1',
    type: 'live-event',
    title: 'Launch <script>alert(1)</script>',
    ownerId: owner.userId,
    memberRoles: { [moderator.userId]: 'moderator', 'u-speaker': 'speaker' },
    available: true,
  },
];

export const SECRET = 'a test secret that is comfortably longer than 32 bytes';

/** A library over fresh in-memory adapters, with every part in reach of the test. */
export async function harness(overrides: { rules?: GuestLinkRulesInput; options?: Partial<GuestLinksOptions> } = {}) {
  const clock = createManualClock(START);
  const store = createMemoryGuestStore();
  const directory = createMemoryEntryDirectory({ entries });
  const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
  const access = createGuestLinks({
    store,
    directory,
    keyRing,
    clock,
    guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
    ...(overrides.rules ? { rules: overrides.rules } : {}),
    ...overrides.options,
  });
  // What a refusal must leave as it was: every record but the activity counts (A1), which count refusals too.
  const state = () => {
    const { activity: _activity, ...records } = store.inspect();
    return records;
  };
  return { access, clock, store, directory, keyRing, state };
}

/** The events a memory store has written to its outbox, oldest first: what a dispatcher would deliver. */
export function writtenEvents(store: { readonly outbox: MemoryOutbox }) {
  return { events: (): AccessEvent[] => store.outbox.records().map((record) => record.event) };
}

/** Unwraps a result that must have succeeded, failing the test with its reasons otherwise. */
export function ok<T>(result: { ok: true; value: T } | { ok: false; code: string; reasons: readonly unknown[] }): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${JSON.stringify(result.reasons)}`);
  return result.value;
}

/** Turns guest access on for an entry and creates one link, returning the link. */
export async function linkOn(
  access: Awaited<ReturnType<typeof harness>>['access'],
  entryId: string,
  fields: { name?: string; useLimit?: number; durationDays?: number } = {},
) {
  ok(await access.setGuestAccess({ actor: owner, entryId, enabled: true }));
  return ok(await access.createGuestLink({ actor: owner, entryId, name: fields.name ?? 'Link', ...fields }));
}

/** Invites over fresh in-memory adapters, sharing the guest harness's directory, keys and clock. */
export async function inviteHarness(
  overrides: {
    rules?: InviteRulesInput;
    grants?: GrantPort;
    renderInvite?: InviteRenderer;
    withMailer?: boolean;
    /** Wraps the store (to schedule or break it); the memory store stays in `store`. */
    wrapStore?: (store: InviteStore) => InviteStore;
    /** Wraps the mailer likewise. */
    wrapMailer?: (mailer: Mailer) => Mailer;
    keyRing?: KeyRing;
  } = {},
) {
  // Guest links that verify addresses mail their codes through a mailer of their own.
  const guestMailer = createMemoryMailer();
  const base = await harness({ options: { mailer: guestMailer, rateLimiter: createMemoryRateLimiter() } });
  const store = createMemoryInviteStore();
  const mailer = createMemoryMailer();
  const events = writtenEvents(store);
  const invites = createInviteLinks({
    store: overrides.wrapStore ? overrides.wrapStore(store) : store,
    ...(overrides.withMailer === false ? {} : { mailer: overrides.wrapMailer ? overrides.wrapMailer(mailer) : mailer }),
    directory: base.directory,
    keyRing: overrides.keyRing ?? base.keyRing,
    clock: base.clock,
    outbox: true,
    inviteUrl: (token) => `https://media.example.org/invite/${token}`,
    ...(overrides.rules ? { rules: overrides.rules } : {}),
    ...(overrides.grants ? { grants: overrides.grants } : {}),
    ...(overrides.renderInvite ? { renderInvite: overrides.renderInvite } : {}),
  });
  return { ...base, invites, store, mailer, events, guestMailer };
}

/** A claimant whose verified account email is `email`. */
export const claimant = (userId: string, email: string, emailVerified = true) => ({ userId, email, emailVerified });

/**
 * A mailer wrapper (for `inviteHarness`'s `wrapMailer`) that holds sends until the test lets
 * them go: every send, or only the first. `release(failure)` lets the held send through, or makes
 * it fail with `failure`.
 */
export function heldSends(options: { readonly firstOnly?: boolean } = {}) {
  let release: (failure?: Error) => void = () => undefined;
  let calls = 0;
  return {
    release: (failure?: Error) => release(failure),
    wrapMailer: (mailer: Mailer): Mailer => ({
      send: async (message) => {
        calls += 1;
        if (options.firstOnly !== true || calls === 1) {
          const failure = await new Promise<Error | undefined>((resolve) => (release = resolve));
          if (failure !== undefined) throw failure;
        }
        await mailer.send(message);
      },
    }),
  };
}
