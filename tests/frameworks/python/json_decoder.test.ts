import { describe, expect, it } from "vitest";
import { JSONDecodeError, py_json_loads } from "../../../src/frameworks/python/json_decoder";
import { PyFloat } from "../../../src/frameworks/python/json";

function error_of(text: string): [string, number] {
  try {
    py_json_loads(text);
  } catch (e) {
    if (e instanceof JSONDecodeError) return [e.msg, e.pos];
    throw e;
  }
  throw new Error(`${text} parsed`);
}

describe("py_json_loads: CPython's json.loads", () => {
  it("keeps float-ness, exact big ints, NaN/Infinity, and the last of repeated keys", () => {
    expect(py_json_loads('{"a": 1, "b": 1.0, "c": 2.5, "d": 1e2, "e": 12345678901234567890, "f": [NaN, -Infinity], "a": 3}')).toEqual({
      a: 3,
      b: new PyFloat(1),
      c: 2.5,
      d: new PyFloat(100),
      e: 12345678901234567890n,
      f: [NaN, -Infinity],
    });
    expect(py_json_loads('"\\ud83d\\ude00 \\u00e9\\n"')).toBe("😀 é\n");
  });

  it("parses deep nesting without recursion", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    let value = py_json_loads(deep) as unknown[];
    let depth = 1;
    while (value.length) {
      value = value[0] as unknown[];
      depth++;
    }
    expect(depth).toBe(100_000);
  });

  const cases: [string, string, number][] = [
    ['"a\\qb"', "Invalid \\escape", 2],
    ['"ab\\u12x4"', "Invalid \\uXXXX escape", 4],
    ['"abc', "Unterminated string starting at", 0],
    ['"a\x01"', "Invalid control character at", 2],
    ["[1,]", "Expecting value", 3],
    ['{"a" 1}', "Expecting ':' delimiter", 5],
    ['{"a":}', "Expecting value", 5],
    ["01", "Extra data", 1],
    ["", "Expecting value", 0],
    ["  ", "Expecting value", 2],
    ["[1 2]", "Expecting ',' delimiter", 3],
    ["-", "Expecting value", 0],
    ["[", "Expecting value", 1],
    ["{", "Expecting property name enclosed in double quotes", 1],
    ['{"name": "ok", "price": 1.5', "Expecting ',' delimiter", 27],
    ['{"name": "ok", "price": 1.5,}', "Expecting property name enclosed in double quotes", 28],
  ];
  for (const [text, msg, pos] of cases)
    it(`${JSON.stringify(text)} → ${msg} at ${pos}`, () => {
      expect(error_of(text)).toEqual([msg, pos]);
    });

  it("formats the message as CPython does", () => {
    expect(() => py_json_loads('{"a":\n 1 x}')).toThrow("Expecting ',' delimiter: line 2 column 4 (char 9)");
  });
});
