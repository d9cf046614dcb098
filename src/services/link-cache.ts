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

/** @internal A cache of at most `limit` links. */
export function linkCache(limit = 10_000): LinkCache {
  const links = new Map<string, KnownLink>();
  return {
    get(linkId) {
      const link = links.get(linkId);
      if (link !== undefined) {
        // Most recently used last: Map keeps insertion order.
        links.delete(linkId);
        links.set(linkId, link);
      }
      return link;
    },
    remember(linkId, link) {
      links.delete(linkId);
      links.set(linkId, link);
      if (links.size > limit) links.delete(links.keys().next().value!);
    },
    forget(linkId) {
      links.delete(linkId);
    },
  };
}
