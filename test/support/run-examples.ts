/**
 * Runs the examples written by test/examples.test.ts, each in a fresh world, and prints the
 * failures as JSON on the last line. Run with `node --import tsx`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeWorld } from './example-world';

const dir = process.argv[2]!;
// Every export of the built package is a global, as if each example had imported what it uses.
for (const entry of ['access-links', 'access-links/invites', 'access-links/http', 'access-links/format', 'access-links/nodemailer', 'access-links/events', 'access-links/webhooks', 'access-links/memory', 'access-links/schemas', 'access-links/testing', 'access-links/postgres', 'access-links/redis']) {
  Object.assign(globalThis, await import(entry));
}
const files = JSON.parse(readFileSync(join(dir, 'runnable.json'), 'utf8')) as string[];
const failures: { file: string; error: string }[] = [];
const quiet = { log: console.log, info: console.info, warn: console.warn };

for (const file of files) {
  const { world, tests } = await makeWorld();
  Object.assign(globalThis, world);
  console.log = console.info = console.warn = () => undefined;
  try {
    await import(pathToFileURL(join(dir, file)).href);
    await Promise.all(tests);
  } catch (error) {
    failures.push({ file: join(dir, file), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } finally {
    Object.assign(console, quiet);
  }
}
console.log(JSON.stringify(failures));
