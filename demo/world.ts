/**
 * The demo's world: a few entries of every type, a few people to sign in as, the library over
 * in-memory stores (or PostgreSQL when a connection string is given), a mailbox, and the HTTP
 * handler.
 */
import { join } from 'node:path';
import { createGuestLinks, createKeyRing, generateSecret, type Actor, type Entry, type GuestStore } from 'access-links';
import { createHttpHandler, type RateLimiter } from 'access-links/http';
import { createInviteLinks, type Claimant, type InviteStore } from 'access-links/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer, createMemoryNotifier } from 'access-links/memory';
import type { Notifier } from 'access-links';

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
  let guests: GuestStore = createMemoryGuestStore();
  let invites: InviteStore = createMemoryInviteStore();
  let rateLimiter: RateLimiter | undefined;
  // One server hears its own changes; with PostgreSQL, every server of the database does.
  let notifier: Notifier = createMemoryNotifier();
  let close = async () => {};
  let storage = 'memory';
  if (!options.databaseUrl && options.dataDir) {
    const [{ PGlite }, postgres] = await Promise.all([import('@electric-sql/pglite'), import('access-links/postgres')]);
    const client = postgres.fromPglite(new PGlite(join(options.dataDir, 'pglite')));
    await postgres.migrate(client);
    ({ guests, invites, rateLimiter } = postgres.createPostgresStores(client));
    close = () => client.close!();
    storage = `PGlite, kept in ${options.dataDir}`;
  }
  if (options.databaseUrl) {
    storage = 'PostgreSQL';
    const [{ default: pg }, postgres] = await Promise.all([import('pg'), import('access-links/postgres')]);
    const pool = new pg.Pool({ connectionString: options.databaseUrl });
    const client = postgres.fromPg(pool);
    await postgres.migrate(client);
    ({ guests, invites, rateLimiter } = postgres.createPostgresStores(client));
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
  const mailer = createMemoryMailer();
  const guestLinks = createGuestLinks({ store: guests, directory, keyRing, events: notifier, guestLinkUrl: (token) => `${options.origin}/g/${token}` });
  const inviteLinks = createInviteLinks({ store: invites, directory, keyRing, mailer, inviteUrl: (token) => `${options.origin}/i/${token}` });

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
    onError: (error) => console.error(error),
  });
  return { guestLinks, inviteLinks, directory, mailer, handler, userOf, actorOf, claimantOf, close, storage };
}

export type DemoWorld = Awaited<ReturnType<typeof createDemoWorld>>;
