/**
 * S2: every public function answers bad input with a typed refusal, never a crash, and
 * changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_MESSAGES, defineGuestLinkRules, normalizeEmail, normalizeName, type GuestLinks } from '../src/index';
import { INVITE_REASON_MESSAGES, type InviteLinks } from '../src/invites';
import { harness, inviteHarness, linkOn, ok, owner } from './harness';
import { runs } from './support/runs';
import { createMemoryMailer, createMemoryRateLimiter } from '../src/memory';

// sweep takes no input at all by default: its bad input is tested on its own below.
type Method = keyof Omit<GuestLinks, 'rules' | 'sharedRateLimiter' | 'sweep'>;
const methods: Method[] = [
  'setGuestAccess',
  'createGuestLink',
  'listGuestLinks',
  'deleteGuestLink',
  'openGuestLink',
  'joinGuestLink',
  'sendGuestCode',
  'verifyGuest',
  'checkGuestSession',
  'setRoomLock',
  'admitGuest',
  'declineGuest',
  'admitAllGuests',
  'declineAllGuests',
  'listGuests',
  'eraseGuest',
];

/** A library with some state in it: links, a session, a locked room. */
async function populated() {
  const h = await harness({ options: { mailer: createMemoryMailer(), rateLimiter: createMemoryRateLimiter({ maxKeys: 1_000_000 }) } });
  const link = await linkOn(h.access, 'room-1', { useLimit: 5 });
  ok(await h.access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
  const joined = ok(await h.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
  return { ...h, link, joined };
}

function expectTypedRefusal(result: unknown) {
  expect(result).toMatchObject({ ok: false });
  const refusal = result as { code: string; message: string; reasons: { code: string; message: string }[] };
  const messages: Record<string, string> = { ...REASON_MESSAGES, ...INVITE_REASON_MESSAGES };
  expect(Object.keys(messages)).toContain(refusal.code);
  expect(refusal.message).toBe(messages[refusal.code]);
  expect(refusal.reasons[0]!.code).toBe(refusal.code);
}

describe('arbitrary input', () => {
  it('to every public function gives a typed refusal and leaves the state unchanged', async () => {
    const { access, state } = await populated();
    const before = JSON.stringify(state());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.anything({ withNullPrototype: true, withBoxedValues: true }), async (method, input) => {
        const result = await (access[method] as (input: unknown) => Promise<unknown>)(input);
        expectTypedRefusal(result);
        expect(JSON.stringify(state())).toBe(before);
      }),
      { numRuns: runs(1000) },
    );
  });

  it('in any one field of a good request never crashes, and a refused request changes nothing', async () => {
    const { access, state, link, joined } = await populated();
    const good: Record<Method, Record<string, unknown>> = {
      setGuestAccess: { actor: owner, entryId: 'room-1', enabled: true },
      createGuestLink: { actor: owner, entryId: 'room-1', name: 'New', useLimit: 3, durationDays: 2 },
      listGuestLinks: { actor: owner, entryId: 'room-1' },
      getGuestAccess: { actor: owner, entryId: 'room-1' },
      deleteGuestLink: { actor: owner, entryId: 'room-1', linkId: link.id },
      setGuestLinkPasscode: { actor: owner, entryId: 'room-1', linkId: link.id, passcode: 'good-passcode' },
      linkActivity: { actor: owner, entryId: 'room-1', linkId: link.id, from: '2026-04-01', to: '2026-04-16' },
      openGuestLink: { token: link.token },
      joinGuestLink: { token: link.token, name: 'Bob', email: 'bob@example.org' },
      sendGuestCode: { token: link.token, name: 'Bob', email: 'bob@example.org' },
      verifyGuest: { verification: 'v1.x.k1.y', code: '123456', clientKey: 'device' },
      checkGuestSession: { token: joined.token, entryId: 'room-1' },
      leaveGuestSession: { token: joined.token, entryId: 'room-1' },
      setRoomLock: { actor: owner, entryId: 'room-1', locked: true },
      admitGuest: { actor: owner, entryId: 'room-1', sessionId: joined.session.id },
      declineGuest: { actor: owner, entryId: 'room-1', sessionId: joined.session.id },
      admitAllGuests: { actor: owner, entryId: 'room-1' },
      declineAllGuests: { actor: owner, entryId: 'room-1' },
      listGuests: { actor: owner, entryId: 'room-1', limit: 10, status: 'admitted' },
      eraseGuest: { actor: { userId: 'admin', admin: true }, email: 'nobody@example.org' },
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.nat(), fc.anything(), async (method, at, value) => {
          const fields = Object.keys(good[method]);
          const field = fields[at % fields.length]!;
          const before = JSON.stringify(state());
          const result = (await (access[method] as (input: unknown) => Promise<{ ok: boolean }>)({
            ...good[method],
            [field]: value,
          })) as { ok: boolean };
          if (!result.ok) {
            expectTypedRefusal(result);
            expect(JSON.stringify(state())).toBe(before);
          }
        }),
      { numRuns: runs(1000) },
    );
  });
});

describe('the exported helpers that take untrusted values', () => {
  it('never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (value) => {
        expect(defineGuestLinkRules(value).ok === true || defineGuestLinkRules(value).ok === false).toBe(true);
        expect([null, 'string']).toContain(normalizeName(value) === null ? null : typeof normalizeName(value));
        expect([null, 'string']).toContain(normalizeEmail(value) === null ? null : typeof normalizeEmail(value));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('defineGuestLinkRules refuses every non-object and every wrong-typed rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('guestLinkCap', 'unsupportedGuestEntryTypes', 'waitingRoomEntryTypes', 'guestManagers', 'guestSessionSeconds'),
        fc.oneof(fc.string(), fc.double({ noInteger: true }), fc.constant(-1), fc.object()),
        (rule, value) => {
          const result = defineGuestLinkRules({ [rule]: value });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.problems.join()).toContain(rule);
        },
      ),
    );
  });
});

describe('link fields (G3)', () => {
  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', 2 ** 53, true])('refuses useLimit %s', async (useLimit) => {
    const { access, state } = await harness();
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const refused = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', useLimit: useLimit as number });
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_USE_LIMIT' });
    expect(state().links).toEqual([]);
  });

  it.each([0, -3, 2.5, 36_501, '7', Number.NaN])('refuses durationDays %s', async (durationDays) => {
    const { access } = await harness();
    ok(await access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    expect(
      await access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'L', durationDays: durationDays as number }),
    ).toMatchObject({ ok: false, code: 'INVALID_DURATION' });
  });

  it('reports every bad field at once', async () => {
    const { access } = await harness();
    const refused = await access.createGuestLink({ actor: owner, entryId: 'video-1', name: '', useLimit: 0, durationDays: -1 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reasons.map((r) => r.code)).toEqual(['INVALID_NAME', 'INVALID_USE_LIMIT', 'INVALID_DURATION']);
  });
});

describe('normalizeName', () => {
  it('accepts exactly the trimmed names of 1 to 100 characters without control characters, with something visible', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (raw) => {
        const name = normalizeName(raw);
        const trimmed = raw.trim().normalize('NFC');
        const length = [...trimmed].length;
        const visible = trimmed.replace(/[\p{Default_Ignorable_Code_Point}\u2800]/gu, '').trim().length > 0;
        const valid =
          length >= 1 && length <= 100 && visible && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(trimmed);
        expect(name).toBe(valid ? trimmed : null);
      }),
    );
  });

  it.each(['', '   ', 'a\nb', 'tab\there', 'x'.repeat(101), '\u0000', 'bell\u0007', '\u2800', ' \u200b\u2800 ', '\u202eevil'])('refuses %j', (raw) => {
    expect(normalizeName(raw)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(normalizeName('😀'.repeat(100))).toBe('😀'.repeat(100));
    expect(normalizeName('😀'.repeat(101))).toBeNull();
  });
});

describe('normalizeEmail', () => {
  it.each(['ada@example.org', ' Ada.Lovelace+guest@Sub.Example.co.uk ', 'x@ünïcode.example'])('accepts %j', (raw) => {
    expect(normalizeEmail(raw)).toBe(raw.trim().normalize('NFC'));
  });

  it.each(['', 'ada', 'ada@', '@example.org', 'ada@example', 'a b@example.org', 'ada@example.org\r\nBcc: x@y.z', '<ada@example.org>', 'ada@@example.org'])(
    'refuses %j',
    (raw) => {
      expect(normalizeEmail(raw)).toBeNull();
    },
  );

  it('never accepts a value with a control character or markup', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (local, domain) => {
        const email = normalizeEmail(`${local}@${domain}.org`);
        if (email !== null) expect(email).not.toMatch(/[\u0000-\u001f<>"]/);
      }),
    );
  });
});

describe('arbitrary input to the invite operations', () => {
  type InviteMethod = keyof Omit<InviteLinks, 'rules' | 'sharedRateLimiter' | 'sweep'>;
  const inviteMethods: InviteMethod[] = [
    'createInvites',
    'listInvites',
    'changeInviteRole',
    'revokeInvite',
    'resendInvite',
    'openInvite',
    'acceptInvite',
    'declineInvite',
    'listInvitesFor',
    'eraseInvitee',
  ];

  it('gives a typed refusal and leaves the invites unchanged, whole or one field at a time', async () => {
    const { invites, store, mailer } = await inviteHarness();
    const [made] = ok(await invites.createInvites({ actor: owner, entryId: 'room-1', role: 'viewer', emails: ['ada@example.org'] }));
    if (made?.status !== 'invited') throw new Error('expected an invite');
    const good: Record<InviteMethod, Record<string, unknown>> = {
      createInvites: { actor: owner, entryId: 'room-1', role: 'viewer', emails: ['bob@example.org'], send: false },
      listInvites: { actor: owner, entryId: 'room-1', limit: 10, state: 'pending' },
      listInvitesFor: { claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: true }, limit: 10 },
      eraseInvitee: { actor: { userId: 'admin', admin: true }, email: 'nobody@example.org' },
      changeInviteRole: { actor: owner, entryId: 'room-1', inviteId: made.invite.id, role: 'speaker' },
      revokeInvite: { actor: owner, entryId: 'room-1', inviteId: made.invite.id },
      resendInvite: { actor: owner, entryId: 'room-1', inviteId: made.invite.id },
      openInvite: { token: made.invite.token },
      acceptInvite: { token: made.invite.token, claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: true } },
      declineInvite: { token: made.invite.token, claimant: { userId: 'u-ada', email: 'ada@example.org', emailVerified: true } },
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...inviteMethods), fc.boolean(), fc.nat(), fc.anything(), async (method, whole, at, value) => {
        const fields = Object.keys(good[method]);
        const input = whole ? value : { ...good[method], [fields[at % fields.length]!]: value };
        const before = JSON.stringify([store.inspect(), mailer.outbox()]);
        const result = (await (invites[method] as (input: unknown) => Promise<{ ok: boolean }>)(input)) as { ok: boolean };
        if (whole) expect(result.ok).toBe(false);
        if (!result.ok) {
          expectTypedRefusal(result);
          expect(JSON.stringify([store.inspect(), mailer.outbox()])).toBe(before);
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});

describe('sweep, given bad input', () => {
  it('refuses a limit that is not a whole number from 1 to 10,000, and removes nothing', async () => {
    const { access, state } = await populated();
    const invites = (await inviteHarness()).invites;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.integer({ min: -5, max: 0 }), fc.integer({ min: 10_001 }), fc.double()), async (limit) => {
        fc.pre(!(Number.isSafeInteger(limit) && (limit as number) >= 1 && (limit as number) <= 10_000) && limit !== undefined && limit !== null);
        const before = JSON.stringify(state());
        const swept = await access.sweep({ limit: limit as number });
        expect(swept.ok ? 'ok' : swept.code).toBe('INVALID_LIMIT');
        expect(JSON.stringify(state())).toBe(before);
        const sweptInvites = await invites.sweep({ limit: limit as number });
        expect(sweptInvites.ok ? 'ok' : sweptInvites.code).toBe('INVALID_LIMIT');
      }),
      { numRuns: runs(300) },
    );
    for (const input of ['x', 5, [], () => 1]) {
      const swept = await access.sweep(input as never);
      expect(swept.ok ? 'ok' : swept.code).toBe('INVALID_INPUT');
    }
  });
});
