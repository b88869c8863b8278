/**
 * Trace expectations: a scenario check's `trace` assertions → whether a recorded trace meets them,
 * and if not, why ("expected 0 sql spans, found 2: SELECT … FROM "blog_post" …").
 * Main function: `meets_trace`.
 *
 * This is how a milestone about code rather than responses is checked: a lazy QuerySet runs no
 * SQL until it is iterated (`{kind: "sql", count: 0}`), a receiver connected for another sender is
 * not called (`{kind: "receiver", name: "notify", attrs: {called: false}}`), a learner's framework
 * records its own steps (`{kind: "user", name_contains: "match"}`). Pure: the page and the CLI
 * share it.
 */
import type { Json, Span, Trace } from "../trace/span";
import type { TraceExpectation } from "./format";

export interface TraceVerdict {
  passed: boolean;
  /** One line per failed expectation (empty when all hold). */
  failures: string[];
}

/** Does `trace` meet every expectation? */
export function meets_trace(trace: Trace, expectations: readonly TraceExpectation[]): TraceVerdict {
  const failures: string[] = [];
  for (const expectation of expectations) {
    const failure = check_one(trace.spans, expectation);
    if (failure) failures.push(failure);
  }
  return { passed: failures.length === 0, failures };
}

/** The spans an expectation is about. */
export function matching_spans(spans: readonly Span[], expectation: TraceExpectation): Span[] {
  return spans.filter(
    (span) =>
      span.kind === expectation.kind &&
      (expectation.name === undefined || span.name === expectation.name) &&
      (expectation.name_contains === undefined || span.name.includes(expectation.name_contains)) &&
      (expectation.attrs === undefined || Object.entries(expectation.attrs).every(([key, value]) => json_equal(span.attrs[key], value))) &&
      (expectation.attrs_contain === undefined || Object.entries(expectation.attrs_contain).every(([key, text]) => typeof span.attrs[key] === "string" && (span.attrs[key] as string).includes(text))),
  );
}

function check_one(spans: readonly Span[], expectation: TraceExpectation): string | null {
  const found = matching_spans(spans, expectation);
  const n = found.length;
  const what = describe_expectation(expectation);
  const exactly = expectation.absent ? 0 : expectation.count;
  if (exactly !== undefined) {
    if (n === exactly) return null;
    return `expected ${exactly === 0 ? "no" : exactly} ${what}, found ${n}${examples(found, spans, expectation)}`;
  }
  const at_least = expectation.at_least ?? (expectation.at_most === undefined ? 1 : 0);
  if (n < at_least) return `expected ${at_least === 1 && expectation.at_least === undefined ? "a" : `at least ${at_least}`} ${what}, found ${n}${n === 0 ? near_misses(spans, expectation) : examples(found, spans, expectation)}`;
  if (expectation.at_most !== undefined && n > expectation.at_most) return `expected at most ${expectation.at_most} ${what}, found ${n}${examples(found, spans, expectation)}`;
  return null;
}

/** "sql spans", "user span named "match /users/<int:id>"", "receiver span containing "notify" with called=false". */
export function describe_expectation(expectation: TraceExpectation): string {
  const plural = expectation.absent || (expectation.count !== undefined && expectation.count !== 1) || (expectation.at_least ?? 1) > 1;
  const parts = [`${expectation.kind} span${plural ? "s" : ""}`];
  if (expectation.name !== undefined) parts.push(`named ${JSON.stringify(expectation.name)}`);
  if (expectation.name_contains !== undefined) parts.push(`with ${JSON.stringify(expectation.name_contains)} in the name`);
  if (expectation.attrs) parts.push(`with ${Object.entries(expectation.attrs).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}`);
  if (expectation.attrs_contain) parts.push(`whose ${Object.entries(expectation.attrs_contain).map(([k, v]) => `${k} contains ${JSON.stringify(v)}`).join(" and ")}`);
  return parts.join(" ");
}

/** The first few matching spans, by name: what ran when it should not have. */
function examples(found: Span[], _spans: readonly Span[], _expectation: TraceExpectation): string {
  if (!found.length) return "";
  const names = found.slice(0, 3).map((s) => short(s.name));
  return `: ${names.join("; ")}${found.length > 3 ? "; …" : ""}`;
}

/** When nothing matched: the spans of that kind that were there, so the learner sees what differs. */
function near_misses(spans: readonly Span[], expectation: TraceExpectation): string {
  const same_kind = spans.filter((s) => s.kind === expectation.kind);
  if (!same_kind.length) return ` (the trace has no ${expectation.kind} spans at all)`;
  return ` (its ${expectation.kind} spans: ${same_kind.slice(0, 4).map((s) => JSON.stringify(short(s.name))).join(", ")}${same_kind.length > 4 ? ", …" : ""})`;
}

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 90 ? `${line.slice(0, 87)}…` : line;
}

export function json_equal(a: unknown, b: Json | unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => json_equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
