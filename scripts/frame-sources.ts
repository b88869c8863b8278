/**
 * Build-time table for tracebacks in the page: the runtime worker's bundle positions → the framework
 * source file each came from, so a framework frame reads `django/core/handlers/base.ts, in
 * BaseHandler._get_response` instead of `…/assets/worker-D1Ymfawr.js:10:106` (issue 12).
 *
 * The worker is bundled with a hidden source map (scripts/runtime-worker-bundle.ts); `frameSources()` reads it in `generateBundle`,
 * keeps only where the source file changes along each generated line (a few thousand entries: the
 * bundle is the framework's modules one after the other), appends that table to the chunk as
 * `globalThis.__LAB_FRAME_SOURCES__[fileName]`, and drops the map itself (nothing else needs it).
 * Appending at the end leaves every earlier position unchanged. Main function: `frameSources`;
 * the reader is src/runtime/frame-sources.ts.
 */
import type { Plugin } from "vite";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** One generated line's segments as [generated column, source index] (source-map v3 VLQ, fields 1 and 2). */
export function decodeSourceColumns(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(";")) {
    const out: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const c of segment) {
        const digit = DIGIT.get(c);
        if (digit === undefined) throw new Error(`Bad source-map character "${c}"`);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        out.push([column, source]);
      }
    }
    lines.push(out);
  }
  return lines;
}

/** A source path as the learner reads it: `django/urls/resolvers.ts`, `runtime/loader.ts`, `sucrase/dist/…`. */
export function sourceLabel(path: string): string {
  const p = path.replace(/\\/g, "/");
  const framework = p.lastIndexOf("src/frameworks/");
  if (framework >= 0) return p.slice(framework + "src/frameworks/".length);
  const modules = p.lastIndexOf("node_modules/");
  if (modules >= 0) return p.slice(modules + "node_modules/".length);
  const src = p.lastIndexOf("src/");
  if (src >= 0) return p.slice(src + "src/".length);
  return p.replace(/^(\.\.\/)+/, "");
}

/** The table appended to a chunk: sources, and per generated line `col:source` pairs (base 36) where the source changes. */
export function frameSourceTable(map: { sources: string[]; mappings: string }): { sources: string[]; lines: string[] } {
  const labels = map.sources.map(sourceLabel);
  const lines: string[] = [];
  let previous = -1;
  for (const segments of decodeSourceColumns(map.mappings)) {
    const entries: string[] = [];
    for (const [column, source] of segments) {
      if (source === previous) continue;
      previous = source;
      entries.push(`${column.toString(36)}:${source.toString(36)}`);
    }
    lines.push(entries.join(","));
  }
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return { sources: labels, lines };
}

/** One chunk's table as the statement that registers it under `file` (appended to the code it describes). */
export function frameSourceStatement(file: string, table: { sources: string[]; lines: string[] }): string {
  return `\n;(globalThis.__LAB_FRAME_SOURCES__ ??= {})[${JSON.stringify(file)}] = ${JSON.stringify(table)};\n`;
}

/**
 * The worker's plugin: append each chunk's table, drop the hidden maps. With `collect`, each
 * chunk's table is handed to it instead of appended (the chunks are put together afterwards,
 * scripts/runtime-worker-bundle.ts, which places the tables itself).
 */
export function frameSources(collect?: (fileName: string, table: { sources: string[]; lines: string[] }) => void): Plugin {
  return {
    name: "framework-lab:frame-sources",
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== "chunk" || !item.map) continue;
        const table = frameSourceTable(item.map as unknown as { sources: string[]; mappings: string });
        if (collect) collect(fileName, table);
        else item.code += frameSourceStatement(fileName.split("/").pop()!, table);
        delete bundle[`${fileName}.map`];
      }
    },
  };
}
