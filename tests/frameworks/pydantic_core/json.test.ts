import { describe, expect, it } from "vitest";
import { JsonParseError, from_json } from "../../../src/frameworks/pydantic_core/json";
import { PyFloat } from "../../../src/frameworks/python/json";

/** The message jiter gives for a document it refuses. */
function error_of(text: string): string {
  try {
    from_json(text);
  } catch (e) {
    if (e instanceof JsonParseError) return e.message;
    throw e;
  }
  throw new Error(`${text} parsed`);
}

describe("pydantic_core.from_json (jiter's rules, JSON.parse for the plain document)", () => {
  it("reads a plain document as JSON does: strings with escaped quotes and backslashes, floats, ints, nesting", () => {
    const doc = from_json('{"name": "Wi\\"dget\\\\", "price": 19.99, "tags": ["a", "b\\\\\\"c"], "n": -3, "e": 1.5e-3, "z": -0, "u": "\\u00e9"}');
    expect(doc).toEqual({ name: 'Wi"dget\\', price: 19.99, tags: ["a", 'b\\"c'], n: -3, e: 0.0015, z: -0, u: "é" });
    expect(Object.is((doc as { z: number }).z, -0)).toBe(true);
  });

  it("keeps an integral float literal a Python float and a big integer a Python int", () => {
    const doc = from_json('{"a": 5.0, "b": 1e3, "c": 12345678901234567890, "d": "5.0", "e": 123456789012345}') as Record<string, unknown>;
    expect(doc.a).toBeInstanceOf(PyFloat);
    expect(Number(doc.a)).toBe(5);
    expect(doc.b).toBeInstanceOf(PyFloat);
    expect(doc.c).toBe(12345678901234567890n);
    expect(doc.d).toBe("5.0");
    expect(doc.e).toBe(123456789012345);
    const rounded = from_json('[1.0000000000000001, 0.5e1, 2.25, "v1.0 1e3"]') as unknown[];
    expect(rounded[0]).toBeInstanceOf(PyFloat);
    expect(rounded[1]).toBeInstanceOf(PyFloat);
    expect(rounded.slice(2)).toEqual([2.25, "v1.0 1e3"]);
    expect(from_json('{"a": [{"b": 7}], "c": "x"}')).toEqual({ a: [{ b: 7 }], c: "x" });
  });

  it("accepts NaN and Infinity, keeps the last of a repeated key and __proto__ as an own key", () => {
    expect(from_json("[NaN, Infinity, -Infinity]")).toEqual([NaN, Infinity, -Infinity]);
    expect(from_json('{"a": 1, "a": 2}')).toEqual({ a: 2 });
    const proto = from_json('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(["__proto__"]);
  });

  it("refuses what jiter refuses, in jiter's words", () => {
    expect(error_of('{"a": 1,}')).toBe("key must be a string at line 1 column 9");
    expect(error_of('{"a": 1} x')).toBe("trailing characters at line 1 column 10");
    expect(error_of('{"a": "b')).toBe("EOF while parsing a string at line 1 column 8");
    expect(error_of('"\\"')).toBe("EOF while parsing a string at line 1 column 3");
    expect(error_of("[".repeat(201) + "]".repeat(201))).toBe("recursion limit exceeded at line 1 column 201");
    expect(from_json("[".repeat(200) + "]".repeat(200))).toBeInstanceOf(Array);
    expect(error_of('{"a": ' + "[".repeat(200) + "1" + "]".repeat(200) + "}")).toBe("recursion limit exceeded at line 1 column 206");
  });
});
