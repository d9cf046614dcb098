/**
 * The codes the HTTP layer answers on its own, which are not reason codes. They live here, with
 * nothing of HTTP but their names, so that `access-links/http` answers them and
 * `access-links/format` words them from one list.
 */

/**
 * Codes the HTTP layer itself answers with, before or around the library's operations.
 *
 * - `UNAUTHENTICATED` (401): the route needs a signed-in user and `authenticate` (or `claimant`) answered `null`.
 * - `CROSS_SITE_REQUEST` (403): a state-changing request that is not same-origin and not from a trusted origin.
 * - `NOT_FOUND` (404): no route has this path.
 * - `METHOD_NOT_ALLOWED` (405): the route exists, not with this method; `Allow` lists the methods.
 * - `REQUEST_TIMEOUT` (408): the body had not all arrived after `bodyTimeoutSeconds`.
 * - `PAYLOAD_TOO_LARGE` (413): the body is over `maxBodyBytes`.
 * - `UNSUPPORTED_MEDIA_TYPE` (415): a body that is neither JSON nor an URL-encoded form.
 * - `MALFORMED_BODY` (400): the body does not parse, is not one JSON object, or is longer or shorter
 *   than its `Content-Length`.
 * - `INVALID_NEXT` (400): a form's `next` or `back` is not a path of this site (`/`, then printable
 *   ASCII, without `//` or a backslash, at most 2048 characters); nothing ran.
 * - `RATE_LIMITED` (429): over a rate limit; `Retry-After` says when to try again.
 * - `SERVICE_UNAVAILABLE` (503): a store, the directory, the key ring, the clock, the grant port or the
 *   rate limiter failed; nothing of it is shown. `Retry-After` is set.
 * - `TOO_MANY_STREAMS` (503): the entry has `maxStreamsPerEntry` event streams open on this
 *   server; `Retry-After` is set. Check the plain way (`GET …/guest-session`) meanwhile.
 * - `INTERNAL_ERROR` (500): anything else that threw (a bug, a misconfiguration); nothing of it is shown.
 *
 * `access-links/format` has words for each of them (`refusalText`), as for every reason code.
 *
 * @category HTTP
 */
export type HttpErrorCode =
  | 'UNAUTHENTICATED'
  | 'CROSS_SITE_REQUEST'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MALFORMED_BODY'
  | 'INVALID_NEXT'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'TOO_MANY_STREAMS'
  | 'INTERNAL_ERROR';

/** Each code once: the compiler checks that none is missing. */
const CODES: Readonly<Record<HttpErrorCode, true>> = {
  UNAUTHENTICATED: true,
  CROSS_SITE_REQUEST: true,
  NOT_FOUND: true,
  METHOD_NOT_ALLOWED: true,
  REQUEST_TIMEOUT: true,
  PAYLOAD_TOO_LARGE: true,
  UNSUPPORTED_MEDIA_TYPE: true,
  MALFORMED_BODY: true,
  INVALID_NEXT: true,
  RATE_LIMITED: true,
  SERVICE_UNAVAILABLE: true,
  TOO_MANY_STREAMS: true,
  INTERNAL_ERROR: true,
};

/** @internal The codes of the HTTP layer, in the order of {@link HttpErrorCode}. */
export const HTTP_ERROR_CODES = Object.freeze(Object.keys(CODES) as HttpErrorCode[]);
