/**
 * jinja2.compiler: a `nodes.Template` tree → a module of JavaScript closures (`generate`, class
 * `CodeGenerator`): `{ root, blocks: { <name>: block_<name> } }`.
 *
 * Jinja compiles every template once to Python source — a `root(context)` function for the body,
 * one `block_<name>(context)` per block, a function per macro — and `exec`s it, so a render runs
 * compiled code instead of walking the tree. This port makes the same module without writing
 * source text (`src/frameworks` never evaluates code, ADR 0026): the `CodeGenerator` visits each
 * node once and returns a closure that does what Jinja's generated line would do. The module's
 * functions carry Jinja's names (`root`, `block_content`, a macro's `macro_<name>`), so a stack
 * trace or a debugger reads as Jinja's generated module does. Compile once, render many: the
 * environment caches the module with its template.
 *
 * Names follow Jinja's scheme: every template variable is a reference `l_<depth>_<name>` chosen
 * by idtracking (`Symbols`), loaded on entry to its frame (resolved from the context, aliased from
 * the outer frame, or `missing`). Where Jinja writes a Python local, this compiler gives the name
 * a slot in the `Locals` of the function that declares it (one `Locals` per call of root, a
 * block, a macro, a recursive loop or a loop filter); a closure finds its slot by how many
 * functions out it was declared (`VarRef`), as Python finds a closure cell. Python semantics come
 * from the same runtime helpers the templates always used (`getattr`, `to_escaped`, `py_add`,
 * `truth`…). The trace is fed at a few seams: each `{{ expression }}` reports its value (with its
 * source and line) only when a `TemplateTracer` is active.
 *
 *   {% for x in items %}{{ x.name|upper }}{% endfor %}
 *   →  visit_For: (l) => { const items = iterate(l_0_items(l)); for (…) { set l_1_x; out += esc(f_upper(getattr(l_1_x(l), "name"))); } }
 */
import * as nodes from "./nodes";
import { TemplateAssertionError, TemplateNotFound, TemplateRuntimeError } from "./exceptions";
import { find_undeclared, Symbols, VAR_LOAD_ALIAS, VAR_LOAD_PARAMETER, VAR_LOAD_RESOLVE, VAR_LOAD_UNDEFINED } from "./idtracking";
import { PyFloat } from "../python/json";
import { KWARGS_PROTO } from "../python/kwargs";
import { TypeError } from "../python/builtins";
import { signature_of } from "../python/signature";
import { tuple } from "../python/tuple";
import { Markup } from "../markupsafe";
import { pass_arg_of } from "./utils";
import { check_call, iterate, LoopContext, Macro, make_dict, markup_join, missing, missing_dependency, namespace_set, positional_count, Slice, state, str_join, TemplateReference, to_escaped, to_str, unpack, type BlockFunc, type Context, type TemplateTracer, type Vars } from "./runtime";
import type { Environment, Runtime, Template } from "./environment";

// ------------------------------------------------------------------------------------------
// What the compiled closures run on

/**
 * One call of a compiled function (root, a block, a macro, a recursive loop or a loop filter):
 * the slots of the variables it declares (Jinja's Python locals), the function it was created in
 * (`up`, for variables of an enclosing function), the template `context` and the active tracer.
 */
export class Locals {
  readonly v: unknown[] = [];
  constructor(
    readonly context: Context,
    readonly up: Locals | null,
    size: number,
    readonly tr: TemplateTracer | null,
  ) {
    for (let i = 0; i < size; i++) this.v.push(undefined);
  }
}

/** A statement: runs in a `Locals`, returns what it outputs (Jinja's `yield`s, joined). */
type Stmt = (l: Locals) => string;
/** An expression: runs in a `Locals`, returns its value. */
type Expr = (l: Locals) => unknown;
/** A store into a target (`x`, `a, b`, `ns.attr`). */
type Assigner = (l: Locals, value: unknown) => void;

const EMPTY: Stmt = () => "";

/** Statements run in order, their outputs joined. */
function seq(parts: Stmt[]): Stmt {
  const p = parts.filter((s) => s !== EMPTY);
  if (p.length === 0) return EMPTY;
  if (p.length === 1) return p[0];
  if (p.length === 2) {
    const [a, b] = p;
    return (l) => a(l) + b(l);
  }
  if (p.length === 3) {
    const [a, b, c] = p;
    return (l) => a(l) + b(l) + c(l);
  }
  return (l) => {
    let out = "";
    for (let i = 0; i < p.length; i++) out += p[i](l);
    return out;
  };
}

/** Statements run for their effect only (a frame's loads, a `{% set %}`'s exports). */
function effects(parts: Stmt[]): Stmt {
  return seq(parts);
}

/**
 * A variable of the compiled module (`l_1_item`, a temporary `t_3`): which enclosing function
 * declares it (`depth` functions out) and its slot there. Filled in when that function's
 * declarations are complete, as a Python compiler decides which function owns each cell.
 */
class VarRef {
  depth = 0;
  index = -1;
  constructor(readonly name: string) {}
}

function locals_of(r: VarRef, l: Locals): Locals {
  if (r.index < 0) throw new ReferenceError(`${r.name} is not defined`);
  let x = l;
  for (let d = r.depth; d > 0; d--) x = x.up!;
  return x;
}

function read(r: VarRef): Expr {
  return (l) => (r.depth === 0 && r.index >= 0 ? l.v[r.index] : locals_of(r, l).v[r.index]);
}

function write(r: VarRef): Assigner {
  return (l, value) => {
    if (r.depth === 0 && r.index >= 0) l.v[r.index] = value;
    else locals_of(r, l).v[r.index] = value;
  };
}

/** A function of the module being compiled: its parameters and declared variables, in slots. */
class FunctionScope {
  readonly slots = new Map<string, number>();
  readonly uses: VarRef[] = [];
  constructor(
    readonly parent: FunctionScope | null,
    params: string[],
  ) {
    for (const p of params) this.declare(p);
  }

  declare(name: string): void {
    if (!this.slots.has(name)) this.slots.set(name, this.slots.size);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The function is complete: its own variables get their slots, the rest go one function out. */
  close(): void {
    for (const r of this.uses) {
      const index = this.slots.get(r.name);
      if (index !== undefined) r.index = index;
      else if (this.parent) {
        r.depth++;
        this.parent.uses.push(r);
      }
    }
  }
}

/** Name a compiled function as Jinja's generated module names it (`root`, `block_content`…). */
function named<F extends Function>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

/** Set a key on a fresh keyword object (`__proto__` as an own key, as Python would). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

// ------------------------------------------------------------------------------------------
// Compile-time state

/** Compile-time evaluation context: is output escaped, and is that known yet (`volatile`)? */
class EvalCtx {
  constructor(
    public autoescape: boolean,
    public volatile = false,
  ) {}
  save(): [boolean, boolean] {
    return [this.autoescape, this.volatile];
  }
  revert([a, v]: [boolean, boolean]): void {
    this.autoescape = a;
    this.volatile = v;
  }
}

/** Where code is being generated: the scope's symbols, its output buffer and its role. */
class Frame {
  symbols: Symbols;
  require_output_check: boolean;
  buffer: string;
  block: string | null;
  toplevel = false;
  rootlevel = false;
  loop_frame = false;
  block_frame = false;
  soft_frame = false;

  constructor(
    public eval_ctx: EvalCtx,
    public parent: Frame | null = null,
    level: number | null = null,
  ) {
    this.symbols = new Symbols(parent ? parent.symbols : null, level);
    this.require_output_check = parent ? parent.require_output_check : false;
    this.buffer = parent ? parent.buffer : "out";
    this.block = parent ? parent.block : null;
  }

  copy(): Frame {
    const rv = Object.assign(Object.create(Frame.prototype), this) as Frame;
    rv.symbols = this.symbols.copy();
    return rv;
  }

  inner(isolated = false): Frame {
    if (isolated) return new Frame(this.eval_ctx, null, this.symbols.level + 1);
    return new Frame(this.eval_ctx, this);
  }

  /** A frame for an `if` body: same scope, but no longer the root level. */
  soft(): Frame {
    const rv = this.copy();
    rv.rootlevel = false;
    rv.soft_frame = true;
    return rv;
  }
}

class CompilerExit extends Error {}

/** The compiled template: Jinja's module with its `root` render function and `blocks` table. */
export interface CompiledModule {
  root: BlockFunc;
  blocks: Record<string, BlockFunc>;
}

type Macros = { caller: boolean; kwargs: boolean; varargs: boolean };

/** Walks the tree once and returns the closures of the template's module. One per template. */
export class CodeGenerator {
  private readonly scopes: FunctionScope[] = [];
  private last_identifier = 0;
  private readonly blocks = new Map<string, nodes.Block>();
  private has_known_extends = false;
  private extends_so_far = 0;
  private readonly assign_stack: Set<string>[] = [];

  constructor(
    readonly environment: Environment,
    readonly name: string | null,
    readonly filename: string | null,
    readonly rt: Runtime,
  ) {}

  fail(msg: string, lineno: number): never {
    throw new TemplateAssertionError(msg, lineno, this.name, this.filename);
  }

  temporary_identifier(): string {
    this.last_identifier += 1;
    const id = `t_${this.last_identifier}`;
    this.declare(id);
    return id;
  }

  private get scope(): FunctionScope {
    return this.scopes[this.scopes.length - 1];
  }

  /** Declare a variable in the function being compiled (Python's function scope). */
  private declare(ident: string): void {
    this.scope?.declare(ident);
  }

  /** A reference to a variable, resolved when the functions around it are complete. */
  private ref(ident: string): VarRef {
    const r = new VarRef(ident);
    this.scope.uses.push(r);
    return r;
  }

  private open_function(params: string[]): FunctionScope {
    this.last_identifier++;
    const scope = new FunctionScope(this.scopes.length ? this.scope : null, params);
    this.scopes.push(scope);
    return scope;
  }

  private close_function(): void {
    this.scopes.pop()!.close();
  }

  private position(node: nodes.Node): string {
    let rv = `line ${node.lineno}`;
    if (this.name !== null) rv += ` in '${this.name}'`;
    return rv;
  }

  // ----------------------------------------------------------------------------------------
  // Frames

  /** On entry to a frame: each name it reads is resolved from the context, aliased or `missing`. */
  private enter_frame(frame: Frame): Stmt {
    const parts: Stmt[] = [];
    const undefs: VarRef[] = [];
    for (const [target, [action, param]] of frame.symbols.loads) {
      if (action === VAR_LOAD_PARAMETER) continue;
      this.declare(target);
      const set = write(this.ref(target));
      if (action === VAR_LOAD_RESOLVE) {
        const key = param!;
        parts.push((l) => (set(l, l.context.resolve_or_missing(key)), ""));
      } else if (action === VAR_LOAD_ALIAS) {
        const get = read(this.ref(param!));
        parts.push((l) => (set(l, get(l)), ""));
      } else if (action === VAR_LOAD_UNDEFINED) undefs.push(this.ref(target));
    }
    if (undefs.length) parts.push(this.set_missing(undefs));
    return effects(parts);
  }

  private set_missing(refs: VarRef[]): Stmt {
    const sets = refs.map(write);
    return (l) => {
      for (let i = 0; i < sets.length; i++) sets[i](l, missing);
      return "";
    };
  }

  private leave_frame(frame: Frame, with_python_scope = false): Stmt {
    if (with_python_scope) return EMPTY;
    const undefs = [...frame.symbols.loads.keys()];
    if (!undefs.length) return EMPTY;
    undefs.forEach((u) => this.declare(u));
    return this.set_missing(undefs.map((u) => this.ref(u)));
  }

  private buffer(frame: Frame): void {
    frame.buffer = this.temporary_identifier();
  }

  private blockvisit(body: nodes.Node[], frame: Frame): Stmt {
    const parts: Stmt[] = [];
    try {
      for (const node of body) parts.push(this.visit(node, frame));
    } catch (e) {
      if (!(e instanceof CompilerExit)) throw e;
      parts.push(this.take_pending_exit());
    }
    return seq(parts);
  }

  /** `{name: value}` of every name the frame has stored (a scoped block's or an include's locals). */
  private dump_local_context(frame: Frame): (l: Locals) => Vars {
    const items = [...frame.symbols.dump_stores()].map(([name, target]) => [name, read(this.ref(target))] as const);
    return (l) => {
      const rv: Vars = {};
      for (const [name, get] of items) put(rv, name, get(l));
      return rv;
    };
  }

  private push_assign_tracking(): void {
    this.assign_stack.push(new Set());
  }

  /** Top-level assignments are written to `context.vars` (and exported unless `_private`). */
  private pop_assign_tracking(frame: Frame): Stmt {
    const vars = this.assign_stack.pop()!;
    if ((!frame.block_frame && !frame.loop_frame && !frame.toplevel) || !vars.size) return EMPTY;
    if (frame.loop_frame || frame.block_frame) return EMPTY;
    return effects([...vars].map((name) => this.export_var(name, read(this.ref(frame.symbols.ref(name))), !name.startsWith("_") ? "add" : null)));
  }

  /** `context.vars[name] = value` (and `exported_vars.add/delete(name)`). */
  private export_var(name: string, get: Expr, exported: "add" | "delete" | null): Stmt {
    return (l) => {
      l.context.vars[name] = get(l);
      if (exported === "add") l.context.exported_vars.add(name);
      else if (exported === "delete") l.context.exported_vars.delete(name);
      return "";
    };
  }

  // ----------------------------------------------------------------------------------------
  // Dependencies: filters and tests are looked up once, when the module is compiled

  private dependency(kind: "filter" | "test", name: string, lineno: number, frame: Frame): { func: (...args: any[]) => unknown; pass: string | null } {
    const env_map = kind === "filter" ? this.environment.filters : this.environment.tests;
    const func = Object.prototype.hasOwnProperty.call(env_map, name) ? env_map[name] : undefined;
    if (func === undefined && !frame.soft_frame) this.fail(`No ${kind} named '${name}'.`, lineno);
    const pass = pass_arg_of(func);
    return { func: func ?? missing_dependency(kind, name), pass: pass === "context" || pass === "eval_context" || pass === "environment" ? pass : null };
  }

  // ----------------------------------------------------------------------------------------
  // The template: root, then one function per block

  generate(node: nodes.Template): CompiledModule {
    const eval_ctx = new EvalCtx(this.environment.autoescape_for(this.name));
    const have_extends = node.find(nodes.Extends) !== null;
    for (const block of node.find_all(nodes.Block)) {
      if (this.blocks.has(block.name)) this.fail(`block '${block.name}' defined twice`, block.lineno);
      this.blocks.set(block.name, block);
    }
    const root = this.generate_root(node, eval_ctx, have_extends);
    const blocks: Record<string, BlockFunc> = {};
    for (const [name, block] of this.blocks) blocks[name] = this.generate_block(name, block, eval_ctx);
    return { root, blocks };
  }

  /** `root(context)`: the template's body; after an `{% extends %}`, the parent renders instead. */
  private generate_root(node: nodes.Template, eval_ctx: EvalCtx, have_extends: boolean): BlockFunc {
    const scope = this.open_function([]);
    const parts: Stmt[] = [];
    const frame = new Frame(eval_ctx);
    if (find_undeclared(node.body, ["self"]).has("self")) {
      const ref = frame.symbols.declare_parameter("self");
      this.declare(ref);
      const set = write(this.ref(ref));
      parts.push((l) => (set(l, new TemplateReference(l.context)), ""));
    }
    frame.symbols.analyze_node(node);
    frame.toplevel = frame.rootlevel = true;
    frame.require_output_check = have_extends && !this.has_known_extends;
    let parent_template: VarRef | null = null;
    if (have_extends) {
      this.declare("parent_template");
      parent_template = this.ref("parent_template");
      const set = write(parent_template);
      parts.push((l) => (set(l, null), ""));
    }
    parts.push(this.enter_frame(frame));
    parts.push(this.blockvisit(node.body, frame));
    parts.push(this.leave_frame(frame, true));
    if (have_extends) {
      const get = read(parent_template!);
      const known = this.has_known_extends;
      const rt = this.rt;
      parts.push((l) => {
        const parent = get(l) as Template | null;
        if (!known && parent === null) return "";
        return rt.render_parent(parent!, l.context);
      });
    }
    this.close_function();
    const body = seq(parts);
    return named("root", (context: Context) => body(new Locals(context, null, scope.size, state.tracer)));
  }

  /** `block_<name>(context)`: one block's body, with `self` and `super()` when it uses them. */
  private generate_block(name: string, block: nodes.Block, eval_ctx: EvalCtx): BlockFunc {
    const scope = this.open_function([]);
    const parts: Stmt[] = [];
    const block_frame = new Frame(eval_ctx);
    block_frame.block_frame = true;
    const undeclared = find_undeclared(block.body, ["self", "super"]);
    if (undeclared.has("self")) {
      const ref = block_frame.symbols.declare_parameter("self");
      this.declare(ref);
      const set = write(this.ref(ref));
      parts.push((l) => (set(l, new TemplateReference(l.context)), ""));
    }
    if (undeclared.has("super")) {
      const ref = block_frame.symbols.declare_parameter("super");
      this.declare(ref);
      const set = write(this.ref(ref));
      parts.push((l) => (set(l, l.context.super(name, block_fn)), ""));
    }
    block_frame.symbols.analyze_node(block);
    block_frame.block = name;
    parts.push(this.enter_frame(block_frame));
    parts.push(this.blockvisit(block.body, block_frame));
    parts.push(this.leave_frame(block_frame, true));
    this.close_function();
    const body = seq(parts);
    const block_fn: BlockFunc = named(`block_${name}`, (context: Context) => body(new Locals(context, null, scope.size, state.tracer)));
    return block_fn;
  }

  // ----------------------------------------------------------------------------------------
  // Statements

  visit(node: nodes.Node, frame: Frame): Stmt {
    if (node instanceof nodes.Output) return this.visit_Output(node, frame);
    if (node instanceof nodes.For) return this.visit_For(node, frame);
    if (node instanceof nodes.If) return this.visit_If(node, frame);
    if (node instanceof nodes.Block) return this.visit_Block(node, frame);
    if (node instanceof nodes.Extends) return this.visit_Extends(node, frame);
    if (node instanceof nodes.Assign) return this.visit_Assign(node, frame);
    if (node instanceof nodes.AssignBlock) return this.visit_AssignBlock(node, frame);
    if (node instanceof nodes.Macro) return this.visit_Macro(node, frame);
    if (node instanceof nodes.CallBlock) return this.visit_CallBlock(node, frame);
    if (node instanceof nodes.FilterBlock) return this.visit_FilterBlock(node, frame);
    if (node instanceof nodes.With) return this.visit_With(node, frame);
    if (node instanceof nodes.Include) return this.visit_Include(node, frame);
    if (node instanceof nodes.Import) return this.visit_Import(node, frame);
    if (node instanceof nodes.FromImport) return this.visit_FromImport(node, frame);
    if (node instanceof nodes.Scope) return this.visit_Scope(node, frame);
    if (node instanceof nodes.ScopedEvalContextModifier) return this.visit_ScopedEvalContextModifier(node, frame);
    if (node instanceof nodes.ExprStmt) {
      const value = this.expr(node.node, frame);
      return (l) => (value(l), "");
    }
    throw new Error(`no visitor for ${node.node_type}`);
  }

  /** `parent_template === null`: a child's own output counts only until its `{% extends %}` ran. */
  private when_not_extended(stmt: Stmt): Stmt {
    if (stmt === EMPTY) return EMPTY;
    const get = read(this.ref("parent_template"));
    return (l) => (get(l) === null ? stmt(l) : "");
  }

  /** Text and `{{ expressions }}`: each expression traced, finalized, then escaped or `str()`ed. */
  private visit_Output(node: nodes.Output, frame: Frame): Stmt {
    if (this.has_known_extends && frame.require_output_check) return EMPTY;
    const parts: Stmt[] = [];
    let pending = "";
    const flush = () => {
      if (pending) {
        const text = pending;
        parts.push(() => text);
      }
      pending = "";
    };
    for (const child of node.nodes) {
      if (child instanceof nodes.TemplateData) {
        pending += child.data;
        continue;
      }
      flush();
      parts.push(this.output_expr(child, frame));
    }
    flush();
    const out = seq(parts);
    return frame.require_output_check ? this.when_not_extended(out) : out;
  }

  /** One `{{ expression }}` of an Output node. */
  private output_expr(child: nodes.Expr, frame: Frame): Stmt {
    const value = this.expr(child, frame);
    const traced = !(child instanceof nodes.Const);
    const template = this.name ?? "<string>";
    const source = traced ? nodes.expr_source(child) : "";
    const line = child.lineno;
    const env = this.environment;
    const finalize = env.finalize !== null && env.finalize !== undefined;
    const volatile = frame.eval_ctx.volatile;
    const conv = frame.eval_ctx.autoescape ? to_escaped : to_str;
    if (!volatile && !finalize) {
      if (!traced) return (l) => conv(value(l));
      return (l) => {
        const v = value(l);
        return conv(l.tr === null ? v : l.tr.variable(template, source, line, v));
      };
    }
    return (l) => {
      let v = value(l);
      if (traced && l.tr !== null) v = l.tr.variable(template, source, line, v);
      if (finalize) v = env.finalize!(v);
      return volatile ? (l.context.eval_ctx.autoescape ? to_escaped(v) : to_str(v)) : conv(v);
    };
  }

  private visit_Extends(node: nodes.Extends, frame: Frame): Stmt {
    if (!frame.toplevel) this.fail("cannot use extend from a non top-level scope", node.lineno);
    const parts: Stmt[] = [];
    const get_parent = read(this.ref("parent_template"));
    if (this.extends_so_far > 0) {
      const known = this.has_known_extends;
      const raise: Stmt = (l) => {
        if (known || get_parent(l) !== null) throw new TemplateRuntimeError("extended multiple times");
        return "";
      };
      if (known) {
        // Nothing after a second unconditional `{% extends %}` is compiled: it always fails here.
        this.pending_exit = raise;
        throw new CompilerExit();
      }
      parts.push(raise);
    }
    const template = this.expr(node.template, frame);
    const set_parent = write(this.ref("parent_template"));
    const env = this.environment;
    const rt = this.rt;
    const name = this.name ?? "";
    parts.push((l) => {
      const parent = env.get_template(template(l) as string, name || null);
      set_parent(l, parent);
      rt.add_parent_blocks(l.context, parent);
      return "";
    });
    if (frame.rootlevel) this.has_known_extends = true;
    this.extends_so_far += 1;
    return seq(parts);
  }

  /** The statement a CompilerExit leaves behind (the failing second `{% extends %}`). */
  private pending_exit: Stmt | null = null;

  private visit_Block(node: nodes.Block, frame: Frame): Stmt {
    let wrap = false;
    if (frame.toplevel) {
      if (this.has_known_extends) return EMPTY;
      if (this.extends_so_far > 0) wrap = true;
    }
    const derived = node.scoped ? this.dump_local_context(frame) : null;
    const block_name = node.name;
    const required = node.required;
    const stmt: Stmt = (l) => {
      const context = l.context;
      if (required && context.blocks[block_name].length <= 1) throw new TemplateRuntimeError(`Required block '${block_name}' not found`);
      return context.render_block(block_name, derived ? context.derived(derived(l)) : context);
    };
    return wrap ? this.when_not_extended(stmt) : stmt;
  }

  private visit_If(node: nodes.If, frame: Frame): Stmt {
    const soft = frame.soft();
    const branches: [Expr, Stmt][] = [[this.test(node.test, soft), this.blockvisit(node.body, soft)]];
    for (const elif of node.elif_) branches.push([this.test(elif.test, soft), this.blockvisit(elif.body, soft)]);
    const otherwise = node.else_.length ? this.blockvisit(node.else_, soft) : EMPTY;
    if (branches.length === 1) {
      const [[test, body]] = branches;
      return (l) => (test(l) ? body(l) : otherwise(l));
    }
    return (l) => {
      for (let i = 0; i < branches.length; i++) if (branches[i][0](l)) return branches[i][1](l);
      return otherwise(l);
    };
  }

  private test(node: nodes.Expr, frame: Frame): (l: Locals) => boolean {
    const value = this.expr(node, frame);
    const truth = this.rt.truth;
    return (l) => truth(value(l));
  }

  private visit_For(node: nodes.For, frame: Frame): Stmt {
    const loop_frame = frame.inner();
    loop_frame.loop_frame = true;
    const test_frame = frame.inner();
    const else_frame = frame.inner();
    const extended_loop = node.recursive || find_undeclared(node.iter_child_nodes({ only: ["body"] }), ["loop"]).has("loop") || [...node.find_all(nodes.Block)].some((b) => b.scoped);
    let loop_ref: string | null = null;
    if (extended_loop) loop_ref = loop_frame.symbols.declare_parameter("loop");
    loop_frame.symbols.analyze_node(node, "body");
    if (node.else_.length) else_frame.symbols.analyze_node(node, "else");
    for (const name of node.find_all(nodes.Name)) {
      if (name.ctx === "store" && name.name === "loop") this.fail("Can't assign to special loop variable in for-loop target", name.lineno);
    }
    const filter_func = node.test ? this.loop_filter(node, test_frame, loop_frame) : null;
    let rec_scope: FunctionScope | null = null;
    if (node.recursive) {
      this.temporary_identifier();
      rec_scope = this.open_function([]);
    }
    const iter_source = node.recursive ? null : this.expr(node.iter, frame);
    this.temporary_identifier();
    let set_loop: Assigner | null = null;
    if (extended_loop) {
      this.declare(loop_ref!);
      set_loop = write(this.ref(loop_ref!));
      this.temporary_identifier();
    }
    if (node.else_.length) this.temporary_identifier();
    this.temporary_identifier();
    const assign_target = this.assign_to(node.target, loop_frame);
    const enter_loop = this.enter_frame(loop_frame);
    const body = this.blockvisit(node.body, loop_frame);
    const leave_loop = this.leave_frame(loop_frame, node.recursive && !node.else_.length);
    let otherwise: Stmt = EMPTY;
    if (node.else_.length) otherwise = seq([this.enter_frame(else_frame), this.blockvisit(node.else_, else_frame), this.leave_frame(else_frame)]);
    const undef = this.environment.undefined;
    const has_else = node.else_.length > 0;
    /** The loop itself, in the Locals it runs in: iterate, bind the target, render the body. */
    const run = (l: Locals, outer: Locals, iterable: unknown, render_func: ((iterable: unknown, f: unknown, depth: number) => string) | null, depth: number): string => {
      let items = iterate(iterable);
      if (filter_func) items = filter_func(outer, items);
      let loop_ctx: LoopContext | null = null;
      if (set_loop) {
        set_loop(l, missing);
        loop_ctx = new LoopContext(items, undef, render_func, depth);
      }
      let out = "";
      for (let i = 0; i < items.length; i++) {
        if (loop_ctx) {
          loop_ctx.index0 = i;
          set_loop!(l, loop_ctx);
        }
        assign_target(l, items[i]);
        if (enter_loop !== EMPTY) out += enter_loop(l);
        out += body(l);
      }
      out += leave_loop(l);
      if (has_else && items.length === 0) out += otherwise(l);
      return out;
    };
    if (this.assign_stack.length) for (const s of loop_frame.symbols.stores) this.assign_stack[this.assign_stack.length - 1].delete(s);
    if (!rec_scope) return (l) => run(l, l, iter_source!(l), null, 0);
    this.close_function();
    const scope = rec_scope;
    const outer_iter = this.expr(node.iter, frame);
    return (l) => {
      const loop = (reciter: unknown, loop_render_func: unknown, depth: number): string => run(new Locals(l.context, l, scope.size, l.tr), l, reciter, loop_render_func as typeof loop, depth);
      return loop(outer_iter(l), loop, 0);
    };
  }

  /** `{% for x in items if test %}`: a function that keeps the items the test accepts. */
  private loop_filter(node: nodes.For, test_frame: Frame, loop_frame: Frame): (l: Locals, items: unknown[]) => unknown[] {
    this.temporary_identifier();
    test_frame.symbols.analyze_node(node, "test");
    const scope = this.open_function(["t_item"]);
    const enter = this.enter_frame(test_frame);
    const assign = this.assign_to(node.target, loop_frame);
    const test = this.test(node.test!, test_frame);
    this.close_function();
    return (l, items) =>
      items.filter((item) => {
        const a = new Locals(l.context, l, scope.size, l.tr);
        a.v[0] = item;
        enter(a);
        assign(a, item);
        return test(a);
      });
  }

  /** `target = value` for a Name, a Tuple of targets, or a namespace attribute. */
  private assign_to(target: nodes.Expr, frame: Frame): Assigner {
    if (target instanceof nodes.Name) {
      if (frame.toplevel || frame.loop_frame || frame.block_frame) this.assign_stack[this.assign_stack.length - 1]?.add(target.name);
      const ref = frame.symbols.ref(target.name);
      this.declare(ref);
      return write(this.ref(ref));
    }
    if (target instanceof nodes.Tuple) {
      this.temporary_identifier();
      const n = target.items.length;
      const sets = target.items.map((item) => this.assign_to(item, frame));
      return (l, value) => {
        const items = unpack(value, n);
        for (let i = 0; i < n; i++) sets[i](l, items[i]);
      };
    }
    if (target instanceof nodes.NSRef) {
      const ns = read(this.ref(frame.symbols.ref(target.name)));
      const attr = target.attr;
      return (l, value) => namespace_set(ns(l), attr, value);
    }
    this.fail(`can't assign to '${target.node_type.toLowerCase()}'`, target.lineno);
  }

  private visit_Assign(node: nodes.Assign, frame: Frame): Stmt {
    this.push_assign_tracking();
    const value = this.expr(node.node, frame);
    if (!(node.target instanceof nodes.Name || node.target instanceof nodes.NSRef)) this.temporary_identifier();
    const assign = this.assign_to(node.target, frame);
    const exports = this.pop_assign_tracking(frame);
    return (l) => {
      assign(l, value(l));
      return exports(l);
    };
  }

  /** Under autoescape, text a template built is Markup (safe). */
  private wrap_markup(value: Expr, frame: Frame): Expr {
    if (frame.eval_ctx.volatile) return (l) => (l.context.eval_ctx.autoescape ? new Markup(value(l) as string) : value(l));
    if (frame.eval_ctx.autoescape) return (l) => new Markup(value(l) as string);
    return value;
  }

  /** `{% set x %}…{% endset %}` (optionally `{% set x | filter %}`). */
  private visit_AssignBlock(node: nodes.AssignBlock, frame: Frame): Stmt {
    this.push_assign_tracking();
    const block_frame = frame.inner();
    block_frame.require_output_check = false;
    block_frame.symbols.analyze_node(node);
    const enter = this.enter_frame(block_frame);
    this.buffer(block_frame);
    const set_buffer = write(this.ref(block_frame.buffer));
    const body = this.blockvisit(node.body, block_frame);
    let value: Expr;
    if (node.filter) value = this.filter_expr(node.filter, block_frame);
    else {
      const buffer = read(this.ref(block_frame.buffer));
      value = (l) => (l.context.eval_ctx.autoescape ? new Markup(buffer(l) as string) : buffer(l));
    }
    const assign = this.assign_to(node.target, frame);
    const exports = this.pop_assign_tracking(frame);
    const leave = this.leave_frame(block_frame);
    return (l) => {
      enter(l);
      set_buffer(l, body(l));
      assign(l, value(l));
      exports(l);
      leave(l);
      return "";
    };
  }

  /** `{% filter f %}…{% endfilter %}`: the body's output through the filter. */
  private visit_FilterBlock(node: nodes.FilterBlock, frame: Frame): Stmt {
    const filter_frame = frame.inner();
    filter_frame.symbols.analyze_node(node);
    const enter = this.enter_frame(filter_frame);
    this.buffer(filter_frame);
    const set_buffer = write(this.ref(filter_frame.buffer));
    const body = this.blockvisit(node.body, filter_frame);
    const filtered = this.filter_expr(node.filter, filter_frame);
    const leave = this.leave_frame(filter_frame);
    return (l) => {
      enter(l);
      set_buffer(l, body(l));
      const out = to_str(filtered(l));
      leave(l);
      return out;
    };
  }

  private visit_With(node: nodes.With, frame: Frame): Stmt {
    const with_frame = frame.inner();
    with_frame.symbols.analyze_node(node);
    const parts: Stmt[] = [this.enter_frame(with_frame)];
    node.targets.forEach((target, i) => {
      const value = this.expr(node.values[i], frame);
      let assign: Assigner;
      if (target instanceof nodes.Name) {
        const ref = with_frame.symbols.ref(target.name);
        this.declare(ref);
        assign = write(this.ref(ref));
      } else assign = this.assign_to(target, with_frame);
      parts.push((l) => (assign(l, value(l)), ""));
    });
    parts.push(this.blockvisit(node.body, with_frame));
    parts.push(this.leave_frame(with_frame));
    return seq(parts);
  }

  private visit_Scope(node: nodes.Scope, frame: Frame): Stmt {
    const scope_frame = frame.inner();
    scope_frame.symbols.analyze_node(node);
    return seq([this.enter_frame(scope_frame), this.blockvisit(node.body, scope_frame), this.leave_frame(scope_frame)]);
  }

  /** `{% autoescape x %}`: the eval context changed for the body, then restored. */
  private visit_ScopedEvalContextModifier(node: nodes.ScopedEvalContextModifier, frame: Frame): Stmt {
    const saved = frame.eval_ctx.save();
    this.temporary_identifier();
    const options: [string, (l: Locals) => boolean][] = [];
    for (const keyword of node.options) {
      options.push([keyword.key, this.test(keyword.value, frame)]);
      if (keyword.value instanceof nodes.Const) {
        if (keyword.key === "autoescape") frame.eval_ctx.autoescape = !!keyword.value.value;
      } else frame.eval_ctx.volatile = true;
    }
    const parts: Stmt[] = [];
    let exit: CompilerExit | null = null;
    try {
      for (const child of node.body) parts.push(this.visit(child, frame));
    } catch (e) {
      if (!(e instanceof CompilerExit)) throw e;
      exit = e;
    }
    frame.eval_ctx.revert(saved);
    const body = seq(parts);
    const stmt: Stmt = (l) => {
      const eval_ctx = l.context.eval_ctx as unknown as Record<string, unknown> & { save(): { autoescape: boolean; volatile: boolean }; revert(o: { autoescape: boolean; volatile: boolean }): void };
      const old = eval_ctx.save();
      for (const [key, value] of options) eval_ctx[key] = value(l);
      const out = body(l);
      eval_ctx.revert(old);
      return out;
    };
    if (exit) {
      // The body stopped at a second `{% extends %}`: keep what ran up to it, then stop too.
      this.pending_exit = seq([stmt, this.take_pending_exit()]);
      throw exit;
    }
    return stmt;
  }

  private take_pending_exit(): Stmt {
    const s = this.pending_exit ?? EMPTY;
    this.pending_exit = null;
    return s;
  }

  // ----------------------------------------------------------------------------------------
  // Macros and call blocks

  /** A macro's (or call block's) function: parameters bound, defaults filled, body rendered. */
  private macro_body(node: nodes.Macro | nodes.CallBlock, outer: Frame): { call: (l: Locals, args: unknown[]) => string; accesses: Macros; frame: Frame } {
    const frame = outer.inner();
    frame.symbols.analyze_node(node);
    const accesses: Macros = { caller: false, kwargs: false, varargs: false };
    let explicit_caller: number | null = null;
    const skip_special = new Set<string>();
    const args: string[] = [];
    node.args.forEach((arg, idx) => {
      if (arg.name === "caller") explicit_caller = idx;
      if (arg.name === "kwargs" || arg.name === "varargs") skip_special.add(arg.name);
      args.push(frame.symbols.ref(arg.name));
    });
    const undeclared = find_undeclared(node.body, ["caller", "kwargs", "varargs"]);
    if (undeclared.has("caller")) {
      if (explicit_caller !== null) {
        if (node.defaults[explicit_caller - node.args.length + node.defaults.length] === undefined || explicit_caller - node.args.length + node.defaults.length < 0)
          this.fail('When defining macros or call blocks the special "caller" argument must be omitted or be given a default.', node.lineno);
      } else args.push(frame.symbols.declare_parameter("caller"));
      accesses.caller = true;
    }
    if (undeclared.has("kwargs") && !skip_special.has("kwargs")) {
      args.push(frame.symbols.declare_parameter("kwargs"));
      accesses.kwargs = true;
    }
    if (undeclared.has("varargs") && !skip_special.has("varargs")) {
      args.push(frame.symbols.declare_parameter("varargs"));
      accesses.varargs = true;
    }
    frame.require_output_check = false;
    frame.symbols.analyze_node(node);
    const scope = this.open_function(args);
    this.buffer(frame);
    const parts: Stmt[] = [this.enter_frame(frame)];
    const undef = this.environment.undefined;
    node.args.forEach((arg, idx) => {
      const r = frame.symbols.ref(arg.name);
      const get = read(this.ref(r));
      const set = write(this.ref(r));
      const default_index = idx - node.args.length + node.defaults.length;
      const hint = `parameter '${arg.name}' was not provided`;
      const arg_name = arg.name;
      const value: Expr = default_index >= 0 ? this.expr(node.defaults[default_index], frame) : () => new undef(hint, missing, arg_name);
      parts.push((l) => (get(l) === missing && set(l, value(l)), ""));
    });
    parts.push(this.blockvisit(node.body, frame));
    this.close_function();
    const body = seq(parts);
    const count = args.length;
    const call = (l: Locals, values: unknown[]): string => {
      const a = new Locals(l.context, l, scope.size, state.tracer);
      for (let i = 0; i < count; i++) a.v[i] = values[i];
      return body(a);
    };
    return { call, accesses, frame };
  }

  /** `new Macro(environment, func, name, arguments, catch_kwargs, catch_varargs, caller, autoescape)` at run time. */
  private macro_def(name: string, node: nodes.Macro | nodes.CallBlock, frame: Frame): (l: Locals) => Macro {
    const { call, accesses } = this.macro_body(node, frame);
    const arg_names = node.args.map((a) => a.name);
    const volatile = frame.eval_ctx.volatile;
    const autoescape = frame.eval_ctx.autoescape;
    const env = this.environment;
    const template_name = this.name ?? "";
    const func_name = node instanceof nodes.Macro ? `macro_${name}` : "caller";
    return (l) => {
      const func = named(func_name, (...args: unknown[]) => call(l, args));
      return new Macro(env, func, name, arg_names, accesses.kwargs, accesses.varargs, accesses.caller, volatile ? l.context.eval_ctx.autoescape : autoescape, template_name || null);
    };
  }

  private visit_Macro(node: nodes.Macro, frame: Frame): Stmt {
    const ref = frame.symbols.ref(node.name);
    this.declare(ref);
    const set = write(this.ref(ref));
    const make = this.macro_def(node.name, node, frame);
    const exports = frame.toplevel ? this.export_var(node.name, read(this.ref(ref)), !node.name.startsWith("_") ? "add" : null) : EMPTY;
    return (l) => {
      set(l, make(l));
      return exports(l);
    };
  }

  private visit_CallBlock(node: nodes.CallBlock, frame: Frame): Stmt {
    const caller = this.temporary_identifier();
    const set = write(this.ref(caller));
    const make = this.macro_def("caller", node, frame);
    const call = this.call_expr(node.call, frame, read(this.ref(caller)));
    return (l) => {
      set(l, make(l));
      return to_str(call(l));
    };
  }

  // ----------------------------------------------------------------------------------------
  // Include and import

  private template_getter(node: nodes.Expr, frame: Frame): (l: Locals) => Template {
    let func: "get_template" | "select_template" | "get_or_select_template" = "get_or_select_template";
    if (node instanceof nodes.Const) {
      if (typeof node.value === "string") func = "get_template";
      else if (Array.isArray(node.value)) func = "select_template";
    } else if (node instanceof nodes.Tuple || node instanceof nodes.List) func = "select_template";
    const name = this.expr(node, frame);
    const env = this.environment;
    const parent = this.name ?? "";
    return (l) => (env[func] as (n: unknown, p: string | null) => Template).call(env, name(l), parent || null);
  }

  private visit_Include(node: nodes.Include, frame: Frame): Stmt {
    this.temporary_identifier();
    const getter = this.template_getter(node.template, frame);
    const locals = node.with_context ? this.dump_local_context(frame) : null;
    const ignore_missing = node.ignore_missing;
    const rt = this.rt;
    return (l) => {
      let template: Template | null;
      if (ignore_missing) {
        try {
          template = getter(l);
        } catch (e) {
          if (!(e instanceof TemplateNotFound)) throw e;
          template = null;
        }
        if (template === null) return "";
      } else template = getter(l);
      if (locals) return rt.render_include(template, l.context.get_all(), locals(l));
      return rt.render_include(template, null, null);
    };
  }

  private import_common(node: nodes.Import | nodes.FromImport, frame: Frame): Expr {
    const template = this.expr(node.template, frame);
    const env = this.environment;
    const parent = this.name ?? "";
    const rt = this.rt;
    const getter = (l: Locals) => env.get_template(template(l) as string, parent || null);
    if (node.with_context) {
      const locals = this.dump_local_context(frame);
      return (l) => rt.make_module(getter(l), l.context.get_all(), true, locals(l));
    }
    return (l) => rt.default_module(getter(l), l.context);
  }

  private visit_Import(node: nodes.Import, frame: Frame): Stmt {
    const ref = frame.symbols.ref(node.target);
    this.declare(ref);
    const set = write(this.ref(ref));
    const module = this.import_common(node, frame);
    const exports = frame.toplevel ? this.export_var(node.target, read(this.ref(ref)), !node.target.startsWith("_") ? "delete" : null) : EMPTY;
    return (l) => {
      set(l, module(l));
      return exports(l);
    };
  }

  private visit_FromImport(node: nodes.FromImport, frame: Frame): Stmt {
    this.temporary_identifier();
    const module = this.import_common(node, frame);
    const undef = this.environment.undefined;
    const rt = this.rt;
    const position = this.position(node);
    const names = node.names.map((entry) => {
      const [name, alias] = Array.isArray(entry) ? entry : [entry, entry];
      const ref = frame.symbols.ref(alias);
      this.declare(ref);
      const set = write(this.ref(ref));
      const exports = frame.toplevel ? this.export_var(alias, read(this.ref(ref)), !alias.startsWith("_") ? "delete" : null) : EMPTY;
      return { name, set, exports };
    });
    return (l) => {
      const mod = module(l) as Parameters<Runtime["module_attr"]>[0] & { __name__: unknown };
      for (const { name, set, exports } of names) {
        let value = rt.module_attr(mod, name);
        if (value === missing) value = new undef(`the template '${String(mod.__name__)}' (imported on ${position}) does not export the requested name '${name}'`, missing, name);
        set(l, value);
        exports(l);
      }
      return "";
    };
  }

  // ----------------------------------------------------------------------------------------
  // Expressions: each returns a closure computing the value

  expr(node: nodes.Expr, frame: Frame): Expr {
    if (node instanceof nodes.Name) return this.expr_Name(node, frame);
    if (node instanceof nodes.Const) return this.expr_Const(node.value);
    if (node instanceof nodes.TemplateData) {
      const data = node.data;
      return this.wrap_markup(() => data, frame);
    }
    const env = this.environment;
    if (node instanceof nodes.Getattr) {
      const obj = this.expr(node.node, frame);
      const attr = node.attr;
      return (l) => env.getattr(obj(l), attr);
    }
    if (node instanceof nodes.Getitem) {
      const obj = this.expr(node.node, frame);
      const arg = node.arg instanceof nodes.Slice ? this.expr_Slice(node.arg, frame) : this.expr(node.arg, frame);
      return (l) => env.getitem(obj(l), arg(l));
    }
    if (node instanceof nodes.Slice) return this.expr_Slice(node, frame);
    if (node instanceof nodes.Filter) return this.filter_expr(node, frame);
    if (node instanceof nodes.Test) return this.test_expr(node, frame);
    if (node instanceof nodes.Call) return this.call_expr(node, frame, null);
    if (node instanceof nodes.List) {
      const items = node.items.map((i) => this.expr(i, frame));
      return (l) => items.map((item) => item(l));
    }
    if (node instanceof nodes.Tuple) {
      const items = node.items.map((i) => this.expr(i, frame));
      return (l) => tuple(items.map((item) => item(l)));
    }
    if (node instanceof nodes.Dict) return this.expr_Dict(node, frame);
    if (node instanceof nodes.CondExpr) return this.expr_CondExpr(node, frame);
    if (node instanceof nodes.Concat) {
      const parts = node.nodes.map((n) => this.expr(n, frame));
      const volatile = frame.eval_ctx.volatile;
      const join = frame.eval_ctx.autoescape ? markup_join : str_join;
      return (l) => {
        const values = parts.map((p) => p(l));
        return volatile ? (l.context.eval_ctx.autoescape ? markup_join(values) : str_join(values)) : join(values);
      };
    }
    if (node instanceof nodes.Compare) return this.expr_Compare(node, frame);
    const truth = this.rt.truth;
    if (node instanceof nodes.And || node instanceof nodes.Or) {
      this.temporary_identifier();
      const left = this.expr(node.left, frame);
      const right = this.expr(node.right, frame);
      if (node instanceof nodes.And)
        return (l) => {
          const t = left(l);
          return truth(t) ? right(l) : t;
        };
      return (l) => {
        const t = left(l);
        return truth(t) ? t : right(l);
      };
    }
    if (node instanceof nodes.BinExpr) {
      const op = this.bin_op(node);
      const left = this.expr(node.left, frame);
      const right = this.expr(node.right, frame);
      return (l) => op(left(l), right(l));
    }
    if (node instanceof nodes.Not) {
      const value = this.expr(node.node, frame);
      return (l) => !truth(value(l));
    }
    if (node instanceof nodes.Neg || node instanceof nodes.Pos) {
      const op = node instanceof nodes.Neg ? this.rt.py_neg : this.rt.py_pos;
      const value = this.expr(node.node, frame);
      return (l) => op(value(l));
    }
    if (node instanceof nodes.NSRef) {
      const ns = read(this.ref(frame.symbols.ref(node.name)));
      const attr = node.attr;
      return (l) => env.getattr(ns(l), attr);
    }
    throw new Error(`no expression visitor for ${node.node_type}`);
  }

  private bin_op(node: nodes.BinExpr): (a: unknown, b: unknown) => unknown {
    const rt = this.rt;
    if (node instanceof nodes.Add) return rt.py_add;
    if (node instanceof nodes.Sub) return rt.py_sub;
    if (node instanceof nodes.Mul) return rt.py_mul;
    if (node instanceof nodes.Div) return rt.py_truediv;
    if (node instanceof nodes.FloorDiv) return rt.py_floordiv;
    if (node instanceof nodes.Mod) return rt.py_mod;
    if (node instanceof nodes.Pow) return rt.py_pow;
    throw new Error(`no operator for ${node.node_type}`);
  }

  /** A name read: its slot; a name never set is an Undefined naming it. */
  private expr_Name(node: nodes.Name, frame: Frame): Expr {
    const ref = frame.symbols.ref(node.name);
    const get = read(this.ref(ref));
    if (node.ctx === "load") {
      const load = frame.symbols.find_load(ref);
      if (!(load !== null && load[0] === VAR_LOAD_PARAMETER)) {
        const undef = this.environment.undefined;
        const name = node.name;
        return (l) => {
          const v = get(l);
          return v === missing ? new undef(null, missing, name) : v;
        };
      }
    }
    return get;
  }

  private expr_Const(value: unknown): Expr {
    if (value === null || value === undefined) return () => null;
    if (typeof value === "string" || typeof value === "boolean" || typeof value === "bigint" || typeof value === "number") return () => value;
    if (value instanceof PyFloat) {
      const c = new PyFloat(value.value);
      return () => c;
    }
    throw new Error(`cannot compile constant ${String(value)}`);
  }

  private expr_Slice(node: nodes.Slice, frame: Frame): Expr {
    const part = (n: nodes.Expr | null): Expr => (n ? this.expr(n, frame) : () => null);
    const start = part(node.start);
    const stop = part(node.stop);
    const step = part(node.step);
    return (l) => new Slice(start(l), stop(l), step(l));
  }

  private expr_Dict(node: nodes.Dict, frame: Frame): Expr {
    if (node.items.every((p) => p.key instanceof nodes.Const && typeof p.key.value === "string" && p.key.value !== "__proto__")) {
      const items = node.items.map((p) => [(p.key as nodes.Const).value as string, this.expr(p.value, frame)] as const);
      return (l) => {
        const d: Record<string, unknown> = {};
        for (const [k, v] of items) d[k] = v(l);
        return d;
      };
    }
    const pairs = node.items.map((p) => [this.expr(p.key, frame), this.expr(p.value, frame)] as const);
    return (l) => make_dict(pairs.map(([k, v]) => [k(l), v(l)]));
  }

  private expr_CondExpr(node: nodes.CondExpr, frame: Frame): Expr {
    const soft = frame.soft();
    const test = this.test(node.test, soft);
    const then = this.expr(node.expr1, soft);
    let otherwise: Expr;
    if (node.expr2) otherwise = this.expr(node.expr2, soft);
    else {
      const undef = this.environment.undefined;
      const hint = `the inline if-expression on ${this.position(node)} evaluated to false and no else section was defined.`;
      otherwise = () => new undef(hint);
    }
    return (l) => (test(l) ? then(l) : otherwise(l));
  }

  private compare_op(op: string): (a: unknown, b: unknown) => boolean {
    const rt = this.rt;
    switch (op) {
      case "in":
        return (a, b) => rt.contains(b, a);
      case "notin":
        return (a, b) => !rt.contains(b, a);
      case "eq":
        return rt.eq;
      case "ne":
        return rt.ne;
      case "lt":
        return rt.lt;
      case "lteq":
        return rt.le;
      case "gt":
        return rt.gt;
      default:
        return rt.ge;
    }
  }

  /** `a < b`, `a < b < c` (each operand evaluated once, stopping at the first false). */
  private expr_Compare(node: nodes.Compare, frame: Frame): Expr {
    const left = this.expr(node.expr, frame);
    if (node.ops.length === 1) {
      const op = this.compare_op(node.ops[0].op);
      const right = this.expr(node.ops[0].expr, frame);
      return (l) => op(left(l), right(l));
    }
    const ops = node.ops.map((operand) => {
      this.temporary_identifier();
      return [this.compare_op(operand.op), this.expr(operand.expr, frame)] as const;
    });
    return (l) => {
      let a = left(l);
      for (const [op, operand] of ops) {
        const b = operand(l);
        if (!op(a, b)) return false;
        a = b;
      }
      return true;
    };
  }

  /** Positional arguments (with `*args` spread), and keyword arguments as one object (or null). */
  private signature(node: nodes.CallLike, frame: Frame, extra: Record<string, Expr> = {}): { args: (l: Locals) => unknown[]; fixed_args: Expr[] | null; kwargs: ((l: Locals, marked: boolean) => Record<string, unknown>) | null } {
    const positional = node.args.map((a) => this.expr(a, frame));
    const dyn_args = node.dyn_args ? this.expr(node.dyn_args, frame) : null;
    const kw: [string, Expr][] = node.kwargs.map((k) => [k.key, this.expr(k.value, frame)]);
    for (const [k, v] of Object.entries(extra)) kw.push([k, v]);
    const dyn_kwargs = node.dyn_kwargs ? this.expr(node.dyn_kwargs, frame) : null;
    const args = (l: Locals): unknown[] => {
      const rv = positional.map((p) => p(l));
      if (dyn_args) rv.push(...iterate(dyn_args(l)));
      return rv;
    };
    const kwargs =
      kw.length || dyn_kwargs
        ? (l: Locals, marked: boolean) => {
            const o: Record<string, unknown> = marked ? Object.create(KWARGS_PROTO) : {};
            for (const [k, v] of kw) put(o, k, v(l));
            if (dyn_kwargs) {
              const src = dyn_kwargs(l) as Record<string, unknown> | null | undefined;
              if (src !== null && src !== undefined) for (const k of Object.keys(src)) put(o, k, src[k]);
            }
            return o;
          }
        : null;
    return { args, fixed_args: dyn_args ? null : positional, kwargs };
  }

  /** `f(args)`: through `context.call`, which passes the context to functions that want it. */
  private call_expr(node: nodes.Call, frame: Frame, caller: Expr | null): Expr {
    const callee = this.expr(node.node, frame);
    const { args, kwargs } = this.signature(node, frame, caller ? { caller } : {});
    if (kwargs === null) return (l) => l.context.call(callee(l), ...args(l));
    return (l) => {
      const f = callee(l);
      const a = args(l);
      return l.context.call(f, ...a, kwargs(l, true));
    };
  }

  private filter_expr(node: nodes.Filter, frame: Frame): Expr {
    const { func, pass } = this.dependency("filter", node.name, node.lineno, frame);
    const value = node.node ? this.expr(node.node, frame) : this.wrap_markup(read(this.ref(frame.buffer)), frame);
    return this.apply(func, pass, value, node, frame);
  }

  private test_expr(node: nodes.Test, frame: Frame): Expr {
    const { func, pass } = this.dependency("test", node.name, node.lineno, frame);
    return this.apply(func, pass, this.expr(node.node!, frame), node, frame);
  }

  /** Call a filter or test: the passed context/environment first, the value, then the arguments. */
  private apply(func: (...args: any[]) => unknown, pass: string | null, value: Expr, node: nodes.Filter | nodes.Test, frame: Frame): Expr {
    const env = this.environment;
    const passed: ((l: Locals) => unknown) | null = pass === "context" ? (l) => l.context : pass === "eval_context" ? (l) => l.context.eval_ctx : pass === "environment" ? () => env : null;
    const { args, fixed_args, kwargs } = this.signature(node, frame);
    const python = signature_of(func);
    if (python !== undefined) {
      // A built-in filter or test has a Python signature: a call that cannot bind raises Python's
      // TypeError once the value and the arguments are evaluated, as the real call would.
      if (node.dyn_args === null && node.dyn_kwargs === null) {
        const message = python.bind_error(positional_count(python, node.args.length), node.kwargs.map((k) => k.key));
        if (message !== null) {
          return (l) => {
            value(l);
            args(l);
            kwargs?.(l, false);
            throw new TypeError(message);
          };
        }
      } else {
        const call_with_kwargs = this.rt.call_with_kwargs;
        const what = node.name;
        return (l) => {
          const fixed = passed ? [passed(l), value(l)] : [value(l)];
          const a = args(l);
          const kw = kwargs ? kwargs(l, false) : {};
          check_call(func, a.length, Object.keys(kw));
          return Object.keys(kw).length ? call_with_kwargs(func, fixed, a, kw, what) : func(...fixed, ...a);
        };
      }
    }
    if (kwargs === null && fixed_args !== null) {
      // The common cases, without an arguments array: `x|upper`, `x|default('n/a', true)`, `x|join(', ')`.
      const [a, b, c, d] = fixed_args;
      if (passed === null) {
        switch (fixed_args.length) {
          case 0:
            return (l) => func(value(l));
          case 1:
            return (l) => func(value(l), a(l));
          case 2:
            return (l) => func(value(l), a(l), b(l));
          case 3:
            return (l) => func(value(l), a(l), b(l), c(l));
          case 4:
            return (l) => func(value(l), a(l), b(l), c(l), d(l));
        }
      } else {
        switch (fixed_args.length) {
          case 0:
            return (l) => func(passed(l), value(l));
          case 1:
            return (l) => func(passed(l), value(l), a(l));
          case 2:
            return (l) => func(passed(l), value(l), a(l), b(l));
        }
      }
    }
    if (kwargs === null) {
      if (passed === null) return (l) => func(value(l), ...args(l));
      return (l) => func(passed(l), value(l), ...args(l));
    }
    const call_with_kwargs = this.rt.call_with_kwargs;
    const what = node.name;
    return (l) => {
      const fixed = passed ? [passed(l), value(l)] : [value(l)];
      return call_with_kwargs(func, fixed, args(l), kwargs(l, false), what);
    };
  }
}

/** `generate(node, environment, name, filename)`: the template's compiled module. */
export function generate(node: nodes.Template, environment: Environment, name: string | null, filename: string | null, rt: Runtime): CompiledModule {
  const generator = new CodeGenerator(environment, name, filename, rt);
  const module = generator.generate(node);
  return module;
}
