// Sums the suites of one CI run into the closing line "N passed, M failed".
// `npm test` runs lint → typecheck → vitest → build → playwright and stops at the first failure:
// lint, typecheck and build count as one test each; Vitest and Playwright JSON reports give the rest;
// a stage that never ran because an earlier one failed counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".ci-results";
const log = existsSync(join(dir, "test.log")) ? readFileSync(join(dir, "test.log"), "utf8") : "";
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);

let passed = 0;
let failed = 0;
const reached = (marker) => log.includes(marker);

// Each stage is "reached" when the next one started (npm prints "> <command>" as it starts a script).
const stages = [
  { name: "lint", done: reached("> tsc --noEmit") },
  { name: "typecheck", done: reached("RUN  v") || reached("Test Files") },
  { name: "build", done: reached("> playwright test") || (reached("> vite build") && reached("built in")) },
];
for (const s of stages) s.done ? passed++ : failed++;

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
} else failed++;

const e2e = read("e2e.json");
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  if (e2e.stats.flaky) console.log(`e2e: ${e2e.stats.flaky} flaky (failed once, passed on retry)`);
  failed += e2e.stats.unexpected ?? 0;
} else failed++;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
