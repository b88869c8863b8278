/**
 * Figures for the closing note (not assertions): navigation → first response, cold (fresh browser
 * context) and warm (same context, reload), median of 5; and Send → trace shown.
 * Run: `npx playwright test e2e/measure.spec.ts`.
 */
import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstResponse(page: Page): Promise<number> {
  const t0 = Date.now();
  await page.goto("/");
  await expect(page.getByLabel("Address")).not.toHaveValue("");
  // A Send pressed while the status still reads "Starting runtime…" is lost today (no response,
  // ever; seen 2026-12-07): wait for Ready, which is part of the time measured.
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 60_000 });
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 60_000 });
  return Date.now() - t0;
}

test("navigation → first response, cold and warm; Send → trace shown", async ({ browser }) => {
  // Sixteen page loads and sends: far over the default 60 s on a loaded 2-core machine.
  test.setTimeout(600_000);
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    cold.push(await firstResponse(await context.newPage()));
    console.log(`cold ${cold.at(-1)} ms`);
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await firstResponse(page);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    warm.push(await firstResponse(page));
    console.log(`warm ${warm.at(-1)} ms`);
  }
  const send: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Address").fill(i % 2 ? "/" : "/hello/Ada/");
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Address")).toHaveValue(i % 2 ? "/" : "/hello/Ada/");
    await page.waitForFunction((n) => (window as unknown as { __lab: { store: { getState(): { exchanges: unknown[] } } } }).__lab.store.getState().exchanges.length >= n, 2 + i);
    await expect(page.locator(".flow-node").first()).toBeVisible();
    send.push((await page.evaluate(() => performance.now())) - t0);
  }
  console.log(`FIGURES cold ${cold.join(",")} median ${median(cold)} ms; warm ${warm.join(",")} median ${median(warm)} ms; send→trace ${send.map((x) => x.toFixed(0)).join(",")} median ${median(send).toFixed(0)} ms`);
  await context.close();
});
