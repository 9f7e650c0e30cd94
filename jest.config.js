/** Unit, emulator and provider tests run in parallel; end-to-end tests drive the real Pulumi CLI. */
const tsJest = { "^.+\\.ts$": ["ts-jest", {}] };
module.exports = {
  projects: [
    {
      displayName: "unit",
      transform: tsJest,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "<rootDir>/test/reliability/", "<rootDir>/test/acceptance/"],
    },
    {
      displayName: "reliability",
      transform: tsJest,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/reliability/**/*.test.ts"],
      slowTestThreshold: 120,
    },
    {
      // The acceptance suite (npm run test:live) against the emulator, and its command line.
      displayName: "acceptance",
      transform: tsJest,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/acceptance/**/*.test.ts"],
      slowTestThreshold: 120,
    },
    {
      displayName: "e2e",
      transform: tsJest,
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      slowTestThreshold: 120,
    },
  ],
};
