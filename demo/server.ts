/**
 * Starts the demo: `npm run demo`. Its data is kept by PGlite (PostgreSQL in the process) in
 * .data/demo/, with the key ring's secret made once beside it, so links survive a restart;
 * PostgreSQL when DATABASE_URL is set (with LINK_SECRET); in memory with `--memory`. PORT picks
 * the port (default 3000).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { generateSecret } from 'access-links';
import { createDemoApp } from './app';
import { createDemoWorld } from './world';

export interface RunningDemo {
  readonly url: string;
  readonly world: Awaited<ReturnType<typeof createDemoWorld>>;
  close(): Promise<void>;
}

/** Starts the demo on a port (0 for any free one) and answers its address. */
/** The secret kept in a data folder, made on its first use; never in the repository (.data/ is ignored). */
export function keptSecret(dataDir: string): string {
  const file = join(dataDir, 'link-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${generateSecret()}\n`, { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export async function startDemo(
  options: { port?: number | undefined; databaseUrl?: string | undefined; dataDir?: string | undefined; hostname?: string | undefined } = {},
): Promise<RunningDemo> {
  const hostname = options.hostname ?? 'localhost';
  let origin = '';
  const world = await createDemoWorld({
    get origin() {
      return origin;
    },
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    secret: process.env['LINK_SECRET'] ?? (options.databaseUrl || !options.dataDir ? undefined : keptSecret(options.dataDir)),
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
  const memory = process.argv.includes('--memory');
  const dataDir = memory ? undefined : fileURLToPath(new URL('../.data/demo', import.meta.url));
  const demo = await startDemo({ port: Number(process.env['PORT'] ?? 3000), databaseUrl: process.env['DATABASE_URL'], dataDir });
  console.log(`access-links demo (${demo.world.storage === 'memory' ? 'in memory' : demo.world.storage}) at ${demo.url}`);
  console.log('Sign in as Olivia with the switch at the top to manage guest access; the mailbox shows what invites sent.');
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
