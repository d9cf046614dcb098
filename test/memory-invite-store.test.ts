/**
 * The in-memory invite store against the port's contract, on the paths where its indexes (each
 * address's live invite on an entry, the pending expiries, the count of invites being accepted,
 * each address's invites across entries) must follow every change: acceptance, erasure, the
 * sweep, and a delivery recorded after the invite was finished. Each case reads the indexes
 * through what they decide: `insertInvite`'s answers under the pending cap, `listInvitesFor`,
 * and the sweep's counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Invite } from '../src/invites';
import { pendingInvite } from '../src/invites';
import { createMemoryInviteStore } from '../src/memory';
import { runs } from './support/runs';
import { TIED_ORDER } from './support/ties';

const DAY = 86_400_000;
let serial = 0;
/** A fresh id, above every id made before (ids are ULIDs: increasing is newer). */
const nextId = () => `01JDQ${String(serial++).padStart(21, '0')}`;

function invite(email: string, fields: Partial<Pick<Invite, 'id' | 'entryId' | 'invitedAt' | 'expiresAt'>> = {}): Invite {
  const invitedAt = fields.invitedAt ?? 1_000;
  return pendingInvite({
    id: fields.id ?? nextId(),
    entryId: fields.entryId ?? 'room-1',
    email,
    emailKey: email,
    role: 'viewer',
    invitedBy: 'owner-1',
    inviterName: null,
    invitedAt,
    expiresAt: fields.expiresAt ?? invitedAt + 7 * DAY,
  });
}

/** Inserts an invite that must be stored. */
async function stored(store: ReturnType<typeof createMemoryInviteStore>, value: Invite, now = value.invitedAt): Promise<Invite> {
  expect(await store.insertInvite(value, 100, now)).toEqual({ status: 'inserted' });
  return value;
}

describe('the memory invite store: the pending cap follows every change', () => {
  it('counts an invite being accepted, and stops counting it once accepted', async () => {
    const store = createMemoryInviteStore();
    const expiresAt = 1_000 + 7 * DAY;
    const a = await stored(store, invite('a@example.org', { expiresAt }));
    await stored(store, invite('b@example.org', { expiresAt }));
    const claim = { by: 'u-a', claimedAt: 2_000 };
    expect((await store.startAcceptance(a.id, claim, 0))?.state).toBe('accepting');
    // a (accepting) and b (pending) fill a cap of 2.
    expect(await store.insertInvite(invite('c@example.org'), 2, 2_000)).toEqual({ status: 'cap_reached' });
    expect((await store.completeAcceptance(a.id, claim))?.state).toBe('accepted');
    // Only b counts now: one place is free, and one only.
    expect(await store.insertInvite(invite('c@example.org', { expiresAt }), 2, 3_000)).toEqual({ status: 'inserted' });
    expect(await store.insertInvite(invite('d@example.org'), 2, 3_000)).toEqual({ status: 'cap_reached' });
  });

  it('counts an invite given back by a failed grant as pending again', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org'));
    const claim = { by: 'u-a', claimedAt: 2_000 };
    await store.startAcceptance(a.id, claim, 0);
    const back = await store.abandonAcceptance(a.id, claim);
    expect(back).toMatchObject({ state: 'pending', acceptedBy: null, decidedBy: null });
    expect(await store.insertInvite(invite('b@example.org'), 1, 3_000)).toEqual({ status: 'cap_reached' });
    expect(await store.insertInvite(invite('b@example.org'), 2, 3_000)).toEqual({ status: 'inserted' });
  });

  it('frees the place of an erased pending invite', async () => {
    const store = createMemoryInviteStore();
    await stored(store, invite('a@example.org'));
    expect(await store.insertInvite(invite('b@example.org'), 1, 2_000)).toEqual({ status: 'cap_reached' });
    expect(await store.eraseInvitee('a@example.org')).toBe(1);
    expect(await store.insertInvite(invite('b@example.org'), 1, 2_000)).toEqual({ status: 'inserted' });
  });

  it('frees the place of an erased invite being accepted', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org'));
    await store.startAcceptance(a.id, { by: 'u-a', claimedAt: 2_000 }, 0);
    expect(await store.insertInvite(invite('b@example.org'), 1, 2_000)).toEqual({ status: 'cap_reached' });
    expect(await store.eraseInvitee('a@example.org')).toBe(1);
    expect(await store.insertInvite(invite('b@example.org'), 1, 2_000)).toEqual({ status: 'inserted' });
  });

  it('frees no place when an erased invite had none, even one expiring with a pending one', async () => {
    const store = createMemoryInviteStore();
    const expiresAt = 1_000 + 7 * DAY;
    const a = await stored(store, invite('a@example.org', { expiresAt }));
    await store.startAcceptance(a.id, { by: 'u-a', claimedAt: 2_000 }, 0);
    await stored(store, invite('c@example.org', { expiresAt }));
    const b = await stored(store, invite('b@example.org', { expiresAt }));
    expect((await store.finishInvite(b.id, { to: 'revoked', at: 3_000, by: 'owner-1' }))?.state).toBe('revoked');
    expect(await store.eraseInvitee('b@example.org')).toBe(1);
    // a (accepting) and c (pending) still fill a cap of 2.
    expect(await store.insertInvite(invite('d@example.org'), 2, 4_000)).toEqual({ status: 'cap_reached' });
    expect(await store.insertInvite(invite('d@example.org'), 3, 4_000)).toEqual({ status: 'inserted' });
  });
});

describe('the memory invite store: an address keeps one live invite per entry', () => {
  it('sweeping a finished invite leaves the address\'s newer live invite in place', async () => {
    const store = createMemoryInviteStore();
    const old = await stored(store, invite('a@example.org'));
    await store.finishInvite(old.id, { to: 'revoked', at: 2_000, by: 'owner-1' });
    const renewed = await stored(store, invite('a@example.org', { invitedAt: 3_000 }));
    expect(await store.sweep({ now: 10_000, finishedBefore: 5_000, limit: 10 })).toEqual({ invites: 1, more: false });
    const again = await store.insertInvite(invite('a@example.org', { invitedAt: 6_000 }), 100, 6_000);
    expect(again).toMatchObject({ status: 'exists', invite: { id: renewed.id } });
  });

  it('recording a send of a revoked invite leaves the address\'s newer live invite in place', async () => {
    const store = createMemoryInviteStore();
    const old = await stored(store, invite('a@example.org'));
    const claim = await store.claimDelivery(old.id, { at: 2_000, intervalMs: 60_000, timeoutMs: 30_000 }, 100);
    expect(claim.status).toBe('claimed');
    // Revoked while its message was being sent (no `unlessSendingSince`): the send may still be recorded.
    expect((await store.finishInvite(old.id, { to: 'revoked', at: 2_500, by: 'owner-1' }))?.state).toBe('revoked');
    const renewed = await stored(store, invite('a@example.org', { invitedAt: 3_000 }));
    const recorded = await store.recordDelivery(old.id, { claimedAt: 2_000, status: 'sent', error: null });
    expect(recorded).toMatchObject({ state: 'revoked', deliveryStatus: 'sent' });
    const again = await store.insertInvite(invite('a@example.org', { invitedAt: 4_000 }), 100, 4_000);
    expect(again).toMatchObject({ status: 'exists', invite: { id: renewed.id } });
  });
});

describe('the memory invite store: each address\'s invites across entries', () => {
  it('still lists and erases an address\'s other invites after one of them is swept', async () => {
    const store = createMemoryInviteStore();
    const first = await stored(store, invite('a@example.org', { entryId: 'room-1' }));
    const second = await stored(store, invite('a@example.org', { entryId: 'room-2' }));
    await store.finishInvite(first.id, { to: 'declined', at: 2_000, by: 'u-a' });
    expect(await store.sweep({ now: 10_000, finishedBefore: 5_000, limit: 10 })).toEqual({ invites: 1, more: false });
    expect((await store.listInvitesFor('a@example.org', { now: 10_000, after: null, limit: 10 })).map((i) => i.id)).toEqual([second.id]);
    expect(await store.eraseInvitee('a@example.org')).toBe(1);
    expect(await store.eraseInvitee('a@example.org')).toBe(0);
    expect(await store.listInvitesFor('a@example.org', { now: 10_000, after: null, limit: 10 })).toEqual([]);
    expect(store.inspect()).toEqual([]);
  });

  it('lists nothing for an address it never saw', async () => {
    const store = createMemoryInviteStore();
    await stored(store, invite('a@example.org'));
    expect(await store.listInvitesFor('nobody@example.org', { now: 2_000, after: null, limit: 10 })).toEqual([]);
    expect(await store.eraseInvitee('nobody@example.org')).toBe(0);
  });
});

describe('the memory invite store: the sweep', () => {
  it('removes accepted, declined and revoked invites finished strictly before the cut-off', async () => {
    const store = createMemoryInviteStore();
    const declined = await stored(store, invite('d@example.org'));
    const revoked = await stored(store, invite('r@example.org'));
    const accepted = await stored(store, invite('a@example.org'));
    await store.finishInvite(declined.id, { to: 'declined', at: 5_000, by: 'u-d' });
    await store.finishInvite(revoked.id, { to: 'revoked', at: 5_000, by: 'owner-1' });
    await store.finishInvite(accepted.id, { to: 'accepted', at: 5_000, by: 'u-a' });
    // Finished at the cut-off is not finished before it.
    expect(await store.sweep({ now: 10_000, finishedBefore: 5_000, limit: 10 })).toEqual({ invites: 0, more: false });
    expect(await store.sweep({ now: 10_000, finishedBefore: 5_001, limit: 10 })).toEqual({ invites: 3, more: false });
    expect(store.inspect()).toEqual([]);
  });

  it('removes a pending invite only once it expired before the cut-off and by now', async () => {
    const store = createMemoryInviteStore();
    const soon = await stored(store, invite('s@example.org', { expiresAt: 4_000 }));
    const atCut = await stored(store, invite('c@example.org', { expiresAt: 5_000 }));
    // Expired before the cut-off, but not yet at `now`: still pending.
    expect(await store.sweep({ now: 3_999, finishedBefore: 6_000, limit: 10 })).toEqual({ invites: 0, more: false });
    // Expired at the cut-off itself: kept; expired exactly at `now`: removed.
    expect(await store.sweep({ now: 4_000, finishedBefore: 5_000, limit: 10 })).toEqual({ invites: 1, more: false });
    expect(store.inspect().map((i) => i.id)).toEqual([atCut.id]);
    expect(await store.getInvite(soon.id)).toBeNull();
    // Expired at the cut-off, even long before `now`, is not expired before the cut-off.
    expect(await store.sweep({ now: 9_000, finishedBefore: 5_000, limit: 10 })).toEqual({ invites: 0, more: false });
    expect(await store.sweep({ now: 9_000, finishedBefore: 5_001, limit: 10 })).toEqual({ invites: 1, more: false });
  });

  it('never removes an invite being accepted, however old its expiry', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org', { expiresAt: 3_000 }));
    await store.startAcceptance(a.id, { by: 'u-a', claimedAt: 2_000 }, 0);
    expect(await store.sweep({ now: 100 * DAY, finishedBefore: 50 * DAY, limit: 10 })).toEqual({ invites: 0, more: false });
    expect((await store.getInvite(a.id))?.state).toBe('accepting');
  });

  it('says more may remain only when it reached its limit', async () => {
    const store = createMemoryInviteStore();
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) await stored(store, invite(email, { expiresAt: 2_000 }));
    expect(await store.sweep({ now: 1_500, finishedBefore: 10_000, limit: 2 })).toEqual({ invites: 0, more: false });
    expect(await store.sweep({ now: 3_000, finishedBefore: 10_000, limit: 2 })).toEqual({ invites: 2, more: true });
    expect(await store.sweep({ now: 3_000, finishedBefore: 10_000, limit: 2 })).toEqual({ invites: 1, more: false });
  });
});

describe('the memory invite store: claims and decisions', () => {
  const timing = { intervalMs: 10, timeoutMs: 100 };

  it('lets a send be claimed again after the interval once the last one finished, in-flight timeout or not', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org'));
    expect((await store.claimDelivery(a.id, { at: 2_000, ...timing }, 100)).status).toBe('claimed');
    await store.recordDelivery(a.id, { claimedAt: 2_000, status: 'sent', error: null });
    expect((await store.claimDelivery(a.id, { at: 2_009, ...timing }, 100)).status).toBe('too_soon');
    const again = await store.claimDelivery(a.id, { at: 2_050, ...timing }, 100);
    expect(again).toMatchObject({ status: 'claimed', invite: { deliveryStatus: 'sending', lastSentAt: 2_050, deliveryAttempts: 2 } });
  });

  it('lets a send in flight be taken over once its claim is exactly the timeout old', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org'));
    await store.claimDelivery(a.id, { at: 2_000, ...timing }, 100);
    expect((await store.claimDelivery(a.id, { at: 2_099, ...timing }, 100)).status).toBe('too_soon');
    expect(await store.claimDelivery(a.id, { at: 2_100, ...timing }, 100)).toMatchObject({ status: 'claimed', invite: { lastSentAt: 2_100 } });
  });

  it('applies the pending cap to a claim only when its expiry revives the invite', async () => {
    const store = createMemoryInviteStore();
    const expired = await stored(store, invite('a@example.org', { expiresAt: 1_500 }));
    await stored(store, invite('b@example.org', { expiresAt: 10 * DAY }), 1_000);
    // An expiry at the claim's instant does not revive: the cap does not apply.
    const claimed = await store.claimDelivery(expired.id, { at: 2_000, ...timing, expiresAt: 2_000 }, 1);
    expect(claimed).toMatchObject({ status: 'claimed', invite: { expiresAt: 2_000 } });
    // A later expiry would: the cap of 1 is full.
    expect((await store.claimDelivery(expired.id, { at: 3_000, ...timing, expiresAt: 4_000 }, 1)).status).toBe('cap_reached');
  });

  it('sets acceptedBy on acceptance only; decidedBy on every final state', async () => {
    const store = createMemoryInviteStore();
    const revoked = await stored(store, invite('r@example.org'));
    const declined = await stored(store, invite('d@example.org'));
    const accepted = await stored(store, invite('a@example.org'));
    expect(await store.finishInvite(revoked.id, { to: 'revoked', at: 2_000, by: 'owner-1' })).toMatchObject({ state: 'revoked', acceptedBy: null, decidedBy: 'owner-1' });
    expect(await store.finishInvite(declined.id, { to: 'declined', at: 2_000, by: 'u-d' })).toMatchObject({ state: 'declined', acceptedBy: null, decidedBy: 'u-d' });
    expect(await store.finishInvite(accepted.id, { to: 'accepted', at: 2_000, by: 'u-a' })).toMatchObject({ state: 'accepted', acceptedBy: 'u-a', decidedBy: 'u-a' });
  });

  it('completes, gives back or restarts only an acceptance still in progress', async () => {
    const store = createMemoryInviteStore();
    const a = await stored(store, invite('a@example.org'));
    const claim = { by: 'u-a', claimedAt: 2_000 };
    await store.startAcceptance(a.id, claim, 0);
    // Only the acceptance's own claim, by its user and from its instant, completes it or gives it back.
    for (const other of [{ by: 'u-other', claimedAt: 2_000 }, { by: 'u-a', claimedAt: 1_999 }]) {
      expect(await store.completeAcceptance(a.id, other)).toBeNull();
      expect(await store.abandonAcceptance(a.id, other)).toBeNull();
    }
    expect((await store.getInvite(a.id))?.state).toBe('accepting');
    expect((await store.completeAcceptance(a.id, claim))?.state).toBe('accepted');
    // Accepted is final: the same claim completes nothing more, gives nothing back, and the
    // acceptance cannot be started anew, however stale.
    expect(await store.completeAcceptance(a.id, claim)).toBeNull();
    expect(await store.abandonAcceptance(a.id, claim)).toBeNull();
    expect(await store.startAcceptance(a.id, { by: 'u-a', claimedAt: 9_000 }, 100 * DAY)).toBeNull();
    expect(await store.getInvite(a.id)).toMatchObject({ state: 'accepted', acceptedBy: 'u-a', updatedAt: 2_000 });
    // A stale acceptance in progress by the same user is taken over.
    const b = await stored(store, invite('b@example.org'));
    await store.startAcceptance(b.id, { by: 'u-b', claimedAt: 2_000 }, 0);
    expect(await store.startAcceptance(b.id, { by: 'u-b', claimedAt: 3_000 }, 2_000)).toBeNull();
    expect(await store.startAcceptance(b.id, { by: 'u-b', claimedAt: 3_000 }, 2_001)).toMatchObject({ state: 'accepting', updatedAt: 3_000 });
  });
});

describe('the memory invite store: inspect', () => {
  it('answers every invite oldest first, by invitation time then id', async () => {
    const store = createMemoryInviteStore();
    const ids = Array.from({ length: 8 }, nextId);
    for (const [n, rank] of TIED_ORDER) await stored(store, invite(`p${n}@example.org`, { id: ids[n]!, invitedAt: rank * 100 }));
    expect(store.inspect().map((i) => ids.indexOf(i.id))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

type Op =
  | { do: 'invite'; entry: number; person: number; ttl: number; cap: number }
  | { do: 'revoke' | 'decline' | 'start' | 'complete' | 'abandon'; pick: number }
  | { do: 'erase'; person: number }
  | { do: 'sweep'; age: number }
  | { do: 'wait'; ms: number };

const ops: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ do: fc.constant('invite' as const), entry: fc.nat(1), person: fc.nat(3), ttl: fc.integer({ min: 1, max: 4_000 }), cap: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constantFrom('revoke' as const, 'decline' as const, 'start' as const, 'complete' as const, 'abandon' as const), pick: fc.nat(30) }) },
  fc.record({ do: fc.constant('erase' as const), person: fc.nat(3) }),
  fc.record({ do: fc.constant('sweep' as const), age: fc.nat(3_000) }),
  { weight: 2, arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 2_000 }) }) },
);

interface ModelInvite {
  readonly id: string;
  readonly entryId: string;
  readonly emailKey: string;
  readonly expiresAt: number;
  state: Invite['state'];
  updatedAt: number;
  claimedAt: number | null;
}

describe('the memory invite store against a plain model', () => {
  it('answers inserts under the cap, lists, erasures and sweeps as a scan of every invite would, for any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 60 }), async (sequence) => {
        const store = createMemoryInviteStore();
        let now = 10_000;
        let model: ModelInvite[] = [];
        const everMade: ModelInvite[] = [];
        const live = (i: ModelInvite) => i.state === 'pending' || i.state === 'accepting' || i.state === 'accepted';
        const counts = (i: ModelInvite) => i.state === 'accepting' || (i.state === 'pending' && now < i.expiresAt);
        for (const o of sequence) {
          now += 1;
          switch (o.do) {
            case 'invite': {
              const entryId = `room-${o.entry}`;
              const emailKey = `p${o.person}@example.org`;
              const made = invite(emailKey, { entryId, invitedAt: now, expiresAt: now + o.ttl });
              const holder = model.find((i) => i.entryId === entryId && i.emailKey === emailKey && live(i));
              const full = model.filter((i) => i.entryId === entryId && counts(i)).length >= o.cap;
              const outcome = await store.insertInvite(made, o.cap, now);
              if (holder !== undefined) expect(outcome).toMatchObject({ status: 'exists', invite: { id: holder.id } });
              else expect(outcome).toEqual({ status: full ? 'cap_reached' : 'inserted' });
              if (outcome.status === 'inserted') {
                const added: ModelInvite = { id: made.id, entryId, emailKey, expiresAt: made.expiresAt, state: 'pending', updatedAt: now, claimedAt: null };
                model.push(added);
                everMade.push(added);
              }
              break;
            }
            case 'revoke':
            case 'decline': {
              const target = everMade[o.pick % Math.max(1, everMade.length)];
              if (target === undefined) break;
              const to = o.do === 'revoke' ? 'revoked' : 'declined';
              const finished = await store.finishInvite(target.id, { to, at: now, by: 'someone' });
              const applies = model.includes(target) && target.state === 'pending';
              expect(finished?.state ?? null).toBe(applies ? to : null);
              if (applies) Object.assign(target, { state: to, updatedAt: now });
              break;
            }
            case 'start': {
              const target = everMade[o.pick % Math.max(1, everMade.length)];
              if (target === undefined) break;
              const started = await store.startAcceptance(target.id, { by: `u-${target.emailKey}`, claimedAt: now }, 0);
              const applies = model.includes(target) && target.state === 'pending' && now < target.expiresAt;
              expect(started?.state ?? null).toBe(applies ? 'accepting' : null);
              if (applies) Object.assign(target, { state: 'accepting', updatedAt: now, claimedAt: now });
              break;
            }
            case 'complete':
            case 'abandon': {
              const target = everMade[o.pick % Math.max(1, everMade.length)];
              if (target === undefined || target.claimedAt === null) break;
              const claim = { by: `u-${target.emailKey}`, claimedAt: target.claimedAt };
              const moved = o.do === 'complete' ? await store.completeAcceptance(target.id, claim) : await store.abandonAcceptance(target.id, claim);
              const applies = model.includes(target) && target.state === 'accepting';
              const to = o.do === 'complete' ? 'accepted' : 'pending';
              expect(moved?.state ?? null).toBe(applies ? to : null);
              if (applies) Object.assign(target, { state: to, claimedAt: null });
              break;
            }
            case 'erase': {
              const emailKey = `p${o.person}@example.org`;
              const gone = model.filter((i) => i.emailKey === emailKey);
              expect(await store.eraseInvitee(emailKey)).toBe(gone.length);
              model = model.filter((i) => i.emailKey !== emailKey);
              break;
            }
            case 'sweep': {
              const finishedBefore = now - o.age;
              const finished = (i: ModelInvite) =>
                i.state === 'accepted' || i.state === 'declined' || i.state === 'revoked' ? i.updatedAt < finishedBefore : i.state === 'pending' && i.expiresAt < finishedBefore && i.expiresAt <= now;
              const gone = model.filter(finished);
              expect(await store.sweep({ now, finishedBefore, limit: 1_000 })).toEqual({ invites: gone.length, more: false });
              model = model.filter((i) => !finished(i));
              break;
            }
            case 'wait':
              now += o.ms;
              break;
          }
          // Every invite the model holds, in its state; and each person's acceptable invites.
          expect(store.inspect().map((i) => [i.id, i.state])).toEqual(model.map((i) => [i.id, i.state]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
          for (let person = 0; person < 4; person++) {
            const emailKey = `p${person}@example.org`;
            const mine = model.filter((i) => i.emailKey === emailKey && i.state === 'pending' && now < i.expiresAt).map((i) => i.id).sort();
            expect((await store.listInvitesFor(emailKey, { now, after: null, limit: 100 })).map((i) => i.id)).toEqual(mine);
          }
        }
      }),
      { numRuns: runs(150) },
    );
  });
});
