/**
 * Build only: src/runtime/sandbox-bootstrap.ts (and sandbox-start.ts, which it imports) → one small
 * classic script inlined in index.html right after its policy, and its SHA-256 added to the page's
 * policy (`script-src 'self' 'sha256-…'`: a hash, never 'unsafe-inline'). It starts the runtime
 * sandbox — the frame's navigation, the runtime bundle's and sql.js' fetches, the first worker —
 * while the HTML is parsed, before the page's entry module has been fetched (docs/adr/0024).
 * `npm run dev` has no bootstrap: the entry starts the sandbox itself.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build, runnerImport, type Plugin } from "vite";

const POLICY_SCRIPTS = "script-src 'self';";

/**
 * The mode of the scenario a first visit opens (src/ui/scenarios.ts: the first of DEFAULT_ORDER
 * that is a built-in): the first worker evaluates that mode's code while the page starts.
 */
async function firstVisitMode(root: string): Promise<string | undefined> {
  const options = { root, configFile: false as const, logLevel: "warn" as const };
  const [{ module: ui }, { module: builtins }] = await Promise.all([
    runnerImport<{ DEFAULT_ORDER: string[] }>(fileURLToPath(new URL("../src/ui/scenarios.ts", import.meta.url)), options),
    runnerImport<{ BUILTIN_SCENARIOS: Record<string, { entry: { kind: string } }> }>(fileURLToPath(new URL("../src/scenarios/index.ts", import.meta.url)), options),
  ]);
  const id = ui.DEFAULT_ORDER.find((id) => Object.hasOwn(builtins.BUILTIN_SCENARIOS, id));
  return id ? builtins.BUILTIN_SCENARIOS[id].entry.kind : undefined;
}

async function bootstrapScript(root: string, urls: { base: string; bundle: string; wasm: string; firstVisitMode?: string }): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: "warn",
    define: { __FRAMEWORK_LAB_SANDBOX__: JSON.stringify(urls) },
    build: {
      write: false,
      target: "es2022",
      minify: true,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: fileURLToPath(new URL("../src/runtime/sandbox-bootstrap.ts", import.meta.url)), formats: ["iife"], name: "FrameworkLabSandboxBootstrap", fileName: () => "sandbox-bootstrap.js" },
      rolldownOptions: { checks: { bundlerTimings: false } } as Record<string, unknown>,
    },
  });
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!("output" in output)) continue;
    const chunk = output.output.find((o) => o.type === "chunk");
    if (chunk && chunk.type === "chunk") return chunk.code.trim();
  }
  throw new Error("sandbox-bootstrap: the nested build produced no script");
}

/**
 * Inline `code` as the page's first script, right after the policy (before any stylesheet, which
 * would hold an inline script back until it has loaded), and allow exactly it by hash.
 */
export function inlineBootstrap(html: string, code: string): string {
  if (/<\/script/i.test(code) || /<!--/.test(code)) throw new Error("sandbox-bootstrap: the script would end its own <script> element");
  const policy = /<meta http-equiv="Content-Security-Policy" content="[^"]*" \/>/.exec(html);
  if (!policy || !policy[0].includes(POLICY_SCRIPTS)) throw new Error(`sandbox-bootstrap: index.html's policy has no "${POLICY_SCRIPTS}" to add the bootstrap's hash to`);
  if (/<script\b|<style\b|stylesheet/.test(html.slice(0, policy.index))) throw new Error("sandbox-bootstrap: index.html has a script or a stylesheet before its policy");
  const hash = createHash("sha256").update(code).digest("base64");
  const allowed = policy[0].replace(POLICY_SCRIPTS, `script-src 'self' 'sha256-${hash}';`);
  return html.replace(policy[0], `${allowed}\n    <script>${code}</script>`);
}

export function sandboxBootstrap(): Plugin {
  let root = process.cwd();
  let base = "/";
  return {
    name: "framework-lab:sandbox-bootstrap",
    apply: "build",
    configResolved(config) {
      root = config.root;
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      async handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const file = (test: RegExp) => Object.values(bundle).find((o) => o.type === "asset" && test.test(o.fileName))?.fileName;
        const worker = file(/(^|\/)runtime-worker-[^/]+\.js$/);
        const wasm = file(/(^|\/)sql-wasm-browser-[^/]+\.wasm$/);
        if (!worker || !wasm) throw new Error("sandbox-bootstrap: the build has no runtime worker or sql.js wasm");
        const urls = { base, bundle: `${base}${worker}`, wasm: `${base}${wasm}`, firstVisitMode: await firstVisitMode(root) };
        // The bootstrap's own fetches are the two files' preloads: a <link rel="preload"> seen after
        // them would fetch each file a second time.
        const unloaded = [urls.bundle, urls.wasm].reduce((text, url) => text.replace(new RegExp(`\\s*<link rel="preload"[^>]*href="${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`), ""), html);
        return inlineBootstrap(unloaded, await bootstrapScript(root, urls));
      },
    },
  };
}
