/**
 * ORM figures for `npm run bench`, measured in the same run so the ratios survive a noisy machine.
 *
 * 1. 1,000 rows of a 7-column table fetched as model instances (`Book.objects.all()`), against a raw
 *    sql.js loop (`stmt.step()` + `stmt.get()`) over the very same SELECT → the ORM/raw time ratio
 *    (goal ≤ 1.5×; real Django measured 9.4× raw sqlite3).
 * 2. The N+1 list: 50 books and their authors' names, lazily (1 + 50 queries) and with
 *    `select_related("author")` (1 query) → query counts and times.
 */
import { performance } from "node:perf_hooks";
import { SqlJsDriver } from "../src/runtime/sqlite";
import { connection } from "../src/frameworks/django/db";
import * as models from "../src/frameworks/django/db/models";
import { Apps } from "../src/frameworks/django/apps/registry";
import { Recorder, set_active_recorder } from "../src/trace";

const apps = new Apps([]);
const Author = models.create_model("Author", { app_label: "bench", Meta: { apps }, fields: { name: new models.CharField({ max_length: 100 }) } });
const Book = models.create_model("Book", {
  app_label: "bench",
  Meta: { apps },
  fields: {
    title: new models.CharField({ max_length: 200 }),
    pages: new models.IntegerField({ default: 0 }),
    rating: new models.FloatField({ null: true }),
    published: new models.DateField({ null: true }),
    in_print: new models.BooleanField({ default: true }),
    author: new models.ForeignKey("Author", { on_delete: models.CASCADE, related_name: "books" }),
  },
});

// Class preparation (Django's metaclass) runs on first use: prepare both so the FK resolves.
void Author._meta;
void Book._meta;

async function fresh_database(rows: number, authors: number): Promise<SqlJsDriver> {
  const driver = await SqlJsDriver.open();
  connection.set_driver(driver);
  driver.execute('CREATE TABLE "bench_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL)', []);
  driver.execute(
    'CREATE TABLE "bench_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "pages" integer NOT NULL, "rating" real NULL, "published" date NULL, "in_print" bool NOT NULL, "author_id" integer NOT NULL)',
    [],
  );
  driver.db.run("BEGIN");
  for (let a = 1; a <= authors; a++) driver.db.run('INSERT INTO "bench_author" ("name") VALUES (?)', [`Author ${a}`]);
  for (let i = 1; i <= rows; i++)
    driver.db.run('INSERT INTO "bench_book" ("title", "pages", "rating", "published", "in_print", "author_id") VALUES (?, ?, ?, ?, ?, ?)', [
      `Book number ${i}`,
      100 + (i % 400),
      (i % 50) / 10,
      `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`,
      i % 3 ? 1 : 0,
      1 + (i % authors),
    ]);
  driver.db.run("COMMIT");
  return driver;
}

/** Median milliseconds of `fn` over `runs` runs, after `warmup` unmeasured ones. */
function median_ms(fn: () => unknown, runs: number, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Medians of `a` and `b` timed alternately, so both see the same machine load. */
function interleaved_medians(a: () => unknown, b: () => unknown, runs: number): [number, number] {
  const [ta, tb]: number[][] = [[], []];
  for (let i = 0; i < runs + 10; i++)
    for (const [fn, times] of [[a, ta], [b, tb]] as const) {
      const start = performance.now();
      fn();
      if (i >= 10) times.push(performance.now() - start);
    }
  const median = (t: number[]) => [...t].sort((x, y) => x - y)[Math.floor(t.length / 2)];
  return [median(ta), median(tb)];
}

async function bench_fetch(): Promise<void> {
  const driver = await fresh_database(1000, 20);
  const sql = String(Book.objects.all().query);
  const raw = () => {
    const stmt = driver.db.prepare(sql);
    const rows: unknown[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    stmt.free();
    return rows;
  };
  const orm = () => Book.objects.all().list();
  if (raw().length !== 1000 || orm().length !== 1000) throw new Error("bench: expected 1000 rows");
  const [t_raw, t_orm] = interleaved_medians(raw, orm, 60);
  console.log(`bench orm fetch 1,000 rows × 7 columns: raw sql.js ${t_raw.toFixed(2)} ms, model instances ${t_orm.toFixed(2)} ms, ratio ${(t_orm / t_raw).toFixed(2)}x  (goal ≤ 1.50x; Django 9.4x)`);
}

async function bench_n_plus_one(): Promise<void> {
  await fresh_database(50, 10);
  connection.force_debug_cursor = true;
  const count_queries = (fn: () => unknown) => {
    connection.queries_log.length = 0;
    fn();
    return connection.queries_log.length;
  };
  const lazy = () => Book.objects.all().list().map((b: any) => b.author.name);
  const joined = () => Book.objects.select_related("author").list().map((b: any) => b.author.name);
  const [q_lazy, q_joined] = [count_queries(lazy), count_queries(joined)];
  connection.force_debug_cursor = false;
  const [t_lazy, t_joined] = [median_ms(lazy, 30), median_ms(joined, 30)];
  console.log(`bench orm N+1 (50 books → author.name): lazy ${q_lazy} queries ${t_lazy.toFixed(2)} ms, select_related("author") ${q_joined} query ${t_joined.toFixed(2)} ms`);
}

export async function bench_orm(): Promise<void> {
  const previous = set_active_recorder(new Recorder({ enabled: false }));
  try {
    await bench_fetch();
    await bench_n_plus_one();
  } finally {
    set_active_recorder(previous);
    connection.close();
  }
}
