/**
 * django.template.defaulttags: the built-in tags (`{% if %}`, `{% for %}`, `{% with %}`, …), each a
 * compile function (token → Node) plus the Node that renders it.
 *
 * A compile function reads its own token with `token.split_contents()`, may parse the tokens up
 * to its end tag (`parser.parse(["endfor"])`), and raises TemplateSyntaxError with Django's
 * message when the tag is malformed. `extends`, `block` and `include` live in loader_tags.ts.
 */
import { TypeError, ValueError } from "../../python/builtins";
import { datetime } from "../../python/datetime";
import { eq, iterate, py_str, truth } from "../../python/operator";
import { py_repr } from "../../python/builtins";
import { settings } from "../conf";
import { NoReverseMatch } from "../urls/exceptions";
import { reverse } from "../urls/base";
import { conditional_escape, format_html } from "../utils/html";
import { mark_safe, SafeString } from "../utils/safestring";
import { get_current_timezone } from "../utils/timezone";
import {
  FilterExpression,
  Node,
  NodeList,
  render_value_in_context,
  TextNode,
  token_kwargs,
  VARIABLE_ATTRIBUTE_SEPARATOR,
  type Parser,
} from "./base";
import type { Context } from "./context";
import { TemplateSyntaxError } from "./exceptions";
import { Library } from "./library";
import { check_width, MAX_LOREM_COUNT } from "./limits";
import { IfParser, Literal, type IfToken } from "./smartif";
import { date as date_filter } from "./defaultfilters";
import { paragraphs, words } from "../utils/lorem_ipsum";

export const register = new Library();

// ---- autoescape -----------------------------------------------------------------------------

export class AutoEscapeControlNode extends Node {
  constructor(readonly setting: boolean, readonly nodelist: NodeList) {
    super();
  }
  render(context: Context): string | SafeString {
    const old = context.autoescape;
    context.autoescape = this.setting;
    try {
      const output = this.nodelist.render(context);
      return this.setting ? mark_safe(output) : output.valueOf();
    } finally {
      context.autoescape = old;
    }
  }
}

register.tag("autoescape", (parser, token) => {
  const args = token.contents.split(/\s+/);
  if (args.length !== 2) throw new TemplateSyntaxError("'autoescape' tag requires exactly one argument.");
  const arg = args[1];
  if (arg !== "on" && arg !== "off") throw new TemplateSyntaxError("'autoescape' argument should be 'on' or 'off'");
  const nodelist = parser.parse(["endautoescape"]);
  parser.delete_first_token();
  return new AutoEscapeControlNode(arg === "on", nodelist);
});

// ---- comment ---------------------------------------------------------------------------------

export class CommentNode extends Node {
  override child_nodelists: string[] = [];
  render(): string {
    return "";
  }
}

register.tag("comment", (parser) => {
  parser.skip_past("endcomment");
  return new CommentNode();
});

// ---- cycle / resetcycle ---------------------------------------------------------------------

/** `{% cycle 'a' 'b' %}`: each render outputs the next value (state kept per render). */
export class CycleNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly cyclevars: FilterExpression[], readonly variable_name: string | null = null, readonly silent = false) {
    super();
  }
  render(context: Context): string | SafeString {
    const position = (context.render_context.get(this, 0) as number) ?? 0;
    context.render_context.set(this, position + 1);
    const value = this.cyclevars[position % this.cyclevars.length].resolve(context);
    if (this.variable_name) context.set_upward(this.variable_name, value);
    if (this.silent) return "";
    return render_value_in_context(value, context);
  }
  reset(context: Context): void {
    context.render_context.set(this, 0);
  }
}

register.tag("cycle", (parser, token) => {
  let args = token.split_contents();
  if (args.length < 2) throw new TemplateSyntaxError("'cycle' tag requires at least two arguments");
  if (args.length === 2) {
    const name = args[1];
    if (!parser.named_cycle_nodes) throw new TemplateSyntaxError(`No named cycles in template. '${name}' is not defined`);
    const node = parser.named_cycle_nodes.get(name);
    if (!node) throw new TemplateSyntaxError(`Named cycle '${name}' does not exist`);
    return node;
  }
  let as_form = false;
  let silent = false;
  if (args.length > 4) {
    if (args[args.length - 3] === "as") {
      if (args[args.length - 1] !== "silent") throw new TemplateSyntaxError(`Only 'silent' flag is allowed after cycle's name, not '${args[args.length - 1]}'.`);
      as_form = true;
      silent = true;
      args = args.slice(0, -1);
    } else if (args[args.length - 2] === "as") {
      as_form = true;
    }
  }
  let node: CycleNode;
  if (as_form) {
    const name = args[args.length - 1];
    node = new CycleNode(args.slice(1, -2).map((a) => parser.compile_filter(a)), name, silent);
    parser.named_cycle_nodes ??= new Map();
    parser.named_cycle_nodes.set(name, node);
  } else {
    node = new CycleNode(args.slice(1).map((a) => parser.compile_filter(a)));
  }
  parser.last_cycle_node = node;
  return node;
});

export class ResetCycleNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly node: CycleNode) {
    super();
  }
  render(context: Context): string {
    this.node.reset(context);
    return "";
  }
}

register.tag("resetcycle", (parser, token) => {
  const args = token.split_contents();
  if (args.length > 2) throw new TemplateSyntaxError(`'${args[0]}' tag accepts at most one argument.`);
  if (args.length === 2) {
    const node = parser.named_cycle_nodes?.get(args[1]);
    if (!node) throw new TemplateSyntaxError(`Named cycle '${args[1]}' does not exist.`);
    return new ResetCycleNode(node as CycleNode);
  }
  if (!parser.last_cycle_node) throw new TemplateSyntaxError("No cycles in template.");
  return new ResetCycleNode(parser.last_cycle_node as CycleNode);
});

// ---- csrf_token ------------------------------------------------------------------------------

export class CsrfTokenNode extends Node {
  override child_nodelists: string[] = [];
  render(context: Context): string | SafeString {
    const csrf_token = context.get("csrf_token");
    if (csrf_token) {
      if (py_str(csrf_token) === "NOTPROVIDED") return format_html("");
      return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token);
    }
    return "";
  }
}

register.tag("csrf_token", () => new CsrfTokenNode());

// ---- debug -----------------------------------------------------------------------------------

export class DebugNode extends Node {
  override child_nodelists: string[] = [];
  render(context: Context): string {
    return conditional_escape(context.dicts.map((d) => py_repr(d)).join("\n\n")).valueOf();
  }
}

register.tag("debug", () => new DebugNode());

// ---- filter ----------------------------------------------------------------------------------

/** `{% filter upper|escape %}…{% endfilter %}`: the rendered body goes through the filters. */
export class FilterNode extends Node {
  constructor(readonly filter_expr: FilterExpression, readonly nodelist: NodeList) {
    super();
  }
  render(context: Context): string | SafeString {
    const output = this.nodelist.render(context);
    return context.with_push({ var: output }, () => this.filter_expr.resolve(context) as string | SafeString, "filter");
  }
}

register.tag("filter", (parser, token) => {
  const rest = token.contents.replace(/^\S+\s*/, "");
  const filter_expr = parser.compile_filter(`var|${rest}`);
  for (const [func] of filter_expr.filters) {
    const name = func._filter_name;
    if (name === "escape" || name === "safe") throw new TemplateSyntaxError(`"filter ${name}" is not permitted.  Use the "autoescape" tag instead.`);
  }
  const nodelist = parser.parse(["endfilter"]);
  parser.delete_first_token();
  return new FilterNode(filter_expr, nodelist);
});

// ---- firstof ---------------------------------------------------------------------------------

export class FirstOfNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly vars: FilterExpression[], readonly asvar: string | null = null) {
    super();
  }
  render(context: Context): string | SafeString {
    let first: string | SafeString = "";
    for (const v of this.vars) {
      const value = v.resolve(context, true);
      if (truth(value)) {
        first = render_value_in_context(value, context);
        break;
      }
    }
    if (this.asvar) {
      context.set(this.asvar, first);
      return "";
    }
    return first;
  }
}

register.tag("firstof", (parser, token) => {
  let bits = token.split_contents().slice(1);
  let asvar: string | null = null;
  if (!bits.length) throw new TemplateSyntaxError("'firstof' statement requires at least one argument");
  if (bits.length >= 2 && bits[bits.length - 2] === "as") {
    asvar = bits[bits.length - 1];
    bits = bits.slice(0, -2);
  }
  return new FirstOfNode(bits.map((b) => parser.compile_filter(b)), asvar);
});

// ---- for -------------------------------------------------------------------------------------

/** `{% for x in seq %}…{% empty %}…{% endfor %}`, with the `forloop` dict. */
export class ForNode extends Node {
  override child_nodelists = ["nodelist_loop", "nodelist_empty"];
  constructor(
    readonly loopvars: string[],
    readonly sequence: FilterExpression,
    readonly is_reversed: boolean,
    readonly nodelist_loop: NodeList,
    readonly nodelist_empty: NodeList = new NodeList(),
  ) {
    super();
  }

  override __repr__(): string {
    return `<ForNode: for ${this.loopvars.join(", ")} in ${this.sequence}, tail_len: ${this.nodelist_loop.length}${this.is_reversed ? " reversed" : ""}>`;
  }

  render(context: Context): string | SafeString {
    const parentloop = context.has_key("forloop") ? context.__getitem__("forloop") : {};
    return context.with_push({}, () => {
      let values = this.sequence.resolve(context, true);
      if (values === null || values === undefined) values = [];
      // A plain array is read by index; anything else (an ErrorList yields its messages) by iterating.
      const items = Array.isArray(values) && values[Symbol.iterator] === Array.prototype[Symbol.iterator] ? values : iterate(values);
      if (items.length < 1) return this.nodelist_empty.render(context);
      return this.render_items(context, this.is_reversed ? [...items].reverse() : items, parentloop);
    }, "for");
  }

  private render_items(context: Context, items: unknown[], parentloop: unknown): SafeString {
    const len_values = items.length;
    const unpack = this.loopvars.length > 1;
    const loop_dict: Record<string, unknown> = { parentloop };
    context.set("forloop", loop_dict);
    let out = "";
    items.forEach((item, i) => {
      loop_dict.counter0 = i;
      loop_dict.counter = i + 1;
      loop_dict.revcounter = len_values - i;
      loop_dict.revcounter0 = len_values - i - 1;
      loop_dict.first = i === 0;
      loop_dict.last = i === len_values - 1;
      let pop_context = false;
      if (unpack) {
        let parts: unknown[];
        try {
          parts = iterate(item);
        } catch {
          parts = [item];
        }
        if (this.loopvars.length !== parts.length)
          throw new ValueError(`Need ${this.loopvars.length} values to unpack in for loop; got ${parts.length}. `);
        context.push(Object.fromEntries(this.loopvars.map((v, k) => [v, parts[k]])), "for (unpacked)");
        pop_context = true;
      } else {
        context.set(this.loopvars[0], item);
      }
      for (const node of this.nodelist_loop) out += node.render_annotated(context);
      if (pop_context) context.pop();
    });
    return mark_safe(out);
  }
}

register.tag("for", (parser, token) => {
  const bits = token.split_contents();
  if (bits.length < 4) throw new TemplateSyntaxError(`'for' statements should have at least four words: ${token.contents}`);
  const is_reversed = bits[bits.length - 1] === "reversed";
  const in_index = is_reversed ? bits.length - 3 : bits.length - 2;
  if (bits[in_index] !== "in") throw new TemplateSyntaxError(`'for' statements should use the format 'for x in y': ${token.contents}`);
  const loopvars = bits.slice(1, in_index).join(" ").split(/ *, */);
  for (const v of loopvars) {
    if (!v || /[ "'|]/.test(v)) throw new TemplateSyntaxError(`'for' tag received an invalid argument: ${token.contents}`);
  }
  const sequence = parser.compile_filter(bits[in_index + 1]);
  const nodelist_loop = parser.parse(["empty", "endfor"]);
  let nodelist_empty: NodeList | undefined;
  if (parser.next_token().contents === "empty") {
    nodelist_empty = parser.parse(["endfor"]);
    parser.delete_first_token();
  }
  return new ForNode(loopvars, sequence, is_reversed, nodelist_loop, nodelist_empty);
});

// ---- if --------------------------------------------------------------------------------------

/** A variable (with filters) inside an `{% if %}` expression; a missing one evaluates to None. */
export class TemplateLiteral extends Literal {
  constructor(readonly filter: FilterExpression, readonly text: string) {
    super(filter);
  }
  override display(): string {
    return this.text;
  }
  override eval(context: unknown): unknown {
    return this.filter.resolve(context as Context, true);
  }
}

export class TemplateIfParser extends IfParser {
  constructor(readonly template_parser: Parser, tokens: string[]) {
    super(tokens, (value) => new TemplateLiteral(template_parser.compile_filter(value), value));
  }
}

/** `{% if %}…{% elif %}…{% else %}…{% endif %}`: the first condition that holds renders its body. */
export class IfNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly conditions_nodelists: [IfToken | null, NodeList][]) {
    super();
  }
  override get_nodes_by_type<T extends Node>(nodetype: abstract new (...args: any[]) => T): T[] {
    const nodes: T[] = this instanceof nodetype ? [this as unknown as T] : [];
    for (const [, nodelist] of this.conditions_nodelists) nodes.push(...nodelist.get_nodes_by_type(nodetype));
    return nodes;
  }
  render(context: Context): string | SafeString {
    for (const [condition, nodelist] of this.conditions_nodelists) {
      let match: unknown = true;
      if (condition !== null) {
        try {
          match = condition.eval(context);
        } catch (e) {
          if (!(e instanceof Error && e.name === "VariableDoesNotExist")) throw e;
          match = null;
        }
      }
      if (truth(match)) return nodelist.render(context);
    }
    return "";
  }
}

register.tag("if", (parser, token) => {
  const conditions_nodelists: [IfToken | null, NodeList][] = [];
  let condition = new TemplateIfParser(parser, token.split_contents().slice(1)).parse();
  let nodelist = parser.parse(["elif", "else", "endif"]);
  conditions_nodelists.push([condition, nodelist]);
  let next = parser.next_token();
  while (next.contents.startsWith("elif")) {
    condition = new TemplateIfParser(parser, next.split_contents().slice(1)).parse();
    nodelist = parser.parse(["elif", "else", "endif"]);
    conditions_nodelists.push([condition, nodelist]);
    next = parser.next_token();
  }
  if (next.contents === "else") {
    nodelist = parser.parse(["endif"]);
    conditions_nodelists.push([null, nodelist]);
    next = parser.next_token();
  }
  if (next.contents !== "endif") throw new TemplateSyntaxError(`Malformed template tag at line ${next.lineno}: "${next.contents}"`);
  return new IfNode(conditions_nodelists);
});

// ---- ifchanged -------------------------------------------------------------------------------

const ifchanged_state = new WeakMap<object, Map<Node, unknown>>();

/** `{% ifchanged %}`: render only when the body (or the given values) changed since last time. */
export class IfChangedNode extends Node {
  override child_nodelists = ["nodelist_true", "nodelist_false"];
  constructor(readonly nodelist_true: NodeList, readonly nodelist_false: NodeList, readonly varlist: FilterExpression[]) {
    super();
  }
  render(context: Context): string | SafeString {
    const [get, set] = this.state_frame(context);
    let nodelist_true_output: SafeString | null = null;
    let compare_to: unknown;
    if (this.varlist.length) compare_to = this.varlist.map((v) => v.resolve(context, true));
    else compare_to = nodelist_true_output = this.nodelist_true.render(context);
    if (!eq(compare_to, get())) {
      set(compare_to);
      return nodelist_true_output ?? this.nodelist_true.render(context);
    }
    if (this.nodelist_false.length) return this.nodelist_false.render(context);
    return "";
  }
  /** The state lives with the enclosing forloop (so it resets each time the loop restarts). */
  private state_frame(context: Context): [() => unknown, (v: unknown) => void] {
    if (context.has_key("forloop")) {
      const forloop = context.__getitem__("forloop") as object;
      let frame = ifchanged_state.get(forloop);
      if (!frame) ifchanged_state.set(forloop, (frame = new Map()));
      return [() => frame!.get(this) ?? null, (v) => frame!.set(this, v)];
    }
    return [() => context.render_context.get(this, null), (v) => context.render_context.set(this, v)];
  }
}

register.tag("ifchanged", (parser, token) => {
  const bits = token.split_contents();
  const nodelist_true = parser.parse(["else", "endifchanged"]);
  let nodelist_false = new NodeList();
  if (parser.next_token().contents === "else") {
    nodelist_false = parser.parse(["endifchanged"]);
    parser.delete_first_token();
  }
  return new IfChangedNode(nodelist_true, nodelist_false, bits.slice(1).map((b) => parser.compile_filter(b)));
});

// ---- load ------------------------------------------------------------------------------------

export class LoadNode extends Node {
  override child_nodelists: string[] = [];
  render(): string {
    return "";
  }
}

function find_library(parser: Parser, name: string): Library {
  const lib = parser.libraries[name] ?? parser.library_finder?.(name) ?? null;
  if (!lib) throw new TemplateSyntaxError(`'${name}' is not a registered tag library. Must be one of:\n${Object.keys(parser.libraries).sort().join("\n")}`);
  return lib;
}

function load_from_library(library: Library, label: string, names: string[]): Library {
  const subset = new Library();
  for (const name of names) {
    let found = false;
    if (name in library.tags) {
      found = true;
      subset.tags[name] = library.tags[name];
    }
    if (name in library.filters) {
      found = true;
      subset.filters[name] = library.filters[name];
    }
    if (!found) throw new TemplateSyntaxError(`'${name}' is not a valid tag or filter in tag library '${label}'`);
  }
  return subset;
}

register.tag("load", (parser, token) => {
  const bits = token.contents.split(/\s+/);
  if (bits.length >= 4 && bits[bits.length - 2] === "from") {
    const name = bits[bits.length - 1];
    parser.add_library(load_from_library(find_library(parser, name), name, bits.slice(1, -2)));
  } else {
    for (const name of bits.slice(1)) parser.add_library(find_library(parser, name));
  }
  return new LoadNode();
});

// ---- lorem -----------------------------------------------------------------------------------

export class LoremNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly count: FilterExpression, readonly method: string, readonly common: boolean) {
    super();
  }
  render(context: Context): string {
    let count = Number.parseInt(py_str(this.count.resolve(context)), 10);
    if (Number.isNaN(count)) count = 1;
    check_width("lorem", "count", count, MAX_LOREM_COUNT);
    if (this.method === "w") return words(count, this.common);
    let paras = paragraphs(count, this.common);
    if (this.method === "p") paras = paras.map((p) => `<p>${p}</p>`);
    return paras.join("\n\n");
  }
}

register.tag("lorem", (parser, token) => {
  const bits = token.split_contents();
  const tagname = bits[0];
  const common = bits[bits.length - 1] !== "random";
  if (!common) bits.pop();
  const method = ["w", "p", "b"].includes(bits[bits.length - 1]) ? bits.pop()! : "b";
  const count = bits.length > 1 ? bits.pop()! : "1";
  if (bits.length !== 1) throw new TemplateSyntaxError(`Incorrect format for '${tagname}' tag`);
  return new LoremNode(parser.compile_filter(count), method, common);
});

// ---- now -------------------------------------------------------------------------------------

export class NowNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly format_string: string, readonly asvar: string | null = null) {
    super();
  }
  render(context: Context): string {
    const tzinfo = settings.USE_TZ ? get_current_timezone() : null;
    const formatted = py_str(date_filter(datetime.now(tzinfo), this.format_string));
    if (this.asvar) {
      context.set(this.asvar, formatted);
      return "";
    }
    return formatted;
  }
}

register.tag("now", (_parser, token) => {
  let bits = token.split_contents();
  let asvar: string | null = null;
  if (bits.length === 4 && bits[bits.length - 2] === "as") {
    asvar = bits[bits.length - 1];
    bits = bits.slice(0, -2);
  }
  if (bits.length !== 2) throw new TemplateSyntaxError("'now' statement takes one argument");
  return new NowNode(bits[1].slice(1, -1), asvar);
});

// ---- querystring -----------------------------------------------------------------------------

interface QueryDictLike {
  copy(): QueryDictLike;
  has(key: string): boolean;
  delitem(key: string): void;
  setlist(key: string, values: unknown[]): void;
  setitem(key: string, value: unknown): void;
  urlencode(): string;
}

/** `{% querystring page=2 %}`: request.GET (or the given QueryDict) with these keys changed. */
export function querystring(context: Context, query_dict?: unknown, kwargs: Record<string, unknown> = {}): string {
  let qd = query_dict as QueryDictLike | null | undefined;
  if (qd === undefined || qd === null) qd = ((context as unknown as { request?: { GET?: QueryDictLike } }).request?.GET ?? null) as QueryDictLike | null;
  if (!qd) return "";
  const params = qd.copy();
  for (const [key, value] of Object.entries(kwargs)) {
    if (value === null || value === undefined) {
      if (params.has(key)) params.delitem(key);
    } else if (Array.isArray(value)) {
      params.setlist(key, value.map(py_str));
    } else {
      params.setitem(key, py_str(value));
    }
  }
  const query_string = params.urlencode();
  return query_string ? `?${query_string}` : "";
}

register.simple_tag(
  // Python's `def querystring(context, query_dict=None, **kwargs)`: keywords as one trailing object.
  function querystring_tag(context: Context, query_dict: unknown = null, kwargs: Record<string, unknown> = {}) {
    return querystring(context, query_dict, kwargs);
  },
  { takes_context: true, name: "querystring" },
);

// ---- regroup ---------------------------------------------------------------------------------

/** One group of `{% regroup %}`: Python's `GroupedResult(grouper, list)` namedtuple. */
export class GroupedResult {
  constructor(readonly grouper: unknown, readonly list: unknown[]) {}
  get 0(): unknown {
    return this.grouper;
  }
  get 1(): unknown[] {
    return this.list;
  }
  get length(): number {
    return 2;
  }
  /** A namedtuple unpacks: `{% for city, members in by_city %}`. */
  *[Symbol.iterator](): Iterator<unknown> {
    yield this.grouper;
    yield this.list;
  }
  __repr__(): string {
    return `GroupedResult(grouper=${py_repr(this.grouper)}, list=${py_repr(this.list)})`;
  }
  toString(): string {
    return this.__repr__();
  }
}

export class RegroupNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly target: FilterExpression, readonly expression: FilterExpression, readonly var_name: string) {
    super();
  }
  resolve_expression(obj: unknown, context: Context): unknown {
    context.set(this.var_name, obj);
    return this.expression.resolve(context, true);
  }
  render(context: Context): string {
    const obj_list = this.target.resolve(context, true);
    if (obj_list === null || obj_list === undefined) {
      context.set(this.var_name, []);
      return "";
    }
    const groups: GroupedResult[] = [];
    for (const obj of iterate(obj_list)) {
      const key = this.resolve_expression(obj, context);
      const last = groups[groups.length - 1];
      if (last && eq(last.grouper, key)) last.list.push(obj);
      else groups.push(new GroupedResult(key, [obj]));
    }
    context.set(this.var_name, groups);
    return "";
  }
}

register.tag("regroup", (parser, token) => {
  const bits = token.split_contents();
  if (bits.length !== 6) throw new TemplateSyntaxError("'regroup' tag takes five arguments");
  const target = parser.compile_filter(bits[1]);
  if (bits[2] !== "by") throw new TemplateSyntaxError("second argument to 'regroup' tag must be 'by'");
  if (bits[4] !== "as") throw new TemplateSyntaxError("next-to-last argument to 'regroup' tag must be 'as'");
  const var_name = bits[5];
  const expression = parser.compile_filter(var_name + VARIABLE_ATTRIBUTE_SEPARATOR + bits[3]);
  return new RegroupNode(target, expression, var_name);
});

// ---- spaceless -------------------------------------------------------------------------------

export class SpacelessNode extends Node {
  constructor(readonly nodelist: NodeList) {
    super();
  }
  render(context: Context): string {
    return this.nodelist.render(context).valueOf().trim().replace(/>\s+</g, "><");
  }
}

register.tag("spaceless", (parser) => {
  const nodelist = parser.parse(["endspaceless"]);
  parser.delete_first_token();
  return new SpacelessNode(nodelist);
});

// ---- templatetag -----------------------------------------------------------------------------

const TEMPLATETAG_MAPPING: Record<string, string> = {
  openblock: "{%",
  closeblock: "%}",
  openvariable: "{{",
  closevariable: "}}",
  openbrace: "{",
  closebrace: "}",
  opencomment: "{#",
  closecomment: "#}",
};

export class TemplateTagNode extends Node {
  override child_nodelists: string[] = [];
  static mapping = TEMPLATETAG_MAPPING;
  constructor(readonly tagtype: string) {
    super();
  }
  render(): string {
    return TEMPLATETAG_MAPPING[this.tagtype];
  }
}

register.tag("templatetag", (_parser, token) => {
  const bits = token.contents.split(/\s+/);
  if (bits.length !== 2) throw new TemplateSyntaxError("'templatetag' statement takes one argument");
  const tag = bits[1];
  if (!(tag in TEMPLATETAG_MAPPING))
    throw new TemplateSyntaxError(`Invalid templatetag argument: '${tag}'. Must be one of: ${py_repr(Object.keys(TEMPLATETAG_MAPPING))}`);
  return new TemplateTagNode(tag);
});

// ---- url -------------------------------------------------------------------------------------

/** `{% url 'name' arg key=value as var %}`: reverse() through the URL resolver. */
export class URLNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly view_name: FilterExpression, readonly args: FilterExpression[], readonly kwargs: Record<string, FilterExpression>, readonly asvar: string | null) {
    super();
  }
  render(context: Context): string | SafeString {
    const args = this.args.map((a) => a.resolve(context));
    const kwargs = Object.fromEntries(Object.entries(this.kwargs).map(([k, v]) => [k, v.resolve(context)]));
    const view_name = py_str(this.view_name.resolve(context));
    const request = (context as unknown as { request?: { current_app?: string; resolver_match?: { namespace?: string } } }).request;
    const current_app = request?.current_app ?? request?.resolver_match?.namespace ?? null;
    let url = "";
    try {
      url = reverse(view_name, { args, kwargs, current_app } as Parameters<typeof reverse>[1]);
    } catch (e) {
      if (!(e instanceof NoReverseMatch) || this.asvar === null) throw e;
    }
    if (this.asvar) {
      context.set(this.asvar, url);
      return "";
    }
    return context.autoescape ? conditional_escape(url) : url;
  }
}

register.tag("url", (parser, token) => {
  let bits = token.split_contents();
  if (bits.length < 2) throw new TemplateSyntaxError(`'${bits[0]}' takes at least one argument, a URL pattern name.`);
  const viewname = parser.compile_filter(bits[1]);
  const args: FilterExpression[] = [];
  const kwargs: Record<string, FilterExpression> = {};
  let asvar: string | null = null;
  bits = bits.slice(2);
  if (bits.length >= 2 && bits[bits.length - 2] === "as") {
    asvar = bits[bits.length - 1];
    bits = bits.slice(0, -2);
  }
  for (const bit of bits) {
    const match = /^(?:([\p{L}\p{N}_]+)=)?(.+)$/su.exec(bit);
    if (!match) throw new TemplateSyntaxError("Malformed arguments to url tag");
    if (match[1]) kwargs[match[1]] = parser.compile_filter(match[2]);
    else args.push(parser.compile_filter(match[2]));
  }
  return new URLNode(viewname, args, kwargs, asvar);
});

// ---- verbatim --------------------------------------------------------------------------------

export class VerbatimNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly content: string) {
    super();
  }
  render(): string {
    return this.content;
  }
}

register.tag("verbatim", (parser) => {
  // The lexer turned everything up to {% endverbatim %} into text tokens.
  const nodelist = parser.parse(["endverbatim"]);
  parser.delete_first_token();
  return new VerbatimNode(nodelist.map((node) => (node instanceof TextNode ? node.s : "")).join(""));
});

// ---- widthratio ------------------------------------------------------------------------------

/** Python's round(): halves go to the even neighbour. */
function round_half_even(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function py_float(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === null || value === undefined) throw new TypeError("float() argument must be a string or a real number, not 'NoneType'");
  const text = py_str(value).trim();
  if (!/^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?|inf(inity)?|nan)$/i.test(text)) throw new ValueError(`could not convert string to float: '${text}'`);
  return Number(text.replace(/^([+-]?)inf(inity)?$/i, "$1Infinity"));
}

/** `{% widthratio value max_value max_width %}`: value/max_value × max_width, rounded half to even. */
export class WidthRatioNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly val_expr: FilterExpression, readonly max_expr: FilterExpression, readonly max_width: FilterExpression, readonly asvar: string | null = null) {
    super();
  }
  render(context: Context): string {
    let result: string;
    try {
      result = this.compute(context);
    } catch (e) {
      if (e instanceof TemplateSyntaxError) throw e;
      result = "";
    }
    if (this.asvar) {
      context.set(this.asvar, result);
      return "";
    }
    return result;
  }
  private compute(context: Context): string {
    const max_width_value = this.max_width.resolve(context);
    const value = this.val_expr.resolve(context);
    const max_value = this.max_expr.resolve(context);
    let max_width: number;
    try {
      max_width = Math.trunc(py_float(max_width_value));
      if (!Number.isFinite(max_width)) throw new ValueError();
    } catch {
      throw new TemplateSyntaxError("widthratio final argument must be a number");
    }
    let ratio: number;
    try {
      const v = py_float(value);
      const m = py_float(max_value);
      if (m === 0) return "0";
      ratio = (v / m) * max_width;
    } catch (e) {
      if (e instanceof ValueError || e instanceof TypeError) return "";
      throw e;
    }
    if (!Number.isFinite(ratio)) return "";
    return String(round_half_even(ratio));
  }
}

register.tag("widthratio", (parser, token) => {
  let bits = token.split_contents();
  let asvar: string | null = null;
  if (bits.length === 6 && bits[4] === "as") {
    asvar = bits[5];
    bits = bits.slice(0, 4);
  } else if (bits.length !== 4) {
    throw new TemplateSyntaxError("widthratio takes at least three arguments");
  }
  const [, value, max_value, max_width] = bits;
  return new WidthRatioNode(parser.compile_filter(value), parser.compile_filter(max_value), parser.compile_filter(max_width), asvar);
});

// ---- with ------------------------------------------------------------------------------------

/** `{% with a=b %}…{% endwith %}`: extra names for the body. */
export class WithNode extends Node {
  constructor(readonly extra_context: Record<string, FilterExpression>, readonly nodelist: NodeList) {
    super();
  }
  render(context: Context): string | SafeString {
    const values = Object.fromEntries(Object.entries(this.extra_context).map(([k, v]) => [k, v.resolve(context)]));
    return context.with_push(values, () => this.nodelist.render(context), "with");
  }
}

register.tag("with", (parser, token) => {
  const bits = token.split_contents();
  const remaining_bits = bits.slice(1);
  const extra_context = token_kwargs(remaining_bits, parser, true);
  if (!Object.keys(extra_context).length) throw new TemplateSyntaxError(`'${bits[0]}' expected at least one variable assignment`);
  if (remaining_bits.length) throw new TemplateSyntaxError(`'${bits[0]}' received an invalid token: '${remaining_bits[0]}'`);
  const nodelist = parser.parse(["endwith"]);
  parser.delete_first_token();
  return new WithNode(extra_context, nodelist);
});

