/**
 * The ORM lesson (blog-orm) in the page: the N+1 caught by the SQL panel and fixed with
 * select_related, EXPLAIN QUERY PLAN on demand; the Database panel's manage.py commands and tables.
 */
import { test, expect, openLab, replaceInEditor, setFile, labState, shot, openPanel, showFiles } from "./fixtures";
import type { Page } from "@playwright/test";

async function openBlog(page: Page): Promise<void> {
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open ORM/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: ORM/ })).toBeVisible();
  await expect(page.getByLabel("Address")).toHaveValue("/");
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

type EditorHook = { __labEditor: { editor: { getModel(): { uri: { path: string } } | null; getPosition(): { lineNumber: number } | null } } };

test("blog-orm: the SQL panel flags the N+1 at its line, select_related brings 8 queries down to 1", async ({ page, consoleErrors }) => {
  await openBlog(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.frameLocator('iframe[title="Response preview"]').locator("h1")).toHaveText("7 posts");
  // The flow graph's SQL node counts the statements.
  await expect(page.locator('.flow-node[data-node="sql"] .flow-node-count')).toContainText("8 queries");
  await shot(page, "20-orm-flow-n-plus-one");

  await openPanel(page, /^SQL/);
  await expect(page.locator(".sql-summary")).toContainText("8 queries");
  const warning = page.locator(".n-plus-one");
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText("blog/views.ts:10");
  await expect(warning).toContainText('select_related("author")');
  // EXPLAIN QUERY PLAN on demand: the post list scans the table.
  await page.getByRole("button", { name: "Explain query 1" }).click();
  await expect(page.getByRole("region", { name: "Query plan of query 1" })).toContainText(/SCAN blog_post/);
  await page.getByRole("button", { name: "Explain query 2" }).click();
  await expect(page.getByRole("region", { name: "Query plan of query 2" })).toContainText(/SEARCH blog_author USING INTEGER PRIMARY KEY/);
  await shot(page, "21-orm-sql-panel");

  // The warning's source link opens the editor at the line.
  await warning.getByRole("button", { name: "blog/views.ts:10" }).click();
  await page.waitForFunction(() => (window as unknown as EditorHook).__labEditor?.editor.getModel()?.uri.path === "/blog/views.ts", null, { timeout: 40_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as EditorHook).__labEditor.editor.getPosition()?.lineNumber)).toBe(10);

  await replaceInEditor(page, "blog/views.ts", "Post.objects.all()", 'Post.objects.select_related("author")');
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".sql-summary")).toContainText(/^1 query in/);
  await expect(page.locator(".n-plus-one")).toHaveCount(0);
  await expect(page.locator(".sql-text").first()).toContainText("INNER JOIN");
  await openPanel(page, /^Flow/);
  await expect(page.locator('.flow-node[data-node="sql"] .flow-node-count')).toContainText(/^1 query/);
  expect(consoleErrors).toEqual([]);
});

test("Database panel: makemigrations writes 0002 into the project, migrate applies it, sqlmigrate shows its SQL; tables and rows", async ({ page, consoleErrors }) => {
  await openBlog(page);
  await openPanel(page, "Database");
  // The seeded tables with their row counts; a table's rows, read-only.
  await expect(page.getByRole("button", { name: /^blog_post\s*7 rows/ })).toBeVisible();
  await page.getByRole("button", { name: /^blog_author/ }).click();
  await expect(page.getByRole("table", { name: "Rows of blog_author" })).toContainText("Grace Hopper");

  await setFile(page, "blog/models.ts", (t) => t.replace("    title: new models.CharField({ max_length: 200 }),", '    title: new models.CharField({ max_length: 200 }),\n    subtitle: new models.CharField({ max_length: 100, default: "" }),'));
  await page.getByRole("button", { name: "makemigrations", exact: true }).click();
  const output = page.getByLabel("Command output");
  await expect(output).toContainText("Add field subtitle to post");
  const added = await labState(page, (s) => Object.keys(s.files).filter((p) => p.startsWith("blog/migrations/0002_")));
  expect(added).toHaveLength(1);
  const name = added[0].split("/").pop()!;
  await showFiles(page);
  await expect(page.getByRole("tree").getByRole("button", { name, exact: true })).toBeVisible();

  await page.getByRole("button", { name: "migrate", exact: true }).click();
  await expect(output).toContainText(`Applying blog.${name.replace(/\.ts$/, "")}... OK`);
  await page.getByRole("button", { name: "showmigrations", exact: true }).click();
  await expect(output).toContainText(`[X] ${name.replace(/\.ts$/, "")}`);
  await page.getByLabel("Migration for sqlmigrate").selectOption(`blog.${name.replace(/\.ts$/, "")}`);
  await page.getByRole("button", { name: "sqlmigrate", exact: true }).click();
  await expect(output).toContainText(/ALTER TABLE|CREATE TABLE "new__blog_post"/);
  await shot(page, "22-database-panel");

  // The migrated database serves the list (the new column exists), and the rows are still there.
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.frameLocator('iframe[title="Response preview"]').locator("h1")).toHaveText("7 posts");
  expect(consoleErrors).toEqual([]);
});
