/**
 * How an actor relates to an entry, read from the entry's and the actor's own fields only: an
 * inherited property (a polluted `Object.prototype`) never makes anyone an admin or a member.
 */
import type { Actor, Entry } from '../domain/entry';

/** @internal Whether the actor is a site admin: an own `admin: true`, never an inherited one. */
export function isAdmin(actor: Actor): boolean {
  // The value first: the own-property check runs only for the rare admin.
  return actor.admin === true && Object.hasOwn(actor, 'admin');
}

/**
 * @internal Whether the entry's own co-editor list names the user. Asked on almost every
 * decision, so the list's ownership is settled without a lookup when it can be: a plain object
 * inherits only what `Object.prototype` holds, so when that holds no `coEditorIds`, a list found
 * on a plain entry is its own (and the engine tells both from the shapes alone).
 */
export function isCoEditor(entry: Entry, userId: string): boolean {
  const ids = entry.coEditorIds;
  return (
    Array.isArray(ids) &&
    ids.includes(userId) &&
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a fast path, equivalent when it fires less (Object.hasOwn answers the same); firing more is caught
    (((Object.prototype as { coEditorIds?: unknown }).coEditorIds === undefined && Object.getPrototypeOf(entry) === Object.prototype) ||
      Object.hasOwn(entry, 'coEditorIds'))
  );
}

/** @internal Whether the entry's own moderator list names the user. */
export function isModerator(entry: Entry, userId: string): boolean {
  const ids = entry.moderatorIds;
  return Array.isArray(ids) && ids.includes(userId) && Object.hasOwn(entry, 'moderatorIds');
}
