/**
 * click.exceptions: what can go wrong on a command line → the message click prints and the exit
 * status the shell sees. Main classes: `ClickException` (status 1, `Error: …`), `UsageError`
 * (status 2: the usage line, `Try '… --help' for help.`, then `Error: …`), `BadParameter`,
 * `MissingParameter`, `NoSuchOption`; and `Abort` ("Aborted!") and `Exit` (leave with a status).
 *
 *   Usage: flask [OPTIONS] COMMAND [ARGS]...
 *   Try 'flask --help' for help.
 *
 *   Error: No such command 'init-db'.
 *
 * `Command.main` catches them (standalone mode) and calls `show()`, which writes to standard error.
 */
import { Exception, RuntimeError } from "../python/builtins";
import type { TextStream } from "../python/sys";
import * as sys from "../python/sys";
import { get_close_matches } from "../python/difflib";
import type { Context, Parameter } from "./core";
import { echo } from "./utils";

/** `_join_param_hints(param_hint)`: a list of hints → `'--a' / '-a'`. */
function join_param_hints(param_hint: string | readonly string[]): string {
  return typeof param_hint === "string" ? param_hint : param_hint.map((x) => `'${x}'`).join(" / ");
}

/** `ClickException(message)`: an error the program reports to the user; exit status 1. */
export class ClickException extends Exception {
  exit_code = 1;
  override message: string;

  constructor(message: string) {
    super(message);
    this.message = message;
  }

  format_message(): string {
    return this.message;
  }

  override toString(): string {
    return this.message;
  }

  /** `show(file=None)`: `Error: <message>` on standard error. */
  show(file: TextStream | null = null): void {
    echo(`Error: ${this.format_message()}`, { file: file ?? sys.stderr });
  }
}

/** `UsageError(message, ctx=None)`: the command line was wrong; exit status 2, shown with the usage. */
export class UsageError extends ClickException {
  override exit_code = 2;
  ctx: Context | null;
  cmd: Context["command"] | null;

  constructor(message: string, ctx: Context | null = null) {
    super(message);
    this.ctx = ctx;
    this.cmd = ctx ? ctx.command : null;
  }

  /** The usage line, a hint at `--help` (when the command has a help option), then `Error: …`. */
  override show(file: TextStream | null = null): void {
    const out = file ?? sys.stderr;
    const color = this.ctx ? this.ctx.color : null;
    let hint = "";
    if (this.ctx !== null && this.ctx.command.get_help_option(this.ctx) !== null) hint = `Try '${this.ctx.command_path} ${this.ctx.help_option_names[0]}' for help.\n`;
    if (this.ctx !== null) echo(`${this.ctx.get_usage()}\n${hint}`, { file: out, color });
    echo(`Error: ${this.format_message()}`, { file: out, color });
  }
}

/** `BadParameter(message, ctx=None, param=None, param_hint=None)`: `Invalid value for '--count': …`. */
export class BadParameter extends UsageError {
  param: Parameter | null;
  param_hint: string | readonly string[] | null;

  constructor(message: string, options: { ctx?: Context | null; param?: Parameter | null; param_hint?: string | readonly string[] | null } = {}) {
    super(message, options.ctx ?? null);
    this.param = options.param ?? null;
    this.param_hint = options.param_hint ?? null;
  }

  override format_message(): string {
    let hint: string;
    if (this.param_hint !== null) hint = join_param_hints(this.param_hint);
    else if (this.param !== null) hint = this.param.get_error_hint(this.ctx!);
    else return `Invalid value: ${this.message}`;
    return `Invalid value for ${hint}: ${this.message}`;
  }
}

/** `MissingParameter(message=None, ctx=None, param=None, param_hint=None, param_type=None)`: `Missing option '--name'.` */
export class MissingParameter extends BadParameter {
  param_type: string | null;

  constructor(options: { message?: string | null; ctx?: Context | null; param?: Parameter | null; param_hint?: string | readonly string[] | null; param_type?: string | null } = {}) {
    super(options.message ?? "", options);
    this.param_type = options.param_type ?? null;
  }

  override format_message(): string {
    let hint: string | null = null;
    if (this.param_hint !== null) hint = join_param_hints(this.param_hint);
    else if (this.param !== null) hint = this.param.get_error_hint(this.ctx!);
    const hint_text = hint === null ? "" : ` ${hint}`;
    const param_type = this.param_type ?? this.param?.param_type_name ?? null;
    let msg = this.message;
    const extra = this.param ? this.param.type.get_missing_message(this.param, this.ctx) : null;
    if (extra) msg = msg ? `${msg}. ${extra}` : extra;
    const msg_text = msg ? ` ${msg}` : "";
    const missing = param_type === "argument" ? "Missing argument" : param_type === "option" ? "Missing option" : param_type === "parameter" ? "Missing parameter" : `Missing ${param_type}`;
    return `${missing}${hint_text}.${msg_text}`;
  }

  override toString(): string {
    if (!this.message) return `Missing parameter: ${this.param ? this.param.name : null}`;
    return this.message;
  }
}

/** `_format_possibilities(possibilities)`: `Did you mean '--name'?`, or `(Did you mean one of: '--a', '--b'?)`. */
function format_possibilities(possibilities: readonly string[]): string {
  const listed = [...possibilities].sort().map((p) => `'${p}'`).join(", ");
  return possibilities.length === 1 ? `Did you mean ${listed}?` : `(Did you mean one of: ${listed}?)`;
}

/** `NoSuchOption(option_name, message=None, possibilities=None, ctx=None)`: `No such option '--nme'. Did you mean '--name'?` */
export class NoSuchOption extends UsageError {
  option_name: string;
  possibilities: string[] | null;

  constructor(option_name: string, options: { message?: string | null; possibilities?: Iterable<string> | null; ctx?: Context | null } = {}) {
    super(options.message ?? `No such option '${option_name}'.`, options.ctx ?? null);
    this.option_name = option_name;
    const known = options.possibilities ? [...options.possibilities] : [];
    this.possibilities = known.length ? get_close_matches(option_name, known) : null;
  }

  override format_message(): string {
    if (!this.possibilities?.length) return this.message;
    return `${this.message} ${format_possibilities(this.possibilities)}`;
  }
}

/** `NoSuchCommand(command_name, message=None, possibilities=None, ctx=None)`: `No such command 'initd'. Did you mean 'initdb'?` */
export class NoSuchCommand extends UsageError {
  command_name: string;
  possibilities: string[] | null;

  constructor(command_name: string, options: { message?: string | null; possibilities?: Iterable<string> | null; ctx?: Context | null } = {}) {
    super(options.message ?? `No such command '${command_name}'.`, options.ctx ?? null);
    this.command_name = command_name;
    const known = options.possibilities ? [...options.possibilities] : [];
    this.possibilities = known.length ? get_close_matches(command_name, known) : null;
  }

  override format_message(): string {
    if (!this.possibilities?.length) return this.message;
    return `${this.message} ${format_possibilities(this.possibilities)}`;
  }
}

/** `BadOptionUsage(option_name, message, ctx=None)`: an option used wrongly (`Option '--count' requires an argument.`). */
export class BadOptionUsage extends UsageError {
  constructor(
    readonly option_name: string,
    message: string,
    ctx: Context | null = null,
  ) {
    super(message, ctx);
  }
}

/** `BadArgumentUsage(message, ctx=None)`: an argument used wrongly. */
export class BadArgumentUsage extends UsageError {}

/** `NoArgsIsHelpError(ctx)`: a group (or `no_args_is_help` command) run with nothing: its help, on standard error, status 2. */
export class NoArgsIsHelpError extends UsageError {
  constructor(ctx: Context) {
    super(ctx.get_help(), ctx);
  }

  override show(file: TextStream | null = null): void {
    echo(this.format_message(), { file: file ?? sys.stderr, color: this.ctx!.color });
  }
}

/** `FileError(filename, hint=None)`: `Could not open file '…': …`. */
export class FileError extends ClickException {
  constructor(
    readonly filename: string,
    hint: string | null = null,
  ) {
    super(hint ?? "unknown error");
  }

  override format_message(): string {
    return `Could not open file '${this.filename}': ${this.message}`;
  }
}

/** `Abort()`: stop quietly; `main` prints `Aborted!` and exits with status 1. */
export class Abort extends RuntimeError {}

/** `Exit(code=0)`: leave the program with this status (`ctx.exit(code)`). */
export class Exit extends RuntimeError {
  constructor(readonly exit_code = 0) {
    super(exit_code);
  }
}
