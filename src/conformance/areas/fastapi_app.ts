/**
 * FORMAT.md part D's app specs → a FastAPI app of this port, built the way
 * `reference/fastapi/common.py`'s `render_app` builds the Python source: enums and models,
 * exception classes, security schemes, dependencies, `FastAPI(**app_options)`, exception handlers,
 * middleware, routes, routers, overrides — in that order. Handlers and dependencies carry out the
 * behaviour menu (echo, return, raise, background tasks…) on a shared `LOG`.
 */
import { FastAPI, APIRouter, Body, Cookie, Depends, Header, HTTPException, Path, Query, Security, signature } from "../../frameworks/fastapi";
import { jsonable_encoder } from "../../frameworks/fastapi/encoders";
import { RequestValidationError } from "../../frameworks/fastapi/exceptions";
import { APIKeyCookie, APIKeyHeader, APIKeyQuery, HTTPBasic, HTTPBearer, OAuth2PasswordBearer } from "../../frameworks/fastapi/security";
import { Field } from "../../frameworks/pydantic";
import { BaseModel } from "../../frameworks/pydantic/main";
import { Exception, KeyError, RuntimeError, ValueError, py_repr } from "../../frameworks/python/builtins";
import { utf8_decode } from "../../frameworks/python/bytes";
import { date, datetime, time } from "../../frameworks/python/datetime";
import { Decimal } from "../../frameworks/python/decimal";
import { PyFloat } from "../../frameworks/python/json";
import { UUID } from "../../frameworks/python/uuid";
import { as_type_form, type Annotation } from "../../frameworks/python/typing";
import { BackgroundTasks } from "../../frameworks/starlette/background";
import { HTTPException as StarletteHTTPException } from "../../frameworks/starlette/exceptions";
import { CORSMiddleware } from "../../frameworks/starlette/middleware/cors";
import { Request } from "../../frameworks/starlette/requests";
import { HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response } from "../../frameworks/starlette/responses";
import { build_namespace, type_from_spec, value_from_marker, type Namespace, type TypeSpec } from "./pydantic_spec";

type Spec = Record<string, any>;

export interface BuiltApp {
  app: FastAPI;
  LOG: unknown[];
}

interface Context {
  ns: Namespace;
  LOG: unknown[];
  deps: Record<string, any>;
  exceptions: Record<string, new (...args: any[]) => Error>;
}

const RESPONSE_CLASSES: Record<string, any> = { JSONResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response };
const MARKERS: Record<string, (a: any, o: any) => unknown> = { query: Query, path: Path, header: Header, cookie: Cookie, body: Body };
const SPECIAL: Record<string, unknown> = { request: Request, response: Response, background: BackgroundTasks };

/** One parameter spec → its signature-table entry (render_param). */
function param_entry(p: Spec, ctx: Context): unknown {
  const where = p.in ?? "auto";
  if (where in SPECIAL) return SPECIAL[where];
  if (where === "depends" || where === "security") {
    const dep = ctx.deps[p.dep];
    const options: Spec = {};
    if ("use_cache" in p) options.use_cache = p.use_cache;
    if (where === "security") return Security(dep, { ...options, scopes: p.scopes ?? null });
    return Depends(dep, options);
  }
  const annotation = type_from_spec(p.type as TypeSpec, ctx.ns);
  const options: Spec = { ...(p.options ?? {}) };
  if ("default" in p) options.default = value_from_marker(p.default, ctx.ns);
  if (where === "auto" && !p.options) return "default" in p ? Field(annotation, { default: options.default }) : annotation;
  return MARKERS[where === "auto" ? "query" : where](annotation, options);
}

function signature_of(params: Spec[], ctx: Context): Record<string, unknown> {
  const table: Record<string, unknown> = {};
  for (const p of params ?? []) table[p.name] = param_entry(p, ctx);
  return table;
}

/** `type(value).__name__` for an echoed value: its declared Python type where JavaScript cannot tell. */
export function python_type_name(value: unknown, declared: Annotation | null): string {
  if (value === null || value === undefined) return "NoneType";
  const form = declared ? safe_form(declared) : null;
  if (form?.kind === "enum" && value !== null) return String(form.meta?.name);
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (value instanceof PyFloat) return "float";
  if (typeof value === "number" || typeof value === "bigint") {
    if (!Number.isInteger(value as number) && typeof value === "number") return "float";
    return declares(form, "float") && !declares(form, "int") ? "float" : "int";
  }
  if (value instanceof Uint8Array) return "bytes";
  if (Array.isArray(value)) return "list";
  if (value instanceof Set) return "set";
  if (value instanceof datetime) return "datetime";
  if (value instanceof date) return "date";
  if (value instanceof time) return "time";
  if (value instanceof UUID) return "UUID";
  if (value instanceof Decimal) return "Decimal";
  if (value instanceof BaseModel) return value.constructor.name;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return "dict";
  return (value as object).constructor?.name ?? "object";
}

function safe_form(a: Annotation) {
  try {
    return as_type_form(a);
  } catch {
    return null;
  }
}

/** Does the annotation admit this scalar kind (through Optional/Union)? */
function declares(form: ReturnType<typeof safe_form>, kind: string): boolean {
  if (!form) return false;
  if (form.kind === kind) return true;
  if (form.kind === "optional" || form.kind === "union") return form.args.some((a) => declares(safe_form(a as Annotation), kind));
  return false;
}

/** A float the handler returns where Python holds a float (so the JSON shows `2.0`). */
function as_python_value(value: unknown, declared: Annotation | null): unknown {
  if (typeof value === "number" && Number.isInteger(value) && python_type_name(value, declared) === "float") return new PyFloat(value);
  if (Array.isArray(value) && declared) {
    const f = safe_form(declared);
    const item = f && (f.kind === "list" || f.kind === "set" || f.kind === "tuple") ? (f.args[0] as Annotation) : null;
    return value.map((v) => as_python_value(v, item));
  }
  if (value instanceof Set && declared) {
    const f = safe_form(declared);
    const item = f && f.kind === "set" ? (f.args[0] as Annotation) : null;
    return new Set([...value].map((v) => as_python_value(v, item)));
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype && declared) {
    const f = safe_form(declared);
    const inner = f?.kind === "dict" ? (f.args[1] as Annotation) : f?.kind === "optional" ? null : null;
    if (f?.kind === "dict") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, as_python_value(v, inner)]));
  }
  if ((declared && safe_form(declared)?.kind === "optional") || (declared && safe_form(declared)?.kind === "union")) {
    const f = safe_form(declared)!;
    for (const arg of f.args) {
      const sub = safe_form(arg as Annotation);
      if (sub && (sub.kind === "list" || sub.kind === "dict" || sub.kind === "set") && (Array.isArray(value) || value instanceof Set || (typeof value === "object" && value !== null))) return as_python_value(value, arg as Annotation);
    }
  }
  return value;
}

function declared_types(params: Spec[], ctx: Context): Record<string, Annotation | null> {
  const out: Record<string, Annotation | null> = {};
  for (const p of params ?? []) out[p.name] = p.type ? type_from_spec(p.type, ctx.ns) : null;
  return out;
}

/** A response spec → the response object (render_response_expr + cookie calls). */
function build_response(r: Spec, ctx: Context, exc?: unknown): Response {
  const cls = RESPONSE_CLASSES[r.class];
  const options: Spec = {};
  if ("status_code" in r) options.status_code = r.status_code;
  if ("headers" in r) options.headers = r.headers;
  if ("media_type" in r) options.media_type = r.media_type;
  let response: Response;
  if (r.class === "RedirectResponse") response = new RedirectResponse(r.url, options);
  else {
    let content: unknown = "content" in r ? value_from_marker(r.content, ctx.ns) : null;
    if (exc !== undefined) content = content_from_exception(r, exc, content);
    if (exc !== undefined && r.content_from === "detail" && !("status_code" in r)) options.status_code = (exc as { status_code: number }).status_code;
    response = new cls(content, options);
  }
  for (const c of r.cookies ?? []) {
    const { key, value, delete: del, ...rest } = c;
    if (del) response.delete_cookie(key, rest);
    else response.set_cookie(key, value ?? "", rest);
  }
  return response;
}

function content_from_exception(r: Spec, exc: any, content: unknown): unknown {
  if (r.content_from === "errors") return jsonable_encoder({ errors: exc.errors(), body: exc.body });
  if (r.content_from === "detail") return String(typeof exc.detail === "string" ? exc.detail : py_repr(exc.detail));
  if (typeof content === "string" || (content && typeof content === "object")) return format_with(content, exc);
  return content;
}

/** `str.format(**vars(exc))` over a string or a dict of strings. */
function format_with(template: unknown, exc: any): unknown {
  if (typeof template === "string") return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(exc[k]));
  if (template && typeof template === "object" && !Array.isArray(template)) return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, format_with(v, exc)]));
  return template;
}

/** An app exception class (`class Boom(Exception): def __init__(self, name): ...`). */
function exception_class(x: Spec): new (...args: any[]) => Error {
  const fields: string[] = x.fields ?? ["name"];
  const cls = {
    [x.name]: class extends Exception {
      constructor(args: Record<string, unknown> = {}) {
        super(...fields.map((f) => args[f]));
        for (const f of fields) (this as unknown as Record<string, unknown>)[f] = args[f];
      }
    },
  }[x.name];
  return cls;
}

function raise_exception(b: Spec, ctx: Context): never {
  const name = b.exc;
  if (name === "ValueError") throw new ValueError(b.message ?? "boom");
  if (name === "RuntimeError") throw new RuntimeError(b.message ?? "boom");
  if (name === "KeyError") throw new KeyError(b.message ?? "boom");
  const cls = ctx.exceptions[name];
  throw new cls(value_from_marker(b.args ?? {}, ctx.ns));
}

function http_exception(r: Spec): HTTPException {
  return new HTTPException(r.status_code, "detail" in r ? r.detail : null, r.headers ?? null);
}

/** A handler's body for one behaviour (render_behaviour). */
function behaviour(b: Spec, params: Spec[], ctx: Context): (values: Record<string, any>) => unknown {
  const names = (params ?? []).filter((p) => !((p.in ?? "auto") in SPECIAL)).map((p) => p.name as string);
  const types = declared_types(params, ctx);
  const special = (kind: string) => (params ?? []).find((p) => p.in === kind)?.name as string;
  const run = (values: Record<string, any>): unknown => {
    if (b.log) ctx.LOG.push(b.log);
    switch (b.do) {
      case "echo": {
        const echoed = Object.fromEntries(names.map((n) => [n, as_python_value(values[n], types[n])]));
        if (!b.types) return echoed;
        return { values: echoed, types: Object.fromEntries(names.map((n) => [n, python_type_name(values[n], types[n])])) };
      }
      case "return":
        return value_from_marker(b.value, ctx.ns);
      case "return_param":
        return as_python_value(values[b.param], types[b.param]);
      case "log_read":
        return [...ctx.LOG];
      case "raise_http":
        throw http_exception(b);
      case "raise":
        return raise_exception(b, ctx);
      case "response":
        return build_response(b, ctx);
      case "set_response": {
        const response: Response = values[special("response")];
        if ("status_code" in b) response.status_code = b.status_code;
        for (const [k, v] of Object.entries(b.headers ?? {})) response.headers.setitem(k, v as string);
        for (const c of b.cookies ?? []) {
          const { key, value, delete: del, ...rest } = c;
          if (del) response.delete_cookie(key, rest);
          else response.set_cookie(key, value ?? "", rest);
        }
        return value_from_marker(b.value ?? null, ctx.ns);
      }
      case "background": {
        const tasks: BackgroundTasks = values[special("background")];
        for (const msg of b.tasks) tasks.add_task(function append(m: unknown) {
          ctx.LOG.push(m);
        }, msg);
        return value_from_marker(b.value ?? null, ctx.ns);
      }
      case "request_info":
        return request_info(values[special("request")], b);
      default:
        throw new Error(`bad behaviour ${b.do}`);
    }
  };
  return run;
}

function request_info(request: Request, b: Spec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of b.fields as string[]) {
    switch (f) {
      case "method": out[f] = request.method; break;
      case "path": out[f] = request.url.path; break;
      case "query": out[f] = request.url.query; break;
      case "url": out[f] = String(request.url); break;
      case "path_params": out[f] = { ...request.path_params }; break;
      case "query_params": out[f] = request.query_params.multi_items(); break;
      case "client_host": out[f] = request.client?.host ?? null; break;
      case "base_url": out[f] = String(request.base_url); break;
      case "cookies": out[f] = { ...request.cookies }; break;
      case "headers": out[f] = request.headers.items(); break;
      case "url_for": {
        const [name, params] = b.url_for ?? ["x", {}];
        out[f] = String(request.url_for(name, params));
        break;
      }
      default:
    }
  }
  return out;
}

function named<F extends Function>(name: string, fn: F): F {
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

/** A route's handler: sync or async as the spec says, named `ep_<i>` (render_route). */
function make_handler(r: Spec, index: number, ctx: Context): (values: Record<string, any>) => unknown {
  const b = r.behaviour ?? { do: "echo" };
  const name = r.name ?? `ep_${index}`;
  const is_async = r.async ?? b.do === "body_raw";
  let fn: (values: Record<string, any>) => unknown;
  if (b.do === "body_raw") {
    const request_name = (r.params ?? []).find((p: Spec) => p.in === "request")?.name;
    fn = async (values) => {
      if (b.log) ctx.LOG.push(b.log);
      const data: Uint8Array = await (values[request_name] as Request).body();
      return { len: data.length, text: utf8_decode(data, "replace") };
    };
  } else {
    const run = behaviour(b, r.params, ctx);
    fn = is_async ? async (values) => run(values) : (values) => run(values);
  }
  named(name, fn);
  if (r.docstring) (fn as unknown as { __doc__: string }).__doc__ = r.docstring;
  return fn;
}

/** A route's options for the decorator: response_model, response_class, dependencies, responses… */
function route_options(r: Spec, ctx: Context): Record<string, unknown> {
  const options: Record<string, unknown> = { params: signature_of(r.params, ctx) };
  for (const [k, v] of Object.entries(r.options ?? {})) {
    if (k === "response_model") options.response_model = v === null ? null : type_from_spec(v as TypeSpec, ctx.ns);
    else if (k === "response_class") options.response_class = RESPONSE_CLASSES[v as string];
    else if (k === "dependencies") options.dependencies = (v as string[]).map((d) => Depends(ctx.deps[d]));
    else if (k === "responses") options.responses = responses_option(v as Spec, ctx);
    else if (k === "response_model_include" || k === "response_model_exclude") options[k] = value_from_marker(v, ctx.ns);
    else options[k] = value_from_marker(v, ctx.ns);
  }
  if ("returns" in r) options.returns = type_from_spec(r.returns, ctx.ns);
  if (r.methods) options.methods = r.methods;
  return options;
}

function responses_option(v: Spec, ctx: Context): Spec {
  const out: Spec = {};
  for (const [code, spec] of Object.entries(v)) {
    const entry: Spec = {};
    for (const [k, x] of Object.entries(spec as Spec)) entry[k] = k === "model" ? type_from_spec(x as TypeSpec, ctx.ns) : value_from_marker(x, ctx.ns);
    out[/^\d+$/.test(code) ? Number(code) : code] = entry;
  }
  return out;
}

function add_route(target: FastAPI | APIRouter, r: Spec, index: number, ctx: Context): void {
  const handler = make_handler(r, index, ctx);
  const options = route_options(r, ctx);
  const decorator = r.methods ? target.api_route(r.path, options) : (target as any)[(r.method ?? "GET").toLowerCase()](r.path, options);
  decorator(handler);
}

/** A dependency spec → a function (sync/async, plain or `yield`) or a class, with its signature (render_dependency). */
function make_dependency(d: Spec, ctx: Context): unknown {
  const params: Spec[] = d.params ?? [];
  const names = params.filter((p) => !((p.in ?? "auto") in SPECIAL)).map((p) => p.name as string);
  const bg = params.find((p) => p.in === "background")?.name as string | undefined;
  const body = (values: Record<string, any>) => {
    if (d.log) ctx.LOG.push(d.log);
    if (d.raise) {
      const r = d.raise;
      if (!("if_param" in r) || values[r.if_param] === value_from_marker(r.equals, ctx.ns)) throw http_exception(r);
    }
    for (const msg of d.tasks ?? []) (values[bg!] as BackgroundTasks).add_task(function append(m: unknown) {
      ctx.LOG.push(m);
    }, msg);
  };
  const types = declared_types(params, ctx);
  const value_of = (values: Record<string, any>) => {
    const ret = d.returns ?? "echo";
    if (ret === "echo") return Object.fromEntries(names.map((n) => [n, as_python_value(values[n], types[n])]));
    if (ret === "none") return null;
    return value_from_marker(ret.value, ctx.ns);
  };
  let fn: any;
  if (d.class) {
    fn = {
      [d.name]: class {
        constructor(values: Record<string, any>) {
          body(values);
          for (const p of params) (this as Record<string, unknown>)[p.name] = as_python_value(values[p.name], types[p.name]);
        }
      },
    }[d.name];
  } else if (d.yield) {
    const around = function* (values: Record<string, any>): Generator<unknown, void, unknown> {
      body(values);
      try {
        yield value_of(values);
      } catch (e) {
        if (d.on_error && e instanceof HTTPException) ctx.LOG.push(`${d.on_error}:${e.status_code}`);
        throw e;
      } finally {
        if (d.exit_log) ctx.LOG.push(d.exit_log);
      }
    };
    const around_async = async function* (values: Record<string, any>): AsyncGenerator<unknown, void, unknown> {
      body(values);
      try {
        yield value_of(values);
      } catch (e) {
        if (d.on_error && e instanceof HTTPException) ctx.LOG.push(`${d.on_error}:${e.status_code}`);
        throw e;
      } finally {
        if (d.exit_log) ctx.LOG.push(d.exit_log);
      }
    };
    fn = d.async ? around_async : around;
  } else {
    fn = d.async
      ? async (values: Record<string, any>) => {
          body(values);
          return value_of(values);
        }
      : (values: Record<string, any>) => {
          body(values);
          return value_of(values);
        };
  }
  if (!d.class) named(d.name, fn);
  return signature(signature_of(params, ctx), fn);
}

const SECURITY_CLASSES: Record<string, new (o: any) => unknown> = { HTTPBearer, HTTPBasic, APIKeyHeader, APIKeyQuery, APIKeyCookie, OAuth2PasswordBearer } as never;

/** An `@app.middleware("http")` function (render_middleware). */
function http_middleware(m: Spec, ctx: Context) {
  const log = m.log ?? true;
  const name: string = m.name;
  const fn = async (request: Request, call_next: (r: Request) => Promise<Response>): Promise<Response> => {
    if (log) ctx.LOG.push(`${name}:before`);
    const sc = m.short_circuit;
    if (sc && request.headers.get(sc.if_header) !== null) {
      if (log) ctx.LOG.push(`${name}:short`);
      return build_response(sc.response, ctx);
    }
    let response: Response;
    if (m.catch) {
      try {
        response = await call_next(request);
      } catch (exc) {
        ctx.LOG.push(`${name}:caught:${(exc as Error)?.constructor?.name}`);
        return build_response(m.catch, ctx);
      }
    } else response = await call_next(request);
    if (log) ctx.LOG.push(`${name}:after`);
    for (const [k, v] of Object.entries(m.add_headers ?? {})) response.headers.setitem(k, v as string);
    if (m.append_header) {
      const [k, v] = m.append_header;
      response.headers.setitem(k, (response.headers.get(k) ?? "") + v);
    }
    return response;
  };
  return named(name, fn);
}

/** The exception handler for one spec (render_exception_handler). */
function exception_handler(h: Spec, index: number, ctx: Context) {
  const fn = async (_request: Request, exc: unknown) => {
    if (h.log) ctx.LOG.push(h.log);
    return build_response(h.response, ctx, exc);
  };
  return named(`handler_${index}`, fn);
}

function exception_key(exc: unknown, ctx: Context): Function | number {
  if (typeof exc === "number") return exc;
  if (exc === "HTTPException") return StarletteHTTPException;
  if (exc === "RequestValidationError") return RequestValidationError;
  const builtin: Record<string, Function> = { ValueError, RuntimeError, KeyError, Exception };
  if (typeof exc === "string" && exc in builtin && !(exc in ctx.exceptions)) return builtin[exc];
  return ctx.exceptions[exc as string];
}

/** Build the whole app (render_app's order). */
export function build_app(spec: Spec): BuiltApp {
  const ns = build_namespace(spec.enums ?? [], spec.models ?? []);
  const ctx: Context = { ns, LOG: [], deps: {}, exceptions: {} };
  for (const x of spec.exceptions ?? []) ctx.exceptions[x.name] = exception_class(x);
  for (const s of spec.security ?? []) ctx.deps[s.name] = new SECURITY_CLASSES[s.class](value_from_marker(s.options ?? {}, ns));
  for (const d of spec.dependencies ?? []) ctx.deps[d.name] = make_dependency(d, ctx);
  const app_options: Spec = { ...value_from_marker(spec.app_options ?? {}, ns) as Spec };
  if (spec.app_dependencies) app_options.dependencies = (spec.app_dependencies as string[]).map((d) => Depends(ctx.deps[d]));
  const app = new FastAPI(app_options);
  (spec.exception_handlers ?? []).forEach((h: Spec, i: number) => app.exception_handler(exception_key(h.exc, ctx))(exception_handler(h, i, ctx)));
  for (const m of spec.middleware ?? []) {
    if (m.kind === "cors") app.add_middleware(CORSMiddleware, value_from_marker(m.options ?? {}, ns));
    else app.middleware("http")(http_middleware(m, ctx));
  }
  let index = 0;
  for (const r of spec.routes ?? []) add_route(app, r, index++, ctx);
  for (const rt of spec.routers ?? []) {
    const options: Spec = { ...(rt.options ?? {}) };
    if (options.dependencies) options.dependencies = (options.dependencies as string[]).map((d) => Depends(ctx.deps[d]));
    if (options.responses) options.responses = responses_option(options.responses, ctx);
    const router = new APIRouter(options);
    for (const r of rt.routes) add_route(router, r, index++, ctx);
    const include: Spec = { ...(rt.include ?? {}) };
    if (include.dependencies) include.dependencies = (include.dependencies as string[]).map((d) => Depends(ctx.deps[d]));
    if (include.responses) include.responses = responses_option(include.responses, ctx);
    app.include_router(router, include);
  }
  for (const [a, b] of Object.entries(spec.overrides ?? {})) app.dependency_overrides.set(ctx.deps[a], ctx.deps[b as string]);
  return { app, LOG: ctx.LOG };
}
