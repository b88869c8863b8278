/**
 * The page's side of the runtime sandbox: one hidden, opaque-origin frame (public/runtime-frame.html,
 * `sandbox="allow-scripts"`) → runtime workers it starts from a `blob:` of the runtime bundle, each
 * reached through its own MessagePort. Main class: `RuntimeSandbox`; `RuntimeSandbox.spawn()` gives
 * the `WorkerLike` the RuntimeClient drives. See docs/adr/0019-runtime-isolation.md.
 *
 * The frame's own content security policy (a `<meta>` in the file, so it holds on a static host
 * that sends no headers) allows no connections, no fonts, no images and scripts only by hash, eval
 * and WebAssembly; a blob worker inherits it, and an opaque origin has no IndexedDB, caches, OPFS
 * or cookies. The page fetches the bundle and sql.js' wasm itself (its own origin) and hands both
 * over as data (bytes): the worker never loads anything.
 *
 * A worker generation is a number the page picks; terminating one asks the frame to terminate that
 * worker and closes its port, so nothing it still sends can arrive.
 */
import runtimeWorkerUrl from "virtual:runtime-worker";
import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";
import type { ChannelIn } from "./channel";
import type { WorkerLike } from "./client";

/** How long the frame may take to load before every pending worker is failed. */
const FRAME_TIMEOUT_MS = 20_000;
const FRAME_PATH = "runtime-frame.html";

type ControlIn = { type: "frame-ready" } | { type: "not-sandboxed" } | { type: "worker-error"; generation: number; message: string };

/** Whether the page's offline worker (sw.js at the page's base) controls this page. */
function offlineWorkerControls(): boolean {
  const controller = typeof navigator !== "undefined" ? navigator.serviceWorker?.controller : null;
  return !!controller && controller.scriptURL === new URL(`${import.meta.env.BASE_URL}sw.js`, location.href).href;
}

export class RuntimeSandbox {
  private static instance: RuntimeSandbox | null = null;
  private control: Promise<MessagePort> | null = null;
  private readonly workers = new Map<number, SandboxedWorker>();
  private nextGeneration = 1;
  /**
   * A worker started by `prepare()`, before anything asked for one, so that parsing the runtime
   * bundle and booting sql.js overlap the page's own start; the first `spawn()` takes it. It is as
   * fresh as any other (no project was ever loaded into it).
   */
  private spare: SandboxedWorker | null = null;
  private markSpawned: () => void = () => undefined;
  /** Settles once the frame has been asked to start a worker (or could not be): see `prepare()`. */
  private readonly spawned = new Promise<void>((resolve) => (this.markSpawned = resolve));

  /** The page's one sandbox frame (created on first use). */
  static shared(): RuntimeSandbox {
    RuntimeSandbox.instance ??= new RuntimeSandbox();
    return RuntimeSandbox.instance;
  }

  /**
   * Start loading the frame, the bundle and the wasm now, and start the first worker as soon as
   * they are there (the page calls this before it renders anything). Resolves once that worker has
   * been asked for: the frame needs the page's main thread to load, so the page's entry waits for
   * this before it evaluates the app (main.tsx).
   */
  prepare(): Promise<void> {
    void this.ensureControl().catch(() => undefined);
    if (this.workers.size === 0 && !this.spare) this.spare = this.start();
    return this.spawned;
  }

  /** A new runtime worker in the sandbox; messages posted before it boots wait in its port. */
  spawn(): WorkerLike {
    const spare = this.spare;
    this.spare = null;
    return spare ?? this.start();
  }

  private start(): SandboxedWorker {
    const generation = this.nextGeneration++;
    const channel = new MessageChannel();
    const worker = new SandboxedWorker(channel.port1, generation, () => this.terminate(generation));
    this.workers.set(generation, worker);
    this.ensureControl().then(
      (control) => {
        control.postMessage({ type: "spawn", generation, port: channel.port2 }, [channel.port2]);
        this.markSpawned();
      },
      (e: unknown) => {
        worker.fail(e instanceof Error ? e.message : String(e));
        this.markSpawned();
      },
    );
    return worker;
  }

  private terminate(generation: number): void {
    this.workers.delete(generation);
    void this.control?.then((control) => control.postMessage({ type: "terminate", generation }));
  }

  private ensureControl(): Promise<MessagePort> {
    this.control ??= this.boot();
    this.control.catch(() => (this.control = null));
    return this.control;
  }

  /**
   * Load the frame, give it the control port, then the runtime bundle and sql.js' wasm as bytes,
   * transferred: the bundle is not decoded into a string on the page's main thread, copied as one
   * through the message and encoded again when the frame makes its worker's blob URL (together
   * ~200 ms of the frame's main thread on this machine: docs/benchmarks.md, 2026-12-07 17:30).
   */
  private async boot(): Promise<MessagePort> {
    // Marks for the page benchmark (npm run bench:page): where a cold start spends its time.
    const mark = (name: string) => performance.mark(`runtime-sandbox:${name}`);
    mark("boot");
    const [bundle, wasm, control] = await Promise.all([
      fetchBytes(runtimeWorkerUrl, "The runtime").then((b) => (mark("bundle-fetched"), b)),
      fetchBytes(wasmUrl, "SQLite").then((b) => (mark("wasm-fetched"), b)),
      this.openFrame().then((p) => (mark("frame-ready"), p)),
    ]);
    // The frame appends `//# sourceURL=framework-lab-runtime.js` to the bundle, so that stack frames
    // of framework code name that rather than a blob: URL (frame-sources.ts).
    control.postMessage({ type: "init", bundle, wasm }, [bundle, wasm]);
    return control;
  }

  /**
   * Load the frame. Sandboxed by its `sandbox` attribute — except when the page's offline worker
   * (src/offline/service-worker.ts) controls it: Chromium sends no sandboxed frame's navigation to a
   * service worker, so offline the frame could not load; the worker serves it instead with a
   * `Content-Security-Policy: sandbox allow-scripts` header (the same opaque origin). The frame's
   * script checks its origin is opaque and otherwise runs nothing and says so: then the frame is
   * opened again with the attribute.
   */
  private async openFrame(): Promise<MessagePort> {
    if (offlineWorkerControls()) {
      try {
        return await this.openFrameOnce(false);
      } catch {
        /* not sandboxed by the worker (an older one, or none answered): the attribute then */
      }
    }
    return this.openFrameOnce(true);
  }

  private openFrameOnce(attribute: boolean): Promise<MessagePort> {
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
          this.workers.get(m.generation)?.fail(typeof m.message === "string" ? m.message.slice(0, 2000) : "The runtime worker failed.");
        }
      };
      frame.addEventListener("load", () => frame.contentWindow?.postMessage({ type: "framework-lab:runtime-control" }, "*", [port2]), { once: true });
      frame.src = `${import.meta.env.BASE_URL}${FRAME_PATH}`;
      document.body.append(frame);
    });
  }
}

/** A worker in the sandbox as the RuntimeClient sees it: its MessagePort, plus the frame's error reports. */
class SandboxedWorker implements WorkerLike {
  private receiver: ((event: MessageEvent<unknown>) => void) | null = null;
  private failure: ((event: ErrorEvent) => void) | null = null;
  /** What arrived before the client attached its handlers (a worker started by `prepare()`). */
  private early: MessageEvent<unknown>[] = [];
  private earlyFailure: string | null = null;
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    readonly generation: number,
    private readonly onTerminate: () => void,
  ) {
    port.onmessage = (event: MessageEvent<unknown>) => {
      if (this.closed) return;
      if (this.receiver) this.receiver(event);
      // Only "ready" comes before any call; a few more are kept, never an unbounded queue.
      else if (this.early.length < 8) this.early.push(event);
    };
  }

  get onmessage(): ((event: MessageEvent<unknown>) => void) | null {
    return this.receiver;
  }

  set onmessage(handler: ((event: MessageEvent<unknown>) => void) | null) {
    this.receiver = handler;
    if (!handler) return;
    const early = this.early;
    this.early = [];
    for (const event of early) if (!this.closed) handler(event);
  }

  get onerror(): ((event: ErrorEvent) => void) | null {
    return this.failure;
  }

  set onerror(handler: ((event: ErrorEvent) => void) | null) {
    this.failure = handler;
    if (handler && this.earlyFailure !== null) {
      const message = this.earlyFailure;
      this.earlyFailure = null;
      this.fail(message);
    }
  }

  postMessage(message: ChannelIn): void {
    if (!this.closed) this.port.postMessage(message);
  }

  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.early = [];
    this.port.onmessage = null;
    this.port.close();
    this.onTerminate();
  }

  /** The frame saw the worker fail (a script error at start) or could not start it. */
  fail(message: string): void {
    if (this.closed) return;
    if (this.failure) this.failure({ message, preventDefault() {} } as ErrorEvent);
    else this.earlyFailure ??= message;
  }
}

/** A file of the build as bytes (`what` names it in the error). */
async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what} could not be loaded (${url}: HTTP ${response.status}).`);
  return response.arrayBuffer();
}
