/**
 * Invite links (I1–I5): one link per email address, usable only by that person, carrying a
 * role that depends on the entry's type. Start with {@link createInviteLinks}; it shares the entry
 * directory, key ring and clock with `createGuestLinks` from `access-links`.
 *
 * Kept in its own entry point so that a host using guest links alone does not bundle it.
 *
 * @module access-links/invites
 */
export { createInviteLinks } from './services/invites/invite-links';
export type { InviteLinks, InviteLinksOptions } from './services/invites/invite-links';
export type { InviteView } from './services/invites/context';
export type { ClaimInviteInput, DeclinedInvite, InviteLanding, OpenInviteInput } from './services/invites/claim-invites';
export type { ChangeInviteRoleInput, InviteChangeCode, ListInvitesInput } from './services/invites/manage-invites';
export type { EraseInviteeInput, InviteeErasure, InviteSweep, ListInvitesForInput, ReceivedInvite } from './services/invites/housekeeping';
export type {
  AddressRefusalCode,
  BatchDelivery,
  InviteActionInput,
  CreateInvitesInput,
  InviteOutcome,
} from './services/invites/send-invites';
export { inviteReason, INVITE_REASON_MESSAGES } from './domain/reasons';
export { countsAsPending, inviteState, isInviteExpired, isLiveInvite, pendingInvite } from './domain/invite';
export type { DeliveryStatus, Invite, InviteState, NewInvite, StoredInviteState } from './domain/invite';
export { DELIVERY_ERROR_MAX_LENGTH, deliveryErrorText, escapeHtml, headerText, renderInviteMessage } from './domain/invite-message';
export type { InviteMessage, InviteMessageData, InviteRenderer } from './domain/invite-message';
export { DEFAULT_INVITE_RULES, defineInviteRules } from './domain/invite-rules';
export type { DefineInviteRulesResult, InviteRules, InviteRulesInput } from './domain/invite-rules';
export {
  decideClaimInvite,
  decideInviteAction,
  decideManageInvites,
  decideOpenInvite,
  decideRole,
  decideSendInvites,
  inviterRank,
  rolesFor,
} from './policy/invite-policy';
export type { Claimant, ClaimRefusalCode, InviteFacts, InviteManageCode, RoleRefusalCode } from './policy/invite-policy';

export type {
  AcceptanceClaim,
  DeliveryAttempt,
  DeliveryClaim,
  DeliveryClaimOutcome,
  PendingInviteUpdate,
  Grant,
  GrantPort,
  InviteInsertion,
  InvitePageQuery,
  InviteStore,
  InviteSweepResult,
  InviteTransition,
  MailMessage,
  Mailer,
  PendingInviteChange,
} from './ports';
