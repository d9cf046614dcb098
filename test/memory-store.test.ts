/**
 * The in-memory guest store's indexes of guests (by email key and by client key, across
 * entries) and its count of waiting guests, against a plain model: after any sequence of joins,
 * room locks, decisions, leaves, deletions, erasures and sweeps, the store holds exactly the sessions
 * and blocks the model holds, and lets in exactly whom the model lets in. Two of the guests are
 * one look-alike key (G10) and two people (R1): an erasure takes one person's data only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryGuestStore } from '../src/memory';
import type { GuestLink } from '../src/index';
import { runs } from './support/runs';

type Op =
  | { do: 'join'; entry: number; person: number; client: number | null }
  | { do: 'decide'; session: number; status: 'admitted' | 'declined' }
  | { do: 'leave'; session: number }
  | { do: 'delete'; entry: number }
  | { do: 'lock'; entry: number; locked: boolean }
  | { do: 'erase'; person: number }
  | { do: 'sweep'; limit: number; blocks: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  // Few entries, addresses and client keys, so that guests meet again on one entry and on others.
  { weight: 5, arbitrary: fc.record({ do: fc.constant('join' as const), entry: fc.nat(2), person: fc.nat(3), client: fc.option(fc.nat(1), { nil: null }) }) },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('decide' as const), session: fc.nat(40), status: fc.constantFrom('admitted' as const, 'declined' as const) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('leave' as const), session: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('delete' as const), entry: fc.nat(2) }) },
  fc.record({ do: fc.constant('lock' as const), entry: fc.nat(2), locked: fc.boolean() }),
  fc.record({ do: fc.constant('erase' as const), person: fc.nat(3) }),
  { weight: 2, arbitrary: fc.record({ do: fc.constant('sweep' as const), limit: fc.integer({ min: 1, max: 5 }), blocks: fc.boolean() }) },
);

interface ModelSession {
  readonly id: string;
  readonly entryId: string;
  readonly linkId: string;
  readonly emailKey: string;
  readonly erasureKey: string;
  readonly clientKey: string | null;
  /** The status stored at the join, by the last decision or by a leave; it reads `declined` while a key is blocked, unless `left`. */
  status: 'admitted' | 'waiting' | 'declined' | 'left';
}

const ENTRIES = ['e0', 'e1', 'e2'];
/** Every entry is a room; a locked one holds at most this many waiting guests. */
const MAX_WAITING = 2;
// People 0 and 1 look alike (one look-alike key, g0), people 2 and 3 do not.
const emailKey = (person: number) => `g${Math.max(0, person - 1)}@example.org`;
const erasureKey = (person: number) => `p${person}@example.org`;
const keysOf = (s: ModelSession) => [`email:${s.emailKey}`, ...(s.clientKey === null ? [] : [`client:${s.clientKey}`])];

describe('the in-memory guest store', () => {
  it('keeps exactly the sessions and blocks a plain model keeps, for any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 80 }), async (ops) => {
        const store = createMemoryGuestStore();
        let now = 1_000;
        let serial = 0;
        const id = () => `01JDQ${String(serial++).padStart(21, '0')}`;
        // The model: live links per entry, deleted links, sessions, and blocks with when they were made.
        const live = new Map<string, string>();
        const deleted = new Set<string>();
        let sessions: ModelSession[] = [];
        const blocks = new Map<string, { at: number; owner: string }>(); // `entry\nkey` → when, and whose decline
        const everJoined: ModelSession[] = [];
        const locked = new Set<string>();

        const linkOf = async (entryId: string) => {
          let linkId = live.get(entryId);
          if (linkId === undefined) {
            linkId = id();
            await store.updateGuestAccess(entryId, { enabled: true, updatedAt: now, updatedBy: 'owner' });
            const link: GuestLink = { id: linkId, entryId, name: 'L', useLimit: null, uses: 0, durationDays: null, createdAt: now, expiresAt: null, createdBy: 'owner', allowedDomains: [], blockedDomains: [], passcodeHash: null, verifyEmail: false };
            expect(await store.insertLinkUnderCap(link, 10)).toBe(true);
            live.set(entryId, linkId);
          }
          return linkId;
        };

        for (const o of ops) {
          now += 1_000;
          switch (o.do) {
            case 'join': {
              const entryId = ENTRIES[o.entry]!;
              const session: ModelSession = { id: id(), entryId, linkId: await linkOf(entryId), emailKey: emailKey(o.person), erasureKey: erasureKey(o.person), clientKey: o.client === null ? null : `c${o.client}`, status: 'admitted' };
              const waits = locked.has(entryId);
              const waiting = sessions.filter((s) => s.entryId === entryId && s.status === 'waiting').length;
              const refused = keysOf(session).some((key) => blocks.has(`${entryId}\n${key}`)) || (waits && waiting >= MAX_WAITING);
              const joined = await store.joinGuest({
                session: { id: session.id, entryId, linkId: session.linkId, emailKey: session.emailKey, erasureKey: session.erasureKey, clientKey: session.clientKey, verified: false, linkName: 'L', guestName: 'G', guestEmail: session.erasureKey, joinedAt: now, decidedAt: null, decidedBy: null },
                waitingRoom: true,
                now,
                maxGuestsPerLink: 1_000,
                maxWaitingGuests: MAX_WAITING,
                declinedSince: 0,
                passcodeHash: null,
                countDay: null,
              });
              expect(joined.status).toBe(refused ? 'refused' : 'joined');
              if (!refused) {
                if (waits) session.status = 'waiting';
                expect(joined.status === 'joined' && joined.session.status).toBe(session.status);
                sessions.push(session);
                everJoined.push(session);
              }
              break;
            }
            case 'decide': {
              const session = everJoined[o.session % Math.max(1, everJoined.length)];
              if (session === undefined) break;
              const present = sessions.includes(session);
              // A session the guest left moves no more (the library refuses it before the store).
              if (session.status === 'left') break;
              const blocked = keysOf(session).some((key) => blocks.has(`${session.entryId}\n${key}`));
              const from = blocked ? 'declined' : session.status;
              const moved = await store.moveSession(session.entryId, session.id, from, { status: o.status, decidedAt: now, decidedBy: 'mod' });
              expect(moved === null).toBe(!present);
              if (moved === null) break;
              session.status = o.status;
              for (const key of keysOf(session)) {
                // A decline makes its blocks anew, the newest of all (a block of the key made
                // before goes), which is the order a sweep takes blocks of one instant in.
                blocks.delete(`${session.entryId}\n${key}`);
                if (o.status === 'declined') blocks.set(`${session.entryId}\n${key}`, { at: now, owner: session.erasureKey });
              }
              break;
            }
            case 'leave': {
              const session = everJoined[o.session % Math.max(1, everJoined.length)];
              if (session === undefined) break;
              const blocked = keysOf(session).some((key) => blocks.has(`${session.entryId}\n${key}`));
              const read = session.status === 'left' ? 'left' : blocked ? 'declined' : session.status;
              const from = read === 'waiting' ? 'waiting' : 'admitted';
              // Only a session still there, read as the guest saw it (waiting or admitted), is left.
              const leaves = sessions.includes(session) && read === from;
              const left = await store.leaveSession(session.entryId, session.id, from, now);
              expect(left === null).toBe(!leaves);
              if (left === null) break;
              expect([left.status, left.decidedAt, left.decidedBy]).toEqual(['left', now, null]);
              session.status = 'left';
              break;
            }
            case 'lock': {
              const entryId = ENTRIES[o.entry]!;
              await linkOf(entryId);
              await store.updateGuestAccess(entryId, { roomLocked: o.locked, updatedAt: now, updatedBy: 'mod' });
              if (o.locked) locked.add(entryId);
              else locked.delete(entryId);
              break;
            }
            case 'delete': {
              const entryId = ENTRIES[o.entry]!;
              const linkId = live.get(entryId);
              if (linkId === undefined) break;
              expect(await store.deleteLink(entryId, linkId)).toBe(true);
              live.delete(entryId);
              deleted.add(linkId);
              break;
            }
            case 'erase': {
              // The person's sessions and the blocks of their declines; nobody else's.
              const key = erasureKey(o.person);
              const gone = sessions.filter((s) => s.erasureKey === key);
              sessions = sessions.filter((s) => s.erasureKey !== key);
              const theirs = [...blocks].filter(([, block]) => block.owner === key);
              for (const [block] of theirs) blocks.delete(block);
              expect(await store.eraseGuest(key)).toEqual({ sessions: gone.length, blocks: theirs.length });
              break;
            }
            case 'sweep': {
              // Oldest first, at most `limit` of each kind: sessions of deleted links, then (when
              // they are old enough) blocks no remaining session on their entry carries.
              const sweptSessions = sessions.filter((s) => deleted.has(s.linkId)).slice(0, o.limit);
              sessions = sessions.filter((s) => !sweptSessions.includes(s));
              const carried = new Set(sessions.flatMap((s) => keysOf(s).map((key) => `${s.entryId}\n${key}`)));
              const sweptBlocks = o.blocks ? [...blocks].sort((a, b) => a[1].at - b[1].at).filter(([block]) => !carried.has(block)).slice(0, o.limit) : [];
              for (const [block] of sweptBlocks) blocks.delete(block);
              const swept = await store.sweep({ now, sessionsJoinedBefore: now, blocksBefore: o.blocks ? now : 0, activityBefore: 0, limit: o.limit });
              expect({ sessions: swept.sessions, blocks: swept.blocks }).toEqual({ sessions: sweptSessions.length, blocks: sweptBlocks.length });
              break;
            }
          }
          const state = store.inspect();
          expect(state.sessions.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
          for (const session of sessions) {
            const blocked = keysOf(session).some((key) => blocks.has(`${session.entryId}\n${key}`));
            expect((await store.getSession(session.id))?.status).toBe(session.status === 'left' ? 'left' : blocked ? 'declined' : session.status);
          }
          expect(state.blocks.map((b) => `${b.entryId}\n${b.kind}:${b.key} ${b.erasureKey}`).sort()).toEqual([...blocks].map(([block, { owner }]) => `${block} ${owner}`).sort());
        }
      }),
      // A run takes well under a millisecond: every run is kept, mutants or not.
      {
        numRuns: runs(3_000, { pure: true }),
        examples: [
          // A guest declined on one entry whose sessions there are swept, who then joins another:
          // the block on the first is carried by nothing and goes at the next sweep of blocks.
          [
            [
              { do: 'join', entry: 1, person: 0, client: null },
              { do: 'decide', session: 0, status: 'declined' },
              { do: 'delete', entry: 1 },
              { do: 'sweep', limit: 5, blocks: false },
              { do: 'join', entry: 0, person: 0, client: null },
              { do: 'sweep', limit: 5, blocks: true },
            ],
          ],
        ],
      },
    );
  });
});
