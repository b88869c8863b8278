import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { runtimeWorkerBundle } from "./scripts/runtime-worker-bundle.js";

export default defineConfig({
  // The page-side client imports `virtual:runtime-worker` (only a URL in tests: nothing is bundled).
  plugins: [runtimeWorkerBundle()],
  resolve: {
    alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("./src/frameworks/django/$1", import.meta.url)) }],
  },
  test: {
    include: ["tests/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
    testTimeout: 30000,
    // CI sums every suite into one line (scripts/ci-summary.mjs) from these JSON reports.
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".ci-results/vitest.json" }]] : ["default"],
  },
});
