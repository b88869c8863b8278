/**
 * Python's `argparse`, the part Django's management commands use: a command line (`["blog",
 * "0001", "--backwards"]`) → a `Namespace` of options, and a parser → the help text and error
 * messages `manage.py` prints. Main classes: `ArgumentParser`, `HelpFormatter`.
 *
 *     const parser = new ArgumentParser({ prog: "manage.py sqlmigrate", description: "Prints the SQL…" });
 *     parser.add_argument("app_label", { help: "App label of the application containing the migration." });
 *     parser.add_argument("--backwards", { action: "store_true", help: "Creates SQL to unapply…" });
 *     parser.parse_args(["blog", "0001"])   // Namespace { app_label: "blog", backwards: false, … }
 *     parser.format_help()                  // "usage: manage.py sqlmigrate [-h] [--backwards] …"
 *
 * Parsing follows CPython 3.11: each argument string is classified as an option ("O") or an
 * argument ("A"); options and positionals are consumed in turn, each positional taking as many
 * strings as its `nargs` pattern matches. Help is laid out as CPython's HelpFormatter does for a
 * terminal that is not one (80 columns, so 78 wide): usage wrapped on its own rules, help texts
 * wrapped by textwrap at column 24. Errors are CPython's words ("the following arguments are
 * required: app_label, migration_name"; "argument -v/--verbosity: invalid choice: 5 (choose from
 * 0, 1, 2, 3)").
 */
import { Exception, py_repr } from "./builtins";
import { stderr, stdout, exit as sys_exit } from "./sys";
import { wrap, fill } from "./textwrap";

/** `argparse.SUPPRESS`: a help, default or dest that is not shown / not set. */
export const SUPPRESS = "==SUPPRESS==";
export const OPTIONAL = "?";
export const ZERO_OR_MORE = "*";
export const ONE_OR_MORE = "+";
export const REMAINDER = "...";

export type Nargs = number | "?" | "*" | "+" | "..." | null;
export type ActionName = "store" | "store_const" | "store_true" | "store_false" | "append" | "append_const" | "count" | "help" | "version";

/** A converter for `type=`: `int`, or any function of a string (raising ValueError/TypeError on bad input). */
export type TypeFunction = ((value: string) => unknown) & { __name__?: string };

export interface ArgumentOptions {
  action?: ActionName;
  nargs?: Nargs;
  const?: unknown;
  default?: unknown;
  type?: TypeFunction;
  choices?: readonly unknown[];
  required?: boolean;
  help?: string;
  metavar?: string | string[];
  dest?: string;
  version?: string;
}

/** `argparse.Namespace`: the parsed options as attributes. */
export class Namespace {
  [name: string]: unknown;
}

/** An argument that could not be parsed: "argument --database: expected one argument". */
export class ArgumentError extends Exception {
  constructor(
    readonly argument_name: string | null,
    readonly error_message: string,
  ) {
    super(argument_name === null ? error_message : `argument ${argument_name}: ${error_message}`);
  }
}

/** Raised by a `type=` function to give its own message. */
export class ArgumentTypeError extends Exception {}

/** One argument the parser knows: its option strings (none for a positional), where it goes and how. */
export class Action {
  option_strings: string[];
  dest: string;
  action: ActionName;
  nargs: Nargs;
  const: unknown;
  default: unknown;
  type: TypeFunction | null;
  choices: readonly unknown[] | null;
  required: boolean;
  help: string | null;
  metavar: string | string[] | null;
  version: string | null;

  constructor(option_strings: string[], dest: string, options: ArgumentOptions) {
    this.option_strings = option_strings;
    this.dest = dest;
    this.action = options.action ?? "store";
    const zero_args = ["store_const", "store_true", "store_false", "append_const", "count", "help", "version"].includes(this.action);
    this.nargs = zero_args ? 0 : (options.nargs ?? null);
    this.const = this.action === "store_true" ? true : this.action === "store_false" ? false : options.const;
    this.default =
      options.default !== undefined ? options.default
      : this.action === "store_true" ? false
      : this.action === "store_false" ? true
      : this.action === "help" || this.action === "version" ? SUPPRESS
      : null;
    this.type = options.type ?? null;
    this.choices = options.choices ?? null;
    this.required = options.required ?? false;
    this.help = options.help ?? null;
    this.metavar = options.metavar ?? null;
    this.version = options.version ?? null;
  }

  /** `-h` or `--help` (the usage form of an option that takes no value). */
  format_usage(): string {
    return this.option_strings[0];
  }
}

/** The name an error message gives an argument: `-v/--verbosity`, or a positional's metavar or dest. */
function action_name(action: Action | null): string | null {
  if (!action) return null;
  if (action.option_strings.length) return action.option_strings.join("/");
  if (action.metavar !== null && action.metavar !== SUPPRESS) return Array.isArray(action.metavar) ? action.metavar.join(" ") : action.metavar;
  if (action.dest !== SUPPRESS) return action.dest;
  return null;
}

/** A titled section of the help ("positional arguments", "options", or one a command adds). */
export class ArgumentGroup {
  readonly _group_actions: Action[] = [];
  constructor(
    readonly container: ArgumentParser,
    readonly title: string | null,
    readonly description: string | null = null,
  ) {}

  add_argument(...args: [...string[], ArgumentOptions] | string[]): Action {
    const action = this.container._add_argument(args);
    this._group_actions.push(action);
    return action;
  }

  add_mutually_exclusive_group(options: { required?: boolean } = {}): MutuallyExclusiveGroup {
    const group = new MutuallyExclusiveGroup(this, options.required ?? false);
    this.container._mutually_exclusive_groups.push(group);
    return group;
  }
}

/** Arguments of which at most one may be given (`--list | --plan`). */
export class MutuallyExclusiveGroup {
  readonly _group_actions: Action[] = [];
  constructor(
    readonly container: ArgumentGroup,
    readonly required: boolean,
  ) {}

  add_argument(...args: [...string[], ArgumentOptions] | string[]): Action {
    const action = this.container.add_argument(...args);
    this._group_actions.push(action);
    return action;
  }
}

export interface ParserOptions {
  prog?: string;
  usage?: string | null;
  description?: string | null;
  epilog?: string | null;
  formatter_class?: new (prog: string) => HelpFormatter;
  add_help?: boolean;
  allow_abbrev?: boolean;
  exit_on_error?: boolean;
}

export class ArgumentParser {
  prog: string;
  usage: string | null;
  description: string | null;
  epilog: string | null;
  formatter_class: new (prog: string) => HelpFormatter;
  allow_abbrev: boolean;
  exit_on_error: boolean;
  readonly _actions: Action[] = [];
  readonly _option_string_actions = new Map<string, Action>();
  readonly _action_groups: ArgumentGroup[] = [];
  readonly _mutually_exclusive_groups: MutuallyExclusiveGroup[] = [];
  readonly _positionals: ArgumentGroup;
  readonly _optionals: ArgumentGroup;
  readonly _defaults: Record<string, unknown> = {};

  constructor(options: ParserOptions = {}) {
    this.prog = options.prog ?? "";
    this.usage = options.usage ?? null;
    this.description = options.description ?? null;
    this.epilog = options.epilog ?? null;
    this.formatter_class = options.formatter_class ?? HelpFormatter;
    this.allow_abbrev = options.allow_abbrev ?? true;
    this.exit_on_error = options.exit_on_error ?? true;
    this._positionals = this.add_argument_group("positional arguments");
    this._optionals = this.add_argument_group("options");
    if (options.add_help ?? true) this.add_argument("-h", "--help", { action: "help", help: "show this help message and exit" });
  }

  /** `parser.set_defaults(format="list")`: values for dests no argument sets (and new defaults for those that do). */
  set_defaults(values: Record<string, unknown>): void {
    Object.assign(this._defaults, values);
    for (const action of this._actions) if (action.dest in values) action.default = values[action.dest];
  }

  add_argument_group(title: string | null = null, description: string | null = null): ArgumentGroup {
    const group = new ArgumentGroup(this, title, description);
    this._action_groups.push(group);
    return group;
  }

  add_mutually_exclusive_group(options: { required?: boolean } = {}): MutuallyExclusiveGroup {
    return this._optionals.add_mutually_exclusive_group(options);
  }

  /** `add_argument("app_label", {...})` (a positional) or `add_argument("-v", "--verbosity", {...})`. */
  add_argument(...args: [...string[], ArgumentOptions] | string[]): Action {
    const names = (args as (string | ArgumentOptions)[]).filter((a): a is string => typeof a === "string");
    const group = names.length && names[0].startsWith("-") ? this._optionals : this._positionals;
    return group.add_argument(...args);
  }

  /** Used by the groups: build the Action and index its option strings. */
  _add_argument(args: (string | ArgumentOptions)[]): Action {
    const names = (args as (string | ArgumentOptions)[]).filter((a): a is string => typeof a === "string");
    const options = (args.find((a) => typeof a === "object") as ArgumentOptions | undefined) ?? {};
    let action: Action;
    if (!names.length || !names[0].startsWith("-")) {
      if (names.length !== 1) throw new ValueErrorLike("invalid option string: a positional takes one name");
      // CPython: a positional is required unless nargs is "?" or "*"; "*" without a default still
      // counts as required, though matching nothing satisfies it.
      const required = (options.nargs !== OPTIONAL && options.nargs !== ZERO_OR_MORE) || (options.nargs === ZERO_OR_MORE && options.default === undefined);
      action = new Action([], names[0], { ...options, required });
    } else {
      const long = names.find((n) => n.startsWith("--"));
      const dest = options.dest ?? (long ?? names[0]).replace(/^-+/, "").replace(/-/g, "_");
      action = new Action(names, dest, options);
      for (const name of names) {
        if (this._option_string_actions.has(name)) throw new ArgumentError(action_name(action), `conflicting option string: ${name}`);
        this._option_string_actions.set(name, action);
      }
    }
    this._actions.push(action);
    return action;
  }

  _get_positional_actions(): Action[] {
    return this._actions.filter((a) => !a.option_strings.length);
  }

  // --- parsing --------------------------------------------------------------------------------

  parse_args(args: string[], namespace: Namespace = new Namespace()): Namespace {
    const [parsed, extras] = this.parse_known_args(args, namespace);
    if (extras.length) this.error(`unrecognized arguments: ${extras.join(" ")}`);
    return parsed;
  }

  parse_known_args(args: string[], namespace: Namespace = new Namespace()): [Namespace, string[]] {
    for (const action of this._actions) {
      if (action.dest !== SUPPRESS && !(action.dest in namespace) && action.default !== SUPPRESS) namespace[action.dest] = action.default;
    }
    for (const [dest, value] of Object.entries(this._defaults)) if (!(dest in namespace)) namespace[dest] = value;
    if (!this.exit_on_error) return this._parse_known_args([...args], namespace);
    try {
      return this._parse_known_args([...args], namespace);
    } catch (e) {
      if (e instanceof ArgumentError) this.error(e.message);
      throw e;
    }
  }

  private _parse_known_args(arg_strings: string[], namespace: Namespace): [Namespace, string[]] {
    const conflicts = new Map<Action, Action[]>();
    for (const group of this._mutually_exclusive_groups)
      group._group_actions.forEach((action, i) => conflicts.set(action, [...(conflicts.get(action) ?? []), ...group._group_actions.slice(0, i), ...group._group_actions.slice(i + 1)]));

    // Classify each string: O (an option), A (an argument), - (the "--" separator).
    const option_indices = new Map<number, [Action | null, string, string | null]>();
    let pattern = "";
    for (let i = 0; i < arg_strings.length; i++) {
      if (arg_strings[i] === "--") {
        pattern += "-" + "A".repeat(arg_strings.length - i - 1);
        break;
      }
      const tuple = this._parse_optional(arg_strings[i]);
      if (tuple) option_indices.set(i, tuple);
      pattern += tuple ? "O" : "A";
    }

    const seen = new Set<Action>();
    const seen_non_default = new Set<Action>();
    const extras: string[] = [];

    const take_action = (action: Action, argument_strings: string[], option_string: string | null = null) => {
      seen.add(action);
      const values = this._get_values(action, argument_strings);
      if (values !== action.default) {
        seen_non_default.add(action);
        for (const other of conflicts.get(action) ?? []) if (seen_non_default.has(other)) throw new ArgumentError(action_name(action), `not allowed with argument ${action_name(other)}`);
      }
      if (values !== SUPPRESS) this._apply(action, namespace, values, option_string);
    };

    const consume_optional = (start: number): number => {
      let [action, option_string, explicit_arg] = option_indices.get(start)!;
      const tuples: [Action, string[], string][] = [];
      let stop = start + 1;
      for (;;) {
        if (!action) {
          extras.push(arg_strings[start]);
          return start + 1;
        }
        if (explicit_arg !== null) {
          const count = this._match_argument(action, "A");
          if (count === 0 && !option_string.startsWith("--") && explicit_arg !== "") {
            tuples.push([action, [], option_string]);
            option_string = option_string[0] + explicit_arg[0];
            const rest = explicit_arg.slice(1) || null;
            const next = this._option_string_actions.get(option_string);
            if (!next) throw new ArgumentError(action_name(action), `ignored explicit argument ${py_repr(explicit_arg)}`);
            action = next;
            explicit_arg = rest;
          } else if (count === 1) {
            stop = start + 1;
            tuples.push([action, [explicit_arg], option_string]);
            break;
          } else throw new ArgumentError(action_name(action), `ignored explicit argument ${py_repr(explicit_arg)}`);
        } else {
          const count = this._match_argument(action, pattern.slice(start + 1));
          stop = start + 1 + count;
          tuples.push([action, arg_strings.slice(start + 1, stop), option_string]);
          break;
        }
      }
      for (const [a, args, s] of tuples) take_action(a, args, s);
      return stop;
    };

    let positionals = this._get_positional_actions();
    const consume_positionals = (start: number): number => {
      const counts = this._match_arguments_partial(positionals, pattern.slice(start));
      counts.forEach((count, i) => {
        take_action(positionals[i], arg_strings.slice(start, start + count));
        start += count;
      });
      positionals = positionals.slice(counts.length);
      return start;
    };

    let start = 0;
    const max_option = option_indices.size ? Math.max(...option_indices.keys()) : -1;
    while (start <= max_option) {
      const next_option = Math.min(...[...option_indices.keys()].filter((i) => i >= start));
      if (start !== next_option) {
        const end = consume_positionals(start);
        if (end > start) {
          start = end;
          continue;
        }
        start = end;
      }
      if (!option_indices.has(start)) {
        extras.push(...arg_strings.slice(start, next_option));
        start = next_option;
      }
      start = consume_optional(start);
    }
    const stop = consume_positionals(start);
    extras.push(...arg_strings.slice(stop));

    const required: string[] = [];
    for (const action of this._actions) {
      if (seen.has(action)) continue;
      if (action.required) required.push(action_name(action) ?? action.dest);
      else if (typeof action.default === "string" && action.default !== SUPPRESS && namespace[action.dest] === action.default) namespace[action.dest] = this._get_value(action, action.default);
    }
    if (required.length) this.error(`the following arguments are required: ${required.join(", ")}`);
    for (const group of this._mutually_exclusive_groups) {
      if (group.required && !group._group_actions.some((a) => seen_non_default.has(a)))
        this.error(`one of the arguments ${group._group_actions.filter((a) => a.help !== SUPPRESS).map(action_name).join(" ")} is required`);
    }
    return [namespace, extras];
  }

  /** An argument string → (action, option string, explicit value) when it is an option, else null. */
  private _parse_optional(arg: string): [Action | null, string, string | null] | null {
    if (!arg || arg[0] !== "-") return null;
    const exact = this._option_string_actions.get(arg);
    if (exact) return [exact, arg, null];
    if (arg.length === 1) return null;
    if (arg.includes("=")) {
      const eq = arg.indexOf("=");
      const found = this._option_string_actions.get(arg.slice(0, eq));
      if (found) return [found, arg.slice(0, eq), arg.slice(eq + 1)];
    }
    const tuples = this._get_option_tuples(arg);
    if (tuples.length > 1) this.error(`ambiguous option: ${arg} could match ${tuples.map(([, s]) => s).join(", ")}`);
    if (tuples.length === 1) return tuples[0];
    if (/^-\d+$|^-\d*\.\d+$/.test(arg)) return null;
    if (arg.includes(" ")) return null;
    return [null, arg, null];
  }

  private _get_option_tuples(option: string): [Action, string, string | null][] {
    const result: [Action, string, string | null][] = [];
    if (option.startsWith("--")) {
      if (!this.allow_abbrev) return result;
      const eq = option.indexOf("=");
      const prefix = eq >= 0 ? option.slice(0, eq) : option;
      const explicit = eq >= 0 ? option.slice(eq + 1) : null;
      for (const [name, action] of this._option_string_actions) if (name.startsWith(prefix)) result.push([action, name, explicit]);
    } else {
      const short_prefix = option.slice(0, 2);
      for (const [name, action] of this._option_string_actions) {
        if (name === short_prefix) result.push([action, name, option.slice(2)]);
        else if (name.startsWith(option)) result.push([action, name, null]);
      }
    }
    return result;
  }

  private _nargs_pattern(action: Action): string {
    const n = action.nargs;
    let p: string;
    if (n === null) p = "(-*A-*)";
    else if (n === OPTIONAL) p = "(-*A?-*)";
    else if (n === ZERO_OR_MORE) p = "(-*[A-]*)";
    else if (n === ONE_OR_MORE) p = "(-*A[A-]*)";
    else if (n === REMAINDER) p = "([-AO]*)";
    else p = `(-*${Array.from({ length: n }, () => "A").join("-*")}-*)`;
    if (action.option_strings.length) p = p.replace(/-\*/g, "").replace(/-/g, "");
    return p;
  }

  private _match_argument(action: Action, pattern: string): number {
    const m = new RegExp(`^${this._nargs_pattern(action)}`).exec(pattern);
    if (!m) {
      const messages: Record<string, string> = { null: "expected one argument", "?": "expected at most one argument", "+": "expected at least one argument" };
      const message = messages[String(action.nargs)] ?? `expected ${action.nargs} argument${action.nargs === 1 ? "" : "s"}`;
      throw new ArgumentError(action_name(action), message);
    }
    return m[1].length;
  }

  private _match_arguments_partial(actions: Action[], pattern: string): number[] {
    for (let i = actions.length; i > 0; i--) {
      const m = new RegExp(`^${actions.slice(0, i).map((a) => this._nargs_pattern(a)).join("")}`).exec(pattern);
      if (m) return m.slice(1).map((g) => g.length);
    }
    return [];
  }

  private _get_values(action: Action, strings: string[]): unknown {
    if (action.nargs !== REMAINDER) {
      const dash = strings.indexOf("--");
      if (dash >= 0) strings = [...strings.slice(0, dash), ...strings.slice(dash + 1)];
    }
    if (!strings.length && action.nargs === OPTIONAL) {
      let value = action.option_strings.length ? action.const : action.default;
      if (typeof value === "string") {
        value = this._get_value(action, value);
        this._check_value(action, value);
      }
      return value;
    }
    if (!strings.length && action.nargs === ZERO_OR_MORE && !action.option_strings.length) {
      const value = action.default !== null ? action.default : strings;
      if (action.default !== null) this._check_value(action, value);
      return value;
    }
    if (strings.length === 1 && (action.nargs === null || action.nargs === OPTIONAL)) {
      const value = this._get_value(action, strings[0]);
      this._check_value(action, value);
      return value;
    }
    if (action.nargs === 0) return strings;
    const values = strings.map((s) => this._get_value(action, s));
    if (action.nargs !== REMAINDER) for (const v of values) this._check_value(action, v);
    return values;
  }

  private _get_value(action: Action, text: string): unknown {
    if (!action.type) return text;
    try {
      return action.type(text);
    } catch (e) {
      if (e instanceof ArgumentTypeError) throw new ArgumentError(action_name(action), e.message);
      throw new ArgumentError(action_name(action), `invalid ${action.type.__name__ ?? action.type.name} value: ${py_repr(text)}`);
    }
  }

  private _check_value(action: Action, value: unknown): void {
    if (action.choices !== null && !action.choices.includes(value))
      throw new ArgumentError(action_name(action), `invalid choice: ${py_repr(value)} (choose from ${action.choices.map(py_repr).join(", ")})`);
  }

  /** What each action does with its values (CPython's Action subclasses' `__call__`). */
  private _apply(action: Action, namespace: Namespace, values: unknown, _option_string: string | null): void {
    switch (action.action) {
      case "store":
        namespace[action.dest] = values;
        return;
      case "store_const":
      case "store_true":
      case "store_false":
        namespace[action.dest] = action.const;
        return;
      case "append":
        namespace[action.dest] = [...((namespace[action.dest] as unknown[] | null) ?? []), values];
        return;
      case "append_const":
        namespace[action.dest] = [...((namespace[action.dest] as unknown[] | null) ?? []), action.const];
        return;
      case "count":
        namespace[action.dest] = ((namespace[action.dest] as number | null) ?? 0) + 1;
        return;
      case "help":
        this.print_help();
        this.exit();
        return;
      case "version":
        stdout.write(`${action.version ?? ""}\n`);
        this.exit();
        return;
    }
  }

  // --- help and errors ------------------------------------------------------------------------

  _get_formatter(): HelpFormatter {
    return new this.formatter_class(this.prog);
  }

  format_usage(): string {
    const formatter = this._get_formatter();
    formatter.add_usage(this.usage, this._actions, this._mutually_exclusive_groups);
    return formatter.format_help();
  }

  format_help(): string {
    const formatter = this._get_formatter();
    formatter.add_usage(this.usage, this._actions, this._mutually_exclusive_groups);
    formatter.add_text(this.description);
    for (const group of this._action_groups) {
      formatter.start_section(group.title);
      formatter.add_text(group.description);
      formatter.add_arguments(group._group_actions);
      formatter.end_section();
    }
    formatter.add_text(this.epilog);
    return formatter.format_help();
  }

  print_usage(file = stdout): void {
    file.write(this.format_usage());
  }

  print_help(file = stdout): void {
    file.write(this.format_help());
  }

  exit(status = 0, message: string | null = null): never {
    if (message) stderr.write(message);
    return sys_exit(status);
  }

  /** Usage and `prog: error: message` on stderr, then exit status 2. */
  error(message: string): never {
    this.print_usage(stderr);
    return this.exit(2, `${this.prog}: error: ${message}\n`);
  }
}

class ValueErrorLike extends Exception {}

/** `int` as a `type=`: a whole number, or ValueError (argparse says "invalid int value: 'x'"). */
export const int: TypeFunction = Object.assign(
  (value: string) => {
    if (!/^\s*[-+]?\d+\s*$/.test(value)) throw new ValueErrorLike(`invalid literal for int() with base 10: ${py_repr(value)}`);
    return Number.parseInt(value, 10);
  },
  { __name__: "int" },
);

// --- the help formatter --------------------------------------------------------------------------

interface Section {
  parent: Section | null;
  heading: string | null;
  items: (() => string)[];
}

/**
 * Lays out usage, description and the argument sections as CPython's HelpFormatter does, for a
 * width of 78 (an 80-column terminal, less 2) and help texts starting at column 24 at most.
 */
export class HelpFormatter {
  protected readonly _width: number;
  protected readonly _max_help_position: number;
  protected _current_indent = 0;
  protected _action_max_length = 0;
  private readonly _root: Section = { parent: null, heading: null, items: [] };
  private _current: Section = this._root;

  constructor(
    protected readonly _prog: string,
    protected readonly _indent_increment = 2,
    max_help_position = 24,
    width = 78,
  ) {
    this._width = width;
    this._max_help_position = Math.min(max_help_position, Math.max(width - 20, _indent_increment * 2));
  }

  private _indent(): void {
    this._current_indent += this._indent_increment;
  }

  private _dedent(): void {
    this._current_indent -= this._indent_increment;
  }

  private _format_section(section: Section): string {
    if (section.parent) this._indent();
    const help = section.items.map((f) => f()).join("");
    if (section.parent) this._dedent();
    if (!help) return "";
    const heading = section.heading !== null && section.heading !== SUPPRESS ? `${" ".repeat(this._current_indent)}${section.heading}:\n` : "";
    return `\n${heading}${help}\n`;
  }

  start_section(heading: string | null): void {
    this._indent();
    const section: Section = { parent: this._current, heading, items: [] };
    this._current.items.push(() => this._format_section(section));
    this._current = section;
  }

  end_section(): void {
    this._current = this._current.parent ?? this._root;
    this._dedent();
  }

  add_text(text: string | null): void {
    if (text !== null && text !== SUPPRESS) this._current.items.push(() => this._format_text(text));
  }

  add_usage(usage: string | null, actions: Action[], groups: MutuallyExclusiveGroup[], prefix: string | null = null): void {
    if (usage !== SUPPRESS) this._current.items.push(() => this._format_usage(usage, actions, groups, prefix));
  }

  add_argument(action: Action): void {
    if (action.help === SUPPRESS) return;
    this._action_max_length = Math.max(this._action_max_length, this._format_action_invocation(action).length + this._current_indent);
    this._current.items.push(() => this._format_action(action));
  }

  add_arguments(actions: Action[]): void {
    for (const action of actions) this.add_argument(action);
  }

  format_help(): string {
    let help = this._format_section(this._root);
    if (help) help = help.replace(/\n\n\n+/g, "\n\n").replace(/^\n+|\n+$/g, "") + "\n";
    return help;
  }

  protected _format_usage(usage: string | null, actions: Action[], groups: MutuallyExclusiveGroup[], prefix: string | null): string {
    prefix ??= "usage: ";
    let text: string;
    if (usage !== null) text = usage.replace(/%\(prog\)s/g, this._prog);
    else if (!actions.length) text = this._prog;
    else {
      const prog = this._prog;
      const optionals = actions.filter((a) => a.option_strings.length);
      const positionals = actions.filter((a) => !a.option_strings.length);
      const action_usage = this._format_actions_usage([...optionals, ...positionals], groups);
      text = [prog, action_usage].filter(Boolean).join(" ");
      const text_width = this._width - this._current_indent;
      if (prefix.length + text.length > text_width) {
        const part = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g;
        const opt_parts = this._format_actions_usage(optionals, groups).match(part) ?? [];
        const pos_parts = this._format_actions_usage(positionals, groups).match(part) ?? [];
        const get_lines = (parts: string[], indent: string, first_prefix: string | null = null): string[] => {
          const lines: string[] = [];
          let line: string[] = [];
          let line_len = first_prefix !== null ? first_prefix.length - 1 : indent.length - 1;
          for (const p of parts) {
            if (line_len + 1 + p.length > text_width && line.length) {
              lines.push(indent + line.join(" "));
              line = [];
              line_len = indent.length - 1;
            }
            line.push(p);
            line_len += p.length + 1;
          }
          if (line.length) lines.push(indent + line.join(" "));
          if (first_prefix !== null && lines.length) lines[0] = lines[0].slice(indent.length);
          return lines;
        };
        let lines: string[];
        if (prefix.length + prog.length <= 0.75 * text_width) {
          const indent = " ".repeat(prefix.length + prog.length + 1);
          if (opt_parts.length) lines = [...get_lines([prog, ...opt_parts], indent, prefix), ...get_lines(pos_parts, indent)];
          else if (pos_parts.length) lines = get_lines([prog, ...pos_parts], indent, prefix);
          else lines = [prog];
        } else {
          const indent = " ".repeat(prefix.length);
          lines = get_lines([...opt_parts, ...pos_parts], indent);
          if (lines.length > 1) lines = [...get_lines(opt_parts, indent), ...get_lines(pos_parts, indent)];
          lines = [prog, ...lines];
        }
        text = lines.join("\n");
      }
    }
    return `${prefix}${text}\n\n`;
  }

  protected _format_actions_usage(actions: Action[], groups: MutuallyExclusiveGroup[]): string {
    const group_actions = new Set<Action>();
    const inserts = new Map<number, string>();
    for (const group of groups) {
      const start = actions.indexOf(group._group_actions[0]);
      if (start < 0) continue;
      const end = start + group._group_actions.length;
      if (!group._group_actions.every((a, i) => actions[start + i] === a)) continue;
      let suppressed = 0;
      for (const a of group._group_actions) {
        group_actions.add(a);
        if (a.help === SUPPRESS) suppressed++;
      }
      const exposed = group._group_actions.length - suppressed;
      const add = (i: number, s: string) => inserts.set(i, inserts.has(i) ? `${inserts.get(i)} ${s}` : s);
      if (!group.required) {
        add(start, "[");
        inserts.set(end, inserts.has(end) ? `${inserts.get(end)}]` : "]");
      } else if (exposed > 1) {
        add(start, "(");
        inserts.set(end, inserts.has(end) ? `${inserts.get(end)})` : ")");
      }
      for (let i = start + 1; i < end; i++) inserts.set(i, "|");
    }
    const parts: (string | null)[] = [];
    actions.forEach((action, i) => {
      if (action.help === SUPPRESS) {
        parts.push(null);
        if (inserts.get(i) === "|") inserts.delete(i);
        else if (inserts.get(i + 1) === "|") inserts.delete(i + 1);
      } else if (!action.option_strings.length) {
        let part = this._format_args(action, action.dest);
        if (group_actions.has(action) && part.startsWith("[") && part.endsWith("]")) part = part.slice(1, -1);
        parts.push(part);
      } else {
        let part = action.nargs === 0 ? action.format_usage() : `${action.option_strings[0]} ${this._format_args(action, action.dest.toUpperCase())}`;
        if (!action.required && !group_actions.has(action)) part = `[${part}]`;
        parts.push(part);
      }
    });
    for (const i of [...inserts.keys()].sort((a, b) => b - a)) parts.splice(i, 0, inserts.get(i)!);
    return parts
      .filter((p): p is string => p !== null)
      .join(" ")
      .replace(/([[(]) /g, "$1")
      .replace(/ ([\])])/g, "$1")
      .replace(/[[(] *[\])]/g, "")
      .trim();
  }

  protected _format_text(text: string): string {
    const width = Math.max(this._width - this._current_indent, 11);
    const indent = " ".repeat(this._current_indent);
    return this._fill_text(text.replace(/%\(prog\)s/g, this._prog), width, indent) + "\n\n";
  }

  protected _format_action(action: Action): string {
    const help_position = Math.min(this._action_max_length + 2, this._max_help_position);
    const help_width = Math.max(this._width - help_position, 11);
    const action_width = help_position - this._current_indent - 2;
    let header = this._format_action_invocation(action);
    const pad = " ".repeat(this._current_indent);
    let indent_first = 0;
    if (!action.help) header = `${pad}${header}\n`;
    else if (header.length <= action_width) header = `${pad}${header.padEnd(action_width)}  `;
    else {
      header = `${pad}${header}\n`;
      indent_first = help_position;
    }
    const parts = [header];
    if (action.help && action.help.trim()) {
      const lines = this._split_lines(this._expand_help(action), help_width);
      parts.push(`${" ".repeat(indent_first)}${lines[0]}\n`);
      for (const line of lines.slice(1)) parts.push(`${" ".repeat(help_position)}${line}\n`);
    } else if (!header.endsWith("\n")) parts.push("\n");
    return parts.join("");
  }

  protected _format_action_invocation(action: Action): string {
    if (!action.option_strings.length) return this._metavar(action, action.dest)[0];
    if (action.nargs === 0) return action.option_strings.join(", ");
    const args = this._format_args(action, action.dest.toUpperCase());
    return action.option_strings.map((s) => `${s} ${args}`).join(", ");
  }

  private _metavar(action: Action, fallback: string): string[] {
    if (action.metavar !== null) return Array.isArray(action.metavar) ? action.metavar : [action.metavar, action.metavar];
    if (action.choices !== null) {
      const choices = `{${action.choices.map(String).join(",")}}`;
      return [choices, choices];
    }
    return [fallback, fallback];
  }

  protected _format_args(action: Action, fallback: string): string {
    const [m1, m2] = this._metavar(action, fallback);
    const n = action.nargs;
    if (n === null) return m1;
    if (n === OPTIONAL) return `[${m1}]`;
    if (n === ZERO_OR_MORE) return `[${m1} ...]`;
    if (n === ONE_OR_MORE) return `${m1} [${m2} ...]`;
    if (n === REMAINDER) return "...";
    return Array.from({ length: n }, () => m1).join(" ");
  }

  protected _expand_help(action: Action): string {
    const help = action.help ?? "";
    return help.replace(/%\((\w+)\)s/g, (_, key: string) => {
      if (key === "prog") return this._prog;
      if (key === "default") return String(action.default);
      if (key === "choices") return (action.choices ?? []).map(String).join(", ");
      return String((action as unknown as Record<string, unknown>)[key] ?? "");
    });
  }

  protected _split_lines(text: string, width: number): string[] {
    return wrap(text.replace(/\s+/g, " ").trim(), width);
  }

  protected _fill_text(text: string, width: number, indent: string): string {
    return fill(text.replace(/\s+/g, " ").trim(), width, { initial_indent: indent, subsequent_indent: indent });
  }
}

/** RawDescriptionHelpFormatter: the description and epilog are printed as written. */
export class RawDescriptionHelpFormatter extends HelpFormatter {
  protected override _fill_text(text: string, _width: number, indent: string): string {
    return text
      .split("\n")
      .map((line) => indent + line)
      .join("\n");
  }
}
