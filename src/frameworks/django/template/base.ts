/**
 * django.template.base: template source → a tree of nodes → rendered text.
 *
 * How it works (the same three stages as Django):
 *   1. The Lexer cuts the source into Tokens: TEXT, VAR (`{{ }}`), BLOCK (`{% %}`), COMMENT (`{# #}`).
 *   2. The Parser turns the tokens into a NodeList. Text becomes TextNode, `{{ x|f:a }}` becomes a
 *      VariableNode holding a FilterExpression, and each `{% tag %}` is handed to the compile
 *      function its library registered (defaulttags.ts, loader_tags.ts), which may parse further
 *      tokens itself (`{% if %}` … `{% endif %}`).
 *   3. `Template.render(context)` renders each node in turn; a Variable resolves `a.b.c` by trying
 *      a dict key, then an attribute, then a list index, and calls what it finds if callable.
 *
 * A Template compiles once, when it is constructed; engines cache Templates through the cached
 * loader, so each template's source is parsed once per engine.
 */
import { Exception, py_repr } from "../../python/builtins";
import { PyFloat, float_tag } from "../../python/json";
import { is_dict, is_str, py_str } from "../../python/operator";
import { span_close, span_set, to_json, trace_site, tracing_enabled, type Json } from "../../../trace";
import { localize } from "../utils/formats";
import { conditional_escape, escape } from "../utils/html";
import { mark_safe, safe_str, SafeData, SafeString } from "../utils/safestring";
import { get_text_list, smart_split, unescape_string_literal } from "../utils/text";
import { localtime, is_naive } from "../utils/timezone";
import { datetime } from "../../python/datetime";
import { settings } from "../conf";
import { TemplateSyntaxError } from "./exceptions";
import { MAX_NESTING, MAX_OUTPUT, MAX_RENDER_DEPTH, MAX_TEMPLATE_DEPTH, output_too_long, recursion_error } from "./limits";
import type { BaseContext, Context } from "./context";
import type { Library, FilterFunction } from "./library";

export const FILTER_SEPARATOR = "|";
export const FILTER_ARGUMENT_SEPARATOR = ":";
export const VARIABLE_ATTRIBUTE_SEPARATOR = ".";
export const BLOCK_TAG_START = "{%";
export const BLOCK_TAG_END = "%}";
export const VARIABLE_TAG_START = "{{";
export const VARIABLE_TAG_END = "}}";
export const COMMENT_TAG_START = "{#";
export const COMMENT_TAG_END = "#}";
export const SINGLE_BRACE_START = "{";
export const SINGLE_BRACE_END = "}";

/** What closes each tag opener: `{%` → `%}`, `{{` → `}}`, `{#` → `#}`. */
const TAG_CLOSERS: Record<string, string> = { "%": "%}", "{": "}}", "#": "#}" };

/**
 * A name lookup that failed while rendering (`{{ missing }}` renders as string_if_invalid). As in
 * Django (`msg % params` in `__str__`), the message is built only when read: most of these are
 * caught and never shown, and describing the context in each would cost more than the lookup.
 */
export class VariableDoesNotExist extends Exception {
  private readonly build: (() => string) | null;
  private built: string | null = null;

  constructor(msg: string | (() => string), readonly params: unknown[] = []) {
    super(typeof msg === "string" ? msg : "");
    this.build = typeof msg === "string" ? null : msg;
    if (this.build) delete (this as { message?: string }).message;
  }
  override toString(): string {
    return this.message;
  }
}
Object.defineProperty(VariableDoesNotExist.prototype, "message", {
  get(this: { build: (() => string) | null; built: string | null }) {
    return (this.built ??= this.build ? this.build() : "");
  },
  set(this: { built: string | null }, value: string) {
    this.built = value;
  },
  configurable: true,
});

/** What a Template needs from its Engine (engine.ts implements it). */
export interface EngineLike {
  debug: boolean;
  string_if_invalid: string;
  autoescape: boolean;
  template_libraries: Record<string, Library>;
  template_builtins: Library[];
  template_context_processors: ((request: unknown) => Record<string, unknown>)[];
  find_template(name: string, dirs?: string[] | null, skip?: Origin[] | null): [Template, Origin];
  select_template(names: string[]): Template;
  get_template(name: string): Template;
  library_finder?: ((name: string) => Library | null) | null;
}

let default_engine: (() => EngineLike) | null = null;

/** engine.ts installs `Engine.get_default` here (base.ts cannot import engine.ts: it imports us). */
export function _set_default_engine_getter(fn: () => EngineLike): void {
  default_engine = fn;
}

/** Where a template came from: its full name (a path), the name asked for, and the loader. */
export class Origin {
  constructor(
    readonly name: string,
    readonly template_name: string | null = null,
    readonly loader: unknown = null,
  ) {}

  toString(): string {
    return this.name;
  }

  /** Two origins are the same when name and loader are (extends' recursion guard relies on it). */
  equals(other: Origin): boolean {
    return other instanceof Origin && this.name === other.name && this.loader === other.loader;
  }

  get loader_name(): string | null {
    const loader = this.loader as { constructor?: { module_name?: string; name?: string } } | null;
    return loader?.constructor?.module_name ?? loader?.constructor?.name ?? null;
  }
}

export const UNKNOWN_SOURCE = "<unknown source>";

/** A compiled template: `new Template(source)`, then `render(context)`. */
export class Template {
  readonly name: string | null;
  readonly origin: Origin;
  readonly engine: EngineLike;
  readonly source: string;
  readonly nodelist: NodeList;
  extra_data: Record<string, unknown> = {};

  constructor(template_string: string, origin: Origin | null = null, name: string | null = null, engine: EngineLike | null = null) {
    this.engine = engine ?? default_engine?.() ?? raise_no_engine();
    this.source = String(template_string);
    this.name = name;
    this.origin = origin ?? new Origin(UNKNOWN_SOURCE);
    this.nodelist = this.compile_nodelist();
  }

  /** Lex, then parse. A syntax error carries `template_debug` (name, line, excerpt) for the 500 page. */
  compile_nodelist(): NodeList {
    const tokens = new Lexer(this.source).tokenize();
    const parser = new Parser(tokens, this.engine.template_libraries, this.engine.template_builtins, this.origin);
    parser.library_finder = this.engine.library_finder ?? null;
    try {
      const nodelist = parser.parse();
      this.extra_data = parser.extra_data;
      return nodelist;
    } catch (e) {
      const token = (e as { token?: Token }).token;
      if (e instanceof Error && token && !(e as { template_debug?: unknown }).template_debug)
        (e as { template_debug?: unknown }).template_debug = this.get_exception_info(e, token);
      throw e;
    }
  }

  /**
   * Render with a Context. The outermost call binds the template to the context. A template
   * rendered inside another (`{% include %}`) nests: past MAX_TEMPLATE_DEPTH it is RecursionError,
   * as a template that includes itself is in Django (CPython gives up after 89–141 includes).
   */
  render(context: Context): SafeString {
    if (template_depth >= MAX_TEMPLATE_DEPTH) throw recursion_error();
    template_depth++;
    try {
      return this.render_bound(context);
    } finally {
      template_depth--;
    }
  }

  private render_bound(context: Context): SafeString {
    return context.render_context.push_state(this, () => {
      if (context.template === null)
        return context.bind_template(this, () => {
          context.template_name = this.name;
          return this.traced_render(context);
        });
      return this.traced_render(context);
    });
  }

  /** The span opens after binding, so it sees the layer the context processors added. */
  private traced_render(context: Context): SafeString {
    const span = tracing_enabled() ? open_template_span(this, context) : null;
    try {
      return this._render(context);
    } finally {
      if (span) close_template_span(span);
    }
  }

  _render(context: Context): SafeString {
    return this.nodelist.render(context);
  }

  /** A parent rendered by `{% extends %}`: same context, its own trace span. */
  render_in_chain(context: Context): SafeString {
    const span = tracing_enabled() ? open_template_span(this, context) : null;
    try {
      return this._render(context);
    } finally {
      if (span) close_template_span(span);
    }
  }

  /** The technical 500 page's template excerpt: the lines around the failing token. */
  get_exception_info(exception: Error, token: Token): TemplateDebugInfo {
    const [start, end] = token.position ?? [0, 0];
    const context_lines = 10;
    const lines: [number, string][] = [];
    let upto = 0;
    let line = 0;
    let before = "";
    let during = "";
    let after = "";
    let top = 0;
    let bottom = 0;
    for (const m of this.source.matchAll(/\n/g)) {
      const next = m.index! + 1;
      if (start >= upto && end <= next) {
        line = lines.length + 1;
        before = this.source.slice(upto, start);
        during = this.source.slice(start, end);
        after = this.source.slice(end, next);
      }
      lines.push([lines.length + 1, this.source.slice(upto, next)]);
      upto = next;
    }
    if (upto < this.source.length || !lines.length) {
      if (start >= upto) {
        line = lines.length + 1;
        before = this.source.slice(upto, start);
        during = this.source.slice(start, end);
        after = this.source.slice(end);
      }
      lines.push([lines.length + 1, this.source.slice(upto)]);
    }
    top = Math.max(1, line - context_lines);
    bottom = Math.min(lines.length, line + context_lines);
    return {
      message: String((exception as { message?: string }).message ?? exception),
      source_lines: lines.slice(top - 1, bottom),
      before,
      during,
      after,
      top,
      bottom,
      total: lines.length,
      line,
      name: this.origin.name,
      start,
      end,
    };
  }
}

export interface TemplateDebugInfo {
  message: string;
  source_lines: [number, string][];
  before: string;
  during: string;
  after: string;
  top: number;
  bottom: number;
  total: number;
  line: number;
  name: string;
  start: number;
  end: number;
}

function raise_no_engine(): never {
  throw new TemplateSyntaxError("No DjangoTemplates engine is configured.");
}

// ---------------------------------------------------------------------------------------------
// Tracing: one "template" span per Template.render, with what it saw and what it resolved.

// Eager: the attrs describe the context's layers as they are when the render starts.
const TEMPLATE_RENDER = trace_site("template", "django/template/base.ts#Template.render", { eager: true });

interface TemplateTraceRecord {
  span: number;
  variables: { expr: string; line: number | null; value: unknown; template: string | null }[];
  appended: Record<string, Json[]>;
  started: number;
}

const trace_stack: TemplateTraceRecord[] = [];
const MAX_TRACED_VARIABLES = 200;

function open_template_span(template: Template, context: Context): TemplateTraceRecord {
  const span = TEMPLATE_RENDER.open(template.name ?? template.origin.name, () => ({
    name: template.name,
    origin: template.origin.name,
    loader: template.origin.loader_name,
    autoescape: context.autoescape,
    context_layers: context.describe_layers() as unknown as Json,
  }));
  const record = { span, variables: [], appended: {}, started: Date.now() };
  trace_stack.push(record);
  return record;
}

function close_template_span(record: TemplateTraceRecord): void {
  trace_stack.splice(trace_stack.lastIndexOf(record), 1);
  const variables = record.variables;
  span_set(record.span, () => ({ variables: variables as unknown as never }));
  span_close(record.span);
}

/** Record something about the template being rendered (a block override, extends). */
export function trace_template_attr(key: string, value: unknown): void {
  const top = trace_stack[trace_stack.length - 1];
  if (top && top.span >= 0) span_set(top.span, { [key]: to_json(value) });
}

/** Append to a list attribute of the template being rendered (every include, in order). */
export function trace_template_append(key: string, value: unknown): void {
  const top = trace_stack[trace_stack.length - 1];
  if (!top) return;
  const list = (top.appended[key] ??= []);
  list.push(to_json(value));
  if (top.span >= 0) span_set(top.span, { [key]: list });
}

/**
 * A variable is recorded on the template being rendered, with the template it is written in: a
 * child's `{% block %}` content runs while its parent renders, so the two can differ.
 */
function trace_variable(expr: string, token: Token | undefined, value: unknown, origin?: Origin): void {
  const top = trace_stack[trace_stack.length - 1];
  if (!top || top.variables.length >= MAX_TRACED_VARIABLES) return;
  top.variables.push({ expr, line: token?.lineno ?? null, value: to_json(value), template: origin?.template_name ?? origin?.name ?? null });
}

// ---------------------------------------------------------------------------------------------
// Stage 1: the lexer.

export enum TokenType {
  TEXT = 0,
  VAR = 1,
  BLOCK = 2,
  COMMENT = 3,
}

/** One piece of template source; `contents` is what is inside the delimiters, stripped. */
export class Token {
  constructor(
    readonly token_type: TokenType,
    readonly contents: string,
    readonly position: [number, number] | null = null,
    readonly lineno: number | null = null,
  ) {}

  toString(): string {
    return `<${TokenType[this.token_type].charAt(0) + TokenType[this.token_type].slice(1).toLowerCase()} token: "${this.contents.slice(0, 20).replace(/\n/g, "")}...">`;
  }

  /** The contents split on spaces, keeping quoted strings and `_("…")` together. */
  split_contents(): string[] {
    const split: string[] = [];
    const bits = smart_split(this.contents);
    for (let i = 0; i < bits.length; i++) {
      let bit = bits[i];
      if (bit.startsWith('_("') || bit.startsWith("_('")) {
        const sentinel = bit[2] + ")";
        const trans_bit = [bit];
        while (!bit.endsWith(sentinel) && i + 1 < bits.length) {
          bit = bits[++i];
          trans_bit.push(bit);
        }
        bit = trans_bit.join(" ");
      }
      split.push(bit);
    }
    return split;
  }
}

/** Template source → Tokens, with line numbers and source positions (for error excerpts). */
export class Lexer {
  private verbatim: string | false = false;

  constructor(readonly template_string: string) {}

  tokenize(): Token[] {
    const source = this.template_string;
    let lineno = 1;
    let upto = 0;
    const result: Token[] = [];
    const add = (start: number, end: number, in_tag: boolean) => {
      const token_string = source.slice(start, end);
      result.push(this.create_token(token_string, [start, end], lineno, in_tag));
      lineno += count_newlines(token_string);
    };
    for (const [start, end] of find_tags(source)) {
      if (start > upto) add(upto, start, false);
      add(start, end, true);
      upto = end;
    }
    if (upto < source.length) add(upto, source.length, false);
    return result;
  }

  /** A tag's text → a BLOCK/VAR/COMMENT token; inside `{% verbatim %}` everything is TEXT. */
  create_token(token_string: string, position: [number, number], lineno: number, in_tag: boolean): Token {
    if (in_tag) {
      const token_start = token_string.slice(0, 2);
      if (token_start === BLOCK_TAG_START) {
        const content = token_string.slice(2, -2).trim();
        if (this.verbatim) {
          if (content !== this.verbatim) return new Token(TokenType.TEXT, token_string, position, lineno);
          this.verbatim = false;
        } else if (content.slice(0, 9) === "verbatim" || content.slice(0, 9) === "verbatim ") {
          this.verbatim = `end${content}`;
        }
        return new Token(TokenType.BLOCK, content, position, lineno);
      }
      if (!this.verbatim) {
        const content = token_string.slice(2, -2).trim();
        if (token_start === VARIABLE_TAG_START) return new Token(TokenType.VAR, content, position, lineno);
        return new Token(TokenType.COMMENT, content, position, lineno);
      }
    }
    return new Token(TokenType.TEXT, token_string, position, lineno);
  }
}

/**
 * Django's `tag_re.finditer(source)` for `({%.*?%}|{{.*?}}|{#.*?#})`: each tag as [start, end].
 * A tag closes on the first closer after its opener on the same line (Python's `.` is any
 * character but "\n"); an opener with no closer on its line is text. Written as a scan rather than
 * a regex because the regex is quadratic on a line of unclosed openers (448 kB of `{%` took 6.9 s):
 * here each closer and newline is searched for once, so the scan is linear in the source.
 */
export function* find_tags(source: string): Generator<[number, number]> {
  const next: Record<string, number> = { "%}": -1, "}}": -1, "#}": -1, "\n": -1 };
  /** The first `needle` at or after `from` (each needle's search only moves forward). */
  const first = (needle: string, from: number): number => {
    if (next[needle] !== Infinity && next[needle] < from) {
      const at = source.indexOf(needle, from);
      next[needle] = at < 0 ? Infinity : at;
    }
    return next[needle];
  };
  let p = source.indexOf("{");
  while (p >= 0 && p + 1 < source.length) {
    const closer = TAG_CLOSERS[source[p + 1]];
    if (closer) {
      const close = first(closer, p + 2);
      if (close < first("\n", p + 2)) {
        yield [p, close + 2];
        p = source.indexOf("{", close + 2);
        continue;
      }
    }
    p = source.indexOf("{", p + 1);
  }
}

function count_newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Stage 2: the parser.

/** A tag's compile function: reads its token (and maybe more tokens) and returns a Node. */
export type CompileFunction = (parser: Parser, token: Token) => Node;

/** Tokens → NodeList, dispatching each `{% tag %}` to the compile function registered for it. */
export class Parser {
  tokens: Token[];
  tags: Record<string, CompileFunction> = Object.create(null);
  filters: Record<string, FilterFunction> = Object.create(null);
  command_stack: [string, Token][] = [];
  libraries: Record<string, Library>;
  origin: Origin | null;
  extra_data: Record<string, unknown> = {};
  /** State some tags keep while parsing one template (`{% cycle … as name %}`, block names). */
  named_cycle_nodes?: Map<string, Node>;
  last_cycle_node?: Node;
  loaded_blocks: string[] = [];
  /** Looks up `{% load %}` names the engine was not configured with (app templatetags modules). */
  library_finder: ((name: string) => Library | null) | null = null;
  /** How many `parse()` calls are running (block tags nested inside each other). */
  private depth = 0;

  constructor(tokens: Token[] | string, libraries: Record<string, Library> = {}, builtins: Library[] = [], origin: Origin | null = null) {
    if (typeof tokens === "string") tokens = new Lexer(tokens).tokenize();
    this.tokens = [...tokens].reverse();
    this.libraries = libraries;
    for (const builtin of builtins) this.add_library(builtin);
    this.origin = origin;
  }

  /**
   * Parse until one of `parse_until` (a block tag name) is reached; that token is left unread.
   * Each block tag parses its body by calling this again, so nesting is recursion: past
   * MAX_NESTING levels it fails with RecursionError, as Django does on CPython's recursion limit.
   */
  parse(parse_until: string[] | null = null): NodeList {
    if (this.depth > MAX_NESTING) throw this.error(this.command_stack[this.command_stack.length - 1]?.[1] ?? this.tokens[this.tokens.length - 1], recursion_error());
    this.depth++;
    try {
      return this.parse_nodelist(parse_until);
    } finally {
      this.depth--;
    }
  }

  private parse_nodelist(parse_until: string[] | null): NodeList {
    const nodelist = new NodeList();
    while (this.tokens.length) {
      const token = this.next_token();
      if (token.token_type === TokenType.TEXT) {
        this.extend_nodelist(nodelist, new TextNode(token.contents), token);
      } else if (token.token_type === TokenType.VAR) {
        if (!token.contents) throw this.error(token, `Empty variable tag on line ${token.lineno}`);
        let filter_expression: FilterExpression;
        try {
          filter_expression = this.compile_filter(token.contents);
        } catch (e) {
          throw this.error(token, e);
        }
        this.extend_nodelist(nodelist, new VariableNode(filter_expression), token);
      } else if (token.token_type === TokenType.BLOCK) {
        const command = token.contents.split(/\s+/)[0];
        if (!command) throw this.error(token, `Empty block tag on line ${token.lineno}`);
        if (parse_until?.includes(command)) {
          this.prepend_token(token);
          return nodelist;
        }
        this.command_stack.push([command, token]);
        const compile_func = this.tags[command];
        if (!compile_func) this.invalid_block_tag(token, command, parse_until);
        let compiled_result: Node;
        try {
          compiled_result = compile_func(this, token);
        } catch (e) {
          throw this.error(token, e);
        }
        this.extend_nodelist(nodelist, compiled_result, token);
        this.command_stack.pop();
      }
    }
    if (parse_until) this.unclosed_block_tag(parse_until);
    return nodelist;
  }

  /** Skip tokens up to and including `{% endtag %}` (how `{% comment %}` ignores its body). */
  skip_past(endtag: string): void {
    while (this.tokens.length) {
      const token = this.next_token();
      if (token.token_type === TokenType.BLOCK && token.contents === endtag) return;
    }
    this.unclosed_block_tag([endtag]);
  }

  extend_nodelist(nodelist: NodeList, node: Node, token: Token): void {
    if (node.must_be_first && nodelist.contains_nontext) {
      // Django names the template by its repr when the origin knows it: `in 'blog/post.html'`.
      const origin = this.origin?.template_name ? py_repr(this.origin.template_name) : "the template";
      throw this.error(token, `{% ${token.contents} %} must be the first tag in ${origin}.`);
    }
    if (!(node instanceof TextNode)) nodelist.contains_nontext = true;
    node.token = token;
    node.origin = this.origin;
    nodelist.push(node);
  }

  /** Attach the token to an exception (for the error excerpt); strings become TemplateSyntaxErrors. */
  error(token: Token, e: unknown): Error {
    const err = typeof e === "string" ? new TemplateSyntaxError(e) : (e as Error);
    if (err && typeof err === "object" && !("token" in err)) (err as { token?: Token }).token = token;
    return err;
  }

  invalid_block_tag(token: Token, command: string, parse_until: string[] | null = null): never {
    if (parse_until?.length)
      throw this.error(
        token,
        `Invalid block tag on line ${token.lineno}: '${command}', expected ${get_text_list(parse_until.map((p) => `'${p}'`), "or")}. Did you forget to register or load this tag?`,
      );
    throw this.error(token, `Invalid block tag on line ${token.lineno}: '${command}'. Did you forget to register or load this tag?`);
  }

  unclosed_block_tag(parse_until: string[]): never {
    const [command, token] = this.command_stack.pop()!;
    throw this.error(token, `Unclosed tag on line ${token.lineno}: '${command}'. Looking for one of: ${parse_until.join(", ")}.`);
  }

  next_token(): Token {
    return this.tokens.pop()!;
  }

  prepend_token(token: Token): void {
    this.tokens.push(token);
  }

  delete_first_token(): void {
    this.tokens.pop();
  }

  /** Make a library's tags and filters available (the builtins, then each `{% load %}`). */
  add_library(lib: Library): void {
    Object.assign(this.tags, lib.tags);
    Object.assign(this.filters, lib.filters);
  }

  compile_filter(token: string): FilterExpression {
    return new FilterExpression(token, this);
  }

  find_filter(filter_name: string): FilterFunction {
    const f = this.filters[filter_name];
    if (!f) throw new TemplateSyntaxError(`Invalid filter: '${filter_name}'`);
    return f;
  }
}

// ---------------------------------------------------------------------------------------------
// Filter expressions and variables.

const STR_DQ = String.raw`"[^"\\]*(?:\\.[^"\\]*)*"`;
const STR_SQ = String.raw`'[^'\\]*(?:\\.[^'\\]*)*'`;
const CONSTANT = String.raw`(?:_\(${STR_DQ}\)|_\(${STR_SQ}\)|${STR_DQ}|${STR_SQ})`;
const NUM = String.raw`[-+\.]?\d[\d\.e]*`;
const VAR_CHARS = String.raw`\p{L}\p{N}\p{M}_\.`;
const FILTER_RAW = String.raw`^(?<constant>${CONSTANT})|^(?<var>[${VAR_CHARS}]+|${NUM})|(?:\s*\|\s*(?<filter_name>[\p{L}\p{N}_]+)(?::(?:(?<constant_arg>${CONSTANT})|(?<var_arg>[${VAR_CHARS}]+|${NUM})))?)`;
const FILTER_RE = new RegExp(FILTER_RAW, "gu");
const PLAIN_VARIABLE = /^[A-Za-z0-9_.]+$/;

type FilterArg = [lookup: boolean, value: unknown];

/**
 * One filter of an expression, ready to apply: `(value, context) → filtered value`. Built once,
 * when the template is parsed (the cached loader keeps it): the filter's flags read, its argument
 * turned into a lookup or a constant already marked safe, its `needs_autoescape` padding counted.
 * Django re-reads all of this on every render; the outputs are the same (ADR 0026).
 */
export type FilterStep = (obj: unknown, context: BaseContext) => unknown;

/** `arg` of `value|filter:arg` at render time: a Variable resolved, or a literal marked safe once. */
function filter_argument([lookup, arg]: FilterArg): (context: BaseContext) => unknown {
  if (lookup) return (context) => (arg as Variable).resolve(context);
  const safe = mark_safe(arg);
  return () => safe;
}

/** Compile one `|filter:arg` into its FilterStep (what `FilterExpression.resolve` did per call). */
export function compile_filter_step(func: FilterFunction, args: FilterArg[]): FilterStep {
  let call: (obj: unknown, context: BaseContext) => unknown;
  if (func.needs_autoescape) {
    const getters = args.map(filter_argument);
    const padding = Math.max(0, (func.max_args ?? 0) - getters.length);
    call = (obj, context) => {
      const positional = getters.map((g) => g(context));
      for (let i = 0; i < padding; i++) positional.push(undefined);
      return func(obj, ...positional, { autoescape: (context as Context).autoescape ?? true });
    };
  } else if (args.length === 0) {
    call = (obj) => func(obj);
  } else {
    // A filter takes at most one argument (FILTER_RE): a variable resolved now, or a constant.
    const arg = filter_argument(args[0]);
    call = (obj, context) => func(obj, arg(context));
  }
  const expects_localtime = !!func.expects_localtime;
  const is_safe = !!func.is_safe;
  if (!expects_localtime && !is_safe) return call;
  return (obj, context) => {
    if (expects_localtime) obj = template_localtime(obj, (context as Context).use_tz);
    const new_obj = call(obj, context);
    // A string filter sees `str(value)`: safe input (a SafeString, or an object whose __str__ is one) stays safe.
    return is_safe && (obj instanceof SafeData || safe_str(obj) !== null) ? mark_safe(new_obj) : new_obj;
  };
}

/**
 * `{{ value|filter:arg|other }}`'s inside: a variable (or literal) and the filters applied to it.
 * Literal strings are SafeStrings: `{{ missing|default:"<b>" }}` outputs `<b>` unescaped.
 */
export class FilterExpression {
  readonly token: string;
  readonly filters: [FilterFunction, FilterArg[]][] = [];
  /** The filters compiled once (`compile_filter_step`), applied in order by `resolve`. */
  readonly steps: FilterStep[] = [];
  readonly var: Variable | unknown;
  readonly is_var: boolean;

  constructor(token: string, parser: Parser) {
    this.token = token;
    if (PLAIN_VARIABLE.test(token)) {
      // `{{ user.name }}`: the whole token is FILTER_RE's `var` group and there are no filters.
      this.var = new Variable(token);
      this.is_var = true;
      return;
    }
    let var_obj: unknown = undefined;
    let has_var = false;
    let upto = 0;
    for (const match of token.matchAll(FILTER_RE)) {
      const start = match.index!;
      if (upto !== start)
        throw new TemplateSyntaxError(`Could not parse some characters: ${token.slice(0, upto)}|${token.slice(upto, start)}|${token.slice(start)}`);
      const g = match.groups!;
      if (!has_var) {
        if (g.constant) {
          var_obj = new Variable(g.constant).resolve({});
        } else if (g.var === undefined) {
          throw new TemplateSyntaxError(`Could not find variable at start of ${token}.`);
        } else {
          var_obj = new Variable(g.var);
        }
        has_var = true;
      } else {
        const args: FilterArg[] = [];
        if (g.constant_arg) args.push([false, new Variable(g.constant_arg).resolve({})]);
        else if (g.var_arg) args.push([true, new Variable(g.var_arg)]);
        const filter_func = parser.find_filter(g.filter_name);
        FilterExpression.args_check(g.filter_name, filter_func, args);
        this.filters.push([filter_func, args]);
        this.steps.push(compile_filter_step(filter_func, args));
      }
      upto = start + match[0].length;
    }
    if (upto !== token.length) throw new TemplateSyntaxError(`Could not parse the remainder: '${token.slice(upto)}' from '${token}'`);
    this.var = var_obj;
    this.is_var = var_obj instanceof Variable;
  }

  /** The value after every filter; a missing variable becomes string_if_invalid (or None when ignored). */
  resolve(context: BaseContext, ignore_failures = false): unknown {
    let obj: unknown;
    if (this.is_var) {
      // Django: `self.var.resolve(context)`, catching VariableDoesNotExist. A missing name is common
      // (`{% if user.is_staff %}`), so resolve_or_missing answers MISSING instead of throwing: the
      // same branch runs, without the cost of building an exception per failed lookup.
      let missing: boolean;
      try {
        obj = (this.var as Variable).resolve_or_missing(context);
        missing = obj === MISSING;
      } catch (e) {
        if (!(e instanceof VariableDoesNotExist)) throw e;
        missing = true;
      }
      if (missing) {
        if (ignore_failures) obj = null;
        else {
          const string_if_invalid = context_engine(context)?.string_if_invalid ?? "";
          if (string_if_invalid) return string_if_invalid.includes("%s") ? string_if_invalid.replace("%s", (this.var as Variable).var) : string_if_invalid;
          obj = string_if_invalid;
        }
      }
    } else {
      obj = this.var;
    }
    const steps = this.steps;
    for (let f = 0; f < steps.length; f++) obj = steps[f](obj, context);
    return obj;
  }

  /** Refuse a filter given the wrong number of arguments: "add requires 2 arguments, 1 provided". */
  static args_check(name: string, func: FilterFunction, provided: FilterArg[]): true {
    const plen = provided.length + 1;
    const alen = (func.max_args ?? 1) + 1;
    const required = (func.required_args ?? 0) + 1;
    if (plen < required || plen > alen) throw new TemplateSyntaxError(`${name} requires ${required} arguments, ${plen} provided`);
    return true;
  }

  toString(): string {
    return this.token;
  }

  __repr__(): string {
    return `<FilterExpression '${this.token}'>`;
  }
}

function context_engine(context: BaseContext): EngineLike | null {
  return (context as Context).template?.engine ?? null;
}

const INT_RE = /^[+-]?\d(?:_?\d)*$/;
const FLOAT_RE = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

/**
 * A name in a template: a literal (`10`, `1.5`, `"text"`) or a dotted lookup path (`user.name.0`).
 * `resolve(context)` walks the path; a failed step raises VariableDoesNotExist.
 */
export class Variable {
  readonly var: string;
  literal: unknown = undefined;
  lookups: string[] | null = null;
  translate = false;
  message_context: string | null = null;

  constructor(variable: string) {
    let v = variable;
    this.var = variable;
    const numeric = parse_number_literal(v);
    if (numeric !== undefined) {
      this.literal = numeric;
      return;
    }
    if (v.startsWith("_(") && v.endsWith(")")) {
      this.translate = true;
      v = v.slice(2, -1);
    }
    // Django tries unescape_string_literal and catches its ValueError; the same test is made first
    // here, as a thrown error costs more than the whole lookup on a template of many variables.
    if (is_string_literal(v)) {
      this.literal = mark_safe(unescape_string_literal(v));
      return;
    }
    if (v.includes("._") || v[0] === "_") throw new TemplateSyntaxError(`Variables and attributes may not begin with underscores: '${v}'`);
    this.lookups = v.split(VARIABLE_ATTRIBUTE_SEPARATOR);
  }

  resolve(context: BaseContext | Record<string, unknown>): unknown {
    const value = this.lookups !== null ? this._resolve_lookup(context) : this.literal;
    return value;
  }

  /** `resolve()`, with a failed lookup answered by MISSING rather than VariableDoesNotExist. */
  resolve_or_missing(context: BaseContext | Record<string, unknown>): unknown {
    return this.lookups !== null ? this.walk(context, false) : this.literal;
  }

  toString(): string {
    return this.var;
  }

  __repr__(): string {
    return `<Variable: '${this.var}'>`;
  }

  /**
   * Walk `a.b.c`: for each bit try `current[bit]` (a dict key, or the context's stack), then an
   * attribute, then a list index. A callable found on the way is called with no arguments unless
   * it says `do_not_call_in_templates`; one marked `alters_data` becomes string_if_invalid.
   */
  _resolve_lookup(context: BaseContext | Record<string, unknown>): unknown {
    return this.walk(context, true);
  }

  private walk(context: BaseContext | Record<string, unknown>, raise: boolean): unknown {
    let current: unknown = context;
    let owner: unknown = null;
    for (const bit of this.lookups!) {
      const found = lookup_bit(current, bit);
      if (found === NOT_FOUND) {
        if (!raise) return MISSING;
        const where = current;
        throw new VariableDoesNotExist(() => `Failed lookup for key [${bit}] in ${describe_for_error(where)}`, [bit, current]);
      }
      owner = current;
      current = found;
      if (typeof current === "function") current = call_in_template(current, owner, context);
    }
    return current;
  }
}

/** What `unescape_string_literal` accepts: quoted with the same quote at both ends. */
function is_string_literal(v: string): boolean {
  return v.length > 0 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0];
}

/** `"10"` → 10, `"1.5"` → 1.5, `"1e3"` → 1000.0 (a PyFloat); anything else undefined. */
function parse_number_literal(v: string): unknown {
  if (v.includes(".") || v.toLowerCase().includes("e")) {
    if (!FLOAT_RE.test(v) || v.endsWith(".")) return undefined;
    const n = Number(v.replace(/_/g, ""));
    return Number.isInteger(n) ? new PyFloat(n) : n;
  }
  if (INT_RE.test(v)) return Number(v.replace(/_/g, ""));
  return undefined;
}

const NOT_FOUND = Symbol("NOT_FOUND");
/** A lookup that failed, from `Variable.resolve_or_missing` (never a template value). */
const MISSING = Symbol("MISSING");

/** The dict methods a template may reach through attribute lookup (`d.items`, `d.keys`, `d.values`). */
const DICT_METHODS: Record<string, (d: Record<string, unknown>) => unknown> = {
  items: (d) => Object.entries(d),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
};

/** The few `str` methods templates commonly call (`{{ name.upper }}`). */
const STR_METHODS: Record<string, (s: string) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s) => s.trim(),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  split: (s) => s.split(/\s+/).filter(Boolean),
  isdigit: (s) => /^\d+$/.test(s),
};

/** Each model class's FloatField names (name and attname), found once. */
const float_fields = new WeakMap<object, Set<string>>();

/**
 * An integral number that Python holds as a float — a model's FloatField (`{{ book.rating }}` is
 * `3.0`), a float annotation or a float column of a values() row (tagged by the ORM, ADR 0023) —
 * as a PyFloat, so it prints `3.0`. Any other value is returned as it is.
 */
function as_python_float(owner: object, bit: string, value: unknown): unknown {
  if (typeof value !== "number" || !Number.isInteger(value)) return value;
  const tag = float_tag(owner);
  if (tag !== undefined && (tag === true || tag.has(bit))) return new PyFloat(value);
  const meta = (owner.constructor as { _meta?: { concrete_fields?: { name: string; attname?: string; get_internal_type(): string }[] } } | undefined)?._meta;
  if (!meta?.concrete_fields) return value;
  let names = float_fields.get(meta);
  if (!names) {
    names = new Set(meta.concrete_fields.filter((f) => f.get_internal_type() === "FloatField").flatMap((f) => [f.name, f.attname ?? f.name]));
    float_fields.set(meta, names);
  }
  return names.has(bit) ? new PyFloat(value) : value;
}

/** One step of a lookup, in Django's order: item, attribute, index. */
function lookup_bit(current: unknown, bit: string): unknown {
  if (current === null || current === undefined) return NOT_FOUND;
  const ctx = current as BaseContext;
  if (typeof ctx === "object" && ctx.is_context === true) {
    // `bit in context` then `context[bit]`, in one walk down the stack.
    return ctx.get(bit, NOT_FOUND);
  }
  // 1. Dictionary lookup.
  if (is_dict(current)) {
    if (Object.prototype.hasOwnProperty.call(current, bit)) return as_python_float(current, bit, current[bit]);
    if (bit in DICT_METHODS) return DICT_METHODS[bit](current);
    return NOT_FOUND;
  }
  if (current instanceof Map) {
    if (current.has(bit)) return current.get(bit);
    if (bit === "items") return [...current.entries()];
    if (bit === "keys") return [...current.keys()];
    if (bit === "values") return [...current.values()];
    // A dict subclass's own attributes (ErrorDict.as_text, as_ul), as for a list subclass below.
    if (Object.getPrototypeOf(current) !== Map.prototype && bit in current && !(bit in Map.prototype)) return (current as unknown as Record<string, unknown>)[bit];
    return NOT_FOUND;
  }
  if (is_str(current)) {
    const s = current.valueOf();
    if (bit in STR_METHODS) return STR_METHODS[bit](s);
    if (/^\d+$/.test(bit)) {
      const chars = [...s];
      const i = Number(bit);
      return i < chars.length ? chars[i] : NOT_FOUND;
    }
    return NOT_FOUND;
  }
  if (Array.isArray(current)) {
    if (/^\d+$/.test(bit)) {
      const i = Number(bit);
      return i < current.length ? current[i] : NOT_FOUND;
    }
    // A list subclass's own attributes (ErrorList.as_ul, ResultList.form); a plain list has none.
    if (Object.getPrototypeOf(current) !== Array.prototype && bit in current && !(bit in Array.prototype)) return (current as unknown as Record<string, unknown>)[bit];
    return NOT_FOUND;
  }
  if (typeof current !== "object" && typeof current !== "function") return NOT_FOUND;
  const obj = current as Record<string, unknown> & { getitem?: (k: string) => unknown; __getitem__?: (k: string) => unknown };
  // Objects with Python's item protocol (QueryDict, MultiValueDict, user mappings).
  const getitem = typeof obj.__getitem__ === "function" ? obj.__getitem__ : typeof obj.getitem === "function" ? obj.getitem : null;
  if (getitem) {
    try {
      return getitem.call(obj, bit);
    } catch {
      /* fall through to attribute lookup, as Django does after KeyError/TypeError */
    }
  }
  // 2. Attribute lookup (own fields, getters, methods on the prototype chain).
  if (bit in obj && !(bit in Object.prototype)) return as_python_float(obj, bit, obj[bit]);
  // 3. List-index lookup on sequence-like objects.
  if (/^\d+$/.test(bit) && getitem) {
    try {
      return (getitem as (k: unknown) => unknown).call(obj, Number(bit));
    } catch {
      return NOT_FOUND;
    }
  }
  if (/^\d+$/.test(bit) && typeof (obj as { length?: unknown }).length === "number") {
    const v = obj[Number(bit)];
    if (v !== undefined) return v;
  }
  return NOT_FOUND;
}

/** Django calls what a lookup finds (methods, properties' functions) unless told not to. */
function call_in_template(fn: Function, owner: unknown, context: unknown): unknown {
  const flags = fn as { do_not_call_in_templates?: boolean; alters_data?: boolean };
  if (flags.do_not_call_in_templates) return fn;
  if (flags.alters_data) return context_engine(context as BaseContext)?.string_if_invalid ?? "";
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) return fn;
  if (fn.length > 0) return context_engine(context as BaseContext)?.string_if_invalid ?? "";
  return fn.call(owner);
}

function describe_for_error(current: unknown): string {
  const ctx = current as BaseContext;
  if (ctx && typeof ctx === "object" && ctx.is_context === true) return ctx.__repr__();
  try {
    return py_str(current);
  } catch {
    return String(current);
  }
}

/**
 * `token_kwargs(bits, parser)`: leading `name=value` bits → {name: FilterExpression}; consumed bits
 * are removed from `bits`. With `support_legacy`, also `value as name [and value as name]`.
 */
export function token_kwargs(bits: string[], parser: Parser, support_legacy = false): Record<string, FilterExpression> {
  if (!bits.length) return {};
  const kwarg_re = /^(?:([\p{L}\p{N}_]+)=)?(.+)$/su;
  let match = kwarg_re.exec(bits[0]);
  const kwarg_format = Boolean(match && match[1]);
  if (!kwarg_format) {
    if (!support_legacy) return {};
    if (bits.length < 3 || bits[1] !== "as") return {};
  }
  const kwargs: Record<string, FilterExpression> = {};
  while (bits.length) {
    let key: string;
    let value: string;
    if (kwarg_format) {
      match = kwarg_re.exec(bits[0]);
      if (!match || !match[1]) return kwargs;
      [, key, value] = match;
      bits.splice(0, 1);
    } else {
      if (bits.length < 3 || bits[1] !== "as") return kwargs;
      [key, value] = [bits[2], bits[0]];
      bits.splice(0, 3);
    }
    kwargs[key] = parser.compile_filter(value);
    if (bits.length && !kwarg_format) {
      if (bits[0] !== "and") return kwargs;
      bits.splice(0, 1);
    }
  }
  return kwargs;
}

// ---------------------------------------------------------------------------------------------
// Stage 3: nodes.

/** A piece of a compiled template. Subclasses implement `render(context)`. */
export abstract class Node {
  /** Attributes holding child NodeLists (searched by get_nodes_by_type). */
  child_nodelists: string[] = ["nodelist"];
  must_be_first = false;
  token: Token | null = null;
  origin: Origin | null = null;

  abstract render(context: Context): string | SafeString;

  /** Render, attaching the template position to an exception that escapes (for the 500 page). */
  render_annotated(context: Context): string | SafeString {
    try {
      return this.render(context);
    } catch (e) {
      if (e instanceof Error && this.token && !(e as { template_debug?: unknown }).template_debug && context.template) {
        const template = context.render_context.template ?? context.template;
        if (template instanceof Template) (e as { template_debug?: unknown }).template_debug = template.get_exception_info(e, this.token);
      }
      throw e;
    }
  }

  /** Every node of the given class in this node and its children. */
  get_nodes_by_type<T extends Node>(nodetype: abstract new (...args: any[]) => T): T[] {
    const nodes: T[] = [];
    if (this instanceof nodetype) nodes.push(this as unknown as T);
    for (const attr of this.child_nodelists) {
      const nodelist = (this as unknown as Record<string, unknown>)[attr];
      if (nodelist instanceof NodeList) nodes.push(...nodelist.get_nodes_by_type(nodetype));
    }
    return nodes;
  }

  __repr__(): string {
    return `<${this.constructor.name}>`;
  }
}

/** NodeLists being rendered inside each other (a block tag's body, an included template's nodes…). */
let render_depth = 0;
/** Templates being rendered inside each other (includes). */
let template_depth = 0;

/** A list of nodes; rendering joins their outputs into one safe string. */
export class NodeList extends Array<Node> {
  contains_nontext = false;

  static override get [Symbol.species]() {
    return Array;
  }

  /** Each node's output, joined; nested renders and long outputs are bounded (limits.ts). */
  render(context: Context): SafeString {
    if (render_depth >= MAX_RENDER_DEPTH) throw recursion_error();
    render_depth++;
    try {
      let out = "";
      for (const node of this) {
        out += node.render_annotated(context);
        if (out.length > MAX_OUTPUT) throw output_too_long(out.length);
      }
      return mark_safe(out);
    } finally {
      render_depth--;
    }
  }

  get_nodes_by_type<T extends Node>(nodetype: abstract new (...args: any[]) => T): T[] {
    const nodes: T[] = [];
    for (const node of this) nodes.push(...node.get_nodes_by_type(nodetype));
    return nodes;
  }
}

/** Literal text between tags. */
export class TextNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly s: string) {
    super();
  }
  override __repr__(): string {
    return `<TextNode: '${this.s.slice(0, 25)}'>`;
  }
  render(_context: Context): string {
    return this.s;
  }
  override render_annotated(_context: Context): string {
    return this.s;
  }
}

/** Aware datetimes are shown in the current time zone (settings.USE_TZ), as `{{ d }}` and `date` do. */
export function template_localtime(value: unknown, use_tz: boolean | null = null): unknown {
  if (!(value instanceof datetime) || is_naive(value)) return value;
  if ((value as { convert_to_local_time?: boolean }).convert_to_local_time === false) return value;
  let use = use_tz;
  if (use === null) {
    try {
      use = Boolean(settings.USE_TZ);
    } catch {
      use = true;
    }
  }
  return use ? localtime(value) : value;
}

/** How `{{ value }}` turns a value into output: localize, `str()`, then escape if autoescaping. */
export function render_value_in_context(value: unknown, context: Context): string | SafeString {
  let v = template_localtime(value, context.use_tz);
  v = localize(v, context.use_l10n);
  if (context.autoescape) return conditional_escape(v instanceof SafeData || is_str(v) ? v : (safe_str(v) ?? py_str(v)));
  return py_str(v);
}

/**
 * `render_value_in_context` as the text a node list joins: the same characters, without a
 * SafeString made for each `{{ }}` (the list marks its whole output safe).
 */
function render_value_text(value: unknown, context: Context): string {
  // Text is neither a datetime nor localized: straight to escaping.
  if (typeof value === "string") return context.autoescape ? escape(value) : value;
  let v = template_localtime(value, context.use_tz);
  v = localize(v, context.use_l10n);
  if (typeof v === "string") return context.autoescape ? escape(v) : v;
  if (context.autoescape) return v instanceof SafeData ? String(v instanceof SafeString ? v : (v as { __html__(): unknown }).__html__()) : escape(is_str(v) ? v : py_str(v));
  return py_str(v);
}

/** `{{ expression }}` */
export class VariableNode extends Node {
  override child_nodelists: string[] = [];
  constructor(readonly filter_expression: FilterExpression) {
    super();
  }
  override __repr__(): string {
    return `<Variable Node: ${this.filter_expression}>`;
  }
  render(context: Context): string | SafeString {
    const output = this.filter_expression.resolve(context);
    if (trace_stack.length) trace_variable(this.filter_expression.token, this.token ?? undefined, output, this.origin ?? undefined);
    return render_value_text(output, context);
  }
}

export { TemplateSyntaxError };
