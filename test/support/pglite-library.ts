import { createGuestLinks, createKeyRing, type GuestLinks } from '../../src/index';
import { createMemoryEntryDirectory } from '../../src/memory';
import { createPostgresStores, migrate, type SqlClient } from '../../src/postgres';
import { SECRET, entries } from '../harness';

/**
 * The guest-link library over the PostgreSQL adapter on a client (PGlite in these tests), its
 * schema brought up to date first: the harness's entries, its secret (so a token signed before a
 * restart verifies after it), and tokens as their own URLs.
 */
export async function guestLinksOver(client: SqlClient): Promise<GuestLinks> {
  await migrate(client);
  return createGuestLinks({
    store: createPostgresStores(client).guests,
    directory: createMemoryEntryDirectory({ entries }),
    keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] }),
    guestLinkUrl: (token) => token,
  });
}
