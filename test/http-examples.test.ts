/**
 * The framework examples run: each of examples/express.ts, fastify.ts and hono-subapp.ts starts
 * its server on a free port, serves the OpenAPI document and lets a guest join through the link it
 * prints. They run against the built package (npm run build). The Next.js route handler is
 * compiled against Next's types by the type check, not run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'http.js'))) throw new Error('Build the package first (npm run build): the examples run against it.');
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** Starts an example on a free port; answers the origin and the join path it prints. */
async function start(example: string): Promise<{ origin: string; join: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'examples', example)], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const origin = /access-links at (http:\/\/localhost:\d+)/.exec(output)?.[1];
      const join = /(\/access-links\/guest-links\/\S+\/join)/.exec(output)?.[1];
      if (origin !== undefined && join !== undefined) resolve({ origin: origin.replace('localhost', '127.0.0.1'), join });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${example} exited with ${code}: ${output}`)));
  });
}

describe('the framework examples', () => {
  for (const example of ['express.ts', 'fastify.ts', 'hono-subapp.ts']) {
    it(`${example} serves the routes under /access-links`, async () => {
      const { origin, join } = await start(example);
      const document = await fetch(`${origin}/access-links/openapi.json`);
      expect(document.status).toBe(200);
      expect(((await document.json()) as { openapi: string }).openapi).toBe('3.1.0');
      const joined = await fetch(`${origin}${join}`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', email: 'ada@example.org' }),
      });
      expect(joined.status).toBe(201);
      expect(joined.headers.getSetCookie()).toHaveLength(2);
      const page = await fetch(`${origin}/`);
      expect(await page.text()).toContain('/access-links');
    });
  }
});
