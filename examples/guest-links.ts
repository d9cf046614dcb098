/**
 * The story of the help-centre articles, played with the in-memory adapters:
 * an owner turns guest access on for a room, creates "Guest speakers" (2 clicks, 7 days),
 * guests open and join it, a link scanner previews it, the room gets locked, the owner turns
 * guest access off, and a guest sees the message page. Then the owner invites speakers and a
 * moderator by email: the messages land in the outbox, a bounce is resent, and an invitee
 * accepts while someone with the wrong account cannot.
 *
 * Run it with `npm run example`.
 */
import { createGuestLinks, createKeyRing, generateSecret, type Result } from 'access-links';
import { createInviteLinks } from 'access-links/invites';
import {
  createManualClock,
  createMemoryEntryDirectory,
  createMemoryGuestStore,
  createMemoryInviteStore,
  createMemoryMailer,
} from 'access-links/memory';

const DAY = 24 * 60 * 60 * 1000;
const owner = { userId: 'u-owner', name: 'Grace Owner' };
const clock = createManualClock(Date.UTC(2026, 3, 16, 9, 0));
const directory = createMemoryEntryDirectory({
  entries: [
    { id: 'room-42', type: 'room', title: 'Quarterly town hall', ownerId: owner.userId, available: true },
    { id: 'chan-7', type: 'channel-room', title: 'Team channel room', ownerId: owner.userId, available: true },
  ],
});

const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] });
const access = createGuestLinks({
  store: createMemoryGuestStore(),
  directory,
  keyRing,
  guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
  clock,
});
const mailer = createMemoryMailer();
const invites = createInviteLinks({
  store: createMemoryInviteStore(),
  mailer,
  directory,
  keyRing,
  inviteUrl: (token) => `https://media.example.org/invite/${token}`,
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
  guests.items.map((g) => `${g.guestName} <${g.guestEmail}> via "${g.linkName}" (${g.status})`).join('; '),
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

console.log('\nInvite links: one person, one role\n');
mailer.failWhen((message) => message.to.toLowerCase() === 'alan@example.org'); // Alan's mailbox bounces
const speakers = show(
  'Invite three speakers (one address twice, one not an address)',
  await invites.createInvites({
    actor: owner,
    entryId: 'room-42',
    role: 'speaker',
    emails: ['ada@example.org', 'Alan@Example.org', 'ADA@example.org', 'not an address', 'katherine@example.org'],
  }),
  (outcomes) =>
    outcomes.map((o) => `\n    ${String(o.input)}: ${o.status === 'refused' ? o.reason.code : o.status === 'error' ? o.code : `${o.status}, ${'delivery' in o ? o.delivery : ''}`}`).join(''),
);
show('Invite a moderator', await invites.createInvites({ actor: owner, entryId: 'room-42', role: 'moderator', emails: ['mary@example.org'] }), (o) => o.map((x) => x.status).join());
show('Contributors are for media items, not rooms', await invites.createInvites({ actor: owner, entryId: 'room-42', role: 'contributor', emails: ['x@example.org'] }), (o) => o.map((x) => (x.status === 'refused' ? x.reason.code : x.status)).join());
console.log(`  The outbox holds ${mailer.outbox().length} messages, to ${mailer.outbox().map((m) => m.to).join(', ')}`);
console.log(`  Subject: ${mailer.outbox()[0]?.subject}`);

mailer.failWhen(null);
clock.advance(60_000);
const alan = speakers?.find((o) => String(o.input).startsWith('Alan'));
if (alan && alan.status !== 'refused' && alan.status !== 'error') {
  show('Resend to Alan after the bounce', await invites.resendInvite({ actor: owner, entryId: 'room-42', inviteId: alan.invite.id }), (i) => `${i.deliveryStatus} after ${i.deliveryAttempts} attempts`);
}

const adaInvite = speakers?.find((o) => o.input === 'ada@example.org');
if (adaInvite && adaInvite.status !== 'refused' && adaInvite.status !== 'error') {
  const token = adaInvite.invite.token;
  show('Ada opens her invite', await invites.openInvite({ token }), (l) => `"${l.entry.title}" as ${l.role}, from ${l.inviter.name}`);
  show('Someone signed in as bob@example.org tries it', await invites.acceptInvite({ token, claimant: { userId: 'u-bob', email: 'bob@example.org', emailVerified: true } }), () => '');
  show('Ada, email not yet verified', await invites.acceptInvite({ token, claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: false } }), () => '');
  show('Ada, verified', await invites.acceptInvite({ token, claimant: { userId: 'u-ada', email: 'ADA@example.org ', emailVerified: true } }), (g) => `${g.userId} is now ${g.role} of ${g.entryId}`);
  show('Ada accepts again', await invites.acceptInvite({ token, claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: true } }), (g) => `the same grant (${g.role}), nothing new`);
  show('The owner tries to revoke the accepted invite', await invites.revokeInvite({ actor: owner, entryId: 'room-42', inviteId: adaInvite.invite.id }), () => '');
}
show('Who is invited', await invites.listInvites({ actor: owner, entryId: 'room-42' }), (list) =>
  list.items.map((i) => `\n    ${i.email}: ${i.role}, ${i.state}, mail ${i.deliveryStatus}`).join(''),
);
