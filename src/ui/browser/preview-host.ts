/**
 * Where Preview documents come from: a rendered page's HTML → a URL the Preview frame loads through
 * the Preview's service worker (public/preview-sw.js), which adds the headers that sandbox it and
 * cut it off the network (docs/adr/0019-runtime-isolation.md). Main functions: `previewReady`,
 * `storePreview`.
 *
 * The page puts each document in the "framework-lab-preview" cache under a random id; the worker
 * serves it once and deletes it. Without a service worker (a browser or mode that has none) the
 * Preview falls back to an inert `srcdoc` with scripts off (`previewReady()` resolves false).
 */
const CACHE = "framework-lab-preview";
const BASE = import.meta.env.BASE_URL;

let ready: Promise<boolean> | null = null;

/** Register the Preview's service worker once; resolves whether it is active. */
export function previewReady(): Promise<boolean> {
  ready ??= register().catch(() => false);
  return ready;
}

async function register(): Promise<boolean> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || typeof caches === "undefined") return false;
  // Documents left from an earlier visit are never served again.
  await caches.delete(CACHE);
  const registration = await navigator.serviceWorker.register(`${BASE}preview-sw.js`, { scope: `${BASE}__preview/` });
  const worker = registration.active ?? registration.installing ?? registration.waiting;
  if (!worker) return false;
  if (worker.state === "activated") return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 10_000);
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") {
        clearTimeout(timer);
        resolve(true);
      } else if (worker.state === "redundant") {
        clearTimeout(timer);
        resolve(false);
      }
    });
  });
}

/** Store a Preview document; returns the URL that serves it (once). */
export async function storePreview(html: string): Promise<string> {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  const cache = await caches.open(CACHE);
  const key = new URL(`${BASE}__preview/doc/${id}`, location.href).href;
  await cache.put(key, new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } }));
  return `${BASE}__preview/frame.html?id=${id}`;
}
