/**
 * click.decorators: functions → commands. Main functions: `command`, `group`, `option`,
 * `argument`, `pass_context`, `pass_obj`, `version_option`, `help_option`.
 *
 * Python stacks them over a function; here each decorator is called on what it decorates
 * (ADR 0013), outermost first:
 *
 *   @click.command()                                  click.command()(
 *   @click.option("--count", default=1)                 click.option("--count", { default: 1 })(
 *   @click.argument("name")                               click.argument("name")(
 *   def hello(count, name):                                 function hello({ count, name }) {
 *       """Greet NAME COUNT times."""                          "Greet NAME COUNT times.";
 *       ...                                                    … })));
 *
 * `option` and `argument` only note the parameter on the function; `command` collects them
 * (bottom-up, so reversed: the order they are written) and builds the Command.
 */
import { TypeError } from "../python/builtins";
import { wraps } from "../python/functools";
import { get_current_context } from "./globals";
import { Argument, Command, Group, Option, PARAMS, make_command, name_and_attrs, type OptionOptions, type ParameterOptions, type Context, type Parameter } from "./core";
import { echo } from "./utils";

type Decorator<T = any> = (f: Function) => T;

/**
 * `command(name=None, cls=None, **attrs)`: a decorator turning a function into a Command; also
 * `command(f)` for a bare `@click.command`.
 */
export function command(...args: unknown[]): any {
  if (typeof args[0] === "function") return make_command(args[0] as Function, null, {});
  const [name, attrs] = name_and_attrs(args);
  return (f: Function) => make_command(f, name, attrs);
}

/** `group(name=None, cls=Group, **attrs)`: like `command`, making a Group. */
export function group(...args: unknown[]): any {
  if (typeof args[0] === "function") return make_command(args[0] as Function, null, { cls: Group });
  const [name, attrs] = name_and_attrs(args);
  return (f: Function) => make_command(f, name, { cls: Group, ...attrs });
}

/** Note a parameter on the function (or add it to a command already made). */
function _param_memo(f: Function | Command, param: Parameter): void {
  if (f instanceof Command) f.params.push(param);
  else {
    const holder = f as unknown as Record<string, Parameter[]>;
    if (!Object.prototype.hasOwnProperty.call(holder, PARAMS)) holder[PARAMS] = [];
    holder[PARAMS].push(param);
  }
}

/** Split `option("--count", "-c", { default: 1 })` into declarations and keyword arguments. */
function decls_and_attrs<T>(args: readonly unknown[]): [string[], T] {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !Array.isArray(last)) return [args.slice(0, -1) as string[], last as T];
  return [args as string[], {} as T];
}

/** `option(*param_decls, cls=Option, **attrs)`: a decorator adding an Option. */
export function option(...args: unknown[]): Decorator {
  const [decls, attrs] = decls_and_attrs<OptionOptions & { cls?: typeof Option }>(args);
  return (f) => {
    const { cls = Option, ...rest } = attrs;
    _param_memo(f, new cls(decls, rest));
    return f;
  };
}

/** `argument(*param_decls, cls=Argument, **attrs)`: a decorator adding an Argument. */
export function argument(...args: unknown[]): Decorator {
  const [decls, attrs] = decls_and_attrs<ParameterOptions & { cls?: typeof Argument }>(args);
  return (f) => {
    const { cls = Argument, ...rest } = attrs;
    _param_memo(f, new cls(decls, rest));
    return f;
  };
}

/** `pass_context(f)`: the callback receives the current Context first. */
export function pass_context<F extends Function>(f: F): F {
  const new_func = function (this: unknown, ...args: unknown[]) {
    return f.call(this, get_current_context(), ...args);
  };
  return wraps<F>(f)(new_func as unknown as F);
}

/** `pass_obj(f)`: the callback receives the context's `obj` first. */
export function pass_obj<F extends Function>(f: F): F {
  const new_func = function (this: unknown, ...args: unknown[]) {
    return f.call(this, get_current_context().obj, ...args);
  };
  return wraps<F>(f)(new_func as unknown as F);
}

/** `make_pass_decorator(object_type, ensure=False)`: the callback receives the nearest object of that class. */
export function make_pass_decorator<T>(object_type: new () => T, ensure = false): <F extends Function>(f: F) => F {
  return <F extends Function>(f: F) => {
    const new_func = function (this: unknown, ...args: unknown[]) {
      const ctx = get_current_context();
      const obj = ensure ? ctx.ensure_object(object_type) : ctx.find_object(object_type);
      if (obj === null) throw new TypeError(`Managed to invoke callback without a context object of type '${object_type.name}' existing.`);
      return ctx.invoke(f, obj, ...args);
    };
    return wraps<F>(f)(new_func as unknown as F);
  };
}

/** `help_option(*param_decls, **kwargs)`: a `--help` under other names. */
export function help_option(...args: unknown[]): Decorator {
  const [decls, attrs] = decls_and_attrs<OptionOptions>(args);
  return option(...(decls.length ? decls : ["--help"]), {
    is_flag: true,
    expose_value: false,
    is_eager: true,
    help: "Show this message and exit.",
    callback: (ctx: Context, _param: Parameter, value: unknown) => {
      if (!value || ctx.resilient_parsing) return;
      echo(ctx.get_help(), { color: ctx.color });
      ctx.exit();
    },
    ...attrs,
  });
}

/**
 * `version_option(version, *param_decls, prog_name=None, message=None, **kwargs)`: `--version`
 * prints `%(prog)s, version %(version)s` and exits. The version must be given (there is no
 * installed package to read it from).
 */
export function version_option(version: string, ...args: unknown[]): Decorator {
  const [decls, attrs] = decls_and_attrs<OptionOptions & { prog_name?: string; message?: string }>(args);
  const { prog_name, message = "%(prog)s, version %(version)s", ...rest } = attrs;
  return option(...(decls.length ? decls : ["--version"]), {
    is_flag: true,
    expose_value: false,
    is_eager: true,
    help: "Show the version and exit.",
    callback: (ctx: Context, _param: Parameter, value: unknown) => {
      if (!value || ctx.resilient_parsing) return;
      const prog = prog_name ?? ctx.find_root().info_name ?? "";
      echo(message.replace(/%\(prog\)s/g, prog).replace(/%\(package\)s/g, prog).replace(/%\(version\)s/g, version), { color: ctx.color });
      ctx.exit();
    },
    ...rest,
  });
}
