/**
 * Codes of {@link AccessLinksError}: misuse of the library by the host's code, or a broken
 * part of the infrastructure. Expected refusals are never errors; they are `ok: false` results.
 *
 * - `INVALID_OPTIONS`: {@link createGuestLinks} was given options it cannot work with.
 * - `INVALID_KEY`: a key ring was given a key that is too short or badly named.
 * - `STORAGE_FAILED`: a store threw; the original error is the `cause`.
 * - `DIRECTORY_FAILED`: the host's entry directory threw or answered nonsense.
 * - `KEY_RING_FAILED`: the key ring threw or had no usable signing key.
 * - `CLOCK_FAILED`: the clock threw or gave an instant outside 0 … 2^48 − 1.
 * - `GRANT_FAILED`: the host's grant port threw while an invite was accepted; the invite is pending again.
 * - `INVALID_ARGUMENT`: a function that answers no {@link Result} (the words of
 *   `access-links/format`) was given an argument it cannot use: an instant that is not a finite
 *   number, a catalogue that lacks a field, a time zone that is not one.
 * - `INVALID_RECORD`: a store was handed a record it cannot hold (an id longer than its index
 *   allows, say); nothing was written. The library's own operations validate their input first,
 *   so only a direct call of an adapter meets it.
 *
 * @category Results and errors
 */
export type AccessLinksErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_KEY'
  | 'STORAGE_FAILED'
  | 'DIRECTORY_FAILED'
  | 'KEY_RING_FAILED'
  | 'CLOCK_FAILED'
  | 'GRANT_FAILED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_RECORD';

/**
 * Thrown for misuse and for broken infrastructure, never for an expected refusal. The failure
 * that caused it, if any, is kept as `cause`. An operation that throws it has written nothing
 * it could not take back.
 *
 * @example
 * ```ts
 * try {
 *   await access.joinGuestLink({ token, name, email });
 * } catch (error) {
 *   if (error instanceof AccessLinksError && error.code === 'STORAGE_FAILED') retryLater(error.cause);
 *   else throw error;
 * }
 * ```
 *
 * @category Results and errors
 */
export class AccessLinksError extends Error {
  /** The stable code of what went wrong. */
  readonly code: AccessLinksErrorCode;

  /**
   * `instanceof AccessLinksError` holds for an error made by any copy of the library: its ESM
   * and CommonJS builds, or two installed versions. The check reads a brand every copy sets.
   *
   * @param value - anything.
   * @returns `true` when `value` is an error thrown by access-links.
   * @example
   * ```ts
   * const error: unknown = new AccessLinksError('STORAGE_FAILED', 'A store failed.');
   * error instanceof AccessLinksError; // true, whichever build of the package made it
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isAccessLinksError(value);
  }

  /**
   * @param code - what went wrong.
   * @param message - a sentence for people.
   * @param options - `cause`: the original failure.
   */
  constructor(code: AccessLinksErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccessLinksError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

// A registered symbol is the same in every copy of the library loaded into one program.
const BRAND = Symbol.for('access-links.error');

/**
 * Whether a value is an {@link AccessLinksError}, from whichever copy of the library threw it
 * (ESM or CommonJS build, or another installed version). `instanceof AccessLinksError` gives
 * the same answer.
 *
 * @param value - anything, typically what a `catch` caught.
 * @returns `true` for an error of access-links; its `code` is then one of {@link AccessLinksErrorCode}.
 *
 * @example
 * ```ts
 * try {
 *   await access.joinGuestLink({ token, name, email });
 * } catch (error) {
 *   if (isAccessLinksError(error) && error.code === 'STORAGE_FAILED') retryLater(error.cause);
 *   else throw error;
 * }
 * ```
 *
 * @category Results and errors
 */
export function isAccessLinksError(value: unknown): value is AccessLinksError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
