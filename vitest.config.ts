import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Browser tests mostly wait on Chromium and the page: three files at once keep two
    // cores busy where one at a time would leave them idle half the run.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "**/node_modules/**"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        // The production build, served under a sub-path, in Debian's Chromium.
        test: {
          name: "browser",
          include: ["test/browser/**/*.browser.test.ts"],
          environment: "node",
          globalSetup: ["test/browser/global-setup.ts"],
          // A page updates on its own time: polls wait for it as long as a loaded machine may need.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
