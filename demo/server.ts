/**
 * Starts the demo: `npm run demo`. In-memory stores by default; PostgreSQL when DATABASE_URL is
 * set. PORT picks the port (default 3000).
 */
import { serve } from '@hono/node-server';
import { createDemoApp } from './app';
import { createDemoWorld } from './world';

export interface RunningDemo {
  readonly url: string;
  readonly world: Awaited<ReturnType<typeof createDemoWorld>>;
  close(): Promise<void>;
}

/** Starts the demo on a port (0 for any free one) and answers its address. */
export async function startDemo(options: { port?: number | undefined; databaseUrl?: string | undefined; hostname?: string | undefined } = {}): Promise<RunningDemo> {
  const hostname = options.hostname ?? 'localhost';
  let origin = '';
  const world = await createDemoWorld({
    get origin() {
      return origin;
    },
    databaseUrl: options.databaseUrl,
    secret: process.env['LINK_SECRET'],
  });
  const app = createDemoApp(world);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname }, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  origin = `http://${hostname}:${port}`;
  return {
    url: origin,
    world,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const demo = await startDemo({ port: Number(process.env['PORT'] ?? 3000), databaseUrl: process.env['DATABASE_URL'] });
  console.log(`access-links demo (${demo.world.storage} storage) at ${demo.url}`);
  console.log('Sign in as Olivia with the switch at the top to manage guest access; the mailbox shows what invites sent.');
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
