import { test, expect, openLab, shot } from "./fixtures";

test("a newcomer opens the page, presses Send and sees the response and the flow", async ({ page, consoleErrors }) => {
  await openLab(page);
  await shot(page, "01-opened");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.getByRole("figure", { name: "Request flow graph" })).toBeVisible();
  await expect(page.locator(".flow-node").first()).toBeVisible();
  await shot(page, "02-first-response");
  expect(consoleErrors).toEqual([]);
});
