/**
 * The recorder: call sites write an operation log, `trace()` builds the spans; the older calls
 * (traced, open_span, trace_event) give the same spans as the sites.
 */
import { describe, expect, it } from "vitest";
import {
  Recorder,
  close_span,
  open_span,
  set_active_recorder,
  span_close,
  span_fail,
  span_fail_with,
  span_set,
  span_source,
  trace_event,
  trace_site,
  traced,
  tracing_enabled,
  type Span,
} from "../../src/trace";

const STEP = trace_site("handler", "tests/trace#step");
const PATTERN = trace_site("pattern", "tests/trace#pattern", { source: true });
const EAGER = trace_site("session", "tests/trace#eager", { eager: true });

/** Run `fn` with a fresh recorder active; the spans without their times. */
function record(fn: () => void, enabled = true): Omit<Span, "start" | "end">[] {
  const recorder = new Recorder({ enabled });
  const previous = set_active_recorder(recorder);
  try {
    fn();
  } finally {
    set_active_recorder(previous);
  }
  return recorder.trace().spans.map(({ start: _s, end: _e, ...rest }) => rest);
}

class NotFound extends Error {
  static python_name = "Http404";
}

describe("call sites", () => {
  it("build the same spans as the older calls, ids in opening order and parents from the stack", () => {
    const by_site = record(() => {
      STEP.run("outer", () => ({ a: 1 }), (h) => {
        PATTERN.event("p1", () => ({ matched: false }));
        const inner = STEP.open("inner", () => ({ b: 2 }));
        span_set(inner, () => ({ c: 3 }));
        span_close(inner);
        span_set(h, { done: true });
      });
    });
    const by_compat = record(() => {
      traced("handler", "outer", { a: 1 }, (span) => {
        trace_event("pattern", "p1", { matched: false }, { file: "tests/trace", symbol: "pattern" });
        const inner = open_span("handler", "inner", { b: 2 });
        inner.set({ c: 3 });
        close_span(inner);
        span.set({ done: true });
      });
    });
    expect(by_site).toEqual([
      { id: 0, parent: null, kind: "handler", name: "outer", attrs: { a: 1, done: true } },
      { id: 1, parent: 0, kind: "pattern", name: "p1", attrs: { matched: false }, source: { file: "tests/trace", symbol: "pattern" } },
      { id: 2, parent: 0, kind: "handler", name: "inner", attrs: { b: 2, c: 3 } },
    ]);
    expect(by_compat).toEqual(by_site);
  });

  it("build attrs when the trace is read, not at the call", () => {
    const seen: string[] = [];
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    PATTERN.event("p", () => {
      seen.push("built");
      return { n: seen.length };
    });
    set_active_recorder(previous);
    expect(seen).toEqual([]);
    expect(recorder.trace().spans[0].attrs).toEqual({ n: 1 });
    expect(seen).toEqual(["built"]);
  });

  it("an eager site builds attrs at the call (values that change later are captured then)", () => {
    const state = { count: 1 };
    const spans = record(() => {
      const h = EAGER.open("session", () => ({ count: state.count }));
      state.count = 2;
      span_set(h, () => ({ after: state.count }));
      state.count = 3;
      span_close(h);
    });
    expect(spans[0].attrs).toEqual({ count: 1, after: 2 });
  });

  it("open_with / event_with keep the values aside and build attrs from them when read", () => {
    const build = (a: number, b: string, c: boolean) => ({ a, b, c });
    const spans = record(() => {
      const h = STEP.open_with("with", build, 1, "x", true);
      PATTERN.event_with("ev", (n: number) => ({ n }), 7);
      span_close(h);
    });
    expect(spans.map((s) => [s.name, s.parent, s.attrs])).toEqual([
      ["with", null, { a: 1, b: "x", c: true }],
      ["ev", 0, { n: 7 }],
    ]);
  });

  it("a site's declared name and builder (kept once) and other ones given at the call build each span from its own", () => {
    const route = (p: { route: string }) => p.route;
    const tried = (p: { route: string }, path: string) => ({ route: p.route, path });
    const SITE = trace_site("pattern", "tests/trace#with-pairs", { source: true, name: route, attrs: tried });
    const other = (p: { route: string }, path: string, why: string) => ({ other: `${p.route} ${path} ${why}` });
    const spans = record(() => {
      SITE.event_with(route, tried, { route: "a/" }, "/x/");
      SITE.event_with("named", other, { route: "b/" }, "/y/", "because");
      SITE.event_with(route, tried, { route: "c/" }, "/z/", undefined, { file: "blog/urls.ts", line: 4 });
      const h = SITE.open_with(route, tried, { route: "d/" }, "/w/");
      SITE.event_with(route, tried, { route: "e/" }, "/v/");
      span_close(h);
    });
    expect(spans.map((s) => [s.name, s.parent, s.attrs, s.source])).toEqual([
      ["a/", null, { route: "a/", path: "/x/" }, { file: "tests/trace", symbol: "with-pairs" }],
      ["named", null, { other: "b/ /y/ because" }, { file: "tests/trace", symbol: "with-pairs" }],
      ["c/", null, { route: "c/", path: "/z/" }, { file: "blog/urls.ts", line: 4 }],
      ["d/", null, { route: "d/", path: "/w/" }, { file: "tests/trace", symbol: "with-pairs" }],
      ["e/", 3, { route: "e/", path: "/v/" }, { file: "tests/trace", symbol: "with-pairs" }],
    ]);
  });

  it("run marks the span failed with the Python class name and re-raises; close pops spans left open", () => {
    const spans = record(() => {
      expect(() =>
        STEP.run("view", undefined, () => {
          STEP.open("left open by the exception");
          throw new NotFound("No Post matches the given query.");
        }),
      ).toThrow(NotFound);
      const h = STEP.open("later");
      span_fail(h, { type: "Resolver404", message: "{'path': 'x'}" });
      span_source(h, { file: "blog/views.ts", line: 3 });
      span_close(h);
    });
    expect(spans.map((s) => [s.name, s.parent, s.error?.type ?? null])).toEqual([
      ["view", null, "Http404"],
      ["left open by the exception", 0, null],
      ["later", null, "Resolver404"],
    ]);
    expect(spans[2].source).toEqual({ file: "blog/views.ts", line: 3 });
  });

  it("an attrs function that raises is recorded on its span, not raised into the framework", () => {
    const spans = record(() => {
      PATTERN.event("p", () => {
        throw new TypeError("boom");
      });
    });
    expect(spans[0].attrs).toEqual({ trace_error: "building this span's attributes raised TypeError: boom" });
  });

  it("a promise closes the span when returned and marks it failed when it rejects", async () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    const pending = STEP.run("async view", undefined, () => Promise.reject(new NotFound("gone")));
    await expect(pending).rejects.toThrow("gone");
    set_active_recorder(previous);
    expect(recorder.trace().spans.map((s) => [s.name, s.error])).toEqual([["async view", { type: "Http404", message: "gone" }]]);
  });
});

describe("handles", () => {
  it("are -1 when tracing is off, and every call on them does nothing", () => {
    let built = false;
    const spans = record(() => {
      expect(tracing_enabled()).toBe(false);
      const h = STEP.open("x", () => ((built = true), {}));
      expect(h).toBe(-1);
      span_set(h, { a: 1 });
      span_fail(h, new Error("e"));
      span_close(h);
      expect(STEP.run("y", undefined, (span) => span)).toBe(-1);
    }, false);
    expect(spans).toEqual([]);
    expect(built).toBe(false);
  });

  it("of another recorder are ignored (a late span_set after the request's recorder was replaced)", () => {
    const first = new Recorder();
    let previous = set_active_recorder(first);
    const h = STEP.open("first");
    span_close(h);
    set_active_recorder(previous);
    const second = new Recorder();
    previous = set_active_recorder(second);
    span_set(h, { late: true });
    STEP.event("second");
    set_active_recorder(previous);
    expect(first.trace().spans.map((s) => s.attrs)).toEqual([{}]);
    expect(second.trace().spans.map((s) => [s.name, s.attrs])).toEqual([["second", {}]]);
  });

  it("stay small integers whatever the recorder's epoch (a larger number would be boxed per handle)", () => {
    const handles: number[] = [];
    for (let i = 0; i < 70; i++) {
      const recorder = new Recorder();
      const previous = set_active_recorder(recorder);
      handles.push(STEP.open("a"), STEP.event("b"));
      set_active_recorder(previous);
    }
    expect(handles.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 30)).toBe(true);
  });
});

describe("span_fail_with", () => {
  it("builds the failure when the trace is read, from values that do not change", () => {
    let built = 0;
    const spans = record(() => {
      const h = STEP.open("resolve");
      span_fail_with(h, () => (built++, { type: "Resolver404", message: "{'path': 'x/'}" }));
      expect(built).toBe(0);
      span_close(h);
    });
    expect(built).toBe(1);
    expect(spans.map((s) => [s.name, s.error])).toEqual([["resolve", { type: "Resolver404", message: "{'path': 'x/'}" }]]);
  });

  it("on an eager site's span builds it at the call; a builder that raises is described, not raised", () => {
    let built = 0;
    const spans = record(() => {
      const eager = EAGER.open("loaded");
      span_fail_with(eager, () => (built++, { type: "KeyError", message: "'k'" }));
      expect(built).toBe(1);
      span_close(eager);
      const lazy = STEP.open("broken");
      span_fail_with(lazy, () => {
        throw new NotFound("gone");
      });
      span_close(lazy);
    });
    expect(spans.map((s) => s.error)).toEqual([
      { type: "KeyError", message: "'k'" },
      { type: "Http404", message: "<describing this failure raised Http404: gone>" },
    ]);
  });
});

describe("reading", () => {
  it("a second read adds what was recorded since the first, in the same spans array", () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    const h = STEP.open("request");
    const first = recorder.trace();
    STEP.event("after the first read");
    span_set(h, { status: 200 });
    span_close(h);
    set_active_recorder(previous);
    const second = recorder.trace();
    expect(second).toBe(first);
    expect(second.spans.map((s) => [s.name, s.parent, s.attrs])).toEqual([
      ["request", null, { status: 200 }],
      ["after the first read", 0, {}],
    ]);
  });

  it("recorders in a row reuse the log's arrays without mixing their records", () => {
    const traces = [0, 1, 2].map((n) =>
      record(() => {
        for (let i = 0; i < 150 * (n + 1); i++) PATTERN.event_with(`p${i}`, (k: number) => ({ k }), i);
      }),
    );
    traces.forEach((spans, n) => {
      expect(spans.length).toBe(150 * (n + 1));
      expect(spans.at(-1)).toMatchObject({ id: 150 * (n + 1) - 1, name: `p${150 * (n + 1) - 1}`, attrs: { k: 150 * (n + 1) - 1 } });
    });
  });

  it("span times come from one clock: a span ends at or after it starts, children inside their parent", () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    STEP.run("outer", undefined, () => {
      STEP.run("inner", undefined, () => PATTERN.event("e"));
    });
    set_active_recorder(previous);
    const [outer, inner, event] = recorder.trace().spans;
    expect(outer.end).toBeGreaterThanOrEqual(outer.start);
    expect(inner.start).toBeGreaterThanOrEqual(outer.start);
    expect(inner.end).toBeLessThanOrEqual(outer.end);
    expect(event.start).toBe(event.end);
  });
});

describe("a span held with its recorder (async work that outlasts a step)", () => {
  it("closes, fails and sets on the recorder it was opened on, while another recorder is active", () => {
    const first = new Recorder({ enabled: true });
    const second = new Recorder({ enabled: true });
    const previous = set_active_recorder(first);
    let h = -1;
    try {
      h = first.site_open(STEP, "consumer.receive", () => ({ method: "receive" }));
      set_active_recorder(second);
      STEP.event("next step");
      // The free functions act on the active recorder: this handle is not its span.
      span_close(h);
      first.span_set(h, () => ({ raised: "StopConsumer" }));
      first.span_fail(h, new NotFound("gone"));
      first.span_close(h);
    } finally {
      set_active_recorder(previous);
    }
    const [span] = first.trace().spans;
    expect({ name: span.name, attrs: span.attrs, error: span.error }).toEqual({ name: "consumer.receive", attrs: { method: "receive", raised: "StopConsumer" }, error: { type: "Http404", message: "gone" } });
    expect(second.trace().spans.map((s) => s.name)).toEqual(["next step"]);
    expect(new Recorder({ enabled: false }).site_open(STEP, "off")).toBe(-1);
  });
});
