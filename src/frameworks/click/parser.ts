/**
 * click.parser: a command line's words → the values given for each option and argument, in the
 * order they were given. Main class: `_OptionParser` (`parse_args(args)` → opts, leftover args,
 * order).
 *
 * As click parses: words are read left to right; `--` ends the options; `--name value`,
 * `--name=value`, `-n value`, `-nvalue` and bundled flags `-abc`; an option that takes a value
 * takes the next word whatever it is (`--count --name` gives count the value "--name"); an
 * unknown option is `No such option '--x'.` (with the close matches); words that are not options are
 * positional arguments — or, for a group, where its options stop and the subcommand starts.
 */
import type { Argument as CoreArgument, Context, Option as CoreOption, Parameter } from "./core";
import { BadArgumentUsage, BadOptionUsage, NoSuchOption } from "./exceptions";
import { split_opt } from "./formatting";

/** What a parsed option or argument stores its value under. */
export type ParsedOpts = Map<string, unknown>;

/** `_ParsingState(rargs)`: the words not yet read, the positional ones kept, and what was seen. */
export class _ParsingState {
  opts: ParsedOpts = new Map();
  largs: string[] = [];
  order: Parameter[] = [];
  constructor(public rargs: string[]) {}
}

/** A flag option given without its value (`--name` with `is_flag=False, flag_value=…`). */
export const _flag_needs_value: unique symbol = Symbol("flag_needs_value");

function normalize_opt(opt: string, ctx: Context | null): string {
  if (!ctx || !ctx.token_normalize_func) return opt;
  const [prefix, name] = split_opt(opt);
  return `${prefix}${ctx.token_normalize_func(name)}`;
}

/** `_Option`: one option's spellings as the parser knows them, and what to do when one is seen. */
export class _Option {
  readonly short_opts: string[] = [];
  readonly long_opts: string[] = [];
  readonly prefixes = new Set<string>();

  constructor(
    readonly obj: CoreOption,
    opts: readonly string[],
    readonly dest: string | null,
    readonly action: "store" | "store_const" | "append" | "append_const" | "count" = "store",
    readonly nargs = 1,
    readonly const_: unknown = null,
  ) {
    for (const opt of opts) {
      const [prefix, value] = split_opt(opt);
      if (!prefix) throw new TypeError(`Invalid start character for option (${opt})`);
      this.prefixes.add(prefix[0]);
      if (prefix.length === 1 && value.length === 1) this.short_opts.push(opt);
      else {
        this.long_opts.push(opt);
        this.prefixes.add(prefix);
      }
    }
  }

  get takes_value(): boolean {
    return this.action === "store" || this.action === "append";
  }

  process(value: unknown, state: _ParsingState): void {
    const dest = this.dest!;
    if (this.action === "store") state.opts.set(dest, value);
    else if (this.action === "store_const") state.opts.set(dest, this.const_);
    else if (this.action === "append") state.opts.set(dest, [...((state.opts.get(dest) as unknown[]) ?? []), value]);
    else if (this.action === "append_const") state.opts.set(dest, [...((state.opts.get(dest) as unknown[]) ?? []), this.const_]);
    else state.opts.set(dest, ((state.opts.get(dest) as number) ?? 0) + 1);
    state.order.push(this.obj);
  }
}

/** `_Argument`: one positional argument (nargs -1: all that are left). */
export class _Argument {
  constructor(
    readonly obj: CoreArgument,
    readonly dest: string | null,
    readonly nargs = 1,
  ) {}

  process(value: unknown, state: _ParsingState): void {
    if (this.nargs > 1 && Array.isArray(value)) {
      const holes = value.filter((x) => x === null).length;
      if (holes === value.length) value = null;
      else if (holes !== 0) throw new BadArgumentUsage(`Argument ${JSON.stringify(this.dest)} takes ${this.nargs} values.`);
    }
    state.opts.set(this.dest!, value);
    state.order.push(this.obj);
  }
}

/**
 * `_unpack_args(args, nargs_spec)`: positional words → one value per argument (a word, a tuple,
 * or all the rest for nargs -1) and the words left over.
 */
export function _unpack_args(args: readonly string[], nargs_spec: readonly number[]): [unknown[], string[]] {
  const words = [...args];
  const spec = [...nargs_spec];
  const rv: unknown[] = [];
  let spos: number | null = null;
  const fetch = <T>(c: T[]): T | null => (c.length ? ((spos === null ? c.shift() : c.pop()) as T) : null);
  while (spec.length) {
    const nargs = fetch(spec);
    if (nargs === null) continue;
    if (nargs === 1) rv.push(fetch(words));
    else if (nargs > 1) {
      const x = Array.from({ length: nargs }, () => fetch(words));
      if (spos !== null) x.reverse();
      rv.push(x);
    } else if (nargs < 0) {
      if (spos !== null) throw new TypeError("Cannot have two nargs < 0");
      spos = rv.length;
      rv.push(null);
    }
  }
  let rest = words;
  if (spos !== null) {
    rv[spos] = words;
    rest = [];
    const tail = rv.splice(spos + 1).reverse();
    rv.push(...tail);
  }
  return [rv, rest];
}

/** `_OptionParser(ctx)`: the options and arguments of one command, and how to read a command line against them. */
export class _OptionParser {
  readonly _short_opt = new Map<string, _Option>();
  readonly _long_opt = new Map<string, _Option>();
  readonly _opt_prefixes = new Set(["-", "--"]);
  readonly _args: _Argument[] = [];
  allow_interspersed_args = true;
  ignore_unknown_options = false;

  constructor(readonly ctx: Context | null = null) {
    if (ctx) {
      this.allow_interspersed_args = ctx.allow_interspersed_args;
      this.ignore_unknown_options = ctx.ignore_unknown_options;
    }
  }

  add_option(obj: CoreOption, opts: readonly string[], options: { dest: string | null; action?: _Option["action"]; nargs?: number; const?: unknown }): void {
    const option = new _Option(obj, opts.map((o) => normalize_opt(o, this.ctx)), options.dest, options.action, options.nargs ?? 1, options.const ?? null);
    for (const p of option.prefixes) this._opt_prefixes.add(p);
    for (const opt of option.short_opts) this._short_opt.set(opt, option);
    for (const opt of option.long_opts) this._long_opt.set(opt, option);
  }

  add_argument(obj: CoreArgument, options: { dest: string | null; nargs?: number }): void {
    this._args.push(new _Argument(obj, options.dest, options.nargs ?? 1));
  }

  /** `parse_args(args)` → (opts, largs, order): options first, then the positional words onto the arguments. */
  parse_args(args: readonly string[]): [ParsedOpts, string[], Parameter[]] {
    const state = new _ParsingState([...args]);
    this._process_args_for_options(state);
    this._process_args_for_args(state);
    return [state.opts, state.largs, state.order];
  }

  private _process_args_for_args(state: _ParsingState): void {
    const [pargs, rest] = _unpack_args([...state.largs, ...state.rargs], this._args.map((a) => a.nargs));
    this._args.forEach((arg, i) => arg.process(pargs[i], state));
    state.largs = rest;
    state.rargs = [];
  }

  private _process_args_for_options(state: _ParsingState): void {
    while (state.rargs.length) {
      const arg = state.rargs.shift()!;
      if (arg === "--") return;
      if (this._opt_prefixes.has(arg.slice(0, 1)) && arg.length > 1) this._process_opts(arg, state);
      else if (this.allow_interspersed_args) state.largs.push(arg);
      else {
        // A group: the first word that is not an option is the subcommand; the rest is its own.
        state.rargs.unshift(arg);
        return;
      }
    }
  }

  private _process_opts(arg: string, state: _ParsingState): void {
    let long_opt = arg;
    let explicit_value: string | null = null;
    const eq = arg.indexOf("=");
    if (eq >= 0) {
      long_opt = arg.slice(0, eq);
      explicit_value = arg.slice(eq + 1);
    }
    const norm_long_opt = normalize_opt(long_opt, this.ctx);
    try {
      this._match_long_opt(norm_long_opt, explicit_value, state);
    } catch (e) {
      if (!(e instanceof NoSuchOption)) throw e;
      // Not a long option: with a one-character prefix it may be short options bundled (`-abc`).
      if (!this._opt_prefixes.has(arg.slice(0, 2))) {
        this._match_short_opt(arg, state);
        return;
      }
      if (!this.ignore_unknown_options) throw e;
      state.largs.push(arg);
    }
  }

  private _match_long_opt(opt: string, explicit_value: string | null, state: _ParsingState): void {
    const option = this._long_opt.get(opt);
    if (!option) throw new NoSuchOption(opt, { possibilities: this._long_opt.keys(), ctx: this.ctx });
    let value: unknown = null;
    if (option.takes_value) {
      if (explicit_value !== null) state.rargs.unshift(explicit_value);
      value = this._get_value_from_state(opt, option, state);
    } else if (explicit_value !== null) throw new BadOptionUsage(opt, `Option '${opt}' does not take a value.`); // click gives these no context: no usage line
    option.process(value, state);
  }

  private _match_short_opt(arg: string, state: _ParsingState): void {
    const prefix = arg[0];
    const unknown: string[] = [];
    for (let i = 1; i < arg.length; i++) {
      const opt = normalize_opt(`${prefix}${arg[i]}`, this.ctx);
      const option = this._short_opt.get(opt);
      if (!option) {
        if (this.ignore_unknown_options) {
          unknown.push(arg[i]);
          continue;
        }
        throw new NoSuchOption(opt, { ctx: this.ctx });
      }
      let value: unknown = null;
      let stop = false;
      if (option.takes_value) {
        // `-nvalue`: the rest of the word is the value.
        if (i + 1 < arg.length) {
          state.rargs.unshift(arg.slice(i + 1));
          stop = true;
        }
        value = this._get_value_from_state(opt, option, state);
      }
      option.process(value, state);
      if (stop) break;
    }
    if (this.ignore_unknown_options && unknown.length) state.largs.push(`${prefix}${unknown.join("")}`);
  }

  private _get_value_from_state(option_name: string, option: _Option, state: _ParsingState): unknown {
    const nargs = option.nargs;
    if (state.rargs.length < nargs) {
      if (option.obj._flag_needs_value) return _flag_needs_value;
      throw new BadOptionUsage(option_name, nargs === 1 ? `Option '${option_name}' requires an argument.` : `Option '${option_name}' requires ${nargs} arguments.`);
    }
    if (nargs === 1) {
      const next = state.rargs[0];
      if (option.obj._flag_needs_value && this._opt_prefixes.has(next.slice(0, 1)) && next.length > 1) return _flag_needs_value;
      return state.rargs.shift();
    }
    return state.rargs.splice(0, nargs);
  }
}
