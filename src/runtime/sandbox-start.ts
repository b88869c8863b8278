/**
 * The runtime sandbox's start, before anything else of the page runs: the build's URLs (the runtime
 * bundle, sql.js' wasm, the sandbox frame) → the frame loaded, both files fetched and handed to it,
 * and the first runtime worker asked for. Main function: `startSandbox`, which returns a
 * `SandboxStart` that `RuntimeSandbox` (sandbox.ts) takes over.
 *
 * Why a separate file with no imports: the build compiles it on its own into the small inline
 * script right after index.html's policy (scripts/sandbox-bootstrap.ts; allowed by its hash in the
 * page's policy, never by 'unsafe-inline'), so that the frame's navigation and the two fetches start
 * while the HTML is parsed, not once the page's entry module and its imports have been fetched and
 * evaluated (~100 ms warm, more cold: docs/benchmarks.md, 2026-12-07 20:00). The inline copy leaves
 * its `SandboxStart` in `window.__frameworkLabSandbox`; without one (`npm run dev`, tests) sandbox.ts
 * calls `startSandbox` itself. Everything here is plain data and functions, because the inline
 * copy and the module copy are two compilations of this file.
 *
 * Isolation is the same as before (docs/adr/0019-runtime-isolation.md): the same frame with the
 * same attribute or header, the same policy, the frame given the same data.
 */

/** Where the build put the files, and the page's base (for the offline worker's URL). */
export interface SandboxUrls {
  bundle: string;
  wasm: string;
  frame: string;
  /** The offline service worker's script URL (`<base>sw.js`), absolute. */
  offlineWorker: string;
  /** The mode of the scenario a first visit opens (the build knows it): the first worker's guess when the page has none remembered. */
  firstVisitMode?: string;
}

/** Where the page remembers the mode of the last project it loaded (`rememberMode`). */
const MODE_KEY = "framework-lab:runtime-mode";
/** A mode id as the frame and the worker accept it in a boot's `warm` list. */
export const MODE_ID = /^[a-z][a-z0-9_-]{0,31}$/;

/** The mode the next start should guess: the last project's, or the first visit's. */
export function guessMode(urls: Pick<SandboxUrls, "firstVisitMode">): string[] {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(MODE_KEY);
  } catch {
    /* storage refused (an embed in a third-party frame): the first visit's guess */
  }
  const mode = remembered ?? urls.firstVisitMode ?? "";
  return MODE_ID.test(mode) ? [mode] : [];
}

/** Remember the mode of a project being loaded, for the next visit's first worker. */
export function rememberMode(mode: string): void {
  try {
    if (MODE_ID.test(mode) && localStorage.getItem(MODE_KEY) !== mode) localStorage.setItem(MODE_KEY, mode);
  } catch {
    /* nothing remembered: the next visit guesses the first visit's mode */
  }
}

/** What the frame tells the page on the control port. */
export type ControlIn = { type: "frame-ready" } | { type: "not-sandboxed" } | { type: "worker-error"; generation: number; message: string };

/** A worker the start asked for: its generation and the page's end of its channel. */
export interface StartedWorker {
  generation: number;
  port: MessagePort;
}

export interface SandboxStart {
  /** The frame's control port, once the frame is up and has been given the bundle and the wasm. */
  control: Promise<MessagePort>;
  /** The first worker (generation 1), asked for as soon as `control` settles. */
  first: StartedWorker;
  /** Settles once the frame has been asked to start the first worker (or could not be). */
  spawned: Promise<void>;
  /**
   * Who hears the frame's `worker-error` reports. Reports that came before anyone listened are kept
   * (at most 8) and handed to the first listener.
   */
  onWorkerError(listener: (generation: number, message: string) => void): void;
}

/** How long the frame may take to load before every pending worker is failed. */
const FRAME_TIMEOUT_MS = 20_000;

export function startSandbox(urls: SandboxUrls): SandboxStart {
  let listener: ((generation: number, message: string) => void) | null = null;
  const early: [number, string][] = [];
  const workerError = (generation: number, message: string) => {
    if (listener) listener(generation, message);
    else if (early.length < 8) early.push([generation, message]);
  };
  const control = openControl(urls, workerError);
  const channel = new MessageChannel();
  const first: StartedWorker = { generation: 1, port: channel.port1 };
  const spawned = control.then(
    (port) => port.postMessage({ type: "spawn", generation: 1, port: channel.port2, warm: guessMode(urls) }, [channel.port2]),
    (e: unknown) => workerError(1, e instanceof Error ? e.message : String(e)),
  );
  return {
    control,
    first,
    spawned,
    onWorkerError(l) {
      listener = l;
      for (const [generation, message] of early.splice(0)) l(generation, message);
    },
  };
}

/**
 * Load the frame, give it the control port, then the bundle and the wasm as bytes, transferred: not
 * decoded into a string on the page, copied through the message and encoded again in the frame.
 * (Also what `RuntimeSandbox` calls again if a start failed.)
 */
export function openControl(urls: SandboxUrls, workerError: (generation: number, message: string) => void): Promise<MessagePort> {
  // Marks for the page benchmark (npm run bench:page): where a start spends its time.
  const mark = (name: string) => performance.mark(`runtime-sandbox:${name}`);
  mark("boot");
  return Promise.all([
    fetchBytes(urls.bundle, "The runtime").then((b) => (mark("bundle-fetched"), b)),
    fetchBytes(urls.wasm, "SQLite").then((b) => (mark("wasm-fetched"), b)),
    openFrame(urls, workerError).then((p) => (mark("frame-ready"), p)),
  ]).then(([bundle, wasm, port]) => {
    // The frame appends `//# sourceURL=framework-lab-runtime.js` to the bundle (frame-sources.ts).
    port.postMessage({ type: "init", bundle, wasm }, [bundle, wasm]);
    return port;
  });
}

/**
 * Load the frame. Sandboxed by its `sandbox` attribute — except when the page's offline worker
 * (src/offline/service-worker.ts) controls it: Chromium sends no sandboxed frame's navigation to a
 * service worker, so offline the frame could not load; the worker serves it instead with a
 * `Content-Security-Policy: sandbox allow-scripts` header (the same opaque origin). The frame's
 * script checks its origin is opaque and otherwise runs nothing and says so: then the frame is
 * opened again with the attribute.
 */
function openFrame(urls: SandboxUrls, workerError: (generation: number, message: string) => void): Promise<MessagePort> {
  const controller = typeof navigator !== "undefined" ? navigator.serviceWorker?.controller : null;
  if (controller && controller.scriptURL === urls.offlineWorker) {
    return openFrameOnce(urls.frame, false, workerError).catch(() => openFrameOnce(urls.frame, true, workerError));
  }
  return openFrameOnce(urls.frame, true, workerError);
}

function openFrameOnce(src: string, attribute: boolean, workerError: (generation: number, message: string) => void): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement("iframe");
    if (attribute) frame.setAttribute("sandbox", "allow-scripts");
    frame.title = "Runtime sandbox";
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.className = "runtime-sandbox";
    const { port1, port2 } = new MessageChannel();
    const timer = setTimeout(() => {
      if (!attribute) frame.remove();
      reject(new Error("The runtime sandbox did not start (runtime-frame.html did not load)."));
    }, FRAME_TIMEOUT_MS);
    port1.onmessage = (event: MessageEvent<ControlIn>) => {
      const m = event.data;
      if (m?.type === "frame-ready") {
        clearTimeout(timer);
        resolve(port1);
      } else if (m?.type === "not-sandboxed") {
        clearTimeout(timer);
        frame.remove();
        reject(new Error("The runtime sandbox's frame was not sandboxed."));
      } else if (m?.type === "worker-error" && typeof m.generation === "number") {
        workerError(m.generation, typeof m.message === "string" ? m.message.slice(0, 2000) : "The runtime worker failed.");
      }
    };
    frame.addEventListener("load", () => frame.contentWindow?.postMessage({ type: "framework-lab:runtime-control" }, "*", [port2]), { once: true });
    frame.src = src;
    // The inline copy runs while <head> is parsed, before there is a body.
    (document.body ?? document.documentElement).append(frame);
  });
}

/** A file of the build as bytes (`what` names it in the error). */
async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} could not be loaded (${url}: HTTP ${response.status}).`);
  return response.arrayBuffer();
}
