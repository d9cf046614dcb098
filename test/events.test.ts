/**
 * Events and their delivery: every change writes its events with it (outbox: true), and a
 * dispatcher hands them to the consumers at least once, in order per entry, with retries and
 * back-off, failures kept aside and listable, from several dispatchers at once. No operation
 * waits for a consumer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuestLinks, isAccessLinksError, type AccessEvent, type EventSink } from '../src/index';
import { createDispatcher } from '../src/events';
import { createManualClock, createMemoryEventLog, createMemoryOutbox, createMemoryStores } from '../src/memory';
import { harness, linkOn, moderator, ok, owner, writtenEvents } from './harness';

/** A consumer that keeps what it is told, and can be made to fail or to hang. */
function consumer() {
  const told: AccessEvent[] = [];
  let failing: Error | null = null;
  let hanging = false;
  const sink: EventSink = {
    async publish(event) {
      if (failing) throw failing;
      told.push(event);
      if (hanging) await new Promise(() => undefined);
    },
  };
  return {
    sink,
    told,
    fail: (error: Error | null) => (failing = error),
    hang: (on: boolean) => (hanging = on),
  };
}

describe('events written with their change', () => {
  it('tell the story of a room, guests acting as no platform user, each with an id of its own; a refused operation writes none', async () => {
    const { access, store, state } = await harness({ options: { outbox: true } });
    ok(await access.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true }));
    ok(await access.setRoomLock({ actor: owner, entryId: 'room-1', locked: true }));
    const link = ok(await access.createGuestLink({ actor: owner, entryId: 'room-1', name: 'L', useLimit: 2 }));
    const joined = ok(await access.joinGuestLink({ token: link.token, name: 'Ada', email: 'ada@example.org' }));
    ok(await access.admitGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.declineGuest({ actor: owner, entryId: 'room-1', sessionId: joined.session.id }));
    ok(await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id }));
    const before = JSON.stringify([state(), store.outbox.records()]);
    await access.setGuestAccess({ actor: { userId: 'nobody' }, entryId: 'room-1', enabled: false });
    await access.deleteGuestLink({ actor: owner, entryId: 'room-1', linkId: link.id });
    expect(JSON.stringify([state(), store.outbox.records()])).toBe(before);

    const events = writtenEvents(store).events();
    expect(events.map((e) => [e.type, e.actorId, e.subjectId])).toEqual([
      ['guest_access.changed', owner.userId, 'room-1'],
      ['room_lock.changed', owner.userId, 'room-1'],
      ['guest_link.created', owner.userId, link.id],
      ['guest.joined', null, joined.session.id],
      ['guest.admitted', owner.userId, joined.session.id],
      ['guest.declined', owner.userId, joined.session.id],
      ['guest_link.deleted', owner.userId, link.id],
    ]);
    expect(events[3]!.detail).toEqual({ linkId: link.id, status: 'waiting' });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(e.id))).toBe(true);
  });

  it('with the outbox off (the default) nothing is written', async () => {
    const { access, store } = await harness();
    await linkOn(access, 'room-1');
    expect(store.outbox.records()).toEqual([]);
  });

  it('a notifier is told at once and never awaited: a notifier that hangs holds no operation', async () => {
    const base = await harness();
    const notices: string[] = [];
    const access = createGuestLinks({
      store: base.store,
      directory: base.directory,
      keyRing: base.keyRing,
      guestLinkUrl: (t) => t,
      notifier: { publish: (event) => (notices.push(event.type), new Promise(() => undefined)), subscribe: () => () => undefined },
    });
    await linkOn(access, 'room-1');
    expect(notices).toEqual(['guest_access.changed', 'guest_link.created']);
  });

  it('options that cannot work are INVALID_OPTIONS', async () => {
    const base = await harness();
    const make = (extra: object) => () => createGuestLinks({ store: base.store, directory: base.directory, keyRing: base.keyRing, guestLinkUrl: (t) => t, ...extra });
    for (const extra of [{ outbox: 'yes' }, { outbox: 1 }, { notifier: {} }, { notifier: null }, { onNotifierError: 5 }]) {
      expect(make(extra)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
  });
});

describe('the dispatcher', () => {
  async function world(options: { consumers?: Record<string, EventSink>; maxAttempts?: number } = {}) {
    const clock = createManualClock(Date.UTC(2026, 3, 16, 9));
    const stores = createMemoryStores();
    const h = await harness({ options: { store: stores.guests, clock, outbox: true } });
    const dispatcher = createDispatcher({
      outbox: stores.outbox,
      consumers: options.consumers ?? { audit: createMemoryEventLog() },
      clock,
      retryDelayMs: 1000,
      maxRetryDelayMs: 8000,
      maxAttempts: options.maxAttempts ?? 4,
      leaseMs: 30_000,
    });
    return { ...h, clock, stores, dispatcher };
  }

  it('delivers every event once to each consumer, and nothing twice when all went well', async () => {
    const [audit, hooks] = [createMemoryEventLog(), createMemoryEventLog()];
    const { access, dispatcher, stores } = await world({ consumers: { audit, hooks } });
    await linkOn(access, 'room-1');
    await linkOn(access, 'video-1');
    expect(await dispatcher.dispatch()).toEqual({ claimed: 2, delivered: 2, retried: 0, failed: 0, lost: 0 });
    expect(await dispatcher.dispatch()).toEqual({ claimed: 2, delivered: 2, retried: 0, failed: 0, lost: 0 });
    expect(await dispatcher.dispatch()).toEqual({ claimed: 0, delivered: 0, retried: 0, failed: 0, lost: 0 });
    const written = stores.outbox.records().map((record) => record.event);
    expect(audit.events()).toHaveLength(4);
    expect(new Set(audit.events().map((e) => e.id))).toEqual(new Set(written.map((e) => e.id)));
    expect(hooks.events()).toEqual(audit.events());
    expect(stores.outbox.records().every((record) => record.state === 'delivered' && record.deliveredTo.join() === 'audit,hooks')).toBe(true);
  });

  it('retries a failing consumer with back-off, never re-tells one that has the event, holds the entry’s next events back, then fails it aside and lists it', async () => {
    const [ok1, flaky] = [consumer(), consumer()];
    const { access, dispatcher, clock, stores } = await world({ consumers: { ok1: ok1.sink, flaky: flaky.sink } });
    flaky.fail(new Error('receiver down'));
    await linkOn(access, 'room-1');
    await linkOn(access, 'video-1');
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 2, retried: 2 });
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 0 });
    clock.advance(999);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 2, retried: 2 }); // second attempt; next wait 2 s
    clock.advance(2000);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 2, retried: 2 }); // third; next wait 4 s
    clock.advance(4000);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 2, failed: 2 }); // the fourth and last
    expect(ok1.told.map((e) => e.type)).toEqual(['guest_access.changed', 'guest_access.changed']);
    const failed = await dispatcher.listFailed();
    expect(failed.map((record) => [record.event.type, record.attempts, record.deliveredTo, record.lastError])).toEqual([
      ['guest_access.changed', 4, ['ok1'], 'flaky: Error: receiver down'],
      ['guest_access.changed', 4, ['ok1'], 'flaky: Error: receiver down'],
    ]);
    // The entries' next events go on; the one put back goes to the consumer that lacked it only.
    flaky.fail(null);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 2, delivered: 2 });
    expect(await dispatcher.retry(failed[0]!.event.id)).toBe(true);
    expect(await dispatcher.retry(failed[0]!.event.id)).toBe(false);
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(ok1.told).toHaveLength(4);
    expect(flaky.told.map((e) => e.id)).toEqual([...stores.outbox.records().filter((r) => r.event.type === 'guest_link.created').map((r) => r.event.id), failed[0]!.event.id]);
    expect(await dispatcher.listFailed()).toHaveLength(1);
  });

  it('a dispatcher that dies mid-delivery leaves its events to another once its lease is over: told again, with the same id', async () => {
    const hung = consumer();
    const { access, clock, stores } = await world();
    await linkOn(access, 'room-1');
    const first = createDispatcher({ outbox: stores.outbox, consumers: { audit: hung.sink }, clock, leaseMs: 30_000 });
    hung.hang(true);
    void first.dispatch(); // never settles: the process is gone
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(hung.told.map((e) => e.type)).toEqual(['guest_access.changed']);
    const survivor = consumer();
    const second = createDispatcher({ outbox: stores.outbox, consumers: { audit: survivor.sink }, clock, leaseMs: 30_000 });
    expect(await second.dispatch()).toMatchObject({ claimed: 0 });
    clock.advance(30_000);
    expect(await second.dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await second.dispatch()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(survivor.told.map((e) => e.id)).toEqual(stores.outbox.records().map((r) => r.event.id));
    expect(survivor.told[0]!.id).toBe(hung.told[0]!.id);
  });

  it('a consumer that never answers fails its attempt after consumerTimeoutMs: the round ends, the others have the event, stop is not held', async () => {
    const [stuck, audit] = [consumer(), consumer()];
    stuck.hang(true);
    const stores = createMemoryStores();
    const h = await harness({ options: { store: stores.guests, outbox: true } });
    await linkOn(h.access, 'room-1');
    const dispatcher = createDispatcher({ outbox: stores.outbox, consumers: { stuck: stuck.sink, audit: audit.sink }, leaseMs: 1000, consumerTimeoutMs: 50, retryDelayMs: 0, pollMs: 5 });
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 1, retried: 1 });
    expect(audit.told.map((e) => e.type)).toEqual(['guest_access.changed']);
    expect(stores.outbox.records()[0]).toMatchObject({ deliveredTo: ['audit'], lastError: 'stuck: Error: no answer within 50 ms' });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stopped = Date.now();
    await dispatcher.stop();
    expect(Date.now() - stopped).toBeLessThan(1000);
    expect(() => createDispatcher({ outbox: stores.outbox, consumers: {}, leaseMs: 1000, consumerTimeoutMs: 1000 })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('each consumer is told a frozen copy of its own: one that changes it fails, and changes nothing for the others or the outbox', async () => {
    const seen: AccessEvent[] = [];
    const meddler: EventSink = {
      async publish(event) {
        (event as { type: string }).type = 'guest.erased';
      },
    };
    const { access, dispatcher, stores } = await world({ consumers: { meddler, audit: { publish: async (event) => void seen.push(event) } } });
    await linkOn(access, 'room-1');
    expect(await dispatcher.dispatch()).toMatchObject({ claimed: 1, retried: 1 });
    expect(seen.map((e) => e.type)).toEqual(['guest_access.changed']);
    expect(Object.isFrozen(seen[0]) && Object.isFrozen(seen[0]!.detail)).toBe(true);
    expect(stores.outbox.records()[0]!.event.type).toBe('guest_access.changed');
    expect(stores.outbox.records()[0]!.lastError).toMatch(/^meddler: TypeError/);
  });

  it('an outbox that fails is STORAGE_FAILED, with its error as the cause; a clock that gives no instant is CLOCK_FAILED', async () => {
    const outbox = createMemoryOutbox();
    const down = new Error('database down');
    const broken = { ...outbox, claim: () => Promise.reject(down), listEvents: () => Promise.reject(down) };
    const dispatcher = createDispatcher({ outbox: broken, consumers: {} });
    await expect(dispatcher.dispatch()).rejects.toMatchObject({ code: 'STORAGE_FAILED', cause: down });
    await expect(dispatcher.listFailed()).rejects.toMatchObject({ code: 'STORAGE_FAILED', cause: down });
    const lost = createDispatcher({ outbox, consumers: {}, clock: { now: () => 'soon' as unknown as number } });
    await expect(lost.dispatch()).rejects.toMatchObject({ code: 'CLOCK_FAILED' });
  });

  it('start runs rounds until stop; stop waits for the round in progress', async () => {
    const audit = createMemoryEventLog();
    const stores = createMemoryStores();
    const h = await harness({ options: { store: stores.guests, outbox: true } });
    const dispatcher = createDispatcher({ outbox: stores.outbox, consumers: { audit }, pollMs: 5 });
    dispatcher.start();
    dispatcher.start();
    await linkOn(h.access, 'room-1');
    for (let i = 0; i < 200 && audit.events().length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await dispatcher.stop();
    expect(audit.events().map((e) => e.type)).toEqual(['guest_access.changed', 'guest_link.created']);
  });

  it('a round that cannot reach the outbox is told to onError, and the loop goes on', async () => {
    const errors: unknown[] = [];
    let down = true;
    const outbox = createMemoryOutbox();
    const flaky = { ...outbox, claim: (request: Parameters<typeof outbox.claim>[0]) => (down ? Promise.reject(new Error('database down')) : outbox.claim(request)) };
    const dispatcher = createDispatcher({ outbox: flaky, consumers: {}, pollMs: 2, onError: (error) => errors.push(error) });
    dispatcher.start();
    for (let i = 0; i < 200 && errors.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
    down = false;
    await dispatcher.stop();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toMatchObject({ code: 'STORAGE_FAILED', cause: new Error('database down') });
  });

  it('sweeps delivered and failed events after the retention, never a pending one', async () => {
    const { access, dispatcher, clock, stores } = await world();
    await linkOn(access, 'room-1');
    await dispatcher.dispatch();
    clock.advance(7 * 86_400_000);
    expect(await dispatcher.sweep()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.sweep()).toBe(1);
    expect(stores.outbox.records().map((r) => r.state)).toEqual(['pending']);
  });

  it('refuses options and arguments that cannot work', () => {
    const outbox = createMemoryOutbox();
    const bad: object[] = [
      {},
      { outbox },
      { outbox, consumers: { 'a b': createMemoryEventLog() } },
      { outbox, consumers: { audit: {} } },
      { outbox, consumers: {}, batchSize: 0 },
      { outbox, consumers: {}, leaseMs: 10 },
      { outbox, consumers: {}, maxAttempts: 1.5 },
      { outbox, consumers: {}, retryDelayMs: 10, maxRetryDelayMs: 5 },
      { outbox: {}, consumers: {} },
      { outbox, consumers: {}, clock: {} },
      { outbox, consumers: {}, onError: 'log' },
      { outbox, consumers: {}, consumerTimeoutMs: 0 },
    ];
    for (const options of bad) {
      expect(() => createDispatcher(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    const dispatcher = createDispatcher({ outbox, consumers: {} });
    return Promise.all([
      expect(dispatcher.listFailed({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' }),
      expect(dispatcher.retry('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' }),
      expect(dispatcher.sweep(0)).rejects.toSatisfy(isAccessLinksError),
    ]);
  });
});

describe('property: operations, dispatcher crashes and sweeps in any interleaving', () => {
  type Step =
    | { readonly kind: 'switch'; readonly entry: number; readonly on: boolean }
    | { readonly kind: 'create'; readonly entry: number }
    | { readonly kind: 'delete'; readonly link: number }
    | { readonly kind: 'join'; readonly link: number }
    | { readonly kind: 'admit' | 'decline' | 'leave'; readonly guest: number }
    | { readonly kind: 'storage-down' }
    | { readonly kind: 'dispatch' | 'crash' | 'sweep' | 'later' | 'hiccup' };
  const ENTRIES = ['room-1', 'video-1'] as const;
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('switch' as const), entry: fc.nat(1), on: fc.boolean() }),
    fc.record({ kind: fc.constant('create' as const), entry: fc.nat(1) }),
    fc.record({ kind: fc.constant('delete' as const), link: fc.nat(3) }),
    fc.record({ kind: fc.constant('join' as const), link: fc.nat(3) }),
    fc.record({ kind: fc.constantFrom('admit' as const, 'decline' as const, 'leave' as const), guest: fc.nat(5) }),
    fc.constant({ kind: 'storage-down' as const }),
    fc.constantFrom({ kind: 'dispatch' as const }, { kind: 'crash' as const }, { kind: 'sweep' as const }, { kind: 'later' as const }, { kind: 'hiccup' as const }),
  );

  it('every event of every completed change is delivered at least once, none of a change that failed, in order per entry, with its id', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.scheduler(), async (steps, s) => {
        const clock = createManualClock(Date.UTC(2026, 3, 16, 9));
        const stores = createMemoryStores();
        let down = false;
        let failNext = false;
        // A store whose writes fail, changing nothing, while the storage is down: the operation reads, then fails to write.
        const WRITES = new Set(['updateGuestAccess', 'insertLinkUnderCap', 'deleteLink', 'joinGuest', 'moveSession', 'leaveSession']);
        const store = new Proxy(stores.guests, {
          get: (target, key) => {
            const value = Reflect.get(target, key);
            return typeof value === 'function' && WRITES.has(String(key))
              ? (...args: unknown[]) => (down ? Promise.reject(new Error('storage down')) : (value as (...a: unknown[]) => unknown).apply(target, args))
              : value;
          },
        });
        const h = await harness({ options: { store, clock, outbox: true } });
        const access = h.access;
        // Delivered, in the order each consumer saw them; duplicates allowed.
        const told: AccessEvent[] = [];
        // The consumer fails its next calls after a hiccup.
        let hiccups = 0;
        const sink: EventSink = {
          publish: s.scheduleFunction(async (event: AccessEvent) => {
            if (hiccups > 0) {
              hiccups -= 1;
              throw new Error('consumer down');
            }
            told.push(event);
          }),
        };
        // A crashed dispatcher: its consumer takes the event and never answers.
        const lost: EventSink = { publish: async (event) => (told.push(event), new Promise(() => undefined)) };
        const dispatcher = () => createDispatcher({ outbox: stores.outbox, consumers: { audit: sink }, clock, leaseMs: 10_000, retryDelayMs: 1000, maxAttempts: 1000, retentionDays: 1 });
        const crashing = createDispatcher({ outbox: stores.outbox, consumers: { audit: lost }, clock, leaseMs: 10_000 });
        // What completed changes must have said, by (type, subject).
        const expected: string[] = [];
        const links: { id: string; token: string; entryId: string }[] = [];
        const guests: { id: string; token: string; entryId: string; status: string }[] = [];
        const enabled = new Map<string, boolean>();
        const rounds: Promise<unknown>[] = [];
        for (const each of steps) {
          down = failNext;
          failNext = false;
          switch (each.kind) {
            case 'storage-down':
              failNext = true;
              break;
            case 'switch': {
              const entryId = ENTRIES[each.entry]!;
              const result = await access.setGuestAccess({ actor: owner, entryId, enabled: each.on }).catch(() => null);
              if (result?.ok && (enabled.get(entryId) ?? false) !== each.on) expected.push(`guest_access.changed ${entryId}`);
              if (result?.ok) enabled.set(entryId, each.on);
              break;
            }
            case 'create': {
              const entryId = ENTRIES[each.entry]!;
              const result = await access.createGuestLink({ actor: owner, entryId, name: 'L' }).catch(() => null);
              if (result?.ok) {
                links.push({ id: result.value.id, token: result.value.token, entryId });
                expected.push(`guest_link.created ${result.value.id}`);
              }
              break;
            }
            case 'delete': {
              const link = links[each.link];
              if (!link) break;
              const result = await access.deleteGuestLink({ actor: owner, entryId: link.entryId, linkId: link.id }).catch(() => null);
              if (result?.ok) expected.push(`guest_link.deleted ${link.id}`);
              break;
            }
            case 'join': {
              const link = links[each.link];
              if (!link) break;
              const result = await access.joinGuestLink({ token: link.token, name: 'Guest', email: `g${guests.length}@example.org` }).catch(() => null);
              if (result?.ok) {
                guests.push({ id: result.value.session.id, token: result.value.token, entryId: link.entryId, status: result.value.session.status });
                expected.push(`guest.joined ${result.value.session.id}`);
              }
              break;
            }
            case 'admit':
            case 'decline': {
              const guest = guests[each.guest];
              if (!guest) break;
              const input = { actor: moderator, entryId: guest.entryId, sessionId: guest.id };
              const result = await (each.kind === 'admit' ? access.admitGuest(input) : access.declineGuest(input)).catch(() => null);
              const target = each.kind === 'admit' ? 'admitted' : 'declined';
              if (result?.ok && guest.status !== target) expected.push(`guest.${target} ${guest.id}`);
              if (result?.ok) guest.status = target;
              break;
            }
            case 'leave': {
              const guest = guests[each.guest];
              if (!guest) break;
              const result = await access.leaveGuestSession({ token: guest.token, entryId: guest.entryId }).catch(() => null);
              if (result?.ok) {
                expected.push(`guest.left ${guest.id}`);
                guest.status = 'left';
              }
              break;
            }
            case 'dispatch':
              rounds.push(dispatcher().dispatch());
              break;
            case 'crash':
              void crashing.dispatch();
              break;
            case 'sweep':
              rounds.push(dispatcher().sweep());
              break;
            case 'hiccup':
              hiccups = 2;
              break;
            case 'later':
              // Past every lease and back-off, and now and then past the retention.
              clock.advance(12 * 3_600_000);
              break;
          }
        }
        down = false;
        await s.waitFor(Promise.all(rounds));
        // Drain: leases run out, every event is delivered.
        for (let i = 0; i < 50; i += 1) {
          clock.advance(20_000);
          const round = dispatcher().dispatch();
          await s.waitFor(round);
          if ((await round).claimed === 0 && stores.outbox.records().every((r) => r.state !== 'pending')) break;
        }
        const written = stores.outbox.records().map((r) => r.event);
        // Every event delivered, at least once, as written.
        const byId = new Map(told.map((e) => [e.id, e]));
        for (const event of written) expect(byId.get(event.id)).toEqual(event);
        // Nothing else: the events of completed changes, and none of the failed ones (a sweep may have removed delivered records).
        const delivered = [...byId.values()].map((e) => `${e.type} ${e.subjectId}`).sort();
        expect(delivered).toEqual([...expected].sort());
        // In order per entry: the first delivery of each event follows the order the changes were made.
        for (const entryId of ENTRIES) {
          const firsts = [...new Map(told.filter((e) => e.entryId === entryId).map((e) => [e.id, e] as const)).keys()];
          expect(firsts).toEqual([...firsts].sort());
        }
      }),
      { numRuns: 60 },
    );
  });
});
