/**
 * Probes recorded from real Jinja2 3.1.6 beyond the conformance corpus (probes.json): whitespace
 * options, the Undefined family, loops, macros, inheritance, filters, Python expression semantics
 * and error messages. Each renders with a plain Environment built from the probe's options.
 */
import { describe, expect, it } from "vitest";
import probes from "./probes.json";
import { ChainableUndefined, DebugUndefined, DictLoader, Environment, StrictUndefined, TemplateSyntaxError, type EnvironmentOptions } from "../../../src/frameworks/jinja2";

interface Probe {
  id: string;
  options: Record<string, unknown>;
  templates: Record<string, string>;
  render: string;
  context: Record<string, unknown>;
  expect: { output?: string; error?: string; message?: string; lineno?: number };
}

const UNDEFINED = { strict: StrictUndefined, chainable: ChainableUndefined, debug: DebugUndefined };

function run(p: Probe): Probe["expect"] {
  const { undefined: u, ...rest } = p.options as { undefined?: keyof typeof UNDEFINED };
  const options: EnvironmentOptions = { ...(rest as EnvironmentOptions), loader: new DictLoader(p.templates) };
  if (u) options.undefined = UNDEFINED[u];
  const env = new Environment(options);
  try {
    return { output: env.get_template(p.render).render(p.context) };
  } catch (e) {
    const err = e as Error;
    const out: Probe["expect"] = { error: err.constructor.name, message: err.message };
    if (e instanceof TemplateSyntaxError) out.lineno = e.lineno;
    return out;
  }
}

describe("Jinja2 3.1.6 probes", () => {
  for (const p of (probes as unknown as { probes: Probe[] }).probes) {
    it(`${p.id} renders as real Jinja2`, () => {
      expect(run(p)).toEqual(p.expect);
    });
  }
});
