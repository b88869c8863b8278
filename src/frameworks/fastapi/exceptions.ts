/**
 * fastapi.exceptions: what FastAPI raises and handles — `HTTPException` (Starlette's, whose
 * `detail` may be any JSON-able value), `RequestValidationError` (the request's parameters or
 * body failed validation: becomes the 422 response; `errors()` is the list the body shows),
 * `ResponseValidationError` (the handler returned something its `response_model` refuses: a
 * 500), and `FastAPIError` for misuse. Main class: `RequestValidationError`.
 */
import { Exception, py_repr, RuntimeError } from "../python/builtins";
import { PyTuple, tuple } from "../python/tuple";
import { HTTPException as StarletteHTTPException, WebSocketException as StarletteWebSocketException } from "../starlette/exceptions";

export class HTTPException extends StarletteHTTPException {}
export class WebSocketException extends StarletteWebSocketException {}

export class FastAPIError extends RuntimeError {}
export class DependencyScopeError extends FastAPIError {}

export interface EndpointContext {
  function?: string;
  path?: string;
  file?: string;
  line?: number;
}

export class ValidationException extends Exception {
  readonly _errors: unknown[];
  readonly endpoint_ctx: EndpointContext | null;

  constructor(errors: unknown[], options: { endpoint_ctx?: EndpointContext | null } = {}) {
    super("");
    this._errors = errors;
    this.endpoint_ctx = options.endpoint_ctx ?? null;
    this.message = this.toString();
  }

  private _with_tuples: unknown[] | null = null;

  /** The error dicts, each `loc` a tuple as in Python (it prints `('body', 'name')`). */
  errors(): unknown[] {
    if (this._with_tuples === null) this._with_tuples = this._errors.map(with_tuple_loc);
    return this._with_tuples;
  }

  private format_endpoint_context(): string {
    const ctx = this.endpoint_ctx ?? {};
    if (!(ctx.file && ctx.line && ctx.function)) return ctx.path ? `\n  Endpoint: ${ctx.path}` : "";
    return `\n  File "${ctx.file}", line ${ctx.line}, in ${ctx.function}${ctx.path ? `\n    ${ctx.path}` : ""}`;
  }

  /** `str(exc)`: "N validation errors:" then each error dict, then where the endpoint is. */
  override toString(): string {
    const n = this._errors.length;
    let message = `${n} validation error${n !== 1 ? "s" : ""}:\n`;
    for (const err of this._errors) message += `  ${error_repr(err)}\n`;
    message += this.format_endpoint_context();
    return message.trimEnd();
  }
}

/** An error dict with its `loc` list made a tuple (the dict itself when there is nothing to change). */
function with_tuple_loc(err: unknown): unknown {
  if (err === null || typeof err !== "object" || Array.isArray(err)) return err;
  const loc = (err as { loc?: unknown }).loc;
  return Array.isArray(loc) && !(loc instanceof PyTuple) ? { ...err, loc: tuple(loc) } : err;
}

/** An error dict as Python prints it: `{'type': 'missing', 'loc': ('body', 'name'), …}`. */
function error_repr(err: unknown): string {
  return py_repr(with_tuple_loc(err));
}

export class RequestValidationError extends ValidationException {
  readonly body: unknown;
  constructor(errors: unknown[], options: { body?: unknown; endpoint_ctx?: EndpointContext | null } = {}) {
    super(errors, options);
    this.body = options.body ?? null;
  }
}

export class WebSocketRequestValidationError extends ValidationException {}

export class ResponseValidationError extends ValidationException {
  readonly body: unknown;
  constructor(errors: unknown[], options: { body?: unknown; endpoint_ctx?: EndpointContext | null } = {}) {
    super(errors, options);
    this.body = options.body ?? null;
  }
}
