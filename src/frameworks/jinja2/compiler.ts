/**
 * jinja2.compiler: a `nodes.Template` tree → JavaScript source (`generate`, class `CodeGenerator`).
 *
 * Jinja compiles every template to Python source: a `root(context)` generator for the template
 * body, one `block_<name>(context)` per block, and a `blocks` table. This port writes the same
 * shape in JavaScript — `root` and the block functions build a string with `out += …` — and the
 * environment turns the source into functions once (through the code-compiler hook, ADR 0016),
 * so rendering runs compiled code, not a tree walk.
 *
 * Names follow Jinja's scheme: every template variable becomes a JavaScript variable
 * `l_<depth>_<name>` chosen by idtracking (`Symbols`), loaded on entry to its frame (resolved from
 * the context, aliased from the outer frame, or `missing`). Python semantics come from small
 * runtime helpers (`$getattr`, `$esc`, `$add`, `$truth`…). The trace is fed at a few seams: each
 * `{{ expression }}` reports its value only when `$tr` (the active `TemplateTracer`) is set.
 *
 *   {% for x in items %}{{ x.name|upper }}{% endfor %}
 *   →  t_1 = $iter(l_0_items); for (…) { l_1_x = t_1[i]; out += $esc(f_upper($getattr(l_1_x, "name"))); }
 */
import * as nodes from "./nodes";
import { TemplateAssertionError } from "./exceptions";
import { find_undeclared, Symbols, VAR_LOAD_ALIAS, VAR_LOAD_PARAMETER, VAR_LOAD_RESOLVE, VAR_LOAD_UNDEFINED } from "./idtracking";
import { PyFloat } from "../python/json";
import { pass_arg_of } from "./utils";
import type { Environment } from "./environment";

const js = (s: string) => JSON.stringify(s).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

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

interface FunctionScope {
  decls: Set<string>;
  params: Set<string>;
  /** Index of the piece of `out` that receives the function's `let` line. */
  marker: number;
}

/** Walks the tree and writes the module source. One generator per template. */
export class CodeGenerator {
  /** The module text in pieces: a function's `let` line is filled in its own piece when it closes (no rescan of the text). */
  private out: string[] = [];
  private indentation = 0;
  private readonly scopes: FunctionScope[] = [];
  private last_identifier = 0;
  private readonly blocks = new Map<string, nodes.Block>();
  private has_known_extends = false;
  private extends_so_far = 0;
  private readonly filters = new Map<string, string>();
  private readonly tests = new Map<string, string>();
  private readonly module_lines: string[] = [];
  private readonly assign_stack: Set<string>[] = [];
  private readonly debug_info: [number, number][] = [];
  private line_no = 1;

  constructor(
    readonly environment: Environment,
    readonly name: string | null,
    readonly filename: string | null,
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

  /** Declare a variable in the JavaScript function being written (Python's function scope). */
  private declare(ident: string): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope && !scope.params.has(ident)) scope.decls.add(ident);
  }

  private write(s: string): void {
    this.out.push(s);
  }

  private writeline(s: string, lineno?: number): void {
    this.out.push("\n" + "  ".repeat(this.indentation) + s);
    this.line_no++;
    if (lineno !== undefined) this.debug_info.push([lineno, this.line_no]);
  }

  private indent(): void {
    this.indentation++;
  }

  private outdent(n = 1): void {
    this.indentation -= n;
  }

  private open_function(header: string, params: string[]): void {
    this.last_identifier++;
    this.write(header + " {");
    this.indent();
    this.writeline("");
    this.scopes.push({ decls: new Set(), params: new Set(params), marker: this.out.length - 1 });
  }

  private close_function(tail = "}"): void {
    const scope = this.scopes.pop()!;
    const decls = [...scope.decls];
    this.out[scope.marker] += decls.length ? `let ${decls.join(", ")};` : "";
    this.outdent();
    this.writeline(tail);
  }

  private position(node: nodes.Node): string {
    let rv = `line ${node.lineno}`;
    if (this.name !== null) rv += ` in '${this.name}'`;
    return rv;
  }

  // ----------------------------------------------------------------------------------------
  // Frames

  private enter_frame(frame: Frame): void {
    const undefs: string[] = [];
    for (const [target, [action, param]] of frame.symbols.loads) {
      if (action === VAR_LOAD_PARAMETER) continue;
      this.declare(target);
      if (action === VAR_LOAD_RESOLVE) this.writeline(`${target} = context.resolve_or_missing(${js(param!)});`);
      else if (action === VAR_LOAD_ALIAS) this.writeline(`${target} = ${param};`);
      else if (action === VAR_LOAD_UNDEFINED) undefs.push(target);
    }
    if (undefs.length) this.writeline(`${undefs.join(" = ")} = missing;`);
  }

  private leave_frame(frame: Frame, with_python_scope = false): void {
    if (with_python_scope) return;
    const undefs = [...frame.symbols.loads.keys()];
    if (undefs.length) {
      undefs.forEach((u) => this.declare(u));
      this.writeline(`${undefs.join(" = ")} = missing;`);
    }
  }

  private buffer(frame: Frame): void {
    frame.buffer = this.temporary_identifier();
    this.writeline(`${frame.buffer} = "";`);
  }

  private blockvisit(body: nodes.Node[], frame: Frame): void {
    try {
      for (const node of body) this.visit(node, frame);
    } catch (e) {
      if (!(e instanceof CompilerExit)) throw e;
    }
  }

  private dump_local_context(frame: Frame): string {
    const items = [...frame.symbols.dump_stores()].map(([name, target]) => `${js(name)}: ${target}`);
    return `{${items.join(", ")}}`;
  }

  private push_assign_tracking(): void {
    this.assign_stack.push(new Set());
  }

  /** Top-level assignments are written to `context.vars` (and exported unless `_private`). */
  private pop_assign_tracking(frame: Frame): void {
    const vars = this.assign_stack.pop()!;
    if ((!frame.block_frame && !frame.loop_frame && !frame.toplevel) || !vars.size) return;
    if (frame.loop_frame || frame.block_frame) return;
    for (const name of vars) {
      this.writeline(`context.vars[${js(name)}] = ${frame.symbols.ref(name)};`);
      if (!name.startsWith("_")) this.writeline(`context.exported_vars.add(${js(name)});`);
    }
  }

  // ----------------------------------------------------------------------------------------
  // Dependencies: filters and tests are looked up once, when the module is created

  private dependency(kind: "filter" | "test", name: string, lineno: number, frame: Frame): { id: string; pass: string | null } {
    const map = kind === "filter" ? this.filters : this.tests;
    const env_map = kind === "filter" ? this.environment.filters : this.environment.tests;
    const func = Object.prototype.hasOwnProperty.call(env_map, name) ? env_map[name] : undefined;
    if (func === undefined && !frame.soft_frame) this.fail(`No ${kind} named '${name}'.`, lineno);
    if (!map.has(name)) {
      const id = `${kind === "filter" ? "f" : "g"}_${map.size + 1}`;
      map.set(name, id);
      const table = kind === "filter" ? "filters" : "tests";
      this.module_lines.push(`const ${id} = Object.prototype.hasOwnProperty.call(environment.${table}, ${js(name)}) ? environment.${table}[${js(name)}] : rt.missing_dependency(${js(kind)}, ${js(name)});`);
    }
    const pass = pass_arg_of(func);
    return { id: map.get(name)!, pass: pass === "context" ? "context" : pass === "eval_context" ? "context.eval_ctx" : pass === "environment" ? "environment" : null };
  }

  // ----------------------------------------------------------------------------------------
  // The template: root, then one function per block

  generate(node: nodes.Template): string {
    const eval_ctx = new EvalCtx(this.environment.autoescape_for(this.name));
    const have_extends = node.find(nodes.Extends) !== null;
    for (const block of node.find_all(nodes.Block)) {
      if (this.blocks.has(block.name)) this.fail(`block '${block.name}' defined twice`, block.lineno);
      this.blocks.set(block.name, block);
    }
    this.open_function("function root(context)", []);
    this.writeline("const $tr = rt.state.tracer;");
    this.writeline('let out = "";');
    const frame = new Frame(eval_ctx);
    if (find_undeclared(node.body, ["self"]).has("self")) {
      const ref = frame.symbols.declare_parameter("self");
      this.declare(ref);
      this.writeline(`${ref} = new rt.TemplateReference(context);`);
    }
    frame.symbols.analyze_node(node);
    frame.toplevel = frame.rootlevel = true;
    frame.require_output_check = have_extends && !this.has_known_extends;
    if (have_extends) {
      this.declare("parent_template");
      this.writeline("parent_template = null;");
    }
    this.enter_frame(frame);
    this.blockvisit(node.body, frame);
    this.leave_frame(frame, true);
    if (have_extends) {
      if (!this.has_known_extends) this.writeline("if (parent_template !== null)");
      this.writeline("  out += rt.render_parent(parent_template, context);");
    }
    this.writeline("return out;");
    this.close_function();
    for (const [name, block] of this.blocks) this.generate_block(name, block, eval_ctx);
    const blocks_kv = [...this.blocks.keys()].map((n) => `${js(n)}: block_${n}`).join(", ");
    this.writeline(`const blocks = {${blocks_kv}};`);
    this.writeline(`return { root, blocks, debug_info: ${JSON.stringify(this.debug_info.map(([a, b]) => `${a}=${b}`).join("&"))} };`);
    return this.prologue() + this.module_lines.join("\n") + this.out.join("");
  }

  private prologue(): string {
    return [
      '"use strict";',
      "const missing = rt.missing;",
      "const $undefined = environment.undefined;",
      "const $getattr = (o, a) => environment.getattr(o, a);",
      "const $getitem = (o, a) => environment.getitem(o, a);",
      "const { to_str: $str, to_escaped: $esc, truth: $truth, iterate: $iter, unpack: $unpack, KWARGS_PROTO: $KW } = rt;",
      "const { py_add: $add, py_sub: $sub, py_mul: $mul, py_truediv: $div, py_floordiv: $floordiv, py_mod: $mod, py_pow: $pow, py_neg: $neg, py_pos: $pos } = rt;",
      "const { eq: $eq, ne: $ne, lt: $lt, le: $le, gt: $gt, ge: $ge, contains: $in } = rt;",
      "",
    ].join("\n");
  }

  private generate_block(name: string, block: nodes.Block, eval_ctx: EvalCtx): void {
    this.writeline("");
    this.open_function(`function block_${name}(context)`, []);
    this.writeline("const $tr = rt.state.tracer;");
    this.writeline('let out = "";');
    const block_frame = new Frame(eval_ctx);
    block_frame.block_frame = true;
    const undeclared = find_undeclared(block.body, ["self", "super"]);
    if (undeclared.has("self")) {
      const ref = block_frame.symbols.declare_parameter("self");
      this.declare(ref);
      this.writeline(`${ref} = new rt.TemplateReference(context);`);
    }
    if (undeclared.has("super")) {
      const ref = block_frame.symbols.declare_parameter("super");
      this.declare(ref);
      this.writeline(`${ref} = context.super(${js(name)}, block_${name});`);
    }
    block_frame.symbols.analyze_node(block);
    block_frame.block = name;
    this.enter_frame(block_frame);
    this.blockvisit(block.body, block_frame);
    this.leave_frame(block_frame, true);
    this.writeline("return out;");
    this.close_function();
  }

  // ----------------------------------------------------------------------------------------
  // Statements

  visit(node: nodes.Node, frame: Frame): void {
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
      this.writeline(`${this.expr(node.node, frame)};`, node.lineno);
      return;
    }
    throw new Error(`no visitor for ${node.node_type}`);
  }

  private visit_Output(node: nodes.Output, frame: Frame): void {
    if (this.has_known_extends && frame.require_output_check) return;
    const check = frame.require_output_check;
    if (check) {
      this.writeline("if (parent_template === null) {");
      this.indent();
    }
    let pending = "";
    const flush = () => {
      if (pending) this.writeline(`${frame.buffer} += ${js(pending)};`);
      pending = "";
    };
    for (const child of node.nodes) {
      if (child instanceof nodes.TemplateData) {
        pending += child.data;
        continue;
      }
      flush();
      const value = this.expr(child, frame);
      const traced = child instanceof nodes.Const ? value : `($tr === null ? ${value} : $tr.variable(${js(this.name ?? "<string>")}, ${js(nodes.expr_source(child))}, ${child.lineno}, ${value}))`;
      const finalize = this.environment.finalize ? (v: string) => `environment.finalize(${v})` : (v: string) => v;
      const conv = frame.eval_ctx.volatile ? "(context.eval_ctx.autoescape ? $esc : $str)" : frame.eval_ctx.autoescape ? "$esc" : "$str";
      this.writeline(`${frame.buffer} += ${conv}(${finalize(traced)});`, child.lineno);
    }
    flush();
    if (check) {
      this.outdent();
      this.writeline("}");
    }
  }

  private visit_Extends(node: nodes.Extends, frame: Frame): void {
    if (!frame.toplevel) this.fail("cannot use extend from a non top-level scope", node.lineno);
    if (this.extends_so_far > 0) {
      if (!this.has_known_extends) this.writeline("if (parent_template !== null)");
      this.writeline(`  throw new rt.TemplateRuntimeError("extended multiple times");`);
      if (this.has_known_extends) throw new CompilerExit();
    }
    this.writeline(`parent_template = environment.get_template(${this.expr(node.template, frame)}, ${js(this.name ?? "")} || null);`, node.lineno);
    this.writeline("rt.add_parent_blocks(context, parent_template);");
    if (frame.rootlevel) this.has_known_extends = true;
    this.extends_so_far += 1;
  }

  private visit_Block(node: nodes.Block, frame: Frame): void {
    let level = 0;
    if (frame.toplevel) {
      if (this.has_known_extends) return;
      if (this.extends_so_far > 0) {
        this.writeline("if (parent_template === null) {");
        this.indent();
        level++;
      }
    }
    const context = node.scoped ? `context.derived(${this.dump_local_context(frame)})` : "context";
    if (node.required) {
      this.writeline(`if (context.blocks[${js(node.name)}].length <= 1)`, node.lineno);
      this.writeline(`  throw new rt.TemplateRuntimeError(${js(`Required block '${node.name}' not found`)});`);
    }
    this.writeline(`${frame.buffer} += context.render_block(${js(node.name)}, ${context});`, node.lineno);
    for (let i = 0; i < level; i++) {
      this.outdent();
      this.writeline("}");
    }
  }

  private visit_If(node: nodes.If, frame: Frame): void {
    const soft = frame.soft();
    this.writeline(`if (${this.test(node.test, soft)}) {`, node.lineno);
    this.indent();
    this.blockvisit(node.body, soft);
    this.outdent();
    for (const elif of node.elif_) {
      this.writeline(`} else if (${this.test(elif.test, soft)}) {`, elif.lineno);
      this.indent();
      this.blockvisit(elif.body, soft);
      this.outdent();
    }
    if (node.else_.length) {
      this.writeline("} else {");
      this.indent();
      this.blockvisit(node.else_, soft);
      this.outdent();
    }
    this.writeline("}");
  }

  private test(node: nodes.Expr, frame: Frame): string {
    return `$truth(${this.expr(node, frame)})`;
  }

  private visit_For(node: nodes.For, frame: Frame): void {
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
    let filter_func: string | null = null;
    if (node.test) {
      filter_func = this.temporary_identifier();
      test_frame.symbols.analyze_node(node, "test");
      this.writeline(`${filter_func} = (fiter) => fiter.filter(`);
      this.open_function("function (t_item)", ["t_item"]);
      this.enter_frame(test_frame);
      this.assign_to(node.target, "t_item", loop_frame);
      this.writeline(`return ${this.test(node.test, test_frame)};`);
      this.close_function("});");
    }
    let recursive_func: string | null = null;
    let outer_buffer = frame.buffer;
    if (node.recursive) {
      recursive_func = this.temporary_identifier();
      this.writeline(`${recursive_func} = `);
      this.open_function("function (reciter, loop_render_func, depth)", ["reciter", "loop_render_func", "depth"]);
      this.buffer(loop_frame);
      else_frame.buffer = loop_frame.buffer;
      outer_buffer = loop_frame.buffer;
    }
    const iter_source = node.recursive ? "reciter" : this.expr(node.iter, frame);
    const items = this.temporary_identifier();
    this.writeline(`${items} = $iter(${iter_source});`, node.lineno);
    if (filter_func) this.writeline(`${items} = ${filter_func}(${items});`);
    let loop_ctx: string | null = null;
    if (extended_loop) {
      this.declare(loop_ref!);
      this.writeline(`${loop_ref} = missing;`);
      loop_ctx = this.temporary_identifier();
      this.writeline(`${loop_ctx} = new rt.LoopContext(${items}, $undefined, ${node.recursive ? "loop_render_func, depth" : "null, 0"});`);
    }
    let iteration_indicator: string | null = null;
    if (node.else_.length) {
      iteration_indicator = this.temporary_identifier();
      this.writeline(`${iteration_indicator} = 1;`);
    }
    const index = this.temporary_identifier();
    this.writeline(`for (${index} = 0; ${index} < ${items}.length; ${index}++) {`);
    this.indent();
    if (loop_ctx) this.writeline(`${loop_ctx}.index0 = ${index}; ${loop_ref} = ${loop_ctx};`);
    this.assign_to(node.target, `${items}[${index}]`, loop_frame);
    this.enter_frame(loop_frame);
    this.blockvisit(node.body, loop_frame);
    if (iteration_indicator) this.writeline(`${iteration_indicator} = 0;`);
    this.outdent();
    this.writeline("}");
    this.leave_frame(loop_frame, node.recursive && !node.else_.length);
    if (node.else_.length) {
      this.writeline(`if (${iteration_indicator}) {`);
      this.indent();
      this.enter_frame(else_frame);
      this.blockvisit(node.else_, else_frame);
      this.leave_frame(else_frame);
      this.outdent();
      this.writeline("}");
    }
    if (node.recursive) {
      this.writeline(`return ${outer_buffer};`);
      this.close_function("};");
      this.writeline(`${frame.buffer} += ${recursive_func}(${this.expr(node.iter, frame)}, ${recursive_func}, 0);`);
    }
    if (this.assign_stack.length) for (const s of loop_frame.symbols.stores) this.assign_stack[this.assign_stack.length - 1].delete(s);
  }

  /** `target = value` for a Name, a Tuple of targets, or a namespace attribute. */
  private assign_to(target: nodes.Expr, value: string, frame: Frame): void {
    if (target instanceof nodes.Name) {
      if (frame.toplevel || frame.loop_frame || frame.block_frame) this.assign_stack[this.assign_stack.length - 1]?.add(target.name);
      const ref = frame.symbols.ref(target.name);
      this.declare(ref);
      this.writeline(`${ref} = ${value};`);
      return;
    }
    if (target instanceof nodes.Tuple) {
      const tmp = this.temporary_identifier();
      this.writeline(`${tmp} = $unpack(${value}, ${target.items.length});`);
      target.items.forEach((item, i) => this.assign_to(item, `${tmp}[${i}]`, frame));
      return;
    }
    if (target instanceof nodes.NSRef) {
      const ref = frame.symbols.ref(target.name);
      this.writeline(`rt.namespace_set(${ref}, ${js(target.attr)}, ${value});`);
      return;
    }
    this.fail(`can't assign to '${target.node_type.toLowerCase()}'`, target.lineno);
  }

  private visit_Assign(node: nodes.Assign, frame: Frame): void {
    this.push_assign_tracking();
    const value = this.expr(node.node, frame);
    if (node.target instanceof nodes.Name || node.target instanceof nodes.NSRef) this.assign_to(node.target, value, frame);
    else {
      const tmp = this.temporary_identifier();
      this.writeline(`${tmp} = ${value};`, node.lineno);
      this.assign_to(node.target, tmp, frame);
    }
    this.pop_assign_tracking(frame);
  }

  private wrap_markup(value: string, frame: Frame): string {
    if (frame.eval_ctx.volatile) return `(context.eval_ctx.autoescape ? new rt.Markup(${value}) : ${value})`;
    return frame.eval_ctx.autoescape ? `new rt.Markup(${value})` : value;
  }

  private visit_AssignBlock(node: nodes.AssignBlock, frame: Frame): void {
    this.push_assign_tracking();
    const block_frame = frame.inner();
    block_frame.require_output_check = false;
    block_frame.symbols.analyze_node(node);
    this.enter_frame(block_frame);
    this.buffer(block_frame);
    this.blockvisit(node.body, block_frame);
    const value = node.filter ? this.filter_expr(node.filter, block_frame) : `(context.eval_ctx.autoescape ? new rt.Markup(${block_frame.buffer}) : ${block_frame.buffer})`;
    this.assign_to(node.target, value, frame);
    this.pop_assign_tracking(frame);
    this.leave_frame(block_frame);
  }

  private visit_FilterBlock(node: nodes.FilterBlock, frame: Frame): void {
    const filter_frame = frame.inner();
    filter_frame.symbols.analyze_node(node);
    this.enter_frame(filter_frame);
    this.buffer(filter_frame);
    this.blockvisit(node.body, filter_frame);
    this.writeline(`${frame.buffer} += $str(${this.filter_expr(node.filter, filter_frame)});`, node.lineno);
    this.leave_frame(filter_frame);
  }

  private visit_With(node: nodes.With, frame: Frame): void {
    const with_frame = frame.inner();
    with_frame.symbols.analyze_node(node);
    this.enter_frame(with_frame);
    node.targets.forEach((target, i) => {
      const value = this.expr(node.values[i], frame);
      if (target instanceof nodes.Name) {
        const ref = with_frame.symbols.ref(target.name);
        this.declare(ref);
        this.writeline(`${ref} = ${value};`);
      } else this.assign_to(target, value, with_frame);
    });
    this.blockvisit(node.body, with_frame);
    this.leave_frame(with_frame);
  }

  private visit_Scope(node: nodes.Scope, frame: Frame): void {
    const scope_frame = frame.inner();
    scope_frame.symbols.analyze_node(node);
    this.enter_frame(scope_frame);
    this.blockvisit(node.body, scope_frame);
    this.leave_frame(scope_frame);
  }

  private visit_ScopedEvalContextModifier(node: nodes.ScopedEvalContextModifier, frame: Frame): void {
    const old = this.temporary_identifier();
    const saved = frame.eval_ctx.save();
    this.writeline(`${old} = context.eval_ctx.save();`);
    for (const keyword of node.options) {
      this.writeline(`context.eval_ctx.${keyword.key} = $truth(${this.expr(keyword.value, frame)});`);
      if (keyword.value instanceof nodes.Const) {
        if (keyword.key === "autoescape") frame.eval_ctx.autoescape = !!keyword.value.value;
      } else frame.eval_ctx.volatile = true;
    }
    for (const child of node.body) this.visit(child, frame);
    frame.eval_ctx.revert(saved);
    this.writeline(`context.eval_ctx.revert(${old});`);
  }

  // ----------------------------------------------------------------------------------------
  // Macros and call blocks

  private macro_body(node: nodes.Macro | nodes.CallBlock, frame: Frame): { frame: Frame; args: string[]; accesses: { caller: boolean; kwargs: boolean; varargs: boolean } } {
    frame = frame.inner();
    frame.symbols.analyze_node(node);
    const accesses = { caller: false, kwargs: false, varargs: false };
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
    this.open_function(`function (${args.join(", ")})`, args);
    this.writeline("const $tr = rt.state.tracer;");
    this.buffer(frame);
    this.enter_frame(frame);
    node.args.forEach((arg, idx) => {
      const ref = frame.symbols.ref(arg.name);
      const default_index = idx - node.args.length + node.defaults.length;
      const value = default_index >= 0 ? this.expr(node.defaults[default_index], frame) : `new $undefined(${js(`parameter '${arg.name}' was not provided`)}, missing, ${js(arg.name)})`;
      this.writeline(`if (${ref} === missing) ${ref} = ${value};`);
    });
    this.blockvisit(node.body, frame);
    this.writeline(`return ${frame.buffer};`);
    this.leave_frame(frame, true);
    return { frame, args, accesses };
  }

  /** `new Macro(environment, function(…){…}, name, arguments, catch_kwargs, catch_varargs, caller, autoescape)` */
  private macro_def(name: string, node: nodes.Macro | nodes.CallBlock, accesses: { caller: boolean; kwargs: boolean; varargs: boolean }, frame: Frame): void {
    const arg_names = JSON.stringify(node.args.map((a) => a.name));
    const autoescape = frame.eval_ctx.volatile ? "context.eval_ctx.autoescape" : String(frame.eval_ctx.autoescape);
    this.close_function(`}, ${js(name)}, ${arg_names}, ${accesses.kwargs}, ${accesses.varargs}, ${accesses.caller}, ${autoescape}, ${js(this.name ?? "")} || null);`);
  }

  private visit_Macro(node: nodes.Macro, frame: Frame): void {
    const ref = frame.symbols.ref(node.name);
    this.declare(ref);
    this.writeline(`${ref} = new rt.Macro(environment, `, node.lineno);
    const { accesses } = this.macro_body(node, frame);
    this.macro_def(node.name, node, accesses, frame);
    if (frame.toplevel) {
      this.writeline(`context.vars[${js(node.name)}] = ${ref};`);
      if (!node.name.startsWith("_")) this.writeline(`context.exported_vars.add(${js(node.name)});`);
    }
  }

  private visit_CallBlock(node: nodes.CallBlock, frame: Frame): void {
    const caller = this.temporary_identifier();
    this.writeline(`${caller} = new rt.Macro(environment, `, node.lineno);
    const { accesses } = this.macro_body(node, frame);
    this.macro_def("caller", node, accesses, frame);
    this.writeline(`${frame.buffer} += $str(${this.call_expr(node.call, frame, caller)});`);
  }

  // ----------------------------------------------------------------------------------------
  // Include and import

  private template_getter(node: nodes.Expr, frame: Frame): string {
    let func = "get_or_select_template";
    if (node instanceof nodes.Const) {
      if (typeof node.value === "string") func = "get_template";
      else if (Array.isArray(node.value)) func = "select_template";
    } else if (node instanceof nodes.Tuple || node instanceof nodes.List) func = "select_template";
    return `environment.${func}(${this.expr(node, frame)}, ${js(this.name ?? "")} || null)`;
  }

  private visit_Include(node: nodes.Include, frame: Frame): void {
    const template = this.temporary_identifier();
    if (node.ignore_missing) {
      this.writeline(`try { ${template} = ${this.template_getter(node.template, frame)}; } catch (e) { if (!(e instanceof rt.TemplateNotFound)) throw e; ${template} = null; }`, node.lineno);
      this.writeline(`if (${template} !== null)`);
    } else this.writeline(`${template} = ${this.template_getter(node.template, frame)};`, node.lineno);
    if (node.with_context) this.writeline(`  ${frame.buffer} += rt.render_include(${template}, context.get_all(), ${this.dump_local_context(frame)});`);
    else this.writeline(`  ${frame.buffer} += rt.render_include(${template}, null, null);`);
  }

  private import_common(node: nodes.Import | nodes.FromImport, frame: Frame): string {
    const getter = `environment.get_template(${this.expr(node.template, frame)}, ${js(this.name ?? "")} || null)`;
    if (node.with_context) return `rt.make_module(${getter}, context.get_all(), true, ${this.dump_local_context(frame)})`;
    return `rt.default_module(${getter}, context)`;
  }

  private visit_Import(node: nodes.Import, frame: Frame): void {
    const ref = frame.symbols.ref(node.target);
    this.declare(ref);
    this.writeline(`${ref} = ${this.import_common(node, frame)};`, node.lineno);
    if (frame.toplevel) {
      this.writeline(`context.vars[${js(node.target)}] = ${ref};`);
      if (!node.target.startsWith("_")) this.writeline(`context.exported_vars.delete(${js(node.target)});`);
    }
  }

  private visit_FromImport(node: nodes.FromImport, frame: Frame): void {
    const module = this.temporary_identifier();
    this.writeline(`${module} = ${this.import_common(node, frame)};`, node.lineno);
    for (const entry of node.names) {
      const [name, alias] = Array.isArray(entry) ? entry : [entry, entry];
      const ref = frame.symbols.ref(alias);
      this.declare(ref);
      this.writeline(`${ref} = rt.module_attr(${module}, ${js(name)});`);
      const message = `\`the template '\${${module}.__name__}' (imported on ${this.position(node).replace(/`/g, "\\`").replace(/\$/g, "\\$")}) does not export the requested name '${name.replace(/`/g, "\\`")}'\``;
      this.writeline(`if (${ref} === missing) ${ref} = new $undefined(${message}, missing, ${js(name)});`);
      if (frame.toplevel) {
        this.writeline(`context.vars[${js(alias)}] = ${ref};`);
        if (!alias.startsWith("_")) this.writeline(`context.exported_vars.delete(${js(alias)});`);
      }
    }
  }

  // ----------------------------------------------------------------------------------------
  // Expressions: each returns JavaScript source

  expr(node: nodes.Expr, frame: Frame): string {
    if (node instanceof nodes.Name) return this.expr_Name(node, frame);
    if (node instanceof nodes.Const) return this.expr_Const(node.value);
    if (node instanceof nodes.TemplateData) return this.wrap_markup(js(node.data), frame);
    if (node instanceof nodes.Getattr) return `$getattr(${this.expr(node.node, frame)}, ${js(node.attr)})`;
    if (node instanceof nodes.Getitem) {
      if (node.arg instanceof nodes.Slice) return `$getitem(${this.expr(node.node, frame)}, ${this.expr_Slice(node.arg, frame)})`;
      return `$getitem(${this.expr(node.node, frame)}, ${this.expr(node.arg, frame)})`;
    }
    if (node instanceof nodes.Slice) return this.expr_Slice(node, frame);
    if (node instanceof nodes.Filter) return this.filter_expr(node, frame);
    if (node instanceof nodes.Test) return this.test_expr(node, frame);
    if (node instanceof nodes.Call) return this.call_expr(node, frame, null);
    if (node instanceof nodes.List) return `[${node.items.map((i) => this.expr(i, frame)).join(", ")}]`;
    if (node instanceof nodes.Tuple) return `rt.tuple([${node.items.map((i) => this.expr(i, frame)).join(", ")}])`;
    if (node instanceof nodes.Dict) return this.expr_Dict(node, frame);
    if (node instanceof nodes.CondExpr) return this.expr_CondExpr(node, frame);
    if (node instanceof nodes.Concat) {
      const join = frame.eval_ctx.volatile ? "(context.eval_ctx.autoescape ? rt.markup_join : rt.str_join)" : frame.eval_ctx.autoescape ? "rt.markup_join" : "rt.str_join";
      return `${join}([${node.nodes.map((n) => this.expr(n, frame)).join(", ")}])`;
    }
    if (node instanceof nodes.Compare) return this.expr_Compare(node, frame);
    if (node instanceof nodes.And || node instanceof nodes.Or) {
      const t = this.temporary_identifier();
      const left = this.expr(node.left, frame);
      const right = this.expr(node.right, frame);
      return node instanceof nodes.And ? `(${t} = ${left}, $truth(${t}) ? ${right} : ${t})` : `(${t} = ${left}, $truth(${t}) ? ${t} : ${right})`;
    }
    if (node instanceof nodes.BinExpr) {
      const op = BIN_OPS.get(node.constructor as typeof nodes.BinExpr)!;
      return `${op}(${this.expr(node.left, frame)}, ${this.expr(node.right, frame)})`;
    }
    if (node instanceof nodes.Not) return `!$truth(${this.expr(node.node, frame)})`;
    if (node instanceof nodes.Neg) return `$neg(${this.expr(node.node, frame)})`;
    if (node instanceof nodes.Pos) return `$pos(${this.expr(node.node, frame)})`;
    if (node instanceof nodes.NSRef) return `$getattr(${frame.symbols.ref(node.name)}, ${js(node.attr)})`;
    throw new Error(`no expression visitor for ${node.node_type}`);
  }

  private expr_Name(node: nodes.Name, frame: Frame): string {
    const ref = frame.symbols.ref(node.name);
    if (node.ctx === "load") {
      const load = frame.symbols.find_load(ref);
      if (!(load !== null && load[0] === VAR_LOAD_PARAMETER)) return `(${ref} === missing ? new $undefined(null, missing, ${js(node.name)}) : ${ref})`;
    }
    return ref;
  }

  private expr_Const(value: unknown): string {
    if (typeof value === "string") return js(value);
    if (value === null || value === undefined) return "null";
    if (typeof value === "boolean") return String(value);
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
    if (value instanceof PyFloat) {
      const id = `c_${this.module_lines.length + 1}`;
      this.module_lines.push(`const ${id} = new rt.PyFloat(${value.value});`);
      return id;
    }
    throw new Error(`cannot compile constant ${String(value)}`);
  }

  private expr_Slice(node: nodes.Slice, frame: Frame): string {
    const part = (n: nodes.Expr | null) => (n ? this.expr(n, frame) : "null");
    return `new rt.Slice(${part(node.start)}, ${part(node.stop)}, ${part(node.step)})`;
  }

  private expr_Dict(node: nodes.Dict, frame: Frame): string {
    if (node.items.every((p) => p.key instanceof nodes.Const && typeof p.key.value === "string" && p.key.value !== "__proto__"))
      return `{${node.items.map((p) => `${js((p.key as nodes.Const).value as string)}: ${this.expr(p.value, frame)}`).join(", ")}}`;
    return `rt.make_dict([${node.items.map((p) => `[${this.expr(p.key, frame)}, ${this.expr(p.value, frame)}]`).join(", ")}])`;
  }

  private expr_CondExpr(node: nodes.CondExpr, frame: Frame): string {
    const soft = frame.soft();
    const otherwise = node.expr2 ? this.expr(node.expr2, soft) : `new $undefined(${js(`the inline if-expression on ${this.position(node)} evaluated to false and no else section was defined.`)})`;
    return `(${this.test(node.test, soft)} ? ${this.expr(node.expr1, soft)} : ${otherwise})`;
  }

  private expr_Compare(node: nodes.Compare, frame: Frame): string {
    const op_fn = (op: string, a: string, b: string) => {
      switch (op) {
        case "in":
          return `$in(${b}, ${a})`;
        case "notin":
          return `!$in(${b}, ${a})`;
        case "eq":
          return `$eq(${a}, ${b})`;
        case "ne":
          return `$ne(${a}, ${b})`;
        case "lt":
          return `$lt(${a}, ${b})`;
        case "lteq":
          return `$le(${a}, ${b})`;
        case "gt":
          return `$gt(${a}, ${b})`;
        default:
          return `$ge(${a}, ${b})`;
      }
    };
    let left = this.expr(node.expr, frame);
    if (node.ops.length === 1) return op_fn(node.ops[0].op, left, this.expr(node.ops[0].expr, frame));
    const parts: string[] = [];
    for (const operand of node.ops) {
      const t = this.temporary_identifier();
      parts.push(op_fn(operand.op, left, `(${t} = ${this.expr(operand.expr, frame)})`));
      left = t;
    }
    return `(${parts.join(" && ")})`;
  }

  /** Positional arguments, then keyword arguments as one marked object (or null). */
  private signature(node: nodes.CallLike, frame: Frame, extra: Record<string, string> = {}): { args: string[]; kwargs: string | null; plain_kwargs: string | null } {
    const args = node.args.map((a) => this.expr(a, frame));
    if (node.dyn_args) args.push(`...$iter(${this.expr(node.dyn_args, frame)})`);
    const kw = node.kwargs.map((k) => `${js(k.key)}: ${this.expr(k.value, frame)}`);
    for (const [k, v] of Object.entries(extra)) kw.push(`${js(k)}: ${v}`);
    if (node.dyn_kwargs) kw.push(`...${this.expr(node.dyn_kwargs, frame)}`);
    if (!kw.length) return { args, kwargs: null, plain_kwargs: null };
    return { args, kwargs: `{__proto__: $KW, ${kw.join(", ")}}`, plain_kwargs: `{${kw.join(", ")}}` };
  }

  private call_expr(node: nodes.Call, frame: Frame, caller: string | null): string {
    const { args, kwargs } = this.signature(node, frame, caller ? { caller } : {});
    const all = [this.expr(node.node, frame), ...args, ...(kwargs ? [kwargs] : [])];
    return `context.call(${all.join(", ")})`;
  }

  private filter_expr(node: nodes.Filter, frame: Frame): string {
    const { id, pass } = this.dependency("filter", node.name, node.lineno, frame);
    let value: string;
    if (node.node) value = this.expr(node.node, frame);
    else value = this.wrap_markup(frame.buffer, frame);
    return this.apply(id, pass, value, node, frame);
  }

  private test_expr(node: nodes.Test, frame: Frame): string {
    const { id, pass } = this.dependency("test", node.name, node.lineno, frame);
    return this.apply(id, pass, this.expr(node.node!, frame), node, frame);
  }

  private apply(id: string, pass: string | null, value: string, node: nodes.Filter | nodes.Test, frame: Frame): string {
    const fixed = pass ? [pass, value] : [value];
    const { args, plain_kwargs } = this.signature(node, frame);
    if (plain_kwargs === null) return `${id}(${[...fixed, ...args].join(", ")})`;
    return `rt.call_with_kwargs(${id}, [${fixed.join(", ")}], [${args.join(", ")}], ${plain_kwargs}, ${js(node.name)})`;
  }
}

const BIN_OPS = new Map<typeof nodes.BinExpr, string>([
  [nodes.Add, "$add"],
  [nodes.Sub, "$sub"],
  [nodes.Mul, "$mul"],
  [nodes.Div, "$div"],
  [nodes.FloorDiv, "$floordiv"],
  [nodes.Mod, "$mod"],
  [nodes.Pow, "$pow"],
]);

/** `generate(node, environment, name, filename)`: the JavaScript source of the template's module. */
export function generate(node: nodes.Template, environment: Environment, name: string | null, filename: string | null): string {
  return new CodeGenerator(environment, name, filename).generate(node);
}
