/**
 * Sending one signed webhook request, safely: to `http:` or `https:` only, never to a loopback,
 * private, link-local or otherwise internal address unless the host allows it (the address is
 * checked as the connection is made, so a name that resolves elsewhere later gains nothing), no
 * redirect followed, a time limit on the whole exchange, and the answer's body never kept. It
 * needs `node:http` and `node:https` (Node 20.16 or later, Bun, Deno), found at run time: nothing
 * of it loads where the signature helpers run alone.
 */
import { AccessLinksError } from '../../domain/errors';
import { signWebhook } from './signature';

/**
 * One request to send: where, with which secret, and what.
 *
 * @category Webhooks
 */
export interface WebhookRequest {
  /** The endpoint: an `https:` (or `http:`) URL. */
  readonly url: string;
  /** The endpoint's secret, `whsec_…`, or several while the receiver moves to a new one. */
  readonly secret: string | readonly string[];
  /** The message's id: the same on every attempt, so the receiver can drop a repeat. */
  readonly id: string;
  /** The JSON body, exactly as it is sent and signed. */
  readonly body: string;
  /**
   * When it is signed, in milliseconds since the epoch (the header carries whole seconds).
   * @defaultValue `Date.now()`
   */
  readonly now?: number | undefined;
}

/**
 * How {@link sendWebhook} sends.
 *
 * @category Webhooks
 */
export interface WebhookSendOptions {
  /**
   * The most the whole exchange may take, in milliseconds, from 1 to 60,000.
   * @defaultValue 10,000
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Whether loopback, private, link-local and other internal addresses may be sent to: for a
   * receiver on the same machine or network in development and tests. Never for endpoints people
   * outside your team can name.
   * @defaultValue `false`
   */
  readonly allowPrivateNetworks?: boolean | undefined;
}

/**
 * What one attempt did. `delivered` is any 2xx answer. Otherwise: `refused_destination` (not
 * `http:` or `https:`, or an internal address the options do not allow: nothing was sent),
 * `redirect` (a 3xx, not followed), `http_error` (another status), `timeout`, or `network_error`
 * (no answer: refused, reset, unresolvable).
 *
 * @category Webhooks
 */
export interface WebhookAttempt {
  /** What happened. */
  readonly outcome: 'delivered' | 'refused_destination' | 'redirect' | 'http_error' | 'timeout' | 'network_error';
  /** The answer's status, or `null` when there was none. */
  readonly status: number | null;
  /** What went wrong, in words, without the secret or the body; `null` once delivered. */
  readonly error: string | null;
  /** How long it took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * @internal The send options with their defaults, checked; options that cannot work throw `code`.
 */
export function readSendOptions(
  options: WebhookSendOptions | null | undefined,
  code: 'INVALID_ARGUMENT' | 'INVALID_OPTIONS',
): { readonly timeoutMs: number; readonly allowPrivateNetworks: boolean } {
  const { timeoutMs = 10_000, allowPrivateNetworks = false } = options ?? {};
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60_000) throw new AccessLinksError(code, 'timeoutMs must be 1 to 60000.');
  // Only true opens internal addresses: a string "false" from a setting opens nothing, it is refused.
  if (typeof allowPrivateNetworks !== 'boolean') throw new AccessLinksError(code, 'allowPrivateNetworks must be true or false.');
  return { timeoutMs, allowPrivateNetworks };
}

/**
 * Sends one webhook request: a `POST` of the JSON body with its Standard Webhooks signature
 * headers, on a connection of its own. It answers as soon as the status line comes, and never
 * reads the answer's body. Never throws for what the endpoint does; only bad arguments throw.
 * Needs `node:http` and `node:https` through `process.getBuiltinModule`: Node 20.16 or later,
 * Bun, Deno.
 *
 * @param request - the endpoint, the secret, the message id and the body.
 * @param options - the time limit, and whether internal addresses are allowed.
 * @returns what the attempt did.
 * @throws {@link "access-links"!AccessLinksError | AccessLinksError} `INVALID_ARGUMENT` for a request or options it cannot use
 *   (a url or body that is not text, an id or secret it cannot sign with, a `timeoutMs` out of
 *   range, an `allowPrivateNetworks` that is not a boolean); `INVALID_OPTIONS` on a runtime
 *   without `node:http`.
 * @example
 * ```ts
 * const secret = generateWebhookSecret(); // given to the receiver once
 * const attempt = await sendWebhook(
 *   { url: 'https://hooks.example.org/access', secret, id: 'msg_01', body: JSON.stringify({ type: 'guest.joined' }) },
 *   { timeoutMs: 2_000 },
 * );
 * if (attempt.outcome !== 'delivered') console.log('try again later:', attempt.outcome, attempt.status);
 * ```
 *
 * @category Webhooks
 */
export async function sendWebhook(request: WebhookRequest, options: WebhookSendOptions | null = {}): Promise<WebhookAttempt> {
  const { timeoutMs, allowPrivateNetworks } = readSendOptions(options, 'INVALID_ARGUMENT');
  if (request === null || typeof request !== 'object') throw new AccessLinksError('INVALID_ARGUMENT', 'sendWebhook takes { url, secret, id, body }.');
  if (typeof request.url !== 'string') throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook url is text.');
  if (typeof request.body !== 'string') throw new AccessLinksError('INVALID_ARGUMENT', 'A webhook body is the JSON text to send.');
  const at = request.now ?? Date.now();
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new AccessLinksError('INVALID_ARGUMENT', 'now must be milliseconds since the epoch.');
  // Signed first: a bad id or secret throws whatever the endpoint is.
  const headers = await signWebhook({ id: request.id, timestamp: Math.floor(at / 1000), body: request.body, secret: request.secret });
  const started = performance.now();
  const attempt = (outcome: WebhookAttempt['outcome'], status: number | null, error: string | null): WebhookAttempt => ({
    outcome,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return attempt('refused_destination', null, 'The endpoint is not a URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return attempt('refused_destination', null, `The endpoint's scheme ${url.protocol} is not http: or https:.`);
  if (url.username !== '' || url.password !== '') return attempt('refused_destination', null, 'The endpoint carries a user name or password.');
  const node = nodeModules();
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  if (node.net.isIP(host) !== 0 && !allowPrivateNetworks && isInternal(node, host)) {
    return attempt('refused_destination', null, `The endpoint's address ${host} is internal.`);
  }

  return new Promise<WebhookAttempt>((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let outgoing: Outgoing | undefined;
    const finish = (result: WebhookAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // The address a name resolves to is checked as the connection is made: a DNS answer that
    // changes between a check and the request gains nothing.
    const lookup = (hostname: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      node.dns.lookup(hostname, { all: true }, (error: Error | null, addresses: { address: string; family: number }[]) => {
        if (error) return callback(error);
        const refused = allowPrivateNetworks ? [] : addresses.filter(({ address }) => isInternal(node, address));
        if (refused.length > 0) {
          finish(attempt('refused_destination', null, `The endpoint's name resolves to an internal address (${refused[0]!.address}).`));
          return callback(new Error('internal address'));
        }
        if (lookupOptions.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    timer = setTimeout(() => {
      finish(attempt('timeout', null, `No answer within ${timeoutMs} ms.`));
      outgoing?.destroy();
    }, timeoutMs);
    const client = url.protocol === 'https:' ? node.https : node.http;
    outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup,
        // A connection of its own, never one kept alive from an earlier request: the address is
        // checked as each connection is made, so a pooled one would skip the check.
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(request.body).length), 'user-agent': 'access-links-webhooks', connection: 'close' },
      },
      (incoming) => {
        // The status line answers: the body is not read, only dropped with the connection.
        const status = incoming.statusCode ?? 0;
        incoming.on('error', () => undefined);
        if (status >= 200 && status < 300) finish(attempt('delivered', status, null));
        else if (status >= 300 && status < 400) finish(attempt('redirect', status, `The endpoint answered ${status}; redirects are not followed.`));
        else finish(attempt('http_error', status, `The endpoint answered ${status}.`));
        incoming.destroy();
      },
    );
    outgoing.on('error', (error: Error) => finish(attempt('network_error', null, error.message.slice(0, 200))));
    outgoing.end(request.body);
  });
}

/** What a send uses of an answer, a request and the built-in modules, found at run time. */
interface Incoming {
  readonly statusCode?: number | undefined;
  destroy(): void;
  on(event: 'error', listener: (...args: unknown[]) => void): void;
}
interface Outgoing {
  on(event: 'error', listener: (error: Error) => void): void;
  destroy(): void;
  end(body: string): void;
}
type Request = (url: URL, options: Record<string, unknown>, callback: (incoming: Incoming) => void) => Outgoing;
interface AddressList {
  addSubnet(network: string, prefix: number, type: 'ipv4' | 'ipv6'): void;
  check(address: string, type: 'ipv4' | 'ipv6'): boolean;
}
interface NodeModules {
  readonly http: { readonly request: Request };
  readonly https: { readonly request: Request };
  readonly dns: { lookup(hostname: string, options: { all: true }, callback: (error: Error | null, addresses: { address: string; family: number }[]) => void): void };
  readonly net: { isIP(input: string): number; readonly BlockList: new () => AddressList };
}

let modules: NodeModules | null = null;
let internal: AddressList | null = null;

function nodeModules(): NodeModules {
  if (modules !== null) return modules;
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const get = runtime?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new AccessLinksError('INVALID_OPTIONS', 'sendWebhook needs node:http and node:https (Node 20.16 or later, Bun or Deno).');
  }
  modules = { http: get('node:http'), https: get('node:https'), dns: get('node:dns'), net: get('node:net') } as NodeModules;
  return modules;
}

/**
 * Addresses no webhook goes to unless allowed: "this" network, loopback, private, shared (CGNAT),
 * link-local, benchmarking, documentation, multicast and reserved ranges, and their IPv6
 * counterparts: IPv4-compatible, NAT64, Teredo and 6to4 addresses (which carry an IPv4 one),
 * unique and site-local, link-local and multicast (an IPv4 address mapped into IPv6 is judged as
 * the IPv4 one).
 */
const INTERNAL_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const INTERNAL_V6: readonly [string, number][] = [
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];

/** @internal Whether an address is one no webhook goes to unless allowed. */
export function isInternal(node: Pick<NodeModules, 'net'>, address: string): boolean {
  if (internal === null) {
    const list = new node.net.BlockList();
    for (const [network, prefix] of INTERNAL_V4) list.addSubnet(network, prefix, 'ipv4');
    for (const [network, prefix] of INTERNAL_V6) list.addSubnet(network, prefix, 'ipv6');
    internal = list;
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  const family = node.net.isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
