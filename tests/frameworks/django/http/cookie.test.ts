import { describe, expect, it } from "vitest";
import { CookieError, SimpleCookie, cookie_quote, parse_cookie } from "../../../../src/frameworks/django/http/cookie";

describe("http cookies", () => {
  it("quotes values outside the legal set with Python's octal escapes", () => {
    expect(["abc", "", "x,y", "x=y", 'say "hi"', "a\\b", "café", "€"].map(cookie_quote)).toEqual([
      "abc", '""', '"x\\054y"', '"x=y"', '"say \\"hi\\""', '"a\\\\b"', '"caf\\351"', '"€"',
    ]);
  });

  it("refuses reserved and illegal keys", () => {
    const c = new SimpleCookie();
    expect(() => c.setitem("expires", "1")).toThrow(CookieError);
    expect(() => c.setitem("a b", "1")).toThrow("Illegal key 'a b'");
  });

  it("setting a cookie again keeps its attributes and its position", () => {
    const c = new SimpleCookie();
    c.setitem("b", "1");
    c.getitem("b").setitem("max-age", 10);
    c.setitem("a", "1");
    c.setitem("b", "2");
    expect(c.values().map((m) => m.OutputString())).toEqual(["b=2; Max-Age=10", "a=1"]);
    expect(c.output()).toBe("Set-Cookie: a=1\r\nSet-Cookie: b=2; Max-Age=10");
  });

  it("load() parses a Set-Cookie-style string with attributes", () => {
    const c = new SimpleCookie('sid="a\\054b"; Path=/; HttpOnly; other=2');
    expect(c.getitem("sid").value).toBe("a,b");
    expect(c.getitem("sid").getitem("path")).toBe("/");
    expect(c.getitem("sid").getitem("httponly")).toBe(true);
    expect(c.getitem("other").value).toBe("2");
  });

  it("parse_cookie is lenient: no comma splitting, last duplicate wins, empty names allowed", () => {
    expect(parse_cookie("a=1, b=2")).toEqual({ a: "1, b=2" });
    expect(Object.entries(parse_cookie("a=1; b=2; a=3"))).toEqual([["a", "3"], ["b", "2"]]);
    expect(parse_cookie("key")).toEqual({ "": "key" });
    expect(parse_cookie('a="x\\073y\\054z"')).toEqual({ a: "x;y,z" });
  });
});
