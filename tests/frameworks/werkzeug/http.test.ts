/**
 * werkzeug.http, exceptions and wrappers: header values, cookies, dates, the HTML error pages and
 * a Response as a WSGI application.
 */
import { describe, expect, it } from "vitest";
import { dump_cookie, http_date, parse_cookie, parse_date, parse_options_header, parse_list_header } from "../../../src/frameworks/werkzeug/http";
import { NotFound, abort, ImATeapot, HTTPException } from "../../../src/frameworks/werkzeug/exceptions";
import { Response } from "../../../src/frameworks/werkzeug/wrappers";
import { redirect } from "../../../src/frameworks/werkzeug/utils";
import { Client, EnvironBuilder } from "../../../src/frameworks/werkzeug/test";
import { datetime, timezone } from "../../../src/frameworks/python/datetime";
import { with_frozen_time } from "../../../src/frameworks/python/time";

describe("werkzeug.http", () => {
  it("writes Set-Cookie values as Werkzeug does (quoting, Expires from max_age)", () => {
    expect(dump_cookie("session", { value: "abc", httponly: true })).toBe("session=abc; HttpOnly; Path=/");
    expect(dump_cookie("a", { value: "sp ace;\"é", samesite: "lax" })).toBe('a="sp ace\\073\\"\\303\\251"; Path=/; SameSite=Lax');
    expect(with_frozen_time(1735689600.5, () => dump_cookie("a", { value: "1", max_age: 60 }))).toBe("a=1; Expires=Wed, 01 Jan 2025 00:01:00 GMT; Max-Age=60; Path=/");
    expect(dump_cookie("gone", { expires: 0, max_age: 0 })).toBe("gone=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
  });

  it("parses a Cookie header, unescaping quoted values", () => {
    expect([...parse_cookie('a=1; b="q\\"x"; c; =d').items(true)]).toEqual([["a", "1"], ["b", 'q"x'], ["c", ""]]);
  });

  it("reads option and list headers", () => {
    expect(parse_options_header('text/html; charset="utf-8"; q=1')).toEqual(["text/html", { charset: "utf-8", q: "1" }]);
    expect(parse_list_header('a, "b, c", d')).toEqual(["a", "b, c", "d"]);
  });

  it("formats and parses HTTP dates in GMT", () => {
    expect(http_date(new datetime(2024, 1, 2, 3, 4, 5, 0, timezone.utc))).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
    expect(parse_date("Tue, 02 Jan 2024 03:04:05 GMT")!.isoformat()).toBe("2024-01-02T03:04:05+00:00");
    expect(parse_date("not a date")).toBeNull();
  });
});

describe("werkzeug.exceptions", () => {
  it("renders Werkzeug's HTML error page", () => {
    const r = new NotFound().get_response() as Response;
    expect([r.status, r.get_data(true)]).toEqual([
      "404 NOT FOUND",
      "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n",
    ]);
    expect(String(new ImATeapot({ description: "short & stout" }))).toBe("418 I'm a teapot: short & stout");
  });

  it("abort raises the exception for a code, escaping the description in the page", () => {
    let e: HTTPException | null = null;
    try {
      abort(400, "<b>bad</b>\nline two");
    } catch (err) {
      e = err as HTTPException;
    }
    expect(e!.get_description()).toBe("<p>&lt;b&gt;bad&lt;/b&gt;<br>line two</p>");
  });
});

describe("werkzeug.wrappers and test", () => {
  it("upper-cases reason phrases and keeps a given status line", () => {
    const r = new Response("x");
    expect([r.status, r.headers.get("Content-Type"), r.content_length]).toEqual(["200 OK", "text/plain; charset=utf-8", 1]);
    r.status_code = 499;
    expect(r.status).toBe("499 UNKNOWN");
    r.status = "201 MADE UP";
    expect([r.status, r.status_code]).toEqual(["201 MADE UP", 201]);
  });

  it("redirect() writes the Redirecting page and the Location header", () => {
    const r = redirect("/login?next=/a&b") as Response;
    expect([r.status, r.headers.get("Location")]).toEqual(["302 FOUND", "/login?next=/a&b"]);
    expect(r.get_data(true)).toContain('<a href="/login?next=/a&amp;b">');
  });

  it("builds an environ as a WSGI server would and sends no body for HEAD", () => {
    const environ = new EnvironBuilder("/caf%C3%A9?x=1", { method: "POST", data: "a=1", content_type: "application/x-www-form-urlencoded", headers: [["X-A", "1"], ["X-A", "2"]] }).get_environ();
    expect([environ.PATH_INFO, environ.QUERY_STRING, environ.CONTENT_LENGTH, environ.HTTP_X_A, environ.HTTP_HOST]).toEqual(["/caf\u00c3\u00a9", "x=1", "3", "1, 2", "localhost"]);
    const app = (_e: Record<string, any>, start: any) => new Response("hello").__call__(_e, start);
    const head = new Client(app).head("/");
    expect([head.status, head.headers.get("Content-Length"), head.get_data(true)]).toEqual(["200 OK", "5", ""]);
  });
});
