/**
 * Every reason the library can give for saying no, as a stable UPPER_SNAKE code with the
 * sentence shown by default. Codes never change meaning; sentences may be reworded, and a host
 * that renders its own messages switches on the code.
 */
export const REASON_MESSAGES = {
  /** The request is not an object at all. */
  INVALID_INPUT: 'The request must be an object.',
  /** `actor` is missing or is not `{ userId, admin? }`. */
  INVALID_ACTOR: 'The actor must be an object with a userId.',
  /** `entryId` is not a string of 1 to 200 characters without control characters. */
  INVALID_ENTRY_ID: 'The entry id must be a string of 1 to 200 characters.',
  /** `linkId` is not a link id (a ULID). */
  INVALID_LINK_ID: 'The link id is not valid.',
  /** `sessionId` is not a session id (a ULID). */
  INVALID_SESSION_ID: 'The session id is not valid.',
  /** A link or guest name breaks G3: empty after trimming, over 100 characters, or with control characters. */
  INVALID_NAME: 'Enter a name of 1 to 100 characters.',
  /** The guest email is not a plausible address. */
  INVALID_EMAIL: 'Enter a valid email address.',
  /** `useLimit` is not a whole number of at least 1 (G3). */
  INVALID_USE_LIMIT: 'The number of clicks must be a whole number from 1.',
  /** `durationDays` is not a whole number from 1 to 36500 (G3). */
  INVALID_DURATION: 'The duration must be 1 to 36500 whole days.',
  /** `enabled` or `locked` is not a boolean. */
  INVALID_FLAG: 'The switch must be true or false.',
  /** The directory does not know the entry (management operations). */
  ENTRY_NOT_FOUND: 'No entry has this id.',
  /** The entry is deleted or gone (G7). */
  ENTRY_UNAVAILABLE: 'This media is no longer available.',
  /** Guest links are not supported for the entry type (G7, G11). */
  ENTRY_TYPE_UNSUPPORTED: 'Guest access is not supported for this type of media.',
  /** The site's invite-to-media module is off (G11). */
  INVITE_TO_MEDIA_MODULE_OFF: 'The invite-to-media module is turned off on this site.',
  /** The site's theming media page is off (G11). */
  MEDIA_PAGE_OFF: "The theming module's media page is turned off on this site.",
  /** The actor may not do this on this entry (G11). */
  NOT_PERMITTED: 'You may not do this for this entry.',
  /** The entry's guest access is turned off (G1, G7). */
  GUEST_ACCESS_OFF: 'Guest access to this media is turned off.',
  /** The entry has as many links as the cap allows (G2). */
  GUEST_LINK_CAP_REACHED: 'This entry has all the guest links it may have.',
  /** The entry has no link with this id (management operations). */
  LINK_NOT_FOUND: 'This entry has no such guest link.',
  /** The link is expired, used up, deleted or never existed; all look the same to the guest (G7). */
  LINK_INVALID: 'This link is no longer valid.',
  /** The entry is not a live room, so it has no waiting room (G10). */
  NOT_A_ROOM: 'Only live rooms have a waiting room.',
  /** The session token is forged, unknown, or for another entry (G8). */
  SESSION_INVALID: 'This guest session is not valid here.',
  /** The session outlived `guestSessionHours`. */
  SESSION_EXPIRED: 'This guest session has ended.',
  /** The entry has no guest session with this id. */
  SESSION_NOT_FOUND: 'This entry has no such guest session.',
  /** Another moderator changed the session at the same moment (G10). */
  SESSION_CHANGED: 'The guest session changed meanwhile; reload it.',
  /** A moderator declined or removed the guest (G10). */
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
