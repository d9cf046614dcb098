/**
 * Signed webhooks, as the Standard Webhooks specification gives them: a secret per endpoint
 * (`generateWebhookSecret`), the three signature headers (`signWebhook`), the receiver's check
 * (`verifyWebhook`, Web Crypto only: it runs wherever a receiver does), and one safe send
 * (`sendWebhook`: no redirect followed, a time limit, no internal address unless allowed; it
 * needs `node:http`, found at run time), and endpoints as consumers of the dispatcher
 * (`webhookConsumers`: a secret and an event filter each, every event sent at least once).
 *
 * @example
 * ```ts
 * import { generateWebhookSecret, signWebhook, verifyWebhook } from 'access-links/webhooks';
 * const secret = generateWebhookSecret();
 * // The sender signs the body it sends (sendWebhook signs and sends it):
 * const body = '{"type":"guest.joined"}';
 * const headers = await signWebhook({ id: 'msg_1', timestamp: Math.floor(Date.now() / 1000), body, secret });
 * // The receiver checks the raw body with the same secret:
 * const checked = await verifyWebhook({ headers, body, secret });
 * console.log(checked.ok); // true
 * ```
 *
 * @module access-links/webhooks
 */
export { generateWebhookSecret, signWebhook, verifyWebhook } from './adapters/webhooks/signature';
export type { WebhookHeaders, WebhookToSign, WebhookToVerify, WebhookVerification } from './adapters/webhooks/signature';
export { sendWebhook } from './adapters/webhooks/send';
export type { WebhookAttempt, WebhookRequest, WebhookSendOptions } from './adapters/webhooks/send';
export { webhookConsumers } from './adapters/webhooks/endpoints';
export type { WebhookConsumerOptions, WebhookDelivery, WebhookEndpoint, WebhookPayload } from './adapters/webhooks/endpoints';
