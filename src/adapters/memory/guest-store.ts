import { defaultGuestAccess, type GuestAccess } from '../../domain/guest-access';
import { isGuestLinkExpired, isGuestLinkUsedUp, type GuestLink } from '../../domain/guest-link';
import type { GuestSession } from '../../domain/guest-session';
import type { ActivityCount, GuestJoinRefusal, GuestSessionDecision, GuestStore } from '../../ports/guest-store';
import type { AccessEvent } from '../../ports/events';
import { createMemoryOutbox, type MemoryOutbox } from './outbox';
import { insertSorted, removeSorted, upperBound } from './sorted';

/**
 * Options of the memory stores.
 *
 * @category Stores
 */
export interface MemoryStoreOptions {
  /**
   * The outbox the store writes events into; share one between the guest and invite stores.
   * @defaultValue an outbox of the store's own
   */
  readonly outbox?: MemoryOutbox | undefined;
}

/** An event whose `detail.status`, where it has one, is the status the session was stored with. */
function withStatus(event: AccessEvent, status: string): AccessEvent {
  return 'status' in event.detail ? { ...event, detail: { ...event.detail, status } } : event;
}

/**
 * A declined guest, as a {@link MemoryGuestStore} keeps it.
 *
 * @category Stores
 */
export interface MemoryGuestBlock {
  /** The entry the guest may not join. */
  readonly entryId: string;
  /** What is blocked: the guest's email key, or the digest of a client key. */
  readonly kind: 'email' | 'client';
  /** The blocked key. */
  readonly key: string;
  /** Whose decline it is: the `erasureKey` of the declined session, what an erasure removes it by. */
  readonly erasureKey: string;
}

/**
 * What a {@link MemoryGuestStore} holds, as copies.
 *
 * @category Stores
 */
export interface MemoryGuestStoreState {
  /** Every entry's stored guest-access settings. */
  readonly guestAccess: GuestAccess[];
  /** Every stored link, oldest first. */
  readonly links: GuestLink[];
  /** Every stored session, oldest first, with its status as the store answers it. */
  readonly sessions: GuestSession[];
  /** Every declined guest. */
  readonly blocks: MemoryGuestBlock[];
  /** Every activity count (A1), by day, then link, then kind. */
  readonly activity: ActivityCount[];
}

/**
 * A {@link GuestStore} in memory, whose contents a test can look at.
 *
 * @category Stores
 */
export interface MemoryGuestStore extends GuestStore {
  /** The outbox its changes write their events into. */
  readonly outbox: MemoryOutbox;
  /**
   * Copies of everything stored.
   * @returns the state.
   * @example
   * ```ts
   * const { links, sessions, blocks } = guestStore.inspect();
   * console.log(links.length, sessions.length, blocks.length); // 1 1 0
   * ```
   */
  inspect(): MemoryGuestStoreState;
}

/** A stored link: the store's own copy, whose uses it counts. */
type StoredLink = { -readonly [K in keyof GuestLink]: GuestLink[K] };
/** A stored session: the store's own copy, whose status it changes. */
type StoredSession = { -readonly [K in keyof GuestSession]: GuestSession[K] };

/**
 * The sessions that carry one email key, and how many of them are on each entry. Most keys have
 * one session: that case holds two strings, and a set or a map is made only for the second
 * session, or the second entry. The record goes with the key's last session.
 */
interface EmailSessions {
  /** The one session's id, or the ids once there are more. */
  ids: string | Set<string>;
  /** The entry every session is on while there is one, then how many are on each. */
  entries: string | Map<string, number>;
}

interface EntryData {
  access: GuestAccess | null;
  readonly links: Map<string, StoredLink>;
  /** The entry's session ids, in increasing order. */
  readonly sessions: string[];
  /** Declined keys (`email:…`, `client:…`), when and of whom; made on the first decline. */
  blocks: Map<string, Block> | null;
  /**
   * How many sessions on the entry carry each client key's digest, so that a block of it is
   * swept only once none does; made on the first join with a client key. (Email keys are
   * counted in the store's index of email keys.)
   */
  clientUses: Map<string, number> | null;
  /** How many sessions are stored `waiting`. */
  waiting: number;
}

/** A decline of a key on an entry: when, and the `erasureKey` of the guest declined. */
interface Block {
  readonly at: number;
  readonly erasureKey: string;
}

/** The ids filed under one owner: one id, or a set of two or more. */
type Filed = string | Set<string>;

/**
 * Creates a guest store that keeps everything in memory, indexed by entry, so no operation's
 * cost grows with other entries' data. Each method runs to completion without yielding, so
 * every conditional change, and the whole of a join, is atomic within one JavaScript process.
 *
 * @param options - the outbox to write events into, to share one with the invite store.
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const store = createMemoryGuestStore();
 * store.inspect(); // { guestAccess: [], links: [], sessions: [], blocks: [], activity: [] }
 * ```
 *
 * @category Stores
 */
export function createMemoryGuestStore(options: MemoryStoreOptions = {}): MemoryGuestStore {
  const outbox = options.outbox ?? createMemoryOutbox();
  const write = (events: readonly AccessEvent[] | undefined) => {
    if (events !== undefined && events.length > 0) outbox.write(events);
  };
  const entries = new Map<string, EntryData>();
  const links = new Map<string, StoredLink>();
  // Insertion order is joining order: the sweep reads from the oldest.
  const sessions = new Map<string, StoredSession>();
  // One record per email key, across entries: a join touches one index of guests, not two.
  const byEmailKey = new Map<string, EmailSessions>();
  // Every block, oldest first (a new decline of a key moves it to the end), as `entry\nkey`.
  const blockOrder = new Map<string, number>();
  // What an erasure removes: each person's sessions, and their blocks as `entry\nkey`. One id is
  // kept as it is, a set made only for a second: most people join once.
  const byErasureKey = new Map<string, Filed>();
  const blocksOf = new Map<string, Filed>();
  // Activity counts (A1): day, then link, then kind. Nothing in them names a person.
  const activity = new Map<number, Map<string, Map<string, number>>>();
  const tally = (linkId: string, day: number, kind: string) => {
    let links = activity.get(day);
    if (links === undefined) activity.set(day, (links = new Map()));
    let kinds = links.get(linkId);
    if (kinds === undefined) links.set(linkId, (kinds = new Map()));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  const file = (index: Map<string, Filed>, owner: string, id: string) => {
    const ids = index.get(owner);
    if (ids === undefined) index.set(owner, id);
    else if (typeof ids === 'string') index.set(owner, new Set([ids, id]));
    else ids.add(id);
  };
  const unfile = (index: Map<string, Filed>, owner: string, id: string) => {
    const ids = index.get(owner);
    if (ids === id || (typeof ids === 'object' && ids.delete(id) && ids.size === 0)) index.delete(owner);
  };
  const filed = (index: Map<string, Filed>, owner: string): string[] => {
    const ids = index.get(owner);
    return ids === undefined ? [] : typeof ids === 'string' ? [ids] : [...ids];
  };

  const entry = (entryId: string): EntryData => {
    let data = entries.get(entryId);
    if (data === undefined) {
      // An entry with links and no guests yet holds no maps of guests: most entries are so.
      data = { access: null, links: new Map(), sessions: [], blocks: null, clientUses: null, waiting: 0 };
      entries.set(entryId, data);
    }
    return data;
  };
  // A moderator's decision, if the session is the entry's and still reads `from`.
  const move = (entryId: string, sessionId: string, from: GuestSession['status'], decision: GuestSessionDecision): GuestSession | null => {
    const session = sessions.get(sessionId);
    if (!session || session.entryId !== entryId || answer(session).status !== from) return null;
    const data = entry(entryId);
    for (const key of blockKeys(session)) {
      if (decision.status === 'declined') block(data, entryId, key, decision.decidedAt, session.erasureKey);
      else unblock(data, entryId, key);
    }
    if (session.status === 'waiting') data.waiting -= 1;
    Object.assign(session, decision);
    return answer(session);
  };
  // Counts a session into the indexes of its keys.
  const indexIn = (data: EntryData, session: GuestSession) => {
    const same = byEmailKey.get(session.emailKey);
    if (same === undefined) {
      byEmailKey.set(session.emailKey, { ids: session.id, entries: session.entryId });
    } else {
      if (typeof same.ids === 'string') same.ids = new Set([same.ids]);
      // Every session so far is on the one entry: a session on another makes the map.
      if (typeof same.entries === 'string' && same.entries !== session.entryId) same.entries = new Map([[same.entries, same.ids.size]]);
      same.ids.add(session.id);
      if (typeof same.entries !== 'string') count(same.entries, session.entryId, 1);
    }
    if (session.clientKey !== null) count((data.clientUses ??= new Map()), session.clientKey, 1);
    file(byErasureKey, session.erasureKey, session.id);
  };
  // Counts a session out of them.
  const indexOut = (data: EntryData, session: GuestSession) => {
    const same = byEmailKey.get(session.emailKey)!;
    if (typeof same.ids === 'string' || (same.ids.delete(session.id) && same.ids.size === 0)) byEmailKey.delete(session.emailKey);
    else if (typeof same.entries !== 'string') count(same.entries, session.entryId, -1);
    if (session.clientKey !== null) count(data.clientUses!, session.clientKey, -1);
    unfile(byErasureKey, session.erasureKey, session.id);
  };
  // Whether a session on the entry still carries a blocked key (`email:…` or `client:…`).
  const inUse = (data: EntryData, entryId: string, key: string) => {
    const bare = key.slice(key.indexOf(':') + 1);
    if (!key.startsWith('email:')) return (data.clientUses?.get(bare) ?? 0) > 0;
    const same = byEmailKey.get(bare);
    if (same === undefined) return false;
    return typeof same.entries === 'string' ? same.entries === entryId : (same.entries.get(entryId) ?? 0) > 0;
  };
  const blockKeys = (session: Pick<GuestSession, 'emailKey' | 'clientKey'>) =>
    session.clientKey === null ? [`email:${session.emailKey}`] : [`email:${session.emailKey}`, `client:${session.clientKey}`];
  const blocked = (session: Pick<GuestSession, 'entryId' | 'emailKey' | 'clientKey'>, since = -Infinity) => {
    const blocks = entries.get(session.entryId)?.blocks;
    if (blocks == null || blocks.size === 0) return false;
    return blockKeys(session).some((key) => {
      const made = blocks.get(key);
      return made !== undefined && made.at >= since;
    });
  };
  const unblock = (data: EntryData, entryId: string, key: string) => {
    const made = data.blocks?.get(key);
    if (made === undefined) return;
    data.blocks!.delete(key);
    blockOrder.delete(`${entryId}\n${key}`);
    unfile(blocksOf, made.erasureKey, `${entryId}\n${key}`);
  };
  const block = (data: EntryData, entryId: string, key: string, at: number, erasureKey: string) => {
    unblock(data, entryId, key);
    (data.blocks ??= new Map()).set(key, { at, erasureKey });
    blockOrder.set(`${entryId}\n${key}`, at);
    file(blocksOf, erasureKey, `${entryId}\n${key}`);
  };
  // A session as the port answers it: declined while its guest is blocked.
  // A session the guest left reads left whatever blocks its keys: it is over.
  const answer = (session: GuestSession): GuestSession => copySession(session, session.status !== 'left' && blocked(session) ? 'declined' : session.status);
  const copy = <T extends object>(value: T | null | undefined): T | null => (value ? { ...value } : null);
  const remove = (session: StoredSession) => {
    sessions.delete(session.id);
    const data = entries.get(session.entryId)!;
    removeSorted(data.sessions, session.id);
    if (session.status === 'waiting') data.waiting -= 1;
    indexOut(data, session);
  };

  return {
    name: 'memory',
    async getGuestAccess(entryId) {
      return copy(entries.get(entryId)?.access);
    },
    async updateGuestAccess(entryId, change, events) {
      const data = entry(entryId);
      const current = data.access ?? defaultGuestAccess(entryId);
      data.access = {
        entryId,
        enabled: change.enabled ?? current.enabled,
        roomLocked: change.roomLocked ?? current.roomLocked,
        updatedAt: change.updatedAt,
        updatedBy: change.updatedBy,
      };
      write(events);
      return { ...data.access };
    },
    async insertLinkUnderCap(link, cap, events) {
      const data = entry(link.entryId);
      if (links.has(link.id) || data.links.size >= cap) return false;
      // The domain lists are frozen copies, which every copy of the link answered may share; most
      // links have none, and share one empty list.
      const stored = { ...link, allowedDomains: frozen(link.allowedDomains), blockedDomains: frozen(link.blockedDomains) };
      links.set(link.id, stored);
      data.links.set(link.id, stored);
      write(events);
      return true;
    },
    async readLink(linkId) {
      const link = links.get(linkId);
      return link ? { link: { ...link }, access: copy(entries.get(link.entryId)?.access) } : null;
    },
    async listLinks(entryId) {
      return [...(entries.get(entryId)?.links.values() ?? [])].sort(byCreation).map((link) => ({ ...link }));
    },
    async deleteLink(entryId, linkId, events) {
      const data = entries.get(entryId);
      if (!data?.links.delete(linkId)) return false;
      links.delete(linkId);
      write(events);
      return true;
    },
    async setLinkPasscode(entryId, linkId, passcodeHash, events) {
      const link = entries.get(entryId)?.links.get(linkId);
      if (link === undefined) return null;
      link.passcodeHash = passcodeHash;
      write(events);
      return { ...link };
    },
    async joinGuest({ session, waitingRoom, now, maxGuestsPerLink, maxWaitingGuests, declinedSince, passcodeHash, countDay, events }) {
      // The same verified join again (V4): its session as it stands, nothing spent.
      const earlier = session.verified ? sessions.get(session.id) : undefined;
      if (earlier !== undefined && earlier.linkId === session.linkId && earlier.entryId === session.entryId) {
        return { status: 'joined', session: answer(earlier), again: true };
      }
      const data = entries.get(session.entryId);
      const link = data?.links.get(session.linkId);
      const off = data?.access?.enabled !== true;
      const dead = link === undefined || isGuestLinkExpired(link, now) || isGuestLinkUsedUp(link);
      // Judged against another passcode than the link's now: one set, changed or removed since (V3).
      const passcode = !dead && link.passcodeHash !== passcodeHash;
      const declined = blocked(session, declinedSince);
      const full = link !== undefined && link.uses >= maxGuestsPerLink;
      const waits = waitingRoom && data?.access?.roomLocked === true;
      const crowded = waits && data!.waiting >= maxWaitingGuests;
      if (off || dead || passcode || declined || full || crowded || data === undefined || link === undefined || sessions.has(session.id)) {
        const reasons: GuestJoinRefusal[] = [];
        if (off) reasons.push('GUEST_ACCESS_OFF');
        if (dead) reasons.push('LINK_INVALID');
        if (passcode) reasons.push(passcodeHash === null ? 'PASSCODE_REQUIRED' : 'WRONG_PASSCODE');
        if (declined) reasons.push('GUEST_DECLINED');
        if (full) reasons.push('LINK_GUEST_CAP_REACHED');
        if (crowded) reasons.push('WAITING_ROOM_FULL');
        return { status: 'refused', reasons: reasons.length > 0 ? reasons : ['LINK_INVALID'] };
      }
      // A decline that has lapsed refuses nothing, and goes.
      if (data.blocks !== null && data.blocks.size > 0) {
        for (const key of blockKeys(session)) if (data.blocks.has(key)) unblock(data, session.entryId, key);
      }
      link.uses += 1;
      const stored = copySession(session, waits ? 'waiting' : 'admitted');
      sessions.set(stored.id, stored);
      insertSorted(data.sessions, stored.id);
      if (waits) data.waiting += 1;
      indexIn(data, stored);
      if (countDay != null) tally(link.id, countDay, 'joined');
      if (events !== undefined && events.length > 0) write(events.map((event) => withStatus(event, stored.status)));
      return { status: 'joined', session: copySession(stored, stored.status) };
    },
    async getSession(sessionId) {
      const session = sessions.get(sessionId);
      return session ? answer(session) : null;
    },
    async readSession(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) return null;
      const data = entries.get(session.entryId);
      return { session: answer(session), link: copy(data?.links.get(session.linkId)), access: copy(data?.access) };
    },
    async listSessions(entryId, page) {
      const ids = entries.get(entryId)?.sessions ?? [];
      const found: GuestSession[] = [];
      const limit = page?.limit ?? Number.POSITIVE_INFINITY;
      for (let i = page?.after == null ? 0 : upperBound(ids, page.after); i < ids.length && found.length < limit; i++) {
        const session = answer(sessions.get(ids[i]!)!);
        if (page?.status == null || session.status === page.status) found.push(session);
      }
      return found;
    },
    async moveSession(entryId, sessionId, from, decision, events) {
      const moved = move(entryId, sessionId, from, decision);
      if (moved !== null) write(events);
      return moved;
    },
    async leaveSession(entryId, sessionId, from, at, events) {
      const session = sessions.get(sessionId);
      if (!session || session.entryId !== entryId || (from !== 'waiting' && from !== 'admitted') || answer(session).status !== from) return null;
      if (session.status === 'waiting') entry(entryId).waiting -= 1;
      Object.assign(session, { status: 'left', decidedAt: at, decidedBy: null });
      write(events);
      return answer(session);
    },
    async moveWaiting(entryId, decision, limit, events) {
      const moved: GuestSession[] = [];
      // One synchronous pass: no other call runs between a session's read and its move.
      for (const id of entries.get(entryId)?.sessions ?? []) {
        if (moved.length >= limit) break;
        const session = move(entryId, id, 'waiting', decision);
        if (session) moved.push(session);
      }
      if (events != null) write(moved.map((session, n) => ({ ...events.template, id: events.ids[n]!, subjectId: session.id })));
      return moved;
    },
    async countActivity({ linkId, day, kind }) {
      tally(linkId, day, kind);
    },
    async readActivity({ linkIds, fromDay, toDay }) {
      const found: ActivityCount[] = [];
      const wanted = new Set(linkIds);
      for (const [day, links] of activity) {
        if (day < fromDay || day > toDay) continue;
        for (const linkId of wanted) {
          for (const [kind, count] of links.get(linkId) ?? []) found.push({ linkId, day, kind, count });
        }
      }
      return found;
    },
    async sweep({ now, sessionsJoinedBefore, blocksBefore, activityBefore, limit }) {
      let removedSessions = 0;
      for (const session of sessions.values()) {
        if (removedSessions >= limit || session.joinedAt >= sessionsJoinedBefore) break;
        const link = links.get(session.linkId);
        if (link !== undefined && !isGuestLinkExpired(link, now)) continue;
        remove(session);
        removedSessions += 1;
      }
      let removedBlocks = 0;
      for (const [id, at] of blockOrder) {
        if (removedBlocks >= limit || at >= blocksBefore) break;
        const [entryId, key] = [id.slice(0, id.indexOf('\n')), id.slice(id.indexOf('\n') + 1)];
        const data = entries.get(entryId)!;
        if (inUse(data, entryId, key)) continue;
        unblock(data, entryId, key);
        removedBlocks += 1;
      }
      let removedCounts = 0;
      for (const [day, links] of activity) {
        if (day >= activityBefore) continue;
        for (const [linkId, kinds] of links) {
          for (const kind of kinds.keys()) {
            if (removedCounts >= limit) break;
            kinds.delete(kind);
            removedCounts += 1;
          }
          if (kinds.size === 0) links.delete(linkId);
        }
        if (links.size === 0) activity.delete(day);
        if (removedCounts >= limit) break;
      }
      return {
        sessions: removedSessions,
        blocks: removedBlocks,
        activity: removedCounts,
        more: removedSessions >= limit || removedBlocks >= limit || removedCounts >= limit,
      };
    },
    async eraseGuest(erasureKey, events) {
      // The person's sessions, and the blocks of their declines: nobody else's, whatever their keys.
      const ids = filed(byErasureKey, erasureKey);
      for (const id of ids) remove(sessions.get(id)!);
      const blocks = filed(blocksOf, erasureKey);
      for (const id of blocks) {
        const entryId = id.slice(0, id.indexOf('\n'));
        unblock(entries.get(entryId)!, entryId, id.slice(id.indexOf('\n') + 1));
      }
      write(events?.map((event) => ({ ...event, detail: { ...event.detail, sessions: ids.length, blocks: blocks.length } })));
      return { sessions: ids.length, blocks: blocks.length };
    },
    outbox,
    inspect() {
      return {
        guestAccess: [...entries.values()].flatMap((data) => (data.access ? [{ ...data.access }] : [])),
        links: [...links.values()].sort(byCreation).map((link) => ({ ...link })),
        sessions: [...sessions.values()].sort(byJoining).map(answer),
        blocks: [...entries].flatMap(([entryId, data]) =>
          [...(data.blocks ?? [])].map(([block, made]) => {
            const [kind, ...key] = block.split(':');
            return { entryId, kind: kind as MemoryGuestBlock['kind'], key: key.join(':'), erasureKey: made.erasureKey };
          }),
        ),
        activity: [...activity]
          .sort(([a], [b]) => a - b)
          .flatMap(([day, links]) => [...links].flatMap(([linkId, kinds]) => [...kinds].map(([kind, count]) => ({ linkId, day, kind, count })))),
      };
    },
  };
}

/** A copy of a session with the status given, field by field: one shape for every stored session. */
const NO_DOMAINS: readonly string[] = Object.freeze([]);
const frozen = (list: readonly string[]): readonly string[] => (list.length === 0 ? NO_DOMAINS : Object.freeze([...list]));

function copySession(session: Omit<GuestSession, 'status'>, status: GuestSession['status']): StoredSession {
  return {
    id: session.id,
    entryId: session.entryId,
    linkId: session.linkId,
    linkName: session.linkName,
    guestName: session.guestName,
    guestEmail: session.guestEmail,
    emailKey: session.emailKey,
    erasureKey: session.erasureKey,
    clientKey: session.clientKey,
    verified: session.verified,
    status,
    joinedAt: session.joinedAt,
    decidedAt: session.decidedAt,
    decidedBy: session.decidedBy,
  };
}

/** Adds `by` to the count of `key`, forgetting a count that reaches zero. */
function count(uses: Map<string, number>, key: string, by: number): void {
  const total = (uses.get(key) ?? 0) + by;
  if (total > 0) uses.set(key, total);
  else uses.delete(key);
}

function byCreation(a: GuestLink, b: GuestLink): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byJoining(a: GuestSession, b: GuestSession): number {
  return a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
