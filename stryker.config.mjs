// Mutation testing of the core (`npm run mutate`): a development tool, not part of `npm test` or CI.
// Run it on one folder at a time on a small machine, e.g.
//   npm run mutate -- --concurrency 1 --mutate 'src/domain/**/*.ts'
// Incremental: the result of the last run is kept in reports/, so the next run tests only the
// mutants whose code or covering tests changed (`--force` tests everything again).

/**
 * Left out of the mutation run:
 * - tests that run the built app (dist/) in a child process cannot kill a mutant of the sources:
 *   test/console/*, slack-crash, slack-flood, teams-local-mode;
 * - the browser tests (dashboard-browser, screenshots) draw pages in Chromium;
 * - the other end-to-end tests (`*.e2e.test.ts`) run the core behind the real Slack and Teams
 *   adapters over HTTP: they test the adapters, and make each mutant of the core take minutes.
 * What is mutated (src/domain, src/commands, src/comms) is pinned by the unit and contract tests.
 */
const leftOut = ['\\.e2e\\.test\\.ts$', '<rootDir>/test/console/', '<rootDir>/test/unit/screenshots.test.ts'];

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
      testPathIgnorePatterns: ['/node_modules/', ...leftOut],
    },
    enableFindRelatedTests: true,
  },
  mutate: ['src/domain/**/*.ts', 'src/commands/**/*.ts', 'src/comms/**/*.ts', '!**/*.json'],
  ignorePatterns: ['dist', 'build', 'coverage', 'data', 'reports'],
  // Module-level code (constants, the zod schemas) runs once when a test file loads it: each such
  // mutant needs the whole test run. They are reported as ignored, not scored.
  ignoreStatic: true,
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
