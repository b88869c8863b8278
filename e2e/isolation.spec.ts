/**
 * Isolation, proven by trying: user code (in the runtime worker, in the opaque-origin sandbox) cannot
 * reach the page's DOM, storage or the network; a page rendered in the Preview cannot reach the app,
 * navigate it, open windows that escape the sandbox, or fetch; forged messages are ignored.
 * e2e/attacks.spec.ts tries many more ways out, against a server that counts every hit.
 */
import { test, expect, openLab, setFile, labState, shot } from "./fixtures";

const PROBE_VIEW = `export async function index(request) {
  const out = [];
  const attempt = async (name, fn) => {
    try {
      const value = await fn();
      out.push(name + ": REACHED " + String(value).slice(0, 40));
    } catch (e) {
      out.push(name + ": blocked");
    }
  };
  await attempt("document", () => document.title);
  await attempt("window", () => window.location.href);
  await attempt("localStorage", () => localStorage.getItem("framework-lab:theme"));
  await attempt("sessionStorage", () => sessionStorage.length);
  await attempt("indexedDB", () => new Promise((resolve, reject) => { const r = indexedDB.open("framework-lab"); r.onsuccess = () => resolve("opened"); r.onerror = () => reject(r.error); }));
  await attempt("cookie", () => document.cookie);
  await attempt("fetch", () => fetch("APP_ORIGIN/index.html").then((r) => r.status));
  await attempt("self.fetch", () => self.fetch("APP_ORIGIN/index.html").then((r) => r.status));
  await attempt("XMLHttpRequest", () => { const x = new XMLHttpRequest(); x.open("GET", "APP_ORIGIN/index.html", false); x.send(); return x.status; });
  await attempt("WebSocket", () => new Promise((resolve, reject) => { const w = new WebSocket("APP_ORIGIN/".replace("http", "ws")); w.onopen = () => resolve("open"); w.onerror = () => reject(new Error("error")); }));
  await attempt("EventSource", () => new Promise((resolve, reject) => { const e = new EventSource("APP_ORIGIN/index.html"); e.onopen = () => resolve("open"); e.onerror = () => { e.close(); reject(new Error("error")); }; }));
  await attempt("importScripts", () => importScripts("APP_ORIGIN/index.html"));
  await attempt("caches", () => caches.open("x"));
  await attempt("Worker", () => new Worker("APP_ORIGIN/index.html"));
  await attempt("origin", () => (self.origin === "null" ? Promise.reject(new Error("opaque")) : self.origin));
  return new HttpResponse(out.join("\\n"), { content_type: "text/plain" });
}`;

test("user code cannot reach the page's DOM, storage or the network", async ({ page }) => {
  await openLab(page);
  // The probes aim at the page's own server: the sandbox must refuse even its own site.
  const probe = PROBE_VIEW.replaceAll("APP_ORIGIN", new URL(page.url()).origin);
  await setFile(page, "hello/views.ts", (t) => t.replace(/export function index\(request\) \{[\s\S]*?\n\}\n/, probe + "\n"));
  // The probe view is async; the scenario's TimingMiddleware expects a response, not a promise.
  await setFile(page, "project/settings.ts", (t) => t.replace('  "project.middleware.TimingMiddleware",\n', ""));
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
  const report = (line) => { document.getElementById("out").textContent += "\\n" + line; };
  // fetch() of another site: refused by the bridge; the native network stack (XMLHttpRequest): refused by the CSP.
  // fetch() of the page's own site goes to the simulated server through the bridge (a docs page loading its OpenAPI document).
  fetch("https://example.com/").then(() => report("fetch elsewhere: REACHED"), () => report("fetch elsewhere: blocked"))
    .then(() => new Promise((done) => { const x = new XMLHttpRequest(); x.onload = () => { report("xhr: REACHED"); done(); }; x.onerror = () => { report("xhr: blocked"); done(); }; try { x.open("GET", "/index.html"); x.send(); } catch (e) { report("xhr: blocked"); done(); } }))
    .then(() => fetch("/index.html")).then((r) => r.text().then((t) => report("fetch own site: simulated " + r.status + (t.includes("<div id=\\"root\\">") ? " REAL PAGE" : ""))), () => report("fetch own site: failed"))
    .then(() => { document.title = "done"; });
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
  // Served by the Preview's service worker, sandboxed by its CSP header: an opaque origin.
  const frame = page.locator('iframe[title="Response preview"]');
  await expect(frame).toHaveAttribute("src", /\/__preview\/frame\.html\?id=[0-9a-f]{32}$/);
  const preview = page.frameLocator('iframe[title="Response preview"]');
  await expect(preview.locator("h1")).toHaveText("Hostile page");
  expect(await page.frames().find((f) => f.url().includes("/__preview/"))!.evaluate(() => self.origin)).toBe("null");
  await expect(preview.locator("#out")).toContainText("fetch own site:");
  const lines = ((await preview.locator("#out").textContent()) ?? "").trim().split("\n");
  expect(lines).toEqual([
    "parent.document: blocked",
    "top.document: blocked",
    "parent.localStorage: blocked",
    "own localStorage: blocked",
    "own cookie: blocked",
    "top.location: blocked",
    "window.open: blocked",
    "fetch elsewhere: blocked",
    "xhr: blocked",
    "fetch own site: simulated 404",
  ]);
  await shot(page, "16-isolation-preview");
  // The app is where it was: same URL, no new window; two exchanges, the page's and its own-site fetch.
  expect(new URL(page.url()).pathname).toBe("/");
  expect(page.context().pages().length).toBe(pagesBefore);
  expect(await labState(page, (s) => (s.exchanges as { initiator: string; request: { target: string } }[]).map((e) => `${e.initiator} ${e.request.target}`))).toEqual(["address /", "fetch /index.html"]);
  // A message forged from the app's own window (right shape, wrong source) is ignored too.
  await page.evaluate(() => window.postMessage({ source: "framework-lab-preview", kind: "link", href: "/forged-4/", token: "x" }, "*"));
  await page.waitForTimeout(300);
  expect(await labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(2);
  await expect(page.getByLabel("Address")).toHaveValue("/");
  // Only the blocked attempts themselves may log (CSP and sandbox reports), nothing from the app.
  expect(consoleErrors.filter((e) => !/Content Security Policy|sandbox|Blocked|Failed to fetch|SecurityError|cookie|localStorage|Storage/i.test(e))).toEqual([]);
});

test("the Preview's WebSocket reaches the simulated server through the bridge's private port, never the network", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await openLab(page);
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("dialog", { name: "Scenarios" }).getByRole("button", { name: /^Open Channels: a chat room/ }).click();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  // A long deadline: on a loaded machine the first request of a fresh runtime can pass the default 5 s.
  await page.getByLabel("Deadline").selectOption("30000");
  await page.getByLabel("Address").fill("/chat/lobby/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  const room = page.frameLocator('iframe[title="Response preview"]');
  await room.locator("#chat-message-input").fill("hello from the Preview");
  await room.locator("#chat-message-input").press("Enter");
  // The consumer sent it to the group; the group sent it back down this page's socket.
  await expect(room.locator("#chat-log")).toHaveValue("hello from the Preview\n");
  const origin = new URL(page.url()).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !/^(data|blob|about):/.test(u))).toEqual([]);
  expect(requests.filter((u) => /^wss?:/.test(u))).toEqual([]);
});
