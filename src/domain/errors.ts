/**
 * Codes of {@link AccessLinksError}: misuse of the library by the host's code, or a broken
 * part of the infrastructure. Expected refusals are never errors; they are `ok: false` results.
 *
 * - `INVALID_OPTIONS`: {@link createAccessLinks} was given options it cannot work with.
 * - `INVALID_KEY`: a key ring was given a key that is too short or badly named.
 * - `STORAGE_FAILED`: a store threw; the original error is the `cause`.
 * - `DIRECTORY_FAILED`: the host's entry directory threw or answered nonsense.
 * - `KEY_RING_FAILED`: the key ring threw or had no usable signing key.
 * - `CLOCK_FAILED`: the clock threw or gave an instant outside 0 … 2^48 − 1.
 * - `GRANT_FAILED`: the host's grant port threw while an invite was accepted; the invite is pending again.
 */
export type AccessLinksErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_KEY'
  | 'STORAGE_FAILED'
  | 'DIRECTORY_FAILED'
  | 'KEY_RING_FAILED'
  | 'CLOCK_FAILED'
  | 'GRANT_FAILED';

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
 */
export class AccessLinksError extends Error {
  /** The stable code of what went wrong. */
  readonly code: AccessLinksErrorCode;

  /**
   * @param code - what went wrong.
   * @param message - a sentence for people.
   * @param options - `cause`: the original failure.
   */
  constructor(code: AccessLinksErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccessLinksError';
    this.code = code;
  }
}
