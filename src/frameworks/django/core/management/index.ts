/**
 * django.core.management: `manage.py` itself — a command line → the command registry → the
 * command's `run_from_argv`. Main class: `ManagementUtility`; main functions:
 * `execute_from_command_line`, `call_command`, `get_commands`.
 *
 *     execute_from_command_line(["manage.py", "sqlmigrate", "blog", "0001"])
 *       → settings read (lazily: the first access imports the settings module)
 *       → django.setup()            (apps.populate: app configs, models, ready())
 *       → fetch_command("sqlmigrate") → load_command_class("django.core", "sqlmigrate")
 *       → Command().run_from_argv(argv)
 *
 * The registry is Django's: the core commands, then every installed app's
 * `<app>/management/commands/<name>.ts` (a module exporting `class Command extends BaseCommand`),
 * later apps losing to earlier ones. An unknown name gets Django's answer ("Unknown command:
 * 'migrat'. Did you mean migrate?") and exit status 1; `manage.py help` lists what is there.
 */
import { trace_site } from "../../../../trace";
import { TypeError as PyTypeError } from "../../../python/builtins";
import { get_close_matches } from "../../../python/difflib";
import { import_module } from "../../../python/importlib";
import { iter_modules } from "../../../python/pkgutil";
import { stderr, stdout, exit as sys_exit } from "../../../python/sys";
import { apps } from "../../apps/registry";
import { settings } from "../../conf";
import { ImproperlyConfigured } from "../exceptions";
import { setup } from "../../setup";
import { get_version } from "../../utils/version";
import { BaseCommand, CommandError, CommandParser, set_unapplied_migrations } from "./base";
import { no_style } from "./color";
import { MigrationExecutor } from "../../db/migrations/executor";
import { connection } from "../../db";

const LOAD_COMMAND = trace_site("command", "django/core/management/index.ts#ManagementUtility.fetch_command");

export { AppCommand, BaseCommand, CommandError, CommandParser, LabelCommand, OutputWrapper, SystemCheckError, DjangoHelpFormatter } from "./base";
// The database commands as functions (the page's Database panel calls them).
export { makemigrations, migrate, showmigrations, sqlmigrate, sqlmigrate_text } from "./commands";

set_unapplied_migrations(() => {
  const executor = new MigrationExecutor(connection, { app_labels: apps.get_app_configs().map((c) => c.label) });
  return executor.migration_plan(executor.loader.graph.leaf_nodes()).map(([migration]) => [migration.app_label, migration.name] as [string, string]);
});

/** The command modules in `<package>/management/commands` (names not starting with "_"). */
export function find_commands(management_dir: string): string[] {
  return iter_modules(`${management_dir}/commands`)
    .filter((m) => !m.ispkg && !m.name.startsWith("_"))
    .map((m) => m.name);
}

/** `<app_name>.management.commands.<name>`'s `Command()`. */
export function load_command_class(app_name: string, name: string): BaseCommand {
  const module = import_module(`${app_name}.management.commands.${name}`);
  const Command = module.Command as (new () => BaseCommand) | undefined;
  if (typeof Command !== "function") throw new PyTypeError(`module '${app_name}.management.commands.${name}' has no attribute 'Command'`);
  return new Command();
}

/**
 * `{command_name: app_name}`: the core commands, then each installed app's, from the last app to
 * the first so that an earlier app's command wins (Django's order).
 */
export function get_commands(): Map<string, string> {
  const commands = new Map<string, string>(find_commands("django/core/management").map((name) => [name, "django.core"]));
  if (!settings.configured) return commands;
  for (const app_config of [...apps.get_app_configs()].reverse()) {
    for (const name of find_commands(`${app_config.name.replace(/\./g, "/")}/management`)) commands.set(name, app_config.name);
  }
  return commands;
}

/**
 * Run a command from code: `call_command("migrate")`, `call_command("sqlmigrate", "blog", "0001")`,
 * `call_command("publish", { all: true })` (keyword options last). System checks are skipped
 * unless asked for; a CommandError propagates (no exit status).
 */
export async function call_command(command_name: string | BaseCommand, ...args: unknown[]): Promise<unknown> {
  const options = args.length && is_plain_object(args[args.length - 1]) ? (args.pop() as Record<string, unknown>) : {};
  let command: BaseCommand;
  let name: string;
  if (command_name instanceof BaseCommand) {
    command = command_name;
    name = String((command.constructor as { __module__?: string }).__module__ ?? command.constructor.name).split(".").pop()!;
  } else {
    const app_name = get_commands().get(command_name);
    if (app_name === undefined) throw new CommandError(`Unknown command: ${repr(command_name)}`);
    command = load_command_class(app_name, command_name);
    name = command_name;
  }
  const parser = command.create_parser("", name);
  const opt_mapping = new Map<string, string>();
  for (const action of parser._actions) if (action.option_strings.length) opt_mapping.set([...action.option_strings].sort()[0].replace(/^-+/, "").replace(/-/g, "_"), action.dest);
  const arg_options = Object.fromEntries(Object.entries(options).map(([key, value]) => [opt_mapping.get(key) ?? key, value]));
  const parse_args = args.flatMap((arg) => (Array.isArray(arg) ? arg.map(String) : [String(arg)]));
  for (const action of parser._actions) {
    if (action.required && action.option_strings.length && action.dest in options) {
      parse_args.push([...action.option_strings].sort()[0]);
      const value = arg_options[action.dest];
      parse_args.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
    }
  }
  const defaults = { ...parser.parse_args(parse_args), ...arg_options } as Record<string, unknown>;
  const valid = new Set([...parser._actions.map((a) => a.dest), ...command.base_stealth_options, ...command.stealth_options, ...opt_mapping.keys()]);
  const unknown = Object.keys(options).filter((key) => !valid.has(key));
  if (unknown.length) throw new PyTypeError(`Unknown option(s) for ${name} command: ${unknown.sort().join(", ")}. Valid options are: ${[...valid].sort().join(", ")}.`);
  const positional = (defaults.args as unknown[] | undefined) ?? [];
  delete defaults.args;
  if (!("skip_checks" in options)) defaults.skip_checks = true;
  return command.execute(...positional, defaults);
}

/** Encapsulates `django-admin` / `manage.py`: one command line. */
export class ManagementUtility {
  readonly argv: string[];
  readonly prog_name: string;
  settings_exception: unknown = null;

  constructor(argv: string[]) {
    this.argv = [...argv];
    this.prog_name = (this.argv[0] ?? "manage.py").split("/").pop()!;
  }

  /** `manage.py help`: the commands, grouped by the app that provides them ("django" for the core). */
  main_help_text(commands_only = false): string {
    if (commands_only) return [...get_commands().keys()].sort().join("\n");
    const usage = ["", `Type '${this.prog_name} help <subcommand>' for help on a specific subcommand.`, "", "Available subcommands:"];
    const by_app = new Map<string, string[]>();
    for (const [name, app] of get_commands()) {
      const label = app === "django.core" ? "django" : app.split(".").pop()!;
      by_app.set(label, [...(by_app.get(label) ?? []), name]);
    }
    const style = no_style();
    for (const app of [...by_app.keys()].sort()) {
      usage.push("", style.NOTICE(`[${app}]`));
      for (const name of by_app.get(app)!.sort()) usage.push(`    ${name}`);
    }
    if (this.settings_exception !== null)
      usage.push(style.NOTICE(`Note that only Django core commands are listed as settings are not properly configured (error: ${error_text(this.settings_exception)}).`));
    return usage.join("\n");
  }

  /** The command's instance, or Django's "Unknown command" message and exit status 1. */
  fetch_command(subcommand: string): BaseCommand {
    const commands = get_commands();
    const app_name = commands.get(subcommand);
    if (app_name === undefined) {
      if (settings.configured) void settings.INSTALLED_APPS;
      else stderr.write("No Django settings specified.\n");
      const possible = get_close_matches(subcommand, commands.keys());
      stderr.write(`Unknown command: ${repr(subcommand)}`);
      if (possible.length) stderr.write(`. Did you mean ${possible[0]}?`);
      stderr.write(`\nType '${this.prog_name} help' for usage.\n`);
      sys_exit(1);
    }
    return LOAD_COMMAND.run(`load_command_class: ${subcommand}`, () => ({ app: app_name, module: `${app_name}.management.commands.${subcommand}` }), () => load_command_class(app_name, subcommand));
  }

  /** Find the subcommand, set Django up, run it. */
  async execute(): Promise<void> {
    const subcommand = this.argv[1] ?? "help";
    const parser = new CommandParser({ prog: this.prog_name, usage: "%(prog)s subcommand [options] [args]", add_help: false, allow_abbrev: false });
    parser.add_argument("--settings");
    parser.add_argument("--pythonpath");
    parser.add_argument("args", { nargs: "*" });
    let options: Record<string, unknown> = { args: [] };
    try {
      options = parser.parse_known_args(this.argv.slice(2))[0] as Record<string, unknown>;
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
    }
    try {
      void settings.INSTALLED_APPS;
    } catch (e) {
      if (!(e instanceof ImproperlyConfigured) && !is_import_error(e)) throw e;
      this.settings_exception = e;
    }
    if (settings.configured) setup();
    const args = (options.args as string[]) ?? [];
    if (subcommand === "help") {
      if (this.argv.includes("--commands")) stdout.write(this.main_help_text(true) + "\n");
      else if (!args.length) stdout.write(this.main_help_text() + "\n");
      else this.fetch_command(args[0]).print_help(this.prog_name, args[0]);
    } else if (subcommand === "version" || (this.argv.length === 2 && this.argv[1] === "--version")) {
      stdout.write(get_version() + "\n");
    } else if (this.argv.length === 2 && (this.argv[1] === "--help" || this.argv[1] === "-h")) {
      stdout.write(this.main_help_text() + "\n");
    } else {
      await this.fetch_command(subcommand).run_from_argv(this.argv);
    }
  }
}

/** `manage.py`'s `main()`: `execute_from_command_line(sys.argv)`. */
export async function execute_from_command_line(argv: string[]): Promise<void> {
  await new ManagementUtility(argv).execute();
}

function is_plain_object(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function is_import_error(e: unknown): boolean {
  return e instanceof Error && (e.name === "ImportError" || e.name === "ModuleNotFoundError");
}

function error_text(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Python's repr() of a str. */
function repr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
