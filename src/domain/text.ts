/** Longest name (of a link or a guest), in characters. */
export const NAME_MAX_LENGTH = 100;
/** Longest email address accepted, in characters (RFC 5321's path limit). */
export const EMAIL_MAX_LENGTH = 254;

// Control characters (C0, DEL, C1), plus line and paragraph separators that act like newlines.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// A lone surrogate half is not text.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Normalises a name as G3 asks: trimmed, Unicode NFC, 1 to 100 characters (code points), with
 * no control characters.
 *
 * @param value - anything.
 * @returns the normalised name, or `null` when it is not a valid name.
 *
 * @example
 * ```ts
 * normaliseName('  Guest speakers '); // 'Guest speakers'
 * normaliseName('bad\nname');         // null
 * ```
 */
export function normaliseName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > NAME_MAX_LENGTH * 4) return null;
  if (LONE_SURROGATE.test(value)) return null;
  const name = value.trim().normalize('NFC');
  if (CONTROL.test(name)) return null;
  const length = [...name].length;
  return length >= 1 && length <= NAME_MAX_LENGTH ? name : null;
}

// One pragmatic check, not RFC 5322 in full: a local part and a dotted domain, no spaces,
// no brackets or quotes that could smuggle markup or headers.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"._-][^\s@<>()[\]\\,;:"]*\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/**
 * Normalises an email address: trimmed and Unicode NFC, as the person typed it otherwise.
 *
 * @param value - anything.
 * @returns the address, or `null` when it is not a plausible address.
 *
 * @example
 * ```ts
 * normaliseEmail(' Ada@Example.org '); // 'Ada@Example.org'
 * normaliseEmail('ada@');              // null
 * ```
 */
export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH * 4) return null;
  if (LONE_SURROGATE.test(value)) return null;
  const email = value.trim().normalize('NFC');
  if (email.length > EMAIL_MAX_LENGTH || CONTROL.test(email) || !EMAIL.test(email)) return null;
  return email;
}

/**
 * The key under which two spellings of one address compare equal: the normalised address in
 * lower case. `Ada@Example.org` and ` ada@example.ORG` share a key.
 *
 * @param email - an address returned by {@link normaliseEmail}.
 * @returns the comparison key.
 *
 * @example
 * ```ts
 * emailKey('Ada@Example.org'); // 'ada@example.org'
 * ```
 */
export function emailKey(email: string): string {
  return email.toLowerCase();
}
