// Sums the suites of one CI run into the closing line "N passed, M failed".
// Lint and typecheck count as one test each; Vitest's JSON report gives the rest.
import { existsSync, readFileSync } from "node:fs";

const [logPath, vitestJson] = process.argv.slice(2);
const log = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
let passed = 0;
let failed = 0;

// `npm test` runs lint, then typecheck, then vitest, stopping at the first failure.
const lintFailed = /npm run lint[\s\S]*?(\d+ problems?|error)/.test(log) && !log.includes("> tsc --noEmit");
const typecheckReached = log.includes("> tsc --noEmit");
const vitestReached = existsSync(vitestJson);
if (lintFailed || !typecheckReached) failed++;
else passed++;
if (typecheckReached) {
  if (vitestReached) passed++;
  else failed++;
}
if (vitestReached) {
  const report = JSON.parse(readFileSync(vitestJson, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
