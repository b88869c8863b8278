/**
 * The service worker's rules, as pure functions (tested in Node): which requests it may answer and
 * from where. Main functions: `routeRequest`, `trustedClient`.
 *
 * It answers only GET requests for the page's own built files: the app shell and every asset of
 * the build, precached at install (`precache`), and the frameworks' source chunks that presenter
 * mode reads (`assets/source/…`), cached the first time they are fetched (`lazy`). Everything else
 * goes to the network untouched (`network`) — in particular it never answers:
 *  - a frame's navigation or anything a sandboxed frame asks for (the Preview, the runtime sandbox):
 *    their isolation is theirs, and their documents are user content — with one exception, the
 *    runtime sandbox's own document (`runtime-frame.html`, a file of the build with its policy in
 *    its own `<meta>`): its frame's navigation gets the precached bytes with a `sandbox
 *    allow-scripts` header (RUNTIME_FRAME_HEADERS), or offline the page could not start its runtime
 *    (Chromium sends no navigation of a frame sandboxed by attribute to a service worker, so the page
 *    leaves the attribute off when this worker controls it, and the frame refuses to run unless its
 *    origin is opaque: src/runtime/sandbox.ts). Nothing the sandbox then asks for is answered (it
 *    asks for nothing: its policy allows no connection);
 *  - anything under `__preview/`, the Preview's own service worker's scope;
 *  - another origin, a non-GET method, a path outside its scope.
 * User content (responses of the simulated site, rendered HTML, drafts) never reaches its caches:
 * only URLs of the build are ever stored.
 */

export interface RequestFacts {
  method: string;
  url: string;
  mode: string;
  destination: string;
}

export type Route = { kind: "precache"; key: string } | { kind: "lazy" } | { kind: "network" };

/** Paths under the scope that belong to others: the Preview's service worker, the runtime sandbox. */
const NOT_OURS = [/^__preview\//, /^runtime-frame\.html$/];
/** The runtime sandbox's document: the one frame navigation answered (from the precache). */
export const RUNTIME_FRAME = "runtime-frame.html";
/** Its headers: an opaque origin (scripts only: no forms, popups, top navigation or same origin). */
export const RUNTIME_FRAME_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": "sandbox allow-scripts",
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};
const FRAME_DESTINATIONS = new Set(["iframe", "frame", "object", "embed", "fencedframe"]);

/** The path of `url` relative to the scope (`https://host/lab/assets/x.js` → `assets/x.js`), or null outside it. */
export function scopePath(url: string, scope: string): string | null {
  const u = new URL(url);
  const s = new URL(scope);
  if (u.origin !== s.origin || !u.pathname.startsWith(s.pathname)) return null;
  return decodeURIComponent(u.pathname.slice(s.pathname.length));
}

export function routeRequest(request: RequestFacts, scope: string, precache: ReadonlySet<string>): Route {
  if (request.method !== "GET") return { kind: "network" };
  if (FRAME_DESTINATIONS.has(request.destination)) {
    const framed = request.mode === "navigate" && request.destination === "iframe" ? scopePath(request.url, scope) : null;
    return framed === RUNTIME_FRAME && precache.has(RUNTIME_FRAME) ? { kind: "precache", key: RUNTIME_FRAME } : { kind: "network" };
  }
  const path = scopePath(request.url, scope);
  if (path === null || NOT_OURS.some((re) => re.test(path))) return { kind: "network" };
  // The app shell: a top-level visit to the page, whatever its query (?present, ?embed) or hash.
  if (request.mode === "navigate") return path === "" || path === "index.html" ? { kind: "precache", key: "index.html" } : { kind: "network" };
  if (precache.has(path)) return { kind: "precache", key: path };
  if (path.startsWith("assets/source/") && /^[\w./-]+\.js$/.test(path)) return { kind: "lazy" };
  return { kind: "network" };
}

export interface ClientFacts {
  url: string;
  type: string;
}

/**
 * Whether a request's client is the page itself (a window or one of its workers at our origin,
 * outside the Preview's scope and the runtime sandbox). A request with no client (a top-level
 * navigation) is judged by `routeRequest` alone.
 */
export function trustedClient(client: ClientFacts | null, scope: string): boolean {
  if (!client) return false;
  if (client.type !== "window" && client.type !== "worker") return false;
  const path = scopePath(client.url, scope);
  return path !== null && !NOT_OURS.some((re) => re.test(path));
}
