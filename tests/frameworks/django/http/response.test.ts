import { beforeAll, describe, expect, it } from "vitest";
import { latin1_decode } from "../../../../src/frameworks/python/bytes";
import { datetime, timedelta } from "../../../../src/frameworks/python/datetime";
import { Decimal } from "../../../../src/frameworks/python/decimal";
import { freeze_time } from "../../../../src/frameworks/python/time";
import { settings } from "../../../../src/frameworks/django/conf";
import {
  BadHeaderError, HttpResponse, HttpResponseNotAllowed, HttpResponseNotModified, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse, StreamingHttpResponse,
} from "../../../../src/frameworks/django/http";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "tests" });
});

describe("HttpResponse", () => {
  it("encodes content in its charset and defaults the Content-Type", () => {
    const r = new HttpResponse("café", { charset: "latin-1" });
    expect(latin1_decode(r.content)).toBe("caf\u00e9");
    expect(r.items()).toEqual([["Content-Type", "text/html; charset=latin-1"]]);
    expect(new HttpResponse(123).text).toBe("123");
    expect(new HttpResponse(["a", "é", 1]).text).toBe("aé1");
  });

  it("status and reason phrase follow Python 3.11's HTTPStatus", () => {
    expect(new HttpResponse("", { status: 422 }).reason_phrase).toBe("Unprocessable Entity");
    expect(new HttpResponse("", { status: 413 }).reason_phrase).toBe("Request Entity Too Large");
    expect(() => new HttpResponse("", { status: "abc" })).toThrow("HTTP status code must be an integer.");
    expect(() => new HttpResponse("", { status: 99 })).toThrow("HTTP status code must be an integer from 100 to 599.");
  });

  it("headers: case-insensitive overwrite keeps position, newlines rejected, non-Latin-1 MIME-encoded", () => {
    const r = new HttpResponse("");
    r.set("x-custom", "1");
    r.set("X-CUSTOM", "2");
    r.set("X-Name", "€uro");
    expect(r.items()).toEqual([["Content-Type", "text/html; charset=utf-8"], ["X-CUSTOM", "2"], ["X-Name", "=?utf-8?b?4oKsdXJv?="]]);
    expect(() => r.set("X-Bad", "a\nb")).toThrow(BadHeaderError);
    expect(() => r.set("X-Nämé", "v")).toThrow("'ascii' codec can't encode character '\\xe4' in position 3: ordinal not in range(128), HTTP response headers must be in ascii format");
  });

  it("write() appends and iteration yields the chunks", () => {
    const r = new HttpResponse("a");
    r.write("b");
    expect([...r].map(latin1_decode)).toEqual(["a", "b"]);
    expect(r.text).toBe("ab");
  });

  it("StreamingHttpResponse has no content and streams bytes", () => {
    const r = new StreamingHttpResponse(["x", "y"]);
    expect(() => r.content).toThrow("This StreamingHttpResponse instance has no `content` attribute. Use `streaming_content` instead.");
    expect([...r].map(latin1_decode)).toEqual(["x", "y"]);
  });

  it("304 drops Content-Type; 405 lists allowed methods", () => {
    expect(new HttpResponseNotModified().has_header("Content-Type")).toBe(false);
    expect(new HttpResponseNotAllowed(["GET", "POST"]).get("Allow")).toBe("GET, POST");
  });
});

describe("cookies on a response", () => {
  it("set_cookie with max_age sets expires from the frozen clock", () => {
    freeze_time(1735689600.5);
    try {
      const r = new HttpResponse();
      r.set_cookie("sid", "abc", { max_age: 60, domain: "example.com", secure: true, httponly: true, samesite: "Strict", path: "/p" });
      r.set_cookie("when", "1", { expires: new datetime(2025, 1, 2) });
      r.set_cookie("td", "1", { max_age: new timedelta({ days: 1, seconds: 30 }) });
      expect(r.wsgi_headers().slice(1)).toEqual([
        ["Set-Cookie", "sid=abc; Domain=example.com; expires=Wed, 01 Jan 2025 00:01:00 GMT; HttpOnly; Max-Age=60; Path=/p; SameSite=Strict; Secure"],
        ["Set-Cookie", "when=1; expires=Thu, 02 Jan 2025 00:00:00 GMT; Max-Age=86400; Path=/"],
        ["Set-Cookie", "td=1; expires=Thu, 02 Jan 2025 00:00:30 GMT; Max-Age=86430; Path=/"],
      ]);
    } finally {
      freeze_time(null);
    }
  });

  it("delete_cookie expires it in 1970 and keeps Secure for __Host- names", () => {
    const r = new HttpResponse();
    r.delete_cookie("__Host-a");
    expect(r.cookies.getitem("__Host-a").OutputString()).toBe('__Host-a=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; Secure');
  });

  it("rejects invalid samesite, and expires with max_age together", () => {
    const r = new HttpResponse();
    expect(() => r.set_cookie("a", "1", { samesite: "bogus" })).toThrow('samesite must be "lax", "none", or "strict".');
    expect(() => r.set_cookie("a", "1", { expires: new datetime(2030, 1, 1), max_age: 1 })).toThrow("'expires' and 'max_age' can't be used together.");
  });
});

describe("JsonResponse and redirects", () => {
  it("JsonResponse prints like Python json.dumps with DjangoJSONEncoder", () => {
    const r = new JsonResponse({ d: datetime.fromisoformat("2024-01-02T03:04:05.123456+00:00"), n: new Decimal("1.50"), t: new timedelta({ seconds: -1 }) });
    expect(r.get("Content-Type")).toBe("application/json");
    expect(r.text).toBe('{"d": "2024-01-02T03:04:05.123Z", "n": "1.50", "t": "-P0DT00H00M01S"}');
    expect(() => new JsonResponse([1, 2])).toThrow("In order to allow non-dict objects to be serialized set the safe parameter to False.");
    expect(new JsonResponse([1, 2], { safe: false }).text).toBe("[1, 2]");
  });

  it("redirects encode IRIs and refuse unsafe schemes", () => {
    const r = new HttpResponseRedirect("/café/?q=é");
    expect([r.status_code, r.url]).toEqual([302, "/caf%C3%A9/?q=%C3%A9"]);
    expect(new HttpResponsePermanentRedirect("/moved/").status_code).toBe(301);
    expect(() => new HttpResponseRedirect(" JavaScript:alert(1)")).toThrow("Unsafe redirect to URL with protocol 'javascript'");
  });
});
