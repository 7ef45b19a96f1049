import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A throwaway PostgreSQL for the team-mode tests (test/pg-global-setup.ts).
    globalSetup: ["./test/pg-global-setup.ts"],
    // Timeouts only catch hangs: nothing here measures speed (timing lives in bench/). A loaded
    // 2-core machine once took over 60 s for a 20,000-order sync that takes 8 s when quiet.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // e2e tests spawn the built CLI; two cores, so keep the pool small.
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
