/**
 * jinja2.parser: a token stream → a `nodes.Template` tree (`Parser.parse`).
 *
 * A recursive-descent parser: `subparse` collects data and `{{ }}` into `Output` nodes and hands
 * each `{% tag %}` to `parse_<tag>`; expressions go down the precedence ladder
 * condexpr → or → and → not → compare → math1 (+ -) → concat (~) → math2 (* / // %) → pow →
 * unary → primary, then postfix (`.attr`, `[item]`, `(call)`) and filters/tests. The error
 * messages are Jinja's, so the learner's mistakes read the same as in Flask.
 *
 *   new Parser(env, "{% if x %}{{ x }}{% endif %}", "t.html").parse()
 */
import * as nodes from "./nodes";
import { TemplateAssertionError, TemplateSyntaxError } from "./exceptions";
import { describe_token, describe_token_expr, type Token, type TokenStream } from "./lexer";
import type { Environment } from "./environment";

const statement_keywords = new Set(["for", "if", "block", "extends", "print", "macro", "include", "from", "import", "set", "with", "autoescape"]);
const compare_operators = new Set(["eq", "ne", "lt", "lteq", "gt", "gteq"]);
const math_nodes: Record<string, new (l: nodes.Expr, r: nodes.Expr, lineno?: number) => nodes.BinExpr> = {
  add: nodes.Add,
  sub: nodes.Sub,
  mul: nodes.Mul,
  div: nodes.Div,
  floordiv: nodes.FloorDiv,
  mod: nodes.Mod,
};

type CallArgs = [nodes.Expr[], nodes.Keyword[], nodes.Expr | null, nodes.Expr | null];

export class Parser {
  readonly stream: TokenStream;
  private readonly tag_stack: string[] = [];
  private readonly end_token_stack: string[][] = [];

  constructor(
    readonly environment: Environment,
    source: string,
    readonly name: string | null = null,
    readonly filename: string | null = null,
  ) {
    this.stream = environment._tokenize(source, name, filename);
  }

  fail(msg: string, lineno: number | null = null, exc: typeof TemplateSyntaxError = TemplateSyntaxError): never {
    throw new exc(msg, lineno ?? this.stream.current.lineno, this.name, this.filename);
  }

  /** The "unknown tag" / "unexpected end" messages, naming what Jinja was looking for. */
  private fail_ut_eof(name: string | null, end_token_stack: string[][], lineno: number | null): never {
    const expected = new Set<string>();
    for (const exprs of end_token_stack) for (const e of exprs) expected.add(describe_token_expr(e));
    const currently_looking = end_token_stack.length ? end_token_stack[end_token_stack.length - 1].map((e) => `'${describe_token_expr(e)}'`).join(" or ") : null;
    const message = [name === null ? "Unexpected end of template." : `Encountered unknown tag '${name}'.`];
    if (currently_looking) {
      if (name !== null && expected.has(name)) message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${currently_looking}.`);
      else message.push(`Jinja was looking for the following tags: ${currently_looking}.`);
    }
    if (this.tag_stack.length) message.push(`The innermost block that needs to be closed is '${this.tag_stack[this.tag_stack.length - 1]}'.`);
    this.fail(message.join(" "), lineno);
  }

  fail_unknown_tag(name: string, lineno: number | null = null): never {
    this.fail_ut_eof(name, this.end_token_stack, lineno);
  }

  fail_eof(end_tokens: string[] | null = null, lineno: number | null = null): never {
    const stack = [...this.end_token_stack];
    if (end_tokens) stack.push(end_tokens);
    this.fail_ut_eof(null, stack, lineno);
  }

  private is_tuple_end(extra_end_rules: string[] | null = null): boolean {
    const type = this.stream.current.type;
    if (type === "variable_end" || type === "block_end" || type === "rparen") return true;
    if (extra_end_rules) return this.stream.current.test_any(...extra_end_rules);
    return false;
  }

  /** One `{% tag … %}`: dispatch on the tag name. */
  parse_statement(): nodes.Node | nodes.Node[] {
    const token = this.stream.current;
    if (token.type !== "name") this.fail("tag name expected", token.lineno);
    this.tag_stack.push(token.value);
    let pop_tag = true;
    try {
      if (statement_keywords.has(token.value)) return (this as any)[`parse_${token.value}`]();
      if (token.value === "call") return this.parse_call_block();
      if (token.value === "filter") return this.parse_filter_block();
      this.tag_stack.pop();
      pop_tag = false;
      return this.fail_unknown_tag(token.value, token.lineno);
    } finally {
      if (pop_tag) this.tag_stack.pop();
    }
  }

  /** A tag's body, up to one of `end_tokens`. */
  parse_statements(end_tokens: string[], drop_needle = false): nodes.Node[] {
    this.stream.skip_if("colon");
    this.stream.expect("block_end");
    const result = this.subparse(end_tokens);
    if (this.stream.current.type === "eof") this.fail_eof(end_tokens);
    if (drop_needle) this.stream.next();
    return result;
  }

  parse_set(): nodes.Assign | nodes.AssignBlock {
    const lineno = this.stream.next().lineno;
    const target = this.parse_assign_target({ with_namespace: true });
    if (this.stream.skip_if("assign")) return new nodes.Assign(target, this.parse_tuple(), lineno);
    const filter_node = this.parse_filter(null) as nodes.Filter | null;
    const body = this.parse_statements(["name:endset"], true);
    return new nodes.AssignBlock(target, filter_node, body, lineno);
  }

  parse_for(): nodes.For {
    const lineno = this.stream.expect("name:for").lineno;
    const target = this.parse_assign_target({ extra_end_rules: ["name:in"] });
    this.stream.expect("name:in");
    const iter = this.parse_tuple({ with_condexpr: false, extra_end_rules: ["name:recursive"] });
    let test: nodes.Expr | null = null;
    if (this.stream.skip_if("name:if")) test = this.parse_expression();
    const recursive = this.stream.skip_if("name:recursive");
    const body = this.parse_statements(["name:endfor", "name:else"]);
    let else_: nodes.Node[] = [];
    if (this.stream.next().value !== "endfor") else_ = this.parse_statements(["name:endfor"], true);
    return new nodes.For(target, iter, body, else_, test, recursive, lineno);
  }

  parse_if(): nodes.If {
    const result = new nodes.If(this.stream.expect("name:if").lineno);
    let node = result;
    for (;;) {
      node.test = this.parse_tuple({ with_condexpr: false });
      node.body = this.parse_statements(["name:elif", "name:else", "name:endif"]);
      node.elif_ = [];
      node.else_ = [];
      const token = this.stream.next();
      if (token.test("name:elif")) {
        node = new nodes.If(this.stream.current.lineno);
        result.elif_.push(node);
        continue;
      } else if (token.test("name:else")) {
        result.else_ = this.parse_statements(["name:endif"], true);
      }
      break;
    }
    return result;
  }

  parse_with(): nodes.With {
    const lineno = this.stream.next().lineno;
    const targets: nodes.Expr[] = [];
    const values: nodes.Expr[] = [];
    while (this.stream.current.type !== "block_end") {
      if (targets.length) this.stream.expect("comma");
      const target = this.parse_assign_target();
      target.set_ctx("param");
      targets.push(target);
      this.stream.expect("assign");
      values.push(this.parse_expression());
    }
    const body = this.parse_statements(["name:endwith"], true);
    return new nodes.With(targets, values, body, lineno);
  }

  parse_autoescape(): nodes.Scope {
    const lineno = this.stream.next().lineno;
    const options = [new nodes.Keyword("autoescape", this.parse_expression())];
    const body = this.parse_statements(["name:endautoescape"], true);
    return new nodes.Scope([new nodes.ScopedEvalContextModifier(options, body, lineno)]);
  }

  parse_block(): nodes.Block {
    const lineno = this.stream.next().lineno;
    const name = this.stream.expect("name").value as string;
    const scoped = this.stream.skip_if("name:scoped");
    const required = this.stream.skip_if("name:required");
    if (this.stream.current.type === "sub") this.fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.");
    const body = this.parse_statements(["name:endblock"], true);
    if (required) {
      for (const body_node of body) {
        if (!(body_node instanceof nodes.Output) || body_node.nodes.some((o) => !(o instanceof nodes.TemplateData) || !/^\s+$/.test(o.data)))
          this.fail("Required blocks can only contain comments or whitespace");
      }
    }
    this.stream.skip_if(`name:${name}`);
    return new nodes.Block(name, body, scoped, required, lineno);
  }

  parse_extends(): nodes.Extends {
    const lineno = this.stream.next().lineno;
    return new nodes.Extends(this.parse_expression(), lineno);
  }

  /** `with context` / `without context` after include and import. */
  private parse_import_context(default_: boolean): boolean {
    if (this.stream.current.test_any("name:with", "name:without") && this.stream.look().test("name:context")) {
      const with_context = this.stream.next().value === "with";
      this.stream.skip();
      return with_context;
    }
    return default_;
  }

  parse_include(): nodes.Include {
    const lineno = this.stream.next().lineno;
    const template = this.parse_expression();
    let ignore_missing = false;
    if (this.stream.current.test("name:ignore") && this.stream.look().test("name:missing")) {
      ignore_missing = true;
      this.stream.skip(2);
    }
    return new nodes.Include(template, this.parse_import_context(true), ignore_missing, lineno);
  }

  parse_import(): nodes.Import {
    const lineno = this.stream.next().lineno;
    const template = this.parse_expression();
    this.stream.expect("name:as");
    const target = (this.parse_assign_target({ name_only: true }) as nodes.Name).name;
    return new nodes.Import(template, target, this.parse_import_context(false), lineno);
  }

  parse_from(): nodes.FromImport {
    const lineno = this.stream.next().lineno;
    const template = this.parse_expression();
    this.stream.expect("name:import");
    const names: (string | [string, string])[] = [];
    let with_context: boolean | null = null;
    const parse_context = (): boolean => {
      if ((this.stream.current.value === "with" || this.stream.current.value === "without") && this.stream.look().test("name:context")) {
        with_context = this.stream.next().value === "with";
        this.stream.skip();
        return true;
      }
      return false;
    };
    for (;;) {
      if (names.length) this.stream.expect("comma");
      if (this.stream.current.type === "name") {
        if (parse_context()) break;
        const target = this.parse_assign_target({ name_only: true }) as nodes.Name;
        if (target.name.startsWith("_")) this.fail("names starting with an underline can not be imported", target.lineno, TemplateAssertionError);
        if (this.stream.skip_if("name:as")) {
          const alias = this.parse_assign_target({ name_only: true }) as nodes.Name;
          names.push([target.name, alias.name]);
        } else names.push(target.name);
        if (parse_context() || (this.stream.current.type as string) !== "comma") break;
      } else this.stream.expect("name");
    }
    return new nodes.FromImport(template, names, with_context ?? false, lineno);
  }

  /** `(a, b=1)` of a macro or call block. */
  private parse_signature(): [nodes.Name[], nodes.Expr[]] {
    const args: nodes.Name[] = [];
    const defaults: nodes.Expr[] = [];
    this.stream.expect("lparen");
    while (this.stream.current.type !== "rparen") {
      if (args.length) this.stream.expect("comma");
      const arg = this.parse_assign_target({ name_only: true }) as nodes.Name;
      arg.set_ctx("param");
      if (this.stream.skip_if("assign")) defaults.push(this.parse_expression());
      else if (defaults.length) this.fail("non-default argument follows default argument");
      args.push(arg);
    }
    this.stream.expect("rparen");
    return [args, defaults];
  }

  parse_call_block(): nodes.CallBlock {
    const lineno = this.stream.next().lineno;
    const [args, defaults] = this.stream.current.type === "lparen" ? this.parse_signature() : [[], []];
    const call_node = this.parse_expression();
    if (!(call_node instanceof nodes.Call)) this.fail("expected call", lineno);
    const body = this.parse_statements(["name:endcall"], true);
    return new nodes.CallBlock(call_node, args, defaults, body, lineno);
  }

  parse_filter_block(): nodes.FilterBlock {
    const lineno = this.stream.next().lineno;
    const filter = this.parse_filter(null, true) as nodes.Filter;
    const body = this.parse_statements(["name:endfilter"], true);
    return new nodes.FilterBlock(body, filter, lineno);
  }

  parse_macro(): nodes.Macro {
    const lineno = this.stream.next().lineno;
    const name = (this.parse_assign_target({ name_only: true }) as nodes.Name).name;
    const [args, defaults] = this.parse_signature();
    const body = this.parse_statements(["name:endmacro"], true);
    return new nodes.Macro(name, args, defaults, body, lineno);
  }

  parse_print(): nodes.Output {
    const lineno = this.stream.next().lineno;
    const items: nodes.Expr[] = [];
    while (this.stream.current.type !== "block_end") {
      if (items.length) this.stream.expect("comma");
      items.push(this.parse_expression());
    }
    return new nodes.Output(items, lineno);
  }

  parse_assign_target(options: { with_tuple?: boolean; name_only?: boolean; extra_end_rules?: string[]; with_namespace?: boolean } = {}): nodes.Expr {
    let target: nodes.Expr;
    if (options.name_only) {
      const token = this.stream.expect("name");
      target = new nodes.Name(token.value, "store", token.lineno);
    } else {
      target = options.with_tuple === false ? this.parse_primary(options.with_namespace) : this.parse_tuple({ simplified: true, extra_end_rules: options.extra_end_rules ?? null, with_namespace: options.with_namespace });
      target.set_ctx("store");
    }
    if (!target.can_assign()) this.fail(`can't assign to '${target.node_type.toLowerCase()}'`, target.lineno);
    return target;
  }

  parse_expression(with_condexpr = true): nodes.Expr {
    return with_condexpr ? this.parse_condexpr() : this.parse_or();
  }

  parse_condexpr(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let expr1 = this.parse_or();
    while (this.stream.skip_if("name:if")) {
      const expr2 = this.parse_or();
      const expr3 = this.stream.skip_if("name:else") ? this.parse_condexpr() : null;
      expr1 = new nodes.CondExpr(expr2, expr1, expr3, lineno);
      lineno = this.stream.current.lineno;
    }
    return expr1;
  }

  parse_or(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parse_and();
    while (this.stream.skip_if("name:or")) {
      left = new nodes.Or(left, this.parse_and(), lineno);
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  parse_and(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parse_not();
    while (this.stream.skip_if("name:and")) {
      left = new nodes.And(left, this.parse_not(), lineno);
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  parse_not(): nodes.Expr {
    if (this.stream.current.test("name:not")) {
      const lineno = this.stream.next().lineno;
      return new nodes.Not(this.parse_not(), lineno);
    }
    return this.parse_compare();
  }

  parse_compare(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    const expr = this.parse_math1();
    const ops: nodes.Operand[] = [];
    for (;;) {
      const token_type = this.stream.current.type;
      if (compare_operators.has(token_type)) {
        this.stream.next();
        ops.push(new nodes.Operand(token_type, this.parse_math1()));
      } else if (this.stream.skip_if("name:in")) ops.push(new nodes.Operand("in", this.parse_math1()));
      else if (this.stream.current.test("name:not") && this.stream.look().test("name:in")) {
        this.stream.skip(2);
        ops.push(new nodes.Operand("notin", this.parse_math1()));
      } else break;
      lineno = this.stream.current.lineno;
    }
    return ops.length ? new nodes.Compare(expr, ops, lineno) : expr;
  }

  parse_math1(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parse_concat();
    while (this.stream.current.type === "add" || this.stream.current.type === "sub") {
      const cls = math_nodes[this.stream.current.type];
      this.stream.next();
      left = new cls(left, this.parse_concat(), lineno);
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  parse_concat(): nodes.Expr {
    const lineno = this.stream.current.lineno;
    const args = [this.parse_math2()];
    while (this.stream.current.type === "tilde") {
      this.stream.next();
      args.push(this.parse_math2());
    }
    return args.length === 1 ? args[0] : new nodes.Concat(args, lineno);
  }

  parse_math2(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parse_pow();
    while (["mul", "div", "floordiv", "mod"].includes(this.stream.current.type)) {
      const cls = math_nodes[this.stream.current.type];
      this.stream.next();
      left = new cls(left, this.parse_pow(), lineno);
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  parse_pow(): nodes.Expr {
    let lineno = this.stream.current.lineno;
    let left = this.parse_unary();
    while (this.stream.current.type === "pow") {
      this.stream.next();
      left = new nodes.Pow(left, this.parse_unary(), lineno);
      lineno = this.stream.current.lineno;
    }
    return left;
  }

  parse_unary(with_filter = true): nodes.Expr {
    const token_type = this.stream.current.type;
    const lineno = this.stream.current.lineno;
    let node: nodes.Expr;
    if (token_type === "sub") {
      this.stream.next();
      node = new nodes.Neg(this.parse_unary(false), lineno);
    } else if (token_type === "add") {
      this.stream.next();
      node = new nodes.Pos(this.parse_unary(false), lineno);
    } else node = this.parse_primary();
    node = this.parse_postfix(node);
    if (with_filter) node = this.parse_filter_expr(node);
    return node;
  }

  parse_primary(with_namespace = false): nodes.Expr {
    const token = this.stream.current;
    if (token.type === "name") {
      this.stream.next();
      if (["true", "false", "True", "False"].includes(token.value)) return new nodes.Const(token.value === "true" || token.value === "True", token.lineno);
      if (token.value === "none" || token.value === "None") return new nodes.Const(null, token.lineno);
      if (with_namespace && this.stream.current.type === "dot") {
        this.stream.next();
        const attr = this.stream.expect("name");
        return new nodes.NSRef(token.value, attr.value, token.lineno);
      }
      return new nodes.Name(token.value, "load", token.lineno);
    }
    if (token.type === "string") {
      this.stream.next();
      const buf = [token.value as string];
      while (this.stream.current.type === "string") buf.push(this.stream.next().value);
      return new nodes.Const(buf.join(""), token.lineno);
    }
    if (token.type === "integer" || token.type === "float") {
      this.stream.next();
      return new nodes.Const(token.value, token.lineno);
    }
    if (token.type === "lparen") {
      this.stream.next();
      const node = this.parse_tuple({ explicit_parentheses: true });
      this.stream.expect("rparen");
      return node;
    }
    if (token.type === "lbracket") return this.parse_list();
    if (token.type === "lbrace") return this.parse_dict();
    this.fail(`unexpected '${describe_token(token)}'`, token.lineno);
  }

  /** Expressions separated by commas: a tuple, or the one expression when there is no comma. */
  parse_tuple(options: { simplified?: boolean; with_condexpr?: boolean; extra_end_rules?: string[] | null; explicit_parentheses?: boolean; with_namespace?: boolean } = {}): nodes.Expr {
    let lineno = this.stream.current.lineno;
    const parse = options.simplified ? () => this.parse_primary(options.with_namespace) : () => this.parse_expression(options.with_condexpr ?? true);
    const args: nodes.Expr[] = [];
    let is_tuple = false;
    for (;;) {
      if (args.length) this.stream.expect("comma");
      if (this.is_tuple_end(options.extra_end_rules ?? null)) break;
      args.push(parse());
      if (this.stream.current.type === "comma") is_tuple = true;
      else break;
      lineno = this.stream.current.lineno;
    }
    if (!is_tuple) {
      if (args.length) return args[0];
      if (!options.explicit_parentheses) this.fail(`Expected an expression, got '${describe_token(this.stream.current)}'`);
    }
    return new nodes.Tuple(args, "load", lineno);
  }

  parse_list(): nodes.List {
    const token = this.stream.expect("lbracket");
    const items: nodes.Expr[] = [];
    while (this.stream.current.type !== "rbracket") {
      if (items.length) this.stream.expect("comma");
      if (this.stream.current.type === "rbracket") break;
      items.push(this.parse_expression());
    }
    this.stream.expect("rbracket");
    return new nodes.List(items, token.lineno);
  }

  parse_dict(): nodes.Dict {
    const token = this.stream.expect("lbrace");
    const items: nodes.Pair[] = [];
    while (this.stream.current.type !== "rbrace") {
      if (items.length) this.stream.expect("comma");
      if (this.stream.current.type === "rbrace") break;
      const key = this.parse_expression();
      this.stream.expect("colon");
      const value = this.parse_expression();
      items.push(new nodes.Pair(key, value, key.lineno));
    }
    this.stream.expect("rbrace");
    return new nodes.Dict(items, token.lineno);
  }

  parse_postfix(node: nodes.Expr): nodes.Expr {
    for (;;) {
      const t = this.stream.current.type;
      if (t === "dot" || t === "lbracket") node = this.parse_subscript(node);
      else if (t === "lparen") node = this.parse_call(node);
      else break;
    }
    return node;
  }

  parse_filter_expr(node: nodes.Expr): nodes.Expr {
    for (;;) {
      const t = this.stream.current.type;
      if (t === "pipe") node = this.parse_filter(node)!;
      else if (t === "name" && this.stream.current.value === "is") node = this.parse_test(node);
      else if (t === "lparen") node = this.parse_call(node);
      else break;
    }
    return node;
  }

  parse_subscript(node: nodes.Expr): nodes.Expr {
    const token = this.stream.next();
    if (token.type === "dot") {
      const attr_token = this.stream.current;
      this.stream.next();
      if (attr_token.type === "name") return new nodes.Getattr(node, attr_token.value, "load", token.lineno);
      if (attr_token.type !== "integer") this.fail("expected name or number", attr_token.lineno);
      return new nodes.Getitem(node, new nodes.Const(attr_token.value, attr_token.lineno), "load", token.lineno);
    }
    if (token.type === "lbracket") {
      const args: nodes.Expr[] = [];
      while (this.stream.current.type !== "rbracket") {
        if (args.length) this.stream.expect("comma");
        args.push(this.parse_subscribed());
      }
      this.stream.expect("rbracket");
      const arg = args.length === 1 ? args[0] : new nodes.Tuple(args, "load", token.lineno);
      return new nodes.Getitem(node, arg, "load", token.lineno);
    }
    this.fail("expected subscript expression", token.lineno);
  }

  parse_subscribed(): nodes.Expr {
    const lineno = this.stream.current.lineno;
    const args: (nodes.Expr | null)[] = [];
    if (this.stream.current.type === "colon") {
      this.stream.next();
      args.push(null);
    } else {
      const node = this.parse_expression();
      if (this.stream.current.type !== "colon") return node;
      this.stream.next();
      args.push(node);
    }
    if (this.stream.current.type === "colon") args.push(null);
    else if (this.stream.current.type !== "rbracket" && this.stream.current.type !== "comma") args.push(this.parse_expression());
    else args.push(null);
    if ((this.stream.current.type as string) === "colon") {
      this.stream.next();
      const t = this.stream.current.type as string;
      args.push(t !== "rbracket" && t !== "comma" ? this.parse_expression() : null);
    } else args.push(null);
    return new nodes.Slice(args[0], args[1], args[2], lineno);
  }

  parse_call_args(): CallArgs {
    const token = this.stream.expect("lparen");
    const args: nodes.Expr[] = [];
    const kwargs: nodes.Keyword[] = [];
    let dyn_args: nodes.Expr | null = null;
    let dyn_kwargs: nodes.Expr | null = null;
    let require_comma = false;
    const ensure = (ok: boolean) => {
      if (!ok) this.fail("invalid syntax for function call expression", token.lineno);
    };
    while (this.stream.current.type !== "rparen") {
      if (require_comma) {
        this.stream.expect("comma");
        if (this.stream.current.type === "rparen") break;
      }
      if (this.stream.current.type === "mul") {
        ensure(dyn_args === null && dyn_kwargs === null);
        this.stream.next();
        dyn_args = this.parse_expression();
      } else if (this.stream.current.type === "pow") {
        ensure(dyn_kwargs === null);
        this.stream.next();
        dyn_kwargs = this.parse_expression();
      } else if (this.stream.current.type === "name" && this.stream.look().type === "assign") {
        ensure(dyn_kwargs === null);
        const key = this.stream.current.value;
        this.stream.skip(2);
        const value = this.parse_expression();
        kwargs.push(new nodes.Keyword(key, value, value.lineno));
      } else {
        ensure(dyn_args === null && dyn_kwargs === null && !kwargs.length);
        args.push(this.parse_expression());
      }
      require_comma = true;
    }
    this.stream.expect("rparen");
    return [args, kwargs, dyn_args, dyn_kwargs];
  }

  parse_call(node: nodes.Expr): nodes.Call {
    const token = this.stream.current;
    const [args, kwargs, dyn_args, dyn_kwargs] = this.parse_call_args();
    return new nodes.Call(node, args, kwargs, dyn_args, dyn_kwargs, token.lineno);
  }

  parse_filter(node: nodes.Expr | null, start_inline = false): nodes.Expr | null {
    while (this.stream.current.type === "pipe" || start_inline) {
      if (!start_inline) this.stream.next();
      const token = this.stream.expect("name");
      let name = token.value as string;
      while (this.stream.current.type === "dot") {
        this.stream.next();
        name += "." + this.stream.expect("name").value;
      }
      const [args, kwargs, dyn_args, dyn_kwargs]: CallArgs = this.stream.current.type === "lparen" ? this.parse_call_args() : [[], [], null, null];
      node = new nodes.Filter(node, name, args, kwargs, dyn_args, dyn_kwargs, token.lineno);
      start_inline = false;
    }
    return node;
  }

  parse_test(node: nodes.Expr): nodes.Expr {
    const token: Token = this.stream.next();
    const negated = this.stream.current.test("name:not");
    if (negated) this.stream.next();
    let name = this.stream.expect("name").value as string;
    while (this.stream.current.type === "dot") {
      this.stream.next();
      name += "." + this.stream.expect("name").value;
    }
    let args: nodes.Expr[] = [];
    let kwargs: nodes.Keyword[] = [];
    let dyn_args: nodes.Expr | null = null;
    let dyn_kwargs: nodes.Expr | null = null;
    const t = this.stream.current.type;
    if (t === "lparen") [args, kwargs, dyn_args, dyn_kwargs] = this.parse_call_args();
    else if (["name", "string", "integer", "float", "lparen", "lbracket", "lbrace"].includes(t) && !this.stream.current.test_any("name:else", "name:or", "name:and")) {
      if (this.stream.current.test("name:is")) this.fail("You cannot chain multiple tests with is");
      args = [this.parse_postfix(this.parse_primary())];
    }
    let result: nodes.Expr = new nodes.Test(node, name, args, kwargs, dyn_args, dyn_kwargs, token.lineno);
    if (negated) result = new nodes.Not(result, token.lineno);
    return result;
  }

  /** Template data, `{{ }}` and tags until one of `end_tokens` (or the end). */
  subparse(end_tokens: string[] | null = null): nodes.Node[] {
    const body: nodes.Node[] = [];
    const data_buffer: nodes.Expr[] = [];
    if (end_tokens) this.end_token_stack.push(end_tokens);
    const flush = () => {
      if (data_buffer.length) {
        const lineno = data_buffer[0].lineno;
        body.push(new nodes.Output(data_buffer.splice(0), lineno));
      }
    };
    try {
      while (this.stream.more) {
        const token = this.stream.current;
        if (token.type === "data") {
          if (token.value) data_buffer.push(new nodes.TemplateData(token.value, token.lineno));
          this.stream.next();
        } else if (token.type === "variable_begin") {
          this.stream.next();
          data_buffer.push(this.parse_tuple({ with_condexpr: true }));
          this.stream.expect("variable_end");
        } else if (token.type === "block_begin") {
          flush();
          this.stream.next();
          if (end_tokens && this.stream.current.test_any(...end_tokens)) return body;
          const rv = this.parse_statement();
          if (Array.isArray(rv)) body.push(...rv);
          else body.push(rv);
          this.stream.expect("block_end");
        } else throw new Error("internal parsing error");
      }
      flush();
    } finally {
      if (end_tokens) this.end_token_stack.pop();
    }
    return body;
  }

  parse(): nodes.Template {
    return new nodes.Template(this.subparse(), 1);
  }
}
