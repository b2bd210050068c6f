// Mutation testing of the core (`npm run mutate`): a development tool, not part of `npm test` or CI.
// Run it on one folder at a time on a small machine, e.g.
//   npm run mutate -- --concurrency 1 --mutate 'src/domain/**/*.ts'
// Incremental: the result of the last run is kept in reports/, so the next run tests only the
// mutants whose code or covering tests changed (`--force` tests everything again).

/** Tests that run the built app (dist/) in a child process cannot kill a mutant of the sources;
 * the browser tests draw pages in Chromium and are slow. Both are left out of the mutation run. */
const outOfProcess = [
  '<rootDir>/test/console/',
  '<rootDir>/test/adapters/slack/slack-crash.e2e.test.ts',
  '<rootDir>/test/adapters/slack/slack-flood.e2e.test.ts',
  '<rootDir>/test/adapters/teams/teams-local-mode.e2e.test.ts',
  '<rootDir>/test/adapters/web/dashboard-browser.e2e.test.ts',
  '<rootDir>/test/unit/screenshots.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  coverageAnalysis: 'perTest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // jest only finds the tests related to a source file when that file is under one of its roots.
    config: {
      roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/adapters'],
      testPathIgnorePatterns: ['/node_modules/', ...outOfProcess],
    },
    enableFindRelatedTests: true,
  },
  mutate: ['src/domain/**/*.ts', 'src/commands/**/*.ts', 'src/comms/**/*.ts', '!**/*.json'],
  ignorePatterns: ['dist', 'build', 'coverage', 'data', 'reports'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 1,
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
