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
 * const link = z.parse(GuestLinkSchema, rowToRecord(row));
 * ```
 *
 * @packageDocumentation
 */
export { GuestAccessSchema, GuestLinkSchema, GuestSessionSchema, InviteSchema } from './domain/records';
