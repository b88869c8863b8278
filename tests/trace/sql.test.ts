import { describe, expect, it } from "vitest";
import { analyse_sql, type Span } from "../../src/trace";

let next = 0;
function span(kind: Span["kind"], parent: number | null, attrs: Span["attrs"], start = next, end = next + 1): Span {
  return { id: next++, parent, kind, name: kind, start, end, attrs };
}

describe("analyse_sql", () => {
  it("flags a query repeated from one line with different params as N+1 and offers select_related for a forward FK", () => {
    next = 0;
    const view = span("view", null, {});
    const list = span("queryset", view.id, { model: "blog.Post", evaluated_at: { file: "blog/views.ts", line: 7 } });
    const list_sql = span("sql", list.id, { sql: 'SELECT * FROM "blog_post"', params: [] });
    const loads = [1, 2, 3].flatMap((pk) => {
      const qs = span("queryset", view.id, { model: "blog.Author", evaluated_at: { file: "blog/views.ts", line: 9 }, related: { kind: "forward", field: "author", model: "blog.Post" } });
      return [qs, span("sql", qs.id, { sql: 'SELECT * FROM "blog_author" WHERE "id" = %s', params: [pk] })];
    });
    const again = span("sql", null, { sql: 'SELECT * FROM "blog_post"', params: [] });
    const a = analyse_sql({ spans: [view, list, list_sql, ...loads, again] });
    expect(a.queries).toHaveLength(5);
    expect(a.n_plus_one).toEqual([
      { sql: 'SELECT * FROM "blog_author" WHERE "id" = %s', count: 3, line: { file: "blog/views.ts", line: 9 }, related: { kind: "forward", field: "author", model: "blog.Post" }, fix: 'select_related("author")', span_ids: [4, 6, 8] },
    ]);
    expect(a.similar.map((g) => g.span_ids)).toEqual([[2, 9], [4, 6, 8]]);
    expect(a.duplicates.map((g) => g.span_ids)).toEqual([[2, 9]]);
    expect(a.queries[0].caused_at).toEqual({ file: "blog/views.ts", line: 7 });
  });

  it("offers prefetch_related for reverse and many-to-many loads, and ignores repeats with identical params", () => {
    next = 0;
    const loads = [1, 2].flatMap((pk) => {
      const qs = span("queryset", null, { evaluated_at: { file: "v.ts", line: 3 }, related: { kind: "reverse", field: "books", model: "lib.Author" } });
      return [qs, span("sql", qs.id, { sql: "SELECT b", params: [pk] })];
    });
    const same = [0, 1].map(() => span("sql", null, { sql: "SELECT c", params: [1] }));
    const a = analyse_sql({ spans: [...loads, ...same] });
    expect(a.n_plus_one.map((n) => n.fix)).toEqual(['prefetch_related("books")']);
  });
});
