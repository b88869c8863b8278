/**
 * Check steps in the scenario format: `call` and `manage` script steps, checks on their output,
 * and trace expectations (`trace: [{kind, name, attrs, attrs_contain, count…}]`) on requests and
 * steps — parsed strictly, and met or failed with a reason.
 */
import { describe, expect, it } from "vitest";
import { parse_scenario, ScenarioFormatError, SCENARIO_FORMAT, type TraceExpectation } from "../../src/scenarios/format";
import { meets_trace } from "../../src/scenarios/trace-checks";
import type { Span, Trace } from "../../src/trace/span";

const base = {
  format: SCENARIO_FORMAT,
  title: "T",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  files: { "project/settings.ts": "export const DEBUG = true;" },
  requests: [{ method: "GET", target: "/" }],
};

function error_of(input: unknown): string {
  try {
    parse_scenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFormatError);
    return (e as Error).message;
  }
  throw new Error("no error");
}

describe("parse_scenario: check steps", () => {
  it("accepts call and manage steps, output checks and trace expectations unchanged", () => {
    const scenario = {
      ...base,
      script: [{ call: "blog.milestones.lazy", note: "no SQL" }, { manage: ["check"], input: [] }],
      checks: [
        { script: 0, output: "a QuerySet", trace: [{ kind: "sql", count: 0 }], label: "the QuerySet is lazy" },
        { script: 1, output_contains: "no issues", trace: [{ kind: "settings", name: "LazySettings._setup", attrs: { first_access: "INSTALLED_APPS" } }] },
        { request: 0, status: 200, trace: [{ kind: "sql", attrs_contain: { sql: "INNER JOIN" }, at_least: 1, at_most: 2 }, { kind: "receiver", name: "whisper", attrs: { filtered_out: true } }] },
      ],
    };
    expect(parse_scenario(scenario)).toEqual(scenario);
  });

  it("names what is wrong", () => {
    expect(error_of({ ...base, script: [{ call: "not a path!" }] })).toBe('scenario.script[0].call must be a dotted path like "blog.tests.test_lazy" (got "not a path!")');
    expect(error_of({ ...base, script: [{ manage: [] }] })).toBe('scenario.script[0].manage must name a command: ["migrate"], ["sqlmigrate", "blog", "0001"]');
    expect(error_of({ ...base, checks: [{ request: 0, trace: [{ kind: "nope" }] }] })).toBe('scenario.checks[0].trace[0].kind must be a span kind (src/trace/span.ts) (got "nope")');
    expect(error_of({ ...base, checks: [{ request: 0, trace: [{ kind: "sql", count: 0, absent: true }] }] })).toBe("scenario.checks[0].trace[0] has absent with count: give one");
    expect(error_of({ ...base, checks: [{ request: 0, trace: [{ kind: "sql", sql: "x" }] }] })).toBe("scenario.checks[0].trace[0].sql is not part of a trace expectation (it takes kind, name, name_contains, attrs, attrs_contain, count, at_least, at_most, absent)");
    expect(error_of({ ...base, checks: [{ request: 0, output: "x" }] })).toBe("scenario.checks[0].output checks a \"call\" or \"manage\" step (give script: i)");
  });
});

function span(id: number, kind: Span["kind"], name: string, attrs: Span["attrs"] = {}): Span {
  return { id, parent: null, kind, name, start: id, end: id + 1, attrs } as Span;
}

describe("meets_trace: a trace against expectations", () => {
  const trace = { spans: [span(1, "sql", 'SELECT "blog_post"."id" …', { sql: 'SELECT "blog_post"."id" FROM "blog_post" INNER JOIN "blog_author" ON …' }), span(2, "receiver", "whisper", { filtered_out: true })] } as unknown as Trace;
  const check = (expectations: TraceExpectation[]) => meets_trace(trace, expectations);

  it("passes when every expectation holds", () => {
    expect(check([{ kind: "sql", count: 1, attrs_contain: { sql: "INNER JOIN" } }, { kind: "receiver", name: "whisper", attrs: { filtered_out: true } }])).toEqual({ passed: true, failures: [] });
  });

  it("says what it expected and what the trace held instead", () => {
    expect(check([{ kind: "sql", count: 0 }]).failures).toEqual(['expected no sql spans, found 1: SELECT "blog_post"."id" …']);
    expect(check([{ kind: "receiver", name: "shout" }]).failures).toEqual(['expected a receiver span named "shout", found 0 (its receiver spans: "whisper")']);
    expect(check([{ kind: "user" }]).failures).toEqual(["expected a user span, found 0 (the trace has no user spans at all)"]);
    expect(check([{ kind: "sql", attrs_contain: { sql: "LEFT OUTER JOIN" } }]).failures[0]).toMatch(/^expected a sql span whose sql contains "LEFT OUTER JOIN", found 0/);
  });
});
