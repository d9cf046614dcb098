/** One page of a list that can grow, and how to ask for the next (R2). */

/**
 * One page of a list: at most `limit` items in a stable order (by id, so oldest first), and the
 * cursor of the next page. Paging through while others are added answers every item that
 * existed at the start exactly once.
 *
 * @typeParam T - the items.
 * @category Results and errors
 */
export interface Page<T> {
  /** The items of this page. */
  readonly items: readonly T[];
  /** Pass it as `cursor` for the next page; `null` when this page is the last. */
  readonly next: string | null;
}

/**
 * How a list is asked for one page.
 *
 * @category Results and errors
 */
export interface PageInput {
  /**
   * How many items at most, from 1 to {@link MAX_PAGE_SIZE}.
   * @defaultValue {@link DEFAULT_PAGE_SIZE}
   */
  readonly limit?: number | null | undefined;
  /** The `next` of the page before; absent for the first page. Opaque: pass it back as it came. */
  readonly cursor?: string | null | undefined;
}

/**
 * The page size of a list when `limit` is not given.
 *
 * @category Results and errors
 */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The largest page a list answers.
 *
 * @category Results and errors
 */
export const MAX_PAGE_SIZE = 1000;

/** @internal A page from what the store answered for `limit + 1` items: the extra one says more remain. */
export function pageOf<S extends { readonly id: string }, T>(rows: readonly S[], limit: number, view: (row: S) => T): Page<T> {
  const items = rows.slice(0, limit);
  return { items: items.map(view), next: rows.length > limit && items.length > 0 ? items[items.length - 1]!.id : null };
}
