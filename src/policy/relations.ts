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

/** @internal Whether an entry's own list (`coEditorIds`, `moderatorIds`) names the user. */
export function listed(entry: Entry, list: 'coEditorIds' | 'moderatorIds', userId: string): boolean {
  const ids = entry[list];
  return Array.isArray(ids) && ids.includes(userId) && Object.hasOwn(entry, list);
}
