/**
 * The Redis notifier on a real redis-server: the conformance kit through node-redis and
 * ioredis (a second notifier, on the other client, standing for another app server), channels
 * kept apart, and unsubscribing.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, describe, expect, inject, it, test } from 'vitest';
import { createRedisNotifier, pubSubOfIoredis, pubSubOfNodeRedis, type RedisPubSub } from '../src/redis';
import { notifierConformance, runConformance } from '../src/testing';
import { until } from './support/until';

const server = inject('redis');
const event = (entryId: string, subjectId: string) => ({ id: `ev-${subjectId}`, type: 'guest.declined' as const, at: 1, entryId, actorId: null, subjectId, detail: {} });

describe.skipIf(server === null)('the Redis notifier', () => {
  const clients: { close(): Promise<unknown> }[] = [];
  const nodeRedis = async (): Promise<RedisPubSub> => {
    const client = createClient({ socket: { path: server!.socket, tls: false } });
    client.on('error', () => undefined);
    await client.connect();
    const subscriber = client.duplicate();
    subscriber.on('error', () => undefined);
    await subscriber.connect();
    clients.push({ close: () => client.quit() }, { close: () => subscriber.quit() });
    return pubSubOfNodeRedis(client, subscriber);
  };
  const ioredis = async (): Promise<RedisPubSub> => {
    const redis = new Redis({ path: server!.socket, lazyConnect: true });
    await redis.connect();
    const subscriber = redis.duplicate();
    clients.push({ close: async () => redis.disconnect() }, { close: async () => subscriber.disconnect() });
    return pubSubOfIoredis(redis, subscriber);
  };

  afterAll(async () => {
    for (const client of clients) await client.close();
  });

  describe('passes the conformance kit, node-redis publishing to ioredis and back', () => {
    runConformance(
      notifierConformance(async () => {
        const [first, second] = await Promise.all([createRedisNotifier(await nodeRedis()), createRedisNotifier(await ioredis())]);
        return { store: first, second, cleanup: async () => void (await Promise.all([first.close(), second.close()])) };
      }),
      test,
    );
    runConformance(
      notifierConformance(async () => {
        const [first, second] = await Promise.all([createRedisNotifier(await ioredis(), { channel: 'other' }), createRedisNotifier(await nodeRedis(), { channel: 'other' })]);
        return { store: first, second, cleanup: async () => void (await Promise.all([first.close(), second.close()])) };
      }),
      test,
    );
  });

  it('keeps two channels apart, ignores messages that hold no notice, and hears nothing once closed', async () => {
    const pubsub = await nodeRedis();
    const a = await createRedisNotifier(pubsub, { channel: 'deployment-a' });
    const b = await createRedisNotifier(await ioredis(), { channel: 'deployment-b' });
    expect([a.channel, b.channel, (await createRedisNotifier(pubsub)).channel]).toEqual(['deployment-a', 'deployment-b', 'access-links:notices']);
    const heard: Record<string, string[]> = { a: [], b: [] };
    a.subscribe('room-1', (notice) => heard['a']!.push(notice.subjectId));
    b.subscribe('room-1', (notice) => heard['b']!.push(notice.subjectId));
    for (const junk of ['', 'not json', '[1,2,3,4]']) await pubsub.publish('deployment-a', junk);
    await a.publish(event('room-1', 'to-a'));
    await b.publish(event('room-1', 'to-b'));
    await until(() => heard['a']!.length === 1 && heard['b']!.length === 1, 'one notice each');
    await a.close();
    await a.close();
    await b.publish(event('room-1', 'to-b-again'));
    await a.publish(event('room-1', 'to-a-after-close'));
    await until(() => heard['b']!.length === 2, 'b still hears');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual({ a: ['to-a'], b: ['to-b', 'to-b-again'] });
    await b.close();
  });

  it('two notifiers on one subscriber and one channel: closing one leaves the other hearing, through either client', async () => {
    for (const wire of [nodeRedis, ioredis]) {
      const pubsub = await wire();
      const first = await createRedisNotifier(pubsub, { channel: 'shared' });
      const second = await createRedisNotifier(pubsub, { channel: 'shared' });
      const heard: string[] = [];
      second.subscribe('room-1', (notice) => heard.push(notice.subjectId));
      await first.close();
      await first.publish(event('room-1', 'after-the-first-closed'));
      await until(() => heard.length === 1, 'the second still hears');
      await second.close();
    }
  });

  it('refuses what it cannot work with', async () => {
    await expect(createRedisNotifier({} as never)).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createRedisNotifier(await nodeRedis(), { channel: '' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
