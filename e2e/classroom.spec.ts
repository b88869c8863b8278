/**
 * A page you can teach from (issue 15), at 1280×720 on the built page: 80 columns of code, one-row
 * tab bars, sizes and settings kept across reloads, zoom, Tab that never edits code, presenter mode
 * stepping through a request with the line highlighted in the learner's code and in the
 * framework's, the Lesson pane's Run all, the embed, the database as a file, Copy as test, Ctrl+S.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import initSqlJs from "sql.js";
import { test, expect, openLab, waitForEditor, labState, openPanel, showFiles } from "./fixtures";

type EditorHook = { editor: { getLayoutInfo(): { viewportColumn: number }; getModel(): { getValue(): string } | null; focus(): void } };

async function viewportColumns(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __labEditor: EditorHook }).__labEditor.editor.getLayoutInfo().viewportColumn);
}

/** The rendered size in CSS pixels of the screen of each text in `selector`: font size × every zoom and scale above it. */
async function smallestText(page: Page, selector: string): Promise<{ px: number; text: string }> {
  return page.evaluate((sel) => {
    let smallest = { px: Infinity, text: "" };
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement!;
        const text = (node.textContent ?? "").trim();
        if (!text || el.closest(".visually-hidden, [aria-hidden=true], .tabs-measure") || el.getClientRects().length === 0) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0 || rect.bottom < 0 || rect.top > innerHeight || rect.right < 0 || rect.left > innerWidth) continue;
        // The line box a glyph run takes on screen, from the font size scaled like the rect.
        let scale = 1;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.zoom && style.zoom !== "normal") scale *= Number(style.zoom) || 1;
          const m = /matrix\(([-\d.]+)/.exec(style.transform);
          if (m) scale *= Number(m[1]);
        }
        const px = parseFloat(getComputedStyle(el).fontSize) * scale;
        if (px < smallest.px) smallest = { px, text };
      }
    }
    return smallest;
  }, selector);
}

test("at 1280×720 the default scenario shows 80 columns of code, one-row tab bars and a wide address box", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  expect(await viewportColumns(page)).toBeGreaterThanOrEqual(80);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const tabs = page.getByRole("tablist", { name: "Trace panels" }).getByRole("tab");
  const boxes = await tabs.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
  expect(boxes.length).toBeGreaterThanOrEqual(4);
  expect(new Set(boxes.map((b) => Math.round(b.top))).size).toBe(1);
  // Panels that do not fit are one click away, under More.
  await openPanel(page, "History");
  await expect(page.getByRole("tab", { name: "History" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("button", { name: /^More trace panels/ })).toBeVisible();
  const address = await page.getByLabel("Address").boundingBox();
  expect(address!.width).toBeGreaterThan(200);
});

test("the file tree and the lesson fold away; pane sizes, wrap and font size are kept across a reload", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  await expect(page.getByRole("tree")).toHaveCount(0);
  await showFiles(page);
  await page.getByRole("group", { name: "Sidebar" }).getByRole("button", { name: "Files" }).click();
  await expect(page.getByRole("tree")).toHaveCount(0);
  // Move the editor/browser separator with the keyboard (it has an accessible name).
  const separator = page.getByRole("separator", { name: "Resize the code editor and the browser" });
  await separator.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  const editorWidth = async () => (await page.locator(".editor-pane").boundingBox())!.width;
  const narrowed = await editorWidth();
  await page.getByRole("button", { name: "Wrap" }).click();
  await page.getByRole("button", { name: "Larger code font" }).click();
  await expect(page.getByLabel("Code font size")).toHaveText("14px");
  await page.reload();
  await waitForEditor(page);
  expect(Math.abs((await editorWidth()) - narrowed)).toBeLessThan(3);
  await expect(page.getByRole("button", { name: "Wrap" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Code font size")).toHaveText("14px");
});

test("Ctrl+= and Ctrl+- zoom the whole page, the editor included; Ctrl+0 resets", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  const lineHeight = () => page.locator(".monaco-editor .view-line").first().evaluate((e) => e.getBoundingClientRect().height);
  const before = await lineHeight();
  const sendBefore = (await page.getByRole("button", { name: "Send" }).boundingBox())!.height;
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+=");
  await page.keyboard.press("Control+=");
  expect(await labState(page, (s) => (s.prefs as { zoom: number }).zoom)).toBe(1.25);
  await expect.poll(lineHeight).toBeGreaterThan(before * 1.2);
  expect((await page.getByRole("button", { name: "Send" }).boundingBox())!.height).toBeGreaterThan(sendBefore * 1.2);
  await page.keyboard.press("Control+-");
  expect(await labState(page, (s) => (s.prefs as { zoom: number }).zoom)).toBe(1.1);
  await page.keyboard.press("Control+0");
  expect(await labState(page, (s) => (s.prefs as { zoom: number }).zoom)).toBe(1);
});

test("Tab never edits code: it moves focus out of the editor, and indents only after Ctrl+M, which is announced", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  const code = () => page.evaluate(() => (window as unknown as { __labEditor: EditorHook }).__labEditor.editor.getModel()!.getValue());
  const before = await code();
  await page.locator(".monaco-editor .view-lines").click();
  await expect(page.locator(".announcer")).toContainText("Tab moves focus out of the editor");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  expect(await code()).toBe(before);
  expect(await page.evaluate(() => !!document.activeElement?.closest(".monaco-editor"))).toBe(false);
  // The explicit choice: Ctrl+M in the editor, said out loud; Tab then indents; Ctrl+M again gives Tab back.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+m");
  await expect(page.locator(".announcer")).toContainText("Tab now indents code");
  await page.keyboard.press("Tab");
  expect(await code()).not.toBe(before);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+m");
  await expect(page.locator(".announcer")).toContainText("Tab now moves focus");
  expect(await code()).toBe(before);
});

test("Tab alone reaches Send and the trace panels from the top of the page, and never enters the code", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  const before = await page.evaluate(() => (window as unknown as { __labEditor: EditorHook }).__labEditor.editor.getModel()!.getValue());
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.getAttribute("role") ?? el?.tagName.toLowerCase()}:${el?.getAttribute("aria-label") ?? el?.textContent?.trim().slice(0, 30) ?? ""}`;
    }));
  }
  expect(seen).toContain("button:Send");
  expect(seen.some((s) => s.startsWith("tab:") && /Flow|Step/.test(s))).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __labEditor: EditorHook }).__labEditor.editor.getModel()!.getValue())).toBe(before);
});

test("presenter mode steps through a request with the keyboard, highlighting the learner's line and the framework's, text ≥ 16 px", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByLabel("Address").fill("/hello/Ada/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByRole("button", { name: "Presenter" }).click();
  await expect(page).toHaveURL(/\?present$/);
  const position = page.getByLabel("Step position");
  await expect(position).toHaveText(/^Step 1 of \d+$/);
  await waitForEditor(page);
  const total = Number((await position.textContent())!.match(/of (\d+)/)![1]);
  // Walk with → (a clicker's PageDown works the same) to the URL pattern that matched.
  const now = page.getByLabel("Current step");
  for (let i = 0; i < total && !(await now.textContent())!.includes("<str:name>/"); i++) await page.keyboard.press(i % 2 ? "ArrowRight" : "PageDown");
  await expect(now).toContainText("Your code: hello/urls.ts:");
  await expect(page.getByTestId("framework-file")).toHaveText(/^django\/urls\/resolvers\.ts:\d+$/);
  await expect(page.locator(".presenter-code .step-line")).toHaveCount(1);
  await expect(page.locator(".framework-source .step-line")).toHaveCount(1);
  await expect(page.locator(".flow.spotlight .flow-node.selected")).toContainText("URL resolver");
  // On to the view: the learner's function and the handler method that called it.
  for (let i = 0; i < total && !(await now.textContent())!.includes("hello.views.greet"); i++) await page.keyboard.press("ArrowRight");
  await expect(now).toContainText("Your code: hello/views.ts:");
  await expect(page.getByTestId("framework-file")).toHaveText(/^django\/core\/handlers\/base\.ts:\d+$/);
  const selectedLine = await page.locator(".framework-source .view-line").evaluateAll((lines) => lines.map((l) => l.textContent ?? "").find((t) => t.includes("_get_response(")));
  expect(selectedLine).toBeTruthy();
  // Sized for the room: the step view and the flow graph draw no text under 16 px at 1280×720.
  const smallest = await smallestText(page, ".presenter-steps");
  expect(smallest.px, `smallest text: "${smallest.text}"`).toBeGreaterThanOrEqual(16);
  await page.keyboard.press("Home");
  await expect(position).toHaveText(`Step 1 of ${total}`);
  await page.getByRole("button", { name: "Exit presenter" }).click();
  await expect(page).not.toHaveURL(/present/);
  expect(consoleErrors).toEqual([]);
});

test("?present opens presenter mode directly", async ({ page }) => {
  await page.goto("/?present");
  await expect(page.getByRole("button", { name: "Exit presenter" })).toBeVisible();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveCount(0);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Step position")).toHaveText(/^Step 1 of \d+$/, { timeout: 30_000 });
});

test("the Lesson pane: the lesson's Markdown, the scripted requests, and Run all on wsgi-hello with every check ✓", async ({ page }) => {
  await openLab(page, "/?scenario=wsgi-hello");
  await page.getByRole("group", { name: "Sidebar" }).getByRole("button", { name: "Lesson" }).click();
  const lesson = page.locator(".lesson");
  await expect(lesson.locator(".lesson-text strong", { hasText: "bytes" })).toBeVisible();
  await expect(lesson.locator(".lesson-text code", { hasText: "start_response" }).first()).toBeVisible();
  await expect(lesson.getByText("A private window: no cookie, so 401.")).toBeVisible();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByRole("status", { name: "Run all result" })).toHaveText("4 of 4 checks passed.", { timeout: 30_000 });
  await expect(lesson.locator(".check-passed")).toHaveCount(4);
  await expect(lesson.locator(".check-failed")).toHaveCount(0);
  // The private window's request is the one shown last: 401, sent with no cookie.
  await expect(page.getByLabel("Response status")).toHaveText(/^401/);
  await expect(page.locator(".response-status .badge", { hasText: "private window" })).toBeVisible();
  const exchanges = await labState(page, (s) => (s.exchanges as { request: { headers: [string, string][] } }[]).map((e) => e.request.headers.some(([k]) => k.toLowerCase() === "cookie")));
  expect(exchanges).toEqual([false, false, true, false]);
  // The URLs panel of this raw WSGI app names its own routes and the match, not "No pattern matched".
  await openPanel(page, /^URLs/);
  await expect(page.locator(".urls")).toContainText("GET /hello");
  await expect(page.locator(".urls .result.ok")).toContainText("Matched GET /profile");
  await expect(page.locator(".urls")).not.toContainText("No pattern matched");
});

test("?embed shows one scenario compactly (Preview, Flow, Step), links to the full page and saves nothing", async ({ page }) => {
  await page.goto("/?embed&scenario=wsgi-hello");
  await expect(page.locator(".embed-title")).toHaveText(/Hello, WSGI/);
  await expect(page.getByRole("link", { name: "Open in Framework Lab" })).toHaveAttribute("href", /\?scenario=wsgi-hello$/);
  await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
  await expect(page.locator(".flow-node").first()).toBeVisible();
  await page.getByRole("tab", { name: "Step" }).click();
  await expect(page.getByLabel("Step position")).toHaveText(/^Step 1 of/);
  const drafts = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open("framework-lab");
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("drafts")) return resolve(0);
          const count = db.transaction("drafts").objectStore("drafts").count();
          count.onsuccess = () => resolve(count.result);
        };
        request.onerror = () => resolve(-1);
      }),
  );
  expect(drafts).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem("framework-lab:prefs"))).toBeNull();
});

test("the database downloads as a .sqlite file SQLite opens, and uploads back; another file is refused with the reason", async ({ page }) => {
  await openLab(page, "/?scenario=blog-orm");
  await openPanel(page, "Database");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .sqlite" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.sqlite$/);
  const bytes = await readFile(await download.path());
  const SQL = await initSqlJs();
  const db = new SQL.Database(bytes);
  expect(db.exec("PRAGMA integrity_check")[0].values).toEqual([["ok"]]);
  const posts = Number(db.exec("SELECT count(*) FROM blog_post")[0].values[0][0]);
  expect(posts).toBeGreaterThan(0);
  // Back in, with one post fewer: the panel shows the uploaded file's rows.
  db.run("DELETE FROM blog_post WHERE id = (SELECT max(id) FROM blog_post)");
  await page.getByLabel("SQLite file to upload").setInputFiles({ name: "edited.sqlite", mimeType: "application/vnd.sqlite3", buffer: Buffer.from(db.export()) });
  await expect(page.getByText("The database is now edited.sqlite.")).toBeVisible();
  await expect(page.getByRole("button", { name: new RegExp(`^blog_post\\s*${posts - 1} rows`) })).toBeVisible();
  await page.getByLabel("SQLite file to upload").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello ".repeat(40)) });
  await expect(page.locator(".notice")).toContainText('notes.txt was not loaded: it is not a SQLite database (it does not start with "SQLite format 3"). The database is unchanged.');
});

test("Copy as test puts a Django TestCase for the selected request on the clipboard; Ctrl+S shares", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await openLab(page);
  await page.getByLabel("Address").fill("/hello/Ada/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByRole("button", { name: "Copy as test" }).click();
  await expect(page.locator(".notice")).toContainText("Copied a Django TestCase for GET /hello/Ada/");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("class GetHelloAdaTests(TestCase):");
  expect(copied).toContain('response = self.client.get("/hello/Ada/")');
  expect(copied).toContain("self.assertEqual(response.status_code, 200)");
  expect(copied).toContain("self.assertEqual(response.content.decode(), \"<h1>Hello, Ada!</h1>");
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("dialog", { name: "Share this scenario" })).toBeVisible();
});

test("nothing says 'storage unavailable' while the page starts", async ({ page }) => {
  const seen: string[] = [];
  await page.exposeFunction("__seen", (t: string) => seen.push(t));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      const text = document.querySelector(".save-state")?.textContent;
      if (text) (window as unknown as { __seen: (t: string) => void }).__seen(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await openLab(page);
  await page.waitForTimeout(500);
  expect(seen.filter((t) => t.includes("unavailable"))).toEqual([]);
});

test("the Errors panel says an exception Django caught was caught, not that the request failed", async ({ page }) => {
  await openLab(page);
  await page.getByLabel("Address").fill("/nope/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^404/);
  await openPanel(page, /^Errors/);
  const cards = page.locator(".errors .error-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText("Handled: turned into a 404 response");
  await expect(cards.nth(1)).toContainText("Caught inside the framework by resolver resolve /nope/");
  await expect(page.locator(".errors h3.error-text")).toHaveCount(0);
});
