import { describe, expect, it } from "vitest";
import { py_float, py_float_repr, py_json_dumps } from "../../../src/frameworks/python/json";
import { Decimal } from "../../../src/frameworks/python/decimal";
import { UUID, uuid4 } from "../../../src/frameworks/python/uuid";

describe("python json.dumps", () => {
  it("uses Python's default separators and ensure_ascii escapes", () => {
    expect(py_json_dumps({ a: [1, 2, { c: null }], t: true })).toBe('{"a": [1, 2, {"c": null}], "t": true}');
    expect(py_json_dumps({ name: "café ☃ 😀" })).toBe('{"name": "caf\\u00e9 \\u2603 \\ud83d\\ude00"}');
    expect(py_json_dumps("a\nb\tc\u0001\u2028\u007f")).toBe('"a\\nb\\tc\\u0001\\u2028\\u007f"');
    expect(py_json_dumps({ a: "é" }, { ensure_ascii: false })).toBe('{"a": "é"}');
  });

  it("prints floats as repr(float) and NaN/Infinity as Python does", () => {
    expect(py_json_dumps([py_float(1), 0.1, py_float(1e20), py_float(1e16), 1e-5, py_float(NaN), -Infinity])).toBe("[1.0, 0.1, 1e+20, 1e+16, 1e-05, NaN, -Infinity]");
    expect(py_float_repr(123456789.125)).toBe("123456789.125");
    expect(py_float_repr(0.0001)).toBe("0.0001");
  });

  it("supports indent, separators and sort_keys", () => {
    expect(py_json_dumps({ b: 1, a: [1, {}] }, { indent: 2, sort_keys: true })).toBe('{\n  "a": [\n    1,\n    {}\n  ],\n  "b": 1\n}');
    expect(py_json_dumps({ a: [1, 2] }, { separators: [",", ":"] })).toBe('{"a":[1,2]}');
  });

  it("hands unknown objects to default() and names their type when refused", () => {
    class Point {}
    expect(() => py_json_dumps({ p: new Point() })).toThrow("Object of type Point is not JSON serializable");
    expect(py_json_dumps(new Point(), { default: () => "pt" })).toBe('"pt"');
  });
});

describe("python Decimal and UUID", () => {
  it("str(Decimal) keeps the written precision and uses exponents like Python", () => {
    expect(["1.50", "1E+3", "1e3", "0.0000001", "-0", "100E-2", ".5", "NaN", "-inf"].map((s) => String(new Decimal(s)))).toEqual(["1.50", "1E+3", "1E+3", "1E-7", "-0", "1.00", "0.5", "NaN", "-Infinity"]);
  });

  it("UUID prints lowercase hyphenated; uuid4 is version 4", () => {
    const u = new UUID("{6F1B2A4E-9C3D-4E5F-8A7B-1C2D3E4F5A6B}");
    expect(String(u)).toBe("6f1b2a4e-9c3d-4e5f-8a7b-1c2d3e4f5a6b");
    expect(u.hex).toBe("6f1b2a4e9c3d4e5f8a7b1c2d3e4f5a6b");
    expect(uuid4().version).toBe(4);
  });
});
