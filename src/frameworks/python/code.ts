/**
 * Python's `code` module: an interactive console — lines typed at `>>> ` (and `... ` while a
 * statement is unfinished) → evaluated in one namespace, each expression's value printed as its
 * repr. Main class: `InteractiveConsole`; `interact()` is what `manage.py shell` runs.
 *
 * The language typed is the project's own, TypeScript/JavaScript: `Post.objects.filter({ title:
 * "Hello" })` prints `<QuerySet [<Post: Hello>]>`, as Django's shell prints it. Turning typed text
 * into something that runs is the runtime's job (the only code allowed to evaluate source, ADR
 * 0016), so it installs the compiler with `set_console_compiler`. Reading a line waits for the
 * learner (`await input()`, ADR 0023).
 */
import { py_repr } from "./builtins";
import { EOFError, KeyboardInterrupt, input, stdout } from "./sys";

/** What the runtime's compiler makes of the source typed so far. */
export type CompiledSource =
  | { kind: "incomplete" }
  /** Run it: its value (shown unless undefined/null or a declaration), or an exception. */
  | { kind: "code"; run: () => unknown; show_value: boolean };

export type ConsoleCompiler = (source: string, namespace: Record<string, unknown>) => CompiledSource;

let compiler: ConsoleCompiler | null = null;

export function set_console_compiler(fn: ConsoleCompiler | null): void {
  compiler = fn;
}

export function has_console_compiler(): boolean {
  return compiler !== null;
}

/** What `sys.displayhook` prints for a value: Python's repr, with functions and classes named. */
export function display_repr(value: unknown): string {
  if (typeof value === "function") {
    const name = (value as { name?: string }).name || "<anonymous>";
    if (/^class\b/.test(Function.prototype.toString.call(value))) {
      const module = (value as { __module__?: string }).__module__;
      return `<class '${module ? `${module}.` : ""}${name}'>`;
    }
    return `<function ${name}>`;
  }
  if (value instanceof Error) return `${value.name}(${py_repr(value.message)})`;
  if (value instanceof Promise) return "<Promise>";
  return py_repr(value);
}

/**
 * An exception's last traceback line as Python writes it: `Type: message`. JavaScript's own
 * errors get their Python names: an unknown name is `NameError: name 'x' is not defined`.
 */
export function exception_line(e: unknown): string {
  if (e instanceof ReferenceError) {
    const name = /^(\S+) is not defined$/.exec(e.message)?.[1];
    if (name) return `NameError: name '${name}' is not defined`;
  }
  const type = e instanceof Error ? ((e as { constructor: { name: string } }).constructor.name === "Error" ? e.name : (e as { constructor: { name: string } }).constructor.name) : "Exception";
  const message = e instanceof Error ? e.message : String(e);
  return `${type}${message ? `: ${message}` : ""}`;
}

/** One exception as Python's console prints it (the console's own frame, then the error). */
export function format_exception(e: unknown): string {
  return `Traceback (most recent call last):\n  File "<console>", line 1, in <module>\n${exception_line(e)}\n`;
}

/** Python's `print(*objects)` for the console: each object's str, separated by spaces, to sys.stdout. */
export function print(...objects: unknown[]): void {
  stdout.write(objects.map((o) => (typeof o === "string" ? o : display_str(o))).join(" ") + "\n");
}

/** `str(value)`: an object's own toString (a model's `__str__`), else its repr. */
function display_str(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const to_string = (value as { toString?: unknown }).toString;
    if (typeof to_string === "function" && to_string !== Object.prototype.toString && to_string !== Array.prototype.toString) return String(value);
  }
  return display_repr(value);
}

/**
 * `exec(source, namespace)`: run a whole program at once (`shell -c`, or standard input that is
 * not a terminal) — no values shown, an exception propagates to the caller (manage.py prints its
 * traceback and exits 1).
 */
export function exec(source: string, namespace: Record<string, unknown>): void {
  if (!compiler) throw new Error("The console cannot run code here: no compiler is installed.");
  if (!("print" in namespace)) Object.defineProperty(namespace, "print", { value: print, enumerable: false, writable: true, configurable: true });
  const compiled = compiler(source, namespace);
  if (compiled.kind === "incomplete") throw new SyntaxError("unexpected EOF while parsing");
  compiled.run();
}

export class InteractiveConsole {
  readonly locals: Record<string, unknown>;
  private buffer: string[] = [];

  constructor(locals: Record<string, unknown> = {}) {
    this.locals = locals;
    // Python's builtins are there in every namespace; print writes to the program's stdout.
    if (!("print" in locals)) Object.defineProperty(locals, "print", { value: print, enumerable: false, writable: true, configurable: true });
  }

  /** Write to sys.stdout (Python's console writes tracebacks to stderr; one stream reads better in a page). */
  write(data: string): void {
    stdout.write(data);
  }

  /**
   * Run what was typed so far: incomplete → wait for more (returns true); otherwise run it,
   * printing its value or the exception.
   */
  runsource(source: string): boolean {
    if (!compiler) {
      this.write("The console cannot run code here: no compiler is installed.\n");
      return false;
    }
    let compiled: CompiledSource;
    try {
      compiled = compiler(source, this.locals);
    } catch (e) {
      this.showsyntaxerror(e);
      return false;
    }
    if (compiled.kind === "incomplete") return true;
    this.runcode(compiled);
    return false;
  }

  runcode(compiled: Extract<CompiledSource, { kind: "code" }>): void {
    try {
      const value = compiled.run();
      if (compiled.show_value && value !== undefined && value !== null) {
        this.locals._ = value;
        this.write(display_repr(value) + "\n");
      }
    } catch (e) {
      this.showtraceback(e);
    }
  }

  showsyntaxerror(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.write(`  File "<console>", line 1\nSyntaxError: ${message}\n`);
  }

  showtraceback(e: unknown): void {
    this.write(format_exception(e));
  }

  /** One line more: returns whether more input is needed. */
  push(line: string): boolean {
    this.buffer.push(line);
    const more = this.runsource(this.buffer.join("\n"));
    if (!more) this.buffer = [];
    return more;
  }

  resetbuffer(): void {
    this.buffer = [];
  }

  /** The read-eval-print loop: the banner, then lines until end of input (Ctrl-D) or `exit()`. */
  async interact(banner: string | null = null, exitmsg: string | null = null): Promise<void> {
    if (banner === null) this.write("Framework Lab console (TypeScript). Ctrl-D or exit() to leave.\n(InteractiveConsole)\n");
    else if (banner) this.write(`${banner}\n`);
    let more = false;
    for (;;) {
      let line: string;
      try {
        line = await input(more ? "... " : ">>> ");
      } catch (e) {
        if (e instanceof EOFError) {
          this.write("\n");
          break;
        }
        if (e instanceof KeyboardInterrupt) {
          this.write("\nKeyboardInterrupt\n");
          this.resetbuffer();
          more = false;
          continue;
        }
        throw e;
      }
      // exit() raises SystemExit in Python: the shell ends at once, without the exit message.
      if (!more && /^\s*(exit|quit)\(\s*\)\s*;?\s*$/.test(line)) return;
      more = this.push(line);
    }
    if (exitmsg === null) this.write(`now exiting ${this.constructor.name}...\n`);
    else if (exitmsg) this.write(`${exitmsg}\n`);
  }
}

/** `code.interact(banner, local=…)`: an InteractiveConsole over `local`. */
export async function interact(options: { banner?: string | null; local?: Record<string, unknown>; exitmsg?: string | null } = {}): Promise<void> {
  await new InteractiveConsole(options.local ?? {}).interact(options.banner ?? null, options.exitmsg ?? null);
}
