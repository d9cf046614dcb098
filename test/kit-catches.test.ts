/**
 * The conformance kit catches a store that reads and then writes: for every operation the adapter
 * guide calls atomic, or safe from several servers at once, the memory store is wrapped so that
 * that one method reads, yields to the event loop, then writes what it decided from the read (a
 * naive adapter of that method, correct whenever calls do not overlap), and the kit must fail it.
 *
 * Each wrapper delegates to the memory store whenever what it read still holds, so it passes every
 * case that runs one call at a time; only an overlap shows it (each check asserts the exact list
 * of failing cases: the race cases named, nothing else). Its write is one step: the memory
 * stores do all of a call's work before its promise settles, so calls made without awaiting in
 * between are one step, as one statement of a database would be.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKeyedLimits, gcraStep } from '../src/domain/rate-limit';
import { isLiveInvite, isInviteExpired, type Invite } from '../src/domain/invite';
import type { GuestJoinRequest, GuestStore } from '../src/index';
import type { InviteStore } from '../src/invites';
import type { RateLimiter } from '../src/http';
import { createMemoryGuestStore, createMemoryInviteStore, createMemoryRateLimiter, type MemoryGuestStore, type MemoryInviteStore } from '../src/memory';
import { guestStoreConformance, inviteStoreConformance, rateLimiterConformance, type ConformanceCase } from '../src/testing';

const N = 25;
const MAX = Number.MAX_SAFE_INTEGER;
const MAX_INT = 2_147_483_647;

// The cases that catch each naive method, by name.
const G = {
  switchAndLock: 'GuestStore: concurrent changes to the switch and the lock both land',
  cap: `GuestStore: ${N} concurrent inserts on one entry never pass a cap of 3`,
  deletes: `GuestStore: ${N} concurrent deletes of one link: one answers true, and one place is freed`,
  uses: `GuestStore: ${N} concurrent joins of a 5-use link succeed exactly 5 times`,
  countedUses: `GuestStore: ${N} concurrent counted joins of a 3-use link count exactly 3 joined`,
  bounds: 'GuestStore: joinGuest refuses past maxGuestsPerLink, and past maxWaitingGuests in a locked room, exactly under concurrency',
  ordering: 'GuestStore: a join never lands after a switch-off, a lock, a decline or a delete of its link has answered',
  moves: `GuestStore: ${N} concurrent moves of one session: exactly one wins`,
  leaves: `GuestStore: ${N} concurrent leaves and moves of one waiting session: exactly one wins`,
  pageMoves: `GuestStore: ${N} concurrent page moves and single moves of one room: each waiting guest is moved exactly once`,
  sweeps: 'GuestStore: several sweepers at once remove each record once, and their counts add up',
  erasures: 'GuestStore: concurrent erasures of one guest remove each record once: the counts add up',
  passcodes: `GuestStore: a passcode change racing ${N} joins judged against the old hash: every join let in took one use, and none gets in after the change`,
};
const I = {
  oneAddress: `InviteStore: ${N} concurrent inserts for one address store one invite`,
  cap: `InviteStore: ${N} concurrent inserts of different addresses never pass a pending cap of 4`,
  changes: 'InviteStore: concurrent changes of one pending invite all land, and none lands after a revoke',
  revivals: `InviteStore: ${N} concurrent revivals of expired invites never pass a pending cap of 4`,
  claims: `InviteStore: ${N} concurrent claims to send one invite: exactly one mails`,
  revokeOrSend: 'InviteStore: revokes racing sends of one invite: one wins, so a revoked invite is never mailed',
  record: 'InviteStore: a record of a send racing a takeover of its claim: the newer claim stays the invite’s',
  transitions: `InviteStore: ${N} concurrent transitions of one invite: exactly one wins`,
  starts: `InviteStore: ${N} concurrent starts and declines of one acceptance: exactly one wins`,
  finishes: 'InviteStore: concurrent completions and rollbacks of one acceptance: exactly one wins',
  sweeps: 'InviteStore: several sweepers at once remove each invite once, and their counts add up',
  erasures: 'InviteStore: concurrent erasures of one address remove each invite once: the count adds up',
};

/** Lets every other call in flight run: the gap between a naive adapter's read and its write. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs cases and answers the names of those that failed. */
async function failing(cases: readonly ConformanceCase[]): Promise<string[]> {
  const failed: string[] = [];
  for (const c of cases) await c.run().catch(() => failed.push(c.name));
  return failed;
}

interface Naive<S, M> {
  /** The method, and what it judges from its read. */
  readonly name: string;
  /** The kit cases that must fail it. */
  readonly caughtBy: readonly string[];
  /** The memory store with that one method made naive. */
  readonly wrap: (store: M) => S;
}

// ---- GuestStore ------------------------------------------------------------------------------

type GuestNaive = Naive<GuestStore, MemoryGuestStore>;

/** The stored settings of an entry, read now. */
const accessNow = (store: MemoryGuestStore, entryId: string) => store.inspect().guestAccess.find((a) => a.entryId === entryId) ?? null;
/** Whether a key of the guest is blocked on the entry now (whatever the age of the block). */
const blockedNow = (store: MemoryGuestStore, join: GuestJoinRequest) =>
  store.inspect().blocks.some(
    (b) => b.entryId === join.session.entryId && ((b.kind === 'email' && b.key === join.session.emailKey) || (b.kind === 'client' && b.key === join.session.clientKey)),
  );

/**
 * A join that judges one condition from a read made before its write. `read` takes the fact
 * before the gap; `stale` answers, after it, whether that fact changed; `asRead` then makes the
 * join in one step as the read decided.
 */
function staleJoin<F>(
  name: string,
  caughtBy: readonly string[],
  read: (store: MemoryGuestStore, join: GuestJoinRequest) => Promise<F> | F,
  stale: (store: MemoryGuestStore, join: GuestJoinRequest, fact: F) => boolean,
  asRead: (store: MemoryGuestStore, join: GuestJoinRequest, fact: F) => ReturnType<GuestStore['joinGuest']>,
): GuestNaive {
  return {
    name: `joinGuest, ${name}`,
    caughtBy,
    wrap: (store) => ({
      ...store,
      async joinGuest(join) {
        const fact = await read(store, join);
        await tick();
        return stale(store, join, fact) ? asRead(store, join, fact) : store.joinGuest(join);
      },
    }),
  };
}

/** Sets an entry's settings for one step and puts back what was stored. */
function withAccess<T>(store: MemoryGuestStore, entryId: string, fields: { enabled?: boolean; roomLocked?: boolean }, step: () => T): T {
  const current = accessNow(store, entryId)!;
  void store.updateGuestAccess(entryId, { ...fields, updatedAt: current.updatedAt, updatedBy: current.updatedBy });
  const result = step();
  void store.updateGuestAccess(entryId, { enabled: current.enabled, roomLocked: current.roomLocked, updatedAt: current.updatedAt, updatedBy: current.updatedBy });
  return result;
}

const guestNaives: GuestNaive[] = [
  {
    name: 'updateGuestAccess, writing back the settings it read with its change',
    caughtBy: [G.switchAndLock],
    wrap: (store) => ({
      ...store,
      async updateGuestAccess(entryId, change) {
        const read = (await store.getGuestAccess(entryId)) ?? { enabled: false, roomLocked: false };
        await tick();
        const { updatedAt, updatedBy } = change;
        return store.updateGuestAccess(entryId, { enabled: change.enabled ?? read.enabled, roomLocked: change.roomLocked ?? read.roomLocked, updatedAt, updatedBy });
      },
    }),
  },
  {
    name: 'insertLinkUnderCap, counting the links and then inserting',
    caughtBy: [G.cap],
    wrap: (store) => ({
      ...store,
      async insertLinkUnderCap(link, cap) {
        const count = (await store.listLinks(link.entryId)).length;
        await tick();
        return count < cap && store.insertLinkUnderCap(link, MAX);
      },
    }),
  },
  {
    name: 'deleteLink, answering whether the link was there when it looked',
    caughtBy: [G.deletes],
    wrap: (store) => ({
      ...store,
      async deleteLink(entryId, linkId) {
        const found = (await store.listLinks(entryId)).some((link) => link.id === linkId);
        await tick();
        await store.deleteLink(entryId, linkId);
        return found;
      },
    }),
  },
  staleJoin(
    'the use limit from its read',
    [G.countedUses, G.uses],
    async (store, join) => (await store.readLink(join.session.linkId))?.link ?? null,
    (store, join, read) => {
      const now = store.inspect().links.find((l) => l.id === join.session.linkId);
      return read !== null && now !== undefined && read.useLimit !== null && read.uses < read.useLimit && now.uses >= read.useLimit;
    },
    (store, join, read) => {
      // The limit was judged on the read: the use is taken whatever the link holds now.
      const now = store.inspect().links.find((l) => l.id === read!.id)!;
      void store.deleteLink(now.entryId, now.id);
      void store.insertLinkUnderCap({ ...now, useLimit: null }, MAX);
      const joined = store.joinGuest(join);
      const after = store.inspect().links.find((l) => l.id === now.id)!;
      void store.deleteLink(now.entryId, now.id);
      void store.insertLinkUnderCap({ ...after, useLimit: now.useLimit }, MAX);
      return joined;
    },
  ),
  staleJoin(
    'maxGuestsPerLink from its read',
    [G.bounds],
    async (store, join) => (await store.readLink(join.session.linkId))?.link.uses ?? null,
    (_store, join, uses) => uses !== null && uses < join.maxGuestsPerLink,
    (store, join) => store.joinGuest({ ...join, maxGuestsPerLink: MAX_INT }),
  ),
  staleJoin(
    'the passcode hash from its read',
    [G.passcodes],
    async (store, join) => (await store.readLink(join.session.linkId))?.link.passcodeHash ?? null,
    (store, join, hash) => {
      const now = store.inspect().links.find((l) => l.id === join.session.linkId);
      return now !== undefined && now.passcodeHash !== hash && hash === join.passcodeHash;
    },
    // The join as the read judged it: against the hash it read, which the link had a moment ago.
    (store, join) => store.joinGuest({ ...join, passcodeHash: store.inspect().links.find((l) => l.id === join.session.linkId)!.passcodeHash }),
  ),
  staleJoin(
    'maxWaitingGuests from its read',
    [G.bounds],
    async (store, join) => (await store.listSessions(join.session.entryId, { after: null, limit: MAX_INT, status: 'waiting' })).length,
    (_store, join, waiting) => waiting < join.maxWaitingGuests,
    (store, join) => store.joinGuest({ ...join, maxWaitingGuests: MAX_INT }),
  ),
  staleJoin(
    'the guest-access switch from its read',
    [G.ordering],
    async (store, join) => (await store.getGuestAccess(join.session.entryId))?.enabled === true,
    (store, join, enabled) => accessNow(store, join.session.entryId) !== null && accessNow(store, join.session.entryId)!.enabled !== enabled,
    (store, join, enabled) => withAccess(store, join.session.entryId, { enabled }, () => store.joinGuest(join)),
  ),
  staleJoin(
    'the room lock from its read',
    [G.ordering],
    async (store, join) => (await store.getGuestAccess(join.session.entryId))?.roomLocked === true,
    (store, join, locked) => accessNow(store, join.session.entryId) !== null && accessNow(store, join.session.entryId)!.roomLocked !== locked,
    (store, join, roomLocked) => withAccess(store, join.session.entryId, { roomLocked }, () => store.joinGuest(join)),
  ),
  staleJoin(
    'the declined guests from its read',
    [G.ordering],
    (store, join) => blockedNow(store, join),
    (store, join, blocked) => !blocked && blockedNow(store, join),
    (store, join) => {
      // Not blocked when it looked: the session is stored, and the block made since stays.
      const joined = store.joinGuest({ ...join, declinedSince: Number.POSITIVE_INFINITY });
      const stored = store.inspect().sessions.find((s) => s.id === join.session.id);
      if (stored !== undefined) void store.moveSession(stored.entryId, stored.id, stored.status, { status: 'declined', decidedAt: join.now, decidedBy: 'a decline made meanwhile' });
      return joined;
    },
  ),
  staleJoin(
    'the link from its read, after it was deleted',
    [G.ordering],
    async (store, join) => (await store.readLink(join.session.linkId))?.link ?? null,
    (store, _join, link) => link !== null && !store.inspect().links.some((l) => l.id === link.id),
    (store, join, link) => {
      void store.insertLinkUnderCap(link!, MAX);
      const joined = store.joinGuest(join);
      void store.deleteLink(link!.entryId, link!.id);
      return joined;
    },
  ),
  {
    name: 'moveSession, judging the status the moderator saw from its read',
    caughtBy: [G.moves],
    wrap: (store) => ({
      ...store,
      async moveSession(entryId, sessionId, from, decision) {
        const read = await store.getSession(sessionId);
        await tick();
        if (read === null || read.entryId !== entryId || read.status !== from) return store.moveSession(entryId, sessionId, from, decision);
        const now = store.inspect().sessions.find((s) => s.id === sessionId);
        return now === undefined ? null : store.moveSession(entryId, sessionId, now.status, decision);
      },
    }),
  },
  {
    name: 'leaveSession, judging the status the guest saw from its read',
    caughtBy: [G.leaves],
    wrap: (store) => ({
      ...store,
      async leaveSession(entryId, sessionId, from, at) {
        const read = await store.getSession(sessionId);
        await tick();
        if (read === null || read.entryId !== entryId || read.status !== from) return store.leaveSession(entryId, sessionId, from, at);
        const now = store.inspect().sessions.find((s) => s.id === sessionId);
        return now === undefined || now.status === 'declined' ? null : store.leaveSession(entryId, sessionId, now.status, at);
      },
    }),
  },
  {
    name: 'moveWaiting, as a list of the waiting guests and then a move of each without looking again',
    caughtBy: [G.pageMoves],
    wrap: (store) => ({
      ...store,
      async moveWaiting(entryId, decision, limit) {
        const waiting = await store.listSessions(entryId, { after: null, limit, status: 'waiting' });
        await tick();
        const moved = [];
        for (const session of waiting) {
          const now = store.inspect().sessions.find((s) => s.id === session.id)!;
          moved.push((await store.moveSession(entryId, session.id, now.status, decision))!);
        }
        return moved;
      },
    }),
  },
  {
    name: 'sweep, counting the sessions it removed from a count made before',
    caughtBy: [G.sweeps],
    wrap: (store) => ({
      ...store,
      async sweep(request) {
        const before = store.inspect().sessions.length;
        await tick();
        const swept = store.sweep(request);
        const after = store.inspect().sessions.length;
        return { ...(await swept), sessions: before - after };
      },
    }),
  },
  {
    name: 'sweep, counting the blocks it removed from a count made before',
    caughtBy: [G.sweeps],
    wrap: (store) => ({
      ...store,
      async sweep(request) {
        const before = store.inspect().blocks.length;
        await tick();
        const swept = store.sweep(request);
        const after = store.inspect().blocks.length;
        return { ...(await swept), blocks: before - after };
      },
    }),
  },
  {
    name: 'eraseGuest, counting what it removed from a count made before',
    caughtBy: [G.erasures],
    wrap: (store) => ({
      ...store,
      async eraseGuest(emailKey) {
        const before = store.inspect();
        await tick();
        void store.eraseGuest(emailKey);
        const after = store.inspect();
        return { sessions: before.sessions.length - after.sessions.length, blocks: before.blocks.length - after.blocks.length };
      },
    }),
  },
];

// ---- InviteStore -----------------------------------------------------------------------------

type InviteNaive = Naive<InviteStore, MemoryInviteStore>;

const inviteNow = (store: MemoryInviteStore, inviteId: string) => store.inspect().find((i) => i.id === inviteId) ?? null;
/** Live pending invites of the entry at `now`, as the cap counts them. */
const pendingOf = async (store: InviteStore, entryId: string, now: number) =>
  (await store.listInvites(entryId)).filter((i) => (i.state === 'pending' && i.expiresAt > now) || i.state === 'accepting').length;
/** Whether an invite is as a claim `by`/`claimedAt` left it. */
const claimedBy = (invite: Invite | null, by: string, claimedAt: number) =>
  invite !== null && invite.state === 'accepting' && invite.acceptedBy === by && invite.updatedAt === claimedAt;

const inviteNaives: InviteNaive[] = [
  {
    name: 'insertInvite, judging the address’s live invite from its read',
    caughtBy: [I.oneAddress],
    wrap: (store) => ({
      ...store,
      async insertInvite(invite, pendingCap, now) {
        const live = (await store.listInvites(invite.entryId)).some((i) => i.emailKey === invite.emailKey && isLiveInvite(i));
        await tick();
        const inserted = await store.insertInvite(invite, pendingCap, now);
        // Nothing was live when it looked: it stored the invite (the memory store cannot hold a second).
        return !live && inserted.status === 'exists' ? { status: 'inserted' } : inserted;
      },
    }),
  },
  {
    name: 'insertInvite, judging the pending cap from its read',
    caughtBy: [I.cap],
    wrap: (store) => ({
      ...store,
      async insertInvite(invite, pendingCap, now) {
        const pending = await pendingOf(store, invite.entryId, now);
        await tick();
        return store.insertInvite(invite, pending < pendingCap ? MAX : pendingCap, now);
      },
    }),
  },
  {
    name: 'updatePendingInvite, writing back the invite it read with its change',
    caughtBy: [I.changes],
    wrap: (store) => ({
      ...store,
      async updatePendingInvite(inviteId, change, pendingCap, now) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (read === null || read.state !== 'pending' || inviteNow(store, inviteId)?.state !== 'pending') return store.updatePendingInvite(inviteId, change, pendingCap, now);
        return store.updatePendingInvite(
          inviteId,
          {
            role: change.role ?? read.role,
            expiresAt: change.expiresAt ?? read.expiresAt,
            invitedBy: change.invitedBy ?? read.invitedBy,
            inviterName: change.inviterName === undefined ? read.inviterName : change.inviterName,
            updatedAt: change.updatedAt,
          },
          pendingCap,
          now,
        );
      },
    }),
  },
  {
    name: 'updatePendingInvite, judging that the invite is pending from its read',
    caughtBy: [I.changes],
    wrap: (store) => ({
      ...store,
      async updatePendingInvite(inviteId, change, pendingCap, now) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (read?.state === 'pending' && inviteNow(store, inviteId)?.state !== 'pending') {
          const { updatedAt, ...fields } = change;
          const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
          return { status: 'updated', invite: { ...read, ...set, updatedAt } };
        }
        return store.updatePendingInvite(inviteId, change, pendingCap, now);
      },
    }),
  },
  {
    name: 'updatePendingInvite, judging the pending cap of a revival from its read',
    caughtBy: [I.revivals],
    wrap: (store) => ({
      ...store,
      async updatePendingInvite(inviteId, change, pendingCap, now) {
        const entryId = (await store.getInvite(inviteId))?.entryId;
        const pending = entryId === undefined ? 0 : await pendingOf(store, entryId, now);
        await tick();
        return store.updatePendingInvite(inviteId, change, pending < pendingCap ? MAX : pendingCap, now);
      },
    }),
  },
  {
    name: 'claimDelivery, judging the send in flight and the interval from its read',
    caughtBy: [I.claims, I.record],
    wrap: (store) => ({
      ...store,
      async claimDelivery(inviteId, claim, pendingCap) {
        const read = await store.getInvite(inviteId);
        await tick();
        const free =
          read !== null &&
          !(read.deliveryStatus === 'sending' && claim.at < read.lastSentAt! + claim.timeoutMs) &&
          !(read.lastSentAt !== null && claim.at < read.lastSentAt + claim.intervalMs);
        if (!free) return store.claimDelivery(inviteId, claim, pendingCap);
        const claimed = await store.claimDelivery(inviteId, { ...claim, intervalMs: 0, timeoutMs: 0 }, pendingCap);
        if (claimed.status !== 'too_soon') return claimed;
        return { status: 'claimed', invite: { ...read, deliveryStatus: 'sending', lastSentAt: claim.at, deliveryError: null, deliveryAttempts: read.deliveryAttempts + 1 } };
      },
    }),
  },
  {
    name: 'claimDelivery, judging the pending cap of a revival from its read',
    caughtBy: [I.revivals],
    wrap: (store) => ({
      ...store,
      async claimDelivery(inviteId, claim, pendingCap) {
        const entryId = (await store.getInvite(inviteId))?.entryId;
        const pending = entryId === undefined ? 0 : await pendingOf(store, entryId, claim.at);
        await tick();
        return store.claimDelivery(inviteId, claim, pending < pendingCap ? MAX : pendingCap);
      },
    }),
  },
  {
    name: 'claimDelivery, judging that the invite is pending from its read',
    caughtBy: [I.revokeOrSend],
    wrap: (store) => ({
      ...store,
      async claimDelivery(inviteId, claim, pendingCap) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (read?.state === 'pending' && inviteNow(store, inviteId)?.state !== 'pending') {
          return { status: 'claimed', invite: { ...read, deliveryStatus: 'sending', lastSentAt: claim.at, deliveryError: null, deliveryAttempts: read.deliveryAttempts + 1 } };
        }
        return store.claimDelivery(inviteId, claim, pendingCap);
      },
    }),
  },
  {
    name: 'recordDelivery, judging the claim from its read',
    caughtBy: [I.record],
    wrap: (store) => ({
      ...store,
      async recordDelivery(inviteId, attempt) {
        const read = await store.getInvite(inviteId);
        await tick();
        const now = inviteNow(store, inviteId);
        const mine = (invite: Invite | null) => invite?.deliveryStatus === 'sending' && invite.lastSentAt === attempt.claimedAt;
        if (!mine(read) || mine(now)) return store.recordDelivery(inviteId, attempt);
        // The claim was its own when it looked: the outcome is written whatever claim holds now.
        if (now?.deliveryStatus === 'sending') return store.recordDelivery(inviteId, { ...attempt, claimedAt: now.lastSentAt! });
        return { ...read!, deliveryStatus: attempt.status, deliveryError: attempt.error };
      },
    }),
  },
  {
    name: 'finishInvite, judging that the invite is pending from its read',
    caughtBy: [I.transitions],
    wrap: (store) => ({
      ...store,
      async finishInvite(inviteId, transition) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (read?.state === 'pending' && inviteNow(store, inviteId)?.state !== 'pending') {
          const { to, at, by } = transition;
          return { ...read, state: to, updatedAt: at, decidedBy: by, acceptedBy: to === 'accepted' ? by : read.acceptedBy };
        }
        return store.finishInvite(inviteId, transition);
      },
    }),
  },
  {
    name: 'finishInvite, judging the send in flight (unlessSendingSince) from its read',
    caughtBy: [I.revokeOrSend],
    wrap: (store) => ({
      ...store,
      async finishInvite(inviteId, transition) {
        const read = await store.getInvite(inviteId);
        await tick();
        const since = transition.unlessSendingSince;
        const sending = (invite: Invite | null) => since !== undefined && invite?.deliveryStatus === 'sending' && invite.lastSentAt! >= since;
        return store.finishInvite(inviteId, sending(read) ? transition : { ...transition, unlessSendingSince: undefined });
      },
    }),
  },
  {
    name: 'startAcceptance, judging the invite from its read',
    caughtBy: [I.starts],
    wrap: (store) => ({
      ...store,
      async startAcceptance(inviteId, claim, staleBefore) {
        const read = await store.getInvite(inviteId);
        await tick();
        const startable = (invite: Invite | null) =>
          invite !== null &&
          ((invite.state === 'pending' && !isInviteExpired(invite, claim.claimedAt)) ||
            (invite.state === 'accepting' && invite.acceptedBy === claim.by && invite.updatedAt < staleBefore));
        if (startable(read) && !startable(inviteNow(store, inviteId))) {
          return { ...read!, state: 'accepting', acceptedBy: claim.by, decidedBy: claim.by, updatedAt: claim.claimedAt };
        }
        return store.startAcceptance(inviteId, claim, staleBefore);
      },
    }),
  },
  {
    name: 'completeAcceptance, judging the claim from its read',
    caughtBy: [I.finishes],
    wrap: (store) => ({
      ...store,
      async completeAcceptance(inviteId, claim) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (claimedBy(read, claim.by, claim.claimedAt) && !claimedBy(inviteNow(store, inviteId), claim.by, claim.claimedAt)) return { ...read!, state: 'accepted' };
        return store.completeAcceptance(inviteId, claim);
      },
    }),
  },
  {
    name: 'abandonAcceptance, judging the claim from its read',
    caughtBy: [I.finishes],
    wrap: (store) => ({
      ...store,
      async abandonAcceptance(inviteId, claim) {
        const read = await store.getInvite(inviteId);
        await tick();
        if (claimedBy(read, claim.by, claim.claimedAt) && !claimedBy(inviteNow(store, inviteId), claim.by, claim.claimedAt)) {
          return { ...read!, state: 'pending', acceptedBy: null, decidedBy: null };
        }
        return store.abandonAcceptance(inviteId, claim);
      },
    }),
  },
  {
    name: 'sweep, counting what it removed from a count made before',
    caughtBy: [I.sweeps],
    wrap: (store) => ({
      ...store,
      async sweep(request) {
        const before = store.inspect().length;
        await tick();
        const swept = store.sweep(request);
        const after = store.inspect().length;
        return { ...(await swept), invites: before - after };
      },
    }),
  },
  {
    name: 'eraseInvitee, counting what it removed from a count made before',
    caughtBy: [I.erasures],
    wrap: (store) => ({
      ...store,
      async eraseInvitee(emailKey) {
        const before = store.inspect().length;
        await tick();
        void store.eraseInvitee(emailKey);
        return before - store.inspect().length;
      },
    }),
  },
];

// ---- The checks ------------------------------------------------------------------------------

const guestKit = (wrap: (store: MemoryGuestStore) => GuestStore) => guestStoreConformance(async () => ({ store: wrap(createMemoryGuestStore()) }));
const inviteKit = (wrap: (store: MemoryInviteStore) => InviteStore) => inviteStoreConformance(async () => ({ store: wrap(createMemoryInviteStore()) }));

describe('the memory stores as they are pass every case of the kit', () => {
  it('GuestStore', async () => {
    expect(await failing(guestKit((store) => store))).toEqual([]);
  });
  it('InviteStore', async () => {
    expect(await failing(inviteKit((store) => store))).toEqual([]);
  });
  it('RateLimiter', async () => {
    expect(await failing(rateLimiterConformance(async () => ({ store: createMemoryRateLimiter() })))).toEqual([]);
  });
});

describe('the kit fails a GuestStore with one method done as a read, a yield, then a write', () => {
  for (const naive of guestNaives) {
    it(naive.name, async () => {
      const failed = await failing(guestKit(naive.wrap));
      expect(failed).toEqual(naive.caughtBy);
    });
  }
});

describe('the kit fails an InviteStore with one method done as a read, a yield, then a write', () => {
  for (const naive of inviteNaives) {
    it(naive.name, async () => {
      const failed = await failing(inviteKit(naive.wrap));
      expect(failed).toEqual(naive.caughtBy);
    });
  }
});

describe('the kit holds claimDelivery’s updatedAt rule', () => {
  it('fails a store whose every claim moves updatedAt, not only one that extends the invite', async () => {
    const failed = await failing(
      inviteKit((store) => ({
        ...store,
        async claimDelivery(inviteId, claim, pendingCap) {
          const expiresAt = claim.expiresAt ?? inviteNow(store, inviteId)?.expiresAt;
          return store.claimDelivery(inviteId, { ...claim, expiresAt }, pendingCap);
        },
      })),
    );
    expect(failed).toEqual(['InviteStore: claimDelivery lets one send at a time, no sooner than the interval, and takes over a send that timed out']);
  });
});

describe('the kit fails a RateLimiter whose consume is a read, a yield, then a write', () => {
  it('consume, judging every key from its read', async () => {
    const naive = (): RateLimiter => {
      const arrivals = new Map<string, number>();
      return {
        async consume(limits, now) {
          checkKeyedLimits(limits);
          const steps = limits.map(({ key, limit }) => gcraStep(arrivals.get(key) ?? null, limit, now));
          await tick();
          const refused = steps.filter((step) => !step.allowed);
          if (refused.length > 0) return { allowed: false, retryAfterSeconds: Math.max(...refused.map((step) => step.retryAfterSeconds)) };
          steps.forEach((step, i) => step.allowed && limits[i]!.count !== false && arrivals.set(limits[i]!.key, step.tat));
          return { allowed: true };
        },
      };
    };
    expect(await failing(rateLimiterConformance(async () => ({ store: naive() })))).toEqual([
      'RateLimiter: of 40 concurrent requests with room for 7, exactly 7 are allowed',
      'RateLimiter: of 40 concurrent requests sharing a key, those refused by their own key spend nothing of it',
    ]);
  });
});

describe('the adapter guide', () => {
  it('names, for every method, a case the kit has, and every case that catches a naive method above', () => {
    const guide = readFileSync(new URL('../docs/writing-an-adapter.md', import.meta.url), 'utf8');
    const table = guide.slice(guide.indexOf('## Which kit case holds each method'));
    const named = [...table.matchAll(/^\| `[^|]+\|[^|]+\| \*([^*]+)\*/gm)].map((match) => match[1]!);
    const cases = [
      ...guestKit((store) => store),
      ...inviteKit((store) => store),
      ...rateLimiterConformance(async () => ({ store: createMemoryRateLimiter() })),
    ].map((c) => c.name.slice(c.name.indexOf(': ') + 2));
    expect(named.filter((name) => !cases.includes(name))).toEqual([]);
    const catching = [...guestNaives, ...inviteNaives].flatMap((naive) => naive.caughtBy.map((name) => name.slice(name.indexOf(': ') + 2)));
    expect(catching.filter((name) => !named.includes(name))).toEqual([]);
  });
});
