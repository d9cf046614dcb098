/**
 * Readers for what the host passes in. Each reads one field of an untrusted object and either
 * returns the clean value or records why it could not (S2). Nothing is written before every
 * field has been read.
 */
import type { Actor } from '../domain/entry';
import { MAX_DURATION_DAYS } from '../domain/guest-link';
import { reason, type Reason } from '../domain/reasons';
import { refuse, type Refusal } from '../domain/result';
import { normaliseEmail, normaliseName } from '../domain/text';

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

/** @internal A ULID, as every id the library makes. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** @internal */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ID_MAX_LENGTH = 200;

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

  /**
   * Reads one field with `parse`; when it answers `undefined`, records `problem`. The value
   * returned then is meaningless: callers check {@link InputReader.refusal} before using any.
   */
  field<T>(key: string, problem: Reason<InputCode>, parse: (value: unknown) => T | undefined): T {
    if (this.fields === null) return undefined as T;
    let value: T | undefined;
    try {
      value = parse(this.fields[key]);
    } catch {
      value = undefined; // a getter that throws is bad input like any other
    }
    if (value === undefined) this.reasons.push(problem);
    return value as T;
  }

  actor(): Actor {
    return this.field('actor', reason('INVALID_ACTOR'), (value) => {
      if (value === null || typeof value !== 'object') return undefined;
      const { userId, admin, name } = value as Record<string, unknown>;
      if (!isId(userId) || (admin !== undefined && typeof admin !== 'boolean')) return undefined;
      const displayName = name === undefined ? undefined : normaliseName(name);
      if (displayName === null) return undefined;
      return {
        userId,
        ...(admin === undefined ? {} : { admin }),
        ...(displayName === undefined ? {} : { name: displayName }),
      };
    });
  }

  entryId(): string {
    return this.field('entryId', reason('INVALID_ENTRY_ID'), (value) => (isId(value) ? value : undefined));
  }

  ulid(key: 'linkId' | 'sessionId'): string {
    const problem = reason(key === 'linkId' ? 'INVALID_LINK_ID' : 'INVALID_SESSION_ID');
    return this.field(key, problem, (value) => (typeof value === 'string' && ULID.test(value) ? value : undefined));
  }

  name(): string {
    return this.field('name', reason('INVALID_NAME'), (value) => normaliseName(value) ?? undefined);
  }

  email(): string {
    return this.field('email', reason('INVALID_EMAIL'), (value) => normaliseEmail(value) ?? undefined);
  }

  flag(key: 'enabled' | 'locked'): boolean {
    return this.field(key, reason('INVALID_FLAG'), (value) => (typeof value === 'boolean' ? value : undefined));
  }

  /** An optional whole number from 1 to `max`; absent (or `null`) reads as `null`. */
  positiveInt(key: 'useLimit' | 'durationDays'): number | null {
    const max = key === 'durationDays' ? MAX_DURATION_DAYS : Number.MAX_SAFE_INTEGER;
    return this.field(key, reason(key === 'useLimit' ? 'INVALID_USE_LIMIT' : 'INVALID_DURATION'), (value) => {
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

/** @internal A host id: a string of 1 to 200 characters without control characters. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= ID_MAX_LENGTH && !CONTROL.test(value);
}
