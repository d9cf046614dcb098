/**
 * Every reason the library can give for saying no, as a stable UPPER_SNAKE code with the
 * sentence shown by default. Codes never change meaning; sentences may be reworded, and a host
 * that renders its own messages switches on the code.
 */
export const REASON_MESSAGES = {
  INVALID_INPUT: 'The request must be an object.',
  INVALID_ACTOR: 'The actor must be an object with a userId.',
  INVALID_ENTRY_ID: 'The entry id must be a string of 1 to 200 characters.',
  INVALID_LINK_ID: 'The link id is not valid.',
  INVALID_SESSION_ID: 'The session id is not valid.',
  INVALID_NAME: 'Enter a name of 1 to 100 characters.',
  INVALID_EMAIL: 'Enter a valid email address.',
  INVALID_USE_LIMIT: 'The number of clicks must be a whole number from 1.',
  INVALID_DURATION: 'The duration must be 1 to 36500 whole days.',
  INVALID_FLAG: 'The switch must be true or false.',
  ENTRY_NOT_FOUND: 'No entry has this id.',
  ENTRY_UNAVAILABLE: 'This media is no longer available.',
  ENTRY_TYPE_UNSUPPORTED: 'Guest access is not supported for this type of media.',
  INVITE_TO_MEDIA_MODULE_OFF: 'The invite-to-media module is turned off on this site.',
  MEDIA_PAGE_OFF: "The theming module's media page is turned off on this site.",
  NOT_PERMITTED: 'You may not do this for this entry.',
  GUEST_ACCESS_OFF: 'Guest access to this media is turned off.',
  GUEST_LINK_CAP_REACHED: 'This entry has all the guest links it may have.',
  LINK_NOT_FOUND: 'This entry has no such guest link.',
  LINK_INVALID: 'This link is no longer valid.',
  NOT_A_ROOM: 'Only live rooms have a waiting room.',
  SESSION_INVALID: 'This guest session is not valid here.',
  SESSION_EXPIRED: 'This guest session has ended.',
  SESSION_NOT_FOUND: 'This entry has no such guest session.',
  SESSION_CHANGED: 'The guest session changed meanwhile; reload it.',
  GUEST_DECLINED: 'A moderator declined this guest.',
} as const;

/** A machine-readable reason code. `switch (reason.code)` narrows exhaustively. */
export type ReasonCode = keyof typeof REASON_MESSAGES;

/**
 * One reason for a refusal: a stable code and a human sentence.
 *
 * @typeParam C - the codes this reason may carry.
 */
export interface Reason<C extends ReasonCode = ReasonCode> {
  /** Stable machine-readable code. */
  readonly code: C;
  /** A sentence for people; hosts may replace it by rendering their own text for `code`. */
  readonly message: string;
}

/**
 * Builds the reason for a code with its default sentence.
 *
 * @param code - the reason code.
 * @returns the reason.
 *
 * @example
 * ```ts
 * reason('LINK_INVALID'); // { code: 'LINK_INVALID', message: 'This link is no longer valid.' }
 * ```
 */
export function reason<C extends ReasonCode>(code: C): Reason<C> {
  return { code, message: REASON_MESSAGES[code] };
}
