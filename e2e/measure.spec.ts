/**
 * Figures for the closing note of issue 11 (not assertions; kept out of the test run by
 * playwright.config.ts unless MEASURE=1): navigation → first response, cold (a fresh browser
 * context) and warm (the same context, reloaded), median of 5; Send → trace shown (sendToTrace),
 * median of 5 with Monaco's TypeScript worker idle and 5 with it busy; and where a cold start spends its time (the page's performance marks, docs/benchmarks.md).
 * Run: `npm run build && E2E_PORT=… npm run bench:page`.
 *
 * Everything is timed inside the page (performance.now(), from the navigation's start), not by
 * Playwright's polling: a script added before the page's own presses Send as soon as the button
 * is enabled with an address in the bar (as a learner who clicks at once would), then notes, frame
 * by frame, when the response status and the trace's flow graph appear and whether "Loading
 * panel…" was on screen after the response.
 */
import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Marks shown in the breakdown, in the order a start passes them. */
const STEPS = [
  "html",
  "runtime-sandbox:boot",
  "lab:entry",
  "lab:main",
  "lab:rendered",
  "runtime-sandbox:bundle-fetched",
  "runtime-sandbox:wasm-fetched",
  "runtime-sandbox:frame-ready",
  "runtime-sandbox:worker-ready",
  "lab:load-start",
  "lab:load-done",
  "bench:send",
  "lab:request-start",
  "lab:response",
  "bench:response-shown",
  "bench:trace-shown",
];

/** Runs in the page before its own scripts: press Send once it can be pressed, note what shows when. */
function watchFirstResponse() {
  const w = window as unknown as { __bench: { sent: boolean; loadingAfterResponse: boolean } };
  w.__bench = { sent: false, loadingAfterResponse: false };
  const tick = () => {
    const has = (name: string) => performance.getEntriesByName(name).length > 0;
    const send = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Send") as HTMLButtonElement | undefined;
    const address = document.querySelector('input[aria-label="Address"]') as HTMLInputElement | null;
    if (!w.__bench.sent && send && !send.disabled && address?.value) {
      w.__bench.sent = true;
      performance.mark("bench:send");
      send.click();
    }
    const status = document.querySelector('[aria-label="Response status"]');
    if (!has("bench:response-shown") && status && /^200/.test(status.textContent ?? "")) performance.mark("bench:response-shown");
    if (has("bench:response-shown") && document.body.textContent?.includes("Loading panel…")) w.__bench.loadingAfterResponse = true;
    if (!has("bench:trace-shown") && document.querySelector(".flow-node")) performance.mark("bench:trace-shown");
    if (!has("bench:trace-shown") || !has("bench:response-shown")) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface Run {
  total: number;
  marks: Record<string, number>;
  loadingAfterResponse: boolean;
}

async function firstResponse(page: Page, site: string, reload = false): Promise<Run> {
  if (reload) await page.reload({ waitUntil: "commit" });
  else await page.goto(`${site}/`, { waitUntil: "commit" });
  await page.waitForFunction(() => performance.getEntriesByName("bench:trace-shown").length > 0 && performance.getEntriesByName("bench:response-shown").length > 0, null, { timeout: 60_000, polling: 100 });
  const { marks, loadingAfterResponse } = await page.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const m of performance.getEntriesByType("mark")) marks[m.name] ??= m.startTime;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (nav) marks.html = nav.responseEnd;
    return { marks, loadingAfterResponse: (window as unknown as { __bench: { loadingAfterResponse: boolean } }).__bench.loadingAfterResponse };
  });
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  return { total: marks["bench:response-shown"], marks, loadingAfterResponse };
}

function breakdown(label: string, runs: Run[]): string {
  const rows = STEPS.map((step) => `  ${step.padEnd(32)} ${runs.map((r) => (r.marks[step] === undefined ? "—" : r.marks[step].toFixed(0)).padStart(6)).join(" ")}   median ${median(runs.map((r) => r.marks[step] ?? NaN)).toFixed(0)}`);
  return `${label} (ms from navigation start, per run)\n${rows.join("\n")}`;
}

interface SendTiming {
  /** Click → the frame with the new exchange's Flow graph painted. */
  total: number;
  /** Click → the exchange in the store (the runtime's round trip and the session's bookkeeping). */
  store: number;
  /** With a busy TypeScript worker: how long its check took, and whether it was still running when the trace was painted. */
  busy?: { ms: number; overlapped: boolean };
}

/**
 * Busy work for Monaco's TypeScript worker: a file the project does not contain (so the next Send does
 * not reload the project) whose types take the checker about a second (tuples built up to ~900
 * elements), each run's lengths new: the worker keeps the types it built (in the 18:36 window,
 * when runs' lengths overlapped, 5 of the 10 busy checks took only 10–30 ms and were over before Send).
 */
function busySource(n: number): string {
  const lines = ['type Count<N extends number, A extends unknown[] = []> = A["length"] extends N ? A : Count<N, [...A, 0]>;'];
  for (let i = 0; i < 4; i++) lines.push(`export const busy${n}_${i}: Count<${900 + 4 * n + i}>["length"] = ${900 + 4 * n + i};`);
  return lines.join("\n");
}

/**
 * Send → trace shown (issue 11), as measured here: from the click on Send to the end of the first
 * frame whose page shows the new exchange's Flow graph (`.flow-canvas[data-exchange=<id>] .flow-node`).
 * Every animation frame after the click checks the page; in the frame where the graph is there, a
 * message posted from the requestAnimationFrame callback runs once that frame's style, layout and
 * paint are done: its time is the figure. `busy`: Monaco's TypeScript worker is given a new file to
 * check just before the click (busySource), so it checks while the request runs; otherwise it has
 * finished checking every open model first (settleTypeScript).
 */
async function sendToTrace(page: Page, target: string, busy: number | null): Promise<SendTiming> {
  await page.getByLabel("Address").fill(target);
  return page.evaluate(
    async ([busyRun, source]) => {
      type Worker = { getSemanticDiagnostics(file: string): Promise<unknown[]> };
      type Model = { uri: { toString(): string }; dispose(): void };
      const hook = (window as unknown as { __labEditor: { monaco: { Uri: { parse(s: string): unknown }; editor: { createModel(text: string, language: string, uri: unknown): Model } }; typescriptWorker: () => Promise<(...uris: unknown[]) => Promise<Worker>> } }).__labEditor;
      const store = (window as unknown as { __lab: { store: { getState(): { exchanges: { id: number }[] }; subscribe(fn: (s: { exchanges: { id: number }[] }) => void): () => void } } }).__lab.store;
      let checked: Promise<number> | null = null;
      let checkStart = 0;
      if (busyRun !== null) {
        const uri = hook.monaco.Uri.parse(`file:///__bench/busy-${busyRun}.ts`);
        const model = hook.monaco.editor.createModel(source, "typescript", uri);
        const worker = await Promise.race([(async () => (await hook.typescriptWorker())(uri))(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("Monaco's TypeScript worker did not answer in 30 s")), 30_000))]);
        checkStart = performance.now();
        checked = worker.getSemanticDiagnostics(model.uri.toString()).then(() => {
          model.dispose();
          return performance.now();
        });
      }
      const before = store.getState().exchanges.length;
      let stored = NaN;
      const send = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Send") as HTMLButtonElement;
      const t0 = performance.now();
      const unsubscribe = store.subscribe((state) => {
        if (Number.isNaN(stored) && state.exchanges.length > before) stored = performance.now() - t0;
      });
      send.click();
      const painted = await new Promise<number>((resolve) => {
        const tick = () => {
          if (performance.now() - t0 > 30_000) return resolve(NaN);
          const exchanges = store.getState().exchanges;
          const latest = exchanges.length > before ? exchanges[exchanges.length - 1] : null;
          if (latest && document.querySelector(`.flow-canvas[data-exchange="${latest.id}"] .flow-node`)) {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      unsubscribe();
      const result: { total: number; store: number; busy?: { ms: number; overlapped: boolean } } = { total: painted - t0, store: stored };
      if (checked) {
        const done = await Promise.race([checked, new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 60_000))]);
        result.busy = { ms: done - checkStart, overlapped: done > painted };
      }
      return result;
    },
    [busy, busy === null ? "" : busySource(busy)] as const,
  );
}

/** Wait until Monaco's TypeScript worker has checked every open TypeScript model, then a quiet second. */
async function settleTypeScript(page: Page): Promise<void> {
  await page.evaluate(async () => {
    type Model = { uri: { toString(): string }; getLanguageId(): string };
    const hook = (window as unknown as { __labEditor: { monaco: { editor: { getModels(): Model[] } }; typescriptWorker: () => Promise<(...uris: unknown[]) => Promise<{ getSemanticDiagnostics(f: string): Promise<unknown[]> }>> } }).__labEditor;
    const models = hook.monaco.editor.getModels().filter((m) => m.getLanguageId() === "typescript");
    const checked = (async () => {
      const worker = await (await hook.typescriptWorker())(...models.map((m) => m.uri));
      await Promise.all(models.map((model) => worker.getSemanticDiagnostics(model.uri.toString())));
    })();
    await Promise.race([checked, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  });
  await page.waitForTimeout(1000);
}

interface Site {
  url: string;
  cold: Run[];
  warm: Run[];
  /** Send → trace shown with Monaco's TypeScript worker idle, then busy. */
  idle: SendTiming[];
  busy: SendTiming[];
}

/**
 * `MEASURE_SITES=http://localhost:4204,http://localhost:4294` measures several builds (this one and
 * a baseline served by another `vite preview`) in one window, their runs interleaved, so that a
 * busy machine's load falls on each alike. Default: the build Playwright serves.
 */
test("navigation → first response, cold and warm; Send → trace shown", async ({ browser, baseURL }) => {
  // Sixteen page loads and sends per site: far over the default 60 s on a loaded 2-core machine.
  test.setTimeout(1_200_000);
  const runs = Number(process.env.MEASURE_RUNS ?? 5);
  const sites: Site[] = (process.env.MEASURE_SITES ?? baseURL ?? "").split(",").map((url) => ({ url: url.replace(/\/$/, ""), cold: [], warm: [], idle: [], busy: [] }));
  for (let i = 0; i < runs; i++) {
    for (const site of sites) {
      const context = await browser.newContext();
      await context.addInitScript(watchFirstResponse);
      site.cold.push(await firstResponse(await context.newPage(), site.url));
      console.log(`${site.url} cold ${site.cold.at(-1)!.total.toFixed(0)} ms`);
      await context.close();
    }
  }
  // Warm: a context per site that has loaded the page once (HTTP cache, service worker, drafts),
  // then a fresh tab per run, closed after it, so no tab left open competes with the next run.
  const contexts = await Promise.all(
    sites.map(async (site) => {
      const context = await browser.newContext();
      await context.addInitScript(watchFirstResponse);
      const page = await context.newPage();
      await firstResponse(page, site.url);
      await page.close();
      return context;
    }),
  );
  for (let i = 0; i < runs; i++) {
    for (const [n, site] of sites.entries()) {
      const page = await contexts[n].newPage();
      site.warm.push(await firstResponse(page, site.url));
      console.log(`${site.url} warm ${site.warm.at(-1)!.total.toFixed(0)} ms`);
      await page.close();
    }
  }
  // The start figures now, so that they are printed even if the Send part below fails.
  const list = (rs: Run[]) => rs.map((r) => r.total.toFixed(0)).join(",");
  for (const site of sites) {
    console.log(breakdown(`${site.url} COLD`, site.cold));
    console.log(breakdown(`${site.url} WARM`, site.warm));
    const loading = [...site.cold, ...site.warm].filter((r) => r.loadingAfterResponse).length;
    console.log(
      `FIGURES ${site.url}: cold ${list(site.cold)} median ${median(site.cold.map((r) => r.total)).toFixed(0)} ms; warm ${list(site.warm)} median ${median(site.warm.map((r) => r.total)).toFixed(0)} ms; ` +
        `"Loading panel…" after the response in ${loading} of ${site.cold.length + site.warm.length} starts`,
    );
  }
  // Send → trace: on a page whose editor is loaded, one site at a time; each Send alternately with
  // Monaco's TypeScript worker idle (it has checked every open model) and busy (checking a new file).
  // MEASURE_SENDS=0: the start figures only.
  for (const [n, site] of process.env.MEASURE_SENDS === "0" ? [] : sites.entries()) {
    const page = await contexts[n].newPage();
    await firstResponse(page, site.url);
    await page.waitForFunction(() => Boolean((window as unknown as { __labEditor?: unknown }).__labEditor), null, { timeout: 60_000 });
    for (let i = 0; i < runs; i++) {
      await settleTypeScript(page);
      site.idle.push(await sendToTrace(page, i % 2 ? "/" : "/hello/Ada/", null));
      console.log(`${site.url} send→trace, TypeScript worker idle: ${JSON.stringify(site.idle.at(-1))}`);
      await settleTypeScript(page);
      site.busy.push(await sendToTrace(page, i % 2 ? "/hello/Ada/" : "/", i));
      console.log(`${site.url} send→trace, TypeScript worker busy: ${JSON.stringify(site.busy.at(-1))}`);
    }
    await page.close();
  }
  for (const site of process.env.MEASURE_SENDS === "0" ? [] : sites) {
    const sends = (xs: SendTiming[]) => `${xs.map((x) => x.total.toFixed(0)).join(",")} median ${median(xs.map((x) => x.total)).toFixed(0)} ms (click → store: median ${median(xs.map((x) => x.store)).toFixed(0)} ms)`;
    const checks = site.busy.map((x) => x.busy ?? { ms: NaN, overlapped: false });
    console.log(
      `SENDS ${site.url}:\n` +
        `  send→trace, TypeScript worker idle: ${sends(site.idle)}\n` +
        `  send→trace, TypeScript worker busy: ${sends(site.busy)}; its check took ${checks.map((c) => c.ms.toFixed(0)).join(",")} ms, still running when the trace was painted in ${checks.filter((c) => c.overlapped).length} of ${checks.length}`,
    );
  }
  for (const context of contexts) await context.close();
});
