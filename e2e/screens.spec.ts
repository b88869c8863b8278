/**
 * A screenshot tour of every main screen — light and dark, at 1280×720 and 1920×1080, presenter
 * mode and the embed included, and stacked at 420 px — into /tmp/framework-lab-shots3/ (or
 * $SCREENS_DIR): to be looked at, not asserted on.
 * Run: `npm run build && SCREENS=1 npx playwright test e2e/screens.spec.ts`.
 */
import { test, expect, openLab, openPanel, showFiles, waitForEditor } from "./fixtures";
import type { Page } from "@playwright/test";

// Markers and IntelliSense come from Monaco's TypeScript worker (left out of other specs: fixtures.ts).
test.use({ typescriptWorker: true });

const DIR = process.env.SCREENS_DIR ?? "/tmp/framework-lab-shots3";
const snap = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${name}.png` });

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const toggle = page.getByRole("button", { name: `Switch to ${theme} theme` });
  if (await toggle.count()) await toggle.click();
}

async function send(page: Page, target: string, status: RegExp): Promise<void> {
  await page.getByLabel("Address").fill(target);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(status);
}

const SIZES = [
  { name: "1280", width: 1280, height: 720 },
  { name: "1920", width: 1920, height: 1080 },
];

for (const size of SIZES)
  for (const theme of ["light", "dark"] as const) {
    test(`tour at ${size.width}×${size.height}, ${theme}`, async ({ page }) => {
      test.setTimeout(240_000);
      const shot = (name: string) => snap(page, `${size.name}-${theme}-${name}`);
      await page.setViewportSize({ width: size.width, height: size.height });
      await openLab(page);
      await setTheme(page, theme);
      await waitForEditor(page);
      await page.waitForTimeout(600);
      await shot("01-opened");
      await send(page, "/hello/Ada/", /^200/);
      await expect(page.locator(".flow-node").first()).toBeVisible();
      await page.waitForTimeout(500);
      await shot("02-response-flow");
      await openPanel(page, /^Step/);
      for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(500);
      await shot("03-step");
      await openPanel(page, /^Timeline/);
      await shot("04-timeline");
      await openPanel(page, /^Middleware/);
      await shot("05-middleware");
      await send(page, "/nowhere/", /^404/);
      await openPanel(page, /^URLs/);
      await shot("06-urls-404");
      await openPanel(page, /^Errors/);
      await shot("07-errors");
      // The Lesson pane opens by default on a wide screen; on a projector it is one click away.
      const runAll = page.getByRole("button", { name: "Run all" });
      if (!(await runAll.isVisible())) await page.getByRole("group", { name: "Sidebar" }).getByRole("button", { name: "Lesson" }).click();
      await runAll.click();
      await expect(page.getByRole("status", { name: "Run all result" })).toContainText("checks passed", { timeout: 30_000 });
      await shot("08-lesson-run-all");
      await showFiles(page);
      await shot("09-files");
      await page.getByRole("button", { name: /^Scenarios/ }).click();
      await shot("10-gallery");
      await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open ORM/ }).click();
      await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
      await page.getByRole("button", { name: "Send" }).click();
      await expect(page.getByLabel("Response status")).toHaveText(/^200/);
      await openPanel(page, /^Flow/);
      await page.waitForTimeout(500);
      await shot("11-orm-flow");
      await openPanel(page, /^SQL/);
      await page.getByRole("button", { name: "Explain query 1" }).click();
      await expect(page.getByRole("region", { name: "Query plan of query 1" })).toContainText("SCAN");
      await shot("12-sql");
      await openPanel(page, "Database");
      await page.getByRole("button", { name: /^blog_post/ }).click();
      await expect(page.getByRole("table", { name: "Rows of blog_post" })).toBeVisible();
      await shot("13-database");
      await page.getByRole("button", { name: "Share" }).click();
      await shot("14-share");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Presenter" }).click();
      await expect(page.getByLabel("Step position")).toBeVisible();
      await waitForEditor(page);
      const now = page.getByLabel("Current step");
      for (let i = 0; i < 60 && !/view/i.test((await now.locator(".kind-tag").textContent()) ?? ""); i++) await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(800);
      await shot("15-presenter-view");
      for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
      await page.waitForTimeout(800);
      await shot("16-presenter-next");
      await page.goto("/?embed&scenario=wsgi-hello");
      await page.getByRole("button", { name: "Send" }).click();
      await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
      await page.waitForTimeout(500);
      await shot("17-embed");
    });
  }

test("tour at 420 px", async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 820 });
  await openLab(page);
  await snap(page, "narrow-01-opened");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await snap(page, "narrow-02-response");
  const panes = page.getByRole("tablist", { name: "Panes" });
  await panes.getByRole("tab", { name: "Trace" }).click();
  await page.waitForTimeout(400);
  await snap(page, "narrow-03-trace");
  await panes.getByRole("tab", { name: "Code" }).click();
  await page.waitForTimeout(1500);
  await snap(page, "narrow-04-code");
  await panes.getByRole("tab", { name: "Lesson" }).click();
  await snap(page, "narrow-05-lesson");
  await setTheme(page, "dark");
  await panes.getByRole("tab", { name: "Trace" }).click();
  await snap(page, "narrow-06-trace-dark");
});
