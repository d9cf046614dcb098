/**
 * Every reason the library can give for saying no, as a stable UPPER_SNAKE code with the
 * sentence shown by default. Codes never change meaning; sentences may be reworded, and a host
 * that renders its own messages switches on the code.
 *
 * @category Results and errors
 */
export const REASON_MESSAGES = {
  /** The request is not an object at all. */
  INVALID_INPUT: 'The request is not valid.',
  /** `actor` is missing or is not `{ userId, admin?, name? }` with a valid id and name. */
  INVALID_ACTOR: 'The actor is not valid.',
  /** `entryId` is not well-formed text of 1 to 200 characters without control characters. */
  INVALID_ENTRY_ID: 'The entry id is not valid.',
  /** `linkId` is not a link id (a ULID). */
  INVALID_LINK_ID: 'The link id is not valid.',
  /** `sessionId` is not a session id (a ULID). */
  INVALID_SESSION_ID: 'The session id is not valid.',
  /**
   * A link or guest name breaks G3 or S3: nothing visible after trimming and removing invisible
   * characters, over 100 characters, or with control or bidirectional-override characters.
   */
  INVALID_NAME: 'Enter a name of 1 to 100 characters.',
  /** The guest email is not a plausible address. */
  INVALID_EMAIL: 'Enter a valid email address.',
  /** `useLimit` is not a whole number from 1 to 2,147,483,647 (G3). */
  INVALID_USE_LIMIT: 'The number of clicks must be a whole number.',
  /** `durationDays` is not a whole number from 1 to 36500 (G3). */
  INVALID_DURATION: 'The duration must be a whole number of days.',
  /** `enabled` or `locked` is not a boolean. */
  INVALID_FLAG: 'The switch must be on or off.',
  /** `clientKey` is given but is not well-formed text of 1 to 200 characters. */
  INVALID_CLIENT_KEY: 'The client key is not valid.',
  /** `sessionTokens` is given but is not a list of at most 20 texts (G12). */
  INVALID_SESSION_TOKENS: 'The session tokens are not valid.',
  /** The directory does not know the entry (management operations). */
  ENTRY_NOT_FOUND: 'No entry has this id.',
  /** The entry is deleted or gone (G7). */
  ENTRY_UNAVAILABLE: 'This media is no longer available.',
  /** Guest links are not supported for the entry type (G7, G11). */
  ENTRY_TYPE_UNSUPPORTED: 'Guest access is not available for this media.',
  /** The site's invite-to-media module is off (G11). */
  INVITE_TO_MEDIA_MODULE_OFF: 'The invite-to-media module is off.',
  /** The site's theming media page is off (G11). */
  MEDIA_PAGE_OFF: 'The media page is off.',
  /** The actor may not do this on this entry (G11). */
  NOT_PERMITTED: 'You may not do this for this entry.',
  /** The entry's guest access is turned off (G1, G7). */
  GUEST_ACCESS_OFF: 'Guest access to this media is turned off.',
  /** The entry has as many links as the cap allows (G2). */
  GUEST_LINK_CAP_REACHED: 'This media has all the guest links it may have.',
  /** The entry has no link with this id (management operations). */
  LINK_NOT_FOUND: 'This entry has no such guest link.',
  /** The link is expired, used up, deleted or never existed; all look the same to the guest (G7). */
  LINK_INVALID: 'This link is no longer valid.',
  /** The entry is not a live room, so it has no waiting room (G10). */
  NOT_A_ROOM: 'Only rooms have a waiting room.',
  /** The session token is forged, unknown, or for another entry (G8). */
  SESSION_INVALID: 'This guest session is not valid.',
  /** The session outlived `guestSessionSeconds`. */
  SESSION_EXPIRED: 'This guest session has ended.',
  /** The entry has no guest session with this id. */
  SESSION_NOT_FOUND: 'This entry has no such guest session.',
  /** Another moderator changed the session at the same moment (G10). */
  SESSION_CHANGED: 'The guest session changed; reload it.',
  /** A moderator declined or removed the guest (G10). */
  GUEST_DECLINED: 'A moderator declined this guest.',
  /** The guest is in the waiting room: not declined, not yet admitted (G10). Show a waiting page and check again. */
  GUEST_WAITING: 'A moderator will let you in shortly.',
  /** The link admitted as many guests as any link may (`maxGuestsPerLink`, R2). */
  LINK_GUEST_CAP_REACHED: 'This link has let in all the guests it can.',
  /** The locked room has as many guests waiting as it may (`maxWaitingGuestsPerRoom`, R2). */
  WAITING_ROOM_FULL: 'The waiting room is full; try again in a while.',
  /** `limit` is not a whole number from 1 to the list's maximum. */
  INVALID_LIMIT: 'The page size is not valid.',
  /**
   * `cursor` is not one this list gave for this entry (for `listInvitesFor`, this address) and
   * this filter (R2): another list's, entry's or filter's cursor, one changed, cut short or
   * lengthened, a token, or one signed by a key the key ring no longer holds. Nothing changed;
   * page again from the first page (no cursor).
   */
  INVALID_CURSOR: 'The page cursor is not one this list gave; start again from the first page.',
  /** `status` is not a status this list filters by. */
  INVALID_STATUS: 'The status filter is not valid.',
  /** `allowedDomains` or `blockedDomains` is given but is not a list of at most 100 domains (V2). */
  INVALID_DOMAINS: 'The domains must be a list of domain names.',
  /** The guest's address is at a domain the link does not let in (V2). Nothing was spent. */
  EMAIL_DOMAIN_NOT_ALLOWED: 'This link is not for addresses at this domain.',
  /** `proof` is given but is not text of at most 4,096 characters (V1). */
  INVALID_PROOF: 'The join proof is not valid.',
  /**
   * `from` or `to` of an activity series is not a UTC day written `YYYY-MM-DD`, `from` comes after
   * `to`, or the series spans more than 366 days (A1).
   */
  INVALID_DAY_RANGE: 'The days asked for are not valid.',
  /** `passcode` is given but is not 6 to 128 characters without control characters (V3). */
  INVALID_PASSCODE: 'Enter a passcode of 6 to 128 characters.',
  /** The link has a passcode and the join gave none (V3). */
  PASSCODE_REQUIRED: 'This link needs its passcode.',
  /** The join gave a passcode that is not the link's (V3). */
  WRONG_PASSCODE: 'That passcode is not right for this link.',
  /** The link verifies addresses (V4): a guest joins through `sendGuestCode` and `verifyGuest`, not `joinGuestLink`. Nothing was spent. */
  VERIFICATION_REQUIRED: 'This link first checks your email address with a code.',
  /** A code was sent to this address for this link a moment ago, or five this hour (V4); `retryAfterSeconds` says when one more may go. */
  CODE_RESEND_TOO_SOON: 'A code was sent to this address a moment ago.',
  /** The mailer failed to send the code (V4). Nothing was spent; the guest may ask again. */
  CODE_NOT_SENT: 'The code could not be sent; try again soon.',
  /** `verification` is not one the library signed for a guest (V4). */
  VERIFICATION_INVALID: 'This check of your address is not valid.',
  /** The code is over 10 minutes old, or had five wrong tries (V4): ask for a new one. */
  CODE_EXPIRED: 'This code no longer works; ask for a new one.',
  /** The code given is not the one sent (V4). After five wrong tries the code stops working. */
  WRONG_CODE: 'That code is not the one we sent.',
  /** The host's `beforeJoin` refused the join; `detail` holds the host's own reason (V1). Nothing was spent. */
  JOIN_VETOED: 'This site did not let you join.',
  /** The host's `beforeJoin` threw, answered something else than a veto or nothing, or did not answer in time (V1). Nothing was spent. */
  JOIN_CHECK_FAILED: 'Joining could not be checked; try again soon.',
} as const;

/**
 * The reasons only invites give, with their default sentences; kept apart from
 * {@link REASON_MESSAGES} so that a host using guest links alone does not bundle them.
 *
 * @category Results and errors
 */
export const INVITE_REASON_MESSAGES = {
  /** `role` is not a non-empty string. */
  INVALID_ROLE: 'The role must be a role name.',
  /** `emails` is not a list. */
  INVALID_EMAIL_LIST: 'The addresses must be a list.',
  /** `inviteId` is not an invite id (a ULID). */
  INVALID_INVITE_ID: 'The invite id is not valid.',
  /** `claimant` is not `{ userId, email, emailVerified }`. */
  INVALID_CLAIMANT: 'The claimant must have a userId, an email and whether it is verified.',
  /** `send` is not a boolean. */
  INVALID_SEND_FLAG: 'The send option must be true or false.',
  /** `locale` is not a BCP 47 language tag. */
  INVALID_LOCALE: 'The language is not valid.',
  /** `timeZone` is not an IANA time zone. */
  INVALID_TIME_ZONE: 'The time zone is not valid.',
  /** More addresses than `maxAddressesPerCall` (I4). */
  TOO_MANY_ADDRESSES: 'Too many addresses in one request.',
  /** The role may not be granted on this type of entry (I2). */
  ROLE_NOT_ALLOWED: 'This role is not available for this type of media.',
  /** The role ranks above the inviter's own (I2). */
  ROLE_ABOVE_INVITER: 'You cannot grant a role above your own.',
  /** The entry has as many pending invites as it may have. */
  PENDING_INVITE_CAP_REACHED: 'This entry has all the pending invites it may have.',
  /** The same address appears earlier in the same request. */
  DUPLICATE_ADDRESS: 'This address appears earlier in the request.',
  /** The entry has no invite with this id (management operations). */
  INVITE_NOT_FOUND: 'This entry has no such invite.',
  /** The invite token is forged, malformed or names no invite. */
  INVITE_INVALID: 'This invite link is not valid.',
  /** The invite expired before it was accepted (I5). */
  INVITE_EXPIRED: 'This invite has expired.',
  /** The invite was revoked (I5). */
  INVITE_REVOKED: 'This invite was withdrawn.',
  /** The invitee declined the invite. */
  INVITE_DECLINED: 'This invite was declined.',
  /** Someone accepted the invite already. */
  INVITE_ALREADY_ACCEPTED: 'This invite has already been accepted.',
  /** Only a pending invite can be revoked, resent or given another role (I3). */
  INVITE_NOT_PENDING: 'This invite is no longer pending.',
  /** The claimant's email is not the invited one (I1). */
  EMAIL_MISMATCH: 'This invite is for another email address.',
  /** The claimant's email matches but is not verified (I1). */
  EMAIL_NOT_VERIFIED: 'Verify your email address to accept this invite.',
  /** The invite was sent too recently to send again. */
  RESEND_TOO_SOON: 'This invite was sent moments ago; wait before sending it again.',
  /** The invite changed at the same moment (I3). */
  INVITE_CHANGED: 'The invite changed meanwhile; reload it.',
  /** The invite is being accepted: its grant is being applied right now (I5). */
  ACCEPTANCE_IN_PROGRESS: 'This invite is being accepted; try again in a moment.',
  /** The invite's message is being sent right now, so it cannot be revoked this instant (I3). */
  INVITE_BEING_SENT: 'This invite is being sent; try again in a moment.',
} as const;

/**
 * A machine-readable reason code. `switch (reason.code)` narrows exhaustively.
 *
 * @category Results and errors
 */
export type ReasonCode = keyof typeof REASON_MESSAGES | keyof typeof INVITE_REASON_MESSAGES;

/**
 * One reason for a refusal: a stable code and a human sentence.
 *
 * @typeParam C - the codes this reason may carry.
 *
 * @category Results and errors
 */
export interface Reason<C extends ReasonCode = ReasonCode> {
  /** Stable machine-readable code. */
  readonly code: C;
  /** A sentence for people; hosts may replace it by rendering their own text for `code`. */
  readonly message: string;
  /**
   * For a refusal of bad input: where in the input the fault is, as property names (and indexes
   * into lists), so that a form can mark the field — `['email']`, `['actor']`, `['emails', 2]`.
   * Absent for every other reason.
   */
  readonly path?: readonly (string | number)[] | undefined;
  /** For `JOIN_VETOED`: the reason the host's `beforeJoin` named (`'CAPTCHA_FAILED'`, say). Absent for every other reason. */
  readonly detail?: string | undefined;
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
 *
 * @category Results and errors
 */
export function reason<C extends keyof typeof REASON_MESSAGES>(code: C): Reason<C> {
  return { code, message: REASON_MESSAGES[code] };
}

/**
 * Builds the reason for an invite code with its default sentence.
 *
 * @param code - the reason code.
 * @returns the reason.
 *
 * @example
 * ```ts
 * inviteReason('INVITE_EXPIRED'); // { code: 'INVITE_EXPIRED', message: 'This invite has expired.' }
 * ```
 *
 * @category Results and errors
 */
export function inviteReason<C extends keyof typeof INVITE_REASON_MESSAGES>(code: C): Reason<C> {
  return { code, message: INVITE_REASON_MESSAGES[code] };
}
