import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHttpHandler, DEFAULT_HTTP_RATE_LIMITS, HTTP_STATUS, type HttpHandlerOptions } from '../src/http';
import { INVITE_REASON_MESSAGES, type Claimant } from '../src/invites';
import { createGuestLinks, REASON_MESSAGES, type Actor } from '../src/index';
import { createMemoryGuestStore, createMemoryNotifier, createMemoryRateLimiter } from '../src/memory';
import { inviteHarness, moderator, ok, owner, START } from './harness';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';
const BASE = `${ORIGIN}/access-links`;

/** A handler over fresh in-memory adapters; the signed-in user and claimant come from test headers. */
async function world(options: Partial<HttpHandlerOptions> = {}) {
  const h = await inviteHarness();
  const users: Record<string, Actor> = { owner, moderator, stranger: { userId: 'u-stranger' } };
  const claimants: Record<string, Claimant> = {
    alan: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true },
    mallory: { userId: 'u-mallory', email: 'mallory@example.org', emailVerified: true },
    unverified: { userId: 'u-alan2', email: 'alan@example.org', emailVerified: false },
  };
  const handler = createHttpHandler({
    guestLinks: h.access,
    inviteLinks: h.invites,
    authenticate: (request) => users[request.headers.get('x-user') ?? ''] ?? null,
    claimant: (request) => claimants[request.headers.get('x-user') ?? ''] ?? null,
    clientKey: (request) => request.headers.get('x-client'),
    clock: h.clock,
    ...options,
  });
  const jar = new Map<string, string>();
  /** Sends a request as a browser on the site would: same origin, with the cookie jar. */
  const send = async (method: string, path: string, init: { body?: unknown; user?: string; headers?: Record<string, string>; form?: Record<string, string>; jar?: Map<string, string> } = {}) => {
    const cookies = init.jar ?? jar;
    const headers = new Headers(init.headers ?? {});
    const browserHeaders = headers.has('origin') || headers.has('sec-fetch-site') || headers.has('x-no-origin');
    if (!browserHeaders && method !== 'GET') headers.set('origin', ORIGIN);
    if (init.user) headers.set('x-user', init.user);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const response = await handler(new Request(`${BASE}${path}`, { method, headers, ...(body === undefined ? {} : { body }) }));
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/Max-Age=0/.test(line)) cookies.delete(name!);
      else cookies.set(name!, value!);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as Record<string, any>), setCookies: response.headers.getSetCookie() };
  };
  const createLink = async (entryId: string, fields: Record<string, unknown> = {}) => {
    await send('PUT', `/entries/${entryId}/guest-access`, { user: 'owner', body: { enabled: true } });
    const created = await send('POST', `/entries/${entryId}/guest-links`, { user: 'owner', body: { name: 'Guests', ...fields } });
    expect(created.status).toBe(201);
    return created.body as { id: string; token: string; url: string };
  };
  return { ...h, handler, send, jar, createLink };
}

describe('HTTP layer: the status table', () => {
  it('gives every reason code of the library a status, and nothing else', () => {
    const codes = [...Object.keys(REASON_MESSAGES), ...Object.keys(INVITE_REASON_MESSAGES)];
    for (const code of codes) expect(HTTP_STATUS[code as keyof typeof HTTP_STATUS], code).toBeGreaterThanOrEqual(200);
    expect(HTTP_STATUS.GUEST_WAITING).toBe(202);
    expect(HTTP_STATUS.NOT_PERMITTED).toBe(403);
    expect(HTTP_STATUS.SERVICE_UNAVAILABLE).toBe(503);
  });
});

describe('HTTP layer: the guest story', () => {
  it('opens, joins with a form, sets a scoped HttpOnly cookie, and checks it', async () => {
    const w = await world();
    const link = await w.createLink('video-1');
    const landing = await w.send('GET', `/guest-links/${link.token}`);
    expect(landing.status).toBe(200);
    expect(landing.body).toMatchObject({ entry: { id: 'video-1' }, waitingRoom: false });
    expect(landing.headers.get('cache-control')).toBe('no-store');
    expect(landing.headers.get('referrer-policy')).toBe('no-referrer');

    const joined = await w.send('POST', `/guest-links/${link.token}/join`, { form: { name: 'Ada', email: 'ada@example.org', next: '/watch/video-1' } });
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe('/watch/video-1');
    const session = joined.setCookies.find((line) => line.startsWith('__Host-al-guest-'))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    expect(joined.setCookies.some((line) => line.startsWith('__Host-al-device=') && /Max-Age=34560000/.test(line))).toBe(true);

    const checked = await w.send('GET', '/entries/video-1/guest-session');
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ guestName: 'Ada', status: 'admitted', capabilities: ['view'] });
    // A session is for its own entry only.
    expect((await w.send('GET', '/entries/video-2/guest-session')).status).toBe(403);
  });

  it('sets Max-Age from the session lifetime; keeps the cookie while guest access is off, and clears it when a check refuses for good', async () => {
    const h = await inviteHarness();
    const guestLinks = createGuestLinks({
      store: createMemoryGuestStore(),
      directory: h.directory,
      keyRing: h.keyRing,
      clock: h.clock,
      guestLinkUrl: (token) => token,
      rules: { guestSessionSeconds: 3600 },
    });
    const w = await world({ guestLinks });
    const link = await w.createLink('video-1');
    const joined = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Ada', email: 'ada@example.org' } });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ session: { guestName: 'Ada', expiresAt: START + 3_600_000 } });
    const sessionToken = [...w.jar].find(([name]) => name.startsWith('__Host-al-guest-'))![1];
    expect(JSON.stringify(joined.body)).not.toContain(sessionToken); // the token lives in the HttpOnly cookie alone
    expect(joined.setCookies.find((line) => line.startsWith('__Host-al-guest-'))).toMatch(/Max-Age=3600/);

    await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: false } });
    const off = await w.send('GET', '/entries/video-1/guest-session');
    expect(off.status).toBe(403);
    expect(off.body).toMatchObject({ code: 'GUEST_ACCESS_OFF', reasons: [{ code: 'GUEST_ACCESS_OFF' }] });
    // Access may be turned on again (G1): the session's cookie stays, and then the session works.
    expect(off.setCookies.some((line) => line.startsWith('__Host-al-guest-'))).toBe(false);
    await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: true } });
    expect((await w.send('GET', '/entries/video-1/guest-session')).status).toBe(200);
    // A session past its lifetime never comes back: its cookie is cleared.
    h.clock.advance(3_600_001);
    const ended = await w.send('GET', '/entries/video-1/guest-session');
    expect(ended.body).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(ended.setCookies.find((line) => line.startsWith('__Host-al-guest-'))).toMatch(/Max-Age=0/);
    expect([...w.jar.keys()].some((name) => name.startsWith('__Host-al-guest-'))).toBe(false);
  });

  it('answers 202 to a waiting guest until a moderator admits, and keeps the cookie', async () => {
    const w = await world();
    const link = await w.createLink('room-1');
    expect((await w.send('PUT', '/entries/room-1/room-lock', { user: 'moderator', body: { locked: true } })).status).toBe(200);
    const joined = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Grace', email: 'grace@example.org' } });
    expect(joined.body).toMatchObject({ session: { status: 'waiting' } });
    const waiting = await w.send('GET', '/entries/room-1/guest-session');
    expect(waiting.status).toBe(202);
    expect(waiting.body).toMatchObject({ code: 'GUEST_WAITING' });
    expect(waiting.setCookies).toEqual([]);
    const guests = await w.send('GET', '/entries/room-1/guests', { user: 'moderator' });
    const sessionId = (guests.body as { items: { id: string }[] }).items[0]!.id;
    expect((await w.send('POST', `/entries/room-1/guests/${sessionId}/admit`, { user: 'moderator' })).status).toBe(200);
    expect((await w.send('GET', '/entries/room-1/guest-session')).status).toBe(200);
  });

  it('a declined guest keeps the cookie, so that a moderator admitting them after all lets that very browser in', async () => {
    const w = await world();
    const link = await w.createLink('room-1');
    expect((await w.send('PUT', '/entries/room-1/room-lock', { user: 'moderator', body: { locked: true } })).status).toBe(200);
    const joined = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Grace', email: 'grace@example.org' } });
    const sessionId = joined.body!['session'].id as string;
    expect((await w.send('POST', `/entries/room-1/guests/${sessionId}/decline`, { user: 'moderator' })).status).toBe(200);
    const declined = await w.send('GET', '/entries/room-1/guest-session');
    expect([declined.status, declined.body?.['code'], declined.setCookies]).toEqual([403, 'GUEST_DECLINED', []]);
    expect((await w.send('POST', `/entries/room-1/guests/${sessionId}/admit`, { user: 'moderator' })).status).toBe(200);
    const admitted = await w.send('GET', '/entries/room-1/guest-session');
    expect([admitted.status, admitted.body?.['status']]).toEqual([200, 'admitted']);
    // The guest is told when they were let in, never by whom.
    expect(typeof admitted.body?.['decidedAt']).toBe('number');
    expect(admitted.body).not.toHaveProperty('decidedBy');
    const listed = await w.send('GET', '/entries/room-1/guests', { user: 'moderator' });
    expect((listed.body as { items: { decidedAt: number | null }[] }).items[0]!.decidedAt).toBe(admitted.body?.['decidedAt']);
  });

  it('declining the guest refuses the same browser under another address, through its device cookie', async () => {
    const w = await world();
    const link = await w.createLink('room-1');
    const joined = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Eve', email: 'eve@example.org' } });
    const sessionId = joined.body!['session'].id as string;
    expect((await w.send('POST', `/entries/room-1/guests/${sessionId}/decline`, { user: 'owner' })).status).toBe(200);
    const again = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Eve', email: 'someone-else@example.org' } });
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ code: 'GUEST_DECLINED' });
    // Another browser (no device cookie) with another address still gets in.
    const other = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Bob', email: 'bob@example.org' }, jar: new Map() });
    expect(other.status).toBe(201);
  });

  it('answers a refusal with its status and every reason, the field at fault included', async () => {
    const w = await world();
    const link = await w.createLink('video-1');
    const bad = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: ' ', email: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body!['reasons'].map((r: { code: string; path: unknown }) => [r.code, r.path])).toEqual([
      ['INVALID_NAME', ['name']],
      ['INVALID_EMAIL', ['email']],
    ]);
    const forged = await w.send('GET', `/guest-links/${link.token.slice(0, -2)}xx`);
    expect(forged.status).toBe(404);
    expect(forged.body).toMatchObject({ code: 'LINK_INVALID', message: REASON_MESSAGES.LINK_INVALID });
    const form = await w.send('POST', `/guest-links/${link.token}/join`, { form: { name: '', email: 'ada@example.org', next: '/watch/video-1', back: '/g/x?lang=en' } });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/g/x?lang=en&code=INVALID_NAME');
  });

  it('never redirects off the site', async () => {
    const w = await world();
    const link = await w.createLink('video-1');
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '/ok path']) {
      const response = await w.send('POST', `/guest-links/${link.token}/join`, { form: { name: 'Ada', email: 'ada@example.org', next } });
      expect(response.status, next).not.toBe(303);
    }
  });
});

describe('HTTP layer: the owner and moderator routes', () => {
  it('needs a signed-in user, and the user must be allowed', async () => {
    const w = await world();
    const anonymous = await w.send('PUT', '/entries/video-1/guest-access', { body: { enabled: true } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const stranger = await w.send('PUT', '/entries/video-1/guest-access', { user: 'stranger', body: { enabled: true } });
    expect(stranger.status).toBe(403);
    expect(stranger.body).toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('never takes the actor from the body', async () => {
    const w = await world();
    const forged = await w.send('PUT', '/entries/video-1/guest-access', { user: 'stranger', body: { enabled: true, actor: owner } });
    expect(forged.status).toBe(403);
    expect(ok(await w.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).enabled).toBe(false);
  });

  it('creates, lists and deletes links; the cap and a delete answer their codes', async () => {
    const w = await world();
    await w.createLink('video-1');
    await w.createLink('video-1');
    const third = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', form: { name: 'Third', useLimit: '2', durationDays: '' } });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ useLimit: 2, durationDays: null });
    const fourth = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', body: { name: 'Fourth' } });
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: 'GUEST_LINK_CAP_REACHED' });
    const list = await w.send('GET', '/entries/video-1/guest-links', { user: 'owner' });
    expect(list.body!['links']).toHaveLength(3);
    const id = list.body!['links'][0].id as string;
    expect((await w.send('DELETE', `/entries/video-1/guest-links/${id}`, { user: 'owner' })).status).toBe(200);
    expect((await w.send('DELETE', `/entries/video-1/guest-links/${id}`, { user: 'owner' })).status).toBe(404);
  });

  it('answers a link’s activity per UTC day (A1), and refuses bad days with 400', async () => {
    const w = await world();
    const link = await w.createLink('video-1');
    expect((await w.send('GET', `/guest-links/${link.token}`)).status).toBe(200);
    expect((await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Ada', email: 'ada@example.org' } })).status).toBe(201);
    const day = new Date(w.clock.now()).toISOString().slice(0, 10);
    const answer = await w.send('GET', `/entries/video-1/guest-links/${link.id}/activity?from=${day}&to=${day}`, { user: 'owner' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      linkId: link.id,
      from: day,
      to: day,
      days: [{ day, opens: 1, joins: 1, refusals: 0, refusedBy: {} }],
      totals: { opens: 1, joins: 1, refusals: 0, refusedBy: {} },
    });
    expect((await w.send('GET', `/entries/video-1/guest-links/${link.id}/activity`, { user: 'owner' })).body!['days']).toHaveLength(14);
    const listed = await w.send('GET', '/entries/video-1/guest-links', { user: 'owner' });
    expect(listed.body!['links'][0].activity).toEqual({ opens: 1, joins: 1, refusals: 0 });
    // Blank fields of a form: absent, the default days.
    expect((await w.send('GET', `/entries/video-1/guest-links/${link.id}/activity?from=&to=`, { user: 'owner' })).body!['days']).toHaveLength(14);
    expect((await w.send('GET', '/entries/video-1/guests?limit=&cursor=&status=', { user: 'owner' })).body!['items']).toHaveLength(1);
    const bad = await w.send('GET', `/entries/video-1/guest-links/${link.id}/activity?from=2026-02-30`, { user: 'owner' });
    expect([bad.status, bad.body!['code']]).toEqual([400, 'INVALID_DAY_RANGE']);
    expect((await w.send('GET', `/entries/video-1/guest-links/${link.id}/activity`, { user: 'stranger' })).status).toBe(403);
  });

  it('reads entry ids with any character, percent-encoded', async () => {
    const w = await world();
    w.directory.put({ id: 'a/b c?', type: 'video', ownerId: owner.userId, available: true });
    const created = await w.send('PUT', `/entries/${encodeURIComponent('a/b c?')}/guest-access`, { user: 'owner', body: { enabled: true } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ entryId: 'a/b c?', enabled: true });
  });
});

describe('HTTP layer: invites', () => {
  it('reads the addresses of a form separated by commas, semicolons and lines, and by spaces only between addresses', async () => {
    const w = await world();
    const more = await w.send('POST', '/entries/room-1/invites', { user: 'owner', form: { emails: 'not an address; ada@example.org grace@example.org\nkatherine@example.org', role: 'speaker', send: 'false' } });
    expect((more.body as unknown as { status: string; input: string }[]).map((o) => [o.input, o.status])).toEqual([
      ['not an address', 'refused'],
      ['ada@example.org', 'invited'],
      ['grace@example.org', 'invited'],
      ['katherine@example.org', 'invited'],
    ]);
  });

  it('invites, lists, opens, refuses the wrong user and accepts for the right one', async () => {
    const w = await world();
    const sent = await w.send('POST', '/entries/room-1/invites', { user: 'owner', form: { emails: 'alan@example.org, bad, alan@example.org', role: 'speaker' } });
    expect(sent.status).toBe(200);
    expect((sent.body as unknown as { status: string }[]).map((o) => o.status)).toEqual(['invited', 'refused', 'refused']);
    const token = new URL(/https:\S+/.exec(w.mailer.outbox()[0]!.text)![0]).pathname.split('/').pop()!;
    expect((await w.send('GET', `/invites/${token}`)).body).toMatchObject({ role: 'speaker', email: 'alan@example.org' });
    expect((await w.send('POST', `/invites/${token}/accept`)).status).toBe(401);
    const wrong = await w.send('POST', `/invites/${token}/accept`, { user: 'mallory' });
    expect([wrong.status, wrong.body!['code']]).toEqual([403, 'EMAIL_MISMATCH']);
    const unverified = await w.send('POST', `/invites/${token}/accept`, { user: 'unverified' });
    expect([unverified.status, unverified.body!['code']]).toEqual([403, 'EMAIL_NOT_VERIFIED']);
    const accepted = await w.send('POST', `/invites/${token}/accept`, { user: 'alan' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ userId: 'u-alan', role: 'speaker', entryId: 'room-1' });
    const list = await w.send('GET', '/entries/room-1/invites', { user: 'owner' });
    expect((list.body as { items: { state: string }[] }).items.map((i) => i.state)).toEqual(['accepted']);
  });

  it('changes the role, resends and revokes', async () => {
    const w = await world();
    const sent = await w.send('POST', '/entries/room-1/invites', { user: 'owner', body: { emails: ['ada@example.org'], role: 'viewer' } });
    const inviteId = (sent.body as unknown as { invite: { id: string } }[])[0]!.invite.id;
    const changed = await w.send('PATCH', `/entries/room-1/invites/${inviteId}`, { user: 'owner', body: { role: 'speaker' } });
    expect(changed.body).toMatchObject({ role: 'speaker' });
    const tooSoon = await w.send('POST', `/entries/room-1/invites/${inviteId}/resend`, { user: 'owner' });
    expect([tooSoon.status, tooSoon.body!['code']]).toEqual([429, 'RESEND_TOO_SOON']);
    const revoked = await w.send('POST', `/entries/room-1/invites/${inviteId}/revoke`, { user: 'owner' });
    expect(revoked.body).toMatchObject({ state: 'revoked' });
    const again = await w.send('POST', `/entries/room-1/invites/${inviteId}/revoke`, { user: 'owner' });
    expect([again.status, again.body!['code']]).toEqual([409, 'INVITE_NOT_PENDING']);
  });
});

describe('HTTP layer: what it refuses before any operation runs', () => {
  it('refuses a cross-site request, and changes nothing', async () => {
    const w = await world();
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://media.example.org' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: ORIGIN },
      { 'sec-fetch-site': 'none' },
      { 'x-no-origin': '1' },
    ]) {
      const response = await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: true }, headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.body).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    }
    // A page with a no-referrer policy makes the browser send `Origin: null`; Sec-Fetch-Site still says where it came from.
    expect((await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: true }, headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect(ok(await w.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).enabled).toBe(true);
  });

  it('lets trusted origins in, with CORS for them alone', async () => {
    const w = await world({ trustedOrigins: ['https://app.example.org'] });
    const preflight = await w.handler(
      new Request(`${BASE}/entries/video-1/guest-access`, { method: 'OPTIONS', headers: { origin: 'https://app.example.org' } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, PUT');
    const trusted = await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: true }, headers: { origin: 'https://app.example.org' } });
    expect(trusted.status).toBe(200);
    expect(trusted.headers.get('access-control-allow-credentials')).toBe('true');
    const untrusted = await w.handler(new Request(`${BASE}/entries/video-1/guest-access`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }));
    expect(untrusted.status).toBe(403);
    expect(() => createHttpHandler({ guestLinks: w.access, authenticate: () => null, trustedOrigins: ['https://app.example.org/path'] })).toThrow(
      /not an origin/,
    );
  });

  it('refuses bodies that are too large, malformed or of another type', async () => {
    const w = await world({ maxBodyBytes: 1024 });
    const big = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', body: { name: 'x'.repeat(2000) } });
    expect([big.status, big.body!['code']]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // A body without a declared length is counted as it streams.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(200)));
        controller.close();
      },
    });
    const streamed = await w.handler(
      new Request(`${BASE}/entries/video-1/guest-links`, { method: 'POST', headers: { origin: ORIGIN, 'x-user': 'owner', 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    const malformed = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', body: '{"name":' });
    expect([malformed.status, malformed.body!['code']]).toEqual([400, 'MALFORMED_BODY']);
    const list = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', body: '[1]' });
    expect(list.status).toBe(400);
    const plain = await w.handler(
      new Request(`${BASE}/entries/video-1/guest-links`, { method: 'POST', headers: { origin: ORIGIN, 'x-user': 'owner', 'content-type': 'text/plain' }, body: 'name=x' }),
    );
    expect(plain.status).toBe(415);
    const multipart = new FormData();
    multipart.set('name', 'x');
    const multi = await w.handler(new Request(`${BASE}/entries/video-1/guest-links`, { method: 'POST', headers: { origin: ORIGIN, 'x-user': 'owner' }, body: multipart }));
    expect(multi.status).toBe(415);
    expect(w.state().links).toEqual([]);
  });

  it('answers unknown paths 404 and wrong methods 405 with Allow', async () => {
    const w = await world();
    expect((await w.send('GET', '/nothing')).status).toBe(404);
    expect((await w.handler(new Request(`${ORIGIN}/elsewhere`))).status).toBe(404);
    const wrong = await w.send('DELETE', '/entries/video-1/guest-access', { user: 'owner' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT');
    expect((await w.send('GET', '/entries/%E0%A4%A/guests')).status).toBe(404);
  });

  it('answers 503 without internals when a store fails, and tells onError', async () => {
    const errors: unknown[] = [];
    const h = await inviteHarness();
    const broken = { ...createMemoryGuestStore(), updateGuestAccess: () => Promise.reject(new Error('connection refused to db-7.internal:5432')) };
    const guestLinks = createGuestLinks({ store: broken as never, directory: h.directory, keyRing: h.keyRing, guestLinkUrl: (t) => t });
    const w = await world({ guestLinks, onError: (error) => errors.push(error) });
    const response = await w.send('PUT', '/entries/video-1/guest-access', { user: 'owner', body: { enabled: true } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(response.body)).not.toMatch(/db-7|connection/);
    expect(errors).toHaveLength(1);
  });

  it('answers 500 when the host throws, showing nothing of it', async () => {
    const w = await world({
      authenticate: () => {
        throw new Error('secret detail');
      },
      onError: () => {
        throw new Error('the logger is broken too');
      },
    });
    const response = await w.send('GET', '/entries/video-1/guests', { user: 'owner' });
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('secret');
  });
});

describe('HTTP layer: rate limits', () => {
  it('limits joins per link with 429 and Retry-After, and lets the client in after it', async () => {
    const w = await world({ rateLimits: { joinPerLink: { limit: 3, windowSeconds: 60 } } });
    const link = await w.createLink('video-1');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: `G${i}`, email: `g${i}@example.org` }, jar: new Map() });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('20');
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(w.state().sessions).toHaveLength(3);
    w.clock.advance(20_000);
    expect((await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Late', email: 'late@example.org' } })).status).toBe(201);
  });

  it('limits per client across links, only when the host names the client', async () => {
    const w = await world({ rateLimits: { openPerClient: { limit: 2, windowSeconds: 60 } } });
    const a = await w.createLink('video-1');
    const b = await w.createLink('video-2');
    const asClient = (token: string) => w.send('GET', `/guest-links/${token}`, { headers: { 'x-client': '203.0.113.7' } });
    expect([(await asClient(a.token)).status, (await asClient(b.token)).status, (await asClient(a.token)).status]).toEqual([200, 200, 429]);
    expect((await w.send('GET', `/guest-links/${a.token}`, { headers: { 'x-client': '203.0.113.8' } })).status).toBe(200);
  });

  it('limits invite batches per signed-in user', async () => {
    const w = await world({ rateLimits: { invitePerActor: { limit: 1, windowSeconds: 60 } } });
    expect((await w.send('POST', '/entries/room-1/invites', { user: 'owner', body: { emails: ['a@example.org'], role: 'viewer' } })).status).toBe(200);
    expect((await w.send('POST', '/entries/room-1/invites', { user: 'owner', body: { emails: ['b@example.org'], role: 'viewer' } })).status).toBe(429);
    expect(w.store.inspect().length).toBe(1);
  });

  it('turns off with rateLimiter: null, and refuses bad limits at creation', async () => {
    const w = await world({ rateLimiter: null, rateLimits: { joinPerLink: { limit: 1, windowSeconds: 60 } } });
    const link = await w.createLink('video-1');
    for (let i = 0; i < 3; i += 1) {
      expect((await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: `G${i}`, email: `g${i}@example.org` }, jar: new Map() })).status).toBe(201);
    }
    expect(() => createHttpHandler({ guestLinks: w.access, authenticate: () => null, rateLimits: { joinPerLink: { limit: 0, windowSeconds: 60 } } })).toThrow(/rateLimits/);
    expect(DEFAULT_HTTP_RATE_LIMITS.joinPerLink.limit).toBeGreaterThan(5);
  });

  it('keeps no token or client key in a rate-limit key', async () => {
    const keys: string[] = [];
    const inner = createMemoryRateLimiter();
    const w = await world({ rateLimiter: { consume: (limits, now) => (keys.push(...limits.map(({ key }) => key)), inner.consume(limits, now)) } });
    const link = await w.createLink('video-1');
    await w.send('POST', `/guest-links/${link.token}/join`, { body: { name: 'Ada', email: 'ada@example.org' }, headers: { 'x-client': '203.0.113.7' } });
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key).toMatch(/^join:(client|token):[A-Za-z0-9_-]{22}$/);
      expect(key).not.toContain('203.0.113.7');
    }
  });
});

describe('HTTP layer: properties', () => {
  it('for any request, answers JSON with a known code or a success, and never throws', async () => {
    const w = await world();
    const link = await w.createLink('room-1');
    const paths = fc.constantFrom(
      `/guest-links/${link.token}`,
      `/guest-links/${link.token}/join`,
      '/entries/room-1/guest-session',
      '/entries/room-1/guest-access',
      '/entries/room-1/guest-links',
      '/entries/room-1/guests/admit-all',
      '/entries/room-1/invites',
      '/invites/x/accept',
      '/entries/%ZZ/guests',
      '/openapi.json',
    );
    const known = new Set(Object.keys(HTTP_STATUS));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        paths,
        fc.option(fc.constantFrom('owner', 'moderator', 'stranger', 'alan'), { nil: undefined }),
        fc.option(fc.oneof(fc.json(), fc.string(), fc.object().map((value) => JSON.stringify(value))), { nil: undefined }),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
        fc.constantFrom(ORIGIN, 'https://evil.example', null),
        async (method, path, user, body, type, origin) => {
          const headers = new Headers();
          if (user) headers.set('x-user', user);
          if (type) headers.set('content-type', type);
          if (origin) headers.set('origin', origin);
          const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
          const response = await w.handler(new Request(`${BASE}${path}`, { method, headers, ...(hasBody ? { body } : {}) }));
          expect(response.headers.get('cache-control')).toBe('no-store');
          if (response.status >= 400 && method !== 'HEAD') {
            const parsed = JSON.parse(await response.text()) as { code: string; reasons: { code: string }[] };
            expect(known.has(parsed.code), parsed.code).toBe(true);
            expect(parsed.reasons.length).toBeGreaterThan(0);
            expect(response.status).toBe(HTTP_STATUS[parsed.code as keyof typeof HTTP_STATUS]);
          }
          if (origin === 'https://evil.example' && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) expect([403, 404, 405]).toContain(response.status);
        },
      ),
      { numRuns: runs(200) },
    );
    expect(w.state().links).toHaveLength(1);
  });
});

describe('HTTP layer: OpenAPI', () => {
  it('serves a 3.1 document with a body schema from the input schemas', async () => {
    const w = await world();
    const response = await w.send('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body as { openapi: string; paths: Record<string, any> };
    expect(document.openapi).toBe('3.1.0');
    const join = document.paths['/access-links/guest-links/{token}/join'].post;
    expect(join.operationId).toBe('joinGuestLink');
    const body = join.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties).sort()).toEqual(['email', 'name', 'passcode', 'proof']);
    expect(body.required.sort()).toEqual(['email', 'name']);
    const create = document.paths['/access-links/entries/{entryId}/guest-links'].post.requestBody.content['application/json'].schema;
    expect(create.properties.useLimit).toBeDefined();
    expect(create.properties.actor).toBeUndefined();
    expect(Object.keys(document.paths)).toHaveLength(25);
  });

  it('is the reviewed document, word for word: a change to it is made on purpose (vitest -u)', async () => {
    const w = await world({ notifier: createMemoryNotifier() });
    const response = await w.send('GET', '/openapi.json');
    await expect(`${JSON.stringify(response.body, null, 2)}\n`).toMatchFileSnapshot('./fixtures/openapi.json');
  });
});

describe('HTTP layer: pages without script', () => {
  it('reads PUT, PATCH and DELETE from a form post, and redirects back', async () => {
    const w = await world();
    const on = await w.send('POST', '/entries/video-1/guest-access', { user: 'owner', form: { _method: 'PUT', enabled: 'true', next: '/manage/video-1' } });
    expect([on.status, on.headers.get('location')]).toEqual([303, '/manage/video-1']);
    const created = await w.send('POST', '/entries/video-1/guest-links', { user: 'owner', form: { name: 'Speakers', useLimit: '', durationDays: '7', next: '/manage/video-1' } });
    expect(created.status).toBe(303);
    const [link] = ok(await w.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links;
    expect(link).toMatchObject({ name: 'Speakers', useLimit: null, durationDays: 7 });
    const deleted = await w.send('POST', `/entries/video-1/guest-links/${link!.id}`, { user: 'owner', form: { _method: 'delete', next: '/manage/video-1' } });
    expect(deleted.status).toBe(303);
    expect(ok(await w.access.listGuestLinks({ actor: owner, entryId: 'video-1' })).links).toEqual([]);
    // A JSON body cannot change its method.
    const json = await w.send('POST', '/entries/video-1/guest-access', { user: 'owner', body: { _method: 'PUT', enabled: false } });
    expect(json.status).toBe(405);
  });
});
