/**
 * The schemas of the records access-links stores, for adapter authors: validate what comes
 * back from a database, or derive a table from the fields. Kept in their own entry point so
 * that a host that never validates a record does not bundle them.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * import { GuestLinkSchema } from 'access-links/schemas';
 *
 * // What a database answered, made back into a record and checked before the library gets it.
 * const row = { id: '01JDQ0000000000000000000GH', entry_id: 'room-1', name: 'Guests', use_limit: null, uses: '0',
 *   duration_days: null, created_at: '1795392000000', expires_at: null, created_by: 'owner-1' };
 * const link = z.parse(GuestLinkSchema, {
 *   id: row.id, entryId: row.entry_id, name: row.name, useLimit: row.use_limit, uses: Number(row.uses),
 *   durationDays: row.duration_days, createdAt: Number(row.created_at), expiresAt: row.expires_at, createdBy: row.created_by,
 * });
 * ```
 *
 * @packageDocumentation
 */
export { GuestAccessSchema, GuestLinkSchema, GuestSessionSchema, InviteSchema } from './domain/records';
export { GuestLinkRulesSchema, InviteRulesSchema } from './domain/rule-schemas';
