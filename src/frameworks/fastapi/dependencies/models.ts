/**
 * fastapi.dependencies.models: `Dependant` — one callable (a path operation or a dependency)
 * analysed once: its parameters sorted by where they come from (path, query, header, cookie,
 * body), its sub-dependencies (each a Dependant of its own), and the names of the parameters
 * FastAPI fills itself (`request`, `response`, `background_tasks`, `security_scopes`). The
 * classification helpers say how a callable is run: awaited (`async function`), in the
 * threadpool (plain function, or a class to instantiate), or entered as a context (`function*`
 * / `async function*`, the `yield` dependencies). Main class: `Dependant`.
 */
import type { ModelField } from "../_compat";

export type Call = ((...args: any[]) => unknown) | (new (...args: any[]) => unknown) | { __call__: (...args: any[]) => unknown };

export class Dependant {
  path_params: ModelField[] = [];
  query_params: ModelField[] = [];
  header_params: ModelField[] = [];
  cookie_params: ModelField[] = [];
  body_params: ModelField[] = [];
  dependencies: Dependant[] = [];
  name: string | null = null;
  call: Call | null = null;
  request_param_name: string | null = null;
  websocket_param_name: string | null = null;
  http_connection_param_name: string | null = null;
  response_param_name: string | null = null;
  background_tasks_param_name: string | null = null;
  security_scopes_param_name: string | null = null;
  own_oauth_scopes: string[] | null = null;
  parent_oauth_scopes: string[] | null = null;
  use_cache = true;
  path: string | null = null;
  scope: "function" | "request" | null = null;
  /** Where the signature was declared (user code), for the trace. */
  source: string | null = null;

  constructor(init: Partial<Dependant> = {}) {
    Object.assign(this, init);
  }
}

/** The parent's scopes, then this dependency's own (each once). */
export function get_oauth_scopes(dependant: Dependant): string[] {
  const scopes = dependant.parent_oauth_scopes ? [...dependant.parent_oauth_scopes] : [];
  for (const scope of dependant.own_oauth_scopes ?? []) if (!scopes.includes(scope)) scopes.push(scope);
  return scopes;
}

function constructor_name(fn: unknown): string {
  return (fn as { constructor?: { name?: string } })?.constructor?.name ?? "";
}

/** A class (called with `new`), not a function: `class CommonQueryParams {...}`. */
export function is_class(call: unknown): boolean {
  return typeof call === "function" && /^class[\s{]/.test(Function.prototype.toString.call(call));
}

/** What actually runs: the function itself, or an instance's `__call__`. */
function callable_of(call: unknown): unknown {
  if (typeof call === "function") return call;
  return (call as { __call__?: unknown })?.__call__;
}

/** A `function*` dependency (or an instance whose `__call__` is one): entered as a context. */
export function is_gen_callable(call: unknown): boolean {
  return !is_class(call) && constructor_name(callable_of(call)) === "GeneratorFunction";
}

/** An `async function*` dependency. */
export function is_async_gen_callable(call: unknown): boolean {
  return !is_class(call) && constructor_name(callable_of(call)) === "AsyncGeneratorFunction";
}

/** An `async function` (awaited on the event loop, not sent to the threadpool). */
export function is_coroutine_callable(call: unknown): boolean {
  return !is_class(call) && constructor_name(callable_of(call)) === "AsyncFunction";
}

/** A `yield` dependency is cleaned up after the response ("request") unless it asked for "function". */
export function get_computed_scope(dependant: Dependant): "function" | "request" | null {
  if (dependant.scope) return dependant.scope;
  if (is_gen_callable(dependant.call) || is_async_gen_callable(dependant.call)) return "request";
  return null;
}

/** `call(**values)` as a no-argument function named after `call` (what the threadpool runs, and the trace names). */
export function bound_call(call: Call, values: Record<string, unknown>): () => unknown {
  const fn = () => invoke(call, values);
  Object.defineProperty(fn, "name", { value: call_name(call), configurable: true });
  return fn;
}

/** Call with FastAPI's keyword arguments, as one object (ADR 0001): `call(values)`, `new Cls(values)`, `obj.__call__(values)`. */
export function invoke(call: Call, values: Record<string, unknown>): unknown {
  if (is_class(call)) return new (call as new (v: Record<string, unknown>) => unknown)(values);
  if (typeof call === "function") return (call as (v: Record<string, unknown>) => unknown)(values);
  return (call as { __call__: (v: Record<string, unknown>) => unknown }).__call__(values);
}

/** The name the trace and OpenAPI use for a callable. */
export function call_name(call: unknown): string {
  if (typeof call === "function") return call.name || "<lambda>";
  return constructor_name(call) || "<callable>";
}
