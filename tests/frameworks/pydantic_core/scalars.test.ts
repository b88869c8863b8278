/**
 * pydantic-core's reading of durations and of numbers too large for an int or a bool, as real
 * pydantic 2.13.5 answered in Python and in JSON mode (scalars.py records scalars.json): speedate's
 * two plain duration forms (days then a clock time, or a clock time of any number of hours), the
 * ISO form, and each error's wording; a float at or past 2**63 is no int and no bool.
 *
 * A JavaScript number past 2**53 can only have come from a float, so it is read as one (Python's
 * `1e19` and `10**19` differ; here they are the same number).
 */
import { describe, expect, it } from "vitest";
import recorded from "./scalars.json";
import { TypeAdapter, t } from "../../../src/frameworks/pydantic";
import { timedelta } from "../../../src/frameworks/python/datetime";

interface Case {
  type: "timedelta" | "int" | "bool";
  mode: "python" | "json";
  input: unknown;
  /** The JSON text of the input, as Python wrote it (`9.2e+18`, not `9200000000000000000`). */
  text: string;
  result?: unknown;
  error?: string;
  msg?: string;
}

const adapters = { timedelta: new TypeAdapter(t.timedelta), int: new TypeAdapter(t.int), bool: new TypeAdapter(t.bool) };

function run(c: Case): Omit<Case, "type" | "mode" | "input" | "text"> {
  const adapter = adapters[c.type] as TypeAdapter<unknown>;
  try {
    const value = c.mode === "python" ? adapter.validate_python(c.input) : adapter.validate_json(c.text);
    return { result: value instanceof timedelta ? [value.days, value.seconds, value.microseconds] : value };
  } catch (e) {
    const error = (e as { errors(): { type: string; msg: string }[] }).errors()[0];
    return { error: error.type, msg: error.msg };
  }
}

describe("pydantic 2.13.5: durations, and numbers past an int or a bool", () => {
  const { cases } = recorded as { cases: Case[] };
  it("the recording is there", () => {
    expect(cases.length).toBeGreaterThan(240);
  });
  for (const c of cases) {
    const { type, mode, input, text: _text, ...expected } = c;
    it(`${type} ${mode} ${JSON.stringify(input)}`, () => {
      expect(run(c)).toEqual(expected);
    });
  }
});
