/**
 * werkzeug.routing: rules matched in Werkzeug's order whatever the declaration order, converters,
 * 405 with the allowed methods, strict-slash redirects, and URL building with BuildError's hints.
 */
import { describe, expect, it } from "vitest";
import { Map, Rule } from "../../../src/frameworks/werkzeug/routing";
import { BuildError, RequestRedirect } from "../../../src/frameworks/werkzeug/routing/exceptions";
import { MethodNotAllowed, NotFound } from "../../../src/frameworks/werkzeug/exceptions";
import { PyFloat } from "../../../src/frameworks/python/json";
import { UUID } from "../../../src/frameworks/python/uuid";
import { Recorder, set_active_recorder } from "../../../src/trace";

function raised(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception");
}

const url_map = () =>
  new Map([
    new Rule("/user/<name>", { endpoint: "by_name" }),
    new Rule("/user/me", { endpoint: "me" }),
    new Rule("/user/<int:id>", { endpoint: "by_id" }),
    new Rule("/f/<float:x>", { endpoint: "f" }),
    new Rule("/u/<uuid:u>", { endpoint: "u" }),
    new Rule("/files/<path:p>", { endpoint: "files" }),
    new Rule("/lang/<string(length=2):code>", { endpoint: "lang" }),
    new Rule("/dir/", { endpoint: "dir" }),
    new Rule("/m", { endpoint: "m_get", methods: ["GET"] }),
    new Rule("/m", { endpoint: "m_post", methods: ["POST"] }),
  ]);

describe("werkzeug.routing matching", () => {
  it("tries static parts first, then converters by weight (int before string)", () => {
    const a = url_map().bind("localhost");
    expect(a.match("/user/me")).toEqual(["me", {}]);
    expect(a.match("/user/5")).toEqual(["by_id", { id: 5 }]);
    expect(a.match("/user/ann")).toEqual(["by_name", { name: "ann" }]);
  });

  it("converts float, uuid and path values", () => {
    const a = url_map().bind("localhost");
    const [, f] = a.match("/f/5.0");
    expect(f.x).toBeInstanceOf(PyFloat);
    expect(String(f.x)).toBe("5.0");
    const [, u] = a.match("/u/12345678-1234-5678-1234-567812345678");
    expect((u.u as UUID).hex).toBe("12345678123456781234567812345678");
    expect(a.match("/files/a/b/c.txt")).toEqual(["files", { p: "a/b/c.txt" }]);
    expect(a.match("/lang/fr")).toEqual(["lang", { code: "fr" }]);
    expect(raised(() => a.match("/lang/fra"))).toBeInstanceOf(NotFound);
  });

  it("answers a known path with another method by 405 listing the allowed methods", () => {
    const e = raised(() => url_map().bind("localhost").match("/m", "DELETE")) as MethodNotAllowed;
    expect(e).toBeInstanceOf(MethodNotAllowed);
    expect([...(e.valid_methods ?? [])].sort()).toEqual(["GET", "HEAD", "POST"]);
    expect(e.get_headers()).toEqual([["Content-Type", "text/html; charset=utf-8"], ["Allow", e.valid_methods!.join(", ")]]);
  });

  it("redirects a branch URL without its trailing slash with a 308", () => {
    const e = raised(() => url_map().bind("localhost").match("/dir", "GET", { query_args: "a=1" })) as RequestRedirect;
    expect(e).toBeInstanceOf(RequestRedirect);
    expect([e.code, e.new_url]).toEqual([308, "http://localhost/dir/?a=1"]);
  });

  it("records every rule tried, in match order, with why it failed", () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      url_map().bind("localhost").match("/user/5");
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const resolver = spans.find((s) => s.kind === "resolver")!;
    expect(resolver.attrs).toMatchObject({ framework: "werkzeug", path: "/user/5", endpoint: "by_id", rule: "/user/<int:id>" });
    const patterns = spans.filter((s) => s.kind === "pattern").map((s) => [s.attrs.rule, s.attrs.verdict]);
    expect(patterns.slice(0, 3)).toEqual([["/user/me", "path"], ["/user/<int:id>", "matched"], ["/user/<name>", "shadowed"]]);
    expect(patterns).toContainEqual(["/m", "path"]);
  });
});

describe("werkzeug.routing building", () => {
  it("builds URLs, quoting values and appending unknown values as the query", () => {
    const a = url_map().bind("localhost");
    expect(a.build("by_name", { name: "a b/c" })).toBe("/user/a%20b/c");
    expect(a.build("by_id", { id: 3, q: "x y", z: null })).toBe("/user/3?q=x+y");
    expect(a.build("f", { x: 2 })).toBe("/f/2.0");
    expect(a.build("dir", {}, { force_external: true })).toBe("http://localhost/dir/");
  });

  it("explains a BuildError with the closest endpoint or the missing values", () => {
    const a = url_map().bind("localhost");
    expect(raised(() => a.build("by_nam")).message).toBe("Could not build url for endpoint 'by_nam'. Did you mean 'by_name' instead?");
    expect(raised(() => a.build("by_id")).message).toBe("Could not build url for endpoint 'by_id'. Did you forget to specify values ['id']?");
    expect(raised(() => a.build("m_get", {}, { method: "POST" }))).toBeInstanceOf(BuildError);
  });

  it("refuses malformed rules with Werkzeug's messages", () => {
    expect(raised(() => new Rule("abc")).message).toBe("URL rule 'abc' must start with a slash.");
    expect(raised(() => new Map([new Rule("/a/<nope:x>")])).message).toBe("the converter 'nope' does not exist");
    expect(raised(() => new Map([new Rule("/a/<x>/<x>")])).message).toBe("duplicate argument 'x' in function definition (<werkzeug routing>, line 1)");
  });
});
