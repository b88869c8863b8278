// Bundle any bench entry the way bench/run.mjs does (rolldown, keepNames) → node_modules/.cache/framework-lab-bench/NAME.mjs
/* global process, console */
import { mkdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = resolve(process.argv[2]);
const out = join(root, "node_modules", ".cache", "framework-lab-bench", (process.argv[3] ?? basename(entry).replace(/\.ts$/, "")) + ".mjs");
mkdirSync(dirname(out), { recursive: true });
const bundle = await rolldown({ input: entry, platform: "node", external: ["sql.js", /^node:/], logLevel: "warn" });
await bundle.write({ file: out, format: "es", keepNames: true, sourcemap: false, codeSplitting: false });
await bundle.close();
console.log(out);
