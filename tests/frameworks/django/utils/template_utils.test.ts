import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { format as date_format } from "../../../../src/frameworks/django/utils/dateformat";
import { conditional_escape, escapejs, format_html, linebreaks, strip_tags, urlize } from "../../../../src/frameworks/django/utils/html";
import { format as number_format } from "../../../../src/frameworks/django/utils/numberformat";
import { mark_safe, SafeData, SafeString } from "../../../../src/frameworks/django/utils/safestring";
import { slugify, Truncator, wrap } from "../../../../src/frameworks/django/utils/text";
import { timesince } from "../../../../src/frameworks/django/utils/timesince";
import { date, datetime } from "../../../../src/frameworks/python/datetime";
import { eq, lt, truth } from "../../../../src/frameworks/python/operator";

beforeAll(() => {
  if (!settings.configured) settings.configure({ SECRET_KEY: "utils-tests" });
});

describe("safestring", () => {
  it("mark_safe gives a SafeString that conditional_escape leaves alone", () => {
    const s = mark_safe("<b>");
    expect(s).toBeInstanceOf(SafeString);
    expect(s instanceof SafeData).toBe(true);
    expect(conditional_escape(s).valueOf()).toBe("<b>");
    expect(conditional_escape("<b>").valueOf()).toBe("&lt;b&gt;");
  });
});

describe("html", () => {
  it("format_html escapes its arguments, not the format string", () => {
    expect(format_html("<a href='{}'>{}</a>", "/?a=1&b=2", mark_safe("<i>x</i>")).valueOf()).toBe("<a href='/?a=1&amp;b=2'><i>x</i></a>");
  });
  it("escapejs, linebreaks, strip_tags", () => {
    expect(escapejs("a'<").valueOf()).toBe("a\\u0027\\u003C");
    expect(linebreaks("a\nb\n\nc")).toBe("<p>a<br>b</p>\n\n<p>c</p>");
    expect(strip_tags("<b>x</b> <br/>y")).toBe("x y");
  });
  it("urlize keeps balanced parentheses and trims trailing punctuation", () => {
    expect(urlize("see http://x.org/a_(b).", { nofollow: true })).toBe('see <a href="http://x.org/a_(b)" rel="nofollow">http://x.org/a_(b)</a>.');
  });
});

describe("text", () => {
  it("Truncator counts the ellipsis among the characters", () => {
    expect(new Truncator("Joel is a slug").chars(9)).toBe("Joel is \u2026");
    expect(new Truncator("<p>Joel is a slug</p>").chars(9, null, true)).toBe("<p>Joel is \u2026</p>");
  });
  it("slugify and wrap", () => {
    expect(slugify(" Jack & Jill like numbers 1,2,3 ")).toBe("jack-jill-like-numbers-123");
    expect(wrap("ab cd ef\ngh ijklmnopq rs", 5)).toBe("ab cd\nef\ngh\nijklmnopq\nrs");
  });
});

describe("numberformat and dateformat", () => {
  it("cuts (not rounds) to decimal_pos and groups when forced", () => {
    expect(String(number_format("1234567.891", ".", 2, 3, ",", true))).toBe("1,234,567.89");
    expect(String(number_format(1.5e-7, "."))).toBe("0.00000015");
  });
  it("formats PHP-style characters", () => {
    const d = new datetime(2024, 3, 5, 14, 7, 9);
    expect(date_format(d, "N j, Y, P")).toBe("March 5, 2024, 2:07 p.m.");
    expect(date_format(d, "jS \\o\\f F")).toBe("5th of March");
    expect(() => date_format(new date(2024, 3, 5), "H")).toThrowError("The format for date objects may not contain time-related format specifiers (found 'H').");
  });
  it("timesince gives the two largest units", () => {
    expect(timesince(new datetime(2024, 1, 1), new datetime(2024, 2, 17, 6))).toBe("1\u00a0month, 2\u00a0weeks");
  });
});

describe("python operator semantics", () => {
  it("truth, ==, < as Python", () => {
    expect([truth([]), truth({}), truth("0"), truth(0)]).toEqual([false, false, true, false]);
    expect(eq(true, 1)).toBe(true);
    expect(eq("1", 1)).toBe(false);
    expect(() => lt(null, 1)).toThrowError("'<' not supported between instances of 'NoneType' and 'int'");
  });
});
