/**
 * Issue 13 in the page (fastapi-items, the course's project 8; fastapi-deps): Swagger UI at /docs
 * in the Preview lists the operations with no request leaving the page (its scripts and styles are
 * the page's own bundled files, the document comes through the simulated server); an invalid body
 * answers 422 and the Validation panel points at the failing field and the line that declared it;
 * Swagger UI's "Try it out" sends through the simulated server (each request in the History with its
 * trace, a 422 with its Validation panel); the Dependencies graph draws; the ASGI panel lists the messages. Screenshots go to
 * /tmp/framework-lab-shots13/.
 */
import { test, expect, openLab, openPanel } from "./fixtures";
import type { Page, Request } from "@playwright/test";

const SHOTS13 = process.env.E2E_SCREENSHOTS13 ?? "/tmp/framework-lab-shots13";
const preview = 'iframe[title="Response preview"]';

async function openScenario(page: Page, title: RegExp): Promise<void> {
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: title }).click();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

async function go(page: Page, target: string): Promise<void> {
  await page.getByLabel("Address").fill(target);
  await page.getByRole("button", { name: "Send" }).click();
}

async function panel(page: Page, name: RegExp): Promise<void> {
  await openPanel(page, name);
}

/** Every request the browser makes that is not to the page's own server (the Preview's CSP would block them; none may even be tried). */
function watchOutside(page: Page): string[] {
  const outside: string[] = [];
  const origin = new URL(page.context().pages()[0]?.url() || "http://localhost").origin;
  page.on("request", (r: Request) => {
    const url = r.url();
    if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return;
    if (!url.startsWith("http://localhost:") && !url.startsWith(origin)) outside.push(url);
  });
  return outside;
}

test("fastapi-items: /docs draws Swagger UI in the Preview from bundled files, with no request leaving the page", async ({ page, consoleErrors }) => {
  const outside = watchOutside(page);
  await openScenario(page, /^Open FastAPI: an items API/);
  await go(page, "/items/1");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await panel(page, /^ASGI/);
  // A GET without a body: FastAPI never awaits receive(); it sends the start, then the body.
  const asgi = page.locator(".asgi-message");
  await expect(asgi.first()).toHaveAttribute("data-type", "http.response.start");
  await expect(asgi.nth(1)).toHaveAttribute("data-type", "http.response.body");
  await page.screenshot({ path: `${SHOTS13}/01-asgi-panel.png` });

  await go(page, "/docs");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const frame = page.frameLocator(preview);
  await expect(frame.locator(".swagger-ui .info .title")).toContainText("My API", { timeout: 30_000 });
  await expect(frame.locator(".opblock-summary-path").filter({ hasText: "/items/{item_id}" })).toBeVisible();
  await expect(frame.locator(".opblock-summary-path").filter({ hasText: "/items/" }).first()).toBeVisible();
  await expect(frame.locator(".opblock-get")).toHaveCount(1);
  await expect(frame.locator(".opblock-post")).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS13}/02-swagger-ui.png` });

  await panel(page, /^OpenAPI/);
  const ops = page.locator(".openapi-operations li");
  await expect(ops).toHaveCount(2);
  await expect(ops.first()).toContainText("read_item");
  await page.screenshot({ path: `${SHOTS13}/03-openapi-panel.png` });
  expect(outside).toEqual([]);
  expect(consoleErrors.filter((e) => !/Content Security Policy|Refused to/.test(e))).toEqual([]);
});

test("fastapi-items: Swagger UI's Try it out sends through the simulated server; each request has its trace, a 422 its Validation panel", async ({ page, consoleErrors }) => {
  const outside = watchOutside(page);
  await openScenario(page, /^Open FastAPI: an items API/);
  await go(page, "/docs");
  const frame = page.frameLocator(preview);
  await expect(frame.locator(".swagger-ui .info .title")).toContainText("My API", { timeout: 30_000 });

  // GET /items/{item_id}: Try it out, item_id 1, Execute. Swagger UI's fetch() is answered by the app.
  const get = frame.locator(".opblock-get");
  await get.locator(".opblock-summary-control").click();
  await get.getByRole("button", { name: "Try it out" }).click();
  await get.locator('input[placeholder="item_id"]').fill("1");
  await get.getByRole("button", { name: "Execute" }).click();
  await expect(get.locator(".live-responses-table tbody .response-col_status").first()).toHaveText("200", { timeout: 20_000 });
  await expect(get.locator(".live-responses-table tbody .response-col_description")).toContainText('"Hammer"');

  // POST /items/ with a body missing price: the 422 comes back to Swagger UI.
  const post = frame.locator(".opblock-post");
  await post.locator(".opblock-summary-control").click();
  await post.getByRole("button", { name: "Try it out" }).click();
  await post.locator("textarea.body-param__text").fill('{"name": "Pen"}');
  await post.getByRole("button", { name: "Execute" }).click();
  await expect(post.locator(".live-responses-table tbody .response-col_status").first()).toHaveText(/422/, { timeout: 20_000 });
  await expect(post.locator(".live-responses-table tbody .response-col_description")).toContainText('"missing"');
  await page.screenshot({ path: `${SHOTS13}/08-try-it-out.png` });

  // Both requests are in the History, made by the page (fetch), each with its own trace.
  await panel(page, /^History/);
  const history = page.getByRole("list", { name: "Requests of this session" });
  const fetched = history.locator("button.history-item").filter({ hasText: "fetch" });
  await expect(fetched.filter({ hasText: "/items/1" })).toHaveCount(1);
  await expect(fetched.filter({ hasText: "/items/" }).filter({ hasText: "422" })).toHaveCount(1);
  await fetched.filter({ hasText: "/items/1" }).click();
  await panel(page, /^Validation/);
  await expect(page.locator('.validation-panel tr[data-parameter="item_id"]')).toContainText("path");
  await panel(page, /^ASGI/);
  await expect(page.locator(".asgi-message").first()).toHaveAttribute("data-type", "http.response.start");

  await panel(page, /^History/);
  await fetched.filter({ hasText: "422" }).click();
  await panel(page, /^Validation/);
  const errors = page.getByRole("list", { name: "Errors of item" });
  await expect(errors.locator(".validation-error")).toContainText('"loc":["body","price"]');
  await expect(errors.getByRole("button", { name: "models.ts:12" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS13}/09-try-it-out-422-validation.png` });
  expect(outside).toEqual([]);
  expect(consoleErrors.filter((e) => !/Content Security Policy|Refused to/.test(e))).toEqual([]);
});

test("fastapi-items: an invalid body answers 422 and the Validation panel points at the field and its declaration", async ({ page, consoleErrors }) => {
  await openScenario(page, /^Open FastAPI: an items API/);
  await page.getByLabel("Scripted requests").selectOption("5");
  await expect(page.getByLabel("Method")).toHaveValue("POST");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^422/);
  await panel(page, /^Validation/);
  const table = page.locator(".validation-panel");
  const row = table.locator('tr[data-parameter="item"]');
  await expect(row).toContainText("body");
  await expect(row.getByRole("button", { name: "main.ts:31" })).toBeVisible();
  const errors = page.getByRole("list", { name: "Errors of item" });
  await expect(errors.locator(".validation-error")).toContainText('"loc":["body","price"]');
  await expect(errors.locator(".validation-error")).toContainText('"type":"missing"');
  // The failing field, at the line of the model that declared it; the link opens it in the editor.
  await expect(errors).toContainText("field Item.price");
  await errors.getByRole("button", { name: "models.ts:12" }).click();
  await expect(page.getByRole("list", { name: "Open files" }).getByRole("button", { name: "models.ts", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(table.locator(".validation-body")).toContainText('"price"');
  await page.screenshot({ path: `${SHOTS13}/04-validation-422.png` });

  // The path parameter: /items/0 fails `gt: 0`, and its line is the one that declared it.
  await page.getByLabel("Method").selectOption("GET");
  await go(page, "/items/0");
  await expect(page.getByLabel("Response status")).toHaveText(/^422/);
  const item_id = page.locator('.validation-panel tr[data-parameter="item_id"]');
  await expect(item_id).toContainText("path");
  await expect(page.getByRole("list", { name: "Errors of item_id" })).toContainText('"type":"greater_than","loc":["path","item_id"]');
  const link = item_id.getByRole("button", { name: /main\.ts:\d+/ });
  await expect(link).toHaveText("main.ts:18");
  await page.screenshot({ path: `${SHOTS13}/05-validation-path.png` });
  expect(consoleErrors).toEqual([]);
});

test("fastapi-deps: the Dependencies graph draws the request's dependencies, the cache hit and the cleanup order", async ({ page, consoleErrors }) => {
  await openScenario(page, /^Open FastAPI: dependencies/);
  await page.getByLabel("Scripted requests").selectOption("0");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await panel(page, /^Dependencies/);
  const canvas = page.getByRole("figure", { name: "Dependency graph" });
  await expect(canvas.locator(".react-flow__node").first()).toBeVisible({ timeout: 20_000 });
  expect(await canvas.locator(".react-flow__node").count()).toBeGreaterThanOrEqual(3);
  expect(await canvas.locator(".react-flow__edge").count()).toBeGreaterThanOrEqual(2);
  await expect(page.locator(".deps-lists")).toContainText("after yield (normal exit)");
  await expect(page.locator(".deps-lists")).toContainText("Cache hits: verify_token");
  await expect(canvas.locator(".dep-node.cached")).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS13}/06-dependencies.png` });
  await panel(page, /^Flow/);
  // The ASGI path, in order; the stage that ran the sync dependencies says "threadpool".
  await expect(page.locator(".flow-node").first()).toBeVisible();
  await expect(page.locator(".flow-node .flow-node-label")).toHaveText(["Client (browser)", "Web server (ASGI)", "ServerErrorMiddleware", "ExceptionMiddleware", "URL resolver", "Dependencies", "list_users", "console output", "Validation"]);
  await expect(page.locator('.flow-node[data-node="dependencies"] .badge')).toHaveText("threadpool");
  await expect(page.locator('.flow-node[data-node="dependencies"] .badge')).toHaveAttribute("title", "run_in_threadpool: get_db, pagination");
  await expect(page.locator('.flow-node[data-node="view"] .badge')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS13}/07-flow.png` });
  expect(consoleErrors).toEqual([]);
});
