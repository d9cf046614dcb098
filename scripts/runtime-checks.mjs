// A round trip of both features through the package's public entry points, for every runtime
// the package claims: Node, Bun, Deno, and (bundled for a browser) an edge-runtime VM.
import { createGuestLinks, createKeyRing, generateSecret, isAccessLinksError } from 'access-links';
import { createInviteLinks } from 'access-links/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from 'access-links/memory';

export async function roundTrips() {
  const directory = createMemoryEntryDirectory({ entries: [{ id: 'room', type: 'room', ownerId: 'o', available: true }] });
  const keyRing = await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] });
  const owner = { userId: 'o' };
  const guests = createGuestLinks({ store: createMemoryGuestStore(), directory, keyRing, guestLinkUrl: (token) => token });
  await guests.setGuestAccess({ actor: owner, entryId: 'room', enabled: true });
  const link = await guests.createGuestLink({ actor: owner, entryId: 'room', name: 'L', useLimit: 1 });
  if (!link.ok) throw new Error(`createGuestLink: ${link.code}`);
  const joined = await guests.joinGuestLink({ token: link.value.token, name: 'G', email: 'g@example.org' });
  const again = await guests.joinGuestLink({ token: link.value.token, name: 'H', email: 'h@example.org' });
  if (!joined.ok || again.ok) throw new Error('a one-use link did not admit exactly one guest');
  const check = await guests.checkGuestSession({ token: joined.value.token, entryId: 'room' });
  if (!check.ok) throw new Error(`checkGuestSession: ${check.code}`);

  const mailer = createMemoryMailer();
  const invites = createInviteLinks({ store: createMemoryInviteStore(), mailer, directory, keyRing, inviteUrl: (token) => token });
  const sent = await invites.createInvites({ actor: owner, entryId: 'room', role: 'speaker', emails: ['ada@example.org'] });
  const invite = sent.ok && sent.value[0]?.status === 'invited' ? sent.value[0].invite : null;
  if (invite === null || mailer.outbox().length !== 1) throw new Error('an invite was not sent');
  const accepted = await invites.acceptInvite({ token: invite.token, claimant: { userId: 'ada', email: 'ada@example.org', emailVerified: true } });
  if (!accepted.ok) throw new Error(`acceptInvite: ${accepted.code}`);

  const failing = createGuestLinks({
    store: { ...createMemoryGuestStore(), getGuestAccess: () => Promise.reject(new Error('down')) },
    directory,
    keyRing,
    guestLinkUrl: (token) => token,
  });
  const error = await failing.setGuestAccess({ actor: owner, entryId: 'room', enabled: true }).catch((e) => e);
  if (!isAccessLinksError(error) || error.code !== 'STORAGE_FAILED') throw new Error('a failing store did not surface as STORAGE_FAILED');
  return `guest link, join, refresh, invite and accept round trips pass (HMAC: ${keyRing.hmac()})`;
}
