/**
 * The Redis adapter: a rate limiter and a notifier shared by every app server that shares one
 * Redis, with no dependency on a particular client. Wire node-redis with {@link fromNodeRedis} or ioredis with
 * {@link fromIoredis}, and pass the limiter to the HTTP layer's `rateLimiter`.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisRateLimiter, fromNodeRedis } from 'access-links/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
 * const rateLimiter = createRedisRateLimiter(fromNodeRedis(client));
 * ```
 *
 * @module access-links/redis
 */
export { createRedisRateLimiter, fromIoredis, fromNodeRedis } from './adapters/redis/rate-limiter';
export type { IoredisLike, NodeRedisLike, RedisRateLimiterOptions, RedisScripts } from './adapters/redis/rate-limiter';
export { createRedisNotifier, pubSubOfIoredis, pubSubOfNodeRedis } from './adapters/redis/notifier';
export type { IoredisPubSubLike, NodeRedisPubSubLike, RedisNotifier, RedisNotifierOptions, RedisPubSub } from './adapters/redis/notifier';
