/**
 * The build's table of compiled built-in files (its text, a JSON array of [path, source, code]) →
 * a lookup: a file's path and source → the build's code for exactly that file, or null. Main
 * function: `precompiled_lookup`. The worker's build hands it the table (precompiled-source.ts);
 * compile.ts asks it before transpiling.
 *
 * A lookup must answer only for a file whose path and whole text are the build's, whatever a
 * project did before in the same worker: the key is the path's length, the path and the source
 * (unambiguous), and the natives it uses (JSON.parse, Map's get and set) are captured when this
 * module is evaluated, before any user code can have run — a project that replaces
 * `JSON.parse` or `Map.prototype.get` does not change what a later project's built-in files
 * compile to. The table is parsed on first use.
 */
const parse = JSON.parse;
const call = Function.prototype.call;
const map_get = call.bind(Map.prototype.get) as (map: Map<string, string>, key: string) => string | undefined;
const map_set = call.bind(Map.prototype.set) as (map: Map<string, string>, key: string, value: string) => Map<string, string>;

/** One file of the table: its path, its source, and its compiled code. */
export type PrecompiledEntry = readonly [path: string, source: string, code: string];

function key(path: string, source: string): string {
  return `${path.length}:${path}${source}`;
}

export function precompiled_lookup(text: string): (path: string, source: string) => string | null {
  let table: Map<string, string> | null = null;
  return (path, source) => {
    if (!table) {
      table = new Map();
      const entries = parse(text) as PrecompiledEntry[];
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        map_set(table, key(entry[0], entry[1]), entry[2]);
      }
    }
    if (typeof path !== "string" || typeof source !== "string") return null;
    return map_get(table, key(path, source)) ?? null;
  };
}
