/**
 * The conformance kit: the checks every storage adapter and mailer must pass, published so that
 * a team writing its own adapter runs exactly what the library's own adapters run. It forces no
 * test runner: each suite returns cases (a name and an async run) that {@link runConformance}
 * registers with vitest, jest or `node:test` alike.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { guestStoreConformance, runConformance } from 'access-links/testing';
 *
 * runConformance(
 *   guestStoreConformance(async () => ({ store: createMemoryGuestStore() })),
 *   test,
 * );
 * ```
 *
 * @module access-links/testing
 */
export { runConformance } from './testing/kit';
export type { AdapterFactory, AdapterUnderTest, ConformanceCase } from './testing/kit';
export { guestStoreConformance } from './testing/guest-store';
export type { GuestStorePeek } from './testing/guest-store';
export { inviteStoreConformance } from './testing/invite-store';
export type { InviteStorePeek } from './testing/invite-store';
export { mailerConformance } from './testing/mailer';
export type { DeliveredMessages } from './testing/mailer';
export { notifierConformance } from './testing/notifier';
export { outboxConformance } from './testing/outbox';
export type { StoresWithOutbox } from './testing/outbox';
export { rateLimiterConformance } from './testing/rate-limiter';
