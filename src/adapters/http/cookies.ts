/** Reading and writing the HTTP layer's cookies. */

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

/** @internal The value of one cookie of a request, or `null`; a malformed header yields `null`. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (header === null) return null;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    if (pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

/** @internal Whether a value may be written into a cookie as it is (the library's tokens always may). */
export function isCookieSafe(value: string): boolean {
  return /^[A-Za-z0-9._~-]{1,4000}$/.test(value);
}
