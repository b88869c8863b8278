/**
 * The Preview's service worker: serves each rendered page to the Preview frame with the headers a
 * static host cannot send (docs/adr/0019-runtime-isolation.md). Its only job:
 *
 *   GET <base>__preview/frame.html?id=ID  →  the document the page stored under ID in the
 *   "framework-lab-preview" cache, once, with a Content-Security-Policy header that sandboxes it
 *   (`sandbox allow-scripts`: an opaque origin, no forms, popups or top navigation) and allows no
 *   network, and a `Connection-Allowlist: ()` header — Chromium's network-level block, the only
 *   mechanism that also stops WebRTC (RTCPeerConnection's STUN/TURN traffic, which the CSP does not
 *   cover) and navigations, for the document and every frame inside it.
 *
 * Nothing else goes through it: its scope is <base>__preview/ only.
 */
"use strict";

const CACHE = "framework-lab-preview";
const FRAME = new URL("__preview/frame.html", self.registration.scope.replace(/__preview\/$/, "")).pathname;

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:; frame-src 'none'; worker-src 'none'; form-action 'none'; base-uri 'none'",
  "Connection-Allowlist": "()",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || url.pathname !== FRAME) return;
  event.respondWith(serve(url.searchParams.get("id") || ""));
});

async function serve(id) {
  const cache = await caches.open(CACHE);
  const key = new URL(`__preview/doc/${encodeURIComponent(id)}`, self.registration.scope.replace(/__preview\/$/, "")).href;
  const stored = await cache.match(key);
  if (!stored) return new Response("<!doctype html><title>Preview</title><p>This preview is no longer available: send the request again.</p>", { status: 404, headers: HEADERS });
  await cache.delete(key);
  return new Response(await stored.arrayBuffer(), { status: 200, headers: HEADERS });
}
