/**
 * What every route of the demo does with a request: answer a page, know who is signed in and
 * which language the reader asks for, word a refusal for its reader, and send a form on to the
 * library's HTTP layer.
 *
 * Forms that must come back filled in after a refusal (making a link, joining) post to the
 * demo's own page, which sends the fields on to the HTTP layer as the browser would have (its
 * cookies and origin included, so the layer's checks, limits and cookies all apply) and reads
 * the JSON answer. Either way the browser is sent on to a page (post, redirect, get): on success
 * the next page, on a refusal the form's page, which shows again what was typed and each
 * refusal under its field, once.
 */
import type { Context, Next } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTP_STATUS } from 'access-links/http';
import type { Audience } from 'access-links/format';
import type { EntryCapabilities } from 'access-links/capabilities';
import { BLANK_FORM, html, layout, messagePage, type FormState, type Html, type Viewer } from './pages';
import { catalogueOf, said, type Said } from './words';
import { ENTRIES, type DemoWorld } from './world';

/** Where the demo mounts the library's HTTP layer. */
export const API = '/access-links';

/** A reason of a refusal, as the HTTP layer answers it: `path` names the field at fault. */
export interface ApiReason {
  readonly code: string;
  readonly path?: readonly (string | number)[] | undefined;
}

/** The HTTP layer's answer to a form sent on to it. */
export type ApiAnswer =
  | { readonly ok: true; readonly status: number; readonly value: unknown }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly reasons: readonly ApiReason[] };

/** The HTTP status of a refusal code, as the HTTP layer answers it. */
export const statusOf = (code: string): number => (HTTP_STATUS as Readonly<Record<string, number>>)[code] ?? 400;

/** An entry of the demo's world by its id. */
export const entryOf = (entryId: string | undefined) => ENTRIES.find((entry) => entry.id === entryId);

const TYPE_LABELS: Readonly<Record<string, string>> = {
  video: 'Video',
  audio: 'Audio',
  document: 'Document',
  room: 'Live room',
  'live-event': 'Live event',
  'channel-room': 'Channel room',
  'media-gallery-room': 'Media gallery room',
};

/** An entry's type in words. */
export const typeLabel = (type: string): string => TYPE_LABELS[type] ?? type;

/** Whether an entry is a room of some kind, with a lobby. */
export const isRoom = (type: string) => type === 'room' || type === 'live-event' || type === 'channel-room' || type === 'media-gallery-room';

/**
 * Where a form may send the browser back to: a path of this site only, `/`, then printable ASCII
 * without `//` or a backslash. Browsers drop tabs and line breaks from a URL, so `/\t/evil.example`
 * would lead to another site.
 */
export const safeNext = (wanted: unknown): string =>
  typeof wanted === 'string' && wanted.length <= 2048 && /^\/[\x21-\x7e]*$/u.test(wanted) && !/\/\/|\\/u.test(wanted) ? wanted : '/';

/** A decision of the capability list: allowed, or refused with its reasons. */
export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reasons: readonly { readonly code: string }[] };

/** The first reason of a refused decision, or null when it is allowed. */
export const whyNot = (decision: Decision): string | null => (decision.allowed ? null : (decision.reasons[0]?.code ?? null));

/** The fields of a posted form, each as text ('' when missing). */
export async function formValues(c: Context, fields: readonly string[]): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(fields.map((field) => [field, typeof body[field] === 'string' ? body[field] : '']));
}

/** Which field a reason without a `path` is about. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  INVALID_EMAIL_LIST: 'emails',
  TOO_MANY_ADDRESSES: 'emails',
  ROLE_NOT_ALLOWED: 'role',
  ROLE_ABOVE_INVITER: 'role',
  EMAIL_DOMAIN_NOT_ALLOWED: 'email',
  PASSCODE_REQUIRED: 'passcode',
  WRONG_PASSCODE: 'passcode',
  WRONG_CODE: 'code',
};

/**
 * A form as it comes back after a refusal: the values sent, each field's first reason under
 * it, the first reason about no field above the form, and focus on the first field at fault.
 */
export function formAgain(reasons: readonly ApiReason[], values: Readonly<Record<string, string>>, fields: readonly string[], speak: (code: string) => Said): FormState {
  const errors: Record<string, Said> = {};
  let summary: Said | null = null;
  for (const reason of reasons) {
    const field = String(reason.path?.[0] ?? FIELD_OF_CODE[reason.code] ?? '');
    if (fields.includes(field)) errors[field] ??= speak(reason.code);
    else summary ??= speak(reason.code);
  }
  return { values, errors, summary, focus: fields.find((field) => field in errors) ?? null };
}

/**
 * What a page says once, when a form or a button comes back to it (post, redirect, get): a cookie
 * of that page alone, for a minute, read by the next load of the page and cleared by it. A reload
 * shows the page as it is, not the notice again; Back never lands on the answer to a post.
 */
const SAID = 'demo-said';
const saidOf = new WeakMap<Request, URLSearchParams>();
/** A cookie holds about 4 kB: a longer form comes back in the answer to its post instead. */
const SAID_BYTES = 3_000;

export function createKit(world: DemoWorld) {
  const userOf = (c: Context) => world.userOf(c.req.raw);
  const viewer = (c: Context): Viewer => ({ user: userOf(c), now: world.clock.now() });
  const page = (c: Context, status: number, body: Html) => c.html(body, status as 200, { 'cache-control': 'no-store' });
  /** A code in words for its reader, in the language the browser asks for. */
  const say = (c: Context, code: string, audience: Audience): Said => said(code, audience, catalogueOf(c.req.header('accept-language')));

  /** Sends the browser to `path` (a path of this site), where `fields` are said once. */
  const sayOnce = (c: Context, path: string, fields: Readonly<Record<string, string>>) => {
    const at = new URL(path, c.req.url).pathname;
    setCookie(c, SAID, new URLSearchParams({ ...fields, at }).toString(), { path: at, httpOnly: true, sameSite: 'Lax', maxAge: 60 });
    return c.redirect(path, 303);
  };

  return {
    userOf,
    viewer,
    page,
    say,
    sayOnce,

    /**
     * Middleware for the pages: a `done` or `code` in a page's address (where the HTTP layer's
     * form posts come back to) is said once, from a cookie, on the address without it; and what
     * a page is to say once is taken for this load.
     */
    async once(c: Context, next: Next) {
      if (c.req.method !== 'GET') return next();
      const url = new URL(c.req.url);
      const moved = ['done', 'code'].filter((key) => url.searchParams.has(key));
      if (moved.length > 0) {
        const fields = Object.fromEntries(moved.map((key) => [key, url.searchParams.get(key)!]));
        for (const key of moved) url.searchParams.delete(key);
        return sayOnce(c, `${url.pathname}${url.search}`, fields);
      }
      const kept = getCookie(c, SAID);
      if (kept !== undefined) {
        const fields = new URLSearchParams(kept);
        // The cookie's path reaches the pages below it too: only the page it was set for reads it.
        if (fields.get('at') === url.pathname) {
          saidOf.set(c.req.raw, fields);
          deleteCookie(c, SAID, { path: url.pathname, httpOnly: true, sameSite: 'Lax' });
        }
      }
      return next();
    },

    /** What this load of the page is to say once: `done`, `code`, or a refused form. */
    said: (c: Context, key: string): string | undefined => saidOf.get(c.req.raw)?.get(key) ?? undefined,

    /**
     * After a refused form: back to its page (post, redirect, get), where {@link formSaid} shows it
     * again as it was sent; a form too long for a cookie is answered at once, as `now` shows it.
     */
    formRefused(c: Context, path: string, reasons: readonly ApiReason[], values: Readonly<Record<string, string>>, now: () => Response | Promise<Response>) {
      const form = JSON.stringify({ reasons, values });
      return form.length > SAID_BYTES ? now() : sayOnce(c, path, { form });
    },

    /** The refused form this load is to show again, or a blank one. */
    formSaid(c: Context, fields: readonly string[], audience: Audience): FormState {
      const kept = saidOf.get(c.req.raw)?.get('form');
      if (kept === null || kept === undefined) return BLANK_FORM;
      try {
        const { reasons, values } = JSON.parse(kept) as { reasons: ApiReason[]; values: Record<string, string> };
        const sent = Object.fromEntries(fields.map((field) => [field, typeof values[field] === 'string' ? values[field] : '']));
        return formAgain(reasons, sent, fields, (code) => say(c, code, audience));
      } catch {
        return BLANK_FORM;
      }
    },

    /** What the signed-in person may do on an entry now, or null when nobody is signed in or the list cannot be read. */
    async can(c: Context, entryId: string): Promise<EntryCapabilities | null> {
      const actor = world.actorOf(c.req.raw);
      if (!actor) return null;
      const answer = await world.capabilities.of({ actor, entryId });
      return answer.ok ? answer.value : null;
    },

    /** Why an action is not offered, in plain words for the owner, or nothing when it is allowed. */
    notOffered(c: Context, decision: Decision, id?: string): Html | string {
      const code = whyNot(decision);
      if (code === null) return '';
      const words = say(c, code, 'owner');
      return html`<p class="muted" data-code="${code}"${id ? html` id="${id}"` : ''} lang="${words.lang}">${words.text} ${words.next}</p>`;
    },

    /**
     * A refusal on a page of its own, with the status the HTTP layer gives its code. `watch`, the
     * HTTP layer's path of a guest's session, makes the page follow it while it may still change.
     */
    refusal: (c: Context, code: string, audience: Audience, actions: Html | string = '', watch?: string) =>
      page(c, statusOf(code), messagePage(viewer(c), say(c, code, audience), { actions, path: c.req.path, ...(watch === undefined ? {} : { watch }) })),

    signInFirst: (c: Context, what: string) =>
      page(c, 401, messagePage(viewer(c), { text: 'Sign in first', next: `Use the “Signed in as” switch at the top of the page to ${what}.` }, { path: c.req.path })),

    notFound: (c: Context) =>
      page(
        c,
        404,
        messagePage(
          viewer(c),
          { text: 'Page not found', next: 'There is nothing at this address. Check it, or start again from the list of entries.' },
          { actions: html`<a class="button" href="/">Go to the list of entries</a>`, path: '/' },
        ),
      ),

    /**
     * Posts form fields to a route of the HTTP layer with the browser's own headers, passes the
     * cookies it sets on to the browser, and answers what it said.
     */
    async send(c: Context, path: string, fields: Readonly<Record<string, string>>): Promise<ApiAnswer> {
      const headers = new Headers(c.req.raw.headers);
      headers.set('content-type', 'application/x-www-form-urlencoded');
      headers.delete('content-length');
      const request = new Request(new URL(`${API}${path}`, c.req.url), { method: 'POST', headers, body: new URLSearchParams(fields) });
      const response = await world.handler(request);
      for (const cookie of response.headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
      const read = response.status === 204 ? null : ((await response.json()) as { code?: string; reasons?: ApiReason[] } | null);
      if (response.ok) return { ok: true, status: response.status, value: read };
      const code = read?.code ?? 'INTERNAL_ERROR';
      return { ok: false, status: response.status, code, reasons: read?.reasons ?? [{ code }] };
    },

    /** A page of the demo's layout for the signed-in person. */
    layout: (c: Context, title: string, body: Html, path: string) => layout(title, viewer(c), body, { path }),
  };
}

export type DemoKit = ReturnType<typeof createKit>;
