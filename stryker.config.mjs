// Mutation testing: Stryker plants small bugs in src/ and counts what the tests catch.
// `npm run test:mutation` runs it (slowly: it is not part of `npm test`); the HTML report lands in
// reports/mutation/, and reports/stryker-incremental.json lets a later run re-test only the code
// and tests that changed since.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/**/*.ts',
    // Entry points only re-export; the kit is test code of its own (it is run, not mutated).
    '!src/index.ts',
    '!src/invites.ts',
    '!src/memory.ts',
    '!src/postgres.ts',
    '!src/redis.ts',
    '!src/schemas.ts',
    '!src/testing.ts',
    '!src/http.ts',
    '!src/nodemailer.ts',
    '!src/ports/**',
    '!src/testing/**',
    // Covered on real servers by npm test; mutation testing runs the in-memory suite only.
    '!src/adapters/postgres/**',
    '!src/adapters/redis/**',
  ],
  // Vitest strips types without checking them, so the sandbox's files stay as committed (tests
  // compare generated modules with what their scripts make).
  disableTypeChecks: false,
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: 'node_modules/.cache/stryker-tmp',
};
