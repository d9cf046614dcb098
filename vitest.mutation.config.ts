import { defineConfig } from 'vitest/config';

// The suite mutation testing runs: every test that exercises src/ in this process, without the
// ones that need a real PostgreSQL server (the adapter they cover is not mutated), run the built
// package in another process (the examples of the docs, the kit under node:test, the examples
// of the HTTP layer, the demo's sign-in), or drive the demo in a browser (it runs the built
// package too).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/postgres.test.ts', 'test/postgres-pooler.test.ts', 'test/redis.test.ts', 'test/examples.test.ts', 'test/kit-runners.test.ts', 'test/browser.test.ts', 'test/http-examples.test.ts', 'test/demo-sign-in.test.ts'],
    testTimeout: 60_000,
    // Each test runs once per mutant it covers: properties make a quarter of their runs here.
    env: { ACCESS_LINKS_RUNS_SCALE: '0.25' },
    // No PostgreSQL server, pooler or Redis here: tests that would use one are skipped.
    provide: { postgres: null, pgbouncer: null, redis: null },
  },
});
