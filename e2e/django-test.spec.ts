/**
 * Part 5 of the tutorial in the page: a test module added to the ORM scenario's blog app, then
 * `python manage.py test blog` in the Terminal runs them in the worker: the failure's diff, "Ran 2
 * tests", "FAILED (failures=1)" and the test database destroyed (the whole transcript is compared
 * with Django's in tests/frameworks/django/test/manage-test.test.ts). Screenshot: django-test.png.
 */
import { test, expect, openLab, openPanel, setFile, shot } from "./fixtures";
import type { Page } from "@playwright/test";

const TESTS = `import { TestCase } from "django/test";
import { Author } from "./models";

export class AuthorTests extends TestCase {
  test_create() {
    Author.objects.create({ name: "Ada Lovelace" });
    this.assertEqual(Author.objects.count(), 1);
  }

  test_str() {
    const author = new Author({ name: "Grace Hopper" });
    this.assertEqual(String(author), "Grace Murray Hopper");
  }
}
`;

const screen = (page: Page) => page.getByRole("group", { name: "Terminal" }).locator(".xterm-rows");
const status = (page: Page) => page.getByRole("status", { name: "Terminal status" });

async function run(page: Page, line: string): Promise<void> {
  await page.getByRole("group", { name: "Terminal" }).click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
  await expect(status(page)).not.toHaveText("Running…", { timeout: 60_000 });
}

test("python manage.py test in the Terminal: a test database, the dots, the failure's block and FAILED", async ({ page, consoleErrors }) => {
  test.setTimeout(180_000);
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open ORM/ }).click();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: ORM/ })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  await setFile(page, "blog/tests.ts", () => TESTS);

  await openPanel(page, "Terminal");
  await expect(screen(page)).toContainText("~/project$", { timeout: 30_000 });
  await run(page, "python manage.py test blog");
  // The panel shows the last rows of the transcript: the summary, and the test database destroyed.
  for (const line of ["+ Grace Murray Hopper", "Ran 2 tests in", "FAILED (failures=1)", "Destroying test database for alias 'default'...", "~/project$"]) await expect(screen(page)).toContainText(line);
  await shot(page, "django-test");
  expect(consoleErrors).toEqual([]);
});
