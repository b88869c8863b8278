/**
 * Python's `logging`, reduced to what Django uses: named loggers in a dotted hierarchy, levels, and
 * records handed to handlers. Django logs to `django.request` ("Not Found: /x"), `django.security.*`
 * and `django.server`; the runtime installs a handler that puts each record into the trace and the
 * page's Logs panel.
 */

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

const LEVEL_NAMES: Record<number, string> = { 10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL" };

export interface LogRecord {
  name: string;
  levelno: number;
  levelname: string;
  message: string;
  created: number;
  exc_info?: unknown;
  extra?: Record<string, unknown>;
}

export type LogHandler = (record: LogRecord) => void;

const handlers = new Set<LogHandler>();

/** Install a handler on the root logger; returns a function that removes it. */
export function add_handler(handler: LogHandler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** `msg % args` for the `%s`/`%d`/`%r` forms Django's log calls use. */
export function format_message(msg: string, args: unknown[]): string {
  if (!args.length) return msg;
  let i = 0;
  return msg.replace(/%([sdr%])/g, (m, kind: string) => {
    if (kind === "%") return "%";
    const v = args[i++];
    if (kind === "d") return String(Math.trunc(Number(v)));
    return String(v);
  });
}

export class Logger {
  level = 0;
  constructor(readonly name: string) {}

  log(levelno: number, msg: string, ...args: unknown[]): void {
    let extra: { exc_info?: unknown; extra?: Record<string, unknown> } | undefined;
    const last = args[args.length - 1];
    if (last && typeof last === "object" && (last as { __log_options__?: boolean }).__log_options__) {
      extra = args.pop() as typeof extra;
    }
    if (levelno < this.level) return;
    const record: LogRecord = {
      name: this.name,
      levelno,
      levelname: LEVEL_NAMES[levelno] ?? `Level ${levelno}`,
      message: format_message(msg, args),
      created: Date.now() / 1000,
      exc_info: extra?.exc_info,
      extra: extra?.extra,
    };
    for (const h of handlers) h(record);
  }
  debug(msg: string, ...args: unknown[]) { this.log(DEBUG, msg, ...args); }
  info(msg: string, ...args: unknown[]) { this.log(INFO, msg, ...args); }
  warning(msg: string, ...args: unknown[]) { this.log(WARNING, msg, ...args); }
  error(msg: string, ...args: unknown[]) { this.log(ERROR, msg, ...args); }
  critical(msg: string, ...args: unknown[]) { this.log(CRITICAL, msg, ...args); }
}

/** Python's keyword arguments of a log call (`exc_info=`, `extra=`), as a tagged trailing object. */
export function log_options(options: { exc_info?: unknown; extra?: Record<string, unknown> }): { __log_options__: true; exc_info?: unknown; extra?: Record<string, unknown> } {
  return { __log_options__: true, ...options };
}

const loggers = new Map<string, Logger>();

export function getLogger(name = "root"): Logger {
  let logger = loggers.get(name);
  if (!logger) {
    logger = new Logger(name);
    loggers.set(name, logger);
  }
  return logger;
}
