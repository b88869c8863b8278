/**
 * ORM figures for `npm run bench`: the anchors' orm_bench.py workload (seed(1000): 5 countries, 10
 * publishers, 50 authors, 1,000 books) → ms per 1,000 rows and the ORM / raw ratio.
 *
 *   instances   `Book.objects.all().list()` — 1,000 model instances, with Decimal prices, dates
 *               and booleans converted (Python: `list(Book.objects.all())`).
 *   raw         the same SELECT through sql.js directly: prepare, `step()` + `get()` per row, free
 *               (Python: plain `sqlite3` `execute().fetchall()`, no converters).
 *   orm_fetch_ratio   instances / raw, per run of the round-robin (goal ≤ 1.25×; Django 9.4×).
 *
 * Also `values_list()` and the N+1 list (50 books → author.name, lazily and with select_related).
 * The bench opens its own database and puts the runtime's connection driver back afterwards. Fetched
 * instances are filled by the runtime's generated per-model stores, installed as the runtime installs
 * them (`install_instance_filler`, src/runtime/instance-filler.ts).
 */
import { SqlJsDriver } from "../src/runtime/sqlite";
import { connection } from "../src/frameworks/django/db";
import * as models from "../src/frameworks/django/db/models";
import { transaction } from "../src/frameworks/django/db";
import { Apps } from "../src/frameworks/django/apps/registry";
import { DatabaseSchemaEditor } from "../src/frameworks/django/db/backends/sqlite3/schema";
import { Decimal } from "../src/frameworks/python/decimal";
import { date, timedelta } from "../src/frameworks/python/datetime";
import { SQLCompiler, apply_converters } from "../src/frameworks/django/db/models/sql/compiler";
import { from_db_loader } from "../src/frameworks/django/db/models/base";
import { Recorder, set_active_recorder } from "../src/trace";
import { figure, per_run_ratio, run_cases, type Figure, type RunOptions } from "./harness";
import { install_instance_filler } from "../src/runtime/instance-filler";

// The ORM fills fetched instances as it does in the page: src/runtime/headless.ts (which the worker
// runs) installs the generated per-model stores when it is loaded (ADR 0030); the bench does the same.
install_instance_filler();

const apps = new Apps([]);
const Meta = { apps, app_label: "benchapp" };
const Country = models.create_model("Country", { Meta, fields: { code: new models.CharField({ max_length: 2, unique: true }), name: new models.CharField({ max_length: 100 }) } });
const Publisher = models.create_model("Publisher", {
  Meta,
  fields: { name: new models.CharField({ max_length: 100 }), country: new models.ForeignKey(Country, { on_delete: models.CASCADE, related_name: "publishers" }) },
});
const Author = models.create_model("Author", { Meta, fields: { name: new models.CharField({ max_length: 100 }), email: new models.EmailField() } });
export const Book = models.create_model("Book", {
  Meta,
  fields: {
    title: new models.CharField({ max_length: 200 }),
    author: new models.ForeignKey(Author, { on_delete: models.CASCADE, related_name: "books" }),
    publisher: new models.ForeignKey(Publisher, { on_delete: models.CASCADE, related_name: "books" }),
    pages: new models.IntegerField(),
    price: new models.DecimalField({ max_digits: 8, decimal_places: 2 }),
    published: new models.DateField(),
    in_print: new models.BooleanField({ default: true }),
  },
});

const COUNTRIES: [string, string][] = [["US", "United States"], ["GB", "United Kingdom"], ["FR", "France"], ["DE", "Germany"], ["JP", "Japan"]];
const BOOK_COLS = "id, title, author_id, publisher_id, pages, price, published, in_print";

/** The anchors' `seed(n_books)`, through bulk_create in one transaction (ids start at 1). */
function seed(n_books: number): void {
  transaction.atomic(() => {
    const countries = Country.objects.bulk_create(COUNTRIES.map(([code, name]) => new Country({ code, name })));
    const publishers = Publisher.objects.bulk_create(Array.from({ length: 10 }, (_, i) => new Publisher({ name: `Publisher ${i}`, country: countries[i % 5] })));
    const authors = Author.objects.bulk_create(Array.from({ length: 50 }, (_, i) => new Author({ name: `Author ${String(i).padStart(3, "0")}`, email: `author${i}@example.com` })));
    const start = new date(2000, 1, 1);
    Book.objects.bulk_create(
      Array.from(
        { length: n_books },
        (_, i) =>
          new Book({
            title: `Book ${String(i).padStart(4, "0")}`,
            author: authors[i % 50],
            publisher: publishers[i % 10],
            pages: 100 + ((i * 37) % 900),
            price: new Decimal(`${(i % 50) + 9}.99`),
            published: start.add(new timedelta({ days: 7 * i })),
            in_print: i % 3 !== 0,
          }),
      ),
    );
  });
}

async function open_database(n_books: number): Promise<SqlJsDriver> {
  const driver = await SqlJsDriver.open();
  connection.set_driver(driver); // the runtime's driver is put back (not closed) when the bench ends
  const editor = new DatabaseSchemaEditor(connection);
  editor.__enter__();
  for (const model of [Country, Publisher, Author, Book]) editor.create_model(model as never);
  editor.__exit__();
  seed(n_books);
  return driver;
}

/** The anchors' checks: 1,000 instances, row 1 = Book 0001 with Decimal 10.99, 2000-01-08, True. */
function check_fetch(raw: unknown[][], books: any[]): void {
  const ok =
    raw.length === 1000 &&
    books.length === 1000 &&
    books[0].title === "Book 0000" &&
    String(books[1].price) === "10.99" &&
    books[1].published.isoformat() === "2000-01-08" &&
    books[1].in_print === true &&
    JSON.stringify(raw[1]) === JSON.stringify([2, "Book 0001", 2, 2, 137, 10.99, "2000-01-08", 1]);
  if (!ok) throw new Error(`bench orm: unexpected rows ${JSON.stringify(raw[1])}`);
}

/** For profiling (a small driver under `node --cpu-prof`): the seeded database and the loops the ratio compares, with the layers between them. */
export async function orm_workloads(): Promise<Record<"build" | "raw" | "driver" | "cursor" | "compile" | "convert" | "values_list" | "instances", () => unknown[]>> {
  set_active_recorder(new Recorder({ enabled: false }));
  const driver = await open_database(1000);
  const sql = `SELECT ${BOOK_COLS} FROM benchapp_book`;
  const cursor = () => {
    const c = connection.cursor();
    c.execute(sql, []);
    const rows = c.fetchall();
    c.close();
    return rows;
  };
  const compile = () => [new SQLCompiler(Book.objects.all().query, connection).as_sql()];
  const convert = () => {
    const compiler = new SQLCompiler(Book.objects.all().query, connection);
    compiler.as_sql();
    const rows = driver.execute(sql, []).rows;
    apply_converters(rows, compiler.get_converters(), compiler.select, connection);
    return rows;
  };
  const converted = convert();
  const attnames = ["id", "title", "author_id", "publisher_id", "pages", "price", "published", "in_print"];
  const build = () => {
    const load = from_db_loader(Book as never, "default", attnames);
    return converted.map((row) => load(row, 0));
  };
  return { build, raw: raw_fetch(driver, sql), driver: () => driver.execute(sql, []).rows, cursor, compile, convert, values_list: () => Book.objects.values_list().list(), instances: () => Book.objects.all().list() };
}

/** The raw sql.js loop: what Python's `sqlite3` `execute().fetchall()` does — every row stepped into an array. */
function raw_fetch(driver: SqlJsDriver, sql: string): () => unknown[][] {
  const db = driver.db;
  return () => {
    const stmt = db.prepare(sql);
    const rows: unknown[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    return rows;
  };
}

export async function bench_orm(options: RunOptions): Promise<Figure[]> {
  const previous_recorder = set_active_recorder(new Recorder({ enabled: false }));
  const previous_driver = connection.connection;
  let driver: SqlJsDriver | null = null;
  try {
    driver = await open_database(1000);
    const sql = `SELECT ${BOOK_COLS} FROM benchapp_book`;
    const raw = raw_fetch(driver, sql);
    const instances = () => Book.objects.all().list();
    const values_list = () => Book.objects.values_list().list();
    check_fetch(raw(), instances());
    const res = await run_cases(
      [
        { name: "instances", fn: instances, n: 15 },
        { name: "values_list", fn: values_list, n: 15 },
        { name: "raw", fn: raw, n: 50 },
      ],
      options,
    );
    const n_plus_one = await bench_n_plus_one(options);
    const ratio_anchor = (what: string) => ({ script: "orm_bench", workload: `orm.ratio ${what} / plain sqlite3`, metric: "ratio", note: "Django / plain sqlite3" }) as const;
    return [
      figure("orm_fetch_ratio", "1,000 rows as model instances / raw sql.js", "x", per_run_ratio(res.get("instances")!, res.get("raw")!), ratio_anchor("ORM model instances list(Book.objects.all())")),
      figure("orm_values_list_ratio", "1,000 rows values_list() / raw sql.js", "x", per_run_ratio(res.get("values_list")!, res.get("raw")!), ratio_anchor("ORM values_list()")),
      figure("orm_fetch_ms", "1,000 rows as model instances", "ms", res.get("instances")!, { script: "orm_bench", workload: "orm.fetch1000: ORM model instances list(Book.objects.all())", metric: "ms/op" }),
      figure("orm_raw_ms", "1,000 rows, raw sql.js", "ms", res.get("raw")!, { script: "orm_bench", workload: "orm.fetch1000: sqlite3 fetchall (plain conn, no converters)", metric: "ms/op" }),
      ...n_plus_one,
    ];
  } finally {
    set_active_recorder(previous_recorder);
    driver?.close();
    connection.set_driver(previous_driver);
  }
}

/** The N+1 list on the same data: 50 books → author.name, lazily (1 + 50 queries) and with select_related (1). */
async function bench_n_plus_one(options: RunOptions): Promise<Figure[]> {
  const lazy = () => (Book.objects.order_by("id").slice(0, 50) as models.QuerySet).list().map((b: any) => b.author.name);
  const joined = () => (Book.objects.select_related("author").order_by("id").slice(0, 50) as models.QuerySet).list().map((b: any) => b.author.name);
  connection.force_debug_cursor = true;
  const count = (fn: () => unknown) => {
    connection.queries_log.length = 0;
    const names = fn() as string[];
    if (names.join() !== Array.from({ length: 50 }, (_, i) => `Author ${String(i).padStart(3, "0")}`).join()) throw new Error("bench N+1: wrong author names");
    return connection.queries_log.length;
  };
  const counts = [count(lazy), count(joined)];
  connection.force_debug_cursor = false;
  connection.queries_log.length = 0;
  if (counts[0] !== 51 || counts[1] !== 1) throw new Error(`bench N+1: expected 51 and 1 queries, got ${counts.join(" and ")}`);
  const res = await run_cases(
    [
      { name: "lazy", fn: lazy, n: 25 },
      { name: "joined", fn: joined, n: 150 },
    ],
    options,
  );
  return [
    figure("orm_n_plus_one_us", "N+1: 50 books → author.name (51 queries)", "us", res.get("lazy")!, { script: "orm_bench", workload: "orm.50 books + author.name: N+1 (lazy FK)", metric: "us/op" }),
    figure("orm_select_related_us", "the same with select_related('author') (1 query)", "us", res.get("joined")!, { script: "orm_bench", workload: "orm.50 books + author.name: select_related", metric: "us/op" }),
  ];
}
