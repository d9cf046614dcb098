/**
 * The OpenAPI document put together: loaded by the handler on the first request for it, so that
 * a bundler keeps its parts (the largest piece of the HTTP layer) in a chunk of their own, out
 * of what a server or a worker loads to start.
 */
import PARTS from './openapi-parts.json';
import { assembleDocument, type OpenApiParts } from './openapi-select';
import type { Route } from './routes';
import type { OpenApiDocument } from './types';

/** @internal The document for the given routes under a base path: a fresh copy, the caller's to keep. */
export function documentOf(routes: readonly Route[], basePath: string): OpenApiDocument {
  return JSON.parse(JSON.stringify(assembleDocument(PARTS as unknown as OpenApiParts, routes, basePath))) as OpenApiDocument;
}
