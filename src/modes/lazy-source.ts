/**
 * The modes of the built page's runtime worker, each evaluated on first use: a mode id → its chunk
 * of the bundle (the mode's folder and the framework code only it uses) evaluated → its `ModeBoot`.
 * Main function: `lazy_source`. The build (scripts/runtime-worker-bundle.ts) puts this in place of
 * `source.ts` and gives it the table of which mode provides which importable module; the worker
 * script's prelude holds the chunks and hands its loader over in `globalThis.__LAB_CHUNKS__`, which
 * is read and removed here while the runtime's modules are evaluated, before any user code runs.
 *
 * Why: a Django start compiled the whole 2.1 MB bundle, a quarter of it Flask, Jinja, Werkzeug,
 * FastAPI, Starlette, Pydantic and Channels, in a worker that gets no code cache
 * (docs/adr/0024-page-start-order.md). The chunks' text is part of the worker script the page
 * fetched from its own origin, so nothing new crosses the sandbox's boundary.
 */
import type { ModeBoot, ModeSource } from "./types";

/** The worker script's chunk loader: a chunk's file name → its exports (evaluated on first require). */
interface ChunkLoader {
  require(chunk: string): Record<string, unknown>;
}

const scope = globalThis as { __LAB_CHUNKS__?: ChunkLoader };
const chunks = scope.__LAB_CHUNKS__ ?? null;
delete scope.__LAB_CHUNKS__;

/** The worker script's chunk loader (null outside it), for the runtime's own lazy chunk (the transpiler). */
export function chunk_loader(): ChunkLoader | null {
  return chunks;
}

/** `ids`: every mode, in order; `owners`: importable module name → the id of the mode that provides it. */
export function lazy_source(ids: readonly string[], owners: Readonly<Record<string, string>>): ModeSource {
  return {
    ids,
    preloaded: [],
    load(id) {
      if (!ids.includes(id)) return null;
      if (!chunks) throw new Error("The runtime's modes are not in this bundle (no chunk loader).");
      const boot = chunks.require(`mode-${id}.js`).boot as ModeBoot | undefined;
      if (!boot) throw new Error(`The runtime's chunk for the "${id}" mode has no boot.`);
      return boot;
    },
    owner_of: (name) => (Object.hasOwn(owners, name) ? owners[name] : null),
    names: () => Object.keys(owners),
  };
}
