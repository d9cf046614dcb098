// A round trip of both features through the package's public entry points, for every runtime
// the package claims: Node, Bun, Deno, and (bundled for a browser) an edge-runtime VM.
import { createGuestLinks, createKeyRing, generateSecret, guestEmailKey, isAccessLinksError, normalizeEmail } from 'access-links';
import { createCapabilities } from 'access-links/capabilities';
import { createHttpHandler } from 'access-links/http';
import { createInviteLinks } from 'access-links/invites';
import { createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from 'access-links/memory';

export async function roundTrips() {
  const directory = createMemoryEntryDirectory({ entries: [{ id: 'room', type: 'room', ownerId: 'o', available: true }] });
  const keyRing = await createKeyRing({ keys: [{ id: 'k', secret: generateSecret() }] });
  const owner = { userId: 'o' };
  const guestStore = createMemoryGuestStore();
  const guests = createGuestLinks({ store: guestStore, directory, keyRing, guestLinkUrl: (token) => token });
  await guests.setGuestAccess({ actor: owner, entryId: 'room', enabled: true });
  const link = await guests.createGuestLink({ actor: owner, entryId: 'room', name: 'L', useLimit: 1 });
  if (!link.ok) throw new Error(`createGuestLink: ${link.code}`);
  const joined = await guests.joinGuestLink({ token: link.value.token, name: 'G', email: 'g@example.org' });
  const again = await guests.joinGuestLink({ token: link.value.token, name: 'H', email: 'h@example.org' });
  if (!joined.ok || again.ok) throw new Error('a one-use link did not admit exactly one guest');
  const check = await guests.checkGuestSession({ token: joined.value.token, entryId: 'room' });
  if (!check.ok) throw new Error(`checkGuestSession: ${check.code}`);
  // The capability list, over the same directory and store: one link made, a cap of 2 lets one more, a cap of 1 none.
  const capabilities = await createCapabilities({ directory, guestStore, rules: { guestLinkCap: 2 } }).of({ actor: owner, entryId: 'room' });
  const full = await createCapabilities({ directory, guestStore, rules: { guestLinkCap: 1 } }).of({ actor: owner, entryId: 'room' });
  const createOne = capabilities.ok && capabilities.value.guestLinks.createGuestLink;
  const createMore = full.ok && full.value.guestLinks.createGuestLink;
  if (!createOne?.allowed || createMore?.allowed !== false || createMore.reasons[0].code !== 'GUEST_LINK_CAP_REACHED') {
    throw new Error(`capabilities: ${JSON.stringify([capabilities, full])}`);
  }

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
  // The HTTP layer, as Bun.serve, Deno.serve or a worker would call it.
  const handler = createHttpHandler({ guestLinks: guests, authenticate: () => owner });
  const origin = 'https://media.example.org';
  const created = await handler(
    new Request(`${origin}/access-links/entries/room/guest-links`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Web', useLimit: 1 }),
    }),
  );
  const web = await created.json();
  if (created.status !== 201) throw new Error(`HTTP create: ${created.status} ${web.code}`);
  const join = await handler(
    new Request(`${origin}/access-links/guest-links/${web.token}/join`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Web%20guest&email=web%40example.org',
    }),
  );
  const cookie = join.headers.get('set-cookie') ?? '';
  const session = /__Host-al-guest-[^=]+=[^;]+/.exec(cookie)?.[0];
  if (join.status !== 201 || session === undefined || !/HttpOnly/.test(cookie)) throw new Error(`HTTP join: ${join.status} ${cookie}`);
  const refresh = await handler(new Request(`${origin}/access-links/entries/room/guest-session`, { headers: { cookie: session } }));
  if (refresh.status !== 200) throw new Error(`HTTP session check: ${refresh.status}`);
  const forged = await handler(new Request(`${origin}/access-links/entries/room/guest-access`, { method: 'PUT', headers: { origin: 'https://evil.example' } }));
  if (forged.status !== 403) throw new Error(`HTTP cross-site request: ${forged.status}`);
  // Addresses: the domain through this runtime's URL parser (IDNA), the local part through the table.
  const keys = [guestEmailKey('Ada+x@MÜNCHEN.de'), guestEmailKey('аda@ＥＸＡＭＰＬＥ.org'), normalizeEmail('a@x.123'), normalizeEmail('a@b..com')];
  if (JSON.stringify(keys) !== JSON.stringify(['ada@xn--mnchen-3ya.de', 'ada@example.org', null, null])) throw new Error(`addresses: ${JSON.stringify(keys)}`);
  return `guest link, join, refresh, capabilities, invite, accept, address and HTTP round trips pass (HMAC: ${keyRing.hmac()})`;
}
