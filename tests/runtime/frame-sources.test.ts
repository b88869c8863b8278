/**
 * Tracebacks in the built page name framework source files, not the bundle (issue 12, item 4):
 * the build-time table (scripts/frame-sources.ts) from a source map, and the runtime lookup
 * (src/runtime/frame-sources.ts) of a bundle position and of a Node source path.
 */
import { describe, expect, it } from "vitest";
import { decodeSourceColumns, frameSourceTable, sourceLabel } from "../../scripts/frame-sources";
import { framework_source } from "../../src/runtime/frame-sources";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Source-map VLQ for one field (the inverse of what the decoder reads). */
function vlq(n: number): string {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    out += BASE64[digit];
  } while (v);
  return out;
}

/** Mappings from absolute [column, source, line, column] segments per generated line. */
function encode(lines: [number, number, number, number][][]): string {
  let [src, line, col] = [0, 0, 0];
  return lines
    .map((segments) => {
      let gen = 0;
      return segments
        .map(([c, s, l, oc]) => {
          const text = vlq(c - gen) + vlq(s - src) + vlq(l - line) + vlq(oc - col);
          [gen, src, line, col] = [c, s, l, oc];
          return text;
        })
        .join(",");
    })
    .join(";");
}

const SOURCES = ["../../src/frameworks/django/core/handlers/base.ts", "../../src/frameworks/django/urls/resolvers.ts", "../../node_modules/sucrase/dist/index.js", "../../src/runtime/loader.ts"];
const LINES: [number, number, number, number][][] = [
  [[0, 0, 0, 0], [40, 0, 3, 2], [120, 1, 10, 0], [300, 1, 11, 4]],
  [],
  [[0, 1, 20, 0], [15, 2, 1, 0]],
  [[5, 3, 7, 0]],
];

describe("the build-time table", () => {
  it("decodes a source map's columns and sources, line by line", () => {
    expect(decodeSourceColumns(encode(LINES))).toEqual(LINES.map((segments) => segments.map(([c, s]) => [c, s])));
  });

  it("labels sources as the learner reads them", () => {
    expect(SOURCES.map(sourceLabel)).toEqual(["django/core/handlers/base.ts", "django/urls/resolvers.ts", "sucrase/dist/index.js", "runtime/loader.ts"]);
  });

  it("keeps only where the source changes (base 36 columns)", () => {
    expect(frameSourceTable({ sources: SOURCES, mappings: encode(LINES) })).toEqual({
      sources: ["django/core/handlers/base.ts", "django/urls/resolvers.ts", "sucrase/dist/index.js", "runtime/loader.ts"],
      lines: ["0:0,3c:1", "", "f:2", "5:3"],
    });
  });
});

describe("the runtime lookup", () => {
  const table = frameSourceTable({ sources: SOURCES, mappings: encode(LINES) });
  (globalThis as { __LAB_FRAME_SOURCES__?: Record<string, unknown> }).__LAB_FRAME_SOURCES__ = { "worker-Test123.js": table };
  const url = "http://localhost:4173/assets/worker-Test123.js";

  it("a bundle position → the framework file in force there (1-based line and column, as V8 prints them)", () => {
    expect(framework_source(url, 1, 10)).toEqual({ file: "django/core/handlers/base.ts", line: null });
    expect(framework_source(url, 1, 121)).toEqual({ file: "django/urls/resolvers.ts", line: null });
    // A line without entries carries on the source of the line before; a line starts with it too.
    expect(framework_source(url, 2, 1)).toEqual({ file: "django/urls/resolvers.ts", line: null });
    expect(framework_source(url, 3, 3)).toEqual({ file: "django/urls/resolvers.ts", line: null });
    expect(framework_source(url, 3, 16)).toEqual({ file: "sucrase/dist/index.js", line: null });
    expect(framework_source(url, 4, 9)).toEqual({ file: "runtime/loader.ts", line: null });
  });

  it("the sandbox's worker (a blob named by its sourceURL) reads the only table", () => {
    expect(framework_source("framework-lab-runtime.js", 3, 16)).toEqual({ file: "sucrase/dist/index.js", line: null });
    expect(framework_source("blob:null/5b0c-44", 1, 121)).toEqual({ file: "django/urls/resolvers.ts", line: null });
  });

  it("an unknown bundle stays unmapped; a source path under Node keeps its line", () => {
    expect(framework_source("http://localhost:4173/assets/other-X.js", 1, 1)).toBeNull();
    expect(framework_source("/work/lab/src/frameworks/django/http/response.ts", 12, 3)).toEqual({ file: "django/http/response.ts", line: 12 });
    expect(framework_source("/work/lab/src/runtime/headless.ts", 7, 1)).toEqual({ file: "runtime/headless.ts", line: 7 });
    expect(framework_source("/work/lab/node_modules/pkg/src/x.js", 7, 1)).toBeNull();
  });
});
