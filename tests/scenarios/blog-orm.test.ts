/** The ORM lesson: migrate + seed on load, the N+1 flagged with its line, select_related fixing it. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { blog_orm } from "../../src/scenarios/blog-orm";
import { replay, run_checks } from "../../src/scenarios/client";
import { analyse_sql } from "../../src/trace";

const GET = { method: "GET", target: "/", headers: [["Host", "localhost"]] as [string, string][], body: "" };

describe("blog-orm scenario", () => {
  it("migrates, seeds and passes its scripted checks", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(blog_orm)).ok).toBe(true);
    const steps = await replay(runtime, blog_orm);
    expect(run_checks(blog_orm.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
  });

  it("flags the N+1 at the loop's line, and select_related brings the request to one query", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_orm);
    const before = analyse_sql((await runtime.request(GET)).trace);
    expect(before.queries).toHaveLength(8);
    expect(before.n_plus_one).toHaveLength(1);
    expect(before.n_plus_one[0]).toMatchObject({ count: 7, line: { file: "blog/views.ts", line: 10 }, fix: 'select_related("author")' });

    const fixed = { ...blog_orm, files: { ...blog_orm.files, "blog/views.ts": blog_orm.files["blog/views.ts"].replace("Post.objects.all()", 'Post.objects.select_related("author")') } };
    await runtime.load(fixed);
    const after = analyse_sql((await runtime.request(GET)).trace);
    expect(after.queries).toHaveLength(1);
    expect(after.queries[0].sql).toContain("INNER JOIN");
    expect(after.n_plus_one).toEqual([]);
  });

  it("runs management commands on the loaded project", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(blog_orm);
    const shown = await runtime.command({ command: "showmigrations" });
    expect(shown.ok && shown.output).toBe("blog\n [X] 0001_initial\n");
    const sql = await runtime.command({ command: "sqlmigrate", app_label: "blog", migration_name: "0001" });
    expect(sql.ok && sql.output).toContain('CREATE TABLE "blog_author"');
    const none = await runtime.command({ command: "makemigrations" });
    expect(none.ok && none.output).toContain("No changes detected");
  });
});
