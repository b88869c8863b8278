import { describe, expect, it } from "vitest";
import { date, datetime, time, timedelta, timezone } from "../../../src/frameworks/python/datetime";
import { freeze_time } from "../../../src/frameworks/python/time";

describe("python datetime", () => {
  it("isoformat prints microseconds only when present, and the offset when aware", () => {
    expect(new datetime(2024, 1, 2, 3, 4, 5).isoformat()).toBe("2024-01-02T03:04:05");
    expect(new datetime(2024, 1, 2, 3, 4, 5, 500000, timezone.utc).isoformat()).toBe("2024-01-02T03:04:05.500000+00:00");
    expect(String(new datetime(2024, 1, 2, 3, 4, 5))).toBe("2024-01-02 03:04:05");
    expect(new time(13, 45, 1, 500000).isoformat()).toBe("13:45:01.500000");
    expect(new date(2024, 2, 29).isoformat()).toBe("2024-02-29");
  });

  it("fromisoformat reads dates, times, offsets and Z", () => {
    const dt = datetime.fromisoformat("2024-02-29 10:00:00.25+05:30");
    expect(dt.isoformat()).toBe("2024-02-29T10:00:00.250000+05:30");
    expect(datetime.fromisoformat("2024-01-01T00:00:00Z").tzinfo).toBe(timezone.utc);
    expect(() => date.fromisoformat("2023-02-29")).toThrow("day is out of range for month");
  });

  it("timedelta normalizes like Python: negative values borrow a day", () => {
    const td = new timedelta({ seconds: -1 });
    expect([td.days, td.seconds, td.microseconds]).toEqual([-1, 86399, 0]);
    expect(String(td)).toBe("-1 day, 23:59:59");
    expect(new timedelta({ days: 1, hours: 2, minutes: 3, seconds: 4.5 }).total_seconds()).toBe(93784.5);
  });

  it("datetime arithmetic crosses month and year boundaries", () => {
    expect(new datetime(2024, 12, 31, 23, 59, 59).add(new timedelta({ seconds: 1 })).isoformat()).toBe("2025-01-01T00:00:00");
    const a = new datetime(2025, 1, 2, 0, 0, 0, 0, timezone.utc);
    const b = new datetime(2025, 1, 1, 0, 0, 0, 500000, timezone.utc);
    const d = a.sub(b);
    expect([d.days, d.seconds, d.microseconds]).toEqual([0, 86399, 500000]);
  });

  it("aware datetimes compare by instant; naive vs aware raises TypeError", () => {
    const utc = new datetime(2024, 1, 1, 12, 0, 0, 0, timezone.utc);
    const plus1 = new datetime(2024, 1, 1, 13, 0, 0, 0, new timezone(new timedelta({ hours: 1 })));
    expect(utc.equals(plus1)).toBe(true);
    expect(() => utc.compare(new datetime(2024, 1, 1))).toThrow("can't compare offset-naive and offset-aware datetimes");
  });

  it("now() reads the freezable clock", () => {
    freeze_time(1735689600.5);
    try {
      expect(datetime.now(timezone.utc).isoformat()).toBe("2025-01-01T00:00:00.500000+00:00");
      expect(new datetime(2025, 1, 1, 0, 0, 1, 0, timezone.utc).timestamp()).toBe(1735689601);
    } finally {
      freeze_time(null);
    }
  });
});
