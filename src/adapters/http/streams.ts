/**
 * Server-sent events: a waiting guest's session and a moderator's lobby, pushed as they change.
 * A notice only says "look again": a stream reads the state through the library on a notice of
 * its entry and on every heartbeat, so a notice missed between servers costs one heartbeat.
 */
import type { Notifier } from '../../ports/notifier';
import { headersOf, refuse, type HeaderPair } from './responses';

const encoder = new TextEncoder();

/** @internal What a stream's work may do: send an event, keep the connection alive, end it. */
export interface Stream {
  /** Sends an event whose data is `json`, one line of JSON. */
  send(event: string, json: string): void;
  ping(): void;
  end(): void;
}

/**
 * @internal A stream's work: starts with the response; answers how to stop it, and what to do
 * on each heartbeat (a `false` from it, or a throw, ends the stream).
 */
export type StreamWork = (stream: Stream) => { stop(): void; tick(): Promise<boolean> };

/** @internal The stream settings of a handler. */
export interface StreamSettings {
  readonly notifier: Notifier;
  readonly maxStreamsPerEntry: number;
  readonly heartbeatSeconds: number;
}

/** @internal The streams of one handler, counted by entry. */
export function createStreams(settings: StreamSettings) {
  const open = new Map<string, number>();

  /** One of the entry's places, as the function that gives it back; a 503 when all are taken. */
  const take = (entryId: string): (() => void) | Response => {
    const count = open.get(entryId) ?? 0;
    if (count >= settings.maxStreamsPerEntry) return refuse('TOO_MANY_STREAMS', [['retry-after', String(settings.heartbeatSeconds)]]);
    open.set(entryId, count + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = open.get(entryId)! - 1;
      if (left > 0) open.set(entryId, left);
      else open.delete(entryId);
    };
  };

  /**
   * An event-stream response: `work` runs as it starts, its `tick` on every heartbeat. Ending,
   * by either side, stops the work and gives the place back.
   */
  const respond = (request: Request, extra: readonly HeaderPair[], release: () => void, work: StreamWork): Response => {
    let ended = false;
    let stop = () => {};
    let timer: ReturnType<typeof setInterval> | undefined;
    let close = () => {};
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      request.signal?.removeEventListener('abort', end);
      stop();
      release();
      close();
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          if (!ended) controller.enqueue(encoder.encode(text));
        };
        close = () => {
          try {
            controller.close();
          } catch {
            // Already closed by the other side.
          }
        };
        // JSON has no line break of its own, so the data is one line.
        const stream: Stream = { send: (event, json) => write(`event: ${event}\ndata: ${json}\n\n`), ping: () => write(':\n\n'), end };
        write('retry: 2000\n\n');
        request.signal?.addEventListener('abort', end);
        const { stop: halt, tick } = work(stream);
        stop = halt;
        if (ended) return halt();
        timer = setInterval(() => {
          tick().then(
            (going) => (going ? stream.ping() : end()),
            () => end(),
          );
        }, settings.heartbeatSeconds * 1000);
      },
      cancel() {
        close = () => {};
        end();
      },
    });
    const headers = headersOf(extra);
    headers.set('content-type', 'text/event-stream; charset=utf-8');
    // Proxies such as nginx hold a response back unless told not to.
    headers.set('x-accel-buffering', 'no');
    return new Response(body, { status: 200, headers });
  };

  /**
   * Runs `look` whenever `poke` is called, one look at a time: pokes during a look ask for one
   * more after it.
   */
  const serial = (look: () => Promise<void>) => {
    let running: Promise<void> | null = null;
    let again = false;
    const poke = (): Promise<void> => {
      if (running !== null) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await look();
          } while (again);
        } finally {
          running = null;
        }
      })();
      return running;
    };
    return poke;
  };

  return { take, respond, serial };
}
