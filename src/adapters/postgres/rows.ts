/** Turning rows into records. Drivers answer `bigint` columns as strings; records hold numbers. */
import type { GuestAccess } from '../../domain/guest-access';
import type { GuestLink } from '../../domain/guest-link';
import type { GuestSession } from '../../domain/guest-session';
import type { Invite } from '../../domain/invite';

type Row = Record<string, unknown>;

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const text = (value: unknown): string => String(value);
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** @internal */
export function toGuestAccess(row: Row): GuestAccess {
  return {
    entryId: text(row['entry_id']),
    enabled: row['enabled'] === true,
    roomLocked: row['room_locked'] === true,
    updatedAt: num(row['updated_at']),
    updatedBy: text(row['updated_by']),
  };
}

/** @internal */
export function toGuestLink(row: Row): GuestLink {
  return {
    id: text(row['id']),
    entryId: text(row['entry_id']),
    name: text(row['name']),
    useLimit: numOrNull(row['use_limit']),
    uses: num(row['uses']),
    durationDays: numOrNull(row['duration_days']),
    createdAt: num(row['created_at']),
    expiresAt: numOrNull(row['expires_at']),
    createdBy: text(row['created_by']),
    allowedDomains: domains(row['allowed_domains']),
    blockedDomains: domains(row['blocked_domains']),
    passcodeHash: typeof row['passcode_hash'] === 'string' ? row['passcode_hash'] : null,
    verifyEmail: row['verify_email'] === true,
  };
}

/** A domain list as a column holds it: its domains joined by spaces (a domain has none). */
function domains(value: unknown): readonly string[] {
  return typeof value === 'string' && value !== '' ? value.split(' ') : [];
}

/** @internal A session row; `blocked` (when the query computed it) makes the status `declined`. */
export function toGuestSession(row: Row): GuestSession {
  return {
    id: text(row['id']),
    entryId: text(row['entry_id']),
    linkId: text(row['link_id']),
    linkName: text(row['link_name']),
    guestName: text(row['guest_name']),
    guestEmail: text(row['guest_email']),
    emailKey: text(row['email_key']),
    erasureKey: text(row['erasure_key']),
    clientKey: textOrNull(row['client_key']),
    verified: row['verified'] === true,
    status: row['blocked'] === true && row['status'] !== 'left' ? 'declined' : (text(row['status']) as GuestSession['status']),
    joinedAt: num(row['joined_at']),
    decidedAt: numOrNull(row['decided_at']),
    decidedBy: textOrNull(row['decided_by']),
  };
}

/** @internal */
export function toInvite(row: Row): Invite {
  return {
    id: text(row['id']),
    entryId: text(row['entry_id']),
    email: text(row['email']),
    emailKey: text(row['email_key']),
    role: text(row['role']),
    state: text(row['state']) as Invite['state'],
    invitedBy: text(row['invited_by']),
    inviterName: textOrNull(row['inviter_name']),
    invitedAt: num(row['invited_at']),
    expiresAt: num(row['expires_at']),
    updatedAt: num(row['updated_at']),
    acceptedBy: textOrNull(row['accepted_by']),
    decidedBy: textOrNull(row['decided_by']),
    deliveryStatus: text(row['delivery_status']) as Invite['deliveryStatus'],
    deliveryAttempts: num(row['delivery_attempts']),
    lastSentAt: numOrNull(row['last_sent_at']),
    deliveryError: textOrNull(row['delivery_error']),
  };
}
