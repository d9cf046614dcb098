/**
 * What every notifier shares: a notice made from an event, its text on a channel, and the
 * listeners of this process by entry. An adapter only moves the text between servers.
 */
import type { AccessEvent, AccessEventType } from '../../ports/events';
import type { AccessNotice, NoticeListener, Notifier, Unsubscribe } from '../../ports/notifier';

/** @internal The notice of an event, or `null` for one of no entry (an erasure). */
export function noticeOf(event: AccessEvent): AccessNotice | null {
  if (typeof event.entryId !== 'string') return null;
  return { type: event.type, entryId: event.entryId, subjectId: event.subjectId, at: event.at };
}

/** @internal A notice as the text a channel carries. */
export function encodeNotice(notice: AccessNotice): string {
  return JSON.stringify([notice.type, notice.entryId, notice.subjectId, notice.at]);
}

/** @internal The notice a channel's text holds, or `null` for text that holds none. */
export function decodeNotice(text: unknown): AccessNotice | null {
  if (typeof text !== 'string') return null;
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 4) return null;
  const [type, entryId, subjectId, at] = parts as unknown[];
  if (typeof type !== 'string' || typeof entryId !== 'string' || typeof subjectId !== 'string' || typeof at !== 'number') return null;
  return { type: type as AccessEventType, entryId, subjectId, at };
}

/** @internal The listeners of one process, by entry. */
export interface NoticeDispatch {
  subscribe(entryId: string, listener: NoticeListener): Unsubscribe;
  /** Tells each listener of the notice's entry; a listener that throws is ignored. */
  deliver(notice: AccessNotice): void;
  /** How many listeners there are, of one entry or of all. */
  count(entryId?: string): number;
}

/** @internal Makes an empty dispatch. */
export function createNoticeDispatch(): NoticeDispatch {
  const byEntry = new Map<string, Set<NoticeListener>>();
  return {
    subscribe(entryId, listener) {
      if (typeof entryId !== 'string' || typeof listener !== 'function') throw new TypeError('subscribe takes an entry id and a function.');
      // Each subscription is its own, even for a function given twice.
      const own: NoticeListener = (notice) => listener(notice);
      let listeners = byEntry.get(entryId);
      if (listeners === undefined) byEntry.set(entryId, (listeners = new Set()));
      listeners.add(own);
      return () => {
        const current = byEntry.get(entryId);
        if (current === undefined || !current.delete(own)) return;
        if (current.size === 0) byEntry.delete(entryId);
      };
    },
    deliver(notice) {
      const listeners = byEntry.get(notice.entryId);
      if (listeners === undefined) return;
      for (const listener of [...listeners]) {
        try {
          listener(notice);
        } catch {
          // One listener failing must not keep the notice from the others.
        }
      }
    },
    count(entryId) {
      if (entryId !== undefined) return byEntry.get(entryId)?.size ?? 0;
      let total = 0;
      for (const listeners of byEntry.values()) total += listeners.size;
      return total;
    },
  };
}

/**
 * @internal A notifier over a channel of text between servers: `listen` hears every text of the
 * channel (and answers how to stop), `send` puts one on it. Texts that hold no notice are passed
 * over; `close` stops listening once, however often it is called.
 */
export async function overChannel(
  listen: (hear: (text: unknown) => void) => Promise<() => Promise<void>>,
  send: (text: string) => Promise<unknown>,
): Promise<Notifier & { close(): Promise<void> }> {
  const dispatch = createNoticeDispatch();
  const stop = await listen((text) => {
    const notice = decodeNotice(text);
    if (notice !== null) dispatch.deliver(notice);
  });
  let closing: Promise<void> | null = null;
  return {
    async publish(event) {
      const notice = noticeOf(event);
      if (notice !== null) await send(encodeNotice(notice));
    },
    subscribe: (entryId, listener) => dispatch.subscribe(entryId, listener),
    close: () => (closing ??= stop()),
  };
}
