// bundle an entry with rolldown (keepNames, as the page) and run it
import { rolldown } from "rolldown";
import { spawnSync } from "node:child_process";
const [entry, ...args] = process.argv.slice(2);
const b = await rolldown({ input: entry, platform: "node", external: ["sql.js", /^node:/], logLevel: "warn" });
await b.write({ file: "/work/wt-perf/node_modules/.cache/rd/entry.mjs", format: "es", keepNames: true });
const flags = (process.env.NODE_FLAGS ?? "").split(" ").filter(Boolean);
const r = spawnSync(process.execPath, [...flags, "/work/wt-perf/node_modules/.cache/rd/entry.mjs", ...args], { stdio: "inherit", cwd: "/work/wt-perf" });
process.exit(r.status ?? 1);
