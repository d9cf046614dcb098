import type { AccessEvent, AccessEventType } from '../ports/events';
import type { AccessNotice, Notifier } from '../ports/notifier';
import { ensure, newEntryId, newId, same, withAdapter, type AdapterFactory, type ConformanceCase } from './kit';

/** How long a case waits for a notice that should come: a network notifier crosses a server. */
const PATIENCE_MS = 5_000;
/** How long a case waits to be sure a notice that should not come does not. */
const QUIET_MS = 300;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function eventOf(type: AccessEventType, entryId: string | null, subjectId: string, at = 1_800_000_000_000): AccessEvent {
  return { id: newId(), type, at, entryId, actorId: 'owner-1', subjectId, detail: { name: 'Ada', email: 'ada@example.org' } };
}

/** Collects notices; `until` waits for the first `count` of them. */
function collector() {
  const notices: AccessNotice[] = [];
  let wake = () => {};
  return {
    notices,
    listener: (notice: AccessNotice) => {
      notices.push(notice);
      wake();
    },
    async until(count: number, what: string): Promise<AccessNotice[]> {
      const deadline = Date.now() + PATIENCE_MS;
      while (notices.length < count) {
        const left = deadline - Date.now();
        ensure(left > 0, `${what}: ${count} notice(s) within ${PATIENCE_MS} ms, got ${notices.length}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(left, 50));
        });
      }
      return notices;
    },
  };
}

/**
 * The cases a {@link Notifier} must pass: a published event reaches a listener of its entry as a
 * notice with no detail and no actor, and no listener of another entry; a second notifier over
 * the same channel (another app server) hears what the first published, in order; every
 * listener of an entry is told, and one that throws keeps nothing from the others; a stopped
 * listener hears nothing more, and stopping twice is harmless; an event of no entry (an
 * erasure) is not carried.
 *
 * @param factory - makes a fresh notifier for each case, ready to deliver once it resolves
 * (`second`: another over the same channel, when there can be one).
 * @returns the cases; register them with {@link runConformance}.
 * @example
 * ```ts
 * runConformance(notifierConformance(async () => ({ store: createMemoryNotifier() })), test);
 * ```
 *
 * @category Suites
 */
export function notifierConformance(factory: AdapterFactory<Notifier>): ConformanceCase[] {
  return [
    withAdapter(factory, 'Notifier: a listener hears a notice of its entry, with no detail and no actor', async ({ store: notifier }) => {
      const entryId = newEntryId();
      const heard = collector();
      const other = collector();
      const stop = notifier.subscribe(entryId, heard.listener);
      const stopOther = notifier.subscribe(newEntryId(), other.listener);
      try {
        const subjectId = newId();
        await notifier.publish(eventOf('guest.admitted', entryId, subjectId, 1_800_000_000_123));
        const [notice] = await heard.until(1, 'the listener of the entry');
        same(notice, { type: 'guest.admitted', entryId, subjectId, at: 1_800_000_000_123 }, 'the notice');
        await sleep(QUIET_MS);
        same(other.notices.length, 0, 'notices heard by a listener of another entry');
        same(heard.notices.length, 1, 'notices heard for one event');
      } finally {
        stop();
        stopOther();
      }
    }),
    withAdapter(factory, 'Notifier: another notifier over the same channel hears what this one published, in order', async ({ store: notifier, second }) => {
      const listening = second ?? notifier;
      const entryId = newEntryId();
      const heard = collector();
      const stop = listening.subscribe(entryId, heard.listener);
      try {
        const subjects = Array.from({ length: 20 }, () => newId());
        for (const subjectId of subjects) await notifier.publish(eventOf('guest.joined', entryId, subjectId));
        const notices = await heard.until(subjects.length, 'the other server');
        same(notices.map((notice) => notice.subjectId), subjects, 'the notices, in the order they were published');
      } finally {
        stop();
      }
    }),
    withAdapter(factory, 'Notifier: every listener of an entry is told, and one that throws keeps nothing from the others', async ({ store: notifier }) => {
      const entryId = newEntryId();
      const first = collector();
      const last = collector();
      const stops = [
        notifier.subscribe(entryId, first.listener),
        notifier.subscribe(entryId, () => {
          throw new Error('a listener that fails');
        }),
        notifier.subscribe(entryId, last.listener),
      ];
      try {
        await notifier.publish(eventOf('guest_access.changed', entryId, entryId));
        await first.until(1, 'the first listener');
        await last.until(1, 'the listener after the one that threw');
        await notifier.publish(eventOf('room_lock.changed', entryId, entryId));
        await last.until(2, 'the listener after the one that threw, a second time');
      } finally {
        for (const stop of stops) stop();
      }
    }),
    withAdapter(factory, 'Notifier: a stopped listener hears nothing more, and stopping it twice is harmless', async ({ store: notifier }) => {
      const entryId = newEntryId();
      const stopped = collector();
      const kept = collector();
      const stop = notifier.subscribe(entryId, stopped.listener);
      const keep = notifier.subscribe(entryId, kept.listener);
      try {
        await notifier.publish(eventOf('guest.joined', entryId, newId()));
        await stopped.until(1, 'the listener before it stopped');
        stop();
        stop();
        await notifier.publish(eventOf('guest.joined', entryId, newId()));
        await kept.until(2, 'the listener that was kept');
        await sleep(QUIET_MS);
        same(stopped.notices.length, 1, 'notices heard after stopping');
      } finally {
        keep();
      }
    }),
    withAdapter(factory, 'Notifier: an event of no entry (an erasure) is not carried', async ({ store: notifier }) => {
      const entryId = newEntryId();
      const heard = collector();
      const stop = notifier.subscribe(entryId, heard.listener);
      try {
        await notifier.publish(eventOf('guest.erased', null, 'digest-of-an-address'));
        await notifier.publish(eventOf('guest.declined', entryId, 'after-the-erasure'));
        const notices = await heard.until(1, 'the event after the erasure');
        await sleep(QUIET_MS);
        same(notices.map((notice) => notice.subjectId), ['after-the-erasure'], 'the notices heard');
      } finally {
        stop();
      }
    }),
  ];
}
