/**
 * The runtime worker as one classic script made of chunks (scripts/runtime-worker-bundle.ts,
 * `assemble`): the chunks the runtime's entry requires are compiled with the script, every other
 * chunk (a mode's) stays text until first required; tracebacks still find each chunk's sources.
 * And the worker's side of the page's guess (`warm_modes`): ids only, checked, at most four.
 */
import { describe, expect, it } from "vitest";
import vm from "node:vm";
import { assemble, type WorkerChunk } from "../../scripts/runtime-worker-bundle";
import { warm_modes } from "../../src/runtime/worker";
import { MODE_BOOTS } from "../../src/modes";

const chunk = (fileName: string, code: string, imports: string[] = []): WorkerChunk => ({ fileName, code, imports, dynamicImports: [] });

const CHUNKS = [
  chunk("runtime.js", 'const common = require("./common.js");\nglobalThis.log.push("runtime");\nglobalThis.chunks = globalThis.__LAB_CHUNKS__;\nexports.ok = common.value;', ["common.js"]),
  chunk("common.js", 'globalThis.log.push("common");\nexports.value = 42;'),
  chunk("mode-a.js", 'const common = require("./common.js");\nconst shared = require("./shared.js");\nglobalThis.log.push("mode-a");\nexports.boot = { id: "a", sum: common.value + shared.value };', ["common.js", "shared.js"]),
  chunk("shared.js", 'globalThis.log.push("shared");\nexports.value = 1;'),
];
const TABLES = new Map([
  ["runtime.js", { sources: ["runtime/worker.ts"], lines: ["0:0"] }],
  ["common.js", { sources: ["python/builtins.ts", "python/json.ts"], lines: ["0:0", "0:1"] }],
  ["mode-a.js", { sources: ["modes/a/boot.ts"], lines: ["0:0"] }],
]);

function run(script: string) {
  const context = vm.createContext({ log: [] as string[] });
  vm.runInContext("globalThis.globalThis = globalThis;", context);
  vm.runInContext(script, context);
  return context as { log: string[]; chunks: { require(name: string): Record<string, unknown> }; __LAB_FRAME_SOURCES__: Record<string, { sources: string[]; lines: string[] }> };
}

describe("the worker script's chunks", () => {
  it("evaluates the runtime's chunks at once and a mode's only when required, each once", () => {
    const context = run(assemble(CHUNKS, TABLES));
    expect(context.log).toEqual(["common", "runtime"]);
    expect(context.chunks.require("mode-a.js").boot).toEqual({ id: "a", sum: 43 });
    expect(context.chunks.require("./mode-a.js").boot).toBe(context.chunks.require("mode-a.js").boot);
    expect(context.log).toEqual(["common", "runtime", "shared", "mode-a"]);
    expect(() => context.chunks.require("mode-b.js")).toThrow("The runtime has no chunk mode-b.js.");
  });

  it("keeps the modes' code as text: nothing of it is compiled with the script", () => {
    const script = assemble(CHUNKS, TABLES);
    expect(script).toContain('defs["runtime.js"] = function (exports, require, module) {\nconst common = require("./common.js");');
    expect(script).not.toContain('defs["mode-a.js"]');
    expect(script).toContain(JSON.stringify('globalThis.log.push("mode-a");').slice(1, -1));
  });

  it("maps the script's lines to the runtime chunks' sources, and each mode chunk's under its own name", () => {
    const script = assemble(CHUNKS, TABLES);
    const context = run(script);
    const lines = script.split("\n");
    const main = context.__LAB_FRAME_SOURCES__["framework-lab-runtime.js"];
    const at = (text: string) => lines.indexOf(text);
    const source = (line: number) => {
      const entry = main.lines[line];
      return entry ? main.sources[parseInt(entry.split(":")[1], 36)] : null;
    };
    expect(source(at('const common = require("./common.js");'))).toBe("runtime/worker.ts");
    expect(source(at('globalThis.log.push("common");'))).toBe("python/builtins.ts");
    expect(source(at("exports.value = 42;"))).toBe("python/json.ts");
    expect(context.__LAB_FRAME_SOURCES__["framework-lab-mode-a.js"]).toBeUndefined();
    context.chunks.require("mode-a.js");
    // The prelude evaluates "(function (exports, require, module) {\n" + the chunk: one line before its first.
    expect(context.__LAB_FRAME_SOURCES__["framework-lab-mode-a.js"]).toEqual({ sources: ["modes/a/boot.ts"], lines: ["", "0:0"] });
  });

  it("refuses a build whose runtime requires a chunk that is not there", () => {
    expect(() => assemble([chunk("runtime.js", "", ["gone.js"])], new Map())).toThrow("runtime-worker: no chunk gone.js");
  });
});

describe("the modes a boot message asks the worker to warm", () => {
  it("evaluates known modes only, from ids alone, at most four", () => {
    expect(warm_modes(undefined)).toEqual([]);
    expect(warm_modes("django")).toEqual([]);
    expect(warm_modes([5, {}, null, "__proto__", "../django", "constructor", "x".repeat(40), "Django", "no-such-mode"])).toEqual([]);
    expect(warm_modes(["nope1", "nope2", "nope3", "nope4", "django"])).toEqual([]);
    expect(warm_modes(["django", "flask"])).toEqual(["django", "flask"]);
    expect(MODE_BOOTS.map((m) => m.id)).toContain("django");
  });
});
