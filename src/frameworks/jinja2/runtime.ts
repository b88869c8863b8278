/**
 * jinja2.runtime: what compiled templates call while they render — the `Context` (template
 * variables and the block stacks of an inheritance chain), `LoopContext` (`loop.index`, `cycle`,
 * `changed`…), `Macro` (argument binding, `caller`, `varargs`/`kwargs`), `BlockReference`
 * (`super()`, `self.block()`), the `Undefined` family, and the small value helpers the generated
 * JavaScript uses for Python semantics (`str`, `escape`, iteration, unpacking, slicing).
 *
 * Tracing lives here too: `TemplateTracer` collects, per rendered template, the blocks rendered
 * (and which template provided each), the macros called and the `{{ expressions }}` read. The
 * compiled code calls it only when a trace is being recorded (`state.tracer !== null`).
 */
import { escape_text, has_html, Markup } from "../markupsafe";
import { AttributeError, IndexError, TypeError, ValueError } from "../python/builtins";
import { is_kwargs, mark_kwargs, split_kwargs } from "../python/kwargs";
import { PyFloat } from "../python/json";
import { is_dict, py_str, type_name } from "../python/operator";
import { signature_of, type Signature } from "../python/signature";
import { PyTuple, tuple } from "../python/tuple";
import { span_close, span_set, to_json, trace_site, type Json } from "../../trace";
import { TemplateRuntimeError, UndefinedError } from "./exceptions";
import { missing, object_type_repr } from "./utils";
import type { Environment, Template } from "./environment";

// The template tracer's call sites (a tracer exists only while tracing). Eager: a template's attrs
// read the render's context as it starts.
const TEMPLATE = trace_site("template", "jinja2/runtime.ts#TemplateTracer.open", { eager: true });
const BLOCK = trace_site("template", "jinja2/runtime.ts#TemplateTracer.block");
const MACRO = trace_site("template", "jinja2/runtime.ts#TemplateTracer.macro_open");

export { missing };

// ------------------------------------------------------------------------------------------
// Undefined

/**
 * The value of a name or attribute that does not exist. Printing it gives "" and testing it gives
 * false; anything else (an attribute, an item, arithmetic, a call) raises `UndefinedError` with a
 * message saying what was missing.
 */
export class Undefined {
  constructor(
    readonly _undefined_hint: string | null = null,
    readonly _undefined_obj: unknown = missing,
    readonly _undefined_name: unknown = null,
    readonly _undefined_exception: new (message: string) => Error = UndefinedError,
  ) {}

  get _undefined_message(): string {
    if (this._undefined_hint) return this._undefined_hint;
    if (this._undefined_obj === missing) return `${py_repr_name(this._undefined_name)} is undefined`;
    if (typeof this._undefined_name !== "string") return `${object_type_repr(this._undefined_obj)} has no element ${py_repr_name(this._undefined_name)}`;
    return `'${object_type_repr(this._undefined_obj)}' has no attribute ${py_repr_name(this._undefined_name)}`;
  }

  _fail_with_undefined_error(): never {
    throw new this._undefined_exception(this._undefined_message);
  }

  __getattr__(name: string): unknown {
    if (name.startsWith("__")) throw new AttributeError(name);
    return this._fail_with_undefined_error();
  }
  __getitem__(_key: unknown): unknown {
    return this._fail_with_undefined_error();
  }
  __call__(..._args: unknown[]): unknown {
    return this._fail_with_undefined_error();
  }
  __add__(): never {
    return this._fail_with_undefined_error();
  }
  __radd__(): never {
    return this._fail_with_undefined_error();
  }
  __sub__(): never {
    return this._fail_with_undefined_error();
  }
  __rsub__(): never {
    return this._fail_with_undefined_error();
  }
  __mul__(): never {
    return this._fail_with_undefined_error();
  }
  __rmul__(): never {
    return this._fail_with_undefined_error();
  }
  __truediv__(): never {
    return this._fail_with_undefined_error();
  }
  __rtruediv__(): never {
    return this._fail_with_undefined_error();
  }
  __floordiv__(): never {
    return this._fail_with_undefined_error();
  }
  __rfloordiv__(): never {
    return this._fail_with_undefined_error();
  }
  __mod__(): never {
    return this._fail_with_undefined_error();
  }
  __rmod__(): never {
    return this._fail_with_undefined_error();
  }
  __pow__(): never {
    return this._fail_with_undefined_error();
  }
  __rpow__(): never {
    return this._fail_with_undefined_error();
  }
  __neg__(): never {
    return this._fail_with_undefined_error();
  }
  __lt__(): never {
    return this._fail_with_undefined_error();
  }
  __int__(): never {
    return this._fail_with_undefined_error();
  }
  __float__(): never {
    return this._fail_with_undefined_error();
  }
  __eq__(other: unknown): boolean {
    return other instanceof Undefined && other.constructor === this.constructor;
  }
  __bool__(): boolean {
    return false;
  }
  __len__(): number {
    return 0;
  }
  __contains__(_item: unknown): boolean {
    return false;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return [][Symbol.iterator]();
  }
  toString(): string {
    return "";
  }
  __repr__(): string {
    return "Undefined";
  }
}

function py_repr_name(name: unknown): string {
  if (typeof name === "string") return name.includes("'") && !name.includes('"') ? `"${name}"` : `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (name === null || name === undefined) return "None";
  return py_str(name);
}

/** Attributes and items of a ChainableUndefined are itself: `{{ a.b.c }}` prints "". */
export class ChainableUndefined extends Undefined {
  __html__(): string {
    return this.toString();
  }
  override __getattr__(name: string): unknown {
    if (name.startsWith("__")) throw new AttributeError(name);
    return this;
  }
  override __getitem__(): unknown {
    return this;
  }
}

/** Prints what was undefined, as `{{ name }}`, so the gap shows in the output. */
export class DebugUndefined extends Undefined {
  override toString(): string {
    let message: string;
    if (this._undefined_hint) message = `undefined value printed: ${this._undefined_hint}`;
    else if (this._undefined_obj === missing) message = String(this._undefined_name);
    else message = `no such element: ${object_type_repr(this._undefined_obj)}[${py_repr_name(this._undefined_name)}]`;
    return `{{ ${message} }}`;
  }
}

/** Everything but `is defined` and `default` raises, printing and testing included. */
export class StrictUndefined extends Undefined {
  override toString(): string {
    return this._fail_with_undefined_error();
  }
  override __bool__(): boolean {
    return this._fail_with_undefined_error();
  }
  override __len__(): number {
    return this._fail_with_undefined_error();
  }
  override __eq__(): boolean {
    return this._fail_with_undefined_error();
  }
  override __contains__(): boolean {
    return this._fail_with_undefined_error();
  }
  override [Symbol.iterator](): Iterator<unknown> {
    return this._fail_with_undefined_error();
  }
}

export type UndefinedClass = new (hint?: string | null, obj?: unknown, name?: unknown, exc?: new (message: string) => Error) => Undefined;

// ------------------------------------------------------------------------------------------
// Evaluation context and Context

/** Per-render settings the template can change (`{% autoescape %}`). */
export class EvalContext {
  autoescape: boolean;
  volatile = false;
  constructor(
    readonly environment: Environment,
    template_name: string | null = null,
  ) {
    const a = environment.autoescape;
    this.autoescape = typeof a === "function" ? !!a(template_name) : !!a;
  }
  save(): { autoescape: boolean; volatile: boolean } {
    return { autoescape: this.autoescape, volatile: this.volatile };
  }
  revert(old: { autoescape: boolean; volatile: boolean }): void {
    this.autoescape = old.autoescape;
    this.volatile = old.volatile;
  }
}

export type BlockFunc = (context: Context) => string;
export type Vars = Record<string, unknown>;

/**
 * The variables a template sees: `parent` (globals, the render arguments, an including template's
 * names) and `vars` (what the template itself sets at top level), plus the block stacks: for each
 * block name, the implementations from the most derived template to the base.
 */
export class Context {
  vars: Vars = Object.create(null);
  eval_ctx: EvalContext;
  exported_vars = new Set<string>();
  globals_keys: Set<string>;
  blocks: Record<string, BlockFunc[]> = Object.create(null);

  constructor(
    readonly environment: Environment,
    public parent: Vars,
    readonly name: string | null,
    blocks: Record<string, BlockFunc>,
    globals: Vars | null = null,
  ) {
    this.eval_ctx = new EvalContext(environment, name);
    this.globals_keys = new Set<string>();
    if (globals) for (const k in globals) this.globals_keys.add(k);
    for (const k in blocks) this.blocks[k] = [blocks[k]];
  }

  /** The next implementation of block `name` after `current` (what `super()` renders). */
  super(name: string, current: BlockFunc): BlockReference | Undefined {
    const blocks = this.blocks[name];
    const index = blocks ? blocks.indexOf(current) + 1 : -1;
    if (!blocks || index <= 0 || index >= blocks.length) return new this.environment.undefined(`there is no parent block called '${name}'.`, missing, "super");
    return new BlockReference(name, this, blocks, index);
  }

  get(key: string, default_: unknown = null): unknown {
    const v = this.resolve_or_missing(key);
    return v === missing ? default_ : v;
  }

  resolve(key: string): unknown {
    const v = this.resolve_or_missing(key);
    return v === missing ? new this.environment.undefined(null, missing, key) : v;
  }

  resolve_or_missing(key: string): unknown {
    if (key in this.vars) return this.vars[key];
    if (key in this.parent) return this.parent[key];
    return missing;
  }

  get_exported(): Vars {
    const rv: Vars = {};
    for (const k of this.exported_vars) rv[k] = this.vars[k];
    return rv;
  }

  get_all(): Vars {
    let has_vars = false;
    for (const _ in this.vars) {
      has_vars = true;
      break;
    }
    if (!has_vars) return this.parent;
    return Object.assign(Object.create(null), this.parent, this.vars);
  }

  /** Call `func` from a template: context-wanting callables get the context first. */
  call(func: unknown, ...args: unknown[]): unknown {
    if (typeof func === "function") {
      const signature = signature_of(func);
      if (signature !== undefined) check_arguments(signature, args);
      const pass = (func as { jinja_pass_arg?: string }).jinja_pass_arg;
      if (pass === undefined) return func(...args);
      if (pass === "context") return func(this, ...args);
      if (pass === "eval_context") return func(this.eval_ctx, ...args);
      return func(this.environment, ...args);
    }
    const callable = func as { __call__?: (...a: unknown[]) => unknown } | null;
    if (callable !== null && typeof callable === "object" && typeof callable.__call__ === "function") {
      if (callable instanceof Macro) return callable.call_with(this.eval_ctx.autoescape, args);
      return callable.__call__(...args);
    }
    throw new TypeError(`'${type_name(func)}' object is not callable`);
  }

  /** A copy for a scoped block or a loop: same template and blocks, these locals on top. */
  derived(locals: Vars | null = null): Context {
    const context = new_context(this.environment, this.name, {}, this.get_all(), true, null, locals);
    context.eval_ctx = this.eval_ctx;
    for (const k in this.blocks) context.blocks[k] = [...this.blocks[k]];
    return context;
  }

  /** `{% block name %}`: render the most derived implementation (traced as a block event). */
  render_block(name: string, context: Context = this): string {
    const stack = this.blocks[name];
    const tracer = state.tracer;
    if (tracer !== null) tracer.block(name, stack[0]);
    return stack[0](context);
  }

  __contains__(name: string): boolean {
    return name in this.vars || name in this.parent;
  }
}

/** `new_context(...)`: the Context a template renders in, built from globals, vars and locals. */
export function new_context(environment: Environment, template_name: string | null, blocks: Record<string, BlockFunc>, vars: Vars | null = null, shared = false, globals: Vars | null = null, locals: Vars | null = null): Context {
  vars = vars ?? {};
  let parent: Vars;
  if (shared) parent = vars;
  else {
    parent = Object.create(null);
    if (globals) for (const k in globals) parent[k] = globals[k];
    Object.assign(parent, vars);
  }
  if (locals) {
    if (shared) parent = Object.assign(Object.create(null), parent);
    for (const key in locals) {
      const value = locals[key];
      if (value !== missing) parent[key] = value;
    }
  }
  return new environment.context_class(environment, parent, template_name, blocks, globals);
}

/** `self` in a template: `self.blockname()` renders that block again. */
export class TemplateReference {
  constructor(readonly _TemplateReference__context: Context) {}
  __getitem__(name: string): BlockReference {
    const context = this._TemplateReference__context;
    const blocks = context.blocks[name];
    if (!blocks) throw new AttributeError(name);
    return new BlockReference(name, context, blocks, 0);
  }
  __repr__(): string {
    return `<TemplateReference ${py_repr_name(this._TemplateReference__context.name)}>`;
  }
}

/** One implementation of a block on the inheritance chain; calling it renders it. */
export class BlockReference {
  constructor(
    readonly name: string,
    private readonly _context: Context,
    private readonly _stack: BlockFunc[],
    private readonly _depth: number,
  ) {}

  get super(): BlockReference | Undefined {
    if (this._depth + 1 >= this._stack.length) return new this._context.environment.undefined(`there is no parent block called '${this.name}'.`, missing, "super");
    return new BlockReference(this.name, this._context, this._stack, this._depth + 1);
  }

  __call__(): string | Markup {
    const tracer = state.tracer;
    if (tracer !== null) tracer.block(this.name, this._stack[this._depth], true);
    const rv = this._stack[this._depth](this._context);
    return this._context.eval_ctx.autoescape ? new Markup(rv) : rv;
  }
}

// ------------------------------------------------------------------------------------------
// Loops

/** `loop` inside `{% for %}`: where the iteration is, with helpers to cycle and spot changes. */
export class LoopContext {
  index0 = -1;
  private _last_changed_value: unknown = missing;
  constructor(
    private readonly _items: unknown[],
    private readonly _undefined: UndefinedClass,
    private readonly _recurse: ((iterable: unknown, loop_render_func: unknown, depth: number) => string) | null = null,
    readonly depth0 = 0,
  ) {}

  get length(): number {
    return this._items.length;
  }
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this._items.length - this.index0;
  }
  get revindex0(): number {
    return this._items.length - this.index;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this._items.length - 1;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  get previtem(): unknown {
    return this.index0 <= 0 ? new this._undefined("there is no previous item") : this._items[this.index0 - 1];
  }
  get nextitem(): unknown {
    return this.index0 + 1 >= this._items.length ? new this._undefined("there is no next item") : this._items[this.index0 + 1];
  }
  /** `loop.cycle('odd', 'even')` */
  cycle(...args: unknown[]): unknown {
    if (!args.length) throw new TypeError("no items for cycling given");
    return args[this.index0 % args.length];
  }
  /** `loop.changed(value)`: true the first time and whenever the value differs from the last call. */
  changed(...value: unknown[]): boolean {
    const key = value.length === 1 ? value[0] : tuple(value);
    if (this._last_changed_value === missing || !py_eq(this._last_changed_value, key)) {
      this._last_changed_value = key;
      return true;
    }
    return false;
  }
  /** `loop(children)` in a `recursive` loop renders the body for the children one level deeper. */
  __call__(iterable: unknown): string {
    if (this._recurse === null) throw new TypeError("The loop must have the 'recursive' marker to be called recursively.");
    return this._recurse(iterable, this._recurse, this.depth);
  }
  __repr__(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}

function py_eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => py_eq(x, b[i]));
  if (typeof a === "number" && b instanceof PyFloat) return a === b.value;
  if (a instanceof PyFloat && typeof b === "number") return a.value === b;
  if (a instanceof PyFloat && b instanceof PyFloat) return a.value === b.value;
  if ((typeof a === "string" || a instanceof String) && (typeof b === "string" || b instanceof String)) return a.valueOf() === b.valueOf();
  return false;
}

// ------------------------------------------------------------------------------------------
// Macros

type MacroFunc = (...args: unknown[]) => string;

/** A `{% macro %}` (or a `{% call %}` body): binds Python-style arguments, then renders. */
export class Macro {
  private readonly _argument_count: number;
  readonly explicit_caller: boolean;
  constructor(
    private readonly _environment: Environment,
    private readonly _func: MacroFunc,
    readonly name: string,
    readonly arguments_: string[],
    readonly catch_kwargs: boolean,
    readonly catch_varargs: boolean,
    readonly caller: boolean,
    private readonly _default_autoescape: boolean,
    readonly template_name: string | null = null,
  ) {
    this._argument_count = arguments_.length;
    this.explicit_caller = arguments_.includes("caller");
  }

  /** `m.arguments` is a tuple of the parameter names. */
  get arguments(): PyTuple<string> {
    return tuple(this.arguments_);
  }

  __call__(...args: unknown[]): string | Markup {
    return this.call_with(this._default_autoescape, args);
  }

  /** Bind positional and keyword arguments to the macro's parameters, as Jinja's Macro does. */
  call_with(autoescape: boolean, all_args: unknown[]): string | Markup {
    const [args, kwargs] = split_kwargs(all_args);
    const argument_values = args.slice(0, this._argument_count);
    let found_caller = false;
    if (argument_values.length !== this._argument_count) {
      for (const name of this.arguments_.slice(argument_values.length)) {
        let value: unknown = missing;
        if (name in kwargs) {
          value = kwargs[name];
          delete kwargs[name];
        }
        if (name === "caller") found_caller = true;
        argument_values.push(value);
      }
    } else found_caller = this.explicit_caller;
    if (this.caller && !found_caller) {
      let caller = kwargs.caller;
      delete kwargs.caller;
      if (caller === undefined || caller === null) caller = new this._environment.undefined("No caller defined", missing, "caller");
      argument_values.push(caller);
    }
    if (this.catch_kwargs) argument_values.push({ ...kwargs });
    else {
      const extra = Object.keys(kwargs);
      if (extra.length) {
        if ("caller" in kwargs) throw new TypeError(`macro '${this.name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
        throw new TypeError(`macro '${this.name}' takes no keyword argument '${extra[0]}'`);
      }
    }
    if (this.catch_varargs) argument_values.push(tuple(args.slice(this._argument_count)));
    else if (args.length > this._argument_count) throw new TypeError(`macro '${this.name}' takes not more than ${this.arguments_.length} argument(s)`);
    return this._invoke(argument_values, autoescape);
  }

  private _invoke(argument_values: unknown[], autoescape: boolean): string | Markup {
    const tracer = state.tracer;
    const handle = tracer !== null ? tracer.macro_open(this) : null;
    try {
      const rv = this._func(...argument_values);
      return autoescape ? new Markup(rv) : rv;
    } finally {
      if (handle !== null) tracer!.macro_close(handle);
    }
  }

  __repr__(): string {
    return `<Macro ${this.name === null ? "anonymous" : `'${this.name}'`}>`;
  }
}

// ------------------------------------------------------------------------------------------
// Value helpers for generated code

/** `str(value)` for output without autoescaping. */
export function to_str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof String) return value.valueOf();
  return py_str(value);
}

/** `escape(value)` for output with autoescaping, as text (no Markup allocated). */
export function to_escaped(value: unknown): string {
  if (typeof value === "string") return escape_text(value);
  if (typeof value === "number") return py_str(value);
  if (value instanceof Markup) return value.valueOf();
  if (has_html(value)) return String(value.__html__());
  return escape_text(py_str(value));
}

/** `'a' ~ b` and buffers joined under autoescape: Markup if any part is, escaping the rest. */
export function markup_join(parts: unknown[]): string | Markup {
  if (parts.some((p) => has_html(p))) return new Markup(parts.map(to_escaped).join(""));
  return parts.map(to_str).join("");
}

export function str_join(parts: unknown[]): string {
  return parts.map(to_str).join("");
}

/** The items a `{% for %}` walks (Python's `iter()`, materialised). */
export function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string" || value instanceof String) return [...value.valueOf()];
  if (value instanceof Map) return [...value.keys()];
  if (is_dict(value)) return Object.keys(value);
  if (value !== null && typeof value === "object") {
    const obj = value as { __iter__?: () => Iterable<unknown>; [Symbol.iterator]?: () => Iterator<unknown> };
    if (typeof obj.__iter__ === "function") return [...obj.__iter__()];
    if (typeof obj[Symbol.iterator] === "function") return [...(obj as Iterable<unknown>)];
    const keyed = value as { keys?: () => Iterable<unknown>; getitem?: unknown };
    if (typeof keyed.keys === "function" && typeof keyed.getitem === "function") return [...keyed.keys()];
  }
  throw new TypeError(`'${type_name(value)}' object is not iterable`);
}

/** `a, b = value` */
export function unpack(value: unknown, n: number): unknown[] {
  const items = iterate(value);
  if (items.length < n) throw new ValueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  if (items.length > n) throw new ValueError(`too many values to unpack (expected ${n})`);
  return items;
}

/** Python's `slice(start, stop, step)` object, as `getitem` receives it. */
export class Slice {
  constructor(
    readonly start: unknown,
    readonly stop: unknown,
    readonly step: unknown,
  ) {}

  /** The indices this slice selects in a sequence of `length` items. */
  indices(length: number): number[] {
    const step = this.step === null || this.step === undefined ? 1 : Number(this.step);
    if (step === 0) throw new ValueError("slice step cannot be zero");
    const norm = (v: unknown, dflt: number, lo: number, hi: number) => {
      if (v === null || v === undefined) return dflt;
      let i = Number(v);
      if (i < 0) i += length;
      return Math.min(Math.max(i, lo), hi);
    };
    const out: number[] = [];
    if (step > 0) {
      const start = norm(this.start, 0, 0, length);
      const stop = norm(this.stop, length, 0, length);
      for (let i = start; i < stop; i += step) out.push(i);
    } else {
      const start = norm(this.start, length - 1, -1, length - 1);
      const stop = norm(this.stop, -1, -1, length - 1);
      for (let i = start; i > stop; i += step) out.push(i);
    }
    return out;
  }
}

export function slice_of(value: unknown, s: Slice): unknown {
  if (typeof value === "string" || value instanceof String) {
    const chars = [...value.valueOf()];
    return s.indices(chars.length).map((i) => chars[i]).join("");
  }
  if (Array.isArray(value)) {
    const picked = s.indices(value.length).map((i) => value[i]);
    return value instanceof PyTuple ? tuple(picked) : picked;
  }
  throw new TypeError(`'${type_name(value)}' object is not subscriptable`);
}

/** `{% set ns.attr = value %}` */
export function namespace_set(ns: unknown, attr: string, value: unknown): void {
  if (!(ns !== null && typeof ns === "object" && typeof (ns as { __setitem__?: unknown }).__setitem__ === "function" && ns.constructor.name === "Namespace")) throw new TemplateRuntimeError("cannot assign attribute on non-namespace object");
  (ns as { __setitem__(k: string, v: unknown): void }).__setitem__(attr, value);
}

/** A dict literal: a plain object when every key is a string, else a Map. */
export function make_dict(pairs: [unknown, unknown][]): Record<string, unknown> | Map<unknown, unknown> {
  if (pairs.every(([k]) => typeof k === "string")) {
    const d: Record<string, unknown> = {};
    for (const [k, v] of pairs) d[k as string] = v;
    return d;
  }
  return new Map(pairs);
}

/**
 * The parameters through which Jinja hands a filter or test the context, the evaluation context or
 * the environment: when a Python signature starts with one of them, the call passes it first.
 */
const PASSED_PARAMS = new Set(["context", "eval_ctx", "environment", "env"]);

/**
 * How many positional arguments the Python function receives when a template passes `n_args`
 * after the value: the value, the arguments, and the passed context or environment if it takes one.
 */
export function positional_count(signature: Signature, n_args: number): number {
  return (PASSED_PARAMS.has(signature.params[0]) ? 1 : 0) + 1 + n_args;
}

/**
 * A filter or test called with arguments its Python signature refuses raises Python's TypeError
 * (`{{ s|replace('a') }}` → "do_replace() missing 1 required positional argument: 'new'").
 * Functions without a signature (a project's own, written in TypeScript) are not checked.
 */
export function check_call(func: Function, n_args: number, keywords: readonly string[]): void {
  const signature = signature_of(func);
  if (signature === undefined) return;
  const message = signature.bind_error(positional_count(signature, n_args), keywords);
  if (message !== null) throw new TypeError(message);
}

/**
 * A call of a function with a Python signature (a str's method, `range`, `lipsum`) that the real
 * function would refuse raises its TypeError. `args` ends with the keyword object, if any; a bound
 * method's signature that names `self` counts it, as Python does.
 */
function check_arguments(signature: Signature, args: unknown[]): void {
  const last = args[args.length - 1];
  const keywords = is_kwargs(last) ? Object.keys(last) : null;
  const given = args.length - (keywords ? 1 : 0) + (signature.params[0] === "self" ? 1 : 0);
  const message = signature.bind_error(given, keywords ?? []);
  if (message !== null) throw new TypeError(message);
}

/** Call a filter or test with keyword arguments bound to its declared Python parameters. */
export function call_with_kwargs(func: Function, fixed: unknown[], args: unknown[], kwargs: Record<string, unknown>, what: string): unknown {
  const names = (func as { jinja_params?: string[] }).jinja_params;
  if (!names) {
    return func(...fixed, ...args, mark_kwargs(kwargs));
  }
  const positional = [...args];
  for (const key of Object.keys(kwargs)) {
    const index = names.indexOf(key);
    if (index < 0) throw new TypeError(`${what}() got an unexpected keyword argument '${key}'`);
    if (index < args.length) throw new TypeError(`${what}() got multiple values for argument '${key}'`);
    while (positional.length < index) positional.push(undefined);
    positional[index] = kwargs[key];
  }
  return func(...fixed, ...positional);
}

/** A filter or test named in a branch that never ran: fail only if it is actually called. */
export function missing_dependency(kind: string, name: string): (...args: unknown[]) => never {
  return () => {
    throw new TemplateRuntimeError(`No ${kind} named '${name}' found.`);
  };
}

export { IndexError };

// ------------------------------------------------------------------------------------------
// Tracing: what each rendered template did (blocks, macros, variables)

const MAX_TRACED_VARIABLES = 200;

interface TracedTemplate {
  span: number;
  name: string | null;
  variables: Json[];
  blocks: Json[];
  macros: Json[];
}

/**
 * Collects the render of one template tree: a span per template rendered (the one asked for, the
 * parents it extends, includes and imports), with the blocks, macros and expressions each one ran.
 */
export class TemplateTracer {
  private readonly stack: TracedTemplate[] = [];
  /** Block function → the template that defines it (filled as templates compile). */
  static readonly block_origin = new WeakMap<Function, string | null>();

  open(template: Template, how: string, attrs: () => Record<string, Json>): void {
    const span = TEMPLATE.open(template.name ?? "<string>", () => ({ origin: template.name ?? "<string>", name: template.name, engine: "jinja2", rendered_as: how, ...attrs() }));
    this.stack.push({ span, name: template.name, variables: [], blocks: [], macros: [] });
  }

  close(error?: unknown): void {
    const top = this.stack.pop();
    if (!top) return;
    span_set(top.span, () => ({ variables: top.variables, blocks_rendered: top.blocks, macros_called: top.macros }));
    void error;
    span_close(top.span);
  }

  get depth(): number {
    return this.stack.length;
  }

  /** `{{ expr }}` in template `template` at `line` printed `value`. */
  variable<T>(template: string | null, expr: string, line: number, value: T): T {
    const top = this.stack[this.stack.length - 1];
    if (top && top.variables.length < MAX_TRACED_VARIABLES) top.variables.push({ expr, line, value: to_json(value instanceof Undefined ? "" : value instanceof String ? value.valueOf() : value), template });
    return value;
  }

  /** A block rendered: which template's implementation ran. */
  block(name: string, func: BlockFunc, via_reference = false): void {
    const top = this.stack[this.stack.length - 1];
    const from = TemplateTracer.block_origin.get(func) ?? null;
    if (top) top.blocks.push({ block: name, from, via: via_reference ? "reference" : "block" });
    BLOCK.event(`block ${name}`, () => ({ block: name, overridden_in: from, rendered_in: top?.name ?? null }));
  }

  macro_open(macro: Macro): number {
    const top = this.stack[this.stack.length - 1];
    if (top) top.macros.push({ macro: macro.name, template: macro.template_name });
    return MACRO.open(`macro ${macro.name}`, () => ({ macro: macro.name, defined_in: macro.template_name, arguments: [...macro.arguments_] }));
  }

  macro_close(handle: number): void {
    span_close(handle);
  }
}

/** The tracer of the render in progress, or null when no trace is being recorded. */
export const state: { tracer: TemplateTracer | null } = { tracer: null };
