/**
 * The invite email (S3): names, titles and addresses are data, never markup, and nothing a
 * person typed can reach a mail header as a line break.
 */

/**
 * What an invite message says: everything a renderer may use.
 *
 * @category Messages
 */
export interface InviteMessageData {
  /** The invitee's address. */
  readonly to: string;
  /** The entry's title, or `null` when it has none. */
  readonly entryTitle: string | null;
  /** The entry's type. */
  readonly entryType: string;
  /** The inviter's display name, or `null` when unknown. */
  readonly inviterName: string | null;
  /** The role the invite grants. */
  readonly role: string;
  /** The link that opens the invite. */
  readonly url: string;
  /** When the invite expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The recipient's language, a BCP 47 tag such as `fr` or `en-GB`, when the host knows it. */
  readonly locale?: string | null | undefined;
  /** The recipient's IANA time zone, such as `Europe/Paris`, when the host knows it; dates are shown in UTC otherwise. */
  readonly timeZone?: string | null | undefined;
  /** When the message is written, in milliseconds since the epoch, for relative times ("in 7 days"). */
  readonly now?: number | undefined;
}

/**
 * A rendered invite message, before it becomes a {@link MailMessage}.
 *
 * @category Messages
 */
export interface InviteMessage {
  /** The subject line; line breaks are replaced by spaces before sending. */
  readonly subject: string;
  /** The plain-text body. */
  readonly text: string;
  /** The HTML body. */
  readonly html: string;
}

/**
 * Renders an invite message; the host may supply its own in place of {@link renderInviteMessage}.
 *
 * @category Messages
 */
export type InviteRenderer = (data: InviteMessageData) => InviteMessage | Promise<InviteMessage>;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @param text - any text.
 * @returns the text with `& < > " '` escaped.
 *
 * @example
 * ```ts
 * escapeHtml('<b>Ada</b> & "Bob"'); // '&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;Bob&quot;'
 * ```
 *
 * @category Messages
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * Makes text safe for a single-line mail header: every line break (CR, LF, VT, FF, NEL, U+2028,
 * U+2029) or tab, with the spaces around it, becomes one space; every other control character
 * is dropped; and the result is trimmed.
 *
 * @param text - any text.
 * @returns one line with no CR, LF or other control character.
 *
 * @example
 * ```ts
 * headerText('Hello\r\nBcc: everyone@example.org'); // 'Hello Bcc: everyone@example.org'
 * ```
 *
 * @category Messages
 */
export function headerText(text: string): string {
  return text
    .replace(/\s*[\t\n\v\f\r\u0085\u2028\u2029][\s\u0000-\u001f\u007f-\u009f]*/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim();
}

/**
 * The library's invite message: who invites, to what, with which role, the link, and until when.
 *
 * @param data - what the message says.
 * @returns the subject, text and HTML.
 *
 * @example
 * ```ts
 * renderInviteMessage({
 *   to: 'ada@example.org', entryTitle: 'Town hall', entryType: 'room', inviterName: 'Grace',
 *   role: 'speaker', url: 'https://media.example.org/invite/…', expiresAt: Date.UTC(2026, 10, 30),
 * }).subject; // 'Grace invited you to "Town hall" as speaker'
 * ```
 *
 * @category Messages
 */
export function renderInviteMessage(data: InviteMessageData): InviteMessage {
  const who = data.inviterName ?? 'Someone';
  const what = data.entryTitle ?? `a ${data.entryType}`;
  const quoted = data.entryTitle === null ? what : `"${what}"`;
  const until = readableDate(data.expiresAt, data.locale, data.timeZone);
  const text = [
    `${who} invited you to ${quoted} as ${data.role}.`,
    '',
    `Open the invite: ${data.url}`,
    '',
    `The invite is for ${data.to} only and works until ${until}.`,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(who)} invited you to <strong>${escapeHtml(what)}</strong> as ${escapeHtml(data.role)}.</p>`,
    `<p><a href="${escapeHtml(data.url)}">Open the invite</a></p>`,
    `<p>The invite is for ${escapeHtml(data.to)} only and works until ${escapeHtml(until)}.</p>`,
  ].join('\n');
  return { subject: headerText(`${who} invited you to ${quoted} as ${data.role}`), text, html };
}

/**
 * A date as people read it, in the recipient's locale and time zone when known (UTC otherwise),
 * through the runtime's own `Intl`: "7 December 2026 at 17:00 CET". Localized messages with
 * relative times are in `access-links/format`.
 */
function readableDate(at: number, locale: string | null | undefined, timeZone: string | null | undefined): string {
  try {
    return new Intl.DateTimeFormat(locale ?? 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone ?? 'UTC' }).format(at) + (timeZone ? '' : ' UTC');
  } catch {
    return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/**
 * Longest delivery error kept on an invite, in characters.
 *
 * @category Messages
 */
export const DELIVERY_ERROR_MAX_LENGTH = 200;

/**
 * What a failed send leaves on the invite (I4): the mailer's message as one short, clean line.
 * Every secret given (the invite's token and URL) is replaced by `[link]`, as is anything
 * shaped like a token, and anything shaped like an email address (the invitee's, say) by
 * `[address]`; control characters and lone surrogates become spaces; the text is cut to
 * {@link DELIVERY_ERROR_MAX_LENGTH} characters. Never empty.
 *
 * @param failure - what the mailer threw.
 * @param secrets - strings that must not be kept (the token, the URL).
 * @returns the text to store.
 *
 * @example
 * ```ts
 * deliveryErrorText(new Error('550 no such user\r\nat https://x.example/i/T0K3N'), ['https://x.example/i/T0K3N']);
 * // '550 no such user at [link]'
 * ```
 *
 * @category Messages
 */
export function deliveryErrorText(failure: unknown, secrets: readonly string[]): string {
  let text: string;
  try {
    text = failure instanceof Error ? String(failure.message) : String(failure);
  } catch {
    text = '';
  }
  const hidden = secrets
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .filter((secret) => secret.length >= 8)
    .sort((a, b) => b.length - a.length);
  for (const secret of hidden) text = text.split(secret).join('[link]');
  text = text
    .replace(TOKEN_SHAPED, '[link]')
    // No address either: the text is kept on the invite and published in an event, and an
    // erasure of the invitee must not leave theirs behind in either.
    .replace(ADDRESS_SHAPED, '[address]')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cs}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const cut = [...text].slice(0, DELIVERY_ERROR_MAX_LENGTH).join('').trim();
  return cut.length > 0 ? cut : 'sending failed';
}

// Anything shaped like an email address: a local part, an @ and a domain with a dot.
const ADDRESS_SHAPED = /[^\s<>"'(),;:@\[\]]+@[^\s<>"'(),;:@\[\]]+\.[^\s<>"'(),;:@\[\]]+/gu;

// A token of any purpose: an id, a key id and a 43-character signature.
const TOKEN_SHAPED = /[0-9A-Za-z]{26}\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{43}/g;
