/**
 * The schemas of the records access-links stores, of its rules, and of every operation's
 * input, as zod/mini schemas (Standard Schema): for adapter authors who validate what comes back
 * from a database, for hosts that check their configuration or their forms with zod, and for
 * the OpenAPI document of the HTTP layer. Kept in their own entry point so that the core carries no zod (the
 * library checks rules without it). zod's declarations name `URL`: compile with the DOM library
 * or `@types/node`.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini';
 * import { GuestLinkSchema } from 'access-links/schemas';
 *
 * // What a database answered, made back into a record and checked before the library gets it.
 * const row = { id: '01JDQ0000000000000000000GH', entry_id: 'room-1', name: 'Guests', use_limit: null, uses: '0',
 *   duration_days: null, created_at: '1795392000000', expires_at: null, created_by: 'owner-1', allowed_domains: 'example.org', blocked_domains: '',
 *   passcode_hash: null, verify_email: false };
 * const link = z.parse(GuestLinkSchema, {
 *   id: row.id, entryId: row.entry_id, name: row.name, useLimit: row.use_limit, uses: Number(row.uses),
 *   durationDays: row.duration_days, createdAt: Number(row.created_at), expiresAt: row.expires_at, createdBy: row.created_by,
 *   allowedDomains: row.allowed_domains.split(' ').filter(Boolean), blockedDomains: row.blocked_domains.split(' ').filter(Boolean),
 *   passcodeHash: row.passcode_hash, verifyEmail: row.verify_email,
 * });
 * ```
 *
 * @module access-links/schemas
 */
export { GuestAccessSchema, GuestLinkSchema, GuestSessionSchema, InviteSchema } from './domain/record-schemas';
export { GuestLinkRulesSchema, InviteRulesSchema } from './domain/rule-schemas';
export { ActorSchema, ClaimantSchema, GuestLinksInputSchemas, InviteLinksInputSchemas } from './services/input-schemas';
export type { GuestLinksInputSchemaMap, InputSchema, InviteLinksInputSchemaMap, WithAnyToken } from './services/input-schemas';
