/**
 * Model-based test: for any sequence of operations (create, delete, switch on/off, open, join,
 * check, list, advance the clock), the library agrees with a simple model of rules G1–G9.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, harness, owner } from './harness';
import { runs } from './support/runs';

const ENTRY = 'video-1';
const CAP = 3;

interface ModelLink {
  id: string;
  token: string;
  useLimit: number | null;
  uses: number;
  expiresAt: number | null;
  deleted: boolean;
}
interface Model {
  now: number;
  enabled: boolean;
  links: ModelLink[];
  sessions: { token: string; link: ModelLink }[];
}
type Real = Awaited<ReturnType<typeof harness>>;

const expired = (m: Model, l: ModelLink) => l.expiresAt !== null && m.now >= l.expiresAt;
const usedUp = (l: ModelLink) => l.useLimit !== null && l.uses >= l.useLimit;
const live = (m: Model) => m.links.filter((l) => !l.deleted);

/** What a new guest should be told at a link, per the model: null when welcome. */
function guestVerdict(m: Model, l: ModelLink): string | null {
  if (l.deleted) return 'LINK_INVALID';
  if (!m.enabled) return 'GUEST_ACCESS_OFF';
  if (expired(m, l) || usedUp(l)) return 'LINK_INVALID';
  return null;
}

function expectVerdict(result: { ok: boolean; code?: string }, verdict: string | null) {
  if (verdict === null) expect(result).toMatchObject({ ok: true });
  else expect(result).toMatchObject({ ok: false, code: verdict });
}

class Toggle implements fc.AsyncCommand<Model, Real> {
  constructor(readonly on: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.access.setGuestAccess({ actor: owner, entryId: ENTRY, enabled: this.on });
    expect(result.ok).toBe(true);
    m.enabled = this.on;
  }
  toString = () => `toggle(${this.on})`;
}

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(readonly useLimit: number | null, readonly durationDays: number | null) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.access.createGuestLink({
      actor: owner,
      entryId: ENTRY,
      name: 'Link',
      useLimit: this.useLimit,
      durationDays: this.durationDays,
    });
    if (!m.enabled) return expectVerdict(result, 'GUEST_ACCESS_OFF');
    if (live(m).length >= CAP) return expectVerdict(result, 'GUEST_LINK_CAP_REACHED');
    if (!result.ok) throw new Error(`create refused: ${result.code}`);
    const { id, token, expiresAt } = result.value;
    expect(expiresAt).toBe(this.durationDays === null ? null : m.now + this.durationDays * DAY);
    m.links.push({ id, token, useLimit: this.useLimit, uses: 0, expiresAt, deleted: false });
  }
  toString = () => `create(limit=${this.useLimit}, days=${this.durationDays})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.links.length > 0;
  async run(m: Model, r: Real) {
    const link = m.links[this.pick % m.links.length]!;
    const result = await r.access.deleteGuestLink({ actor: owner, entryId: ENTRY, linkId: link.id });
    expectVerdict(result, link.deleted ? 'LINK_NOT_FOUND' : null);
    link.deleted = true;
  }
  toString = () => `delete(#${this.pick})`;
}

class Open implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.links.length > 0;
  async run(m: Model, r: Real) {
    const link = m.links[this.pick % m.links.length]!;
    expectVerdict(await r.access.openGuestLink({ token: link.token }), guestVerdict(m, link));
  }
  toString = () => `open(#${this.pick})`;
}

class Join implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.links.length > 0;
  async run(m: Model, r: Real) {
    const link = m.links[this.pick % m.links.length]!;
    const verdict = guestVerdict(m, link);
    const result = await r.access.joinGuestLink({ token: link.token, name: 'Guest', email: `g${m.sessions.length}@example.org` });
    expectVerdict(result, verdict);
    if (result.ok) {
      link.uses += 1;
      m.sessions.push({ token: result.value.token, link });
    }
  }
  toString = () => `join(#${this.pick})`;
}

class Check implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.sessions.length > 0;
  async run(m: Model, r: Real) {
    const { token, link } = m.sessions[this.pick % m.sessions.length]!;
    // G9: access off, deleted or expired ends the session; used up does not.
    const verdict = !m.enabled ? 'GUEST_ACCESS_OFF' : link.deleted || expired(m, link) ? 'LINK_INVALID' : null;
    expectVerdict(await r.access.checkGuestSession({ token, entryId: ENTRY }), verdict);
    // G8: never valid for another entry.
    expectVerdict(await r.access.checkGuestSession({ token, entryId: 'video-2' }), 'SESSION_INVALID');
  }
  toString = () => `check(#${this.pick})`;
}

class List implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const result = await r.access.listGuestLinks({ actor: owner, entryId: ENTRY });
    if (!result.ok) throw new Error(result.code);
    const expected = live(m).map((l) => ({
      id: l.id,
      uses: l.uses,
      state: expired(m, l) ? 'expired' : usedUp(l) ? 'used_up' : m.enabled ? 'active' : 'inactive',
    }));
    expect(result.value.links.map(({ id, uses, state }) => ({ id, uses, state }))).toEqual(expected);
    expect(result.value.canCreate).toBe(m.enabled && live(m).length < CAP);
  }
  toString = () => 'list';
}

class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.clock.advance(this.ms);
    m.now += this.ms;
  }
  toString = () => `advance(${this.ms})`;
}

const pick = fc.nat({ max: 20 });
const commands = [
  fc.boolean().map((on) => new Toggle(on)),
  fc.constant(new Toggle(true)),
  fc
    .tuple(fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }))
    .map(([limit, days]) => new Create(limit, days)),
  pick.map((p) => new Delete(p)),
  pick.map((p) => new Open(p)),
  pick.map((p) => new Join(p)),
  pick.map((p) => new Join(p)),
  pick.map((p) => new Check(p)),
  fc.constant(new List()),
  // Small steps and whole days, with the exact expiry boundary reachable.
  fc.oneof(fc.constantFrom(1, DAY - 1, DAY), fc.integer({ min: 1, max: 2 * DAY })).map((ms) => new Advance(ms)),
];

describe('the library agrees with the model of the rules', () => {
  it('for any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: 'max' }), async (cmds) => {
        const real = await harness();
        const model: Model = { now: real.clock.now(), enabled: false, links: [], sessions: [] };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: runs(200) },
    );
  });
});
