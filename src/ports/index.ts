export type { Clock } from './clock';
export type { EntryDirectory } from './entry-directory';
export type { AccessEvent, AccessEventType, EventSink } from './events';
export type { Grant, GrantPort } from './grants';
export type {
  GuestAccessChange,
  GuestJoinOutcome,
  GuestJoinRefusal,
  GuestJoinRequest,
  GuestLinkStore,
  GuestSessionDecision,
  GuestSessionStore,
  GuestStore,
  LinkWithAccess,
  NewGuestSession,
  SessionWithContext,
} from './guest-store';
export type {
  AcceptanceClaim,
  DeliveryAttempt,
  DeliveryClaim,
  DeliveryClaimOutcome,
  InviteInsertion,
  InviteStore,
  InviteTransition,
  PendingInviteChange,
  PendingInviteUpdate,
} from './invite-store';
export type { HmacKey, KeyRing, LegacyKeyRing, SigningKey } from './key-ring';
export type { MailMessage, Mailer } from './mailer';
export type { RateDecision, RateLimit, RateLimiter } from './rate-limiter';
