/**
 * What the library remembers of what it used lately, bounded, the least recently used forgotten
 * first: the links it has seen (a link's entry, name and domain lists never change, so a join through a link
 * seen before needs no read of it before the store's atomic step; its passcode may change, and the
 * store's step refuses a join judged against another), and the MACs a key ring
 * verified.
 */

/** @internal A link's entry, name and domain lists (what never changes), and its passcode hash as last read. */
export interface KnownLink {
  readonly entryId: string;
  readonly name: string;
  readonly allowedDomains: readonly string[];
  readonly blockedDomains: readonly string[];
  /** The passcode hash when it was read: it may have changed since, which the store's join step checks. */
  readonly passcodeHash: string | null;
  /** Whether the link verifies addresses (V4): set when it is made, so never stale. */
  readonly verifyEmail: boolean;
}

/** @internal */
export interface Recent<V> {
  get(key: string): V | undefined;
  remember(key: string, value: V): void;
  forget(key: string): void;
}

/** @internal The links seen lately. */
export type LinkCache = Recent<KnownLink>;

/**
 * @internal A cache of at most `limit` values, in two generations: a hit in the young one costs
 * one lookup; a hit in the old one moves the value to the young one; when the young one is full
 * it becomes the old one, and the values nobody asked for since are forgotten.
 */
export function recentlyUsed<V>(limit: number): Recent<V> {
  const half = Math.max(1, limit >> 1);
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  const keep = (linkId: string, link: V) => {
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(linkId, link);
  };
  return {
    get(linkId) {
      const hit = young.get(linkId);
      if (hit !== undefined) return hit;
      const aged = old.get(linkId);
      if (aged !== undefined) {
        old.delete(linkId);
        keep(linkId, aged);
      }
      return aged;
    },
    remember(linkId, link) {
      old.delete(linkId);
      if (young.has(linkId)) young.set(linkId, link);
      else keep(linkId, link);
    },
    forget(linkId) {
      young.delete(linkId);
      old.delete(linkId);
    },
  };
}
