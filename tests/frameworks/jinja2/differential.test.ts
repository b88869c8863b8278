/**
 * Jinja differential: 400 random templates from differential.py's grammar (data over several
 * lines, prints, filters, blocks, whitespace control, broken and unclosed constructs), each
 * rendered here as real Jinja2 3.1.6 rendered it: the same output, or the same error class, message
 * and line number (where an unclosed block reports the end of the template, for one).
 */
import { describe, expect, it } from "vitest";
import recorded from "./differential.json";
import { Environment, TemplateSyntaxError, type EnvironmentOptions } from "../../../src/frameworks/jinja2";

interface Case {
  id: string;
  options: Record<string, unknown>;
  source: string;
  expect: { output?: string; error?: string; message?: string; lineno?: number };
}

const { cases, context } = recorded as unknown as { cases: Case[]; context: Record<string, unknown> };

function run(c: Case): Case["expect"] {
  const env = new Environment(c.options as EnvironmentOptions);
  try {
    return { output: env.from_string(c.source).render(context) };
  } catch (e) {
    const err = e as Error;
    if (e instanceof TemplateSyntaxError) return { error: err.constructor.name, message: err.message, lineno: e.lineno };
    return { error: err.constructor.name, message: err.message };
  }
}

describe("Jinja2 3.1.6 differential (generated templates)", () => {
  it("the generator's cases are all there", () => {
    expect(cases.length).toBe(400);
  });
  for (const c of cases) {
    it(`${c.id} ${JSON.stringify(c.source).slice(0, 60)}`, () => {
      expect(run(c)).toEqual(c.expect);
    });
  }
});
