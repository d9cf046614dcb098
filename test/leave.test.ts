/**
 * A guest leaves (G10's lobby, as the seeds say: guests "remain connected until they refresh or
 * leave"): the session ends as `left`, the lobby lists the guest as gone, the link keeps the use
 * the join spent (G1), and a declined guest stays the moderator's to admit after all.
 */
import { describe, expect, it } from 'vitest';
import { createHttpHandler } from '../src/http';
import type { AccessEvent, GuestStore } from '../src/index';
import { createMemoryGuestStore, createMemoryNotifier } from '../src/memory';
import { harness, linkOn, moderator, ok, owner, writtenEvents } from './harness';

const ORIGIN = 'https://media.example.org';

async function lockedRoom(options: Parameters<typeof harness>[0] = {}) {
  const h = await harness(options);
  const link = await linkOn(h.access, 'room-1', {});
  ok(await h.access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
  return { ...h, link };
}

describe('a guest leaves', () => {
  it('a waiting or admitted guest leaves: listed as left, the use kept, the token no longer a session, guest.left told', async () => {
    const h = await lockedRoom({ options: { outbox: true } });
    const events = { at: (index: number): AccessEvent | undefined => writtenEvents(h.store).events().at(index) };
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    const bob = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Bob', email: 'bob@example.org' }));
    ok(await h.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: bob.session.id }));

    h.clock.advance(60_000);
    const left = ok(await h.access.leaveGuestSession({ token: ada.token, entryId: 'room-1' }));
    expect([left.id, left.status, left.guestName, left.decidedAt]).toEqual([ada.session.id, 'left', 'Ada', h.clock.now()]);
    expect(events.at(-1)).toMatchObject({ type: 'guest.left', entryId: 'room-1', actorId: null, subjectId: ada.session.id, detail: { previousStatus: 'waiting' } });
    expect(ok(await h.access.leaveGuestSession({ token: bob.token, entryId: 'room-1' })).status).toBe('left');

    const lobby = ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1' })).items;
    expect(lobby.map((guest) => [guest.guestName, guest.status])).toEqual([['Ada', 'left'], ['Bob', 'left']]);
    expect(ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1', status: 'waiting' })).items).toEqual([]);
    expect(ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1', status: 'left' })).items).toHaveLength(2);
    expect(ok(await h.access.listGuestLinks({ actor: owner, entryId: 'room-1' })).links[0]!.uses).toBe(2);
    for (const token of [ada.token, bob.token]) {
      // The link still works: the token of a session that was left is no session, not a dead link.
      expect(await h.access.checkGuestSession({ token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'SESSION_INVALID', reasons: [{ code: 'SESSION_INVALID' }] });
      expect(await h.access.leaveGuestSession({ token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
    }
    // The session is over: a moderator can neither let in nor decline a guest who left, and a
    // decline of the same address later (a new session) leaves it as it is.
    for (const move of ['admitGuest', 'declineGuest'] as const) {
      expect(await h.access[move]({ actor: moderator, entryId: 'room-1', sessionId: bob.session.id })).toMatchObject({ ok: false, code: 'SESSION_CHANGED' });
    }
    const bobAgain = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Bob', email: 'bob@example.org' }));
    ok(await h.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: bobAgain.session.id }));
    expect(ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1', status: 'left' })).items.map((guest) => guest.id)).toEqual([ada.session.id, bob.session.id]);
    expect(await h.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: bob.session.id })).toMatchObject({ ok: false, code: 'SESSION_CHANGED' });
    expect(await h.access.checkGuestSession({ token: bob.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
    // Coming back through the link is a new join, which spends a use (G1), and waits again.
    const again = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org', sessionTokens: [ada.token] }));
    expect([again.rejoined, again.session.status, again.session.id === ada.session.id]).toEqual([false, 'waiting', false]);
  });

  it('a sweep changes no answer of a session that was left: the same code before and after, from its token alone', async () => {
    const h = await lockedRoom();
    const gone = await linkOn(h.access, 'room-1', { name: 'Gone' });
    const expiring = await linkOn(h.access, 'room-1', { name: 'Short', durationDays: 1 });
    const tokens: string[] = [];
    for (const link of [h.link, gone, expiring]) {
      const joined = ok(await h.access.joinGuestLink({ token: link.token, name: 'Ada', email: `ada.${link.name.toLowerCase()}@example.org` }));
      ok(await h.access.leaveGuestSession({ token: joined.token, entryId: 'room-1' }));
      tokens.push(joined.token);
    }
    ok(await h.access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: gone.id }));
    h.clock.advance(42 * 86_400_000);
    const answers = async () => Promise.all(tokens.map(async (token) => {
      const checked = await h.access.checkGuestSession({ token, entryId: 'room-1' });
      return checked.ok ? 'ok' : checked.reasons.map((r) => r.code).join(',');
    }));
    const before = await answers();
    expect(before[0]).toBe('SESSION_INVALID'); // its link still works
    expect(ok(await h.access.sweep()).sessions).toBe(2); // the sessions of the deleted and the expired link
    expect(await answers()).toEqual(before);
  });

  it('a declined guest does not leave that way: the session stays for the moderator, who may still admit them', async () => {
    const h = await lockedRoom();
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await h.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id }));
    const before = JSON.stringify(h.state());
    expect(await h.access.leaveGuestSession({ token: ada.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'GUEST_DECLINED' });
    expect(JSON.stringify(h.state())).toBe(before);
    ok(await h.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id }));
    expect(ok(await h.access.checkGuestSession({ token: ada.token, entryId: 'room-1' })).status).toBe('admitted');
  });

  it('needs only the token: a guest leaves after guest access went off and after the link was deleted', async () => {
    const h = await lockedRoom();
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    const bob = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Bob', email: 'bob@example.org' }));
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }));
    ok(await h.access.leaveGuestSession({ token: ada.token, entryId: 'room-1' }));
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    ok(await h.access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: h.link.id }));
    ok(await h.access.leaveGuestSession({ token: bob.token, entryId: 'room-1' }));
    expect(ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1' })).items.map((guest) => guest.status)).toEqual(['left', 'left']);
  });

  it('refuses, changing nothing, a token of another entry, a forged one, and input that is not one', async () => {
    const h = await lockedRoom();
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    const before = JSON.stringify(h.state());
    const forged = `${ada.token.slice(0, -1)}${ada.token.endsWith('A') ? 'E' : 'A'}`;
    for (const input of [{ token: ada.token, entryId: 'video-1' }, { token: forged, entryId: 'room-1' }, { token: '', entryId: 'room-1' }]) {
      expect(await h.access.leaveGuestSession(input)).toMatchObject({ ok: false, code: 'SESSION_INVALID' });
    }
    expect(await h.access.leaveGuestSession({ token: ada.token, entryId: 42 } as never)).toMatchObject({ ok: false, code: 'INVALID_ENTRY_ID' });
    expect(await h.access.leaveGuestSession(null as never)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.stringify(h.state())).toBe(before);
  });

  it('a moderator who moves the guest at the same moment wins or loses whole: SESSION_CHANGED leaves the move in place', async () => {
    const store = createMemoryGuestStore();
    // The moderator's decline lands between the guest's read and the guest's removal.
    let between: (() => Promise<unknown>) | null = null;
    const racing: GuestStore = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'leaveSession') return Reflect.get(target, key, receiver);
        return async (...args: Parameters<GuestStore['leaveSession']>) => {
          await between?.();
          return target.leaveSession(...args);
        };
      },
    });
    const h = await lockedRoom({ options: { store: racing } });
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    between = () => h.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: ada.session.id });
    expect(await h.access.leaveGuestSession({ token: ada.token, entryId: 'room-1' })).toMatchObject({ ok: false, code: 'SESSION_CHANGED' });
    expect((await store.getSession(ada.session.id))?.status).toBe('declined');
  });

  it('a store that fails loses nothing: the answer is STORAGE_FAILED, and over HTTP 503 with the cookie kept', async () => {
    const store = createMemoryGuestStore();
    const failing: GuestStore = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'leaveSession') return async () => { throw new Error('connection reset'); };
        return Reflect.get(target, key, receiver);
      },
    });
    const h = await lockedRoom({ options: { store: failing } });
    const ada = ok(await h.access.joinGuestLink({ token: h.link.token, name: 'Ada', email: 'ada@example.org' }));
    await expect(h.access.leaveGuestSession({ token: ada.token, entryId: 'room-1' })).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect((await store.getSession(ada.session.id))?.status).toBe('waiting');

    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => null, clock: h.clock, rateLimiter: null });
    const joined = await handler(new Request(`${ORIGIN}/access-links/guest-links/${h.link.token}/join`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bob', email: 'bob@example.org' }) }));
    const cookie = joined.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
    const leave = await handler(new Request(`${ORIGIN}/access-links/entries/room-1/guest-session/leave`, { method: 'POST', headers: { origin: ORIGIN, cookie } }));
    expect(leave.status).toBe(503);
    expect(leave.headers.getSetCookie()).toEqual([]);
  });

  it('over HTTP: leave ends the session, clears the cookie, and the lobby stream is told guest.left', async () => {
    const notifier = createMemoryNotifier();
    const h = await lockedRoom({ options: { notifier } });
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: (request) => (request.headers.get('x-user') === 'mod' ? moderator : null), clock: h.clock, rateLimiter: null, notifier });
    const send = (path: string, init: { method?: string; cookie?: string; user?: string; json?: unknown } = {}) =>
      handler(
        new Request(`${ORIGIN}/access-links${path}`, {
          method: init.method ?? 'GET',
          headers: { origin: ORIGIN, ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.user ? { 'x-user': init.user } : {}), ...(init.json ? { 'content-type': 'application/json' } : {}) },
          ...(init.json ? { body: JSON.stringify(init.json) } : {}),
        }),
      );
    const joined = await send(`/guest-links/${h.link.token}/join`, { method: 'POST', json: { name: 'Ada', email: 'ada@example.org' } });
    const cookie = joined.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
    const { session } = (await joined.json()) as { session: { id: string } };

    const lobby = await send('/entries/room-1/guests/events', { user: 'mod' });
    expect(lobby.status).toBe(200);
    const reader = lobby.body!.pipeThrough(new TextDecoderStream()).getReader();
    const left = await send('/entries/room-1/guest-session/leave', { method: 'POST', cookie });
    expect(left.status).toBe(204);
    expect(left.headers.getSetCookie().some((line) => /Max-Age=0/iu.test(line))).toBe(true);
    let text = '';
    while (!text.includes('guest.left')) text += (await reader.read()).value ?? '';
    expect(text).toContain(`"subjectId":"${session.id}"`);
    await reader.cancel();
    expect(ok(await h.access.listGuests({ actor: moderator, entryId: 'room-1' })).items.map((guest) => guest.status)).toEqual(['left']);
    // Without a cookie there is nothing to end: still 204.
    expect((await send('/entries/room-1/guest-session/leave', { method: 'POST' })).status).toBe(204);

    // A declined guest's leave ends nothing: 403 GUEST_DECLINED, and the cookie stays, so that
    // a moderator who admits them after all lets this browser in.
    const grace = await send(`/guest-links/${h.link.token}/join`, { method: 'POST', json: { name: 'Grace', email: 'grace@example.org' } });
    const graceCookie = grace.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
    const { session: graceSession } = (await grace.json()) as { session: { id: string } };
    ok(await h.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId: graceSession.id }));
    const refused = await send('/entries/room-1/guest-session/leave', { method: 'POST', cookie: graceCookie });
    expect([refused.status, ((await refused.json()) as { code: string }).code, refused.headers.getSetCookie()]).toEqual([403, 'GUEST_DECLINED', []]);
    ok(await h.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: graceSession.id }));
    expect((await send('/entries/room-1/guest-session', { cookie: graceCookie })).status).toBe(200);
  });
});
