import { describe, expect, it } from "vitest";
import { EmptyPage, PageNotAnInteger, Paginator } from "../../../../src/frameworks/django/core/paginator";

const items = Array.from({ length: 23 }, (_, i) => i + 1);

describe("Paginator", () => {
  it("counts pages and slices a page", () => {
    const p = new Paginator(items, 10);
    expect([p.count, p.num_pages, p.page_range]).toEqual([23, 3, [1, 2, 3]]);
    const page = p.page(2);
    expect(page.list()).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect([page.has_next(), page.has_previous(), page.start_index(), page.end_index()]).toEqual([true, true, 11, 20]);
    expect(page.__repr__()).toBe("<Page 2 of 3>");
  });

  it("folds up to `orphans` leftovers into the last page", () => {
    const p = new Paginator(items, 10, { orphans: 3 });
    expect(p.num_pages).toBe(2);
    expect(p.page(2).list()).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
  });

  it("raises Django's messages for bad numbers", () => {
    const p = new Paginator(items, 10);
    expect(() => p.page("x")).toThrow(PageNotAnInteger);
    expect(() => p.page("x")).toThrow("That page number is not an integer");
    expect(() => p.page(0)).toThrow("That page number is less than 1");
    expect(() => p.page(4)).toThrow(EmptyPage);
    expect(() => p.page(4)).toThrow("That page contains no results");
    expect(p.page("2").number).toBe(2);
  });

  it("an empty list still has page 1 unless allow_empty_first_page is false", () => {
    expect(new Paginator([], 10).page(1).list()).toEqual([]);
    expect(() => new Paginator([], 10, { allow_empty_first_page: false }).page(1)).toThrow("That page contains no results");
  });

  it("get_page falls back to the first or last page", () => {
    const p = new Paginator(items, 10);
    expect(p.get_page("nope").number).toBe(1);
    expect(p.get_page(99).number).toBe(3);
  });

  it("get_elided_page_range puts ellipses in the gaps", () => {
    const p = new Paginator(Array.from({ length: 500 }, (_, i) => i), 10);
    expect([...p.get_elided_page_range(10)]).toEqual([1, 2, "…", 7, 8, 9, 10, 11, 12, 13, "…", 49, 50]);
    expect([...new Paginator(items, 10).get_elided_page_range(1)]).toEqual([1, 2, 3]);
  });
});
