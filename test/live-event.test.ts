/**
 * Limits that fit a live event (D1, H1): with nothing configured, hundreds of honest guests
 * arriving at one link within a minute all get in, and a request refused by one limit spends
 * nothing of any other, so one client's flood locks out nobody.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_RATE_LIMITS, createHttpHandler, type HttpHandlerOptions, type HttpRateLimits, type KeyedLimit, type RateLimit } from '../src/http';
import { createMemoryRateLimiter } from '../src/memory';
import { createRouteLimiter } from '../src/adapters/http/rate-limit';
import { ROUTES } from '../src/adapters/http/routes';
import { gcraStep } from '../src/domain/rate-limit';
import { harness, ok, owner, START } from './harness';
import { scheduled, settle } from './scheduling';
import { runs } from './support/runs';

const ORIGIN = 'https://media.example.org';

/** A handler with the default limits, whose client key is the `x-client` header, and an unlimited link on video-1. */
async function liveEvent(options: Partial<HttpHandlerOptions> = {}) {
  const h = await harness();
  const handler = createHttpHandler({
    guestLinks: h.access,
    authenticate: () => null,
    clientKey: (request) => request.headers.get('x-client'),
    clock: h.clock,
    ...options,
  });
  ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
  const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Launch' }));
  const open = async (client: string) =>
    (await handler(new Request(`${ORIGIN}/access-links/guest-links/${link.token}`, { headers: { 'x-client': client } }))).status;
  const join = async (client: string, guest: string) =>
    (
      await handler(
        new Request(`${ORIGIN}/access-links/guest-links/${link.token}/join`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'x-client': client, 'content-type': 'application/json' },
          body: JSON.stringify({ name: guest, email: `${guest}@example.org` }),
        }),
      )
    ).status;
  return { ...h, handler, link, open, join };
}

describe('default limits fit a live event', () => {
  it('lets 500 guests from 500 clients, arriving at one unlimited link in the same instant, all open it and join', async () => {
    const event = await liveEvent();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i += 1) {
      const client = `198.51.${i >> 8}.${i & 255}`;
      const opened = await event.open(client);
      const joined = await event.join(client, `guest${i}`);
      for (const status of [opened, joined]) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 500, 201: 500 });
    expect(event.state().links[0]!.uses).toBe(500);
  });

  it('lets 500 guests arriving one every 120 ms through a minute all in', async () => {
    const event = await liveEvent();
    let admitted = 0;
    for (let i = 0; i < 500; i += 1) {
      event.clock.advance(120); // 500 arrivals spread over 60 s
      if ((await event.open(`c${i}`)) === 200 && (await event.join(`c${i}`, `guest${i}`)) === 201) admitted += 1;
    }
    expect(admitted).toBe(500);
    expect(event.clock.now()).toBe(START + 60_000);
  });

  it('keeps a flooding client at its own limit, and its refused requests lock out nobody', async () => {
    const event = await liveEvent();
    const flood: number[] = [];
    for (let i = 0; i < 200; i += 1) flood.push(await event.join('203.0.113.66', `flood${i}`));
    expect(flood.filter((status) => status === 201)).toHaveLength(DEFAULT_HTTP_RATE_LIMITS.joinPerClient.limit);
    expect(flood.filter((status) => status === 429)).toHaveLength(200 - DEFAULT_HTTP_RATE_LIMITS.joinPerClient.limit);
    // Every other client still gets in: the link's budget lost only the flood's 10 allowed joins.
    const others: number[] = [];
    for (let i = 0; i < 500; i += 1) others.push(await event.join(`198.51.100.${i}`, `guest${i}`));
    expect(others.every((status) => status === 201)).toBe(true);
    expect(await event.join('203.0.113.66', 'flood-again')).toBe(429);
    expect(event.state().links[0]!.uses).toBe(510);
  });

  it('a request refused by the link spends nothing of the client’s limit', async () => {
    const event = await liveEvent({ rateLimits: { joinPerLink: { limit: 2, windowSeconds: 10 }, joinPerClient: { limit: 2, windowSeconds: 60 } } });
    expect([await event.join('a', 'a1'), await event.join('b', 'b1'), await event.join('c', 'c1'), await event.join('c', 'c2')]).toEqual([201, 201, 429, 429]);
    // Client c was refused by the link alone: once the link frees up, c's whole burst is there.
    event.clock.advance(10_000);
    expect([await event.join('c', 'c3'), await event.join('c', 'c4'), await event.join('c', 'c5')]).toEqual([201, 201, 429]);
  });
});

// ---- Refused requests spend nothing: against a model --------------------------------------------

type Kind = 'open' | 'join';
interface Sent {
  readonly kind: Kind;
  readonly client: string | null;
  readonly link: string;
  readonly advance: number;
}

const smallLimit = fc.record({ limit: fc.integer({ min: 1, max: 4 }), windowSeconds: fc.constantFrom(1, 10, 60) });
const smallLimits = fc.record({ openPerClient: smallLimit, openPerLink: smallLimit, joinPerClient: smallLimit, joinPerLink: smallLimit });
const sent = fc.record({
  kind: fc.constantFrom<Kind>('open', 'join'),
  client: fc.constantFrom('c1', 'c2', 'c3', null),
  link: fc.constantFrom('t1', 't2'),
  advance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000 })),
});

/** The limits as the model counts them: all of a request's keys, or none. */
function createModel(limits: Pick<HttpRateLimits, 'openPerClient' | 'openPerLink' | 'joinPerClient' | 'joinPerLink'>) {
  const tats = new Map<string, number>();
  return (request: Sent, now: number): number | null => {
    const keyed: [string, RateLimit][] = [[`${request.kind}:link:${request.link}`, request.kind === 'open' ? limits.openPerLink : limits.joinPerLink]];
    if (request.client !== null) keyed.push([`${request.kind}:client:${request.client}`, request.kind === 'open' ? limits.openPerClient : limits.joinPerClient]);
    const steps = keyed.map(([key, limit]) => gcraStep(tats.get(key) ?? null, limit, now));
    const waits = steps.flatMap((step) => (step.allowed ? [] : [step.retryAfterSeconds]));
    if (waits.length > 0) return Math.max(...waits);
    steps.forEach((step, i) => step.allowed && tats.set(keyed[i]![0], step.tat));
    return null;
  };
}

describe('a request refused by any limit changes no limit', () => {
  it('through the HTTP layer’s limits, in any order the scheduler picks, answers as the model', async () => {
    const routes = { open: ROUTES.find((route) => route.operation === 'openGuestLink')!, join: ROUTES.find((route) => route.operation === 'joinGuestLink')! };
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), smallLimits, fc.array(sent, { minLength: 1, maxLength: 40 }), async (s, limits, requests) => {
        let now = START;
        const clock = { now: () => now };
        const limiter = createRouteLimiter({
          limiter: createMemoryRateLimiter(),
          limits: { ...DEFAULT_HTTP_RATE_LIMITS, ...limits },
          clientKey: (request) => request.headers.get('x-client'),
          clock,
        });
        const model = createModel(limits);
        // The scheduler picks which request goes next; each runs to its answer before the next.
        let queue = Promise.resolve();
        const answers = await settle(
          s,
          Promise.all(
            requests.map((request) =>
              s.schedule(Promise.resolve(), `${request.kind} ${request.client} ${request.link}`).then(() => {
                const run = queue.then(async () => {
                  now += request.advance;
                  const headers: Record<string, string> = request.client === null ? {} : { 'x-client': request.client };
                  const actual = await limiter(routes[request.kind], new Request(`${ORIGIN}/x`, { headers }), request.link, null, {});
                  return { actual, expected: model(request, now) };
                });
                queue = run.then(() => undefined);
                return run;
              }),
            ),
          ),
        );
        for (const { actual, expected } of answers) expect(actual).toEqual(expected);
      }),
      { numRuns: runs(150) },
    );
  });

  it('in the memory limiter, however concurrent calls interleave, answers as the model in the order they ran', async () => {
    const keyed = fc.record({ client: fc.constantFrom('c1', 'c2', 'c3'), link: fc.constantFrom('t1', 't2'), advance: fc.integer({ min: 0, max: 20_000 }) });
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), smallLimit, smallLimit, fc.array(keyed, { minLength: 1, maxLength: 30 }), async (s, perClient, perLink, requests) => {
        const memory = createMemoryRateLimiter();
        const ran: { limits: readonly KeyedLimit[]; now: number; allowed: boolean; retryAfterSeconds: number | null }[] = [];
        let now = START;
        // The scheduler decides when each call reaches the limiter; the clock moves as they run.
        const limiter = scheduled(s, {
          consume: async (limits: readonly KeyedLimit[], advance: number) => {
            now += advance;
            const decision = await memory.consume(limits, now);
            ran.push({ limits, now, allowed: decision.allowed, retryAfterSeconds: decision.allowed ? null : decision.retryAfterSeconds });
          },
        });
        await settle(
          s,
          Promise.all(
            requests.map(({ client, link, advance }) =>
              limiter.consume(
                [
                  { key: `client:${client}`, limit: perClient },
                  { key: `link:${link}`, limit: perLink },
                ],
                advance,
              ),
            ),
          ),
        );
        const tats = new Map<string, number>();
        for (const call of ran) {
          const steps = call.limits.map(({ key, limit }) => gcraStep(tats.get(key) ?? null, limit, call.now));
          const waits = steps.flatMap((step) => (step.allowed ? [] : [step.retryAfterSeconds]));
          expect(call.retryAfterSeconds).toEqual(waits.length > 0 ? Math.max(...waits) : null);
          if (waits.length === 0) steps.forEach((step, i) => step.allowed && tats.set(call.limits[i]!.key, step.tat));
        }
        expect(ran).toHaveLength(requests.length);
      }),
      { numRuns: runs(150) },
    );
  });
});
