/**
 * axe-core on every main screen of the built page (@axe-core/playwright), light and dark: zero
 * serious or critical violations (WCAG 2.1 A and AA rules). Each failure lists the rule, its
 * impact and the elements, so a regression says what to fix.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, openLab, waitForEditor, openPanel, panelNames, showFiles } from "./fixtures";

/** `within`: only that part of the page (a panel switched in a page already checked whole: faster). */
async function serious(page: Page, screen: string, within: string[] = []): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of within) builder.include(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const theme of ["light", "dark"] as const) {
  test(`no serious axe violations on the main screens (${theme})`, async ({ page }) => {
    test.setTimeout(360_000);
    await openLab(page);
    await waitForEditor(page);
    if (theme === "dark") await page.getByRole("button", { name: "Switch to dark theme" }).click();
    const problems: string[] = [];
    problems.push(...(await serious(page, "opened")));
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/);
    await expect(page.locator(".flow-node").first()).toBeVisible();
    problems.push(...(await serious(page, "response + Flow")));
    // Every panel once (light); the dark run checks the screens, where colours differ.
    for (const name of theme === "light" ? await panelNames(page) : ["Step", "Timeline"]) {
      if (name === "Flow") continue;
      await openPanel(page, new RegExp(`^${name}`));
      await page.waitForTimeout(200);
      // The rest of the page was checked whole just above: the tab bar and the panel are what changed.
      problems.push(...(await serious(page, `panel ${name}`, ["#trace-panel", '[role="tablist"][aria-label="Trace panels"]'])));
    }
    await showFiles(page);
    problems.push(...(await serious(page, "files")));
    await page.getByRole("group", { name: "Sidebar" }).getByRole("button", { name: "Lesson" }).click();
    problems.push(...(await serious(page, "lesson")));
    await page.getByRole("button", { name: "Run all" }).click();
    await expect(page.getByRole("status", { name: "Run all result" })).toContainText("checks passed", { timeout: 30_000 });
    problems.push(...(await serious(page, "lesson after Run all")));
    await page.getByRole("button", { name: /^Scenarios/ }).click();
    problems.push(...(await serious(page, "gallery")));
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Share" }).click();
    problems.push(...(await serious(page, "share")));
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Presenter" }).click();
    await expect(page.getByLabel("Step position")).toBeVisible();
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(500);
    problems.push(...(await serious(page, "presenter")));
    await page.goto("/?embed&scenario=wsgi-hello");
    await expect(page.locator(".embed-title")).toHaveText(/Hello, WSGI/);
    await expect(page.getByLabel("Address")).not.toHaveValue("");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
    problems.push(...(await serious(page, "embed")));
    await page.setViewportSize({ width: 420, height: 820 });
    await page.goto("/");
    await expect(page.getByRole("tablist", { name: "Panes" })).toBeVisible();
    problems.push(...(await serious(page, "narrow")));
    if (process.env.AXE_DUMP) (await import("node:fs")).writeFileSync(process.env.AXE_DUMP + theme, problems.join("\n"));
    expect(problems).toEqual([]);
  });
}
