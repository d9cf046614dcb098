/**
 * The zod schemas of the rules agree with the library's own check of them: for any complete set
 * of rules, the schema accepts exactly what `defineGuestLinkRules` / `defineInviteRules` accept.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUEST_LINK_RULES, defineGuestLinkRules } from '../src/index';
import { DEFAULT_INVITE_RULES, defineInviteRules } from '../src/invites';
import { GuestLinkRulesSchema, InviteRulesSchema } from '../src/schemas';
import { runs } from './support/runs';

const edgy = fc.oneof(
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom(0, 1, 1000, 1001, 3650, 3651, 10_000, 10_001, 36_500, 36_501, 86_400, 86_401, 3_600, 3_601, 100_000, 100_001, 1_000_000, 1_000_001, 2_147_483_647, 2_147_483_648, 366 * 86_400, 366 * 86_400 + 1),
  fc.constantFrom(1.5, Number.NaN, null, '3', true, [], {}, [''], ['room'], ['owner', 'admin'], ['janitor'], { viewer: 1 }, { room: ['viewer'] }, { room: 'viewer' }),
  // Lists and maps broken in one place only: a non-string or empty item, a rank that is negative,
  // fractional or text, beside good ones.
  fc.constantFrom('room', [3], ['room', 3], ['viewer', ''], ['viewer', 2], [['viewer']], [{ length: 4 }], { room: [''] }, { room: [3] }, { room: ['viewer', ''] }, { room: [['viewer']] }),
  fc.constantFrom({ viewer: -1 }, { viewer: 1.5 }, { viewer: '1' }, { viewer: 1, speaker: -1 }, { viewer: 0, speaker: 2, moderator: 3, contributor: 1 }),
  // A whole rank table with one bad rank, so that no other check refuses it first.
  fc.constantFrom({ viewer: -1, contributor: 1, speaker: 2, moderator: 3 }, { viewer: 1.5, contributor: 1, speaker: 2, moderator: 3 }, { viewer: '1', contributor: 1, speaker: 2, moderator: 3 }),
);

function agreeOn<R extends object>(defaults: R, schema: z.ZodMiniType<R>, define: (rules: unknown) => { ok: boolean }) {
  const keys = Object.keys(defaults);
  fc.assert(
    fc.property(fc.constantFrom(...keys), edgy, (key, value) => {
      const rules = { ...defaults, [key]: value };
      const parsed = z.safeParse(schema, rules);
      const defined = define(rules) as { ok: boolean; problems?: readonly string[] };
      expect(parsed.success, `${key}: ${JSON.stringify(value)}`).toBe(defined.ok);
      // Where both refuse one rule in their own words, the words are the same (the check may add
      // which roles it found unranked).
      const first = parsed.success ? undefined : parsed.error.issues[0];
      const problem = defined.problems?.[0];
      if (first?.code === 'custom' && defined.problems?.length === 1 && problem !== undefined) {
        const words = problem.slice(problem.indexOf(': ') + 2);
        expect([first.message.length > 0, words.startsWith(first.message)], `${key}: ${JSON.stringify(value)}: ${words} / ${first.message}`).toEqual([true, true]);
      }
    }),
    { numRuns: runs(3000, { pure: true }) },
  );
  expect(z.safeParse(schema, defaults).success).toBe(true);
  expect(z.safeParse(schema, { ...defaults, extra: 1 }).success).toBe(false);
}

describe('the rule schemas agree with the rule checks', () => {
  it('for invite rules where two rules change together', () => {
    const ranks = { ...DEFAULT_INVITE_RULES.roleRanks, '': 1 };
    for (const rules of [
      { ...DEFAULT_INVITE_RULES, roleRanks: ranks, defaultRoles: [''] },
      { ...DEFAULT_INVITE_RULES, roleRanks: ranks, rolesByEntryType: { room: [''] } },
      { ...DEFAULT_INVITE_RULES, roleRanks: ranks, inviterRoles: [''] },
      { ...DEFAULT_INVITE_RULES, roleRanks: { ...ranks, ghost: -1 }, defaultRoles: ['ghost'] },
    ]) {
      expect(z.safeParse(InviteRulesSchema, rules).success, JSON.stringify(rules)).toBe(false);
      expect(defineInviteRules(rules).ok).toBe(false);
    }
  });

  it('for the guest-link rules, one rule changed at a time', () => {
    agreeOn(DEFAULT_GUEST_LINK_RULES, GuestLinkRulesSchema, defineGuestLinkRules);
  });
  it('for the invite rules, one rule changed at a time', () => {
    agreeOn(DEFAULT_INVITE_RULES, InviteRulesSchema, defineInviteRules);
  });
});
