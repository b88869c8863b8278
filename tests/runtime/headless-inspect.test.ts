import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { blog_orm } from "../../src/scenarios/blog-orm";

describe("HeadlessRuntime: explain, read-only select, tables (the page's SQL and Database panels)", () => {
  it("explains a statement with Django-style %s parameters", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(blog_orm)).ok).toBe(true);
    const plan = await runtime.explain('SELECT "blog_author"."id" FROM "blog_author" WHERE "blog_author"."id" = %s', [1]);
    expect(plan).toEqual({ ok: true, plan: [{ id: expect.any(Number), parent: 0, detail: "SEARCH blog_author USING INTEGER PRIMARY KEY (rowid=?)" }] });
  });

  it("lists the tables with their row counts after the scenario's setup (migrate, seed)", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_orm);
    const tables = await runtime.tables();
    expect(tables.ok && tables.tables.map((t) => [t.name, t.rows])).toEqual([
      ["blog_author", 3],
      ["blog_post", 7],
      ["django_migrations", 1],
    ]);
  });

  it("selects rows, refuses statements that write, and a write hidden in a CTE leaves nothing behind", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_orm);
    expect(await runtime.select("SELECT id, name FROM blog_author ORDER BY id LIMIT 2")).toEqual({ ok: true, columns: ["id", "name"], rows: [[1, "Ada Lovelace"], [2, "Grace Hopper"]] });
    const update = await runtime.select("UPDATE blog_author SET name = 'x'");
    expect(update.ok).toBe(false);
    expect(!update.ok && update.error.message).toMatch(/read-only/);
    await runtime.select("WITH gone AS (SELECT 1) DELETE FROM blog_post");
    const count = await runtime.select("SELECT count(*) FROM blog_post");
    expect(count.ok && count.rows).toEqual([[7]]);
  });
});
