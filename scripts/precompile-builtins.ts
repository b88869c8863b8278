/**
 * Build step, run by scripts/runtime-worker-bundle.ts in a child process (`node --import tsx`):
 * the built-in projects' files (the built-in scenarios, the course's starters and solutions, the
 * comparison projects) → their compiled code, by the runtime's own `transpile_module`, printed as
 * the JSON text src/runtime/precompiled.ts reads (docs/adr/0024-page-start-order.md, fourth round).
 * A process of its own: loading the scenarios through Vite's module runner while the page's build
 * runs in the same process timed out on a loaded two-core machine.
 */
import { precompile } from "../src/runtime/compile";
import { BUILTIN_SCENARIOS } from "../src/scenarios/index";
import { COURSE } from "../src/course/index";
import { COMPARISON } from "../src/course/compare";

const projects = [...Object.values(BUILTIN_SCENARIOS), ...COURSE.flatMap((p) => [p.starter, p.solution]), ...COMPARISON.map((c) => c.scenario)];
process.stdout.write(JSON.stringify(precompile(projects.map((p) => p.files))));
