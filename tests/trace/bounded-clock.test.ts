/**
 * Bounded call sites (ADR 0040): a span whose own code is the framework's bounded work takes the
 * clock's latest reading — but only when nothing but bounded code ran since that reading. Every
 * boundary of user code still reads the clock, so user code's time is never given to a bounded span.
 *
 * The clock is `performance.now`, replaced here by a counter that moves 1 ms per reading: a span's
 * start and end say which reading they took, and how many readings a request made.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Recorder, mark_bounded, set_active_recorder, span_close, trace_site, type Span } from "../../src/trace";
import { serve_wsgi } from "../../src/gateway/server";
import type { WSGIApplication } from "../../src/gateway/wsgi";

const OWN = trace_site("middleware", "tests/trace#bounded", { bounded: true });
const USER = trace_site("view", "tests/trace#user");
const EVENT = trace_site("pattern", "tests/trace#event-in-bounded");

let readings = 0;
beforeEach(() => {
  readings = 0;
  vi.spyOn(performance, "now").mockImplementation(() => ++readings);
});
afterEach(() => vi.restoreAllMocks());

function record(fn: () => void): Span[] {
  const recorder = new Recorder({ enabled: true });
  const previous = set_active_recorder(recorder);
  try {
    fn();
  } finally {
    set_active_recorder(previous);
  }
  return recorder.trace().spans;
}

const times = (spans: Span[]) => spans.map((s) => [s.name, s.start, s.end]);

describe("bounded spans and the clock", () => {
  it("nested bounded spans share the reading their first boundary took; the user's view is read on both sides", () => {
    const spans = record(() => {
      const outer = OWN.open("SecurityMiddleware");
      const inner = OWN.open("SessionMiddleware");
      EVENT.event("pattern tried");
      const view = USER.open("view");
      span_close(view);
      span_close(inner);
      span_close(outer);
    });
    // Readings: 1 (outer opens), 2 (view opens), 3 (view returns). Times count from reading 1.
    expect(readings).toBe(3);
    expect(times(spans)).toEqual([
      ["SecurityMiddleware", 0, 2],
      ["SessionMiddleware", 0, 2],
      ["pattern tried", 0, 0],
      ["view", 1, 2],
    ]);
  });

  it("a bounded span opening inside user code reads the clock: the user's code before it stays the user's", () => {
    const spans = record(() => {
      const view = USER.open("view");
      // … the view's own code runs here …
      const orm = OWN.open("framework call");
      span_close(orm);
      // … and more of it here …
      const again = OWN.open("framework call again");
      span_close(again);
      span_close(view);
    });
    // view open 1; bounded open reads 2 (user code ran), its close takes 2; the next bounded open
    // reads 3 (user code ran after the first returned), its close takes 3; the view's close reads 4.
    expect(readings).toBe(4);
    expect(times(spans)).toEqual([
      ["view", 0, 3],
      ["framework call", 1, 1],
      ["framework call again", 2, 2],
    ]);
  });

  it("a bounded span closing after its user child takes the child's end, and its parent's code is read again after it", () => {
    const spans = record(() => {
      const root = USER.open("request");
      const layer = OWN.open("layer");
      const view = USER.open("view");
      span_close(view);
      span_close(layer);
      span_close(root);
    });
    // request 1, layer 2 (inside user code), view 3 and 4; layer closes on 4; request reads 5.
    expect(readings).toBe(5);
    expect(times(spans)).toEqual([
      ["request", 0, 4],
      ["layer", 1, 3],
      ["view", 2, 3],
    ]);
  });

  it("a span closed with the ones left open inside it leaves the nesting right for the next boundary", () => {
    const spans = record(() => {
      const outer = OWN.open("outer");
      OWN.open("left open"); // an exception skipped its close
      USER.open("view");
      span_close(outer); // closes the view and "left open" with it: the view ran, so the clock is read
      const after = OWN.open("after");
      span_close(after);
    });
    expect(readings).toBe(4);
    expect(times(spans)).toEqual([
      ["outer", 0, 2],
      ["left open", 0, 2],
      ["view", 1, 2],
      ["after", 3, 3],
    ]);
  });

  it("without bounded sites every boundary reads the clock", () => {
    record(() => {
      const a = USER.open("a");
      const b = USER.open("b");
      span_close(b);
      span_close(a);
    });
    expect(readings).toBe(4);
  });

  it("the gateway's span is bounded only around an application the framework marked: a project's WSGI app keeps its time", async () => {
    const request = { method: "GET", target: "/", headers: [["Host", "localhost"]] as [string, string][], body: "" };
    const app_of = (): WSGIApplication => (_environ, start_response) => {
      start_response("200 OK", [["Content-Type", "text/plain"]]);
      return [new TextEncoder().encode("hi")];
    };
    const serve = async (app: WSGIApplication) => {
      readings = 0;
      const recorder = new Recorder({ enabled: true });
      const previous = set_active_recorder(recorder);
      try {
        await serve_wsgi(app, request);
      } finally {
        set_active_recorder(previous);
      }
      return { readings, span: recorder.trace().spans[0] };
    };
    // A project's app runs in the gateway's span: its end is read, so the app's time is in it.
    const project = await serve(app_of());
    expect(project.span.kind).toBe("gateway");
    expect(project.span.end).toBeGreaterThan(project.span.start);
    // A marked application (Django's, from get_wsgi_application()) runs only bounded code there.
    const marked = await serve(mark_bounded(app_of()));
    expect(marked.readings).toBe(project.readings - 1);
    expect(marked.span.end).toBe(marked.span.start);
  });
});
