import { test, expect, openLab, shot, openPanel } from "./fixtures";
import type { Page } from "@playwright/test";

type Lab = { store: { getState(): { files: Record<string, string>; exchanges: unknown[] }; setState(s: object): void } };

/** Replace one file through the store (typing into Monaco garbles input, NOTES-stack trap 5). */
async function setFile(page: Page, path: string, edit: (text: string) => string): Promise<void> {
  const text = await page.evaluate((p) => (window as unknown as { __lab: Lab }).__lab.store.getState().files[p], path);
  const next = edit(text);
  await page.evaluate(([p, t]) => {
    const { store } = (window as unknown as { __lab: Lab }).__lab;
    store.setState({ files: { ...store.getState().files, [p]: t } });
  }, [path, next] as const);
}

test("Send shows the response, the flow graph and the URL patterns tried", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200 OK/);
  await expect(page.locator(".flow-node", { hasText: "URL resolver" })).toBeVisible();
  await expect(page.locator(".flow-node", { hasText: "hello.views.index" })).toBeVisible();
  await openPanel(page, /^URLs/);
  await expect(page.locator(".pattern").first()).toBeVisible();
  await shot(page, "03-urls");
  await openPanel(page, /^Middleware/);
  await expect(page.locator(".middleware-item").first()).toBeVisible();
  await shot(page, "04-middleware");
  await openPanel(page, /^Timeline/);
  await expect(page.locator(".timeline-row").first()).toBeVisible();
  await shot(page, "05-timeline");
  await page.getByLabel("Address").fill("/nowhere/");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByLabel("Response status")).toHaveText(/^404/);
  await openPanel(page, /^URLs/);
  await expect(page.locator(".result.no")).toContainText("didn't match any of these");
  await shot(page, "05b-urls-404");
  expect(consoleErrors).toEqual([]);
});

test("a link clicked in the preview becomes a new traced request", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const preview = page.frameLocator('iframe[title="Response preview"]');
  await preview.getByRole("link", { name: "/hello/Ada/" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/hello/Ada/");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.locator(".flow-node", { hasText: "greet" }).first()).toBeVisible();
  await shot(page, "06-after-link");
  // A redirect is followed, each hop in the history.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/");
  await page.frameLocator('iframe[title="Response preview"]').getByRole("link", { name: "an old link" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/hello/again/");
  await openPanel(page, "History");
  await expect(page.locator(".history-item")).toHaveCount(4);
  await expect(page.locator(".history-item", { hasText: "redirect" })).toHaveCount(1);
  await shot(page, "07-history");
  expect(consoleErrors).toEqual([]);
});

test("an infinite loop in a view hits the deadline and the page recovers", async ({ page }) => {
  await openLab(page);
  await page.getByLabel("Deadline").selectOption("1000");
  await setFile(page, "hello/views.ts", (t) => t.replace("export function index(request) {", "export function index(request) {\n  while (true) {}"));
  const started = Date.now();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText("Timed out", { timeout: 15_000 });
  await expect(page.getByRole("alert").first()).toContainText("still running after 1 s");
  expect(Date.now() - started).toBeLessThan(10_000);
  // The page stayed responsive: the theme toggle still works while the runtime restarts.
  await page.getByRole("button", { name: /Switch to/ }).click();
  await shot(page, "08-deadline");
  await setFile(page, "hello/views.ts", (t) => t.replace("\n  while (true) {}", ""));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await shot(page, "09-recovered");
});

test("a page reopened after an unfinished run opens without running anything", async ({ page }) => {
  // As if the last visit had closed while a request was running: the marker is there before the page starts.
  await page.addInitScript(() => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    localStorage.setItem("framework-lab:running", JSON.stringify({ what: "request GET /loop/", at: Date.now() }));
  });
  await page.goto("/");
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Paused");
  await expect(page.locator(".notice")).toContainText("GET /loop/");
  await page.getByRole("button", { name: "Send" }).click();
  // Nothing was started while paused: this Send starts the runtime cold (slow on a loaded machine).
  await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
});

test("the flow graph: main lane centred and whole; a middleware that returns early leaves the inner ones dimmed", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const canvas = page.getByRole("figure", { name: "Request flow graph" });
  const client = page.locator('.flow-node[data-node="client"]');
  await expect(client).toBeVisible();
  // fitBounds animates nothing, but the view settles after a resize observer tick.
  await expect
    .poll(async () => {
      const c = (await canvas.boundingBox())!;
      const n = (await client.boundingBox())!;
      return Math.abs(n.x + n.width / 2 - (c.x + c.width / 2)) / c.width;
    })
    .toBeLessThan(0.05);
  const c = (await canvas.boundingBox())!;
  for (const label of ["request", "response"]) {
    const box = (await page.locator(".react-flow__edge-text", { hasText: new RegExp(`^${label}$`) }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(c.x);
    expect(box.x + box.width).toBeLessThanOrEqual(c.x + c.width);
  }
  await setFile(page, "project/middleware.ts", (t) =>
    `import { HttpResponse } from "django/http";\n` + t.replace("    const started = performance.now();", '    if (request.path === "/gate/") return new HttpResponse("closed at the gate");\n    const started = performance.now();'),
  );
  await page.getByLabel("Address").fill("/gate/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.locator(".flow-node.short")).toContainText("TimingMiddleware");
  await expect(page.locator(".flow-node.unreached")).toHaveCount(1);
  await expect(page.locator(".flow-node.unreached")).toContainText("XFrameOptionsMiddleware");
  await expect(page.locator(".flow-node.unreached")).toContainText("not reached");
  await expect(page.locator('.flow-node[data-node="resolver"]')).toHaveCount(0);
  await shot(page, "19-short-circuit");
  expect(consoleErrors).toEqual([]);
});
