/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/support/jest-env.ts'],
  // Integration suites share one Redis, each under its own key prefix; two workers keep a
  // two-core CI machine busy without starving the processes the end-to-end suites spawn.
  maxWorkers: 2,
};
