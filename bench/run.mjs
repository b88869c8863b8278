// `npm run bench`: bundle bench/main.ts the way the page bundles the runtime worker, then run it.
//
// The page's worker is built by Vite's bundler, rolldown, with `keepNames` (the framework reports
// classes and functions by name): names are kept by not renaming them, so a closure created per
// request costs what it costs in the browser. tsx (esbuild's `keepNames`) instead wraps every
// named closure in a `__name(fn, "name")` call each time it is created, which made the hot path
// look about twice as slow as it runs in the page. So the bench runs rolldown's output, in Node.
/* global process */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "node_modules", ".cache", "framework-lab-bench", "main.mjs");
mkdirSync(dirname(out), { recursive: true });

const bundle = await rolldown({
  input: join(root, "bench", "main.ts"),
  platform: "node",
  // sql.js finds its .wasm next to its own file; Node's modules stay Node's.
  external: ["sql.js", /^node:/],
  logLevel: "warn",
});
// One file: a dynamic import (fastapi/routing.ts loads its form parser on demand) is inlined.
await bundle.write({ file: out, format: "es", keepNames: true, sourcemap: false, codeSplitting: false });
await bundle.close();

const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: "inherit", cwd: root, env: { ...process.env, BENCH_ROOT: root } });
process.exit(run.status ?? 1);
