/**
 * django.template.library: where tags and filters are registered, and how `{% load %}` finds them.
 *
 * A Library is a registry: `register.filter("name", fn)`, `register.tag("name", compile_fn)`,
 * `register.simple_tag(fn)`, `register.inclusion_tag("file.html")(fn)`. The built-in library
 * (defaulttags + defaultfilters + loader_tags) is loaded into every template; other libraries
 * are loaded by name with `{% load name %}`. In a project, `blog/templatetags/blog_extras.ts`
 * exporting `register = new Library()` becomes the library `blog_extras`.
 *
 *   export const register = new Library();
 *   register.filter("cut", (value, arg) => String(value).replaceAll(arg, ""));
 *   register.simple_tag(function current_time(format_string) { … }, { takes_context: false });
 *
 * Keyword arguments of a simple tag (`{% tag a b key=c %}`) arrive as a trailing options object,
 * like every Python keyword argument in this codebase: `fn(a, b, { key: c })`.
 */
import { Exception } from "../../python/builtins";
import { is_dict } from "../../python/operator";
import { conditional_escape } from "../utils/html";
import { import_module } from "../utils/module_loading";
import { Node, Template, token_kwargs, type CompileFunction, type FilterExpression, type Parser, type Token } from "./base";
import type { Context } from "./context";
import { parameter_list } from "../dispatch/dispatcher";
import { TemplateSyntaxError } from "./exceptions";

export class InvalidTemplateLibrary extends Exception {}

/** A filter function plus the flags Django keeps as function attributes. */
export interface FilterFunction {
  (value: any, ...args: any[]): any;
  is_safe?: boolean;
  needs_autoescape?: boolean;
  expects_localtime?: boolean;
  /** Arguments after the value: how many are required, and how many may be given. */
  required_args?: number;
  max_args?: number;
  _filter_name?: string;
}

export interface FilterFlags {
  is_safe?: boolean;
  needs_autoescape?: boolean;
  expects_localtime?: boolean;
  /** Override the argument count read from the function (`fn.length`). */
  required_args?: number;
  max_args?: number;
}

/** Tags and filters registered under names. */
export class Library {
  tags: Record<string, CompileFunction> = {};
  filters: Record<string, FilterFunction> = {};

  /** `register.tag("name", compile_function)` or `register.tag(compile_function)` (named after it). */
  tag(name: string | CompileFunction, compile_function?: CompileFunction): CompileFunction {
    if (typeof name === "function") return this.tag(name.name, name);
    this.tags[name] = compile_function!;
    return compile_function!;
  }

  /**
   * `register.filter("name", fn, flags)` or `register.filter(fn, flags)`. A filter receives the value
   * and at most one argument; with `needs_autoescape` it also receives `{ autoescape }` last.
   */
  filter(name: string | ((...args: any[]) => any), filter_func?: ((...args: any[]) => any) | FilterFlags, flags: FilterFlags = {}): FilterFunction {
    if (typeof name === "function") return this.filter(name.name, name, (filter_func as FilterFlags) ?? {});
    const func = filter_func as FilterFunction;
    // Django checks a filter's argument count against the signature of `inspect.unwrap(func)`
    // (through @stringfilter and functools.wraps): read from the parameter list, defaults included,
    // which `length` does not count; a function whose list cannot be read keeps the old guess.
    let unwrapped: Function = func;
    while (typeof (unwrapped as { __wrapped__?: unknown }).__wrapped__ === "function") unwrapped = (unwrapped as unknown as { __wrapped__: Function }).__wrapped__;
    const sig = tag_signature(unwrapped, false);
    const declared = func.length - (flags.needs_autoescape ? 1 : 0);
    const guess_required = sig && !sig.varargs ? Math.max(0, sig.required - 1) : Math.max(0, declared - 1);
    const guess_max = sig && !sig.varargs ? Math.max(0, sig.params.length - 1) : flags.needs_autoescape ? declared - 1 : 1;
    func.required_args = flags.required_args ?? func.required_args ?? guess_required;
    func.max_args = flags.max_args ?? func.max_args ?? Math.max(func.required_args, guess_max);
    for (const flag of ["is_safe", "needs_autoescape", "expects_localtime"] as const) if (flags[flag] !== undefined) func[flag] = flags[flag];
    func._filter_name = name;
    this.filters[name] = func;
    return func;
  }

  /**
   * `register.simple_tag(fn, {takes_context, name})`: `{% name arg1 key=arg2 as var %}` calls
   * `fn(arg1, {key: arg2})` and outputs the result (escaped when autoescaping), or stores it in `var`.
   */
  simple_tag(func: (...args: any[]) => unknown, options: { takes_context?: boolean; name?: string } = {}): (...args: any[]) => unknown {
    const name = options.name ?? func.name;
    const takes_context = options.takes_context ?? false;
    this.tag(name, (parser, token) => {
      let bits = token.split_contents().slice(1);
      let target_var: string | null = null;
      if (bits.length >= 2 && bits[bits.length - 2] === "as") {
        target_var = bits[bits.length - 1];
        bits = bits.slice(0, -2);
      }
      const [args, kwargs] = parse_bits(parser, bits, name, tag_signature(func, takes_context));
      return new SimpleNode(func, takes_context, args, kwargs, target_var);
    });
    return func;
  }

  /**
   * `register.inclusion_tag("results.html")(fn)`: `fn(...)` returns a dict, which renders the given
   * template; the output replaces the tag.
   */
  inclusion_tag(filename: string | string[] | Template, options: { takes_context?: boolean; name?: string } = {}) {
    return (func: (...args: any[]) => Record<string, unknown>) => {
      const name = options.name ?? func.name;
      this.tag(name, (parser, token) => {
        const bits = token.split_contents().slice(1);
        const [args, kwargs] = parse_bits(parser, bits, name, tag_signature(func, options.takes_context ?? false));
        return new InclusionNode(func, options.takes_context ?? false, args, kwargs, filename);
      });
      return func;
    };
  }
}

/**
 * A tag function's Python signature, read from its parameter list (Django reads it with
 * `getfullargspec`): `function greet(name, greeting = "Hello")` has params `["name", "greeting"]`,
 * of which `name` is required. A function whose last parameter is destructured
 * (`function greet(name, { greeting = "Hello" } = {})`), or defaults to `{}` (`options = {}`), takes the keyword arguments as one trailing
 * options object instead (ADR 0001), and a rest parameter takes any number of positional ones.
 * null when the source cannot be read (native or bound functions): nothing is checked then.
 */
export interface TagSignature {
  params: string[];
  required: number;
  varargs: boolean;
  options_object: boolean;
}

export function tag_signature(func: Function, takes_context: boolean): TagSignature | null {
  const list = parameter_list(Function.prototype.toString.call(func));
  if (!list) return null;
  let raw = list.filter(Boolean);
  if (takes_context) raw = raw.slice(1);
  const last = raw[raw.length - 1] ?? "";
  const options_object = last.startsWith("{") || /=\s*\{\s*\}$/.test(last);
  const varargs = last.startsWith("...");
  if (options_object || varargs) raw = raw.slice(0, -1);
  const params = raw.map((p) => p.split("=")[0].replace(/[?:].*$/s, "").trim());
  const first_default = raw.findIndex((p) => p.includes("="));
  return { params, required: first_default < 0 ? params.length : first_default, varargs, options_object };
}

/** Django's parse_bits checks, against the function's signature, when the template is compiled. */
function check_bits(sig: TagSignature | null, args: FilterExpression[], kwargs: Record<string, FilterExpression>, name: string): void {
  if (!sig || sig.options_object) return;
  for (const key of Object.keys(kwargs)) {
    const at = sig.params.indexOf(key);
    if (at < 0) throw new TemplateSyntaxError(`'${name}' received unexpected keyword argument '${key}'`);
    if (at < args.length) throw new TemplateSyntaxError(`'${name}' received multiple values for keyword argument '${key}'`);
  }
  if (args.length > sig.params.length && !sig.varargs) throw new TemplateSyntaxError(`'${name}' received too many positional arguments`);
  const missing = sig.params.slice(args.length, sig.required).filter((p) => !(p in kwargs));
  if (missing.length) throw new TemplateSyntaxError(`'${name}' did not receive value(s) for the argument(s): ${missing.map((p) => `'${p}'`).join(", ")}`);
}

/** The positional and `key=value` arguments of a simple or inclusion tag. */
export function parse_bits(parser: Parser, bits: string[], name: string, sig: TagSignature | null = null): [FilterExpression[], Record<string, FilterExpression>] {
  const args: FilterExpression[] = [];
  const kwargs: Record<string, FilterExpression> = {};
  for (const bit of bits) {
    const kwarg = token_kwargs([bit], parser);
    const keys = Object.keys(kwarg);
    if (keys.length) {
      const key = keys[0];
      if (key in kwargs) throw new TemplateSyntaxError(`'${name}' received multiple values for keyword argument '${key}'`);
      kwargs[key] = kwarg[key];
    } else {
      if (Object.keys(kwargs).length) throw new TemplateSyntaxError(`'${name}' received some positional argument(s) after some keyword argument(s)`);
      args.push(parser.compile_filter(bit));
    }
  }
  check_bits(sig, args, kwargs, name);
  return [args, kwargs];
}

/** Shared by simple and inclusion tags: resolve the arguments, add the context if asked. */
abstract class TagHelperNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly func: (...args: any[]) => any,
    readonly takes_context: boolean,
    readonly args: FilterExpression[],
    readonly kwargs: Record<string, FilterExpression>,
  ) {
    super();
  }

  /**
   * The call's arguments: positional ones in order, then each keyword argument in the position of
   * the parameter it names (as Python binds `greet("Cy", punctuation="!")`), or, for a function
   * that takes an options object, all keyword arguments as that trailing object.
   */
  get_resolved_arguments(context: Context): unknown[] {
    const resolved: unknown[] = this.args.map((a) => a.resolve(context));
    const keys = Object.keys(this.kwargs);
    const sig = tag_signature(this.func, this.takes_context);
    if (keys.length && sig && !sig.options_object) {
      for (const key of keys) {
        const at = sig.params.indexOf(key);
        while (resolved.length < at) resolved.push(undefined);
        resolved[at] = this.kwargs[key].resolve(context);
      }
    } else if (keys.length) {
      // The options object is the trailing parameter: missing positional ones take their defaults.
      if (sig) while (resolved.length < sig.params.length) resolved.push(undefined);
      resolved.push(Object.fromEntries(keys.map((k) => [k, this.kwargs[k].resolve(context)])));
    }
    if (this.takes_context) resolved.unshift(context);
    return resolved;
  }
}

export class SimpleNode extends TagHelperNode {
  constructor(func: (...args: any[]) => any, takes_context: boolean, args: FilterExpression[], kwargs: Record<string, FilterExpression>, readonly target_var: string | null) {
    super(func, takes_context, args, kwargs);
  }

  render(context: Context): string {
    const output = this.func(...this.get_resolved_arguments(context));
    if (this.target_var !== null) {
      context.set(this.target_var, output);
      return "";
    }
    if (context.autoescape) return conditional_escape(output).valueOf();
    return String(output ?? "None");
  }
}

export class InclusionNode extends TagHelperNode {
  constructor(func: (...args: any[]) => any, takes_context: boolean, args: FilterExpression[], kwargs: Record<string, FilterExpression>, readonly filename: string | string[] | Template) {
    super(func, takes_context, args, kwargs);
  }

  render(context: Context): string {
    const dict = this.func(...this.get_resolved_arguments(context));
    if (!is_dict(dict)) throw new TemplateSyntaxError(`inclusion tag '${this.func.name}' must return a dict`);
    let t = context.render_context.get(this) as Template | null;
    if (t === null) {
      const engine = context.template!.engine;
      if (this.filename instanceof Template) t = this.filename;
      else if (Array.isArray(this.filename)) t = engine.select_template(this.filename);
      else t = engine.get_template(this.filename);
      context.render_context.set(this, t);
    }
    const new_context = context.new(dict);
    const csrf_token = context.get("csrf_token");
    if (csrf_token !== null) new_context.set("csrf_token", csrf_token);
    return t.render(new_context).valueOf();
  }
}

/** `import_library("blog.templatetags.blog_extras")` → its `register` Library. */
export function import_library(name: string): Library {
  let module: Record<string, unknown>;
  try {
    module = import_module(name);
  } catch (e) {
    throw new InvalidTemplateLibrary(`Invalid template library specified. ImportError raised when trying to load '${name}': ${(e as Error).message}`);
  }
  const register = module.register;
  if (!(register instanceof Library)) throw new InvalidTemplateLibrary(`Module  ${name} does not have a variable named 'register'`);
  return register;
}

export type { Token };
