import type { Recipient } from './context';
/** Readers for the fields only invite operations take (S2). */
import { inviteReason } from '../../domain/reasons';
import type { Claimant } from '../../policy/invite-policy';
import { isCleanText, isHostId } from '../../domain/text';
import { own, ULID, type InputReader } from '../input';

/** @internal */
export function readInviteId(read: InputReader): string {
  return read.field(
    'inviteId',
    'INVALID_INVITE_ID',
    (value) => (typeof value === 'string' && ULID.test(value) ? value : undefined),
    inviteReason,
  );
}

/** @internal */
export function readRole(read: InputReader): string {
  return read.field(
    'role',
    'INVALID_ROLE',
    (value) => (typeof value === 'string' && value.length >= 1 && value.length <= 64 && isCleanText(value) ? value : undefined),
    inviteReason,
  );
}

/** @internal A list of anything; each address is read on its own by the caller. */
export function readEmailList(read: InputReader): readonly unknown[] {
  return read.field('emails', 'INVALID_EMAIL_LIST', (value) => (Array.isArray(value) ? [...value] : undefined), inviteReason);
}

/** @internal */
export function readClaimant(read: InputReader): Claimant {
  return read.field('claimant', 'INVALID_CLAIMANT', (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const [userId, email, emailVerified] = [own(value, 'userId'), own(value, 'email'), own(value, 'emailVerified')];
    if (!isHostId(userId) || typeof email !== 'string' || email.length > 1024 || typeof emailVerified !== 'boolean') {
      return undefined;
    }
    return Object.assign(Object.create(null) as object, { userId, email, emailVerified }) as Claimant;
  }, inviteReason);
}

/** @internal An optional boolean; absent reads as `fallback`. */
export function readSend(read: InputReader, fallback: boolean): boolean {
  return read.field(
    'send',
    'INVALID_SEND_FLAG',
    (value) => (value === undefined ? fallback : typeof value === 'boolean' ? value : undefined),
    inviteReason,
  );
}

/** @internal The recipient's optional language and time zone, each checked by the runtime's `Intl`. */
export function readRecipient(read: InputReader): Recipient {
  const locale = read.field('locale', 'INVALID_LOCALE', (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length > 35) return undefined;
    try {
      return Intl.getCanonicalLocales(value)[0] ?? undefined;
    } catch {
      // Not a language tag.
    }
    return undefined;
  }, inviteReason);
  const timeZone = read.field('timeZone', 'INVALID_TIME_ZONE', (value) => {
    if (value === undefined || value === null) return null;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a bound on the work; no zone name is 64 characters long, and Intl refuses a longer text too
    if (typeof value !== 'string' || value.length > 64) return undefined;
    try {
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      // Not a time zone.
    }
    return undefined;
  }, inviteReason);
  return { locale, timeZone };
}
