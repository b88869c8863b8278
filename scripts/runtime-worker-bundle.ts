/**
 * The runtime worker as ONE classic script: src/runtime/worker.ts and everything it imports
 * (frameworks, sucrase, sql.js) → an IIFE bundle, served to the page as a plain file whose URL is
 * the default export of the virtual module `virtual:runtime-worker`.
 *
 * Why one classic script: user code runs in a worker started from a `blob:` URL inside an
 * opaque-origin sandboxed frame (docs/adr/0019-runtime-isolation.md). A blob worker inherits the
 * frame's content security policy, which allows no network at all, so the worker cannot import
 * anything: the whole runtime must arrive as text. Chromium refuses module workers from `blob:null`
 * URLs, so the bundle is a classic script (IIFE), not an ES module.
 *
 * Build: a nested Vite build in library mode, CommonJS chunks (the runtime's entry, its transpiler's,
 * and one entry per mode folder's `boot.ts`), put together by `assemble` into the one script, emitted
 * as `assets/runtime-worker-<hash>.js`: the runtime's chunks compiled with it, each mode's and the
 * transpiler's kept as text and evaluated on first use (src/modes/lazy-source.ts; docs/adr/0024-
 * page-start-order.md, third round). The built-in projects' files are compiled here once, into a
 * table the worker uses for a file whose path and text are unchanged (`precompiledTable`,
 * src/runtime/compile.ts; fourth round). The page's HTML preloads it and sql.js' wasm (or its inline bootstrap fetches both,
 * scripts/sandbox-bootstrap.ts), so both download while the page's own script starts.
 * Dev (`npm run dev`): the same nested build on the first request of `/@runtime-worker.js`, kept
 * until a file under src/ changes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { build, type Plugin, type InlineConfig } from "vite";

const run = promisify(execFile);
import { frameSourceStatement, frameSources } from "./frame-sources.js";

const VIRTUAL_ID = "virtual:runtime-worker";
const RESOLVED_ID = "\0" + VIRTUAL_ID;
const DEV_PATH = "/@runtime-worker.js";

/** Where a mode's files are, by its id: `src/modes/<id>/`. */
const MODES_DIR = fileURLToPath(new URL("../src/modes/", import.meta.url));
const LAZY_SOURCE_ID = "\0framework-lab:lazy-mode-source";

/**
 * The modes, in the order `src/modes/source.ts` lists them, and which importable module names each
 * provides (its `modules.ts`, one `export * as "<name>"` line per module; a name two modes provide
 * is the later one's, as in source.ts). src/modes/lazy-source.ts checks each mode it evaluates.
 */
export function modeTable(modesDir = MODES_DIR): { ids: string[]; owners: Record<string, string> } {
  const source = readFileSync(join(modesDir, "source.ts"), "utf8");
  const ids = [...source.matchAll(/^import \{ boot as \w+ \} from "\.\/([\w-]+)\/boot";$/gm)].map((m) => m[1]);
  if (ids.length === 0) throw new Error("runtime-worker: src/modes/source.ts lists no mode");
  const owners: Record<string, string> = {};
  for (const id of ids) {
    const file = join(modesDir, id, "modules.ts");
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/^export \* as "([^"]+)" from /gm)) owners[m[1]] = id;
  }
  return { ids, owners };
}

/** src/modes/source.ts → the lazy source, in the worker's build only (every mode's boot is an entry of its own). */
function lazyModeSource(table: { ids: string[]; owners: Record<string, string> }): Plugin {
  const sourceFile = join(MODES_DIR, "source.ts");
  return {
    name: "framework-lab:lazy-mode-source",
    enforce: "pre",
    async resolveId(id, importer, options) {
      if (!importer || !id.startsWith(".")) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      return resolved?.id === sourceFile ? LAZY_SOURCE_ID : null;
    },
    load(id) {
      if (id !== LAZY_SOURCE_ID) return null;
      return `import { lazy_source } from ${JSON.stringify(join(MODES_DIR, "lazy-source.ts"))};\nexport const MODE_SOURCE = lazy_source(${JSON.stringify(table.ids)}, ${JSON.stringify(table.owners)});\n`;
    },
  };
}

/** The runtime's files the worker build replaces (`lazyRuntimeSources`). */
const RUNTIME_DIR = fileURLToPath(new URL("../src/runtime/", import.meta.url));
const TRANSPILER_SOURCE_ID = "\0framework-lab:lazy-transpiler-source";
const PRECOMPILED_SOURCE_ID = "\0framework-lab:precompiled-source";

/**
 * The built-in projects' files compiled once, here, by the runtime's own `transpile_module`
 * (src/runtime/compile.ts): the JSON text src/runtime/precompiled.ts reads, made by
 * scripts/precompile-builtins.ts in a child process.
 */
export async function precompiledTable(root: string): Promise<string> {
  const script = fileURLToPath(new URL("./precompile-builtins.ts", import.meta.url));
  const { stdout } = await run(process.execPath, ["--import", "tsx", script], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  JSON.parse(stdout);
  return stdout;
}

/**
 * In the worker's build only: src/runtime/transpiler-source.ts → a module that evaluates the
 * `transpiler` chunk (sucrase) on first use, and src/runtime/precompiled-source.ts → a lookup over
 * the build's table of the built-in files' compiled code (src/runtime/compile.ts, precompiled.ts).
 * A start that loads built-in files unchanged never compiles sucrase (docs/adr/0024, fourth round).
 */
function lazyRuntimeSources(table: string): Plugin {
  const replaced = new Map([
    [join(RUNTIME_DIR, "transpiler-source.ts"), TRANSPILER_SOURCE_ID],
    [join(RUNTIME_DIR, "precompiled-source.ts"), PRECOMPILED_SOURCE_ID],
  ]);
  return {
    name: "framework-lab:lazy-runtime-sources",
    enforce: "pre",
    async resolveId(id, importer, options) {
      if (!importer || !id.startsWith(".")) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      return (resolved && replaced.get(resolved.id)) ?? null;
    },
    load(id) {
      if (id === TRANSPILER_SOURCE_ID) {
        return `import { chunk_loader } from ${JSON.stringify(join(MODES_DIR, "lazy-source.ts"))};
let transform = null;
export function transpiler() {
  if (transform) return transform;
  const chunks = chunk_loader();
  if (!chunks) throw new Error("The runtime's transpiler is not in this bundle (no chunk loader).");
  return (transform = chunks.require("transpiler.js").transform);
}
`;
      }
      if (id === PRECOMPILED_SOURCE_ID) {
        return `import { precompiled_lookup } from ${JSON.stringify(join(RUNTIME_DIR, "precompiled.ts"))};
export const precompiled_code = precompiled_lookup(${JSON.stringify(table)});
`;
      }
      return null;
    },
  };
}

type Table = { sources: string[]; lines: string[] };

function workerBuildConfig(root: string, table: { ids: string[]; owners: Record<string, string> }, tables: Map<string, Table>, precompiled: string): InlineConfig {
  // The runtime's entry, its transpiler's (a chunk of its own, evaluated on first use) and each mode's.
  const entries: Record<string, string> = { runtime: join(RUNTIME_DIR, "worker.ts"), transpiler: join(RUNTIME_DIR, "transpiler.ts") };
  for (const id of table.ids) entries[`mode-${id}`] = join(MODES_DIR, id, "boot.ts");
  return {
    configFile: false,
    root,
    logLevel: "warn",
    resolve: {
      alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("../src/frameworks/django/$1", import.meta.url)) }],
    },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    // frameSources: the hidden source maps become small tables (bundle position → framework source
    // file), so tracebacks name `django/…` files, not the bundle; placed by `assemble`.
    plugins: [lazyModeSource(table), lazyRuntimeSources(precompiled), frameSources((fileName, t) => tables.set(fileName, t))],
    build: {
      sourcemap: "hidden",
      write: false,
      target: "es2022",
      minify: true,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      // CommonJS chunks: the runtime's own, and each mode's (with the framework code only it uses),
      // put together by `assemble` into one classic script.
      lib: { entry: entries, formats: ["cjs"], fileName: (_format, name) => `${name}.js` },
      // The framework reports classes and functions by name (middleware, views, Http404): keep them.
      rolldownOptions: { output: { keepNames: true, chunkFileNames: "[name].js" }, checks: { bundlerTimings: false } } as Record<string, unknown>,
    },
  };
}

/** A chunk of the worker's build: its file, code and the chunks it requires. */
export interface WorkerChunk {
  fileName: string;
  code: string;
  imports: readonly string[];
  dynamicImports: readonly string[];
}

/**
 * The chunks → one classic script (a blob worker can load nothing, and Chromium refuses module
 * workers from `blob:null`): the chunks `runtime.js` requires, as functions compiled with the
 * script; every other chunk (the modes') as text, evaluated by the prelude's `require` on first
 * use. Tracebacks: the script's table maps its lines to the runtime chunks' tables; each lazy
 * chunk carries its own, under its `sourceURL`.
 */
export function assemble(chunks: readonly WorkerChunk[], tables: ReadonlyMap<string, Table>): string {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    const chunk = byName.get(name);
    if (!chunk) throw new Error(`runtime-worker: no chunk ${name}`);
    eager.add(name);
    for (const dep of chunk.imports) visit(dep);
  };
  visit("runtime.js");
  const lazy: Record<string, string> = {};
  for (const chunk of chunks) {
    if (eager.has(chunk.fileName)) continue;
    const t = tables.get(chunk.fileName);
    // The prelude evaluates "(function (exports, require, module) {\n" + text: one line before the chunk's first.
    lazy[chunk.fileName] = chunk.code + (t ? frameSourceStatement(`framework-lab-${chunk.fileName}`, { sources: t.sources, lines: ["", ...t.lines] }) : "");
  }
  const lines: string[] = [];
  const push = (text: string) => lines.push(...text.split("\n"));
  push(`(function () {
var defs = Object.create(null), texts = ${JSON.stringify(lazy)}, evaluated = Object.create(null);
function require(name) {
  name = name.replace(/^\\.\\//, "");
  var module = evaluated[name];
  if (module) return module.exports;
  var def = defs[name];
  if (!def) {
    var text = texts[name];
    if (typeof text !== "string") throw new Error("The runtime has no chunk " + name + ".");
    delete texts[name];
    def = (0, eval)("(function (exports, require, module) {\\n" + text + "\\n})\\n//# sourceURL=framework-lab-" + name);
  }
  module = evaluated[name] = { exports: {} };
  def.call(module.exports, module.exports, require, module);
  return module.exports;
}`);
  const merged: Table = { sources: [], lines: [] };
  for (const name of eager) {
    push(`defs[${JSON.stringify(name)}] = function (exports, require, module) {`);
    const first = lines.length;
    push(byName.get(name)!.code);
    const t = tables.get(name);
    if (t) {
      const offset = merged.sources.length;
      merged.sources.push(...t.sources);
      const shift = (entry: string) => (entry ? entry.split(",").map((pair) => { const [col, src] = pair.split(":"); return `${col}:${(parseInt(src, 36) + offset).toString(36)}`; }).join(",") : "");
      while (merged.lines.length < first) merged.lines.push("");
      t.lines.forEach((entry, i) => (merged.lines[first + i] = shift(entry)));
    }
    push("};");
  }
  push(`globalThis.__LAB_CHUNKS__ = { require: require };
require("runtime.js");
})();`);
  while (merged.lines.length && !merged.lines[merged.lines.length - 1]) merged.lines.pop();
  return lines.join("\n") + frameSourceStatement("framework-lab-runtime.js", merged);
}

/** Bundle the worker; returns the script text. */
export async function bundleRuntimeWorker(root: string): Promise<string> {
  const table = modeTable();
  const tables = new Map<string, Table>();
  const result = await build(workerBuildConfig(root, table, tables, await precompiledTable(root)));
  const chunks: WorkerChunk[] = [];
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!("output" in output)) continue;
    for (const o of output.output) if (o.type === "chunk") chunks.push({ fileName: o.fileName, code: o.code, imports: o.imports, dynamicImports: o.dynamicImports });
  }
  if (chunks.length === 0) throw new Error("runtime-worker: the nested build produced no script");
  return assemble(chunks, tables);
}

export function runtimeWorkerBundle(): Plugin {
  let root = process.cwd();
  let base = "/";
  let command: "build" | "serve" = "build";
  let cached: Promise<string> | null = null;
  return {
    name: "framework-lab:runtime-worker",
    configResolved(config) {
      root = config.root;
      base = config.base;
      command = config.command;
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      if (command === "serve") return `export default ${JSON.stringify(DEV_PATH)};`;
      const code = await bundleRuntimeWorker(root);
      const ref = this.emitFile({ type: "asset", name: "runtime-worker.js", source: code });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        if (!ctx.bundle) return [];
        const preload = (test: (name: string) => boolean) =>
          Object.values(ctx.bundle!)
            .filter((o) => o.type === "asset" && test(o.fileName))
            .map((o) => ({ tag: "link", attrs: { rel: "preload", as: "fetch", crossorigin: "anonymous", href: `${base}${o.fileName}` }, injectTo: "head" as const }));
        return [...preload((f) => /\/runtime-worker-[^/]+\.js$/.test(f)), ...preload((f) => /\/sql-wasm-browser-[^/]+\.wasm$/.test(f))];
      },
    },
    configureServer(server) {
      server.watcher.on("change", (file) => {
        if (file.includes("/src/")) cached = null;
      });
      server.middlewares.use(DEV_PATH, (_req, res, next) => {
        cached ??= bundleRuntimeWorker(root);
        cached.then(
          (code) => {
            res.setHeader("Content-Type", "text/javascript");
            res.setHeader("Cache-Control", "no-store");
            res.end(code);
          },
          (e: unknown) => {
            cached = null;
            next(e);
          },
        );
      });
    },
  };
}
