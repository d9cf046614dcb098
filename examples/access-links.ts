/**
 * The host's side of the framework examples (express.ts, fastify.ts, hono-subapp.ts, and the
 * Next.js route handler): the library over in-memory stores, one entry with guest access on and
 * a guest link, and a pretend login — the `x-user: owner` header — where a host asks its own
 * sessions. Swap the stores for `createPostgresStores(db)` and `authenticate` for your login.
 */
import { createGuestLinks, createKeyRing, generateSecret } from 'access-links';
import { createHttpHandler } from 'access-links/http';
import { createMemoryEntryDirectory, createMemoryGuestStore } from 'access-links/memory';

const owner = { userId: 'u-owner', name: 'Olivia' };

const guestLinks = createGuestLinks({
  store: createMemoryGuestStore(),
  directory: createMemoryEntryDirectory({
    entries: [{ id: 'town-hall', type: 'room', title: 'Town hall', ownerId: owner.userId, available: true }],
  }),
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: process.env['LINK_SECRET'] ?? generateSecret() }] }),
  guestLinkUrl: (token) => `https://media.example.org/g/${token}`,
});

/** The one handler every framework example mounts. */
export const handler = createHttpHandler({
  guestLinks,
  authenticate: (request) => (request.headers.get('x-user') === 'owner' ? owner : null),
});

await guestLinks.setGuestAccess({ actor: owner, entryId: 'town-hall', enabled: true });
const created = await guestLinks.createGuestLink({ actor: owner, entryId: 'town-hall', name: 'Guests' });

/** What to try once a server runs at `origin`. */
export function tryIt(origin: string): string {
  const token = created.ok ? created.value.token : '';
  return [
    `access-links at ${origin}${handler.basePath}`,
    `  curl ${origin}/access-links/openapi.json`,
    `  curl ${origin}/access-links/guest-links/${token}`,
    // A change needs the site's own Origin, as a browser sends it (curl sends none).
    `  curl -i -H 'origin: ${origin}' -H 'content-type: application/json' -d '{"name":"Ada","email":"ada@example.org"}' ${origin}/access-links/guest-links/${token}/join`,
  ].join('\n');
}
