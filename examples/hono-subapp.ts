/**
 * access-links as a Hono sub-app, mounted with `app.route`: Hono hands the raw `Request` on with
 * its full path, so the handler's base path is the mount path. Served here on Node through
 * `@hono/node-server`; the same `app.fetch` runs on Bun, Deno and workers. Run it with
 * `npm run build && npx tsx examples/hono-subapp.ts`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { handler, tryIt } from './access-links';

const accessLinks = new Hono();
accessLinks.all('/*', (c) => handler(c.req.raw));

const app = new Hono();
app.get('/', (c) => c.text('Your own pages live beside /access-links.'));
app.route('/access-links', accessLinks);

const server = serve({ fetch: app.fetch, port: Number(process.env['PORT'] ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(tryIt(`http://localhost:${info.port}`));
});
process.on('SIGTERM', () => server.close());
