/**
 * fastapi.param_functions: what a signature table writes — `Path`, `Query`, `Header`,
 * `Cookie`, `Body`, `Form`, `Depends`, `Security` — each returning the matching `params` object.
 *
 * ADR 0010: the annotation comes first and FastAPI's keyword arguments follow as options, and a
 * `default` makes the parameter optional:
 *
 *   q: Query(t.Optional(t.str), { default: null, max_length: 50 })   // q: str | None = Query(None, max_length=50)
 *   item_id: Path(t.int, { gt: 0 })                                  // item_id: Annotated[int, Path(gt=0)]
 *   user_agent: Header(t.Optional(t.str), { default: null })         // user_agent: str | None = Header(None)
 *   commons: Depends(common_parameters)                               // commons = Depends(common_parameters)
 *
 * Each marker records the user-code line that declared it, so the Validation panel can point at
 * the declaration. Main functions: `Query`, `Path`, `Depends`.
 */
import { declaration_source } from "../pydantic/fields";
import type { Annotation } from "../python/typing";
import * as params from "./params";

function declared<T extends { source: string | null }>(marker: T): T {
  marker.source = declaration_source();
  return marker;
}

export function Path<A extends Annotation>(annotation: A, options: params.ParamOptions = {}): params.Path<A> {
  return declared(new params.Path(annotation, options));
}

export function Query<A extends Annotation>(annotation: A, options: params.ParamOptions = {}): params.Query<A> {
  return declared(new params.Query(annotation, options));
}

export function Header<A extends Annotation>(annotation: A, options: params.ParamOptions & { convert_underscores?: boolean } = {}): params.Header<A> {
  return declared(new params.Header(annotation, options));
}

export function Cookie<A extends Annotation>(annotation: A, options: params.ParamOptions = {}): params.Cookie<A> {
  return declared(new params.Cookie(annotation, options));
}

export function Body<A extends Annotation>(annotation: A, options: params.BodyOptions = {}): params.Body<A> {
  return declared(new params.Body(annotation, options));
}

export function Form<A extends Annotation>(annotation: A, options: params.BodyOptions = {}): params.Form<A> {
  return declared(new params.Form(annotation, options));
}

/** `File(annotation, { default, description, … })`: a file of a multipart form (`t.bytes` or `UploadFile`). */
export function File<A extends Annotation>(annotation: A, options: params.BodyOptions = {}): params.File<A> {
  return declared(new params.File(annotation, options));
}

/** `Depends(dependency, { use_cache, scope })` */
export function Depends<R>(dependency: ((...args: any[]) => R) | (new (...args: any[]) => R) | { __call__(...args: any[]): R } | null = null, options: { use_cache?: boolean; scope?: "function" | "request" | null } = {}): params.Depends & { __result__?: R } {
  return declared(new params.Depends(dependency as (...args: any[]) => unknown, options.use_cache ?? true, options.scope ?? null));
}

/** `Security(dependency, { scopes, use_cache })` */
export function Security<R>(dependency: ((...args: any[]) => R) | (new (...args: any[]) => R) | { __call__(...args: any[]): R } | null = null, options: { scopes?: string[] | null; use_cache?: boolean; scope?: "function" | "request" | null } = {}): params.Security & { __result__?: R } {
  return declared(new params.Security(dependency as (...args: any[]) => unknown, options.use_cache ?? true, options.scope ?? null, options.scopes ?? null));
}
