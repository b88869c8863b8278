/**
 * jinja2.environment: the `Environment` (configuration, filters, tests, globals, the loader and
 * the template cache) and `Template` (one compiled template: `render(vars)` → text).
 *
 * Loading a template runs Jinja's pipeline, one named step each:
 *   source --lex--> tokens --parse--> nodes.Template --generate--> { root, blocks } → Template
 * (`generate` turns the tree into JavaScript closures once, ADR 0026; the environment caches the
 * template), and rendering calls the compiled `root(context)`. Attribute lookup is Jinja's: `a.b` tries the
 * attribute, then the item; `a['b']` the item, then the attribute; a miss is an `Undefined`.
 *
 *   const env = new Environment({ loader: new DictLoader({ "hi.html": "Hi {{ name }}!" }), autoescape: true });
 *   env.get_template("hi.html").render({ name: "<Ann>" })   // "Hi &lt;Ann&gt;!"
 */
import { Markup } from "../markupsafe";
import { AttributeError, Exception, IndexError, KeyError, LookupError, TypeError } from "../python/builtins";
import { builtin_method, method_signature } from "../python/methods";
import { with_signature } from "../python/signature";
import { KWARGS_PROTO, split_kwargs } from "../python/kwargs";
import { PyFloat } from "../python/json";
import * as py_arith from "../python/arith";
import { compare, contains, eq, is_dict, truth } from "../python/operator";
import { PyTuple, tuple } from "../python/tuple";
import { to_json, tracing_enabled, type Json } from "../../trace";
import { generate, type CompiledModule } from "./compiler";
import * as defaults from "./defaults";
import { TemplateNotFound, TemplateRuntimeError, TemplatesNotFound, TemplateSyntaxError, UndefinedError } from "./exceptions";
import { Lexer, type TokenStream } from "./lexer";
import type { BaseLoader } from "./loaders";
import * as nodes from "./nodes";
import { Parser } from "./parser";
import * as runtime from "./runtime";
import { Context, new_context, TemplateTracer, Undefined, state, type BlockFunc, type UndefinedClass, type Vars } from "./runtime";
import { missing } from "./utils";
import { as_recursion_error, check_items } from "./limits";

type Filter = (...args: any[]) => unknown;

export interface EnvironmentOptions {
  block_start_string?: string;
  block_end_string?: string;
  variable_start_string?: string;
  variable_end_string?: string;
  comment_start_string?: string;
  comment_end_string?: string;
  trim_blocks?: boolean;
  lstrip_blocks?: boolean;
  newline_sequence?: "\n" | "\r\n" | "\r";
  keep_trailing_newline?: boolean;
  extensions?: unknown[];
  optimized?: boolean;
  undefined?: UndefinedClass;
  finalize?: ((value: unknown) => unknown) | null;
  autoescape?: boolean | ((template_name: string | null) => boolean);
  loader?: BaseLoader | null;
  cache_size?: number;
  auto_reload?: boolean;
}

/** Not found by Python's getattr/getitem (distinct from every value, None included). */
const NOT_FOUND: unique symbol = Symbol("not found");

/** Names a template may not reach on JavaScript objects (they are not Python attributes). */
const BLOCKED_ATTRIBUTES = new Set(["constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "valueOf", "toString"]);
const DICT_METHOD_NAMES = new Set(["keys", "values", "items", "get", "pop", "setdefault", "update", "copy", "clear"]);

function has_own(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Python's `getattr(obj, name)` for the values templates meet, or NOT_FOUND. */
function py_getattr(obj: unknown, name: string): unknown {
  if (obj === null || obj === undefined) return NOT_FOUND;
  if (obj instanceof Undefined) return obj.__getattr__(name);
  if (typeof obj === "string") return python_method(obj, name);
  if (typeof obj !== "object" && typeof obj !== "function") return NOT_FOUND;
  if (BLOCKED_ATTRIBUTES.has(name)) return NOT_FOUND;
  const custom = obj as { __getattr__?: (n: string) => unknown };
  if (typeof custom.__getattr__ === "function" && !(name in obj)) {
    try {
      const v = custom.__getattr__(name);
      return v === missing ? NOT_FOUND : v;
    } catch (e) {
      if (e instanceof AttributeError) return NOT_FOUND;
      throw e;
    }
  }
  if (obj instanceof String) {
    if (name in obj && !(name in String.prototype)) return bind(obj, (obj as any)[name]);
    return python_method(obj, name);
  }
  if (Array.isArray(obj)) {
    if (name in obj && !(name in Array.prototype) && !/^\d+$/.test(name)) return bind(obj, (obj as any)[name]);
    return python_method(obj, name);
  }
  if (obj instanceof Map || is_dict(obj)) return python_method(obj, name);
  if (typeof obj === "function") return name === "__name__" ? (obj as Function).name : NOT_FOUND;
  if (name in obj) return bind(obj, (obj as any)[name]);
  return NOT_FOUND;
}

/**
 * A str's, list's, tuple's or dict's method, carrying its Python signature so that a call the real
 * method would refuse raises the same TypeError (`Context.call` checks it), or NOT_FOUND.
 */
function python_method(obj: unknown, name: string): unknown {
  const method = builtin_method(obj, name);
  if (method === undefined) return NOT_FOUND;
  const signature = method_signature(obj, name);
  return signature === undefined ? method : with_signature(method, signature);
}

function bind(obj: object, value: unknown): unknown {
  if (typeof value === "function" && !/^class[\s{]/.test(Function.prototype.toString.call(value))) {
    const bound = (value as Function).bind(obj);
    const pass = (value as { jinja_pass_arg?: string }).jinja_pass_arg;
    if (pass) bound.jinja_pass_arg = pass;
    return bound;
  }
  return value;
}

function python_index(length: number, key: unknown): number | null {
  let i: number;
  if (typeof key === "number" && Number.isInteger(key)) i = key;
  else if (typeof key === "boolean") i = key ? 1 : 0;
  else if (typeof key === "bigint") i = Number(key);
  else return null;
  if (i < 0) i += length;
  return i >= 0 && i < length ? i : -1;
}

/** Python's `obj[key]` for the values templates meet, or NOT_FOUND (KeyError, IndexError, TypeError). */
function py_getitem(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return NOT_FOUND;
  if (obj instanceof Undefined) return obj.__getitem__(key);
  if (key instanceof runtime.Slice) {
    if (typeof obj === "string" || obj instanceof String || Array.isArray(obj)) return runtime.slice_of(obj, key);
  }
  if (Array.isArray(obj)) {
    const i = python_index(obj.length, key);
    return i === null || i < 0 ? NOT_FOUND : obj[i];
  }
  if (typeof obj === "string" || obj instanceof String) {
    const s = obj.valueOf();
    const i = python_index(s.length, key);
    return i === null || i < 0 ? NOT_FOUND : s[i];
  }
  if (typeof obj !== "object") return NOT_FOUND;
  if (obj instanceof Map) return obj.has(key) ? obj.get(key) : NOT_FOUND;
  if (is_dict(obj)) return typeof key === "string" && has_own(obj, key) ? obj[key] : NOT_FOUND;
  const custom = obj as { __getitem__?: (k: unknown) => unknown; getitem?: (k: unknown) => unknown };
  const getter = typeof custom.__getitem__ === "function" ? custom.__getitem__ : typeof custom.getitem === "function" ? custom.getitem : null;
  if (getter) {
    try {
      return getter.call(obj, key);
    } catch (e) {
      if (e instanceof LookupError || e instanceof TypeError || e instanceof AttributeError || e instanceof KeyError || e instanceof IndexError) return NOT_FOUND;
      if (e instanceof Exception && ["KeyError", "BadRequestKeyError", "IndexError", "LookupError"].includes(e.constructor.name)) return NOT_FOUND;
      throw e;
    }
  }
  return NOT_FOUND;
}

function fail_if_undefined(a: unknown, b: unknown): void {
  if (a instanceof Undefined) a._fail_with_undefined_error();
  if (b instanceof Undefined) b._fail_with_undefined_error();
}

/** The helpers compiled templates call (`rt`): Python's operators and the runtime's seams. */
export const RT = {
  ...runtime,
  missing,
  Markup,
  PyFloat,
  tuple,
  KWARGS_PROTO,
  TemplateRuntimeError,
  TemplateNotFound,
  truth,
  ...py_arith,
  /** `a * b`, a repetition bounded (`'x' * 999999999` is MemoryError, not "Invalid string length"). */
  py_mul(a: unknown, b: unknown): unknown {
    const seq = typeof a === "string" || a instanceof String || Array.isArray(a) ? a : typeof b === "string" || b instanceof String || Array.isArray(b) ? b : null;
    const n = seq === a ? b : a;
    if (seq !== null && (typeof n === "number" || typeof n === "bigint")) check_items("a repetition", (seq as { length: number }).length * Math.max(0, Number(n)));
    return py_arith.py_mul(a, b);
  },
  eq,
  ne: (a: unknown, b: unknown) => !eq(a, b),
  lt: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a < b : (fail_if_undefined(a, b), compare(a, b, "<") < 0)),
  le: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a <= b : (fail_if_undefined(a, b), compare(a, b, "<=") <= 0)),
  gt: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a > b : (fail_if_undefined(a, b), compare(a, b, ">") > 0)),
  ge: (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a >= b : (fail_if_undefined(a, b), compare(a, b, ">=") >= 0)),
  contains,
  /** After `{% extends %}`: the parent's blocks go under the child's on each block stack. */
  add_parent_blocks(context: Context, parent: Template): void {
    for (const name in parent.blocks) (context.blocks[name] ??= []).push(parent.blocks[name]);
  },
  /** Render the parent of an `{% extends %}` with the child's context (a child span when traced). */
  render_parent(parent: Template, context: Context): string {
    return parent._render_traced("extends", () => parent.root_render_func(context), context);
  },
  /** `{% include %}`: with the including context's names (or only the globals, without context). */
  render_include(template: Template, vars: Vars | null, locals: Vars | null): string {
    if (vars === null) return template._render_traced("include", () => String(template._get_default_module()), null);
    const context = template.new_context(vars, true, locals);
    return template._render_traced("include", () => template.root_render_func(context), context);
  },
  make_module(template: Template, vars: Vars, shared: boolean, locals: Vars | null): TemplateModule {
    return template.make_module(vars, shared, locals);
  },
  default_module(template: Template, context: Context | null): TemplateModule {
    return template._get_default_module(context);
  },
  module_attr(module: TemplateModule, name: string): unknown {
    return name in module.__attrs ? module.__attrs[name] : missing;
  },
};

/** Jinja's central object: configuration, filters/tests/globals, the loader and the cache. */
export class Environment {
  sandboxed = false;
  readonly trim_blocks: boolean;
  readonly lstrip_blocks: boolean;
  readonly newline_sequence: string;
  readonly keep_trailing_newline: boolean;
  readonly optimized: boolean;
  undefined: UndefinedClass;
  finalize: ((value: unknown) => unknown) | null;
  autoescape: boolean | ((template_name: string | null) => boolean);
  loader: BaseLoader | null;
  auto_reload: boolean;
  filters: Record<string, Filter>;
  tests: Record<string, Filter>;
  globals: Record<string, unknown>;
  policies: Record<string, unknown>;
  context_class: typeof Context = Context;
  template_class: typeof Template;
  private readonly cache: Map<string, Template> | null;
  private readonly cache_size: number;
  private _lexer: Lexer | null = null;

  constructor(options: EnvironmentOptions = {}) {
    for (const [key, dflt] of [["block_start_string", "{%"], ["block_end_string", "%}"], ["variable_start_string", "{{"], ["variable_end_string", "}}"], ["comment_start_string", "{#"], ["comment_end_string", "#}"]] as const) {
      if (options[key] !== undefined && options[key] !== dflt) throw new TypeError(`${key}: this port of Jinja supports only the default delimiters ('${dflt}')`);
    }
    if (options.extensions && options.extensions.length) throw new TypeError("Jinja extensions (do, loopcontrols, i18n) are not part of this port");
    this.trim_blocks = options.trim_blocks ?? false;
    this.lstrip_blocks = options.lstrip_blocks ?? false;
    this.newline_sequence = options.newline_sequence ?? "\n";
    this.keep_trailing_newline = options.keep_trailing_newline ?? false;
    this.optimized = options.optimized ?? true;
    this.undefined = options.undefined ?? Undefined;
    this.finalize = options.finalize ?? null;
    this.autoescape = options.autoescape ?? false;
    this.loader = options.loader ?? null;
    this.auto_reload = options.auto_reload ?? true;
    this.filters = { ...defaults.DEFAULT_FILTERS };
    this.tests = { ...defaults.DEFAULT_TESTS };
    this.globals = { ...defaults.DEFAULT_NAMESPACE };
    this.policies = { ...defaults.DEFAULT_POLICIES };
    this.template_class = Template;
    this.cache_size = options.cache_size ?? 400;
    this.cache = this.cache_size === 0 ? null : new Map();
  }

  /** Autoescaping for a template name, decided when it compiles. */
  autoescape_for(name: string | null): boolean {
    return typeof this.autoescape === "function" ? !!this.autoescape(name) : !!this.autoescape;
  }

  // ---------------------------------------------------------------------------------------
  // Attribute and item lookup, Jinja's way

  /** `obj[argument]`: the item first, then (for a string key) the attribute; else Undefined. */
  getitem(obj: unknown, argument: unknown): unknown {
    if (Array.isArray(obj) && typeof argument === "number" && Number.isInteger(argument)) {
      const i = argument < 0 ? argument + obj.length : argument;
      if (i >= 0 && i < obj.length) return obj[i];
    }
    const item = py_getitem(obj, argument);
    if (item !== NOT_FOUND) return item;
    if (typeof argument === "string") {
      const attr = py_getattr(obj, argument);
      if (attr !== NOT_FOUND) return attr;
    }
    return new this.undefined(null, obj, argument);
  }

  /** `obj.attribute`: the attribute first, then the item; else Undefined. */
  getattr(obj: unknown, attribute: string): unknown {
    if (obj !== null && typeof obj === "object") {
      const proto = Object.getPrototypeOf(obj);
      if ((proto === Object.prototype || proto === null) && !DICT_METHOD_NAMES.has(attribute)) {
        if (has_own(obj, attribute)) return (obj as Record<string, unknown>)[attribute];
        return new this.undefined(null, obj, attribute);
      }
    }
    const attr = py_getattr(obj, attribute);
    if (attr !== NOT_FOUND) return attr;
    const item = py_getitem(obj, attribute);
    if (item !== NOT_FOUND) return item;
    return new this.undefined(null, obj, attribute);
  }

  /** Call a filter by name, as `map('upper')` and `select('odd')` do. */
  call_filter(name: string, value: unknown, args: unknown[] = [], kwargs: Record<string, unknown> = {}, context: Context | null = null, eval_ctx: runtime.EvalContext | null = null): unknown {
    return this._filter_test_common(name, value, args, kwargs, context, eval_ctx, true);
  }

  call_test(name: string, value: unknown, args: unknown[] = [], kwargs: Record<string, unknown> = {}, context: Context | null = null, eval_ctx: runtime.EvalContext | null = null): unknown {
    return this._filter_test_common(name, value, args, kwargs, context, eval_ctx, false);
  }

  private _filter_test_common(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>, context: Context | null, eval_ctx: runtime.EvalContext | null, is_filter: boolean): unknown {
    const env_map = is_filter ? this.filters : this.tests;
    const type_name = is_filter ? "filter" : "test";
    const func = has_own(env_map, name) ? env_map[name] : undefined;
    if (func === undefined) {
      let msg = `No ${type_name} named '${name}'.`;
      if ((name as unknown) instanceof Undefined) msg += ` (${(name as unknown as Undefined)._undefined_message}; did you forget to quote the callable name?)`;
      throw new TemplateRuntimeError(msg);
    }
    const fixed: unknown[] = [];
    const pass = (func as { jinja_pass_arg?: string }).jinja_pass_arg;
    if (pass === "context") {
      if (context === null) throw new TemplateRuntimeError(`Attempted to invoke a context ${type_name} without context.`);
      fixed.push(context);
    } else if (pass === "eval_context") fixed.push(eval_ctx ?? context?.eval_ctx ?? new runtime.EvalContext(this));
    else if (pass === "environment") fixed.push(this);
    fixed.push(value);
    runtime.check_call(func, args.length, Object.keys(kwargs));
    if (!Object.keys(kwargs).length) return func(...fixed, ...args);
    return runtime.call_with_kwargs(func, fixed, args, kwargs, name);
  }

  // ---------------------------------------------------------------------------------------
  // The pipeline: lex, parse, generate, compile

  get lexer(): Lexer {
    return (this._lexer ??= new Lexer({ trim_blocks: this.trim_blocks, lstrip_blocks: this.lstrip_blocks, keep_trailing_newline: this.keep_trailing_newline, newline_sequence: this.newline_sequence }));
  }

  _tokenize(source: string, name: string | null, filename: string | null = null): TokenStream {
    return this.lexer.tokenize(source, name, filename);
  }

  /** Source → the template's syntax tree. */
  parse(source: string, name: string | null = null, filename: string | null = null): nodes.Template {
    try {
      return new Parser(this, source, name, filename).parse();
    } catch (e) {
      if (e instanceof TemplateSyntaxError) e.source = source;
      throw as_recursion_error(e);
    }
  }

  /** Syntax tree → the template's module: `root` and one `block_<name>` closure per block. */
  _generate(source: nodes.Template, name: string | null, filename: string | null): CompiledModule {
    return generate(source, this, name, filename, RT);
  }

  /**
   * Source → compiled module, once per template (the loader's cache keeps it). Jinja's `raw=True`
   * returns the generated Python source; there is no source text here (ADR 0026), so `raw` gives
   * the module's functions by name instead: "root", "block_title", ….
   */
  compile(source: string | nodes.Template, name: string | null = null, filename: string | null = null, raw = false): string | CompiledModule {
    const tree = typeof source === "string" ? this.parse(source, name, filename) : source;
    let code: CompiledModule;
    try {
      code = this._generate(tree, name, filename);
    } catch (e) {
      if (e instanceof TemplateSyntaxError && typeof source === "string") e.source = source;
      throw as_recursion_error(e);
    }
    if (raw) return [code.root.name, ...Object.values(code.blocks).map((b) => b.name)].join("\n");
    return code;
  }

  join_path(template: string, _parent: string): string {
    return template;
  }

  private _load_template(name: string, globals: Vars | null): Template {
    if (this.loader === null) throw new TypeError("no loader for this environment specified");
    const cached = this.cache?.get(name);
    if (cached && (!this.auto_reload || cached.is_up_to_date) && !globals) return cached;
    const template = this.loader.load(this, name, this.make_globals(globals));
    if (this.cache) {
      this.cache.set(name, template);
      if (this.cache.size > this.cache_size) this.cache.delete(this.cache.keys().next().value as string);
    }
    return template;
  }

  /** Load a template by name through the loader (cached). */
  get_template(name: string | Template | Undefined, parent: string | null = null, globals: Vars | null = null): Template {
    if (name instanceof Template) return name;
    if (name instanceof Undefined) name._fail_with_undefined_error();
    if (parent !== null) name = this.join_path(name as string, parent);
    return this._load_template(name as string, globals);
  }

  /** The first template of `names` that exists. */
  select_template(names: Iterable<string | Template> | Undefined, parent: string | null = null, globals: Vars | null = null): Template {
    if (names instanceof Undefined) names._fail_with_undefined_error();
    const list = [...(names as Iterable<string | Template>)];
    if (!list.length) throw new TemplatesNotFound([], "Tried to select from an empty list of templates.");
    for (let name of list) {
      if (name instanceof Template) return name;
      if (parent !== null) name = this.join_path(name, parent);
      try {
        return this._load_template(name, globals);
      } catch (e) {
        if (e instanceof TemplateNotFound || e instanceof UndefinedError) continue;
        throw e;
      }
    }
    throw new TemplatesNotFound(list);
  }

  get_or_select_template(name: unknown, parent: string | null = null, globals: Vars | null = null): Template {
    if (typeof name === "string" || name instanceof Undefined) return this.get_template(name as string, parent, globals);
    if (name instanceof Template) return name;
    return this.select_template(name as Iterable<string>, parent, globals);
  }

  /** A template from a string (not cached); autoescape is decided with the name None. */
  from_string(source: string | nodes.Template, globals: Vars | null = null, template_class: typeof Template | null = null): Template {
    const gs = this.make_globals(globals);
    const cls = template_class ?? this.template_class;
    return cls.from_code(this, this.compile(source) as CompiledModule, gs, null);
  }

  /** Globals for a template: its own on top of the environment's (live, like Python's ChainMap). */
  make_globals(d: Vars | null): Vars {
    const rv = Object.create(this.globals);
    if (d) Object.assign(rv, d);
    return rv;
  }

  list_templates(): string[] {
    return this.loader ? this.loader.list_templates() : [];
  }
}

export type { CompiledModule };
/** The helpers compiled templates call. */
export type Runtime = typeof RT;

/** One compiled template. `render(vars)` runs its root function in a fresh Context. */
export class Template {
  environment!: Environment;
  globals!: Vars;
  name: string | null = null;
  filename: string | null = null;
  blocks!: Record<string, BlockFunc>;
  root_render_func!: BlockFunc;
  _module: TemplateModule | null = null;
  _uptodate: (() => boolean) | null = null;

  /** `Template(source)`: compile a string in a shared default environment (as Jinja does). */
  constructor(source: string | null = null, options: EnvironmentOptions = {}) {
    if (source !== null) {
      const env = new Environment(options);
      const t = env.from_string(source);
      Object.assign(this, t);
    }
  }

  static from_code(environment: Environment, code: CompiledModule, globals: Vars, uptodate: (() => boolean) | null = null, name: string | null = null, filename: string | null = null): Template {
    const t = Object.create(this.prototype) as Template;
    t.environment = environment;
    t.globals = globals;
    t.name = name;
    t.filename = filename;
    t.blocks = code.blocks;
    t.root_render_func = code.root;
    t._uptodate = uptodate;
    t._module = null;
    for (const fn of Object.values(code.blocks)) TemplateTracer.block_origin.set(fn, name);
    return t;
  }

  /** `template.render(vars)` or `render({...}, {...})`: the rendered text. */
  render(...args: (Vars | null | undefined)[]): string {
    const vars: Vars = {};
    for (const a of args) if (a) Object.assign(vars, a);
    const context = this.new_context(vars);
    try {
      return this._render_traced("render", () => this.root_render_func(context), context);
    } catch (e) {
      throw as_recursion_error(e);
    }
  }

  /** Run `fn` as this template's render, inside a "template" span when a trace is recorded. */
  _render_traced(how: string, fn: () => string, context: Context | null): string {
    if (!tracing_enabled()) return fn();
    const outer = state.tracer;
    const tracer = outer ?? new TemplateTracer();
    state.tracer = tracer;
    tracer.open(this, how, () => ({
      autoescape: context ? context.eval_ctx.autoescape : this.environment.autoescape_for(this.name),
      loader: this.environment.loader?.constructor.name ?? null,
      context_layers: context ? describe_context(context) : [],
    }));
    try {
      return fn();
    } finally {
      tracer.close();
      state.tracer = outer;
    }
  }

  new_context(vars: Vars | null = null, shared = false, locals: Vars | null = null): Context {
    return new_context(this.environment, this.name, this.blocks, vars, shared, this.globals, locals);
  }

  /** The template rendered as a module: its exported names (macros, top-level sets) as attributes. */
  make_module(vars: Vars | null = null, shared = false, locals: Vars | null = null): TemplateModule {
    const context = this.new_context(vars, shared, locals);
    return new TemplateModule(this, context);
  }

  _get_default_module(context: Context | null = null): TemplateModule {
    if (context !== null) {
      const keys = [...context.globals_keys].filter((k) => !(k in this.globals));
      if (keys.length) {
        const vars: Vars = {};
        for (const k of keys) vars[k] = context.parent[k];
        return this.make_module(vars);
      }
    }
    return (this._module ??= this.make_module());
  }

  get module(): TemplateModule {
    return this._get_default_module();
  }

  get is_up_to_date(): boolean {
    return this._uptodate === null ? true : this._uptodate();
  }

  __repr__(): string {
    return this.name === null ? `<Template memory>` : `<Template '${this.name}'>`;
  }
}

/** A template rendered for `{% import %}`: its macros and exported variables as attributes. */
export class TemplateModule {
  readonly __name__: string | null;
  readonly __attrs: Record<string, unknown>;
  private readonly _body_stream: string;

  constructor(template: Template, context: Context) {
    this._body_stream = template._render_traced("import", () => template.root_render_func(context), context);
    this.__attrs = context.get_exported();
    this.__name__ = template.name;
  }

  __getattr__(name: string): unknown {
    return name in this.__attrs ? this.__attrs[name] : missing;
  }

  __html__(): Markup {
    return new Markup(this._body_stream);
  }

  toString(): string {
    return this._body_stream;
  }

  __repr__(): string {
    return this.__name__ === null ? `<TemplateModule memory>` : `<TemplateModule '${this.__name__}'>`;
  }
}

/** What the Templates panel shows as the context: the render's own names, then the globals. */
function describe_context(context: Context): Json {
  const own: Record<string, Json> = {};
  const globals: Record<string, Json> = {};
  for (const key in context.parent) {
    if (context.globals_keys.has(key)) globals[key] = "<global>";
    else own[key] = to_json(context.parent[key]);
  }
  return [
    { label: "globals", values: globals },
    { label: "template context", values: own },
  ];
}

export { split_kwargs, PyTuple };
