/**
 * The aggregates and date functions Django's SQLite backend registers (sqlite3/_functions.ts):
 * STDDEV_POP/STDDEV_SAMP/VAR_POP/VAR_SAMP as Python's statistics module computes them (exact
 * fractions, a correctly rounded result), django_format_dtdelta and django_timestamp_diff.
 * Expected values are Python 3.11's.
 */
import { describe, expect, it } from "vitest";
import { SQLITE_AGGREGATES, SQLITE_FUNCTIONS } from "../../../../../../src/frameworks/django/db/backends/sqlite3/_functions";

describe("SQLite statistics aggregates", () => {
  it("match statistics.pstdev/stdev/pvariance/variance to the last digit", () => {
    const ratings = [4.5, 3.0, 4.0, 4.0, 4.0, 5.0];
    const pages = [447, 528, 300, 350, 1132, 946];
    expect(SQLITE_AGGREGATES.STDDEV_POP(ratings)).toBe(0.6066758241067098);
    expect(SQLITE_AGGREGATES.STDDEV_SAMP(ratings)).toBe(0.6645800679125629);
    expect(SQLITE_AGGREGATES.VAR_POP(pages)).toBe(97010.80555555556);
    expect(SQLITE_AGGREGATES.VAR_SAMP(pages)).toBe(116412.96666666666);
    expect(SQLITE_AGGREGATES.STDDEV_POP([0.1, 0.2, 0.3])).toBe(0.0816496580927726);
    expect(SQLITE_AGGREGATES.VAR_SAMP([0.1, 0.2, 0.3])).toBe(0.009999999999999998);
    expect(SQLITE_AGGREGATES.STDDEV_POP([1e300, -1e300])).toBe(1e300);
    expect(SQLITE_AGGREGATES.STDDEV_SAMP([1, 2])).toBe(0.7071067811865476);
  });

  it("fail as statistics does: too few values, or a NULL among them", () => {
    expect(() => SQLITE_AGGREGATES.STDDEV_SAMP([3])).toThrow("requires at least two data points");
    expect(() => SQLITE_AGGREGATES.VAR_POP([])).toThrow("requires at least one data point");
    expect(() => SQLITE_AGGREGATES.STDDEV_POP([1, null])).toThrow("can't convert type 'NoneType' to numerator/denominator");
  });
});

describe("SQLite date arithmetic", () => {
  it("django_format_dtdelta adds microseconds to a date or datetime and prints the result as Python's str()", () => {
    expect(SQLITE_FUNCTIONS.django_format_dtdelta("+", "2008-02-01", 3 * 86_400_000_000)).toBe("2008-02-04");
    expect(SQLITE_FUNCTIONS.django_format_dtdelta("-", "2008-03-01", 86_400_000_000)).toBe("2008-02-29");
    expect(SQLITE_FUNCTIONS.django_format_dtdelta("+", null, 1)).toBe(null);
  });

  it("django_timestamp_diff gives the difference in microseconds", () => {
    expect(SQLITE_FUNCTIONS.django_timestamp_diff("2005-05-09", "2005-05-02")).toBe(7 * 86_400_000_000);
    expect(SQLITE_FUNCTIONS.django_timestamp_diff("2005-05-02", null)).toBe(null);
  });
});
