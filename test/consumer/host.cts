/** The same host in CommonJS: the package's require() entry points and their declarations. */
import { createGuestLinks, createKeyRing, type GuestLinks } from 'access-links';
import { createInviteLinks } from 'access-links/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore } from 'access-links/memory';

async function main(): Promise<GuestLinks> {
  const directory = createMemoryEntryDirectory({ entries: [{ id: 'v', type: 'video', ownerId: 'u', available: true }] });
  const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: 'a host secret that is comfortably over 32 bytes' }] });
  createInviteLinks({ store: createMemoryInviteStore(), directory, keyRing, inviteUrl: (t) => t, mailer: undefined });
  return createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (t) => t, rules: undefined });
}
void main();
