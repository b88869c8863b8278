/** Shared e2e helpers: console-error collection and screenshots under /tmp (never in the repo). */
import { test as base, expect, type Page } from "@playwright/test";

export const SHOTS = process.env.E2E_SCREENSHOTS ?? "/tmp/framework-lab-shots";

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await use(errors);
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Open the page fresh and wait until the default scenario is loaded and ready to send. */
export async function openLab(page: Page): Promise<void> {
  await page.goto("/");
  await expect(page.getByLabel("Address")).not.toHaveValue("");
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}
