/**
 * access-links: share one media entry with people outside the platform, through guest links
 * (one shared link; guests type a name and an email) and the rules that govern them. Invite
 * links (one link per email address, with a role) live in `access-links/invites`.
 *
 * Start with {@link createGuestLinks}. The host supplies the ports ({@link GuestStore},
 * {@link EntryDirectory}, {@link KeyRing}, optionally a
 * {@link Clock}); in-memory adapters for all of them live in `access-links/memory`. Every
 * operation answers a {@link Result}; the pure policy functions that decide them are exported
 * too, for hosts that want to ask a question without acting.
 *
 * The core imports nothing from `node:` and runs on Node, Bun, Deno and edge workers: its key ring
 * uses the runtime's native HMAC where there is one and Web Crypto elsewhere.
 *
 * @module access-links
 */
export { createGuestLinks } from './services/guest-links';
export type { GuestLinks, GuestLinksOptions, ModerationCode } from './services/guest-links';
export type { CheckGuestSessionInput, GuestBoundCode, GuestJoin, GuestVetoCode, JoinGuestLinkInput, OpenGuestLinkInput } from './services/guest-entry';
export type { InputCode } from './services/input';
export type { CreateGuestLinkInput, DeletedGuestLink, DeleteGuestLinkInput, EntryInput, SetGuestAccessInput, SetGuestLinkPasscodeInput } from './services/manage-guest-links';
export type { PasscodeScheme } from './services/passcode';
export type { GuestCodeCode, GuestCodeSendCode, GuestCodeSent, VerifyGuestInput } from './services/guest-verification';
export { GUEST_CODE_TRIES, GUEST_CODE_TTL_MS, guestCodeMessage, type GuestCodeMessage, type GuestCodeMessageInput } from './domain/guest-code-message';
export type { GuestDecisionInput, GuestMove, ListGuestsInput, SetRoomLockInput } from './services/moderate-guests';
export type { EraseGuestInput, GuestSweep, SweepInput } from './services/housekeeping';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './services/page';
export type { Page, PageInput } from './services/page';
export type { GuestLanding, GuestLinkList, GuestLinkView, GuestSessionView } from './services/views';

export type { BeforeJoin, JoinAttempt, JoinVeto, SharedOptions } from './services/context';

export { createKeyRing, generateSecret } from './adapters/crypto/key-ring';
export type { KeyRingOptions, KeySecret, RotatingKeyRing } from './adapters/crypto/key-ring';
export { systemClock } from './adapters/system/system-clock';

export { MAX_ACTIVITY_DAYS, type ActivityDay, type ActivityKind, type ActivityTotals } from './domain/activity';
export type { LinkActivity, LinkActivityInput } from './services/activity';
export { AccessLinksError, isAccessLinksError } from './domain/errors';
export type { AccessLinksErrorCode } from './domain/errors';
export { readEntry, readSiteFeatures } from './domain/entry';
export type { Actor, Entry, EntryType, KnownEntryType, SiteFeatures } from './domain/entry';
export { defaultGuestAccess } from './domain/guest-access';
export type { GuestAccess } from './domain/guest-access';
export {
  guestLinkExpiry,
  guestLinkState,
  isGuestLinkExpired,
  isGuestLinkUsedUp,
  MAX_DURATION_DAYS,
  MAX_USE_LIMIT,
} from './domain/guest-link';
export type { GuestLink, GuestLinkState } from './domain/guest-link';
export { GUEST_CAPABILITIES, GUEST_SESSION_MOVES } from './domain/guest-session';
export type { GuestCapability, GuestSession, GuestSessionStatus } from './domain/guest-session';
export { reason, REASON_MESSAGES } from './domain/reasons';
export type { Reason, ReasonCode } from './domain/reasons';
export type { Decision, Refusal, Result } from './domain/result';
export { DEFAULT_GUEST_LINK_RULES, defineGuestLinkRules } from './domain/rules';
export type { DefineGuestLinkRulesResult, GuestLinkRules, GuestLinkRulesInput, ManagerRelation } from './domain/rules';
export type { Defined, RuleOverrides } from './domain/define-rules';
export {
  asciiEmail,
  emailKey,
  EMAIL_MAX_LENGTH,
  guestEmailKey,
  guestErasureKey,
  ID_MAX_LENGTH,
  isHostId,
  NAME_MAX_LENGTH,
  normalizeDomain,
  normalizeEmail,
  normalizeName,
  normalizePasscode,
} from './domain/text';

export {
  decideCreateGuestLink,
  decideEnableGuestAccess,
  decideEntryOpen,
  decideErasure,
  decideGuestEntry,
  decideGuestSession,
  decideListGuests,
  decideManageGuestAccess,
  decideModerateGuests,
  managesGuestAccess,
  moderatesGuests,
  supportsGuestLinks,
} from './policy/guest-policy';
export type { EntryFacts, GuestRefusalCode, ManageRefusalCode } from './policy/guest-policy';
export type {
  AccessEvent,
  AccessEventType,
  AccessNotice,
  ActivityCount,
  ActivityQuery,
  ActivityTally,
  Clock,
  EntryDirectory,
  EventSink,
  GuestAccessChange,
  GuestErasure,
  GuestJoinOutcome,
  GuestJoinRefusal,
  GuestJoinRequest,
  GuestSessionDecision,
  GuestStore,
  KeyRing,
  LinkWithAccess,
  NewGuestSession,
  NoticeListener,
  Notifier,
  GuestSweepRequest,
  GuestSweepResult,
  SessionPageQuery,
  SessionWithContext,
  Unsubscribe,
  MovedEvents,
  Outbox,
  OutboxClaimRequest,
  OutboxQuery,
  OutboxRecord,
  OutboxSettlement,
  OutboxState,
} from './ports';
