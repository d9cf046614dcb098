import type { ReasonCode } from '../../domain/reasons';

import type { HttpErrorCode } from '../../domain/http-codes';

export type { HttpErrorCode } from '../../domain/http-codes';

/** @internal The sentence of each code of the HTTP layer. */
export const HTTP_ERROR_MESSAGES: Readonly<Record<HttpErrorCode, string>> = {
  UNAUTHENTICATED: 'Sign in to do this.',
  CROSS_SITE_REQUEST: 'This request did not come from this site.',
  NOT_FOUND: 'There is nothing here.',
  METHOD_NOT_ALLOWED: 'This method is not allowed here.',
  REQUEST_TIMEOUT: 'The request took too long to arrive.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'Send JSON or a form.',
  MALFORMED_BODY: 'The request body could not be read.',
  INVALID_NEXT: 'The page to go to next must be a path of this site.',
  RATE_LIMITED: 'Too many requests; try again later.',
  SERVICE_UNAVAILABLE: 'The service is unavailable; try again later.',
  TOO_MANY_STREAMS: 'Too many open event streams for this entry; check again later.',
  INTERNAL_ERROR: 'Something went wrong.',
};

/**
 * The HTTP status of every code a response can carry: each refusal reason of the library, and
 * each code of the HTTP layer. A refusal's status is its first reason's.
 *
 * | Status | Codes |
 * | --- | --- |
 * | 202 Accepted | `GUEST_WAITING` (the guest waits for a moderator; poll again) |
 * | 400 Bad Request | every `INVALID_…` code (`INVALID_LIMIT`, `INVALID_CURSOR` and `INVALID_STATUS` of lists and the layer's `INVALID_NEXT` too), `TOO_MANY_ADDRESSES`, `MALFORMED_BODY` |
 * | 401 Unauthorized | `UNAUTHENTICATED` |
 * | 403 Forbidden | `NOT_PERMITTED`, `JOIN_VETOED`, `EMAIL_DOMAIN_NOT_ALLOWED`, `ROLE_ABOVE_INVITER`, `GUEST_ACCESS_OFF`, `GUEST_DECLINED`, `ENTRY_TYPE_UNSUPPORTED`, `INVITE_TO_MEDIA_MODULE_OFF`, `MEDIA_PAGE_OFF`, `EMAIL_MISMATCH`, `EMAIL_NOT_VERIFIED`, `SESSION_INVALID`, `SESSION_EXPIRED`, `CROSS_SITE_REQUEST` |
 * | 404 Not Found | `ENTRY_NOT_FOUND`, `LINK_NOT_FOUND`, `SESSION_NOT_FOUND`, `INVITE_NOT_FOUND`, `LINK_INVALID`, `INVITE_INVALID`, `NOT_FOUND` |
 * | 405 Method Not Allowed | `METHOD_NOT_ALLOWED` |
 * | 408 Request Timeout | `REQUEST_TIMEOUT` |
 * | 409 Conflict | `GUEST_LINK_CAP_REACHED`, `PENDING_INVITE_CAP_REACHED`, `NOT_A_ROOM`, `SESSION_CHANGED`, `INVITE_CHANGED`, `INVITE_NOT_PENDING`, `INVITE_ALREADY_ACCEPTED`, `INVITE_DECLINED`, `ACCEPTANCE_IN_PROGRESS`, `INVITE_BEING_SENT`, `DUPLICATE_ADDRESS`, `LINK_GUEST_CAP_REACHED`, `WAITING_ROOM_FULL` |
 * | 410 Gone | `ENTRY_UNAVAILABLE`, `INVITE_EXPIRED`, `INVITE_REVOKED` |
 * | 413 Content Too Large | `PAYLOAD_TOO_LARGE` |
 * | 415 Unsupported Media Type | `UNSUPPORTED_MEDIA_TYPE` |
 * | 422 Unprocessable Content | `ROLE_NOT_ALLOWED` |
 * | 429 Too Many Requests | `RATE_LIMITED`, `RESEND_TOO_SOON` |
 * | 500 Internal Server Error | `INTERNAL_ERROR` |
 * | 503 Service Unavailable | `SERVICE_UNAVAILABLE`, `TOO_MANY_STREAMS`, `JOIN_CHECK_FAILED` |
 *
 * @category HTTP
 */
export const HTTP_STATUS: Readonly<Record<ReasonCode | HttpErrorCode, number>> = Object.freeze({
  GUEST_WAITING: 202,

  INVALID_INPUT: 400,
  INVALID_ACTOR: 400,
  INVALID_ENTRY_ID: 400,
  INVALID_LINK_ID: 400,
  INVALID_SESSION_ID: 400,
  INVALID_NAME: 400,
  INVALID_EMAIL: 400,
  INVALID_USE_LIMIT: 400,
  INVALID_DURATION: 400,
  INVALID_FLAG: 400,
  INVALID_CLIENT_KEY: 400,
  INVALID_SESSION_TOKENS: 400,
  INVALID_ROLE: 400,
  INVALID_EMAIL_LIST: 400,
  INVALID_INVITE_ID: 400,
  INVALID_CLAIMANT: 400,
  INVALID_SEND_FLAG: 400,
  TOO_MANY_ADDRESSES: 400,
  INVALID_LOCALE: 400,
  INVALID_TIME_ZONE: 400,
  INVALID_LIMIT: 400,
  INVALID_CURSOR: 400,
  INVALID_STATUS: 400,
  INVALID_PROOF: 400,
  INVALID_DOMAINS: 400,
  EMAIL_DOMAIN_NOT_ALLOWED: 403,
  JOIN_VETOED: 403,
  JOIN_CHECK_FAILED: 503,
  MALFORMED_BODY: 400,
  INVALID_NEXT: 400,

  UNAUTHENTICATED: 401,

  NOT_PERMITTED: 403,
  ROLE_ABOVE_INVITER: 403,
  GUEST_ACCESS_OFF: 403,
  GUEST_DECLINED: 403,
  ENTRY_TYPE_UNSUPPORTED: 403,
  INVITE_TO_MEDIA_MODULE_OFF: 403,
  MEDIA_PAGE_OFF: 403,
  EMAIL_MISMATCH: 403,
  EMAIL_NOT_VERIFIED: 403,
  SESSION_INVALID: 403,
  SESSION_EXPIRED: 403,
  CROSS_SITE_REQUEST: 403,

  ENTRY_NOT_FOUND: 404,
  LINK_NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  INVITE_NOT_FOUND: 404,
  LINK_INVALID: 404,
  INVITE_INVALID: 404,
  NOT_FOUND: 404,

  METHOD_NOT_ALLOWED: 405,

  REQUEST_TIMEOUT: 408,

  GUEST_LINK_CAP_REACHED: 409,
  PENDING_INVITE_CAP_REACHED: 409,
  NOT_A_ROOM: 409,
  SESSION_CHANGED: 409,
  INVITE_CHANGED: 409,
  INVITE_NOT_PENDING: 409,
  INVITE_ALREADY_ACCEPTED: 409,
  INVITE_DECLINED: 409,
  ACCEPTANCE_IN_PROGRESS: 409,
  INVITE_BEING_SENT: 409,
  DUPLICATE_ADDRESS: 409,
  LINK_GUEST_CAP_REACHED: 409,
  WAITING_ROOM_FULL: 409,

  ENTRY_UNAVAILABLE: 410,
  INVITE_EXPIRED: 410,
  INVITE_REVOKED: 410,

  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROLE_NOT_ALLOWED: 422,

  RATE_LIMITED: 429,
  RESEND_TOO_SOON: 429,

  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TOO_MANY_STREAMS: 503,
} satisfies Record<ReasonCode | HttpErrorCode, number>);
