/**
 * werkzeug.routing.map: all the rules of an application → a `MapAdapter` bound to one request,
 * which *matches* a path to `(endpoint, values)` and *builds* a URL from an endpoint and values.
 * Main classes: `Map` and `MapAdapter`.
 *
 * Matching goes through the StateMachineMatcher (matcher.ts) and turns its outcomes into HTTP
 * exceptions: no rule → NotFound (404); rules for the path but not the method → MethodNotAllowed
 * (405, with the allowed methods); a missing trailing slash, merged slashes, a `redirect_to` rule,
 * or defaults that make a shorter URL canonical → RequestRedirect (308).
 *
 * Tracing: `MapAdapter.match` is one `resolver` span; every rule of the map is recorded as a
 * `pattern` event, in the order the matcher tries them, with its verdict — matched, or why not
 * (path, method, trailing slash, converter) — and the converted values.
 *
 *     const adapter = url_map.bind("localhost");
 *     adapter.match("/post/5")            // ["post", { post_id: 5 }]
 *     adapter.build("post", { post_id: 5 })   // "/post/5"
 */
import { RuntimeError } from "../../python/builtins";
import { quote, urljoin, urlunsplit } from "../../python/urllib/parse";
import { span_set, to_json, trace_site, tracing_enabled, type Attrs, type Json } from "../../../trace";
import { MultiDict } from "../datastructures/structures";
import { HTTPException, MethodNotAllowed, NotFound } from "../exceptions";
import { _wsgi_decoding_dance } from "../_internal";
import { _urlencode } from "../urls";
import { get_host } from "../wsgi";
import { DEFAULT_CONVERTERS, type ConverterClass } from "./converters";
import { BuildError, NoMatch, RequestAliasRedirect, RequestPath, RequestRedirect, WebsocketMismatch } from "./exceptions";
import { StateMachineMatcher, type MatchMiss, type MatchNotes } from "./matcher";
import { compare_weights, Rule, SIMPLE_RULE_RE } from "./rules";

// Matching is the framework's own work, linear in the rules tried: bounded (ADR 0040).
const MATCH = trace_site("resolver", "werkzeug/routing/map.ts#MapAdapter.match", { source: true, bounded: true });
const RULE = trace_site("pattern", "werkzeug/routing/map.ts#MapAdapter.match");

export interface MapOptions {
  default_subdomain?: string;
  strict_slashes?: boolean;
  merge_slashes?: boolean;
  redirect_defaults?: boolean;
  converters?: Record<string, ConverterClass> | null;
  sort_parameters?: boolean;
  sort_key?: ((a: [string, unknown], b: [string, unknown]) => number) | null;
  host_matching?: boolean;
}

/** Anything that yields rules (`Rule`, or rule factories such as Submount). */
export interface RuleFactory {
  get_rules(map: Map): Iterable<Rule>;
}

/** `Map(rules=None, default_subdomain="", strict_slashes=True, merge_slashes=True, …)` */
export class Map {
  static default_converters: Record<string, ConverterClass> = { ...DEFAULT_CONVERTERS };

  readonly _matcher: StateMachineMatcher;
  readonly _rules_by_endpoint = new globalThis.Map<any, Rule[]>();
  private _remap = true;
  default_subdomain: string;
  strict_slashes: boolean;
  redirect_defaults: boolean;
  host_matching: boolean;
  converters: Record<string, ConverterClass>;
  sort_parameters: boolean;
  sort_key: MapOptions["sort_key"];

  constructor(rules: Iterable<RuleFactory> | null = null, options: MapOptions = {}) {
    this._matcher = new StateMachineMatcher(options.merge_slashes ?? true);
    this.default_subdomain = options.default_subdomain ?? "";
    this.strict_slashes = options.strict_slashes ?? true;
    this.redirect_defaults = options.redirect_defaults ?? true;
    this.host_matching = options.host_matching ?? false;
    this.converters = { ...(this.constructor as typeof Map).default_converters, ...(options.converters ?? {}) };
    this.sort_parameters = options.sort_parameters ?? false;
    this.sort_key = options.sort_key ?? null;
    for (const factory of rules ?? []) this.add(factory);
  }

  get merge_slashes(): boolean {
    return this._matcher.merge_slashes;
  }
  set merge_slashes(value: boolean) {
    this._matcher.merge_slashes = value;
  }

  /** `is_endpoint_expecting(endpoint, *arguments)` */
  is_endpoint_expecting(endpoint: unknown, ...args: string[]): boolean {
    this.update();
    return (this._rules_by_endpoint.get(endpoint) ?? []).some((rule) => args.every((a) => rule.arguments.has(a)));
  }

  /** Every rule, grouped by endpoint in the order endpoints were first added. */
  get _rules(): Rule[] {
    return [...this._rules_by_endpoint.values()].flat();
  }

  /** The rules the matcher tries, in the order it tries them (for the trace; kept until a rule is added). */
  _rules_in_match_order(): readonly Rule[] {
    if (this._match_order === null) {
      const rules = this._rules.filter((r) => !r.build_only);
      this._match_order = rules.map((r, i) => [r, i] as const).sort((a, b) => match_order(a[0], b[0]) || a[1] - b[1]).map(([r]) => r);
    }
    return this._match_order;
  }

  private _match_order: Rule[] | null = null;

  /** `iter_rules(endpoint=None)` */
  iter_rules(endpoint: unknown = null): Rule[] {
    this.update();
    if (endpoint !== null) return [...(this._rules_by_endpoint.get(endpoint) ?? [])];
    return this._rules;
  }

  /** `add(rulefactory)`: bind each rule to this map and hand it to the matcher. */
  add(rulefactory: RuleFactory): void {
    for (const rule of rulefactory.get_rules(this)) {
      rule.bind(this);
      if (!rule.build_only) this._matcher.add(rule);
      const list = this._rules_by_endpoint.get(rule.endpoint);
      if (list) list.push(rule);
      else this._rules_by_endpoint.set(rule.endpoint, [rule]);
    }
    this._remap = true;
    this._match_order = null;
  }

  /**
   * `bind(server_name, script_name=None, subdomain=None, url_scheme="http", default_method="GET",
   * path_info=None, query_args=None)`: an adapter for one host.
   */
  bind(server_name: string, options: { script_name?: string | null; subdomain?: string | null; url_scheme?: string; default_method?: string; path_info?: string | null; query_args?: Record<string, unknown> | string | null } = {}): MapAdapter {
    const name = server_name.toLowerCase();
    let subdomain = options.subdomain ?? null;
    if (this.host_matching) {
      if (subdomain !== null) throw new RuntimeError("host matching enabled and a subdomain was provided");
    } else if (subdomain === null) subdomain = this.default_subdomain;
    return new MapAdapter(this, name, options.script_name ?? "/", subdomain, options.url_scheme ?? "http", options.path_info ?? "/", options.default_method ?? "GET", options.query_args ?? null);
  }

  /** `bind_to_environ(environ, server_name=None, subdomain=None)`: an adapter for one request. */
  bind_to_environ(environ: Record<string, any>, options: { server_name?: string | null; subdomain?: string | null } = {}): MapAdapter {
    const wsgi_server_name = get_host(environ).toLowerCase();
    let scheme: string = environ["wsgi.url_scheme"];
    if (is_websocket_upgrade(environ)) scheme = scheme === "https" ? "wss" : "ws";
    let server_name = options.server_name ?? null;
    let subdomain = options.subdomain ?? null;
    if (server_name === null) server_name = wsgi_server_name;
    else {
      server_name = server_name.toLowerCase();
      if ((scheme === "http" || scheme === "ws") && server_name.endsWith(":80")) server_name = server_name.slice(0, -3);
      else if ((scheme === "https" || scheme === "wss") && server_name.endsWith(":443")) server_name = server_name.slice(0, -4);
    }
    if (subdomain === null && !this.host_matching) {
      const cur = wsgi_server_name.split(".");
      const real = server_name.split(".");
      const offset = cur.length - real.length;
      if (offset < 0 || cur.slice(offset).join(".") !== real.join(".")) subdomain = "<invalid>";
      else subdomain = cur.slice(0, offset).filter(Boolean).join(".");
    }
    return this.bind(server_name, {
      script_name: environ_text(environ, "SCRIPT_NAME"),
      subdomain,
      url_scheme: scheme,
      default_method: environ.REQUEST_METHOD,
      path_info: environ_text(environ, "PATH_INFO"),
      query_args: environ_text(environ, "QUERY_STRING"),
    });
  }

  /** `update()`: sort the matcher's transitions and each endpoint's rules for building. */
  update(): void {
    if (!this._remap) return;
    this._matcher.update();
    for (const rules of this._rules_by_endpoint.values()) {
      rules.sort((a, b) => {
        const ka = a.build_compare_key();
        const kb = b.build_compare_key();
        return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
      });
    }
    this._remap = false;
  }

  toString(): string {
    return `Map([${this.iter_rules().map((r) => r.__repr__()).join(",\n ")}])`;
  }
}

/** A WSGI "native string" of the environ as text (`_wsgi_decoding_dance`), or None when absent. */
function environ_text(environ: Record<string, any>, key: string): string | null {
  const value = environ[key];
  return value === undefined || value === null ? null : _wsgi_decoding_dance(value);
}

/** `Connection: upgrade` (one of its comma-separated tokens) with `Upgrade: websocket`. */
function is_websocket_upgrade(environ: Record<string, any>): boolean {
  const connection = environ.HTTP_CONNECTION;
  if (connection === undefined || connection === null) return false; // most requests: nothing to parse
  const upgrade = String(connection).toLowerCase().split(",").some((v) => v.replace(/^[ \t]+|[ \t]+$/g, "") === "upgrade");
  return upgrade && String(environ.HTTP_UPGRADE ?? "").toLowerCase() === "websocket";
}

/** Does rule `a` come before rule `b` in the matcher's walk (static parts first, then weights)? */
function match_order(a: Rule, b: Rule): number {
  const n = Math.min(a._parts.length, b._parts.length);
  for (let i = 0; i < n; i++) {
    const pa = a._parts[i];
    const pb = b._parts[i];
    if (pa.static && pb.static) {
      if (pa.content !== pb.content) return 0;
      continue;
    }
    if (pa.static !== pb.static) return pa.static ? -1 : 1;
    const c = compare_weights(pa.weight, pb.weight);
    if (c) return c;
    if (pa.content !== pb.content) return 0;
  }
  return a._parts.length - b._parts.length;
}

export type RuleVerdict = "matched" | "path" | "method" | "slash" | "converter" | "websocket" | "shadowed";

/** `MapAdapter`: a Map bound to one server name, script name, scheme and method. */
export class MapAdapter {
  readonly script_name: string;
  readonly websocket: boolean;

  constructor(
    readonly map: Map,
    readonly server_name: string,
    script_name: string,
    readonly subdomain: string | null,
    readonly url_scheme: string,
    readonly path_info: string,
    readonly default_method: string,
    readonly query_args: Record<string, unknown> | string | null = null,
  ) {
    this.script_name = script_name.endsWith("/") ? script_name : script_name + "/";
    this.websocket = url_scheme === "ws" || url_scheme === "wss";
  }

  /**
   * `match(path_info=None, method=None, return_rule=False, query_args=None, websocket=None)` →
   * `[endpoint or rule, values]`; NotFound, MethodNotAllowed or RequestRedirect otherwise.
   */
  match(path_info: string | null = null, method: string | null = null, options: { return_rule?: boolean; query_args?: Record<string, unknown> | string | null; websocket?: boolean | null } = {}): [any, Record<string, unknown>] {
    this.map.update();
    const path = path_info ?? this.path_info;
    const m = (method ?? this.default_method).toUpperCase();
    const domain_part = !this.map.host_matching && this.subdomain !== null ? this.subdomain : this.server_name;
    // Werkzeug: `"/" + path_info.lstrip("/")`; a path with exactly one leading slash is that already.
    const path_part = !path ? "" : path[0] === "/" && path[1] !== "/" ? path : `/${path.replace(/^\/+/, "")}`;
    return MATCH.run(
      () => `MapAdapter.match ${path_part || "/"}`,
      () => ({ framework: "werkzeug", path: path_part, method: m, server_name: this.server_name, script_name: this.script_name }),
      (span) => {
        try {
          const [rule, rv] = this._match(domain_part, path_part, m, options);
          if (tracing_enabled()) {
            // Copied now: the view receives these values as its keyword arguments and may change them.
            const view_args = to_json(rv) as Json;
            this.trace_rules(domain_part, path_part, m, rule, view_args);
            span_set(span, { endpoint: to_json(rule.endpoint), rule: rule.rule, view_args });
          }
          return [options.return_rule ? rule : rule.endpoint, rv];
        } catch (e) {
          if (tracing_enabled()) {
            this.trace_rules(domain_part, path_part, m, null);
            if (e instanceof RequestRedirect) span_set(span, { redirect: e.new_url, code: 308 });
            else if (e instanceof MethodNotAllowed) span_set(span, { error: "MethodNotAllowed", allowed: [...(e.valid_methods ?? [])].sort() });
            else if (e instanceof HTTPException) span_set(span, { error: e.constructor.name });
          }
          throw e;
        }
      },
    );
  }

  /** The matcher's answer, as HTTP outcomes. */
  private _match(domain_part: string, path_part: string, method: string, options: { query_args?: Record<string, unknown> | string | null; websocket?: boolean | null }): [Rule, Record<string, unknown>] {
    const query_args = options.query_args ?? this.query_args ?? {};
    const websocket = options.websocket ?? this.websocket;
    let result: [Rule, Record<string, unknown>];
    try {
      result = this.map._matcher.match(domain_part, path_part, method, websocket);
    } catch (e) {
      if (e instanceof RequestPath) throw new RequestRedirect(this.make_redirect_url(quote(e.path_info, "!$&'()*+,/:;=@"), query_args));
      if (e instanceof RequestAliasRedirect) throw new RequestRedirect(this.make_alias_redirect_url(`${domain_part}|${path_part}`, e.endpoint, e.matched_values, method, query_args));
      if (e instanceof NoMatch) {
        if (e.have_match_for.size) throw new MethodNotAllowed([...e.have_match_for]);
        if (e.websocket_mismatch) throw new WebsocketMismatch();
        throw new NotFound();
      }
      throw e;
    }
    const [rule, rv] = result;
    if (this.map.redirect_defaults) {
      const redirect_url = this.get_default_redirect(rule, method, rv, query_args);
      if (redirect_url !== null) throw new RequestRedirect(redirect_url);
    }
    if (rule.redirect_to !== null && rule.redirect_to !== undefined) throw new RequestRedirect(this.redirect_to_url(rule, rv));
    return [rule, rv];
  }

  /** A `redirect_to` rule: fill `<name>` placeholders (or call the function), join with the script root. */
  private redirect_to_url(rule: Rule, rv: Record<string, unknown>): string {
    let redirect_url: string;
    if (typeof rule.redirect_to === "string") redirect_url = rule.redirect_to.replace(SIMPLE_RULE_RE, (_m, name: string) => rule._converters[name].to_url(rv[name]));
    else redirect_url = rule.redirect_to!(this, rv);
    const netloc = this.subdomain ? `${this.subdomain}.${this.server_name}` : this.server_name;
    return urljoin(`${this.url_scheme || "http"}://${netloc}${this.script_name}`, redirect_url);
  }

  /**
   * Record each rule with why it did or did not match (tracing only). A rule that missed is
   * explained by matching it alone: when its converters are all Werkzeug's own (pure functions of
   * the path), that waits until the trace is read; a converter of the project's runs now, as the
   * match ran it. Everything else a rule's event shows is the rule's own, described when read.
   */
  private trace_rules(domain: string, path: string, method: string, winner: Rule | null, winner_values: Json = null): void {
    const ordered = this.map._rules_in_match_order();
    const tried: RulesTried = { domain, path, method, merge_slashes: this.map.merge_slashes, winner, winner_values, winner_index: -1 };
    for (let index = 0; index < ordered.length; index++) {
      const rule = ordered[index];
      if (rule === winner) tried.winner_index = index;
      const at: RuleTried = rule === winner || has_own_converters(rule) === false ? index : { index, explained: explain_rule(rule, domain, path, method, tried.merge_slashes) };
      RULE.event_with(rule.rule, rule_attrs, rule, tried, at);
    }
  }

  /** `dispatch(view_func, path_info=None, method=None, catch_http_exceptions=False)` */
  dispatch(view_func: (endpoint: any, args: Record<string, unknown>) => unknown, path_info: string | null = null, method: string | null = null, catch_http_exceptions = false): unknown {
    try {
      let endpoint: any, args: Record<string, unknown>;
      try {
        [endpoint, args] = this.match(path_info, method);
      } catch (e) {
        if (e instanceof RequestRedirect) return e;
        throw e;
      }
      return view_func(endpoint, args);
    } catch (e) {
      if (e instanceof HTTPException && catch_http_exceptions) return e;
      throw e;
    }
  }

  /** `test(path_info=None, method=None)`: would it match (a redirect counts)? */
  test(path_info: string | null = null, method: string | null = null): boolean {
    try {
      this.match(path_info, method);
    } catch (e) {
      if (e instanceof RequestRedirect) return true;
      if (e instanceof HTTPException) return false;
      throw e;
    }
    return true;
  }

  /** `allowed_methods(path_info=None)`: the methods some rule accepts for this path. */
  allowed_methods(path_info: string | null = null): string[] {
    try {
      this.match(path_info, "--");
    } catch (e) {
      if (e instanceof MethodNotAllowed) return e.valid_methods ?? [];
      if (e instanceof HTTPException) return [];
      throw e;
    }
    return [];
  }

  get_host(domain_part: string | null): string {
    if (this.map.host_matching) return domain_part ?? this.server_name;
    const subdomain = domain_part ?? this.subdomain;
    return subdomain ? `${subdomain}.${this.server_name}` : this.server_name;
  }

  /** A rule with defaults for the same endpoint makes a shorter URL canonical: redirect to it. */
  get_default_redirect(rule: Rule, method: string, values: Record<string, unknown>, query_args: Record<string, unknown> | string): string | null {
    for (const r of this.map._rules_by_endpoint.get(rule.endpoint) ?? []) {
      if (r === rule) break;
      if (r.provides_defaults_for(rule) && r.suitable_for(values, method)) {
        Object.assign(values, r.defaults);
        const [domain_part, path] = r.build(values)!;
        return this.make_redirect_url(path, query_args, domain_part);
      }
    }
    return null;
  }

  encode_query_args(query_args: Record<string, unknown> | string): string {
    return typeof query_args === "string" ? query_args : _urlencode(query_args);
  }

  /** `make_redirect_url(path_info, query_args=None, domain_part=None)`: an absolute URL. */
  make_redirect_url(path_info: string, query_args: Record<string, unknown> | string | null = null, domain_part: string | null = null): string {
    const q = query_args ?? this.query_args;
    const query_str = q && (typeof q === "string" ? q : Object.keys(q).length) ? this.encode_query_args(q) : "";
    const path = [this.script_name.replace(/^\/+|\/+$/g, ""), path_info.replace(/^\/+/, "")].join("/");
    return urlunsplit([this.url_scheme || "http", this.get_host(domain_part), path, query_str, ""]);
  }

  make_alias_redirect_url(path: string, endpoint: unknown, values: Record<string, unknown>, method: string, query_args: Record<string, unknown> | string): string {
    let url = this.build(endpoint, values, { method, append_unknown: false, force_external: true });
    if (query_args && (typeof query_args === "string" ? query_args : Object.keys(query_args).length)) url += `?${this.encode_query_args(query_args)}`;
    if (url === path) throw new Error("detected invalid alias setting. No canonical URL found");
    return url;
  }

  private _partial_build(endpoint: unknown, values: Record<string, unknown>, method: string | null, append_unknown: boolean): [string, string, boolean] | null {
    if (method === null) {
      const rv = this._partial_build(endpoint, values, this.default_method, append_unknown);
      if (rv !== null) return rv;
    }
    let first_match: [string, string, boolean] | null = null;
    for (const rule of this.map._rules_by_endpoint.get(endpoint) ?? []) {
      if (!rule.suitable_for(values, method)) continue;
      const build_rv = rule.build(values, append_unknown);
      if (build_rv === null) continue;
      const rv: [string, string, boolean] = [build_rv[0], build_rv[1], rule.websocket];
      if (!this.map.host_matching) return rv;
      if (rv[0] === this.server_name) return rv;
      first_match ??= rv;
    }
    return first_match;
  }

  /**
   * `build(endpoint, values=None, method=None, force_external=False, append_unknown=True,
   * url_scheme=None)`: a URL for the endpoint. Values of None are dropped; values no rule uses
   * become the query string. No suitable rule: BuildError.
   */
  build(endpoint: unknown, values: Record<string, unknown> | MultiDict<unknown> | null = null, options: { method?: string | null; force_external?: boolean; append_unknown?: boolean; url_scheme?: string | null } = {}): string {
    this.map.update();
    const vals: Record<string, unknown> = {};
    if (values instanceof MultiDict) {
      for (const [k, v] of values.lists()) if (v.length) vals[k] = v.length === 1 ? v[0] : v;
    } else if (values) for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) vals[k] = v;
    const method = options.method ?? null;
    const rv = this._partial_build(endpoint, vals, method, options.append_unknown ?? true);
    if (rv === null) throw new BuildError(endpoint, vals, method, this);
    const [domain_part, path, websocket] = rv;
    const host = this.get_host(domain_part);
    let url_scheme = options.url_scheme ?? this.url_scheme;
    let force_external = options.force_external ?? false;
    const secure = url_scheme === "https" || url_scheme === "wss";
    if (websocket) {
      force_external = true;
      url_scheme = secure ? "wss" : "ws";
    } else if (url_scheme) url_scheme = secure ? "https" : "http";
    if (!force_external && ((this.map.host_matching && host === this.server_name) || (!this.map.host_matching && domain_part === this.subdomain)))
      return `${this.script_name.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
    const scheme = url_scheme ? `${url_scheme}:` : "";
    return `${scheme}//${host}${this.script_name.slice(0, -1)}/${path.replace(/^\/+/, "")}`;
  }
}

const SOLO_MATCHERS = new WeakMap<Rule, StateMachineMatcher>();

/** Explain one rule against a path on its own (a matcher holding only that rule). */
/** Why a rule on its own did not match, from what its NoMatch carries (raised or returned). */
function explain_no_match(miss: MatchMiss, notes: MatchNotes, rule: Rule, path: string, method: string): { verdict: RuleVerdict; detail: string; values: null } {
  if (notes.validation_error) return { verdict: "converter", detail: "a converter refused the value", values: null };
  if (miss.have_match_for.size) return { verdict: "method", detail: `${method} not in ${[...miss.have_match_for].sort().join(", ")}`, values: null };
  if (miss.websocket_mismatch) return { verdict: "websocket", detail: "websocket rule", values: null };
  return { verdict: "path", detail: `${path || "/"} does not match ${rule.rule}`, values: null };
}

const MATCHED_DETAIL = "path and method match";

/** One match's rules, as `trace_rules` keeps them for the rules' events. */
interface RulesTried {
  domain: string;
  path: string;
  method: string;
  merge_slashes: boolean;
  winner: Rule | null;
  winner_values: Json;
  /** The winner's place in match order (-1: none); a later rule that would match too was shadowed. */
  winner_index: number;
}

/** A rule's place in match order, with its explanation when it was made at the call. */
type RuleTried = number | { index: number; explained: ReturnType<typeof explain_rule> };

const OWN_CONVERTERS = new Set<Function>(Object.values(DEFAULT_CONVERTERS));

/** Whether a rule has a converter that is not one of Werkzeug's own (whose code may do anything). */
function has_own_converters(rule: Rule): boolean {
  for (const name in rule._converters) if (!OWN_CONVERTERS.has(rule._converters[name].constructor)) return true;
  return false;
}

/** A rule's event: tried, matched or not, and why (when the trace is read). */
function rule_attrs(rule: Rule, tried: RulesTried, at: RuleTried): Attrs {
  const index = typeof at === "number" ? at : at.index;
  const is_winner = rule === tried.winner;
  const { verdict, detail, values } = is_winner
    ? { verdict: "matched" as const, detail: MATCHED_DETAIL, values: tried.winner_values as Record<string, unknown> }
    : typeof at === "number"
      ? explain_rule(rule, tried.domain, tried.path, tried.method, tried.merge_slashes)
      : at.explained;
  let v: RuleVerdict = verdict;
  if (is_winner) v = "matched";
  else if (verdict === "matched") v = tried.winner_index >= 0 && tried.winner_index < index ? "shadowed" : "matched";
  return {
    framework: "werkzeug",
    order: index + 1,
    rule: rule.rule,
    endpoint: to_json(rule.endpoint),
    methods: rule.methods ? [...rule.methods].sort() : null,
    strict_slashes: rule.strict_slashes,
    converters: Object.fromEntries(Object.entries(rule._converters).map(([k, c]) => [k, c.constructor.name])),
    matched: v === "matched",
    verdict: v,
    reason: v === "shadowed" ? "an earlier rule matched first" : detail,
    values: values === null ? null : (to_json(values) as Json),
  };
}

function explain_rule(rule: Rule, domain: string, path: string, method: string, merge_slashes: boolean): { verdict: RuleVerdict; detail: string; values: Record<string, unknown> | null } {
  let solo = SOLO_MATCHERS.get(rule);
  if (!solo) {
    solo = new StateMachineMatcher(merge_slashes);
    solo.add(rule);
    solo.update();
    SOLO_MATCHERS.set(rule, solo);
  }
  const notes: MatchNotes = {};
  try {
    const m = solo.match_or_miss(domain, path, method, rule.websocket, notes);
    if (!Array.isArray(m)) return explain_no_match(m, notes, rule, path, method);
    return { verdict: "matched", detail: MATCHED_DETAIL, values: m[1] };
  } catch (e) {
    if (e instanceof RequestPath) {
      const slash = e.path_info.endsWith("/") && e.path_info.slice(0, -1) === path;
      return { verdict: "slash", detail: slash ? `matches with a trailing slash: redirect to ${e.path_info}` : `matches once slashes are merged: redirect to ${e.path_info}`, values: null };
    }
    if (e instanceof NoMatch) return explain_no_match(e, notes, rule, path, method);
    if (e instanceof RequestAliasRedirect) return { verdict: "matched", detail: "alias: redirect to the canonical URL", values: e.matched_values };
    return { verdict: "path", detail: String(e), values: null };
  }
}
