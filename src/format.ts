/**
 * Words a person reads (P1), apart from the core so that it stays small: expiry and dates in a
 * language and an IANA time zone (date-fns and `@date-fns/tz`), refusals in English, French and
 * German — for the guest or invitee and for the owner, each with what to do next, for the
 * library's reason codes and the HTTP layer's own codes — and an invite email in the
 * recipient's language. Codes stay the contract; a host may bring its own {@link Catalogue}.
 *
 * @example
 * ```ts
 * import { de, en, formatExpiry, fr, refusalMessage, refusalText } from 'access-links/format';
 * formatExpiry(link.expiresAt, Date.now(), { catalogue: fr, timeZone: 'Europe/Paris' }).text; // e.g. 'expire dans 7 jours'
 * refusalText('GUEST_DECLINED', { audience: 'guest', catalogue: fr }).text; // 'L’entrée dans cette salle vous a été refusée.'
 * refusalMessage('LINK_INVALID', de); // 'Dieser Link ist nicht mehr gültig.' (for developers and logs)
 * void en;
 * ```
 *
 * @module access-links/format
 */
export { de, en, fr } from './format/catalogues';
export type { Catalogue } from './format/catalogues';
export { catalogueFor, createInviteRenderer, formatDate, formatExpiry, refusalMessage, refusalText } from './format/format';
export type { Audience, ExpiryText, FormatOptions, RefusalOptions, RefusalText } from './format/format';
export type { HttpErrorCode } from './domain/http-codes';
export type { RefusalCode, RefusalWords } from './format/people';
