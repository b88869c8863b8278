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
 *
 * The start itself (the frame, the two fetches, the first worker) is sandbox-start.ts, which the
 * built page runs from an inline script in index.html before its entry module; `prepare()` takes
 * over what it started (docs/adr/0024-page-start-order.md).
 */
import runtimeWorkerUrl from "virtual:runtime-worker";
import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";
import type { ChannelIn } from "./channel";
import type { WorkerLike } from "./client";
import { openControl, startSandbox, type SandboxStart, type SandboxUrls } from "./sandbox-start";

/** The start index.html's inline bootstrap made (sandbox-start.ts), if it ran. */
interface BootstrapWindow {
  __frameworkLabSandbox?: SandboxStart;
}

function sandboxUrls(): SandboxUrls {
  return {
    bundle: runtimeWorkerUrl,
    wasm: wasmUrl,
    frame: `${import.meta.env.BASE_URL}runtime-frame.html`,
    offlineWorker: new URL(`${import.meta.env.BASE_URL}sw.js`, location.href).href,
  };
}

export class RuntimeSandbox {
  private static instance: RuntimeSandbox | null = null;
  private control: Promise<MessagePort> | null = null;
  private readonly workers = new Map<number, SandboxedWorker>();
  private nextGeneration = 1;
  /**
   * The first worker, started before anything asked for one (by index.html's bootstrap, or by
   * `prepare()`), so that parsing the runtime bundle and booting sql.js overlap the page's own
   * start; the first `spawn()` takes it. It is as fresh as any other (no project was ever loaded
   * into it).
   */
  private spare: SandboxedWorker | null = null;
  private start: SandboxStart | null = null;

  /** The page's one sandbox frame (created on first use). */
  static shared(): RuntimeSandbox {
    RuntimeSandbox.instance ??= new RuntimeSandbox();
    return RuntimeSandbox.instance;
  }

  /**
   * Take over the start index.html's bootstrap made, or make it now: the frame, the bundle and the
   * wasm loading, and the first worker asked for as soon as they are there (the page calls this
   * before it renders anything). Resolves once that worker has been asked for: the frame needs the
   * page's main thread to load, so the page's entry waits for this before it evaluates the app
   * (main.tsx).
   */
  prepare(): Promise<void> {
    if (!this.start) {
      const w = window as unknown as BootstrapWindow;
      const start = w.__frameworkLabSandbox ?? startSandbox(sandboxUrls());
      delete w.__frameworkLabSandbox;
      this.start = start;
      start.onWorkerError((generation, message) => this.workers.get(generation)?.fail(message));
      this.control = start.control;
      start.control.catch(() => (this.control = null));
      const { generation, port } = start.first;
      this.nextGeneration = generation + 1;
      this.spare = new SandboxedWorker(port, generation, () => this.terminate(generation));
      this.workers.set(generation, this.spare);
    }
    return this.start.spawned;
  }

  /** A new runtime worker in the sandbox; messages posted before it boots wait in its port. */
  spawn(): WorkerLike {
    if (!this.start) void this.prepare();
    const spare = this.spare;
    this.spare = null;
    return spare ?? this.startWorker();
  }

  private startWorker(): SandboxedWorker {
    const generation = this.nextGeneration++;
    const channel = new MessageChannel();
    const worker = new SandboxedWorker(channel.port1, generation, () => this.terminate(generation));
    this.workers.set(generation, worker);
    this.ensureControl().then(
      (control) => control.postMessage({ type: "spawn", generation, port: channel.port2 }, [channel.port2]),
      (e: unknown) => worker.fail(e instanceof Error ? e.message : String(e)),
    );
    return worker;
  }

  private terminate(generation: number): void {
    this.workers.delete(generation);
    void this.control?.then((control) => control.postMessage({ type: "terminate", generation }));
  }

  /** The control port; a start that failed (the frame did not load) is tried again. */
  private ensureControl(): Promise<MessagePort> {
    this.control ??= openControl(sandboxUrls(), (generation, message) => this.workers.get(generation)?.fail(message));
    this.control.catch(() => (this.control = null));
    return this.control;
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
