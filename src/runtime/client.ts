/**
 * The page's side of the runtime: typed calls → messages to the runtime worker → typed results,
 * with a deadline. Main class: `RuntimeClient`.
 *
 * One worker serves one call at a time (calls queue). A call still running at the deadline (an
 * infinite loop in a view, or in a module's top level) gets the worker terminated and replaced;
 * the replacement is given back the files and the database image of the last call that completed,
 * so the project is exactly as it was before the call that never finished.
 *
 * The page imports this file; it must not import runtime code (sucrase, sql.js, frameworks) — only
 * types. The worker itself is bundled separately (`new Worker(new URL(...))`).
 */
import type {
  CommandResult,
  ErrorInfo,
  ExplainResult,
  HttpRequestMessage,
  LoadInput,
  LoadResult,
  LogEntry,
  ManagementCommand,
  PageToWorker,
  RequestOptions,
  RequestResult,
  SelectResult,
  SocketAction,
  SocketResult,
  TablesResult,
  WorkerToPage,
} from "./protocol";
import type { WorkerExtensionIn, WorkerExtensionOut } from "./worker";
import type { ClassAnatomyResult, RenderTemplateResult } from "./protocol";

export type { CommandResult, ErrorInfo, ExplainResult, LoadInput, LoadResult, LogEntry, ManagementCommand, RequestResult, SelectResult, SocketAction, SocketResult, TablesResult };

/** What a call was doing when the deadline stopped it. */
export type Phase = "load" | "request" | "command" | "query";

export const DEFAULT_DEADLINE_MS = 5000;
/** The least time a replacement worker gets to reload the last good files. */
const RESTORE_DEADLINE_MS = 15000;

/** How a call ended: with the runtime's answer, at the deadline, or with the runtime itself failing. */
export type Outcome<T> =
  | { kind: "done"; value: T; ms: number }
  | { kind: "deadline"; ms: number; phase: Phase }
  | { kind: "failed"; error: ErrorInfo; ms: number };

export type ClientStatus = "starting" | "ready" | "busy" | "replacing";

type In = PageToWorker | WorkerExtensionIn;
type Out = WorkerToPage | WorkerExtensionOut;

export interface WorkerLike {
  postMessage(message: In): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<Out>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface RuntimeClientOptions {
  deadlineMs?: number;
  /** Create a worker; the default bundles `./worker.ts` as a module worker. */
  createWorker?: () => WorkerLike;
  onLog?: (entry: LogEntry) => void;
  onStatus?: (status: ClientStatus) => void;
}

/** What the replacement worker gets back: the last files loaded and the database after the last completed call. */
interface Checkpoint {
  input: LoadInput | null;
  db: Uint8Array | null;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "framework-lab-runtime" }) as unknown as WorkerLike;
}

export class RuntimeClient {
  deadlineMs: number;
  private worker: WorkerLike;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = new Map<number, (message: Out) => void>();
  private checkpoint: Checkpoint = { input: null, db: null };
  private readonly options: RuntimeClientOptions;
  private disposed = false;
  private restoring = false;

  constructor(options: RuntimeClientOptions = {}) {
    this.options = options;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.worker = this.spawn();
  }

  /**
   * Load (or reload) the project's files; the runtime re-imports user modules on the next request.
   * `keepDatabase`: keep the database as it is (a code edit); otherwise a fresh one, set up by the
   * scenario's setup steps (migrate, seed).
   */
  load(input: LoadInput, { keepDatabase = false, database }: { keepDatabase?: boolean; database?: Uint8Array } = {}): Promise<Outcome<LoadResult>> {
    const options = database ? { options: { database } } : keepDatabase ? { keep_database: true } : {};
    return this.enqueue("load", (id) => ({ type: "load", id, scenario: input, ...options }), (m) => (m.type === "loaded" ? m.result : undefined), () => {
      this.checkpoint.input = input;
    });
  }

  /** Run a management command (makemigrations, migrate, sqlmigrate, showmigrations) on the loaded project. */
  command(command: ManagementCommand): Promise<Outcome<CommandResult>> {
    return this.enqueue("command", (id) => ({ type: "command", id, command }), (m) => (m.type === "commanded" ? m.result : undefined));
  }

  /** SQLite's EXPLAIN QUERY PLAN for a statement the trace recorded. */
  explain(sql: string, params: unknown[]): Promise<Outcome<ExplainResult>> {
    return this.enqueue("query", (id) => ({ type: "explain", id, sql, params }), (m) => (m.type === "explained" ? m.result : undefined));
  }

  /** A read-only query (SELECT, WITH, PRAGMA) on the database. */
  select(sql: string, params: unknown[] = []): Promise<Outcome<SelectResult>> {
    return this.enqueue("query", (id) => ({ type: "select", id, sql, params }), (m) => (m.type === "selected" ? m.result : undefined));
  }

  /** The database's tables with their row counts. */
  tables(): Promise<Outcome<TablesResult>> {
    return this.enqueue("query", (id) => ({ type: "tables", id }), (m) => (m.type === "tables" ? m.result : undefined));
  }

  /** Render a template source with a captured context through the project's engine (the Templates panel). */
  renderTemplate(source: string, context: Record<string, unknown>): Promise<Outcome<RenderTemplateResult>> {
    return this.enqueue("request", (id) => ({ type: "render_template", id, source, context }), (m) => (m.type === "rendered" ? m.result : undefined));
  }

  /** A class-based view's anatomy (MRO, attributes and their owners) by dotted path. */
  inspectClass(path: string): Promise<Outcome<ClassAnatomyResult>> {
    return this.enqueue("request", (id) => ({ type: "inspect_class", id, path }), (m) => (m.type === "inspected" ? m.result : undefined));
  }

  /** The database as a SQLite file (null before a project has loaded). */
  exportDatabase(): Promise<Outcome<{ image: Uint8Array | null }>> {
    return this.enqueue("query", (id) => ({ type: "export_database", id }), (m) => (m.type === "database_exported" ? { image: m.image } : undefined));
  }

  /** Serve one HTTP request. */
  request(request: HttpRequestMessage, options?: RequestOptions): Promise<Outcome<RequestResult>> {
    return this.enqueue("request", (id) => ({ type: "request", id, request, ...(options ? { options } : {}) }), (m) => (m.type === "response" ? m.result : undefined));
  }

  /** A simulated client's WebSocket step: open a connection, send a frame, or close it. */
  socket(action: SocketAction): Promise<Outcome<SocketResult>> {
    return this.enqueue("request", (id) => ({ type: "socket", id, action }), (m) => (m.type === "socket_result" ? m.result : undefined));
  }

  /** The database image kept for a restore (null until a call changed the database). */
  get databaseSnapshot(): Uint8Array | null {
    return this.checkpoint.db;
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    for (const resolve of this.pending.values()) resolve({ type: "error", id: null, error: { type: "RuntimeError", message: "The runtime was closed.", frames: [] } });
    this.pending.clear();
  }

  private spawn(): WorkerLike {
    this.options.onStatus?.("starting");
    const worker = (this.options.createWorker ?? defaultWorker)();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      const error: ErrorInfo = { type: "WorkerError", message: event.message || "The runtime worker failed to start.", frames: [] };
      for (const resolve of this.pending.values()) resolve({ type: "error", id: null, error });
      this.pending.clear();
    };
    return worker;
  }

  private receive(message: Out): void {
    switch (message.type) {
      case "log":
        this.options.onLog?.(message.entry);
        return;
      case "database":
        this.checkpoint.db = message.image;
        return;
      case "ready":
        this.options.onStatus?.("ready");
        return;
      default: {
        const id = "id" in message ? message.id : null;
        if (id === null) {
          for (const resolve of this.pending.values()) resolve(message);
          this.pending.clear();
          return;
        }
        const resolve = this.pending.get(id);
        this.pending.delete(id);
        resolve?.(message);
      }
    }
  }

  /** Run calls one after another; each gets the deadline. */
  private enqueue<T>(phase: Phase, build: (id: number) => PageToWorker, pick: (m: Out) => T | undefined, onDone?: () => void): Promise<Outcome<T>> {
    const run = () => this.call(phase, build, pick, onDone);
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  private call<T>(phase: Phase, build: (id: number) => PageToWorker, pick: (m: Out) => T | undefined, onDone?: () => void, deadlineMs = this.deadlineMs): Promise<Outcome<T>> {
    if (this.disposed) return Promise.resolve({ kind: "failed", error: { type: "RuntimeError", message: "The runtime was closed.", frames: [] }, ms: 0 });
    const id = this.nextId++;
    const started = performance.now();
    this.options.onStatus?.("busy");
    return new Promise<Outcome<T>>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const ms = performance.now() - started;
        void this.replace().then(() => resolve({ kind: "deadline", ms, phase }));
      }, deadlineMs);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        const ms = performance.now() - started;
        this.options.onStatus?.("ready");
        const value = pick(message);
        if (value !== undefined) {
          onDone?.();
          resolve({ kind: "done", value, ms });
        } else if (message.type === "error") resolve({ kind: "failed", error: message.error, ms });
        else resolve({ kind: "failed", error: { type: "ProtocolError", message: `Unexpected reply "${message.type}" from the runtime.`, frames: [] }, ms });
      });
      this.worker.postMessage(build(id));
    });
  }

  /**
   * Terminate the stuck worker and start a new one with the last checkpoint: the files of the last
   * completed load, then the database image taken after the last completed call that changed it.
   */
  private async replace(): Promise<void> {
    this.options.onStatus?.("replacing");
    this.worker.terminate();
    this.pending.clear();
    this.worker = this.spawn();
    const { input, db } = this.checkpoint;
    if (db) this.worker.postMessage({ type: "restore-database", image: db });
    // A checkpoint that itself runs past the deadline is dropped, so replacing cannot loop.
    if (!input || this.restoring) {
      if (this.restoring) this.checkpoint.input = null;
      this.options.onStatus?.("ready");
      return;
    }
    this.restoring = true;
    try {
      // The restore reloads files that loaded before, on a fresh worker that must first boot sql.js:
      // it gets more time than a request, so a short deadline on a busy machine cannot drop it.
      await this.call("load", (id) => ({ type: "load", id, scenario: input }), (m) => (m.type === "loaded" ? m.result : undefined), undefined, Math.max(this.deadlineMs * 3, RESTORE_DEADLINE_MS));
    } finally {
      this.restoring = false;
    }
  }
}
