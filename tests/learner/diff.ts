/**
 * `npx tsx tests/learner/diff.ts [PROJECT ...]`: which learner-project responses differ from real
 * Django's, with the first differing line of each body. A development aid for tests/learner.
 */
import { normalise, project_names, run_project, same } from "./harness";

const names = process.argv.slice(2).length ? process.argv.slice(2) : project_names();
let total = 0;
let equal = 0;
for (const name of names) {
  const { recorded, actual } = await run_project(name);
  recorded.forEach((want, i) => {
    const got = actual[i];
    total++;
    if (same(want, got)) return void equal++;
    console.log(`✗ ${name} #${i} ${want.request}`);
    for (const key of ["status", "content_type", "location"] as const) if (want[key] !== got[key]) console.log(`    ${key}: want ${JSON.stringify(want[key])} got ${JSON.stringify(got[key])}`);
    if (got.status === 500) console.log(`    500: ${(/<title>([^<]*)<\/title>/.exec(got.body)?.[1] ?? "").trim()} ${/exception_value">([^<]*)/.exec(got.body)?.[1] ?? ""}`);
    const a = normalise(want.body)!.split("\n");
    const b = normalise(got.body)!.split("\n");
    const line = a.findIndex((l, j) => l !== b[j]);
    if (line >= 0) console.log(`    body line ${line + 1}:\n      want ${JSON.stringify(a[line]).slice(0, 300)}\n      got  ${JSON.stringify(b[line] ?? "<end>").slice(0, 300)}`);
  });
}
console.log(`${equal}/${total} equal (${((100 * equal) / total).toFixed(1)} %)`);
if (process.env.DUMP) {
  const [name, index] = process.env.DUMP.split(":");
  const { recorded, actual } = await run_project(name);
  const { writeFileSync } = await import("node:fs");
  writeFileSync("/tmp/want.html", normalise(recorded[Number(index)].body)!);
  writeFileSync("/tmp/got.html", normalise(actual[Number(index)].body)!);
}
