import { describe, expect, it } from "vitest";
import { RUNTIME_FRAME_HEADERS, routeRequest, scopePath, trustedClient } from "../../src/offline/policy";
import { precacheList } from "../../scripts/offline-sw";

const SCOPE = "https://lab.example/course/";
const PRECACHE = new Set(["index.html", "assets/index-abc.js", "assets/sql-wasm-browser-x.wasm", "runtime-frame.html"]);
const get = (url: string, mode = "cors", destination = "script") => routeRequest({ method: "GET", url, mode, destination }, SCOPE, PRECACHE);

describe("the service worker's rules: only the build's own files, never a frame's or anyone else's", () => {
  it("serves the app shell for a visit to the page, whatever its query", () => {
    expect(get(`${SCOPE}`, "navigate", "document")).toEqual({ kind: "precache", key: "index.html" });
    expect(get(`${SCOPE}?present`, "navigate", "document")).toEqual({ kind: "precache", key: "index.html" });
    expect(get(`${SCOPE}index.html#v1.abc`, "navigate", "document")).toEqual({ kind: "precache", key: "index.html" });
    expect(get(`${SCOPE}other.html`, "navigate", "document")).toEqual({ kind: "network" });
  });

  it("serves precached assets and caches the frameworks' source chunks on use", () => {
    expect(get(`${SCOPE}assets/index-abc.js`)).toEqual({ kind: "precache", key: "assets/index-abc.js" });
    expect(get(`${SCOPE}assets/sql-wasm-browser-x.wasm`, "cors", "")).toEqual({ kind: "precache", key: "assets/sql-wasm-browser-x.wasm" });
    expect(get(`${SCOPE}assets/source/resolvers-x1.js`)).toEqual({ kind: "lazy" });
    expect(get(`${SCOPE}assets/unknown.js`)).toEqual({ kind: "network" });
  });

  it("never answers for frames, the Preview's scope, the runtime sandbox, other origins or other methods", () => {
    expect(get(`${SCOPE}`, "navigate", "iframe")).toEqual({ kind: "network" });
    expect(get(`${SCOPE}assets/index-abc.js`, "no-cors", "iframe")).toEqual({ kind: "network" });
    expect(get(`${SCOPE}__preview/frame.html?id=1`, "navigate", "document")).toEqual({ kind: "network" });
    expect(get(`${SCOPE}runtime-frame.html`, "same-origin", "script")).toEqual({ kind: "network" });
    expect(get(`${SCOPE}runtime-frame.html`, "navigate", "document")).toEqual({ kind: "network" });
    expect(get(`${SCOPE}runtime-frame.html?x`, "navigate", "iframe")).toEqual({ kind: "precache", key: "runtime-frame.html" });
    expect(get("https://cdn.example/assets/index-abc.js")).toEqual({ kind: "network" });
    expect(get("https://lab.example/assets/index-abc.js")).toEqual({ kind: "network" });
    expect(routeRequest({ method: "POST", url: `${SCOPE}assets/index-abc.js`, mode: "cors", destination: "" }, SCOPE, PRECACHE)).toEqual({ kind: "network" });
  });

  it("answers the runtime sandbox's frame navigation with the precached document (offline the runtime could not start otherwise)", () => {
    expect(get(`${SCOPE}runtime-frame.html`, "navigate", "iframe")).toEqual({ kind: "precache", key: "runtime-frame.html" });
    // Not in an old build's list: the network's.
    expect(routeRequest({ method: "GET", url: `${SCOPE}runtime-frame.html`, mode: "navigate", destination: "iframe" }, SCOPE, new Set(["index.html"]))).toEqual({ kind: "network" });
    expect(get(`${SCOPE}runtime-frame.html`, "navigate", "frame")).toEqual({ kind: "network" });
    // Served sandboxed: scripts only, an opaque origin.
    expect(RUNTIME_FRAME_HEADERS["Content-Security-Policy"]).toBe("sandbox allow-scripts");
  });

  it("answers subresources only for the page and its workers", () => {
    expect(trustedClient({ url: `${SCOPE}?present`, type: "window" }, SCOPE)).toBe(true);
    expect(trustedClient({ url: `${SCOPE}assets/worker-x.js`, type: "worker" }, SCOPE)).toBe(true);
    expect(trustedClient({ url: `${SCOPE}__preview/frame.html?id=3`, type: "window" }, SCOPE)).toBe(false);
    expect(trustedClient({ url: `${SCOPE}runtime-frame.html`, type: "window" }, SCOPE)).toBe(false);
    expect(trustedClient({ url: `${SCOPE}`, type: "sharedworker" }, SCOPE)).toBe(false);
    expect(trustedClient(null, SCOPE)).toBe(false);
  });

  it("reads paths relative to its scope", () => {
    expect(scopePath(`${SCOPE}assets/a%20b.js`, SCOPE)).toBe("assets/a b.js");
    expect(scopePath("https://lab.example/elsewhere/x", SCOPE)).toBeNull();
  });

  it("precaches every built file (the runtime sandbox's document included) but maps, itself, the Preview's files and the source chunks", () => {
    expect(precacheList(["index.html", "assets/a.js", "assets/a.js.map", "sw.js", "__preview/frame.html", "preview-sw.js", "runtime-frame.html", "assets/source/x.js", "icons/icon-192.png", "assets/a.js"])).toEqual(["assets/a.js", "icons/icon-192.png", "index.html", "runtime-frame.html"]);
  });
});
