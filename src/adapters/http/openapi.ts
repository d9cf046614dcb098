/**
 * The OpenAPI 3.1 document of the HTTP layer. Its parts are built with the package
 * (openapi-build.ts, `npm run openapi`) and committed as openapi-parts.json; at run time a
 * handler joins them with the route table, keeps the operations of its features, and puts its
 * base path in front of their paths. No zod is needed for it.
 */
import PARTS from './openapi-parts.json';
import { assembleDocument, type OpenApiParts } from './openapi-select';
import type { Route } from './routes';

/** @internal The document for the given routes under a base path: a fresh copy, the caller's to keep. */
export function openApiDocument(routes: readonly Route[], basePath: string): { readonly openapi: string; readonly paths: Readonly<Record<string, unknown>>; readonly [key: string]: unknown } {
  return JSON.parse(JSON.stringify(assembleDocument(PARTS as unknown as OpenApiParts, routes, basePath))) as { openapi: string; paths: Record<string, unknown> };
}
