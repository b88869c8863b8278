/**
 * Runs of spans: a trace as it crosses from the worker to the page → the same trace, every span
 * made. Main function: `expand_trace`.
 *
 * Some spans come many at a time, alike but for one value: the patterns of one URLconf tried
 * against one path are 105 "pattern" spans whose attributes differ only by the pattern (fixed for
 * the URLconf's life) and by the path (the same for all of them). The recorder keeps such a *run*
 * as one record (a call site declared `runs`, ADR 0035), and a trace read `packed` carries it as a
 * `SpanRun`: for each span, a *form* — its name and attributes with the shared value left out,
 * made once per pattern and kept — and the shared value once. `expand_trace` fills the forms in:
 * the spans it makes are the ones the recorder would have made (same ids, order, keys, values).
 *
 * A form is made by building a span twice with two different stand-ins for the shared value
 * (`form_of`); a span whose attributes do not take the value only as a whole piece of a top-level
 * string (or whose other values are made afresh per call, such as a match's captured arguments)
 * gets no form, and travels as an ordinary span among `spans`.
 *
 * Pure TypeScript, no DOM: the worker packs, the page's protocol check (src/runtime/
 * protocol-schema.ts) expands, and tests run both in Node.
 */
import type { Attrs, Json, SourceRef, Span, SpanKind, Trace } from "./span";

/** Where a form takes the shared value: `attrs[key] = before + value + after`. */
export type RunHole = [key: string, before: string, after: string];

/** One span of a run with the shared value left out. */
export interface RunForm {
  name: string;
  /** The attributes, in their order; a hole's key holds "" until filled. */
  attrs: Attrs;
  holes: RunHole[];
}

/** Spans `first`, `first + 1`, … of one parent, kind and time: `forms[k]` makes span `first + k`, or is null when that span is in the trace's `spans`. */
export interface SpanRun {
  first: number;
  parent: number | null;
  kind: SpanKind;
  /** Start and end of every span of the run (ms since the trace started; they have no duration). */
  time: number;
  source?: SourceRef;
  /** The value the forms share (the path the patterns were tried against). */
  fill: string;
  forms: (RunForm | null)[];
}

/** A trace whose runs are still packed: `spans` holds every span that is not made by a run's form. */
export interface PackedTrace extends Trace {
  runs?: SpanRun[];
}

/** The stand-ins a form is made with: two, so that a value used in any other way shows up as a difference. */
export const RUN_FILL_1 = "\u0000run-fill-a\u0000";
export const RUN_FILL_2 = "\u0000run-fill-b\u0000";

/**
 * The form of a span built twice — `name1`/`attrs1` with RUN_FILL_1 as the shared value,
 * `name2`/`attrs2` with RUN_FILL_2 — or null when the value is used other than whole inside
 * top-level strings (then the span is made as it is).
 */
export function form_of(name1: string, attrs1: Attrs, name2: string, attrs2: Attrs): RunForm | null {
  if (name1 !== name2 || name1.includes(RUN_FILL_1)) return null;
  const keys = Object.keys(attrs1);
  const keys2 = Object.keys(attrs2);
  if (keys.length !== keys2.length) return null;
  const attrs: Attrs = {};
  const holes: RunHole[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (keys2[i] !== key) return null;
    const v1 = attrs1[key];
    const v2 = attrs2[key];
    if (typeof v1 === "string") {
      const at = v1.indexOf(RUN_FILL_1);
      if (at < 0) {
        if (v2 !== v1) return null;
        attrs[key] = v1;
        continue;
      }
      if (v1.indexOf(RUN_FILL_1, at + 1) >= 0) return null;
      const before = v1.slice(0, at);
      const after = v1.slice(at + RUN_FILL_1.length);
      if (v2 !== before + RUN_FILL_2 + after) return null;
      attrs[key] = "";
      holes.push([key, before, after]);
      continue;
    }
    // Anything else must not depend on the value at all (a nested value taking it differs between the two).
    if (v1 !== null && typeof v1 === "object" ? JSON.stringify(v1) !== JSON.stringify(v2) : v1 !== v2) return null;
    attrs[key] = v1 as Json;
  }
  return { name: name1, attrs, holes };
}

/** One span of a run, made from its form (the recorder's key order: id, parent, kind, name, start, end, attrs, source). */
export function span_of(run: SpanRun, form: RunForm, id: number): Span {
  const attrs: Attrs = { ...form.attrs };
  const holes = form.holes;
  for (let h = 0; h < holes.length; h++) attrs[holes[h][0]] = holes[h][1] + run.fill + holes[h][2];
  const t = run.time;
  return run.source ? { id, parent: run.parent, kind: run.kind, name: form.name, start: t, end: t, attrs, source: run.source } : { id, parent: run.parent, kind: run.kind, name: form.name, start: t, end: t, attrs };
}

/** How many spans a trace's runs make (their non-null forms). */
export function run_span_count(runs: readonly SpanRun[]): number {
  let n = 0;
  for (const run of runs) for (const form of run.forms) if (form !== null) n++;
  return n;
}

/**
 * A packed trace → the trace with every span made, in id order; a trace with no runs is returned
 * as it is (without a `runs` field). The runs must fit (each id covered exactly once): the page
 * checks that first (protocol-schema.ts); here an id covered twice or not at all throws.
 */
export function expand_trace(trace: PackedTrace): Trace {
  const runs = trace.runs;
  if (runs === undefined || runs.length === 0) return runs === undefined ? trace : { spans: trace.spans };
  const total = trace.spans.length + run_span_count(runs);
  const spans: Span[] = new Array(total);
  const taken = new Uint8Array(total);
  const take = (id: number): void => {
    if (!Number.isInteger(id) || id < 0 || id >= total || taken[id] === 1) throw new RangeError(`span id ${id} is not free in a trace of ${total} spans`);
    taken[id] = 1;
  };
  for (const span of trace.spans) {
    take(span.id);
    spans[span.id] = span;
  }
  for (const run of runs) {
    const forms = run.forms;
    for (let k = 0; k < forms.length; k++) {
      const form = forms[k];
      if (form === null) continue;
      const id = run.first + k;
      take(id);
      spans[id] = span_of(run, form, id);
    }
  }
  return { spans };
}
