export type { Clock } from './clock';
export type { EntryDirectory } from './entry-directory';
export type { AccessEvent, AccessEventType, EventSink } from './events';
export type { Grant, GrantPort } from './grants';
export type { GuestAccessChange, GuestLinkStore } from './guest-link-store';
export type { GuestSessionDecision, GuestSessionStore } from './guest-session-store';
export type { DeliveryAttempt, InviteInsertion, InviteStore, InviteTransition, PendingInviteChange } from './invite-store';
export type { KeyRing, SigningKey } from './key-ring';
export type { MailMessage, Mailer } from './mailer';
