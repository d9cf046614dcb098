/**
 * The demo's world: a few entries of every type, a few people to sign in as, the library over
 * in-memory stores (or PostgreSQL when a connection string is given), a mailbox, the HTTP
 * handler, the capability list every page builds its actions from, and a clock the pages can
 * move forward.
 */
import { join } from 'node:path';
import { createGuestLinks, createKeyRing, generateSecret, type Actor, type Entry, type GuestStore } from 'access-links';
import { createHttpHandler, type RateLimiter } from 'access-links/http';
import { createInviteLinks, type Claimant, type Grant, type InviteStore, type MailMessage, type Mailer } from 'access-links/invites';
import { createCapabilities } from 'access-links/capabilities';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestStore,
  createMemoryInviteStore,
  createMemoryMailer,
  createMemoryNotifier,
  createMemoryOutbox,
  createMemoryRateLimiter,
} from 'access-links/memory';
import type { Clock, EventSink, Notifier, Outbox } from 'access-links';
import { createDispatcher } from 'access-links/events';
import { generateWebhookSecret, webhookConsumers, type WebhookDelivery } from 'access-links/webhooks';

/** Someone to sign in as: the switch in the page header stands in for the host's login. */
export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly note: string;
}

export const USERS: readonly DemoUser[] = [
  { id: 'olivia', name: 'Olivia (owner)', email: 'olivia@example.org', emailVerified: true, note: 'owns every entry' },
  { id: 'max', name: 'Max (moderator)', email: 'max@example.org', emailVerified: true, note: 'moderates the Town hall room' },
  { id: 'alan', name: 'Alan', email: 'alan@example.org', emailVerified: true, note: 'verified alan@example.org' },
  { id: 'alan-unverified', name: 'Alan, unverified', email: 'alan@example.org', emailVerified: false, note: 'alan@example.org, not yet verified' },
  { id: 'mallory', name: 'Mallory', email: 'mallory@example.org', emailVerified: true, note: 'verified mallory@example.org' },
];

export const ENTRIES: readonly Entry[] = [
  { id: 'design-review', type: 'video', title: 'Design review', ownerId: 'olivia', available: true },
  { id: 'podcast-12', type: 'audio', title: 'Podcast, episode 12', ownerId: 'olivia', available: true },
  { id: 'style-guide', type: 'document', title: 'Style guide', ownerId: 'olivia', available: true },
  { id: 'town-hall', type: 'room', title: 'Town hall', ownerId: 'olivia', moderatorIds: ['max'], available: true },
  { id: 'launch', type: 'live-event', title: 'Product launch', ownerId: 'olivia', moderatorIds: ['max'], available: true },
  { id: 'team-channel', type: 'channel-room', title: 'Team channel', ownerId: 'olivia', available: true },
  { id: 'photo-wall', type: 'media-gallery-room', title: 'Photo wall', ownerId: 'olivia', available: true },
];

/**
 * The demo's clock: the real time, moved forward by the "Move the clock forward" form (a manual
 * clock holds how far), so that expiry stories can be seen without waiting days.
 */
export function createDemoClock() {
  const ahead = createManualClock(0);
  return {
    now: () => Date.now() + ahead.now(),
    /** Moves the demo's time forward by this many milliseconds. */
    advance: (milliseconds: number) => ahead.advance(milliseconds),
  } satisfies Clock & { advance(milliseconds: number): void };
}

/** A message the mailer sent, with when it sent it on the demo's clock. */
export interface SentMessage extends MailMessage {
  readonly sentAt: number;
}

/** The library's memory mailer, keeping when each message went out. */
function createDemoMailer(clock: Clock) {
  const inner = createMemoryMailer();
  const times: number[] = [];
  return {
    async send(message: MailMessage) {
      await inner.send(message);
      times.push(clock.now());
    },
    outbox: (): SentMessage[] => inner.outbox().map((message, i) => ({ ...message, sentAt: times[i] ?? 0 })),
  } satisfies Mailer & { outbox(): SentMessage[] };
}

/** The roles people got by accepting an invite: the host's grant port, in memory. */
function createDemoGrants() {
  const grants: Grant[] = [];
  return {
    grant: async (grant: Grant) => {
      grants.push(grant);
    },
    /** The grant of an accepted invite to this user, if any. */
    of: (inviteId: string, userId: string) => grants.find((grant) => grant.inviteId === inviteId && grant.userId === userId) ?? null,
    /** The user's role on an entry, the latest granted. */
    roleOn: (entryId: string, userId: string) => [...grants].reverse().find((grant) => grant.entryId === entryId && grant.userId === userId)?.role ?? null,
  };
}

export interface DemoWorldOptions {
  /** The address the demo is served at, for the links it hands out. */
  readonly origin: string;
  /** A PostgreSQL connection string: the stores are on that server. */
  readonly databaseUrl?: string | undefined;
  /** Without a connection string, a folder for PGlite (PostgreSQL in the process); in-memory stores without either. */
  readonly dataDir?: string | undefined;
  /** The secret that signs tokens; a fresh one per start without one. */
  readonly secret?: string | undefined;
}

export async function createDemoWorld(options: DemoWorldOptions) {
  // Both stores write their events into one outbox, with each change.
  const inMemory = createMemoryOutbox();
  let outbox: Outbox = inMemory;
  let guests: GuestStore = createMemoryGuestStore({ outbox: inMemory });
  let invites: InviteStore = createMemoryInviteStore({ outbox: inMemory });
  let rateLimiter: RateLimiter | undefined;
  // One server hears its own changes; with PostgreSQL, every server of the database does.
  let notifier: Notifier = createMemoryNotifier();
  let close = async () => {};
  let storage = 'memory';
  if (!options.databaseUrl && options.dataDir) {
    const [{ PGlite }, postgres] = await Promise.all([import('@electric-sql/pglite'), import('access-links/postgres')]);
    const client = postgres.fromPglite(new PGlite(join(options.dataDir, 'pglite')));
    await postgres.migrate(client);
    ({ guests, invites, rateLimiter, outbox } = postgres.createPostgresStores(client));
    close = () => client.close!();
    storage = `PGlite, kept in ${options.dataDir}`;
  }
  if (options.databaseUrl) {
    storage = 'PostgreSQL';
    const [{ default: pg }, postgres] = await Promise.all([import('pg'), import('access-links/postgres')]);
    const pool = new pg.Pool({ connectionString: options.databaseUrl });
    const client = postgres.fromPg(pool);
    await postgres.migrate(client);
    ({ guests, invites, rateLimiter, outbox } = postgres.createPostgresStores(client));
    const listener = postgres.listenWithPg(async () => {
      const connection = new pg.Client({ connectionString: options.databaseUrl });
      await connection.connect();
      return connection;
    });
    const notices = await postgres.createPostgresNotifier(client, listener);
    notifier = notices;
    close = async () => {
      await notices.close();
      await pool.end();
    };
  }
  const directory = createMemoryEntryDirectory({ entries: [...ENTRIES] });
  const keyRing = await createKeyRing({ keys: [{ id: 'demo', secret: options.secret ?? generateSecret() }] });
  const clock = createDemoClock();
  const mailer = createDemoMailer(clock);
  const grants = createDemoGrants();
  // A guest's visit lasts a day, so that moving the demo's clock forward ends it (SESSION_EXPIRED).
  const rules = { guestSessionSeconds: 86_400 };
  // Links that verify addresses mail their codes through the same mailbox as invites, bounded by
  // the store's limiter where it has one (PostgreSQL, PGlite), else one of this process.
  const guestLinks = createGuestLinks({
    store: guests,
    directory,
    keyRing,
    clock,
    notifier,
    rules,
    guestLinkUrl: (token) => `${options.origin}/g/${token}`,
    mailer,
    rateLimiter: rateLimiter ?? createMemoryRateLimiter(),
    outbox: true,
  });
  const inviteLinks = createInviteLinks({ store: invites, directory, keyRing, clock, mailer, grants, inviteUrl: (token) => `${options.origin}/i/${token}`, outbox: true });
  // Every event goes out as a signed webhook, to a receiver the demo serves itself (on loopback,
  // hence allowPrivateNetworks: a host's endpoints are its partners' public URLs). The signatures
  // carry the real time, which the receiver checks; the dispatcher reads the demo's clock, as the
  // services that wrote the events do.
  const hooks = {
    get url() {
      return `${options.origin}/hooks/receiver`;
    },
    secret: generateWebhookSecret(),
    /** The latest attempts, newest first. */
    deliveries: [] as WebhookDelivery[],
    /** The ids the receiver verified and took. */
    received: new Set<string>(),
  };
  // The demo learns its own address once it listens: the endpoint is made on the first event.
  let endpoint: EventSink | undefined;
  const receiver: EventSink = {
    publish(event) {
      endpoint ??= webhookConsumers([{ name: 'demo-receiver', url: hooks.url, secret: hooks.secret }], {
        allowPrivateNetworks: true,
        timeoutMs: 5_000,
        onAttempt: (delivery) => {
          hooks.deliveries.unshift(delivery);
          hooks.deliveries.length = Math.min(hooks.deliveries.length, 200);
        },
      })['webhook:demo-receiver']!;
      return endpoint.publish(event);
    },
  };
  const dispatcher = createDispatcher({ outbox, clock, pollMs: 200, consumers: { 'webhook:demo-receiver': receiver }, onError: (error) => console.error(error) });
  dispatcher.start();
  // Delivered events are kept a week, then swept, as a host schedules it beside its other sweeps.
  const sweeping = setInterval(() => void dispatcher.sweep().catch((error: unknown) => console.error(error)), 3_600_000);
  sweeping.unref();
  // What each person may do on an entry, by the same directory, guest store and rules as the two above.
  const capabilities = createCapabilities({ directory, guestStore: guests, rules, inviteRules: {} });

  const userOf = (request: Request): DemoUser | null => {
    const match = /(?:^|;\s*)demo-user=([a-z-]+)/u.exec(request.headers.get('cookie') ?? '');
    return USERS.find((user) => user.id === match?.[1]) ?? null;
  };
  const actorOf = (request: Request): Actor | null => {
    const user = userOf(request);
    return user === null ? null : { userId: user.id, name: user.name.replace(/ \(.*\)$/u, '') };
  };
  const claimantOf = (request: Request): Claimant | null => {
    const user = userOf(request);
    return user === null ? null : { userId: user.id, email: user.email, emailVerified: user.emailVerified };
  };
  const handler = createHttpHandler({
    guestLinks,
    inviteLinks,
    authenticate: actorOf,
    claimant: claimantOf,
    ...(rateLimiter ? { rateLimiter } : {}),
    notifier,
    clock,
    onError: (error) => console.error(error),
  });
  const closeStores = close;
  close = async () => {
    clearInterval(sweeping);
    await dispatcher.stop();
    await closeStores();
  };
  return { guestLinks, inviteLinks, capabilities, clock, grants, directory, mailer, handler, userOf, actorOf, claimantOf, close, storage, hooks, dispatcher };
}

export type DemoWorld = Awaited<ReturnType<typeof createDemoWorld>>;
