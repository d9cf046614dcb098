/**
 * The Redis rate limiter on a real Redis server, through node-redis and ioredis: the conformance
 * kit's cases (races included) with two clients on one server, limits shared by two app servers'
 * handlers, and a Redis that goes away failing as a typed storage failure (503), never a pass.
 */
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, inject, it, test } from 'vitest';
import { createHttpHandler } from '../src/http';
import { createRedisRateLimiter, fromIoredis, fromNodeRedis, type RedisScripts } from '../src/redis';
import { rateLimiterConformance, runConformance } from '../src/testing';
import { harness, ok, owner } from './harness';
import { joinsAcross } from './support/joins';

const server = inject('redis');

describe.skipIf(server === null)('the Redis rate limiter', () => {
  let nodeRedis: ReturnType<typeof createClient>;
  let ioredis: Redis;
  let viaNodeRedis: RedisScripts;
  let viaIoredis: RedisScripts;

  beforeAll(async () => {
    nodeRedis = createClient({ socket: { path: server!.socket, tls: false } });
    nodeRedis.on('error', () => undefined);
    await nodeRedis.connect();
    ioredis = new Redis({ path: server!.socket, lazyConnect: true });
    await ioredis.connect();
    viaNodeRedis = fromNodeRedis(nodeRedis);
    viaIoredis = fromIoredis(ioredis);
  });

  afterAll(async () => {
    await nodeRedis?.quit();
    ioredis?.disconnect();
  });

  describe('passes the conformance kit through node-redis and ioredis', () => {
    runConformance(rateLimiterConformance(async () => ({ store: createRedisRateLimiter(viaNodeRedis), second: createRedisRateLimiter(viaIoredis) })), test);
    runConformance(rateLimiterConformance(async () => ({ store: createRedisRateLimiter(viaIoredis, { prefix: 'other:' }), second: createRedisRateLimiter(viaNodeRedis, { prefix: 'other:' }) })), test);
  });

  it('keeps each key only until its time has passed, under the prefix', async () => {
    const limiter = createRedisRateLimiter(viaNodeRedis, { prefix: 'ttl-test:' });
    const now = Date.now();
    expect(await limiter.consume([{ key: 'k', limit: { limit: 10, windowSeconds: 60 } }], now)).toEqual({ allowed: true });
    // One request of ten a minute: 6 s of emission interval, so the key lives about 6 s.
    const ttl = await nodeRedis.pTTL('ttl-test:k');
    expect(ttl).toBeGreaterThan(5_000);
    expect(ttl).toBeLessThanOrEqual(6_002);
  });

  it('lets two app servers share one count: 10 joins of one client a minute in all, not 10 each', async () => {
    const h = await harness();
    ok(await h.access.setGuestAccess({ actor: owner, entryId: 'video-1', enabled: true }));
    const link = ok(await h.access.createGuestLink({ actor: owner, entryId: 'video-1', name: 'Launch' }));
    const client = `client-${Date.now()}`;
    const servers = [viaNodeRedis, viaIoredis].map((redis) =>
      createHttpHandler({ guestLinks: h.access, authenticate: () => null, clientKey: () => client, clock: h.clock, rateLimiter: createRedisRateLimiter(redis) }),
    );
    const statuses = await joinsAcross(servers, link.token, 16);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
  });

  it('fails as a storage failure when Redis cannot answer, and the handler answers 503', async () => {
    const gone = createClient({ socket: { path: server!.socket, tls: false, reconnectStrategy: false } });
    gone.on('error', () => undefined);
    await gone.connect();
    await gone.quit();
    const limiter = createRedisRateLimiter(fromNodeRedis(gone));
    await expect(limiter.consume([{ key: 'k', limit: { limit: 1, windowSeconds: 1 } }], Date.now())).rejects.toThrow();
    const h = await harness();
    const handler = createHttpHandler({ guestLinks: h.access, authenticate: () => null, clientKey: () => 'c', clock: h.clock, rateLimiter: limiter });
    const response = await handler(new Request('https://media.example.org/access-links/guest-links/not-a-token'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('refuses a client that is not wired, a bad prefix, and a script answer that is not a number', async () => {
    for (const redis of [undefined, null, {}, { evalScript: 'no' }]) {
      expect(() => createRedisRateLimiter(redis as never)).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    for (const prefix of ['', 'x'.repeat(101), 7]) {
      expect(() => createRedisRateLimiter(viaNodeRedis, { prefix: prefix as never })).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    }
    const odd = createRedisRateLimiter({ evalScript: async () => 'OK' });
    await expect(odd.consume([{ key: 'k', limit: { limit: 1, windowSeconds: 1 } }], Date.now())).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
  });
});
