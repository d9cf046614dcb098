/**
 * What the library remembers of the links it has seen: a link's entry and name never change, so
 * a join through a link seen before needs no read of it before the store's atomic step. Bounded:
 * the least recently used are forgotten first.
 */

/** @internal A link's entry and name. */
export interface KnownLink {
  readonly entryId: string;
  readonly name: string;
}

/** @internal */
export interface LinkCache {
  get(linkId: string): KnownLink | undefined;
  remember(linkId: string, link: KnownLink): void;
  forget(linkId: string): void;
}

/**
 * @internal A cache of at most `limit` links, in two generations: a hit in the young one costs
 * one lookup; a hit in the old one moves the link to the young one; when the young one is full
 * it becomes the old one, and the links nobody asked for since are forgotten.
 */
export function linkCache(limit = 10_000): LinkCache {
  const half = Math.max(1, limit >> 1);
  let young = new Map<string, KnownLink>();
  let old = new Map<string, KnownLink>();
  const keep = (linkId: string, link: KnownLink) => {
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
