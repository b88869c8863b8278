/**
 * click.core: a command line → the command it names, its parameters parsed and converted, and its
 * callback called with them. Main classes: `Command` (`main(args)` runs a program), `Group` (a
 * command of commands: `flask routes`), `Context` (one command's invocation), `Parameter` with
 * `Option` and `Argument`.
 *
 * The lifecycle, each step a method of its own:
 *   Command.main(args, { prog_name })          run as a program: exceptions → messages and exit codes
 *     → make_context(info_name, args)          a Context for this command …
 *       → parse_args(ctx, args)                … the words parsed (parser.ts), then every parameter
 *         → Parameter.handle_parse_result        given, from the environment or its default, converted
 *                                                (types.ts), checked (required), its callback run
 *     → invoke(ctx)                            the callback called with ctx.params
 *       Group.invoke: resolve_command → the subcommand's own make_context and invoke
 *
 * Tracing ("command" spans): each command invoked, with the parameters it was given, and each
 * subcommand lookup — the name asked for and the commands there were to find it among.
 *
 * Callbacks receive the parameters as one keyword-arguments object (ADR 0001):
 * `def hello(count, name)` is `function hello({ count, name })`; with `@pass_context` the context
 * comes first. A callback may be async (it may await `input()`); `main` and `invoke` return a
 * Promise (ADR 0023).
 */
import { span_close, span_fail, to_json, trace_site } from "../../trace";
import { TypeError } from "../python/builtins";
import { getdoc } from "../python/inspect";
import * as sys from "../python/sys";
import { EOFError, KeyboardInterrupt, SystemExit } from "../python/sys";
import { pop_context, push_context } from "./globals";
import { Abort, BadParameter, ClickException, Exit, MissingParameter, NoArgsIsHelpError, NoSuchCommand, UsageError } from "./exceptions";
import { HelpFormatter, join_options, split_opt } from "./formatting";
import { _OptionParser, _flag_needs_value, type ParsedOpts } from "./parser";
import { BOOL, BoolParamType, IntRange, ParamType, STRING, convert_type } from "./types";
import { echo, make_str } from "./utils";

const INVOKE = trace_site("command", "click/core.ts#Command.invoke");
const RESOLVE = trace_site("command", "click/core.ts#Group.resolve_command");

/** Where a parameter's value came from (`ctx.get_parameter_source(name)`). */
export enum ParameterSource {
  COMMANDLINE = 1,
  ENVIRONMENT = 2,
  DEFAULT = 3,
  DEFAULT_MAP = 4,
  PROMPT = 5,
}

/** What `with` does to a context manager: enter it now, exit it when the context closes. */
export interface ContextManager {
  __enter__(): unknown;
  __exit__(exc_type: unknown, exc_value: unknown, traceback: unknown): unknown;
}

/** The keyword arguments of `Context(command, …)` (and a command's `context_settings`). */
export interface ContextSettings {
  info_name?: string | null;
  parent?: Context | null;
  obj?: unknown;
  auto_envvar_prefix?: string | null;
  default_map?: Record<string, unknown> | null;
  terminal_width?: number | null;
  max_content_width?: number | null;
  resilient_parsing?: boolean;
  allow_extra_args?: boolean | null;
  allow_interspersed_args?: boolean | null;
  ignore_unknown_options?: boolean | null;
  help_option_names?: string[] | null;
  token_normalize_func?: ((name: string) => string) | null;
  color?: boolean | null;
  show_default?: boolean | null;
}

/**
 * `Context(command, parent=None, info_name=None, …)`: one invocation of one command — its parsed
 * `params`, the leftover `args`, the user's `obj` (inherited from the parent), the resources to
 * close when it ends (`with_resource`), and the path of names that reached it (`flask routes`).
 */
export class Context {
  readonly command: Command;
  readonly parent: Context | null;
  readonly info_name: string | null;
  params: Record<string, unknown> = {};
  args: string[] = [];
  _protected_args: string[] = [];
  _opt_prefixes: Set<string>;
  obj: unknown;
  readonly _meta: Record<string, unknown>;
  default_map: Record<string, unknown> | null;
  invoked_subcommand: string | null = null;
  terminal_width: number | null;
  max_content_width: number | null;
  allow_extra_args: boolean;
  allow_interspersed_args: boolean;
  ignore_unknown_options: boolean;
  help_option_names: string[];
  token_normalize_func: ((name: string) => string) | null;
  resilient_parsing: boolean;
  auto_envvar_prefix: string | null;
  color: boolean | null;
  show_default: boolean | null;
  private _close_callbacks: (() => unknown)[] = [];
  private _depth = 0;
  private _parameter_source = new Map<string, ParameterSource>();

  constructor(command: Command, options: ContextSettings = {}) {
    const parent = options.parent ?? null;
    this.command = command;
    this.parent = parent;
    this.info_name = options.info_name ?? null;
    this._opt_prefixes = new Set(parent ? parent._opt_prefixes : []);
    this.obj = options.obj ?? parent?.obj ?? null;
    this._meta = parent ? parent._meta : {};
    const parent_map = parent?.default_map;
    this.default_map = options.default_map ?? (parent_map && this.info_name !== null ? ((parent_map[this.info_name] as Record<string, unknown>) ?? null) : null);
    this.terminal_width = options.terminal_width ?? parent?.terminal_width ?? null;
    this.max_content_width = options.max_content_width ?? parent?.max_content_width ?? null;
    this.allow_extra_args = options.allow_extra_args ?? command.allow_extra_args;
    this.allow_interspersed_args = options.allow_interspersed_args ?? command.allow_interspersed_args;
    this.ignore_unknown_options = options.ignore_unknown_options ?? command.ignore_unknown_options;
    this.help_option_names = options.help_option_names ?? parent?.help_option_names ?? ["--help"];
    this.token_normalize_func = options.token_normalize_func ?? parent?.token_normalize_func ?? null;
    this.resilient_parsing = options.resilient_parsing ?? false;
    this.auto_envvar_prefix = options.auto_envvar_prefix ?? null;
    this.color = options.color ?? parent?.color ?? null;
    this.show_default = options.show_default ?? parent?.show_default ?? null;
  }

  /** `ctx.meta`: a dictionary shared by the context and all its parents and children. */
  get meta(): Record<string, unknown> {
    return this._meta;
  }

  /** `ctx.command_path`: the names that reached this command, with its parents' arguments (`flask routes`). */
  get command_path(): string {
    let rv = this.info_name ?? "";
    if (this.parent !== null) {
      const parent_path = [this.parent.command_path];
      for (const param of this.parent.command.get_params(this.parent)) parent_path.push(...param.get_usage_pieces(this.parent));
      rv = `${parent_path.join(" ")} ${rv}`;
    }
    return rv.replace(/^\s+/, "");
  }

  /** `with ctx:` — the body runs with this context current; the last exit closes it. */
  scope<T>(body: () => T, options: { cleanup?: boolean } = {}): T {
    const cleanup = options.cleanup ?? true;
    if (!cleanup) this._depth++;
    try {
      return this.with(body);
    } finally {
      if (!cleanup) this._depth--;
    }
  }

  /** `with ctx:` as a function: pushed for the body (awaited when it is async), closed at the outermost exit. */
  with<T>(body: () => T): T {
    this._depth++;
    push_context(this);
    const leave = () => {
      this._depth--;
      if (this._depth === 0) this.close();
      pop_context();
    };
    let result: T;
    try {
      result = body();
    } catch (e) {
      leave();
      throw e;
    }
    if (result instanceof Promise) {
      return result.then(
        (value) => {
          leave();
          return value;
        },
        (e: unknown) => {
          leave();
          throw e;
        },
      ) as T;
    }
    leave();
    return result;
  }

  /** `with_resource(context_manager)`: enter it now, exit it when this context closes (Flask's app context for a command). */
  with_resource(context_manager: ContextManager): unknown {
    const rv = context_manager.__enter__();
    this._close_callbacks.push(() => context_manager.__exit__(null, null, null));
    return rv;
  }

  /** `call_on_close(f)`: run `f` when this context closes. */
  call_on_close<F extends () => unknown>(f: F): F {
    this._close_callbacks.push(f);
    return f;
  }

  /** `close()`: exit every resource, newest first. */
  close(): void {
    const callbacks = this._close_callbacks.reverse();
    this._close_callbacks = [];
    for (const callback of callbacks) callback();
  }

  find_root(): Context {
    let node: Context = this;
    while (node.parent) node = node.parent;
    return node;
  }

  /** `find_object(object_type)`: the nearest `obj` of this class, here or in a parent. */
  find_object<T>(object_type: new (...args: any[]) => T): T | null {
    for (let node: Context | null = this; node; node = node.parent) if (node.obj instanceof object_type) return node.obj as T;
    return null;
  }

  /** `ensure_object(object_type)`: `find_object`, or a new one stored as this context's `obj`. */
  ensure_object<T>(object_type: new () => T): T {
    const rv = this.find_object(object_type);
    if (rv !== null) return rv;
    this.obj = new object_type();
    return this.obj as T;
  }

  lookup_default(name: string): unknown {
    return this.default_map && name in this.default_map ? this.default_map[name] : null;
  }

  /** `fail(message)`: a usage error for this command (exit status 2). */
  fail(message: string): never {
    throw new UsageError(message, this);
  }

  /** `abort()`: stop; `Aborted!`. */
  abort(): never {
    throw new Abort();
  }

  /** `exit(code=0)`: leave the program with this status. */
  exit(code = 0): never {
    throw new Exit(code);
  }

  get_usage(): string {
    return this.command.get_usage(this);
  }

  get_help(): string {
    return this.command.get_help(this);
  }

  make_formatter(): HelpFormatter {
    return new HelpFormatter({ width: this.terminal_width, max_width: this.max_content_width });
  }

  _make_sub_context(command: Command): Context {
    return new Context(command, { info_name: command.name, parent: this });
  }

  /**
   * `invoke(callback, *args, **kwargs)`: call a function — or another command's callback, its
   * missing parameters filled with their defaults — with this context current.
   */
  invoke(callback: Command | Function, ...args: unknown[]): unknown {
    let fn: Function;
    let ctx: Context = this;
    const last = args[args.length - 1];
    if (callback instanceof Command) {
      if (!callback.callback) throw new TypeError("The given command does not have a callback that can be invoked.");
      fn = callback.callback;
      ctx = this._make_sub_context(callback);
      const kwargs: Record<string, unknown> = last && typeof last === "object" && !Array.isArray(last) ? { ...(args.pop() as object) } : {};
      for (const param of callback.params) if (param.name !== null && !(param.name in kwargs) && param.expose_value) kwargs[param.name] = param.type_cast_value(ctx, param.get_default(ctx));
      Object.assign(ctx.params, kwargs);
      args.push(kwargs);
    } else fn = callback;
    return augment_usage_errors(this, null, () => ctx.with(() => fn(...args)));
  }

  /** `forward(cmd, **kwargs)`: invoke another command with this context's parameters. */
  forward(cmd: Command, kwargs: Record<string, unknown> = {}): unknown {
    return this.invoke(cmd, { ...this.params, ...kwargs });
  }

  set_parameter_source(name: string, source: ParameterSource): void {
    this._parameter_source.set(name, source);
  }

  get_parameter_source(name: string): ParameterSource | null {
    return this._parameter_source.get(name) ?? null;
  }
}

/** `augment_usage_errors(ctx, param=None)`: a usage error raised inside learns its context (and parameter). */
function augment_usage_errors<T>(ctx: Context, param: Parameter | null, body: () => T): T {
  const augment = (e: unknown) => {
    if (e instanceof BadParameter) {
      if (e.ctx === null) e.ctx = ctx;
      if (param !== null && e.param === null) e.param = param;
    } else if (e instanceof UsageError && e.ctx === null) e.ctx = ctx;
    return e;
  };
  try {
    const rv = body();
    return (rv instanceof Promise ? rv.catch((e: unknown) => Promise.reject(augment(e))) : rv) as T;
  } catch (e) {
    throw augment(e);
  }
}

/** `Command(name, context_settings=None, callback=None, params=None, help=None, …)` */
export interface CommandOptions {
  context_settings?: ContextSettings | null;
  callback?: Function | null;
  params?: Parameter[] | null;
  help?: string | null;
  epilog?: string | null;
  short_help?: string | null;
  options_metavar?: string | null;
  add_help_option?: boolean;
  no_args_is_help?: boolean;
  hidden?: boolean;
  deprecated?: boolean | string;
}

/**
 * `Command`: a name, parameters, a callback, and how to show its help. `main` runs it as a
 * program; a Group holds commands and runs the one the command line names.
 */
export class Command {
  name: string | null;
  context_settings: ContextSettings;
  callback: Function | null;
  params: Parameter[];
  help: string | null;
  epilog: string | null;
  short_help: string | null;
  options_metavar: string;
  add_help_option: boolean;
  no_args_is_help: boolean;
  hidden: boolean;
  deprecated: boolean | string;
  allow_extra_args = false;
  allow_interspersed_args = true;
  ignore_unknown_options = false;
  private _help_option: Option | null = null;

  constructor(name: string | null, options: CommandOptions = {}) {
    this.name = name;
    this.context_settings = options.context_settings ?? {};
    this.callback = options.callback ?? null;
    this.params = options.params ?? [];
    // The help is the docstring, cut at a form feed (text after \f is for the code, not --help).
    const help = options.help ?? null;
    this.help = help === null ? null : help.split("\f")[0];
    this.epilog = options.epilog ?? null;
    this.short_help = options.short_help ?? null;
    this.options_metavar = options.options_metavar ?? "[OPTIONS]";
    this.add_help_option = options.add_help_option ?? true;
    this.no_args_is_help = options.no_args_is_help ?? false;
    this.hidden = options.hidden ?? false;
    this.deprecated = options.deprecated ?? false;
  }

  toString(): string {
    return `<${this.constructor.name} ${this.name}>`;
  }

  // --- help ---

  get_usage(ctx: Context): string {
    const formatter = ctx.make_formatter();
    this.format_usage(ctx, formatter);
    return formatter.getvalue().replace(/\n+$/, "");
  }

  /** The parameters, the help option last. */
  get_params(ctx: Context): Parameter[] {
    const help_option = this.get_help_option(ctx);
    return help_option === null ? this.params : [...this.params, help_option];
  }

  format_usage(ctx: Context, formatter: HelpFormatter): void {
    formatter.write_usage(ctx.command_path, this.collect_usage_pieces(ctx).join(" "));
  }

  /** `[OPTIONS]`, then each argument's metavar. */
  collect_usage_pieces(ctx: Context): string[] {
    const rv = [this.options_metavar].filter((x) => x);
    for (const param of this.get_params(ctx)) rv.push(...param.get_usage_pieces(ctx));
    return rv;
  }

  get_help_option_names(ctx: Context): string[] {
    const all = new Set(ctx.help_option_names);
    for (const param of this.params) for (const opt of [...param.opts, ...param.secondary_opts]) all.delete(opt);
    return [...all];
  }

  /** `--help`: an eager flag whose callback prints the help and exits. */
  get_help_option(ctx: Context): Option | null {
    const names = this.get_help_option_names(ctx);
    if (!names.length || !this.add_help_option) return null;
    if (this._help_option === null) {
      this._help_option = new Option(names, {
        is_flag: true,
        is_eager: true,
        expose_value: false,
        help: "Show this message and exit.",
        callback: (ctx: Context, _param: Parameter, value: unknown) => {
          if (!value || ctx.resilient_parsing) return;
          echo(ctx.get_help(), { color: ctx.color });
          ctx.exit();
        },
      });
    }
    return this._help_option;
  }

  make_parser(ctx: Context): _OptionParser {
    const parser = new _OptionParser(ctx);
    for (const param of this.get_params(ctx)) param.add_to_parser(parser, ctx);
    return parser;
  }

  get_help(ctx: Context): string {
    const formatter = ctx.make_formatter();
    this.format_help(ctx, formatter);
    return formatter.getvalue().replace(/\n+$/, "");
  }

  /** `get_short_help_str(limit=45)`: the short help, or the help's first sentence cut to fit. */
  get_short_help_str(limit = 45): string {
    let text = "";
    if (this.short_help) text = this.short_help;
    else if (this.help) text = make_default_short_help(this.help, limit);
    if (this.deprecated) text = `${deprecated_label(this.deprecated)} ${text}`;
    return text.trim();
  }

  /** Usage, help text, options, epilog. */
  format_help(ctx: Context, formatter: HelpFormatter): void {
    this.format_usage(ctx, formatter);
    this.format_help_text(ctx, formatter);
    this.format_options(ctx, formatter);
    this.format_epilog(ctx, formatter);
  }

  format_help_text(_ctx: Context, formatter: HelpFormatter): void {
    let text = this.help ?? "";
    if (this.deprecated) text = text ? `${deprecated_label(this.deprecated)} ${text}` : deprecated_label(this.deprecated);
    if (text) {
      formatter.write_paragraph();
      formatter.indentation(() => formatter.write_text(text));
    }
  }

  format_options(ctx: Context, formatter: HelpFormatter): void {
    const opts: [string, string][] = [];
    for (const param of this.get_params(ctx)) {
      const rv = param.get_help_record(ctx);
      if (rv !== null) opts.push(rv);
    }
    if (opts.length) formatter.section("Options", () => formatter.write_dl(opts));
  }

  format_epilog(_ctx: Context, formatter: HelpFormatter): void {
    if (this.epilog) {
      formatter.write_paragraph();
      formatter.indentation(() => formatter.write_text(this.epilog!));
    }
  }

  // --- running ---

  /** `make_context(info_name, args, parent=None, **extra)`: a context with the command line parsed into it. */
  make_context(info_name: string | null, args: string[], parent: Context | null = null, extra: ContextSettings = {}): Context {
    const settings = { ...this.context_settings, ...extra, info_name, parent };
    const ctx = new Context(this, settings);
    ctx.scope(() => this.parse_args(ctx, args), { cleanup: false });
    return ctx;
  }

  /** `parse_args(ctx, args)`: the words → each parameter's value in `ctx.params`; extra words are an error. */
  parse_args(ctx: Context, args: string[]): string[] {
    if (!args.length && this.no_args_is_help && !ctx.resilient_parsing) throw new NoArgsIsHelpError(ctx);
    const parser = this.make_parser(ctx);
    const [opts, rest, param_order] = parser.parse_args(args);
    let remaining = rest;
    for (const param of iter_params_for_processing(param_order, this.get_params(ctx))) remaining = param.handle_parse_result(ctx, opts, remaining)[1];
    if (remaining.length && !ctx.allow_extra_args && !ctx.resilient_parsing)
      ctx.fail(`Got unexpected extra argument${remaining.length === 1 ? "" : "s"} (${remaining.map(make_str).join(" ")})`);
    ctx.args = remaining;
    for (const p of parser._opt_prefixes) ctx._opt_prefixes.add(p);
    return remaining;
  }

  /** `invoke(ctx)`: the callback, called with the parsed parameters (a "command" span around it). */
  invoke(ctx: Context): unknown {
    if (this.deprecated) echo(`DeprecationWarning: The command ${JSON.stringify(this.name).replace(/"/g, "'")} is deprecated.${typeof this.deprecated === "string" ? ` ${this.deprecated}` : ""}`, { err: true });
    if (this.callback === null) return null;
    const callback = this.callback;
    const params = { ...ctx.params };
    const span = INVOKE.open(ctx.command_path, () => ({ command: this.name, callback: callback.name, params: to_json(params) }));
    const failed = (e: unknown) => {
      if (!(e instanceof Exit) || e.exit_code !== 0) span_fail(span, e);
      span_close(span);
      throw e;
    };
    let rv: unknown;
    try {
      rv = ctx.invoke(callback, params);
    } catch (e) {
      failed(e);
    }
    if (rv instanceof Promise)
      return rv.then((value) => {
        span_close(span);
        return value;
      }, failed);
    span_close(span);
    return rv;
  }

  /**
   * `main(args=None, prog_name=None, standalone_mode=True, **extra)`: run as a program. In
   * standalone mode every outcome ends the process: an error prints its message (usage errors
   * with the usage line) and exits 1 or 2, `Abort` prints "Aborted!", Ctrl-C and end of input
   * abort; otherwise the callback's value is returned and exceptions propagate.
   */
  async main(args: string[] | null = null, options: { prog_name?: string | null; standalone_mode?: boolean } & ContextSettings = {}): Promise<unknown> {
    const { prog_name = null, standalone_mode = true, ...extra } = options;
    const argv = args ?? sys.argv().slice(1);
    const name = prog_name ?? (sys.argv()[0] ?? "").split("/").pop() ?? "";
    try {
      try {
        const ctx = this.make_context(name, argv, null, extra);
        const rv = await ctx.with(() => this.invoke(ctx));
        if (!standalone_mode) return rv;
        ctx.exit();
      } catch (e) {
        if (e instanceof EOFError || e instanceof KeyboardInterrupt) {
          echo(null, { file: sys.stderr });
          throw new Abort();
        }
        throw e;
      }
    } catch (e) {
      if (e instanceof ClickException) {
        if (!standalone_mode) throw e;
        e.show();
        throw new SystemExit(e.exit_code);
      }
      if (e instanceof Exit) {
        if (standalone_mode) throw new SystemExit(e.exit_code);
        return e.exit_code;
      }
      if (e instanceof Abort) {
        if (!standalone_mode) throw e;
        echo("Aborted!", { file: sys.stderr });
        throw new SystemExit(1);
      }
      throw e;
    }
  }

  /** `cli(…)`: calling a command is `main`. */
  __call__(args: string[] | null = null, options: Parameters<Command["main"]>[1] = {}): Promise<unknown> {
    return this.main(args, options);
  }
}

function deprecated_label(deprecated: boolean | string): string {
  return typeof deprecated === "string" ? `(DEPRECATED: ${deprecated})` : "(DEPRECATED)";
}

/**
 * `make_default_short_help(help, max_length=45)`: the first paragraph's first sentence, or as many
 * words as fit with "..." after them.
 */
export function make_default_short_help(help: string, max_length = 45): string {
  const paragraph_end = help.indexOf("\n\n");
  let words = (paragraph_end === -1 ? help : help.slice(0, paragraph_end)).split(/\s+/).filter((w) => w);
  if (!words.length) return "";
  if (words[0] === "\b") words = words.slice(1);
  let total_length = 0;
  const last_index = words.length - 1;
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i];
    total_length += word.length + (i > 0 ? 1 : 0);
    if (total_length > max_length) break;
    if (word.endsWith(".")) return words.slice(0, i + 1).join(" ");
    if (total_length === max_length && i !== last_index) break;
  }
  if (i === words.length) return words.join(" ");
  total_length += 3;
  while (i > 0) {
    total_length -= words[i].length + (i > 0 ? 1 : 0);
    if (total_length <= max_length) break;
    i--;
  }
  return `${words.slice(0, i).join(" ")}...`;
}

/** `iter_params_for_processing(invocation_order, declaration_order)`: eager parameters first, then in the order given. */
function iter_params_for_processing(invocation_order: readonly Parameter[], declaration_order: readonly Parameter[]): Parameter[] {
  const key = (p: Parameter): [number, number] => {
    const idx = invocation_order.indexOf(p);
    return [p.is_eager ? 0 : 1, idx < 0 ? Infinity : idx];
  };
  return declaration_order
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || (a.k[1] === b.k[1] ? 0 : a.k[1] < b.k[1] ? -1 : 1) || a.i - b.i)
    .map(({ p }) => p);
}

/** `Group(name=None, commands=None, invoke_without_command=False, no_args_is_help=None, subcommand_metavar=None, chain=False, …)` */
export interface GroupOptions extends CommandOptions {
  commands?: Record<string, Command> | Command[] | null;
  invoke_without_command?: boolean;
  subcommand_metavar?: string | null;
  chain?: boolean;
  result_callback?: Function | null;
}

/**
 * `Group`: a command whose first positional word names a subcommand (`flask routes`). Its own
 * options come before that word; the rest of the line is the subcommand's. Run with nothing, it
 * shows its help (on standard error, status 2).
 */
export class Group extends Command {
  commands: Record<string, Command>;
  invoke_without_command: boolean;
  subcommand_metavar: string;
  chain: boolean;
  _result_callback: Function | null;
  override allow_extra_args = true;
  override allow_interspersed_args = false;
  /** `command_class` / `group_class`: what `group.command()` and `group.group()` make. */
  command_class: typeof Command | null = null;
  group_class: typeof Group | null = null;

  constructor(name: string | null = null, options: GroupOptions = {}) {
    super(name, options);
    const commands = options.commands ?? {};
    this.commands = Array.isArray(commands) ? Object.fromEntries(commands.filter((c) => c.name !== null).map((c) => [c.name!, c])) : { ...commands };
    this.invoke_without_command = options.invoke_without_command ?? false;
    this.no_args_is_help = options.no_args_is_help ?? !this.invoke_without_command;
    this.chain = options.chain ?? false;
    this.subcommand_metavar = options.subcommand_metavar ?? (this.chain ? "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]..." : "COMMAND [ARGS]...");
    this._result_callback = options.result_callback ?? null;
  }

  override collect_usage_pieces(ctx: Context): string[] {
    return [...super.collect_usage_pieces(ctx), this.subcommand_metavar];
  }

  override format_options(ctx: Context, formatter: HelpFormatter): void {
    super.format_options(ctx, formatter);
    this.format_commands(ctx, formatter);
  }

  /** The `Commands:` section: each visible subcommand and its short help. */
  format_commands(ctx: Context, formatter: HelpFormatter): void {
    const commands: [string, Command][] = [];
    for (const name of this.list_commands(ctx)) {
      const cmd = this.get_command(ctx, name);
      if (cmd === null || cmd.hidden) continue;
      commands.push([name, cmd]);
    }
    if (!commands.length) return;
    const limit = formatter.width - 6 - Math.max(...commands.map(([name]) => name.length));
    const rows = commands.map(([name, cmd]) => [name, cmd.get_short_help_str(limit)] as [string, string]);
    formatter.section("Commands", () => formatter.write_dl(rows));
  }

  /** `add_command(cmd, name=None)` */
  add_command(cmd: Command, name: string | null = null): void {
    const key = name ?? cmd.name;
    if (key === null) throw new TypeError("Command has no name.");
    this.commands[key] = cmd;
  }

  /** `get_command(ctx, cmd_name)`: the subcommand of that name, or null. */
  get_command(_ctx: Context, cmd_name: string): Command | null {
    return Object.prototype.hasOwnProperty.call(this.commands, cmd_name) ? this.commands[cmd_name] : null;
  }

  /** `list_commands(ctx)`: the subcommands' names, sorted. */
  list_commands(_ctx: Context): string[] {
    return Object.keys(this.commands).sort();
  }

  /** `command(*args, **kwargs)`: a decorator making a command and adding it to this group. */
  command(...args: unknown[]): any {
    if (typeof args[0] === "function") return this.command()(args[0]);
    return (f: Function) => {
      const [name, attrs] = name_and_attrs(args);
      const cmd = make_command(f, name, { ...attrs, cls: (attrs.cls as typeof Command | undefined) ?? this.command_class ?? undefined });
      this.add_command(cmd);
      return cmd;
    };
  }

  /** `group(*args, **kwargs)`: a decorator making a group and adding it to this group. */
  group(...args: unknown[]): any {
    if (typeof args[0] === "function") return this.group()(args[0]);
    return (f: Function) => {
      const [name, attrs] = name_and_attrs(args);
      const cls = (attrs.cls as typeof Command | undefined) ?? this.group_class ?? Group;
      const cmd = make_command(f, name, { ...attrs, cls });
      this.add_command(cmd);
      return cmd;
    };
  }

  /** `result_callback(replace=False)`: a function called with the subcommand's return value. */
  result_callback(): (f: Function) => Function {
    return (f) => {
      this._result_callback = f;
      return f;
    };
  }

  override parse_args(ctx: Context, args: string[]): string[] {
    if (!args.length && this.no_args_is_help && !ctx.resilient_parsing) throw new NoArgsIsHelpError(ctx);
    const rest = super.parse_args(ctx, args);
    if (this.chain) {
      ctx._protected_args = rest;
      ctx.args = [];
    } else {
      ctx._protected_args = rest.slice(0, 1);
      ctx.args = rest.slice(1);
    }
    return ctx.args;
  }

  /**
   * `invoke(ctx)`: the group's own callback, then the subcommand's — each with its own context,
   * the subcommand's a child of the group's.
   */
  override invoke(ctx: Context): unknown {
    const process_result = (value: unknown) => (this._result_callback !== null ? ctx.invoke(this._result_callback, value, { ...ctx.params }) : value);
    if (!ctx._protected_args.length) {
      if (this.invoke_without_command) return ctx.with(() => then(super.invoke(ctx), (rv) => process_result(this.chain ? [] : rv)));
      ctx.fail("Missing command.");
    }
    let args = [...ctx._protected_args, ...ctx.args];
    ctx.args = [];
    ctx._protected_args = [];
    if (!this.chain) {
      return ctx.with(() => {
        const [cmd_name, cmd, rest] = this.resolve_command(ctx, args);
        ctx.invoked_subcommand = cmd_name;
        return then(super.invoke(ctx), () => {
          const sub_ctx = cmd!.make_context(cmd_name, rest, ctx);
          return sub_ctx.with(() => then(sub_ctx.command.invoke(sub_ctx), process_result));
        });
      });
    }
    return ctx.with(async () => {
      ctx.invoked_subcommand = args.length ? "*" : null;
      await super.invoke(ctx);
      const contexts: Context[] = [];
      while (args.length) {
        const [cmd_name, cmd, rest] = this.resolve_command(ctx, args);
        const sub_ctx = cmd!.make_context(cmd_name, rest, ctx, { allow_extra_args: true, allow_interspersed_args: false });
        contexts.push(sub_ctx);
        args = [...sub_ctx._protected_args, ...sub_ctx.args];
      }
      const rv: unknown[] = [];
      for (const sub_ctx of contexts) rv.push(await sub_ctx.with(() => sub_ctx.command.invoke(sub_ctx)));
      return process_result(rv);
    });
  }

  /** `resolve_command(ctx, args)`: the first word → the subcommand; an unknown one is `No such command 'x'.` (with the close matches among the group's own commands) */
  resolve_command(ctx: Context, args: string[]): [string | null, Command | null, string[]] {
    const cmd_name = make_str(args[0]);
    let cmd = this.get_command(ctx, cmd_name);
    RESOLVE.event(`${ctx.command_path} → ${cmd_name}`, () => ({ name: cmd_name, found: cmd !== null, commands: Object.keys(this.commands) }));
    if (cmd === null && ctx.token_normalize_func !== null) cmd = this.get_command(ctx, ctx.token_normalize_func(cmd_name));
    if (cmd === null && !ctx.resilient_parsing) {
      // An option where a command was expected (`flask --nope`) is reported as the option it is.
      if (split_opt(cmd_name)[0]) this.parse_args(ctx, args);
      throw new NoSuchCommand(cmd_name, { possibilities: Object.keys(this.commands), ctx });
    }
    return [cmd ? cmd_name : null, cmd, args.slice(1)];
  }
}

/** `value` then `f(value)`, waiting for it first when it is a Promise (a callback may be async). */
function then<T, R>(value: T | Promise<T>, f: (value: T) => R): R | Promise<Awaited<R>> {
  return value instanceof Promise ? (value.then(f) as Promise<Awaited<R>>) : f(value);
}

/** A decorator's `(name?, attrs?)`: `command("init-db")`, `command({ help })`, `command("x", { help })`. */
export function name_and_attrs(args: readonly unknown[]): [string | null, Record<string, unknown>] {
  const [first, second] = args;
  if (typeof first === "string") return [first, (second as Record<string, unknown>) ?? {}];
  if (first === null || first === undefined) return [null, (second as Record<string, unknown>) ?? {}];
  return [null, first as Record<string, unknown>];
}

/** The parameters a function collected from `@option`/`@argument` decorators, in declaration order. */
export const PARAMS = "__click_params__";

/**
 * `command(name=None, cls=None, **attrs)` applied to `f`: a Command named after the function
 * (underscores → dashes, `_command`/`_cmd`/`_group`/`_grp` suffix dropped), its help the
 * function's docstring, its parameters those the decorators below it added.
 */
export function make_command(f: Function, name: string | null, attrs: Record<string, unknown> & { cls?: typeof Command }): Command {
  if (f instanceof Command) throw new TypeError("Attempted to convert a callback into a command twice.");
  const { cls = Command, ...rest } = attrs;
  const collected = ((f as unknown as Record<string, unknown>)[PARAMS] as Parameter[] | undefined) ?? [];
  const params = [...((rest.params as Parameter[] | undefined) ?? []), ...[...collected].reverse()];
  let cmd_name = name;
  if (cmd_name === null) {
    cmd_name = f.name.toLowerCase().replace(/_/g, "-");
    const parts = cmd_name.split("-");
    if (parts.length > 1 && ["command", "cmd", "group", "grp"].includes(parts[parts.length - 1])) cmd_name = parts.slice(0, -1).join("-");
  }
  const help = (rest.help as string | undefined) ?? getdoc(f);
  return new cls(cmd_name, { ...rest, callback: f, params, help } as CommandOptions);
}

// --- parameters ---

/** The keyword arguments every parameter takes: `Parameter(param_decls, type=None, required=False, default=None, callback=None, nargs=None, …)`. */
export interface ParameterOptions {
  type?: unknown;
  required?: boolean;
  default?: unknown;
  callback?: ((ctx: Context, param: Parameter, value: unknown) => unknown) | null;
  nargs?: number | null;
  multiple?: boolean;
  metavar?: string | null;
  expose_value?: boolean;
  is_eager?: boolean;
  envvar?: string | string[] | null;
  deprecated?: boolean | string;
}

/**
 * `Parameter`: an option or an argument — its name, its declarations, its type, its default, and
 * how its value is found, converted and checked (`handle_parse_result`).
 */
export abstract class Parameter {
  abstract readonly param_type_name: string;
  name: string | null;
  opts: string[];
  secondary_opts: string[];
  type: ParamType;
  required: boolean;
  callback: ParameterOptions["callback"];
  nargs: number;
  multiple: boolean;
  expose_value: boolean;
  default: unknown;
  is_eager: boolean;
  metavar: string | null;
  envvar: string | string[] | null;
  _flag_needs_value = false;

  constructor(param_decls: readonly string[], options: ParameterOptions = {}) {
    const [name, opts, secondary_opts] = this._parse_decls(param_decls, options.expose_value ?? true);
    this.name = name;
    this.opts = opts;
    this.secondary_opts = secondary_opts;
    this.type = convert_type(options.type ?? null, options.default ?? null);
    this.nargs = options.nargs ?? (this.type.is_composite ? this.type.arity : 1);
    this.required = options.required ?? false;
    this.callback = options.callback ?? null;
    this.multiple = options.multiple ?? false;
    this.expose_value = options.expose_value ?? true;
    this.default = options.default ?? null;
    this.is_eager = options.is_eager ?? false;
    this.metavar = options.metavar ?? null;
    this.envvar = options.envvar ?? null;
  }

  abstract _parse_decls(decls: readonly string[], expose_value: boolean): [string | null, string[], string[]];
  abstract add_to_parser(parser: _OptionParser, ctx: Context): void;

  /** The metavar: given, or the type's, or its name in capitals; `...` when it takes several. */
  make_metavar(ctx: Context): string {
    if (this.metavar !== null) return this.metavar;
    let metavar = this.type.get_metavar(this, ctx) ?? this.type.name.toUpperCase();
    if (this.nargs !== 1) metavar += "...";
    return metavar;
  }

  /** `get_default(ctx, call=True)`: the default (called when it is a function). */
  get_default(ctx: Context, call = true): unknown {
    const value = ctx.lookup_default(this.name ?? "") ?? this.default;
    return call && typeof value === "function" ? value() : value;
  }

  /** `consume_value(ctx, opts)`: the command line, then the environment, then `default_map`, then the default. */
  consume_value(ctx: Context, opts: ParsedOpts): [unknown, ParameterSource] {
    let value: unknown = opts.get(this.name ?? "") ?? null;
    let source = ParameterSource.COMMANDLINE;
    if (value === null) {
      value = this.value_from_envvar(ctx);
      source = ParameterSource.ENVIRONMENT;
    }
    if (value === null) {
      value = ctx.lookup_default(this.name ?? "");
      source = ParameterSource.DEFAULT_MAP;
    }
    if (value === null) {
      value = this.get_default(ctx);
      source = ParameterSource.DEFAULT;
    }
    return [value, source];
  }

  /** The page's programs have no environment variables: nothing comes from there. */
  value_from_envvar(_ctx: Context): unknown {
    return null;
  }

  /** `type_cast_value(ctx, value)`: each given value converted by the type (a tuple for nargs ≠ 1 or multiple). */
  type_cast_value(ctx: Context, value: unknown): unknown {
    if (value === null || value === undefined) return this.multiple || this.nargs === -1 ? [] : null;
    const as_list = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : [v]);
    const convert_one = (v: unknown) => this.type.__call__(v, this, ctx);
    const convert = this.nargs === 1 || this.type.is_composite ? convert_one : (v: unknown) => as_list(v).map(convert_one);
    return this.multiple ? as_list(value).map(convert) : convert(value);
  }

  value_is_missing(value: unknown): boolean {
    if (value === null || value === undefined) return true;
    return (this.nargs !== 1 || this.multiple) && Array.isArray(value) && value.length === 0;
  }

  /** `process_value(ctx, value)`: converted, checked (required), then the parameter's callback. */
  process_value(ctx: Context, value: unknown): unknown {
    let rv = this.type_cast_value(ctx, value);
    if (this.required && this.value_is_missing(rv)) throw new MissingParameter({ ctx, param: this });
    if (this.callback) rv = this.callback(ctx, this, rv);
    return rv;
  }

  /** `handle_parse_result(ctx, opts, args)`: this parameter's value found, processed and stored in `ctx.params`. */
  handle_parse_result(ctx: Context, opts: ParsedOpts, args: string[]): [unknown, string[]] {
    return augment_usage_errors(ctx, this, () => {
      const [found, source] = this.consume_value(ctx, opts);
      if (this.name !== null) ctx.set_parameter_source(this.name, source);
      let value: unknown;
      try {
        value = this.process_value(ctx, found);
      } catch (e) {
        if (!ctx.resilient_parsing) throw e;
        value = null;
      }
      if (this.expose_value && this.name !== null) ctx.params[this.name] = value;
      return [value, args] as [unknown, string[]];
    });
  }

  get_help_record(_ctx: Context): [string, string] | null {
    return null;
  }

  get_usage_pieces(_ctx: Context): string[] {
    return [];
  }

  /** `get_error_hint(ctx)`: how an error names this parameter: `'--count'`, `'-c' / '--count'`. */
  get_error_hint(_ctx: Context): string {
    return this.opts.map((x) => `'${x}'`).join(" / ");
  }
}

/** `Option(param_decls, show_default=None, is_flag=None, flag_value=None, multiple=False, count=False, help=None, hidden=False, …)` */
export interface OptionOptions extends ParameterOptions {
  show_default?: boolean | string | null;
  is_flag?: boolean | null;
  flag_value?: unknown;
  count?: boolean;
  allow_from_autoenv?: boolean;
  help?: string | null;
  hidden?: boolean;
  show_choices?: boolean;
  show_envvar?: boolean;
  /** Prompts are not part of the page's click: a command that needs input awaits `input()` itself. */
  prompt?: false;
}

/**
 * `Option`: a named parameter (`--count 3`, `-c3`, `--count=3`), or a flag (`--debug`,
 * `--debug/--no-debug`). Its name is its longest declaration without dashes (`--all-methods` →
 * `all_methods`) unless one is given bare (`"name"`).
 */
export class Option extends Parameter {
  readonly param_type_name = "option";
  show_default: boolean | string | null;
  is_flag: boolean;
  is_bool_flag: boolean;
  flag_value: unknown;
  count: boolean;
  help: string | null;
  hidden: boolean;
  show_choices: boolean;
  show_envvar: boolean;

  constructor(param_decls: readonly string[], options: OptionOptions = {}) {
    const default_is_missing = !("default" in options) || options.default === undefined;
    super(param_decls, { ...options, type: options.count && !options.type ? new IntRange({ min: 0 }) : options.type });
    this.help = options.help ? options.help.split("\f")[0] : (options.help ?? null);
    this.hidden = options.hidden ?? false;
    this.show_default = options.show_default ?? null;
    this.show_choices = options.show_choices ?? true;
    this.show_envvar = options.show_envvar ?? false;
    this.count = options.count ?? false;
    let is_flag = options.is_flag ?? null;
    let flag_value = options.flag_value ?? null;
    if (is_flag === null) {
      if (flag_value !== null) is_flag = true;
      else is_flag = this.secondary_opts.length > 0;
    }
    if (is_flag && default_is_missing && !this.required) this.default = false;
    if (flag_value === null) flag_value = !this.default;
    if (is_flag && options.type === undefined) this.type = convert_type(null, flag_value);
    this.is_flag = is_flag;
    this.is_bool_flag = is_flag && this.type instanceof BoolParamType;
    this.flag_value = flag_value;
    if (this.count && default_is_missing) this.default = 0;
    if (this.is_flag && this.count) throw new TypeError("'count' is not valid with 'is_flag'.");
    if (this.secondary_opts.length && !this.is_bool_flag) throw new TypeError("Secondary flag is not valid for non-boolean flag.");
  }

  _parse_decls(decls: readonly string[], expose_value: boolean): [string | null, string[], string[]] {
    const opts: string[] = [];
    const secondary_opts: string[] = [];
    let name: string | null = null;
    const possible_names: [string, string][] = [];
    for (const decl of decls) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(decl)) {
        if (name !== null) throw new TypeError(`Name '${name}' defined twice`);
        name = decl;
        continue;
      }
      const split_char = decl.startsWith("/") ? ";" : "/";
      if (decl.includes(split_char)) {
        // `--shout/--no-shout`: the first turns the flag on, the second off.
        const at = decl.indexOf(split_char);
        const first = decl.slice(0, at).trimEnd();
        const second = decl.slice(at + 1).trimStart();
        if (first) {
          possible_names.push(split_opt(first));
          opts.push(first);
        }
        if (second) secondary_opts.push(second);
        if (first === second) throw new TypeError(`Boolean option ${JSON.stringify(decl)} cannot use the same flag for true/false.`);
      } else {
        possible_names.push(split_opt(decl));
        opts.push(decl);
      }
    }
    if (name === null && possible_names.length) {
      const longest = [...possible_names].sort((a, b) => b[0].length - a[0].length)[0];
      name = longest[1].replace(/-/g, "_").toLowerCase();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) name = null;
    }
    if (name === null) {
      if (!expose_value) return [null, opts, secondary_opts];
      throw new TypeError(`Could not determine name for option with declarations ${JSON.stringify(decls)}`);
    }
    if (!opts.length && !secondary_opts.length) throw new TypeError(`No options defined but a name was passed (${name}). Did you mean to declare an argument instead? Did you mean to pass '--${name}'?`);
    return [name, opts, secondary_opts];
  }

  add_to_parser(parser: _OptionParser, _ctx: Context): void {
    if (this.multiple) parser.add_option(this, this.opts, { dest: this.name, action: "append", nargs: this.nargs });
    else if (this.count) parser.add_option(this, this.opts, { dest: this.name, action: "count" });
    else if (this.is_flag) {
      if (this.is_bool_flag && this.secondary_opts.length) {
        parser.add_option(this, this.opts, { dest: this.name, action: "store_const", const: true });
        parser.add_option(this, this.secondary_opts, { dest: this.name, action: "store_const", const: false });
      } else parser.add_option(this, this.opts, { dest: this.name, action: "store_const", const: this.flag_value });
    } else parser.add_option(this, this.opts, { dest: this.name, action: "store", nargs: this.nargs });
  }

  /** The option's line in `Options:`: `-c, --count INTEGER` and its help, `[required]` / `[default: …]` after it. */
  override get_help_record(ctx: Context): [string, string] | null {
    if (this.hidden) return null;
    let any_prefix_is_slash = false;
    const write_opts = (opts: readonly string[]) => {
      const [rv, any_slashes] = join_options(opts);
      if (any_slashes) any_prefix_is_slash = true;
      return !this.is_flag && !this.count ? `${rv} ${this.make_metavar(ctx)}` : rv;
    };
    const rv = [write_opts(this.opts)];
    if (this.secondary_opts.length) rv.push(write_opts(this.secondary_opts));
    let help = this.help ?? "";
    const extra = this.get_help_extra(ctx);
    if (extra.length) help = help ? `${help}  [${extra.join("; ")}]` : `[${extra.join("; ")}]`;
    return [rv.join(any_prefix_is_slash ? "; " : " / "), help];
  }

  /** What the help adds in brackets: the default (when shown), the range, `required`. */
  get_help_extra(ctx: Context): string[] {
    const extra: string[] = [];
    const show_default = this.show_default ?? ctx.show_default ?? false;
    if (show_default) {
      const default_value = this.get_default(ctx, false);
      let shown: string | null = null;
      if (typeof show_default === "string") shown = `(${show_default})`;
      else if (Array.isArray(default_value)) shown = default_value.join(", ");
      else if (typeof default_value === "function") shown = "(dynamic)";
      else if (this.is_bool_flag && this.secondary_opts.length) shown = split_opt((default_value ? this.opts : this.secondary_opts)[0])[1];
      else if (this.is_bool_flag && !this.secondary_opts.length && !default_value) shown = "";
      else if (default_value !== null && default_value !== undefined) shown = typeof default_value === "boolean" ? (default_value ? "True" : "False") : String(default_value);
      if (shown) extra.push(`default: ${shown}`);
    }
    // A range is shown, except the one a counting flag has anyway (0 and up).
    const range = this.type instanceof IntRange ? this.type.options : null;
    if (range && !(this.count && (range.min ?? null) === 0 && (range.max ?? null) === null)) extra.push((this.type as IntRange)._describe_range());
    if (this.required) extra.push("required");
    return extra;
  }

  override get_error_hint(ctx: Context): string {
    return super.get_error_hint(ctx);
  }

  /** A flag given on the command line is its flag value; a flag's default is False unless given. */
  override consume_value(ctx: Context, opts: ParsedOpts): [unknown, ParameterSource] {
    const [value, source] = super.consume_value(ctx, opts);
    if (value === _flag_needs_value) return [this.flag_value, source];
    return [value, source];
  }
}

/** `Argument(param_decls, required=None, **attrs)`: a positional parameter (`NAME`, `[NAME]`, `SRC...`). */
export class Argument extends Parameter {
  readonly param_type_name = "argument";

  constructor(param_decls: readonly string[], options: ParameterOptions = {}) {
    super(param_decls, options);
    let required = options.required;
    if (required === undefined) {
      const default_given = options.default !== undefined && options.default !== null;
      required = default_given ? false : (options.nargs ?? 1) > 0;
    }
    this.required = required;
    if (this.multiple) throw new TypeError("'multiple' is not supported on arguments.");
  }

  _parse_decls(decls: readonly string[], expose_value: boolean): [string | null, string[], string[]] {
    if (!decls.length) {
      if (!expose_value) return [null, [], []];
      throw new TypeError("Argument is marked as exposed, but does not have a name.");
    }
    if (decls.length !== 1) throw new TypeError(`Arguments take exactly one parameter declaration, got ${decls.length}: ${JSON.stringify(decls)}.`);
    const name = decls[0].replace(/-/g, "_").toLowerCase();
    return [name, [decls[0]], []];
  }

  /** `NAME`, `[NAME]` when optional, `NAME...` when it takes several. */
  override make_metavar(ctx: Context): string {
    if (this.metavar !== null) return this.metavar;
    let rv = this.type.get_metavar(this, ctx) ?? (this.name ?? "").toUpperCase();
    if (!this.required) rv = `[${rv}]`;
    if (this.nargs !== 1) rv += "...";
    return rv;
  }

  override get_usage_pieces(ctx: Context): string[] {
    return [this.make_metavar(ctx)];
  }

  override get_error_hint(ctx: Context): string {
    return `'${this.make_metavar(ctx)}'`;
  }

  add_to_parser(parser: _OptionParser, _ctx: Context): void {
    parser.add_argument(this, { dest: this.name, nargs: this.nargs });
  }
}

export { BOOL, STRING };
