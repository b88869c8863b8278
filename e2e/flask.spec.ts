/**
 * Issue 10 in the page (flask-blueprints, the course's project 7): open the scenario from the
 * gallery, sign in through the form in the Preview and follow the redirect; the Context panel
 * shows the request context pushed and popped, the URL map shows /auth/login matched with the
 * endpoint auth.login, the Session panel decodes Flask's signed cookie, and the tab bar shows no
 * Django-only panel. Then a Django scenario and back: each behaves as if loaded first.
 * Screenshots go to /tmp/framework-lab-shots10/.
 */
import { test, expect, openLab, openPanel, panelNames } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = process.env.E2E_SCREENSHOTS10 ?? "/tmp/framework-lab-shots10";
const preview = 'iframe[title="Response preview"]';
const DJANGO_ONLY = ["Middleware", "SQL", "Signals", "Forms", "Class-based view", "Auth", "CSRF", "Admin", "Database"];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function openScenario(page: Page, title: RegExp, open: RegExp): Promise<void> {
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: title }).click();
  await expect(page.getByRole("button", { name: open })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

async function go(page: Page, target: string): Promise<void> {
  await page.getByLabel("Address").fill(target);
  await page.getByRole("button", { name: "Send" }).click();
}

async function panel(page: Page, name: RegExp) {
  await openPanel(page, name);
}

async function tabNames(page: Page): Promise<string[]> {
  return panelNames(page);
}

test("flask-blueprints: sign in through the Preview; Context, URL map and Session panels; no Django-only tab", async ({ page, consoleErrors }) => {
  await openLab(page);
  await openScenario(page, /^Open Flask: blueprints/, /^Scenarios \(open: Flask: blueprints/);
  await go(page, "/auth/login");
  const frame = page.frameLocator(preview);
  await expect(frame.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await panel(page, /^URL map/);
  const match = page.locator(".urlmap .kv-section").first();
  await expect(match).toContainText("GET /auth/login");
  await expect(match.locator(".endpoint")).toHaveText("auth.login");
  await expect(match.locator('li.pattern[data-verdict="matched"]')).toContainText("/auth/login");
  await expect(match.locator('li.pattern[data-verdict="path"]').first()).toBeVisible();
  await shot(page, "01-url-map");

  await panel(page, /^Context/);
  // Push by push: the app context, the request context, then both popped in reverse order.
  const ops = page.locator(".context-panel .context-op");
  await expect(ops.locator(".badge")).toHaveText(["push", "push", "pop", "pop"]);
  await expect(ops.locator(":scope > div:first-child > span.mono.muted:not(.source)")).toHaveText(["AppContext.push", "RequestContext.push", "RequestContext.pop", "AppContext.pop"]);
  // While the request context is pushed, the request stack holds this request.
  await expect(ops.nth(1).getByLabel("request contexts stack")).toContainText("<RequestContext 'http://localhost:8000/auth/login' [GET] of app>");
  await expect(page.locator(".context-panel")).toContainText("session.get");
  await shot(page, "02-context");

  const tabs = await tabNames(page);
  for (const name of DJANGO_ONLY) expect(tabs.some((t) => t.startsWith(name)), `no ${name} tab in a Flask trace`).toBe(false);

  await frame.locator("input[name=username]").fill("ada");
  await frame.getByRole("button", { name: "Sign in" }).click();
  await expect(frame.getByRole("heading", { name: "Hello, ada!" })).toBeVisible();
  await expect(frame.getByText("Welcome, ada!")).toBeVisible();
  await expect(page.getByLabel("Address")).toHaveValue("/");
  await panel(page, /^Session/);
  await expect(page.locator(".session-panel")).toContainText("signature valid");
  await expect(page.locator(".session-panel")).toContainText('"username":"ada"');
  await shot(page, "03-signed-in-session");
  await panel(page, /^Context/);
  await expect(page.locator(".context-panel")).toContainText("g.user");

  // Another framework, then back: each loads as if first.
  await openScenario(page, /^Open Django: hello/, /^Scenarios \(open: Django: hello/);
  await go(page, "/hello/Ada/");
  await expect(page.frameLocator(preview).getByRole("heading", { name: "Hello, Ada!" })).toBeVisible();
  await openScenario(page, /^Open Flask: blueprints/, /^Scenarios \(open: Flask: blueprints/);
  await go(page, "/auth/login");
  await expect(page.frameLocator(preview).getByRole("heading", { name: "Sign in" })).toBeVisible();
  await panel(page, /^URL map/);
  await expect(page.locator(".urlmap .endpoint").first()).toHaveText("auth.login");
  expect(consoleErrors).toEqual([]);
});

/** Send `target` and return the new exchange's answer: status, content type and body. */
async function answer(page: Page, target: string): Promise<string> {
  type Hook = { __lab: { store: { getState(): { exchanges: { id: number }[] } } } };
  const last = () => page.evaluate(() => (window as unknown as Hook).__lab.store.getState().exchanges.at(-1)?.id ?? -1);
  const before = await last();
  await go(page, target);
  await expect.poll(last).not.toBe(before);
  await expect(page.getByLabel("Response status")).toBeVisible();
  return page.evaluate(() => {
    const exchanges = (window as unknown as { __lab: { store: { getState(): { exchanges: { outcome: { kind: string; result?: { response: { status: number; headers: [string, string][]; body: Uint8Array } } } }[] } } } }).__lab.store.getState().exchanges;
    const outcome = exchanges[exchanges.length - 1].outcome;
    if (outcome.kind !== "response" || !outcome.result) return `no response: ${outcome.kind}`;
    const { status, headers, body } = outcome.result.response;
    const type = headers.find(([k]) => k.toLowerCase() === "content-type")?.[1];
    return `${status} ${type}\n${new TextDecoder().decode(body)}`;
  });
}

test("switching projects back and forth in the page leaks nothing: each answers as when loaded first", async ({ page, consoleErrors }) => {
  const flask = () => openScenario(page, /^Open Flask: blueprints/, /^Scenarios \(open: Flask: blueprints/);
  const django = () => openScenario(page, /^Open Django: hello/, /^Scenarios \(open: Django: hello/);
  await openLab(page);
  await flask();
  const flask_first = await answer(page, "/extension");
  // The extension registered itself once, on this app; its config default is set.
  expect(flask_first).toMatch(/^200 application\/json\n/);
  expect(JSON.parse(flask_first.split("\n").slice(1).join("\n"))).toEqual({ registered: ["my_extension"], config_default: "Hello", greeting: "Hello, stranger!" });
  await django();
  const django_first = await answer(page, "/hello/Ada/");
  expect(django_first).toMatch(/^200 text\/html/);
  // Back and forth without sending, then send: nothing either project set up survives into the other.
  for (let i = 0; i < 2; i++) {
    await flask();
    await django();
  }
  expect(await answer(page, "/hello/Ada/")).toBe(django_first);
  await flask();
  expect(await answer(page, "/extension")).toBe(flask_first);
  await django();
  await flask();
  expect(await answer(page, "/extension")).toBe(flask_first);
  expect(consoleErrors).toEqual([]);
});
