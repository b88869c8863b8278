/**
 * Python's `traceback.extract_tb`, for JavaScript errors: an exception → its stack frames, each with
 * file, line and function, innermost last (Python's order).
 *
 * V8's `error.stack` is parsed here. The runtime evaluates user files with a `sourceURL`, and
 * installs a mapper (`set_frame_mapper`) that turns those URLs and line offsets back into the
 * user's `blog/views.ts:12`, and marks which frames are user code.
 */

export interface FrameSummary {
  filename: string;
  lineno: number | null;
  colno: number | null;
  name: string;
  /** True for the project's own files (what the technical 500 page expands). */
  is_user_code: boolean;
}

export type FrameMapper = (frame: FrameSummary) => FrameSummary | null;

let mapper: FrameMapper | null = null;

export function set_frame_mapper(fn: FrameMapper | null): void {
  mapper = fn;
}

const FRAME_WITH_NAME = /^\s*at (?:async )?(.*?) \((.*):(\d+):(\d+)\)$/;
const FRAME_BARE = /^\s*at (?:async )?(.*):(\d+):(\d+)$/;

/** Frames outermost first, innermost last, as Python prints a traceback. */
export function extract_tb(error: unknown): FrameSummary[] {
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  const frames: FrameSummary[] = [];
  for (const line of stack.split("\n")) {
    const m = FRAME_WITH_NAME.exec(line);
    const b = m ? null : FRAME_BARE.exec(line);
    if (!m && !b) continue;
    const frame: FrameSummary = m
      ? { name: m[1], filename: m[2], lineno: Number(m[3]), colno: Number(m[4]), is_user_code: false }
      : { name: "<module>", filename: b![1], lineno: Number(b![2]), colno: Number(b![3]), is_user_code: false };
    const mapped = mapper ? mapper(frame) : frame;
    if (mapped) frames.push(mapped);
  }
  return frames.reverse();
}

/**
 * `traceback.format_exception_only(exc)`: the last line of a traceback, `Type: message` (a
 * multi-line message continues on the following lines). A class defined outside the built-ins is
 * named with its module, as Python does: `polls.models.Question.DoesNotExist: Question matching
 * query does not exist.`; JavaScript's ReferenceError is Python's NameError.
 */
export function format_exception_only(e: unknown): string {
  if (e instanceof ReferenceError) {
    const name = /^(\S+) is not defined$/.exec(e.message)?.[1];
    if (name) return `NameError: name '${name}' is not defined\n`;
  }
  if (!(e instanceof Error)) return `Exception: ${String(e)}\n`;
  const cls = e.constructor as { name: string; __qualname__?: string; __module__?: string };
  const qualname = cls.name === "Error" ? e.name : (cls.__qualname__ ?? cls.name);
  const module = cls.__module__;
  const type = module && module !== "builtins" && module !== "__main__" ? `${module}.${qualname}` : qualname;
  return `${type}${e.message ? `: ${e.message}` : ""}\n`;
}

/**
 * `traceback.format_list(frames)`: each frame as Python prints it — `  File "polls/tests.ts", line
 * 40, in test_str` and, when the source can be read (linecache), the line itself, stripped and
 * indented by four.
 */
export function format_list(frames: readonly FrameSummary[], getline: (filename: string, lineno: number) => string): string[] {
  return frames.map((frame) => {
    const where = `  File "${frame.filename}", line ${frame.lineno ?? "?"}, in ${frame.name}\n`;
    const line = frame.lineno === null ? "" : getline(frame.filename, frame.lineno).trim();
    return line ? `${where}    ${line}\n` : where;
  });
}
