/**
 * django.utils.dateparse.parse_date: "YYYY-MM-DD" (what SQLite stores for a DateField) is read
 * directly, as Django's `date.fromisoformat` first try; other well-formed text through the regex;
 * an impossible date raises ValueError either way; anything else is None (null).
 */
import { describe, expect, it } from "vitest";
import { parse_date } from "../../../../src/frameworks/django/utils/dateparse";
import { ValueError } from "../../../../src/frameworks/python/builtins";

const ymd = (text: string) => {
  const d = parse_date(text);
  return d && [d.year, d.month, d.day];
};

describe("parse_date", () => {
  it("reads YYYY-MM-DD, and the regex's one-digit month and day", () => {
    expect([ymd("2000-01-08"), ymd("2024-02-29"), ymd("9999-12-31"), ymd("2024-3-5"), ymd("2024-03-5")]).toEqual([
      [2000, 1, 8],
      [2024, 2, 29],
      [9999, 12, 31],
      [2024, 3, 5],
      [2024, 3, 5],
    ]);
  });

  it("raises ValueError for a well-formed impossible date, in both forms", () => {
    expect(() => parse_date("2023-02-29")).toThrowError(new ValueError("day is out of range for month"));
    expect(() => parse_date("2024-13-01")).toThrowError(new ValueError("month must be in 1..12"));
    expect(() => parse_date("0000-01-01")).toThrowError(new ValueError("year 0 is out of range"));
    expect(() => parse_date("2024-2-30")).toThrowError(new ValueError("day is out of range for month"));
  });

  it("returns null for text that is not a date (non-digits, other separators, spaces, extra digits)", () => {
    expect(["2024-0a-01", "2024/01/01", "2024-01-01 ", " 2024-01-01", "2024-01-001", ""].map(parse_date)).toEqual([null, null, null, null, null, null]);
  });

  it("reads what Python 3.11's date.fromisoformat and Django's \\d{4} pattern read (Unicode digits, a final newline, 10-character basic form)", () => {
    // Django 5.2.17 answers: parse_date("２０２４-01-01") and parse_date("2024-01-01\n") are 2024-01-01
    // (the fallback pattern's \d and $); "20240101x1" is too, as fromisoformat stops after YYYYMMDD.
    expect(["２０２４-01-01", "2024-01-01\n", "20240101x1", "2024W012"].map((t) => String(parse_date(t)))).toEqual(["2024-01-01", "2024-01-01", "2024-01-01", "2024-01-02"]);
  });
});
