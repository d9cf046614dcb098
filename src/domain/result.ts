import type { Reason, ReasonCode } from './reasons';

/**
 * The answer of a policy question: allowed, or denied with every reason that applies
 * (at least one, most important first).
 *
 * @typeParam C - the reason codes a denial may carry.
 *
 * @category Results and errors
 */
export type Decision<C extends ReasonCode = ReasonCode> =
  | {
      /** Allowed. */
      readonly allowed: true;
    }
  | {
      /** Denied. */
      readonly allowed: false;
      /** Every reason that applies, most important first. */
      readonly reasons: readonly [Reason<C>, ...Reason<C>[]];
    };

/**
 * The outcome of a library operation. Expected refusals (bad input, a rule that says no) are
 * values, never exceptions: `ok: false` carries the most important reason as `code` and
 * `message`, and every reason that applies in `reasons`. A refused operation changed nothing.
 *
 * @typeParam T - the value of a success.
 * @typeParam C - the reason codes a refusal may carry.
 *
 * @example
 * ```ts
 * const created = await access.createGuestLink({ actor, entryId, name: 'Guest speakers' });
 * if (!created.ok) console.log(created.code, created.message);
 * else console.log(created.value.url);
 * ```
 *
 * @category Results and errors
 */
export type Result<T, C extends ReasonCode = ReasonCode> =
  | {
      /** Always `true`. */
      readonly ok: true;
      /** What the operation produced. */
      readonly value: T;
    }
  | Refusal<C>;

/**
 * A refused operation: the first reason's code and message, and every reason.
 *
 * @typeParam C - the reason codes this refusal may carry.
 *
 * @category Results and errors
 */
export interface Refusal<C extends ReasonCode = ReasonCode> {
  /** Always `false`. */
  readonly ok: false;
  /** The most important reason's code. */
  readonly code: C;
  /** The most important reason's sentence. */
  readonly message: string;
  /** Every reason that applies, most important first. */
  readonly reasons: readonly [Reason<C>, ...Reason<C>[]];
}

const ALLOWED = Object.freeze({ allowed: true as const });

/** @internal Turns a list of reasons into a decision: allowed when the list is empty. */
export function decide<C extends ReasonCode>(reasons: readonly Reason<C>[]): Decision<C> {
  const [first, ...rest] = reasons;
  return first === undefined ? ALLOWED : { allowed: false, reasons: [first, ...rest] };
}

/** @internal */
export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** @internal Builds a refusal from a non-empty list of reasons. */
export function refuse<C extends ReasonCode>(reasons: readonly [Reason<C>, ...Reason<C>[]]): Refusal<C> {
  const [first] = reasons;
  return { ok: false, code: first.code, message: first.message, reasons };
}
