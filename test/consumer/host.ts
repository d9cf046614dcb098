/**
 * Host code as a careful application writes it, compiled against the packed package with the
 * strictest flags: explicit `undefined` for optional fields, unchecked index access, no DOM and
 * no Node types in the program.
 */
import { createGuestLinks, createKeyRing, isAccessLinksError, type Actor, type Entry, type GuestStore, type Result } from 'access-links';
import { createInviteLinks, type InviteOutcome } from 'access-links/invites';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore, createMemoryInviteStore, createMemoryMailer } from 'access-links/memory';
import { guestStoreConformance } from 'access-links/testing';

declare function log(...values: unknown[]): void;
declare const form: { readonly name?: string; readonly clicks?: string; readonly days?: string };

const entries: Entry[] = [{ id: "room-1", type: "room", title: undefined, ownerId: "u-1", moderatorIds: ["u-2"], available: true }];
const store: GuestStore = createMemoryGuestStore();
const guestLinks = createGuestLinks({
  store,
  directory: createMemoryEntryDirectory({ entries, site: undefined }),
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: 'a host secret that is comfortably over 32 bytes' }], signWith: undefined, hmac: undefined }),
  guestLinkUrl: (token) => `https://media.example.org/guest/${token}`,
  clock: createManualClock(0),
  outbox: undefined,
  notifier: undefined,
  onNotifierError: undefined,
  rules: { guestLinkCap: undefined, guestSessionSeconds: null },
});
const owner: Actor = { userId: 'u-1', admin: undefined, name: undefined };
await guestLinks.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
const created = await guestLinks.createGuestLink({
  actor: owner,
  entryId: 'room-1',
  name: form.name ?? 'Guests',
  useLimit: form.clicks ? Number(form.clicks) : undefined,
  durationDays: form.days ? Number(form.days) : null,
});
if (created.ok) {
  const joined = await guestLinks.joinGuestLink({ token: created.value.token, name: 'Ada', email: 'ada@example.org', clientKey: undefined });
  const check = joined.ok ? await guestLinks.checkGuestSession({ token: joined.value.token, entryId: 'room-1' }) : undefined;
  switch (check?.ok === false ? check.code : 'fine') {
    case 'GUEST_WAITING':
    case 'GUEST_DECLINED':
    case 'fine':
      break;
  }
}
const links = await guestLinks.listGuestLinks({ actor: owner, entryId: 'room-1' });
const first = links.ok ? links.value.links[0] : undefined; // noUncheckedIndexedAccess: possibly undefined
log(first?.state);

const inviteLinks = createInviteLinks({
  store: createMemoryInviteStore(),
  mailer: createMemoryMailer(),
  directory: createMemoryEntryDirectory({ entries }),
  keyRing: await createKeyRing({ keys: [{ id: 'k1', secret: 'a host secret that is comfortably over 32 bytes' }] }),
  inviteUrl: (token) => `https://media.example.org/invite/${token}`,
  renderInvite: undefined,
  grants: undefined,
  rules: { inviteDurationDays: 14, pendingInviteCap: undefined },
});
const sent: Result<readonly InviteOutcome[]> = await inviteLinks.createInvites({
  actor: owner,
  entryId: 'room-1',
  role: 'speaker',
  emails: ['ada@example.org'],
  send: undefined,
});
for (const outcome of sent.ok ? sent.value : []) {
  if (outcome.status === 'error') log(outcome.code);
  else if (outcome.status === 'refused') log(outcome.reason.code);
  else log(outcome.invite.url);
}

try {
  await guestLinks.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: 'x' });
} catch (error) {
  if (isAccessLinksError(error)) log(error.code, error.cause);
}
void guestStoreConformance;
export {};
