import { describe, expect, it } from "vitest";
import { parse_qsl, quote, quote_plus, unquote, urlencode, urljoin, urlsplit } from "../../../../src/frameworks/python/urllib/parse";

describe("python urllib.parse", () => {
  it("quote keeps unreserved characters and the safe set", () => {
    expect(quote("/a b/é?x")).toBe("/a%20b/%C3%A9%3Fx");
    expect(quote_plus("a b&c")).toBe("a+b%26c");
  });

  it("unquote leaves invalid escapes and replaces invalid UTF-8", () => {
    expect(unquote("%2&%zz&caf%C3%A9")).toBe("%2&%zz&café");
    expect(unquote("%FF")).toBe("\uFFFD");
    expect(unquote("caf%E9", "latin-1")).toBe("café");
  });

  it("parse_qsl splits on & only and keeps blank values when asked", () => {
    expect(parse_qsl("a=1;b=2&flag&c=", { keep_blank_values: true })).toEqual([["a", "1;b=2"], ["flag", ""], ["c", ""]]);
    expect(parse_qsl("a=1&b=", {})).toEqual([["a", "1"]]);
    expect(() => parse_qsl("a=1&b=2", { max_num_fields: 1 })).toThrow("Max number of fields exceeded");
  });

  it("urlencode with doseq repeats list values", () => {
    expect(urlencode({ a: ["1", "2"], b: "x y" }, { doseq: true })).toBe("a=1&a=2&b=x+y");
  });

  it("urlsplit strips leading spaces and lowercases the scheme", () => {
    const r = urlsplit(" JavaScript:alert(1)");
    expect([r.scheme, r.path]).toEqual(["javascript", "alert(1)"]);
    const u = urlsplit("http://User@Example.com:8080/p?q#f");
    expect([u.netloc, u.hostname, u.port, u.path, u.query, u.fragment]).toEqual(["User@Example.com:8080", "example.com", 8080, "/p", "q", "f"]);
  });

  it("urljoin resolves dot segments, queries and fragments as RFC 3986", () => {
    const base = "http://testserver/a/b/";
    expect(["../up", "rel", "?q=1", "#frag", "//other.com/x", "mailto:a@b.c", "", "../../../../x"].map((u) => urljoin(base, u))).toEqual([
      "http://testserver/a/up",
      "http://testserver/a/b/rel",
      "http://testserver/a/b/?q=1",
      "http://testserver/a/b/#frag",
      "http://other.com/x",
      "mailto:a@b.c",
      "http://testserver/a/b/",
      "http://testserver/x",
    ]);
  });
});
