/**
 * Issue 12, item 4: errors point at the learner's code. A runtime error in a view and a
 * NoReverseMatch in an included template each put a marker on the right line of the right file,
 * and the Errors panel names that place; framework frames show framework source paths, never the
 * bundle's URL.
 */
import { test, expect, openLab, waitForEditor, setFile, markersOf, openPanel, shot } from "./fixtures";

// Markers and IntelliSense come from Monaco's TypeScript worker (left out of other specs: fixtures.ts).
test.use({ typescriptWorker: true });

async function send(page: import("@playwright/test").Page, target: string): Promise<void> {
  await page.getByLabel("Address").fill(target);
  await page.getByRole("button", { name: "Send" }).click();
}

test("a runtime error in a view: marker on the view's line, the Errors panel names it", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  // hello/views.ts line 19 is `console.log("greeting", name);` in greet().
  await setFile(page, "hello/views.ts", (text) => {
    const lines = text.split("\n");
    expect(lines[18]).toContain('console.log("greeting", name);');
    lines[18] = "  const initial = name.first.toUpperCase();";
    return lines.join("\n");
  });
  await send(page, "/hello/Ada/");
  await expect(page.getByLabel("Response status")).toHaveText(/^500/);
  await expect.poll(async () => (await markersOf(page, "hello/views.ts")).filter((m) => m.message.startsWith("TypeError")).map((m) => m.line), { timeout: 30_000 }).toEqual([19]);
  await openPanel(page, /^Errors/);
  const panel = page.locator(".errors");
  await expect(panel.getByRole("button", { name: /^hello\/views\.ts:19/ }).first()).toBeVisible();
  // The technical 500 page's traceback: framework frames by their source path, no bundle URL.
  const body = await page.frameLocator('iframe[title="Response preview"]').locator("body").innerText();
  expect(body).toContain("hello/views.ts");
  expect(body).toMatch(/django\/core\/handlers\/[a-z_]+\.ts/);
  expect(body).not.toMatch(/assets\/[\w-]+\.js/);
  await shot(page, "12-runtime-error-marker");
});

test("a NoReverseMatch in an included template: marker on the tag's line of the included file", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  await setFile(page, "project/settings.ts", (text) => `${text}\nexport const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true, OPTIONS: {} }];\n`);
  await setFile(page, "hello/templates/hello/page.html", () => "<h1>Page</h1>\n{% include \"hello/part.html\" %}\n<p>end</p>\n");
  await setFile(page, "hello/templates/hello/part.html", () => "<ul>\n  <li>one</li>\n  <li><a href=\"{% url 'hello:nowhere' %}\">two</a></li>\n</ul>\n");
  await setFile(page, "hello/views.ts", (text) =>
    text.replace('import { reverse } from "django/urls";', 'import { reverse } from "django/urls";\nimport { render } from "django/shortcuts";').replace(
      "export function missing(request) {",
      'export function page(request) {\n  return render(request, "hello/page.html");\n}\n\nexport function missing(request) {',
    ),
  );
  await setFile(page, "hello/urls.ts", (text) => text.replace('path("missing/", views.missing, { name: "missing" }),', 'path("missing/", views.missing, { name: "missing" }),\n  path("page/", views.page, { name: "page" }),'));
  await send(page, "/hello/page/");
  await expect(page.getByLabel("Response status")).toHaveText(/^500/);
  await expect.poll(async () => (await markersOf(page, "hello/templates/hello/part.html")).map((m) => [m.line, m.message.split(":")[0]]), { timeout: 30_000 }).toEqual([[3, "NoReverseMatch"]]);
  expect((await markersOf(page, "hello/templates/hello/page.html")).length).toBe(0);
  await openPanel(page, /^Errors/);
  await expect(page.locator(".errors").getByRole("button", { name: /^hello\/templates\/hello\/part\.html:3/ }).first()).toBeVisible();
  // Django's debug page names the template and the line of the failing tag.
  const body = await page.frameLocator('iframe[title="Response preview"]').locator("body").innerText();
  expect(body).toContain("In template hello/templates/hello/part.html, error at line 3");
  await shot(page, "12-template-error-marker");
});
