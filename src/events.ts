/**
 * The dispatcher: the one way events leave the outbox. Turn the outbox on in the services
 * (`outbox: true`), and `createDispatcher` hands each event the stores wrote to your consumers
 * (an audit log, webhooks, a queue), at least once and in order per entry, from as many servers
 * as run one.
 *
 * @example
 * ```ts
 * import { createDispatcher } from 'access-links/events';
 * const { guests, outbox } = createMemoryStores();
 * const dispatcher = createDispatcher({ outbox, consumers: { audit: createMemoryEventLog() } });
 * dispatcher.start();
 * await dispatcher.stop();
 * ```
 *
 * @module access-links/events
 */
export { createDispatcher } from './services/dispatcher';
export type { Dispatcher, DispatcherOptions, DispatchRound } from './services/dispatcher';
