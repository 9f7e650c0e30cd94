/** Unit, emulator and provider tests run in parallel; end-to-end tests drive the real Pulumi CLI. */
const { join } = require("node:path");

const tsJest = { "^.+\\.ts$": ["ts-jest", {}] };
// Jest's transform cache with the project's other tool caches (scripts/env.sh exports where), not
// in the temp directory, which a test run leaves as it found it.
const cache = process.env.PULUMI_ECS_TOOL_CACHE ? { cacheDirectory: join(process.env.PULUMI_ECS_TOOL_CACHE, "jest") } : {};
module.exports = {
  // Two files at a time on the 2-core machines this runs on (jest's default there is one): an
  // end-to-end file spends most of its time waiting on CLI processes. Warm `npm test`: 11 min
  // instead of 20 (both green; measured 2026-12-05).
  maxWorkers: 2,
  projects: [
    {
      displayName: "unit",
      transform: tsJest,
      ...cache,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "<rootDir>/test/reliability/", "<rootDir>/test/acceptance/"],
    },
    {
      displayName: "reliability",
      transform: tsJest,
      ...cache,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
      slowTestThreshold: 120,
    },
    {
      // The acceptance suite (npm run test:live) against the emulator, and its command line.
      displayName: "acceptance",
      transform: tsJest,
      ...cache,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/acceptance/**/*.test.ts"],
      slowTestThreshold: 120,
    },
    {
      displayName: "e2e",
      transform: tsJest,
      ...cache,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      slowTestThreshold: 120,
    },
  ],
};
