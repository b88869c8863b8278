import { beforeAll, describe, expect, it } from "vitest";
import { latin1_encode, utf8_decode } from "../../../../src/frameworks/python/bytes";
import { override_settings, settings } from "../../../../src/frameworks/django/conf";
import { WSGIRequest } from "../../../../src/frameworks/django/core/handlers/wsgi_request";
import { HttpHeaders, QueryDict, RawPostDataException, split_domain_port } from "../../../../src/frameworks/django/http/request";
import { MultiValueDictKeyError } from "../../../../src/frameworks/django/utils/datastructures";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "tests", ALLOWED_HOSTS: ["testserver", ".example.org"] });
});

function environ(extra: Record<string, any> = {}, body = ""): Record<string, any> {
  const bytes = latin1_encode(body);
  let offset = 0;
  return {
    REQUEST_METHOD: "GET", PATH_INFO: "/", QUERY_STRING: "", SCRIPT_NAME: "", SERVER_NAME: "testserver", SERVER_PORT: "80",
    "wsgi.url_scheme": "http", CONTENT_LENGTH: String(bytes.length),
    "wsgi.input": { read(n?: number | null) { const end = n == null || n < 0 ? bytes.length : Math.min(bytes.length, offset + n); const c = bytes.subarray(offset, end); offset = end; return c; } },
    ...extra,
  };
}

describe("QueryDict", () => {
  it("keeps every value of a repeated key; getitem is the last one", () => {
    const qd = new QueryDict("a=1&a=2&b=&flag");
    expect(qd.lists()).toEqual([["a", ["1", "2"]], ["b", [""]], ["flag", [""]]]);
    expect(qd.getitem("a")).toBe("2");
    expect(qd.getlist("a")).toEqual(["1", "2"]);
    expect(qd.dict()).toEqual({ a: "2", b: "", flag: "" });
  });

  it("is immutable unless asked; copy() is mutable", () => {
    const qd = new QueryDict("a=1");
    expect(() => qd.setitem("a", "2")).toThrow("This QueryDict instance is immutable");
    const copy = qd.copy();
    copy.setitem("a", "2");
    expect(copy.urlencode()).toBe("a=2");
    expect(qd.urlencode()).toBe("a=1");
  });

  it("a missing key raises MultiValueDictKeyError, a KeyError showing the key's repr", () => {
    const error = (() => { try { new QueryDict("").getitem("b"); } catch (e) { return e as Error; } })();
    expect(error).toBeInstanceOf(MultiValueDictKeyError);
    expect(error!.message).toBe("'b'");
  });

  it("update appends instead of replacing", () => {
    const qd = new QueryDict("a=1", { mutable: true });
    qd.update({ a: "2", b: "3" });
    expect(qd.urlencode()).toBe("a=1&a=2&b=3");
  });

  it("urlencode form-encodes; with safe it percent-encodes and keeps those characters", () => {
    const qd = new QueryDict("next=/a/b?c=d&e=f g");
    expect(qd.urlencode()).toBe("next=%2Fa%2Fb%3Fc%3Dd&e=f+g");
    expect(qd.urlencode("/")).toBe("next=/a/b%3Fc%3Dd&e=f%20g");
  });

  it("more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is TooManyFieldsSent", () => {
    override_settings({ DATA_UPLOAD_MAX_NUMBER_FIELDS: 2 }, () => {
      expect(() => new QueryDict("a=1&b=2&c=3")).toThrow("The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.");
      expect(new QueryDict("a=1&b=2").length).toBe(2);
    });
  });
});

describe("WSGIRequest", () => {
  it("decodes PATH_INFO bytes as UTF-8 and escapes it again in get_full_path", () => {
    const request = new WSGIRequest(environ({ PATH_INFO: "/caf\u00c3\u00a9/", QUERY_STRING: "q=%C3%A9" }));
    expect(request.path).toBe("/café/");
    expect(request.get_full_path()).toBe("/caf%C3%A9/?q=%C3%A9");
    expect(request.GET.getitem("q")).toBe("é");
  });

  it("keeps invalid UTF-8 in the path as %XX", () => {
    const request = new WSGIRequest(environ({ PATH_INFO: "/\u00ff/x" }));
    expect(request.path).toBe("/%FF/x");
    expect(request.get_full_path()).toBe("/%25FF/x");
  });

  it("get_host checks ALLOWED_HOSTS with Django's message", () => {
    expect(new WSGIRequest(environ({ HTTP_HOST: "a.example.org:8000" })).get_host()).toBe("a.example.org:8000");
    expect(() => new WSGIRequest(environ({ HTTP_HOST: "evil.com" })).get_host()).toThrow("Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS.");
    expect(split_domain_port("[::1]:8000")).toEqual(["[::1]", "8000"]);
  });

  it("build_absolute_uri resolves relative locations against the current URL", () => {
    const request = new WSGIRequest(environ({ PATH_INFO: "/a/b/", QUERY_STRING: "x=1" }));
    expect(request.build_absolute_uri()).toBe("http://testserver/a/b/?x=1");
    expect(request.build_absolute_uri("../up")).toBe("http://testserver/a/up");
    expect(request.build_absolute_uri("//other.com/x")).toBe("http://other.com/x");
  });

  it("parses urlencoded POST bodies; reading body after read() raises RawPostDataException", () => {
    const post = new WSGIRequest(environ({ REQUEST_METHOD: "POST", CONTENT_TYPE: "application/x-www-form-urlencoded" }, "a=1&b=two+words"));
    expect(post.POST.lists()).toEqual([["a", ["1"]], ["b", ["two words"]]]);
    expect(utf8_decode(post.body)).toBe("a=1&b=two+words");
    const streamed = new WSGIRequest(environ({ REQUEST_METHOD: "POST", CONTENT_TYPE: "text/plain" }, "abc"));
    expect(utf8_decode(streamed.read(2))).toBe("ab");
    expect(() => streamed.body).toThrow(RawPostDataException);
  });

  it("request.headers title-cases names and looks up case-insensitively", () => {
    const headers = new HttpHeaders({ HTTP_X_FORWARDED_FOR: "1.2.3.4", CONTENT_TYPE: "text/plain", SERVER_NAME: "x" });
    expect(headers.items()).toEqual([["X-Forwarded-For", "1.2.3.4"], ["Content-Type", "text/plain"]]);
    expect(headers.get("x_forwarded_for")).toBe("1.2.3.4");
    expect(headers.has("content-type")).toBe(true);
  });

  it("COOKIES parses the Cookie header leniently", () => {
    const request = new WSGIRequest(environ({ HTTP_COOKIE: 'a=1; b="x\\073y"; a=3' }));
    expect(request.COOKIES).toEqual({ a: "3", b: "x;y" });
  });
});
