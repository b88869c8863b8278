// Sums the suites of one CI run into the closing line "N passed, M failed".
// `npm test` (scripts/test.mjs) runs build → playwright beside vitest and lint → typecheck and writes
// each step's result to stages.json: lint, typecheck and build count as one test each; Vitest and
// Playwright JSON reports give the rest; a step that never ran (its lane stopped) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? ".ci-results";
const log = existsSync(join(dir, "test.log")) ? readFileSync(join(dir, "test.log"), "utf8") : "";
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : null);

let passed = 0;
let failed = 0;
const reached = (marker) => log.includes(marker);

const steps = read("stages.json");
const stepPassed = (name) => steps?.results?.some((r) => r.name === name && r.ok) ?? false;
// Without stages.json (an older runner): a stage is "reached" when the next one started.
const stages = [
  { name: "lint", done: steps ? stepPassed("lint") : reached("> tsc --noEmit") },
  { name: "typecheck", done: steps ? stepPassed("typecheck") : reached("RUN  v") || reached("Test Files") },
  { name: "build", done: steps ? stepPassed("build") : reached("> playwright test") || (reached("> vite build") && reached("built in")) },
];
for (const s of stages) s.done ? passed++ : failed++;
if (steps) console.log(`npm test took ${Math.floor(steps.wall / 60)} min ${Math.round(steps.wall % 60)} s`);

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
