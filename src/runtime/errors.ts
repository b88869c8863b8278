/**
 * Errors from user code → what the learner should see: `blog/views.ts:12:5`, not a line of the
 * transpiled wrapper. Main class: `UserSyntaxError`; main functions: `user_frames`, `error_info`.
 *
 * User modules are evaluated by `new Function(...)` with a `//# sourceURL=<path>`, so their stack
 * frames carry the file's path. `new Function` puts the body a fixed number of lines below the
 * top (two in V8); that offset is measured once by a probe rather than assumed, so the mapping holds
 * in any engine. Sucrase keeps line numbers, so no source map is needed.
 */
import { describe_error, error_type, type SourceRef } from "../trace";
import type { ErrorInfo } from "./protocol";

/** Python's SyntaxError for a user file: `blog/views.ts:3:11: Unexpected token`. */
export class UserSyntaxError extends Error {
  static python_name = "SyntaxError";
  readonly filename: string;
  readonly lineno: number | null;
  /** 1-based column, as Python's `SyntaxError.offset`. */
  readonly offset: number | null;
  readonly msg: string;

  constructor(msg: string, filename: string, lineno: number | null, offset: number | null) {
    super(`${filename}${lineno !== null ? `:${lineno}` : ""}${offset !== null ? `:${offset}` : ""}: ${msg}`);
    this.name = "SyntaxError";
    this.msg = msg;
    this.filename = filename;
    this.lineno = lineno;
    this.offset = offset;
  }
}

export interface StackFrame {
  name: string;
  file: string;
  line: number;
  column: number;
}

const V8_FRAME = /^\s*at (?:async )?(?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
const GECKO_FRAME = /^(.*?)@(.+?):(\d+):(\d+)$/;

/** Parse a V8 (`at fn (file:1:2)`) or SpiderMonkey/JavaScriptCore (`fn@file:1:2`) stack. */
export function parse_stack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const text of stack.split("\n")) {
    const m = V8_FRAME.exec(text) ?? GECKO_FRAME.exec(text);
    if (m) frames.push({ name: m[1] || "", file: m[2], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/**
 * How many lines `new Function` puts above the body (measured, not assumed), on first use. Not at
 * module load: a throw while the runtime bundle's top level runs has the whole bundle's function on
 * the stack, and in the page's worker V8 then re-parses that function (2 MB) to place the frame —
 * about 100 ms of the worker's start on this machine (docs/benchmarks.md, 2026-12-07 17:30).
 */
export function function_body_line_offset(): number {
  body_line_offset ??= measure_body_offset();
  return body_line_offset;
}

let body_line_offset: number | null = null;

function measure_body_offset(): number {
  const probe = "__framework_lab_probe__.js";
  try {
    new Function(`throw new Error("probe")\n//# sourceURL=${probe}`)();
  } catch (e) {
    const frame = parse_stack(String((e as Error).stack ?? "")).find((f) => f.file === probe);
    if (frame) return frame.line - 1;
  }
  return 2;
}

/** User-code frames of an error, innermost first, with lines as the learner wrote them. */
export function user_frames(error: unknown, is_user_file: (path: string) => boolean): SourceRef[] {
  if (!(error instanceof Error) || typeof error.stack !== "string") return [];
  return parse_stack(error.stack)
    .filter((f) => is_user_file(f.file))
    .map((f) => ({ file: f.file, line: f.line - function_body_line_offset(), column: f.column, symbol: frame_symbol(f.name) }));
}

/** V8 names a module's top-level code "eval"; Python calls it `<module>`. */
export function frame_symbol(name: string): string {
  return !name || name === "eval" || name === "anonymous" ? "<module>" : name.replace(/^Object\./, "");
}

/** The structured-clonable description of an error that the page shows. */
export function error_info(error: unknown, is_user_file: (path: string) => boolean): ErrorInfo {
  const frames = user_frames(error, is_user_file);
  if (error instanceof UserSyntaxError) {
    const source: SourceRef = { file: error.filename };
    if (error.lineno !== null) source.line = error.lineno;
    if (error.offset !== null) source.column = error.offset;
    return { type: "SyntaxError", message: error.message, source, frames: [source, ...frames] };
  }
  const { message } = describe_error(error);
  return { type: error_type(error), message, ...(frames.length ? { source: frames[0] } : {}), frames };
}
