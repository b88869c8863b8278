/**
 * werkzeug.wrappers (and the sansio parts under them): the request's path and root as Werkzeug
 * normalises them, the status line kept in both forms, the body and headers a WSGI server gets;
 * with the host checks and context variables a request goes through.
 */
import { describe, expect, it } from "vitest";
import { Request } from "../../../src/frameworks/werkzeug/wrappers/request";
import { Response } from "../../../src/frameworks/werkzeug/wrappers/response";
import { host_is_trusted, get_host } from "../../../src/frameworks/werkzeug/sansio/utils";
import { SecurityError } from "../../../src/frameworks/werkzeug/exceptions";
import { ContextVar } from "../../../src/frameworks/python/contextvars";
import { LookupError } from "../../../src/frameworks/python/builtins";

const environ = (extra: Record<string, unknown> = {}) => ({ REQUEST_METHOD: "get", SCRIPT_NAME: "", PATH_INFO: "/", QUERY_STRING: "", SERVER_NAME: "localhost", SERVER_PORT: "80", HTTP_HOST: "localhost", "wsgi.url_scheme": "http", ...extra });

describe("werkzeug Request", () => {
  it("strips the root path's trailing slashes and gives the path exactly one leading slash", () => {
    const cases: [string, string, string, string][] = [
      ["", "/hello/", "", "/hello/"],
      ["/app/", "//a//b", "/app", "/a//b"],
      ["/app//", "a", "/app", "/a"],
      ["/app", "", "/app", "/"],
    ];
    for (const [script_name, path_info, root_path, path] of cases) {
      const r = new Request(environ({ SCRIPT_NAME: script_name, PATH_INFO: path_info }));
      expect([r.root_path, r.path, r.method]).toEqual([root_path, path, "GET"]);
    }
  });

  it("reads an empty query string as empty bytes, and a query as its Latin-1 bytes", () => {
    expect([...new Request(environ()).query_string]).toEqual([]);
    expect(new Request(environ({ QUERY_STRING: "a=1&b=%C3%A9" })).args.getlist("b")).toEqual(["é"]);
    expect(new Request(environ({ QUERY_STRING: "a=1" })).full_path).toBe("/?a=1");
  });
});

describe("werkzeug Response", () => {
  it("keeps the status as a line and a code, whether set from a number or a string", () => {
    const r = new Response("x", 404);
    expect([r.status, r.status_code]).toEqual(["404 NOT FOUND", 404]);
    r.status = 200;
    expect([r.status, r.status_code]).toEqual(["200 OK", 200]);
    r.status_code = 599;
    expect(r.status).toBe("599 UNKNOWN");
    r.status = "200 Fine";
    expect([r.status, r.status_code]).toEqual(["200 Fine", 200]);
    expect(new Response("x", { status: 201, mimetype: "application/json" }).status).toBe("201 CREATED");
  });

  it("hands a WSGI server the status, the headers with Content-Length, and the body's bytes", () => {
    const r = new Response("Hello, World!");
    r.headers.set("X-A", "1");
    r.headers.add("x-a", "2");
    r.headers.set("x-A", "3");
    let sent: [string, [string, string][]] | null = null;
    const body = [...r.__call__(environ(), (status, headers) => (sent = [status, headers]))];
    expect(sent).toEqual(["200 OK", [["Content-Type", "text/plain; charset=utf-8"], ["Content-Length", "13"], ["x-A", "3"]]]);
    expect(new TextDecoder().decode(body[0])).toBe("Hello, World!");
    // A body of text chunks is encoded on the way out, and its length counted.
    const chunks = new Response(["a", "é"]);
    let headers: [string, string][] = [];
    const out = [...chunks.__call__(environ(), (_s, h) => (headers = h))];
    expect([out.map((c) => [...c]), headers.find(([k]) => k === "Content-Length")]).toEqual([[[97], [195, 169]], ["Content-Length", "3"]]);
  });
});

describe("host checks", () => {
  it("still applies a trusted list to a host it has just found plausible", () => {
    expect(host_is_trusted("example.com")).toBe(true);
    expect(host_is_trusted("example.com", ["other.com"])).toBe(false);
    expect(host_is_trusted("example.com", [".example.com"])).toBe(true);
    expect(host_is_trusted("bad host")).toBe(false);
    expect(() => get_host("http", "example.com", null, ["other.com"])).toThrow(SecurityError);
    expect(get_host("http", "example.com:80", null)).toBe("example.com");
  });
});

describe("contextvars.ContextVar", () => {
  it("gives the default passed to get(), else raises LookupError", () => {
    const cv = new ContextVar<string>("name");
    expect(cv.get(null)).toBe(null);
    expect(() => cv.get()).toThrow(LookupError);
    const token = cv.set("a");
    expect(cv.get()).toBe("a");
    cv.reset(token);
    expect(cv.get("d")).toBe("d");
  });
});
