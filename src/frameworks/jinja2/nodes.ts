/**
 * jinja2.nodes: the abstract syntax tree the parser builds and the compiler walks.
 *
 * Statements (`For`, `If`, `Block`, `Macro`, `Output`, …) and expressions (`Name`, `Getattr`,
 * `Filter`, `Call`, `Add`, …) are small classes; each lists its child fields in `fields`, which
 * `iter_child_nodes` and `find_all` walk, exactly as Jinja's `Node._fields`.
 *
 *   {% for x in items %}{{ x|upper }}{% endfor %}
 *   → Template([For(Name('x','store'), Name('items','load'), [Output([Filter(Name('x'),'upper')])], [])])
 */

export abstract class Node {
  static fields: readonly string[] = [];
  lineno: number;

  constructor(lineno = 0) {
    this.lineno = lineno;
  }

  get node_type(): string {
    return this.constructor.name;
  }

  /** Children in field order (lists flattened), optionally only some fields or without some. */
  *iter_child_nodes(options: { exclude?: string[]; only?: string[] } = {}): Generator<Node> {
    const fields = (this.constructor as typeof Node).fields;
    for (const field of fields) {
      if (options.exclude?.includes(field)) continue;
      if (options.only && !options.only.includes(field)) continue;
      const value = (this as any)[field];
      if (value instanceof Node) yield value;
      else if (Array.isArray(value)) {
        for (const item of value) {
          if (item instanceof Node) yield item;
        }
      }
    }
  }

  /** Every descendant of one of the given classes, depth first. */
  *find_all<T extends Node>(...types: (abstract new (...args: any[]) => T)[]): Generator<T> {
    for (const child of this.iter_child_nodes()) {
      if (types.some((t) => child instanceof t)) yield child as T;
      yield* child.find_all(...types);
    }
  }

  find<T extends Node>(type: abstract new (...args: any[]) => T): T | null {
    for (const n of this.find_all(type)) return n;
    return null;
  }

  /** Set the context (`load`/`store`/`param`) of this node and the names under it. */
  set_ctx(ctx: string): this {
    const todo: Node[] = [this];
    while (todo.length) {
      const node = todo.shift()!;
      if ("ctx" in node) (node as any).ctx = ctx;
      todo.push(...node.iter_child_nodes());
    }
    return this;
  }
}

export abstract class Stmt extends Node {}
export abstract class Helper extends Node {}
export abstract class Expr extends Node {
  can_assign(): boolean {
    return false;
  }
}

// ------------------------------------------------------------------------------------------
// Statements

export class Template extends Node {
  static override fields = ["body"];
  constructor(
    public body: Node[],
    lineno = 1,
  ) {
    super(lineno);
  }
}

/** `{{ … }}` and template data, printed in order. */
export class Output extends Stmt {
  static override fields = ["nodes"];
  constructor(
    public nodes: Expr[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Extends extends Stmt {
  static override fields = ["template"];
  constructor(
    public template: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class For extends Stmt {
  static override fields = ["target", "iter", "body", "else_", "test"];
  constructor(
    public target: Expr,
    public iter: Expr,
    public body: Node[],
    public else_: Node[],
    public test: Expr | null,
    public recursive: boolean,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class If extends Stmt {
  static override fields = ["test", "body", "elif_", "else_"];
  test!: Expr;
  body: Node[] = [];
  elif_: If[] = [];
  else_: Node[] = [];
}

export class Macro extends Stmt {
  static override fields = ["args", "defaults", "body"];
  constructor(
    public name: string,
    public args: Name[],
    public defaults: Expr[],
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class CallBlock extends Stmt {
  static override fields = ["call", "args", "defaults", "body"];
  constructor(
    public call: Call,
    public args: Name[],
    public defaults: Expr[],
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class FilterBlock extends Stmt {
  static override fields = ["body", "filter"];
  constructor(
    public body: Node[],
    public filter: Filter,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class With extends Stmt {
  static override fields = ["targets", "values", "body"];
  constructor(
    public targets: Expr[],
    public values: Expr[],
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Block extends Stmt {
  static override fields = ["body"];
  constructor(
    public name: string,
    public body: Node[],
    public scoped: boolean,
    public required: boolean,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Include extends Stmt {
  static override fields = ["template"];
  constructor(
    public template: Expr,
    public with_context: boolean,
    public ignore_missing: boolean,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Import extends Stmt {
  static override fields = ["template"];
  constructor(
    public template: Expr,
    public target: string,
    public with_context: boolean,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class FromImport extends Stmt {
  static override fields = ["template"];
  constructor(
    public template: Expr,
    public names: (string | [string, string])[],
    public with_context: boolean,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class ExprStmt extends Stmt {
  static override fields = ["node"];
  constructor(
    public node: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Assign extends Stmt {
  static override fields = ["target", "node"];
  constructor(
    public target: Expr,
    public node: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class AssignBlock extends Stmt {
  static override fields = ["target", "filter", "body"];
  constructor(
    public target: Expr,
    public filter: Filter | null,
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** An artificial scope (`{% autoescape %}` wraps its modifier in one). */
export class Scope extends Stmt {
  static override fields = ["body"];
  constructor(
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `{% autoescape x %}`: changes the evaluation context for its body. */
export class ScopedEvalContextModifier extends Stmt {
  static override fields = ["options", "body"];
  constructor(
    public options: Keyword[],
    public body: Node[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

// ------------------------------------------------------------------------------------------
// Expressions

export class Name extends Expr {
  constructor(
    public name: string,
    public ctx: string,
    lineno = 0,
  ) {
    super(lineno);
  }
  override can_assign(): boolean {
    return !["true", "false", "none", "True", "False", "None"].includes(this.name);
  }
}

/** `ns.attr` as an assignment target (`{% set ns.count = 1 %}`). */
export class NSRef extends Expr {
  constructor(
    public name: string,
    public attr: string,
    lineno = 0,
  ) {
    super(lineno);
  }
  override can_assign(): boolean {
    return true;
  }
}

export class Const extends Expr {
  constructor(
    public value: unknown,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** Template text between tags. */
export class TemplateData extends Expr {
  constructor(
    public data: string,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Tuple extends Expr {
  static override fields = ["items"];
  constructor(
    public items: Expr[],
    public ctx: string,
    lineno = 0,
  ) {
    super(lineno);
  }
  override can_assign(): boolean {
    return this.items.every((i) => i.can_assign());
  }
}

export class List extends Expr {
  static override fields = ["items"];
  constructor(
    public items: Expr[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Dict extends Expr {
  static override fields = ["items"];
  constructor(
    public items: Pair[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Pair extends Helper {
  static override fields = ["key", "value"];
  constructor(
    public key: Expr,
    public value: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Keyword extends Helper {
  static override fields = ["value"];
  constructor(
    public key: string,
    public value: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `a if test else b` (the else may be missing). */
export class CondExpr extends Expr {
  static override fields = ["test", "expr1", "expr2"];
  constructor(
    public test: Expr,
    public expr1: Expr,
    public expr2: Expr | null,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** Shared shape of filters, tests and calls: a callee with positional and keyword arguments. */
export abstract class CallLike extends Expr {
  static override fields = ["node", "args", "kwargs", "dyn_args", "dyn_kwargs"];
  constructor(
    public node: Expr | null,
    public args: Expr[],
    public kwargs: Keyword[],
    public dyn_args: Expr | null,
    public dyn_kwargs: Expr | null,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `value|name(args)`; `node` is null inside `{% filter %}` and `{% set x | f %}`. */
export class Filter extends CallLike {
  constructor(node: Expr | null, public name: string, args: Expr[], kwargs: Keyword[], dyn_args: Expr | null, dyn_kwargs: Expr | null, lineno = 0) {
    super(node, args, kwargs, dyn_args, dyn_kwargs, lineno);
  }
}

/** `value is name(args)` */
export class Test extends CallLike {
  constructor(node: Expr, public name: string, args: Expr[], kwargs: Keyword[], dyn_args: Expr | null, dyn_kwargs: Expr | null, lineno = 0) {
    super(node, args, kwargs, dyn_args, dyn_kwargs, lineno);
  }
}

export class Call extends CallLike {
  declare node: Expr;
}

/** `node[arg]`: item first, then attribute. */
export class Getitem extends Expr {
  static override fields = ["node", "arg"];
  constructor(
    public node: Expr,
    public arg: Expr,
    public ctx: string,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `node.attr`: attribute first, then item. */
export class Getattr extends Expr {
  static override fields = ["node"];
  constructor(
    public node: Expr,
    public attr: string,
    public ctx: string,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Slice extends Expr {
  static override fields = ["start", "stop", "step"];
  constructor(
    public start: Expr | null,
    public stop: Expr | null,
    public step: Expr | null,
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `a ~ b ~ c`: everything converted to text and joined. */
export class Concat extends Expr {
  static override fields = ["nodes"];
  constructor(
    public nodes: Expr[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

/** `a < b < c`: a chain of comparisons. */
export class Compare extends Expr {
  static override fields = ["expr", "ops"];
  constructor(
    public expr: Expr,
    public ops: Operand[],
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Operand extends Helper {
  static override fields = ["expr"];
  constructor(
    public op: string,
    public expr: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export abstract class BinExpr extends Expr {
  static override fields = ["left", "right"];
  static operator = "";
  constructor(
    public left: Expr,
    public right: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Mul extends BinExpr {
  static override operator = "*";
}
export class Div extends BinExpr {
  static override operator = "/";
}
export class FloorDiv extends BinExpr {
  static override operator = "//";
}
export class Add extends BinExpr {
  static override operator = "+";
}
export class Sub extends BinExpr {
  static override operator = "-";
}
export class Mod extends BinExpr {
  static override operator = "%";
}
export class Pow extends BinExpr {
  static override operator = "**";
}
export class And extends BinExpr {
  static override operator = "and";
}
export class Or extends BinExpr {
  static override operator = "or";
}

export abstract class UnaryExpr extends Expr {
  static override fields = ["node"];
  static operator = "";
  constructor(
    public node: Expr,
    lineno = 0,
  ) {
    super(lineno);
  }
}

export class Not extends UnaryExpr {
  static override operator = "not";
}
export class Neg extends UnaryExpr {
  static override operator = "-";
}
export class Pos extends UnaryExpr {
  static override operator = "+";
}

/** The source text of an expression, for the trace ("which variable was read"). */
export function expr_source(node: Node): string {
  if (node instanceof Name) return node.name;
  if (node instanceof Getattr) return `${expr_source(node.node)}.${node.attr}`;
  if (node instanceof Getitem) return `${expr_source(node.node)}[${node.arg instanceof Const ? JSON.stringify(node.arg.value) : expr_source(node.arg)}]`;
  if (node instanceof Const) return typeof node.value === "string" ? `'${node.value}'` : String(node.value);
  if (node instanceof Filter) return `${node.node ? expr_source(node.node) : ""}|${node.name}`;
  if (node instanceof Call) return `${expr_source(node.node)}(…)`;
  if (node instanceof Test) return `${expr_source(node.node!)} is ${node.name}`;
  return node.node_type;
}
