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

import type { CommandOutput, ManagementCommand } from "../types";

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
    }
  });
}
