/**
 * V1, a veto before every join: the host's `beforeJoin` is asked after the library's own checks
 * and before the use is spent. A refusal, a failure or a hook that takes too long spends nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http';
import { AccessLinksError, type BeforeJoin, type JoinAttempt } from '../src/index';
import { createMemoryGuestStore } from '../src/memory';
import { harness, linkOn, ok, owner } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';

async function world(beforeJoin: BeforeJoin, extra: { beforeJoinTimeoutMs?: number } = {}) {
  const h = await harness({ options: { beforeJoin, ...extra } });
  const link = await linkOn(h.access, 'video-1', { useLimit: 3, name: 'Reviewers' });
  const uses = async () => ok(await h.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links[0]!.uses;
  return { ...h, link, uses };
}

describe('V1: a veto before every join', () => {
  it('asks the hook with the entry, the link, the guest, the client key and the proof, and lets the join on when it answers nothing', async () => {
    const seen: JoinAttempt[] = [];
    const w = await world((attempt) => void seen.push(attempt));
    const joined = ok(await w.access.joinGuestLink({ token: w.link.token, name: ' Ada ', email: 'Ada@Example.org', clientKey: 'device-1', proof: 'captcha-answer' }));
    expect(seen).toEqual([
      {
        entry: expect.objectContaining({ id: 'video-1', type: 'video' }),
        link: { id: w.link.id, name: 'Reviewers' },
        guestName: joined.session.guestName,
        guestEmail: joined.session.guestEmail,
        clientKey: 'device-1',
        proof: 'captcha-answer',
      },
    ]);
    expect(await w.uses()).toBe(1);
    // Joining twice is one guest (G12): the held session is answered without asking again.
    const again = ok(await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: [joined.token] }));
    expect([again.rejoined, seen.length, await w.uses()]).toEqual([true, 1, 1]);
    // No proof, or an empty one, is null; null and undefined both let the join on.
    const w2 = await world((attempt) => (seen.push(attempt), null));
    ok(await w2.access.joinGuestLink({ token: w2.link.token, name: 'Bob', email: 'bob@example.org', proof: '' }));
    expect([seen.at(-1)!.proof, seen.at(-1)!.clientKey]).toEqual([null, null]);
  });

  it('a veto refuses the join as JOIN_VETOED with the host’s reason as detail, and spends nothing', async () => {
    const w = await world(async ({ proof }) => (proof === 'good' ? undefined : { reason: 'CAPTCHA_FAILED' }));
    const before = JSON.stringify(w.state());
    const refused = await w.access.joinGuestLink({ token: w.link.token, name: 'Eve', email: 'eve@example.org', proof: 'bad' });
    expect(refused).toEqual({
      ok: false,
      code: 'JOIN_VETOED',
      message: 'This site did not let you join.',
      reasons: [{ code: 'JOIN_VETOED', message: 'This site did not let you join.', detail: 'CAPTCHA_FAILED' }],
    });
    expect(JSON.stringify(w.state())).toBe(before);
    expect(ok(await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org', proof: 'good' })).session.guestName).toBe('Ada');
    expect(await w.uses()).toBe(1);
  });

  it.each([
    ['throws', () => { throw new Error('the CAPTCHA service is down'); }],
    ['rejects', async () => Promise.reject(new Error('timeout upstream'))],
    ['answers a number', () => 42 as never],
    ['answers a veto without a reason', () => ({}) as never],
    ['answers a reason that is not a short name', () => ({ reason: 'has spaces in it' })],
    ['answers a reason too long', () => ({ reason: 'X'.repeat(101) })],
    ['answers a reason through a getter that throws', () => ({ get reason(): string { throw new Error('boom'); } })],
  ] as [string, BeforeJoin][])('a hook that %s refuses the join as JOIN_CHECK_FAILED, and spends nothing', async (_, hook) => {
    const w = await world(hook);
    const before = JSON.stringify(w.state());
    const refused = await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org' });
    expect(refused).toMatchObject({ ok: false, code: 'JOIN_CHECK_FAILED', reasons: [{ code: 'JOIN_CHECK_FAILED' }] });
    expect(JSON.stringify(w.state())).toBe(before);
  });

  it('a hook that does not answer within beforeJoinTimeoutMs refuses the join as JOIN_CHECK_FAILED; its late answer changes nothing', async () => {
    let late: (() => void) | null = null;
    const w = await world(() => new Promise((resolve) => (late = () => resolve(undefined))), { beforeJoinTimeoutMs: 20 });
    const before = JSON.stringify(w.state());
    expect(await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org' })).toMatchObject({ ok: false, code: 'JOIN_CHECK_FAILED' });
    late!();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(JSON.stringify(w.state())).toBe(before);
  });

  it('is asked only of a join the library’s own checks let through: not for a dead link, bad input, or guest access off', async () => {
    let asked = 0;
    const w = await world(() => void (asked += 1));
    expect(await w.access.joinGuestLink({ token: w.link.token, name: '', email: 'ada@example.org' })).toMatchObject({ ok: false, code: 'INVALID_NAME' });
    expect(await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org', proof: 'x'.repeat(4097) })).toMatchObject({ ok: false, code: 'INVALID_PROOF' });
    expect(await w.access.joinGuestLink({ token: `${w.link.token}x`, name: 'Ada', email: 'ada@example.org' })).toMatchObject({ ok: false, code: 'LINK_INVALID' });
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: false }));
    expect(await w.access.joinGuestLink({ token: w.link.token, name: 'Ada', email: 'ada@example.org' })).toMatchObject({ ok: false, code: 'GUEST_ACCESS_OFF' });
    expect(asked).toBe(0);
  });

  it('a hook that is not a function, or a timeout that is not a whole number from 1 to 60,000, is INVALID_OPTIONS', async () => {
    for (const options of [{ beforeJoin: 'yes' }, { beforeJoin: () => undefined, beforeJoinTimeoutMs: 0 }, { beforeJoinTimeoutMs: 60_001 }, { beforeJoinTimeoutMs: 1.5 }, { beforeJoinTimeoutMs: Number.NaN }]) {
      await expect(harness({ options: options as never })).rejects.toSatisfy((error) => error instanceof AccessLinksError && error.code === 'INVALID_OPTIONS');
    }
    await harness({ options: { beforeJoin: () => undefined, beforeJoinTimeoutMs: 60_000 } });
  });

  it('under any interleaving of joins and the hook’s answers, uses spent = joins let in ≤ the limit, and a refused join leaves nothing', async () => {
    type Answer = 'allow' | 'veto' | 'throw';
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.constantFrom<Answer>('allow', 'veto', 'throw'), { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 4 }), async (s, answers, limit) => {
        const store = createMemoryGuestStore();
        let n = 0;
        // The hook answers in the order the scheduler picks, each as the array says for its call.
        const hook: BeforeJoin = async (attempt) => {
          const answer = answers[Number(attempt.proof)]!;
          await s.schedule(Promise.resolve(), `hook ${attempt.proof}`);
          if (answer === 'throw') throw new Error('down');
          return answer === 'veto' ? { reason: 'NO' } : undefined;
        };
        const h = await harness({ options: { store: scheduled(s, store), beforeJoin: hook } });
        const link = await settle(s, linkOn(h.access, 'video-1', { useLimit: limit }));
        const joins = answers.map(() => {
          const i = n++;
          return h.access.joinGuestLink({ token: link.token, name: `Guest ${i}`, email: `guest${i}@example.org`, proof: String(i) });
        });
        const results = await settle(s, Promise.all(joins));
        const inside = results.filter((r) => r.ok);
        expect(inside.length).toBeLessThanOrEqual(Math.min(limit, answers.filter((a) => a === 'allow').length));
        results.forEach((r, i) => {
          if (r.ok) expect(answers[i]).toBe('allow');
          // The link's last use taken first, a join is refused as the link's, whatever its hook would say.
          else if (r.code === 'LINK_INVALID') expect(inside.length).toBe(limit);
          else expect(r.code).toBe(answers[i] === 'veto' ? 'JOIN_VETOED' : 'JOIN_CHECK_FAILED');
        });
        const state = store.inspect();
        expect(state.links[0]!.uses).toBe(inside.length);
        expect(state.sessions.map((x) => x.id).sort()).toEqual(inside.map((r) => (r.ok ? r.value.session.id : '')).sort());
      }),
      { numRuns: runs(200) },
    );
  });

  it('over HTTP: the form’s proof reaches the hook; a veto is 403 with its detail, a failed check 503', async () => {
    const w = await world(({ proof }) => {
      if (proof === 'down') throw new Error('down');
      return proof === 'ok' ? undefined : { reason: 'CAPTCHA_FAILED' };
    });
    const handler = createHttpHandler({ guestLinks: w.access, authenticate: () => null, clock: w.clock, rateLimiter: null });
    const join = (proof: string) =>
      handler(
        new Request(`${ORIGIN}/access-links/guest-links/${w.link.token}/join`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ name: 'Ada', email: 'ada@example.org', proof }),
        }),
      );
    const vetoed = await join('bad');
    expect(vetoed.status).toBe(403);
    expect(await vetoed.json()).toMatchObject({ code: 'JOIN_VETOED', reasons: [{ code: 'JOIN_VETOED', detail: 'CAPTCHA_FAILED' }] });
    const failed = await join('down');
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '5']);
    expect(await w.uses()).toBe(0);
    expect((await join('ok')).status).toBe(201);
    expect(await w.uses()).toBe(1);
  });
});
