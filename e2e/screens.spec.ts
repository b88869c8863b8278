/**
 * A screenshot tour of every main screen, light and dark at 1280×720 and stacked at 420 px, into
 * /tmp/framework-lab-shots3/ (or $SCREENS_DIR) — to be looked at, not asserted on.
 * Run: `SCREENS=1 npx playwright test e2e/screens.spec.ts`.
 */
import { test, expect, openLab } from "./fixtures";
import type { Page } from "@playwright/test";

const DIR = process.env.SCREENS_DIR ?? "/tmp/framework-lab-shots3";
const snap = (page: Page, name: string) => page.screenshot({ path: `${DIR}/${name}.png` });

async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const toggle = page.getByRole("button", { name: `Switch to ${theme} theme` });
  if (await toggle.count()) await toggle.click();
}

for (const theme of ["light", "dark"] as const) {
  test(`tour at 1280×720, ${theme}`, async ({ page }) => {
    await openLab(page);
    await setTheme(page, theme);
    await snap(page, `${theme}-01-opened`);
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/);
    await expect(page.locator(".flow-node").first()).toBeVisible();
    await page.waitForTimeout(400);
    await snap(page, `${theme}-02-response-flow`);
    await page.getByRole("tab", { name: /^Timeline/ }).click();
    await snap(page, `${theme}-03-timeline`);
    await page.getByRole("tab", { name: /^Middleware/ }).click();
    await snap(page, `${theme}-04-middleware`);
    await page.getByLabel("Address").fill("/nowhere/");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^404/);
    await page.getByRole("tab", { name: /^URLs/ }).click();
    await snap(page, `${theme}-05-urls-404`);
    await page.getByRole("tab", { name: /^Step/ }).click();
    await snap(page, `${theme}-06-step`);
    await page.getByRole("button", { name: /^Scenarios/ }).click();
    await snap(page, `${theme}-07-gallery`);
    await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open ORM/ }).click();
    await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/);
    await page.getByRole("tab", { name: /^Flow/ }).click();
    await page.waitForTimeout(400);
    await snap(page, `${theme}-08-orm-flow`);
    await page.getByRole("tab", { name: /^SQL/ }).click();
    await page.getByRole("button", { name: "Explain query 1" }).click();
    await expect(page.getByRole("region", { name: "Query plan of query 1" })).toContainText("SCAN");
    await snap(page, `${theme}-09-sql`);
    await page.getByRole("tab", { name: "Database" }).click();
    await page.getByRole("button", { name: "showmigrations", exact: true }).click();
    await page.getByRole("button", { name: /^blog_post/ }).click();
    await expect(page.getByRole("table", { name: "Rows of blog_post" })).toBeVisible();
    await snap(page, `${theme}-10-database`);
    await page.getByRole("button", { name: "Share" }).click();
    await snap(page, `${theme}-11-share`);
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
  await setTheme(page, "dark");
  await panes.getByRole("tab", { name: "Trace" }).click();
  await snap(page, "narrow-05-trace-dark");
});
