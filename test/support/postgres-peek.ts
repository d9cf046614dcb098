/** What the conformance kit reads straight from the PostgreSQL adapter's tables, over any client of it. */
import { toGuestAccess, toGuestLink, toGuestSession, toInvite } from '../../src/adapters/postgres/rows';
import type { SqlQueryable } from '../../src/postgres';
import type { GuestStorePeek, InviteStorePeek } from '../../src/testing';

function peekRow<T>(client: SqlQueryable, table: string, column: string, map: (row: Record<string, unknown>) => T) {
  return async (value: string): Promise<T | null> => {
    const rows = await client.query(`SELECT * FROM ${table} WHERE ${column} = $1`, [value]);
    return rows[0] === undefined ? null : map(rows[0]);
  };
}

/** The guest store's rows, read past the adapter. */
export const guestPeek = (client: SqlQueryable): GuestStorePeek => ({
  link: peekRow(client, 'access_links_guest_links', 'id', toGuestLink),
  guestAccess: peekRow(client, 'access_links_guest_access', 'entry_id', toGuestAccess),
  session: peekRow(client, 'access_links_guest_sessions', 'id', toGuestSession),
});

/** The invite store's rows, read past the adapter. */
export const invitePeek = (client: SqlQueryable): InviteStorePeek => ({ invite: peekRow(client, 'access_links_invites', 'id', toInvite) });
