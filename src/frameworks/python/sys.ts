/**
 * Python's `sys` for a command-line program in the page: `sys.stdout` / `sys.stderr` (objects with
 * `write(text)`), `sys.argv`, `sys.exit(code)` raising `SystemExit`, and `input(prompt)` /
 * `getpass(prompt)` reading the next line of standard input. Main function: `run_process`.
 *
 * There is no process here: the runtime runs `manage.py` as a "process" by calling `run_process`
 * with the streams it collects and a `readline` that answers prompts (a line, or null at the end
 * of input). Reading input has to wait for the learner to type, and nothing in a worker can block
 * while it waits, so `input()` returns a Promise (ADR 0023): Python's
 * `username = input("Username: ")` is `const username = await input("Username: ")`. Outside a
 * process, stdout and stderr go to the console and input is at its end (EOFError).
 */
import { Exception } from "./builtins";

/** `raise SystemExit(code)`: how `sys.exit()` ends a program; `code` is its exit status. */
export class SystemExit extends Exception {
  readonly code: number;
  constructor(code: number | null = 0) {
    super(code === null ? "" : String(code));
    this.code = code ?? 0;
  }
}

/** Raised by `input()` at the end of input (Ctrl-D in a terminal, or no more scripted lines). */
export class EOFError extends Exception {}

/** Ctrl-C while a program waits or runs. */
export class KeyboardInterrupt extends Exception {}

export interface TextStream {
  write(text: string): number;
  flush(): void;
  isatty(): boolean;
}

/** What a process reads: the next line (without its newline), or null at the end of input. `secret`: do not echo it (a password). */
export type LineReader = (prompt: string, secret: boolean) => Promise<string | null>;

interface Process {
  stdout: TextStream;
  stderr: TextStream;
  readline: LineReader;
  argv: string[];
  /** Whether standard input is a terminal (the Terminal panel: yes; a script's answers: no). */
  interactive: boolean;
}

const console_stream = (write: (text: string) => void): TextStream => ({
  write(text) {
    write(text.replace(/\n$/, ""));
    return text.length;
  },
  flush() {},
  isatty: () => false,
});

const NO_PROCESS: Process = {
  stdout: console_stream((t) => console.log(t)),
  stderr: console_stream((t) => console.error(t)),
  readline: async () => null,
  argv: [],
  interactive: false,
};

let current: Process = NO_PROCESS;

/** `sys.stdout`: the running program's standard output. */
export const stdout: TextStream = {
  write: (text) => current.stdout.write(text),
  flush: () => current.stdout.flush(),
  isatty: () => current.stdout.isatty(),
};

/** `sys.stderr`: the running program's standard error. */
export const stderr: TextStream = {
  write: (text) => current.stderr.write(text),
  flush: () => current.stderr.flush(),
  isatty: () => current.stderr.isatty(),
};

/** `sys.stdin.isatty()`: whether a person answers the prompts. */
export const stdin = {
  isatty: () => current.interactive,
};

/** `sys.argv` of the running program (`["manage.py", "migrate"]`). */
export function argv(): string[] {
  return current.argv;
}

/** `sys.exit(code)`. */
export function exit(code: number | null = 0): never {
  throw new SystemExit(code);
}

/** `input(prompt)`: writes the prompt, then the next line of standard input; EOFError at its end. */
export async function input(prompt = ""): Promise<string> {
  const line = await current.readline(prompt, false);
  if (line === null) throw new EOFError("EOF when reading a line");
  return line;
}

/** `getpass.getpass(prompt)`: like input(), without echoing what is typed. */
export async function getpass(prompt = "Password: "): Promise<string> {
  const line = await current.readline(prompt, true);
  if (line === null) throw new EOFError("EOF when reading a line");
  return line;
}

/**
 * Run `main` as a program with these streams and this standard input; the exit status is what
 * `sys.exit()` gave (0 when `main` returns). Any other exception propagates to the caller, who
 * prints its traceback as Python would. One program runs at a time.
 */
export async function run_process(process: Omit<Process, "argv"> & { argv: string[] }, main: () => unknown): Promise<number> {
  const previous = current;
  current = process;
  try {
    await main();
    return 0;
  } catch (e) {
    if (e instanceof SystemExit) return e.code;
    throw e;
  } finally {
    current = previous;
  }
}

const handled_exceptions: unknown[] = [];

/**
 * `sys.exception()` (`sys.exc_info()[1]`): the exception being handled — inside an `except` block in
 * Python; here, inside `while_handling(exc, fn)` — else null. Django's test client reads it in its
 * `got_request_exception` receiver to raise the view's exception in the test.
 */
export function exception(): unknown {
  return handled_exceptions.length ? handled_exceptions[handled_exceptions.length - 1] : null;
}

/** Run `fn` as Python runs an `except` block for `exc`: `exception()` answers `exc` meanwhile. */
export function while_handling<T>(exc: unknown, fn: () => T): T {
  handled_exceptions.push(exc);
  try {
    return fn();
  } finally {
    handled_exceptions.pop();
  }
}
