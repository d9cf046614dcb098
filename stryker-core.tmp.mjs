import base from './stryker.config.mjs';
export default {
  ...base,
  mutate: ['src/domain/**/*.ts', 'src/policy/**/*.ts', 'src/services/**/*.ts', '!src/domain/rule-schemas.ts', '!src/domain/record-schemas.ts'],
  incremental: false,
  tempDirName: 'node_modules/.cache/stryker-tmp-core',
  jsonReporter: { fileName: 'reports/mutation/core.json' },
  htmlReporter: { fileName: 'reports/mutation/core.html' },
};
