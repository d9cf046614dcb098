/**
 * Readers for what the host passes in. Each reads one field of an untrusted object and either
 * returns the clean value or records why it could not (S2). Nothing is written before every
 * field has been read.
 */
import type { Actor } from '../domain/entry';
import { MAX_DURATION_DAYS, MAX_USE_LIMIT } from '../domain/guest-link';
import { reason, type Reason } from '../domain/reasons';
import { refuse, type Refusal } from '../domain/result';
import { isHostId, normalizeDomain, normalizeEmail, normalizeName, normalizePasscode } from '../domain/text';
import { CURSOR } from './tokens';

/**
 * Codes that refuse bad input (S2).
 *
 * @category Results and errors
 */
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
  | 'INVALID_SEND_FLAG'
  | 'INVALID_CLIENT_KEY'
  | 'INVALID_SESSION_TOKENS'
  | 'INVALID_LOCALE'
  | 'INVALID_TIME_ZONE'
  | 'INVALID_LIMIT'
  | 'INVALID_CURSOR'
  | 'INVALID_STATUS'
  | 'INVALID_PROOF'
  | 'INVALID_DOMAINS'
  | 'INVALID_PASSCODE'
  | 'INVALID_DAY_RANGE';

const NONE: readonly string[] = Object.freeze([]);

/** @internal The most guest-session tokens a join looks at (G12): one per entry the client visited as a guest. */
export const MAX_HELD_SESSIONS = 20;

/** @internal A ULID, as every id the library makes. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * @internal Reads an own property of an untrusted object: nothing inherited counts, so a
 * polluted `Object.prototype` cannot supply a field. May throw (a getter, a revoked proxy).
 */
export function own(value: object, key: string): unknown {
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

function isRecord(value: unknown): value is object {
  // Stryker disable next-line ConditionalExpression: were null let through, reading its first field would throw and refuse it the same
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** @internal Collects the reasons found while reading one operation's input. */
export class InputReader {
  private readonly reasons: Reason<InputCode>[] = [];
  /** The input's fields, or `null` when the input is not an object (then no field is read). */
  private readonly fields: Readonly<Record<string, unknown>> | null;

  constructor(input: unknown) {
    let fields: Record<string, unknown> | null = null;
    try {
      if (isRecord(input)) fields = input as Record<string, unknown>;
    } catch {
      // A revoked proxy throws when it is looked at: it is no input.
    }
    this.fields = fields;
    if (fields === null) this.reasons.push(reason('INVALID_INPUT'));
  }

  /**
   * Reads one field with `parse`; when it answers `undefined`, records the reason `code` (with
   * its sentence from `describe`: invite codes have their own). The value returned then is
   * meaningless: callers check {@link InputReader.refusal} before using any.
   */
  field<T, C extends InputCode = InputCode>(
    key: string,
    code: C,
    parse: (value: unknown) => T | undefined,
    describe: (code: C) => Reason<C> = reason as (code: C) => Reason<C>,
  ): T {
    if (this.fields === null) return undefined as T;
    let value: T | undefined;
    try {
      value = parse(own(this.fields, key));
    } catch {
      // A getter that throws, or a revoked proxy, is bad input like any other: value stays undefined.
    }
    // The reason is built only for a refusal: a valid field allocates nothing.
    if (value === undefined) this.reasons.push({ ...describe(code), path: [key] });
    return value as T;
  }

  actor(): Actor {
    return this.field('actor', 'INVALID_ACTOR', (value) => {
      if (!isRecord(value)) return undefined;
      const [userId, admin, name] = [own(value, 'userId'), own(value, 'admin'), own(value, 'name')];
      if (!isHostId(userId) || (admin !== undefined && typeof admin !== 'boolean')) return undefined;
      const displayName = name === undefined ? undefined : normalizeName(name);
      if (displayName === null) return undefined;
      // No prototype: a field the caller left out reads as absent, whatever Object.prototype holds.
      return Object.assign(Object.create(null) as object, {
        userId,
        admin: admin === true,
        ...(displayName === undefined ? {} : { name: displayName }),
      }) as Actor;
    });
  }

  entryId(): string {
    return this.field('entryId', 'INVALID_ENTRY_ID', (value) => (isHostId(value) ? value : undefined));
  }

  /** An optional opaque key of the guest's client (a device cookie, say); absent reads as `null`. */
  clientKey(): string | null {
    return this.field('clientKey', 'INVALID_CLIENT_KEY', (value) =>
      value === undefined || value === null ? null : isHostId(value) ? value : undefined,
    );
  }

  /** An optional list of at most 100 domains (V2), each in ASCII form, without repeats; absent reads as none. */
  domains(key: 'allowedDomains' | 'blockedDomains'): readonly string[] {
    return this.field(key, 'INVALID_DOMAINS', (value) => {
      if (value === undefined || value === null) return NONE;
      if (!Array.isArray(value) || value.length > 100) return undefined;
      const domains = value.map(normalizeDomain);
      return domains.includes(null) ? undefined : Object.freeze([...new Set(domains as string[])]);
    });
  }

  /** Optional text the host's `beforeJoin` reads (a CAPTCHA's answer, say), at most 4,096 characters; absent or empty reads as `null`. */
  proof(): string | null {
    return this.field('proof', 'INVALID_PROOF', (value) =>
      value === undefined || value === null || value === '' ? null : typeof value === 'string' && value.length <= 4096 ? value : undefined,
    );
  }

  /** An optional passcode (V3), normalised by {@link normalizePasscode}; absent, `null` or empty reads as none. */
  passcode(): string | null {
    return this.field('passcode', 'INVALID_PASSCODE', (value) =>
      value === undefined || value === null || value === '' ? null : (normalizePasscode(value) ?? undefined),
    );
  }

  /**
   * Optional guest-session tokens the client holds: a list of at most {@link MAX_HELD_SESSIONS}
   * strings, copied; absent (or `null`) reads as none. Each is checked by signature, as a token is.
   */
  sessionTokens(): readonly string[] {
    return this.field('sessionTokens', 'INVALID_SESSION_TOKENS', (value) =>
      value === undefined || value === null
        ? []
        : Array.isArray(value) && value.length <= MAX_HELD_SESSIONS && value.every((token) => typeof token === 'string')
          ? [...(value as string[])]
          : undefined,
    );
  }

  ulid(key: 'linkId' | 'sessionId'): string {
    return this.field(key, key === 'linkId' ? 'INVALID_LINK_ID' : 'INVALID_SESSION_ID', (value) => (typeof value === 'string' && ULID.test(value) ? value : undefined));
  }

  name(): string {
    return this.field('name', 'INVALID_NAME', (value) => normalizeName(value) ?? undefined);
  }

  email(): string {
    return this.field('email', 'INVALID_EMAIL', (value) => normalizeEmail(value) ?? undefined);
  }

  flag(key: 'enabled' | 'locked'): boolean {
    return this.field(key, 'INVALID_FLAG', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  /** An optional boolean; absent (or `null`) reads as `false`. */
  option(key: 'verifyEmail'): boolean {
    return this.field(key, 'INVALID_FLAG', (value) => (value === undefined || value === null ? false : typeof value === 'boolean' ? value : undefined));
  }

  /** An optional whole number from 1 to `max`; absent (or `null`) reads as `null`. */
  positiveInt(key: 'useLimit' | 'durationDays'): number | null {
    const max = key === 'durationDays' ? MAX_DURATION_DAYS : MAX_USE_LIMIT;
    return this.field(key, key === 'useLimit' ? 'INVALID_USE_LIMIT' : 'INVALID_DURATION', (value) => {
      if (value === undefined || value === null) return null;
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max
        ? value
        : undefined;
    });
  }

  /** An optional page size from 1 to `max`; absent reads as `fallback`. */
  limit(fallback: number, max: number): number {
    return this.field('limit', 'INVALID_LIMIT', (value) =>
      value === undefined || value === null ? fallback : Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max ? (value as number) : undefined,
    );
  }

  /**
   * An optional cursor, of a cursor's shape (bounded, so nothing long is looked at further);
   * absent reads as `null`. Its signature is checked by the list, which knows what it is bound to.
   */
  cursor(): string | null {
    return this.field('cursor', 'INVALID_CURSOR', (value) =>
      value === undefined || value === null ? null : typeof value === 'string' && CURSOR.test(value) ? value : undefined,
    );
  }

  /** An optional status filter among `allowed`; absent reads as `null`. */
  status<S extends string>(allowed: readonly S[]): S | null {
    return this.field('status', 'INVALID_STATUS', (value) =>
      value === undefined || value === null ? null : allowed.includes(value as S) ? (value as S) : undefined,
    );
  }

  /** Records a refusal of a field found wrong by what it is read with, not by its own shape (a range, say). */
  refuseAs(key: 'from' | 'to', code: 'INVALID_DAY_RANGE'): void {
    this.reasons.push({ ...reason(code), path: [key] });
  }

  /** The refusal for everything found wrong so far, or `null` when the input is good. */
  refusal(): Refusal<InputCode> | null {
    const [first, ...rest] = this.reasons;
    return first === undefined ? null : refuse([first, ...rest]);
  }

  /** The raw value of a field, for tokens, which are checked by signature rather than shape. */
  raw(key: string): unknown {
    if (this.fields === null) return undefined;
    try {
      return own(this.fields, key);
    } catch {
      // A getter that throws gives no token.
    }
    return undefined;
  }
}
