/**
 * `access-links/webhooks`: Standard Webhooks signatures (checked against the specification's
 * own TypeScript package, both ways), the receiver's check, and one safe send to a real HTTP
 * receiver on loopback: no internal address unless allowed, no redirect followed, a time limit.
 */
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret, sendWebhook, signWebhook, verifyWebhook } from '../src/webhooks';
import { isInternal } from '../src/adapters/webhooks/send';
import { runs } from './support/runs';
import * as net from 'node:net';

const NOW = Date.UTC(2026, 11, 6, 12);
const SECONDS = Math.floor(NOW / 1000);

describe('Standard Webhooks signatures', () => {
  it('agree with the specification’s own package both ways, for any id, time and body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/u),
        // Within the package's tolerance of the real clock, which it reads itself.
        fc.integer({ min: -200, max: 200 }),
        // JSON bodies: the package answers the parsed payload once verified.
        fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
        async (id, offset, body) => {
          const timestamp = Math.floor(Date.now() / 1000) + offset;
          const secret = generateWebhookSecret();
          const theirs = new Webhook(secret);
          const ours = await signWebhook({ id, timestamp, body, secret });
          // Theirs verifies ours.
          const at = new Date(timestamp * 1000);
          expect(theirs.verify(body, { ...ours })).toEqual(JSON.parse(body));
          expect(ours['webhook-signature']).toBe(theirs.sign(id, at, body));
          // Ours verifies theirs.
          const signed = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': theirs.sign(id, at, body) };
          expect(await verifyWebhook({ headers: signed, body, secret, now: timestamp * 1000 })).toEqual({ ok: true, id, timestamp });
        },
      ),
      { numRuns: runs(60) },
    );
  }, 30_000);

  it('refuse a changed body, another secret, an old or future time, and missing headers; accept any of several secrets and signatures', async () => {
    const secret = generateWebhookSecret();
    const body = '{"type":"guest.joined","data":{"linkId":"l-1"}}';
    const headers = await signWebhook({ id: 'msg_1', timestamp: SECONDS, body, secret });
    const check = (fields: Partial<Parameters<typeof verifyWebhook>[0]>) => verifyWebhook({ headers, body, secret, now: NOW, ...fields });
    expect(await check({})).toEqual({ ok: true, id: 'msg_1', timestamp: SECONDS });
    expect(await check({ headers: new Headers({ ...headers }) })).toMatchObject({ ok: true });
    expect(await check({ body: new TextEncoder().encode(body) })).toMatchObject({ ok: true });
    expect(await check({ body: body.replace('l-1', 'l-2') })).toEqual({ ok: false, reason: 'SIGNATURE_INVALID' });
    expect(await check({ secret: generateWebhookSecret() })).toEqual({ ok: false, reason: 'SIGNATURE_INVALID' });
    expect(await check({ now: NOW + 301_000 })).toEqual({ ok: false, reason: 'TIMESTAMP_OUT_OF_RANGE' });
    expect(await check({ now: NOW - 301_000 })).toEqual({ ok: false, reason: 'TIMESTAMP_OUT_OF_RANGE' });
    expect(await check({ now: NOW + 3_000_000, toleranceSeconds: 3_600 })).toMatchObject({ ok: true });
    expect(await check({ headers: { ...headers, 'webhook-id': undefined } })).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
    expect(await check({ headers: { ...headers, 'webhook-timestamp': 'yesterday' } })).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
    expect(await check({ headers: { ...headers, 'webhook-signature': 'v1,not base64!' } })).toEqual({ ok: false, reason: 'SIGNATURE_INVALID' });
    // The id is signed: the same signature under another id is no signature.
    expect(await check({ headers: { ...headers, 'webhook-id': 'msg_2' } })).toEqual({ ok: false, reason: 'SIGNATURE_INVALID' });
    // Moving to a new secret: a sender signs with both, a receiver accepts either.
    const next = generateWebhookSecret();
    const both = await signWebhook({ id: 'msg_1', timestamp: SECONDS, body, secret: [secret, next] });
    expect(both['webhook-signature'].split(' ')).toHaveLength(2);
    expect(await check({ headers: both, secret: next })).toMatchObject({ ok: true });
    expect(await check({ secret: [next, secret] })).toMatchObject({ ok: true });
    // Header names in any case; a header sent twice, as Node joins it.
    expect(await check({ headers: { 'Webhook-Id': 'msg_1', 'WEBHOOK-TIMESTAMP': String(SECONDS), 'Webhook-Signature': headers['webhook-signature'] } })).toMatchObject({ ok: true });
    expect(await check({ headers: { ...headers, 'webhook-signature': `${headers['webhook-signature']}, v1,AAAA` } })).toMatchObject({ ok: true });
    // A tolerance or a clock that is no number would let any old message through: it throws.
    await expect(check({ toleranceSeconds: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(check({ now: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Whole seconds, as the specification compares them: 300.9 s late is within 300.
    expect(await check({ now: (SECONDS + 300) * 1000 + 900 })).toMatchObject({ ok: true });
    await expect(signWebhook({ id: 'msg_1', timestamp: Date.now(), body, secret })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signWebhook({ id: 'a.b', timestamp: SECONDS, body, secret })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(check({ secret: 'not-a-secret' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(check({ secret: 'whsec_AAAA' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('sendWebhook', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = null;
  });

  /** A receiver on loopback; answers as `answer` says, and keeps what it received. */
  async function receiver(answer: (request: IncomingMessage, response: ServerResponse, body: string) => void) {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        answer(request, response, body);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hooks`, received };
  }

  it('posts the body with headers the receiver verifies; a loopback receiver only when allowed', async () => {
    const secret = generateWebhookSecret();
    const { url, received } = await receiver((_, response) => response.writeHead(204).end());
    const body = JSON.stringify({ type: 'guest.joined', data: { linkId: 'l-1' } });
    expect(await sendWebhook({ url, secret, id: 'msg_1', body })).toMatchObject({ outcome: 'refused_destination', status: null });
    expect(received).toHaveLength(0);
    const sent = await sendWebhook({ url, secret, id: 'msg_1', body }, { allowPrivateNetworks: true });
    expect(sent).toMatchObject({ outcome: 'delivered', status: 204, error: null });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toBe(body);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(await verifyWebhook({ headers: received[0]!.headers, body: received[0]!.body, secret })).toMatchObject({ ok: true, id: 'msg_1' });
    // A name that resolves to loopback is refused as the connection is made, unless allowed.
    const named = url.replace('127.0.0.1', 'localhost');
    expect(await sendWebhook({ url: named, secret, id: 'msg_2', body })).toMatchObject({ outcome: 'refused_destination' });
    expect(received).toHaveLength(1);
    expect(await sendWebhook({ url: named, secret, id: 'msg_2', body }, { allowPrivateNetworks: true })).toMatchObject({ outcome: 'delivered' });
  });

  it('checks the address on a connection of its own every time: an earlier allowed send, or the app’s own request, opens nothing', async () => {
    const secret = generateWebhookSecret();
    const { url, received } = await receiver((_, response) => response.writeHead(200, { connection: 'keep-alive' }).end('ok'));
    const named = url.replace('127.0.0.1', 'localhost');
    expect(await sendWebhook({ url: named, secret, id: 'a', body: '{}' }, { allowPrivateNetworks: true })).toMatchObject({ outcome: 'delivered' });
    // The app's own request through Node's shared pool, which keeps its connection for the next one.
    await new Promise<void>((resolve, reject) => get(named, (response) => response.resume().on('end', resolve)).on('error', reject));
    expect(await sendWebhook({ url: named, secret, id: 'b', body: '{}' })).toMatchObject({ outcome: 'refused_destination' });
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['a', undefined]); // the second is the app's own
    await expect(sendWebhook({ url: named, secret, id: 'c', body: '{}' }, { allowPrivateNetworks: 'false' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('answers at the status line: a 2xx whose body trickles is delivered at once, and its body is not read', async () => {
    const secret = generateWebhookSecret();
    const { url } = await receiver((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('a');
      // Never ends: one more byte a second.
      const drip = setInterval(() => response.write('a'), 1_000);
      response.on('close', () => clearInterval(drip));
    });
    const sent = await sendWebhook({ url, secret, id: 'm', body: '{}' }, { allowPrivateNetworks: true, timeoutMs: 5_000 });
    expect(sent).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(sent.durationMs).toBeLessThan(2_000);
    server!.closeAllConnections();
  });

  it('follows no redirect, says a failing status, and gives up at its time limit', async () => {
    const secret = generateWebhookSecret();
    const redirecting = await receiver((_, response) => response.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' }).end());
    expect(await sendWebhook({ url: redirecting.url, secret, id: 'm', body: '{}' }, { allowPrivateNetworks: true })).toMatchObject({ outcome: 'redirect', status: 307 });
    expect(redirecting.received).toHaveLength(1);
    await new Promise((resolve) => server!.close(resolve));
    const failing = await receiver((_, response) => response.writeHead(500).end('oops'));
    expect(await sendWebhook({ url: failing.url, secret, id: 'm', body: '{}' }, { allowPrivateNetworks: true })).toMatchObject({ outcome: 'http_error', status: 500 });
    await new Promise((resolve) => server!.close(resolve));
    const silent = await receiver(() => undefined);
    const late = await sendWebhook({ url: silent.url, secret, id: 'm', body: '{}' }, { allowPrivateNetworks: true, timeoutMs: 200 });
    expect(late).toMatchObject({ outcome: 'timeout', status: null });
    expect(late.durationMs).toBeGreaterThanOrEqual(199);
    server!.closeAllConnections();
  });

  it('refuses what is not http or https, a URL with credentials, and nothing listening is a network error', async () => {
    const secret = generateWebhookSecret();
    for (const url of ['ftp://hooks.example.org/', 'file:///etc/passwd', 'not a url', 'https://user:pass@hooks.example.org/']) {
      expect(await sendWebhook({ url, secret, id: 'm', body: '{}' }), url).toMatchObject({ outcome: 'refused_destination' });
    }
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await sendWebhook({ url: `http://127.0.0.1:${port}/`, secret, id: 'm', body: '{}' }, { allowPrivateNetworks: true })).toMatchObject({ outcome: 'network_error' });
    await expect(sendWebhook({ url: 'https://hooks.example.org/', secret, id: 'm', body: '{}' }, { timeoutMs: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('judges internal addresses: loopback, private, shared, link-local, multicast and their IPv6 forms; public ones pass', () => {
    const node = { net };
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1', '::127.0.0.1', '2002:7f00:1::1', '2001::1', 'fec0::1', '64:ff9b:1::1', 'not an address']) {
      expect(isInternal(node, address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34']) {
      expect(isInternal(node, address), address).toBe(false);
    }
  });
});
