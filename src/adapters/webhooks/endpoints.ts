import { AccessLinksError } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { AccessEvent, AccessEventType, EventSink } from '../../ports/events';
import { readSendOptions, sendWebhook, type WebhookAttempt, type WebhookSendOptions } from './send';

/**
 * Every event type, for a filter's check: a type the library adds and this list lacks fails to compile.
 */
const EVENT_TYPES = [
  'guest_access.changed',
  'room_lock.changed',
  'guest_link.created',
  'guest_link.deleted',
  'guest_link.passcode_changed',
  'guest.joined',
  'guest.admitted',
  'guest.declined',
  'guest.left',
  'guest.erased',
  'invite.invited',
  'invite.delivered',
  'invite.delivery_failed',
  'invite.accepted',
  'invite.declined',
  'invite.revoked',
  'invite.role_changed',
  'invitee.erased',
] as const satisfies readonly AccessEventType[];
const EVERY_TYPE: Exclude<AccessEventType, (typeof EVENT_TYPES)[number]> extends never ? true : never = true;
void EVERY_TYPE;

/**
 * One receiver of webhooks.
 *
 * @category Webhooks
 */
export interface WebhookEndpoint {
  /**
   * A name for it that stays the same from one deploy to the next, 1 to 48 characters of
   * `A–Z a–z 0–9 _ . -`: its consumer is `webhook:<name>`, the name the outbox remembers.
   */
  readonly name: string;
  /** Where to `POST`: an `https:` (or `http:`) URL. */
  readonly url: string;
  /** Its secret, `whsec_…` (`generateWebhookSecret`), or several while the receiver moves to a new one. */
  readonly secret: string | readonly string[];
  /**
   * Only these event types are sent to it; the others are taken and dropped.
   * @defaultValue every event
   */
  readonly events?: readonly AccessEventType[] | undefined;
}

/**
 * One attempt to deliver an event to an endpoint, as {@link WebhookConsumerOptions.onAttempt}
 * is told it: what a delivery log shows.
 *
 * @category Webhooks
 */
export interface WebhookDelivery extends WebhookAttempt {
  /** The endpoint's name. */
  readonly endpoint: string;
  /** The event's id, which is the message's `webhook-id`. */
  readonly eventId: string;
  /** The event's type. */
  readonly type: AccessEventType;
  /** The event's entry, or `null` for an erasure. */
  readonly entryId: string | null;
  /** When the attempt began, in milliseconds since the epoch. */
  readonly at: number;
}

/**
 * How {@link webhookConsumers} sends.
 *
 * @category Webhooks
 */
export interface WebhookConsumerOptions extends WebhookSendOptions {
  /**
   * The source of "now", for the signature's timestamp.
   * @defaultValue the system clock
   */
  readonly clock?: Clock | undefined;
  /** Told of every attempt, delivered or not: a delivery log. Whatever it throws is ignored. */
  readonly onAttempt?: ((delivery: WebhookDelivery) => void) | undefined;
}

/**
 * The body of every webhook request: the event under `data`, as the Standard Webhooks
 * specification lays a payload out.
 *
 * @category Webhooks
 */
export interface WebhookPayload {
  /** The event's type. */
  readonly type: AccessEventType;
  /** When the event happened, as an ISO 8601 instant in UTC. */
  readonly timestamp: string;
  /** The event. */
  readonly data: AccessEvent;
}

const ENDPOINT_NAME = /^[A-Za-z0-9_.-]{1,48}$/;

/**
 * Turns webhook endpoints into consumers for `createDispatcher`: one per endpoint, named
 * `webhook:<name>`, so that a retry goes only to the endpoints that did not take the event. (The
 * order per entry holds for the event as a whole: an endpoint that keeps failing holds back its
 * entry's next events, for every consumer, until the event is taken or given up on; see
 * `createDispatcher`.) Each event the endpoint's filter takes is sent with {@link sendWebhook}, signed, its
 * `webhook-id` the event's id (the same on every attempt, for the receiver to drop a repeat), its
 * body a {@link WebhookPayload}; an attempt that is not `delivered` throws, and the dispatcher
 * tries again later.
 *
 * @param endpoints - the receivers.
 * @param options - the time limit, whether internal addresses are allowed, the clock and the delivery log.
 * @returns the consumers, to spread into the dispatcher's.
 * @throws `INVALID_OPTIONS` for an endpoint or an option that cannot work (a bad name, URL, secret or event type, a name twice, a time limit out of range).
 * @example
 * ```ts
 * const hooks = webhookConsumers([
 *   { name: 'crm', url: 'https://crm.example.org/hooks/access', secret: generateWebhookSecret(), events: ['guest.joined', 'invite.accepted'] },
 * ]);
 * const dispatcher = createDispatcher({ outbox, consumers: { audit, ...hooks } });
 * console.log(Object.keys(hooks)); // ['webhook:crm']
 * ```
 *
 * @category Webhooks
 */
export function webhookConsumers(endpoints: readonly WebhookEndpoint[], options: WebhookConsumerOptions = {}): Record<string, EventSink> {
  if (!Array.isArray(endpoints)) throw new AccessLinksError('INVALID_OPTIONS', 'webhookConsumers takes a list of endpoints.');
  const { clock, onAttempt } = options ?? {};
  // Checked now, not at the first send: an option that cannot work would fail every delivery.
  const send = readSendOptions(options, 'INVALID_OPTIONS');
  if (clock !== undefined && (clock === null || typeof clock.now !== 'function')) throw new AccessLinksError('INVALID_OPTIONS', 'clock must have a now method.');
  if (onAttempt !== undefined && typeof onAttempt !== 'function') throw new AccessLinksError('INVALID_OPTIONS', 'onAttempt must be a function.');
  const now = () => (clock ?? { now: () => Date.now() }).now();
  const consumers: Record<string, EventSink> = {};
  for (const endpoint of endpoints) {
    const { name, url, secret, events } = readEndpoint(endpoint);
    if (`webhook:${name}` in consumers) throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} is named twice.`);
    const wanted = events === undefined ? null : new Set<string>(events);
    consumers[`webhook:${name}`] = {
      async publish(event) {
        if (wanted !== null && !wanted.has(event.type)) return;
        const at = now();
        const payload: WebhookPayload = { type: event.type, timestamp: new Date(event.at).toISOString(), data: event };
        const attempt = await sendWebhook({ url, secret, id: event.id, body: JSON.stringify(payload), now: at }, send);
        try {
          onAttempt?.({ ...attempt, endpoint: name, eventId: event.id, type: event.type, entryId: event.entryId, at });
        } catch {
          // A delivery log that fails changes nothing about the delivery.
        }
        if (attempt.outcome !== 'delivered') throw new Error(`${attempt.outcome}${attempt.status === null ? '' : ` ${attempt.status}`}: ${attempt.error ?? ''}`.trim());
      },
    };
  }
  return consumers;
}

/** An endpoint, checked. */
function readEndpoint(endpoint: WebhookEndpoint): WebhookEndpoint {
  if (endpoint === null || typeof endpoint !== 'object') throw new AccessLinksError('INVALID_OPTIONS', 'A webhook endpoint must be an object.');
  const { name, url, secret, events } = endpoint;
  if (typeof name !== 'string' || !ENDPOINT_NAME.test(name)) {
    throw new AccessLinksError('INVALID_OPTIONS', 'A webhook endpoint name must be 1 to 48 characters of A-Z a-z 0-9 _ . -.');
  }
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} has no valid URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} must be http: or https:.`);
  if (parsed.username !== '' || parsed.password !== '') throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} has credentials in its URL: put them in the secret's place, not the address.`);
  const secrets = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0 || !secrets.every((each) => typeof each === 'string' && each.startsWith('whsec_') && each.length > 'whsec_'.length)) {
    throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} needs a secret written whsec_….`);
  }
  if (events !== undefined) {
    if (!Array.isArray(events) || events.length === 0) throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} has an empty filter: leave events out for every event.`);
    const unknown = events.find((type) => !(EVENT_TYPES as readonly string[]).includes(type));
    if (unknown !== undefined) throw new AccessLinksError('INVALID_OPTIONS', `The webhook endpoint ${name} filters on ${JSON.stringify(unknown)}, an event type the library does not have.`);
  }
  return { name, url: parsed.href, secret, events };
}
