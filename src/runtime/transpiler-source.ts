/**
 * Where the runtime gets the transpiler: `transpiler()` → sucrase's `transform`. Here (Node, tests,
 * `npm run dev`'s worker build too) it is imported directly; the page's worker build replaces this
 * file with one that evaluates the `transpiler` chunk on first call (scripts/runtime-worker-bundle.ts,
 * `lazyTranspilerSource`), so a start that transpiles nothing never compiles sucrase.
 */
import { transform } from "./transpiler";

export function transpiler(): typeof transform {
  return transform;
}
