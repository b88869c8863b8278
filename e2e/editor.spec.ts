/** Editing: a change typed into Monaco takes effect on the next Send; a syntax error becomes a marker on its line. */
import { test, expect, openLab, replaceInEditor, markersOf, shot } from "./fixtures";

// Markers and IntelliSense come from Monaco's TypeScript worker (left out of other specs: fixtures.ts).
test.use({ typescriptWorker: true });

test("an edit typed into the editor changes the next response", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator('iframe[title="Response preview"]').locator("h1")).toHaveText("Framework Lab");
  await replaceInEditor(page, "hello/views.ts", "<h1>Framework Lab</h1>", "<h1>Edited in class</h1>");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator('iframe[title="Response preview"]').locator("h1")).toHaveText("Edited in class");
  await expect(page.locator(".badge", { hasText: "project reloaded" })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test("a syntax error puts a marker on the right line", async ({ page }) => {
  await openLab(page);
  // Line 13 of hello/views.ts is `const name = request.GET.get("name", "World");`.
  await replaceInEditor(page, "hello/views.ts", 'const name = request.GET.get("name", "World");', "const name = request.GET.get(;");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^(500|Failed)/);
  await expect.poll(async () => (await markersOf(page, "hello/views.ts")).map((m) => m.line), { timeout: 40_000 }).toContain(13);
  await expect(page.locator(".tab.has-error", { hasText: "views.ts" })).toBeVisible();
  await shot(page, "10-syntax-error");
});
