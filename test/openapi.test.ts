// The OpenAPI document of access-links/http: its committed parts and client types are what the
// build makes of the routes, the input schemas and the response schemas, and each handler serves
// the operations of its own features, under its own base path.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderOpenApiParts } from '../scripts/openapi-build';
import { createHttpHandler } from '../src/http';
import { PARTS_FILE, renderOpenApiTypes, TYPES_FILE } from '../scripts/openapi';
import { inviteHarness } from './harness';

type Document = { paths: Record<string, Record<string, { operationId: string }>>; components: Record<string, Record<string, unknown>>; tags: { name: string }[] };

async function handlers(basePath?: string) {
  const h = await inviteHarness();
  const base = { authenticate: () => null, ...(basePath === undefined ? {} : { basePath }) };
  return {
    both: createHttpHandler({ ...base, guestLinks: h.access, inviteLinks: h.invites, claimant: () => null }),
    guests: createHttpHandler({ ...base, guestLinks: h.access }),
    invites: createHttpHandler({ ...base, inviteLinks: h.invites, claimant: () => null }),
  };
}

const operations = (document: Document) => Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));

describe('the OpenAPI document', () => {
  it('is committed as the build makes it: run `npm run openapi` after changing a route, an input schema or a view', async () => {
    expect(readFileSync(PARTS_FILE, 'utf8')).toBe(renderOpenApiParts());
    expect(readFileSync(TYPES_FILE, 'utf8')).toBe(await renderOpenApiTypes());
  });

  it('is served by each handler for its own features, with only the components and tags they use', async () => {
    const { both, guests, invites } = await handlers();
    const all = (await both.openApi()) as unknown as Document;
    const guestOnly = (await guests.openApi()) as unknown as Document;
    const inviteOnly = (await invites.openApi()) as unknown as Document;
    expect(operations(all)).toHaveLength(28);
    expect(operations(guestOnly)).toEqual(operations(all).filter((id) => !/Invite/.test(id)));
    expect(operations(inviteOnly)).toEqual(operations(all).filter((id) => /Invite/.test(id)));
    expect(guestOnly.tags.map((tag) => tag.name)).toEqual(['Guest links']);
    expect(Object.keys(guestOnly.components['schemas']!)).not.toContain('InviteView');
    expect(Object.keys(inviteOnly.components['schemas']!)).not.toContain('GuestSessionView');
    expect(Object.keys(inviteOnly.components['headers']!)).not.toContain('SetCookie');
    // Every component a document keeps is reached from its operations.
    for (const document of [all, guestOnly, inviteOnly]) {
      const text = JSON.stringify(document);
      for (const [kind, entries] of Object.entries(document.components)) {
        if (kind === 'securitySchemes') continue;
        for (const name of Object.keys(entries)) expect(text, `${kind}/${name}`).toContain(`"#/components/${kind}/${name}"`);
      }
    }
    // What the handler serves at openapi.json is the same document.
    const served = await both(new Request('https://media.example.org/access-links/openapi.json'));
    expect(await served.json()).toEqual(all);
  });

  it("puts the handler's base path before every path, and shares nothing between handlers", async () => {
    const { both } = await handlers('/');
    const rooted = (await both.openApi()) as unknown as Document;
    expect(Object.keys(rooted.paths)).toContain('/guest-links/{token}/join');
    const { both: nested } = await handlers('/api/sharing/');
    expect(Object.keys((await nested.openApi()).paths).every((path) => path.startsWith('/api/sharing/'))).toBe(true);
    expect(Object.keys((await nested.openApi()).paths)).toContain('/api/sharing/guest-links/{token}/join');
    // One handler's document changed by its caller changes no other handler's.
    delete (rooted.components['schemas'] as Record<string, unknown>)['GuestLanding'];
    const { both: other } = await handlers('/');
    expect(((await other.openApi()) as unknown as Document).components['schemas']).toHaveProperty('GuestLanding');
  });
});
