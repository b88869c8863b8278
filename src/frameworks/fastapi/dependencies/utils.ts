/**
 * fastapi.dependencies.utils: a callable's signature → a `Dependant` (once, at route creation),
 * and a request + a `Dependant` → the keyword arguments to call it with (per request).
 *
 * `get_dependant` reads the signature table (ADR 0010) parameter by parameter (`analyze_param`):
 * `Depends(...)` becomes a sub-`Dependant`; `Request`, `Response`, `BackgroundTasks` are filled by
 * FastAPI; a marker (`Query`, `Path`, `Body`…) says where the value comes from; a bare
 * annotation is a path parameter if its name is in the path, a body if it is not scalar (a model,
 * a list, a dict), else a query parameter.
 *
 * `solve_dependencies` resolves depth-first in declaration order: each sub-dependency is solved
 * first (its own parameters, then its call), served from the per-request cache when the same
 * callable (and scopes) already ran; a `yield` dependency is entered on an exit stack and
 * cleaned up later (after the response, or after the handler for `scope="function"`); a plain
 * function runs in the threadpool, a coroutine is awaited. Then the path, query, header, cookie
 * and body parameters are validated (`request_params_to_args`, `request_body_to_args`), every
 * error collected with its `loc`. Main functions: `get_dependant`, `solve_dependencies`.
 *
 * Tracing: each dependency is a `dependency` span (cache hits and cleanups are events), each
 * parameter validated a `validation` event with its source, raw value, coerced value and errors.
 */
import { span_set, trace_site, tracing_enabled, type Attrs, type Json, type SourceRef } from "../../../trace";
import { AssertionError } from "../../python/builtins";
import { AsyncExitStack } from "../../python/contextlib";
import { annotation_repr } from "../../python/typing";
import { FieldInfo, declaration_source } from "../../pydantic/fields";
import { create_model } from "../../pydantic/main";
import { span_async } from "../../starlette/_tracing";
import { run_in_threadpool } from "../../starlette/concurrency";
import { Headers, ImmutableMultiDict, UploadFile as StarletteUploadFile } from "../../starlette/datastructures";
import { HTTPConnection, Request } from "../../starlette/requests";
import { Response } from "../../starlette/responses";
import { WebSocket } from "../../starlette/websockets";
import { BackgroundTasks as StarletteBackgroundTasks } from "../../starlette/background";
import {
  ModelField,
  RequiredParam,
  Undefined,
  annotation_of,
  create_model_field,
  field_annotation_is_scalar,
  field_annotation_is_scalar_sequence,
  field_annotation_is_sequence,
  get_cached_model_fields,
  get_missing_field_error,
  is_bytes_field,
  is_bytes_sequence_field,
  is_model,
  is_uploadfile_or_nonable_uploadfile_annotation,
  is_uploadfile_sequence_annotation,
  type ErrorDict,
} from "../_compat";
import { BackgroundTasks } from "../background";
import * as params from "../params";
import { SecurityScopes, is_security_scheme } from "../security/base";
import { get_path_param_names } from "../utils";
import { Dependant, bound_call, call_name, get_computed_scope, get_oauth_scopes, invoke, is_async_gen_callable, is_class, is_coroutine_callable, is_gen_callable, type Call } from "./models";

// Eager: a dependency's attrs and its validation events describe values the request goes on changing.
const DEPENDENCY = trace_site("dependency", "fastapi/dependencies/utils.ts#solve_dependencies", { eager: true });
const CLEANUP = trace_site("dependency", "fastapi/dependencies/utils.ts#solve_dependencies", { eager: true });
const PARAM_VALIDATION = trace_site("validation", "fastapi/dependencies/utils.ts#request_params_to_args", { eager: true });

/** A callable's parameters: name → annotation, marker or `Depends` (ADR 0010). */
export type SignatureTable = Record<string, unknown>;

/**
 * `signature(table, fn)`: give a dependency (a function or a class) the parameters FastAPI reads,
 * as Python's `inspect.signature` reads `fn.__signature__`:
 *
 *   export const common_parameters = signature(
 *     { q: Query(t.Optional(t.str), { default: null }), skip: Query(t.int, { default: 0 }) },
 *     async function common_parameters({ q, skip }) { return { q, skip }; },
 *   );
 */
export function signature<P extends SignatureTable, F>(table: P, fn: F): F {
  Object.defineProperty(fn, "__signature__", { value: table, enumerable: false, configurable: true, writable: true });
  const source = source_ref(declaration_source());
  if (source) Object.defineProperty(fn, "__source__", { value: source, enumerable: false, configurable: true, writable: true });
  return fn;
}

/** `"main.ts:12"` (a declaration's line in user code) → a trace source reference. */
export function source_ref(text: string | null | undefined): SourceRef | undefined {
  if (!text) return undefined;
  const m = /^(.*):(\d+)$/.exec(text);
  return m ? { file: m[1], line: Number(m[2]) } : { file: text };
}

/**
 * `inspect.signature(call)`: the table set with `signature()` (a class may declare `static
 * __signature__`); for an instance with `__call__`, its `__call__`'s table, as Python reads the
 * bound method's signature (`signature(table, Checker.prototype.__call__)`).
 */
export function get_typed_signature(call: unknown): SignatureTable {
  const own = (call as { __signature__?: SignatureTable })?.__signature__;
  if (own) return own;
  if (typeof call === "object" && call !== null) return (call as { __call__?: { __signature__?: SignatureTable } }).__call__?.__signature__ ?? {};
  return {};
}

/** The classes FastAPI fills in itself instead of reading from the request. */
const SPECIAL_CLASSES: [Function, keyof Dependant][] = [
  [Request, "request_param_name"],
  [WebSocket, "websocket_param_name"],
  [HTTPConnection, "http_connection_param_name"],
  [Response, "response_param_name"],
  [StarletteBackgroundTasks, "background_tasks_param_name"],
  [SecurityScopes, "security_scopes_param_name"],
];

function special_slot(annotation: unknown): keyof Dependant | null {
  if (typeof annotation !== "function") return null;
  for (const [cls, slot] of SPECIAL_CLASSES) if (annotation === cls || annotation.prototype instanceof cls) return slot;
  return null;
}

export interface GetDependantOptions {
  path: string;
  call: Call;
  name?: string | null;
  /** The route handler's own table (a dependency's comes from `signature()`). */
  signature_table?: SignatureTable | null;
  own_oauth_scopes?: string[] | null;
  parent_oauth_scopes?: string[] | null;
  use_cache?: boolean;
  scope?: "function" | "request" | null;
  /** Where `Depends(...)` named this dependency (user code). */
  source?: string | null;
}

export function get_dependant(options: GetDependantOptions): Dependant {
  const dependant = new Dependant({
    call: options.call,
    name: options.name ?? null,
    path: options.path,
    use_cache: options.use_cache ?? true,
    scope: options.scope ?? null,
    own_oauth_scopes: options.own_oauth_scopes ?? null,
    parent_oauth_scopes: options.parent_oauth_scopes ?? null,
    source: options.source ?? null,
  });
  const current_scopes = [...(options.parent_oauth_scopes ?? []), ...(options.own_oauth_scopes ?? [])];
  const path_param_names = get_path_param_names(options.path);
  const table = options.signature_table ?? get_typed_signature(options.call);
  for (const [param_name, declaration] of Object.entries(table)) {
    const details = analyze_param(param_name, declaration, path_param_names.has(param_name));
    if (details.depends !== null) {
      const sub_scopes = details.depends instanceof params.Security && details.depends.scopes ? [...details.depends.scopes] : [];
      dependant.dependencies.push(
        get_dependant({ path: options.path, call: details.depends.dependency as Call, name: param_name, own_oauth_scopes: sub_scopes, parent_oauth_scopes: current_scopes, use_cache: details.depends.use_cache, scope: details.depends.scope, source: details.depends.source }),
      );
      continue;
    }
    const slot = special_slot(details.type_annotation);
    if (slot !== null) {
      (dependant as unknown as Record<string, unknown>)[slot] = param_name;
      continue;
    }
    const field = details.field!;
    if (field.field_info instanceof params.Body) dependant.body_params.push(field);
    else add_param_to_fields(field, dependant);
  }
  return dependant;
}

export interface ParamDetails {
  type_annotation: unknown;
  depends: params.Depends | null;
  field: ModelField | null;
}

/** One parameter → a dependency, a FastAPI-filled value, or a field with its source. */
export function analyze_param(param_name: string, declaration: unknown, is_path_param: boolean): ParamDetails {
  if (declaration instanceof params.Depends) {
    return { type_annotation: null, depends: declaration, field: null };
  }
  if (special_slot(declaration) !== null) return { type_annotation: declaration, depends: null, field: null };
  let field_info: FieldInfo<any>;
  if (declaration instanceof params.Param || declaration instanceof params.Body) {
    field_info = declaration;
  } else {
    // A bare annotation (`t.int`, `Item`) or `Field(t.int, { default: 0, gt: 0 })`: FastAPI infers.
    const default_value = declaration instanceof FieldInfo && !declaration.is_required() ? declaration.default : RequiredParam;
    const use_annotation = declaration instanceof FieldInfo ? new FieldInfo(declaration.annotation, declaration.constraints as never) : declaration;
    const options = default_value === RequiredParam ? {} : { default: default_value };
    if (is_path_param) field_info = new params.Path(use_annotation, {});
    else if (is_uploadfile_or_nonable_uploadfile_annotation(use_annotation) || is_uploadfile_sequence_annotation(use_annotation)) field_info = new params.File(use_annotation, options);
    else if (!field_annotation_is_scalar(use_annotation)) field_info = new params.Body(use_annotation, options);
    else field_info = new params.Query(use_annotation, options);
    field_info.source = declaration instanceof FieldInfo ? declaration.source : null;
  }
  if (is_path_param && !(field_info instanceof params.Path))
    throw new AssertionError(`Cannot use \`${field_info.constructor.name}\` for path param '${param_name}'`);
  const alias = !field_info.alias && field_info instanceof params.Header && field_info.convert_underscores ? param_name.replace(/_/g, "-") : field_info.alias ?? param_name;
  const info = Object.create(Object.getPrototypeOf(field_info)) as FieldInfo<any>;
  Object.assign(info, field_info, { alias });
  if (info.validation_alias === null || info.validation_alias === undefined) info.validation_alias = alias;
  const field = create_model_field(param_name, info);
  if (is_path_param && !field_annotation_is_scalar(info)) throw new AssertionError("Path params must be of one of the supported types");
  if (info instanceof params.Query && !(field_annotation_is_scalar(info) || field_annotation_is_scalar_sequence(info) || is_model(annotation_of(info))))
    throw new AssertionError(`Query parameter '${param_name}' must be one of the supported types`);
  return { type_annotation: annotation_of(info), depends: null, field };
}

function add_param_to_fields(field: ModelField, dependant: Dependant): void {
  const where = (field.field_info as params.Param).in_;
  if (where === params.ParamTypes.path) dependant.path_params.push(field);
  else if (where === params.ParamTypes.query) dependant.query_params.push(field);
  else if (where === params.ParamTypes.header) dependant.header_params.push(field);
  else if (where === params.ParamTypes.cookie) dependant.cookie_params.push(field);
  else throw new AssertionError(`non-body parameters must be in path, query, header or cookie: ${field.name}`);
}

/** Every path/query/header/cookie parameter of a dependant and its sub-dependencies, each dependency once. */
export function get_flat_params(dependant: Dependant): ModelField[] {
  const out = { path: [] as ModelField[], query: [] as ModelField[], header: [] as ModelField[], cookie: [] as ModelField[] };
  const visited: string[] = [];
  const stack = [dependant];
  const keys = new Map<Dependant, string>();
  while (stack.length) {
    const current = stack.pop()!;
    const key = cache_key_text(current, keys);
    if (visited.includes(key)) continue;
    visited.push(key);
    out.path.push(...current.path_params);
    out.query.push(...current.query_params);
    out.header.push(...current.header_params);
    out.cookie.push(...current.cookie_params);
    stack.push(...[...current.dependencies].reverse());
  }
  const flat = (fields: ModelField[]) => (fields.length === 1 && is_model(fields[0].annotation) ? get_cached_model_fields(fields[0].annotation as never) : fields);
  return [...flat(out.path), ...flat(out.query), ...flat(out.header), ...flat(out.cookie)];
}

/** Body parameters of a dependant and all its sub-dependencies, in declaration order. */
export function get_flat_body_params(dependant: Dependant): ModelField[] {
  const body: ModelField[] = [];
  const stack = [dependant];
  while (stack.length) {
    const current = stack.pop()!;
    body.push(...current.body_params);
    stack.push(...[...current.dependencies].reverse());
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// The per-request cache key: the same callable with the same scopes runs once per request.

const call_ids = new WeakMap<object, number>();
let next_call_id = 0;

function call_id(call: unknown): number {
  if (call === null || (typeof call !== "object" && typeof call !== "function")) return -1;
  let id = call_ids.get(call as object);
  if (id === undefined) call_ids.set(call as object, (id = ++next_call_id));
  return id;
}

function uses_scopes(dependant: Dependant, cache: Map<Dependant, boolean>): boolean {
  const cached = cache.get(dependant);
  if (cached !== undefined) return cached;
  const result =
    Boolean(dependant.own_oauth_scopes?.length) || dependant.security_scopes_param_name !== null || is_security_scheme(dependant.call) || dependant.dependencies.some((d) => uses_scopes(d, cache));
  cache.set(dependant, result);
  return result;
}

/** `(call, scopes, computed scope)` as one string key. */
export function get_cache_key(dependant: Dependant, uses_scopes_cache: Map<Dependant, boolean> = new Map()): string {
  const scopes = uses_scopes(dependant, uses_scopes_cache) ? [...new Set(get_oauth_scopes(dependant))].sort() : [];
  return `${call_id(dependant.call)}|${scopes.join(" ")}|${get_computed_scope(dependant) ?? ""}`;
}

function cache_key_text(dependant: Dependant, memo: Map<Dependant, string>): string {
  let key = memo.get(dependant);
  if (key === undefined) memo.set(dependant, (key = get_cache_key(dependant)));
  return key;
}

// ---------------------------------------------------------------------------------------------
// Solving a request.

export interface SolvedDependency {
  values: Record<string, unknown>;
  errors: ErrorDict[];
  background_tasks: StarletteBackgroundTasks | null;
  /** The temporal response, made when a dependant asked for it (`response: Response`); else null. */
  response: Response | null;
  /** The values solved so far, by cache key (made when there are sub-dependencies). */
  dependency_cache: Map<string, unknown> | null;
}

export interface SolveOptions {
  request: Request | WebSocket;
  dependant: Dependant;
  body?: unknown;
  background_tasks?: StarletteBackgroundTasks | null;
  response?: Response | null;
  dependency_overrides_provider?: { dependency_overrides: Map<unknown, Call> } | null;
  dependency_cache?: Map<string, unknown> | null;
  async_exit_stack: AsyncExitStack;
  embed_body_fields: boolean;
  _uses_scopes_cache?: Map<Dependant, boolean>;
  /** Resolution order so far (for the trace): shared by the whole solve. */
  _order?: { n: number };
}

/** The temporal response a handler may change (status code, headers, cookies) before its own is built. */
export function sub_response(): Response {
  const response = new Response();
  response.raw_headers = []; // `del response.headers["content-length"]`: the only header an empty Response has
  (response as { status_code: number | null }).status_code = null;
  return response;
}

export async function solve_dependencies(options: SolveOptions): Promise<SolvedDependency> {
  const { request, dependant } = options;
  const [request_astack, function_astack] = exit_stacks(request);
  const values: Record<string, unknown> = {};
  const errors: ErrorDict[] = [];
  // FastAPI makes the temporal `Response()` and the caches at the start of every solve; here they
  // are made when first needed (most handlers take no `response` and have no sub-dependencies).
  let response = options.response ?? null;
  let dependency_cache = options.dependency_cache ?? null;
  let background_tasks = options.background_tasks ?? null;
  const has_dependencies = dependant.dependencies.length > 0;
  const cache = has_dependencies ? (dependency_cache ??= new Map<string, unknown>()) : null;
  const uses_scopes_cache = has_dependencies ? (options._uses_scopes_cache ?? new Map<Dependant, boolean>()) : undefined;
  const order = has_dependencies ? (options._order ?? { n: 0 }) : null;
  for (const sub_dependant of dependant.dependencies) {
    const overrides = options.dependency_overrides_provider?.dependency_overrides;
    let use_sub_dependant = sub_dependant;
    let call = sub_dependant.call!;
    const override = overrides?.get(call);
    if (override !== undefined) {
      call = override;
      use_sub_dependant = get_dependant({ path: sub_dependant.path!, call, name: sub_dependant.name, parent_oauth_scopes: get_oauth_scopes(sub_dependant), scope: sub_dependant.scope });
    }
    const key = get_cache_key(sub_dependant, uses_scopes_cache);
    await span_async(DEPENDENCY, call_name(call), () => dependency_attrs(sub_dependant, call, override !== undefined, dependant), async (span) => {
      const solved_result = await solve_dependencies({ ...options, dependant: use_sub_dependant, background_tasks, response, dependency_cache, _uses_scopes_cache: uses_scopes_cache, _order: order! });
      background_tasks = solved_result.background_tasks;
      response = solved_result.response;
      if (solved_result.errors.length) {
        errors.push(...solved_result.errors);
        const n = solved_result.errors.length;
        span_set(span, () => ({ outcome: "not called: its parameters failed validation", errors: n }));
        return;
      }
      let solved: unknown;
      if (sub_dependant.use_cache && cache!.has(key)) {
        solved = cache!.get(key);
        span_set(span, () => ({ outcome: "cache hit", cached: true, order: null }));
      } else {
        const n = ++order!.n;
        span_set(span, () => ({ order: n, outcome: "called" }));
        solved = await call_dependency(use_sub_dependant, call, solved_result.values, sub_dependant.scope === "function" ? function_astack : request_astack, span);
      }
      if (sub_dependant.name !== null) values[sub_dependant.name] = solved;
      if (!cache!.has(key)) cache!.set(key, solved);
    }, (call as { __source__?: SourceRef }).__source__ ?? source_ref(override === undefined ? sub_dependant.source : null));
  }
  return solve_own_parameters(options, values, errors, background_tasks, response, dependency_cache);
}

/**
 * `solve_dependencies` for a dependant with no sub-dependencies: nothing in it awaits, so it runs
 * as a plain call (FastAPI awaits it all the same; here that would only add a turn of the event
 * loop). The same checks, values and errors.
 */
export function solve_dependencies_without_await(options: SolveOptions): SolvedDependency {
  if (options.dependant.dependencies.length) throw new AssertionError("solve_dependencies_without_await: the dependant has sub-dependencies");
  exit_stacks(options.request);
  return solve_own_parameters(options, {}, [], options.background_tasks ?? null, options.response ?? null, options.dependency_cache ?? null);
}

/** The exit stacks `request_response` put in the scope (for `yield` dependencies), checked as FastAPI asserts them. */
function exit_stacks(request: Request | WebSocket): [AsyncExitStack, AsyncExitStack] {
  const request_astack = request.scope.fastapi_inner_astack as AsyncExitStack;
  const function_astack = request.scope.fastapi_function_astack as AsyncExitStack;
  if (!(request_astack instanceof AsyncExitStack)) throw new AssertionError("fastapi_inner_astack not found in request scope");
  if (!(function_astack instanceof AsyncExitStack)) throw new AssertionError("fastapi_function_astack not found in request scope");
  return [request_astack, function_astack];
}

/** The rest of a solve, once the sub-dependencies are done: the request's parameters, the body, then what FastAPI injects. */
function solve_own_parameters(
  options: SolveOptions,
  values: Record<string, unknown>,
  errors: ErrorDict[],
  background_tasks: StarletteBackgroundTasks | null,
  response: Response | null,
  dependency_cache: Map<string, unknown> | null,
): SolvedDependency {
  const { request, dependant } = options;
  validate_request_params(dependant, request, values, errors);
  if (dependant.body_params.length) {
    const [body_values, body_errors] = request_body_to_args(dependant.body_params, options.body, options.embed_body_fields);
    Object.assign(values, body_values);
    errors.push(...body_errors);
  }
  if (dependant.http_connection_param_name) values[dependant.http_connection_param_name] = request;
  if (dependant.request_param_name && request instanceof Request) values[dependant.request_param_name] = request;
  else if (dependant.websocket_param_name && request instanceof WebSocket) values[dependant.websocket_param_name] = request;
  if (dependant.background_tasks_param_name) {
    if (background_tasks === null) background_tasks = new BackgroundTasks();
    values[dependant.background_tasks_param_name] = background_tasks;
  }
  if (dependant.response_param_name) values[dependant.response_param_name] = response ??= sub_response();
  if (dependant.security_scopes_param_name) values[dependant.security_scopes_param_name] = new SecurityScopes(get_oauth_scopes(dependant));
  return { values, errors, background_tasks, response, dependency_cache };
}

/** Path, query, header and cookie parameters, in that order (FastAPI's error order). */
function validate_request_params(dependant: Dependant, request: Request | WebSocket, values: Record<string, unknown>, errors: ErrorDict[]): void {
  if (dependant.path_params.length) collect(request_params_to_args(dependant.path_params, request.path_params as Record<string, unknown>), values, errors);
  if (dependant.query_params.length) collect(request_params_to_args(dependant.query_params, request.query_params as unknown as Record<string, unknown>), values, errors);
  if (dependant.header_params.length) collect(request_params_to_args(dependant.header_params, request.headers as unknown as Record<string, unknown>), values, errors);
  if (dependant.cookie_params.length) collect(request_params_to_args(dependant.cookie_params, request.cookies as Record<string, unknown>), values, errors);
}

function collect([v, e]: [Record<string, unknown>, ErrorDict[]], values: Record<string, unknown>, errors: ErrorDict[]): void {
  Object.assign(values, v);
  errors.push(...e);
}

/** Run one dependency: a `yield` one is entered on its exit stack; a coroutine awaited; anything else in the threadpool. */
async function call_dependency(dependant: Dependant, call: Call, values: Record<string, unknown>, stack: AsyncExitStack, span: number): Promise<unknown> {
  if (is_gen_callable(call) || is_async_gen_callable(call)) {
    const is_async = is_async_gen_callable(call);
    const gen = (is_async ? invoke(call, values) : await run_in_threadpool(bound_call(call, values))) as Generator | AsyncGenerator;
    const name = call_name(call);
    const entered = await stack.enter_generator(traced_generator(gen, name), is_async);
    const cleanup = get_computed_scope(dependant) === "function" ? "after the handler returns" : "after the response is sent";
    span_set(span, () => ({ kind: is_async ? "async generator (yield)" : "generator (yield), in the threadpool", cleanup }));
    return entered;
  }
  if (is_coroutine_callable(call)) {
    span_set(span, () => ({ kind: "async" }));
    return await invoke(call, values);
  }
  span_set(span, () => ({ kind: is_class(call) ? "class (instantiated in the threadpool)" : "sync, in the threadpool" }));
  return await run_in_threadpool(bound_call(call, values));
}

/** A generator that reports its cleanup (the code after `yield`) as an event when it is resumed. */
function traced_generator(gen: Generator | AsyncGenerator, name: string): Generator | AsyncGenerator {
  let entered = false;
  const report = (how: string, extra: Attrs = {}) => {
    if (tracing_enabled()) CLEANUP.event(`cleanup ${name}`, () => ({ dependency: name, cleanup: how, ...extra }));
  };
  const wrapper = {
    next(value?: unknown) {
      if (entered) report("after yield (normal exit)");
      entered = true;
      return gen.next(value as never);
    },
    throw(error: unknown) {
      report("exception thrown in at the yield", { exception: (error as Error)?.constructor?.name ?? String(error) });
      return gen.throw(error);
    },
    return(value: unknown) {
      return gen.return(value as never);
    },
  };
  return wrapper as unknown as Generator;
}

function dependency_attrs(dependant: Dependant, call: Call, overridden: boolean, parent: Dependant): Attrs {
  const attrs: Attrs = {
    dependency: call_name(call),
    parameter: dependant.name,
    parent: parent.call ? call_name(parent.call) : null,
    use_cache: dependant.use_cache,
    scope: get_computed_scope(dependant),
    sub_dependencies: dependant.dependencies.map((d) => call_name(d.call)),
  };
  if (overridden) attrs.overridden = `${call_name(dependant.call)} → ${call_name(call)}`;
  const source = (call as { __source__?: { file: string; line?: number } }).__source__;
  if (source) attrs.source = `${source.file}${source.line ? `:${source.line}` : ""}`;
  if (dependant.source) attrs.required_at = dependant.source;
  return attrs;
}

// ---------------------------------------------------------------------------------------------
// Parameters and body.

function validation_alias(field: ModelField): string {
  return field.validation_alias ?? field.alias;
}

function is_multidict(values: unknown): values is ImmutableMultiDict | Headers {
  return values instanceof ImmutableMultiDict || values instanceof Headers;
}

function get_from(values: unknown, key: string): unknown {
  if (values instanceof ImmutableMultiDict || values instanceof Headers) return values.get(key);
  const v = (values as Record<string, unknown>)[key];
  return v === undefined ? null : v;
}

/** A parameter's raw value: every repeated key for a sequence, else one (the last query value, the first header). */
export function get_multidict_value(field: ModelField, values: unknown, alias: string | null = null): unknown {
  alias = alias ?? validation_alias(field);
  const sequence = field_annotation_is_sequence(field.field_info);
  let value: unknown = sequence && is_multidict(values) ? values.getlist(alias) : get_from(values, alias);
  if (value === undefined) value = null;
  const empty_form = field.field_info instanceof params.Form && value === "";
  if (value === null || empty_form || (sequence && (value as unknown[]).length === 0)) return field.field_info.is_required() ? null : field.default;
  return value;
}

function keys_of(values: unknown): string[] {
  if (values instanceof ImmutableMultiDict) return values.keys();
  if (values instanceof Headers) return [...new Set(values.keys())];
  return Object.keys(values as object);
}

/** Validate `fields` from one source (path params, query params, headers or cookies). */
export function request_params_to_args(fields: ModelField[], received: unknown): [Record<string, unknown>, ErrorDict[]] {
  const values: Record<string, unknown> = {};
  const errors: ErrorDict[] = [];
  if (!fields.length) return [values, errors];
  const first = fields[0];
  const where = (first.field_info as params.Param).in_;
  // One parameter whose type is a model: the model's fields are read from the source (a parameter model).
  if (fields.length === 1 && is_model(first.annotation)) return validate_param_model(first, received, where);
  for (const field of fields) {
    const value = get_multidict_value(field, received);
    const loc = [(field.field_info as params.Param).in_, validation_alias(field)];
    const [v, e] = validate_value_with_model_field(field, value, loc);
    trace_param(field, raw_of(field, received), v, e);
    if (e.length) errors.push(...e);
    else values[field.name] = v;
  }
  return [values, errors];
}

function validate_param_model(first: ModelField, received: unknown, where: string): [Record<string, unknown>, ErrorDict[]] {
  const fields_to_extract = get_cached_model_fields(first.annotation as never);
  const default_convert_underscores = (first.field_info as { convert_underscores?: boolean }).convert_underscores ?? true;
  const to_process: Record<string, unknown> = {};
  const processed = new Set<string>();
  for (const field of fields_to_extract) {
    let alias: string | null = null;
    if (received instanceof Headers && default_convert_underscores) {
      alias = validation_alias(field);
      if (alias === field.name) alias = alias.replace(/_/g, "-");
    }
    const value = get_multidict_value(field, received, alias);
    if (value !== null && value !== undefined) to_process[validation_alias(field)] = value;
    processed.add(alias ?? validation_alias(field));
    processed.add(validation_alias(field));
  }
  for (const key of keys_of(received)) {
    if (processed.has(key)) continue;
    if (is_multidict(received)) {
      const list = received.getlist(key);
      to_process[key] = list.length === 1 ? list[0] : list;
    } else to_process[key] = (received as Record<string, unknown>)[key];
  }
  const [v, e] = validate_value_with_model_field(first, to_process, [where]);
  trace_param(first, to_process, v, e);
  return [{ [first.name]: v }, e];
}

/** None for a required field is "Field required"; for an optional one, its default. */
function validate_value_with_model_field(field: ModelField, value: unknown, loc: (string | number)[]): [unknown, ErrorDict[]] {
  if (value === null || value === undefined) {
    if (field.field_info.is_required()) return [null, [get_missing_field_error(loc)]];
    return [field.default, []];
  }
  return field.validate(value, {}, { loc });
}

function raw_of(field: ModelField, received: unknown): unknown {
  if (!tracing_enabled()) return null;
  const alias = validation_alias(field);
  if (is_multidict(received)) {
    const all = received.getlist(alias);
    return all.length > 1 ? all : all.length ? all[0] : null;
  }
  return get_from(received, alias);
}

/** The `validation` event the Validation panel reads: one per parameter (or body field). */
function trace_param(field: ModelField, raw: unknown, value: unknown, errors: ErrorDict[]): void {
  if (!tracing_enabled()) return;
  const info = field.field_info as FieldInfo<any> & { in_?: string };
  const source = source_ref(info.source);
  PARAM_VALIDATION.event(`${info.in_ ?? "body"} ${field.name}`, () => ({
    parameter: field.name,
    source: info instanceof params.Body ? "body" : (info.in_ ?? "body"),
    alias: validation_alias(field),
    annotation: annotation_repr(annotation_of(info)),
    declared: info.constructor.name,
    required: info.is_required(),
    raw: json_of(raw),
    value: errors.length ? null : json_of(value),
    errors: errors.map((e) => json_of(e)) as Json,
    declaration: info.source ?? null,
  }), source);
}

function json_of(value: unknown, depth = 0): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint") return value.toString();
  if (depth > 5) return "…";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => json_of(v, depth + 1));
  if (value instanceof Set) return [...value].slice(0, 50).map((v) => json_of(v, depth + 1));
  if (typeof value === "object") {
    const repr = (value as { __repr__?: () => string }).__repr__;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      if (typeof (value as { model_dump?: unknown }).model_dump === "function") {
        try {
          return json_of((value as { model_dump(o: object): unknown }).model_dump({ mode: "json" }), depth + 1);
        } catch {
          /* fall through to the repr */
        }
      }
      if ((value as { valueOf(): unknown }).valueOf() !== value) return json_of((value as { valueOf(): unknown }).valueOf(), depth + 1);
      return typeof repr === "function" ? repr.call(value) : String(value);
    }
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value).slice(0, 50)) out[k] = json_of(v, depth + 1);
    return out;
  }
  return String(value);
}

/** Should the body be `{"item": {...}, "user": {...}}` rather than the single parameter itself? */
export function should_embed_body_fields(fields: ModelField[]): boolean {
  if (!fields.length) return false;
  if (new Set(fields.map((f) => f.name)).size > 1) return true;
  const first = fields[0];
  if ((first.field_info as params.Body).embed) return true;
  if (first.field_info instanceof params.Form && !is_model(first.annotation)) return true;
  return false;
}

/** Validate the body parameters: the whole body for a single one, else each under its name. */
export function request_body_to_args(body_fields: ModelField[], received_body: unknown, embed_body_fields: boolean): [Record<string, unknown>, ErrorDict[]] {
  const values: Record<string, unknown> = {};
  const errors: ErrorDict[] = [];
  if (!body_fields.length) throw new AssertionError("request_body_to_args() should be called with fields");
  const first = body_fields[0];
  const single_not_embedded_field = body_fields.length === 1 && !embed_body_fields;
  if (received_body instanceof ImmutableMultiDict) {
    // A form: the fields (a form model's own fields, for one model not embedded) read from it, every other key kept.
    const fields_to_extract = single_not_embedded_field && is_model(first.annotation) ? get_cached_model_fields(first.annotation as never) : body_fields;
    received_body = extract_form_body(fields_to_extract, received_body);
  }
  if (single_not_embedded_field) {
    const [v, e] = validate_value_with_model_field(first, received_body, ["body"]);
    trace_param(first, received_body, v, e);
    return [{ [first.name]: v }, e];
  }
  for (const field of body_fields) {
    const loc = ["body", validation_alias(field)];
    let value: unknown = null;
    if (received_body !== null && received_body !== undefined && !(received_body instanceof Uint8Array)) {
      if (!is_dict(received_body)) {
        // Python: `body.get(...)` on a list or a str raises AttributeError → "Field required".
        errors.push(get_missing_field_error(loc));
        trace_param(field, received_body, null, [errors[errors.length - 1]]);
        continue;
      }
      value = get_from(received_body, validation_alias(field));
    }
    const [v, e] = validate_value_with_model_field(field, value, loc);
    trace_param(field, value, v, e);
    if (e.length) errors.push(...e);
    else values[field.name] = v;
  }
  return [values, errors];
}

/** `_extract_form_body`: a form → a dict of each field's value (a list for a sequence field), then every other key (a list when repeated). */
function extract_form_body(body_fields: ModelField[], received_body: ImmutableMultiDict): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of body_fields) {
    let value = get_multidict_value(field, received_body);
    // A `bytes` file parameter gets the file's content (FastAPI awaits `read()`; the bytes are in memory here).
    if (field.field_info instanceof params.File && is_bytes_field(field.field_info) && value instanceof StarletteUploadFile) value = value.file.getvalue();
    else if (field.field_info instanceof params.File && is_bytes_sequence_field(field.field_info) && Array.isArray(value))
      value = value.map((sub) => (sub instanceof StarletteUploadFile ? sub.file.getvalue() : sub));
    if (value !== null && value !== undefined) values[validation_alias(field)] = value;
  }
  const field_aliases = new Set(body_fields.map(validation_alias));
  for (const key of received_body.keys()) {
    if (field_aliases.has(key)) continue;
    const param_values = received_body.getlist(key);
    values[key] = param_values.length === 1 ? param_values[0] : param_values;
  }
  return values;
}

function is_dict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if (value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The one field that stands for the whole body in OpenAPI: the single body parameter, or a
 * `Body_<operation id>` model with every body parameter as a field.
 */
export function get_body_field(body_params: ModelField[], name: string, embed_body_fields: boolean): ModelField | null {
  if (!body_params.length) return null;
  if (!embed_body_fields) return body_params[0];
  const model_name = `Body_${name}`;
  const fields: Record<string, unknown> = {};
  for (const f of body_params) fields[f.name] = f.field_info;
  const BodyModel = create_model(model_name, { fields });
  const required = body_params.some((f) => f.field_info.is_required());
  const any_file = body_params.some((f) => f.field_info instanceof params.File);
  const any_form = body_params.some((f) => f.field_info instanceof params.Form);
  const Cls = any_file ? params.File : any_form ? params.Form : params.Body;
  const media_types = body_params.map((f) => (f.field_info as params.Body).media_type);
  const media_type = any_file ? "multipart/form-data" : any_form ? "application/x-www-form-urlencoded" : new Set(media_types).size === 1 ? media_types[0] : "application/json";
  const info = new Cls(BodyModel, { alias: "body", ...(required ? {} : { default: null }), media_type });
  return create_model_field("body", info);
}

export { Undefined };
