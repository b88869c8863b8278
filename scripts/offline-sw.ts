/**
 * Build step for offline use: src/offline/service-worker.ts → `sw.js` at the root of the build,
 * with the list of files to precache and a version written into it. Main function: `offlineServiceWorker`.
 *
 * The list is every file of the build (the bundle's chunks and assets, the files copied from
 * public/) except source maps, the service worker itself, the Preview's files (its own worker's:
 * src/offline/policy.ts) and the frameworks' source chunks
 * under `assets/source/` (cached on first use instead: presenter mode's reading matter is large and
 * optional). The version is a hash of that list and of the public files' bytes: any change to the
 * build makes a new worker, which the page picks up on the next visit.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Plugin } from "vite";

const ENTRY = "src/offline/service-worker.ts";
const OUT = "sw.js";

function publicFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split("\\").join("/"));
    }
  };
  try {
    walk(dir);
  } catch {
    /* no public/ */
  }
  return out;
}

/** The files the worker precaches, from every file name of the build. */
export function precacheList(files: string[]): string[] {
  const skip = [/\.map$/, /^sw\.js$/, /^__preview\//, /^preview-sw\.js$/, /^assets\/source\//];
  return [...new Set(files)].filter((f) => !skip.some((re) => re.test(f))).sort();
}

export function offlineServiceWorker(): Plugin {
  let root = process.cwd();
  let publicDir = join(root, "public");
  return {
    name: "framework-lab:offline-sw",
    apply: "build",
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: "chunk", id: join(root, ENTRY), fileName: OUT });
    },
    // After every other plugin (Vite adds index.html to the bundle late in this same hook).
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const sw = bundle[OUT];
        if (!sw || sw.type !== "chunk") return this.error(`${OUT} was not built from ${ENTRY}`);
        if (sw.imports.length || sw.exports.length) return this.error(`${OUT} must be a classic script: it shares code with other chunks (${sw.imports.join(", ")})`);
        const publics = publicFiles(publicDir);
        const list = precacheList([...Object.keys(bundle), ...publics]);
        if (!list.includes("index.html")) return this.error(`${OUT}: the build has no index.html to serve offline`);
        const hash = createHash("sha256").update(list.join("\n"));
        for (const f of publics) hash.update(readFileSync(join(publicDir, f)));
        const version = hash.digest("hex").slice(0, 12);
        const replaced = sw.code.replace(/(["'`])__FRAMEWORK_LAB_PRECACHE__\1/, JSON.stringify(list)).replace(/(["'`])__FRAMEWORK_LAB_VERSION__\1/, JSON.stringify(version));
        if (replaced.includes("__FRAMEWORK_LAB_")) return this.error(`${OUT}: a placeholder was not replaced`);
        sw.code = replaced;
      },
    },
  };
}
