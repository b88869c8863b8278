/**
 * Conformance replayer for the `flask` area (FORMAT.md part C §4): app-specs built with the port
 * (flask_harness.ts, the twin of reference/flask/harness.py) and driven through its test client
 * with a browser-like cookie jar; `url_for`, `match`, `build` and `script` ops as §4.2–4.3 say.
 * Every clock on the cookie path is frozen at 2025-01-01T00:00:00.5Z, as when the corpus was
 * recorded.
 */
import type { AreaReplayer, CaseResult, CorpusCase } from "../area";
import { first_difference } from "../compare";
import { add_handler, type LogRecord } from "../../frameworks/python/logging";
import { with_frozen_time } from "../../frameworks/python/time";
import { urlencode } from "../../frameworks/python/urllib/parse";
import { utf8_decode } from "../../frameworks/python/bytes";
import { py_json_loads } from "../../frameworks/python/json";
import { inflate } from "pako";
import { base64_decode, bytes_to_int } from "../../frameworks/itsdangerous/encoding";
import { MethodNotAllowed, NotFound } from "../../frameworks/werkzeug/exceptions";
import { RequestRedirect } from "../../frameworks/werkzeug/routing/exceptions";
import { current_app, g, has_app_context, has_request_context, request, session, url_for, type Flask } from "../../frameworks/flask";
import type { AppContext, RequestContext } from "../../frameworks/flask/ctx";
import { EVENTS, build_app, python_json } from "./flask_harness";
import { decode, encode, error_of, plain } from "./flask_values";

const FROZEN_EPOCH = 1735689600.5;
const EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

/** Records on the `app` logger: `[level, message, {error, message}?]`. */
const CAPTURE: unknown[][] = [];
add_handler((record: LogRecord) => {
  if (record.name !== "app" && !record.name.startsWith("app.")) return;
  const rec: unknown[] = [record.levelname, record.message];
  if (record.exc_info !== undefined && record.exc_info !== null) rec.push(error_of(record.exc_info));
  CAPTURE.push(rec);
});

function parse_set_cookie(header: string): [string, string, Record<string, string | true>] {
  const parts = header.split(";").map((p) => p.trim());
  const eq = parts[0].indexOf("=");
  const name = eq < 0 ? parts[0] : parts[0].slice(0, eq);
  const val = eq < 0 ? "" : parts[0].slice(eq + 1);
  const attrs: Record<string, string | true> = {};
  for (const p of parts.slice(1)) {
    const i = p.indexOf("=");
    attrs[(i < 0 ? p : p.slice(0, i)).toLowerCase()] = i < 0 ? true : p.slice(i + 1);
  }
  return [name, val, attrs];
}

type Step = Record<string, any>;

function request_kwargs(step: Step, jar: Map<string, string>): Record<string, any> {
  const headers: [string, string][] = (Array.isArray(step.headers) ? step.headers : Object.entries(step.headers ?? {})).map(([k, v]: [string, string]) => [k, v]);
  if (jar.size) headers.push(["Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; ")]);
  const kw: Record<string, any> = { method: step.method ?? "GET", headers };
  if ("form" in step) {
    kw.data = urlencode(step.form.map((p: [string, string]) => [p[0], p[1]]));
    kw.content_type = "application/x-www-form-urlencoded";
  } else if ("json" in step) {
    kw.data = python_json(step.json);
    kw.content_type = "application/json";
  } else if ("data" in step) kw.data = step.data;
  if ("content_type" in step) kw.content_type = step.content_type;
  if ("base_url" in step) kw.base_url = step.base_url;
  if ("environ" in step) kw.environ_overrides = { ...step.environ };
  return kw;
}

/** §4.4: the decoded session cookie of a response (when one is set and not empty). */
function session_cookie_info(app: Flask, set_cookies: string[]): Record<string, unknown> | null {
  const name = app.config.getitem("SESSION_COOKIE_NAME");
  for (const hv of set_cookies) {
    const [n, val] = parse_set_cookie(hv);
    if (n !== name || !val) continue;
    const compressed = val.startsWith(".");
    const [payload, ts, sig] = val.replace(/^\.+/, "").split(".");
    let raw = base64_decode(payload);
    if (compressed) raw = inflate(raw);
    return { payload: utf8_decode(raw), compressed, timestamp: bytes_to_int(base64_decode(ts)), signature: sig };
  }
  return null;
}

function run_steps(app: Flask, steps: Step[]): Record<string, unknown>[] {
  const client = app.test_client({ use_cookies: false });
  const jar = new Map<string, string>();
  const out: Record<string, unknown>[] = [];
  for (const step of steps) {
    for (const [k, v] of Object.entries(step.set_cookies ?? {})) jar.set(k, v as string);
    const kw = request_kwargs(step, jar);
    EVENTS.length = 0;
    CAPTURE.length = 0;
    let resp;
    try {
      resp = client.open(step.path, kw);
    } catch (e) {
      out.push({ raised: error_of(e), events: [...EVENTS], log: [...CAPTURE] });
      continue;
    }
    const body = resp.get_data();
    const res: Record<string, unknown> = { status: resp.status_code, status_line: resp.status, headers: resp.headers.to_wsgi_list().map(([k, v]) => [k, v]), body: utf8_decode(body, "replace") };
    if (resp.mimetype === "application/json" && body.length) res.json = plain(py_json_loads(utf8_decode(body)));
    const set_cookies: string[] = resp.headers.getlist("Set-Cookie");
    const sc = session_cookie_info(app, set_cookies);
    if (sc) res.session_cookie = sc;
    res.events = [...EVENTS];
    res.log = [...CAPTURE];
    for (const hv of set_cookies) {
      const [name, val, attrs] = parse_set_cookie(hv);
      if (attrs["max-age"] === "0" || attrs.expires === EPOCH) jar.delete(name);
      else jar.set(name, val);
    }
    res.jar = [...jar].map(([k, v]) => [k, v]);
    resp.close();
    out.push(res);
  }
  return out;
}

/** Headers: a multiset of pairs; same-name pairs keep their order; `Allow` compared as a set. */
function header_difference(actual: [string, string][], expected: [string, string][], path: string): string | null {
  const norm = (pairs: [string, string][]) => {
    const by = new Map<string, string[]>();
    for (const [k, v] of pairs) {
      const value = k.toLowerCase() === "allow" ? v.split(",").map((x) => x.trim()).sort().join(", ") : v;
      by.set(k, [...(by.get(k) ?? []), value]);
    }
    return Object.fromEntries([...by].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  return first_difference(norm(actual), norm(expected), path);
}

function step_difference(actual: Record<string, any>, expected: Record<string, any>, path: string): string | null {
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (!(key in expected)) return `${path}.${key}: unexpected key (value ${JSON.stringify(actual[key]).slice(0, 200)})`;
    if (!(key in actual)) return `${path}.${key}: missing (expected ${JSON.stringify(expected[key]).slice(0, 200)})`;
    let d: string | null;
    if (key === "headers") d = header_difference(actual.headers, expected.headers, `${path}.headers`);
    else if (key === "session_cookie" && expected.session_cookie.compressed) {
      const pick = (x: any) => ({ payload: x.payload, timestamp: x.timestamp, compressed: x.compressed });
      d = first_difference(pick(actual.session_cookie), pick(expected.session_cookie), `${path}.session_cookie`);
    } else d = first_difference(actual[key], expected[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

function requests_case(c: CorpusCase): CaseResult {
  const app = build_app(c.input.app ?? {});
  const steps = run_steps(app, c.input.steps);
  const expected: Record<string, any>[] = c.expect.steps;
  if (steps.length !== expected.length) return { passed: false, message: `expected ${expected.length} steps, got ${steps.length}` };
  for (let i = 0; i < steps.length; i++) {
    const d = step_difference(steps[i], expected[i], `$.steps[${i}]`);
    if (d) return { passed: false, message: d };
  }
  return { passed: true, message: "ok" };
}

/** Run `fn` inside the context the case asks for (a test request context, an app context, or none). */
function in_context<T>(app: Flask, context: Record<string, any> | undefined, fn: () => T): T {
  let ctx: AppContext | RequestContext | null = null;
  if (context?.request) ctx = app.test_request_context(context.request.path, context.request.base_url !== undefined ? { base_url: context.request.base_url } : {});
  else if (context?.app) ctx = app.app_context();
  ctx?.push();
  try {
    return fn();
  } finally {
    ctx?.pop();
  }
}

function url_for_case(c: CorpusCase): unknown {
  const app = build_app(c.input.app ?? {});
  const results = c.input.calls.map((call: Record<string, any>) =>
    in_context(app, c.input.context, () => {
      const { endpoint, ...rest } = call;
      try {
        return { url: url_for(endpoint, decode(rest)) };
      } catch (e) {
        return error_of(e);
      }
    }),
  );
  return { results };
}

function match_case(c: CorpusCase): unknown {
  const app = build_app(c.input.app ?? {});
  const adapter = app.url_map.bind("localhost");
  const results = c.input.matches.map((m: Record<string, any>) => {
    try {
      const [endpoint, view_args] = adapter.match(m.path, m.method ?? null);
      return { endpoint, view_args: encode(view_args) };
    } catch (e) {
      if (e instanceof RequestRedirect) return { redirect: e.new_url, code: 308 };
      if (e instanceof MethodNotAllowed) return { error: "MethodNotAllowed", allowed: [...(e.valid_methods ?? [])].sort() };
      if (e instanceof NotFound) return { error: "NotFound" };
      return error_of(e);
    }
  });
  return { results };
}

function build_case(c: CorpusCase): unknown {
  try {
    build_app(c.input.app ?? {});
    return { ok: true };
  } catch (e) {
    return error_of(e);
  }
}

/** `access` expressions of the context scripts (§4.3). */
function access(expr: string): unknown {
  const colon = expr.indexOf(":");
  if (colon >= 0) {
    const [op, arg] = [expr.slice(0, colon), expr.slice(colon + 1)];
    if (op === "g.get") return encode((g as any).get(arg));
    if (op === "in_g") return (g as any).has(arg);
    if (op === "url_for") return url_for(arg);
    if (op === "config") return encode(current_app.config.getitem(arg));
  }
  switch (expr) {
    case "current_app.name": return current_app.name;
    case "has_app_context": return has_app_context();
    case "has_request_context": return has_request_context();
    case "request.path": return request.path;
    case "request.method": return request.method;
    case "request.url": return request.url;
    case "request.args": return [...request.args.lists()].map(([k, vs]) => [k, [...vs]]);
    case "request.endpoint": return request.endpoint;
    case "request.view_args": return encode(request.view_args);
    case "session": return Object.fromEntries((session as any).items().map(([k, v]: [string, unknown]) => [k, encode(v)]));
    case "session.new": return (session as any).new;
    case "g": return Object.fromEntries(Object.keys(g).map((k) => [k, encode((g as any)[k])]));
  }
  if (expr.startsWith("g.")) return encode((g as any)[expr.slice(2)]);
  throw new Error(`unknown expression ${expr}`);
}

function context_script(c: CorpusCase): unknown {
  const app = build_app(c.input.app ?? {});
  const pushed: (AppContext | RequestContext)[] = [];
  EVENTS.length = 0;
  const results: unknown[] = [];
  for (const op of c.input.ops) {
    try {
      results.push({ result: encode(context_op(app, op, pushed)) });
    } catch (e) {
      results.push(error_of(e));
    }
  }
  const events = [...EVENTS];
  while (pushed.length) {
    try {
      pushed.pop()!.pop();
    } catch {
      /* leave nothing pushed */
    }
  }
  return { results, events };
}

function context_op(app: Flask, op: Record<string, any>, pushed: (AppContext | RequestContext)[]): unknown {
  switch (op.op) {
    case "push": {
      const ctx =
        op.ctx === "app"
          ? app.app_context()
          : app.test_request_context(op.path ?? "/", { method: op.method ?? "GET", ...(op.base_url !== undefined ? { base_url: op.base_url } : {}), headers: op.headers ?? null });
      ctx.push();
      pushed.push(ctx);
      return null;
    }
    case "pop": {
      const index = op.index ?? pushed.length - 1;
      const [ctx] = pushed.splice(index, 1);
      ctx.pop();
      return null;
    }
    case "set_g":
      for (const [k, v] of Object.entries(op.values)) (g as any)[k] = decode(v);
      return null;
    case "pop_g":
      return "default" in op ? (g as any).pop(op.name, decode(op.default)) : (g as any).pop(op.name);
    case "setdefault_g":
      return (g as any).setdefault(op.name, decode(op.default));
    case "session_set":
      (session as any).set(op.key, decode(op.value));
      return null;
    case "access":
      return access(op.expr);
  }
  throw new Error(`unknown op ${op.op}`);
}

function config_script(c: CorpusCase): unknown {
  const app = build_app({ config: c.input.config ?? {} });
  const results = c.input.ops.map((op: Record<string, any>) => {
    try {
      return { result: encode(config_op(app, op)) };
    } catch (e) {
      return error_of(e);
    }
  });
  return { results };
}

function config_op(app: Flask, op: Record<string, any>): unknown {
  const config = app.config;
  switch (op.op) {
    case "defaults":
      return Object.fromEntries([...config.keys()].sort().map((k) => [k, config.getitem(k)]));
    case "get":
      return config.getitem(op.key);
    case "get_default":
      return config.get(op.key, "default" in op ? decode(op.default) : null);
    case "from_mapping":
      return config.from_mapping(op.mapping !== undefined ? decode(op.mapping) : null, decode(op.kwargs ?? {}));
    case "update":
      config.update(decode(op.mapping));
      return null;
    case "get_namespace":
      return config.get_namespace(op.namespace, { lowercase: op.lowercase ?? true, trim_namespace: op.trim_namespace ?? true });
    case "from_object": {
      const cls = class Settings {};
      for (const [k, v] of Object.entries(op.attrs)) Object.defineProperty(cls, k, { value: decode(v), enumerable: true });
      config.from_object(cls);
      return null;
    }
    case "from_prefixed_env":
      return config.from_prefixed_env(op.prefix ?? "FLASK", { environ: op.env });
    case "attr":
      return (app as any)[op.name];
    case "set_attr":
      (app as any)[op.name] = decode(op.value);
      return null;
    case "keys_with_prefix":
      return [...config.keys()].filter((k) => k.startsWith(op.prefix)).sort();
  }
  throw new Error(`unknown op ${op.op}`);
}

function replay(c: CorpusCase): CaseResult {
  const op = c.input.op;
  if (op === "requests") return requests_case(c);
  let actual: unknown;
  if (op === "url_for") actual = url_for_case(c);
  else if (op === "match") actual = match_case(c);
  else if (op === "build") actual = build_case(c);
  else if (op === "script") actual = c.input.kind === "config" ? config_script(c) : context_script(c);
  else return { passed: false, message: `unknown op ${op}` };
  const d = first_difference(actual, c.expect);
  return d ? { passed: false, message: d } : { passed: true, message: "ok" };
}

export const replayer: AreaReplayer = {
  prepare() {
    return (c: CorpusCase) => with_frozen_time(FROZEN_EPOCH, () => replay(c));
  },
};

