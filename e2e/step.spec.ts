/** Step (classroom mode) and History exports. */
import { readFile } from "node:fs/promises";
import { test, expect, openLab, waitForEditor, labState, shot, openPanel } from "./fixtures";

test("the Step panel replays a request span by span with buttons and arrow keys, highlighting node and line", async ({ page, consoleErrors }) => {
  await openLab(page);
  await page.getByLabel("Address").fill("/hello/Ada/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await waitForEditor(page);
  await openPanel(page, /^Step/);
  const position = page.getByLabel("Step position");
  await expect(position).toHaveText(/^Step 1 of \d+$/);
  const total = Number((await position.textContent())!.match(/of (\d+)/)![1]);
  await expect(page.locator(".flow-node.selected")).toHaveCount(1);
  await expect(page.locator(".flow-node.selected")).toContainText("Client");
  await page.getByRole("button", { name: "Next step" }).click();
  await expect(position).toHaveText(`Step 2 of ${total}`);
  await page.getByRole("button", { name: "Next step" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(position).toHaveText(`Step 3 of ${total}`);
  await page.keyboard.press("ArrowLeft");
  await expect(position).toHaveText(`Step 2 of ${total}`);
  // Walk to the view: its node is highlighted and its line is marked in the editor.
  for (let i = 0; i < total; i++) {
    if (((await page.locator(".step-now strong").textContent()) ?? "").includes("greet")) break;
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.locator(".flow-node.selected")).toContainText("greet");
  await expect(page.locator(".step-now")).toContainText("Your code: hello/views.ts:");
  await expect(page.locator(".monaco-editor .step-line")).toHaveCount(1);
  expect(await labState(page, (s) => (s.stepLine as { file: string } | null)?.file)).toBe("hello/views.ts");
  await shot(page, "15-step");
  await page.keyboard.press("End");
  await expect(position).toHaveText(`Step ${total} of ${total}`);
  await expect(page.getByRole("button", { name: "Next step" })).toBeDisabled();
  await page.keyboard.press("Home");
  await expect(position).toHaveText(`Step 1 of ${total}`);
  expect(consoleErrors).toEqual([]);
});

test("History exports the selected trace as Perfetto JSON and the session as HAR 1.2", async ({ page }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByLabel("Address").fill("/hello/old/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Address")).toHaveValue("/hello/again/");
  await openPanel(page, "History");
  const [traceFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export trace (Perfetto JSON)" }).click()]);
  const trace = JSON.parse(await readFile(await traceFile.path(), "utf8"));
  expect(trace.traceEvents.length).toBeGreaterThan(5);
  expect(trace.traceEvents[0]).toMatchObject({ ph: "X", cat: "request", name: "GET /hello/again/" });
  const [harFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export session (HAR)" }).click()]);
  const har = JSON.parse(await readFile(await harFile.path(), "utf8"));
  expect(har.log.version).toBe("1.2");
  expect(har.log.entries.map((e: { response: { status: number } }) => e.response.status)).toEqual([200, 302, 200]);
  expect(har.log.entries[1].response.redirectURL).toBe("/hello/again/");
});
