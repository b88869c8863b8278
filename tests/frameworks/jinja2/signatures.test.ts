/**
 * Filters and tests called with arguments that do not fit, as real Jinja2 3.1.6 answered them
 * (signatures.py records signatures.json): too few or too many arguments and unknown keywords
 * raise the TypeError CPython words from the filter's Python signature (`do_replace() missing 1
 * required positional argument: 'new'`); values of the wrong type fail as they fail there. The same
 * for the methods of str, list, tuple and dict (`{{ s.upper(1) }}`) and the global functions.
 */
import { describe, expect, it } from "vitest";
import recorded from "./signatures.json";
import { Environment } from "../../../src/frameworks/jinja2";
import { Markup } from "../../../src/frameworks/markupsafe";
import { tuple } from "../../../src/frameworks/python/tuple";

interface Case {
  source: string;
  output?: string;
  error?: string;
  message?: string;
}

const context = () => ({ s: "ab", tp: tuple([1, 2]), v: [1, 2], n: 3, f: 2.5, u: null, d: { a: 1 }, t: true, m: new Markup("<b>x</b>") });

function run(source: string): Omit<Case, "source"> {
  try {
    return { output: new Environment().from_string(source).render(context()) };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}

describe("Jinja2 3.1.6: calls that do not fit a filter's or test's signature", () => {
  const { cases } = recorded as { cases: Case[] };
  it("the recording is there", () => {
    expect(cases.length).toBeGreaterThan(1200);
  });
  for (const { source, ...expected } of cases) {
    it(source, () => {
      expect(run(source)).toEqual(expected);
    });
  }
});
