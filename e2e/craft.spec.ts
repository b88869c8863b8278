/** Craft: accessible names and keyboard reach for every control, focus back from the Preview, the narrow layout. */
import { test, expect, openLab, openPanel, panelNames } from "./fixtures";
import type { Page } from "@playwright/test";

const INTERACTIVE = new Set(["button", "textbox", "combobox", "checkbox", "tab", "link", "menuitem", "slider", "spinbutton", "searchbox", "radio", "switch", "treeitem", "listbox"]);

type AXValue = { value?: unknown };
type AXNode = { nodeId: string; ignored: boolean; role?: AXValue; name?: AXValue; properties?: { name: string; value: AXValue }[] };

/** Controls of the page (not the Preview frame's content) without an accessible name, or that the keyboard cannot reach. */
async function audit(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const problems: string[] = [];
  for (const node of nodes) {
    const role = String(node.role?.value ?? "");
    if (node.ignored || !INTERACTIVE.has(role)) continue;
    const prop = (n: string) => node.properties?.find((p) => p.name === n)?.value.value;
    if (prop("hidden") === true) continue;
    const name = String(node.name?.value ?? "").trim();
    if (!name) problems.push(`${role} without a name`);
    // A tab in a tablist is reached with the arrow keys from the selected one (roving tabindex).
    if (prop("focusable") !== true && prop("disabled") !== true && role !== "treeitem") problems.push(`${role} "${name}" cannot be focused`);
  }
  return problems;
}

test("every control has an accessible name and is reachable by keyboard, in every panel", async ({ page }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const problems = new Set(await audit(page));
  for (const name of await panelNames(page)) {
    await openPanel(page, new RegExp(`^${name}`));
    await page.waitForTimeout(150);
    for (const p of await audit(page)) problems.add(`${name}: ${p}`);
  }
  for (const name of ["Headers", "Body", "Cookies"]) {
    await page.getByRole("tablist", { name: "Request parts" }).getByRole("tab", { name }).click();
    for (const p of await audit(page)) problems.add(`request ${name}: ${p}`);
  }
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  for (const p of await audit(page)) problems.add(`gallery: ${p}`);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Share" }).click();
  for (const p of await audit(page)) problems.add(`share: ${p}`);
  expect([...problems]).toEqual([]);
});

test("the keyboard in the Preview: Enter on a link navigates and the address bar follows; Escape returns to the Preview tab", async ({ page }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  const preview = page.frameLocator('iframe[title="Response preview"]');
  await preview.getByRole("link", { name: "/hello/Ada/" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Address")).toHaveValue("/hello/Ada/");
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await preview.locator("body").click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tablist", { name: "Response view" }).getByRole("tab", { name: "Preview" })).toBeFocused();
});

test("a narrow screen (420 px): the header reads, the panes become tabs", async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 800 });
  await openLab(page);
  const header = page.locator("header.header");
  const overflow = await header.evaluate((h) => h.scrollWidth - h.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of [/^Scenarios/, /^Share$/]) await expect(page.getByRole("button", { name })).toBeInViewport();
  await expect(page.getByRole("status", { name: "Runtime status" })).toBeInViewport();
  const panes = page.getByRole("tablist", { name: "Panes" });
  await expect(panes.getByRole("tab", { name: "Browser" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await panes.getByRole("tab", { name: "Trace" }).click();
  await expect(page.locator(".flow-node").first()).toBeVisible();
});
