import { afterEach, describe, expect, it } from "vitest";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { event, span } from "../../../src/frameworks/lab/trace";
import * as lab from "../../../src/frameworks/lab";

let previous: Recorder | null = null;
function record(): Recorder {
  const recorder = new Recorder();
  previous = set_active_recorder(recorder);
  return recorder;
}
afterEach(() => {
  if (previous) set_active_recorder(previous);
  previous = null;
});

describe("lab/trace: spans and events from user code", () => {
  it("span runs fn inside a span and returns its value; event nests inside it", () => {
    const recorder = record();
    const result = span("resolver", "route /hello", { path: "/hello" }, () => {
      event("pattern", "GET /hello", { matched: true, reason: undefined });
      return 42;
    });
    expect(result).toBe(42);
    expect(recorder.trace().spans.map((s) => [s.kind, s.name, s.parent, s.attrs])).toEqual([
      ["resolver", "route /hello", null, { path: "/hello" }],
      ["pattern", "GET /hello", 0, { matched: true }],
    ]);
  });

  it("attrs pass through to_json: functions and bytes become strings", () => {
    const recorder = record();
    event("view", "hello", { fn: function hello() {}, body: new Uint8Array([72, 105]) });
    expect(recorder.trace().spans[0].attrs).toEqual({ fn: "<function hello>", body: "b'Hi'" });
  });

  it("an exception marks the span failed and propagates", () => {
    const recorder = record();
    expect(() => span("view", "boom", {}, () => { throw new RangeError("no"); })).toThrow("no");
    expect(recorder.trace().spans[0].error).toEqual({ type: "RangeError", message: "no" });
  });

  it("rejects a kind user code may not record, with a TypeError naming the allowed kinds", () => {
    const recorder = record();
    const message = 'lab/trace: unknown span kind "sql"; expected one of "middleware", "resolver", "pattern", "view", "user".';
    expect(() => span("sql" as never, "SELECT 1", {}, () => 1)).toThrow(new TypeError(message));
    expect(() => event("sql" as never, "SELECT 1", {})).toThrow(new TypeError(message));
    expect(() => event(undefined as never, "x", {})).toThrow(TypeError);
    expect(recorder.trace().spans).toEqual([]);
  });

  it("is re-exported by the lab package", () => {
    expect([lab.span, lab.event]).toEqual([span, event]);
  });
});
