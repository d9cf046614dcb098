import { AccessLinksError } from '../../domain/errors';
import type { KeyRing } from '../../ports/key-ring';
import { nativeHmac, type NativeHmac } from './native-hmac';
import { KEY_ID, MAC_BYTES, TEXT_MAC, type TextMac } from '../../services/tokens';
import { recentlyUsed, type Recent } from '../../services/recent';

/**
 * A secret for {@link createKeyRing}: an id and at least 32 bytes of secret material.
 *
 * @category Keys
 */
export interface KeySecret {
  /** The key's id, carried by every token it signs: 1 to 32 characters of `A–Z a–z 0–9 _ -`. */
  readonly id: string;
  /**
   * The secret: at least 32 random bytes, or a string whose UTF-8 encoding is at least
   * 32 bytes long (for example 43 base64url characters from a secrets manager). A secret of
   * fewer than 8 different bytes, or a pattern of up to 16 bytes repeated, is refused.
   */
  readonly secret: Uint8Array | string;
}

/**
 * Options of {@link createKeyRing}.
 *
 * @category Keys
 */
export interface KeyRingOptions {
  /** The keys; the first signs new tokens unless `signWith` names another. */
  readonly keys: readonly KeySecret[];
  /** The id of the key that signs new tokens. */
  readonly signWith?: string | undefined;
  /**
   * Which HMAC implementation to use: `'native'` uses the runtime's own (`node:crypto`, on Node,
   * Bun and Deno) when it has one and Web Crypto otherwise; `'web-crypto'` always uses Web Crypto.
   * Both give the same tokens.
   * @defaultValue `'native'`
   */
  readonly hmac?: 'native' | 'web-crypto' | undefined;
}

/**
 * A key ring whose keys can change while the library runs: {@link RotatingKeyRing.rotate}
 * makes a new key the signing key, {@link RotatingKeyRing.retire} removes an old one.
 *
 * @category Keys
 */
export interface RotatingKeyRing extends KeyRing {
  /**
   * Adds a key and signs new tokens with it; tokens signed by the older keys keep verifying.
   * @param key - the new key.
   * @example
   * ```ts
   * await keyRing.rotate({ id: '2027-01', secret: generateSecret() });
   * ```
   */
  rotate(key: KeySecret): Promise<void>;
  /**
   * Removes a key: tokens it signed stop verifying. The signing key cannot be retired.
   * @param id - the key's id.
   * @throws {@link AccessLinksError} `INVALID_KEY` for the signing key, and for an id the ring
   *   does not hold (a mistyped id never passes for a retired key).
   * @example
   * ```ts
   * await keyRing.rotate({ id: '2027-01', secret: generateSecret() }); // the new signing key
   * keyRing.retire(keyRing.ids()[1]!); // the one before it: what it signed no longer verifies
   * ```
   */
  retire(id: string): void;
  /**
   * The ids of the keys in the ring, signing key first.
   * @returns the ids.
   * @example
   * ```ts
   * keyRing.ids(); // ['2027-01', '2026-11']
   * ```
   */
  ids(): string[];
  /**
   * Which HMAC implementation the ring uses.
   * @returns `'native'` (`node:crypto`) or `'web-crypto'`.
   * @example
   * ```ts
   * keyRing.hmac(); // 'native' on Node, Bun and Deno; 'web-crypto' in browsers and workers
   * ```
   */
  hmac(): 'native' | 'web-crypto';
}

const MIN_SECRET_BYTES = 32;
const MIN_DISTINCT_BYTES = 8;
const MAX_PATTERN_BYTES = 16;

/**
 * Why a secret cannot be a key, or `null`: a secret made of a few byte values, or of a short
 * pattern repeated, has far less entropy than its length suggests (all zeros, one character
 * typed 40 times, `abcd` ten times).
 */
function weaknessOf(bytes: Uint8Array): string | null {
  if (new Set(bytes).size < MIN_DISTINCT_BYTES) return `made of fewer than ${MIN_DISTINCT_BYTES} different bytes`;
  for (let period = 1; period <= Math.min(MAX_PATTERN_BYTES, bytes.length / 2); period++) {
    let repeats = true;
    for (let i = period; i < bytes.length && repeats; i++) repeats = bytes[i] === bytes[i - period];
    if (repeats) return `a pattern of ${period} bytes repeated`;
  }
  return null;
}

/** One key of the ring: its secret for the native HMAC, its Web Crypto key made on first use. */
interface HeldKey {
  readonly secret: Uint8Array<ArrayBuffer>;
  web: Promise<CryptoKey> | null;
  /**
   * The MACs of the texts this key verified lately, at most {@link RECENT_MACS}: a shared link's
   * token, checked at every join, is then checked by a constant-time comparison with its MAC
   * instead of a new HMAC. Gone with the key when it is retired.
   */
  readonly recent: Recent<Uint8Array>;
}

/** How many recently verified MACs each key of a native ring keeps (about 250 kB at most). */
const RECENT_MACS = 1024;

/**
 * Creates a key ring of HMAC-SHA-256 keys from secrets (S1). It signs with the runtime's native
 * HMAC where there is one (`node:crypto` on Node, Bun and Deno, found at run time, never
 * imported) and with Web Crypto elsewhere (browsers, edge workers); both compare MACs in
 * constant time (`timingSafeEqual`, `crypto.subtle.verify`).
 *
 * @param options - the keys, which one signs, and which HMAC to use.
 * @returns the key ring.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_KEY` when a key is too short, made of a few byte values
 *   or of a short pattern repeated, badly named or named twice.
 *
 * @example
 * ```ts
 * const keyRing = await createKeyRing({ keys: [{ id: '2026-11', secret: process.env.LINK_SECRET! }] });
 * // later: await keyRing.rotate({ id: '2027-01', secret: newSecret }); keyRing.retire('2026-11');
 * ```
 *
 * @category Keys
 */
export async function createKeyRing(options: KeyRingOptions): Promise<RotatingKeyRing> {
  const keys = new Map<string, HeldKey>();
  const native: NativeHmac | null = options?.hmac === 'web-crypto' ? null : nativeHmac();
  let signingId = '';

  function add(secret: KeySecret): void {
    if (typeof secret?.id !== 'string' || !KEY_ID.test(secret.id)) {
      throw new AccessLinksError('INVALID_KEY', 'A key id must be 1 to 32 of A-Z a-z 0-9 _ -.');
    }
    if (keys.has(secret.id)) throw new AccessLinksError('INVALID_KEY', `Key ${secret.id} is there twice.`);
    const bytes = typeof secret.secret === 'string' ? new TextEncoder().encode(secret.secret) : secret.secret;
    if (!(bytes instanceof Uint8Array) || bytes.byteLength < MIN_SECRET_BYTES) {
      throw new AccessLinksError('INVALID_KEY', `Key ${secret.id} is under ${MIN_SECRET_BYTES} bytes.`);
    }
    const weakness = weaknessOf(bytes);
    if (weakness !== null) throw new AccessLinksError('INVALID_KEY', `Key ${secret.id} is ${weakness}: use random bytes.`);
    keys.set(secret.id, { secret: new Uint8Array(bytes), web: null, recent: recentlyUsed(RECENT_MACS) });
  }
  const webKey = (held: HeldKey): Promise<CryptoKey> =>
    // Stryker disable next-line BooleanLiteral: whether the key could be exported; the ring never exports it
    (held.web ??= crypto.subtle.importKey('raw', held.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  const held = (id: string): HeldKey => {
    const key = keys.get(id);
    if (key === undefined) throw new AccessLinksError('KEY_RING_FAILED', `The key ring has no key ${id}.`);
    return key;
  };

  if (!Array.isArray(options?.keys) || options.keys.length === 0) {
    throw new AccessLinksError('INVALID_KEY', 'A key ring needs a key.');
  }
  for (const secret of options.keys) add(secret);
  signingId = options.signWith ?? options.keys[0]!.id;
  if (!keys.has(signingId)) throw new AccessLinksError('INVALID_KEY', `No key ${signingId}.`);
  // Import the Web Crypto keys now when they will be used, so a bad secret fails here, not later.
  if (native === null) for (const key of keys.values()) await webKey(key);

  const ring: RotatingKeyRing = {
    signingKeyId: () => signingId,
    sign(keyId, data) {
      const key = held(keyId);
      if (native !== null) return native.sign(key.secret, data);
      return webKey(key).then(async (web) => new Uint8Array(await crypto.subtle.sign('HMAC', web, data as Uint8Array<ArrayBuffer>)));
    },
    verify(keyId, data, mac) {
      const key = keys.get(keyId);
      if (key === undefined || mac.byteLength !== MAC_BYTES) return false;
      if (native !== null) return native.equal(native.sign(key.secret, data), mac);
      return webKey(key).then((web) =>
        crypto.subtle.verify('HMAC', web, mac as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
      );
    },
    async rotate(secret) {
      add(secret);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: warms the new key; the first sign imports it otherwise
      if (native === null) await webKey(keys.get(secret.id)!);
      signingId = secret.id;
    },
    retire(id) {
      if (id === signingId) throw new AccessLinksError('INVALID_KEY', 'The signing key cannot be retired.');
      // A mistyped id must not pass for a retired key: a leaked key would keep verifying.
      if (!keys.delete(id)) throw new AccessLinksError('INVALID_KEY', `No key ${id}.`);
    },
    ids() {
      return [signingId, ...[...keys.keys()].filter((id) => id !== signingId)];
    },
    hmac: () => (native === null ? 'web-crypto' : 'native'),
  };
  if (native !== null) {
    const fast: TextMac = {
      sign: (keyId, text) => native.sign(held(keyId).secret, text),
      verify(keyId, text, mac) {
        const key = keys.get(keyId);
        if (key === undefined || mac.byteLength !== MAC_BYTES) return false;
        let expected = key.recent.get(text);
        if (expected === undefined) key.recent.remember(text, (expected = native.sign(key.secret, text)));
        return native.equal(expected, mac);
      },
    };
    Object.defineProperty(ring, TEXT_MAC, { value: fast });
  }
  return ring;
}

/**
 * Makes a new random secret of 32 bytes from the platform's CSPRNG, for a key ring in tests,
 * examples, or a first deployment (store it; a key ring built from a fresh secret at every
 * start invalidates every link at every start).
 *
 * @returns 32 random bytes.
 *
 * @example
 * ```ts
 * const keyRing = await createKeyRing({ keys: [{ id: 'k1', secret: generateSecret() }] });
 * ```
 *
 * @category Keys
 */
export function generateSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES));
}
