/**
 * The attack suite (issue 9): a victim with saved work opens an attacker's permalink and sends its
 * requests. The attacker's code tries every way out we know of — from the runtime worker (network
 * APIs reached directly, through the prototype chain and through every kind of `import()`;
 * storage; forged protocol messages; a replaced `onmessage`) and from the page it renders in the
 * Preview (every fetch the CSP covers, WebRTC which it does not, navigations, reading or forging the
 * bridge channel, a self-submitting form). A local server counts every hit; the suite passes only
 * with zero hits and the victim's saved drafts byte-identical. Also: a crashed tab reopens with its
 * files and rows, and a decompression-bomb link keeps the page responsive.
 */
import type { LaunchOptions, Page } from "@playwright/test";
import { deflateSync } from "node:zlib";
import { test, expect, openLab, setFile, labState, shot, openPanel, panelNames } from "./fixtures";
import { startAttacker } from "./attacker";
import { encodePermalink, toBase64Url } from "../src/ui/share/permalink";
import { SECRET, attackerScenario } from "./attack-project";

/** The victim's saved work, record by record, exactly as IndexedDB holds it. */
async function savedWork(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open("framework-lab");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
        r.onerror = () => reject(r.error);
      });
    const out: Record<string, string> = {};
    for (const d of await all("drafts")) out[`draft ${String(d.id)}`] = JSON.stringify(d);
    for (const d of await all("databases")) out[`database ${String(d.id)}`] = JSON.stringify({ ...d, image: Array.from(d.image as Uint8Array) });
    db.close();
    return out;
  });
}

/** Two built-in scenarios edited (with a secret) and a database that took writes: the victim's work. */
async function victimWithSavedWork(page: Page): Promise<Record<string, string>> {
  await openLab(page);
  // A long deadline: a loaded CI machine must not turn a slow request into a restart.
  await page.getByLabel("Deadline").selectOption("30000");
  await setFile(page, "hello/views.ts", (t) =>
    t
      .replace("<h1>Framework Lab</h1>", `<h1>${SECRET}</h1>`)
      .replace(
        "export function index(request) {",
        `import { connection } from "django/db";
export function write(request) { const c = connection.cursor(); c.execute("CREATE TABLE IF NOT EXISTS diary (text TEXT)"); c.execute("INSERT INTO diary VALUES ('${SECRET}')"); return new HttpResponse("written"); }
export function runtime(request) {
  const native = (f) => /\\[native code\\]/.test(Function.prototype.toString.apply(f));
  const c = connection.cursor();
  c.execute("SELECT count(*) FROM diary");
  const patched = [MessagePort.prototype.postMessage, Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data").get].filter((f) => !native(f)).length;
  return new HttpResponse("planted: " + String(globalThis.__planted) + "; patched natives: " + patched + "; rows: " + c.fetchone()[0], { content_type: "text/plain" });
}
export function index(request) {`,
      ),
  );
  await setFile(page, "hello/urls.ts", (t) => t.replace("export const urlpatterns = [", 'export const urlpatterns = [\n  path("write/", views.write),\n  path("runtime/", views.runtime),'));
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  await page.getByLabel("Address").fill("/hello/write/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect.poll(async () => Object.keys(await savedWork(page))).toContain("database django-hello");
  await page.getByRole("button", { name: /^Scenarios/ }).click();
  await page.getByRole("button", { name: /^Open Hello, WSGI/ }).click();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  await setFile(page, "app.ts", (t) => `// ${SECRET} 2\n${t}`);
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  const work = await savedWork(page);
  expect(Object.keys(work).sort()).toEqual(["database django-hello", "draft django-hello", "draft wsgi-hello"]);
  expect(work["draft django-hello"]).toContain(SECRET);
  return work;
}

async function sendScripted(page: Page, index: number): Promise<void> {
  const before = await labState(page, (s) => (s.exchanges as unknown[]).length);
  await page.getByLabel("Scripted requests").selectOption({ index });
  await page.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => labState(page, (s) => (s.exchanges as unknown[]).length), { timeout: 30_000 }).toBeGreaterThan(before);
}

/** What each attempt from the runtime worker came to (the error each API gives when the platform refuses). */
const WORKER_OUTCOMES = [
  "fetch: blocked (TypeError)",
  "fetch through the prototype chain: blocked (TypeError)",
  "XMLHttpRequest: blocked (Error)",
  "synchronous XMLHttpRequest: blocked (NetworkError)",
  "WebSocket: blocked (Error)",
  "EventSource: blocked (Error)",
  "WebTransport: blocked (ReferenceError)",
  "import() built by new Function: blocked (TypeError)",
  "import() in direct eval: blocked (TypeError)",
  "import() in indirect eval: blocked (TypeError)",
  "import() built by (() => {}).constructor: blocked (TypeError)",
  "import() built by the async function constructor: blocked (TypeError)",
  "import() of a blob: module importing the network: blocked (TypeError)",
  "import() of a data: module: blocked (TypeError)",
  "importScripts: blocked (NetworkError)",
  "importScripts through the prototype chain: blocked (NetworkError)",
  "indexedDB (the victim's drafts): blocked (SecurityError)",
  "indexedDB through the prototype chain: blocked (SecurityError)",
  "caches: blocked (ReferenceError)",
  "Origin Private File System: blocked (TypeError)",
  "FontFace with url(): blocked (NetworkError)",
  "a Worker from a URL: blocked (SecurityError)",
  "a blob: Worker that fetches: blocked (Error)",
  "SharedWorker: blocked (ReferenceError)",
  "navigator.sendBeacon: blocked (TypeError)",
  "the page's document: blocked (ReferenceError)",
  "the page's localStorage: blocked (ReferenceError)",
];

/** What each attempt from the Preview came to; WebRTC and sendBeacon are judged by the attacker's sockets. */
const PREVIEW_OUTCOMES = [
  "fetch: blocked (TypeError)",
  "XMLHttpRequest: blocked (Error)",
  "WebSocket: blocked (Error)",
  "EventSource: blocked (Error)",
  "navigator.sendBeacon: returned true",
  "an Image: blocked (Error)",
  "import(): blocked (TypeError)",
  "FontFace with url(): blocked (NetworkError)",
  "a blob: Worker that fetches: blocked (Error)",
  "a service worker: blocked (SecurityError)",
  "indexedDB: blocked (SecurityError)",
  "localStorage: blocked (SecurityError)",
  "the app's document: blocked (SecurityError)",
  "window.open: blocked (Error)",
  "navigate the app: blocked (SecurityError)",
  "WebRTC over UDP (STUN): constructed, ICE gathering complete",
  "WebRTC over TCP (TURN): constructed, ICE gathering complete",
  "WebRTC from an about:blank frame: blocked (SecurityError)",
  "a random secret in the bridge script: none",
  "bridge port captured by the page's scripts: 0",
  "done",
];

test.describe.configure({ timeout: 180_000 });

test("an attacker's link runs nothing until Send, and then reaches no network and no saved draft", async ({ page }) => {
  const attacker = await startAttacker();
  try {
    const before = await victimWithSavedWork(page);
    // The page's own BroadcastChannel: nothing from the sandbox may arrive on it.
    await page.evaluate(() => {
      const w = window as unknown as { __broadcasts: unknown[] };
      w.__broadcasts = [];
      new BroadcastChannel("framework-lab").onmessage = (e) => w.__broadcasts.push(e.data);
    });
    const link = `/#${encodePermalink({ scenario: attackerScenario(attacker), request: 0, step: null })}`;

    // Opening the link: the project and its lesson are shown, nothing runs, and the page says so.
    await page.goto(link);
    await expect(page.locator(".notice")).toContainText("“Free Django course, lesson 1” — A friendly lesson, it says. Nothing has run yet");
    await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Not run yet");
    await expect(page.getByRole("button", { name: /^Scenarios \(open: Free Django course/ })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(await labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(0);
    expect(attacker.hits).toEqual([]);
    await shot(page, "30-attack-link-inert");

    // The worker's ways out: each one is refused by the platform. (A long deadline: each attempt
    // waits up to 2 s, and the forging module keeps the worker busy on a loaded machine.)
    await page.getByLabel("Deadline").selectOption("30000");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
    await page.getByRole("tab", { name: "Raw" }).click();
    const lines = ((await page.locator(".raw").textContent()) ?? "").trim().split("\n");
    expect(lines).toEqual(WORKER_OUTCOMES);

    // Forged replies and a replaced onmessage: the next answer is the real one.
    await sendScripted(page, 1);
    await expect(page.getByLabel("Response status")).toHaveText(/^200/);
    await page.getByRole("tab", { name: "Raw" }).click();
    await expect(page.locator(".raw")).toHaveText("real response; onmessage saw 0 messages; 0 ports or events captured; planted here: yes");

    // The Preview's ways out.
    await sendScripted(page, 2);
    await page.getByRole("tab", { name: "Preview" }).click();
    const preview = page.frameLocator('iframe[title="Response preview"]');
    await expect(preview.locator("#out")).toContainText("done", { timeout: 30_000 });
    const previewLines = ((await preview.locator("#out").textContent()) ?? "").trim().split("\n");
    expect(previewLines).toEqual(PREVIEW_OUTCOMES);
    await expect(page.locator(".notice")).toContainText(`The form posts to ${attacker.origin}/form, outside the simulated site, so it was not sent.`);
    await shot(page, "31-attack-preview");
    // The off-site form was refused by the bridge; the forged message changed nothing.
    const targets = () => labState(page, (s) => (s.exchanges as { request: { target: string } }[]).map((e) => e.request.target));
    expect(await targets()).toEqual(["/hello/worker/", "/hello/forged/", "/hello/preview/"]);

    // Navigations off the site (meta refresh, location, a link clicked by script, ping): none leaves.
    await sendScripted(page, 3);
    await page.waitForTimeout(2000);
    expect(await targets()).toEqual(["/hello/worker/", "/hello/forged/", "/hello/preview/", "/hello/navigate/"]);

    // A page that submits a form on load: braked after a few requests, with a message.
    await sendScripted(page, 4);
    await expect(page.locator(".notice")).toContainText("kept navigating by itself", { timeout: 30_000 });
    await page.waitForTimeout(2000);
    const loops = await labState(page, (s) => (s.exchanges as { request: { target: string } }[]).filter((e) => e.request.target === "/hello/loop/").length);
    expect(loops).toBe(6);

    // Stragglers (WebRTC gathering, meta refresh, retries) have had their time.
    await page.waitForTimeout(2000);
    expect(attacker.hits).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __broadcasts: unknown[] }).__broadcasts)).toEqual([]);
    const after = await savedWork(page);
    for (const [key, value] of Object.entries(before)) expect(after[key], key).toBe(value);
    expect(Object.keys(after).filter((k) => !(k in before)).every((k) => /^(draft|database) shared-/.test(k))).toBe(true);
    // The victim's own project, opened again, is untouched and runs its own code.
    await page.getByRole("button", { name: /^Scenarios/ }).click();
    await page.getByRole("button", { name: /^Open Django: hello/ }).click();
    await expect.poll(() => labState(page, (s) => s.files["hello/views.ts"])).toContain(SECRET);
    expect(await labState(page, (s) => s.files["hello/evil.ts"] ?? null)).toBeNull();
    // It runs in a fresh runtime: nothing the attacker's code planted or patched in its worker is
    // there to see the victim's requests, and the victim's saved rows are back.
    await page.getByLabel("Address").fill("/hello/runtime/");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
    await page.getByRole("tab", { name: "Raw" }).click();
    await expect(page.locator(".raw")).toHaveText("planted: undefined; patched natives: 0; rows: 1");
  } finally {
    await attacker.close();
  }
});

test("WebRTC from a frame nested in the Preview is refused by the browser (it kills the frame's renderer): zero hits, work kept", async ({ page, context }) => {
  const attacker = await startAttacker();
  try {
    await victimWithSavedWork(page);
    const before = await savedWork(page);
    const scenario = attackerScenario(attacker);
    const nested = `<script>const pc = new RTCPeerConnection({ iceServers: [{ urls: "stun:127.0.0.1:${attacker.udpPort}" }, { urls: "turn:127.0.0.1:${attacker.tcpPort}?transport=tcp", username: "u", credential: "c" }] }); pc.createDataChannel("x"); pc.createOffer().then((o) => pc.setLocalDescription(o));</script>`;
    const page_html = `<p>nested</p><iframe srcdoc="${nested.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"></iframe>`;
    scenario.files["hello/views.ts"] += `\nexport function nested(request) { return new HttpResponse(${JSON.stringify(page_html)}); }\n`;
    scenario.files["hello/urls.ts"] = scenario.files["hello/urls.ts"].replace("];", '  path("nested/", views.nested),\n];');
    scenario.requests = [{ method: "GET", target: "/hello/nested/" }];
    await page.goto(`/#${encodePermalink({ scenario, request: 0, step: null })}`);
    await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Not run yet");
    let crashed = false;
    const killed = new Promise<void>((resolve) => page.once("crash", () => ((crashed = true), resolve())));
    await page.getByRole("button", { name: "Send" }).click();
    // The kill comes when the nested frame gathers ICE candidates: on a loaded machine, seconds later.
    await Promise.race([killed, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    expect(attacker.hits).toEqual([]);
    // Closed first: a kill arriving late would take down a new tab that shares the old one's process.
    await page.close({ runBeforeUnload: false });
    // Whether the renderer was killed or not, the victim's work is all there in a new tab.
    const again = await context.newPage();
    await again.goto("/");
    await expect.poll(() => labState(again, (s) => String(s.scenarioId))).toMatch(/^shared-|^wsgi-hello$/);
    expect(await savedWork(again)).toMatchObject(before);
    test.info().annotations.push({ type: "renderer", description: crashed ? "killed by Chromium (refused P2P socket)" : "survived" });
  } finally {
    await attacker.close();
  }
});

test.describe("out of memory", () => {
  // A real out-of-memory kill, made cheap: V8's old space capped at 512 MB in this browser (the
  // default cap is gigabytes, which a shared CI machine should not have to find). The runtime
  // worker shares the page's renderer process, so V8 running out of heap in it kills the tab.
  const lowHeap = test.extend<object, { launchOptions: LaunchOptions }>({
    launchOptions: [async ({ launchOptions }, use) => use({ ...launchOptions, args: [...(launchOptions.args ?? []), "--js-flags=--max-old-space-size=512"] }), { scope: "worker" }],
  });

  lowHeap("a tab killed by running out of memory mid-request, with a long deadline, reopens with its files and its rows, and runs nothing by itself", async ({ page, context }) => {
  await openLab(page);
  await page.getByLabel("Deadline").selectOption("30000");
  await setFile(page, "hello/views.ts", (t) =>
    t.replace(
      "export function index(request) {",
      `import { connection } from "django/db";
export function write(request) { const c = connection.cursor(); c.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)"); c.execute("INSERT INTO note VALUES ('kept')"); return new HttpResponse("written"); }
export function count(request) { const c = connection.cursor(); c.execute("SELECT count(*) FROM note"); return new HttpResponse("rows: " + c.fetchone()[0]); }
export function hog(request) { const keep = []; for (;;) keep.push(new Array(1 << 22).fill(keep.length + 0.5)); }
export function index(request) {`,
    ),
  );
  await setFile(page, "hello/urls.ts", (t) => t.replace("export const urlpatterns = [", 'export const urlpatterns = [\n  path("write/", views.write),\n  path("count/", views.count),\n  path("hog/", views.hog),'));
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  const send = async (target: string) => {
    await page.getByLabel("Address").fill(target);
    await page.getByRole("button", { name: "Send" }).click();
  };
  // Each write's database image is persisted beside the draft before the next request runs.
  const image = async () => (await savedWork(page))["database django-hello"] ?? "";
  for (let n = 1; n <= 2; n++) {
    const before = await image();
    await send("/hello/write/");
    await expect.poll(() => labState(page, (s) => (s.exchanges as unknown[]).length)).toBe(n);
    await expect.poll(image).not.toBe(before);
  }
  const crashed = new Promise<void>((resolve) => page.once("crash", () => resolve()));
  await send("/hello/hog/");
  // The longest deadline: the heap runs out long before it (the tab died at 10 s of 60).
  await crashed;
  const again = await context.newPage();
  await again.goto("/");
  await expect(again.locator(".notice")).toContainText("The last visit stopped during request GET /hello/hog/");
  await expect(again.getByRole("status", { name: "Runtime status" })).toHaveText("Paused");
  await expect.poll(() => labState(again, (s) => s.files["hello/views.ts"] ?? "")).toContain("export function hog");
  await again.getByLabel("Address").fill("/hello/count/");
  await again.getByRole("button", { name: "Send" }).click();
  await expect(again.getByLabel("Response status")).toHaveText(/^200/, { timeout: 30_000 });
  await again.getByRole("tab", { name: "Raw" }).click();
  await expect(again.locator(".raw")).toHaveText("rows: 2");
});
});

test("a decompression-bomb link is refused at its size limit and the page stays responsive", async ({ page }) => {
  await openLab(page);
  await setFile(page, "hello/views.ts", (t) => t.replace("<h1>Framework Lab</h1>", "<h1>My saved work</h1>"));
  await expect(page.getByRole("status", { name: "Draft saved" })).toHaveText("Saved");
  // 256 MB of one repeated byte deflates to about 250 kB: a link that inflates a thousandfold.
  const bomb = deflateSync(Buffer.alloc(256 * 1024 * 1024, 0x20), { level: 9 });
  const hash = `v1.${toBase64Url(new Uint8Array(bomb))}`;
  expect(hash.length).toBeLessThan(1_000_000);
  // Every task over 50 ms on the main thread, from the first script on.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: "longtask", buffered: true });
  });
  await page.goto("about:blank");
  await page.goto(`/#${hash}`);
  await expect(page.locator(".notice[role=alert]")).toContainText("This link is too large: it unpacks to more than 16 MB", { timeout: 30_000 });
  await expect.poll(() => labState(page, (s) => s.files["hello/views.ts"] ?? "")).toContain("My saved work");
  // Responsive: no task held the main thread for long (the unbounded inflate froze it for 15–19 s).
  const longest = Math.max(0, ...(await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)));
  expect(longest).toBeLessThan(3000);
  test.info().annotations.push({ type: "bomb", description: `a ${hash.length}-character link; longest main-thread task while opening: ${Math.round(longest)} ms` });
});

test("a response with an empty trace renders in every panel, and a panel that fails stays in its pane", async ({ page }) => {
  await openLab(page);
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  // As a runtime with tracing off answers (the schema allows it): the same response, no spans.
  await page.evaluate(() => {
    type Hook = { store: { getState(): Record<string, any>; setState(s: object): void } };
    const { store } = (window as unknown as { __lab: Hook }).__lab;
    const s = store.getState();
    const e = s.exchanges[0];
    const bare = { ...e, id: 99, outcome: { kind: "response", result: { ...e.outcome.result, trace: { spans: [] } } } };
    store.setState({ exchanges: [...s.exchanges, bare], selected: 99, nav: { entries: [...s.nav.entries, 99], index: s.nav.entries.length } });
  });
  // Every panel, those under the tab bar's More menu included.
  for (const name of await panelNames(page)) {
    await openPanel(page, new RegExp(`^${name}`));
    await expect(page.locator(".brand")).toBeVisible();
    await expect(page.locator("#trace-panel .pane-error"), `panel ${name}`).toHaveCount(0);
  }
  // A panel that throws (here on a span kind the schema would have refused): its message stays in
  // its pane; the header, the browser pane and the other panels are untouched.
  await page.evaluate(() => {
    type Hook = { store: { getState(): Record<string, any>; setState(s: object): void } };
    const { store } = (window as unknown as { __lab: Hook }).__lab;
    const s = store.getState();
    const e = s.exchanges[0];
    const forged = { ...e, id: 100, outcome: { kind: "response", result: { ...e.outcome.result, trace: { spans: [{ id: 0, parent: null, kind: "exploit", name: "GET /", start: 0, end: 1, attrs: {} }] } } } };
    store.setState({ exchanges: [...s.exchanges, forged], selected: 100 });
  });
  await expect(page.locator(".pane-error")).toContainText("The trace pane could not be shown.");
  await expect(page.locator(".brand")).toBeVisible();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  // Selecting the real exchange again brings every panel back.
  await page.evaluate(() => (window as unknown as { __lab: { store: { setState(s: object): void } } }).__lab.store.setState({ selected: 1 }));
  await openPanel(page, /^Timeline/);
  await expect(page.locator(".pane-error")).toHaveCount(0);
  await expect(page.getByRole("tablist", { name: "Trace panels" })).toBeVisible();
});
