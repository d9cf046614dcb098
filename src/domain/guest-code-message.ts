/** The message that carries a guest's one-time code (V4): what it says, in plain English by default. */
import { escapeHtml, headerText } from './invite-message';

/**
 * How long a guest's code works (V4): 10 minutes, in milliseconds.
 *
 * @category Guest links
 */
export const GUEST_CODE_TTL_MS = 600_000;

/**
 * How many tries one guest code gets (V4): five, right or wrong; the fifth wrong one ends it.
 *
 * @category Guest links
 */
export const GUEST_CODE_TRIES = 5;

/**
 * What a guest's code message is written from (V4).
 *
 * @category Guest links
 */
export interface GuestCodeMessageInput {
  /** The address the code goes to: the one the guest typed. */
  readonly to: string;
  /** The code: six digits. */
  readonly code: string;
  /** The name the guest typed. */
  readonly guestName: string;
  /** The entry's title, when the directory has one. */
  readonly entryTitle: string | null;
  /** The link's name, as its owner gave it. */
  readonly linkName: string;
  /** When the code stops working, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The instant the message is written. */
  readonly now: number;
}

/**
 * A guest's code message, before it becomes a mail to the address the guest typed.
 *
 * @category Guest links
 */
export interface GuestCodeMessage {
  /** The subject line: no line breaks. */
  readonly subject: string;
  /** The plain-text body. */
  readonly text: string;
  /** The HTML body; every value that came from a person is escaped. */
  readonly html: string;
}

/**
 * The library's own code message: the code in the subject and the first line, what it opens,
 * how long it lasts, and what to do if the reader did not ask for it. Every value that came from
 * a person is escaped in `html`; the subject holds no line break.
 *
 * @param input - the code and what it opens.
 * @returns the message.
 *
 * @example
 * ```ts
 * const message = guestCodeMessage({
 *   to: 'ada@example.org', code: '042917', guestName: 'Ada', entryTitle: 'Quarterly review',
 *   linkName: 'Press', expiresAt: Date.now() + 600_000, now: Date.now(),
 * });
 * console.log(message.subject); // '042917 is your code for Quarterly review'
 * ```
 *
 * @category Guest links
 */
export function guestCodeMessage(input: GuestCodeMessageInput): GuestCodeMessage {
  const what = input.entryTitle ?? input.linkName;
  const minutes = Math.max(1, Math.round((input.expiresAt - input.now) / 60_000));
  const lines = [
    `Hello ${input.guestName},`,
    '',
    `Your code is ${input.code}. Type it on the page that asked for it to join "${what}".`,
    `It works for ${minutes} minutes, once.`,
    '',
    'If you did not ask for it, you can ignore this message: no one gets in without the code.',
  ];
  return {
    subject: headerText(`${input.code} is your code for ${what}`),
    text: lines.join('\n'),
    html: lines.map((line) => (line === '' ? '' : `<p>${escapeHtml(line)}</p>`)).filter((line) => line !== '').join('\n'),
  };
}
