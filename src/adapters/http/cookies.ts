/** Reading and writing the HTTP layer's cookies: the guest's session cookie per entry, and the device cookie. */
import { toBase64Url } from '../../services/base64url';
import { sha256Base64Url } from '../../services/digest';

/** @internal How the layer's cookies are written. */
export interface CookieShape {
  readonly path: string;
  readonly secure: boolean;
}

/**
 * @internal The name prefix the browser enforces: `__Host-` (secure, `Path=/`, no `Domain`: the
 * cookie cannot be set or overwritten by a sibling subdomain), else `__Secure-`, else none.
 */
export function cookiePrefix(shape: CookieShape): string {
  if (!shape.secure) return '';
  return shape.path === '/' ? '__Host-' : '__Secure-';
}

/** @internal One `Set-Cookie` value; `maxAgeSeconds` null for a cookie that ends with the browser session, 0 to clear. */
export function serializeCookie(name: string, value: string, shape: CookieShape, maxAgeSeconds: number | null): string {
  const parts = [`${name}=${value}`, `Path=${shape.path}`, 'HttpOnly', 'SameSite=Lax'];
  if (shape.secure) parts.push('Secure');
  if (maxAgeSeconds !== null) parts.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  return parts.join('; ');
}

/** The cookies of a request, as name and value in the order sent; a pair without `=` is passed over. */
function* cookiePairs(request: Request): Generator<readonly [name: string, value: string]> {
  // Stryker disable next-line StringLiteral: any text without "=" holds no cookie, as an absent header holds none
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    // Stryker disable next-line EqualityOperator: a pair with an empty name is read by nobody, as no cookie of the layer has one
    if (at >= 0) yield [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
  }
}

/** @internal The value of one cookie of a request, or `null`; a malformed header yields `null`. */
export function readCookie(request: Request, name: string): string | null {
  for (const [given, value] of cookiePairs(request)) if (given === name) return value;
  return null;
}

/** @internal Whether a value may be written into a cookie as it is (the library's tokens always may). */
export function isCookieSafe(value: string): boolean {
  return /^[A-Za-z0-9._~-]{1,4000}$/.test(value);
}

const DEVICE_COOKIE_MAX_AGE = 400 * 86_400; // the longest browsers keep a cookie

// Random bytes are drawn 2 KiB at a time: one call of the CSPRNG serves 64 device cookies.
let pool = new Uint8Array(0);
let pooled = 0;
function randomToken(): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: drawing a new pool sooner only draws fresh random bytes sooner
  if (pooled + 32 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(2048));
    pooled = 0;
  }
  const bytes = pool.subarray(pooled, pooled + 32);
  pooled += 32;
  return toBase64Url(bytes);
}

/** @internal The guest's cookies: one session cookie per entry, and the device cookie. */
export interface GuestCookies {
  /** The name of an entry's session cookie: a digest of its id, under the prefix. */
  sessionName(entryId: string): Promise<string>;
  /**
   * The guest-session cookies of a request, every entry's (at most 20, as many as a join reads,
   * in the order sent): a join passes them on, and the one of its link's entry, if live, is the
   * guest's (G12).
   */
  sessionTokens(request: Request): string[];
  /**
   * The device cookie of a request, or a new one when it has none (or one not written by the
   * layer), with the `Set-Cookie` header that sets it.
   */
  device(request: Request): { readonly token: string; readonly setCookie: string | null };
}

/** @internal The guest cookies of a handler. */
export function createGuestCookies(shape: CookieShape): GuestCookies {
  const prefix = cookiePrefix(shape);
  const deviceName = `${prefix}al-device`;
  const sessionPrefix = `${prefix}al-guest-`;
  // An entry's cookie name is a digest of its id; the most recent names are kept.
  const names = new Map<string, string>();
  return {
    async sessionName(entryId) {
      let name = names.get(entryId);
      // Stryker disable next-line ConditionalExpression: a name made again is the same digest
      if (name === undefined) {
        name = `${sessionPrefix}${(await sha256Base64Url(`entry\n${entryId}`)).slice(0, 16)}`;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on a cache; a name it lets go of is made again, the same
        if (names.size >= 10_000) names.delete(names.keys().next().value!);
        names.set(entryId, name);
      }
      return name;
    },
    sessionTokens(request) {
      const tokens: string[] = [];
      for (const [name, value] of cookiePairs(request)) if (name.startsWith(sessionPrefix) && isCookieSafe(value) && tokens.length < 20) tokens.push(value);
      return tokens;
    },
    device(request) {
      const known = readCookie(request, deviceName);
      if (known !== null && isCookieSafe(known) && known.length <= 200) return { token: known, setCookie: null };
      const token = randomToken();
      return { token, setCookie: serializeCookie(deviceName, token, shape, DEVICE_COOKIE_MAX_AGE) };
    },
  };
}
