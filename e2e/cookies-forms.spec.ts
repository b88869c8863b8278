/** Cookies carried and shown; forms submitted inside the Preview become traced requests (GET and POST, urlencoded). */
import { test, expect, openLab, setFile, labState, shot, openPanel } from "./fixtures";

const preview = 'iframe[title="Response preview"]';

test("a Set-Cookie is carried on the next request and shown in the Cookies tab and the jar", async ({ page, consoleErrors }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) =>
    t.replace(
      "export function index(request) {",
      `export function index(request) {
  const visits = Number(request.COOKIES.visits ?? "0") + 1;
  if (visits > 1) {
    const again = new HttpResponse(\`<p id="visits">visit \${visits}</p>\`);
    again.set_cookie("visits", String(visits), { path: "/", httponly: true });
    return again;
  }
  const first = new HttpResponse('<p id="visits">visit 1</p>');
  first.set_cookie("visits", "1", { path: "/", httponly: true });
  return first;
}
export function old_index(request) {`,
    ),
  );
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator(preview).locator("#visits")).toHaveText("visit 1");
  await page.getByRole("tab", { name: "Cookies", exact: true }).last().click();
  await expect(page.locator(".kv-section", { hasText: "Response cookies" })).toContainText("visits");
  await expect(page.locator(".kv-section", { hasText: "Request cookies" })).toContainText("No cookies were sent.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator(".kv-section", { hasText: "Request cookies" })).toContainText("visits");
  await expect(page.locator(".kv-section", { hasText: "Response cookies" })).toContainText("2");
  // The jar (request editor's Cookies tab) holds it, editable.
  await page.getByRole("tablist", { name: "Request parts" }).getByRole("tab", { name: /^Cookies/ }).click();
  await expect(page.getByLabel("Value of cookie visits")).toHaveValue("2");
  await shot(page, "17-cookies");
  await page.getByLabel("Value of cookie visits").fill("41");
  await page.getByRole("tab", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator(preview).locator("#visits")).toHaveText("visit 42");
  await page.getByRole("button", { name: "Clear all cookies" }).click();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator(preview).locator("#visits")).toHaveText("visit 1");
  expect(consoleErrors).toEqual([]);
});

test("forms submitted inside the Preview become new traced requests (GET and POST)", async ({ page, consoleErrors }) => {
  await openLab(page);
  // GET: the django-hello /hello/ page has a GET form.
  await page.getByLabel("Address").fill("/hello/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.frameLocator(preview).locator("p")).toHaveText("Hello, World!");
  await page.frameLocator(preview).locator("input[name=name]").fill("Grace Hopper");
  await page.frameLocator(preview).getByRole("button", { name: "Greet" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/hello/?name=Grace+Hopper");
  await expect(page.frameLocator(preview).locator("p")).toHaveText("Hello, Grace Hopper!");
  expect(await labState(page, (s) => (s.exchanges as { initiator: string }[]).map((e) => e.initiator))).toEqual(["address", "form"]);
  await expect(page.locator(".flow-node", { hasText: "greet_form" })).toBeVisible();

  // POST, urlencoded: a view that shows a form posting to itself and echoes request.POST.
  await setFile(page, "hello/views.ts", (t) =>
    t.replace(
      "export function greet_form(request) {",
      `export function greet_form(request) {
  if (request.method === "POST") return new HttpResponse(\`<p id="posted">\${request.POST.get("topic")} / \${request.POST.get("level")} / \${request.headers.get("Content-Type")}</p>\`);
  return new HttpResponse('<form method="post" action="/hello/"><input name="topic" value="a&b=c"><select name="level"><option>intro</option><option selected>deep</option></select><button>Post it</button></form>');
}
export function old_greet_form(request) {`,
    ),
  );
  const sent = await labState(page, (s) => (s.exchanges as unknown[]).length);
  await page.getByLabel("Address").fill("/hello/");
  await page.getByRole("button", { name: "Send" }).click();
  // Click only once the new page is in the Preview (its bridge script attached), not the old one.
  await expect.poll(() => labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(sent + 1);
  await page.frameLocator(preview).getByRole("button", { name: "Post it" }).click();
  await expect(page.frameLocator(preview).locator("#posted")).toHaveText("a&b=c / deep / application/x-www-form-urlencoded");
  const last = await labState(page, (s) => {
    const list = s.exchanges as { initiator: string; request: { method: string; body: string } }[];
    return list[list.length - 1];
  });
  expect(last.initiator).toBe("form");
  expect(last.request.method).toBe("POST");
  expect(last.request.body).toBe("topic=a%26b%3Dc&level=deep");
  await openPanel(page, "History");
  await expect(page.locator(".history-item").first()).toContainText("POST");
  await shot(page, "18-form-post");
  expect(consoleErrors).toEqual([]);
});
