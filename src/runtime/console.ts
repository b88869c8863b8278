/**
 * `console` for user code → log entries and "log" spans. Main class: `LogCollector`.
 *
 * User modules get this console in place of the global one (the loader passes it into the module
 * scope), so `console.log("user", name)` in a view lands in the current request's trace, under the
 * span that was running (the view, a middleware), and in the runtime's log list for the Logs panel.
 */
import { to_json, trace_site } from "../trace";

const LOG = trace_site("log", "runtime/console.ts#LogCollector.write");
import type { SourceRef } from "../trace";
import { user_frames } from "./errors";
import type { LogEntry } from "./protocol";

export type LogLevel = LogEntry["level"];
export type UserConsole = Record<LogLevel, (...args: unknown[]) => void>;

const LEVELS: LogLevel[] = ["log", "info", "warn", "error", "debug"];

export class LogCollector {
  private entries: LogEntry[] = [];
  private origin = now();

  /** Also called for each entry as it happens (the worker streams logs to the page). */
  on_entry: ((entry: LogEntry) => void) | null = null;

  /** `is_user_file` defaults to "a relative path" (user files are; framework and node frames are not). */
  constructor(private readonly is_user_file: (path: string) => boolean = (path) => !path.startsWith("/") && !path.includes(":")) {}

  /** The console object handed to user modules. */
  create_console(): UserConsole {
    const console = {} as UserConsole;
    for (const level of LEVELS) console[level] = (...args: unknown[]) => this.write(level, args, new Error());
    return console;
  }

  write(level: LogLevel, args: unknown[], call_site?: Error): void {
    const message = format_args(args);
    const frame = call_site ? user_frames(call_site, this.is_user_file)[0] : undefined;
    // file:line (not the function name): the trace shows where the line was written.
    const source: SourceRef | undefined = frame ? { file: frame.file, line: frame.line, column: frame.column } : undefined;
    const entry: LogEntry = { level, message, time: now() - this.origin, ...(source ? { source } : {}) };
    this.entries.push(entry);
    LOG.event(`console.${level}`, () => ({ level, message }), source);
    this.on_entry?.(entry);
  }

  /** Take the entries written since the last call, and restart the clock. */
  drain(): LogEntry[] {
    const out = this.entries;
    this.entries = [];
    this.origin = now();
    return out;
  }
}

/**
 * The server process's stdout and stderr → log entries: text is held until it ends a line, then
 * written as one entry (without that last newline) — so the console email backend's message is one
 * entry and its line of dashes another. `flush()` writes what is left when the request ends.
 */
export class ServerOutput {
  private pending: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };

  constructor(private readonly logs: LogCollector) {}

  write(stream: "stdout" | "stderr", text: string): void {
    this.pending[stream] += text;
    if (this.pending[stream].endsWith("\n")) this.emit(stream);
  }

  flush(): void {
    this.emit("stdout");
    this.emit("stderr");
  }

  private emit(stream: "stdout" | "stderr"): void {
    const text = this.pending[stream];
    this.pending[stream] = "";
    if (text) this.logs.write(stream === "stderr" ? "error" : "log", [text.replace(/\n$/, "")]);
  }
}

/** Node's console formatting, in brief: strings as they are, other values as JSON-ish text. */
export function format_args(args: unknown[]): string {
  return args.map(format_value).join(" ");
}

function format_value(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  const json = to_json(value);
  return typeof json === "string" ? json : JSON.stringify(json);
}

const now: () => number = typeof performance !== "undefined" ? () => performance.now() : () => Date.now();
