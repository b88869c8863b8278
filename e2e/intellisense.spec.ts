/** IntelliSense from the framework's own source: declarations generated at build time, registered with Monaco. */
import { test, expect, openLab, waitForEditor, markersOf, showFiles } from "./fixtures";

// Markers and IntelliSense come from Monaco's TypeScript worker (left out of other specs: fixtures.ts).
test.use({ typescriptWorker: true });

type Hook = {
  __labEditor: {
    frameworkTypes: Promise<number>;
    editor: { getModel(): { getLineCount(): number; getLineMaxColumn(n: number): number } | null; setPosition(p: object): void; focus(): void; trigger(s: string, id: string, a: object): void };
  };
};

test("typing in a view offers the framework's names and members (HttpRes → HttpResponse, .set_c → set_cookie)", async ({ page }) => {
  await openLab(page);
  await waitForEditor(page);
  await showFiles(page);
  await page.getByRole("tree").getByRole("button", { name: "views.ts", exact: true }).first().click();
  const libs = await page.evaluate(() => (window as unknown as Hook).__labEditor.frameworkTypes);
  expect(libs).toBeGreaterThan(50);
  // The scenario's own code stays quiet: no TypeScript complaints on the lesson as shipped.
  await page.waitForTimeout(1500);
  expect((await markersOf(page, "hello/views.ts")).map((m) => `${m.line}: ${m.message}`)).toEqual([]);
  const atEnd = () =>
    page.evaluate(() => {
      const { editor } = (window as unknown as Hook).__labEditor;
      const model = editor.getModel()!;
      const line = model.getLineCount();
      editor.setPosition({ lineNumber: line, column: model.getLineMaxColumn(line) });
      editor.focus();
    });
  await atEnd();
  await page.keyboard.insertText("\nexport function typed(request) {\n  return new HttpRes");
  await page.evaluate(() => (window as unknown as Hook).__labEditor.editor.trigger("e2e", "editor.action.triggerSuggest", {}));
  const suggest = page.locator(".monaco-editor .suggest-widget");
  await expect(suggest.getByRole("option", { name: /^HttpResponse\b/ }).first()).toBeVisible({ timeout: 40_000 });
  await page.keyboard.press("Escape");
  await page.keyboard.insertText('ponse("hi").set_c');
  await page.evaluate(() => (window as unknown as Hook).__labEditor.editor.trigger("e2e", "editor.action.triggerSuggest", {}));
  await expect(suggest.getByRole("option", { name: /^set_cookie\b/ }).first()).toBeVisible({ timeout: 40_000 });
});
