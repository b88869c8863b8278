/**
 * django.core.management.base: a command line → a management command's `handle()`, with Django's
 * argument parsing, help text, system checks and error handling. Main class: `BaseCommand`.
 *
 *     // blog/management/commands/publish.ts          (python manage.py publish --all)
 *     export class Command extends BaseCommand {
 *       help = "Publishes the drafts.";
 *       add_arguments(parser) { parser.add_argument("--all", { action: "store_true" }); }
 *       handle(options) { … this.stdout.write(this.style.SUCCESS(`Published ${n} posts`)); }
 *     }
 *
 * `run_from_argv` is what `manage.py` calls: parse the argv (argparse, with Django's
 * CommandParser and DjangoHelpFormatter), then `execute` — the system checks (unless the command
 * opts out), `handle(...args, options)`, its return value written to stdout. A `CommandError`
 * prints `CommandError: message` on stderr and exits with its returncode (1), without a traceback.
 * `handle` may be async (it awaits `input()` when it prompts, ADR 0023).
 */
import { span_set, trace_site } from "../../../../trace";
import { Exception } from "../../../python/builtins";
import { ArgumentParser, HelpFormatter, SUPPRESS, int, type Action, type ArgumentOptions, type Namespace, type ParserOptions } from "../../../python/argparse";
import { stderr as sys_stderr, stdout as sys_stdout, exit as sys_exit, type TextStream } from "../../../python/sys";
import { color_style, no_style, type Style, type StyleFunction } from "./color";
import * as checks from "../checks";
import { get_version } from "../../utils/version";

// Eager: a command's options are summarised as they are when it starts.
const EXECUTE = trace_site("command", "django/core/management/base.ts#BaseCommand.run_from_argv", { eager: true });
const CHECKS = trace_site("command", "django/core/management/base.ts#BaseCommand.check");

export const ALL_CHECKS = "__all__";

/**
 * A problem while executing a management command: printed as `CommandError: message` on stderr,
 * then the program exits with `returncode` (1 unless given).
 */
export class CommandError extends Exception {
  readonly returncode: number;
  constructor(message?: unknown, options: { returncode?: number } = {}) {
    super(message);
    this.returncode = options.returncode ?? 1;
  }
}

/** The system checks found serious problems; the message is the whole report. */
export class SystemCheckError extends CommandError {}

/**
 * An ArgumentParser whose errors say what Django says: from the command line, usage and
 * `manage.py sqlmigrate: error: …` (exit 2); from `call_command`, `CommandError("Error: …")`.
 */
export class CommandParser extends ArgumentParser {
  missing_args_message: string | null;
  called_from_command_line: boolean;

  constructor(options: ParserOptions & { missing_args_message?: string | null; called_from_command_line?: boolean | null } = {}) {
    super(options);
    this.missing_args_message = options.missing_args_message ?? null;
    this.called_from_command_line = options.called_from_command_line ?? false;
  }

  override parse_args(args: string[], namespace?: Namespace): Namespace {
    // A command with a custom missing-arguments message, and no arguments at all.
    if (this.missing_args_message && !(args.length || args.some((arg) => !arg.startsWith("-")))) this.error(this.missing_args_message);
    return super.parse_args(args, namespace);
  }

  override error(message: string): never {
    if (this.called_from_command_line) return super.error(message);
    throw new CommandError(`Error: ${message}`);
  }
}

/** The options common to every command go last, in the usage line and in the list. */
export class DjangoHelpFormatter extends HelpFormatter {
  static readonly show_last = new Set(["--version", "--verbosity", "--traceback", "--settings", "--pythonpath", "--no-color", "--force-color", "--skip-checks"]);

  private _reordered_actions(actions: Action[]): Action[] {
    const last = (a: Action) => a.option_strings.some((s) => DjangoHelpFormatter.show_last.has(s));
    return [...actions.filter((a) => !last(a)), ...actions.filter(last)];
  }

  override add_usage(usage: string | null, actions: Action[], ...rest: Parameters<HelpFormatter["add_usage"]> extends [unknown, unknown, ...infer R] ? R : never): void {
    super.add_usage(usage, this._reordered_actions(actions), ...rest);
  }

  override add_arguments(actions: Action[]): void {
    super.add_arguments(this._reordered_actions(actions));
  }
}

/** `self.stdout` / `self.stderr`: `write(msg)` adds the ending ("\n") unless the message has it, and applies the stream's style. */
export class OutputWrapper {
  style_func: StyleFunction | null = null;
  constructor(
    readonly _out: TextStream,
    readonly ending = "\n",
  ) {}

  write(msg = "", style_func: StyleFunction | null = null, ending: string | null = null): void {
    const end = ending ?? this.ending;
    if (end && !msg.endsWith(end)) msg += end;
    const style = style_func ?? this.style_func;
    this._out.write(style ? style(msg) : msg);
  }

  flush(): void {
    this._out.flush();
  }

  isatty(): boolean {
    return this._out.isatty();
  }
}

/** Options every command accepts and may receive without declaring them (`call_command(..., stdout=...)`). */
export type CommandOptions = Record<string, any>;

export class BaseCommand {
  /** A short description, shown by `manage.py help <command>`. */
  help = "";
  /** Wrap the output in BEGIN; … COMMIT; (sqlmigrate-style commands). */
  output_transaction = false;
  /** Warn about unapplied migrations before running (runserver). */
  requires_migrations_checks = false;
  /** Which system checks run before `handle`: all of them, or the listed tags ([] = none). */
  requires_system_checks: string[] | typeof ALL_CHECKS = ALL_CHECKS;
  base_stealth_options = ["stderr", "stdout"];
  stealth_options: string[] = [];
  suppressed_base_arguments = new Set<string>();
  stdout: OutputWrapper;
  stderr: OutputWrapper;
  style: Style;
  _called_from_command_line = false;

  constructor(options: { stdout?: TextStream; stderr?: TextStream; no_color?: boolean; force_color?: boolean } = {}) {
    this.stdout = new OutputWrapper(options.stdout ?? sys_stdout);
    this.stderr = new OutputWrapper(options.stderr ?? sys_stderr);
    if (options.no_color && options.force_color) throw new CommandError("'no_color' and 'force_color' can't be used together.");
    if (options.no_color) this.style = no_style();
    else {
      this.style = color_style(options.force_color);
      this.stderr.style_func = this.style.ERROR;
    }
  }

  get_version(): string {
    return get_version();
  }

  /** The parser for `manage.py <subcommand>`: the base options, then the command's own (`add_arguments`). */
  create_parser(prog_name: string, subcommand: string, options: ParserOptions = {}): CommandParser {
    const parser = new CommandParser({
      prog: `${prog_name.split("/").pop()} ${subcommand}`,
      description: this.help || null,
      formatter_class: DjangoHelpFormatter,
      missing_args_message: (this as { missing_args_message?: string }).missing_args_message ?? null,
      called_from_command_line: this._called_from_command_line,
      ...options,
    });
    this.add_base_argument(parser, "--version", { action: "version", version: this.get_version(), help: "Show program's version number and exit." });
    this.add_base_argument(parser, "-v", "--verbosity", { default: 1, type: int, choices: [0, 1, 2, 3], help: "Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output" });
    this.add_base_argument(parser, "--settings", {
      help: 'The Python path to a settings module, e.g. "myproject.settings.main". If this isn\'t provided, the DJANGO_SETTINGS_MODULE environment variable will be used.',
    });
    this.add_base_argument(parser, "--pythonpath", { help: 'A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".' });
    this.add_base_argument(parser, "--traceback", { action: "store_true", help: "Display a full stack trace on CommandError exceptions." });
    this.add_base_argument(parser, "--no-color", { action: "store_true", help: "Don't colorize the command output." });
    this.add_base_argument(parser, "--force-color", { action: "store_true", help: "Force colorization of the command output." });
    if (this.requires_system_checks === ALL_CHECKS || this.requires_system_checks.length) parser.add_argument("--skip-checks", { action: "store_true", help: "Skip system checks." });
    this.add_arguments(parser);
    return parser;
  }

  /** Where a command declares its own arguments (argparse's `add_argument`). */
  add_arguments(_parser: CommandParser): void {}

  /** `add_argument`, with the help hidden for the base arguments the command suppresses. */
  add_base_argument(parser: CommandParser, ...args: [...string[], ArgumentOptions]): void {
    const names = args.filter((a): a is string => typeof a === "string");
    const options = { ...(args[args.length - 1] as ArgumentOptions) };
    if (names.some((name) => this.suppressed_base_arguments.has(name))) options.help = SUPPRESS;
    parser.add_argument(...names, options);
  }

  print_help(prog_name: string, subcommand: string): void {
    this.create_parser(prog_name, subcommand).print_help();
  }

  /**
   * `manage.py <subcommand> …`: parse, execute, and turn a CommandError into its message on stderr
   * and the exit status (`sys.exit(e.returncode)`) — unless `--traceback` asks for the exception.
   */
  async run_from_argv(argv: string[]): Promise<void> {
    this._called_from_command_line = true;
    const parser = this.create_parser(argv[0], argv[1]);
    const options = parser.parse_args(argv.slice(2));
    const { args = [], ...cmd_options } = { ...options } as CommandOptions;
    try {
      await EXECUTE.run(`${argv[1]}.execute`, () => ({ args: (args as unknown[]).map(String), options: summarise(cmd_options) }), () => this.execute(...(args as unknown[]), cmd_options), command_source(this));
    } catch (e) {
      if (!(e instanceof CommandError) || cmd_options.traceback) throw e;
      if (e instanceof SystemCheckError) this.stderr.write(e.message, (x) => x);
      else this.stderr.write(`${e.constructor.name}: ${e.message}`);
      sys_exit(e.returncode);
    }
  }

  /** The system checks (when the command wants them), then `handle`; its returned text goes to stdout. */
  async execute(...args: unknown[]): Promise<unknown> {
    const options = (args.pop() ?? {}) as CommandOptions;
    if (options.force_color && options.no_color) throw new CommandError("The --no-color and --force-color options can't be used together.");
    if (options.force_color) this.style = color_style(true);
    else if (options.no_color) {
      this.style = no_style();
      this.stderr.style_func = null;
    }
    if (options.stdout) this.stdout = new OutputWrapper(options.stdout as TextStream);
    if (options.stderr) this.stderr = new OutputWrapper(options.stderr as TextStream);
    if ((this.requires_system_checks === ALL_CHECKS || this.requires_system_checks.length) && !options.skip_checks)
      this.check(this.requires_system_checks === ALL_CHECKS ? {} : { tags: this.requires_system_checks });
    if (this.requires_migrations_checks) this.check_migrations();
    let output = await this.handle(...args, options);
    if (output) {
      if (this.output_transaction) output = `${this.style.SQL_KEYWORD("BEGIN;")}\n${String(output)}\n${this.style.SQL_KEYWORD("COMMIT;")}`;
      this.stdout.write(String(output));
    }
    return output;
  }

  /**
   * Run the system checks and report them as Django does: warnings on stderr, and a
   * SystemCheckError (a report headed "SystemCheckError: System check identified some issues:")
   * for any error; `display_num_errors` adds "System check identified N issues (0 silenced).".
   */
  check(options: { app_configs?: unknown[] | null; tags?: string[] | null; display_num_errors?: boolean; include_deployment_checks?: boolean; fail_level?: number; databases?: string[] | null } = {}): void {
    const all_issues = CHECKS.run("system checks", () => ({ tags: options.tags ?? null }), (span) => {
      const found = checks.run_checks({ app_configs: options.app_configs ?? null, tags: options.tags ?? null, include_deployment_checks: options.include_deployment_checks ?? false, databases: options.databases ?? null });
      if (span >= 0) span_set(span, { issues: found.map((issue) => `${issue.id}: ${issue.msg}`) });
      return found;
    });
    const visible = all_issues.filter((e) => !e.is_silenced());
    const groups: [string, (level: number) => boolean][] = [
      ["CRITICALS", (l) => checks.CRITICAL <= l],
      ["ERRORS", (l) => checks.ERROR <= l && l < checks.CRITICAL],
      ["WARNINGS", (l) => checks.WARNING <= l && l < checks.ERROR],
      ["INFOS", (l) => checks.INFO <= l && l < checks.WARNING],
      ["DEBUGS", (l) => l < checks.INFO],
    ];
    let body = "";
    for (const [name, in_group] of groups) {
      const issues = visible.filter((e) => in_group(e.level));
      if (issues.length) body += `\n${name}:\n${issues.map((e) => (e.is_serious() ? this.style.ERROR(e.toString()) : this.style.WARNING(e.toString()))).sort().join("\n")}\n`;
    }
    const header = visible.length ? "System check identified some issues:\n" : "";
    let footer = "";
    if (options.display_num_errors) {
      if (visible.length) footer += "\n";
      const count = visible.length === 0 ? "no issues" : visible.length === 1 ? "1 issue" : `${visible.length} issues`;
      footer += `System check identified ${count} (${all_issues.length - visible.length} silenced).`;
    }
    const fail_level = options.fail_level ?? checks.ERROR;
    if (all_issues.some((e) => e.is_serious(fail_level) && !e.is_silenced())) throw new SystemCheckError(this.style.ERROR(`SystemCheckError: ${header}`) + body + footer);
    const msg = header + body + footer;
    if (msg) {
      if (visible.length) this.stderr.write(msg, (x) => x);
      else this.stdout.write(msg);
    }
  }

  /** "You have N unapplied migration(s)…" when the database is behind the migration files. */
  check_migrations(): void {
    // Imported here, as Django does, so that commands that never touch the database do not load migrations.
    const plan = unapplied_migrations();
    if (!plan.length) return;
    const apps = [...new Set(plan.map(([app]) => app))].sort();
    this.stdout.write(
      this.style.NOTICE(`\nYou have ${plan.length} unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): ${apps.join(", ")}.`),
    );
    this.stdout.write(this.style.NOTICE("Run 'python manage.py migrate' to apply them."));
  }

  /** The actual work; subclasses must implement it. */
  handle(..._args: unknown[]): unknown {
    throw new NotImplementedErrorLike("subclasses of BaseCommand must provide a handle() method");
  }
}

/**
 * A command that takes one or more installed app labels and does something with each
 * (`handle_app_config`).
 */
export class AppCommand extends BaseCommand {
  missing_args_message = "Enter at least one application label.";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("args", { metavar: "app_label", nargs: "+", help: "One or more application label." });
  }

  override async handle(...args: unknown[]): Promise<string> {
    const options = args.pop() as CommandOptions;
    const { apps } = await import("../../apps/registry");
    let app_configs;
    try {
      app_configs = (args as string[]).map((label) => apps.get_app_config(label));
    } catch (e) {
      throw new CommandError(`${(e as Error).message} Are you sure your INSTALLED_APPS setting is correct?`);
    }
    const output: string[] = [];
    for (const app_config of app_configs) {
      const app_output = await this.handle_app_config(app_config, options);
      if (app_output) output.push(String(app_output));
    }
    return output.join("\n");
  }

  handle_app_config(_app_config: unknown, _options: CommandOptions): unknown {
    throw new NotImplementedErrorLike("Subclasses of AppCommand must provide a handle_app_config() method.");
  }
}

/** A command that takes one or more arbitrary labels and does something with each (`handle_label`). */
export class LabelCommand extends BaseCommand {
  label = "label";
  missing_args_message = "Enter at least one label.";

  override add_arguments(parser: CommandParser): void {
    parser.add_argument("args", { metavar: this.label, nargs: "+" });
  }

  override async handle(...args: unknown[]): Promise<string> {
    const options = args.pop() as CommandOptions;
    const output: string[] = [];
    for (const label of args as string[]) {
      const label_output = await this.handle_label(label, options);
      if (label_output) output.push(String(label_output));
    }
    return output.join("\n");
  }

  handle_label(_label: string, _options: CommandOptions): unknown {
    throw new NotImplementedErrorLike("subclasses of LabelCommand must provide a handle_label() method");
  }
}

class NotImplementedErrorLike extends Exception {
  override get name(): string {
    return "NotImplementedError";
  }
}

/** The migrations on disk not yet applied to the database, as (app, name) pairs — a hook the migration executor fills. */
let unapplied_migrations: () => [string, string][] = () => [];

/** Set by django.core.management (it knows the executor), so this module does not import the migration machinery. */
export function set_unapplied_migrations(fn: () => [string, string][]): void {
  unapplied_migrations = fn;
}

function summarise(options: CommandOptions): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map(String).join(" ");
  }
  return out;
}

/** A user command's source (its module, from the loader), for the trace. */
function command_source(command: BaseCommand): { file: string; symbol: string } | undefined {
  const module = (command.constructor as { __module__?: string }).__module__;
  return module && !module.startsWith("django.") ? { file: module, symbol: `${command.constructor.name}.handle` } : undefined;
}
