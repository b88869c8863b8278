/** Shared e2e helpers: console-error collection and screenshots under /tmp (never in the repo). */
import { test as base, expect, type Page } from "@playwright/test";

export const SHOTS = process.env.E2E_SCREENSHOTS ?? "/tmp/framework-lab-shots";

/**
 * `offlineWorker`: let the page install its offline service worker (sw.js), which precaches the
 * whole build — only e2e/offline.spec.ts needs it; in every other test its registration is refused
 * (the page then works online, as in a browser without service workers) instead of paying for that
 * download. The Preview's own worker (preview-sw.js) always runs.
 *
 * `typescriptWorker`: let Monaco start its TypeScript worker (IntelliSense and the editor's type and
 * syntax markers over the framework's 1.4 MB of declarations) — about 2 s of CPU per page load on
 * this machine, a quarter of a typical test's. The specs about markers and IntelliSense opt in
 * (`test.use({ typescriptWorker: true })`); elsewhere the worker answers nothing, so the editor
 * shows no type squiggles while every runtime marker (a failed load or request) still appears.
 */
export const test = base.extend<{ consoleErrors: string[]; offlineWorker: boolean; typescriptWorker: boolean }>({
  offlineWorker: [false, { option: true }],
  typescriptWorker: [false, { option: true }],
  context: async ({ context, offlineWorker, typescriptWorker }, use) => {
    if (!offlineWorker) {
      // Not registered at all: an empty worker served in its place was replaced by the real sw.js
      // when the browser checked for an update on a reload (that fetch is not routed), and its "A new
      // version … has been downloaded" notice hid the notice a test was reading (course.spec.ts).
      await context.addInitScript(() => {
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = function (url: string | URL, options?: RegistrationOptions) {
          if (/(^|\/)sw\.js(\?.*)?$/.test(String(url))) return Promise.reject(new DOMException("The offline worker is left out of this test (e2e/fixtures.ts).", "SecurityError"));
          return register.call(this, url, options);
        };
      });
      await context.route(/\/sw\.js$/, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: "// The offline worker is left out of this test (e2e/fixtures.ts).\n" }));
    }
    if (!typescriptWorker) await context.route(/\/ts\.worker-[^/]*\.js$/, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: "// The TypeScript worker is left out of this test (e2e/fixtures.ts).\nself.onmessage = () => {};\n" }));
    await use(context);
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await use(errors);
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Open the page fresh and wait until the default scenario is loaded and ready to send. */
export async function openLab(page: Page, url = "/"): Promise<void> {
  await page.goto(url);
  await waitForScenario(page);
}

/**
 * Wait until the visit's scenario is open and its project loaded. "Ready" alone is not enough: the
 * runtime worker starts with the page and says Ready before the library has opened the scenario
 * (and the address bar reads "/" from the start), so an edit made through `setFile` then went into
 * the empty store and was replaced by the scenario's own files a moment later — the next Send ran
 * the original code. Once the scenario is open its project load has begun ("Loading project…"),
 * so the Ready that follows is that load's.
 */
export async function waitForScenario(page: Page): Promise<void> {
  await expect(page.locator(".scenario-button .scenario-title")).not.toHaveText(/Loading…/, { timeout: 30_000 });
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
}

type EditorHook = {
  editor: {
    getModel(): { uri: { path: string }; findMatches(s: string, a: boolean, b: boolean, c: boolean, d: null, e: boolean): { range: unknown }[] } | null;
    setSelection(range: unknown): void;
    focus(): void;
  };
  monaco: { editor: { getModelMarkers(filter: object): { startLineNumber: number; message: string; resource: { path: string } }[] } };
};

/** Wait until Monaco is up (it loads lazily, > 5 s on 2 cores: NOTES-stack trap 6). */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { __labEditor?: unknown }).__labEditor), null, { timeout: 40_000 });
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
}

/** Show a trace panel: its tab, or its entry in the More menu when the one-row tab bar has no room for it. */
export async function openPanel(page: Page, name: string | RegExp): Promise<void> {
  const tab = page.getByRole("tablist", { name: "Trace panels" }).getByRole("tab", { name });
  if (await tab.count()) return tab.first().click();
  await page.getByRole("button", { name: /^More trace panels/ }).click();
  await page.getByRole("menu", { name: "More trace panels" }).getByRole("menuitem", { name }).first().click();
}

/** Every trace panel's title, those under More included. */
export async function panelNames(page: Page): Promise<string[]> {
  const names = (await page.getByRole("tablist", { name: "Trace panels" }).getByRole("tab").allInnerTexts()).map((t) => t.split("\n")[0].replace(/\s*\d+$/, "").trim());
  const more = page.getByRole("button", { name: /^More trace panels/ });
  if (await more.count()) {
    await more.click();
    names.push(...(await page.getByRole("menu", { name: "More trace panels" }).getByRole("menuitem").allInnerTexts()).map((t) => t.split("\n")[0].replace(/\s*\d+$/, "").trim()));
    await page.keyboard.press("Escape");
  }
  return names;
}

/** Show the file tree (the sidebar starts closed at 1280 px, so that the code gets 80 columns). */
export async function showFiles(page: Page): Promise<void> {
  if (await page.getByRole("tree").count()) return;
  await page.getByRole("group", { name: "Sidebar" }).getByRole("button", { name: "Files" }).click();
  await expect(page.getByRole("tree")).toBeVisible();
}

/** Open `path` from the file tree, select the first occurrence of `text` and type `replacement` over it (insertText: trap 5). */
export async function replaceInEditor(page: Page, path: string, text: string, replacement: string): Promise<void> {
  await waitForEditor(page);
  await showFiles(page);
  await page.getByRole("tree").getByRole("button", { name: path.split("/").pop()!, exact: true }).first().click();
  await page.waitForFunction((p) => (window as unknown as { __labEditor: EditorHook }).__labEditor.editor.getModel()?.uri.path === `/${p}`, path);
  await page.evaluate((t) => {
    const { editor } = (window as unknown as { __labEditor: EditorHook }).__labEditor;
    const match = editor.getModel()!.findMatches(t, false, false, true, null, false)[0];
    if (!match) throw new Error(`"${t}" is not in the file`);
    editor.setSelection(match.range);
    editor.focus();
  }, text);
  await page.keyboard.insertText(replacement);
}

/** Monaco's markers on a file (any owner: the runtime's and the TypeScript worker's). */
export async function markersOf(page: Page, path: string): Promise<{ line: number; message: string }[]> {
  return page.evaluate((p) => {
    const { monaco } = (window as unknown as { __labEditor: EditorHook }).__labEditor;
    return monaco.editor.getModelMarkers({}).filter((m) => m.resource.path === `/${p}`).map((m) => ({ line: m.startLineNumber, message: m.message }));
  }, path);
}

type LabHook = { store: { getState(): Record<string, unknown> & { files: Record<string, string> }; setState(s: object): void } };

/** The store's state (through the test hook). */
export async function labState<T>(page: Page, pick: (s: Record<string, unknown> & { files: Record<string, string> }) => T): Promise<T> {
  // The hook is set once the app's script has run (src/ui/boot.tsx), which follows the runtime's start.
  await page.waitForFunction(() => Boolean((window as unknown as { __lab?: unknown }).__lab));
  return page.evaluate(`(${pick.toString()})(window.__lab.store.getState())`) as Promise<T>;
}

/** Replace one file through the store (fast; e2e/editor.spec.ts covers typing into Monaco). */
export async function setFile(page: Page, path: string, edit: (text: string) => string): Promise<void> {
  const text = await page.evaluate((p) => (window as unknown as { __lab: LabHook }).__lab.store.getState().files[p] ?? "", path);
  const next = edit(text);
  await page.evaluate(([p, t]) => {
    const { store } = (window as unknown as { __lab: LabHook }).__lab;
    store.setState({ files: { ...store.getState().files, [p]: t } });
  }, [path, next] as const);
}
