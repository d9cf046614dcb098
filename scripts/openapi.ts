// The OpenAPI document of access-links/http, made when the package is built:
//  - src/adapters/http/openapi-parts.json, what the handler joins with its route table at run
//    time, built from the input schemas (zod) and the response schemas of openapi-build.ts;
//  - test/openapi-types.generated.ts, the client types openapi-typescript makes of the whole
//    document, which test/openapi-client.test.ts drives every route with;
//  - test/fixtures/openapi.json, the whole document as a handler with both features serves it,
//    for review (test/http.test.ts holds the served document to it).
// Run `npm run openapi` after changing a route, an input schema or a view; the tests fail while
// a file is not what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument, renderOpenApiParts } from './openapi-build';

export const PARTS_FILE = fileURLToPath(new URL('../src/adapters/http/openapi-parts.json', import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL('../test/openapi-types.generated.ts', import.meta.url));
export const DOCUMENT_FILE = fileURLToPath(new URL('../test/fixtures/openapi.json', import.meta.url));

/** The client types of the whole document, as the committed file holds them. */
export async function renderOpenApiTypes(): Promise<string> {
  const types = astToString(await openapiTS(buildOpenApiDocument() as unknown as OpenAPI3));
  return `// Made by \`npm run openapi\` (openapi-typescript) from the OpenAPI document of access-links/http; do not edit.\n\n${types}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(PARTS_FILE, renderOpenApiParts());
  writeFileSync(TYPES_FILE, await renderOpenApiTypes());
  writeFileSync(DOCUMENT_FILE, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
  console.log('wrote src/adapters/http/openapi-parts.json, test/openapi-types.generated.ts and test/fixtures/openapi.json');
}
