/**
 * The HTTP layer: one `(request: Request) => Promise<Response>` for every operation of guest
 * links and invites, on Web standards only, with secure defaults (the session in an `HttpOnly`,
 * `Secure`, `SameSite=Lax` cookie; same-origin checks; rate limits; body limits; one status per
 * refusal code). Start with {@link createHttpHandler}; on Node's `http`, Express or Fastify,
 * serve it with {@link toNodeHandler}.
 *
 * @example
 * ```ts
 * import { createHttpHandler } from 'access-links/http';
 * const handler = createHttpHandler({ guestLinks, authenticate: (request) => currentUser(request) });
 * Deno.serve(handler);
 * ```
 *
 * @module access-links/http
 */
export { createHttpHandler } from './adapters/http/handler';
export { DEFAULT_HTTP_RATE_LIMITS } from './adapters/http/rate-limit';
export { toNodeHandler } from './adapters/http/node';
export type { FastifyReplyLike, FastifyRequestLike, NodeHandler, NodeHandlerOptions, NodeRequestLike, NodeResponseLike } from './adapters/http/node-types';
export type { GuestSessionCheck, HttpCookieOptions, HttpHandler, HttpHandlerOptions, HttpRateLimits, OpenApiDocument } from './adapters/http/types';
export { HTTP_STATUS } from './adapters/http/status';
export type { HttpErrorCode } from './adapters/http/status';
export type { KeyedLimit, RateDecision, RateLimit, RateLimiter } from './ports/rate-limiter';
