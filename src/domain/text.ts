import { LOOK_ALIKES } from './confusables.generated';

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

// Printable ASCII, which most text is: the fast paths below take it.
// Stryker disable next-line Regex: chooses a fast path only; the Unicode path gives the same key and text (a property holds it)
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
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
 * A link's passcode as the library compares it (V3): spaces at either end removed, composed to
 * Unicode NFC (so an "é" typed as one character or two is the same passcode), then 6 to 128
 * characters with no control character. A passcode is secret text: nothing else is folded.
 *
 * @param value - anything.
 * @returns the passcode to hash or compare, or `null` when the value is not a usable passcode.
 *
 * @example
 * ```ts
 * normalizePasscode(' blue-river-42 '); // 'blue-river-42'
 * normalizePasscode('12345');           // null: shorter than 6 characters
 * ```
 *
 * @category Text
 */
export function normalizePasscode(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 4 * 128) return null;
  const passcode = value.trim().normalize('NFC');
  const length = [...passcode].length;
  return length >= 6 && length <= 128 && isCleanText(passcode) ? passcode : null;
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
  // Printable ASCII is its own NFC form and holds nothing invisible but the spaces trimmed.
  if (PRINTABLE_ASCII.test(value)) {
    const name = value.trim();
    return name.length > 0 && name.length <= NAME_MAX_LENGTH ? name : null;
  }
  if (LONE_SURROGATE.test(value)) return null;
  const name = value.trim().normalize('NFC');
  if (CONTROL.test(name) || BIDI_CONTROL.test(name)) return null;
  if (name.replace(INVISIBLE, '').trim().length === 0) return null;
  // Something is visible, so the name is at least one character long.
  return [...name].length <= NAME_MAX_LENGTH ? name : null;
}

// RFC 5321's dot-atom local part: atoms joined by single dots, each of ASCII's atext (letters,
// digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~) or, as RFC 6531 lets UTF-8 in, letters, marks
// and digits of any script. Symbols and punctuation outside ASCII are refused: no address needs
// them, and they pass for what they are not (U+2024 for a dot, U+2223 for an l).
const ATOM = "[\\w!#$%&'*+/=?^`{|}~\\p{L}\\p{M}\\p{Nd}-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
// A domain already in ASCII form, without a punycode label: IDNA only lowers its case.
const ASCII_DOMAIN = /^[A-Za-z\d.-]+$/;
// What a domain may hold before IDNA reads it: letters, marks, digits, hyphens and the full stops
// IDNA takes for dots; nothing the URL parser would read as a port, a path, a query or an escape.
const DOMAIN_TEXT = /^[\p{L}\p{M}\p{N}.\u3002\uff0e\uff61-]+$/u;
// Two or more DNS labels in ASCII form, each 1 to 63 letters, digits and hyphens with no hyphen
// at either end.
const HOST_NAME = /^(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?$/;
// A last label that URLs read as a number (all digits, or 0x and hex digits).
const NUMBER_LABEL = /(?:^|\.)(?:\d+|0x[\da-f]*)$/;
// A label IDNA would decode.
const PUNYCODE_LABEL = /(?:^|\.)xn--/i;
const INVISIBLE_ONE = /[\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * A domain in its ASCII form (IDNA, UTS #46, as the WHATWG URL parser converts it), or `null`
 * when it is not a host name: at least two labels, each a DNS label, the last not a number (all digits, or `0x` and hex digits, as URLs read one),
 * 253 characters at most.
 */
function asciiDomain(domain: string): string | null {
  // A join reads one address's domain three times (to check it, then for two keys).
  if (domain === lastDomain) return lastHost;
  let host: string | null;
  if (ASCII_DOMAIN.test(domain) && !PUNYCODE_LABEL.test(domain)) {
    host = domain.toLowerCase();
  } else if (!DOMAIN_TEXT.test(domain)) {
    host = null;
  } else {
    try {
      host = new URL(`http://${domain}`).hostname;
    } catch {
      host = null;
    }
  }
  if (host !== null && (host.length > 253 || !HOST_NAME.test(host) || NUMBER_LABEL.test(host))) host = null;
  lastDomain = domain;
  lastHost = host;
  return host;
}
let lastDomain: string | undefined;
let lastHost: string | null = null;

/**
 * A domain of an allow or block list (V2) in the ASCII form addresses are compared in: trimmed,
 * without a leading `@` or a trailing dot, IDNA-converted and lower case. `null` when it is not
 * a host name of at least two DNS labels, as an address's domain must be.
 *
 * @param value - anything.
 * @returns the domain, or `null`.
 *
 * @example
 * ```ts
 * normalizeDomain(' @Example.ORG. '); // 'example.org'
 * normalizeDomain('bücher.example');  // 'xn--bcher-kva.example'
 * normalizeDomain('localhost');       // null: one label
 * ```
 *
 * @category Text
 */
export function normalizeDomain(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 260) return null;
  const domain = value.trim().replace(/^@/u, '').replace(/\.$/u, '');
  return domain === '' ? null : asciiDomain(domain.normalize('NFC'));
}

/**
 * @internal Whether an address's domain passes a link's lists (V2): not in a blocked domain,
 * and in an allowed one when the link has any. A list's domain covers its subdomains.
 */
export function domainAdmitted(email: string, allowed: readonly string[], blocked: readonly string[]): boolean {
  // Most links have no lists: the join's hot path reads no domain for them.
  if (allowed.length + blocked.length === 0) return true;
  const domain = asciiDomain(email.slice(email.lastIndexOf('@') + 1)) ?? '';
  const within = (list: readonly string[]) => list.some((rule) => domain === rule || domain.endsWith(`.${rule}`));
  return !within(blocked) && (allowed.length === 0 || within(allowed));
}

/**
 * Normalizes an email address: trimmed and Unicode NFC, as the person typed it otherwise.
 * Accepted when its local part is an RFC 5321 dot-atom of at most 64 octets (ASCII's atext, or
 * letters, marks and digits of any script as RFC 6531 allows) and its domain is a host name of
 * DNS labels once IDNA has converted it (at least two labels of 1 to 63 letters, digits and
 * hyphens, no hyphen at either end, a last label that is not a number (all digits, or `0x` and hex digits), 253 characters at most).
 * Refused otherwise, and when it holds a control, invisible or bidirectional character.
 *
 * @param value - anything.
 * @returns the address, or `null` when it is not a valid address.
 *
 * @example
 * ```ts
 * normalizeEmail(' Ada@Example.org ');  // 'Ada@Example.org'
 * normalizeEmail('ada@münchen.de');     // 'ada@münchen.de'
 * normalizeEmail('ada@');               // null
 * normalizeEmail('a..b@example.org');   // null: two dots in a row
 * normalizeEmail('ada@example.123');    // null: an all-numeric top-level label
 * ```
 *
 * @category Text
 */
export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH * 4) return null;
  if (LONE_SURROGATE.test(value)) return null;
  // Printable ASCII is its own NFC form, holds no invisible character, and is one octet a character.
  const ascii = PRINTABLE_ASCII.test(value);
  const email = ascii ? value.trim() : value.trim().normalize('NFC');
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  if (at < 0 || email.length > EMAIL_MAX_LENGTH || !LOCAL_PART.test(local)) return null;
  if (ascii ? local.length > 64 : INVISIBLE_ONE.test(email) || new TextEncoder().encode(local).length > 64) return null;
  return asciiDomain(email.slice(at + 1)) !== null ? email : null;
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

// Combining marks that are not spacing: an accent added to disguise an address does not make
// another person. (Spacing marks are visible, and some pass for letters: Telugu's ం for o.)
const MARKS = /[\p{Mn}\p{Me}]/gu;
// ASCII that passes for other ASCII: 0 for o; 1, | and (since I is drawn as l and case folds) i for l.
// With rn and vv, which read as m and w.
const ASCII_LOOK_ALIKES: Readonly<Record<string, string>> = { 0: 'o', 1: 'l', i: 'l', '|': 'l', rn: 'm', vv: 'w' };
let lookAlikes: Map<string, string> | undefined;

/** The look-alike table of confusables.generated.ts, unpacked on first use. */
function lookAlikeTable(): Map<string, string> {
  if (lookAlikes === undefined) {
    lookAlikes = new Map();
    let code = 0;
    for (const [, step, ascii] of LOOK_ALIKES.matchAll(/([\da-z]+)([^\da-z]+)/g)) {
      code += parseInt(step!, 36);
      lookAlikes.set(String.fromCodePoint(code), ascii!.toLowerCase().replace(/[!-*]/g, (digit) => String(digit.charCodeAt(0) - 33)));
    }
  }
  return lookAlikes;
}

/**
 * The key under which a guest is recognised on an entry (G10): what a decline blocks, and
 * what a later join is compared with. Two addresses share it when a person could mistake one
 * for the other. The local part is folded: Unicode NFKC, invisible characters and accents
 * removed, case folded, a `+tag` dropped, and every look-alike of an ASCII letter or digit in
 * Unicode's confusables data folded to it (Cyrillic `а` and Latin `a`, digit `0` and letter `o`,
 * `I`, `l`, `1` and `i` as one, `rn` and `m`, …). The domain is compared in its ASCII form
 * (IDNA): a domain that looks like another is another domain, which a moderator sees escaped
 * (`guestEmailAscii`).
 *
 * @param email - an address returned by {@link normalizeEmail}.
 * @returns the guest's key.
 *
 * @example
 * ```ts
 * guestEmailKey('Ada+work@Example.org'); // 'ada@example.org'
 * guestEmailKey('аda@example.org');      // 'ada@example.org' (the first letter is Cyrillic)
 * guestEmailKey('ada@MÜNCHEN.de');       // 'ada@xn--mnchen-3ya.de'
 * ```
 *
 * @category Text
 */
export function guestEmailKey(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return untagged(PRINTABLE_ASCII.test(local) ? foldAscii(local) : foldUnicode(local), email.slice(at + 1));
}

/**
 * The key of a guest's own address, under which an erasure request finds the guest's data (R1):
 * the local part in lower case with its `+tag` dropped, and the domain in its ASCII form (IDNA).
 * Nothing else is folded, so that erasing one person never touches another whose address only
 * looks alike (`john@example.org` and `j0hn@example.org` share a {@link guestEmailKey}, not this).
 *
 * @param email - an address returned by {@link normalizeEmail}.
 * @returns the erasure key.
 *
 * @example
 * ```ts
 * guestErasureKey('John+news@Example.org'); // 'john@example.org'
 * guestErasureKey('j0hn@example.org');      // 'j0hn@example.org'
 * ```
 *
 * @category Text
 */
export function guestErasureKey(email: string): string {
  const at = email.lastIndexOf('@');
  return untagged(email.slice(0, at).toLowerCase(), email.slice(at + 1));
}

/** A local part without its `+tag` (a leading `+` is no tag), then the domain in ASCII form. */
function untagged(local: string, domain: string): string {
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${asciiDomain(domain) ?? domain.toLowerCase()}`;
}

/**
 * @internal The skeleton of any text: look-alikes that keep their own form looked up first, then
 * compatibility forms, invisibles, accents and case folded, then the look-alikes of the folded
 * text, ASCII's own, and `rn` and `vv` as `m` and `w`.
 */
export function foldUnicode(text: string): string {
  const table = lookAlikeTable();
  const swap = (value: string) => value.replace(/[^\0-\x7f]/gu, (char) => table.get(char) ?? char);
  return foldAscii(
    swap(
      swap(text)
        .normalize('NFKD')
        .replace(INVISIBLE, '')
        .replace(MARKS, '')
        .normalize('NFKC')
        .toUpperCase()
        .toLowerCase(),
    ),
  );
}

/**
 * @internal The same skeleton for printable ASCII, which compatibility forms, invisibles and
 * marks leave alone: case, and the ASCII look-alikes. A property test holds it equal to
 * {@link foldUnicode} on every ASCII text.
 */
export function foldAscii(text: string): string {
  // One pass by hand, as every join reads it: no fold makes or breaks another's match (o and l
  // start no rn or vv, m and w end none).
  const lower = text.toLowerCase();
  let folded = '';
  let kept = 0;
  for (let i = 0; i < lower.length; i++) {
    const char = lower[i]!;
    const next = lower[i + 1];
    const pair = (char === 'r' && next === 'n') || (char === 'v' && next === 'v');
    const to = ASCII_LOOK_ALIKES[pair ? char + next : char];
    if (to === undefined) continue;
    folded += lower.slice(kept, i) + to;
    if (pair) i += 1;
    kept = i + 1;
  }
  return kept === 0 ? lower : folded + lower.slice(kept);
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
