import type { AccessEvent } from '../../ports/events';
import type { Outbox, OutboxRecord } from '../../ports/outbox';

/**
 * An {@link Outbox} in memory, shared by the memory stores that write into it; a test can look
 * at what it holds.
 *
 * @category Stores
 */
export interface MemoryOutbox extends Outbox {
  /**
   * Writes events, as a store's change does in its own step. Synchronous, so that the change
   * and its events are one step.
   * @param events - the events, in order.
   * @example
   * ```ts
   * const outbox = createMemoryOutbox();
   * outbox.write([{ id: '01JDQ0000000000000000000EV', type: 'guest_access.changed', at: Date.now(), entryId: 'room-1', actorId: 'owner-1', subjectId: 'room-1', detail: { enabled: true } }]);
   * ```
   */
  write(events: readonly AccessEvent[]): void;
  /**
   * Copies of every event held, by position.
   * @returns the records.
   * @example
   * ```ts
   * const outbox = createMemoryOutbox();
   * console.log(outbox.records().length); // 0
   * ```
   */
  records(): OutboxRecord[];
}

type Held = { -readonly [K in keyof OutboxRecord]: OutboxRecord[K] } & { token: string | null };

/** A copy of an event: its detail holds plain values only, so two spreads copy it all. */
const copied = (event: AccessEvent): AccessEvent => ({ ...event, detail: { ...event.detail } });

/**
 * Creates an empty outbox in memory. Pass the same one to `createMemoryGuestStore` and
 * `createMemoryInviteStore` for one dispatcher to deliver both; `createMemoryStores` does.
 *
 * @returns the outbox.
 * @example
 * ```ts
 * const outbox = createMemoryOutbox();
 * const guestStore = createMemoryGuestStore({ outbox });
 * const dispatcher = createDispatcher({ outbox, consumers: { audit: createMemoryEventLog() } });
 * ```
 *
 * @category Stores
 */
export function createMemoryOutbox(): MemoryOutbox {
  // By position; settled records stay until swept.
  const held: Held[] = [];
  let next = 1;
  const copy = ({ token: _token, ...record }: Held): OutboxRecord => ({ ...record, event: copied(record.event), deliveredTo: [...record.deliveredTo] });
  return {
    name: 'memory',
    write(events) {
      for (const event of events) {
        held.push({ event: copied(event), position: next++, state: 'pending', attempts: 0, deliveredTo: [], lastError: null, availableAt: event.at, settledAt: null, token: null });
      }
    },
    records: () => held.map(copy),
    async claim({ now, until, limit, token }) {
      const seen = new Set<string>();
      const claimed: OutboxRecord[] = [];
      for (const record of held) {
        if (claimed.length >= limit) break;
        if (record.state !== 'pending') continue;
        const queue = record.event.entryId ?? '';
        // Only an entry's oldest pending event, and only when it is free: the entry's order holds.
        if (seen.has(queue)) continue;
        seen.add(queue);
        if (record.availableAt > now) continue;
        record.attempts += 1;
        record.availableAt = until;
        record.token = token;
        claimed.push(copy(record));
      }
      return claimed;
    },
    async settle({ id, token, state, deliveredTo, availableAt, error, at }) {
      const record = held.find((candidate) => candidate.event.id === id);
      if (record === undefined || record.state !== 'pending' || record.token !== token) return false;
      record.state = state;
      record.deliveredTo = [...deliveredTo];
      record.availableAt = availableAt;
      record.lastError = error;
      record.settledAt = state === 'pending' ? null : at;
      record.token = null;
      return true;
    },
    async listEvents({ state, after, limit }) {
      return held.filter((record) => record.state === state && (after === null || record.position > after)).slice(0, limit).map(copy);
    },
    async retry(eventId, now) {
      const record = held.find((candidate) => candidate.event.id === eventId);
      if (record === undefined || record.state !== 'failed') return false;
      Object.assign(record, { state: 'pending', attempts: 0, availableAt: now, settledAt: null, token: null });
      return true;
    },
    async sweep({ settledBefore, limit }) {
      let removed = 0;
      for (let index = 0; index < held.length && removed < limit; ) {
        const record = held[index]!;
        if (record.settledAt !== null && record.settledAt < settledBefore) {
          held.splice(index, 1);
          removed += 1;
        } else index += 1;
      }
      return removed;
    },
  };
}
