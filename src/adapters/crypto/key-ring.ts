import { AccessLinksError } from '../../domain/errors';
import type { KeyRing, SigningKey } from '../../ports/key-ring';

/** A secret for {@link createKeyRing}: an id and at least 32 bytes of secret material. */
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

/** Options of {@link createKeyRing}. */
export interface KeyRingOptions {
  /** The keys; the first signs new tokens unless `signWith` names another. */
  readonly keys: readonly KeySecret[];
  /** The id of the key that signs new tokens. */
  readonly signWith?: string;
}

/**
 * A key ring whose keys can change while the library runs: {@link RotatingKeyRing.rotate}
 * makes a new key the signing key, {@link RotatingKeyRing.retire} removes an old one.
 */
export interface RotatingKeyRing extends KeyRing {
  /**
   * Adds a key and signs new tokens with it; tokens signed by the older keys keep verifying.
   * @param key - the new key.
   */
  rotate(key: KeySecret): Promise<void>;
  /**
   * Removes a key: tokens it signed stop verifying. The signing key cannot be retired.
   * @param id - the key's id.
   */
  retire(id: string): void;
  /**
   * The ids of the keys in the ring, signing key first.
   * @returns the ids.
   */
  ids(): string[];
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
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

/**
 * Creates a key ring of HMAC-SHA-256 keys from secrets, with Web Crypto alone (S1).
 *
 * @param options - the keys and which one signs.
 * @returns the key ring.
 * @throws {@link AccessLinksError} `INVALID_KEY` when a key is too short, made of a few byte values
 *   or of a short pattern repeated, badly named or named twice.
 *
 * @example
 * ```ts
 * const keyRing = await createKeyRing({ keys: [{ id: '2026-11', secret: process.env.LINK_SECRET! }] });
 * // later: await keyRing.rotate({ id: '2027-01', secret: newSecret }); keyRing.retire('2026-11');
 * ```
 */
export async function createKeyRing(options: KeyRingOptions): Promise<RotatingKeyRing> {
  const keys = new Map<string, CryptoKey>();
  let signingId = '';

  async function add(secret: KeySecret): Promise<void> {
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
    const key = await crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret.id, key);
  }

  if (!Array.isArray(options?.keys) || options.keys.length === 0) {
    throw new AccessLinksError('INVALID_KEY', 'A key ring needs a key.');
  }
  for (const secret of options.keys) await add(secret);
  signingId = options.signWith ?? options.keys[0]!.id;
  if (!keys.has(signingId)) throw new AccessLinksError('INVALID_KEY', `No key ${signingId}.`);

  return {
    async signingKey(): Promise<SigningKey> {
      return { id: signingId, key: keys.get(signingId)! };
    },
    async verificationKey(id) {
      return keys.get(id) ?? null;
    },
    async rotate(secret) {
      await add(secret);
      signingId = secret.id;
    },
    retire(id) {
      if (id === signingId) throw new AccessLinksError('INVALID_KEY', 'The signing key cannot be retired.');
      keys.delete(id);
    },
    ids() {
      return [signingId, ...[...keys.keys()].filter((id) => id !== signingId)];
    },
  };
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
 */
export function generateSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES));
}
