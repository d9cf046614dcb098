/**
 * A1, a link's activity: opens, joins and refusals by reason, per UTC day, kept 90 days. Counts
 * hold nothing personal; a join is counted in the store's same atomic step as its use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryGuestStore, createMemoryMailer, createMemoryRateLimiter } from '../src/memory';
import type { GuestStore } from '../src/index';
import { DAY, harness, ok, owner, START, stranger } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

const today = (at: number) => new Date(at).toISOString().slice(0, 10);

async function counting(options: Record<string, unknown> = {}, rules: Record<string, unknown> = {}) {
  const h = await harness({ options, rules });
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Press', useLimit: 2, allowedDomains: ['example.org'] }));
  const activity = async (from?: string, to?: string) =>
    ok(await h.access.linkActivity({ actor: owner, entryId: 'room-1', linkId: link.id, ...(from ? { from } : {}), ...(to ? { to } : {}) }));
  return { ...h, link, activity };
}

describe('A1: a link’s activity', () => {
  it('counts opens (no use spent), joins, and refusals by the reason told first; not a form’s mistakes, nor a rejoin', async () => {
    const { access, link, activity, state, store } = await counting();
    ok(await access.openGuestLink({ token: link.token }));
    ok(await access.openGuestLink({ token: link.token }));
    expect(state().links[0]!.uses).toBe(0);
    const ada = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    // The same guest again from the same client is answered the session: not a join, not a refusal (G12).
    expect(ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: [ada.token] })).rejoined).toBe(true);
    expect(await access.joinGuestLink({ token: link.token, name: 'Eve', email: 'eve@elsewhere.net' })).toMatchObject({ code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    // A form's mistake turns no one away.
    expect(await access.joinGuestLink({ token: link.token, name: ' ', email: 'bob@example.org' })).toMatchObject({ code: 'INVALID_NAME' });
    ok(await access.joinGuestLink({ token: link.token, name: 'Bob', email: 'bob@example.org' }));
    expect(await access.joinGuestLink({ token: link.token, name: 'Cy', email: 'cy@example.org' })).toMatchObject({ code: 'LINK_INVALID' });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }));
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ code: 'GUEST_ACCESS_OFF' });
    // A token the library never signed names no link: nothing is counted anywhere.
    expect(await access.openGuestLink({ token: `${link.token.slice(0, -2)}xx` })).toMatchObject({ code: 'LINK_INVALID' });

    const { days, totals, from, to } = await activity();
    expect([from, to]).toEqual([today(START - 13 * DAY), today(START)]);
    expect(days).toHaveLength(14);
    expect(days.slice(0, 13).every((day) => day.opens + day.joins + day.refusals === 0)).toBe(true);
    expect(days[13]).toEqual({
      day: today(START),
      opens: 3,
      joins: 2,
      refusals: 3,
      refusedBy: { EMAIL_DOMAIN_NOT_ALLOWED: 1, LINK_INVALID: 1, GUEST_ACCESS_OFF: 1 },
    });
    expect(totals).toEqual({ opens: 3, joins: 2, refusals: 3, refusedBy: { EMAIL_DOMAIN_NOT_ALLOWED: 1, LINK_INVALID: 1, GUEST_ACCESS_OFF: 1 } });
    // Nothing of a person is in the counts.
    expect(JSON.stringify(store.inspect().activity)).not.toMatch(/ada|bob|eve|example/i);
  });

  it('puts each count on its UTC day, answers any range of up to 366 days, and the owner’s list adds up the kept days', async () => {
    const { access, link, activity, clock } = await counting({}, { activityRetentionDays: 90 });
    ok(await access.openGuestLink({ token: link.token }));
    clock.advance(DAY);
    ok(await access.openGuestLink({ token: link.token }));
    ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const series = await activity(today(START - DAY), today(START + 2 * DAY));
    expect(series.days.map((day) => [day.day, day.opens, day.joins])).toEqual([
      [today(START - DAY), 0, 0],
      [today(START), 1, 0],
      [today(START + DAY), 1, 1],
      [today(START + 2 * DAY), 0, 0],
    ]);
    // From alone: two weeks from it. To alone: two weeks up to it.
    expect((await activity(today(START))).to).toBe(today(START + 13 * DAY));
    expect((await activity(undefined, today(START))).from).toBe(today(START - 13 * DAY));
    expect((await activity('2025-01-01', '2025-12-31')).days).toHaveLength(365);
    const listed = ok(await access.listGuestLinks({ actor: owner, entryId: 'room-1' }));
    expect(listed.links[0]!.activity).toEqual({ opens: 2, joins: 1, refusals: 0 });
    expect(listed.links[0]!.uses).toBe(1);
    // 90 days later, the first day's open is past the kept days: the list no longer adds it.
    clock.advance(89 * DAY);
    expect(ok(await access.listGuestLinks({ actor: owner, entryId: 'room-1' })).links[0]!.activity).toEqual({ opens: 1, joins: 1, refusals: 0 });
  });

  it('refuses bad days and ranges as INVALID_DAY_RANGE, another entry’s link as LINK_NOT_FOUND, and a stranger as NOT_PERMITTED', async () => {
    const { access, link, store } = await counting();
    const ask = (fields: Record<string, unknown>) => access.linkActivity({ actor: owner, entryId: 'room-1', linkId: link.id, ...fields } as never);
    for (const bad of [{ from: '2026-02-30' }, { to: '2026-1-1' }, { from: 20260101 }, { from: '0001-01-01' }, { from: '2026-03-02', to: '2026-03-01' }, { from: '2025-01-01', to: '2026-01-02' }]) {
      const refused = await ask(bad);
      expect(refused, JSON.stringify(bad)).toMatchObject({ ok: false, code: 'INVALID_DAY_RANGE' });
      expect(refused.ok || refused.reasons[0]!.path).toEqual([Object.keys(bad)[0] === 'to' ? 'to' : 'from']);
    }
    expect((await ask({ from: '2024-01-01', to: '2024-12-31' })).ok).toBe(true); // 366 days: a leap year
    // Empty reads as absent, as a blank field of a form sends it.
    expect(ok(await ask({ from: '', to: '' })).to).toBe(today(START));
    // Two weeks from a first day, or up to a last day, that would leave the days YYYY-MM-DD writes.
    expect(await ask({ from: '9999-12-30' })).toMatchObject({ code: 'INVALID_DAY_RANGE', reasons: [{ path: ['from'] }] });
    expect(ok(await ask({ from: '9999-12-18' })).to).toBe('9999-12-31');
    expect(await ask({ to: '0100-01-05' })).toMatchObject({ code: 'INVALID_DAY_RANGE', reasons: [{ path: ['to'] }] });
    expect(ok(await ask({ to: '0100-01-14' })).from).toBe('0100-01-01');
    expect(await access.linkActivity({ actor: owner, entryId: 'video-1', linkId: link.id })).toMatchObject({ code: 'LINK_NOT_FOUND' });
    expect(await access.linkActivity({ actor: stranger, entryId: 'room-1', linkId: link.id })).toMatchObject({ code: 'NOT_PERMITTED' });
    const counts = store.inspect().activity.length;
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    expect(await ask({})).toMatchObject({ code: 'LINK_NOT_FOUND' });
    // A deleted link's counts are never read again: its URL counts nothing more.
    expect(await access.openGuestLink({ token: link.token })).toMatchObject({ code: 'LINK_INVALID' });
    expect(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' })).toMatchObject({ code: 'LINK_INVALID' });
    expect(store.inspect().activity).toHaveLength(counts);
  });

  it('codes count as refusals of their link: a wrong code is WRONG_CODE; once the link is deleted, nothing more is counted', async () => {
    const mailer = createMemoryMailer();
    const { access, store } = await harness({ options: { mailer, rateLimiter: createMemoryRateLimiter() } });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Checked', verifyEmail: true }));
    const sent = ok(await access.sendGuestCode({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    const code = /\b(\d{6})\b/u.exec(mailer.outbox().at(-1)!.text)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await access.verifyGuest({ verification: sent.verification, code: wrong })).toMatchObject({ code: 'WRONG_CODE' });
    expect(await access.joinGuestLink({ token: link.token, name: 'Bo', email: 'bo@example.org' })).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
    const kinds = () => store.inspect().activity.map((count) => `${count.kind} ${count.count}`).sort();
    expect(kinds()).toEqual(['VERIFICATION_REQUIRED 1', 'WRONG_CODE 1']);
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    expect(await access.verifyGuest({ verification: sent.verification, code: wrong })).toMatchObject({ code: 'WRONG_CODE' });
    expect(await access.verifyGuest({ verification: sent.verification, code })).toMatchObject({ code: 'LINK_INVALID' });
    expect(kinds()).toEqual(['VERIFICATION_REQUIRED 1', 'WRONG_CODE 1']);
  });

  it('the sweep removes days past activityRetentionDays, and an erasure leaves every count', async () => {
    const { access, link, activity, clock, store } = await counting({}, { activityRetentionDays: 3 });
    for (let day = 0; day < 5; day++) {
      ok(await access.openGuestLink({ token: link.token }));
      if (day === 1) ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
      clock.advance(DAY);
    }
    clock.advance(-DAY);
    const before = store.inspect().activity.length;
    expect(ok(await access.eraseGuest({ actor: { userId: 'admin', admin: true }, email: 'ada@example.org' })).sessions).toBe(1);
    expect(store.inspect().activity).toHaveLength(before);
    const swept = ok(await access.sweep({ limit: 1 }));
    expect(swept).toMatchObject({ activity: 1, more: true });
    const rest = ok(await access.sweep({}));
    // Days 0 and 1 went: 1 + 2 counts (day 1 had an open and a join).
    expect(swept.activity + rest.activity).toBe(3);
    const { days } = await activity(today(START), today(START + 4 * DAY));
    expect(days.map((day) => day.opens)).toEqual([0, 0, 1, 1, 1]);
    expect(days.map((day) => day.joins)).toEqual([0, 0, 0, 0, 0]);
  });

  it('activity: false counts nothing new; what was counted stays readable', async () => {
    const store = createMemoryGuestStore();
    const on = await counting({ store });
    ok(await on.access.openGuestLink({ token: on.link.token }));
    const off = await harness({ options: { store, activity: false } });
    ok(await off.access.openGuestLink({ token: on.link.token }));
    ok(await off.access.joinGuestLink({ token: on.link.token, name: 'Ada', email: 'ada@example.org' }));
    expect(await off.access.joinGuestLink({ token: on.link.token, name: 'Eve', email: 'eve@elsewhere.net' })).toMatchObject({ code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    const series = ok(await off.access.linkActivity({ actor: owner, entryId: 'room-1', linkId: on.link.id }));
    expect(series.totals).toEqual({ opens: 1, joins: 0, refusals: 0, refusedBy: {} });
    expect(store.inspect().links[0]!.uses).toBe(1);
    await expect(harness({ options: { store, activity: 'yes' as never } })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(harness({ options: { store, onActivityError: 'log' as never } })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('a store that fails to count fails no guest: the answer is the same, and onActivityError is told', async () => {
    const store = createMemoryGuestStore();
    const errors: unknown[] = [];
    const failing: GuestStore = { ...store, countActivity: () => Promise.reject(new Error('disk full')) };
    const h = await counting({ store: failing, onActivityError: (error: unknown) => errors.push(error) });
    ok(await h.access.openGuestLink({ token: h.link.token }));
    expect(await h.access.joinGuestLink({ token: h.link.token, name: 'Eve', email: 'eve@elsewhere.net' })).toMatchObject({ code: 'EMAIL_DOMAIN_NOT_ALLOWED' });
    expect(errors.map((error) => (error as Error).message)).toEqual(['disk full', 'disk full']);
    const throwing = await counting({ store: failing, onActivityError: () => { throw new Error('handler broke'); } });
    ok(await throwing.access.openGuestLink({ token: throwing.link.token }));
    // A join is counted by the store's atomic join step itself, not by countActivity.
    ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    expect(store.inspect().activity.map((count) => count.kind)).toEqual(['joined']);
  });

  it('property: for any interleaving of opens, joins, switches and sweeps over days, the counts equal a model of the answers', async () => {
    type Step =
      | { readonly kind: 'open'; readonly link: number }
      | { readonly kind: 'join'; readonly link: number; readonly email: string; readonly name: string }
      | { readonly kind: 'switch'; readonly enabled: boolean };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('open' as const), link: fc.integer({ min: 0, max: 2 }) }),
      fc.record({
        kind: fc.constant('join' as const),
        link: fc.integer({ min: 0, max: 2 }),
        email: fc.constantFrom('ada@example.org', 'bob@example.org', 'cy@example.org', 'eve@elsewhere.net', 'not-an-address'),
        name: fc.constantFrom('Ada', ' '),
      }),
      fc.record({ kind: fc.constant('switch' as const), enabled: fc.boolean() }),
    );
    const day = fc.record({ steps: fc.array(step, { maxLength: 8 }), advance: fc.integer({ min: 0, max: 2 }), sweep: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(day, { minLength: 1, maxLength: 5 }), async (s, days) => {
        const store = createMemoryGuestStore();
        const h = await harness({ options: { store: scheduled(s, store) }, rules: { activityRetentionDays: 2 } });
        ok(await settle(s, h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true })));
        const links = [
          ok(await settle(s, h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Two uses', useLimit: 2 }))),
          ok(await settle(s, h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Example only', allowedDomains: ['example.org'] }))),
        ];
        const tokens = [links[0]!.token, links[1]!.token, `${links[0]!.token.slice(0, -3)}abc`];
        // The model: what each answer says was counted, per link and UTC day.
        const model = new Map<string, number>();
        const add = (link: number, at: number, kind: string) => {
          if (link > 1) return; // a token never signed names no link
          const key = `${links[link]!.id} ${Math.floor(at / DAY)} ${kind}`;
          model.set(key, (model.get(key) ?? 0) + 1);
        };
        let sweptBefore = -Infinity;
        for (const { steps, advance, sweep } of days) {
          const at = h.clock.now();
          await settle(
            s,
            Promise.all(
              steps.map(async (one) => {
                if (one.kind === 'switch') return void (await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: one.enabled }));
                if (one.kind === 'open') {
                  const opened = await h.access.openGuestLink({ token: tokens[one.link]! });
                  add(one.link, at, 'opened');
                  if (!opened.ok) add(one.link, at, opened.code);
                  return;
                }
                const joined = await h.access.joinGuestLink({ token: tokens[one.link]!, name: one.name, email: one.email });
                if (joined.ok && !joined.value.rejoined) add(one.link, at, 'joined');
                if (!joined.ok && !joined.code.startsWith('INVALID_')) add(one.link, at, joined.code);
              }),
            ),
          );
          if (sweep) {
            while (ok(await settle(s, h.access.sweep({ limit: 2 }))).more);
            sweptBefore = Math.floor(at / DAY) - 2 + 1;
          }
          h.clock.advance(advance * DAY);
        }
        // Every count the model holds is stored, on its day, unless a sweep was past it; nothing else is.
        const stored = new Map(store.inspect().activity.map((count) => [`${count.linkId} ${count.day} ${count.kind}`, count.count]));
        const kept = new Map([...model].filter(([key]) => Number(key.split(' ')[1]) >= sweptBefore));
        expect(stored).toEqual(kept);
        // Joins counted (unswept) never exceed the link's uses, and equal them when nothing was swept.
        for (const link of links) {
          const joins = [...model].filter(([key]) => key.startsWith(`${link.id} `) && key.endsWith(' joined')).reduce((sum, [, n]) => sum + n, 0);
          expect(joins).toBe(store.inspect().links.find((l) => l.id === link.id)!.uses);
        }
      }),
      { numRuns: runs(120) },
    );
  });
});
