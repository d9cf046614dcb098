/**
 * The dispatcher: hands the events the stores wrote to their consumers, at least once, in order
 * per entry, from as many servers as run one.
 */
import { monotonicFactory } from 'ulid';
import { AccessLinksError } from '../domain/errors';
import { instantOf, port, withTimeout } from './context';
import type { Clock } from '../ports/clock';
import type { AccessEvent, EventSink } from '../ports/events';
import type { Outbox, OutboxRecord } from '../ports/outbox';

/**
 * Options of {@link createDispatcher}.
 *
 * @category Events
 */
export interface DispatcherOptions {
  /** Where the events wait: `createMemoryStores().outbox`, `createPostgresStores(client).outbox`, or an adapter's. */
  readonly outbox: Outbox;
  /**
   * Who takes each event, by a name of 1 to 64 characters of `A–Z a–z 0–9 _ . : -` that stays
   * the same from one deploy to the next: the outbox remembers which consumers have an event, so
   * a retry goes only to those that failed. A consumer that throws (or rejects) has the event
   * again later.
   */
  readonly consumers: Readonly<Record<string, EventSink>>;
  /**
   * The source of "now".
   * @defaultValue the system clock
   */
  readonly clock?: Clock | undefined;
  /**
   * The most events claimed at once, 1 to 1,000; events of different entries are delivered side by side.
   * @defaultValue 50
   */
  readonly batchSize?: number | undefined;
  /**
   * How long a claim holds its events, in milliseconds (1,000 to 86,400,000): a dispatcher that
   * dies holding them lets them go after this long, and another delivers them again.
   * @defaultValue 60_000
   */
  readonly leaseMs?: number | undefined;
  /**
   * How long a consumer may take over one event, in milliseconds (1 to less than `leaseMs`):
   * past it, the attempt counts as failed and the round goes on; the call itself is not
   * stopped, and may still finish. It keeps a consumer that never answers from holding the
   * dispatcher, and an attempt from outliving its lease (when another dispatcher could take the
   * event again).
   * @defaultValue half of `leaseMs`
   */
  readonly consumerTimeoutMs?: number | undefined;
  /**
   * How many attempts in all (1 to 1,000) an event has before it is `failed` and kept aside (the
   * entry's next events go on). {@link Dispatcher.retry} puts it back.
   * @defaultValue 10
   */
  readonly maxAttempts?: number | undefined;
  /**
   * The wait after a first failed attempt, in milliseconds (0 to 86,400,000); each next wait
   * doubles, up to `maxRetryDelayMs`.
   * @defaultValue 1_000
   */
  readonly retryDelayMs?: number | undefined;
  /**
   * The longest wait between two attempts, in milliseconds (`retryDelayMs` to 604,800,000).
   * @defaultValue 3_600_000 (an hour)
   */
  readonly maxRetryDelayMs?: number | undefined;
  /**
   * How long {@link Dispatcher.start} waits before looking again when nothing was waiting, in
   * milliseconds (1 to 3,600,000).
   * @defaultValue 1_000
   */
  readonly pollMs?: number | undefined;
  /**
   * How long delivered and failed events are kept before {@link Dispatcher.sweep} removes them,
   * in days (1 to 3,650).
   * @defaultValue 7
   */
  readonly retentionDays?: number | undefined;
  /**
   * Told when a round fails as a whole (the outbox cannot be read or written:
   * `STORAGE_FAILED`, with the outbox's error as `cause`; a clock that fails: `CLOCK_FAILED`);
   * the loop of {@link Dispatcher.start} goes on after `pollMs`. A consumer's failure is not an
   * error here: it is kept on the event. Whatever `onError` throws is ignored.
   * @defaultValue ignore it
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * What one round of {@link Dispatcher.dispatch} did.
 *
 * @category Events
 */
export interface DispatchRound {
  /** Events claimed. */
  readonly claimed: number;
  /** Of them, delivered to every consumer. */
  readonly delivered: number;
  /** Of them, to be tried again later. */
  readonly retried: number;
  /** Of them, given up on after their last attempt. */
  readonly failed: number;
  /** Of them, whose claim had lapsed and been taken by another dispatcher before this one settled them. */
  readonly lost: number;
}

/**
 * Delivers the events of an {@link Outbox} to its consumers.
 *
 * @category Events
 */
export interface Dispatcher {
  /**
   * One round: claims a batch, hands each event to every consumer that does not have it yet,
   * and settles each. Several dispatchers, in one process or on many servers, never claim the
   * same event at once; an entry's events are handed out one after another, in the order their
   * changes were written.
   * @returns what the round did.
   * @example
   * ```ts
   * const outbox = createMemoryOutbox();
   * const log = createMemoryEventLog();
   * const dispatcher = createDispatcher({ outbox, consumers: { audit: log } });
   * const guests = createGuestLinks({ store: createMemoryGuestStore({ outbox }), directory, keyRing, guestLinkUrl: (t) => t, outbox: true });
   * await guests.setGuestAccess({ actor: owner, entryId: 'room-1', enabled: true });
   * await dispatcher.dispatch(); // { claimed: 1, delivered: 1, retried: 0, failed: 0, lost: 0 }
   * log.events().map((event) => event.type); // ['guest_access.changed']
   * ```
   */
  dispatch(): Promise<DispatchRound>;
  /**
   * Runs rounds until {@link Dispatcher.stop}: at once again after a full batch, after
   * `pollMs` otherwise. Calling it while running does nothing.
   * @example
   * ```ts
   * const dispatcher = createDispatcher({ outbox: createMemoryOutbox(), consumers: { audit: createMemoryEventLog() }, pollMs: 50 });
   * dispatcher.start();
   * await dispatcher.stop();
   * ```
   */
  start(): void;
  /**
   * Stops the loop of {@link Dispatcher.start}, and resolves once its round in progress has
   * settled what it claimed.
   * @example
   * ```ts
   * const dispatcher = createDispatcher({ outbox: createMemoryOutbox(), consumers: {} });
   * dispatcher.start();
   * await dispatcher.stop(); // the loop has ended
   * ```
   */
  stop(): Promise<void>;
  /**
   * Lists the events given up on, oldest first.
   * @param page - at most `limit` (1 to 500, default 50), after the `position` of the previous page's last.
   * @returns the failed events, with the error of their last attempt.
   * @example
   * ```ts
   * const failed = await createDispatcher({ outbox: createMemoryOutbox(), consumers: {} }).listFailed();
   * console.log(failed.length); // 0
   * ```
   */
  listFailed(page?: { readonly after?: number | null | undefined; readonly limit?: number | undefined }): Promise<OutboxRecord[]>;
  /**
   * Puts a failed event back in the queue, with its attempts reset: it goes to the consumers
   * that did not have it, after its entry's pending events written before it.
   * @param eventId - the event's id.
   * @returns whether it was failed and is pending again.
   * @example
   * ```ts
   * await createDispatcher({ outbox: createMemoryOutbox(), consumers: {} }).retry('01JDQ0000000000000000000EV'); // false
   * ```
   */
  retry(eventId: string): Promise<boolean>;
  /**
   * Removes delivered and failed events settled more than `retentionDays` ago, up to `limit`;
   * never a pending one.
   * @param limit - the most to remove in one call, 1 to 10,000 (default 500).
   * @returns how many were removed.
   * @example
   * ```ts
   * await createDispatcher({ outbox: createMemoryOutbox(), consumers: {} }).sweep(); // 0
   * ```
   */
  sweep(limit?: number): Promise<number>;
}

const CONSUMER_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const DAY_MS = 86_400_000;

/** A whole number in [min, max], or the misuse of giving anything else. */
function wholeNumber(value: unknown, fallback: number, name: string, min: number, max: number, code: 'INVALID_OPTIONS' | 'INVALID_ARGUMENT' = 'INVALID_OPTIONS'): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AccessLinksError(code, `${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** A value frozen all the way down, so that no consumer changes what another is told. */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** What an error says, short enough to keep on an event. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/**
 * Creates a dispatcher: the one way events leave the outbox. Turn the outbox on in the services
 * (`outbox: true`), give the dispatcher the same outbox and the consumers, and `start()` it on
 * every server, or on some: they share the work without doing it twice.
 *
 * Delivery is at least once: a consumer may be told an event again (after a crash, or a lease
 * that ran out), always with the same `id`, so a consumer that must not act twice keeps the ids
 * it has seen. Each consumer is told a frozen copy of its own.
 *
 * Per entry, an event is handed out only once the entry's events written before it are
 * delivered to every consumer or failed: order holds for the event as a whole. So one entry
 * delivers one event at a time (its pace is that of its slowest consumer), and a consumer that
 * keeps failing holds that entry's next events back, for every consumer, until the event is
 * delivered or given up on (`maxAttempts`, `maxRetryDelayMs`). Other entries go on.
 *
 * @param options - the outbox, the consumers, and optionally the pace of retries.
 * @returns the dispatcher, not yet started.
 * @example
 * ```ts
 * const { guests, invites, outbox } = createMemoryStores();
 * const audit = createMemoryEventLog();
 * const dispatcher = createDispatcher({ outbox, consumers: { audit } });
 * dispatcher.start();
 * // … on shutdown:
 * await dispatcher.stop();
 * ```
 *
 * @category Events
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  if (options === null || typeof options !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'Options must be an object.');
  const { outbox, consumers } = options;
  if (outbox === null || typeof outbox !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'Options lack outbox.');
  if (consumers === null || typeof consumers !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'Options lack consumers.');
  const named = Object.entries(consumers);
  for (const [name, sink] of named) {
    if (!CONSUMER_NAME.test(name)) throw new AccessLinksError('INVALID_OPTIONS', `The consumer name ${JSON.stringify(name)} must be 1 to 64 characters of A-Z a-z 0-9 _ . : -.`);
    if (sink === null || typeof sink !== 'object' || typeof sink.publish !== 'function') {
      throw new AccessLinksError('INVALID_OPTIONS', `The consumer ${name} must have a publish method.`);
    }
  }
  for (const method of ['claim', 'settle', 'listEvents', 'retry', 'sweep'] as const) {
    if (typeof outbox[method] !== 'function') throw new AccessLinksError('INVALID_OPTIONS', `The outbox has no ${method} method.`);
  }
  if (options.clock !== undefined && (options.clock === null || typeof options.clock.now !== 'function')) {
    throw new AccessLinksError('INVALID_OPTIONS', 'clock must have a now method.');
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'onError must be a function.');
  const clock = options.clock ?? { now: () => Date.now() };
  const batchSize = wholeNumber(options.batchSize, 50, 'batchSize', 1, 1000);
  const leaseMs = wholeNumber(options.leaseMs, 60_000, 'leaseMs', 1000, 86_400_000);
  const consumerTimeoutMs = wholeNumber(options.consumerTimeoutMs, Math.floor(leaseMs / 2), 'consumerTimeoutMs', 1, leaseMs - 1);
  const maxAttempts = wholeNumber(options.maxAttempts, 10, 'maxAttempts', 1, 1000);
  const retryDelayMs = wholeNumber(options.retryDelayMs, 1000, 'retryDelayMs', 0, 86_400_000);
  const maxRetryDelayMs = wholeNumber(options.maxRetryDelayMs, 3_600_000, 'maxRetryDelayMs', retryDelayMs, 7 * 86_400_000);
  const pollMs = wholeNumber(options.pollMs, 1000, 'pollMs', 1, 3_600_000);
  const retentionDays = wholeNumber(options.retentionDays, 7, 'retentionDays', 1, 3650);
  const onError = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // The loop goes on.
    }
  };
  const token = monotonicFactory();
  const now = (): number => instantOf(clock);
  /** An outbox call, its failure as STORAGE_FAILED. */
  const stored = <T>(call: () => Promise<T>): Promise<T> => port('STORAGE_FAILED', call, outbox.name);
  /** One consumer's attempt at one event: its own frozen copy, within the time a consumer has. */
  const attempt = (sink: EventSink, event: AccessEvent): Promise<void> =>
    withTimeout((async () => sink.publish(frozen(structuredClone(event))))(), consumerTimeoutMs, `no answer within ${consumerTimeoutMs} ms`);

  /** Hands one claimed event to the consumers that lack it, and says how it went. */
  async function deliver(record: OutboxRecord, claim: string): Promise<keyof Omit<DispatchRound, 'claimed'>> {
    const has = new Set(record.deliveredTo);
    const errors: string[] = [];
    await Promise.all(
      named.map(async ([name, sink]) => {
        if (has.has(name)) return;
        try {
          await attempt(sink, record.event);
          has.add(name);
        } catch (error) {
          errors.push(`${name}: ${errorText(error)}`);
        }
      }),
    );
    const at = now();
    const done = errors.length === 0;
    const state = done ? 'delivered' : record.attempts >= maxAttempts ? 'failed' : 'pending';
    const delay = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** Math.min(record.attempts - 1, 40));
    const settled = await stored(() => outbox.settle({
      id: record.event.id,
      token: claim,
      state,
      deliveredTo: named.map(([name]) => name).filter((name) => has.has(name)).concat(record.deliveredTo.filter((name) => !(name in consumers))),
      availableAt: done ? at : at + delay,
      error: done ? null : errors.sort().join('; '),
      at,
    }));
    if (!settled) return 'lost';
    return state === 'delivered' ? 'delivered' : state === 'failed' ? 'failed' : 'retried';
  }

  async function dispatch(): Promise<DispatchRound> {
    const at = now();
    const claim = token(at);
    const records = await stored(() => outbox.claim({ now: at, until: at + leaseMs, limit: batchSize, token: claim }));
    const outcomes = await Promise.all(records.map((record) => deliver(record, claim)));
    const count = (outcome: string) => outcomes.filter((each) => each === outcome).length;
    return { claimed: records.length, delivered: count('delivered'), retried: count('retried'), failed: count('failed'), lost: count('lost') };
  }

  let running: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;

  async function loop(): Promise<void> {
    while (!stopping) {
      let full = false;
      try {
        full = (await dispatch()).claimed >= batchSize;
      } catch (error) {
        onError(error);
      }
      if (full || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    dispatch,
    start() {
      if (running !== null) return;
      stopping = false;
      running = loop().finally(() => {
        running = null;
      });
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
    },
    async listFailed(page = {}) {
      const limit = wholeNumber(page.limit, 50, 'limit', 1, 500, 'INVALID_ARGUMENT');
      const after = page.after ?? null;
      if (after !== null && (typeof after !== 'number' || !Number.isSafeInteger(after))) throw new AccessLinksError('INVALID_ARGUMENT', 'after must be a position.');
      return stored(() => outbox.listEvents({ state: 'failed', after, limit }));
    },
    async retry(eventId) {
      if (typeof eventId !== 'string' || eventId.length === 0 || eventId.length > 64) throw new AccessLinksError('INVALID_ARGUMENT', 'eventId must be an event id.');
      const at = now();
      return stored(() => outbox.retry(eventId, at));
    },
    async sweep(limit = 500) {
      const most = wholeNumber(limit, 500, 'limit', 1, 10_000, 'INVALID_ARGUMENT');
      const at = now();
      return stored(() => outbox.sweep({ settledBefore: at - retentionDays * DAY_MS, limit: most }));
    },
  };
}
