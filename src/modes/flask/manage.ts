/**
 * The `flask` command for the page's Terminal and the CLI: a command line (`--app flaskr init-db`)
 * → Flask's `cli.main` run as a new process on the project — stdout, stderr and stdin given by the
 * runtime (ADR 0023) — and its exit status. Main function: `manage`.
 *
 * Like `python -m flask`, the process imports the project afresh (the runtime reloads the modules
 * first), finds the application (`--app`, or `wsgi.py` / `app.py`), and runs the command in the
 * application's context: `init-db` creates the tables in the page's database, which the project's
 * requests then use. An exception no command handles prints Python's traceback and exits 1.
 */
import { cli } from "../../frameworks/flask/cli";
import { exception_line } from "../../frameworks/python/code";
import { run_process, type TextStream } from "../../frameworks/python/sys";
import { extract_tb } from "../../frameworks/python/traceback";
import type { BootContext, ManageIO, ManageResult, ServedApplication } from "../types";

/** `flask <argv…>` as a process; the project is loaded again afterwards to serve requests (the mode's boot). */
export async function manage(_entry: Readonly<Record<string, string>>, argv: readonly string[], _context: BootContext, io: ManageIO): Promise<ManageResult & { application?: ServedApplication }> {
  const stream = (name: "stdout" | "stderr", tty: boolean): TextStream => ({
    write(text) {
      io.write(name, text);
      return text.length;
    },
    flush() {},
    isatty: () => tty,
  });
  const full_argv = ["flask", ...argv];
  let exit_code: number;
  try {
    exit_code = await run_process(
      { stdout: stream("stdout", io.interactive), stderr: stream("stderr", io.interactive), readline: (prompt, secret) => io.input({ text: prompt, secret }), argv: full_argv, interactive: io.interactive },
      () => cli.main([...argv], { prog_name: "flask" }),
    );
  } catch (e) {
    io.write("stderr", format_traceback(e));
    io.error?.(e);
    exit_code = 1;
  }
  return { exit_code, files: {} };
}

/** Python's traceback for an exception that escaped the command: the project's own frames, then the error. */
function format_traceback(e: unknown): string {
  const frames = extract_tb(e).filter((f) => f.is_user_code);
  const lines = ["Traceback (most recent call last):", ...frames.map((f) => `  File "${f.filename}", line ${f.lineno ?? "?"}, in ${f.name}`), exception_line(e)];
  return lines.join("\n") + "\n";
}
