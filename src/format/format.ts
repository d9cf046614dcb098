/** Words a person reads (P1): expiry and dates in a locale and time zone, refusals, the invite email. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { AccessLinksError } from '../domain/errors';
import { escapeHtml, headerText, type InviteMessage, type InviteMessageData, type InviteRenderer } from '../domain/invite-message';
import type { ReasonCode } from '../domain/reasons';
import { en, type Catalogue } from './catalogues';
import { enGuest, enOwner, type RefusalCode, type Refusals, type RefusalWords } from './people';

/**
 * Where and how a time is shown.
 *
 * @category Words
 */
export interface FormatOptions {
  /** The words and patterns of a language. @defaultValue {@link en} */
  readonly catalogue?: Catalogue | undefined;
  /** An IANA time zone such as `Europe/Paris`. @defaultValue `'UTC'` */
  readonly timeZone?: string | null | undefined;
}

/**
 * An expiry as people read it.
 *
 * @category Words
 */
export interface ExpiryText {
  /** In words, relative to now: "expires in 3 days", "expired 2 hours ago", "never expires". */
  readonly text: string;
  /** The absolute date and time in the time zone, "7 December 2026, 17:00"; `null` for never. */
  readonly date: string | null;
  /** Whether the instant has passed. */
  readonly expired: boolean;
}

const MAX_INSTANT = 8.64e15; // the last instant a Date holds

function bad(what: string): never {
  throw new AccessLinksError('INVALID_ARGUMENT', what);
}

function instant(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_INSTANT) bad(`${what} must be milliseconds since the epoch.`);
  return value;
}

const isText = (value: unknown) => typeof value === 'string';

/** A catalogue checked field by field: a host's own must be whole. */
function catalogueOf(value: unknown): Catalogue {
  if (value === undefined) return en;
  const c = value as Partial<Catalogue> | null;
  const ok =
    typeof c === 'object' &&
    c !== null &&
    isText(c.locale) &&
    typeof c.dateLocale === 'object' &&
    c.dateLocale !== null &&
    isText(c.dateFormat) &&
    typeof c.expiry === 'object' &&
    c.expiry !== null &&
    [c.expiry.future, c.expiry.past, c.expiry.never].every(isText) &&
    typeof c.messages === 'object' &&
    c.messages !== null &&
    typeof c.guestRefusals === 'object' &&
    c.guestRefusals !== null &&
    typeof c.ownerRefusals === 'object' &&
    c.ownerRefusals !== null &&
    typeof c.invite === 'object' &&
    c.invite !== null &&
    [c.invite.invited, c.invite.titled, c.invite.untitled, c.invite.someone, c.invite.open, c.invite.validity].every(isText);
  if (!ok) bad('A catalogue needs locale, dateLocale, dateFormat, expiry, messages, guestRefusals, ownerRefusals and invite, as en has them.');
  return c as Catalogue;
}

/** A catalogue in a list of them, checked: a hole in the list is no catalogue, not the default. */
const listedCatalogue = (value: unknown): Catalogue => catalogueOf(value ?? null);

function optionsOf(options: unknown): { catalogue: Catalogue; timeZone: string } {
  if (options === undefined) return { catalogue: en, timeZone: 'UTC' };
  if (typeof options !== 'object' || options === null) bad('Options must be an object: { catalogue?, timeZone? }.');
  const { catalogue, timeZone } = options as FormatOptions;
  return { catalogue: catalogueOf(catalogue), timeZone: zone(timeZone) };
}

const fill = (template: string, values: Readonly<Record<string, string>>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

function zone(timeZone: unknown): string {
  const chosen = timeZone ?? 'UTC';
  const refused = `${JSON.stringify(chosen)} is not an IANA time zone.`;
  if (typeof chosen !== 'string') bad(refused);
  try {
    new Intl.DateTimeFormat('en', { timeZone: chosen });
  } catch (cause) {
    throw new AccessLinksError('INVALID_ARGUMENT', refused, { cause });
  }
  return chosen;
}

/**
 * An instant as a date and time in a language and a time zone, daylight saving included:
 * "7 December 2026, 17:00", "7 décembre 2026, 17:00", "7. Dezember 2026, 17:00".
 *
 * @param at - milliseconds since the epoch.
 * @param options - the catalogue and the time zone.
 * @returns the text.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for an instant that is not one, a time
 *   zone that is not one, or a catalogue that lacks a field.
 * @example
 * ```ts
 * formatDate(Date.UTC(2026, 11, 7, 16), { catalogue: fr, timeZone: 'Europe/Paris' }); // '7 décembre 2026, 17:00'
 * ```
 *
 * @category Words
 */
export function formatDate(at: number, options?: FormatOptions): string {
  const { catalogue, timeZone } = optionsOf(options);
  return format(new TZDate(instant(at, 'The instant'), timeZone), catalogue.dateFormat, { locale: catalogue.dateLocale });
}

/**
 * An expiry in words, relative to now, and as a date: for the owner's list of links, the guest's
 * message pages, and the invite email. The arithmetic stays in UTC milliseconds; only the words
 * depend on the language and the time zone.
 *
 * @param expiresAt - when it expires, in milliseconds since the epoch; `null` for never.
 * @param now - the current instant, in milliseconds since the epoch.
 * @param options - the catalogue and the time zone.
 * @returns the words, the date, and whether it has expired.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for an argument it cannot use.
 * @example
 * ```ts
 * const now = Date.UTC(2026, 11, 4, 16);
 * formatExpiry(Date.UTC(2026, 11, 7, 16), now, { timeZone: 'Europe/London' }).text; // 'expires in 3 days'
 * formatExpiry(now - 7_200_000, now, { catalogue: de }).text; // 'ist vor 2 Stunden abgelaufen'
 * ```
 *
 * @category Words
 */
export function formatExpiry(expiresAt: number | null, now: number, options?: FormatOptions): ExpiryText {
  const { catalogue } = optionsOf(options);
  instant(now, 'now');
  if (expiresAt === null) return { text: catalogue.expiry.never, date: null, expired: false };
  instant(expiresAt, 'expiresAt');
  const expired = now >= expiresAt;
  const distance = formatDistanceStrict(expiresAt, now, { addSuffix: true, locale: catalogue.dateLocale });
  return {
    text: fill(expired ? catalogue.expiry.past : catalogue.expiry.future, { distance }),
    date: formatDate(expiresAt, options),
    expired,
  };
}

/**
 * The sentence of a refusal code in a language, falling back to English for a code the
 * catalogue leaves out: the sentence written for developers and logs. For the words a guest or
 * an owner reads, with what to do next, see {@link refusalText}. Codes stay the contract.
 *
 * @param code - a reason code, as a refusal carries it.
 * @param catalogue - the language. @defaultValue {@link en}
 * @returns the sentence.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for a code that is not text or a catalogue that lacks a field.
 * @example
 * ```ts
 * refusalMessage('GUEST_ACCESS_OFF', fr); // 'L’accès invité à ce média est désactivé.'
 * ```
 *
 * @category Words
 */
export function refusalMessage(code: ReasonCode, catalogue?: Catalogue): string {
  if (typeof code !== 'string') bad('The code must be a reason code.');
  const words = catalogueOf(catalogue);
  const own = (messages: Catalogue['messages']) => (Object.hasOwn(messages, code) ? messages[code] : undefined);
  return own(words.messages) ?? own(en.messages) ?? code;
}

/**
 * Who reads a refusal:
 * - `guest`: the guest or the invitee, someone outside the platform who opened a link; the
 *   words are addressed to them and never name a guest in the third person.
 * - `owner`: the owner of the entry, a moderator or the inviter, a signed-in person managing it.
 *
 * @category Words
 */
export type Audience = 'guest' | 'owner';

/**
 * Who reads a refusal, and in which language.
 *
 * @category Words
 */
export interface RefusalOptions {
  /** Who reads it: the guest or invitee, or the owner, moderator or inviter. */
  readonly audience: Audience;
  /** The words of a language. @defaultValue {@link en} */
  readonly catalogue?: Catalogue | undefined;
}

/**
 * A refusal as one person reads it, with its code.
 *
 * @category Words
 */
export interface RefusalText extends RefusalWords {
  /** The code, unchanged: the contract to switch on. */
  readonly code: RefusalCode;
}

const AUDIENCES: Readonly<Record<Audience, 'guestRefusals' | 'ownerRefusals'>> = { guest: 'guestRefusals', owner: 'ownerRefusals' };

/** The English words of every code, for each reader: whole, so that any code falls back to them. */
const ENGLISH: Readonly<Record<'guestRefusals' | 'ownerRefusals', Refusals>> = { guestRefusals: enGuest, ownerRefusals: enOwner };

/** The words a map holds for a code, if it holds both sentences as text that is not empty. */
function wordsIn(refusals: Catalogue['guestRefusals'], code: RefusalCode): RefusalWords | undefined {
  if (!Object.hasOwn(refusals, code)) return undefined;
  const words: unknown = refusals[code];
  if (typeof words !== 'object' || words === null) return undefined;
  const { text, next } = words as Partial<RefusalWords>;
  return typeof text === 'string' && text !== '' && typeof next === 'string' && next !== '' ? { text, next } : undefined;
}

/**
 * A refusal as the person in front of it reads it: what happened, in plain words addressed to
 * them, and what they can do now. Every {@link RefusalCode} has words for both audiences in
 * `en`, `fr` and `de`: each reason code of the library, and each code the HTTP layer answers on
 * its own (a form post it refuses comes back with `?code=RATE_LIMITED` as surely as with
 * `?code=LINK_INVALID`). A code a host's catalogue leaves out, or gives without both sentences,
 * falls back to English. Codes stay the contract: switch on `code`, show `text` and `next`,
 * never the code.
 *
 * @param code - a reason code, as a refusal carries it, or a code of the HTTP layer, as a
 *   response or a form's `?code=` carries it.
 * @param options - who reads it, and the language.
 * @returns the code, what happened, and what to do now.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for a code that is neither a reason
 *   code nor a code of the HTTP layer, options that are not an object, an audience other than
 *   `'guest'` or `'owner'`, or a catalogue that lacks a field.
 * @example
 * ```ts
 * refusalText('LINK_INVALID', { audience: 'guest' });
 * // { code: 'LINK_INVALID', text: 'This link no longer works: it may have expired, been used up or been deleted.',
 * //   next: 'Ask the person who shared it with you for a new one.' }
 * refusalText('GUEST_WAITING', { audience: 'guest', catalogue: de }).next; // 'Warten Sie hier: Diese Seite aktualisiert sich von selbst.'
 * refusalText('INVALID_DURATION', { audience: 'owner' }).text; // 'The duration must be a whole number of days from 1 to 36,500.'
 * refusalText('RATE_LIMITED', { audience: 'guest' }).next; // 'Wait a minute, then try again.'
 * ```
 *
 * @category Words
 */
export function refusalText(code: RefusalCode, options: RefusalOptions): RefusalText {
  if (typeof code !== 'string') bad('The code must be a reason code.');
  if (!Object.hasOwn(enGuest, code)) bad(`${JSON.stringify(code)} is not a reason code.`);
  if (typeof options !== 'object' || options === null) bad('Options must be an object: { audience, catalogue? }.');
  const { audience, catalogue } = options;
  if (typeof audience !== 'string' || !Object.hasOwn(AUDIENCES, audience)) bad("The audience must be 'guest' or 'owner'.");
  const map = AUDIENCES[audience];
  const words = wordsIn(catalogueOf(catalogue)[map], code) ?? ENGLISH[map][code];
  return { code, text: words.text, next: words.next };
}

/**
 * The catalogue for a language tag among those given: the exact tag, else its language
 * (`fr-CA` → `fr`), else the first.
 *
 * @param locale - a BCP 47 tag, or `null`.
 * @param catalogues - the languages on offer, the default first.
 * @returns the catalogue to use.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for a locale that is not text or catalogues that are not a list.
 * @example
 * ```ts
 * catalogueFor('fr-CA', [en, fr, de]).locale; // 'fr'
 * catalogueFor(null, [en, fr, de]).locale; // 'en'
 * ```
 *
 * @category Words
 */
export function catalogueFor(locale: string | null | undefined, catalogues: readonly Catalogue[]): Catalogue {
  if (locale !== undefined && locale !== null && typeof locale !== 'string') bad('The locale must be a language tag or null.');
  if (!Array.isArray(catalogues)) bad('The catalogues must be a list.');
  for (const catalogue of catalogues) listedCatalogue(catalogue);
  const first = catalogues[0] ?? en;
  if (locale === undefined || locale === null) return first;
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  return catalogues.find((c) => c.locale.toLowerCase() === wanted) ?? catalogues.find((c) => c.locale.toLowerCase().split('-')[0] === language) ?? first;
}

/**
 * An invite renderer that writes each email in the recipient's language and time zone (the
 * `locale` and `timeZone` given to `createInvites` or `resendInvite`), with the expiry in words
 * and as a date: pass it as `renderInvite` to `createInviteLinks`. Every value is escaped in the
 * HTML; the subject is one line.
 *
 * @param catalogues - the languages on offer, the default first. @defaultValue `[en]`
 * @returns the renderer.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` when `catalogues` is not a non-empty list of whole catalogues.
 * @example
 * ```ts
 * const renderInvite = createInviteRenderer([en, fr, de]);
 * const message = await renderInvite({
 *   to: 'ada@example.org', entryTitle: 'Town hall', entryType: 'room', inviterName: 'Grace', role: 'speaker',
 *   url: 'https://media.example.org/invite/t', expiresAt: Date.UTC(2026, 11, 7, 16), now: Date.UTC(2026, 10, 30, 16),
 *   locale: 'fr', timeZone: 'Europe/Paris',
 * });
 * message.subject; // 'Grace vous invite à « Town hall » en tant que speaker'
 * ```
 *
 * @category Words
 */
export function createInviteRenderer(catalogues: readonly Catalogue[] = [en]): InviteRenderer {
  if (!Array.isArray(catalogues) || catalogues.length === 0) bad('createInviteRenderer takes a list of catalogues, the default first.');
  const checked = Array.from(catalogues, listedCatalogue);
  return (data: InviteMessageData): InviteMessage => {
    if (typeof data !== 'object' || data === null) bad('The renderer takes the invite message data.');
    const catalogue = catalogueFor(data.locale, checked);
    const words = catalogue.invite;
    const who = data.inviterName ?? words.someone;
    const what = data.entryTitle === null ? fill(words.untitled, { type: data.entryType }) : fill(words.titled, { title: data.entryTitle });
    const invited = fill(words.invited, { who, what, role: data.role });
    const expiry = formatExpiry(data.expiresAt, data.now ?? Date.now(), { catalogue, timeZone: data.timeZone });
    const validity = fill(words.validity, { to: data.to, expiry: expiry.text, date: expiry.date ?? '' });
    return {
      subject: headerText(invited),
      text: [`${invited}.`, '', `${words.open}: ${data.url}`, '', validity].join('\n'),
      html: [
        `<p>${escapeHtml(invited)}.</p>`,
        `<p><a href="${escapeHtml(data.url)}">${escapeHtml(words.open)}</a></p>`,
        `<p>${escapeHtml(validity)}</p>`,
      ].join('\n'),
    };
  };
}
