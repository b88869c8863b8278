/**
 * Figures for the closing note of issue 11 (not assertions; kept out of the test run by
 * playwright.config.ts unless MEASURE=1): navigation → first response, cold (a fresh browser
 * context) and warm (the same context, reloaded), median of 5; Send → trace shown, median of 5;
 * and where a cold start spends its time (the page's performance marks, docs/benchmarks.md).
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

/** Send → trace shown: the click to the first frame with the new exchange's flow graph, timed in the page. */
async function sendToTrace(page: Page, target: string, count: number): Promise<number> {
  await page.getByLabel("Address").fill(target);
  return page.evaluate(
    ([n]) =>
      new Promise<number>((resolve) => {
        const store = (window as unknown as { __lab: { store: { getState(): { exchanges: unknown[]; selected: number | null } } } }).__lab.store;
        const send = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Send") as HTMLButtonElement;
        const t0 = performance.now();
        send.click();
        const tick = () => {
          if (store.getState().exchanges.length >= n && document.querySelector(".flow-node") && !document.body.textContent?.includes("Loading panel…")) resolve(performance.now() - t0);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    [count],
  );
}

interface Site {
  url: string;
  cold: Run[];
  warm: Run[];
  send: number[];
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
  const sites: Site[] = (process.env.MEASURE_SITES ?? baseURL ?? "").split(",").map((url) => ({ url: url.replace(/\/$/, ""), cold: [], warm: [], send: [] }));
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
  // Send → trace: on a page that has settled (the editor loaded, its TypeScript worker given three
  // seconds to check the project), one site at a time.
  for (const [n, site] of sites.entries()) {
    const page = await contexts[n].newPage();
    await firstResponse(page, site.url);
    await page.waitForFunction(() => Boolean((window as unknown as { __labEditor?: unknown }).__labEditor), null, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    for (let i = 0; i < runs; i++) site.send.push(await sendToTrace(page, i % 2 ? "/" : "/hello/Ada/", 2 + i));
    await page.close();
  }
  const list = (rs: Run[]) => rs.map((r) => r.total.toFixed(0)).join(",");
  for (const site of sites) {
    console.log(breakdown(`${site.url} COLD`, site.cold));
    console.log(breakdown(`${site.url} WARM`, site.warm));
    const loading = [...site.cold, ...site.warm].filter((r) => r.loadingAfterResponse).length;
    console.log(
      `FIGURES ${site.url}: cold ${list(site.cold)} median ${median(site.cold.map((r) => r.total)).toFixed(0)} ms; warm ${list(site.warm)} median ${median(site.warm.map((r) => r.total)).toFixed(0)} ms; ` +
        `send→trace ${site.send.map((x) => x.toFixed(0)).join(",")} median ${median(site.send).toFixed(0)} ms; "Loading panel…" after the response in ${loading} of ${site.cold.length + site.warm.length} starts`,
    );
  }
  for (const context of contexts) await context.close();
});
