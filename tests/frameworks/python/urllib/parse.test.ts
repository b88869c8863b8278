import { describe, expect, it } from "vitest";
import { parse_qsl, quote, quote_plus, unquote, unquote_plus, urlencode, urljoin, urlsplit } from "../../../../src/frameworks/python/urllib/parse";
import { decode } from "../../../../src/frameworks/python/bytes";
// 400 random strings of escapes (valid, truncated, overlong, surrogate, BOM), `+`, ASCII and
// non-ASCII characters, with what CPython 3.11's urllib.parse returns for each.
import CASES from "./unquote-cases.json";

type Case = { s: string; "utf-8": [string, string]; "latin-1": [string, string]; ascii: [string, string]; quote_plus: string; quote_plus_safe: string; quote: string };

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

  it("unquote, unquote_plus and quote_plus give CPython's text for 400 recorded strings, in UTF-8, Latin-1 and ASCII", () => {
    const cases = CASES as Case[];
    for (const encoding of ["utf-8", "latin-1", "ascii"] as const)
      expect(cases.map((c) => [unquote_plus(c.s, encoding), unquote(c.s, encoding)])).toEqual(cases.map((c) => c[encoding]));
    expect(cases.map((c) => [quote_plus(c.s), quote_plus(c.s, "/+"), quote(c.s)])).toEqual(cases.map((c) => [c.quote_plus, c.quote_plus_safe, c.quote]));
    // A lone surrogate (no UTF-8 form) goes the run-by-run way and is kept, as Python keeps it.
    expect(unquote("%C3%A9\uD800+%41")).toBe("é\uD800+A");
    expect(unquote_plus("%C3%A9\uDC00+%41")).toBe("é\uDC00 A");
    // Python's utf-8 codec keeps a BOM; ASCII with errors="replace" gives U+FFFD per byte.
    expect(unquote("%EF%BB%BFa")).toBe("\uFEFFa");
    expect(decode(new Uint8Array([0x61, 0xff, 0x80]), "ascii", "replace")).toBe("a\uFFFD\uFFFD");
  });

  it("unquote_plus and quote_plus take linear time: 2.5 MB of `+`, escapes or non-ASCII text in well under a second", () => {
    for (const text of ["+".repeat(2_500_000), "%C3%A9+".repeat(350_000), "é%2".repeat(800_000)]) {
      const t = performance.now();
      const plain = unquote_plus(text);
      quote_plus(plain);
      expect(performance.now() - t).toBeLessThan(1000);
    }
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
