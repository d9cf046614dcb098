/**
 * The demo's sign-in form sends the person back where they were: to a path of the demo only.
 * Browsers drop tabs and line breaks from a URL, so `/\t/evil.example` would lead off the site;
 * the demo takes a plain path alone. Reads the built package (npm run build).
 */
import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../demo/app';
import { createDemoWorld } from '../demo/world';

const ORIGIN = 'http://localhost:3000';

describe("the demo's sign-in redirect", () => {
  it('redirects to a path of the demo, and to / for anything a browser could read as another site', async () => {
    const app = createDemoApp(await createDemoWorld({ origin: ORIGIN }));
    const signIn = async (next: string) => {
      const response = await app.fetch(
        new Request(`${ORIGIN}/sign-in`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user: 'olivia', next }).toString(),
        }),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get('set-cookie')).toContain('demo-user=olivia');
      return response.headers.get('location');
    };
    expect(await signIn('/entries/town-hall?tab=links')).toBe('/entries/town-hall?tab=links');
    for (const next of ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '//evil.example', '/\\evil.example', '\\/evil.example', 'https://evil.example/', '/ok path', '/\u0000', '/caf\u00e9', '']) {
      expect(await signIn(next), JSON.stringify(next)).toBe('/');
    }
  });
});
