import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlJsDriver } from "../../../../../src/runtime/sqlite";
import { connection, transaction } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import { m2m_changed } from "../../../../../src/frameworks/django/db/models/signals";
import { Apps } from "../../../../../src/frameworks/django/apps/registry";
import { ValueError } from "../../../../../src/frameworks/python/builtins";
import { Recorder, set_active_recorder } from "../../../../../src/trace";
import { analyse_sql } from "../../../../../src/trace/sql";

const apps = new Apps([]);
const Author = models.create_model("Author", { app_label: "shop", Meta: { apps, ordering: ["name"] }, fields: { name: new models.CharField({ max_length: 50 }) } });
const Tag = models.create_model("Tag", { app_label: "shop", Meta: { apps, ordering: ["name"] }, fields: { name: new models.CharField({ max_length: 20 }) } });
const Book = models.create_model("Book", {
  app_label: "shop",
  Meta: { apps, ordering: ["title"] },
  fields: {
    title: new models.CharField({ max_length: 50 }),
    price: new models.DecimalField({ max_digits: 6, decimal_places: 2, null: true }),
    author: new models.ForeignKey("Author", { on_delete: models.CASCADE, related_name: "books" }),
    tags: new models.ManyToManyField("Tag", { related_name: "books" }),
  },
});
const Profile = models.create_model("Profile", { app_label: "shop", Meta: { apps }, fields: { author: new models.OneToOneField("Author", { on_delete: models.CASCADE, related_name: "profile" }), bio: new models.TextField() } });

const TABLES = [
  'CREATE TABLE "shop_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL)',
  'CREATE TABLE "shop_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL)',
  'CREATE TABLE "shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(50) NOT NULL, "price" decimal NULL, "author_id" integer NOT NULL REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED)',
  'CREATE TABLE "shop_book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" integer NOT NULL REFERENCES "shop_book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "shop_tag" ("id") DEFERRABLE INITIALLY DEFERRED, UNIQUE ("book_id", "tag_id"))',
  'CREATE TABLE "shop_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "author_id" integer NOT NULL UNIQUE REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED, "bio" text NOT NULL)',
];

let jane: any, terry: any;

/** Statements run by `fn`, transaction control left out (as the conformance corpus counts them). */
function statements(fn: () => unknown): string[] {
  connection.queries_log.length = 0;
  fn();
  return connection.queries_log.map((q) => q.sql).filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/.test(s));
}

beforeAll(() => {
  set_active_recorder(new Recorder({ enabled: false }));
});

beforeEach(async () => {
  connection.set_driver(await SqlJsDriver.open());
  connection.force_debug_cursor = true;
  for (const sql of TABLES) connection.cursor().execute(sql);
  jane = Author.objects.create({ name: "Jane Austen" });
  terry = Author.objects.create({ name: "Terry Pratchett" });
  const [classic, humor] = [Tag.objects.create({ name: "classic" }), Tag.objects.create({ name: "humor" })];
  Book.objects.create({ title: "Emma", price: "9.50", author: jane }).tags.add(classic);
  Book.objects.create({ title: "Persuasion", author: jane }).tags.add(classic);
  Book.objects.create({ title: "Mort", price: "7.25", author: terry }).tags.add(humor, classic);
  Profile.objects.create({ author: jane, bio: "Novelist." });
});

describe("SQL of the main clauses, then run on sql.js", () => {
  it("orders by a related field through its join", () => {
    const qs = Book.objects.order_by("author__name", "-title");
    expect(String(qs.query)).toBe(
      'SELECT "shop_book"."id", "shop_book"."title", "shop_book"."price", "shop_book"."author_id" FROM "shop_book" INNER JOIN "shop_author" ON ("shop_book"."author_id" = "shop_author"."id") ORDER BY "shop_author"."name" ASC, "shop_book"."title" DESC',
    );
    expect(qs.list().map((b: any) => b.title)).toEqual(["Persuasion", "Emma", "Mort"]);
  });

  it("groups values() by the selected field when annotating", () => {
    const qs = Book.objects.values("author__name").annotate({ n: new models.Count("id") }).order_by("-n");
    expect(qs.list()).toEqual([
      { author__name: "Jane Austen", n: 2 },
      { author__name: "Terry Pratchett", n: 1 },
    ]);
  });

  it("SELECT DISTINCT also selects the ordering column", () => {
    const qs = Book.objects.values_list("author__name", { flat: true }).distinct();
    expect(String(qs.query)).toContain(`SELECT DISTINCT "shop_author"."name" AS "author__name", "shop_book"."title" FROM`);
    expect(qs.list()).toEqual(["Jane Austen", "Terry Pratchett", "Jane Austen"]);
  });

  it("counts distinct through a many-to-many join", () => {
    expect(Tag.objects.aggregate({ n: new models.Count("books", { distinct: true }) })).toEqual({ n: 3 });
  });

  it("returns a DecimalField column quantized, a computed decimal from its float, at most 15 digits (as Django on SQLite: 16.75, not 16.7500000000000)", () => {
    const price = Book.objects.get({ title: "Emma" }).price;
    expect(price.toString()).toBe("9.50");
    expect(String(Book.objects.aggregate({ s: new models.Sum("price") }).s)).toBe("16.75");
  });
});

describe("transaction.atomic", () => {
  it("commits the outer block and runs on_commit callbacks after COMMIT", () => {
    const done: string[] = [];
    const sql = statements(() => {
      connection.queries_log.length = 0;
      transaction.atomic(() => {
        Tag.objects.create({ name: "new" });
        transaction.on_commit(() => done.push("committed"));
        expect(done).toEqual([]);
      });
    });
    expect(done).toEqual(["committed"]);
    expect(sql).toEqual(["INSERT INTO \"shop_tag\" (\"name\") VALUES ('new') RETURNING \"shop_tag\".\"id\""]);
    expect(connection.queries_log.map((q) => q.sql.split(" ")[0])).toEqual(["BEGIN", "INSERT", "COMMIT"]);
  });

  it("rolls a nested block back to its savepoint and keeps the outer work", () => {
    const done: string[] = [];
    transaction.atomic(() => {
      Tag.objects.create({ name: "kept" });
      expect(() =>
        transaction.atomic(() => {
          Tag.objects.create({ name: "dropped" });
          transaction.on_commit(() => done.push("inner"));
          throw new ValueError("no");
        }),
      ).toThrow(ValueError);
    });
    expect(Tag.objects.values_list("name", { flat: true }).list()).toEqual(["classic", "humor", "kept"]);
    expect(done).toEqual([]);
    expect(connection.queries_log.map((q) => q.sql).filter((s) => /SAVEPOINT/.test(s))).toEqual(['SAVEPOINT "s1_x1"', 'ROLLBACK TO SAVEPOINT "s1_x1"', 'RELEASE SAVEPOINT "s1_x1"']);
  });

  it("rolls the whole transaction back when the outer block raises", () => {
    expect(() =>
      transaction.atomic(() => {
        Tag.objects.create({ name: "gone" });
        throw new ValueError("boom");
      }),
    ).toThrow("boom");
    expect(Tag.objects.count()).toBe(2);
    expect(transaction.get_autocommit()).toBe(true);
  });
});

describe("many-to-many managers", () => {
  it("add/remove/set/clear write the join table and send m2m_changed", () => {
    const mort = Book.objects.get({ title: "Mort" });
    const events: string[] = [];
    const receiver = (_sender: unknown, kw: any) => void events.push(`${kw.action} ${kw.pk_set ? [...kw.pk_set].join(",") : "-"}`);
    const through = Book._meta.get_field("tags").remote_field.through;
    m2m_changed.connect(receiver, { sender: through, weak: false });
    try {
      const new_tag = Tag.objects.create({ name: "fantasy" });
      mort.tags.add(new_tag, 1);
      expect(mort.tags.values_list("name", { flat: true }).list()).toEqual(["classic", "fantasy", "humor"]);
      mort.tags.remove(new_tag);
      mort.tags.set([2]);
      expect(mort.tags.values_list("name", { flat: true }).list()).toEqual(["humor"]);
      expect(Tag.objects.get({ name: "humor" }).books.all().list().map((b: any) => b.title)).toEqual(["Mort"]);
      mort.tags.clear();
      expect(mort.tags.count()).toBe(0);
    } finally {
      m2m_changed.disconnect(receiver, { sender: through });
    }
    expect(events).toEqual(["pre_add 3", "post_add 3", "pre_remove 3", "post_remove 3", "pre_remove 1", "post_remove 1", "pre_clear -", "post_clear -"]);
  });

  it("inserts missing links with one INSERT OR IGNORE when nobody listens", () => {
    const emma = Book.objects.get({ title: "Emma" });
    expect(statements(() => emma.tags.add(2, 1))).toEqual(['INSERT OR IGNORE INTO "shop_book_tags" ("book_id", "tag_id") VALUES (1, 1), (1, 2)']);
  });

  it("a reverse one-to-one raises RelatedObjectDoesNotExist when missing", () => {
    expect(Author.objects.get({ name: "Jane Austen" }).profile.bio).toBe("Novelist.");
    expect(() => Author.objects.get({ name: "Terry Pratchett" }).profile).toThrow("Author has no profile.");
  });
});

describe("prefetch_related", () => {
  it("loads a reverse FK and a many-to-many in one query each", () => {
    let titles: unknown;
    const sql = statements(() => {
      titles = Author.objects.prefetch_related("books__tags").list().map((a: any) => a.books.all().list().map((b: any) => [b.title, b.tags.all().list().map((t: any) => t.name)]));
    });
    expect(titles).toEqual([
      [["Emma", ["classic"]], ["Persuasion", ["classic"]]],
      [["Mort", ["classic", "humor"]]],
    ]);
    expect(sql.length).toBe(3);
    expect(sql[2]).toContain('SELECT "shop_tag"."id", "shop_tag"."name", "shop_book_tags"."book_id" AS "_prefetch_related_val_book_id" FROM "shop_tag" INNER JOIN "shop_book_tags"');
  });

  it("Prefetch(queryset, to_attr) stores a filtered list", () => {
    const authors = Author.objects.prefetch_related(new models.Prefetch("books", { queryset: Book.objects.filter({ price__isnull: false }), to_attr: "priced" })).list();
    expect(authors.map((a: any) => a.priced.map((b: any) => b.title))).toEqual([["Emma"], ["Mort"]]);
  });
});

describe("the queryset trace", () => {
  it("records the method chain, where it was built and evaluated, and SQL spans beneath", () => {
    const recorder = new Recorder();
    set_active_recorder(recorder);
    try {
      const qs = Book.objects.filter({ author__name: "Jane Austen" }).order_by("-id");
      qs.list();
    } finally {
      set_active_recorder(new Recorder({ enabled: false }));
    }
    const spans = recorder.trace().spans;
    const qs_span = spans.find((s) => s.kind === "queryset")!;
    expect(qs_span.attrs.model).toBe("shop.Book");
    expect(qs_span.attrs.method_chain).toEqual(["filter(author__name='Jane Austen')", "order_by('-id')"]);
    expect((qs_span.attrs.built_at as any).file).toMatch(/orm\.test\.ts$/);
    expect((qs_span.attrs.evaluated_at as any).line).toBeGreaterThan((qs_span.attrs.built_at as any).line);
    const sql_span = spans.find((s) => s.kind === "sql")!;
    expect(sql_span.parent).toBe(qs_span.id);
    expect(sql_span.attrs.rows).toBe(2);
  });

  it("marks lazy relation loads so the SQL panel flags the N+1 and offers select_related", () => {
    const recorder = new Recorder();
    set_active_recorder(recorder);
    try {
      for (const b of Book.objects.all()) void (b as any).author.name;
    } finally {
      set_active_recorder(new Recorder({ enabled: false }));
    }
    const analysis = analyse_sql(recorder.trace());
    expect(analysis.n_plus_one.map((n) => [n.count, n.fix])).toEqual([[3, 'select_related("author")']]);
  });

  it("explains a query plan on demand", () => {
    expect(Book.objects.filter({ author: 1 }).explain()).toMatch(/SCAN shop_book/);
  });
});

describe("bulk_update", () => {
  it("is one UPDATE with a CASE per column", () => {
    const books = Book.objects.order_by("id").list();
    books[0].title = "Emma (2nd ed.)";
    books[2].title = "Mort!";
    const sql = statements(() => expect(Book.objects.bulk_update([books[0], books[2]], ["title"])).toBe(2));
    expect(sql).toEqual([
      `UPDATE "shop_book" SET "title" = CASE WHEN ("shop_book"."id" = 1) THEN 'Emma (2nd ed.)' WHEN ("shop_book"."id" = 3) THEN 'Mort!' ELSE NULL END WHERE "shop_book"."id" IN (1, 3)`,
    ]);
    expect(Book.objects.order_by("id").values_list("title", { flat: true }).list()).toEqual(["Emma (2nd ed.)", "Persuasion", "Mort!"]);
  });
});

describe("aggregate() over a sliced, grouped or DISTINCT query", () => {
  it("aggregates the sliced rows through a subquery", () => {
    let result: unknown;
    const sql = statements(() => (result = (Book.objects.all().slice(null, 2) as any).aggregate({ n: new models.Count("id"), last: new models.Max("title") })));
    expect(result).toEqual({ n: 2, last: "Mort" });
    expect(sql).toEqual(['SELECT COUNT("__col1"), MAX("__col2") FROM (SELECT "shop_book"."id" AS "__col1", "shop_book"."title" AS "__col2" FROM "shop_book" ORDER BY "shop_book"."title" ASC LIMIT 2) subquery']);
  });

  it("aggregates over the groups of values().annotate()", () => {
    let result: unknown;
    const sql = statements(() => (result = Book.objects.values("author").annotate({ n: new models.Count("id") }).aggregate({ m: new models.Max("n") })));
    expect(result).toEqual({ m: 2 });
    expect(sql).toEqual(['SELECT MAX("n") FROM (SELECT "shop_book"."author_id" AS "author", COUNT("shop_book"."id") AS "n" FROM "shop_book" GROUP BY 1) subquery']);
  });

  it("counts distinct rows of a DISTINCT query", () => {
    expect(Book.objects.filter({ tags__name__in: ["classic", "humor"] }).distinct().aggregate({ n: new models.Count("id") })).toEqual({ n: 3 });
  });
});
