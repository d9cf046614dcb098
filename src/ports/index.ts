export type { Clock } from './clock';
export type { EntryDirectory } from './entry-directory';
export type { AccessEvent, AccessEventType, EventSink } from './events';
export type { Grant, GrantPort } from './grants';
export type {
  ActivityCount,
  ActivityQuery,
  ActivityTally,
  GuestAccessChange,
  GuestErasure,
  GuestJoinOutcome,
  GuestJoinRefusal,
  GuestJoinRequest,
  GuestSessionDecision,
  GuestStore,
  LinkWithAccess,
  MovedEvents,
  NewGuestSession,
  GuestSweepRequest,
  GuestSweepResult,
  SessionPageQuery,
  SessionWithContext,
} from './guest-store';
export type {
  AcceptanceClaim,
  DeliveryAttempt,
  DeliveryClaim,
  DeliveryClaimOutcome,
  InviteInsertion,
  InvitePageQuery,
  InviteStore,
  InviteSweepResult,
  InviteTransition,
  PendingInviteChange,
  PendingInviteUpdate,
} from './invite-store';
export type { Outbox, OutboxClaimRequest, OutboxQuery, OutboxRecord, OutboxSettlement, OutboxState } from './outbox';
export type { KeyRing } from './key-ring';
export type { MailMessage, Mailer } from './mailer';
export type { AccessNotice, NoticeListener, Notifier, Unsubscribe } from './notifier';
export type { KeyedLimit, RateDecision, RateLimit, RateLimiter } from './rate-limiter';
