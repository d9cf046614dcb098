/** One page of a list that can grow, and how to ask for the next (R2). */
import { reason } from '../domain/reasons';
import { refuse, success, type Result } from '../domain/result';
import type { KeyRing } from '../ports/key-ring';
import { openCursor, signCursor, type CursorBinding } from './tokens';

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
  /**
   * Pass it as `cursor` for the next page, with the same entry and filter (see
   * {@link PageInput.cursor}); `null` when this page is the last.
   */
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
  /**
   * The `next` of the page before; absent for the first page. Opaque: pass it back as it came.
   *
   * A cursor is signed with the key ring (under a label of its own: it is never a link, session
   * or invite token, nor they a cursor) and bound to the list, the entry (for
   * `listInvitesFor`, the address) and the filter (`status`, `state`) of the page that gave it.
   * Anything else is refused with `INVALID_CURSOR` and changes nothing: another list's, another
   * entry's or another filter's cursor, one changed in any character, cut short or lengthened,
   * a token, or one signed by a key the ring no longer holds (after a rotation, a key still held
   * keeps its cursors valid). `limit` is not bound: a cursor marks a place in the list's order,
   * and any page size goes on from there. Cursors are URL-safe (`A–Z a–z 0–9 _ - .`), at most
   * 128 characters, and do not expire; their layout is not a contract.
   */
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

/**
 * @internal A page from what the store answered for `limit + 1` items: the extra one says more
 * remain, and then `next` is the last item's id, signed for `binding`.
 */
export async function pageOf<S extends { readonly id: string }, T>(
  keyRing: KeyRing,
  binding: CursorBinding,
  rows: readonly S[],
  limit: number,
  view: (row: S) => T,
): Promise<Page<T>> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(view), next: rows.length > limit && last !== undefined ? await signCursor(keyRing, binding, last.id) : null };
}

/**
 * @internal The id a page starts after: `null` for the first page, or the id of a cursor this
 * list gave for `binding`, checked with one MAC; any other cursor is `INVALID_CURSOR`.
 */
export async function pageAfter(keyRing: KeyRing, binding: CursorBinding, cursor: string | null): Promise<Result<string | null, 'INVALID_CURSOR'>> {
  if (cursor === null) return success(null);
  const id = await openCursor(keyRing, binding, cursor);
  return id === null ? refuse([{ ...reason('INVALID_CURSOR'), path: ['cursor'] }]) : success(id);
}
