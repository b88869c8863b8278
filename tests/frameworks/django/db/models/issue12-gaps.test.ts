/**
 * Issue 12, item 5: the ORM cases the held-back corpus missed, each checked against Django 5.2.17
 * (SQL as `str(qs.query)` prints it and the rows it returns): reverse one-to-one select_related,
 * annotate followed by aggregate and by values(), values() grouping, set operations followed by
 * filter(), a symmetrical many-to-many on delete, lookups on a DateTimeField's parts.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";
import { settings } from "../../../../../src/frameworks/django/conf";
import { connection } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import { Apps } from "../../../../../src/frameworks/django/apps/registry";
import { Recorder, set_active_recorder } from "../../../../../src/trace";
import { date, datetime, time, timezone } from "../../../../../src/frameworks/python/datetime";

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
    published: new models.DateTimeField({ null: true }),
  },
});
const Profile = models.create_model("Profile", { app_label: "shop", Meta: { apps }, fields: { author: new models.OneToOneField("Author", { on_delete: models.CASCADE, related_name: "profile" }), bio: new models.TextField() } });
const Person = models.create_model("Person", { app_label: "shop", Meta: { apps }, fields: { name: new models.CharField({ max_length: 20 }), friends: new models.ManyToManyField("self") } });

const TABLES = [
  'CREATE TABLE "shop_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL)',
  'CREATE TABLE "shop_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL)',
  'CREATE TABLE "shop_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(50) NOT NULL, "price" decimal NULL, "author_id" integer NOT NULL REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED, "published" datetime NULL)',
  'CREATE TABLE "shop_book_tags" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "book_id" integer NOT NULL REFERENCES "shop_book" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "shop_tag" ("id") DEFERRABLE INITIALLY DEFERRED, UNIQUE ("book_id", "tag_id"))',
  'CREATE TABLE "shop_profile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "author_id" integer NOT NULL UNIQUE REFERENCES "shop_author" ("id") DEFERRABLE INITIALLY DEFERRED, "bio" text NOT NULL)',
  'CREATE TABLE "shop_person" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL)',
  'CREATE TABLE "shop_person_friends" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "from_person_id" integer NOT NULL REFERENCES "shop_person" ("id") DEFERRABLE INITIALLY DEFERRED, "to_person_id" integer NOT NULL REFERENCES "shop_person" ("id") DEFERRABLE INITIALLY DEFERRED, UNIQUE ("from_person_id", "to_person_id"))',
];

/** Statements run by `fn`, transaction control left out. */
function statements(fn: () => unknown): string[] {
  connection.queries_log.length = 0;
  fn();
  return connection.queries_log.map((q) => q.sql).filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/.test(s));
}

const utc = timezone.utc;
let jane: any;

beforeAll(async () => {
  await boot_sqlite();
  settings.configure({ USE_TZ: true, TIME_ZONE: "UTC" });
  set_active_recorder(new Recorder({ enabled: false }));
});

beforeEach(async () => {
  connection.set_driver(await SqlJsDriver.open());
  connection.force_debug_cursor = true;
  for (const sql of TABLES) connection.cursor().execute(sql);
  jane = Author.objects.create({ name: "Jane Austen" });
  const terry = Author.objects.create({ name: "Terry Pratchett" });
  const [classic, humor] = [Tag.objects.create({ name: "classic" }), Tag.objects.create({ name: "humor" })];
  Book.objects.create({ title: "Emma", price: "9.50", author: jane, published: new datetime(2024, 3, 15, 10, 30, 0, 0, utc) }).tags.add(classic);
  Book.objects.create({ title: "Persuasion", author: jane, published: new datetime(2023, 12, 1, 23, 5, 0, 0, utc) }).tags.add(classic);
  Book.objects.create({ title: "Mort", price: "7.25", author: terry, published: new datetime(2024, 7, 4, 8, 0, 0, 0, utc) }).tags.add(humor, classic);
  Profile.objects.create({ author: jane, bio: "Novelist." });
});

describe("reverse one-to-one select_related", () => {
  it("joins the reverse side with LEFT OUTER JOIN and caches a missing row as absent, in one query", () => {
    const qs = Author.objects.select_related("profile");
    expect(String(qs.query)).toBe(
      'SELECT "shop_author"."id", "shop_author"."name", "shop_profile"."id", "shop_profile"."author_id", "shop_profile"."bio" FROM "shop_author" LEFT OUTER JOIN "shop_profile" ON ("shop_author"."id" = "shop_profile"."author_id") ORDER BY "shop_author"."name" ASC',
    );
    let pairs: [string, string | null][] = [];
    const sql = statements(() => {
      pairs = qs.list().map((a: any) => {
        try {
          return [a.name, a.profile.bio];
        } catch (e) {
          return [a.name, (e as Error).constructor.name];
        }
      });
    });
    expect(pairs).toEqual([
      ["Jane Austen", "Novelist."],
      ["Terry Pratchett", "RelatedObjectDoesNotExist"],
    ]);
    expect(sql).toHaveLength(1);
  });
});

describe("annotate, then aggregate or values()", () => {
  it("aggregates over the annotation in a subquery", () => {
    expect(Author.objects.annotate({ n: new models.Count("books") }).aggregate(new models.Sum("n"), new models.Max("n"))).toEqual({ n__sum: 3, n__max: 2 });
    const sql = statements(() => Author.objects.annotate({ n: new models.Count("books") }).aggregate({ total: new models.Sum("n") }));
    expect(sql).toEqual([
      'SELECT SUM("n") FROM (SELECT COUNT("shop_book"."id") AS "n" FROM "shop_author" LEFT OUTER JOIN "shop_book" ON ("shop_author"."id" = "shop_book"."author_id") GROUP BY "shop_author"."id") subquery',
    ]);
  });

  it("values() after annotate keeps the grouping by the model's primary key", () => {
    const qs = Author.objects.annotate({ n: new models.Count("books") }).values("name", "n");
    expect(String(qs.query)).toBe(
      'SELECT "shop_author"."name" AS "name", COUNT("shop_book"."id") AS "n" FROM "shop_author" LEFT OUTER JOIN "shop_book" ON ("shop_author"."id" = "shop_book"."author_id") GROUP BY "shop_author"."id", 1',
    );
    expect(qs.list()).toEqual([
      { name: "Jane Austen", n: 2 },
      { name: "Terry Pratchett", n: 1 },
    ]);
  });

  it("values() before annotate groups by the selected fields (and order_by() drops Meta.ordering)", () => {
    const qs = Book.objects.values("author__name").annotate({ total: new models.Sum("price"), n: new models.Count("id") });
    expect(String(qs.query)).toBe(
      'SELECT "shop_author"."name" AS "author__name", (CAST(SUM("shop_book"."price") AS NUMERIC)) AS "total", COUNT("shop_book"."id") AS "n" FROM "shop_book" INNER JOIN "shop_author" ON ("shop_book"."author_id" = "shop_author"."id") GROUP BY 1',
    );
    expect(qs.list().map((r: any) => [r.author__name, String(r.total), r.n])).toEqual([
      ["Jane Austen", "9.5", 2],
      ["Terry Pratchett", "7.25", 1],
    ]);
    const by_id = Book.objects.values("author").annotate({ n: new models.Count("id") }).order_by();
    expect(String(by_id.query)).toBe('SELECT "shop_book"."author_id" AS "author", COUNT("shop_book"."id") AS "n" FROM "shop_book" GROUP BY 1');
    expect(by_id.list()).toEqual([
      { author: 1, n: 2 },
      { author: 2, n: 1 },
    ]);
  });
});

describe("set operations, then a filter", () => {
  it("filter(), exclude() and get() with filters after union/intersection/difference raise Django's NotSupportedError", () => {
    const union = Book.objects.filter({ price__isnull: true }).union(Book.objects.filter({ title: "Mort" }));
    expect(() => union.filter({ title: "x" })).toThrow("Calling QuerySet.filter() after union() is not supported.");
    expect(() => Book.objects.all().intersection(Book.objects.filter({ title: "Mort" })).exclude({ title: "x" })).toThrow("Calling QuerySet.exclude() after intersection() is not supported.");
    expect(() => Book.objects.all().difference(Book.objects.filter({ title: "Mort" })).exclude({ title: "x" })).toThrow("Calling QuerySet.exclude() after difference() is not supported.");
    expect(() => Book.objects.all().union(Book.objects.all()).get({ title: "Mort" })).toThrow("Calling QuerySet.get(...) with filters after union() is not supported.");
  });

  it("an ordered part of a compound statement is a DatabaseError on SQLite; order_by() on the result sorts it", () => {
    expect(() => Book.objects.all().union(Book.objects.all()).count()).toThrow("ORDER BY not allowed in subqueries of compound statements.");
    const qs = Book.objects.filter({ price__isnull: true }).order_by().union(Book.objects.filter({ title: "Mort" }).order_by()).order_by("title");
    expect(qs.list().map((b: any) => b.title)).toEqual(["Mort", "Persuasion"]);
    expect(Book.objects.order_by().union(Book.objects.filter({ title: "Mort" }).order_by()).count()).toBe(3);
  });
});

describe("symmetrical many-to-many on delete", () => {
  it("deleting one side removes the rows in both directions in one statement", () => {
    const [a, b, c] = ["a", "b", "c"].map((name) => Person.objects.create({ name }));
    a.friends.add(b, c);
    expect([b.friends.values_list("name", { flat: true }).list(), c.friends.values_list("name", { flat: true }).list()]).toEqual([["a"], ["a"]]);
    expect(statements(() => a.delete())).toEqual([
      'DELETE FROM "shop_person_friends" WHERE ("shop_person_friends"."from_person_id" IN (1) OR "shop_person_friends"."to_person_id" IN (1))',
      'DELETE FROM "shop_person" WHERE "shop_person"."id" IN (1)',
    ]);
    expect(b.friends.all().list()).toEqual([]);
    expect((Person as any)._meta.get_field("friends").remote_field.through.objects.count()).toBe(0);
  });
});

describe("lookups on a DateTimeField's parts (USE_TZ, UTC)", () => {
  const cases: [string, unknown, string, string[]][] = [
    ["published__year", 2024, '"shop_book"."published" BETWEEN 2024-01-01 00:00:00 AND 2024-12-31 23:59:59.999999', ["Emma", "Mort"]],
    ["published__month", 3, 'django_datetime_extract(month, "shop_book"."published", UTC, UTC) = 3', ["Emma"]],
    ["published__day", 15, 'django_datetime_extract(day, "shop_book"."published", UTC, UTC) = 15', ["Emma"]],
    ["published__week_day", 5, 'django_datetime_extract(week_day, "shop_book"."published", UTC, UTC) = 5', ["Mort"]],
    ["published__iso_week_day", 5, 'django_datetime_extract(iso_week_day, "shop_book"."published", UTC, UTC) = 5', ["Emma", "Persuasion"]],
    ["published__hour", 10, 'django_datetime_extract(hour, "shop_book"."published", UTC, UTC) = 10', ["Emma"]],
    ["published__minute", 30, 'django_datetime_extract(minute, "shop_book"."published", UTC, UTC) = 30', ["Emma"]],
    ["published__quarter", 1, 'django_datetime_extract(quarter, "shop_book"."published", UTC, UTC) = 1', ["Emma"]],
    ["published__week", 11, 'django_datetime_extract(week, "shop_book"."published", UTC, UTC) = 11', ["Emma"]],
    ["published__iso_year", 2024, '"shop_book"."published" BETWEEN 2024-01-01 00:00:00 AND 2024-12-29 23:59:59.999999', ["Emma", "Mort"]],
    ["published__date", new date(2024, 3, 15), 'django_datetime_cast_date("shop_book"."published", UTC, UTC) = 2024-03-15', ["Emma"]],
    ["published__time__lt", new time(9, 0), 'django_datetime_cast_time("shop_book"."published", UTC, UTC) < 09:00:00', ["Mort"]],
  ];
  for (const [lookup, value, where, titles] of cases) {
    it(`${lookup}=${String(value)}`, () => {
      const qs = Book.objects.filter({ [lookup]: value }).values_list("title", { flat: true });
      expect(String(qs.query).split(" WHERE ")[1]).toBe(`${where} ORDER BY 1 ASC`);
      expect(qs.list()).toEqual(titles);
    });
  }

  it("combines a part with a comparison (year__gte, month__lte, date__gt)", () => {
    const qs = Book.objects.filter({ published__year__gte: 2024, published__month__lte: 6 }).values_list("title", { flat: true });
    expect(String(qs.query)).toBe(
      'SELECT "shop_book"."title" AS "title" FROM "shop_book" WHERE (django_datetime_extract(month, "shop_book"."published", UTC, UTC) <= 6 AND "shop_book"."published" >= 2024-01-01 00:00:00) ORDER BY 1 ASC',
    );
    expect(qs.list()).toEqual(["Emma"]);
    const after = Book.objects.filter({ published__date__gt: new date(2024, 1, 1) }).values_list("title", { flat: true });
    expect(String(after.query)).toBe('SELECT "shop_book"."title" AS "title" FROM "shop_book" WHERE django_datetime_cast_date("shop_book"."published", UTC, UTC) > 2024-01-01 ORDER BY 1 ASC');
    expect(after.list()).toEqual(["Emma", "Mort"]);
  });
});
