/**
 * The OpenAPI 3.1 document of the HTTP layer. Its parts are built with the package
 * (scripts/openapi-build.ts, `npm run openapi`) and committed as openapi-parts.json; at run time a
 * handler joins them with the route table, keeps the operations of its features, and puts its
 * base path in front of their paths. No zod is needed for it, and nothing of it is loaded
 * before it is first asked for.
 */
import type { Route } from './routes';
import type { OpenApiDocument } from './types';

/** @internal The document for the given routes under a base path, loaded on first use: a fresh copy, the caller's to keep. */
export async function openApiDocument(routes: readonly Route[], basePath: string): Promise<OpenApiDocument> {
  const { documentOf } = await import('./openapi-document');
  return documentOf(routes, basePath);
}
