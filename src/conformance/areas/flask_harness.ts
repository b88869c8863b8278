/**
 * The `flask` area's app builder: a JSON app-spec (FORMAT.md part C §3) → a real Flask app of the
 * port, built exactly as `reference/flask/harness.py` builds it with real Flask — routes, hooks
 * that log events, error handlers, blueprints — plus the behaviours views and hooks run.
 */
import { Exception, KeyError, LookupError, RuntimeError, TypeError, ValueError, ZeroDivisionError, int, py_tuple } from "../../frameworks/python/builtins";
import * as wexc from "../../frameworks/werkzeug/exceptions";
import { Blueprint, Flask, Response, abort, current_app, flash, g, get_flashed_messages, jsonify, make_response, redirect, render_template, render_template_string, request, session, url_for } from "../../frameworks/flask";
import { DictLoader } from "../../frameworks/jinja2";
import { py_json_dumps } from "../../frameworks/python/json";
import { decode, encode, sorted_json } from "./flask_values";

/** The per-request event log hooks and views append to (§3.3). */
export const EVENTS: string[] = [];

export class AppError extends Exception {}
export class SubAppError extends AppError {}
/** A plain class (not an Exception subclass): registering it is an error. */
export class NotAnException {}

const PY_EXC: Record<string, any> = { Exception, ValueError, KeyError, LookupError, RuntimeError, TypeError, ZeroDivisionError, AppError, SubAppError, NotAnException };
const HTTP_EXC_NAMES = ["HTTPException", "BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed", "NotAcceptable", "Conflict", "Gone", "ImATeapot", "UnprocessableEntity", "TooManyRequests", "InternalServerError", "NotImplemented", "ServiceUnavailable"];

export function exc_class(name: string): any {
  if (name in PY_EXC) return PY_EXC[name];
  if (HTTP_EXC_NAMES.includes(name)) return (wexc as Record<string, unknown>)[name];
  throw new Error(`unknown exception ${name}`);
}

/** §3.1: `X(m)` for Python classes, `X(description=m)` for HTTP classes, `X()` without a message. */
export function make_exc(name: string, message?: string | null): any {
  const cls = exc_class(name);
  if (!(cls.prototype instanceof Error)) return new cls();
  if (cls === wexc.HTTPException || cls.prototype instanceof wexc.HTTPException) return message !== undefined && message !== null ? new cls({ description: message }) : new cls();
  return message !== undefined && message !== null ? new cls(message) : new cls();
}

type Spec = Record<string, any>;

/** `value(v)`: markers, plus `__response__` (a Response) and `__generator__` (a streamed body). */
export function value(v: any): any {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "__response__") {
      const spec = v.__response__;
      const kw: Record<string, unknown> = {};
      if ("status" in spec) kw.status = spec.status;
      if ("headers" in spec) kw.headers = value(spec.headers);
      if ("mimetype" in spec) kw.mimetype = spec.mimetype;
      if ("content_type" in spec) kw.content_type = spec.content_type;
      return new Response("body" in spec ? value(spec.body) : null, kw);
    }
    if (keys.length === 1 && keys[0] === "__generator__") {
      const chunks: string[] = [...v.__generator__];
      return (function* () {
        yield* chunks;
      })();
    }
    if (keys.length === 1 && keys[0] === "__tuple__") return py_tuple(...v.__tuple__.map(value));
    if (!(keys.length === 1 && keys[0].startsWith("__"))) {
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = value(v[k]);
      return out;
    }
  }
  if (Array.isArray(v)) return v.map(value);
  return decode(v);
}

const lists = (md: any) => [...md.lists()].map(([k, vs]: [string, unknown[]]) => [k, [...vs]]);

/** The echo fields of §3.5. */
export function echo_field(name: string): unknown {
  const r = request as any;
  const colon = name.indexOf(":");
  if (colon >= 0) {
    const op = name.slice(0, colon);
    const arg = name.slice(colon + 1);
    switch (op) {
      case "args.get": return r.args.get(arg);
      case "args.getlist": return r.args.getlist(arg);
      case "args.get_int": return r.args.get(arg, null, { type: int });
      case "args[]": return r.args.getitem(arg);
      case "form.get": return r.form.get(arg);
      case "form.getlist": return r.form.getlist(arg);
      case "form[]": return r.form.getitem(arg);
      case "values.get": return r.values.get(arg);
      case "headers.get": return r.headers.get(arg);
      case "headers.getlist": return r.headers.getlist(arg);
      case "cookies.get": return r.cookies.get(arg);
      case "g.get": return encode(g.get(arg));
      case "session.get": return encode(session.get(arg));
      case "config": return encode(current_app.config.get(arg));
      case "url_for": return url_for(arg);
    }
    throw new ValueError(name);
  }
  const simple = ["method", "path", "full_path", "script_root", "url", "base_url", "url_root", "host_url", "host", "scheme", "remote_addr", "is_secure", "is_json", "mimetype", "content_type", "content_length", "endpoint", "blueprint", "blueprints", "access_route", "root_url"];
  if (simple.includes(name)) {
    const v = r[name];
    return Array.isArray(v) ? [...v] : v;
  }
  switch (name) {
    case "query_string": return String.fromCharCode(...r.query_string);
    case "view_args": return encode(r.view_args);
    case "url_rule": return r.url_rule === null ? null : r.url_rule.rule;
    case "url_rule.methods": return r.url_rule === null ? null : [...r.url_rule.methods].sort();
    case "args": return lists(r.args);
    case "form": return lists(r.form);
    case "values": return lists(r.values);
    case "cookies": return lists(r.cookies);
    case "files": return [...r.files.lists()].map(([k, fs]: [string, any[]]) => [k, fs.map((f) => f.filename)]);
    case "headers": return [...r.headers.items()].map(([k, v]: [string, string]) => [k, v]);
    case "json": return r.json;
    case "get_json": return r.get_json();
    case "get_json_silent": return r.get_json({ silent: true });
    case "get_json_force": return r.get_json({ force: true });
    case "data": return r.get_data({ as_text: true });
    case "user_agent": return r.user_agent.string;
    case "g": return Object.fromEntries(Object.keys(g).map((k) => [k, encode((g as any)[k])]));
    case "session": return Object.fromEntries((session as any).items().map(([k, v]: [string, unknown]) => [k, encode(v)]));
    case "session.new": return (session as any).new;
    case "session.permanent": return (session as any).permanent;
    case "flashes": return get_flashed_messages({ with_categories: true }).map((x: unknown[]) => [...x]);
    case "app.name": return current_app.name;
  }
  throw new ValueError(`unknown echo field '${name}'`);
}

/** One session operation (§3.4); returns its result, encoded. */
export function session_op(op: Spec): unknown {
  const [name, arg] = Object.entries(op)[0];
  const s = session as any;
  switch (name) {
    case "set": s.set(arg[0], decode(arg[1])); return null;
    case "get": return encode(s.get(arg));
    case "pop": return encode(s.pop(arg, null));
    case "clear": s.clear(); return null;
    case "permanent": s.permanent = Boolean(arg); return null;
    case "append": s.getitem(arg[0]).push(decode(arg[1])); return null;
    case "modified": s.modified = Boolean(arg); return null;
    case "setdefault": return encode(s.setdefault(arg[0], decode(arg[1])));
  }
  throw new ValueError(name);
}

export function action(spec: Spec): void {
  const [name, arg] = Object.entries(spec)[0];
  if (name === "event") EVENTS.push(arg);
  else if (name === "flash") {
    if (Array.isArray(arg)) flash(arg[0], arg[1]);
    else flash(arg);
  }
  else if (name === "g") for (const [k, v] of Object.entries(arg)) (g as any)[k] = decode(v);
  else if (name === "session") for (const op of arg) session_op(op);
  else if (name === "raise") throw make_exc(arg.exc, arg.message);
  else throw new ValueError(`unknown action ${name}`);
}

/** `behave(spec, exc=None)`: run a behaviour; return what the view would return (§3.2). */
export function behave(spec: Spec, exc: unknown = null): unknown {
  if ("do" in spec) {
    for (const a of spec.do) action(a);
    const rest = { ...spec };
    delete rest.do;
    return Object.keys(rest).length ? behave(rest, exc) : null;
  }
  const keys = Object.keys(spec);
  if (keys.length === 1 && keys[0] === "return") return value(spec.return);
  if ("echo" in spec) return jsonify(Object.fromEntries(spec.echo.map((f: string) => [f, echo_field(f)])));
  if ("abort" in spec) {
    if ("description" in spec) abort(spec.abort, { description: spec.description });
    abort(value(spec.abort));
  }
  if ("raise" in spec) throw make_exc(spec.raise, spec.message);
  if ("redirect" in spec) return "code" in spec ? redirect(spec.redirect, spec.code) : redirect(spec.redirect);
  if ("redirect_for" in spec) return redirect(url_for(spec.redirect_for, spec.values ?? {}));
  if ("jsonify" in spec) return (current_app as any).json._response(value(spec.jsonify.args ?? []), value(spec.jsonify.kwargs ?? {}));
  if ("make_response" in spec) return behave_make_response(spec);
  if ("render" in spec) return render_template(spec.render, decode(spec.context ?? {}));
  if ("render_string" in spec) return render_template_string(spec.render_string, decode(spec.context ?? {}));
  if ("session" in spec) {
    const results = spec.session.map(session_op);
    return jsonify({ results, session: Object.fromEntries((session as any).items().map(([k, v]: [string, unknown]) => [k, encode(v)])) });
  }
  if ("url_for" in spec) {
    const { endpoint, ...rest } = spec.url_for;
    return url_for(endpoint, decode(rest));
  }
  if ("handler_text" in spec) return `${spec.handler_text}:${(exc as object).constructor.name}`;
  if ("description" in spec && exc !== null) return (exc as { description: string }).description;
  if ("exception" in spec && exc !== null) return exc;
  throw new ValueError(`unknown behaviour ${JSON.stringify(spec)}`);
}

function behave_make_response(spec: Spec): unknown {
  const resp = make_response(...spec.make_response.map(value));
  for (const [k, v] of spec.set_headers ?? []) resp.headers.set(k, v);
  for (const [k, v] of spec.add_headers ?? []) resp.headers.add(k, v);
  if ("status" in spec) resp.status = spec.status;
  if ("mimetype" in spec) resp.mimetype = spec.mimetype;
  for (const ck of spec.set_cookie ?? []) {
    const { key, ...rest } = ck;
    resp.set_cookie(key, decode(rest));
  }
  for (const ck of spec.delete_cookie ?? []) {
    const { key, ...rest } = ck;
    resp.delete_cookie(key, rest);
  }
  return resp;
}

/** A function with a Python name (`f.__name__ = name`). */
function named<F extends Function>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  Object.defineProperty(fn, "__name__", { value: name });
  return fn;
}

function make_view(name: string, spec: Spec) {
  return named(name, (_kwargs: unknown) => {
    EVENTS.push("view:" + name);
    return behave(spec);
  });
}

export function add_routes(target: any, routes: Spec[]): void {
  const funcs = new Map<string, [string, Function]>();
  for (const r of routes) {
    const opts: Record<string, unknown> = {};
    for (const k of ["methods", "strict_slashes", "defaults", "redirect_to", "provide_automatic_options", "merge_slashes"]) if (k in r) opts[k] = r[k];
    if ("endpoint" in r) opts.endpoint = r.endpoint;
    const spec = r.view ?? { return: r.name };
    const key = sorted_json(spec);
    let fn: Function;
    const known = funcs.get(r.name);
    if (known && known[0] === key) fn = known[1];
    else {
      fn = make_view(r.name, spec);
      funcs.set(r.name, [key, fn]);
    }
    target.add_url_rule(r.rule, { ...opts, view_func: fn });
  }
}

const before = (name: string, spec: Spec) =>
  named(name, () => {
    EVENTS.push("before:" + name);
    for (const a of spec.do ?? []) action(a);
    return "return" in spec ? value(spec.return) : null;
  });

const after = (name: string, spec: Spec) =>
  named(name, (response: any) => {
    EVENTS.push(`after:${name}(${response.status_code})`);
    for (const [k, v] of spec.set_headers ?? []) response.headers.set(k, v);
    for (const [k, v] of spec.add_headers ?? []) response.headers.add(k, v);
    for (const a of spec.do ?? []) action(a);
    if (spec.replace) return make_response(value(spec.replace));
    return response;
  });

const teardown = (prefix: string, name: string) =>
  named(name, (exc: unknown) => {
    EVENTS.push(`${prefix}:${name}(${exc === null || exc === undefined ? "None" : (exc as object).constructor.name})`);
  });

const handler = (name: string, spec: Spec) =>
  named(name, (e: unknown) => {
    EVENTS.push(`handler:${name}(${(e as object).constructor.name})`);
    for (const a of spec.do ?? []) action(a);
    const rv = behave(spec.view ?? { handler_text: name }, e);
    return "status" in spec ? py_tuple(rv, spec.status) : rv;
  });

function error_key(k: unknown): unknown {
  if (k !== null && typeof k === "object") return make_exc((k as { instance_of: string }).instance_of);
  return typeof k === "number" ? k : exc_class(k as string);
}

/** Hooks on an app or a blueprint; the blueprint's `app_*` variants are app-wide. */
export function add_hooks(target: any, spec: Spec, app_wide = false): void {
  const pre = app_wide ? "app_" : "";
  const reg = app_wide ? { before: "before_app_request", after: "after_app_request", teardown: "teardown_app_request" } : { before: "before_request", after: "after_request", teardown: "teardown_request" };
  for (const h of spec[pre + "before_request"] ?? []) target[reg.before](before(h.name, h));
  for (const h of spec[pre + "after_request"] ?? []) target[reg.after](after(h.name, h));
  for (const h of spec[pre + "teardown_request"] ?? []) target[reg.teardown](teardown("teardown", h.name));
  for (const h of spec[pre + "errorhandlers"] ?? []) {
    const fn = handler(h.name, h);
    if (app_wide) target.app_errorhandler(error_key(h.key))(fn);
    else target.register_error_handler(error_key(h.key), fn);
  }
  for (const cp of spec[pre + "context_processors"] ?? []) {
    const vars = decode(cp);
    const fn = () => ({ ...vars });
    if (app_wide) target.app_context_processor(fn);
    else target.context_processor(fn);
  }
  for (const h of spec[pre + "url_value_preprocessors"] ?? []) {
    const pre_fn = named(h.name, (endpoint: string | null, values: Record<string, unknown> | null) => {
      EVENTS.push(`url_value_preprocessor:${h.name}(${endpoint === null ? "None" : endpoint})`);
      if (values && Object.keys(values).length && h.pop)
        for (const k of h.pop)
          if (k in values) {
            (g as any)[k] = values[k];
            delete values[k];
          }
    });
    if (app_wide) target.app_url_value_preprocessor(pre_fn);
    else target.url_value_preprocessor(pre_fn);
  }
}

export function build_blueprint(spec: Spec): Blueprint {
  const kw: Record<string, unknown> = {};
  for (const k of ["url_prefix", "subdomain", "url_defaults"]) if (k in spec) kw[k] = spec[k];
  const bp = new Blueprint(spec.name, "app", kw);
  add_routes(bp, spec.routes ?? []);
  add_hooks(bp, spec);
  add_hooks(bp, spec, true);
  for (const child of spec.blueprints ?? []) {
    if (child.self) {
      bp.register_blueprint(bp);
      continue;
    }
    bp.register_blueprint(build_blueprint(child), child.register ?? {});
  }
  return bp;
}

export const TEMPLATE_MENU = {
  filters: { reverse_str: (s: unknown) => [...String(s)].reverse().join(""), shout: (s: unknown) => String(s).toUpperCase() + "!" } as Record<string, (s: unknown) => unknown>,
  tests: { even_len: (s: unknown) => String(s).length % 2 === 0 } as Record<string, (s: unknown) => unknown>,
};

/** `build_app(spec)`: config, json, templates, filters, tests, globals, routes, hooks, teardowns, blueprints. */
export function build_app(spec: Spec): Flask {
  const app = new Flask("app");
  app.config.update(decode(spec.config ?? {}));
  for (const [k, v] of Object.entries(spec.json ?? {})) (app.json as any)[k] = v;
  app.jinja_loader = new DictLoader(spec.templates ?? {});
  for (const name of spec.filters ?? []) app.add_template_filter(TEMPLATE_MENU.filters[name], name);
  for (const name of spec.tests ?? []) app.add_template_test(TEMPLATE_MENU.tests[name], name);
  for (const [k, v] of Object.entries(spec.globals ?? {})) app.add_template_global(decode(v), k);
  add_routes(app, spec.routes ?? []);
  add_hooks(app, spec);
  for (const h of spec.teardown_appcontext ?? []) app.teardown_appcontext(teardown("appctx_teardown", h.name));
  for (const bspec of spec.blueprints ?? []) app.register_blueprint(build_blueprint(bspec), bspec.register ?? {});
  return app;
}

/** Python's `json.dumps(value)` (default separators, ASCII escapes) for a step's JSON body. */
export function python_json(value: unknown): string {
  return py_json_dumps(value);
}

/** What the `jinja` area compares: the output, or the error (with line and template for syntax errors). */
export interface RenderOutcome {
  output?: string;
  error?: string;
  message?: string;
  lineno?: number;
  name?: string | null;
}

/**
 * FORMAT.md part C §5 with real Flask: the file-level app (SECRET_KEY and the routes `index`,
 * `profile`, `post`) with the case's app-spec on top and its templates as the loader; inside
 * `test_request_context(path)`, flash the case's messages, then `render_template_string(source)`
 * or `render_template(name)` with the context.
 */
export function flask_render(
  input: { source?: string; render?: string; templates: Record<string, string>; context: Record<string, unknown>; app?: Spec; flashes?: [string, string][]; path?: string },
  file_app: { secret_key?: string; routes?: Spec[] },
): RenderOutcome {
  const app = build_app({ config: { SECRET_KEY: file_app.secret_key ?? null }, routes: file_app.routes ?? [], ...(input.app ?? {}), templates: input.templates });
  const ctx = app.test_request_context(input.path ?? "/");
  ctx.push();
  try {
    for (const [category, message] of input.flashes ?? []) flash(message, category);
    const context = decode(input.context ?? {}) as Record<string, unknown>;
    return { output: input.source !== undefined ? render_template_string(input.source, context) : render_template(input.render!, context) };
  } catch (e) {
    const err = e as Error & { lineno?: number; template_name?: string | null };
    const outcome: RenderOutcome = { error: err?.constructor?.name ?? "Error", message: String(err?.message ?? err) };
    if (err?.constructor?.name === "TemplateSyntaxError" || err?.constructor?.name === "TemplateAssertionError") {
      outcome.lineno = err.lineno;
      outcome.name = err.template_name ?? null;
    }
    return outcome;
  } finally {
    ctx.pop();
  }
}
