/**
 * The headless runtime: a scenario's files → a served application, in Node (tests, the CLI,
 * benchmarks). Main class: `HeadlessRuntime`. The Web Worker runtime does the same steps and
 * answers with the same `LoadResult` / `RequestResult` (protocol.ts).
 *
 * load(scenario):  every framework reset → fresh SQLite database → module loader over the files →
 *                  the scenario's mode (src/modes, asked by `entry.kind`, never named here) boots
 *                  the entry into the application the gateway serves (e.g. raw WSGI:
 *                  "app.application"; Django: settings → setup() → get_wsgi_application()).
 * request(http):   a fresh trace recorder, a root "request" span, then the gateway the mode speaks
 *                  (serve_wsgi, or serve_asgi for an ASGI application).
 * socket(action):  a simulated client's WebSocket (open, a frame, close) on an ASGI application:
 *                  a root "websocket" span, then everything the step set going (sockets.ts).
 *
 * Requests run one at a time (the trace recorder is global while a request runs), in arrival order.
 */
import { Recorder, set_active_recorder, span_close, span_fail, span_set, trace_site, type Attrs, type Trace } from "../trace";
import { RuntimeError } from "../frameworks/python/builtins";
import { import_module } from "../frameworks/python/importlib";
import { serve_wsgi } from "../gateway/server";
import { serve_asgi } from "../gateway/asgi";
import type { ASGIApplication } from "../gateway/asgi-types";
import type { HttpRequestMessage, WSGIApplication } from "../gateway/wsgi";
import type { ScenarioSetupStep } from "../scenarios/format";
import { MODE_BOOTS, attach_database_to_modes, mode_boot, type ManagementCommand, type ModeBoot, type ServedApplication } from "../modes";
import { mode_descriptor } from "../modes/descriptors";
import { LogCollector } from "./console";
import { error_info } from "./errors";
import { load, type ModuleLoader } from "./loader";
import type { ClassAnatomyResult, CommandResult, ErrorInfo, ExplainResult, LoadInput, LoadOptions, LoadResult, RenderTemplateResult, RequestOptions, RequestResult, Runtime, SelectResult, SocketAction, SocketResult, SqlCell, TablesResult } from "./protocol";
import { SocketHub, settle } from "./sockets";
import { ManageProcess, type ProcessOutcome } from "./manage";
import { SqlJsDriver, boot_sqlite, type SqliteBootOptions } from "./sqlite";
import { install_instance_filler } from "./instance-filler";

// The ORM fills fetched instances with stores generated per model (ADR 0030): the worker runs this runtime too.
install_instance_filler();

const LOAD = trace_site("module", "runtime/headless.ts#HeadlessRuntime.load");
const COMMAND = trace_site("module", "runtime/headless.ts#HeadlessRuntime.command");
const MANAGE = trace_site("command", "runtime/headless.ts#HeadlessRuntime.manage_now");
const REQUEST = trace_site("request", "runtime/headless.ts#HeadlessRuntime.request");
const SOCKET = trace_site("websocket", "runtime/headless.ts#HeadlessRuntime.socket", { eager: true });

export interface HeadlessRuntimeOptions {
  /** Record traces (default true); `request(..., {trace})` overrides it per request. */
  trace?: boolean;
  /**
   * Read traces `packed` (the worker does: a trace crosses to the page with each run of pattern
   * spans as one `SpanRun`, and the page's protocol check expands it — src/trace/runs.ts, ADR 0035).
   * Off by default: tests, conformance and the bench's checks read every span made.
   */
  packed_traces?: boolean;
  sqlite?: SqliteBootOptions;
}

export class HeadlessRuntime implements Runtime {
  private loader: ModuleLoader | null = null;
  private mode: ModeBoot | null = null;
  private app: ServedApplication | null = null;
  private load_error: unknown = new RuntimeError("No project is loaded: call load(scenario) first.");
  private driver: SqlJsDriver | null = null;
  private readonly logs = new LogCollector((path) => this.loader?.is_user_file(path) ?? false);
  private queue: Promise<unknown> = Promise.resolve();
  private changes_known: { driver: SqlJsDriver; statements: number; changes: number } | null = null;
  /** The simulated clients' WebSockets (ASGI projects). */
  private readonly sockets = new SocketHub();
  /** The project's entry and files as last loaded (a manage.py process starts from them). */
  private entry: Record<string, string> = {};
  /** A manage.py process paused at a prompt (the Terminal's shell, createsuperuser…). */
  private process: ManageProcess | null = null;

  private constructor(private readonly options: HeadlessRuntimeOptions) {}

  /** Boot sql.js (once per process) and return an empty runtime. */
  static async create(options: HeadlessRuntimeOptions = {}): Promise<HeadlessRuntime> {
    await boot_sqlite(options.sqlite);
    return new HeadlessRuntime(options);
  }

  /** Replace the project: every old module, setting, app and table is forgotten. */
  load(scenario: LoadInput, options: LoadOptions = {}): Promise<LoadResult> {
    return this.serialised(() => this.load_now(scenario, options));
  }

  /** Serve one HTTP request through the gateway; never rejects for errors in user code. */
  request(request: HttpRequestMessage, options: RequestOptions = {}): Promise<RequestResult> {
    return this.serialised(() => this.request_now(request, options));
  }

  /** A simulated client's WebSocket step (open, send a frame, close); never rejects for errors in user code. */
  socket(action: SocketAction, options: RequestOptions = {}): Promise<SocketResult> {
    return this.serialised(() => this.socket_now(action, options));
  }

  /** Called with each console line as user code writes it (the worker posts these to the page). */
  set on_log(fn: ((entry: import("./protocol").LogEntry) => void) | null) {
    this.logs.on_entry = fn;
  }

  /** Render a template source with a captured context through the project's engine (the Templates panel's re-render); records no trace. */
  render_template(source: string, context: Record<string, unknown>): Promise<RenderTemplateResult> {
    return this.serialised(async () => {
      try {
        return { ok: true as const, html: this.service("render_template", "render templates").render_template!(source, context) };
      } catch (e) {
        return { ok: false as const, error: this.error_of(e) };
      }
    });
  }

  /** A class-based view's anatomy by dotted path: MRO, attributes and the class defining each (the Class-based view panel). */
  inspect_class(path: string): Promise<ClassAnatomyResult> {
    return this.serialised(async () => {
      try {
        return { ok: true as const, anatomy: this.service("inspect_class", "inspect classes").inspect_class!(path) };
      } catch (e) {
        return { ok: false as const, error: this.error_of(e) };
      }
    });
  }

  /** The loaded project's mode, when it offers `name`; otherwise a clear error saying what the mode cannot do. */
  private service(name: keyof ModeBoot, what: string): ModeBoot {
    if (this.mode?.[name]) return this.mode;
    throw new RuntimeError(this.mode ? `The ${this.mode.id} mode cannot ${what}.` : "No project is loaded: call load(scenario) first.");
  }

  private error_of(e: unknown): ErrorInfo {
    return error_info(e, (path) => this.loader?.is_user_file(path) ?? false);
  }

  /** The database image (to restore after a worker is replaced). */
  export_database(): Uint8Array | null {
    return this.driver?.export() ?? null;
  }

  private async load_now(scenario: LoadInput, options: LoadOptions): Promise<LoadResult> {
    const recorder = new Recorder({ enabled: this.options.trace ?? true });
    const previous = set_active_recorder(recorder);
    const span = LOAD.open("load project", () => ({ entry: { ...scenario.entry }, files: Object.keys(scenario.files) }));
    this.app = null;
    this.mode = null;
    this.logs.drain();
    try {
      await this.close_sockets();
      await this.open_database(options.database ?? null);
      this.loader = load(scenario.files, { console: this.logs.create_console() });
      const mode = mode_boot(scenario.entry.kind);
      if (!mode) throw new RuntimeError(`Unknown framework mode "${scenario.entry.kind}".`);
      this.mode = mode;
      const { kind: _kind, ...entry } = scenario.entry;
      this.entry = { kind: scenario.entry.kind, ...entry };
      this.process = null;
      this.app = await mode.boot(entry, { import_module: this.loader.import_module, files: this.loader.files });
      // Setup (migrate, seed) belongs to a fresh database; a restored image already has its effects.
      if (!options.database) for (const step of scenario.setup ?? []) this.run_setup_step(step);
      this.load_error = null;
      return { ok: true, modules: this.loader.loaded_modules(), logs: this.logs.drain(), trace: finish(recorder, span, this.options.packed_traces), middleware: mode.describe?.(this.app).middleware ?? [] };
    } catch (e) {
      this.load_error = e;
      const error: ErrorInfo = error_info(e, (path) => this.loader?.is_user_file(path) ?? false);
      span_fail(span, { type: error.type, message: error.message, ...(error.source ? { source: error.source } : {}) });
      return { ok: false, error, logs: this.logs.drain(), trace: finish(recorder, span, this.options.packed_traces), middleware: [] };
    } finally {
      set_active_recorder(previous);
    }
  }

  /** One setup step: `call` imports and calls a function (any mode); other commands are the mode's `manage.py`. */
  private run_setup_step(step: ScenarioSetupStep): void {
    if (step.command === "call") {
      call_function(step.function);
      return;
    }
    this.service("run_command", "run management commands").run_command!(step);
  }

  /** Run a management command (makemigrations, migrate, sqlmigrate, showmigrations, call) on the loaded project. */
  command(cmd: ManagementCommand): Promise<CommandResult> {
    if (cmd.command === "manage" || cmd.command === "manage_input" || cmd.command === "manage_interrupt") return this.serialised(() => this.manage_now(cmd));
    return this.serialised(async () => {
      const recorder = new Recorder({ enabled: this.options.trace ?? true });
      const previous = set_active_recorder(recorder);
      const span = COMMAND.open(`manage.py ${cmd.command}`);
      this.logs.drain();
      const changes_before = this.total_changes();
      try {
        if (this.load_error) throw this.load_error;
        const { output, files } = cmd.command === "call" ? { output: await call_function(cmd.function), files: {} } : this.service("run_command", "run management commands").run_command!(cmd);
        return { ok: true as const, output, files, logs: this.logs.drain(), trace: finish(recorder, span, this.options.packed_traces), database_changed: this.total_changes() !== changes_before };
      } catch (e) {
        const error: ErrorInfo = error_info(e, (path) => this.loader?.is_user_file(path) ?? false);
        span_fail(span, { type: error.type, message: error.message });
        return { ok: false as const, error, logs: this.logs.drain(), trace: finish(recorder, span, this.options.packed_traces), database_changed: this.total_changes() !== changes_before };
      } finally {
        set_active_recorder(previous);
      }
    });
  }

  /**
   * `manage.py <argv>` as a new process (`manage`): the project's files loaded afresh (every module
   * imported again, the framework's state reset), the database kept, the mode's manage.py run
   * under a root "command" span — its setup (settings read lazily, apps.populate, ready()) and the
   * command, traced. It ends, or pauses at a prompt; `manage_input` / `manage_interrupt` resume it
   * under a new span per line. When it ends, the project serves requests as the process left it,
   * with any files it wrote (startapp, makemigrations) added.
   */
  private async manage_now(cmd: Extract<ManagementCommand, { command: "manage" | "manage_input" | "manage_interrupt" }>): Promise<CommandResult> {
    const recorder = new Recorder({ enabled: this.options.trace ?? true });
    const previous = set_active_recorder(recorder);
    // Titled by the mode's program: `manage.py migrate`, `flask --app flaskr init-db`.
    const program = mode_descriptor(this.entry.kind ?? "")?.command_line?.program ?? "manage.py";
    const title = cmd.command === "manage" ? `${program} ${cmd.argv.join(" ")}` : cmd.command === "manage_input" ? `${program} ${this.process?.argv.join(" ") ?? ""} ← ${cmd.line === null ? "end of input" : JSON.stringify(cmd.line)}` : `${program} ${this.process?.argv.join(" ") ?? ""} ← Ctrl-C`;
    const argv = cmd.command === "manage" ? [...cmd.argv] : null;
    const line = cmd.command === "manage_input" ? cmd.line : null;
    const span = MANAGE.open(title, (): Attrs => (argv ? { argv } : { input: line }));
    this.logs.drain();
    const changes_before = this.total_changes();
    const done = (outcome: ProcessOutcome, process: ManageProcess): CommandResult => {
      const chunks = process.take_output();
      const output = chunks.map((c) => c.text).join("");
      const base = { logs: this.logs.drain(), database_changed: this.total_changes() !== changes_before };
      if (outcome.kind === "crash") {
        const error = this.error_of(outcome.error);
        span_fail(span, { type: error.type, message: error.message });
        return { ok: false, error, trace: finish(recorder, span, this.options.packed_traces), ...base };
      }
      const crashed = process.crashed_with;
      const error = crashed ? this.error_of(crashed) : undefined;
      if (outcome.kind === "prompt") {
        const prompt = outcome.prompt.text;
        span_set(span, () => ({ prompt }));
        return { ok: true, output, chunks, files: {}, prompt: outcome.prompt, trace: finish(recorder, span, this.options.packed_traces), ...base, ...(error ? { error } : {}) };
      }
      const exit_code = outcome.result.exit_code;
      span_set(span, () => ({ exit_code }));
      if (error) span_fail(span, { type: error.type, message: error.message });
      const files = { ...outcome.result.files, ...process.files.written };
      return { ok: true, output, chunks, files, folders: process.files.folders, prompt: null, exit_code: outcome.result.exit_code, trace: finish(recorder, span, this.options.packed_traces), ...base, ...(error ? { error } : {}) };
    };
    try {
      if (cmd.command !== "manage") {
        const process = this.process;
        if (!process?.paused) throw new RuntimeError(`No ${program} command is waiting for input.`);
        const outcome = cmd.command === "manage_input" ? await process.send(cmd.line) : await process.interrupt();
        if (outcome.kind !== "prompt") await this.after_process(outcome, process);
        return done(outcome, process);
      }
      if (this.process?.paused) await this.process.interrupt();
      const mode = this.mode ?? mode_boot(this.entry.kind ?? "");
      if (!mode?.manage) throw new RuntimeError(this.mode ? `The ${this.mode.id} mode has no command-line program.` : "No project is loaded: call load(scenario) first.");
      const files = this.loader?.files ?? {};
      // A new process: every module imported afresh, every framework's state reset.
      this.loader = load(files, { console: this.logs.create_console() });
      const loader = this.loader;
      const { kind: _kind, ...entry } = this.entry;
      const process = new ManageProcess(cmd.argv, { input: cmd.input ?? [], interactive: cmd.interactive ?? false, files });
      this.process = process;
      const outcome = await process.start((io) => mode.manage!(entry, cmd.argv, { import_module: loader.import_module, files: loader.files }, io));
      if (outcome.kind !== "prompt") await this.after_process(outcome, process);
      return done(outcome, process);
    } catch (e) {
      const error = this.error_of(e);
      span_fail(span, { type: error.type, message: error.message });
      return { ok: false, error, logs: this.logs.drain(), trace: finish(recorder, span, this.options.packed_traces), database_changed: this.total_changes() !== changes_before };
    } finally {
      set_active_recorder(previous);
    }
  }

  /** After a process ends: serve the project as it left it — or, when it wrote files or never set up, load it again (untraced, keeping the database). */
  private async after_process(outcome: ProcessOutcome, process: ManageProcess): Promise<void> {
    this.process = null;
    const written = process.files.written;
    const application = outcome.kind === "exit" ? outcome.result.application : undefined;
    if (application && !Object.keys(written).length) {
      this.app = application;
      this.load_error = null;
      return;
    }
    const recorder = set_active_recorder(new Recorder({ enabled: false }));
    try {
      this.loader = load({ ...(this.loader?.files ?? {}), ...written }, { console: this.logs.create_console() });
      const { kind: _kind, ...entry } = this.entry;
      const mode = mode_boot(this.entry.kind ?? "");
      if (!mode) return;
      this.app = await mode.boot(entry, { import_module: this.loader.import_module, files: this.loader.files });
      this.load_error = null;
    } catch (e) {
      this.app = null;
      this.load_error = e;
    } finally {
      set_active_recorder(recorder);
    }
  }

  /** SQLite's EXPLAIN QUERY PLAN for one statement (Django-style `%s` params); runs no user code and records nothing. */
  explain(sql: string, params: unknown[] = []): Promise<ExplainResult> {
    return this.serialised(async () => {
      try {
        const mode = [this.mode, ...MODE_BOOTS].find((m) => m?.explain);
        if (!mode?.explain) throw new RuntimeError("No framework here can explain SQL.");
        return { ok: true as const, plan: mode.explain(sql, params) };
      } catch (e) {
        return { ok: false as const, error: error_info(e, () => false) };
      }
    });
  }

  /**
   * A read-only query on the database (the page's table viewer): SELECT / WITH / PRAGMA only, run
   * inside a savepoint that is rolled back, so nothing it does can stay.
   */
  select(sql: string, params: unknown[] = []): Promise<SelectResult> {
    return this.serialised(async () => {
      try {
        if (!/^\s*(select|with|pragma)\b/i.test(sql)) throw new TypeError("Only SELECT, WITH and PRAGMA statements can be run here (the viewer is read-only).");
        const driver = this.require_driver();
        const db = driver.db;
        driver.statements_run++; // a CTE can write (rolled back, but SQLite counts the changes)
        db.run("SAVEPOINT lab_read_only");
        try {
          const [result] = db.exec(sql, params as never);
          return { ok: true as const, columns: result?.columns ?? [], rows: (result?.values ?? []).map((row) => row.map(cell_of)) };
        } finally {
          db.run("ROLLBACK TO lab_read_only");
          db.run("RELEASE lab_read_only");
        }
      } catch (e) {
        return { ok: false as const, error: error_info(e, () => false) };
      }
    });
  }

  /** The database's tables (Django's and the project's), with their CREATE statements and row counts. */
  tables(): Promise<TablesResult> {
    return this.serialised(async () => {
      try {
        const db = this.require_driver().db;
        const [list] = db.exec("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        const tables = (list?.values ?? []).map(([name, create]) => {
          const quoted = `"${String(name).replace(/"/g, '""')}"`;
          const count = db.exec(`SELECT count(*) FROM ${quoted}`)[0]?.values[0]?.[0];
          return { name: String(name), sql: String(create ?? ""), rows: Number(count ?? 0) };
        });
        return { ok: true as const, tables };
      } catch (e) {
        return { ok: false as const, error: error_info(e, () => false) };
      }
    });
  }

  private require_driver(): SqlJsDriver {
    if (!this.driver) throw new RuntimeError("No database is open: load a project first.");
    return this.driver;
  }

  private async request_now(request: HttpRequestMessage, options: RequestOptions): Promise<RequestResult> {
    const recorder = new Recorder({ enabled: options.trace ?? this.options.trace ?? true });
    const previous = set_active_recorder(recorder);
    const span = REQUEST.open_with(request_span_name, request_span_attrs, request);
    this.logs.drain();
    const changes_before = this.total_changes();
    // What a request can leave running once the server has its response: consumers of open
    // WebSockets woken through the channel layer. The ASGI server waits for the application to
    // return (background tasks included), and a WSGI request is over when its body is consumed, so
    // without a live connection there is nothing to wait for — no timer turns (~1 ms each in Node,
    // a task each in the worker; they were most of a FastAPI request's time).
    const may_wake_consumers = this.app?.interface === "asgi" && this.sockets.has_live_connection();
    try {
      const response = this.app?.interface === "asgi" ? await serve_asgi(this.app.app, request) : await serve_wsgi(this.wsgi_app(), request);
      span_set(span, () => ({ status: response.status, reason: response.reason }));
      if (may_wake_consumers) await settle();
      const socket_events = this.sockets.drain();
      const trace = options.unread ? (span_close(span), UNREAD) : finish(recorder, span, this.options.packed_traces);
      return { response, trace, logs: this.logs.drain(), database_changed: this.total_changes() !== changes_before, ...(socket_events.length ? { socket_events } : {}) };
    } finally {
      set_active_recorder(previous);
    }
  }

  /**
   * One client step under a root "websocket" span: open (the upgrade request → a connection whose
   * handshake the application answers), a frame, or a close; then wait until everything it set
   * going has finished, and hand back every client's new events.
   */
  private async socket_now(action: SocketAction, options: RequestOptions): Promise<SocketResult> {
    const recorder = new Recorder({ enabled: options.trace ?? this.options.trace ?? true });
    const previous = set_active_recorder(recorder);
    const span = SOCKET.open(socket_step_name(action), () => socket_step_attrs(action));
    this.logs.drain();
    const changes_before = this.total_changes();
    const done = () => ({ trace: finish(recorder, span, this.options.packed_traces), logs: this.logs.drain(), events: this.sockets.drain(), clients: this.sockets.state(), database_changed: this.total_changes() !== changes_before });
    try {
      if (action.op === "open") {
        const connection = this.sockets.open(this.asgi_app(), action.client, action.request);
        await Promise.race([connection.handshake, settle()]);
      } else this.sockets.act(action);
      await settle();
      return { ok: true, ...done() };
    } catch (e) {
      const error = this.error_of(e);
      span_fail(span, { type: error.type, message: error.message });
      await settle();
      return { ok: false, error, ...done() };
    } finally {
      set_active_recorder(previous);
    }
  }

  /** The application for WebSockets: an ASGI project's; anything else is a clear error. */
  private asgi_app(): ASGIApplication {
    if (!this.app) throw this.load_error ?? new RuntimeError("No project is loaded: call load(scenario) first.");
    if (this.app.interface !== "asgi") throw new RuntimeError(`The ${this.mode?.id} application speaks WSGI, which has no WebSockets: a WebSocket needs an ASGI project (Channels).`);
    return this.app.app;
  }

  /** Before a new project loads, its predecessor's connections are closed (1001, going away), untraced. */
  private async close_sockets(): Promise<void> {
    const previous = set_active_recorder(new Recorder({ enabled: false }));
    try {
      await this.sockets.shutdown();
    } finally {
      set_active_recorder(previous);
    }
  }

  /** The application for the WSGI gateway; while the project cannot load, one that raises the load error. */
  private wsgi_app(): WSGIApplication {
    if (!this.app) return failing_application(this.load_error);
    if (this.app.interface === "wsgi") return this.app.app;
    return failing_application(new RuntimeError(`The ${this.mode?.id} application speaks ASGI; this runtime serves it through the WSGI gateway only.`));
  }

  /** A new in-memory database per load (empty, or from an image): nothing else survives into the next run. */
  private async open_database(image: Uint8Array | null): Promise<void> {
    attach_database_to_modes(null);
    this.driver = await SqlJsDriver.open(image, this.options.sqlite);
    attach_database_to_modes(this.driver);
  }

  /** SQLite's count of rows changed since the database was opened (0 without one). */
  /**
   * SQLite's count of rows changed since the database was opened (0 without one), asked of SQLite
   * only when a statement has run since the last time it was asked (a hello request runs none).
   */
  private total_changes(): number {
    const driver = this.driver;
    if (!driver) return 0;
    if (this.changes_known?.driver !== driver || this.changes_known.statements !== driver.statements_run) {
      const changes = driver.total_changes();
      driver.statements_run++; // the question itself is a statement
      this.changes_known = { driver, statements: driver.statements_run, changes };
    }
    return this.changes_known.changes;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function socket_step_name(action: SocketAction): string {
  if (action.op === "open") return `${action.client}: connect ${action.request.target}`;
  if (action.op === "close") return `${action.client}: close ${action.code ?? 1000}`;
  return `${action.client}: send ${action.bytes !== undefined ? `${action.bytes.length} bytes` : JSON.stringify((action.text ?? "").length > 60 ? `${(action.text ?? "").slice(0, 57)}…` : (action.text ?? ""))}`;
}

/** The root span of a request: `GET /hello/` (when the trace is read; the request message is not changed). */
function request_span_name(request: HttpRequestMessage): string {
  return `${request.method} ${request.target}`;
}

function request_span_attrs(request: HttpRequestMessage): Attrs {
  return { method: request.method, target: request.target };
}

function socket_step_attrs(action: SocketAction): import("../trace").Attrs {
  if (action.op === "open") return { op: "open", client: action.client, target: action.request.target, headers: action.request.headers.map(([k, v]) => [k, v]) };
  if (action.op === "close") return { op: "close", client: action.client, code: action.code ?? 1000, reason: action.reason ?? "" };
  return { op: "send", client: action.client, frame: action.bytes !== undefined ? "bytes" : "text", ...(action.bytes !== undefined ? { bytes: action.bytes.length } : { text: action.text ?? "" }) };
}

/** A SQLite value for the page: blobs are described, not sent. */
function cell_of(value: unknown): SqlCell {
  if (value === null || typeof value === "number" || typeof value === "string") return value;
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}

/** The trace of a request recorded but left unread (`RequestOptions.unread`). */
const UNREAD: Trace = Object.freeze({ spans: Object.freeze([]) as unknown as Trace["spans"] });

function finish(recorder: Recorder, span: number, packed = false): Trace {
  span_close(span);
  return packed ? recorder.trace({ packed: true }) : recorder.trace();
}

/**
 * A setup or `call` step: `"blog.seed.seed"` → import the module, call the function (awaited when
 * it is async), its result as text: a string as it is, an object with its own `toString` (a model,
 * a QuerySet's repr) through it, plain data as JSON, nothing for undefined.
 */
function call_function(dotted: string): string | Promise<string> {
  const dot = dotted.lastIndexOf(".");
  const fn = dot < 0 ? undefined : import_module(dotted.slice(0, dot))[dotted.slice(dot + 1)];
  if (typeof fn !== "function") throw new TypeError(`${dotted} is not a function`);
  const result = fn();
  return result instanceof Promise ? result.then(result_text) : result_text(result);
}

function result_text(result: unknown): string {
  if (result === undefined) return "";
  if (typeof result === "string") return result;
  if (result !== null && typeof result === "object") {
    const to_string = (result as { toString?: unknown }).toString;
    if (to_string !== Object.prototype.toString && to_string !== Array.prototype.toString) return String(result);
    try {
      return JSON.stringify(result);
    } catch {
      return String(result);
    }
  }
  return String(result);
}

/** While the project cannot load, every request gets the gateway's 500 naming the load error. */
function failing_application(error: unknown): WSGIApplication {
  return () => {
    throw error;
  };
}
