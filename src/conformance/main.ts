/**
 * `npm run conformance -- [--cases DIR] [--area NAME] [--json FILE] [--failures]`
 *
 * Prints `conformance <area>: P passed, F failed` per area, then `conformance: P passed, F failed`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { replay_corpus, totals_by_area } from "./runner";

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_CORPUS_DIR = resolve(here, "../../../shared/conformance");

function parse_args(argv: string[]) {
  const opts: { cases: string; area?: string; json?: string; failures: boolean } = { cases: DEFAULT_CORPUS_DIR, failures: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--cases") opts.cases = resolve(argv[++i]);
    else if (a === "--area") opts.area = argv[++i];
    else if (a === "--json") opts.json = resolve(argv[++i]);
    else if (a === "--failures") opts.failures = true;
    else throw new Error(`unknown argument ${a}; usage: conformance [--cases DIR] [--area NAME] [--json FILE] [--failures]`);
  }
  return opts;
}

async function main() {
  const opts = parse_args(process.argv.slice(2));
  const verdicts = await replay_corpus(opts.cases, opts.area);
  if (opts.failures) for (const v of verdicts) if (!v.passed) console.log(`FAIL ${v.id}: ${v.message}`);
  let passed = 0;
  let failed = 0;
  for (const t of totals_by_area(verdicts)) {
    console.log(`conformance ${t.area}: ${t.passed} passed, ${t.failed} failed`);
    passed += t.passed;
    failed += t.failed;
  }
  console.log(`conformance: ${passed} passed, ${failed} failed`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ cases: verdicts }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
void join;
