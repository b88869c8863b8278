/**
 * Vite config for the playground page: React, the runtime worker (a module worker), Monaco's
 * workers, and sql.js' wasm served as an asset. See ../shared/NOTES-stack.md for the traps handled here.
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { frameworkDts } from "./scripts/framework-dts.js";
import { offlineServiceWorker } from "./scripts/offline-sw.js";

export default defineConfig({
  // frameworkDts: `virtual:framework-dts`, the editor's declarations generated from the framework's source.
  // offlineServiceWorker: `sw.js`, the service worker that keeps the page working offline (src/offline).
  plugins: [react(), frameworkDts(), offlineServiceWorker()],
  resolve: {
    // User code and the framework import `django/...`; the runtime worker resolves it the same way.
    alias: [{ find: /^django\/(.*)$/, replacement: fileURLToPath(new URL("./src/frameworks/django/$1", import.meta.url)) }],
  },
  worker: {
    format: "es",
    // The framework reports classes and functions by name (middleware, views, exceptions like
    // Http404): the minifier must not rename them in the runtime worker.
    rolldownOptions: { output: { keepNames: true } },
  },
  // The dependency scanner does not follow `?worker` imports (trap 1): list worker-only deps.
  optimizeDeps: { include: ["sucrase", "sql.js"] },
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
