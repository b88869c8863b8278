/**
 * The runtime protocol: the typed messages between the page and the runtime worker, and the
 * results both runtimes (the Web Worker and `HeadlessRuntime` in Node) give back.
 *
 * Types only (plus one version constant): the page imports this file, and nothing here may pull
 * runtime code (sucrase, sql.js) into the page's bundle. Every payload is structured-clonable.
 *
 *   page → worker   {type: "load", id, scenario}       worker → page   {type: "loaded", id, result: LoadResult}
 *   page → worker   {type: "request", id, request}     worker → page   {type: "response", id, result: RequestResult}
 *                                                      worker → page   {type: "log", entry}  (as it happens)
 *                                                      worker → page   {type: "error", id, error}  (the runtime itself failed)
 *   page → worker   {type: "command", id, command}     worker → page   {type: "commanded", id, result: CommandResult}
 *   page → worker   {type: "explain", id, sql, params} worker → page   {type: "explained", id, result: ExplainResult}
 *   page → worker   {type: "select", id, sql, params}  worker → page   {type: "selected", id, result: SelectResult}  (read-only)
 *   page → worker   {type: "tables", id}               worker → page   {type: "tables", id, result: TablesResult}
 *   page → worker   {type: "render_template", id, source, context}   worker → page   {type: "rendered", id, result: RenderTemplateResult}
 *   page → worker   {type: "inspect_class", id, path}                 worker → page   {type: "inspected", id, result: ClassAnatomyResult}
 *   page → worker   {type: "export_database", id}      worker → page   {type: "database_exported", id, image}  (the SQLite file, or null)
 *   (a database file is imported by `load` with `options.database`: the project reloads on it, setup skipped)
 *   page → worker   {type: "socket", id, action}       worker → page   {type: "socket_result", id, result: SocketResult}
 *                   (a simulated client opens a WebSocket, sends a frame, or closes it; ASGI projects)
 */
import type { HttpRequestMessage, HttpResponseMessage } from "../gateway/wsgi";
import type { WebSocketServerEvent } from "../gateway/asgi-websocket";
import type { Scenario } from "../scenarios/format";
import type { SourceRef, Trace } from "../trace/span";
import type { CommandPrompt, ManagementCommand, OutputChunk } from "../modes/types";

export type { CommandPrompt, HttpRequestMessage, HttpResponseMessage, ManagementCommand, OutputChunk, Scenario, SourceRef, Trace, WebSocketServerEvent };

export const PROTOCOL_VERSION = 1;

/** One line of console output from user code (`console.log` in a view or a middleware). */
export interface LogEntry {
  level: "log" | "info" | "warn" | "error" | "debug";
  message: string;
  /** Where it was written, when the stack says (`app.ts:12`). */
  source?: SourceRef;
  /** Milliseconds since the request (or load) started. */
  time: number;
}

/** An error from user code or the runtime, with the stack mapped to user files. */
export interface ErrorInfo {
  /** Python-style class name: "SyntaxError", "ModuleNotFoundError", "ImproperlyConfigured", … */
  type: string;
  message: string;
  /** The innermost user-code location (for a SyntaxError: the offending file:line:col). */
  source?: SourceRef;
  /** User-code frames, innermost first. */
  frames: SourceRef[];
}

/** Which files the runtime serves, and how. A full Scenario is accepted as well. */
export type LoadInput = Pick<Scenario, "files" | "entry"> & Partial<Pick<Scenario, "setup">>;

export type LoadResult =
  | { ok: true; modules: string[]; logs: LogEntry[]; trace: Trace; middleware?: string[] }
  | { ok: false; error: ErrorInfo; logs: LogEntry[]; trace: Trace; middleware?: string[] };
// `middleware`: the application's layers as its mode describes them, outermost first (Django:
// settings.MIDDLEWARE as the handler loaded it; [] when the mode has none) — what the Flow graph
// draws, dimming the layers a short-circuit skipped.

export interface RequestResult {
  response: HttpResponseMessage;
  trace: Trace;
  logs: LogEntry[];
  /** Whether the request wrote to the database (so the page keeps a new snapshot of it). */
  database_changed?: boolean;
  /** What the step sent to the simulated WebSocket clients (a view's group_send reaching consumers). */
  socket_events?: SocketEvent[];
}

/**
 * The result of a management command run on the loaded project (headless `command()`). For a
 * `manage` command line: `exit_code` is manage.py's exit status (a CommandError prints to stderr
 * and exits 1 — still `ok`: the runtime did its job), `chunks` keeps stdout and stderr apart, and
 * `prompt` says the command is paused waiting for a line (interactive only).
 */
export type CommandResult =
  | { ok: true; output: string; files: Record<string, string>; logs: LogEntry[]; trace: Trace; database_changed: boolean; exit_code?: number; chunks?: OutputChunk[]; prompt?: CommandPrompt | null; error?: ErrorInfo; folders?: string[] }
  | { ok: false; error: ErrorInfo; logs: LogEntry[]; trace: Trace; database_changed: boolean };

/** Options of `load`: start from a database image (a snapshot taken after an earlier request) instead of an empty one. */

export interface LoadOptions {
  database?: Uint8Array;
}

/** One step of SQLite's `EXPLAIN QUERY PLAN` (a tree: `parent` is another step's `id`, 0 for the root). */
export interface ExplainStep {
  id: number;
  parent: number;
  detail: string;
}

export type ExplainResult = { ok: true; plan: ExplainStep[] } | { ok: false; error: ErrorInfo };

/** A cell as the page shows it: SQLite's values, with blobs described rather than sent. */
export type SqlCell = string | number | null;

/** A read-only query's rows (the Database panel's table view). */
export type SelectResult = { ok: true; columns: string[]; rows: SqlCell[][] } | { ok: false; error: ErrorInfo };

/** A table of the database: its name, its `CREATE TABLE` statement and how many rows it holds. */
export interface TableInfo {
  name: string;
  sql: string;
  rows: number;
}

export type TablesResult = { ok: true; tables: TableInfo[] } | { ok: false; error: ErrorInfo };

export interface RequestOptions {
  /** Record a trace for this request (default: the runtime's setting, itself on by default). */
  trace?: boolean;
  /** Record the trace but leave it unread — the result's trace is empty: what recording alone costs (`npm run bench`). */
  unread?: boolean;
}

/** A template source rendered with a captured context (the Templates panel's re-render). */
export type RenderTemplateResult = { ok: true; html: string } | { ok: false; error: ErrorInfo };

/** One attribute of a class as ccbv.co.uk lists it (python/inspect.ts's AttributeInfo, as JSON). */
export interface ClassAttributeInfo {
  defined_in: string;
  kind: string;
  overrides?: string[];
  value?: unknown;
  signature?: string;
}

/** A class's anatomy: bases, MRO (dotted paths), its own and inherited attributes and who defines each. */
export interface ClassAnatomyJson {
  class: string;
  bases: string[];
  mro: string[];
  own: string[];
  inherited: string[];
  attributes: Record<string, ClassAttributeInfo>;
}

export type ClassAnatomyResult = { ok: true; anatomy: ClassAnatomyJson } | { ok: false; error: ErrorInfo };

// --- WebSockets ----------------------------------------------------------------------------------

/**
 * What a simulated client does: open a connection (the upgrade request: target, headers with the
 * Cookie, Origin and Sec-WebSocket-Protocol a browser sends), send a text or bytes frame, close.
 */
export type SocketAction =
  | { op: "open"; client: string; request: HttpRequestMessage }
  | { op: "send"; client: string; text?: string; bytes?: Uint8Array }
  | { op: "close"; client: string; code?: number; reason?: string };

/** One thing the server sent one client: the handshake's answer, a frame, the close. */
export interface SocketEvent {
  client: string;
  event: WebSocketServerEvent;
}

/** A client's connection, as the Clients panel lists it. */
export interface SocketClientState {
  client: string;
  target: string;
  /** The client's port in the scope (`client[1]`): how the trace names this connection. */
  port: number | null;
  state: "connecting" | "open" | "closed";
  close_status: { code: number; reason: string } | null;
}

/** The result of one socket step: its trace, and every client's new events. */
export type SocketResult =
  | { ok: true; trace: Trace; logs: LogEntry[]; events: SocketEvent[]; clients: SocketClientState[]; database_changed?: boolean }
  | { ok: false; error: ErrorInfo; trace: Trace; logs: LogEntry[]; events: SocketEvent[]; clients: SocketClientState[]; database_changed?: boolean };

// --- page → worker ---------------------------------------------------------------------------

export type PageToWorker =
  // keep_database: reload the code but keep the database as it is (a code edit, as Django's dev
  // server reloads); without it a load starts from `options.database` or a fresh database.
  | { type: "load"; id: number; scenario: LoadInput; options?: LoadOptions; keep_database?: boolean }
  | { type: "request"; id: number; request: HttpRequestMessage; options?: RequestOptions }
  | { type: "command"; id: number; command: ManagementCommand }
  | { type: "explain"; id: number; sql: string; params: unknown[] }
  | { type: "select"; id: number; sql: string; params?: unknown[] }
  | { type: "tables"; id: number }
  | { type: "render_template"; id: number; source: string; context: Record<string, unknown> }
  | { type: "inspect_class"; id: number; path: string }
  | { type: "export_database"; id: number }
  | { type: "socket"; id: number; action: SocketAction };

// --- worker → page ---------------------------------------------------------------------------

export type WorkerToPage =
  | { type: "ready"; version: typeof PROTOCOL_VERSION }
  | { type: "loaded"; id: number; result: LoadResult }
  | { type: "response"; id: number; result: RequestResult }
  | { type: "commanded"; id: number; result: CommandResult }
  | { type: "explained"; id: number; result: ExplainResult }
  | { type: "selected"; id: number; result: SelectResult }
  | { type: "tables"; id: number; result: TablesResult }
  | { type: "rendered"; id: number; result: RenderTemplateResult }
  | { type: "inspected"; id: number; result: ClassAnatomyResult }
  /** The database as a SQLite file (what DB Browser for SQLite opens); null before any project has loaded. */
  | { type: "database_exported"; id: number; image: Uint8Array | null }
  | { type: "socket_result"; id: number; result: SocketResult }
  | { type: "log"; entry: LogEntry }
  | { type: "error"; id: number | null; error: ErrorInfo };

/** What both runtimes offer: the worker client on the page and HeadlessRuntime in Node. */
export interface Runtime {
  load(scenario: LoadInput, options?: LoadOptions): Promise<LoadResult>;
  request(request: HttpRequestMessage, options?: RequestOptions): Promise<RequestResult>;
}
