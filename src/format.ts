/**
 * Words a person reads (P1), apart from the core so that it stays small: expiry and dates in a
 * language and an IANA time zone (date-fns and `@date-fns/tz`), refusal sentences in English,
 * French and German, and an invite email in the recipient's language. Codes stay the contract;
 * a host may bring its own {@link Catalogue}.
 *
 * @example
 * ```ts
 * import { de, en, formatExpiry, fr, refusalMessage } from 'access-links/format';
 * formatExpiry(link.expiresAt, Date.now(), { catalogue: fr, timeZone: 'Europe/Paris' }).text; // e.g. 'expire dans 7 jours'
 * refusalMessage('LINK_INVALID', de); // 'Dieser Link ist nicht mehr gültig.'
 * void en;
 * ```
 *
 * @module access-links/format
 */
export { de, en, fr } from './format/catalogues';
export type { Catalogue } from './format/catalogues';
export { catalogueFor, createInviteRenderer, formatDate, formatExpiry, refusalMessage } from './format/format';
export type { ExpiryText, FormatOptions } from './format/format';
