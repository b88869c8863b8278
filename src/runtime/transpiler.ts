/**
 * The transpiler (sucrase: TypeScript and ES imports → CommonJS, every line kept where it was), as a
 * chunk of its own in the worker's build: `transform`, evaluated the first time a project file or a
 * console entry needs transpiling. Main export: `transform`. Everything else reaches it through
 * transpiler-source.ts.
 *
 * Why a chunk of its own: sucrase and its helpers are over half of the runtime's own code (235 of
 * 430 kB); a worker that loads only built-in files unchanged (their compiled code is in the build,
 * precompiled.ts) never needs it (docs/adr/0024-page-start-order.md, fourth round).
 */
export { transform } from "sucrase";
