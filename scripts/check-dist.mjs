// Checks the built package as a user gets it: both module formats load and work, no shipped
// file imports a Node built-in (the core must run on any runtime with Web Crypto), and no
// declaration is deprecated (the package has one name for each thing).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const problems = [];

for (const file of readdirSync(new URL('../dist/', import.meta.url))) {
  if (!/\.(c?js)$/.test(file)) continue;
  const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  const builtin = code.match(/(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](node:[^"']+|crypto|fs|path|buffer|util)["']/);
  if (builtin) problems.push(`dist/${file} imports ${builtin[1]}`);
}
for (const file of readdirSync(new URL('../dist/', import.meta.url))) {
  if (!/\.d\.c?ts$/.test(file)) continue;
  const declarations = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  if (declarations.includes('@deprecated')) problems.push(`dist/${file} declares something @deprecated`);
}

async function roundTrip(format, core, memory) {
  const access = core.createGuestLinks({
    store: memory.createMemoryGuestStore(),
    directory: memory.createMemoryEntryDirectory({ entries: [{ id: 'e', type: 'video', ownerId: 'o', available: true }] }),
    keyRing: await core.createKeyRing({ keys: [{ id: 'k', secret: core.generateSecret() }] }),
    guestLinkUrl: (token) => `https://example.org/g/${token}`,
  });
  const actor = { userId: 'o' };
  await access.setGuestAccess({ actor, entryId: 'e', enabled: true });
  const link = await access.createGuestLink({ actor, entryId: 'e', name: 'L', useLimit: 1 });
  const joined = link.ok && (await access.joinGuestLink({ token: link.value.token, name: 'G', email: 'g@example.org' }));
  const again = link.ok && (await access.joinGuestLink({ token: link.value.token, name: 'H', email: 'h@example.org' }));
  if (!joined?.ok || again?.ok !== false) problems.push(`${format}: a one-use link did not admit exactly one guest`);
  else console.log(`${format}: loads, creates a link, admits one guest and refuses the next (${again.code})`);
}

async function inviteRoundTrip(format, core, invitesEntry, memory) {
  const mailer = memory.createMemoryMailer();
  const invites = invitesEntry.createInviteLinks({
    store: memory.createMemoryInviteStore(),
    mailer,
    directory: memory.createMemoryEntryDirectory({ entries: [{ id: 'r', type: 'room', ownerId: 'o', available: true }] }),
    keyRing: await core.createKeyRing({ keys: [{ id: 'k', secret: core.generateSecret() }] }),
    inviteUrl: (token) => `https://example.org/i/${token}`,
  });
  const sent = await invites.createInvites({ actor: { userId: 'o' }, entryId: 'r', role: 'speaker', emails: ['ada@example.org'] });
  const token = sent.ok && sent.value[0].status === 'invited' ? sent.value[0].invite.token : null;
  const claimant = { userId: 'ada', email: 'ada@example.org', emailVerified: true };
  const accepted = token && (await invites.acceptInvite({ token, claimant }));
  if (!accepted?.ok || mailer.outbox().length !== 1) problems.push(`${format}: an invite was not sent and accepted`);
  else console.log(`${format}: access-links/invites sends an invite and accepts it (${accepted.value.role})`);
}

async function capabilitiesRoundTrip(format, core, capabilitiesEntry, memory) {
  const directory = memory.createMemoryEntryDirectory({
    entries: [
      { id: 'v', type: 'video', ownerId: 'o', available: true },
      { id: 'r', type: 'room', ownerId: 'o', moderatorIds: ['m'], available: true },
    ],
  });
  const guestStore = memory.createMemoryGuestStore();
  const access = core.createGuestLinks({
    store: guestStore,
    directory,
    keyRing: await core.createKeyRing({ keys: [{ id: 'k', secret: core.generateSecret() }] }),
    guestLinkUrl: (token) => `https://example.org/g/${token}`,
  });
  const capabilities = capabilitiesEntry.createCapabilities({ directory, guestStore, inviteRules: {} });
  const owner = { userId: 'o' };
  const before = await capabilities.of({ actor: owner, entryId: 'v' });
  await access.setGuestAccess({ actor: owner, entryId: 'v', enabled: true });
  const after = await capabilities.of({ actor: owner, entryId: 'v' });
  const lock = await access.setRoomLock({ actor: owner, entryId: 'v', locked: true });
  const room = await capabilities.of({ actor: { userId: 'm' }, entryId: 'r' });
  const fine =
    before.ok && before.value.guestLinks.createGuestLink.allowed === false && before.value.guestLinks.createGuestLink.reasons[0].code === 'GUEST_ACCESS_OFF' &&
    after.ok && after.value.guestLinks.createGuestLink.allowed === true &&
    !after.value.lobby.setRoomLock.allowed && after.value.lobby.setRoomLock.reasons[0].code === 'NOT_A_ROOM' && lock.ok === false && lock.code === 'NOT_A_ROOM' &&
    room.ok && room.value.lobby.admitGuest.allowed && !room.value.guestLinks.createGuestLink.allowed && room.value.invites?.createInvites.allowed === false;
  if (!fine) problems.push(`${format}: access-links/capabilities did not answer what the operations do`);
  else console.log(`${format}: access-links/capabilities follows guest access, refuses a video's lock as setRoomLock does (NOT_A_ROOM), lets a room's moderator run the lobby but not make links or invites`);
}

await roundTrip('ESM', await import('access-links'), await import('access-links/memory'));
await roundTrip('CJS', require('access-links'), require('access-links/memory'));
await inviteRoundTrip('ESM', await import('access-links'), await import('access-links/invites'), await import('access-links/memory'));
await inviteRoundTrip('CJS', require('access-links'), require('access-links/invites'), require('access-links/memory'));
await capabilitiesRoundTrip('ESM', await import('access-links'), await import('access-links/capabilities'), await import('access-links/memory'));
await capabilitiesRoundTrip('CJS', require('access-links'), require('access-links/capabilities'), require('access-links/memory'));
// An error thrown by one build is recognised by the other's class and guard (the dual-package hazard).
{
  const [esm, cjs] = [await import('access-links'), require('access-links')];
  const memory = require('access-links/memory');
  const failing = { ...memory.createMemoryGuestStore(), getGuestAccess: () => Promise.reject(new Error('down')) };
  const access = cjs.createGuestLinks({
    store: failing,
    directory: memory.createMemoryEntryDirectory({ entries: [{ id: 'e', type: 'video', ownerId: 'o', available: true }] }),
    keyRing: await cjs.createKeyRing({ keys: [{ id: 'k', secret: cjs.generateSecret() }] }),
    guestLinkUrl: (token) => token,
  });
  const thrown = await access.setGuestAccess({ actor: { userId: 'o' }, entryId: 'e', enabled: true }).catch((error) => error);
  const fromEsm = new esm.AccessLinksError('STORAGE_FAILED', 'x');
  if (!(thrown instanceof esm.AccessLinksError) || !esm.isAccessLinksError(thrown) || !(fromEsm instanceof cjs.AccessLinksError)) {
    problems.push('an AccessLinksError of one build is not recognised by the other');
  } else {
    console.log(`ESM and CJS: an error thrown by either build is an AccessLinksError to both (${thrown.code})`);
  }
}

const expected = {
  'access-links/schemas': ['GuestLinkSchema', 'InviteSchema'],
  'access-links/testing': ['runConformance', 'guestStoreConformance', 'inviteStoreConformance'],
  'access-links/postgres': ['createPostgresStores', 'createPostgresRateLimiter', 'fromPg', 'fromPostgres', 'migrate'],
  'access-links/http': ['createHttpHandler', 'HTTP_STATUS', 'DEFAULT_HTTP_RATE_LIMITS'],
  'access-links/nodemailer': ['createNodemailerMailer'],
  'access-links/events': ['createDispatcher'],
  'access-links/webhooks': ['generateWebhookSecret', 'sendWebhook', 'signWebhook', 'verifyWebhook', 'webhookConsumers'],
  'access-links/redis': ['createRedisRateLimiter', 'fromNodeRedis', 'fromIoredis'],
  'access-links/format': ['formatExpiry', 'formatDate', 'refusalMessage', 'createInviteRenderer', 'en', 'fr', 'de'],
  'access-links/capabilities': ['createCapabilities'],
};
for (const [entry, names] of Object.entries(expected)) {
  const [esm, cjs] = [await import(entry), require(entry)];
  for (const name of names) {
    if (esm[name] === undefined || cjs[name] === undefined) problems.push(`${entry} lacks ${name} in ESM or CJS`);
  }
}
console.log(`ESM and CJS: ${Object.keys(expected).join(', ')} load with their exports`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dist: no Node built-in imported by any shipped file');
