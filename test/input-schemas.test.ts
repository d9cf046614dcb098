/**
 * The input schemas are the contract of every operation: for any input, an operation refuses it
 * as bad input exactly when its schema rejects it, and the first field at fault is the path of
 * the schema's first issue.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import type { GuestLinks } from '../src/index';
import type { InviteLinks } from '../src/invites';
import { GuestLinksInputSchemas, InviteLinksInputSchemas } from '../src/schemas';
import { CURSOR } from '../src/services/tokens';
import { harness, inviteHarness, linkOn, ok, owner } from './harness';
import { runs } from './support/runs';
import { createMemoryMailer, createMemoryRateLimiter } from '../src/memory';

const INPUT_CODES = new Set([
  'INVALID_INPUT', 'INVALID_ACTOR', 'INVALID_ENTRY_ID', 'INVALID_LINK_ID', 'INVALID_SESSION_ID', 'INVALID_NAME', 'INVALID_EMAIL',
  'INVALID_USE_LIMIT', 'INVALID_DURATION', 'INVALID_FLAG', 'INVALID_ROLE', 'INVALID_EMAIL_LIST', 'INVALID_INVITE_ID',
  'INVALID_CLAIMANT', 'INVALID_SEND_FLAG', 'INVALID_CLIENT_KEY', 'INVALID_SESSION_TOKENS', 'INVALID_LIMIT', 'INVALID_CURSOR', 'INVALID_STATUS',
  'INVALID_LOCALE', 'INVALID_TIME_ZONE', 'INVALID_PROOF', 'INVALID_DOMAINS', 'INVALID_PASSCODE', 'INVALID_DAY_RANGE',
]);

// Values where the rules have their edges: markup, control and invisible characters, lone
// surrogates, numbers at and past the limits, the wrong types.
const tricky = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '', ' ', 'Ada', ' Ada ', 'a\nb', '\u200b', '\u200b \u3164', 'Ada\u202eevil', '\ud800', '<b>x</b>', 'x'.repeat(201), 'ada@example.org', 'ada@',
      'a b@example.org', 'ada@exa\u200bmple.org', '01J00000000000000000000000', 'room-1', 'viewer', 0, 1, -1, 1.5, 2_147_483_647,
      2_147_483_648, 36_500, 36_501, Number.NaN, true, false, null, undefined, [], {}, ['ada@example.org'], { userId: 'u-1' },
      { userId: '' }, 'fr', 'Europe/Paris', 'Not/AZone', 'en-US-u-ca-gregory-nu-latn-hc-h23-co-phonebk',
      ['example.org'], ['*.example.org'], ['x'], ['localhost'], ['bücher.example', '@Example.ORG.'], [''], ['a b.example'],
      '2026-11-19', '2026-12-04', '2025-11-20', '2026-02-29', '2024-02-29', '2026-1-01', '0099-01-01', '9999-12-30', '0100-01-05', '9999-12-18',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
);

function inputs(good: Record<string, unknown>) {
  const keys = Object.keys(good);
  return fc.oneof(
    fc.constant(good),
    fc.record({ key: fc.constantFrom(...keys, 'extra'), value: tricky }).map(({ key, value }) => ({ ...good, [key]: value })),
    fc.record({ key: fc.constantFrom(...keys) }).map(({ key }) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key))),
    fc.record({ actor: tricky }).map(({ actor }) => ({ ...good, actor })),
    tricky,
  );
}

function agrees(
  schema: z.ZodMiniType,
  result: { ok: boolean; code?: string; reasons?: readonly { code?: string; path?: readonly (string | number)[] }[] },
  input: unknown,
) {
  const parsed = z.safeParse(schema, input);
  // A join at a dead link names the link first and the form's faults after it: any input reason counts.
  // A cursor of the right shape passes its schema; only the list can tell whether it signed it
  // for this entry and filter (INVALID_CURSOR then is not a fault of the input's shape).
  const cursorShaped = input !== null && typeof input === 'object' && CURSOR.test(String((input as { cursor?: unknown }).cursor));
  const refusedAsInput =
    !result.ok && (result.reasons ?? []).some((r) => INPUT_CODES.has((r as { code: string }).code) && !(cursorShaped && r.code === 'INVALID_CURSOR'));
  expect(refusedAsInput, JSON.stringify(input)).toBe(!parsed.success);
  if (!parsed.success && refusedAsInput && input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const paths = result.reasons!.map((r) => r.path?.[0]).filter((p) => p !== undefined);
    expect(paths).toContain(parsed.error.issues[0]!.path[0]);
  }
}

describe('the input schemas agree with the operations', () => {
  it('for every guest-link operation', async () => {
    const h = await harness({ options: { mailer: createMemoryMailer(), rateLimiter: createMemoryRateLimiter({ maxKeys: 1_000_000 }) } });
    const link = await linkOn(h.access, 'room-1', { useLimit: 1_000 });
    const joined = ok(await h.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await h.access.joinGuestLink({ token: link.token, name: 'Bea', email: 'bea@example.org' }));
    const actor = owner;
    const cursor = ok(await h.access.listGuests({ actor, entryId: 'room-1', limit: 1, status: 'admitted' })).next;
    const goods: Record<keyof typeof GuestLinksInputSchemas, Record<string, unknown>> = {
      setGuestAccess: { actor, entryId: 'room-1', enabled: true },
      createGuestLink: { actor, entryId: 'room-1', name: 'New', useLimit: 3, durationDays: 2, allowedDomains: ['example.org'], blockedDomains: ['spam.example.org'], verifyEmail: false },
      listGuestLinks: { actor, entryId: 'room-1' },
      getGuestAccess: { actor, entryId: 'room-1' },
      deleteGuestLink: { actor, entryId: 'room-1', linkId: '01J00000000000000000000000' },
      setGuestLinkPasscode: { actor, entryId: 'room-1', linkId: '01J00000000000000000000000', passcode: 'good-passcode' },
      linkActivity: { actor, entryId: 'room-1', linkId: link.id, from: '2026-11-20', to: '2026-12-03' },
      openGuestLink: { token: link.token },
      joinGuestLink: { token: link.token, name: 'Bob', email: 'bob@example.org', clientKey: 'device' },
      sendGuestCode: { token: link.token, name: 'Bob', email: 'bob@example.org', clientKey: 'device' },
      verifyGuest: { verification: 'v1.x.k1.y', code: '123456', clientKey: 'device' },
      checkGuestSession: { token: joined.token, entryId: 'room-1' },
      leaveGuestSession: { token: joined.token, entryId: 'room-1' },
      setRoomLock: { actor, entryId: 'room-1', locked: false },
      admitGuest: { actor, entryId: 'room-1', sessionId: joined.session.id },
      declineGuest: { actor, entryId: 'room-1', sessionId: '01J00000000000000000000000' },
      admitAllGuests: { actor, entryId: 'room-1' },
      declineAllGuests: { actor, entryId: 'room-1' },
      listGuests: { actor, entryId: 'room-1', limit: 10, cursor, status: 'admitted' },
      sweep: { limit: 10 },
      eraseGuest: { actor: { userId: 'admin', admin: true }, email: 'nobody@example.org' },
    };
    for (const [operation, good] of Object.entries(goods) as [keyof typeof goods, Record<string, unknown>][]) {
      await fc.assert(
        fc.asyncProperty(inputs(good), async (input) => {
          const result = await (h.access[operation as keyof GuestLinks] as (input: unknown) => Promise<{ ok: boolean; code?: string }>)(input);
          agrees(GuestLinksInputSchemas[operation], result, input);
        }),
        { numRuns: runs(150) },
      );
    }
  });

  it('for every invite operation', async () => {
    const h = await inviteHarness({ rules: { pendingInviteCap: 100_000, resendIntervalSeconds: 0 } });
    const [made] = ok(await h.invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org', 'eve@example.org'] }));
    if (made?.status !== 'invited') throw new Error('expected an invite');
    ok(await h.invites.createInvites({ actor: owner, entryId: 'video-1', role: 'viewer', emails: ['eve@example.org'] }));
    const claimant = { userId: 'u-eve', email: 'eve@example.org', emailVerified: true };
    const cursor = ok(await h.invites.listInvites({ actor: owner, entryId: 'room-1', limit: 1, state: 'pending' })).next;
    const ownCursor = ok(await h.invites.listInvitesFor({ claimant, limit: 1 })).next;
    const goods: Record<keyof typeof InviteLinksInputSchemas, Record<string, unknown>> = {
      createInvites: { actor: owner, entryId: 'room-1', role: 'viewer', emails: ['bob@example.org'], send: false, locale: 'fr', timeZone: 'Europe/Paris' },
      listInvites: { actor: owner, entryId: 'room-1', limit: 10, cursor, state: 'pending' },
      listInvitesFor: { claimant, limit: 10, cursor: ownCursor },
      sweep: { limit: 10 },
      eraseInvitee: { actor: { userId: 'admin', admin: true }, email: 'nobody@example.org' },
      changeInviteRole: { actor: owner, entryId: 'room-1', inviteId: made.invite.id, role: 'viewer' },
      revokeInvite: { actor: owner, entryId: 'room-1', inviteId: '01J00000000000000000000000' },
      resendInvite: { actor: owner, entryId: 'room-1', inviteId: '01J00000000000000000000000' },
      openInvite: { token: made.invite.token },
      acceptInvite: { token: made.invite.token, claimant },
      declineInvite: { token: made.invite.token, claimant },
    };
    for (const [operation, good] of Object.entries(goods) as [keyof typeof goods, Record<string, unknown>][]) {
      await fc.assert(
        fc.asyncProperty(inputs(good), async (input) => {
          const result = await (h.invites[operation as keyof InviteLinks] as (input: unknown) => Promise<{ ok: boolean; code?: string }>)(input);
          agrees(InviteLinksInputSchemas[operation], result, input);
        }),
        { numRuns: runs(150) },
      );
    }
  });

  it('every input refusal names the field at fault', async () => {
    const { access } = await harness();
    const refused = await access.createGuestLink({ actor: owner, entryId: 'room-1', name: ' ', useLimit: 0 });
    expect(refused.ok ? [] : refused.reasons.map((r) => [r.code, r.path])).toEqual([
      ['INVALID_NAME', ['name']],
      ['INVALID_USE_LIMIT', ['useLimit']],
    ]);
  });
});
