/**
 * Webhook signatures as the Standard Webhooks specification gives them: the headers
 * `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature` (`v1,` and the base64
 * HMAC-SHA-256 of `id.timestamp.body` under the secret's bytes, several separated by spaces), and
 * secrets written `whsec_` and the base64 of their bytes. Web Crypto only: a receiver verifies on
 * any runtime.
 */
import { AccessLinksError } from '../../domain/errors';
import { sameBytes } from '../../services/bytes';

/**
 * The three headers of a signed webhook request.
 *
 * @category Webhooks
 */
export type WebhookHeaders = {
  /** The message's id: the same on every attempt to deliver it, so a receiver can drop a repeat. */
  readonly 'webhook-id': string;
  /** When it was signed, in whole seconds since the epoch. */
  readonly 'webhook-timestamp': string;
  /** `v1,` and the base64 signature; several, separated by spaces, while secrets rotate. */
  readonly 'webhook-signature': string;
};

/**
 * What {@link signWebhook} signs.
 *
 * @category Webhooks
 */
export interface WebhookToSign {
  /** The message's id: 1 to 200 characters, no `.`, no space. */
  readonly id: string;
  /** When, in whole seconds since the epoch (not milliseconds): at most 9,999,999,999. */
  readonly timestamp: number;
  /** The request's body, exactly as sent: text (as UTF-8) or bytes. */
  readonly body: string | Uint8Array;
  /** The endpoint's secret, `whsec_…` ({@link generateWebhookSecret}); several sign with each, while a receiver moves to a new one. */
  readonly secret: string | readonly string[];
}

/**
 * What {@link verifyWebhook} checks.
 *
 * @category Webhooks
 */
export interface WebhookToVerify {
  /** The request's headers: a `Headers`, or a plain object as Node's `IncomingMessage.headers` (names in any case). */
  readonly headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body, exactly as received: never a parsed and re-serialised object. */
  readonly body: string | Uint8Array;
  /** The endpoint's secret, or several while moving to a new one: any of them may have signed. */
  readonly secret: string | readonly string[];
  /**
   * How far the timestamp may be from now, in whole seconds, either way: an older request is
   * refused, which bounds replays. A number from 0; anything else throws.
   * @defaultValue 300
   */
  readonly toleranceSeconds?: number | undefined;
  /**
   * Now, in milliseconds since the epoch.
   * @defaultValue `Date.now()`
   */
  readonly now?: number | undefined;
}

/**
 * What {@link verifyWebhook} found: the message's id and time, or why it is not to be trusted:
 * a header is missing or malformed (`MISSING_HEADERS`; an id is 1 to 200 characters without `.`
 * or spaces, which keeps `id.timestamp.body` unambiguous), the timestamp is outside the tolerance
 * (`TIMESTAMP_OUT_OF_RANGE`), or no signature is the body's under any secret (`SIGNATURE_INVALID`).
 *
 * @category Webhooks
 */
export type WebhookVerification =
  | {
      /** The request is signed with the secret, and recent. */
      readonly ok: true;
      /** The message's id: the same on every delivery of it; drop an id you have already handled. */
      readonly id: string;
      /** When it was signed, in seconds since the epoch. */
      readonly timestamp: number;
    }
  | {
      /** Not to be trusted: answer 400 or 401, and do nothing with the body. */
      readonly ok: false;
      /** Why. */
      readonly reason: 'MISSING_HEADERS' | 'TIMESTAMP_OUT_OF_RANGE' | 'SIGNATURE_INVALID';
    };

const PREFIX = 'whsec_';
const encoder = new TextEncoder();
const ID = /^[^\s.]{1,200}$/u;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/u;

/**
 * Makes a secret for a webhook endpoint: `whsec_` and the base64 of 32 random bytes. Give it to
 * the receiver once; keep it as you keep passwords.
 *
 * @returns the secret.
 * @example
 * ```ts
 * const secret = generateWebhookSecret(); // 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw…'
 * ```
 *
 * @category Webhooks
 */
export function generateWebhookSecret(): string {
  return `${PREFIX}${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * Signs a webhook request: the three headers to send with its body.
 *
 * @param message - the id, the time in seconds, the body as sent, and the secret.
 * @returns the headers.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for an id, a time, a body or a secret it cannot sign with.
 * @example
 * ```ts
 * const secret = generateWebhookSecret();
 * const body = JSON.stringify({ type: 'guest.joined', data: { linkId: 'l-1' } });
 * const headers = await signWebhook({ id: 'msg_01', timestamp: Math.floor(Date.now() / 1000), body, secret });
 * console.log(headers['webhook-signature']); // 'v1,…': send the three headers with the body, unchanged
 * ```
 *
 * @category Webhooks
 */
export async function signWebhook(message: WebhookToSign): Promise<WebhookHeaders> {
  const { id, timestamp, body } = message;
  if (typeof id !== 'string' || !ID.test(id)) throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook id is 1 to 200 characters without "." or spaces.');
  // Seconds, not milliseconds: a receiver would refuse a time a thousand times too far.
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp > 9_999_999_999) {
    throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook timestamp is whole seconds since the epoch (not milliseconds).');
  }
  const keys = secretsOf(message.secret);
  const content = signedContent(id, String(timestamp), body);
  const signatures = await Promise.all(keys.map(async (key) => `v1,${toBase64(await mac(key, content))}`));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatures.join(' ') };
}

/**
 * Checks a webhook request as a receiver: its signature under the secret (any of several),
 * compared in constant time, and its timestamp within the tolerance. Verify the raw body before
 * parsing it, and drop an `id` already handled: a message may come more than once.
 *
 * @param request - the headers, the raw body, the secret, and optionally the tolerance and now.
 * @returns the message's id and time, or why not to trust it: what the sender did is answered, never thrown.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for what the receiver passed wrong: a
 *   secret that is not `whsec_` and the base64 of 16 to 128 bytes, a body neither text nor bytes,
 *   or a tolerance or `now` that is no number.
 * @example
 * ```ts
 * // A receiver: the raw body, not a parsed one, and the endpoint's secret as the sender has it.
 * async function receive(incoming: Request, secret: string): Promise<Response> {
 *   const body = await incoming.text();
 *   const checked = await verifyWebhook({ headers: incoming.headers, body, secret });
 *   if (!checked.ok) return new Response(checked.reason, { status: 401 });
 *   console.log('handle', checked.id, 'once', JSON.parse(body));
 *   return new Response(null, { status: 204 });
 * }
 * ```
 *
 * @category Webhooks
 */
export async function verifyWebhook(request: WebhookToVerify): Promise<WebhookVerification> {
  const { toleranceSeconds = 300, now = Date.now() } = request;
  // A tolerance or a clock that is no number would let any old message through: refused instead.
  if (typeof toleranceSeconds !== 'number' || !Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw new AccessLinksError('INVALID_ARGUMENT', 'toleranceSeconds must be a number of seconds from 0.');
  }
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new AccessLinksError('INVALID_ARGUMENT', 'now must be milliseconds since the epoch.');
  const keys = secretsOf(request.secret);
  const id = header(request.headers, 'webhook-id');
  const timestamp = header(request.headers, 'webhook-timestamp');
  const signatures = header(request.headers, 'webhook-signature');
  if (id === null || timestamp === null || signatures === null || !ID.test(id) || !/^[0-9]{1,15}$/u.test(timestamp)) return { ok: false, reason: 'MISSING_HEADERS' };
  const seconds = Number(timestamp);
  if (Math.abs(Math.floor(now / 1000) - seconds) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUT_OF_RANGE' };
  const content = signedContent(id, timestamp, request.body);
  // Separated by spaces; a header sent twice comes joined with ", " (Node): a token's last comma is not its own.
  const given = signatures
    .split(' ')
    .map((part) => part.replace(/,$/u, ''))
    .filter((part) => part.startsWith('v1,'))
    .map((part) => fromBase64(part.slice(3)))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== null);
  for (const key of keys) {
    const expected = await mac(key, content);
    // Every signature is compared, in full, whatever the first ones gave.
    let found = false;
    for (const signature of given) found = sameBytes(signature, expected) || found;
    if (found) return { ok: true, id, timestamp: seconds };
  }
  return { ok: false, reason: 'SIGNATURE_INVALID' };
}

/** `id.timestamp.` and the body's bytes. */
function signedContent(id: string, timestamp: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook body is text or bytes, as sent.');
  const head = encoder.encode(`${id}.${timestamp}.`);
  const tail: Uint8Array = typeof body === 'string' ? encoder.encode(body) : body;
  const content = new Uint8Array(head.length + tail.length);
  content.set(head);
  content.set(tail, head.length);
  return content;
}

/** The secrets' bytes: `whsec_` and base64, of 16 to 128 bytes. */
function secretsOf(secret: string | readonly string[]): Uint8Array<ArrayBuffer>[] {
  const list = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  const keys = list.map((one) => (typeof one === 'string' && one.startsWith(PREFIX) ? fromBase64(one.slice(PREFIX.length)) : null));
  if (keys.length === 0 || keys.some((key) => key === null || key.length < 16 || key.length > 128)) {
    throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook secret is "whsec_" and the base64 of 16 to 128 bytes (generateWebhookSecret makes one).');
  }
  return keys as Uint8Array<ArrayBuffer>[];
}

async function mac(key: Uint8Array<ArrayBuffer>, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, content));
}

function header(headers: WebhookToVerify['headers'], name: string): string | null {
  let value: unknown;
  if (typeof (headers as Headers)?.get === 'function') value = (headers as Headers).get(name);
  else if (headers !== null && typeof headers === 'object') {
    // Header names are not case-sensitive: a plain object may spell them any way.
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
  }
  const text = Array.isArray(value) ? value.join(' ') : value;
  return typeof text === 'string' && text !== '' ? text : null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
