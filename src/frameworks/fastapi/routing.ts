/**
 * fastapi.routing: a path operation (a handler with its signature table and options) → an
 * `APIRoute`, and a request matched to it → the handler's response.
 *
 * `APIRoute` analyses the handler once: its `Dependant` (parameters and sub-dependencies), the
 * body field, the response model (`response_model`, else the `returns` annotation) and the
 * `operationId`. Per request, `get_request_handler` reads the body (JSON only when the
 * content type says so: `application/json` or `*+json`; a malformed document is a 422
 * `json_invalid`), solves the dependencies, raises `RequestValidationError` (→ 422) if any
 * parameter failed, calls the handler (awaited, or in the threadpool for a sync one), and turns
 * what it returned into a response: a `Response` as is, else the value validated and dumped by
 * the response model (`response_model_include/exclude/exclude_unset…`), or `jsonable_encoder` when
 * there is none, in the route's `response_class` with its `status_code`, plus whatever the
 * handler set on the injected `response`. `request_response` wraps it in two exit stacks so that
 * `yield` dependencies are cleaned up after the response is sent (or after the handler for
 * `scope="function"`). `APIRouter` collects routes (`@router.get(path, {...})(handler)`) and
 * `include_router` copies another router's routes under a prefix, with its tags, dependencies
 * and responses. Main classes: `APIRoute`, `APIRouter`; main function: `get_request_handler`.
 */
import { span_set, trace_site, tracing_enabled } from "../../trace";
import { AssertionError } from "../python/builtins";
import { json_bytes_decode } from "../python/bytes";
import { AsyncExitStack } from "../python/contextlib";
import { py_set_order } from "../python/hash";
import { getdoc } from "../python/inspect";
import { JSONDecodeError, py_json_loads } from "../python/json_decoder";
import { annotation_repr, type Annotation, type TypeOf } from "../python/typing";
import { FieldInfo, declaration_source } from "../pydantic/fields";
import { span_async } from "../starlette/_tracing";
import { wrap_app_handling_exceptions } from "../starlette/_exception_handler";
import { run_in_threadpool } from "../starlette/concurrency";
import { HTTPException } from "../starlette/exceptions";
import type { BackgroundTask } from "../starlette/background";
import { Request } from "../starlette/requests";
import { JSONResponse, PlainTextResponse, Response } from "../starlette/responses";
import * as starlette_routing from "../starlette/routing";
import { BaseRoute, Match, NO_MATCH, compile_path, enter_lifespan, get_name, match_params, type LifespanContext } from "../starlette/routing";
import { get_route_path } from "../starlette/_utils";
import type { Middleware } from "../starlette/middleware";
import type { ASGIApp, Receive, Scope, Send } from "../starlette/types";
import type { WebSocket } from "../starlette/websockets";
import { create_model_field, type ModelField } from "./_compat";
import { Default, DefaultPlaceholder, get_value_or_default } from "./datastructures";
import { Dependant, bound_call, call_name, is_async_gen_callable, is_coroutine_callable, is_gen_callable, type Call } from "./dependencies/models";
import { get_body_field, get_dependant, get_flat_body_params, should_embed_body_fields, solve_dependencies, solve_dependencies_without_await, source_ref, type SignatureTable, type SolveOptions } from "./dependencies/utils";
import { jsonable_encoder } from "./encoders";
import { FastAPIError, RequestValidationError, ResponseValidationError, type EndpointContext } from "./exceptions";
import * as params from "./params";
import { generate_unique_id, is_body_allowed_for_status_code } from "./utils";

const RESPONSE_VALIDATION = trace_site("validation", "fastapi/routing.ts#serialize_response");
const ENDPOINT = trace_site("view", "fastapi/routing.ts#run_endpoint_function");
const BODY_VALIDATION = trace_site("validation", "fastapi/routing.ts#get_request_handler");

type ResponseClass = new (content?: any, options?: any) => Response;
type IncEx = Set<string> | Record<string, unknown> | string[];

/** Python's `Awaitable`/generator results as the value a dependency gives its dependant. */
type Resolved<R> = R extends AsyncGenerator<infer Y, any, any> ? Y : R extends Generator<infer Y, any, any> ? Y : Awaited<R>;

/** The value a handler receives for one signature entry. */
export type ParamValue<P> = P extends { __result__?: infer R } ? Resolved<R> : P extends abstract new (...a: any[]) => infer I ? I : TypeOf<P>;

/** The object a handler receives: each parameter's validated value (ADR 0010's `Signature`). */
export type HandlerArgs<P> = { [K in keyof P]: ParamValue<P[K]> };

export interface RouteOptions<P extends SignatureTable = SignatureTable> {
  /** The handler's parameters: name → annotation, marker (`Query`, `Path`, `Body`…) or `Depends`. */
  params?: P;
  /** The return annotation (`-> Item`): the response model unless `response_model` is given. */
  returns?: Annotation | null;
  response_model?: Annotation | null;
  status_code?: number | null;
  tags?: string[] | null;
  dependencies?: params.Depends[] | null;
  summary?: string | null;
  description?: string | null;
  response_description?: string;
  responses?: ResponsesArg | null;
  deprecated?: boolean | null;
  operation_id?: string | null;
  response_model_include?: IncEx | null;
  response_model_exclude?: IncEx | null;
  response_model_by_alias?: boolean;
  response_model_exclude_unset?: boolean;
  response_model_exclude_defaults?: boolean;
  response_model_exclude_none?: boolean;
  include_in_schema?: boolean;
  response_class?: ResponseClass | DefaultPlaceholder<ResponseClass>;
  name?: string | null;
  openapi_extra?: Record<string, unknown> | null;
  generate_unique_id_function?: ((route: APIRoute) => string) | DefaultPlaceholder<(route: APIRoute) => string>;
  strict_content_type?: boolean | DefaultPlaceholder<boolean>;
  methods?: string[] | null;
  dependency_overrides_provider?: unknown;
}

export type Handler<P extends SignatureTable> = (args: HandlerArgs<P>) => unknown;

/** FastAPI's `request_response`: the handler between two exit stacks, in Starlette's exception guard. */
export function request_response(func: (request: Request) => Promise<Response>): ASGIApp {
  return async (scope, receive, send) => {
    const request = new Request(scope, receive, send);
    await wrap_app_handling_exceptions((scope, receive, send) => handle_in_exit_stacks(func, request, scope, receive, send), request)(scope, receive, send);
  };
}

/**
 * The inner `app` of FastAPI's `request_response`:
 *
 *     async with AsyncExitStack() as request_stack:          # yield dependencies (scope "request")
 *         scope["fastapi_inner_astack"] = request_stack
 *         async with AsyncExitStack() as function_stack:     # yield dependencies (scope "function")
 *             scope["fastapi_function_astack"] = function_stack
 *             response = await f(request)
 *         await response(scope, receive, send)
 *         response_awaited = True
 *     if not response_awaited: raise FastAPIError(...)
 *
 * Each `async with` is written out as its try/except (an exit may swallow the exception, and then
 * the block is left normally), in one async function rather than a closure and an async frame per
 * block: the same steps in the same order.
 */
async function handle_in_exit_stacks(func: (request: Request) => Promise<Response>, request: Request, scope: Scope, receive: Receive, send: Send): Promise<void> {
  let response_awaited = false;
  const request_stack = new AsyncExitStack();
  scope.fastapi_inner_astack = request_stack;
  try {
    const function_stack = new AsyncExitStack();
    scope.fastapi_function_astack = function_stack;
    let response: Response | undefined;
    try {
      response = await func(request);
    } catch (e) {
      await function_stack.aclose(e); // re-raises e unless an exit swallowed it
    }
    if (function_stack.entered()) await function_stack.aclose();
    if (response !== undefined) {
      await response.__call__(scope, receive, send);
      response_awaited = true;
    }
  } catch (e) {
    await request_stack.aclose(e);
  }
  if (request_stack.entered()) await request_stack.aclose();
  if (!response_awaited)
    throw new FastAPIError(
      "Response not awaited. There's a high chance that the application code is raising an exception and a dependency with yield has a block with a bare except, or a block with except Exception, and is not raising the exception again. Read more about it in the docs: https://fastapi.tiangolo.com/tutorial/dependencies/dependencies-with-yield/#dependencies-with-yield-and-except",
    );
}

/** The response model check: validate what the handler returned, then dump it (or jsonable_encoder without a model). */
export async function serialize_response(options: {
  field: ModelField | null;
  response_content: unknown;
  include?: IncEx | null;
  exclude?: IncEx | null;
  by_alias?: boolean;
  exclude_unset?: boolean;
  exclude_defaults?: boolean;
  exclude_none?: boolean;
  is_coroutine?: boolean;
  endpoint_ctx?: EndpointContext | null;
  dump_json?: boolean;
}): Promise<unknown> {
  const { field, response_content } = options;
  if (!field) return jsonable_encoder(response_content);
  return span_async(RESPONSE_VALIDATION, () => `response_model ${annotation_repr(field.field_info.annotation)}`, () => ({ response_model: annotation_repr(field.field_info.annotation), stage: "response" }), async (span) => {
    // For a sync handler FastAPI sends `field.validate` to the threadpool too (the trace names it "validate").
    const validate = () => field.validate(response_content, {}, { loc: ["response"] });
    const [value, errors] = options.is_coroutine === false ? await run_in_threadpool(validate) : validate();
    if (errors.length) {
      span_set(span, () => ({ errors: errors as never }));
      throw new ResponseValidationError(errors, { body: response_content, endpoint_ctx: options.endpoint_ctx ?? {} });
    }
    const dump = {
      include: to_filter(options.include),
      exclude: to_filter(options.exclude),
      by_alias: options.by_alias ?? true,
      exclude_unset: options.exclude_unset ?? false,
      exclude_defaults: options.exclude_defaults ?? false,
      exclude_none: options.exclude_none ?? false,
    };
    if (span >= 0) span_set(span, { filters: Object.fromEntries(Object.entries(dump).filter(([, v]) => v !== undefined && v !== false).map(([k, v]) => [k, v instanceof Set ? [...v] : (v as never)])) });
    return options.dump_json ? field.serialize_json(value, dump) : py_json_loads(field.serialize_json(value, dump));
  });
}

function to_filter(value: IncEx | null | undefined): any {
  if (value === null || value === undefined) return undefined;
  return Array.isArray(value) ? new Set(value) : value;
}

/** Call the handler: awaited when async, in the threadpool when not. One `view` span. */
export function run_endpoint_function(dependant: Dependant, values: Record<string, unknown>, is_coroutine: boolean): Promise<unknown> {
  const call = dependant.call as (v: Record<string, unknown>) => unknown;
  // Tracing off: the call itself, with no span (and no closure made for one).
  if (!tracing_enabled()) {
    try {
      return is_coroutine ? Promise.resolve(call(values)) : run_in_threadpool(bound_call(call, values));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return span_async(
    ENDPOINT,
    call_name(call),
    () => ({ endpoint: call_name(call), threadpool: !is_coroutine, path: dependant.path }),
    // A coroutine function's own promise is awaited as it is (no extra async frame around it).
    is_coroutine ? () => Promise.resolve(call(values)) : () => run_in_threadpool(bound_call(call, values)),
    source_ref(dependant.source),
  );
}

export interface RequestHandlerOptions {
  dependant: Dependant;
  body_field?: ModelField | null;
  status_code?: number | null;
  response_class?: ResponseClass | DefaultPlaceholder<ResponseClass>;
  response_field?: ModelField | null;
  response_model_include?: IncEx | null;
  response_model_exclude?: IncEx | null;
  response_model_by_alias?: boolean;
  response_model_exclude_unset?: boolean;
  response_model_exclude_defaults?: boolean;
  response_model_exclude_none?: boolean;
  dependency_overrides_provider?: any;
  embed_body_fields?: boolean;
  strict_content_type?: boolean | DefaultPlaceholder<boolean>;
}

/** `application/json`, `application/merge-patch+json`…: the content types FastAPI parses as JSON. */
function is_json_content_type(value: string): boolean {
  const main = value.split(";", 1)[0].trim().toLowerCase();
  const [type, subtype] = main.split("/", 2);
  if (type !== "application" || subtype === undefined) return false;
  return subtype === "json" || subtype.endsWith("+json");
}

/** The request body as the handler's body parameters see it: parsed JSON, or the raw bytes. */
async function read_body(request: Request, strict_content_type: boolean, endpoint_ctx: EndpointContext): Promise<unknown> {
  try {
    const body_bytes = await request.body();
    if (!body_bytes.length) return null;
    const content_type = request.headers.get("content-type");
    const parse = content_type ? is_json_content_type(content_type) : !strict_content_type;
    if (!parse) return body_bytes;
    return py_json_loads(json_bytes_decode(body_bytes));
  } catch (e) {
    if (e instanceof JSONDecodeError) {
      if (tracing_enabled()) BODY_VALIDATION.event("body json_invalid", () => ({ source: "body", error: e.msg, position: e.pos, raw: e.doc.slice(0, 2000) }));
      throw new RequestValidationError([{ type: "json_invalid", loc: ["body", e.pos], msg: "JSON decode error", input: {}, ctx: { error: e.msg } }], { body: e.doc, endpoint_ctx });
    }
    if (e instanceof HTTPException) throw e;
    throw new HTTPException(400, "There was an error parsing the body");
  }
}

export function get_request_handler(options: RequestHandlerOptions): (request: Request) => Promise<Response> {
  const { dependant } = options;
  const is_coroutine = is_coroutine_callable(dependant.call);
  const response_class = options.response_class ?? Default(JSONResponse as ResponseClass);
  const actual_response_class = response_class instanceof DefaultPlaceholder ? response_class.value : response_class;
  const strict_content_type = options.strict_content_type instanceof DefaultPlaceholder ? options.strict_content_type.value : (options.strict_content_type ?? true);
  const is_body_form = options.body_field?.field_info instanceof params.Form;
  const endpoint_name = call_name(dependant.call);
  return async (request: Request): Promise<Response> => {
    let body: unknown = null;
    if (options.body_field) body = is_body_form ? await read_form(request) : await read_body(request, strict_content_type, endpoint_context(endpoint_name, dependant, request));
    const solve_options: SolveOptions = {
      request,
      dependant,
      body,
      dependency_overrides_provider: options.dependency_overrides_provider,
      async_exit_stack: request.scope.fastapi_inner_astack,
      embed_body_fields: options.embed_body_fields ?? false,
    };
    // `await solve_dependencies(...)`; with no sub-dependencies nothing in it awaits (solve_dependencies_without_await).
    const solved = dependant.dependencies.length ? await solve_dependencies(solve_options) : solve_dependencies_without_await(solve_options);
    if (solved.errors.length) {
      if (tracing_enabled()) BODY_VALIDATION.event(`RequestValidationError (${solved.errors.length})`, () => ({ errors: solved.errors as never, status: 422 }));
      throw new RequestValidationError(solved.errors, { body, endpoint_ctx: endpoint_context(endpoint_name, dependant, request) });
    }
    const raw_response = await run_endpoint_function(dependant, solved.values, is_coroutine);
    if (raw_response instanceof Response) {
      if (raw_response.background === null) raw_response.background = solved.background_tasks;
      return raw_response;
    }
    const response_args = build_response_args(options.status_code ?? null, solved.response, solved.background_tasks);
    const use_dump_json = Boolean(options.response_field) && response_class instanceof DefaultPlaceholder;
    // Without a response model, serialize_response is jsonable_encoder: called as it is (no async frame).
    const content = !options.response_field
      ? jsonable_encoder(raw_response)
      : await serialize_response({
          field: options.response_field,
          response_content: raw_response,
          include: options.response_model_include,
          exclude: options.response_model_exclude,
          by_alias: options.response_model_by_alias,
          exclude_unset: options.response_model_exclude_unset,
          exclude_defaults: options.response_model_exclude_defaults,
          exclude_none: options.response_model_exclude_none,
          is_coroutine,
          endpoint_ctx: endpoint_context(endpoint_name, dependant, request),
          dump_json: use_dump_json,
        });
    const response = use_dump_json
      ? new Response(content, { media_type: "application/json", ...response_args })
      : new actual_response_class(content, response_args);
    if (!is_body_allowed_for_status_code(response.status_code)) response.body = new Uint8Array(0);
    if (solved.response !== null) response.raw_headers.push(...solved.response.raw_headers);
    return response;
  };
}

/**
 * What the errors name as the endpoint: its function and `"GET /items/{item_id}"` (behind the mount
 * path). FastAPI builds it at the start of every request; here it is built when an error needs it.
 */
function endpoint_context(endpoint_name: string, dependant: Dependant, request: Request): EndpointContext {
  const endpoint_ctx: EndpointContext = { function: endpoint_name };
  if (dependant.path) {
    const root_path = request.scope.root_path;
    endpoint_ctx.path = `${request.method} ${root_path ? String(root_path).replace(/\/+$/, "") : ""}${dependant.path}`;
  }
  return endpoint_ctx;
}

/**
 * The status code: the route's, unless the handler set one on the injected `response` (null when
 * no dependency asked for that response: then there is nothing it could have set).
 */
function build_response_args(status_code: number | null, sub_response: Response | null, background: BackgroundTask | null): { status_code?: number; background: BackgroundTask | null } {
  const set = sub_response === null ? null : (sub_response.status_code as number | null);
  const current = set ? set : status_code || set; // the injected response's code wins when it set one
  const args: { status_code?: number; background: BackgroundTask | null } = current !== null && current !== undefined ? { status_code: current, background } : { background };
  return args;
}

/** A urlencoded form body as a multidict (python-multipart's job in FastAPI). */
async function read_form(request: Request): Promise<unknown> {
  const { FormData } = await import("./_forms");
  return FormData.from_request(request);
}

// ---------------------------------------------------------------------------------------------


/**
 * A route's extra responses, `{status code: response}`, in the order they were given. Python's
 * dicts keep insertion order; a JavaScript object puts integer-like keys first, ascending, so the
 * merged responses of a router (404) and its route (403) would come out 403, 404 in the OpenAPI
 * document where FastAPI writes 404, 403. A Map keeps Python's order; a learner may pass either.
 */
export type Responses = Map<string | number, Record<string, any>>;
export type ResponsesArg = Record<string | number, Record<string, any>> | Responses;

/** `dict(responses or {})` */
export function as_responses(given: ResponsesArg | null | undefined): Responses {
  if (given instanceof Map) return new Map(given);
  return new Map(Object.entries(given ?? {}));
}

/** `{**first, **second}`: a key in both keeps its first place and takes the second value. */
export function merge_responses(first: ResponsesArg | null | undefined, second: ResponsesArg | null | undefined): Responses {
  const merged = as_responses(first);
  for (const [code, response] of as_responses(second)) {
    const existing = [...merged.keys()].find((k) => String(k) === String(code));
    merged.set(existing ?? code, response);
  }
  return merged;
}

/** A path operation: the handler, its analysed dependant, its response model and OpenAPI facts. */
export class APIRoute extends BaseRoute {
  path: string;
  endpoint: Call;
  signature_table: SignatureTable;
  response_model: unknown;
  summary: string | null;
  response_description: string;
  deprecated: boolean | null;
  operation_id: string | null;
  response_model_include: IncEx | null;
  response_model_exclude: IncEx | null;
  response_model_by_alias: boolean;
  response_model_exclude_unset: boolean;
  response_model_exclude_defaults: boolean;
  response_model_exclude_none: boolean;
  include_in_schema: boolean;
  response_class: ResponseClass | DefaultPlaceholder<ResponseClass>;
  dependency_overrides_provider: unknown;
  openapi_extra: Record<string, unknown> | null;
  generate_unique_id_function: ((route: APIRoute) => string) | DefaultPlaceholder<(route: APIRoute) => string>;
  strict_content_type: boolean | DefaultPlaceholder<boolean>;
  tags: string[];
  responses: Responses;
  name: string;
  path_regex: RegExp;
  path_format: string;
  param_convertors: Record<string, any>;
  methods: Set<string>;
  unique_id: string;
  status_code: number | null;
  dependencies: params.Depends[];
  description: string;
  response_fields: Record<string | number, ModelField>;
  response_field: ModelField | null;
  dependant: Dependant;
  _embed_body_fields: boolean;
  body_field: ModelField | null;
  app: ASGIApp;
  /** Where the route was declared (user code), for the panels. */
  source: string | null;

  constructor(path: string, endpoint: Call, options: RouteOptions & { source?: string | null } = {}) {
    super();
    this.path = path;
    this.endpoint = endpoint;
    this.signature_table = options.params ?? {};
    this.source = options.source ?? null;
    this.summary = options.summary ?? null;
    this.response_description = options.response_description ?? "Successful Response";
    this.deprecated = options.deprecated ?? null;
    this.operation_id = options.operation_id ?? null;
    this.response_model_include = options.response_model_include ?? null;
    this.response_model_exclude = options.response_model_exclude ?? null;
    this.response_model_by_alias = options.response_model_by_alias ?? true;
    this.response_model_exclude_unset = options.response_model_exclude_unset ?? false;
    this.response_model_exclude_defaults = options.response_model_exclude_defaults ?? false;
    this.response_model_exclude_none = options.response_model_exclude_none ?? false;
    this.include_in_schema = options.include_in_schema ?? true;
    this.response_class = options.response_class ?? Default(JSONResponse as ResponseClass);
    this.dependency_overrides_provider = options.dependency_overrides_provider ?? null;
    this.openapi_extra = options.openapi_extra ?? null;
    this.generate_unique_id_function = options.generate_unique_id_function ?? Default(generate_unique_id as (route: APIRoute) => string);
    this.strict_content_type = options.strict_content_type ?? Default(true);
    this.tags = [...(options.tags ?? [])];
    this.responses = as_responses(options.responses);
    this.name = options.name ?? get_name(endpoint);
    [this.path_regex, this.path_format, this.param_convertors] = compile_path(path);
    this.methods = new Set((options.methods ?? ["GET"]).map((m) => m.toUpperCase()));
    const unique = this.generate_unique_id_function instanceof DefaultPlaceholder ? this.generate_unique_id_function.value : this.generate_unique_id_function;
    this.unique_id = this.operation_id ?? unique(this);
    this.status_code = options.status_code ?? null;
    this.dependencies = [...(options.dependencies ?? [])];
    // The endpoint's docstring (its `__doc__`, or a string standing alone as its body's first statement, ADR 0036).
    this.description = (options.description ?? getdoc(endpoint) ?? "").split("\f")[0].trim();
    this.response_fields = this.build_response_fields();
    [this.dependant, this._embed_body_fields] = this.build_dependant();
    this.body_field = get_body_field(get_flat_body_params(this.dependant), this.unique_id, this._embed_body_fields);
    this.response_model = this.choose_response_model(options);
    if (this.response_model) {
      if (!is_body_allowed_for_status_code(this.status_code)) throw new AssertionError(`Status code ${this.status_code} must not have a response body`);
      this.response_field = create_model_field(`Response_${this.unique_id}`, as_field_info(this.response_model), "serialization");
    } else this.response_field = null;
    this.app = request_response(this.get_route_handler());
  }

  /** `response_model` if given (None disables it), else the `returns` annotation (unless it is a Response). */
  private choose_response_model(options: RouteOptions): unknown {
    if (options.response_model !== undefined) return options.response_model;
    const returns = options.returns ?? null;
    if (typeof returns === "function" && (returns === Response || returns.prototype instanceof Response)) return null;
    return returns;
  }

  private build_response_fields(): Record<string | number, ModelField> {
    const fields: Record<string | number, ModelField> = {};
    for (const [code, response] of this.responses) {
      if (response === null || typeof response !== "object") throw new AssertionError("An additional response must be a dict");
      const model = response.model;
      if (!model) continue;
      if (!is_body_allowed_for_status_code(code)) throw new AssertionError(`Status code ${code} must not have a response body`);
      fields[code] = create_model_field(`Response_${code}_${this.unique_id}`, as_field_info(model), "serialization");
    }
    return fields;
  }

  /** The handler's dependant, with the route's `dependencies=[...]` as parameterless sub-dependencies first. */
  private build_dependant(): [Dependant, boolean] {
    const dependant = get_dependant({ path: this.path_format, call: this.endpoint, signature_table: this.signature_table, scope: "function" });
    dependant.source = this.source;
    // A parameter declared without a marker (`item_id: t.int`) is declared where the route is.
    for (const field of [...dependant.path_params, ...dependant.query_params, ...dependant.header_params, ...dependant.cookie_params, ...dependant.body_params]) field.field_info.source ??= this.source;
    for (const depends of [...this.dependencies].reverse()) {
      const scopes = depends instanceof params.Security && depends.scopes ? [...depends.scopes] : [];
      dependant.dependencies.unshift(get_dependant({ path: this.path_format, call: depends.dependency as Call, own_oauth_scopes: scopes, scope: depends.scope, use_cache: depends.use_cache }));
    }
    return [dependant, should_embed_body_fields(get_flat_body_params(dependant))];
  }

  get_route_handler(): (request: Request) => Promise<Response> {
    return get_request_handler({
      dependant: this.dependant,
      body_field: this.body_field,
      status_code: this.status_code,
      response_class: this.response_class,
      response_field: this.response_field,
      response_model_include: this.response_model_include,
      response_model_exclude: this.response_model_exclude,
      response_model_by_alias: this.response_model_by_alias,
      response_model_exclude_unset: this.response_model_exclude_unset,
      response_model_exclude_defaults: this.response_model_exclude_defaults,
      response_model_exclude_none: this.response_model_exclude_none,
      dependency_overrides_provider: this.dependency_overrides_provider,
      embed_body_fields: this._embed_body_fields,
      strict_content_type: this.strict_content_type,
    });
  }

  matches(scope: Scope): [Match, Scope] {
    if (scope.type !== "http") return NO_MATCH;
    const path_params = match_params(this.path_regex, this.param_convertors, get_route_path(scope), scope);
    if (path_params === null) return NO_MATCH;
    const child_scope = { endpoint: this.endpoint, path_params, route: this } as unknown as Scope;
    return [this.methods.has(scope.method) ? Match.FULL : Match.PARTIAL, child_scope];
  }

  url_path_for(name: string, path_params: Record<string, unknown> = {}): import("../starlette/datastructures").URLPath {
    return starlette_routing.Route.prototype.url_path_for.call(this as never, name, path_params);
  }

  /** The handler's app, or 405 for a method this route does not take. (Not an async frame of its own: it hands on the app's promise.) */
  handle(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (!this.methods.has(scope.method)) return this.method_not_allowed(scope, receive, send);
    return this.app(scope, receive, send);
  }

  /** 405 with `Allow` (an HTTPException inside an app). */
  private async method_not_allowed(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const headers = { Allow: py_set_order(this.methods).join(", ") };
    if ("app" in scope) throw new HTTPException(405, null, headers);
    await new PlainTextResponse("Method Not Allowed", { status_code: 405, headers }).__call__(scope, receive, send);
  }

  describe(): string {
    return `${py_set_order(this.methods).join(",")} ${this.path}`;
  }

  __repr__(): string {
    return `APIRoute(path='${this.path}', name='${this.name}', methods=[${[...this.methods].sort().map((m) => `'${m}'`).join(", ")}])`;
  }
}

/** An annotation (or a FieldInfo) as the FieldInfo a ModelField wraps. */
function as_field_info(annotation: unknown): FieldInfo<any> {
  return annotation instanceof FieldInfo ? annotation : new FieldInfo(annotation as never);
}

// ---------------------------------------------------------------------------------------------

/** A startup or shutdown handler: sync or async, no arguments. */
export type EventHandler = () => unknown;

/** FastAPI's `_DefaultLifespan`: the router's startup handlers on entering, its shutdown handlers on leaving. */
function default_lifespan(router: APIRouter): LifespanContext {
  const lifespan = () => ({
    async aenter(): Promise<unknown> {
      await router._startup();
      return undefined;
    },
    async aexit(): Promise<void> {
      await router._shutdown();
    },
  });
  return lifespan;
}

/**
 * `_merge_lifespan_context(original, nested)`: an included router's lifespan runs inside the
 * including one's; their states merge (the including router's keys win), None when both are None.
 */
function merge_lifespan_context(original: LifespanContext, nested: LifespanContext): LifespanContext {
  return async function* merged_lifespan(app: unknown) {
    const outer = await enter_lifespan(original, app);
    try {
      const inner = await enter_lifespan(nested, app);
      try {
        const a = outer.value as Record<string, unknown> | null | undefined;
        const b = inner.value as Record<string, unknown> | null | undefined;
        yield (a === null || a === undefined) && (b === null || b === undefined) ? undefined : { ...(b ?? {}), ...(a ?? {}) };
      } finally {
        await inner.exit();
      }
    } finally {
      await outer.exit();
    }
  };
}

export interface APIRouterOptions {
  prefix?: string;
  tags?: string[] | null;
  dependencies?: params.Depends[] | null;
  default_response_class?: ResponseClass | DefaultPlaceholder<ResponseClass>;
  responses?: ResponsesArg | null;
  routes?: BaseRoute[] | null;
  redirect_slashes?: boolean;
  dependency_overrides_provider?: unknown;
  deprecated?: boolean | null;
  include_in_schema?: boolean;
  lifespan?: LifespanContext | null;
  route_class?: typeof APIRoute;
  on_startup?: EventHandler[] | null;
  on_shutdown?: EventHandler[] | null;
  generate_unique_id_function?: ((route: APIRoute) => string) | DefaultPlaceholder<(route: APIRoute) => string>;
  strict_content_type?: boolean | DefaultPlaceholder<boolean>;
  middleware?: Middleware[] | null;
}

export interface IncludeOptions {
  prefix?: string;
  tags?: string[] | null;
  dependencies?: params.Depends[] | null;
  default_response_class?: ResponseClass | DefaultPlaceholder<ResponseClass>;
  responses?: ResponsesArg | null;
  deprecated?: boolean | null;
  include_in_schema?: boolean;
  generate_unique_id_function?: ((route: APIRoute) => string) | DefaultPlaceholder<(route: APIRoute) => string>;
}

/** A group of path operations: `@router.get("/items/", {...})(handler)`; `app.include_router(router)`. */
export class APIRouter extends starlette_routing.Router {
  prefix: string;
  tags: string[];
  dependencies: params.Depends[];
  default_response_class: ResponseClass | DefaultPlaceholder<ResponseClass>;
  responses: Responses;
  dependency_overrides_provider: unknown;
  deprecated: boolean | null;
  include_in_schema: boolean;
  generate_unique_id_function: ((route: APIRoute) => string) | DefaultPlaceholder<(route: APIRoute) => string>;
  strict_content_type: boolean | DefaultPlaceholder<boolean>;
  on_startup: EventHandler[];
  on_shutdown: EventHandler[];
  /** The class each path operation becomes (`APIRoute`, or a subclass overriding `get_route_handler`). */
  route_class: typeof APIRoute;

  constructor(options: APIRouterOptions = {}) {
    super(options.routes ?? null, { redirect_slashes: options.redirect_slashes ?? true, lifespan: options.lifespan ?? null, middleware: options.middleware ?? null });
    this.route_class = options.route_class ?? APIRoute;
    this.on_startup = [...(options.on_startup ?? [])];
    this.on_shutdown = [...(options.on_shutdown ?? [])];
    // No lifespan given: the default one runs the startup and shutdown handlers (FastAPI's _DefaultLifespan).
    if (!options.lifespan) this.lifespan_context = default_lifespan(this);
    const prefix = options.prefix ?? "";
    if (prefix) {
      if (!prefix.startsWith("/")) throw new AssertionError("A path prefix must start with '/'");
      if (prefix.endsWith("/")) throw new AssertionError("A path prefix must not end with '/', as the routes will start with '/'");
    }
    this.prefix = prefix;
    this.tags = [...(options.tags ?? [])];
    this.dependencies = [...(options.dependencies ?? [])];
    this.default_response_class = options.default_response_class ?? Default(JSONResponse as ResponseClass);
    this.responses = as_responses(options.responses);
    this.dependency_overrides_provider = options.dependency_overrides_provider ?? null;
    this.deprecated = options.deprecated ?? null;
    this.include_in_schema = options.include_in_schema ?? true;
    this.generate_unique_id_function = options.generate_unique_id_function ?? Default(generate_unique_id as (route: APIRoute) => string);
    this.strict_content_type = options.strict_content_type ?? Default(true);
  }

  /** `router.add_api_route(path, endpoint, ...)`: the router's prefix, tags, dependencies and responses apply. */
  add_api_route(path: string, endpoint: Call, options: RouteOptions & { source?: string | null; route_class_override?: typeof APIRoute | null } = {}): APIRoute {
    // The router's `route_class` (a custom APIRoute subclass), or the class of the route being included.
    const route_class = options.route_class_override ?? this.route_class;
    const route = new route_class(this.prefix + path, endpoint, {
      ...options,
      tags: [...this.tags, ...(options.tags ?? [])],
      dependencies: [...this.dependencies, ...(options.dependencies ?? [])],
      responses: merge_responses(this.responses, options.responses),
      deprecated: options.deprecated || this.deprecated,
      include_in_schema: (options.include_in_schema ?? true) && this.include_in_schema,
      response_class: get_value_or_default(options.response_class ?? Default(JSONResponse as ResponseClass), this.default_response_class),
      dependency_overrides_provider: this.dependency_overrides_provider,
      generate_unique_id_function: get_value_or_default(options.generate_unique_id_function ?? Default(generate_unique_id as (route: APIRoute) => string), this.generate_unique_id_function),
      strict_content_type: get_value_or_default(options.strict_content_type ?? Default(true), this.strict_content_type),
    });
    this.routes.push(route);
    return route;
  }

  /** `@router.api_route(path, { methods: [...] })(handler)` */
  api_route<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}): <F extends Handler<P>>(handler: F) => F {
    const source = declaration_line();
    return (handler) => {
      this.add_api_route(path, handler as unknown as Call, { ...(options as RouteOptions), source });
      return handler;
    };
  }

  private method_route<P extends SignatureTable>(method: string, path: string, options: RouteOptions<P>): <F extends Handler<P>>(handler: F) => F {
    const source = declaration_line();
    return (handler) => {
      this.add_api_route(path, handler as unknown as Call, { ...(options as RouteOptions), methods: [method], source });
      return handler;
    };
  }

  get<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("GET", path, options);
  }
  put<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("PUT", path, options);
  }
  post<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("POST", path, options);
  }
  delete<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("DELETE", path, options);
  }
  options<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("OPTIONS", path, options);
  }
  head<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("HEAD", path, options);
  }
  patch<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("PATCH", path, options);
  }
  trace<P extends SignatureTable>(path: string, options: RouteOptions<P> = {}) {
    return this.method_route("TRACE", path, options);
  }

  /** `router.include_router(other, prefix=..., tags=..., dependencies=..., responses=...)` */
  include_router(router: APIRouter, options: IncludeOptions = {}): void {
    const prefix = options.prefix ?? "";
    if (prefix) {
      if (!prefix.startsWith("/")) throw new AssertionError("A path prefix must start with '/'");
      if (prefix.endsWith("/")) throw new AssertionError("A path prefix must not end with '/', as the routes will start with '/'");
    }
    for (const route of router.routes) {
      if (route instanceof APIRoute) {
        const path = prefix + route.path;
        if (!path) throw new FastAPIError(`Prefix and path cannot be both empty (path operation: ${route.name})`);
        const route_class = get_value_or_default(route.response_class, router.default_response_class, options.default_response_class ?? Default(JSONResponse as ResponseClass));
        this.add_api_route(path, route.endpoint, {
          route_class_override: route.constructor as typeof APIRoute,
          params: route.signature_table,
          source: route.source,
          response_model: route.response_model as Annotation | null,
          status_code: route.status_code,
          tags: [...(options.tags ?? []), ...route.tags],
          dependencies: [...(options.dependencies ?? []), ...route.dependencies],
          summary: route.summary,
          description: route.description,
          response_description: route.response_description,
          responses: merge_responses(options.responses, route.responses),
          deprecated: route.deprecated || options.deprecated || null,
          methods: [...route.methods],
          operation_id: route.operation_id,
          response_model_include: route.response_model_include,
          response_model_exclude: route.response_model_exclude,
          response_model_by_alias: route.response_model_by_alias,
          response_model_exclude_unset: route.response_model_exclude_unset,
          response_model_exclude_defaults: route.response_model_exclude_defaults,
          response_model_exclude_none: route.response_model_exclude_none,
          include_in_schema: route.include_in_schema && (options.include_in_schema ?? true),
          response_class: route_class,
          name: route.name,
          openapi_extra: route.openapi_extra,
          generate_unique_id_function: get_value_or_default(route.generate_unique_id_function, router.generate_unique_id_function, options.generate_unique_id_function ?? Default(generate_unique_id as (route: APIRoute) => string)),
          strict_content_type: get_value_or_default(route.strict_content_type, router.strict_content_type),
        });
      } else if (route instanceof starlette_routing.Route) {
        this.add_route(prefix + route.path, route.endpoint, { methods: route.methods ? [...route.methods] : null, name: route.name, include_in_schema: route.include_in_schema });
      } else if (route instanceof starlette_routing.WebSocketRoute) {
        this.add_websocket_route(prefix + route.path, route.endpoint, route.name);
      } else {
        this.routes.push(route);
      }
    }
    for (const handler of router.on_startup) this.add_event_handler("startup", handler);
    for (const handler of router.on_shutdown) this.add_event_handler("shutdown", handler);
    this.lifespan_context = merge_lifespan_context(this.lifespan_context!, router.lifespan_context!);
  }

  /** `router.add_event_handler("startup" | "shutdown", func)` (deprecated in favour of a lifespan). */
  add_event_handler(event_type: string, func: EventHandler): void {
    if (event_type !== "startup" && event_type !== "shutdown") throw new AssertionError("");
    (event_type === "startup" ? this.on_startup : this.on_shutdown).push(func);
  }

  /** `@router.on_event("startup")`: add the decorated function as an event handler. */
  on_event(event_type: string): <F extends EventHandler>(func: F) => F {
    return (func) => {
      this.add_event_handler(event_type, func);
      return func;
    };
  }

  /** Run the startup handlers in order: a coroutine function awaited, any other called. */
  async _startup(): Promise<void> {
    for (const handler of this.on_startup) await handler();
  }

  /** Run the shutdown handlers in order. */
  async _shutdown(): Promise<void> {
    for (const handler of this.on_shutdown) await handler();
  }

  /** `@router.websocket(path)(handler)`: a WebSocket endpoint; the handler receives `{ websocket }`. */
  websocket(path: string, options: { name?: string | null } = {}): <F extends (args: { websocket: WebSocket }) => Promise<void>>(handler: F) => F {
    return (handler) => {
      const endpoint = async function websocket_endpoint(ws: WebSocket) {
        await handler({ websocket: ws });
      };
      this.add_websocket_route(this.prefix + path, endpoint, options.name ?? handler.name);
      return handler;
    };
  }
}

/** The user-code line that called a route decorator (for "linked to the declaration" in the panels). */
function declaration_line(): string | null {
  return declaration_source();
}

export { is_async_gen_callable, is_gen_callable };
