/**
 * V4, verified addresses: a link made with `verifyEmail` lets a guest in only with a one-time
 * code mailed to the address they typed. The code is never stored (it is derived from the signed
 * verification with the link's key), lasts 10 minutes and five tries, and completes the join
 * exactly once however many calls carry it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryGuestStore, createMemoryMailer, createMemoryRateLimiter } from '../src/memory';
import { AccessLinksError, guestCodeMessage } from '../src/index';
import { harness, ok, owner, writtenEvents } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';
import { hashPasscode } from '../src/services/passcode';

async function verifying(fields: Record<string, unknown> = {}, rules: Record<string, unknown> = {}) {
  const mailer = createMemoryMailer();
  const h = await harness({ options: { mailer, rateLimiter: createMemoryRateLimiter(), outbox: true, passcodeScheme: 'pbkdf2' }, rules });
  const events = writtenEvents(h.store);
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Press', verifyEmail: true, ...fields } as never));
  const codeOf = (to: string) => {
    const mail = mailer.outbox().filter((m) => m.to === to).at(-1);
    return /\b(\d{6})\b/u.exec(mail?.text ?? '')?.[1] ?? null;
  };
  return { ...h, mailer, events, link, codeOf };
}

describe('V4: verified addresses', () => {
  it('a join through the link asks for a code; the code mailed to the address lets the guest in once, verified, spending one use', async () => {
    const { access, link, codeOf, mailer, state } = await verifying();
    expect(link.verifyEmail).toBe(true);
    expect(ok(await access.openGuestLink({ token: link.token })).verifyEmail).toBe(true);
    const direct = await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' });
    expect(direct).toMatchObject({ ok: false, code: 'VERIFICATION_REQUIRED' });
    expect(state().links[0]!.uses).toBe(0);

    const sent = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    expect(sent.email).toBe('ada@example.org');
    expect(mailer.outbox()).toHaveLength(1);
    const code = codeOf('ada@example.org')!;
    expect(code).toMatch(/^\d{6}$/u);
    expect(mailer.outbox()[0]!.subject).toContain(code);
    expect(state().links[0]!.uses).toBe(0);
    expect(state().sessions).toHaveLength(0);
    // Nothing of the code is in the verification the page keeps, nor in the store.
    expect(sent.verification).not.toContain(code);
    expect(JSON.stringify(state())).not.toContain(code);

    const joined = ok(await access.verifyGuest({ verification: sent.verification, code: `${code.slice(0, 3)} ${code.slice(3)}` }));
    expect(joined.rejoined).toBe(false);
    expect(joined.session).toMatchObject({ guestName: 'Ada', guestEmail: 'ada@example.org', verified: true, status: 'admitted' });
    expect(state().links[0]!.uses).toBe(1);
    // Again with the same code: the same session, nothing spent.
    const again = ok(await access.verifyGuest({ verification: sent.verification, code }));
    expect([again.rejoined, again.session.id]).toEqual([true, joined.session.id]);
    expect(state().links[0]!.uses).toBe(1);
    expect(ok(await access.checkGuestSession({ token: again.token, entryId: 'room-1' })).verified).toBe(true);
  });

  it('a wrong code is WRONG_CODE; five tries end the code (CODE_EXPIRED) even for the right one; so do 10 minutes', async () => {
    const { access, link, codeOf, clock, state } = await verifying();
    const sent = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const code = codeOf('ada@example.org')!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await access.verifyGuest({ verification: sent.verification, code: wrong })).toMatchObject({ ok: false, code: 'WRONG_CODE' });
    expect(await access.verifyGuest({ verification: sent.verification, code })).toMatchObject({ ok: false, code: 'CODE_EXPIRED' });
    expect(state().sessions).toHaveLength(0);

    clock.advance(61_000);
    const late = ok(await access.sendGuestCode({ token: link.token, name: 'Bo', email: 'bo@example.org' }));
    clock.advance(600_000);
    expect(await access.verifyGuest({ verification: late.verification, code: codeOf('bo@example.org')! })).toMatchObject({ ok: false, code: 'CODE_EXPIRED' });
    // Anything that is not a verification this library signed.
    for (const verification of ['', 'v1.e30.k1.' + 'A'.repeat(43), late.verification.replace(/.$/u, (c) => (c === 'A' ? 'B' : 'A')), 42, null]) {
      expect(await access.verifyGuest({ verification, code } as never)).toMatchObject({ ok: false, code: 'VERIFICATION_INVALID' });
    }
    expect(state().links[0]!.uses).toBe(0);
  });

  it('tries sent together never pass five: of 30 wrong codes at once, 5 are compared, 25 told the code ended', async () => {
    const { access, link, codeOf } = await verifying();
    const sent = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const code = codeOf('ada@example.org')!;
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(guesses.map((guess) => access.verifyGuest({ verification: sent.verification, code: guess })));
    expect(answers.filter((a) => !a.ok && a.code === 'WRONG_CODE')).toHaveLength(5);
    expect(answers.filter((a) => !a.ok && a.code === 'CODE_EXPIRED')).toHaveLength(25);
  });

  it('no code for a join that would be refused: a dead link, a domain, a passcode, a decline; and the answer never tells whether an address was a guest', async () => {
    const { access, link, mailer, state, clock } = await verifying({ allowedDomains: ['example.org'], passcode: 'press-only-1' });
    const ask = (email: string, passcode?: string) => access.sendGuestCode({ token: link.token, name: 'Eve', email, ...(passcode ? { passcode } : {}) });
    expect(await ask('eve@elsewhere.example', 'press-only-1')).toMatchObject({ ok: false, code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    expect(await ask('eve@example.org')).toMatchObject({ ok: false, code: 'PASSCODE_REQUIRED' });
    expect(await ask('eve@example.org', 'press-only-2')).toMatchObject({ ok: false, code: 'WRONG_PASSCODE' });
    expect(await access.sendGuestCode({ token: 'forged', name: 'Eve', email: 'eve@example.org' })).toMatchObject({ ok: false, code: 'LINK_INVALID' });
    expect(mailer.outbox()).toHaveLength(0);
    // An address that joined before and one that never did are answered alike.
    const first = ok(await ask('ada@example.org', 'press-only-1'));
    const codeA = /\b(\d{6})\b/u.exec(mailer.outbox()[0]!.text)![1]!;
    ok(await access.verifyGuest({ verification: first.verification, code: codeA }));
    clock.advance(61_000);
    const known = ok(await ask('ada@example.org', 'press-only-1'));
    const unknown = ok(await ask('zed@example.org', 'press-only-1'));
    expect(Object.keys(known)).toEqual(Object.keys(unknown));
    expect(state().links[0]!.uses).toBe(1);
  });

  it('a decline of a verified guest blocks that address: neither the same code nor a new one lets them in, and nothing is spent', async () => {
    const { access, link, codeOf, clock, state } = await verifying();
    const sent = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const joined = ok(await access.verifyGuest({ verification: sent.verification, code: codeOf('ada@example.org')! }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    expect(await access.verifyGuest({ verification: sent.verification, code: codeOf('ada@example.org')! })).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    clock.advance(61_000);
    const again = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'Ada@Example.org' }));
    expect(await access.verifyGuest({ verification: again.verification, code: codeOf('Ada@Example.org')! })).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    expect(state().links[0]!.uses).toBe(1);
  });

  it('a failed send tells the guest nothing of the mailer’s error, which may hold the code', async () => {
    const h = await harness({ options: { mailer: { send: async (m) => { throw new Error(`could not deliver: ${m.text}`); } }, rateLimiter: createMemoryRateLimiter() } });
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Press', verifyEmail: true }));
    const failed = await h.access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' });
    expect(failed).toMatchObject({ ok: false, code: 'CODE_NOT_SENT' });
    expect(JSON.stringify(failed)).not.toMatch(/\d{6}|could not deliver/u);
  });

  it('codes to one address on one link: one a minute, five an hour (CODE_RESEND_TOO_SOON, with the wait); a failed send counts nothing and spends nothing', async () => {
    const { access, link, mailer, clock } = await verifying();
    const ask = () => access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' });
    ok(await ask());
    const soon = await ask();
    expect(soon).toMatchObject({ ok: false, code: 'CODE_RESEND_TOO_SOON' });
    expect(Number(soon.ok ? 0 : soon.reasons[0]!.detail)).toBeGreaterThan(0);
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000);
      ok(await ask());
    }
    clock.advance(61_000);
    expect(await ask()).toMatchObject({ ok: false, code: 'CODE_RESEND_TOO_SOON' });
    // Another address is its own.
    mailer.failNext(1);
    const failed = await access.sendGuestCode({ token: link.token, name: 'Bo', email: 'bo@example.org' });
    expect(failed).toMatchObject({ ok: false, code: 'CODE_NOT_SENT' });
    ok(await access.sendGuestCode({ token: link.token, name: 'Bo', email: 'bo@example.org' }));
  });

  it('a link verifies only with a mailer and a rate limiter: without either, making one throws INVALID_OPTIONS', async () => {
    const h = await harness({ options: { mailer: createMemoryMailer() } });
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    await expect(h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'X', verifyEmail: true })).rejects.toSatisfy((e: unknown) => e instanceof AccessLinksError && e.code === 'INVALID_OPTIONS');
    expect(ok(await h.access.listGuestLinks({ actor: owner, entryId: 'room-1' })).links).toHaveLength(0);
    expect(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'X', verifyEmail: 'yes' } as never)).toMatchObject({ ok: false, code: 'INVALID_FLAG' });
  });

  it('the default message names the entry, the code and its 10 minutes, and escapes what people typed', () => {
    const message = guestCodeMessage({ to: 'a@example.org', code: '042917', guestName: '<b>Ada</b>', entryTitle: 'Review\r\nBcc: x', linkName: 'Press', expiresAt: 600_000, now: 0 });
    expect(message.subject).toBe('042917 is your code for Review Bcc: x');
    expect(message.text).toContain('It works for 10 minutes, once.');
    expect(message.html).toContain('&lt;b&gt;Ada&lt;/b&gt;');
    expect(message.html).not.toContain('<b>');
  });

  it('property: for any interleaving of joins, sends and resends, right and wrong codes, repeated verifications, declines and a passcode set on the link, uses spent = sessions ≤ the limit, one session per verification, every one verified, none from a join without a code, and none from a code sent before the passcode once it is set', async () => {
    const PASSCODE = 'board-pass-1';
    // Set as another server would: the hash made beforehand, the change through the store, ordered by the scheduler.
    const HASH = await hashPasscode(PASSCODE, 'pbkdf2');
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(
          fc.record({ guest: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('right', 'right', 'wrong', 'join', 'resend', 'decline', 'passcode') }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 3 }),
        async (s, steps, useLimit) => {
          const memory = createMemoryGuestStore();
          // The order the store's changes took effect in: a new session's id, or 'passcode'. The
          // memory store changes its state in the call itself, before its promise settles.
          const order: string[] = [];
          const recording = new Proxy(memory, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver) as unknown;
              if (typeof value !== 'function') return value;
              return (...args: unknown[]) => {
                const known = key === 'joinGuest' ? new Set(target.inspect().sessions.map((x) => x.id)) : null;
                const answer = (value as (...a: unknown[]) => unknown).apply(target, args);
                if (key === 'setLinkPasscode') order.push('passcode');
                if (known !== null) for (const x of target.inspect().sessions) if (!known.has(x.id)) order.push(x.id);
                return answer;
              };
            },
          });
          const mailer = createMemoryMailer();
          const store = scheduled(s, recording);
          const h = await harness({ options: { store, mailer, rateLimiter: createMemoryRateLimiter(), passcodeScheme: 'pbkdf2' } });
          ok(await settle(s, h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true })));
          const link = ok(await settle(s, h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Press', useLimit, verifyEmail: true })));
          // Each guest's verifications, newest last, and whether each was sent before the passcode was set.
          const sent: { verification: string; code: string; beforePasscode: boolean }[][] = [[], [], [], []];
          let passcodeSet = false;
          const send = async (guest: number) => {
            const before = !passcodeSet;
            const answer = await h.access.sendGuestCode({ token: link.token, name: `G${guest}`, email: `g${guest}@example.org`, passcode: PASSCODE });
            if (!answer.ok) return;
            const code = /\b(\d{6})\b/u.exec(mailer.outbox().filter((m) => m.to === `g${guest}@example.org`).at(-1)!.text)![1]!;
            sent[guest]!.push({ verification: answer.value.verification, code, beforePasscode: before });
          };
          for (let guest = 0; guest < 4; guest++) await settle(s, send(guest));
          const calls = steps.map(async ({ guest, kind }) => {
            if (kind === 'passcode') {
              passcodeSet = true;
              await store.setLinkPasscode('room-1', link.id, HASH);
              return null;
            }
            if (kind === 'resend') {
              h.clock.advance(61_000);
              await send(guest);
              return null;
            }
            if (kind === 'join') return { kind, joined: await h.access.joinGuestLink({ token: link.token, name: 'J', email: `g${guest}@example.org`, passcode: PASSCODE }), from: null };
            if (kind === 'decline') {
              const session = memory.inspect().sessions.find((x) => x.guestEmail === `g${guest}@example.org`);
              if (session) await h.access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: session.id });
              return null;
            }
            const from = sent[guest]!.at(-1)!;
            const typed = kind === 'wrong' ? String((Number(from.code) + 1) % 1_000_000).padStart(6, '0') : from.code;
            const joined = await h.access.verifyGuest({ verification: from.verification, code: typed });
            return { kind, joined, from };
          });
          const results = await settle(s, Promise.all(calls));
          const { links, sessions } = memory.inspect();
          expect(links[0]!.uses).toBe(sessions.length);
          expect(sessions.length).toBeLessThanOrEqual(useLimit);
          expect(new Set(sessions.map((x) => x.id)).size).toBe(sessions.length);
          for (const session of sessions) expect(session.verified).toBe(true);
          for (const r of results) {
            if (r === null) continue;
            if (r.kind === 'join' || r.kind === 'wrong') expect(r.joined.ok).toBe(false);
            // A code sent before the passcode was set lets no one in after it took effect.
            if (r.joined.ok && r.from?.beforePasscode === true && order.includes('passcode')) {
              expect(order.indexOf(r.joined.value.session.id)).toBeLessThan(order.indexOf('passcode'));
            }
          }
        },
      ),
      { numRuns: runs(60) },
    );
  }, 120_000);
});
