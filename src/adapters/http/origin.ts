/**
 * Same-origin checks and CORS. Every state-changing request must come from this site or a
 * trusted origin; trusted origins alone get CORS answers, with credentials.
 */
import { json, refuse, type HeaderPair } from './responses';

/** @internal The checks, over the trusted origins. */
export interface OriginPolicy {
  /** Whether a request comes from this site or a trusted origin. */
  isSameOrigin(request: Request): boolean;
  /** The CORS headers of an answer to a trusted origin other than this site; none otherwise. */
  corsHeaders(request: Request): HeaderPair[];
  /** The answer to a preflight for a path that allows `allowed`. */
  preflight(request: Request, allowed: readonly string[]): Response;
}

/** @internal The checks for a handler. */
export function createOriginPolicy(trusted: ReadonlySet<string>, allowRequestsWithoutOrigin: boolean): OriginPolicy {
  // Sec-Fetch-Site first: browsers set it on every request and no page can change it, while
  // Origin turns into "null" under a no-referrer policy. Origin for browsers without it.
  const isSameOrigin = (request: Request): boolean => {
    const origin = request.headers.get('origin');
    const site = request.headers.get('sec-fetch-site');
    if (site !== null) return site === 'same-origin' || (origin !== null && trusted.has(origin));
    if (origin !== null) return origin !== 'null' && (origin === new URL(request.url).origin || trusted.has(origin));
    return allowRequestsWithoutOrigin;
  };

  const corsHeaders = (request: Request): HeaderPair[] => {
    const origin = request.headers.get('origin');
    if (origin === null || !trusted.has(origin) || origin === new URL(request.url).origin) return [];
    return [
      ['access-control-allow-origin', origin],
      ['access-control-allow-credentials', 'true'],
      ['vary', 'Origin'],
    ];
  };

  const preflight = (request: Request, allowed: readonly string[]): Response => {
    const origin = request.headers.get('origin');
    if (origin === null || !trusted.has(origin)) return refuse('CROSS_SITE_REQUEST');
    return json(204, null, [
      ...corsHeaders(request),
      ['access-control-allow-methods', allowed.join(', ')],
      ['access-control-allow-headers', 'content-type'],
      ['access-control-max-age', '600'],
    ]);
  };

  return { isSameOrigin, corsHeaders, preflight };
}
