import { describe, expect, test } from 'vitest';
import { createMemoryNotifier } from '../src/memory';
import { notifierConformance, runConformance } from '../src/testing';
import { decodeNotice, encodeNotice } from '../src/adapters/notices/dispatch';
import fc from 'fast-check';

describe('the memory notifier', () => {
  runConformance(notifierConformance(async () => ({ store: createMemoryNotifier() })), test);

  test('a stopped listener is forgotten, so an entry no one listens to holds nothing', () => {
    const notifier = createMemoryNotifier();
    const stops = [notifier.subscribe('room-1', () => {}), notifier.subscribe('room-1', () => {}), notifier.subscribe('room-2', () => {})];
    expect([notifier.listeners('room-1'), notifier.listeners()]).toEqual([2, 3]);
    for (const stop of stops) stop();
    expect([notifier.listeners('room-1'), notifier.listeners()]).toEqual([0, 0]);
  });

  test('the same function subscribed twice is two listeners, each stopped on its own', async () => {
    const notifier = createMemoryNotifier();
    const heard: string[] = [];
    const listener = (notice: { subjectId: string }) => heard.push(notice.subjectId);
    const first = notifier.subscribe('room-1', listener);
    notifier.subscribe('room-1', listener);
    first();
    await notifier.publish({ id: 'ev-1', type: 'guest.joined', at: 1, entryId: 'room-1', actorId: null, subjectId: 's', detail: {} });
    expect(heard).toEqual(['s']);
  });

  test('subscribe refuses what is not an entry id and a function', () => {
    const notifier = createMemoryNotifier();
    expect(() => notifier.subscribe(42 as never, () => {})).toThrow(TypeError);
    expect(() => notifier.subscribe('room-1', null as never)).toThrow(TypeError);
  });
});

describe('the text of a notice on a channel', () => {
  test('any notice comes back as it went', () => {
    fc.assert(
      fc.property(fc.record({ type: fc.constantFrom('guest.joined', 'guest.admitted'), entryId: fc.string(), subjectId: fc.string(), at: fc.integer() }), (notice) => {
        expect(decodeNotice(encodeNotice(notice as never))).toEqual(notice);
      }),
    );
  });

  test('text that holds no notice is none, whatever it is', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (text) => {
        const notice = decodeNotice(text);
        if (notice !== null) expect(Object.keys(notice)).toEqual(['type', 'entryId', 'subjectId', 'at']);
      }),
    );
    for (const text of ['', 'null', '[]', '["a","b","c"]', '["a","b","c","d"]', '[1,"b","c",2]', '{"type":"x"}', 'not json']) expect(decodeNotice(text)).toBeNull();
  });
});
