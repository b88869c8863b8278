/**
 * The page's service worker (built to `sw.js` by scripts/offline-sw.ts, which fills in the build's
 * file list and version): Framework Lab keeps working offline after the first visit. Precaches
 * every built file at install (Monaco, sql.js' wasm, the runtime worker, the scenarios…), serves
 * them cache-first, and caches the frameworks' source chunks on first use. The rules of what it may
 * answer are in policy.ts.
 *
 * Updates: a new build installs in the background and waits; it takes over on the next visit (the
 * page says so when it finds one, and again on the visit that uses it). `skip-waiting` from the page
 * ("Use it now") activates it at once.
 */
import { RUNTIME_FRAME, RUNTIME_FRAME_HEADERS, routeRequest, trustedClient } from "./policy";

/** The parts of the service worker global scope used here (the project's lib is the DOM's). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  clientId: string;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEvent {
  data: unknown;
  ports: readonly MessagePort[];
}
interface WorkerScope {
  registration: { scope: string };
  clients: { get(id: string): Promise<{ url: string; type: string } | undefined>; claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
  addEventListener(type: "message", listener: (event: MessageEventLike) => void): void;
}
const worker = self as unknown as WorkerScope;

// Replaced at build time (scripts/offline-sw.ts).
const PRECACHE = "__FRAMEWORK_LAB_PRECACHE__" as unknown as string[];
const VERSION = "__FRAMEWORK_LAB_VERSION__";

const PREFIX = "framework-lab-offline-";
const CACHE = `${PREFIX}${VERSION}`;
const LAZY = `${PREFIX}${VERSION}-lazy`;
const precached = new Set(PRECACHE);
const scope = () => worker.registration.scope;

/**
 * The runtime sandbox's document as its frame must get it: an opaque origin by the `sandbox`
 * header (its frame has no attribute when this worker serves it: src/runtime/sandbox.ts).
 */
async function sandboxed(response: Response): Promise<Response> {
  if (!response.ok) return response;
  return new Response(await response.arrayBuffer(), { status: 200, headers: RUNTIME_FRAME_HEADERS });
}

worker.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope()).href))));
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE && key !== LAZY) await caches.delete(key);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener("message", (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === "skip-waiting") void worker.skipWaiting();
  else if (data?.type === "version") event.ports[0]?.postMessage({ version: VERSION });
});

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  const route = routeRequest({ method: request.method, url: request.url, mode: request.mode, destination: request.destination }, scope(), precached);
  if (route.kind === "network") return;
  event.respondWith(
    (async () => {
      // Subresources are answered only for the page and its workers (never for a sandboxed frame).
      if (request.mode !== "navigate") {
        const client = event.clientId ? await worker.clients.get(event.clientId) : undefined;
        if (!trustedClient(client ?? null, scope())) return fetch(request);
      }
      if (route.kind === "precache") {
        const cached = await caches.match(new URL(route.key, scope()).href, { cacheName: CACHE });
        if (route.key === RUNTIME_FRAME) return sandboxed(cached ?? (await fetch(request)));
        return cached ?? fetch(request);
      }
      const cache = await caches.open(LAZY);
      const cached = await cache.match(request.url);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && response.type === "basic") await cache.put(request.url, response.clone());
      return response;
    })(),
  );
});
