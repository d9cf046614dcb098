/**
 * Day thirty (R1, R2): housekeeping changes no answer, people's data can be erased, lists page,
 * and what a stranger can trigger is bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuestLinks, createKeyRing, type AccessEvent, type GuestLinkView } from '../src/index';
import { createManualClock, createMemoryEntryDirectory, createMemoryGuestStore } from '../src/memory';
import { DAY, entries, inviteHarness, harness, linkOn, ok, owner, SECRET, START, writtenEvents } from './harness';
import { runs } from './support/runs';

const admin = { userId: 'u-admin', admin: true };

/** Two libraries over their own stores, fed the same commands; the second one is swept. */
async function twins(rules: Record<string, unknown>) {
  const clock = createManualClock(START);
  const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: SECRET }] });
  const directory = createMemoryEntryDirectory({ entries });
  const make = () => {
    const store = createMemoryGuestStore();
    return { store, access: createGuestLinks({ store, directory, keyRing, clock, guestLinkUrl: (t) => t, rules }) };
  };
  return { clock, plain: make(), swept: make() };
}

/** What an answer says, without the ids and tokens that differ between twins. */
function gist(result: { ok: boolean; code?: string; reasons?: readonly { code: string }[]; value?: unknown }) {
  if (!result.ok) return { ok: false, codes: result.reasons!.map((r) => r.code) };
  const value = result.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && 'session' in value) {
    const session = value['session'] as Record<string, unknown>;
    return { ok: true, status: session['status'], guestName: session['guestName'] };
  }
  if (value && typeof value === 'object' && 'status' in value) return { ok: true, status: value['status'], guestName: value['guestName'] };
  return { ok: true };
}

type Command =
  | { do: 'link'; entry: number; useLimit: number | null; days: number | null }
  | { do: 'join'; link: number; guest: number }
  | { do: 'check'; session: number; entry: number }
  | { do: 'open'; link: number }
  | { do: 'delete'; link: number }
  | { do: 'switch'; entry: number; on: boolean }
  | { do: 'lock'; locked: boolean }
  | { do: 'decline' | 'admit'; session: number }
  | { do: 'wait'; days: number }
  | { do: 'sweep' };

const ENTRY_IDS = ['video-1', 'room-1'];
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ do: fc.constant('link' as const), entry: fc.nat(1), useLimit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), days: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }) }),
  fc.record({ do: fc.constant('join' as const), link: fc.nat(6), guest: fc.nat(4) }),
  fc.record({ do: fc.constant('join' as const), link: fc.nat(6), guest: fc.nat(4) }),
  fc.record({ do: fc.constant('check' as const), session: fc.nat(12), entry: fc.nat(1) }),
  fc.record({ do: fc.constant('check' as const), session: fc.nat(12), entry: fc.nat(1) }),
  fc.record({ do: fc.constant('open' as const), link: fc.nat(6) }),
  fc.record({ do: fc.constant('delete' as const), link: fc.nat(6) }),
  fc.record({ do: fc.constant('switch' as const), entry: fc.nat(1), on: fc.boolean() }),
  fc.record({ do: fc.constant('lock' as const), locked: fc.boolean() }),
  fc.record({ do: fc.constantFrom('decline' as const, 'admit' as const), session: fc.nat(12) }),
  fc.record({ do: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 45 }) }),
  fc.record({ do: fc.constant('sweep' as const) }),
);

describe('housekeeping (R1)', () => {
  it('for any history, sweeping (from two callers at once) changes no answer but the lists of finished things', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 20, maxLength: 80, size: 'max' }),
        fc.constantFrom(null, 3600, 40 * 86_400),
        async (commands, guestSessionSeconds) => {
          const { clock, plain, swept } = await twins({ finishedSessionRetentionDays: 7, declinedGuestRetentionDays: 20, guestLinkCap: 5, guestSessionSeconds });
          const worlds = [plain, swept].map((w) => ({ ...w, links: [] as GuestLinkView[], sessions: [] as { token: string; id: string; entryId: string }[] }));
          for (const c of commands) {
            if (c.do === 'wait') {
              clock.advance(c.days * DAY);
              continue;
            }
            if (c.do === 'sweep') {
              const [a, b] = await Promise.all([swept.access.sweep({ limit: 3 }), swept.access.sweep({ limit: 3 })]);
              expect(a.ok && b.ok).toBe(true);
              continue;
            }
            const answers = [];
            for (const w of worlds) {
              const a = w.access;
              const link = c.do === 'join' || c.do === 'open' || c.do === 'delete' ? w.links[c.link % Math.max(1, w.links.length)] : undefined;
              const session = 'session' in c ? w.sessions[c.session % Math.max(1, w.sessions.length)] : undefined;
              switch (c.do) {
                case 'link': {
                  await a.setGuestAccess({ actor: owner, entryId: ENTRY_IDS[c.entry]!, enabled: true });
                  const made = await a.createGuestLink({ actor: owner, entryId: ENTRY_IDS[c.entry]!, name: 'L', useLimit: c.useLimit, durationDays: c.days });
                  if (made.ok) w.links.push(made.value);
                  answers.push(gist(made));
                  break;
                }
                case 'join': {
                  if (!link) break;
                  const joined = await a.joinGuestLink({ token: link.token, name: `G${c.guest}`, email: `g${c.guest}@example.org` });
                  if (joined.ok) w.sessions.push({ token: joined.value.token, id: joined.value.session.id, entryId: link.entryId });
                  answers.push(gist(joined));
                  break;
                }
                case 'check': {
                  if (!session) break;
                  // A swept session's refusal keeps its code, and the reasons that stand without its
                  // record (entry, link, lifetime): not whether its guest waited or was declined.
                  const checked = gist(await a.checkGuestSession({ token: session.token, entryId: ENTRY_IDS[c.entry]! }));
                  answers.push('codes' in checked ? { ok: false, code: checked.codes[0], standing: checked.codes.filter((x) => x !== 'GUEST_DECLINED' && x !== 'GUEST_WAITING') } : checked);
                  break;
                }
                case 'open':
                  if (link) answers.push(gist(await a.openGuestLink({ token: link.token })));
                  break;
                case 'delete':
                  if (link) answers.push(gist(await a.deleteGuestLink({ actor: owner, entryId: link.entryId, linkId: link.id })));
                  break;
                case 'switch':
                  answers.push(gist(await a.setGuestAccess({ actor: owner, entryId: ENTRY_IDS[c.entry]!, enabled: c.on })));
                  break;
                case 'lock':
                  answers.push(gist(await a.setRoomLock({ actor: owner, entryId: 'room-1', locked: c.locked })));
                  break;
                case 'decline':
                case 'admit': {
                  if (!session) break;
                  const move = c.do === 'decline' ? a.declineGuest : a.admitGuest;
                  const moved = await move({ actor: owner, entryId: session.entryId, sessionId: session.id });
                  // A swept session is not found by a moderator any more: that is its list, finished.
                  answers.push(!moved.ok && moved.code === 'SESSION_NOT_FOUND' ? 'gone' : gist(moved));
                  break;
                }
              }
            }
            if (answers.length === 2 && answers.includes('gone')) {
              // Only the swept twin may have lost the session. A moderator's decision on a finished
              // session (not in the swept list) lands in one twin only: from here their states differ
              // by design, so the comparison ends.
              expect(answers[0]).not.toBe('gone');
              return;
            }
            expect(answers[1], JSON.stringify(c)).toEqual(answers[0]);
          }
          // The guest lists: the swept one holds a subset, missing only sessions of links gone or expired.
          for (const entryId of ENTRY_IDS) {
            const all = ok(await plain.access.listGuests({ actor: owner, entryId, limit: 1000 })).items.map((g) => g.id);
            const left = ok(await swept.access.listGuests({ actor: owner, entryId, limit: 1000 })).items.length;
            expect(left).toBeLessThanOrEqual(all.length);
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  it('removes what it may, keeps links and live sessions, and says when more remain', async () => {
    const { access, clock, store } = await harness({ rules: { finishedSessionRetentionDays: 30 } });
    const kept = await linkOn(access, 'video-1', { name: 'Forever' });
    const expiring = ok(await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Week', durationDays: 7 }));
    for (let i = 0; i < 5; i++) {
      ok(await access.joinGuestLink({ token: kept.token, name: `K${i}`, email: `k${i}@example.org` }));
      ok(await access.joinGuestLink({ token: expiring.token, name: `E${i}`, email: `e${i}@example.org` }));
    }
    expect(ok(await access.sweep())).toEqual({ sessions: 0, blocks: 0, activity: 0, more: false });
    clock.advance(29 * DAY);
    expect(ok(await access.sweep())).toEqual({ sessions: 0, blocks: 0, activity: 0, more: false }); // expired, but within the retention
    clock.advance(2 * DAY);
    expect(ok(await access.sweep({ limit: 3 }))).toEqual({ sessions: 3, blocks: 0, activity: 0, more: true });
    expect(ok(await access.sweep({ limit: 3 }))).toEqual({ sessions: 2, blocks: 0, activity: 0, more: false });
    expect(store.inspect().sessions.map((s) => s.guestName).sort()).toEqual(['K0', 'K1', 'K2', 'K3', 'K4']);
    expect(store.inspect().links.map((l) => [l.name, l.uses])).toEqual([['Forever', 5], ['Week', 5]]);
  });

  it('a decline lapses after declinedGuestRetentionDays, and is swept once the guest has no session left', async () => {
    const { access, clock, store } = await harness({ rules: { declinedGuestRetentionDays: 10, finishedSessionRetentionDays: 1 } });
    const link = await linkOn(access, 'room-1', { durationDays: 2 });
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@example.org' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    clock.advance(5 * DAY);
    expect(ok(await access.sweep())).toEqual({ sessions: 1, blocks: 0, activity: 0, more: false }); // the block is younger than 10 days
    clock.advance(6 * DAY);
    expect(ok(await access.sweep())).toEqual({ sessions: 0, blocks: 1, activity: 0, more: false });
    expect(store.inspect().blocks).toEqual([]);
    // The decline had lapsed anyway: a swept and an unswept store answer a rejoin alike.
    const fresh = await linkOn(access, 'room-1', { name: 'New' });
    expect(ok(await access.joinGuestLink({ token: fresh.token, name: 'Eve', email: 'eve@example.org' })).session.status).toBe('admitted');
  });

  it('sweeps finished invites after finishedInviteRetentionDays, never a pending one', async () => {
    const h = await inviteHarness({ rules: { finishedInviteRetentionDays: 30, inviteDurationDays: 7 } });
    const sent = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['a@example.org', 'b@example.org', 'c@example.org'] }));
    const [a, b] = sent.map((o) => (o.status === 'invited' ? o.invite : null));
    ok(await h.invites.acceptInvite({ token: a!.token, claimant: { userId: 'u-a', email: 'a@example.org', emailVerified: true } }));
    ok(await h.invites.revokeInvite({ actor: owner, entryId: 'room-1', inviteId: b!.id }));
    h.clock.advance(31 * DAY);
    const later = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['d@example.org'] }));
    expect(ok(await h.invites.sweep()).invites).toBe(2); // accepted and revoked 31 days ago; c expired 24 days ago
    h.clock.advance(7 * DAY);
    expect(ok(await h.invites.sweep()).invites).toBe(1); // c, 31 days after it expired
    expect(h.store.inspect().map((i) => i.email)).toEqual(['d@example.org']);
    expect(later[0]!.status).toBe('invited');
    const opened = await h.invites.openInvite({ token: a!.token });
    expect(opened.ok ? 'ok' : opened.code).toBe('INVITE_INVALID');
  });
});

describe("people's data (R1)", () => {
  it('eraseGuest removes every session of the person on every entry, in every disguise, and the event holds no address', async () => {
    const { access, store } = await harness({ options: { outbox: true } });
    const events = writtenEvents(store);
    const video = await linkOn(access, 'video-1');
    const room = await linkOn(access, 'room-1');
    const first = ok(await access.joinGuestLink({ token: video.token, name: 'Ada Lovelace', email: 'Ada@Example.org' }));
    const second = ok(await access.joinGuestLink({ token: room.token, name: 'Ada L.', email: 'ada+talks@example.org' }));
    ok(await access.joinGuestLink({ token: room.token, name: 'Bob', email: 'bob@example.org' }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: second.session.id }));
    const refused = await access.eraseGuest({ actor: owner, email: 'ada@example.org' });
    expect(refused.ok ? 'ok' : refused.code).toBe('NOT_PERMITTED');
    expect(ok(await access.eraseGuest({ actor: admin, email: 'ADA@example.org' }))).toEqual({ sessions: 2, blocks: 1 });
    const held = JSON.stringify(store.inspect());
    expect(held.toLowerCase()).not.toContain('ada@');
    expect(held).not.toContain('Ada');
    expect(store.inspect().sessions.map((s) => s.guestName)).toEqual(['Bob']);
    const erased = events.events().find((e: AccessEvent) => e.type === 'guest.erased')!;
    expect(erased).toMatchObject({ entryId: null, actorId: 'u-admin', detail: { sessions: 2, blocks: 1 } });
    expect(JSON.stringify(events.events()).toLowerCase()).not.toContain('ada');
    // The erased guest's session is simply gone.
    const check = await access.checkGuestSession({ token: first.token, entryId: 'video-1' });
    expect(check.ok).toBe(false);
  });

  it('eraseInvitee removes every invite of the address, in every state', async () => {
    const h = await inviteHarness();
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org', 'bob@example.org'] }));
    ok(await h.invites.createInvites({ actor: owner, entryId: 'event-1', role: 'viewer', emails: ['ADA@example.org'] }));
    expect(ok(await h.invites.eraseInvitee({ actor: admin, email: ' Ada@Example.org ' }))).toEqual({ invites: 2 });
    expect(h.store.inspect().map((i) => i.email)).toEqual(['bob@example.org']);
    expect(h.events.events().some((e) => e.type === 'invitee.erased' && e.entryId === null)).toBe(true);
  });
});

describe('paging (R2)', () => {
  it('pages through 3,000 guests while others join: no guest twice, none missed, in joining order', async () => {
    const { access } = await harness({ rules: { maxGuestsPerLink: 100_000 } });
    const link = await linkOn(access, 'video-1');
    const before: string[] = [];
    for (let i = 0; i < 3000; i++) before.push(ok(await access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` })).session.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let joins = 0;
    do {
      const page: { items: readonly { id: string }[]; next: string | null } = ok(await access.listGuests({ actor: owner, entryId: 'video-1', limit: 250, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(250);
      seen.push(...page.items.map((g) => g.id));
      cursor = page.next;
      for (let i = 0; i < 7; i++) ok(await access.joinGuestLink({ token: link.token, name: 'Late', email: `late${joins++}@example.org` }));
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(before.every((id) => seen.includes(id))).toBe(true);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by status, refuses a bad limit, cursor or status as bad input, and defaults to 100', async () => {
    const { access } = await harness();
    const link = await linkOn(access, 'room-1', { useLimit: 500 });
    for (let i = 0; i < 120; i++) ok(await access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` }));
    const first = ok(await access.listGuests({ actor: owner, entryId: 'room-1' }));
    expect(first.items).toHaveLength(100);
    expect(first.next).not.toBeNull();
    expect(ok(await access.listGuests({ actor: owner, entryId: 'room-1', cursor: first.next })).items).toHaveLength(20);
    expect(ok(await access.listGuests({ actor: owner, entryId: 'room-1', status: 'waiting' })).items).toEqual([]);
    for (const [input, code] of [
      [{ limit: 0 }, 'INVALID_LIMIT'],
      [{ limit: 1001 }, 'INVALID_LIMIT'],
      [{ cursor: 'page-2' }, 'INVALID_CURSOR'],
      [{ status: 'gone' }, 'INVALID_STATUS'],
    ] as const) {
      const refused = await access.listGuests({ actor: owner, entryId: 'room-1', ...(input as object) });
      expect(refused.ok ? 'ok' : [refused.code, refused.reasons[0]!.path]).toEqual([code, [Object.keys(input)[0]]]);
    }
  });

  it('pages invites, and filters them by state', async () => {
    const h = await inviteHarness({ rules: { pendingInviteCap: 1000 } });
    const emails = Array.from({ length: 30 }, (_, i) => `p${i}@example.org`);
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails, send: false }));
    const first = ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1', limit: 20 }));
    const second = ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1', limit: 20, cursor: first.next }));
    expect([...first.items, ...second.items].map((i) => i.email)).toEqual(emails);
    expect(second.next).toBeNull();
    h.clock.advance(8 * DAY);
    expect(ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1', state: 'expired', limit: 1000 })).items).toHaveLength(30);
  });
});

describe("the invitee's own list (I1)", () => {
  it('shows a verified user the invites they may still accept, on every entry', async () => {
    const h = await inviteHarness();
    ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'speaker', emails: ['alan@example.org'] }));
    ok(await h.invites.createInvites({ actor: owner, entryId: 'event-1', role: 'viewer', emails: ['ALAN@example.org', 'bob@example.org'] }));
    const alan = { userId: 'u-alan', email: 'Alan@Example.org', emailVerified: true };
    const mine = ok(await h.invites.listInvitesFor({ claimant: alan }));
    expect(mine.items.map((i) => [i.entry.id, i.entry.title, i.role])).toEqual([
      ['room-1', 'Town hall', 'speaker'],
      ['event-1', 'Launch <script>alert(1)</script>', 'viewer'],
    ]);
    ok(await h.invites.acceptInvite({ token: mine.items[0]!.token, claimant: alan }));
    expect(ok(await h.invites.listInvitesFor({ claimant: alan })).items).toHaveLength(1);
    const unverified = await h.invites.listInvitesFor({ claimant: { ...alan, emailVerified: false } });
    expect(unverified.ok ? 'ok' : unverified.code).toBe('EMAIL_NOT_VERIFIED');
  });
});

describe('growth bounds (R2)', () => {
  it('an unlimited link admits maxGuestsPerLink guests, then LINK_GUEST_CAP_REACHED', async () => {
    const { access } = await harness({ rules: { maxGuestsPerLink: 3 } });
    const link = await linkOn(access, 'video-1');
    for (let i = 0; i < 3; i++) ok(await access.joinGuestLink({ token: link.token, name: `G${i}`, email: `g${i}@example.org` }));
    const refused = await access.joinGuestLink({ token: link.token, name: 'Late', email: 'late@example.org' });
    expect(refused.ok ? 'ok' : refused.code).toBe('LINK_GUEST_CAP_REACHED');
    // The list and the landing page tell the same truth: the link admits nobody more.
    expect(ok(await access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.state).toBe('used_up');
    const opened = await access.openGuestLink({ token: link.token });
    expect(opened.ok ? 'ok' : opened.code).toBe('LINK_GUEST_CAP_REACHED');
  });

  it('a locked room holds maxWaitingGuestsPerRoom waiting guests, then WAITING_ROOM_FULL; admitting makes room', async () => {
    const { access } = await harness({ rules: { maxWaitingGuestsPerRoom: 2 } });
    const link = await linkOn(access, 'room-1');
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const first = ok(await access.joinGuestLink({ token: link.token, name: 'A', email: 'a@example.org' }));
    ok(await access.joinGuestLink({ token: link.token, name: 'B', email: 'b@example.org' }));
    const full = await access.joinGuestLink({ token: link.token, name: 'C', email: 'c@example.org' });
    expect(full.ok ? 'ok' : full.code).toBe('WAITING_ROOM_FULL');
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: first.session.id }));
    expect(ok(await access.joinGuestLink({ token: link.token, name: 'C', email: 'c@example.org' })).session.status).toBe('waiting');
  });

  it('the bounds are rules with documented defaults, checked like every rule', async () => {
    const { access } = await harness();
    expect([access.rules.maxGuestsPerLink, access.rules.maxWaitingGuestsPerRoom, access.rules.finishedSessionRetentionDays, access.rules.declinedGuestRetentionDays]).toEqual([10_000, 500, 30, 365]);
    expect(() =>
      createGuestLinks({
        store: createMemoryGuestStore(),
        directory: createMemoryEntryDirectory(),
        keyRing: { signingKeyId: () => 'k', sign: async () => new Uint8Array(32), verify: async () => false },
        guestLinkUrl: (t) => t,
        rules: { maxWaitingGuestsPerRoom: 0 },
      }),
    ).toThrow(/maxWaitingGuestsPerRoom/);
  });
});
