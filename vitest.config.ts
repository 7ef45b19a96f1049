import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A throwaway PostgreSQL for the team-mode tests (test/pg-global-setup.ts).
    globalSetup: ["./test/pg-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e tests spawn the built CLI; two cores, so keep the pool small.
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
