/**
 * The event streams of the HTTP layer: a waiting guest's session and a moderator's lobby,
 * pushed through a notifier, made up for by heartbeats, bounded per entry, and let go when the
 * client goes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpHandler, toNodeHandler, type HttpHandlerOptions } from '../src/http';
import type { Notifier } from '../src/index';
import { createMemoryNotifier, type MemoryNotifier } from '../src/memory';
import { harness, moderator, ok, owner } from './harness';

const ORIGIN = 'https://media.example.org';
const users: Record<string, { userId: string }> = { owner, moderator, stranger: { userId: 'u-stranger' } };

async function world(options: Partial<HttpHandlerOptions> & { notifier?: Notifier | undefined } = {}, publishTo: Notifier | null = null) {
  const notifier = 'notifier' in options ? options.notifier : createMemoryNotifier();
  const events = publishTo ?? notifier;
  const h = await harness({ options: events === undefined ? {} : { notifier: events } });
  let signedIn = true;
  const handler = createHttpHandler({
    guestLinks: h.access,
    authenticate: (request) => (signedIn ? (users[request.headers.get('x-user') ?? ''] ?? null) : null),
    clock: h.clock,
    rateLimiter: null,
    ...options,
    notifier,
  });
  const send = (path: string, init: { method?: string; user?: string; cookie?: string; json?: unknown; signal?: AbortSignal } = {}) => {
    const headers = new Headers({ origin: ORIGIN });
    if (init.user !== undefined) headers.set('x-user', init.user);
    if (init.cookie !== undefined) headers.set('cookie', init.cookie);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return handler(
      new Request(`${ORIGIN}/access-links${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      }),
    );
  };
  /** A guest who joined the locked room and waits: the session cookie and the session id. */
  const waitingGuest = async (n = 1) => {
    await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
    await h.access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true });
    const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Doors', useLimit: null }));
    const token = link.url.split('/').pop()!;
    const joined = await send(`/guest-links/${token}/join`, { method: 'POST', json: { name: `Guest ${n}`, email: `guest${n}@example.org` } });
    expect(joined.status).toBe(201);
    const cookie = joined.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
    const { session } = (await joined.json()) as { session: { id: string; status: string; linkId: string } };
    expect(session.status).toBe('waiting');
    return { cookie, sessionId: session.id, linkId: session.linkId };
  };
  return { ...h, handler, send, waitingGuest, notifier, signOut: () => (signedIn = false) };
}

/** Reads a stream's events as they come: `next()` answers the next event (comments kept as `comment`), or `end`. */
function events(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async (ms = 3000): Promise<{ event: string; data: unknown } | 'end'> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const split = buffer.indexOf('\n\n');
      if (split >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        if (block.startsWith('retry:')) continue;
        if (block.startsWith(':')) return { event: 'comment', data: null };
        const lines = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
        return { event: lines['event']!, data: JSON.parse(lines['data']!) };
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${ms} ms`);
      const read = await Promise.race([reader.read(), new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), left))]);
      if (read === 'late') continue;
      if (read.done) return 'end';
      buffer += read.value;
    }
  };
  return { next, cancel: () => reader.cancel() };
}

describe('HTTP layer: event streams', () => {
  it('are not served without a notifier, and not in the document', async () => {
    const w = await world({ notifier: undefined });
    expect((await w.send('/entries/room-1/guest-session/events')).status).toBe(404);
    expect((await w.send('/entries/room-1/guests/events', { user: 'owner' })).status).toBe(404);
    const paths = Object.keys((await w.handler.openApi()).paths);
    expect(paths.filter((path) => path.endsWith('/events'))).toEqual([]);
    const streaming = await world();
    expect(Object.keys((await streaming.handler.openApi()).paths).filter((path) => path.endsWith('/events'))).toEqual([
      '/access-links/entries/{entryId}/guest-session/events',
      '/access-links/entries/{entryId}/guests/events',
    ]);
  });

  it("tell a waiting guest at once that a moderator admitted them, as GET …/guest-session would, then end", async () => {
    const w = await world();
    const { cookie, sessionId } = await w.waitingGuest();
    const response = await w.send('/entries/room-1/guest-session/events', { cookie });
    expect([response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([200, 'text/event-stream; charset=utf-8', 'no-store']);
    const stream = events(response);
    const first = await stream.next();
    expect(first).toMatchObject({ event: 'check', data: { status: 202, body: { code: 'GUEST_WAITING' } } });
    ok(await w.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId }));
    const admitted = await stream.next();
    const plain = await w.send('/entries/room-1/guest-session', { cookie });
    expect(admitted).toEqual({ event: 'check', data: { status: 200, body: await plain.json() } });
    expect(await stream.next()).toBe('end');
    expect((w.notifier as MemoryNotifier).listeners()).toBe(0);
  });

  it('tell a waiting guest they were declined and stay open, then that a moderator admitted them after all, and end', async () => {
    const w = await world();
    const { cookie, sessionId } = await w.waitingGuest();
    const stream = events(await w.send('/entries/room-1/guest-session/events', { cookie }));
    expect(await stream.next()).toMatchObject({ data: { status: 202 } });
    ok(await w.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId }));
    expect(await stream.next()).toMatchObject({ event: 'check', data: { status: 403, body: { code: 'GUEST_DECLINED' } } });
    // A declined guest's page opened later follows the same stream.
    const later = events(await w.send('/entries/room-1/guest-session/events', { cookie }));
    expect(await later.next()).toMatchObject({ event: 'check', data: { status: 403, body: { code: 'GUEST_DECLINED' } } });
    ok(await w.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId }));
    for (const watching of [stream, later]) {
      expect(await watching.next()).toMatchObject({ event: 'check', data: { status: 200, body: { status: 'admitted' } } });
      expect(await watching.next()).toBe('end');
    }
    expect((w.notifier as MemoryNotifier).listeners()).toBe(0);
  });

  it('tell a guest with no session that it is not valid, and end', async () => {
    const w = await world();

    const nobody = await w.send('/entries/room-1/guest-session/events');
    expect(nobody.status).toBe(200);
    const lone = events(nobody);
    expect(await lone.next()).toMatchObject({ event: 'check', data: { status: 403, body: { code: 'SESSION_INVALID' } } });
    expect(await lone.next()).toBe('end');
  });

  it('send nothing for a notice that changes nothing the guest sees; stay open while guest access is off, and end when the link goes', async () => {
    const w = await world();
    const { cookie, linkId } = await w.waitingGuest(1);
    const stream = events(await w.send('/entries/room-1/guest-session/events', { cookie }));
    expect(await stream.next()).toMatchObject({ data: { status: 202 } });
    const other = await w.waitingGuest(2); // joins, and a new link is made: notices of the entry
    ok(await w.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId: other.sessionId }));
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }));
    expect(await stream.next()).toMatchObject({ event: 'check', data: { status: 403, body: { code: 'GUEST_ACCESS_OFF' } } });
    // The owner may turn it on again: the stream stays open, and the guest waits again.
    ok(await w.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    expect(await stream.next()).toMatchObject({ event: 'check', data: { status: 202, body: { code: 'GUEST_WAITING' } } });
    // Its link deleted, the session can never let the guest in: the last answer, and the end.
    ok(await w.access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId }));
    expect(await stream.next()).toMatchObject({ event: 'check', data: { status: 404, body: { code: 'LINK_INVALID' } } });
    expect(await stream.next()).toBe('end');
  });

  it('make up for a notice that never came on the next heartbeat, and keep the connection alive with comments', async () => {
    // The services publish to a sink the handler does not listen to: only heartbeats can tell.
    const deaf = createMemoryNotifier();
    const w = await world({ heartbeatSeconds: 1, notifier: createMemoryNotifier() }, deaf);
    const { cookie, sessionId } = await w.waitingGuest();
    const stream = events(await w.send('/entries/room-1/guest-session/events', { cookie }));
    expect(await stream.next()).toMatchObject({ data: { status: 202 } });
    expect(await stream.next(2500)).toEqual({ event: 'comment', data: null });
    ok(await w.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId }));
    let seen = await stream.next(2500);
    if (seen !== 'end' && seen.event === 'comment') seen = await stream.next(2500);
    expect(seen).toMatchObject({ event: 'check', data: { status: 200 } });
  });

  it('are bounded per entry: one more answers 503 TOO_MANY_STREAMS with Retry-After, and a place comes back when a client goes', async () => {
    const w = await world({ maxStreamsPerEntry: 2 });
    const { cookie } = await w.waitingGuest();
    const first = events(await w.send('/entries/room-1/guest-session/events', { cookie }));
    const lobby = events(await w.send('/entries/room-1/guests/events', { user: 'moderator' }));
    const full = await w.send('/entries/room-1/guest-session/events', { cookie });
    expect([full.status, full.headers.get('retry-after'), ((await full.json()) as { code: string }).code]).toEqual([503, '25', 'TOO_MANY_STREAMS']);
    // Another entry has places of its own.
    expect((await w.send('/entries/video-1/guest-session/events')).status).toBe(200);
    await first.cancel();
    const again = await w.send('/entries/room-1/guest-session/events', { cookie });
    expect(again.status).toBe(200);
    await events(again).cancel();
    // A HEAD holds no place.
    for (let i = 0; i < 3; i += 1) expect((await w.send('/entries/room-1/guest-session/events', { method: 'HEAD', cookie })).status).toBe(200);
    await lobby.cancel();
    // An aborted request gives its place back too.
    const abort = new AbortController();
    const aborted = await w.send('/entries/room-1/guest-session/events', { cookie, signal: abort.signal });
    expect(aborted.status).toBe(200);
    const held = await w.send('/entries/room-1/guest-session/events', { cookie });
    expect((await w.send('/entries/room-1/guest-session/events', { cookie })).status).toBe(503);
    abort.abort();
    expect((await w.send('/entries/room-1/guest-session/events', { cookie })).status).toBe(200);
    await held.body?.cancel();
  });

  it("push the lobby each change of the entry's guests, to its managers and moderators only, while they still may", async () => {
    const w = await world({ heartbeatSeconds: 1 });
    expect((await w.send('/entries/room-1/guests/events')).status).toBe(401);
    const refused = await w.send('/entries/room-1/guests/events', { user: 'stranger' });
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'NOT_PERMITTED']);
    const response = await w.send('/entries/room-1/guests/events', { user: 'moderator' });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const lobby = events(response);
    const { sessionId } = await w.waitingGuest();
    const seen: { type: string; subjectId: string }[] = [];
    for (;;) {
      const next = await lobby.next();
      if (next === 'end') throw new Error('the lobby ended');
      if (next.event === 'comment') continue;
      expect(next.event).toBe('change');
      expect(Object.keys(next.data as object).sort()).toEqual(['at', 'subjectId', 'type']);
      seen.push(next.data as { type: string; subjectId: string });
      if ((next.data as { type: string }).type === 'guest.joined') break;
    }
    expect(seen.map((notice) => notice.type)).toEqual(['guest_access.changed', 'room_lock.changed', 'guest_link.created', 'guest.joined']);
    expect(seen.at(-1)!.subjectId).toBe(sessionId);
    // Signed out: the next heartbeat ends the stream.
    w.signOut();
    let next = await lobby.next(2500);
    while (next !== 'end' && next.event === 'comment') next = await lobby.next(2500);
    expect(next).toBe('end');
  });

  it('are let go when a Node client goes, through toNodeHandler', async () => {
    const w = await world({ maxStreamsPerEntry: 1 });
    const { cookie } = await w.waitingGuest();
    const server: Server = createServer(toNodeHandler(w.handler, { origin: ORIGIN }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/access-links/entries/room-1/guest-session/events`;
      const abort = new AbortController();
      const first = await fetch(url, { headers: { cookie }, signal: abort.signal });
      const reader = events(first);
      expect(await reader.next()).toMatchObject({ data: { status: 202 } });
      expect((await fetch(url, { headers: { cookie } })).status).toBe(503);
      abort.abort();
      let status = 503;
      for (let i = 0; i < 50 && status === 503; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const again = await fetch(url, { headers: { cookie } });
        status = again.status;
        await again.body?.cancel();
      }
      expect(status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuse options they cannot work with', async () => {
    const w = await world();
    const base = { guestLinks: w.access, authenticate: () => null };
    expect(() => createHttpHandler({ ...base, notifier: { publish: async () => {} } as never })).toThrow(/notifier must have publish and subscribe/);
    for (const maxStreamsPerEntry of [0, 1.5, -1]) expect(() => createHttpHandler({ ...base, maxStreamsPerEntry })).toThrow(/maxStreamsPerEntry/);
    for (const heartbeatSeconds of [0, 301, Number.NaN, '5' as never]) expect(() => createHttpHandler({ ...base, heartbeatSeconds })).toThrow(/heartbeatSeconds/);
  });
});


describe('HTTP layer: a guest stream under any interleaving', () => {
  it('ends on an answer nobody can change, or, still open, shows what GET …/guest-session answers at the end; never the same thing twice in a row', async () => {
    const { default: fc } = await import('fast-check');
    const { createMemoryEntryDirectory, createMemoryGuestStore } = await import('../src/memory');
    const { entries } = await import('./harness');
    const { runs } = await import('./support/runs');
    type Move = 'admit' | 'decline' | 'off' | 'on' | 'unlock';
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.constantFrom<Move>('admit', 'decline', 'off', 'on', 'unlock'), { minLength: 1, maxLength: 4 }), async (s, moves) => {
        let racing = false;
        // The store's and the directory's calls are ordered by the scheduler once the race starts.
        const raced = <T extends object>(port: T): T =>
          new Proxy(port, {
            get(target, key, receiver) {
              const value = Reflect.get(target, key, receiver) as unknown;
              if (typeof value !== 'function') return value;
              return (...args: unknown[]) => (racing ? s.schedule(Promise.resolve(), String(key)).then(() => value.apply(target, args)) : value.apply(target, args));
            },
          });
        const store = raced(createMemoryGuestStore());
        const directory = raced(createMemoryEntryDirectory({ entries }));
        const notifier = createMemoryNotifier();
        const h = await harness({ options: { store, directory, notifier } });
        const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => null, clock: h.clock, rateLimiter: null, notifier });
        ok(await h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
        ok(await h.access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
        const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'Doors', useLimit: null }));
        const joined = ok(await h.access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
        const cookies = (await import('../src/adapters/http/cookies')).createGuestCookies({ path: '/', secure: true });
        const header = `${await cookies.sessionName('room-1')}=${joined.token}`;
        const get = (path: string) => handler(new Request(`${ORIGIN}/access-links/entries/room-1/${path}`, { headers: { cookie: header } }));
        const response = await get('guest-session/events');
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        const seen: { status: number; body: unknown }[] = [];
        let ended = false;
        let text = '';
        const reading = (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return void (ended = true);
            text += value;
            for (let split = text.indexOf('\n\n'); split >= 0; split = text.indexOf('\n\n')) {
              const block = text.slice(0, split);
              text = text.slice(split + 2);
              const data = block.split('\n').find((line) => line.startsWith('data: '));
              if (data !== undefined) seen.push(JSON.parse(data.slice(6)));
            }
          }
        })();
        racing = true;
        const sessionId = joined.session.id;
        const run: Record<Move, () => Promise<unknown>> = {
          admit: () => h.access.admitGuest({ actor: moderator, entryId: 'room-1', sessionId }),
          decline: () => h.access.declineGuest({ actor: moderator, entryId: 'room-1', sessionId }),
          off: () => h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: false }),
          on: () => h.access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }),
          unlock: () => h.access.setRoomLock({ actor: owner, entryId: 'room-1', locked: false }),
        };
        const all = Promise.all(moves.map((move) => run[move]()));
        // Release every scheduled store call, the stream's looks included, until nothing waits.
        for (let quiet = 0; quiet < 5; ) {
          await new Promise((resolve) => setImmediate(resolve));
          if (s.count() > 0) {
            quiet = 0;
            await s.waitOne();
          } else quiet += 1;
        }
        await all;
        racing = false;
        const final = await get('guest-session');
        const now = { status: final.status, body: await final.json() };
        const open = !ended;
        if (open) await reader.cancel();
        await reading;
        expect(seen.length).toBeGreaterThan(0);
        expect(seen[0]!.status).toBe(202);
        for (let i = 1; i < seen.length; i += 1) expect(JSON.stringify(seen[i])).not.toBe(JSON.stringify(seen[i - 1]));
        // Every event but the last is an answer a moderator or an owner can still change (waiting,
        // declined, guest access off); the stream ends exactly after one that cannot change.
        const changeable = (event: { status: number; body: unknown }) =>
          event.status === 202 || (event.status === 403 && ['GUEST_DECLINED', 'GUEST_ACCESS_OFF'].includes((event.body as { code: string }).code));
        expect(seen.slice(0, -1).every(changeable)).toBe(true);
        if (!open) expect(changeable(seen.at(-1)!)).toBe(false);
        else expect(seen.at(-1)).toEqual(now);
      }),
      { numRuns: runs(200) },
    );
  });
});
