/**
 * The outcome of validating a host's rule overrides.
 *
 * @category Rules
 */
export type Defined<R> =
  | {
      /** The overrides were valid. */
      readonly ok: true;
      /** The complete rules. */
      readonly rules: R;
    }
  | {
      /** The overrides were not valid. */
      readonly ok: false;
      /** One line per problem: where, and what is wrong. */
      readonly problems: readonly string[];
    };

/**
 * The overrides a host may pass for rules `R`: any of them, each possibly `undefined` (which
 * keeps the default).
 *
 * @typeParam R - the rules.
 *
 * @category Rules
 */
export type RuleOverrides<R> = { readonly [K in keyof R]?: R[K] | undefined };

/** @internal Checks one rule's value: a problem to report, or `null` when it is good. */
export type RuleCheck = (value: unknown) => string | null;

/**
 * @internal Merges a host's overrides over the defaults and checks each one. An override is
 * taken as given: nothing falsy is replaced by a default, and only `undefined` keeps it. Lists
 * and maps are copied and frozen, so a host changing its object later changes nothing.
 */
export function mergeRules<R extends object>(
  checks: { readonly [K in keyof R]: RuleCheck },
  defaults: R,
  overrides: unknown,
  whole?: (rules: R) => string | null,
): Defined<R> {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { ok: false, problems: ['rules: expected an object'] };
  }
  const problems: string[] = [];
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const key of Object.keys(overrides)) {
    const value = (overrides as Record<string, unknown>)[key];
    if (!Object.hasOwn(checks, key)) {
      problems.push(`rules: no rule is called ${key}`);
      continue;
    }
    if (value === undefined) continue;
    const problem = checks[key as keyof R](value);
    if (problem !== null) problems.push(`rules.${key}: ${problem}`);
    else merged[key] = frozenCopy(value);
  }
  const wholeProblem = problems.length === 0 && whole ? whole(merged as R) : null;
  if (wholeProblem !== null) problems.push(`rules: ${wholeProblem}`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rules: Object.freeze(merged) as R };
}

function frozenCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  if (value !== null && typeof value === 'object') {
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, frozenCopy(item)])));
  }
  return value;
}

/** @internal A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): RuleCheck {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `expected a whole number from ${min} to ${max}`;
}

/** @internal A list of strings each of which `valid` accepts. */
export function listOf(valid: (item: string) => boolean, message: string): RuleCheck {
  return (value) => (Array.isArray(value) && value.every((item) => typeof item === 'string' && valid(item)) ? null : message);
}

/** @internal A plain object whose own values `valid` accepts. */
export function mapOf(valid: (item: unknown) => boolean, message: string): RuleCheck {
  return (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(valid) ? null : message;
}

/** @internal `null`, or what `check` accepts. */
export function nullable(check: RuleCheck): RuleCheck {
  return (value) => (value === null ? null : check(value));
}
