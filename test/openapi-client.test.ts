// The OpenAPI document of access-links/http, held to what the handler answers: a client made by
// openapi-fetch from the types openapi-typescript generates of the document
// (openapi-types.generated.ts, `npm run openapi`) drives every route of a real handler, and
// every answer — status, headers and body — is checked against the document with ajv.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { GuestAccess, GuestLanding, GuestLinkList, GuestLinkView, GuestSessionView, Page, Reason } from '../src/index';
import { createGuestLinks } from '../src/index';
import { createHttpHandler, type HttpErrorCode, type HttpHandlerOptions } from '../src/http';
import type { Grant, InviteLanding, InviteOutcome, InviteView, ReceivedInvite } from '../src/invites';
import type { ReasonCode } from '../src/domain/reasons';
import { createMemoryGuestStore } from '../src/memory';
import { inviteHarness, moderator, owner } from './harness';
import type { components, paths } from './openapi-types.generated';

const ORIGIN = 'https://media.example.org';

// ---- The generated types are the library's own ------------------------------------------------------
// Both ways: what the library answers fits the document's type, and the document's type promises
// nothing the library does not (a field it always has is required; an enum lists its values).

type Schemas = components['schemas'];
/** A value as JSON carries it: lists of any kind, and no optional field that is `undefined`. */
type Wire<T> = T extends string | number | boolean | null ? T : T extends readonly (infer I)[] ? Wire<I>[] : { [K in keyof T]: Wire<Exclude<T[K], undefined>> };
type Same<A, B> = [A] extends [Wire<B>] ? ([Wire<B>] extends [A] ? true : false) : false;
type Fits<A, B> = [Wire<A>] extends [B] ? true : false;
const sameTypes: [
  Same<Schemas['GuestAccess'], GuestAccess>,
  Same<Schemas['GuestLinkView'], GuestLinkView>,
  Same<Schemas['GuestLanding'], GuestLanding>,
  Same<Schemas['GuestSessionView'], GuestSessionView>,
  Same<Schemas['GuestJoin'], { readonly session: GuestSessionView }>,
  Same<Schemas['GuestSessionList'], readonly GuestSessionView[]>,
  Same<Schemas['GuestSessionPage'], Page<GuestSessionView>>,
  Same<Schemas['DeletedGuestLink'], { readonly linkId: string }>,
  Same<Schemas['InviteView'], InviteView>,
  Same<Schemas['InvitePage'], Page<InviteView>>,
  Same<Schemas['ReceivedInvitePage'], Page<ReceivedInvite>>,
  Same<Schemas['InviteLanding'], InviteLanding>,
  Same<Schemas['Grant'], Grant>,
  Same<Schemas['DeclinedInvite'], { readonly inviteId: string }>,
  Same<Schemas['Code'], ReasonCode | HttpErrorCode>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
// The library's reasons carry its own codes, fewer than the document's, which has the layer's too.
const fittingTypes: [Fits<Reason, Schemas['Reason']>, Fits<GuestLinkList, Schemas['GuestLinkList']>, Fits<readonly InviteOutcome[], Schemas['InviteOutcomeList']>] = [
  true,
  true,
  true,
];

// ---- Checking an answer against the document ---------------------------------------------------------

interface Operation {
  readonly operationId: string;
  readonly responses: Record<string, unknown>;
}
interface ResponseObject {
  readonly headers?: Record<string, unknown>;
  readonly content?: Record<string, { schema: unknown }>;
}
interface HeaderObject {
  readonly required?: boolean;
  readonly schema: unknown;
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: Record<string, Record<string, unknown>>;
}

/** Checks answers against a document: the status is one it lists, and the headers and body are as it says. */
function contract(document: Document) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  const local = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"openapi#/$defs/')) as object;
  ajv.addSchema({ $id: 'openapi', $defs: local(document.components['schemas']) });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: unknown) => {
    let validate = compiled.get(key);
    if (validate === undefined) compiled.set(key, (validate = ajv.compile(local(schema))));
    return validate;
  };
  const resolve = <T>(value: unknown): T => {
    const ref = (value as { $ref?: string }).$ref;
    if (ref === undefined) return value as T;
    const [kind, name] = ref.split('/').slice(2);
    return resolve(document.components[kind!]![name!]);
  };
  // The most specific template first: literal segments before parameters.
  const templates = Object.keys(document.paths)
    .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`), literal: path.replace(/\{[^}]+\}/g, '').length }))
    .sort((a, b) => b.literal - a.literal);
  const answered = new Map<string, Set<number>>();

  const check = async (request: Request, response: Response): Promise<void> => {
    const url = new URL(request.url);
    const method = request.method.toLowerCase();
    const template = templates.find(({ path, pattern }) => pattern.test(url.pathname) && document.paths[path]![method] !== undefined);
    const where = `${request.method} ${url.pathname} → ${response.status}`;
    if (template === undefined) throw new Error(`${where}: the document has no such operation`);
    const operation = document.paths[template.path]![method]!;
    const listed = operation.responses[String(response.status)];
    if (listed === undefined) throw new Error(`${where}: the document lists no ${response.status} for ${operation.operationId}`);
    const documented = resolve<ResponseObject>(listed);
    const headers = Object.fromEntries(Object.entries(documented.headers ?? {}).map(([name, header]) => [name.toLowerCase(), resolve<HeaderObject>(header)]));
    for (const [name, header] of Object.entries(headers)) {
      const value = response.headers.get(name);
      if (value === null && header.required === true) throw new Error(`${where}: no ${name} header, which the document requires`);
      const validate = validator(`${template.path} ${method} ${response.status} ${name}`, header.schema);
      if (value !== null && !validate(value)) throw new Error(`${where}: ${name}: ${value} is not as documented: ${ajv.errorsText(validate.errors)}`);
    }
    for (const name of ['set-cookie', 'retry-after', 'location']) {
      if (response.headers.has(name) && headers[name] === undefined) throw new Error(`${where}: a ${name} header the document does not mention`);
    }
    const text = await response.clone().text();
    const json = documented.content?.['application/json'];
    if (json === undefined) {
      if (text !== '') throw new Error(`${where}: a body the document does not mention: ${text}`);
    } else {
      if (!/^application\/json\b/.test(response.headers.get('content-type') ?? '')) throw new Error(`${where}: not JSON`);
      const validate = validator(`${template.path} ${method} ${response.status}`, json.schema);
      if (!validate(JSON.parse(text))) throw new Error(`${where}: the body is not as documented: ${ajv.errorsText(validate.errors)}\n${text}`);
    }
    const statuses = answered.get(operation.operationId) ?? new Set<number>();
    answered.set(operation.operationId, statuses.add(response.status));
  };
  return { check, answered };
}

// ---- A handler, and a client generated from the document ---------------------------------------------

/** A real handler over in-memory adapters; the signed-in user comes from an `x-user` header. */
async function world(options: Partial<HttpHandlerOptions> = {}) {
  const h = await inviteHarness();
  const users: Record<string, { userId: string }> = { owner, moderator };
  const claimants: Record<string, { userId: string; email: string; emailVerified: boolean }> = {
    alan: { userId: 'u-alan', email: 'alan@example.org', emailVerified: true },
    bea: { userId: 'u-bea', email: 'bea@example.org', emailVerified: true },
  };
  const handler = createHttpHandler({
    guestLinks: h.access,
    inviteLinks: h.invites,
    authenticate: (request) => users[request.headers.get('x-user') ?? ''] ?? null,
    claimant: (request) => claimants[request.headers.get('x-user') ?? ''] ?? null,
    clock: h.clock,
    ...options,
  });
  return { ...h, handler };
}

/**
 * A client of the generated types whose `fetch` is the handler itself, sending as a browser on
 * the site would (its own origin, a cookie jar), and checking every answer against `document`.
 */
function clientOf(handler: (request: Request) => Promise<Response>, check: (request: Request, response: Response) => Promise<void>) {
  const jar = new Map<string, string>();
  const client = createClient<paths>({
    baseUrl: ORIGIN,
    fetch: async (request) => {
      const headers = new Headers(request.headers);
      if (request.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
      if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
      const sent = new Request(request, { headers });
      const response = await handler(sent.clone());
      await check(sent, response);
      for (const line of response.headers.getSetCookie()) {
        const [name, value] = line.split(';')[0]!.split('=') as [string, string];
        if (/Max-Age=0/.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  });
  return { client, jar };
}

const as = (user: string) => ({ 'x-user': user });
const form = {
  bodySerializer: (body: unknown) => new URLSearchParams(body as Record<string, string>).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
};

describe('the OpenAPI document, against the handler through a generated client', () => {
  it('describes every answer of every route: its status, its headers and its body', async () => {
    const w = await world({ rateLimits: { openPerLink: { limit: 1, windowSeconds: 60 } } });
    const document = (await w.handler.openApi()) as unknown as Document;
    const { check, answered } = contract(document);
    const { client, jar } = clientOf(w.handler, check);
    const entry = (entryId: string) => ({ path: { entryId } });

    // --- guest links: the owner's side ---
    const off = await client.GET('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), headers: as('owner') });
    expect(off.data?.inactiveReasons.map((reason) => reason.code)).toContain('GUEST_ACCESS_OFF');
    const on = await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), body: { enabled: true }, headers: as('owner') });
    expect(on.data?.enabled).toBe(true);
    expect((await client.GET('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), headers: as('owner') })).data?.roomLocked).toBe(false);
    const created = await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: 'Guests', useLimit: 5 }, headers: as('owner') });
    const link = created.data!;
    expect([created.response.status, link.state]).toEqual([201, 'active']);
    const listed = await client.GET('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), headers: as('owner') });
    expect(listed.data?.links.map((each) => each.id)).toEqual([link.id]);

    // --- the guest's side: open, join (JSON and form), check, leave ---
    const landing = await client.GET('/access-links/guest-links/{token}', { params: { path: { token: link.token } } });
    expect(landing.data?.entry.id).toBe('video-1');
    const joined = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: link.token } }, body: { name: 'Ada', email: 'ada@example.org' } });
    expect([joined.response.status, joined.data?.session.status]).toEqual([201, 'admitted']);
    // The same guest again, with the session cookie (Back, a second tab): the same session (G12).
    const rejoined = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: link.token } }, body: { name: 'Ada', email: 'Ada@Example.org' } });
    expect([rejoined.response.status, rejoined.data?.session.id]).toEqual([200, joined.data?.session.id]);
    const checked = await client.GET('/access-links/entries/{entryId}/guest-session', { params: entry('video-1') });
    expect(checked.data !== undefined && 'capabilities' in checked.data ? checked.data.capabilities : null).toEqual(['view']);
    const left = await client.POST('/access-links/entries/{entryId}/guest-session/leave', { params: entry('video-1') });
    expect([left.response.status, jar.size]).toEqual([204, 1]); // the device cookie stays
    const byForm = await client.POST('/access-links/guest-links/{token}/join', {
      params: { path: { token: link.token } },
      body: { name: 'Bo', email: 'bo@example.org', next: '/watch/video-1', back: '/g' },
      ...form,
    });
    expect([byForm.response.status, byForm.response.headers.get('location')]).toEqual([303, '/watch/video-1']);
    const leftByForm = await client.POST('/access-links/entries/{entryId}/guest-session/leave', { params: entry('video-1'), body: { next: '/bye' }, ...form });
    expect(leftByForm.response.status).toBe(303);
    // A link opened too often answers 429 with Retry-After.
    expect((await client.GET('/access-links/guest-links/{token}', { params: { path: { token: link.token } } })).response.status).toBe(429);

    // --- a locked room: waiting, and the moderator's decisions ---
    await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('room-1'), body: { enabled: true }, headers: as('owner') });
    const locked = await client.PUT('/access-links/entries/{entryId}/room-lock', { params: entry('room-1'), body: { locked: true }, headers: as('moderator') });
    expect(locked.data?.roomLocked).toBe(true);
    const roomLink = (await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('room-1'), body: { name: 'Lobby' }, headers: as('owner') })).data!;
    const guests: string[] = [];
    for (const name of ['Cy', 'Di', 'Ed', 'Fay']) {
      jar.clear();
      const waiting = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: roomLink.token } }, body: { name, email: `${name.toLowerCase()}@example.org` } });
      guests.push(waiting.data!.session.id);
    }
    const waits = await client.GET('/access-links/entries/{entryId}/guest-session', { params: entry('room-1') });
    expect([waits.response.status, waits.data !== undefined && 'code' in waits.data ? waits.data.code : null]).toEqual([202, 'GUEST_WAITING']);
    const page = await client.GET('/access-links/entries/{entryId}/guests', { params: { ...entry('room-1'), query: { status: 'waiting', limit: 2 } }, headers: as('moderator') });
    expect([page.data?.items.length, typeof page.data?.next]).toEqual([2, 'string']);
    const rest = await client.GET('/access-links/entries/{entryId}/guests', { params: { ...entry('room-1'), query: { status: 'waiting', cursor: page.data!.next! } }, headers: as('moderator') });
    expect(rest.data?.next).toBeNull();
    const admitted = await client.POST('/access-links/entries/{entryId}/guests/{sessionId}/admit', { params: { path: { entryId: 'room-1', sessionId: guests[0]! } }, headers: as('moderator') });
    expect(admitted.data?.status).toBe('admitted');
    const declined = await client.POST('/access-links/entries/{entryId}/guests/{sessionId}/decline', { params: { path: { entryId: 'room-1', sessionId: guests[1]! } }, headers: as('moderator') });
    expect(declined.data?.status).toBe('declined');
    const allIn = await client.POST('/access-links/entries/{entryId}/guests/admit-all', { params: entry('room-1'), body: { next: '/lobby' }, ...form, headers: { ...form.headers, ...as('moderator') } });
    expect(allIn.response.status).toBe(303);
    for (const name of ['Gus', 'Hal']) {
      jar.clear();
      await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: roomLink.token } }, body: { name, email: `${name.toLowerCase()}@example.org` } });
    }
    const admittedAll = await client.POST('/access-links/entries/{entryId}/guests/admit-all', { params: entry('room-1'), headers: as('moderator') });
    expect(admittedAll.data?.map((session) => session.guestName)).toEqual(['Gus', 'Hal']);
    jar.clear();
    await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: roomLink.token } }, body: { name: 'Ivy', email: 'ivy@example.org' } });
    const declinedAll = await client.POST('/access-links/entries/{entryId}/guests/decline-all', { params: entry('room-1'), headers: as('moderator') });
    expect(declinedAll.data?.map((session) => session.status)).toEqual(['declined']);
    // The declined guest's check refuses, and keeps the session cookie: a moderator may admit them yet.
    const refusedCheck = await client.GET('/access-links/entries/{entryId}/guest-session', { params: entry('room-1') });
    expect([refusedCheck.response.status, refusedCheck.response.headers.get('set-cookie')]).toEqual([403, null]);
    // A form post that is refused answers 303 to `back` with the code.
    const notRoom = await client.PUT('/access-links/entries/{entryId}/room-lock', { params: entry('video-1'), body: { locked: 'true', next: '/ok', back: '/manage' }, ...form, headers: { ...form.headers, ...as('owner') } });
    expect(notRoom.response.headers.get('location')).toBe('/manage?code=NOT_A_ROOM');
    // A passcode set on a link, which a join must then give.
    const passcoded = await client.PUT('/access-links/entries/{entryId}/guest-links/{linkId}/passcode', { params: { path: { entryId: 'room-1', linkId: roomLink.id } }, body: { passcode: 'front-door-7' }, headers: as('owner') });
    expect(passcoded.data?.hasPasscode).toBe(true);
    const withoutPasscode = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: roomLink.token } }, body: { name: 'Jo', email: 'jo@example.org' } });
    expect(withoutPasscode.error?.code).toBe('PASSCODE_REQUIRED');
    const withPasscode = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: roomLink.token } }, body: { name: 'Jo', email: 'jo@example.org', passcode: 'front-door-7' } });
    // The right passcode passes; this client's guest was declined above, which speaks next.
    expect([withPasscode.response.status, withPasscode.error?.code]).toEqual([403, 'GUEST_DECLINED']);
    // A link that verifies addresses: no join without a code; the code mailed, then the verification (V4).
    const checked2 = (await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: 'Checked', verifyEmail: true }, headers: as('owner') })).data!;
    expect(checked2.verifyEmail).toBe(true);
    const direct = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: checked2.token } }, body: { name: 'Kim', email: 'kim@example.org' } });
    expect(direct.error?.code).toBe('VERIFICATION_REQUIRED');
    const coded = await client.POST('/access-links/guest-links/{token}/code', { params: { path: { token: checked2.token } }, body: { name: 'Kim', email: 'kim@example.org' } });
    expect(coded.data?.email).toBe('kim@example.org');
    const code = /\b(\d{6})\b/u.exec(w.guestMailer.outbox().at(-1)!.text)![1]!;
    const wrongCode = await client.POST('/access-links/guest-verifications', { body: { verification: coded.data!.verification, code: code === '000000' ? '111111' : '000000' } });
    expect(wrongCode.error?.code).toBe('WRONG_CODE');
    const verified = await client.POST('/access-links/guest-verifications', { body: { verification: coded.data!.verification, code } });
    expect([verified.response.status, verified.data?.session.verified]).toEqual([201, true]);
    const verifiedAgain = await client.POST('/access-links/guest-verifications', { body: { verification: coded.data!.verification, code } });
    expect([verifiedAgain.response.status, verifiedAgain.data?.session.id]).toEqual([200, verified.data?.session.id]);
    // What happened to a link (A1): its days, and a bad day refused.
    const activity = await client.GET('/access-links/entries/{entryId}/guest-links/{linkId}/activity', { params: { path: { entryId: 'video-1', linkId: checked2.id } }, headers: as('owner') });
    expect([activity.response.status, activity.data?.days.length, activity.data?.totals.refusedBy]).toEqual([200, 14, { VERIFICATION_REQUIRED: 1, WRONG_CODE: 1 }]);
    const badDays = await client.GET('/access-links/entries/{entryId}/guest-links/{linkId}/activity', {
      params: { path: { entryId: 'video-1', linkId: checked2.id }, query: { from: '2026-02-30' } },
      headers: as('owner'),
    });
    expect([badDays.response.status, badDays.error?.code]).toEqual([400, 'INVALID_DAY_RANGE']);
    const deleted = await client.DELETE('/access-links/entries/{entryId}/guest-links/{linkId}', { params: { path: { entryId: 'room-1', linkId: roomLink.id } }, headers: as('owner') });
    expect(deleted.data?.linkId).toBe(roomLink.id);

    // --- invites ---
    const batch = await client.POST('/access-links/entries/{entryId}/invites', {
      params: entry('room-1'),
      body: { role: 'viewer', emails: ['alan@example.org', 'bea@example.org', 'cid@example.org', 'not an address'], send: true },
      headers: as('owner'),
    });
    expect(batch.data?.map((outcome) => outcome.status)).toEqual(['invited', 'invited', 'invited', 'refused']);
    const [alan, bea, cid] = batch.data!.map((outcome) => ('invite' in outcome ? outcome.invite : null));
    const invites = await client.GET('/access-links/entries/{entryId}/invites', { params: { ...entry('room-1'), query: { state: 'pending' } }, headers: as('owner') });
    expect(invites.data?.items).toHaveLength(3);
    const speaker = await client.PATCH('/access-links/entries/{entryId}/invites/{inviteId}', { params: { path: { entryId: 'room-1', inviteId: alan!.id } }, body: { role: 'speaker' }, headers: as('owner') });
    expect(speaker.data?.role).toBe('speaker');
    const notForRooms = await client.PATCH('/access-links/entries/{entryId}/invites/{inviteId}', { params: { path: { entryId: 'room-1', inviteId: alan!.id } }, body: { role: 'contributor' }, headers: as('owner') });
    expect([notForRooms.response.status, notForRooms.error?.code]).toEqual([422, 'ROLE_NOT_ALLOWED']);
    w.clock.advance(3_600_000);
    const resent = await client.POST('/access-links/entries/{entryId}/invites/{inviteId}/resend', { params: { path: { entryId: 'room-1', inviteId: bea!.id } }, body: { locale: 'fr' }, headers: as('owner') });
    expect(resent.data?.deliveryAttempts).toBe(2);
    const tooSoon = await client.POST('/access-links/entries/{entryId}/invites/{inviteId}/resend', { params: { path: { entryId: 'room-1', inviteId: bea!.id } }, headers: as('owner') });
    expect([tooSoon.response.status, tooSoon.error?.code]).toEqual([429, 'RESEND_TOO_SOON']);
    const revoked = await client.POST('/access-links/entries/{entryId}/invites/{inviteId}/revoke', { params: { path: { entryId: 'room-1', inviteId: cid!.id } }, headers: as('owner') });
    expect(revoked.data?.state).toBe('revoked');
    const gone = await client.GET('/access-links/invites/{token}', { params: { path: { token: cid!.token } } });
    expect([gone.response.status, gone.error?.code]).toEqual([410, 'INVITE_REVOKED']);
    const received = await client.GET('/access-links/received-invites', { params: { query: { limit: 10 } }, headers: as('alan') });
    expect(received.data?.items.map((each) => each.inviteId)).toEqual([alan!.id]);
    const opened = await client.GET('/access-links/invites/{token}', { params: { path: { token: alan!.token } } });
    expect(opened.data?.role).toBe('speaker');
    const wrongUser = await client.POST('/access-links/invites/{token}/accept', { params: { path: { token: alan!.token } }, headers: as('bea') });
    expect(wrongUser.error?.code).toBe('EMAIL_MISMATCH');
    const accepted = await client.POST('/access-links/invites/{token}/accept', { params: { path: { token: alan!.token } }, headers: as('alan') });
    expect(accepted.data).toMatchObject({ inviteId: alan!.id, userId: 'u-alan', role: 'speaker' });
    const again = await client.POST('/access-links/entries/{entryId}/invites', { params: entry('room-1'), body: { role: 'viewer', emails: ['alan@example.org'] }, headers: as('owner') });
    expect(again.data?.[0]?.status).toBe('already-accepted');
    const refusedInvite = await client.POST('/access-links/invites/{token}/decline', { params: { path: { token: bea!.token } }, headers: as('bea') });
    expect(refusedInvite.data?.inviteId).toBe(bea!.id);

    // --- refusals of the layer and of the library ---
    const anonymous = await client.GET('/access-links/entries/{entryId}/guests', { params: entry('room-1') });
    expect(anonymous.response.status).toBe(401);
    const notAllowed = await client.GET('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), headers: as('moderator') });
    expect(notAllowed.error?.code).toBe('NOT_PERMITTED');
    const badName = await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: ' ' }, headers: as('owner') });
    expect(badName.error?.reasons[0]?.path).toEqual(['name']);
    const unknown = await client.GET('/access-links/guest-links/{token}', { params: { path: { token: 'not-a-token' } } });
    expect([unknown.response.status, unknown.error?.code]).toEqual([404, 'LINK_INVALID']);
    const noEntry = await client.GET('/access-links/entries/{entryId}/guest-access', { params: entry('nothing-here'), headers: as('owner') });
    expect(noEntry.response.status).toBe(404);
    const crossSite = await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), body: { enabled: false }, headers: { ...as('owner'), origin: 'https://evil.example' } });
    expect([crossSite.response.status, crossSite.error?.code]).toEqual([403, 'CROSS_SITE_REQUEST']);
    const malformed = await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), body: { enabled: true }, bodySerializer: () => '{', headers: as('owner') });
    expect(malformed.error?.code).toBe('MALFORMED_BODY');
    const plain = await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), body: { enabled: true }, bodySerializer: () => 'on', headers: { ...as('owner'), 'content-type': 'text/plain' } });
    expect(plain.response.status).toBe(415);
    const huge = await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: 'x'.repeat(70_000) }, headers: as('owner') });
    expect(huge.response.status).toBe(413);
    for (let i = 0; i < 2; i += 1) await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: `More ${i}` }, headers: as('owner') });
    const capped = await client.POST('/access-links/entries/{entryId}/guest-links', { params: entry('video-1'), body: { name: 'One too many' }, headers: as('owner') });
    expect([capped.response.status, capped.error?.code]).toEqual([409, 'GUEST_LINK_CAP_REACHED']);
    // A join refused before any session: the device cookie is set all the same.
    jar.clear();
    await client.PUT('/access-links/entries/{entryId}/guest-access', { params: entry('video-1'), body: { enabled: false }, headers: as('owner') });
    const closed = await client.POST('/access-links/guest-links/{token}/join', { params: { path: { token: link.token } }, body: { name: 'Jo', email: 'jo@example.org' } });
    expect([closed.response.status, closed.response.headers.get('set-cookie')]).toEqual([403, expect.stringMatching(/^__Host-al-device=/)]);

    // Every operation was answered, its success among the answers; and every kind of answer was met.
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    for (const operation of operations) {
      const success = Object.keys(operation.responses).find((status) => status.startsWith('2'))!;
      expect([...(answered.get(operation.operationId) ?? [])], operation.operationId).toContain(Number(success));
    }
    const statuses = new Set([...answered.values()].flatMap((each) => [...each]));
    expect([...statuses].sort()).toEqual([200, 201, 202, 204, 303, 400, 401, 403, 404, 409, 410, 413, 415, 422, 429]);
  });

  it('describes a failing store (503, Retry-After) and a failing host (500)', async () => {
    const h = await inviteHarness();
    const broken = { ...createMemoryGuestStore(), getGuestAccess: () => Promise.reject(new Error('down')) };
    const guestLinks = createGuestLinks({ store: broken as never, directory: h.directory, keyRing: h.keyRing, guestLinkUrl: (token) => token });
    const failing = await world({ guestLinks });
    const contractOf = contract((await failing.handler.openApi()) as unknown as Document);
    const { client } = clientOf(failing.handler, contractOf.check);
    const unavailable = await client.GET('/access-links/entries/{entryId}/guest-access', { params: { path: { entryId: 'video-1' } }, headers: as('owner') });
    expect([unavailable.response.status, unavailable.response.headers.get('retry-after')]).toEqual([503, '5']);

    const throwing = await world({
      authenticate: () => {
        throw new Error('the host failed');
      },
    });
    const { client: other } = clientOf(throwing.handler, contract((await throwing.handler.openApi()) as unknown as Document).check);
    expect((await other.GET('/access-links/entries/{entryId}/guest-links', { params: { path: { entryId: 'video-1' } }, headers: as('owner') })).response.status).toBe(500);
  });

  it('catches an answer the document does not describe', async () => {
    const w = await world();
    const { check } = contract((await w.handler.openApi()) as unknown as Document);
    const request = new Request(`${ORIGIN}/access-links/entries/room-1/guests/admit-all`, { method: 'POST' });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
    await expect(check(request, json(200, { admitted: [] }))).rejects.toThrow(/not as documented/); // an object where a list is
    await expect(check(request, json(200, [{ id: 'x' }]))).rejects.toThrow(/not as documented/); // a session without its fields
    await expect(check(request, json(418, []))).rejects.toThrow(/lists no 418/);
    await expect(check(request, json(200, [], { 'set-cookie': 'a=b' }))).rejects.toThrow(/set-cookie header the document does not mention/);
    await expect(check(request, json(429, { code: 'RATE_LIMITED', message: 'x', reasons: [] }))).rejects.toThrow(/lists no 429/);
    const join = new Request(`${ORIGIN}/access-links/guest-links/t/join`, { method: 'POST' });
    await expect(check(join, json(429, { code: 'RATE_LIMITED', message: 'x', reasons: [{ code: 'RATE_LIMITED', message: 'x' }] }))).rejects.toThrow(/no retry-after header/);
    await expect(check(join, json(400, { code: 'NO_SUCH_CODE', message: 'x', reasons: [{ code: 'NO_SUCH_CODE', message: 'x' }] }))).rejects.toThrow(/not as documented/);
    await expect(check(request, json(200, []))).resolves.toBeUndefined();
  });
});

void sameTypes;
void fittingTypes;
