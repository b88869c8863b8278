/**
 * Offline after the first visit: the service worker (src/offline) precaches the build, so with the
 * network gone the page reloads, the editor and the runtime start, and a request is served. The
 * visit that runs a new build says so.
 */
import { test, expect, openLab, waitForEditor } from "./fixtures";

test.use({ offlineWorker: true });

test("after the first visit the page works offline: reload with the network gone, then send a request", async ({ page, context }) => {
  await openLab(page);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  await context.setOffline(true);
  expect(await page.evaluate(() => fetch("/nowhere-" + Date.now()).then(() => "online", () => "offline"))).toBe("offline");
  await page.reload();
  await expect(page.getByRole("status", { name: "Runtime status" })).toHaveText("Ready", { timeout: 30_000 });
  await waitForEditor(page);
  // The runtime sandbox's frame (runtime-frame.html) came from the offline worker too: without the
  // sandbox attribute (Chromium would not ask the worker), sandboxed by the worker's header — an
  // opaque origin the page cannot reach into.
  const frame = await page.evaluate(() => {
    const f = document.querySelector<HTMLIFrameElement>("iframe.runtime-sandbox");
    return f ? { attribute: f.getAttribute("sandbox"), reachable: f.contentDocument !== null } : null;
  });
  expect(frame).toEqual({ attribute: null, reachable: false });
  await page.getByLabel("Address").fill("/hello/Ada/");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByLabel("Response status")).toHaveText(/^200/);
  await expect(page.locator(".flow-node").first()).toBeVisible();
  await context.setOffline(false);
});

test("the visit that runs a new build says the page was updated", async ({ page }) => {
  await openLab(page);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => page.evaluate(() => localStorage.getItem("framework-lab:offline-version"))).toMatch(/^[0-9a-f]{12}$/);
  // As if the last visit had run another build.
  await page.evaluate(() => localStorage.setItem("framework-lab:offline-version", "000000000000"));
  await page.reload();
  await expect(page.locator(".notice")).toContainText("Framework Lab was updated since your last visit.");
});
