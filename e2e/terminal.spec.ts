/**
 * Issue 16, project 10 in the page: the Terminal panel runs the project's manage.py in the worker.
 * On the ORM scenario: showmigrations; a field added to a model, then makemigrations (the new
 * migration joins the project) and migrate; the shell creates an object and lists it; the arrow
 * keys recall a line; each command's trace (django.setup, settings, apps.populate) shows under it.
 * Screenshots go to /tmp/framework-lab-shots16/.
 */
import { test, expect, openLab, openPanel, replaceInEditor } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS16 ?? "/tmp/framework-lab-shots16";

const screen = (page: Page) => page.getByRole("group", { name: "Terminal" }).locator(".xterm-rows");
const status = (page: Page) => page.getByRole("status", { name: "Terminal status" });

/** Type a line into the terminal (xterm's keyboard input) and press Enter. */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByRole("group", { name: "Terminal" }).click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

/** `clear`, then a command line; waits until the command is done (or paused at a prompt). */
async function run(page: Page, line: string): Promise<void> {
  await typeLine(page, "clear");
  await typeLine(page, line);
  await expect(status(page)).not.toHaveText("Running…", { timeout: 60_000 });
}

test("the Terminal: makemigrations and migrate after adding a field, then the shell creates an object and lists it", async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open ORM/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: ORM/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });

  await openPanel(page, "Terminal");
  await expect(screen(page)).toContainText("~/project$", { timeout: 30_000 });
  await expect(status(page)).toHaveText("Ready: python manage.py <command>");

  await run(page, "python manage.py showmigrations");
  await expect(screen(page)).toContainText("[X] 0001_initial");
  const trace = page.getByRole("region", { name: "Command trace" });
  await expect(trace).toContainText("Trace of python manage.py showmigrations");
  for (const step of ["LazySettings._setup", "django.setup", "apps.populate", "import blog.models", "BlogConfig.ready"]) await expect(trace).toContainText(step);

  // A new field on Author, then makemigrations writes 0002 into the project and migrate applies it.
  await replaceInEditor(page, "blog/models.ts", "name: new models.CharField({ max_length: 100 }),", 'name: new models.CharField({ max_length: 100 }), bio: new models.TextField({ default: "" }),');
  await run(page, "python manage.py makemigrations");
  await expect(screen(page)).toContainText("Migrations for 'blog':");
  await expect(screen(page)).toContainText("blog/migrations/0002_author_bio.ts");
  await expect(screen(page)).toContainText("+ Add field bio to author");
  await expect(page.getByRole("tree").getByRole("button", { name: "0002_author_bio.ts", exact: true })).toBeVisible();
  await run(page, "python manage.py migrate");
  await expect(screen(page)).toContainText("Applying blog.0002_author_bio... OK");

  // The shell: a process paused at >>> between lines.
  await run(page, "python manage.py shell");
  await expect(screen(page)).toContainText(">>>");
  await expect(status(page)).toContainText("Waiting for input");
  await typeLine(page, 'Author.objects.create({ name: "Barbara Liskov", bio: "CLU" })');
  await expect(screen(page)).toContainText("<Author: Barbara Liskov>");
  await expect(trace).toContainText('INSERT INTO "blog_author"');
  await typeLine(page, 'Author.objects.filter({ bio: "CLU" })');
  await expect(screen(page)).toContainText("<QuerySet [<Author: Barbara Liskov>]>");
  await expect(trace).toContainText("LIMIT 21");
  // ↑ recalls the last line.
  await page.keyboard.press("ArrowUp");
  await expect(screen(page).locator("div").filter({ hasText: '>>> Author.objects.filter({ bio: "CLU" })' })).toHaveCount(2);
  await page.keyboard.press("Control+U");
  await page.screenshot({ path: `${SHOTS}/6-terminal-shell.png` });
  await page.keyboard.press("Control+D");
  await expect(screen(page)).toContainText("now exiting InteractiveConsole...");
  await expect(status(page)).toHaveText("Ready: python manage.py <command>");

  // Switching tabs keeps the transcript.
  await openPanel(page, "Database");
  await openPanel(page, "Terminal");
  await expect(screen(page)).toContainText("now exiting InteractiveConsole...");
  await run(page, "python manage.py sqlmigrate blog 0002");
  await expect(screen(page)).toContainText('ALTER TABLE "new__blog_author" RENAME TO "blog_author";');
  await page.screenshot({ path: `${SHOTS}/7-terminal-sqlmigrate.png` });
  expect(consoleErrors).toEqual([]);
});
