/**
 * Tokens (S1): `<id>.<key id>.<HMAC-SHA-256 of purpose, id and key id, base64url>`. Nothing
 * stored holds a token; it is recomputed from the id whenever needed, and a copy of the
 * database without the keys cannot forge one. Verification goes through Web Crypto's
 * `verify`, which compares in constant time.
 */
import { AccessLinksError } from '../domain/errors';
import type { KeyRing } from '../ports/key-ring';

/** What a token opens: a guest link, a guest session or an invite. Each signs under its own label. */
export type TokenPurpose = 'guest-link' | 'guest-session' | 'invite';

const TOKEN = /^([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const encoder = new TextEncoder();

function signedBytes(purpose: TokenPurpose, id: string, keyId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`access-links/${purpose}/v1\n${id}\n${keyId}`);
}

/**
 * Signs an id into a token with the key ring's signing key.
 *
 * @param keyRing - the key ring.
 * @param purpose - what the token opens.
 * @param id - the ULID of the link or session.
 * @returns the token.
 */
export async function signToken(keyRing: KeyRing, purpose: TokenPurpose, id: string): Promise<string> {
  let signing;
  let mac: ArrayBuffer;
  try {
    signing = await keyRing.signingKey();
    mac = await crypto.subtle.sign('HMAC', signing.key, signedBytes(purpose, id, signing.id));
  } catch (cause) {
    throw new AccessLinksError('KEY_RING_FAILED', 'The key ring could not sign a token.', { cause });
  }
  // A key id outside the token grammar would make a token that never verifies: refuse to issue it.
  if (typeof signing.id !== 'string' || !KEY_ID.test(signing.id)) {
    throw new AccessLinksError('KEY_RING_FAILED', 'The signing key id is not 1 to 32 of A-Z a-z 0-9 _ -.');
  }
  return `${id}.${signing.id}.${toBase64Url(new Uint8Array(mac))}`;
}

/**
 * Verifies a token and gives back the id it was signed for.
 *
 * @param keyRing - the key ring.
 * @param purpose - what the token must open.
 * @param token - anything a client sent.
 * @returns the id, or `null` for anything that is not a token this ring signed for `purpose`.
 */
export async function verifyToken(keyRing: KeyRing, purpose: TokenPurpose, token: unknown): Promise<string | null> {
  if (typeof token !== 'string') return null;
  const match = TOKEN.exec(token);
  if (match === null) return null;
  const [, id, keyId, mac] = match as unknown as [string, string, string, string];
  const signature = fromBase64Url(mac);
  if (signature === null) return null;
  try {
    const key = await keyRing.verificationKey(keyId);
    if (key === null) return null;
    const valid = await crypto.subtle.verify('HMAC', key, signature, signedBytes(purpose, id, keyId));
    return valid ? id : null;
  } catch (cause) {
    throw new AccessLinksError('KEY_RING_FAILED', 'The key ring could not verify a token.', { cause });
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  // 43 characters hold 32 bytes and 2 spare bits, which must be zero for the encoding to be canonical.
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '=');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return toBase64Url(bytes) === text ? bytes : null;
}

/**
 * The stored form of a host's client key (G10): a SHA-256 digest, so the database does not
 * hold the key itself (a device cookie, say).
 *
 * @param clientKey - the host's opaque key.
 * @returns the digest, base64url.
 */
export async function clientKeyDigest(clientKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`access-links/client-key/v1\n${clientKey}`));
  return toBase64Url(new Uint8Array(digest));
}
