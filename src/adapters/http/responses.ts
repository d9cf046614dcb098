/** What the HTTP layer answers: JSON with its security headers, error bodies, and form redirects. */
import { isAccessLinksError } from '../../domain/errors';
import type { Refusal } from '../../domain/result';
import { HTTP_ERROR_MESSAGES, HTTP_STATUS, type HttpErrorCode } from './status';

/** @internal A header to add to a response, as a name and a value. */
export type HeaderPair = readonly [string, string];

/** @internal Where a form post goes after the answer: `next` on success, `back` (else `next`) on a refusal. */
export interface FormTargets {
  readonly next: string | null;
  readonly back: string | null;
}

const INFRASTRUCTURE = new Set(['STORAGE_FAILED', 'DIRECTORY_FAILED', 'KEY_RING_FAILED', 'CLOCK_FAILED', 'GRANT_FAILED']);
/** The longest `next` or `back` read. */
const MAX_TARGET_LENGTH = 2048;

/** @internal The headers every response carries, and `extra`. */
export function headersOf(extra: readonly HeaderPair[] = []): Headers {
  const headers = new Headers({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  for (const [name, value] of extra) headers.append(name, value);
  return headers;
}

/** @internal A JSON response; a 204 has no body. */
export function json(status: number, body: unknown, extra: readonly HeaderPair[] = []): Response {
  const headers = headersOf(extra);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
}

/** @internal The body of a code of the layer's own: `{ code, message, reasons }`. */
export function errorBody(code: HttpErrorCode, message: string = HTTP_ERROR_MESSAGES[code]) {
  return { code, message, reasons: [{ code, message }] };
}

/** @internal The body of a library refusal: its code, message and every reason. */
export function refusalBody(refusal: Refusal) {
  return { code: refusal.code, message: refusal.message, reasons: refusal.reasons };
}

/** @internal The status of a refusal: its first reason's, by {@link HTTP_STATUS}. */
export function statusOf(code: string): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 400;
}

/** @internal A refusal of the layer's own, answered as JSON with its status. */
export function refuse(code: HttpErrorCode, extra: readonly HeaderPair[] = [], message?: string): Response {
  return json(statusOf(code), errorBody(code, message), extra);
}

/** @internal The answer to something that threw: 503 for a failing store or port, else 500; nothing of it is shown. */
export function failure(error: unknown): Response {
  if (isAccessLinksError(error) && INFRASTRUCTURE.has(error.code)) return refuse('SERVICE_UNAVAILABLE', [['retry-after', '5']]);
  return refuse('INTERNAL_ERROR');
}

/**
 * @internal Whether a text is a path of this site a form may send the browser to: `/` then
 * printable ASCII (no space, no control character, nothing above U+007E), no `//` (another host
 * to a browser) and no backslash (a slash to a browser), at most 2048 characters. Browsers drop
 * tabs and line breaks from URLs, so none is let through to become `//`.
 */
export function isSameSitePath(text: string): boolean {
  return text.length <= MAX_TARGET_LENGTH && /^\/[\x21-\x7e]*$/u.test(text) && !text.includes('//') && !text.includes('\\');
}

/**
 * @internal A form's `next` and `back` (an empty one is none), or `null` when either is not a
 * path of this site: the request is then refused before any operation runs.
 */
export function readFormTargets(next: unknown, back: unknown): FormTargets | null {
  const target = (value: unknown): string | null | undefined => {
    if (value === undefined || value === '') return null;
    return typeof value === 'string' && isSameSitePath(value) ? value : undefined;
  };
  const form = { next: target(next), back: target(back) };
  return form.next === undefined || form.back === undefined ? null : { next: form.next, back: form.back };
}

/** The target with `code=` added to its query, before any fragment. */
function withCode(target: string, code: string): string {
  const hash = target.indexOf('#');
  // Stryker disable next-line EqualityOperator: a target starts with "/", so "#" is never at 0
  const [path, fragment] = hash < 0 ? [target, ''] : [target.slice(0, hash), target.slice(hash)];
  return `${path}${path.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}${fragment}`;
}

/**
 * @internal The answer: JSON, or for a form post with `next`, `303 See Other` to `next` on
 * success, or to `back` (else `next`) with `?code=` the refusal's code.
 */
export function answer(status: number, body: unknown, extra: readonly HeaderPair[], form: FormTargets | null): Response {
  if (form === null || form.next === null) return json(status, body, extra);
  // Stryker disable next-line EqualityOperator: no answer has status 300
  const ok = status < 300;
  const target = ok ? form.next : (form.back ?? form.next);
  const code = ok ? null : (body as { code: string }).code;
  const location = code === null ? target : withCode(target, code);
  const headers = headersOf(extra);
  headers.set('location', location);
  return new Response(null, { status: 303, headers });
}
