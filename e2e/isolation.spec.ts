/**
 * Isolation, proven by trying: user code (in the runtime worker) cannot reach the page's DOM,
 * storage or the network; a page rendered in the Preview cannot reach the app, navigate it, open
 * windows that escape the sandbox, or fetch; forged messages are ignored.
 */
import { test, expect, openLab, setFile, labState, shot } from "./fixtures";

const PROBE_VIEW = `export function index(request) {
  const out = [];
  const attempt = (name, fn) => {
    try {
      const value = fn();
      out.push(name + ": REACHED " + String(value).slice(0, 40));
    } catch (e) {
      out.push(name + ": blocked");
    }
  };
  attempt("document", () => document.title);
  attempt("window", () => window.location.href);
  attempt("localStorage", () => localStorage.getItem("framework-lab:theme"));
  attempt("sessionStorage", () => sessionStorage.length);
  attempt("indexedDB", () => indexedDB.open("framework-lab"));
  attempt("cookie", () => document.cookie);
  attempt("fetch", () => fetch("/index.html").then((r) => r.status));
  attempt("self.fetch", () => self.fetch("/index.html").then((r) => r.status));
  attempt("XMLHttpRequest", () => { const x = new XMLHttpRequest(); x.open("GET", "/index.html", false); x.send(); return x.status; });
  attempt("WebSocket", () => new WebSocket("ws://localhost:4173/"));
  attempt("EventSource", () => new EventSource("/index.html"));
  attempt("importScripts", () => importScripts("/index.html"));
  attempt("caches", () => caches.open("x"));
  attempt("Worker", () => new Worker("/index.html"));
  attempt("BroadcastChannel", () => new BroadcastChannel("framework-lab"));
  return new HttpResponse(out.join("\\n"), { content_type: "text/plain" });
}`;

test("user code cannot reach the page's DOM, storage or the network", async ({ page }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace(/export function index\(request\) \{[\s\S]*?\n\}\n/, PROBE_VIEW + "\n"));
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await page.getByRole("tab", { name: "Raw" }).click();
  const text = (await page.locator(".raw").textContent()) ?? "";
  const lines = text.trim().split("\n");
  expect(lines).toHaveLength(15);
  for (const line of lines) expect(line).toMatch(/: blocked$/);
});

const HOSTILE_PAGE = `<h1>Hostile page</h1><pre id="out"></pre><script>
  const out = [];
  const attempt = (name, fn) => { try { const v = fn(); out.push(name + ": " + (v === null || v === undefined ? "blocked" : "REACHED")); } catch (e) { out.push(name + ": blocked"); } };
  attempt("parent.document", () => parent.document.title);
  attempt("top.document", () => top.document.body);
  attempt("parent.localStorage", () => parent.localStorage);
  attempt("own localStorage", () => localStorage.length);
  attempt("own cookie", () => document.cookie = "a=1");
  attempt("top.location", () => { top.location = "https://example.com/"; return top.location.href; });
  attempt("window.open", () => window.open("https://example.com/"));
  document.getElementById("out").textContent = out.join("\\n");
  fetch("/index.html").then(() => { document.getElementById("out").textContent += "\\nfetch: REACHED"; document.title = "done"; }, () => { document.getElementById("out").textContent += "\\nfetch: blocked"; document.title = "done"; });
  // Forged messages: wrong shape, and a well-formed one without the token.
  parent.postMessage({ kind: "link", href: "/forged-1/" }, "*");
  parent.postMessage({ source: "framework-lab-preview", kind: "link", href: "/forged-2/", token: "guess" }, "*");
  parent.postMessage("navigate:/forged-3/", "*");
</script>`;

test("a page in the Preview cannot reach the app, navigate it, escape the sandbox or fetch; forged messages are ignored", async ({ page, consoleErrors }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace("<h1>Framework Lab</h1>", HOSTILE_PAGE.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")));
  const pagesBefore = page.context().pages().length;
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const frame = page.locator('iframe[title="Response preview"]');
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  const preview = page.frameLocator('iframe[title="Response preview"]');
  await expect(preview.locator("#out")).toContainText("fetch:");
  const lines = ((await preview.locator("#out").textContent()) ?? "").trim().split("\n");
  expect(lines).toEqual([
    "parent.document: blocked",
    "top.document: blocked",
    "parent.localStorage: blocked",
    "own localStorage: blocked",
    "own cookie: blocked",
    "top.location: blocked",
    "window.open: blocked",
    "fetch: blocked",
  ]);
  await shot(page, "16-isolation-preview");
  // The app is where it was: same URL, one exchange, no new window.
  expect(new URL(page.url()).pathname).toBe("/");
  expect(page.context().pages().length).toBe(pagesBefore);
  expect(await labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(1);
  // A message forged from the app's own window (right shape, wrong source) is ignored too.
  await page.evaluate(() => window.postMessage({ source: "framework-lab-preview", kind: "link", href: "/forged-4/", token: "x" }, "*"));
  await page.waitForTimeout(300);
  expect(await labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(1);
  await expect(page.getByLabel("Address")).toHaveValue("/");
  // Only the blocked attempts themselves may log (CSP and sandbox reports), nothing from the app.
  expect(consoleErrors.filter((e) => !/Content Security Policy|sandbox|Blocked|Failed to fetch|SecurityError|cookie|localStorage|Storage/i.test(e))).toEqual([]);
});
