/**
 * How an actor relates to an entry, read from the entry's and the actor's own fields only: an
 * inherited property (a polluted `Object.prototype`) never makes anyone an admin or a member.
 */
import type { Actor, Entry } from '../domain/entry';

/** @internal Whether the actor is a site admin: an own `admin: true`, never an inherited one. */
export function isAdmin(actor: Actor): boolean {
  return Object.hasOwn(actor, 'admin') && actor.admin === true;
}

/** @internal Whether an entry's own list (`coEditorIds`, `moderatorIds`) names the user. */
export function listed(entry: Entry, list: 'coEditorIds' | 'moderatorIds', userId: string): boolean {
  const ids = Object.hasOwn(entry, list) ? entry[list] : undefined;
  return Array.isArray(ids) && ids.includes(userId);
}
