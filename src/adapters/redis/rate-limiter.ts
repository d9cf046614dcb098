/**
 * A rate limiter over Redis: the same algorithm as the memory and PostgreSQL limiters, run as one
 * Lua script, so a request's limits are decided and counted in one atomic step on the server,
 * all or none, whichever app server asks.
 */
import { AccessLinksError } from '../../domain/errors';
import { checkKeyedLimits, gcraConstants, type KeyedLimit } from '../../domain/rate-limit';
import type { RateDecision, RateLimiter } from '../../ports/rate-limiter';

/**
 * What the adapter needs of a Redis client: to run one Lua script with `EVAL`. Wire node-redis
 * with {@link fromNodeRedis} or ioredis with {@link fromIoredis}, or implement it over another client.
 *
 * @category Redis
 */
export interface RedisScripts {
  /**
   * Runs `script` with `EVAL` and answers its reply.
   * @param script - the Lua script.
   * @param keys - the keys it touches (`KEYS`).
   * @param args - its other arguments (`ARGV`).
   * @returns the script's reply.
   * @example
   * ```ts
   * import { createClient } from 'redis';
   * import { fromNodeRedis } from 'access-links/redis';
   * const scripts = fromNodeRedis(await createClient().connect());
   * const reply = await scripts.evalScript("return redis.call('GET', KEYS[1])", ['some-key'], []);
   * ```
   */
  evalScript(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

/**
 * The part of a node-redis client (the `redis` package, version 4 or later) the adapter uses.
 *
 * @category Redis
 */
export interface NodeRedisLike {
  /**
   * `client.eval(script, { keys, arguments })`.
   * @param script - the Lua script.
   * @param options - its keys and arguments.
   */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/**
 * The part of an ioredis client the adapter uses.
 *
 * @category Redis
 */
export interface IoredisLike {
  /**
   * `redis.eval(script, numberOfKeys, ...keys, ...args)`.
   * @param script - the Lua script.
   * @param numberOfKeys - how many of the values that follow are keys.
   * @param keysAndArgs - the keys, then the arguments.
   */
  eval(script: string, numberOfKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/**
 * Wires a node-redis client (`createClient()` of the `redis` package, connected) to the adapter.
 *
 * @param client - the client.
 * @returns the script runner.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisRateLimiter, fromNodeRedis } from 'access-links/redis';
 * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
 * const limiter = createRedisRateLimiter(fromNodeRedis(client));
 * ```
 *
 * @category Redis
 */
export function fromNodeRedis(client: NodeRedisLike): RedisScripts {
  return { evalScript: (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] }) };
}

/**
 * Wires an ioredis client to the adapter.
 *
 * @param redis - the client.
 * @returns the script runner.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisRateLimiter, fromIoredis } from 'access-links/redis';
 * const limiter = createRedisRateLimiter(fromIoredis(new Redis(process.env.REDIS_URL!)));
 * ```
 *
 * @category Redis
 */
export function fromIoredis(redis: IoredisLike): RedisScripts {
  return { evalScript: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args) };
}

/**
 * Options of {@link createRedisRateLimiter}.
 *
 * @category Redis
 */
export interface RedisRateLimiterOptions {
  /**
   * The text every key starts with: 1 to 100 characters. The default holds a hash tag (`{…}`),
   * so that on a Redis Cluster all of a request's keys live in one slot, as one script needs.
   * @defaultValue `'{access-links}:rate:'`
   */
  readonly prefix?: string | undefined;
}

// The generic cell rate algorithm over every key of a request, all or none. KEYS are the keys;
// ARGV[1] is now, then for each key its emission interval and burst span (in microseconds, as
// now is) and '1' when it is counted or '0' when it is only checked. Each key holds its
// theoretical arrival time and expires when that time has passed, so nothing is left to sweep;
// an absent key has had no request yet. Answers 0 when allowed (and counted against every key
// but those only checked, which are neither written nor made), else the microseconds until every
// key would allow one more (counted against none).
const SCRIPT = `
local now = tonumber(ARGV[1])
local wait = 0
local next = {}
for i, key in ipairs(KEYS) do
  local tat = tonumber(redis.call('GET', key) or now)
  next[i] = math.max(tat, now) + tonumber(ARGV[3 * i - 1])
  wait = math.max(wait, next[i] - tonumber(ARGV[3 * i]) - now)
end
if wait > 0 then return string.format('%.0f', wait) end
for i, key in ipairs(KEYS) do
  if ARGV[3 * i + 1] == '1' then
    redis.call('SET', key, string.format('%.0f', next[i]), 'PX', math.ceil((next[i] - now) / 1000) + 1)
  end
end
return '0'
`;

// Gives back one count of one key: KEYS[1] is the key; ARGV[1] is now and ARGV[2] its emission
// interval (microseconds). A key whose time has passed, or none, is left as it is.
const REFUND = `
local tat = tonumber(redis.call('GET', KEYS[1]))
local now = tonumber(ARGV[1])
if tat == nil or tat <= now then return '0' end
local next = math.max(now, tat - tonumber(ARGV[2]))
if next <= now then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil((next - now) / 1000) + 1)
end
return '0'
`;

/**
 * A {@link RateLimiter} over Redis, so that a limit holds across every app server that shares
 * the Redis. Each request is one `EVAL` of a script that checks every key of the request and
 * counts against all or none (never against a key it only checks, `count: false`, which it
 * leaves unwritten); a key expires once its time has passed, so it needs no sweep.
 * Redis keeps the count in memory: a restart without persistence starts every limit afresh.
 *
 * @param redis - the Redis client, wired with {@link fromNodeRedis} or {@link fromIoredis}.
 * @param options - the key prefix.
 * @returns the limiter.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` when the client or the prefix is not one.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisRateLimiter, fromNodeRedis } from 'access-links/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
 * const handler = createHttpHandler({ guestLinks, authenticate: async () => null, rateLimiter: createRedisRateLimiter(fromNodeRedis(client)) });
 * ```
 *
 * @category Redis
 */
export function createRedisRateLimiter(redis: RedisScripts, options: RedisRateLimiterOptions = {}): RateLimiter {
  if (typeof redis?.evalScript !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'redis must be wired with fromNodeRedis or fromIoredis.');
  const prefix = options?.prefix ?? '{access-links}:rate:';
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 100) {
    throw new AccessLinksError('INVALID_OPTIONS', 'prefix must be text of 1 to 100 characters.');
  }
  return {
    async consume(limits: readonly KeyedLimit[], now: number): Promise<RateDecision> {
      checkKeyedLimits(limits);
      const args = [String(now * 1000)];
      for (const { limit, count } of limits) {
        const { interval, burst } = gcraConstants(limit);
        args.push(String(interval), String(burst), count === false ? '0' : '1');
      }
      const reply = await redis.evalScript(
        SCRIPT,
        limits.map(({ key }) => prefix + key),
        args,
      );
      const wait = Number(reply);
      if (!Number.isFinite(wait)) throw new AccessLinksError('STORAGE_FAILED', `The rate-limit script answered ${String(reply)}.`);
      if (wait <= 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1_000_000)) };
    },
    async refund(limit: KeyedLimit, now: number): Promise<void> {
      checkKeyedLimits([limit]);
      await redis.evalScript(REFUND, [prefix + limit.key], [String(now * 1000), String(gcraConstants(limit.limit).interval)]);
    },
  };
}
