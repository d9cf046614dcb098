/**
 * Longest name (of a link, a guest or an inviter), in characters.
 *
 * @category Text
 */
export const NAME_MAX_LENGTH = 100;
/**
 * Longest email address accepted, in characters (RFC 5321's path limit).
 *
 * @category Text
 */
export const EMAIL_MAX_LENGTH = 254;
/**
 * Longest host id (entry id, user id, client key) accepted, in UTF-16 code units.
 *
 * @category Text
 */
export const ID_MAX_LENGTH = 200;

// Control characters (C0, DEL, C1), plus line and paragraph separators that act like newlines.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// A lone surrogate half is not text: a database would store it as U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;
// Embeddings, overrides and isolates: they reorder what is shown around them.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
// What takes no room on screen: default-ignorable code points (zero-width characters, fillers,
// variation selectors, soft hyphen, tags) and the blank braille pattern.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * Whether text is well-formed Unicode with no control character: what every stored string
 * must be.
 *
 * @param text - any string.
 * @returns `true` when it has no lone surrogate and no control character.
 */
export function isCleanText(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !CONTROL.test(text);
}

/**
 * Whether a value is a host id the library accepts: a well-formed string of 1 to
 * {@link ID_MAX_LENGTH} code units without control characters.
 *
 * @param value - anything.
 * @returns `true` for a usable id.
 *
 * @example
 * ```ts
 * isHostId('room-42'); // true
 * isHostId('bad\nid'); // false
 * ```
 *
 * @category Text
 */
export function isHostId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= ID_MAX_LENGTH && isCleanText(value);
}

/**
 * Normalizes a name as G3 asks, and as people can read it (S3): trimmed, Unicode NFC, 1 to 100
 * characters (code points); refused when it holds a control character or a bidirectional
 * embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), or when nothing visible is
 * left after removing invisible characters (zero-width spaces and joiners, fillers such as
 * U+3164, U+2800, and every other default-ignorable code point).
 *
 * @param value - anything.
 * @returns the normalized name, or `null` when it is not a valid name.
 *
 * @example
 * ```ts
 * normalizeName('  Guest speakers '); // 'Guest speakers'
 * normalizeName('bad\nname');         // null
 * normalizeName('\u200b\u3164');      // null: nothing visible
 * ```
 *
 * @category Text
 */
export function normalizeName(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > NAME_MAX_LENGTH * 4) return null;
  if (LONE_SURROGATE.test(value)) return null;
  const name = value.trim().normalize('NFC');
  if (CONTROL.test(name) || BIDI_CONTROL.test(name)) return null;
  if (name.replace(INVISIBLE, '').trim().length === 0) return null;
  // Something is visible, so the name is at least one character long.
  return [...name].length <= NAME_MAX_LENGTH ? name : null;
}

// One pragmatic check, not RFC 5322 in full: a local part and a dotted domain, no spaces,
// no brackets or quotes that could smuggle markup or headers.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"._-][^\s@<>()[\]\\,;:"]*\.[^\s@<>()[\]\\,;:".]{2,}$/u;
const INVISIBLE_ONE = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * Normalizes an email address: trimmed and Unicode NFC, as the person typed it otherwise.
 * Refused when it is not a plausible address, or holds a control, invisible or bidirectional
 * character.
 *
 * @param value - anything.
 * @returns the address, or `null` when it is not a plausible address.
 *
 * @example
 * ```ts
 * normalizeEmail(' Ada@Example.org '); // 'Ada@Example.org'
 * normalizeEmail('ada@');              // null
 * ```
 *
 * @category Text
 */
export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH * 4) return null;
  if (LONE_SURROGATE.test(value)) return null;
  const email = value.trim().normalize('NFC');
  if (email.length > EMAIL_MAX_LENGTH || CONTROL.test(email) || INVISIBLE_ONE.test(email) || !EMAIL.test(email)) return null;
  return email;
}

/**
 * The key under which two spellings of one address compare equal for invites (I1): the
 * normalized address in lower case. `Ada@Example.org` and ` ada@example.ORG` share a key.
 *
 * @param email - an address returned by {@link normalizeEmail}.
 * @returns the comparison key.
 *
 * @example
 * ```ts
 * emailKey('Ada@Example.org'); // 'ada@example.org'
 * ```
 *
 * @category Text
 */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

// Characters that look like a Latin letter or digit, folded to it, in the spirit of the
// skeletons of Unicode TS #39. NFKC has already folded full-width and mathematical forms.
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c',
  т: 't', у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g', ь: 'b', п: 'n', г: 'r',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ω: 'w', ϲ: 'c', ϳ: 'j', ς: 'c',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g', զ: 'q', ա: 'w',
  // Latin letters that pass for others, and digits that pass for letters
  ı: 'i', ɑ: 'a', ʟ: 'l', ɩ: 'i', ɪ: 'i', ȷ: 'j', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', '0': 'o', '1': 'l', '|': 'l',
};
// Stryker disable next-line Regex,StringLiteral: escapes the class's special characters, of which the table has none today
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('').replace(/[\]\\^-]/g, '\\$&')}]`, 'gu');
// Combining marks: an accent added to disguise an address does not make another person.
const MARKS = /\p{M}/gu;

/**
 * The key under which a guest is recognised on an entry (G10): what a decline blocks, and
 * what a later join is compared with. Two addresses share it when a person could mistake one
 * for the other: Unicode NFKC, invisible characters and accents removed, case folded, a
 * `+tag` after the local part dropped, and look-alike letters folded to one skeleton (Cyrillic
 * `а` and Latin `a`, digit `0` and letter `o`, `rn` and `m`, …).
 *
 * @param email - an address returned by {@link normalizeEmail}.
 * @returns the guest's key.
 *
 * @example
 * ```ts
 * guestEmailKey('Ada+work@Example.org'); // 'ada@example.org'
 * guestEmailKey('аda@example.org');      // 'ada@example.org' (the first letter is Cyrillic)
 * ```
 *
 * @category Text
 */
export function guestEmailKey(email: string): string {
  const folded = PRINTABLE_ASCII.test(email) ? foldAscii(email) : foldUnicode(email);
  const at = folded.lastIndexOf('@');
  const local = folded.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${folded.slice(at)}`;
}

// Stryker disable next-line Regex: chooses a fast path only; the Unicode path gives the same key and text (a property holds it)
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** @internal The skeleton of any text: compatibility forms, invisibles, marks, case, look-alikes. */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(MARKS, '')
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .replace(LOOK_ALIKE, (char) => LOOK_ALIKES[char]!)
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/**
 * @internal The same skeleton for printable ASCII, which compatibility forms, invisibles and
 * marks leave alone: case, and the ASCII look-alikes. A property test holds it equal to
 * {@link foldUnicode} on every ASCII text.
 */
export function foldAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/0/g, 'o')
    .replace(/[1|]/g, 'l')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

/**
 * Shows an address so that a look-alike cannot pass for it: every character outside printable
 * ASCII is written as `\u{…}` with its code point. Plain ASCII addresses come back unchanged.
 *
 * @param email - any address.
 * @returns the address as printable ASCII.
 *
 * @example
 * ```ts
 * asciiEmail('аda@example.org'); // '\\u{430}da@example.org'
 * ```
 *
 * @category Text
 */
export function asciiEmail(email: string): string {
  // Stryker disable next-line ConditionalExpression: a fast path; the replacement below changes no printable ASCII
  if (PRINTABLE_ASCII.test(email)) return email;
  return email.replace(/[^\x20-\x7e]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}
