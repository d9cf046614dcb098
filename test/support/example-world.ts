/**
 * The world every example of the docs runs in: an entry directory, a key ring, guest links and
 * invites over the in-memory adapters, with a link, a guest and an invite in it already, and the
 * host's own functions an example may call (rendering a page, setting a cookie) as no-ops.
 */
// The built package, as a host gets it: the examples run against what is published.
import { createGuestLinks, createKeyRing } from 'access-links';
import { createHttpHandler } from 'access-links/http';
import { createInviteLinks } from 'access-links/invites';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestStore,
  createMemoryInviteStore,
  createMemoryMailer,
  createMemoryEventLog,
  createMemoryRateLimiter,
} from 'access-links/memory';

const ok = <T>(result: { ok: true; value: T } | { ok: false; code: string }): T => {
  if (!result.ok) throw new Error(`the example world could not be made: ${result.code}`);
  return result.value;
};

/** A fresh world, and the tests a conformance example registered (run by the caller). */
export async function makeWorld() {
  const tests: Promise<void>[] = [];
  const clock = createManualClock(Date.UTC(2026, 10, 23, 9));
  const owner = { userId: 'owner-1', name: 'Grace' };
  const directory = createMemoryEntryDirectory({
    entries: [
      { id: 'room-1', type: 'room', title: 'Town hall', ownerId: owner.userId, moderatorIds: ['mod-1'], available: true },
      { id: 'video-1', type: 'video', title: 'Design review', ownerId: owner.userId, coEditorIds: ['editor-1'], available: true },
      { id: 'event-1', type: 'live-event', title: 'Launch', ownerId: owner.userId, memberRoles: { 'mod-1': 'moderator' }, available: true },
    ],
  });
  const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: 'an example secret, comfortably longer than 32 bytes' }] });
  const guestStore = createMemoryGuestStore();
  const guestMailer = createMemoryMailer();
  const guestLinks = createGuestLinks({
    store: guestStore,
    directory,
    keyRing,
    clock,
    guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
    mailer: guestMailer,
    rateLimiter: createMemoryRateLimiter(),
  });
  ok(await guestLinks.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
  ok(await guestLinks.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await guestLinks.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Guest speakers', useLimit: 50 }));
  const joined = ok(await guestLinks.joinGuestLink({ token: link.token, name: 'Ada Lovelace', email: 'ada@example.org' }));
  const mailer = createMemoryMailer();
  const inviteStore = createMemoryInviteStore();
  const inviteLinks = createInviteLinks({
    store: inviteStore,
    mailer,
    directory,
    keyRing,
    clock,
    inviteUrl: (token) => `https://media.example.org/invite/${token}`,
  });
  const [invited] = ok(await inviteLinks.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['alan@example.org'] }));
  if (invited?.status !== 'invited') throw new Error('the example world could not invite');
  clock.advance(120_000);
  const noop = () => undefined;
  const currentUser = async () => owner;
  const currentClaimant = async () => ({ userId: 'u-alan', email: 'alan@example.org', emailVerified: true });
  const handler = createHttpHandler({ guestLinks, inviteLinks, authenticate: currentUser, claimant: currentClaimant, clock });
  const sent: unknown[] = [];
  process.env['SMTP_URL'] ??= 'smtp://127.0.0.1:2525';
  return {
    tests,
    world: {
      clock,
      directory,
      keyRing,
      guestStore,
      guestLinks,
      access: guestLinks,
      owner,
      actor: owner,
      entryId: 'room-1',
      link,
      token: link.token,
      cookie: joined.token,
      sessionId: joined.session.id,
      mailer,
      inviteStore,
      inviteLinks,
      invites: inviteLinks,
      inviteToken: invited.invite.token,
      inviteId: invited.invite.id,
      name: 'Grace Hopper',
      email: 'grace@example.org',
      handler,
      limiter: createMemoryRateLimiter(),
      outbox: guestStore.outbox,
      audit: createMemoryEventLog(),
      transport: { sendMail: async (mail: unknown) => (sent.push(mail), { rejected: [] }) },
      request: new Request('https://media.example.org/watch/room-1', { headers: { cookie: '' } }),
      sessions: { userOf: async () => ({ id: owner.userId, isAdmin: false, displayName: owner.name }) },
      currentUser,
      currentClaimant,
      entryPage: () => '',
      messagePage: () => '',
      renderEntry: noop,
      renderWaitingPage: noop,
      renderMessagePage: noop,
      copyToClipboard: noop,
      setCookie: noop,
      retryLater: noop,
      test: (_name: string, run: () => Promise<void>) => void tests.push(run()),
    },
  };
}
