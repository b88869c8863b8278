/**
 * A framework frame's position → the framework source file, for tracebacks and SQL origins: in the
 * built page, `…/assets/worker-D1Ymfawr.js:10:106` → `django/core/handlers/base.ts`; under Node,
 * `/…/src/frameworks/django/core/handlers/base.ts` → `django/core/handlers/base.ts` (line kept).
 *
 * The page's table is made at build time (scripts/frame-sources.ts) and appended to the worker's
 * bundle as `globalThis.__LAB_FRAME_SOURCES__`: per bundle file (`framework-lab-runtime.js`, and
 * `framework-lab-<chunk>.js` for each mode's chunk, scripts/runtime-worker-bundle.ts), the source files and, per line,
 * the columns where the source changes. A bundle frame has no source line (the table keeps files
 * only, to stay small), so the frame keeps its function name and loses its line. Main function:
 * `framework_source`.
 */

interface Table {
  sources: string[];
  lines: string[];
}

interface Decoded {
  sources: string[];
  /** Per generated line: ascending [column, source index]. */
  lines: [number, number][][];
  /** The source in force at the start of each line (carried over from earlier lines). */
  starts: number[];
}

const decoded = new Map<string, Decoded | null>();

function table_for(file: string): Decoded | null {
  const base = file.split(/[?#]/)[0].split("/").pop() ?? "";
  if (decoded.has(base)) return decoded.get(base)!;
  const tables = (globalThis as { __LAB_FRAME_SOURCES__?: Record<string, Table> }).__LAB_FRAME_SOURCES__;
  // The sandbox frame starts the worker from a `blob:` URL with the bundle's text ending in
  // `//# sourceURL=framework-lab-runtime.js` (sandbox.ts): its frames name that, not the bundle file.
  const only = tables ? Object.values(tables) : [];
  const renamed = base === "framework-lab-runtime.js" || file.startsWith("blob:");
  const table = tables?.[base] ?? (renamed ? (tables?.["framework-lab-runtime.js"] ?? (only.length === 1 ? only[0] : undefined)) : undefined);
  let result: Decoded | null = null;
  if (table) {
    const lines = table.lines.map((text) => (text ? text.split(",").map((pair) => pair.split(":").map((n) => parseInt(n, 36)) as [number, number]) : []));
    const starts: number[] = [];
    let current = -1;
    for (const entries of lines) {
      starts.push(current);
      if (entries.length) current = entries[entries.length - 1][1];
    }
    result = { sources: table.sources, lines, starts };
  }
  decoded.set(base, result);
  return result;
}

/**
 * Where a non-user frame's code lives: `{ file, line }` with a source path under the framework
 * (`django/…`, `python/…`, `runtime/…`), or null when the position is unknown.
 */
export function framework_source(filename: string, line: number | null, column: number | null): { file: string; line: number | null } | null {
  const path = filename.replace(/\\/g, "/");
  const local = path.includes("/node_modules/") ? -1 : path.lastIndexOf("/src/");
  if (local >= 0) {
    const rest = path.slice(local + "/src/".length);
    return { file: rest.startsWith("frameworks/") ? rest.slice("frameworks/".length) : rest, line };
  }
  if (line === null) return null;
  const table = table_for(filename);
  if (!table) return null;
  const entries = table.lines[line - 1];
  let source = table.starts[line - 1] ?? -1;
  if (entries) for (const [col, src] of entries) if (col <= (column ?? 1) - 1) source = src;
  return source >= 0 && source < table.sources.length ? { file: table.sources[source], line: null } : null;
}
