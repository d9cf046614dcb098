/**
 * Base64url without padding, by table: tokens carry 32-byte MACs, and `btoa` with three
 * `replace` passes cost more than the MAC itself on a join.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int16Array(128).fill(-1);
// Stryker disable next-line EqualityOperator: one step past the end reads NaN, an index a typed array ignores
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** @internal The bytes as base64url, without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    // Past the end, a typed array reads undefined: the last group is padded with zero bits.
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  // The characters made only of padding go: 4 characters for every 3 bytes, rounded up.
  return out.slice(0, Math.ceil((bytes.length * 4) / 3));
}

/**
 * @internal The bytes of canonical base64url text without padding, or `null`: a character
 * outside the alphabet, a length no byte count has, or spare low bits that are not zero (so that
 * one byte string has exactly one text).
 */
export function fromBase64Url(text: string): Uint8Array | null {
  const length = text.length;
  const rest = length % 4;
  if (rest === 1) return null;
  const bytes = new Uint8Array((length * 3) >> 2);
  let at = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return null;
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 255;
    }
    bits &= 255;
  }
  // The spare low bits of the last character must be zero: one byte string, one text.
  return (bits & ((1 << count) - 1)) === 0 ? bytes : null;
}
