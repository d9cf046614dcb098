import { defaultGuestAccess, type GuestAccess } from '../../domain/guest-access';
import { isGuestLinkExpired, isGuestLinkUsedUp, type GuestLink } from '../../domain/guest-link';
import type { GuestSession } from '../../domain/guest-session';
import type { GuestJoinRefusal, GuestStore } from '../../ports/guest-store';

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
}

/**
 * A {@link GuestStore} in memory, whose contents a test can look at.
 *
 * @category Stores
 */
export interface MemoryGuestStore extends GuestStore {
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

interface EntryData {
  access: GuestAccess | null;
  readonly links: Map<string, StoredLink>;
  readonly sessions: string[];
  readonly blocks: Set<string>;
}

/**
 * Creates a guest store that keeps everything in memory, indexed by entry, so no operation's
 * cost grows with other entries' data. Each method runs to completion without yielding, so
 * every conditional change, and the whole of a join, is atomic within one JavaScript process.
 *
 * @returns an empty store.
 *
 * @example
 * ```ts
 * const store = createMemoryGuestStore();
 * store.inspect(); // { guestAccess: [], links: [], sessions: [], blocks: [] }
 * ```
 *
 * @category Stores
 */
export function createMemoryGuestStore(): MemoryGuestStore {
  const entries = new Map<string, EntryData>();
  const links = new Map<string, StoredLink>();
  const sessions = new Map<string, StoredSession>();

  const entry = (entryId: string): EntryData => {
    let data = entries.get(entryId);
    if (data === undefined) {
      data = { access: null, links: new Map(), sessions: [], blocks: new Set() };
      entries.set(entryId, data);
    }
    return data;
  };
  const blockKeys = (session: Pick<GuestSession, 'emailKey' | 'clientKey'>) =>
    session.clientKey === null ? [`email:${session.emailKey}`] : [`email:${session.emailKey}`, `client:${session.clientKey}`];
  const blocked = (session: Pick<GuestSession, 'entryId' | 'emailKey' | 'clientKey'>) => {
    const blocks = entries.get(session.entryId)?.blocks;
    return blocks !== undefined && blocks.size > 0 && blockKeys(session).some((key) => blocks.has(key));
  };
  // A session as the port answers it: declined while its guest is blocked.
  const answer = (session: GuestSession): GuestSession =>
    blocked(session) ? { ...session, status: 'declined' } : { ...session };
  const copy = <T extends object>(value: T | null | undefined): T | null => (value ? { ...value } : null);

  return {
    async getGuestAccess(entryId) {
      return copy(entries.get(entryId)?.access);
    },
    async updateGuestAccess(entryId, change) {
      const data = entry(entryId);
      const current = data.access ?? defaultGuestAccess(entryId);
      data.access = {
        entryId,
        enabled: change.enabled ?? current.enabled,
        roomLocked: change.roomLocked ?? current.roomLocked,
        updatedAt: change.updatedAt,
        updatedBy: change.updatedBy,
      };
      return { ...data.access };
    },
    async insertLinkUnderCap(link, cap) {
      const data = entry(link.entryId);
      if (links.has(link.id) || data.links.size >= cap) return false;
      const stored = { ...link };
      links.set(link.id, stored);
      data.links.set(link.id, stored);
      return true;
    },
    async readLink(linkId) {
      const link = links.get(linkId);
      return link ? { link: { ...link }, access: copy(entries.get(link.entryId)?.access) } : null;
    },
    async listLinks(entryId) {
      return [...(entries.get(entryId)?.links.values() ?? [])].sort(byCreation).map((link) => ({ ...link }));
    },
    async deleteLink(entryId, linkId) {
      const data = entries.get(entryId);
      if (!data?.links.delete(linkId)) return false;
      links.delete(linkId);
      return true;
    },
    async joinGuest({ session, waitingRoom, now }) {
      const data = entries.get(session.entryId);
      const link = data?.links.get(session.linkId);
      const off = data?.access?.enabled !== true;
      const dead = link === undefined || isGuestLinkExpired(link, now) || isGuestLinkUsedUp(link);
      const declined = blocked(session);
      if (off || dead || declined || data === undefined || link === undefined || sessions.has(session.id)) {
        const reasons: GuestJoinRefusal[] = [];
        if (off) reasons.push('GUEST_ACCESS_OFF');
        if (dead) reasons.push('LINK_INVALID');
        if (declined) reasons.push('GUEST_DECLINED');
        return { status: 'refused', reasons: reasons.length > 0 ? reasons : ['LINK_INVALID'] };
      }
      link.uses += 1;
      const stored: StoredSession = { ...session, status: waitingRoom && data.access!.roomLocked ? 'waiting' : 'admitted' };
      sessions.set(stored.id, stored);
      data.sessions.push(stored.id);
      return { status: 'joined', session: { ...stored } };
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
    async listSessions(entryId) {
      const ids = entries.get(entryId)?.sessions ?? [];
      return ids.map((id) => sessions.get(id)!).sort(byJoining).map(answer);
    },
    async moveSession(entryId, sessionId, from, decision) {
      const session = sessions.get(sessionId);
      if (!session || session.entryId !== entryId || answer(session).status !== from) return null;
      const blocks = entry(entryId).blocks;
      for (const key of blockKeys(session)) {
        if (decision.status === 'declined') blocks.add(key);
        else blocks.delete(key);
      }
      Object.assign(session, decision);
      return answer(session);
    },
    inspect() {
      return {
        guestAccess: [...entries.values()].flatMap((data) => (data.access ? [{ ...data.access }] : [])),
        links: [...links.values()].sort(byCreation).map((link) => ({ ...link })),
        sessions: [...sessions.values()].sort(byJoining).map(answer),
        blocks: [...entries].flatMap(([entryId, data]) =>
          [...data.blocks].map((block) => {
            const [kind, ...key] = block.split(':');
            return { entryId, kind: kind as MemoryGuestBlock['kind'], key: key.join(':') };
          }),
        ),
      };
    },
  };
}

function byCreation(a: GuestLink, b: GuestLink): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byJoining(a: GuestSession, b: GuestSession): number {
  return a.joinedAt - b.joinedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Creates an in-memory guest store.
 *
 * @returns an empty guest store: it holds links, settings, sessions and declined guests alike.
 * @deprecated Renamed {@link createMemoryGuestStore}: one store now holds everything of guest
 *   links, so pass it as `store`. This name goes in the next major version.
 * @example
 * ```ts
 * const store = createMemoryGuestLinkStore(); // as createMemoryGuestStore()
 * ```
 *
 * @category Deprecated
 */
export function createMemoryGuestLinkStore(): MemoryGuestStore {
  return createMemoryGuestStore();
}

/**
 * Creates an in-memory guest store.
 *
 * @returns an empty guest store. Passed as `guestSessions` it is not used: the store passed as
 *   `store` (or `guestLinks`) holds the sessions.
 * @deprecated One store now holds everything of guest links: use {@link createMemoryGuestStore}
 *   and pass it as `store`. This name goes in the next major version.
 * @example
 * ```ts
 * const store = createMemoryGuestSessionStore(); // as createMemoryGuestStore()
 * ```
 *
 * @category Deprecated
 */
export function createMemoryGuestSessionStore(): MemoryGuestStore {
  return createMemoryGuestStore();
}

/**
 * An in-memory guest store.
 * @deprecated Renamed {@link MemoryGuestStore}; this name goes in the next major version.
 *
 * @category Deprecated
 */
export type MemoryGuestLinkStore = MemoryGuestStore;

/**
 * An in-memory guest store.
 * @deprecated Renamed {@link MemoryGuestStore}; this name goes in the next major version.
 *
 * @category Deprecated
 */
export type MemoryGuestSessionStore = MemoryGuestStore;

/**
 * What an in-memory guest store holds.
 * @deprecated Renamed {@link MemoryGuestStoreState}; this name goes in the next major version.
 *
 * @category Deprecated
 */
export type MemoryGuestLinkStoreState = MemoryGuestStoreState;
