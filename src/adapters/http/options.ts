/** Reading a handler's options: each checked once, at creation, with its default filled in. */
import { AccessLinksError } from '../../domain/errors';
import type { Actor } from '../../domain/entry';
import { isRateLimit } from '../../domain/rate-limit';
import type { Claimant } from '../../policy/invite-policy';
import type { Clock } from '../../ports/clock';
import type { Notifier } from '../../ports/notifier';
import type { RateLimiter } from '../../ports/rate-limiter';
import type { GuestLinks } from '../../services/guest-links';
import type { InviteLinks } from '../../services/invites/invite-links';
import { createMemoryRateLimiter } from '../memory/rate-limiter';
import { systemClock } from '../system/system-clock';
import type { CookieShape } from './cookies';
import { DEFAULT_HTTP_RATE_LIMITS } from './rate-limit';
import type { HttpHandlerOptions, HttpRateLimits } from './types';

/** @internal A handler's options, checked, with every default filled in. */
export interface HttpSettings {
  readonly guestLinks: GuestLinks | undefined;
  readonly inviteLinks: InviteLinks | undefined;
  readonly authenticate: (request: Request) => Actor | null | Promise<Actor | null>;
  readonly claimant: ((request: Request) => Claimant | null | Promise<Claimant | null>) | undefined;
  readonly clientKey: ((request: Request) => string | null | Promise<string | null>) | undefined;
  /** The base path without its trailing slash: `''` for `/`. */
  readonly basePath: string;
  readonly trustedOrigins: ReadonlySet<string>;
  readonly allowRequestsWithoutOrigin: boolean;
  readonly limiter: RateLimiter | null;
  readonly limits: HttpRateLimits;
  readonly cookie: CookieShape;
  readonly deviceCookie: boolean;
  readonly maxBodyBytes: number;
  readonly bodyTimeoutSeconds: number;
  readonly clock: Clock;
  readonly notifier: Notifier | undefined;
  readonly maxStreamsPerEntry: number;
  readonly heartbeatSeconds: number;
  /** Tells `onError`; a throw from it is ignored. */
  readonly report: (error: unknown, request: Request) => void;
}

function invalid(message: string): never {
  throw new AccessLinksError('INVALID_OPTIONS', message);
}

function readBasePath(basePath: unknown): string {
  if (basePath === undefined) return '/access-links';
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*\/?$/u.test(basePath)) {
    invalid('basePath must be a path such as "/access-links" or "/".');
  }
  return basePath.replace(/\/$/u, '');
}

/**
 * @internal Whether a text is exactly an origin a browser sends: `http:` or `https:`, a host and
 * perhaps a port, nothing else (a trailing `/` aside). `*`, a wildcard host, another scheme, a
 * path, credentials, or a spelling browsers never send (upper case, a default port) are not.
 */
export function isOrigin(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.host.includes('*') && parsed.origin === text.replace(/\/$/u, '');
}

// A trusted origin that is not one would match no request: the handler would quietly trust
// nobody it was meant to.
function readOrigins(origins: unknown): Set<string> {
  if (origins === undefined) return new Set();
  if (!Array.isArray(origins)) invalid('trustedOrigins must be a list of origins.');
  const set = new Set<string>();
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      invalid(`trustedOrigins: ${String(origin)} is not an origin such as "https://app.example.org" (http or https, a host and a port; no path, no wildcard).`);
    }
    set.add(origin.replace(/\/$/u, ''));
  }
  return set;
}

function readLimits(limits: Partial<HttpRateLimits> | undefined): HttpRateLimits {
  const merged = { ...DEFAULT_HTTP_RATE_LIMITS, ...(limits ?? {}) };
  for (const [name, limit] of Object.entries(merged)) {
    if (!Object.hasOwn(DEFAULT_HTTP_RATE_LIMITS, name)) invalid(`rateLimits: unknown limit ${name}.`);
    if (!isRateLimit(limit)) invalid(`rateLimits.${name} must be { limit: 1 to 1,000,000, windowSeconds: 1 to 86,400 }.`);
  }
  return merged;
}

/** @internal Checks a handler's options; throws `INVALID_OPTIONS` for one it cannot work with. */
export function readOptions(options: HttpHandlerOptions): HttpSettings {
  if (typeof options !== 'object' || options === null) invalid('Options are required.');
  const { guestLinks, inviteLinks } = options;
  if (guestLinks === undefined && inviteLinks === undefined) invalid('Give guestLinks, inviteLinks or both.');
  if (typeof options.authenticate !== 'function') invalid('authenticate must be a function.');
  if (inviteLinks !== undefined && typeof options.claimant !== 'function') invalid('claimant must be a function when inviteLinks is given.');
  const basePath = readBasePath(options.basePath);
  const trustedOrigins = readOrigins(options.trustedOrigins);
  const limits = readLimits(options.rateLimits);
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) invalid('maxBodyBytes must be a whole number of bytes.');
  const bodyTimeoutSeconds = options.bodyTimeoutSeconds ?? 30;
  if (typeof bodyTimeoutSeconds !== 'number' || !(bodyTimeoutSeconds > 0 && bodyTimeoutSeconds <= 3600)) {
    invalid('bodyTimeoutSeconds must be a number of seconds, more than 0 and at most 3600.');
  }
  const cookie: CookieShape = { path: options.cookie?.path ?? '/', secure: options.cookie?.secure ?? true };
  if (!/^\/[A-Za-z0-9._~/-]*$/u.test(cookie.path)) invalid('cookie.path must be a path.');
  const { notifier } = options;
  if (notifier !== undefined && (typeof notifier?.subscribe !== 'function' || typeof notifier.publish !== 'function')) invalid('notifier must have publish and subscribe.');
  const maxStreamsPerEntry = options.maxStreamsPerEntry ?? 1000;
  if (!Number.isInteger(maxStreamsPerEntry) || maxStreamsPerEntry < 1) invalid('maxStreamsPerEntry must be a whole number, at least 1.');
  const heartbeatSeconds = options.heartbeatSeconds ?? 25;
  if (typeof heartbeatSeconds !== 'number' || !(heartbeatSeconds >= 1 && heartbeatSeconds <= 300)) invalid('heartbeatSeconds must be a number of seconds from 1 to 300.');
  const onError = options.onError;
  const limiter =
    options.rateLimiter === undefined ? (guestLinks?.sharedRateLimiter ?? inviteLinks?.sharedRateLimiter ?? createMemoryRateLimiter()) : options.rateLimiter;
  if (limiter !== null && typeof limiter?.consume !== 'function') invalid('rateLimiter must be null or have consume.');
  return {
    guestLinks,
    inviteLinks,
    authenticate: options.authenticate,
    claimant: options.claimant,
    clientKey: options.clientKey,
    basePath,
    trustedOrigins,
    allowRequestsWithoutOrigin: options.allowRequestsWithoutOrigin === true,
    limiter,
    limits,
    cookie,
    deviceCookie: options.deviceCookie ?? true,
    maxBodyBytes,
    bodyTimeoutSeconds,
    clock: options.clock ?? systemClock,
    notifier,
    maxStreamsPerEntry,
    heartbeatSeconds,
    report: (error, request) => {
      try {
        onError?.(error, request);
      } catch {
        // The host's logger failing must not change the answer.
      }
    },
  };
}
