/**
 * Passcodes of guest links (V3). A passcode is kept only as a slow, salted hash in the PHC
 * string form, which names its scheme and parameters, so that a stored hash can always be
 * checked with the parameters it was made with:
 *
 * - `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`: scrypt through the runtime's `node:crypto` (Node, Bun,
 *   Deno), found at run time so that no bundle for a browser or an edge worker sees a `node:`
 *   import. N = 2^15 and r = 8 take 32 MiB and about 150 ms of one core.
 * - `$pbkdf2-sha256$i=100000$<salt>$<hash>`: PBKDF2-HMAC-SHA-256 through Web Crypto, where
 *   there is no `node:crypto`: 100,000 iterations, the most some edge runtimes allow.
 *
 * Salts are 16 random bytes, hashes 32 bytes, both base64url. Hashes are compared in constant
 * time. This module is loaded only when a link with a passcode is made or joined.
 */
import { AccessLinksError } from '../domain/errors';
import { fromBase64Url, toBase64Url } from './base64url';
import { sameBytes } from './bytes';

/**
 * How a new passcode is hashed: `scrypt` (through `node:crypto`) or `pbkdf2` (PBKDF2-SHA-256
 * through Web Crypto). Checking a stored hash always uses the scheme it names.
 *
 * @category Guest links
 */
export type PasscodeScheme = 'scrypt' | 'pbkdf2';

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  scrypt(
    password: string,
    salt: Uint8Array,
    length: number,
    options: { N: number; r: number; p: number; maxmem: number },
    done: (error: Error | null, key: Uint8Array) => void,
  ): void;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const SCRYPT = { ln: 15, r: 8, p: 1 };
const PBKDF2_ITERATIONS = 100_000;
const PHC = /^\$(scrypt|pbkdf2-sha256)\$([a-z]+=\d{1,8}(?:,[a-z]+=\d{1,8})*)\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

function nodeCrypto(): NodeCrypto | null {
  try {
    const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const module = runtime?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return typeof module?.scrypt === 'function' && typeof module.timingSafeEqual === 'function' ? module : null;
  } catch {
    return null;
  }
}

/** @internal The scheme a new passcode gets on this runtime: scrypt where `node:crypto` is. */
export function defaultPasscodeScheme(): PasscodeScheme {
  return nodeCrypto() === null ? 'pbkdf2' : 'scrypt';
}

function scrypt(node: NodeCrypto, passcode: string, salt: Uint8Array, ln: number, r: number, p: number): Promise<Uint8Array> {
  const N = 2 ** ln;
  // Node's default memory bound (32 MiB) is just under what N = 2^15, r = 8 needs.
  const maxmem = 256 * N * r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    node.scrypt(passcode, salt, HASH_BYTES, { N, r, p, maxmem }, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
  );
}

async function pbkdf2(passcode: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(passcode), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BYTES * 8));
}

function needNode(): NodeCrypto {
  const node = nodeCrypto();
  if (node === null) {
    throw new AccessLinksError('INVALID_OPTIONS', 'scrypt needs node:crypto, which this runtime does not have: hash passcodes with pbkdf2 here.');
  }
  return node;
}

/**
 * @internal The passcode's hash in PHC form, with a new random salt.
 * @throws AccessLinksError `INVALID_OPTIONS` for scrypt on a runtime without `node:crypto`.
 */
export async function hashPasscode(passcode: string, scheme: PasscodeScheme): Promise<string> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (scheme === 'scrypt') {
    const { ln, r, p } = SCRYPT;
    const hash = await scrypt(needNode(), passcode, salt, ln, r, p);
    return `$scrypt$ln=${ln},r=${r},p=${p}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
  }
  const hash = await pbkdf2(passcode, salt, PBKDF2_ITERATIONS);
  return `$pbkdf2-sha256$i=${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

/** Parameters read from a stored hash, within bounds that keep one check from costing a server its memory. */
function parameters(text: string): Map<string, number> {
  return new Map(text.split(',').map((pair) => pair.split('=') as [string, string]).map(([name, value]) => [name, Number(value)]));
}

/**
 * @internal Whether `passcode` is the one `stored` was made from, compared in constant time.
 * @throws AccessLinksError `INVALID_RECORD` for a stored hash that is not one this module makes
 *   (or whose parameters are out of bounds); `INVALID_OPTIONS` for a scrypt hash on a runtime
 *   without `node:crypto`.
 */
export async function passcodeMatches(passcode: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  const salt = match === null ? null : fromBase64Url(match[3]!);
  const expected = match === null ? null : fromBase64Url(match[4]!);
  if (match === null || salt === null || expected === null) throw new AccessLinksError('INVALID_RECORD', 'A stored passcode hash is not in a known form.');
  const given = parameters(match[2]!);
  let actual: Uint8Array;
  if (match[1] === 'scrypt') {
    const [ln, r, p] = [given.get('ln'), given.get('r'), given.get('p')];
    if (given.size !== 3 || !(ln! >= 10 && ln! <= 20 && r! >= 1 && r! <= 32 && p! >= 1 && p! <= 16)) {
      throw new AccessLinksError('INVALID_RECORD', 'A stored scrypt hash has parameters out of bounds.');
    }
    actual = await scrypt(needNode(), passcode, salt, ln!, r!, p!);
  } else {
    const iterations = given.get('i');
    if (given.size !== 1 || !(iterations! >= 10_000 && iterations! <= 10_000_000)) {
      throw new AccessLinksError('INVALID_RECORD', 'A stored PBKDF2 hash has parameters out of bounds.');
    }
    actual = await pbkdf2(passcode, salt, iterations!);
  }
  return equalInConstantTime(actual, expected);
}

/** Whether two byte strings of the same length are equal, in time that does not depend on where they differ. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  const node = nodeCrypto();
  if (node !== null) return a.byteLength === b.byteLength && node.timingSafeEqual(a, b);
  return sameBytes(a, b);
}
