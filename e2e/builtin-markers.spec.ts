/**
 * Issue 12 / 15: every built-in scenario, opened unchanged, shows no error marker in the editor —
 * no "Cannot find module './views'" on code that runs fine. Waits for the framework declarations
 * and the TypeScript worker, then reads every model's markers.
 */
import { test, expect, openLab, waitForEditor } from "./fixtures";

// Markers and IntelliSense come from Monaco's TypeScript worker (left out of other specs: fixtures.ts).
test.use({ typescriptWorker: true });

type Hook = {
  __labEditor: {
    frameworkTypes: Promise<number>;
    monaco: { editor: { getModels(): { uri: { path: string } }[]; getModelMarkers(filter: object): { startLineNumber: number; message: string; resource: { path: string } }[] } };
  };
};

async function allMarkers(page: import("@playwright/test").Page): Promise<string[]> {
  return page.evaluate(async () => {
    const { monaco, frameworkTypes } = (window as unknown as Hook).__labEditor;
    await frameworkTypes;
    return monaco.editor.getModelMarkers({}).map((m) => `${m.resource.path}:${m.startLineNumber}: ${m.message}`);
  });
}

test("every built-in scenario opens with no error marker in the editor", async ({ page }) => {
  test.setTimeout(240_000);
  await openLab(page);
  await waitForEditor(page);
  const titles: string[] = await page.evaluate(() => (window as unknown as { __lab: { store: { getState(): { scenarios: { title: string }[] } } } }).__lab.store.getState().scenarios.map((s) => s.title));
  expect(titles.length).toBeGreaterThanOrEqual(8);
  const found: Record<string, string[]> = {};
  for (const title of titles) {
    await page.getByRole("button", { name: /^Scenarios \(open:/ }).click();
    await page.getByRole("button", { name: `Open ${title}` }).click();
    await expect(page.getByRole("button", { name: `Scenarios (open: ${title})` })).toBeVisible();
    await waitForEditor(page);
    // The TypeScript worker checks each model after it changes: give it time, then read twice.
    await page.waitForTimeout(4_000);
    await expect.poll(() => allMarkers(page), { timeout: 30_000, intervals: [2_000] }).toEqual(await allMarkers(page));
    const markers = await allMarkers(page);
    if (markers.length) found[title] = markers;
  }
  expect(found).toEqual({});
});
