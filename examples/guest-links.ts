/**
 * The story of the help-centre articles, played with the in-memory adapters:
 * an owner turns guest access on for a room, creates "Guest speakers" (2 clicks, 7 days),
 * guests open and join it, a link scanner previews it, the room gets locked, the owner turns
 * guest access off, and a guest sees the message page.
 *
 * Run it with `npm run example`.
 */
import { createAccessLinks, createKeyRing, generateSecret, type Result } from 'access-links';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestLinkStore,
  createMemoryGuestSessionStore,
} from 'access-links/memory';

const DAY = 24 * 60 * 60 * 1000;
const owner = { userId: 'u-owner' };
const clock = createManualClock(Date.UTC(2026, 3, 16, 9, 0));
const directory = createMemoryEntryDirectory({
  entries: [
    { id: 'room-42', type: 'room', title: 'Quarterly town hall', ownerId: owner.userId, available: true },
    { id: 'chan-7', type: 'channel-room', title: 'Team channel room', ownerId: owner.userId, available: true },
  ],
});

const access = createAccessLinks({
  guestLinks: createMemoryGuestLinkStore(),
  guestSessions: createMemoryGuestSessionStore(),
  directory,
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] }),
  guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
  clock,
});

const when = (instant: number | null) => (instant === null ? 'never' : new Date(instant).toISOString().slice(0, 16) + 'Z');
function show<T>(step: string, result: Result<T>, describe: (value: T) => string): T | undefined {
  console.log(result.ok ? `✓ ${step}: ${describe(result.value)}` : `✗ ${step}: ${result.code} (${result.message})`);
  return result.ok ? result.value : undefined;
}

console.log('Manage guest access for "Quarterly town hall" (a room)\n');

show('Create a link before guest access is on', await access.createGuestLink({ actor: owner, entryId: 'room-42', name: 'Too early' }), () => '');
show('Toggle on "Enable guest access"', await access.setGuestAccess({ actor: owner, entryId: 'room-42', enabled: true }), (a) => `guest access is ${a.enabled ? 'on' : 'off'}`);

const link = show(
  'Create "Guest speakers" with 2 clicks for 7 days',
  await access.createGuestLink({ actor: owner, entryId: 'room-42', name: 'Guest speakers', useLimit: 2, durationDays: 7 }),
  (l) => `expires ${when(l.expiresAt)}, ${l.useLimit} clicks\n    ${l.url}`,
);
if (!link) throw new Error('the example needs its link');

show('Someone else tries to create a link', await access.createGuestLink({ actor: { userId: 'u-stranger' }, entryId: 'room-42', name: 'Mine' }), () => '');
show('Guest links on a channel room', await access.setGuestAccess({ actor: owner, entryId: 'chan-7', enabled: true }), () => '');

console.log('\nGuests arrive\n');
show('A chat preview opens the link', await access.openGuestLink({ token: link.token }), (l) => `page for "${l.entry.title}", no use consumed`);
const ada = show('Ada submits her name and email', await access.joinGuestLink({ token: link.token, name: 'Ada Lovelace', email: 'ada@example.org' }), (j) => `${j.session.status}, may ${j.session.capabilities.join(', ')}`);
show('Grace types a bad email', await access.joinGuestLink({ token: link.token, name: 'Grace', email: 'grace@' }), () => '');

show('The owner locks the room', await access.setRoomLock({ actor: owner, entryId: 'room-42', locked: true }), () => 'new guests will wait');
const grace = show('Grace joins properly', await access.joinGuestLink({ token: link.token, name: 'Grace Hopper', email: 'grace@example.org' }), (j) => j.session.status);
show('Alan tries the same link', await access.joinGuestLink({ token: link.token, name: 'Alan', email: 'alan@example.org' }), () => '');
if (grace) show('The owner admits Grace', await access.admitGuest({ actor: owner, entryId: 'room-42', sessionId: grace.session.id }), (s) => s.status);

show('The list', await access.listGuestLinks({ actor: owner, entryId: 'room-42' }), (list) =>
  list.links.map((l) => `"${l.name}": ${l.state}, ${l.uses}/${l.useLimit ?? 'unlimited'} clicks, expires ${when(l.expiresAt)}`).join('; '),
);
show('Who joined', await access.listGuests({ actor: owner, entryId: 'room-42' }), (guests) =>
  guests.map((g) => `${g.guestName} <${g.guestEmail}> via "${g.linkName}" (${g.status})`).join('; '),
);

console.log('\nThe owner turns guest access off\n');
show('Toggle off "Enable guest access"', await access.setGuestAccess({ actor: owner, entryId: 'room-42', enabled: false }), (a) => `guest access is ${a.enabled ? 'on' : 'off'}`);
show('A new guest opens the link', await access.openGuestLink({ token: link.token }), () => '');
if (ada) show('Ada refreshes her page', await access.checkGuestSession({ token: ada.token, entryId: 'room-42' }), () => '');

console.log('\nEight days later, guest access back on\n');
clock.advance(8 * DAY);
show('Toggle on again', await access.setGuestAccess({ actor: owner, entryId: 'room-42', enabled: true }), () => 'on');
show('The list', await access.listGuestLinks({ actor: owner, entryId: 'room-42' }), (list) => list.links.map((l) => `"${l.name}": ${l.state}`).join('; '));
show('A forged link', await access.openGuestLink({ token: link.token.slice(0, -2) + 'AA' }), () => '');
show('The owner deletes the link', await access.deleteGuestLink({ actor: owner, entryId: 'room-42', linkId: link.id }), () => 'gone for good');
show('The deleted link', await access.openGuestLink({ token: link.token }), () => '');
