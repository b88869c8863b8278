/**
 * The page's side of the runtime: typed calls → messages to the runtime worker → checked, typed
 * results, with a deadline. Main class: `RuntimeClient`.
 *
 * One worker serves one call at a time (calls queue). A call still running at the deadline (an
 * infinite loop in a view, or in a module's top level) gets the worker terminated and replaced;
 * the replacement is given back the files and the database image of the last call that completed,
 * so the project is exactly as it was before the call that never finished.
 *
 * The worker runs user code, so nothing it sends is trusted (docs/adr/0019-runtime-isolation.md):
 * each message is checked against the protocol's schema (protocol-schema.ts) and must answer the
 * call in flight — its id, its reply type, and the worker generation the call went to. Anything
 * else is dropped and reported (`onRejected`), never handed to the page. Logs are kept only while a
 * call runs and only up to `MAX_STREAMED_LOGS`; the database image only up to its size limit.
 *
 * By default workers run in the page's runtime sandbox (sandbox.ts); tests pass `createWorker`.
 * The page imports this file; it must not import runtime code (sucrase, sql.js, frameworks).
 */
import type {
  ClassAnatomyResult,
  CommandResult,
  ErrorInfo,
  ExplainResult,
  HttpRequestMessage,
  LoadInput,
  LoadResult,
  LogEntry,
  ManagementCommand,
  PageToWorker,
  RenderTemplateResult,
  RequestOptions,
  RequestResult,
  SelectResult,
  SocketAction,
  SocketResult,
  TablesResult,
} from "./protocol";
import type { ChannelIn, ChannelOut } from "./channel";
import { LIMITS, ProtocolViolation, parseRuntimeMessage } from "./protocol-schema";
import { RuntimeSandbox } from "./sandbox";
import { rememberMode } from "./sandbox-start";

export type { CommandResult, ErrorInfo, ExplainResult, LoadInput, LoadResult, LogEntry, ManagementCommand, RequestResult, SelectResult, SocketAction, SocketResult, TablesResult };

/** What a call was doing when the deadline stopped it. */
export type Phase = "load" | "request" | "command" | "query";

export const DEFAULT_DEADLINE_MS = 5000;
/** The least time a replacement worker gets to reload the last good files. */
const RESTORE_DEADLINE_MS = 15000;
/** Console lines kept per call; the rest are counted, not kept. */
export const MAX_STREAMED_LOGS = 5000;

/** How a call ended: with the runtime's answer, at the deadline, or with the runtime itself failing. */
export type Outcome<T> =
  | { kind: "done"; value: T; ms: number }
  | { kind: "deadline"; ms: number; phase: Phase }
  | { kind: "failed"; error: ErrorInfo; ms: number };

export type ClientStatus = "starting" | "ready" | "busy" | "replacing";

export interface WorkerLike {
  postMessage(message: ChannelIn): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A message the client refused, and why (shown to the learner, never rendered as a result). */
export interface RejectedMessage {
  reason: string;
}

export interface RuntimeClientOptions {
  deadlineMs?: number;
  /** Create a worker; the default starts one in the page's runtime sandbox. */
  createWorker?: () => WorkerLike;
  onLog?: (entry: LogEntry) => void;
  onStatus?: (status: ClientStatus) => void;
  /** A message from the runtime was dropped (malformed, too large, or answering nothing asked). */
  onRejected?: (rejected: RejectedMessage) => void;
}

/** What the replacement worker gets back: the last files loaded and the database after the last completed call. */
interface Checkpoint {
  input: LoadInput | null;
  db: Uint8Array | null;
}

/** The one call in flight: its id, the worker generation it went to, and how to finish it. */
interface InFlight {
  id: number;
  generation: number;
  /** The reply type that answers it. */
  reply: ChannelOut["type"];
  finish(message: ChannelOut): void;
  /** A database image the worker sent for this call (kept only once the reply arrives). */
  database: Uint8Array | null;
  logs: number;
}

const REPLY_OF: Record<PageToWorker["type"], ChannelOut["type"]> = {
  load: "loaded",
  request: "response",
  command: "commanded",
  explain: "explained",
  select: "selected",
  tables: "tables",
  render_template: "rendered",
  inspect_class: "inspected",
  socket: "socket_result",
  export_database: "database_exported",
};

function sandboxedWorker(): WorkerLike {
  return RuntimeSandbox.shared().spawn();
}

/** Start the runtime sandbox loading (frame, bundle, wasm, a first worker) before anything asks for a worker; resolves once that worker is asked for. */
export function prepareRuntime(): Promise<void> {
  return typeof document !== "undefined" ? RuntimeSandbox.shared().prepare() : Promise.resolve();
}

export class RuntimeClient {
  deadlineMs: number;
  private worker!: WorkerLike;
  /** Bumped for every worker started; a message from an older one is never accepted. */
  private generation = 0;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight: InFlight | null = null;
  private checkpoint: Checkpoint = { input: null, db: null };
  private readonly options: RuntimeClientOptions;
  private disposed = false;
  private restoring = false;

  constructor(options: RuntimeClientOptions = {}) {
    this.options = options;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.spawn();
  }

  /**
   * Load (or reload) the project's files; the runtime re-imports user modules on the next request.
   * `keepDatabase`: keep the database as it is (a code edit); `database`: start from this image (a
   * draft's saved rows); otherwise a fresh one, set up by the scenario's setup steps (migrate, seed).
   */
  load(input: LoadInput, { keepDatabase = false, database }: { keepDatabase?: boolean; database?: Uint8Array } = {}): Promise<Outcome<LoadResult>> {
    // The next visit's first worker evaluates this mode's code before its load arrives (sandbox-start.ts).
    if (typeof document !== "undefined") rememberMode(input.entry.kind);
    return this.enqueue(
      "load",
      (id) => ({ type: "load", id, scenario: input, ...(keepDatabase ? { keep_database: true } : {}), ...(database ? { options: { database } } : {}) }),
      (m) => (m.type === "loaded" ? m.result : undefined),
      () => {
        this.checkpoint.input = input;
      },
    );
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
    this.finishInFlight({ type: "error", id: null, error: { type: "RuntimeError", message: "The runtime was closed.", frames: [] } });
  }

  private spawn(): void {
    this.options.onStatus?.("starting");
    const generation = ++this.generation;
    const worker = (this.options.createWorker ?? sandboxedWorker)();
    worker.onmessage = (event) => {
      if (generation === this.generation) this.receive(event.data, generation);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (generation !== this.generation) return;
      this.finishInFlight({ type: "error", id: null, error: { type: "WorkerError", message: String(event.message || "The runtime worker failed to start.").slice(0, 2000), frames: [] } });
    };
    this.worker = worker;
  }

  /** Check a message, then hand it to the call it answers; everything else is dropped and reported. */
  private receive(data: unknown, generation: number): void {
    let message: ChannelOut;
    try {
      message = parseRuntimeMessage(data);
    } catch (e) {
      const reason = e instanceof ProtocolViolation ? e.message : String(e);
      const call = this.inFlight;
      // A malformed reply to the call in flight ends that call (the learner sees why); any other is only reported.
      const claimed = typeof data === "object" && data !== null ? (data as { type?: unknown; id?: unknown }) : {};
      if (call && claimed.id === call.id && claimed.type === call.reply) {
        this.finishInFlight({ type: "error", id: call.id, error: { type: "ProtocolError", message: `The runtime's answer was refused: ${reason}`, frames: [] } });
      }
      this.reject(reason);
      return;
    }
    const call = this.inFlight && this.inFlight.generation === generation ? this.inFlight : null;
    switch (message.type) {
      case "ready":
        performance.mark("runtime-sandbox:worker-ready");
        this.options.onStatus?.(call ? "busy" : "ready");
        return;
      case "log":
        if (!call) return this.reject("a console line arrived while no call was running");
        if (++call.logs <= MAX_STREAMED_LOGS) this.options.onLog?.(message.entry);
        return;
      case "database":
        if (!call || message.id !== call.id) return this.reject(`a database image for call ${message.id}, which is not running`);
        call.database = message.image;
        return;
      case "error":
        if (message.id === null || (call && message.id === call.id)) return this.finishInFlight(message);
        return this.reject(`an error for call ${message.id}, which is not running`);
      default:
        if (!call || message.id !== call.id) return this.reject(`a "${message.type}" reply for call ${message.id}, which is not running`);
        if (message.type !== call.reply) return this.reject(`a "${message.type}" reply to a call that expects "${call.reply}"`);
        this.finishInFlight(message);
    }
  }

  private reject(reason: string): void {
    this.options.onRejected?.({ reason: `A message from the runtime was dropped: ${reason}.` });
  }

  private finishInFlight(message: ChannelOut): void {
    const call = this.inFlight;
    if (!call) return;
    this.inFlight = null;
    if (message.type === call.reply && call.database) {
      if (call.database.byteLength <= LIMITS.databaseBytes) this.checkpoint.db = call.database;
    }
    call.finish(message);
  }

  /** Run calls one after another; each gets the deadline. */
  private enqueue<T>(phase: Phase, build: (id: number) => PageToWorker, pick: (m: ChannelOut) => T | undefined, onDone?: () => void): Promise<Outcome<T>> {
    const run = () => this.call(phase, build, pick, onDone);
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  private call<T>(phase: Phase, build: (id: number) => PageToWorker, pick: (m: ChannelOut) => T | undefined, onDone?: () => void, deadlineMs = this.deadlineMs): Promise<Outcome<T>> {
    if (this.disposed) return Promise.resolve({ kind: "failed", error: { type: "RuntimeError", message: "The runtime was closed.", frames: [] }, ms: 0 });
    const id = this.nextId++;
    const message = build(id);
    const started = performance.now();
    this.options.onStatus?.("busy");
    return new Promise<Outcome<T>>((resolve) => {
      const timer = setTimeout(() => {
        if (this.inFlight?.id === id) this.inFlight = null;
        const ms = performance.now() - started;
        void this.replace().then(() => resolve({ kind: "deadline", ms, phase }));
      }, deadlineMs);
      this.inFlight = {
        id,
        generation: this.generation,
        reply: REPLY_OF[message.type],
        database: null,
        logs: 0,
        finish: (reply) => {
          clearTimeout(timer);
          const ms = performance.now() - started;
          this.options.onStatus?.("ready");
          const value = pick(reply);
          if (value !== undefined) {
            onDone?.();
            resolve({ kind: "done", value, ms });
          } else if (reply.type === "error") resolve({ kind: "failed", error: reply.error, ms });
          else resolve({ kind: "failed", error: { type: "ProtocolError", message: `Unexpected reply "${reply.type}" from the runtime.`, frames: [] }, ms });
        },
      };
      this.worker.postMessage(message);
    });
  }

  /**
   * Terminate the stuck worker and start a new one with the last checkpoint: the files of the last
   * completed load, then the database image taken after the last completed call that changed it.
   */
  private async replace(): Promise<void> {
    this.options.onStatus?.("replacing");
    this.worker.terminate();
    this.inFlight = null;
    this.spawn();
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
