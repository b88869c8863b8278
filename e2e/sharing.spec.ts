/** Scenarios and sharing: the gallery, permalinks (round trip, damaged, newer), long-link warning, files, drafts and resets. */
import { readFile } from "node:fs/promises";
import { test, expect, openLab, labState, setFile, shot, showFiles } from "./fixtures";
import { builtin_scenario_names } from "../src/scenarios";

const EDIT = "<h1>Shared from class</h1>";

test("a permalink round-trips into a fresh browser context: files, requests, selected request and step", async ({ page, browser, consoleErrors }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace("<h1>Framework Lab</h1>", EDIT));
  await page.getByLabel("Scripted requests").selectOption({ index: 1 });
  await expect(page.getByLabel("Address")).toHaveValue("/hello/Ada/");
  await page.evaluate(() => (window as unknown as { __lab: { store: { setState(s: object): void } } }).__lab.store.setState({ step: 4 }));
  await page.getByRole("button", { name: "Share" }).click();
  const url = await page.getByLabel("Permalink").inputValue();
  expect(url).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
  expect(page.url()).toBe(url);
  await shot(page, "11-share");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const otherErrors: string[] = [];
  other.on("console", (m) => m.type() === "error" && otherErrors.push(m.text()));
  await other.goto(url);
  await expect(other.locator(".notice")).toContainText("Opened a shared link as a new draft");
  await expect(other.getByLabel("Address")).toHaveValue("/hello/Ada/");
  await expect(other.getByLabel("Scripted requests")).toHaveValue("1");
  expect(await labState(other, (s) => s.files["hello/views.ts"])).toContain(EDIT);
  expect(await labState(other, (s) => (s.scenario as { requests: unknown[] }).requests.length)).toBe(7);
  expect(other.url()).not.toContain("#v1.");
  // A link runs nothing until the learner presses Send.
  await expect(other.locator(".notice")).toContainText("Nothing has run yet");
  await expect(other.getByRole("status", { name: "Runtime status" })).toHaveText("Not run yet");
  await other.getByRole("button", { name: "Send" }).click();
  await expect(other.getByLabel("Response status")).toHaveText(/^200/);
  expect(await labState(other, (s) => s.step)).toBe(4);
  await other.getByLabel("Address").fill("/");
  await other.getByRole("button", { name: "Send" }).click();
  await expect(other.frameLocator('iframe[title="Response preview"]').locator("h1")).toHaveText("Shared from class");
  expect(otherErrors).toEqual([]);
  await fresh.close();
  expect(consoleErrors).toEqual([]);
});

test("a damaged or newer-version link shows a clear error and the saved draft is intact", async ({ page }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace("<h1>Framework Lab</h1>", "<h1>My saved work</h1>"));
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  await page.getByRole("button", { name: "Share" }).click();
  const url = await page.getByLabel("Permalink").inputValue();
  await page.getByRole("button", { name: "Close dialog" }).click();

  // Cut off: pasted into the open page (a hash change) and opened fresh.
  await page.goto(url.slice(0, Math.floor(url.length * 0.6)));
  await expect(page.locator(".notice[role=alert]")).toContainText("This link is damaged");
  await expect(page.locator(".notice[role=alert]")).toContainText("Nothing was changed");
  expect(await labState(page, (s) => s.files["hello/views.ts"])).toContain("My saved work");
  await shot(page, "12-damaged-link");
  await page.goto("about:blank");
  await page.goto(url.replace("#v1.", "#v7."));
  await expect(page.locator(".notice[role=alert]")).toContainText("newer version of Framework Lab");
  await expect.poll(() => labState(page, (s) => s.files["hello/views.ts"] ?? "")).toContain("My saved work");
  await expect(page.locator(".notice")).toContainText("newer version");
  // The edits are still saved: a plain reload brings them back.
  await page.goto("/");
  await expect.poll(() => labState(page, (s) => s.files["hello/views.ts"] ?? "")).toContain("My saved work");
});

test("the gallery lists the built-ins, restores edits, and resets a file and the scenario", async ({ page, consoleErrors }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace("<h1>Framework Lab</h1>", "<h1>Edited</h1>"));
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  const gallery = page.getByRole("dialog", { name: "Scenarios" });
  await expect(gallery.locator(".gallery-card")).toHaveCount(builtin_scenario_names().length);
  await expect(gallery.locator(".gallery-card", { hasText: "Django: hello" })).toContainText("your edits saved");
  await shot(page, "13-gallery");
  await gallery.getByRole("button", { name: /^Open Hello, WSGI/ }).click();
  await expect(gallery).toBeHidden();
  await expect(page.getByRole("button", { name: /^Scenarios \(open: Hello, WSGI/ })).toBeVisible();
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("button", { name: /^Open Django/ }).click();
  await expect(page.locator(".notice")).toContainText("Your edits to this scenario were restored");
  expect(await labState(page, (s) => s.files["hello/views.ts"])).toContain("<h1>Edited</h1>");
  await showFiles(page);
  await page.getByRole("tree").getByRole("button", { name: "views.ts" }).click();
  await page.getByRole("button", { name: "Reset file to original" }).click();
  expect(await labState(page, (s) => s.files["hello/views.ts"])).toContain("<h1>Framework Lab</h1>");
  await setFile(page, "project/urls.ts", (t) => t + "\n// edited\n");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: /^Reset all files/ }).click();
  expect(await labState(page, (s) => s.files["project/urls.ts"])).not.toContain("// edited");
  expect(consoleErrors).toEqual([]);
});

test("a long link warns and offers the scenario as a file, which opens again as a new draft", async ({ page }) => {
  await openLab(page);
  // Incompressible text: random characters.
  const noise = await page.evaluate(() => Array.from(crypto.getRandomValues(new Uint8Array(9000)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join(""));
  await setFile(page, "notes.md", () => noise);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this scenario" });
  await expect(dialog.getByRole("alert")).toContainText("longer than 8,000 characters");
  await shot(page, "14-long-link");
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download scenario (.json)" }).click()]);
  const path = await download.path();
  const text = await readFile(path, "utf8");
  expect(JSON.parse(text).files["notes.md"]).toBe(noise);
  await dialog.getByLabel("Scenario file to open").setInputFiles({ name: "lesson.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.locator(".notice")).toContainText("Opened lesson.json as a new draft");
  expect(await labState(page, (s) => String(s.scenarioId))).toMatch(/^file-/);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await expect(page.getByRole("list", { name: "Your drafts" }).locator("li")).toHaveCount(1);
  await page.keyboard.press("Escape");
  // A file that is not a scenario changes nothing.
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByLabel("Scenario file to open").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"format":"other"}') });
  await expect(page.getByRole("alert").first()).toContainText("bad.json is not a Framework Lab scenario");
});
