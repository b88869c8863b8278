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
 * Build: a nested Vite build in library mode, emitted as `assets/runtime-worker-<hash>.js`; the
 * page's HTML preloads it and sql.js' wasm, so both download while the page's own script starts.
 * Dev (`npm run dev`): the same nested build on the first request of `/@runtime-worker.js`, kept
 * until a file under src/ changes.
 */
import { fileURLToPath } from "node:url";
import { build, type Plugin, type InlineConfig } from "vite";
import { frameSources } from "./frame-sources.js";

const VIRTUAL_ID = "virtual:runtime-worker";
const RESOLVED_ID = "\0" + VIRTUAL_ID;
const DEV_PATH = "/@runtime-worker.js";

function workerBuildConfig(root: string): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: "warn",
    resolve: {
      alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("../src/frameworks/django/$1", import.meta.url)) }],
    },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    // frameSources: the hidden source map becomes a small table appended to the script (bundle
    // position → framework source file), so tracebacks name `django/…` files, not the bundle.
    plugins: [frameSources()],
    build: {
      sourcemap: "hidden",
      write: false,
      target: "es2022",
      minify: true,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: fileURLToPath(new URL("../src/runtime/worker.ts", import.meta.url)), formats: ["iife"], name: "FrameworkLabRuntime", fileName: () => "runtime-worker.js" },
      // The framework reports classes and functions by name (middleware, views, Http404): keep them.
      rolldownOptions: { output: { keepNames: true }, checks: { bundlerTimings: false } } as Record<string, unknown>,
    },
  };
}

/** Bundle the worker; returns the script text. */
export async function bundleRuntimeWorker(root: string): Promise<string> {
  const result = await build(workerBuildConfig(root));
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!("output" in output)) continue;
    const chunk = output.output.find((o) => o.type === "chunk");
    if (chunk && chunk.type === "chunk") return chunk.code;
  }
  throw new Error("runtime-worker: the nested build produced no script");
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
