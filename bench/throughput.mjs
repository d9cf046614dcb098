// Throughput of the guest operations through the in-memory adapters, as ratios against a
// baseline measured in the same run: one bare Web Crypto HMAC-SHA-256 verify, the least any
// token check must do. The machine is noisy; compare ratios, not absolute figures.
import { createGuestLinks, createKeyRing, generateSecret } from 'access-links';
import { createInviteLinks } from 'access-links/invites';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestStore,
  createMemoryInviteStore,
  createMemoryMailer,
} from 'access-links/memory';

const DURATION_MS = Number(process.env.BENCH_MS ?? 1500);

async function rate(fn) {
  for (let i = 0; i < 200; i++) await fn(i); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    for (let i = 0; i < 100; i++) await fn(n++);
  }
  return (n * 1000) / (performance.now() - start);
}

const owner = { userId: 'owner' };
const access = createGuestLinks({
  store: createMemoryGuestStore(),
  directory: createMemoryEntryDirectory({ entries: [{ id: 'e', type: 'video', ownerId: owner.userId, available: true }] }),
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
  guestLinkUrl: (token) => `https://example.org/g/${token}`,
  clock: createManualClock(Date.UTC(2026, 10, 23)),
});
await access.setGuestAccess({ actor: owner, entryId: 'e', enabled: true });
const link = await access.createGuestLink({ actor: owner, entryId: 'e', name: 'Bench' });
if (!link.ok) throw new Error(link.code);
const joined = await access.joinGuestLink({ token: link.value.token, name: 'G', email: 'g@example.org' });
if (!joined.ok) throw new Error(joined.code);

const key = await crypto.subtle.importKey('raw', generateSecret(), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
const data = new TextEncoder().encode('access-links/guest-link/v1\n01KPAR9HM0RGP4C0QV9DPCBRJ4\nk1');
const signature = await crypto.subtle.sign('HMAC', key, data);

const baseline = await rate(() => crypto.subtle.verify('HMAC', key, signature, data));
const rows = [['bare HMAC verify (baseline)', baseline]];
rows.push(['openGuestLink', await rate(() => access.openGuestLink({ token: link.value.token }))]);
rows.push(['checkGuestSession', await rate(() => access.checkGuestSession({ token: joined.value.token, entryId: 'e' }))]);
rows.push(['joinGuestLink (unlimited link)', await rate((i) => access.joinGuestLink({ token: link.value.token, name: 'G', email: `g${i}@example.org` }))]);
rows.push(['listGuestLinks (1 link)', await rate(() => access.listGuestLinks({ actor: owner, entryId: 'e' }))]);

const invites = createInviteLinks({
  invites: createMemoryInviteStore(),
  mailer: createMemoryMailer(),
  directory: createMemoryEntryDirectory({ entries: [{ id: 'r', type: 'room', ownerId: owner.userId, available: true }] }),
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
  inviteUrl: (token) => `https://example.org/i/${token}`,
  clock: createManualClock(Date.UTC(2026, 10, 23)),
  rules: { pendingInviteCap: 1_000_000, resendIntervalSeconds: 0 },
});
const invited = await invites.createInvites({ actor: owner, entryId: 'r', role: 'viewer', emails: ['bench@example.org'] });
if (!invited.ok || invited.value[0].status !== 'invited') throw new Error('no invite');
const inviteToken = invited.value[0].invite.token;
rows.push(['invite (1 address, sent to the memory mailer)', await rate((i) => invites.createInvites({ actor: owner, entryId: 'r', role: 'viewer', emails: [`i${i}@example.org`] }))]);
rows.push(['openInvite', await rate(() => invites.openInvite({ token: inviteToken }))]);

console.table(
  rows.map(([operation, perSecond]) => ({
    operation,
    'ops/s': Math.round(perSecond),
    'vs baseline': `${(perSecond / baseline).toFixed(2)}×`,
  })),
);
