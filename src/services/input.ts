/**
 * Readers for what the host passes in. Each reads one field of an untrusted object and either
 * returns the clean value or records why it could not (S2). Nothing is written before every
 * field has been read.
 */
import type { Actor } from '../domain/entry';
import type { Claimant } from '../policy/invite-policy';
import { MAX_DURATION_DAYS } from '../domain/guest-link';
import { reason, type Reason } from '../domain/reasons';
import { refuse, type Refusal } from '../domain/result';
import { normaliseEmail, normaliseName } from '../domain/text';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ID_CODES = {
  linkId: 'INVALID_LINK_ID',
  sessionId: 'INVALID_SESSION_ID',
  inviteId: 'INVALID_INVITE_ID',
} as const;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ID_MAX_LENGTH = 200;

/** Codes that refuse bad input (S2). */
export type InputCode =
  | 'INVALID_INPUT'
  | 'INVALID_ACTOR'
  | 'INVALID_ENTRY_ID'
  | 'INVALID_LINK_ID'
  | 'INVALID_SESSION_ID'
  | 'INVALID_NAME'
  | 'INVALID_EMAIL'
  | 'INVALID_USE_LIMIT'
  | 'INVALID_DURATION'
  | 'INVALID_FLAG'
  | 'INVALID_ROLE'
  | 'INVALID_EMAIL_LIST'
  | 'INVALID_INVITE_ID'
  | 'INVALID_CLAIMANT'
  | 'INVALID_SEND_FLAG';

/** @internal Collects the reasons found while reading one operation's input. */
export class InputReader {
  private readonly reasons: Reason<InputCode>[] = [];
  /** The input's fields, or `null` when the input is not an object (then no field is read). */
  private readonly fields: Readonly<Record<string, unknown>> | null;

  constructor(input: unknown) {
    const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
    this.fields = isObject ? (input as Record<string, unknown>) : null;
    if (!isObject) this.reasons.push(reason('INVALID_INPUT'));
  }

  private read<T>(key: string, code: InputCode, parse: (value: unknown) => T | undefined): T {
    if (this.fields === null) return undefined as T;
    let value: T | undefined;
    try {
      value = parse(this.fields[key]);
    } catch {
      value = undefined; // a getter that throws is bad input like any other
    }
    if (value === undefined) this.reasons.push(reason(code));
    return value as T;
  }

  actor(): Actor {
    return this.read('actor', 'INVALID_ACTOR', (value) => {
      if (value === null || typeof value !== 'object') return undefined;
      const { userId, admin, name } = value as Record<string, unknown>;
      if (!isId(userId) || (admin !== undefined && typeof admin !== 'boolean')) return undefined;
      if (name !== undefined && normaliseName(name) === null) return undefined;
      return {
        userId,
        ...(admin === undefined ? {} : { admin }),
        ...(name === undefined ? {} : { name: normaliseName(name)! }),
      };
    });
  }

  entryId(): string {
    return this.read('entryId', 'INVALID_ENTRY_ID', (value) => (isId(value) ? value : undefined));
  }

  ulid(key: keyof typeof ID_CODES): string {
    return this.read(key, ID_CODES[key], (value) => (typeof value === 'string' && ULID.test(value) ? value : undefined));
  }

  role(): string {
    return this.read('role', 'INVALID_ROLE', (value) =>
      typeof value === 'string' && value.length >= 1 && value.length <= 64 && !CONTROL.test(value) ? value : undefined,
    );
  }

  /** A list of anything; each item is read on its own by the caller. */
  list(key: 'emails'): readonly unknown[] {
    return this.read(key, 'INVALID_EMAIL_LIST', (value) => (Array.isArray(value) ? [...value] : undefined));
  }

  claimant(): Claimant {
    return this.read('claimant', 'INVALID_CLAIMANT', (value) => {
      if (value === null || typeof value !== 'object') return undefined;
      const { userId, email, emailVerified } = value as Record<string, unknown>;
      if (!isId(userId) || typeof email !== 'string' || email.length > 1024 || typeof emailVerified !== 'boolean') {
        return undefined;
      }
      return { userId, email, emailVerified };
    });
  }

  /** An optional boolean; absent reads as `fallback`. */
  optionalFlag(key: 'send', fallback: boolean): boolean {
    return this.read(key, 'INVALID_SEND_FLAG', (value) =>
      value === undefined ? fallback : typeof value === 'boolean' ? value : undefined,
    );
  }

  name(): string {
    return this.read('name', 'INVALID_NAME', (value) => normaliseName(value) ?? undefined);
  }

  email(): string {
    return this.read('email', 'INVALID_EMAIL', (value) => normaliseEmail(value) ?? undefined);
  }

  flag(key: 'enabled' | 'locked'): boolean {
    return this.read(key, 'INVALID_FLAG', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  /** An optional whole number from 1 to `max`; absent (or `null`) reads as `null`. */
  positiveInt(key: 'useLimit' | 'durationDays'): number | null {
    const max = key === 'durationDays' ? MAX_DURATION_DAYS : Number.MAX_SAFE_INTEGER;
    return this.read(key, key === 'useLimit' ? 'INVALID_USE_LIMIT' : 'INVALID_DURATION', (value) => {
      if (value === undefined || value === null) return null;
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max
        ? value
        : undefined;
    });
  }

  /** The refusal for everything found wrong so far, or `null` when the input is good. */
  refusal(): Refusal<InputCode> | null {
    const [first, ...rest] = this.reasons;
    return first === undefined ? null : refuse([first, ...rest]);
  }

  /** The raw value of a field, for tokens, which are checked by signature rather than shape. */
  raw(key: string): unknown {
    try {
      return this.fields?.[key];
    } catch {
      return undefined;
    }
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= ID_MAX_LENGTH && !CONTROL.test(value);
}
