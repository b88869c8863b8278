/**
 * Vite config for the playground page: React, the runtime worker (one classic script the sandbox
 * frame starts from a blob, scripts/runtime-worker-bundle.ts), Monaco's workers, and sql.js' wasm
 * served as an asset. See ../shared/NOTES-stack.md for the traps handled here.
 */
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { frameworkDts } from "./scripts/framework-dts.js";
import { offlineServiceWorker } from "./scripts/offline-sw.js";
import { runtimeWorkerBundle } from "./scripts/runtime-worker-bundle.js";
import { sandboxBootstrap } from "./scripts/sandbox-bootstrap.js";

/** Dev only: Vite's React refresh preamble is an inline script, which index.html's policy forbids. */
function devPagePolicy(): Plugin {
  return {
    name: "framework-lab:dev-page-policy",
    apply: "serve",
    transformIndexHtml: (html) => html.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';"),
  };
}

/**
 * Build only: the page's entry (src/ui/main.tsx) starts the runtime sandbox, then imports the app
 * (src/ui/boot.tsx) dynamically; modulepreload links let the app's chunks, and the Flow panel's,
 * download meanwhile.
 */
function preloadApp(): Plugin {
  let base = "/";
  return {
    name: "framework-lab:preload-app",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunk = (suffix: string) => Object.values(bundle).find((o) => o.type === "chunk" && !!o.facadeModuleId?.endsWith(suffix));
        const boot = chunk("/src/ui/boot.tsx");
        if (!boot || boot.type !== "chunk") return [];
        // The Flow panel's code too: the first response shows it (panels/registry.ts, preloadPanels).
        const flow = chunk("/src/ui/panels/FlowPanel.tsx");
        const panel = flow && flow.type === "chunk" ? [flow.fileName, ...flow.imports] : [];
        return [...new Set([boot.fileName, ...boot.imports, ...panel])]
          .filter((file) => !html.includes(`${base}${file}`))
          .map((file) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: "", href: `${base}${file}` }, injectTo: "head" as const }));
      },
    },
  };
}

export default defineConfig({
  // frameworkDts: `virtual:framework-dts`, the editor's declarations generated from the framework's source.
  // runtimeWorkerBundle: `virtual:runtime-worker`, the runtime worker as one classic script (docs/adr/0019).
  // offlineServiceWorker: `sw.js`, the service worker that keeps the page working offline (src/offline).
  // sandboxBootstrap: the inline script, allowed by its hash, that starts the runtime sandbox while the HTML parses.
  plugins: [react(), frameworkDts(), runtimeWorkerBundle(), devPagePolicy(), sandboxBootstrap(), offlineServiceWorker(), preloadApp()],
  resolve: {
    // User code and the framework import `django/...`; the runtime worker resolves it the same way.
    alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("./src/frameworks/django/$1", import.meta.url)) }],
  },
  // Monaco's workers; the runtime worker is bundled by runtimeWorkerBundle instead.
  worker: { format: "es" },
  build: {
    target: "es2022",
    // Monaco's TypeScript worker is ~6.8 MB by itself; the warning would fire on every build.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      checks: { bundlerTimings: false },
      output: {
        // The frameworks' source text (presenter mode, ui/presenter/framework-sources.ts): one chunk per
        // file under assets/source/, which the service worker caches on use rather than up front.
        chunkFileNames: (chunk: { facadeModuleId?: string | null }) => (chunk.facadeModuleId && /\/src\/(frameworks|gateway)\/.*\?raw$/.test(chunk.facadeModuleId) ? "assets/source/[name]-[hash].js" : "assets/[name]-[hash].js"),
      },
    } as Record<string, unknown>,
  },
  preview: { port: 4173, strictPort: true },
});
