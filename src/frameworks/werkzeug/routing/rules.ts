/**
 * werkzeug.routing.rules: a rule string (`/post/<int:post_id>`) → the parts the matcher walks and
 * a builder that turns values back into a URL. Main class: `Rule`.
 *
 * `Rule.compile()` splits the rule at each `/` into `RulePart`s: a *static* part is literal text
 * (`post`), a *dynamic* part is a regular expression made of the text and the converters'
 * regexes (`(?<__werkzeug_0>\d+)$`). Each part carries a `Weighting` — static parts are tried before
 * dynamic ones, and among dynamic parts more static text and lighter converters come first — and
 * that ordering is what makes `/user/me` win over `/user/<name>` whatever the declaration order.
 *
 *     new Rule("/post/<int:post_id>", { endpoint: "post", methods: ["GET"] })
 *     rule.build({ post_id: 5 })          // ["", "/post/5"]
 */
import { LookupError, SyntaxError, TypeError, ValueError, py_repr } from "../../python/builtins";
import { quote } from "../../python/urllib/parse";
import { iter_multi_items } from "../datastructures/structures";
import { _urlencode } from "../urls";
import { re_escape, ValidationError, type BaseConverter } from "./converters";
import type { Map } from "./map";

/** How a part sorts among its siblings: compared field by field, lists element by element. */
export interface Weighting {
  number_static_weights: number;
  static_weights: [number, number][];
  number_argument_weights: number;
  argument_weights: number[];
}

function compare_lists<T>(a: T[], b: T[], cmp: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = cmp(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
}

/** Python's tuple ordering of two Weightings. */
export function compare_weights(a: Weighting, b: Weighting): number {
  return (
    a.number_static_weights - b.number_static_weights ||
    compare_lists(a.static_weights, b.static_weights, (x, y) => x[0] - y[0] || x[1] - y[1]) ||
    a.number_argument_weights - b.number_argument_weights ||
    compare_lists(a.argument_weights, b.argument_weights, (x, y) => x - y)
  );
}

/** One `/`-separated part of a rule: literal text, or a regex (with `final` if it may span slashes). */
export interface RulePart {
  content: string;
  final: boolean;
  static: boolean;
  suffixed: boolean;
  weight: Weighting;
}

export function parts_equal(a: RulePart, b: RulePart): boolean {
  return a.content === b.content && a.final === b.final && a.static === b.static && a.suffixed === b.suffixed && compare_weights(a.weight, b.weight) === 0;
}

const PART_RE = /(?:(?<slash>\/)|(?<static>[^</]+)|(?:<(?:(?<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\((?<arguments>.*?)\))?:)?(?<variable>[a-zA-Z_][a-zA-Z0-9_]*)>))/y;
const CONVERTER_ARGS_RE = /\s*((?<name>\w+)\s*=\s*)?(?<value>True|False|\d+.\d+|\d+.|\d+|[\w\d_.]+|[urUR]?(?<stringval>"[^"]*?"|'[^']*'))\s*,/g;
export const SIMPLE_RULE_RE = /<([^>]+)>/g;

/** `_pythonize(value)`: None/True/False, an int, a float, or the text without quotes. */
function _pythonize(value: string): unknown {
  if (value === "None") return null;
  if (value === "True") return true;
  if (value === "False") return false;
  if (/^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  if (/^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)\s*$/.test(value)) return Number(value);
  if (value.slice(0, 1) === value.slice(-1) && (value[0] === '"' || value[0] === "'")) return value.slice(1, -1);
  return value;
}

/** `parse_converter_args("length=2")` → `[[], {length: 2}]`; `"en, fr"` → `[["en", "fr"], {}]`. */
export function parse_converter_args(argstr: string): [unknown[], Record<string, unknown>] {
  const text = argstr + ",";
  const args: unknown[] = [];
  const kwargs: Record<string, unknown> = {};
  let position = 0;
  for (const item of text.matchAll(CONVERTER_ARGS_RE)) {
    if (item.index !== position) throw new ValueError(`Cannot parse converter argument '${text.slice(position, item.index)}'`);
    const g = item.groups!;
    const value = _pythonize(g.stringval ?? g.value);
    if (g.name) kwargs[g.name] = value;
    else args.push(value);
    position = item.index + item[0].length;
  }
  return [args, kwargs];
}

export interface RuleOptions {
  defaults?: Record<string, unknown> | null;
  subdomain?: string | null;
  methods?: Iterable<string> | null;
  build_only?: boolean;
  endpoint?: any;
  strict_slashes?: boolean | null;
  merge_slashes?: boolean | null;
  redirect_to?: string | ((adapter: any, values: Record<string, unknown>) => string) | null;
  alias?: boolean;
  host?: string | null;
  websocket?: boolean;
}

type BuildOp = [dynamic: boolean, data: string];

/** `Rule(string, defaults=None, subdomain=None, methods=None, build_only=False, endpoint=None, …)` */
export class Rule {
  readonly rule: string;
  readonly is_leaf: boolean;
  readonly is_branch: boolean;
  map: Map | null = null;
  strict_slashes: boolean | null;
  merge_slashes: boolean | null;
  subdomain: string | null;
  host: string | null;
  defaults: Record<string, unknown> | null;
  build_only: boolean;
  alias: boolean;
  websocket: boolean;
  methods: Set<string> | null;
  endpoint: any;
  redirect_to: RuleOptions["redirect_to"];
  arguments: Set<string>;
  /** Flask sets this: answer OPTIONS automatically. */
  provide_automatic_options?: boolean;
  _converters: Record<string, BaseConverter> = {};
  _trace: [boolean, string][] = [];
  _parts: RulePart[] = [];
  private _url_ops: BuildOp[] = [];
  private _dom_ops: BuildOp[] = [];

  constructor(string: string, options: RuleOptions = {}) {
    if (!string.startsWith("/")) throw new ValueError(`URL rule '${string}' must start with a slash.`);
    this.rule = string;
    this.is_leaf = !string.endsWith("/");
    this.is_branch = string.endsWith("/");
    this.strict_slashes = options.strict_slashes ?? null;
    this.merge_slashes = options.merge_slashes ?? null;
    this.subdomain = options.subdomain ?? null;
    this.host = options.host ?? null;
    this.defaults = options.defaults ?? null;
    this.build_only = options.build_only ?? false;
    this.alias = options.alias ?? false;
    this.websocket = options.websocket ?? false;
    this.methods = Rule.clean_methods(options.methods ?? null, this.websocket);
    this.endpoint = options.endpoint ?? null;
    this.redirect_to = options.redirect_to ?? null;
    this.arguments = new Set(this.defaults ? Object.keys(this.defaults) : []);
  }

  /** Upper-cased methods; GET implies HEAD. A string is refused (a common mistake). */
  private static clean_methods(methods: Iterable<string> | null, websocket: boolean): Set<string> | null {
    if (methods === null) return null;
    if (typeof methods === "string") throw new TypeError("'methods' should be a list of strings.");
    const set = new Set([...methods].map((m) => m.toUpperCase()));
    if (!set.has("HEAD") && set.has("GET")) set.add("HEAD");
    if (websocket && [...set].some((m) => !["GET", "HEAD", "OPTIONS"].includes(m))) throw new ValueError("WebSocket rules can only use 'GET', 'HEAD', and 'OPTIONS' methods.");
    return set;
  }

  /** `rule.empty()`: an unbound copy. */
  empty(): Rule {
    return new (this.constructor as typeof Rule)(this.rule, this.get_empty_kwargs());
  }

  get_empty_kwargs(): RuleOptions {
    return {
      defaults: this.defaults ? { ...this.defaults } : null,
      subdomain: this.subdomain,
      methods: this.methods,
      build_only: this.build_only,
      endpoint: this.endpoint,
      strict_slashes: this.strict_slashes,
      redirect_to: this.redirect_to,
      alias: this.alias,
      host: this.host,
    };
  }

  *get_rules(_map: Map): Generator<Rule> {
    yield this;
  }

  /** `bind(map)`: take the map's defaults (strict/merge slashes, subdomain) and compile. */
  bind(map: Map, rebind = false): void {
    if (this.map !== null && !rebind) throw new Error(`url rule ${this.__repr__()} already bound to map ${map}`);
    this.map = map;
    this.strict_slashes ??= map.strict_slashes;
    this.merge_slashes ??= map.merge_slashes;
    this.subdomain ??= map.default_subdomain;
    this.compile();
  }

  refresh(): void {
    this.bind(this.map!, true);
  }

  /** `get_converter(variable_name, converter_name, args, kwargs)`: LookupError for an unknown name. */
  get_converter(_variable_name: string, converter_name: string, args: unknown[], kwargs: Record<string, unknown>): BaseConverter {
    const cls = this.map!.converters[converter_name];
    if (!cls) throw new LookupError(`the converter ${py_repr(converter_name)} does not exist`);
    return Object.keys(kwargs).length ? new cls(this.map!, ...args, kwargs) : new cls(this.map!, ...args);
  }

  _encode_query_vars(query_vars: Record<string, unknown>): string {
    let items = [...iter_multi_items(query_vars as Record<string, unknown>)];
    if (this.map!.sort_parameters) items = items.sort(this.map!.sort_key ?? ((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    return _urlencode(items);
  }

  /** `_parse_rule(rule)`: the parts of a rule (or of a subdomain/host pattern), with their weights. */
  *_parse_rule(rule: string): Generator<RulePart> {
    let content = "";
    let is_static = true;
    let argument_weights: number[] = [];
    let static_weights: [number, number][] = [];
    let final = false;
    let convertor_number = 0;
    let pos = 0;
    const weight = (): Weighting => ({ number_static_weights: -static_weights.length, static_weights, number_argument_weights: -argument_weights.length, argument_weights });
    while (pos < rule.length) {
      PART_RE.lastIndex = pos;
      const match = PART_RE.exec(rule);
      if (!match) throw new ValueError(`malformed url rule: ${py_repr(rule)}`);
      const data = match.groups!;
      if (data.static !== undefined) {
        static_weights.push([static_weights.length, -data.static.length]);
        this._trace.push([false, data.static]);
        content += is_static ? data.static : re_escape(data.static);
      }
      if (data.variable !== undefined) {
        if (is_static) content = re_escape(content);
        is_static = false;
        const [c_args, c_kwargs] = parse_converter_args(data.arguments ?? "");
        const convobj = this.get_converter(data.variable, data.converter ?? "default", c_args, c_kwargs);
        this._converters[data.variable] = convobj;
        this.arguments.add(data.variable);
        if (!convobj.part_isolating) final = true;
        content += `(?<__werkzeug_${convertor_number}>${convobj.regex})`;
        convertor_number += 1;
        argument_weights.push(convobj.weight);
        this._trace.push([true, data.variable]);
      }
      if (data.slash !== undefined) {
        this._trace.push([false, "/"]);
        if (final) content += "/";
        else {
          if (!is_static) content += "$";
          yield { content, final, static: is_static, suffixed: false, weight: weight() };
          content = "";
          is_static = true;
          argument_weights = [];
          static_weights = [];
          final = false;
          convertor_number = 0;
        }
      }
      pos = PART_RE.lastIndex;
    }
    let suffixed = false;
    if (final && content.endsWith("/")) {
      // A slash-matching converter followed by "/": match without it too, then redirect.
      suffixed = true;
      content = content.slice(0, -1) + "(?<!/)(/?)";
    }
    if (!is_static) content += "$";
    const w = weight();
    yield { content, final, static: is_static, suffixed, weight: w };
    if (suffixed) yield { content: "", final: false, static: true, suffixed: false, weight: w };
  }

  /** `compile()`: parts for the matcher, and the operations of the URL builder. */
  compile(): void {
    if (this.map === null) throw new Error("rule not bound");
    const domain_rule = this.map.host_matching ? (this.host ?? "") : (this.subdomain ?? "");
    this._parts = [];
    this._trace = [];
    this._converters = {};
    if (domain_rule === "") this._parts = [{ content: "", final: false, static: true, suffixed: false, weight: { number_static_weights: 0, static_weights: [], number_argument_weights: 0, argument_weights: [] } }];
    else this._parts.push(...this._parse_rule(domain_rule));
    this._trace.push([false, "|"]);
    const rule = this.merge_slashes ? this.rule.replace(/\/{2,}/g, "/") : this.rule;
    this._parts.push(...this._parse_rule(rule));
    this._compile_builder();
  }

  /**
   * The builder: constant text (quoted) and converter calls, in order. Python compiles it to a
   * function whose parameters are the rule's variables, so a variable used twice is Python's
   * SyntaxError.
   */
  private _compile_builder(): void {
    const defaults = this.defaults ?? {};
    this._dom_ops = [];
    this._url_ops = [];
    let opl = this._dom_ops;
    for (const [is_dynamic, data] of this._trace) {
      if (data === "|" && opl === this._dom_ops) {
        opl = this._url_ops;
        continue;
      }
      if (is_dynamic && data in defaults) opl.push([false, this._converters[data].to_url(defaults[data])]);
      else if (!is_dynamic) opl.push([false, quote(data, "!$&'()*+,/:;=@")]);
      else opl.push([true, data]);
    }
    const pargs = [...this._dom_ops, ...this._url_ops].filter(([d, e]) => d && !(e in defaults)).map(([, e]) => e);
    const seen = new Set<string>();
    for (const name of [...pargs, ...Object.keys(defaults)]) {
      if (seen.has(name)) throw new SyntaxError(`duplicate argument '${name}' in function definition (<werkzeug routing>, line 1)`);
      seen.add(name);
    }
  }

  private run_ops(ops: BuildOp[], values: Record<string, unknown>): string {
    let out = "";
    for (const [is_dynamic, data] of ops) out += is_dynamic ? this._converters[data].to_url(values[data]) : data;
    return out;
  }

  /**
   * `build(values, append_unknown=True)`: `[domain_part, path]`, with values the rule does not use
   * appended as a query string; None when a converter refuses a value (ValidationError).
   */
  build(values: Record<string, unknown>, append_unknown = true): [string, string] | null {
    try {
      const domain = this.run_ops(this._dom_ops, values);
      let url = this.run_ops(this._url_ops, values);
      if (append_unknown) {
        const used = new Set([...this._dom_ops, ...this._url_ops].filter(([d]) => d).map(([, e]) => e));
        for (const k of Object.keys(this.defaults ?? {})) used.add(k);
        const extra: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(values)) if (!used.has(k)) extra[k] = v;
        if (Object.keys(extra).length) {
          const params = this._encode_query_vars(extra);
          if (params) url += `?${params}`;
        }
      }
      return [domain, url];
    } catch (e) {
      if (e instanceof ValidationError) return null;
      throw e;
    }
  }

  /** Does this rule carry defaults that `rule` (same endpoint and arguments) can redirect to? */
  provides_defaults_for(rule: Rule): boolean {
    return Boolean(!this.build_only && this.defaults && Object.keys(this.defaults).length && this.endpoint === rule.endpoint && this !== rule && same_set(this.arguments, rule.arguments));
  }

  /** `suitable_for(values, method=None)`: can this rule build a URL from these values? */
  suitable_for(values: Record<string, unknown>, method: string | null = null): boolean {
    if (method !== null && this.methods !== null && !this.methods.has(method)) return false;
    const defaults = this.defaults ?? {};
    for (const key of this.arguments) if (!(key in defaults) && !(key in values)) return false;
    for (const [key, value] of Object.entries(defaults)) if (key in values && !py_equal(value, values[key])) return false;
    return true;
  }

  /** Sort key for building: non-aliases first, then more arguments, then more defaults. */
  build_compare_key(): [number, number, number] {
    return [this.alias ? 1 : 0, -this.arguments.size, -Object.keys(this.defaults ?? {}).length];
  }

  /** Two rules are equal when their traces are (same text, same variables). */
  equals(other: unknown): boolean {
    return other instanceof Rule && other.constructor === this.constructor && JSON.stringify(other._trace) === JSON.stringify(this._trace);
  }

  toString(): string {
    return this.rule;
  }

  __repr__(): string {
    if (this.map === null) return `<${this.constructor.name} (unbound)>`;
    const parts = this._trace.map(([d, data]) => (d ? `<${data}>` : data)).join("").replace(/^\|+/, "");
    const methods = this.methods !== null ? ` (${[...this.methods].join(", ")})` : "";
    return `<${this.constructor.name} ${py_repr(parts)}${methods} -> ${this.endpoint}>`;
  }
}

function same_set(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Python `==` for default values (numbers, strings, None, and objects with `equals`). */
export function py_equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof (a as { equals?: unknown }).equals === "function") return (a as { equals(o: unknown): boolean }).equals(b);
  if (typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return Number(a) === Number(b) && typeof a !== "string" && typeof b !== "string";
}
