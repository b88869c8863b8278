/**
 * werkzeug.datastructures: MultiDict (first value, all values, BadRequestKeyError), Headers
 * (case-insensitive, set replaces in place, no header injection), EnvironHeaders (from the environ).
 */
import { describe, expect, it } from "vitest";
import { CombinedMultiDict, EnvironHeaders, Headers, ImmutableMultiDict, MultiDict } from "../../../src/frameworks/werkzeug/datastructures";
import { BadRequestKeyError } from "../../../src/frameworks/werkzeug/exceptions";
import { KeyError, int } from "../../../src/frameworks/python/builtins";

function raised(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception");
}

describe("MultiDict", () => {
  it("gives the first value, every value, and converts with type=", () => {
    const md = new MultiDict([["tag", "a"], ["tag", "b"], ["page", "2"], ["bad", "x"]]);
    expect([md.getitem("tag"), md.getlist("tag"), md.get("page", null, { type: int }), md.get("bad", 1, { type: int }), md.get("nope")]).toEqual(["a", ["a", "b"], 2, 1, null]);
    expect(md.to_dict()).toEqual({ tag: "a", page: "2", bad: "x" });
    expect([...md.items(true)]).toEqual([["tag", "a"], ["tag", "b"], ["page", "2"], ["bad", "x"]]);
  });

  it("raises BadRequestKeyError (a 400 and a KeyError) for a missing key", () => {
    const e = raised(() => new MultiDict().getitem("username"));
    expect(e).toBeInstanceOf(BadRequestKeyError);
    expect((e as BadRequestKeyError).code).toBe(400);
    expect((BadRequestKeyError as unknown as { __extra_bases__: unknown[] }).__extra_bases__).toEqual([KeyError]);
  });

  it("keeps request data immutable", () => {
    const md = new ImmutableMultiDict([["a", "1"]]);
    expect(raised(() => md.set("a", "2")).message).toBe("'ImmutableMultiDict' objects are immutable");
    const combined = new CombinedMultiDict([new MultiDict([["a", "1"]]), new MultiDict([["a", "2"], ["b", "3"]])]);
    expect([combined.getitem("a"), combined.getlist("a"), [...combined.keys()]]).toEqual(["1", ["1", "2"], ["a", "b"]]);
  });
});

describe("Headers", () => {
  it("looks names up case-insensitively; set replaces in place, add appends", () => {
    const h = new Headers([["Content-Type", "text/html"], ["X-A", "1"], ["x-a", "2"]]);
    expect(h.getitem("x-A")).toBe("1");
    expect(h.getlist("X-A")).toEqual(["1", "2"]);
    h.set("x-a", "3");
    h.add("Set-Cookie", "a=1");
    expect(h.to_wsgi_list()).toEqual([["Content-Type", "text/html"], ["x-a", "3"], ["Set-Cookie", "a=1"]]);
    h.add("Content-Disposition", "attachment", { filename: "a b.txt" });
    expect(h.get("content-disposition")).toBe('attachment; filename="a b.txt"');
  });

  it("refuses values with newlines", () => {
    expect(raised(() => new Headers().set("X", "a\r\nInjected: 1")).message).toBe("Header values must not contain newline characters.");
  });

  it("reads a request's headers from the environ, Title-Cased, in environ order", () => {
    const h = new EnvironHeaders({ HTTP_USER_AGENT: "UA", HTTP_X_FORWARDED_FOR: "1.2.3.4", CONTENT_TYPE: "text/plain", CONTENT_LENGTH: "", HTTP_HOST: "localhost" });
    expect([...h]).toEqual([["User-Agent", "UA"], ["X-Forwarded-For", "1.2.3.4"], ["Content-Type", "text/plain"], ["Host", "localhost"]]);
    expect([h.get("user-agent"), h.get("Missing", "d")]).toEqual(["UA", "d"]);
  });
});
