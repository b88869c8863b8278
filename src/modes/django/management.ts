/**
 * Django's `manage.py` for the page and the CLI: a management command → its output (and, for
 * makemigrations, the migration files to add to the project).
 *
 * The commands themselves are the framework's (django/core/management/commands); this module only
 * supplies what `manage.py` would: the installed apps, and the dotted-path import for `call`.
 */
import { trace_site } from "../../trace";

const COMMAND = trace_site("app", "modes/django/management.ts#run_command");
import { apps } from "../../frameworks/django/apps";
import { makemigrations, migrate, showmigrations, sqlmigrate } from "../../frameworks/django/core/management/commands";
import { import_string } from "../../frameworks/django/utils/module_loading";

import { run_process, type TextStream } from "../../frameworks/python/sys";
import { extract_tb } from "../../frameworks/python/traceback";
import { exception_line } from "../../frameworks/python/code";
import { settings } from "../../frameworks/django/conf";
import { execute_from_command_line } from "../../frameworks/django/core/management";
import { get_wsgi_application } from "../../frameworks/django/core/handlers/wsgi";
import type { BootContext, CommandOutput, ManageIO, ManageResult, ManagementCommand, ServedApplication } from "../types";

function installed_labels(): string[] {
  return apps.get_app_configs().map((config: { label: string }) => config.label);
}

/** Run one command against the loaded project; errors propagate to the caller. */
export function run_command(cmd: ManagementCommand): CommandOutput {
  return COMMAND.run(`manage.py ${cmd.command}`, () => ({ ...cmd }), () => {
    switch (cmd.command) {
      case "migrate":
        return { output: migrate({ app_labels: installed_labels(), app_label: cmd.app_label, migration_name: cmd.migration_name }).output, files: {} };
      case "makemigrations": {
        const result = makemigrations({ app_labels: cmd.app_labels?.length ? cmd.app_labels : installed_labels(), name: cmd.name });
        return { output: result.output, files: Object.fromEntries(result.files.map((f: { path: string; contents: string }) => [f.path, f.contents])) };
      }
      case "sqlmigrate":
        return { output: sqlmigrate(cmd.app_label, cmd.migration_name, { app_labels: installed_labels() }), files: {} };
      case "showmigrations":
        return { output: showmigrations({ app_labels: installed_labels() }), files: {} };
      case "call": {
        const fn = import_string(cmd.function);
        if (typeof fn !== "function") throw new TypeError(`${cmd.function} is not a function`);
        const result = fn();
        return { output: result === undefined ? "" : String(result), files: {} };
      }
      default:
        throw new TypeError(`run_command does not run "${cmd.command}": the runtime runs manage.py command lines itself`);
    }
  });
}

/**
 * `python manage.py <argv…>`, as a new process on the project: manage.py's own two lines —
 * `os.environ.setdefault("DJANGO_SETTINGS_MODULE", …)` then `execute_from_command_line(sys.argv)` —
 * with stdout, stderr and stdin given by the runtime. An exception no command handles prints
 * Python's traceback (the project's frames) and exits 1. The process leaves Django set up; the
 * WSGI application built from that state serves the requests that follow.
 */
export async function manage(entry: Readonly<Record<string, string>>, argv: readonly string[], _context: BootContext, io: ManageIO): Promise<ManageResult & { application?: ServedApplication }> {
  const stream = (name: "stdout" | "stderr", tty: boolean): TextStream => ({
    write(text) {
      io.write(name, text);
      return text.length;
    },
    flush() {},
    isatty: () => tty,
  });
  const interactive = io.interactive;
  settings.set_settings_module(entry.settings);
  const full_argv = ["manage.py", ...argv];
  let exit_code: number;
  try {
    exit_code = await run_process(
      { stdout: stream("stdout", interactive), stderr: stream("stderr", interactive), readline: (prompt, secret) => io.input({ text: prompt, secret }), argv: full_argv, interactive },
      () => execute_from_command_line(full_argv),
    );
  } catch (e) {
    io.write("stderr", format_traceback(e));
    io.error?.(e);
    exit_code = 1;
  }
  return { exit_code, files: {}, ...served_after() };
}

/** The WSGI application of the project as the process left it (none when setup never finished). */
function served_after(): { application?: ServedApplication } {
  try {
    if (!settings.configured) return {};
    const application = get_wsgi_application() as unknown;
    const call = typeof application === "function" ? application : (application as { __call__?: Function }).__call__?.bind(application);
    return typeof call === "function" ? { application: { interface: "wsgi", app: call as ServedApplication["app"] } as ServedApplication } : {};
  } catch {
    return {};
  }
}

/** Python's traceback for an exception that escaped the command: the project's own frames, then the error. */
export function format_traceback(e: unknown): string {
  const frames = extract_tb(e).filter((f) => f.is_user_code);
  const lines = ["Traceback (most recent call last):", ...frames.map((f) => `  File "${f.filename}", line ${f.lineno ?? "?"}, in ${f.name}`), exception_line(e)];
  return lines.join("\n") + "\n";
}
