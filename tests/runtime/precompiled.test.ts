/**
 * The build's compiled code for the built-in projects' files (src/runtime/compile.ts,
 * precompiled.ts; docs/adr/0024-page-start-order.md, fourth round): the worker takes a file's code
 * from the table only when the file's path and whole text are the build's, so a start that opens a
 * built-in project unchanged never compiles the transpiler — and nothing else can pick an entry.
 */
import { describe, expect, it } from "vitest";
import { precompile, transpile_module, compile_module } from "../../src/runtime/compile";
import { precompiled_lookup } from "../../src/runtime/precompiled";
import { BUILTIN_SCENARIOS } from "../../src/scenarios";
import { COURSE } from "../../src/course";
import { COMPARISON } from "../../src/course/compare";

const PROJECTS = [...Object.values(BUILTIN_SCENARIOS), ...COURSE.flatMap((p) => [p.starter, p.solution]), ...COMPARISON.map((c) => c.scenario)].map((s) => s.files);
const TABLE = precompile(PROJECTS);
const lookup = precompiled_lookup(JSON.stringify(TABLE));

describe("the build's table of built-in files (precompile)", () => {
  it("holds every TypeScript and JavaScript file of the first visit's project, with what the transpiler makes of it", () => {
    const files = Object.entries(BUILTIN_SCENARIOS["django-hello"].files).filter(([path]) => /\.(ts|js)$/.test(path));
    expect(files.length).toBe(6);
    for (const [path, source] of files) expect(lookup(path, source)).toBe(transpile_module(path, source));
  });

  it("answers for each built-in file exactly as the loader's transpiler would, once per distinct path and text", () => {
    let files = 0;
    for (const project of PROJECTS) {
      for (const [path, source] of Object.entries(project)) {
        if (!/\.(ts|js|tsx|mjs)$/.test(path)) continue;
        files++;
        expect(lookup(path, source), path).toBe(compile_module(path, source));
      }
    }
    expect(files).toBeGreaterThan(TABLE.length);
    expect(new Set(TABLE.map(([path, source]) => `${path}\n${source}`)).size).toBe(TABLE.length);
  });

  it("leaves out templates and other files the loader does not evaluate, and files the transpiler refuses", () => {
    const table = precompile([{ "blog/templates/blog/index.html": "<p>{{ x }}</p>", "notes.md": "# x", "broken.ts": "export function f( {", "ok.ts": "export const a: number = 1;" }]);
    expect(table.map(([path]) => path)).toEqual(["ok.ts"]);
    expect(table[0][2]).toBe(transpile_module("ok.ts", "export const a: number = 1;"));
  });
});

describe("attacks on the table: only a built-in file's exact path and text get its code", () => {
  const [path, source, code] = TABLE.find(([p]) => p === "hello/views.ts")!;

  it("a stranger's link with a built-in file's path but other text runs its own code, not the build's", () => {
    const forged = source.replace("Hello, ${name}!", "Hello, ${name}! <script>steal()</script>");
    expect(forged).not.toBe(source);
    expect(lookup(path, forged)).toBeNull();
    expect(lookup(path, source + " ")).toBeNull();
    expect(lookup(path, source.slice(0, -1))).toBeNull();
    expect(compile_module(path, forged)).toContain("steal()");
  });

  it("the same text under another path, or a path and text that only concatenate alike, get nothing", () => {
    expect(lookup(`other/${path}`, source)).toBeNull();
    expect(lookup(path.slice(0, -1), path.slice(-1) + source)).toBeNull();
    expect(lookup(path + source.slice(0, 1), source.slice(1))).toBeNull();
    expect(lookup("__proto__", source)).toBeNull();
    expect(lookup("constructor", "")).toBeNull();
    expect(lookup(path as unknown as string, { toString: () => source } as unknown as string)).toBeNull();
  });

  it("user code that replaced JSON.parse, Map's methods or array iteration before the table is first read changes nothing", () => {
    const fresh = precompiled_lookup(JSON.stringify(TABLE));
    const saved = { parse: JSON.parse, get: Map.prototype.get, set: Map.prototype.set, has: Map.prototype.has, iterator: Array.prototype[Symbol.iterator] };
    try {
      JSON.parse = () => [[path, source, "steal()"]];
      Map.prototype.get = () => "steal()";
      Map.prototype.set = function (this: Map<unknown, unknown>) {
        return this;
      };
      Map.prototype.has = () => true;
      Array.prototype[Symbol.iterator] = function* () {
        yield [path, source, "steal()"];
      } as unknown as typeof saved.iterator;
      expect(fresh(path, source)).toBe(code);
      expect(fresh(path, "export const stolen = 1;")).toBeNull();
    } finally {
      JSON.parse = saved.parse;
      Map.prototype.get = saved.get;
      Map.prototype.set = saved.set;
      Map.prototype.has = saved.has;
      Array.prototype[Symbol.iterator] = saved.iterator;
    }
    expect(code).not.toContain("steal()");
  });
});
