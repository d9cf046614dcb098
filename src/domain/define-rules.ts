import * as z from 'zod/mini';

/** The outcome of validating a host's rule overrides. */
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
 * @internal Merges a host's overrides over the defaults and validates the whole with `schema`.
 * An override is taken as given: nothing falsy is replaced by a default.
 */
export function mergeRules<R>(schema: z.ZodMiniType<R>, defaults: R, overrides: unknown): Defined<R> {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { ok: false, problems: ['rules: expected an object'] };
  }
  const parsed = z.safeParse(schema, { ...defaults, ...overrides });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) =>
        issue.code === 'unrecognized_keys'
          ? `rules: no rule is called ${issue.keys.join(', ')}`
          : `rules.${issue.path.join('.')}: ${issue.message}`,
      ),
    };
  }
  return { ok: true, rules: Object.freeze(parsed.data) };
}
