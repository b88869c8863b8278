/**
 * End-to-end tests of the BUILT page in Debian's Chromium (no Playwright browser download).
 * Run: `npm run build && npm run e2e`. The web server is `vite preview` on port 4173 (`E2E_PORT`
 * picks another, so that several checkouts can run their suites at once). Playwright always starts
 * its own server: a server already on the port (another checkout's, an old build) is never reused.
 */
import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("which chromium", { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH).");
  }
}

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Two tests at a time, each in its own browser context (storage, service workers, routes), and
  // files split between the workers test by test; `E2E_WORKERS=1` runs one at a time.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  fullyParallel: true,
  // One retry in CI: a loaded 2-core machine can delay Monaco or a worker past a wait; a test that
  // needed it is reported as flaky in the summary, not hidden.
  retries: process.env.CI ? 1 : 0,
  // Timing figures are a benchmark (`npm run bench:page`) and the screenshot tour is for looking at
  // (`SCREENS=1 npx playwright test e2e/screens.spec.ts`): neither is part of the test run.
  testIgnore: [...(process.env.MEASURE ? [] : ["**/measure.spec.ts"]), ...(process.env.SCREENS ? [] : ["**/screens.spec.ts"])],
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".ci-results/e2e.json" }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: chromiumPath(),
      // The omnibox popup's WebUI: Chromium 156 renders it, hidden, in a renderer of its own for
      // every new page — 300–430 ms of CPU per page on this machine, more than the page's own main
      // thread, while the page starts (docs/benchmarks.md, 2026-12-07 fourth round). A browser
      // window makes it once; the tests open a page per test.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"],
    },
    headless: true,
    // Service workers run (the Preview is served by one); the offline worker is replaced by an
    // empty one except where a test opts in (e2e/fixtures.ts, `offlineWorker`).
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
