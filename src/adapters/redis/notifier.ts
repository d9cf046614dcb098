/**
 * A notifier over Redis pub/sub: every app server that shares one Redis hears what the others
 * changed. Publishing is one `PUBLISH`; listening needs a connection of its own, which Redis
 * keeps in subscriber mode.
 */
import { AccessLinksError } from '../../domain/errors';
import type { Notifier } from '../../ports/notifier';
import { overChannel } from '../notices/dispatch';

/**
 * What the notifier needs of Redis: to publish on a channel and to subscribe to one. Wire
 * node-redis with {@link pubSubOfNodeRedis} or ioredis with {@link pubSubOfIoredis}.
 *
 * @category Redis
 */
export interface RedisPubSub {
  /**
   * `PUBLISH channel message`.
   * @param channel - the channel.
   * @param message - the text.
   * @example
   * ```ts
   * import { createClient } from 'redis';
   * import { pubSubOfNodeRedis } from 'access-links/redis';
   *
   * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
   * const pubsub = pubSubOfNodeRedis(client, await client.duplicate().connect());
   * await pubsub.publish('access-links:notices', 'hello');
   * ```
   */
  publish(channel: string, message: string): Promise<unknown>;
  /**
   * `SUBSCRIBE channel`, on a connection of its own; resolves once subscribed.
   * @param channel - the channel.
   * @param onMessage - told each message.
   * @returns how to unsubscribe.
   * @example
   * ```ts
   * import { createClient } from 'redis';
   * import { pubSubOfNodeRedis } from 'access-links/redis';
   *
   * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
   * const pubsub = pubSubOfNodeRedis(client, await client.duplicate().connect());
   * const unsubscribe = await pubsub.subscribe('access-links:notices', (message) => console.log(message));
   * await unsubscribe();
   * ```
   */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
}

/**
 * The part of a node-redis client (version 4 or later) the notifier uses.
 *
 * @category Redis
 */
export interface NodeRedisPubSubLike {
  /**
   * `client.publish(channel, message)`.
   * @param channel - the channel.
   * @param message - the text.
   */
  publish(channel: string, message: string): Promise<unknown>;
  /**
   * `subscriber.subscribe(channel, listener)`.
   * @param channel - the channel.
   * @param listener - told each message.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  /**
   * `subscriber.unsubscribe(channel, listener)`.
   * @param channel - the channel.
   * @param listener - the listener given to `subscribe`.
   */
  unsubscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
}

/**
 * Wires node-redis: `client` publishes, and `subscriber` (a second connection, such as
 * `client.duplicate()`, connected) listens.
 *
 * @param client - the connected client that publishes.
 * @param subscriber - a connected client of its own for subscribing.
 * @returns the pub/sub, for {@link createRedisNotifier}.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisNotifier, pubSubOfNodeRedis } from 'access-links/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
 * const subscriber = await client.duplicate().connect();
 * const notifier = await createRedisNotifier(pubSubOfNodeRedis(client, subscriber));
 * ```
 *
 * @category Redis
 */
export function pubSubOfNodeRedis(client: NodeRedisPubSubLike, subscriber: NodeRedisPubSubLike): RedisPubSub {
  return {
    publish: (channel, message) => client.publish(channel, message),
    async subscribe(channel, onMessage) {
      const listener = (message: string) => onMessage(message);
      await subscriber.subscribe(channel, listener);
      return async () => void (await subscriber.unsubscribe(channel, listener));
    },
  };
}

/**
 * The part of an ioredis client the notifier uses.
 *
 * @category Redis
 */
export interface IoredisPubSubLike {
  /**
   * `redis.publish(channel, message)`.
   * @param channel - the channel.
   * @param message - the text.
   */
  publish(channel: string, message: string): Promise<unknown>;
  /**
   * `redis.subscribe(channel)`.
   * @param channel - the channel.
   */
  subscribe(channel: string): Promise<unknown>;
  /**
   * `redis.unsubscribe(channel)`.
   * @param channel - the channel.
   */
  unsubscribe(channel: string): Promise<unknown>;
  /**
   * `redis.on('message', listener)`.
   * @param event - `'message'`.
   * @param listener - told each channel and message.
   */
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  /**
   * `redis.off('message', listener)`.
   * @param event - `'message'`.
   * @param listener - the listener given to `on`.
   */
  off(event: 'message', listener: (channel: string, message: string) => void): unknown;
}

// How many subscriptions each ioredis subscriber holds, by channel: an ioredis connection
// unsubscribes a channel for all its listeners at once, so only the last one to stop does.
const subscriptions = new WeakMap<IoredisPubSubLike, Map<string, number>>();

/**
 * Wires ioredis: `redis` publishes, and `subscriber` (a second connection, such as
 * `redis.duplicate()`) listens.
 *
 * @param redis - the client that publishes.
 * @param subscriber - a client of its own for subscribing.
 * @returns the pub/sub, for {@link createRedisNotifier}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisNotifier, pubSubOfIoredis } from 'access-links/redis';
 *
 * const redis = new Redis(process.env.REDIS_URL!);
 * const notifier = await createRedisNotifier(pubSubOfIoredis(redis, redis.duplicate()));
 * ```
 *
 * @category Redis
 */
export function pubSubOfIoredis(redis: IoredisPubSubLike, subscriber: IoredisPubSubLike): RedisPubSub {
  return {
    publish: (channel, message) => redis.publish(channel, message),
    async subscribe(channel, onMessage) {
      const listener = (from: string, message: string) => {
        if (from === channel) onMessage(message);
      };
      const held = subscriptions.get(subscriber) ?? new Map<string, number>();
      subscriptions.set(subscriber, held);
      held.set(channel, (held.get(channel) ?? 0) + 1);
      subscriber.on('message', listener);
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        subscriber.off('message', listener);
        const left = (held.get(channel) ?? 1) - 1;
        if (left > 0) return void held.set(channel, left);
        held.delete(channel);
        await subscriber.unsubscribe(channel);
      };
      try {
        // Subscribing to a channel the connection is subscribed to already changes nothing.
        await subscriber.subscribe(channel);
      } catch (error) {
        await stop().catch(() => {});
        throw error;
      }
      return stop;
    },
  };
}

/**
 * Options of {@link createRedisNotifier}.
 *
 * @category Redis
 */
export interface RedisNotifierOptions {
  /**
   * The channel every server of one deployment shares; two deployments on one Redis take two.
   * @defaultValue `'access-links:notices'`
   */
  readonly channel?: string | undefined;
}

/**
 * A {@link Notifier} over Redis, with `close` to unsubscribe.
 *
 * @category Redis
 */
export interface RedisNotifier extends Notifier {
  /** The channel it publishes and listens on. */
  readonly channel: string;
  /**
   * Unsubscribes; publishing still works. The connections stay the host's to close.
   * @example
   * ```ts
   * import { createClient } from 'redis';
   * import { createRedisNotifier, pubSubOfNodeRedis } from 'access-links/redis';
   *
   * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
   * const notifier = await createRedisNotifier(pubSubOfNodeRedis(client, await client.duplicate().connect()));
   * process.on('SIGTERM', () => void notifier.close());
   * ```
   */
  close(): Promise<void>;
}

/**
 * Creates a notifier over Redis pub/sub: `publish` is one `PUBLISH` of a short notice, and every
 * server subscribed to the channel hears it. Resolves once subscribed. A subscriber connection
 * that drops misses what is published until the client has subscribed again (node-redis and
 * ioredis do that by themselves); the HTTP layer's heartbeats make up for it.
 *
 * @param pubsub - {@link pubSubOfNodeRedis} or {@link pubSubOfIoredis}.
 * @param options - the channel.
 * @returns the notifier; pass it as the services' `notifier` and the HTTP layer's `notifier`.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_OPTIONS` for a pub/sub or a channel that is not one.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisNotifier, pubSubOfNodeRedis } from 'access-links/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL! }).connect();
 * const notifier = await createRedisNotifier(pubSubOfNodeRedis(client, await client.duplicate().connect()));
 * const guests = createGuestLinks({ store: guestStore, directory, keyRing, guestLinkUrl: (t) => t, notifier });
 * ```
 *
 * @category Redis
 */
export async function createRedisNotifier(pubsub: RedisPubSub, options: RedisNotifierOptions = {}): Promise<RedisNotifier> {
  if (typeof pubsub?.publish !== 'function' || typeof pubsub.subscribe !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'createRedisNotifier takes a pub/sub: pubSubOfNodeRedis or pubSubOfIoredis.');
  }
  const channel = options.channel ?? 'access-links:notices';
  if (typeof channel !== 'string' || channel === '' || channel.length > 256) throw new AccessLinksError('INVALID_OPTIONS', 'channel must be 1 to 256 characters.');
  return { channel, ...(await overChannel((hear) => pubsub.subscribe(channel, hear), (text) => pubsub.publish(channel, text))) };
}
