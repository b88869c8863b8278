/**
 * werkzeug.exceptions: an HTTP error → an exception that *is* a response. Main class:
 * `HTTPException`; main function: `abort`.
 *
 * Each subclass carries a `code` and a default `description`; `get_response()` renders Werkzeug's
 * small HTML page, byte for byte:
 *
 *     <!doctype html>
 *     <html lang=en>
 *     <title>404 Not Found</title>
 *     <h1>Not Found</h1>
 *     <p>The requested URL was not found on the server. …</p>
 *
 * `abort(404)` raises `NotFound()`; `abort(response)` raises an HTTPException wrapping that response.
 * `MethodNotAllowed` adds an `Allow` header, `Unauthorized` `WWW-Authenticate`, `TooManyRequests`
 * and `ServiceUnavailable` `Retry-After`. Flask finds error handlers by walking the class's MRO,
 * so `BadRequestKeyError` (a BadRequest *and* a KeyError) declares its second base.
 */
import { Exception, KeyError, LookupError } from "../python/builtins";
import { datetime } from "../python/datetime";
import { escape, Markup } from "../markupsafe";
import { HTTP_STATUS_CODES, http_date } from "./http";
import { Response } from "./wrappers/response";
import type { Response as SansIOResponse } from "./sansio/response";

export type Environ = Record<string, any>;

/** Python keyword arguments of the HTTP exceptions (`NotFound({ description: "…" })`). */
export interface HTTPExceptionOptions {
  description?: string | null;
  response?: SansIOResponse | null;
  valid_methods?: Iterable<string> | null;
  www_authenticate?: unknown;
  retry_after?: datetime | number | null;
  original_exception?: unknown;
  length?: number | null;
  units?: string;
}

/** A trailing options object (Python's keyword arguments) rather than a positional value. */
export function is_kwargs(value: unknown): value is HTTPExceptionOptions {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * `HTTPException(description=None, response=None)`: the base of every HTTP error. Arguments may be
 * positional (`NotFound("No such post")`) or keywords (`NotFound({ description: "No such post" })`).
 */
export class HTTPException extends Exception {
  static code: number | null = null;
  static description: string | null = null;

  code: number | null;
  protected _description: string | null;
  response: SansIOResponse | null;

  constructor(description: string | null | HTTPExceptionOptions = null, response: SansIOResponse | null = null) {
    super();
    const kw = is_kwargs(description) ? description : { description, response };
    const cls = this.constructor as typeof HTTPException;
    this.code = cls.code;
    this._description = kw.description ?? cls.description;
    this.response = kw.response ?? null;
    // str(e) is computed from code, name and description (Python's __str__).
    Object.defineProperty(this, "message", { get: () => this.toString(), configurable: true });
  }

  get description(): string | null {
    return this._description;
  }
  set description(value: string | null) {
    this._description = value;
  }

  /** The reason phrase: `Not Found`, or `Unknown Error` for a code Werkzeug does not know. */
  // Python's `name` is the reason phrase (JavaScript's Error.name is shadowed).
  override get name(): string {
    return (this.code !== null && HTTP_STATUS_CODES[this.code]) || "Unknown Error";
  }
  override set name(_value: string) {}

  /** `<p>description</p>`, escaped, with newlines as `<br>`. */
  get_description(_environ: Environ | null = null): string {
    const description = escape(this.description ?? "").valueOf().replace(/\n/g, new Markup("<br>").valueOf());
    return `<p>${description}</p>`;
  }

  /** The HTML error page. */
  get_body(environ: Environ | null = null): string {
    return `<!doctype html>\n<html lang=en>\n<title>${this.code ?? "None"} ${escape(this.name)}</title>\n<h1>${escape(this.name)}</h1>\n${this.get_description(environ)}\n`;
  }

  get_headers(_environ: Environ | null = null): [string, string][] {
    return [["Content-Type", "text/html; charset=utf-8"]];
  }

  /** `get_response(environ=None)`: the wrapped response, or the HTML page with `code`. */
  get_response(environ: Environ | null = null): SansIOResponse {
    if (this.response !== null) return this.response;
    return new Response(this.get_body(environ), this.code, this.get_headers(environ));
  }

  /** A WSGI application answering with this error. */
  __call__(environ: Environ, start_response: (status: string, headers: [string, string][]) => unknown): Iterable<Uint8Array> {
    return (this.get_response(environ) as Response).__call__(environ, start_response);
  }

  /** `str(e)`: `404 Not Found: The requested URL …` */
  override toString(): string {
    return `${this.code ?? "???"} ${this.name}: ${this.description}`;
  }

  __repr__(): string {
    return `<${this.constructor.name} '${this.code ?? "???"}: ${this.name}'>`;
  }
}

export class BadRequest extends HTTPException {
  static override code = 400;
  static override description = "The browser (or proxy) sent a request that this server could not understand.";
}

/**
 * `BadRequestKeyError(key)`: a missing key in `request.form`/`args`/`headers` is a 400, and also a
 * KeyError (so `except KeyError` and KeyError error handlers catch it).
 */
export class BadRequestKeyError extends BadRequest {
  static __extra_bases__ = [KeyError];
  show_exception = false;
  readonly key: unknown;

  constructor(arg: unknown = null, description: string | null | HTTPExceptionOptions = null) {
    super(description);
    this.key = arg;
    this.args = arg === null ? [] : [arg];
  }

  override get description(): string | null {
    if (this.show_exception) return `${this._description}\nKeyError: ${new KeyError(this.key).message}`;
    return this._description;
  }
  override set description(value: string | null) {
    this._description = value;
  }
}

export class ClientDisconnected extends BadRequest {}
export class SecurityError extends BadRequest {}
export class BadHost extends BadRequest {}

export class Unauthorized extends HTTPException {
  static override code = 401;
  static override description =
    "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";
  www_authenticate: unknown[] | null;

  constructor(description: string | null | HTTPExceptionOptions = null, response: SansIOResponse | null = null, www_authenticate: unknown = null) {
    super(description, response);
    const value = is_kwargs(description) ? (description.www_authenticate ?? null) : www_authenticate;
    this.www_authenticate = value === null ? null : Array.isArray(value) ? value : [value];
  }

  override get_headers(environ: Environ | null = null): [string, string][] {
    const headers = super.get_headers(environ);
    for (const x of this.www_authenticate ?? []) headers.push(["WWW-Authenticate", String(x)]);
    return headers;
  }
}

export class Forbidden extends HTTPException {
  static override code = 403;
  static override description = "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.";
}

export class NotFound extends HTTPException {
  static override code = 404;
  static override description = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
}

/** `MethodNotAllowed(valid_methods=None)`: 405 with an `Allow` header listing the valid methods. */
export class MethodNotAllowed extends HTTPException {
  static override code = 405;
  static override description = "The method is not allowed for the requested URL.";
  valid_methods: string[] | null;

  constructor(valid_methods: Iterable<string> | null | HTTPExceptionOptions = null, description: string | null = null, response: SansIOResponse | null = null) {
    const kw: HTTPExceptionOptions = is_kwargs(valid_methods) ? valid_methods : { valid_methods, description, response };
    super(kw);
    this.valid_methods = kw.valid_methods === null || kw.valid_methods === undefined ? null : [...kw.valid_methods];
  }

  override get_headers(environ: Environ | null = null): [string, string][] {
    const headers = super.get_headers(environ);
    if (this.valid_methods && this.valid_methods.length) headers.push(["Allow", this.valid_methods.join(", ")]);
    return headers;
  }
}

export class NotAcceptable extends HTTPException {
  static override code = 406;
  static override description =
    "The resource identified by the request is only capable of generating response entities which have content characteristics not acceptable according to the accept headers sent in the request.";
}
export class RequestTimeout extends HTTPException {
  static override code = 408;
  static override description = "The server closed the network connection because the browser didn't finish the request within the specified time.";
}
export class Conflict extends HTTPException {
  static override code = 409;
  static override description = "A conflict happened while processing the request. The resource might have been modified while the request was being processed.";
}
export class Gone extends HTTPException {
  static override code = 410;
  static override description =
    "The requested URL is no longer available on this server and there is no forwarding address. If you followed a link from a foreign page, please contact the author of this page.";
}
export class LengthRequired extends HTTPException {
  static override code = 411;
  static override description = "A request with this method requires a valid <code>Content-Length</code> header.";
}
export class PreconditionFailed extends HTTPException {
  static override code = 412;
  static override description = "The precondition on the request for the URL failed positive evaluation.";
}
export class RequestEntityTooLarge extends HTTPException {
  static override code = 413;
  static override description = "The data value transmitted exceeds the capacity limit.";
}
export class RequestURITooLarge extends HTTPException {
  static override code = 414;
  static override description = "The length of the requested URL exceeds the capacity limit for this server. The request cannot be processed.";
}
export class UnsupportedMediaType extends HTTPException {
  static override code = 415;
  static override description = "The server does not support the media type transmitted in the request.";
}
export class RequestedRangeNotSatisfiable extends HTTPException {
  static override code = 416;
  static override description = "The server cannot provide the requested range.";
  readonly length: number | null;
  readonly units: string;
  constructor(length: number | null | HTTPExceptionOptions = null, units = "bytes", description: string | null = null, response: SansIOResponse | null = null) {
    const kw: HTTPExceptionOptions = is_kwargs(length) ? length : { length, units, description, response };
    super(kw);
    this.length = kw.length ?? null;
    this.units = kw.units ?? "bytes";
  }
  override get_headers(environ: Environ | null = null): [string, string][] {
    const headers = super.get_headers(environ);
    if (this.length !== null) headers.push(["Content-Range", `${this.units} */${this.length}`]);
    return headers;
  }
}
export class ExpectationFailed extends HTTPException {
  static override code = 417;
  static override description = "The server could not meet the requirements of the Expect header";
}
export class ImATeapot extends HTTPException {
  static override code = 418;
  static override description = "This server is a teapot, not a coffee machine";
}
export class MisdirectedRequest extends HTTPException {
  static override code = 421;
  static override description = "The server is not able to produce a response.";
}
export class UnprocessableEntity extends HTTPException {
  static override code = 422;
  static override description = "The request was well-formed but was unable to be followed due to semantic errors.";
}
export class Locked extends HTTPException {
  static override code = 423;
  static override description = "The resource that is being accessed is locked.";
}
export class FailedDependency extends HTTPException {
  static override code = 424;
  static override description = "The method could not be performed on the resource because the requested action depended on another action and that action failed.";
}
export class PreconditionRequired extends HTTPException {
  static override code = 428;
  static override description = 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".';
}

/** Base of the errors that may say when to try again (`Retry-After`). */
export class _RetryAfter extends HTTPException {
  readonly retry_after: datetime | number | null;
  constructor(description: string | null | HTTPExceptionOptions = null, response: SansIOResponse | null = null, retry_after: datetime | number | null = null) {
    super(description, response);
    this.retry_after = is_kwargs(description) ? (description.retry_after ?? null) : retry_after;
  }
  override get_headers(environ: Environ | null = null): [string, string][] {
    const headers = super.get_headers(environ);
    if (this.retry_after) headers.push(["Retry-After", this.retry_after instanceof datetime ? http_date(this.retry_after) : String(this.retry_after)]);
    return headers;
  }
}
export class TooManyRequests extends _RetryAfter {
  static override code = 429;
  static override description = "This user has exceeded an allotted request count. Try again later.";
}
export class RequestHeaderFieldsTooLarge extends HTTPException {
  static override code = 431;
  static override description = "One or more header fields exceeds the maximum size.";
}
export class UnavailableForLegalReasons extends HTTPException {
  static override code = 451;
  static override description = "Unavailable for legal reasons.";
}

/** `InternalServerError(original_exception=None)`: what Flask turns an unhandled exception into. */
export class InternalServerError extends HTTPException {
  static override code = 500;
  static override description =
    "The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.";
  readonly original_exception: unknown;
  constructor(description: string | null | HTTPExceptionOptions = null, response: SansIOResponse | null = null, original_exception: unknown = null) {
    super(description, response);
    this.original_exception = is_kwargs(description) ? (description.original_exception ?? null) : original_exception;
  }
}
export class NotImplemented extends HTTPException {
  static override code = 501;
  static override description = "The server does not support the action requested by the browser.";
}
export class BadGateway extends HTTPException {
  static override code = 502;
  static override description = "The proxy server received an invalid response from an upstream server.";
}
export class ServiceUnavailable extends _RetryAfter {
  static override code = 503;
  static override description =
    "The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.";
}
export class GatewayTimeout extends HTTPException {
  static override code = 504;
  static override description = "The connection to an upstream server timed out.";
}
export class HTTPVersionNotSupported extends HTTPException {
  static override code = 505;
  static override description = "The server does not support the HTTP protocol version used in the request.";
}

/** `default_exceptions`: status code → the most general exception class for it. */
export const default_exceptions: Record<number, typeof HTTPException> = {};
for (const cls of [
  BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, NotAcceptable, RequestTimeout, Conflict, Gone, LengthRequired,
  PreconditionFailed, RequestEntityTooLarge, RequestURITooLarge, UnsupportedMediaType, RequestedRangeNotSatisfiable, ExpectationFailed,
  ImATeapot, MisdirectedRequest, UnprocessableEntity, Locked, FailedDependency, PreconditionRequired, TooManyRequests,
  RequestHeaderFieldsTooLarge, UnavailableForLegalReasons, InternalServerError, NotImplemented, BadGateway, ServiceUnavailable,
  GatewayTimeout, HTTPVersionNotSupported,
] as (typeof HTTPException)[])
  default_exceptions[cls.code!] = cls;

/** `Aborter(mapping=None, extra=None)`: `aborter(code)` raises the exception for that code. */
export class Aborter {
  readonly mapping: Record<number, typeof HTTPException>;

  constructor(mapping: Record<number, typeof HTTPException> | null = null, extra: Record<number, typeof HTTPException> | null = null) {
    this.mapping = { ...(mapping ?? default_exceptions), ...(extra ?? {}) };
  }

  /** `aborter(code, *args, **kwargs)`: a response is wrapped; an unknown code is LookupError. */
  __call__(code: number | SansIOResponse, ...args: any[]): never {
    if (typeof code === "object" && code !== null) throw new HTTPException(null, code);
    const cls = this.mapping[code as number];
    if (!cls) throw new LookupError(`no exception for ${typeof code === "string" ? `'${code}'` : code}`);
    throw new (cls as new (...a: any[]) => HTTPException)(...args);
  }
}

const _aborter = new Aborter();

/**
 * `abort(status, *args, **kwargs)`: raise the HTTPException for a status code (`abort(404)`), or
 * for a response (`abort(make_response(...))`). Further arguments go to the exception:
 * `abort(400, "Missing name")` or `abort(400, { description: "Missing name" })`.
 */
export function abort(status: number | SansIOResponse, ...args: any[]): never {
  return _aborter.__call__(status, ...args);
}
