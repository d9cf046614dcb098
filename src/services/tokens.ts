/**
 * Tokens (S1): `<id>.<key id>.<HMAC-SHA-256 of purpose, id and key id, base64url>`. Nothing
 * stored holds a token; it is recomputed from the id whenever needed, and a copy of the
 * database without the keys cannot forge one. The key ring signs and verifies; the library's
 * own ring compares in constant time (`timingSafeEqual` or Web Crypto's `verify`).
 *
 * A list's page cursor (R2) is signed by the same ring under a label of its own, bound to its
 * list, entry (or address) and filter, so that neither a token nor a cursor is ever taken for
 * the other.
 */
import { AccessLinksError } from '../domain/errors';
import type { KeyRing } from '../ports/key-ring';
import { fromBase64Url, toBase64Url } from './base64url';
import { sha256Base64Url } from './digest';

/** What a token opens: a guest link, a guest session or an invite. Each signs under its own label. */
export type TokenPurpose = 'guest-link' | 'guest-session' | 'invite';

/**
 * @internal What the library's own key ring offers besides the port: signing and verifying the
 * signed text as it is, without encoding it first. Rings of the host's use the port.
 */
export const TEXT_MAC: unique symbol = Symbol('access-links.text-mac');

/** @internal */
export interface TextMac {
  sign(keyId: string, text: string): Uint8Array;
  verify(keyId: string, text: string, mac: Uint8Array): boolean;
}

/** @internal The library's own ring's text MAC, when the ring is the library's. */
export const textMacOf = (keyRing: KeyRing): TextMac | undefined => (keyRing as { [TEXT_MAC]?: TextMac })[TEXT_MAC];

const TOKEN = /^([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;
/** @internal What a key id may be: 1 to 32 of `A–Z a–z 0–9 _ -`, so that it fits a token. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** @internal The length of an HMAC-SHA-256, in bytes. */
export const MAC_BYTES = 32;
/** @internal */
export const encoder = new TextEncoder();

// A scoped token (a guest session, bound to its entry) signs the scope too, under v2.
const signedText = (purpose: TokenPurpose, id: string, keyId: string, scope: string | undefined) =>
  scope === undefined ? `access-links/${purpose}/v1\n${id}\n${keyId}` : `access-links/${purpose}/v2\n${id}\n${keyId}\n${scope}`;

/**
 * Signs an id into a token with the key ring's signing key.
 *
 * @param keyRing - the key ring.
 * @param purpose - what the token opens.
 * @param id - the ULID of the link or session.
 * @param scope - what else the token is bound to (a session's entry), if anything.
 * @returns the token.
 */
export async function signToken(keyRing: KeyRing, purpose: TokenPurpose, id: string, scope?: string): Promise<string> {
  const { keyId, mac } = await signWith(keyRing, (keyId) => signedText(purpose, id, keyId, scope), 'a token');
  return `${id}.${keyId}.${toBase64Url(mac)}`;
}

/** @internal Signs the text made for the ring's signing key id; a failing ring fails with KEY_RING_FAILED. */
export async function signWith(keyRing: KeyRing, textFor: (keyId: string) => string, what: string): Promise<{ keyId: string; mac: Uint8Array }> {
  try {
    const given = keyRing.signingKeyId();
    const keyId = typeof given === 'string' ? given : await given;
    // A key id outside the token grammar would make a token that never verifies: refuse to issue it.
    if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) throw new Error('The signing key id is not 1 to 32 of A-Z a-z 0-9 _ -.');
    const text = textFor(keyId);
    const fast = textMacOf(keyRing);
    const mac = fast === undefined ? await keyRing.sign(keyId, encoder.encode(text)) : fast.sign(keyId, text);
    if (!(mac instanceof Uint8Array) || mac.byteLength !== MAC_BYTES) throw new Error('The key ring did not answer a 32-byte MAC.');
    return { keyId, mac };
  } catch (cause) {
    if (cause instanceof AccessLinksError) throw cause;
    throw new AccessLinksError('KEY_RING_FAILED', `The key ring could not sign ${what}.`, { cause });
  }
}

/**
 * Verifies a token and gives back the id it was signed for. The MAC is checked by the key ring,
 * in constant time.
 *
 * @param keyRing - the key ring.
 * @param purpose - what the token must open.
 * @param token - anything a client sent.
 * @param scope - what the token must be bound to, as it was signed.
 * @returns the id, or `null` for anything that is not a token this ring signed for `purpose`.
 */
export async function verifyToken(keyRing: KeyRing, purpose: TokenPurpose, token: unknown, scope?: string): Promise<string | null> {
  if (typeof token !== 'string') return null;
  const match = TOKEN.exec(token);
  if (match === null) return null;
  const [, id, keyId, mac] = match as unknown as [string, string, string, string];
  const signature = fromBase64Url(mac);
  // Stryker disable next-line ConditionalExpression: 43 characters, as TOKEN requires, always decode to 32 bytes
  if (signature === null || signature.byteLength !== MAC_BYTES) return null;
  try {
    const text = signedText(purpose, id, keyId, scope);
    const fast = textMacOf(keyRing);
    const valid = fast === undefined ? await keyRing.verify(keyId, encoder.encode(text), signature) : fast.verify(keyId, text, signature);
    return valid === true ? id : null;
  } catch (cause) {
    throw new AccessLinksError('KEY_RING_FAILED', 'The key ring could not verify a token.', { cause });
  }
}

/**
 * @internal What a list cursor is bound to: the list, whose list it is (an entry's id, or for an
 * invitee's own list the address key) and the filter (`null` for none). The page size is not
 * bound: a cursor marks a place in the list's order, and any page size goes on from there.
 */
export interface CursorBinding {
  readonly list: 'guests' | 'invites' | 'received-invites';
  readonly of: string;
  readonly filter: string | null;
}

/**
 * @internal What a list cursor may look like: `c1.<id>.<key id>.<MAC>`, at most 106 characters of
 * `A–Z a–z 0–9 _ - .`. Its layout is the library's own, not a contract.
 */
export const CURSOR = /^c1\.([0-9A-HJKMNP-TV-Z]{26})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{43})$/;

// A cursor signs under a label no token uses, so neither is ever taken for the other. The
// filter is one of a list's fixed words (or empty) and the owner comes last: one text, one binding.
const cursorText = (binding: CursorBinding, id: string, keyId: string) =>
  `access-links/list-cursor/v1\n${binding.list}\n${binding.filter ?? ''}\n${id}\n${keyId}\n${binding.of}`;

/**
 * @internal Signs the cursor of the page that ends at `id`, bound to its list.
 *
 * @param keyRing - the key ring.
 * @param binding - the list, whose it is and its filter.
 * @param id - the last id of the page.
 * @returns the cursor.
 */
export async function signCursor(keyRing: KeyRing, binding: CursorBinding, id: string): Promise<string> {
  const { keyId, mac } = await signWith(keyRing, (keyId) => cursorText(binding, id, keyId), 'a page cursor');
  return `c1.${id}.${keyId}.${toBase64Url(mac)}`;
}

/**
 * @internal Verifies a cursor for its list with one MAC, and gives back the id the next page
 * starts after. It asks the ring's own `verify` (constant time), not the remembered MACs of
 * link tokens: a client's cursors would only push those out.
 *
 * @param keyRing - the key ring.
 * @param binding - the list, whose it is and its filter, as the request asks.
 * @param cursor - what the client sent, already of {@link CURSOR}'s shape or not.
 * @returns the id, or `null` for anything that is not a cursor this ring signed for `binding`.
 */
export async function openCursor(keyRing: KeyRing, binding: CursorBinding, cursor: string): Promise<string | null> {
  const match = CURSOR.exec(cursor);
  if (match === null) return null;
  const [, id, keyId, mac] = match as unknown as [string, string, string, string];
  const signature = fromBase64Url(mac);
  // Stryker disable next-line ConditionalExpression: 43 characters, as CURSOR requires, always decode to 32 bytes
  if (signature === null || signature.byteLength !== MAC_BYTES) return null;
  try {
    const valid = await keyRing.verify(keyId, encoder.encode(cursorText(binding, id, keyId)), signature);
    return valid === true ? id : null;
  } catch (cause) {
    throw new AccessLinksError('KEY_RING_FAILED', 'The key ring could not verify a page cursor.', { cause });
  }
}

/** @internal The host's key ring, checked to be one: `signingKeyId`, `sign` and `verify`. */
export function keyRingOf(ring: KeyRing): KeyRing {
  const candidate = ring as Partial<KeyRing>;
  if (typeof candidate.sign !== 'function' || typeof candidate.verify !== 'function' || typeof candidate.signingKeyId !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'keyRing must have signingKeyId, sign and verify.');
  }
  return ring;
}

/**
 * The stored form of a host's client key (G10): a SHA-256 digest, so the database does not
 * hold the key itself (a device cookie, say).
 *
 * @param clientKey - the host's opaque key.
 * @returns the digest, base64url.
 */
export function clientKeyDigest(clientKey: string): Promise<string> {
  return sha256Base64Url(`access-links/client-key/v1\n${clientKey}`);
}

