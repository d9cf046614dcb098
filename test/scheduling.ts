/**
 * Helpers for racing calls on purpose under fast-check's scheduler.
 */
import type fc from 'fast-check';

/** Wraps every async method of a port so that the scheduler decides when each call resolves. */
export function scheduled<T extends object>(s: fc.Scheduler, port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => s.schedule(Promise.resolve(), String(key)).then(() => value.apply(target, args));
    },
  });
}

/**
 * Runs concurrent calls to completion under the scheduler. Before each release it lets the
 * event loop turn, so that every call still in Web Crypto reaches its next store call and
 * waits there: the scheduler then picks among all of them, not only the first to arrive.
 */
export async function settle<T>(s: fc.Scheduler, calls: Promise<T>): Promise<T> {
  let done = false;
  calls.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    if (s.count() > 0) await s.waitOne();
  }
  return calls;
}

