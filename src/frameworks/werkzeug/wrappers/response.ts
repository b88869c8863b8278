/**
 * werkzeug.wrappers.response: a body + status + headers → a WSGI application. Main class:
 * `Response`.
 *
 * The body is kept as `response`: a list of byte strings ("a sequence", its length is known) or
 * any iterable (streamed). `Response("Hello")` stores `[b"Hello"]` and sets `Content-Length`.
 * Called as a WSGI app, it sends `status` and `get_wsgi_headers(environ)` to `start_response` and
 * returns the body — nothing for HEAD, 1xx, 204 and 304 (`get_app_iter`).
 *
 *     new Response("Hello", { status: 201, mimetype: "text/plain" })
 *     new Response("Not here", 404)                      // positional, as in Python
 */
import { type_name_of, TypeError } from "../../python/builtins";
import { concat_bytes, utf8_decode, utf8_encode, type Bytes } from "../../python/bytes";
import { py_json_loads } from "../../python/json";
import type { HeaderPairs } from "../datastructures/headers";
import { Headers } from "../datastructures/headers";
import { remove_entity_headers } from "../http";
import { Response as SansIOResponse } from "../sansio/response";
import { iri_to_uri } from "../urls";
import { _set_default_response_class } from "../utils";

export type Body = string | Bytes | Iterable<string | Bytes> | null;

export interface ResponseOptions {
  status?: number | string | null;
  headers?: HeaderPairs;
  mimetype?: string | null;
  content_type?: string | null;
  direct_passthrough?: boolean;
}

type StartResponse = (status: string, headers: [string, string][], exc_info?: unknown) => unknown;

/** Python's `json` module, as `get_json` uses it unless told otherwise (one object for every response). */
const JSON_MODULE: { loads(s: string): unknown } = Object.freeze({ loads: py_json_loads });

function is_options(x: unknown): x is ResponseOptions {
  return x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype && !Array.isArray(x);
}

/** Every chunk of the body as bytes (text is UTF-8 encoded). */
function* _iter_encoded(iterable: Iterable<string | Bytes>): Generator<Bytes> {
  for (const item of iterable as Iterable<unknown>) {
    if (item instanceof Uint8Array) yield item;
    else if (typeof item === "string" || item instanceof String) yield utf8_encode(String(item));
    else throw new TypeError(`a bytes-like object is required, not '${type_name_of(item)}'`);
  }
}

/**
 * `Response(response=None, status=None, headers=None, mimetype=None, content_type=None,
 * direct_passthrough=False)`; the arguments after the body may be positional or an options object.
 */
export class Response extends SansIOResponse {
  static implicit_sequence_conversion = true;
  static autocorrect_location_header = false;
  static automatically_set_content_length = true;

  response: Iterable<string | Bytes> & { close?: () => void };
  direct_passthrough: boolean;
  /** The json module `get_json` uses (Flask's test client sets `app.json`). */
  json_module: { loads(s: string): unknown } = JSON_MODULE;
  private _on_close: (() => unknown)[] = [];

  constructor(response: Body = null, status: number | string | null | ResponseOptions = null, headers: HeaderPairs = null, mimetype: string | null = null, content_type: string | null = null, direct_passthrough = false) {
    // Positional arguments are read as they are; only an options object is unpacked.
    const o = is_options(status) ? status : null;
    if (o === null) super(status as number | string | null, headers, mimetype, content_type);
    else super(o.status ?? null, o.headers ?? null, o.mimetype ?? null, o.content_type ?? null);
    this.direct_passthrough = (o === null ? direct_passthrough : o.direct_passthrough) ?? false;
    if (response === null || response === undefined) this.response = [];
    else if (typeof response === "string" || response instanceof Uint8Array || response instanceof String) {
      this.response = [];
      this.set_data(typeof response === "object" && !(response instanceof Uint8Array) ? String(response) : response);
    } else this.response = response;
  }

  /** `call_on_close(func)`: run `func` when the server closes the response. */
  call_on_close<F extends () => unknown>(func: F): F {
    this._on_close.push(func);
    return func;
  }

  /**
   * `Response.force_type(response, environ=None)`: make any response (or a WSGI app, run against
   * `environ`) an instance of this class.
   */
  static force_type<R extends Response>(this: new (...args: any[]) => R, response: unknown, environ: Record<string, any> | null = null): R {
    if (!(response instanceof Response)) {
      if (environ === null) throw new TypeError("cannot convert WSGI application into response objects without an environ");
      const [app_iter, status, headers] = run_wsgi_app(response as WSGIApp, environ);
      response = new Response(app_iter, status, headers);
    }
    Object.setPrototypeOf(response, this.prototype);
    return response as R;
  }

  /** `get_data(as_text=False)`: the whole body (bytes, or text). */
  get_data(as_text?: false): Bytes;
  get_data(as_text: true): string;
  get_data(as_text = false): Bytes | string {
    this._ensure_sequence();
    const rv = concat_bytes([...this.iter_encoded()]);
    return as_text ? utf8_decode(rv, "replace") : rv;
  }

  /** `set_data(value)`: replace the body (and its Content-Length). */
  set_data(value: string | Bytes): void {
    const bytes = typeof value === "string" ? utf8_encode(value) : value;
    this.response = [bytes];
    if ((this.constructor as typeof Response).automatically_set_content_length) this.headers.set("Content-Length", String(bytes.length));
  }

  get data(): Bytes {
    return this.get_data();
  }
  set data(value: string | Bytes) {
    this.set_data(value);
  }

  calculate_content_length(): number | null {
    try {
      this._ensure_sequence();
    } catch {
      return null;
    }
    let n = 0;
    for (const chunk of this.iter_encoded()) n += chunk.length;
    return n;
  }

  _ensure_sequence(mutable = false): void {
    if (this.is_sequence) {
      if (mutable && !Array.isArray(this.response)) this.response = [...this.response];
      return;
    }
    if (this.direct_passthrough) throw new Error("Attempted implicit sequence conversion but the response object is in direct passthrough mode.");
    this.make_sequence();
  }

  /** `make_sequence()`: read a streamed body into a list. */
  make_sequence(): void {
    if (this.is_sequence) return;
    const close = this.response.close;
    this.response = [...this.iter_encoded()];
    if (close) this.call_on_close(close);
  }

  *iter_encoded(): Generator<Bytes> {
    yield* _iter_encoded(this.response);
  }

  /**
   * The body of a sequence response as a list of bytes. Werkzeug walks `iter_encoded()`; a list
   * whose chunks are all bytes already (what `set_data` stores) is copied without the walk.
   */
  private encoded_sequence(): Bytes[] {
    const chunks = this.response as unknown[];
    for (let i = 0; i < chunks.length; i++) if (!(chunks[i] instanceof Uint8Array)) return [...this.iter_encoded()];
    return chunks.slice() as Bytes[];
  }

  get is_streamed(): boolean {
    return !Array.isArray(this.response);
  }

  get is_sequence(): boolean {
    return Array.isArray(this.response);
  }

  close(): void {
    if (typeof this.response.close === "function") this.response.close();
    for (const func of this._on_close) func();
  }

  /** `freeze()`: buffer the body and set Content-Length. */
  freeze(): void {
    this.response = [...this.iter_encoded()];
    this.headers.set("Content-Length", String((this.response as Bytes[]).reduce((n, c) => n + c.length, 0)));
  }

  /**
   * `get_wsgi_headers(environ)`: the headers as sent — Location as a URI, Content-Length removed
   * for 1xx/204, entity headers removed for 304, Content-Length computed for a known body.
   */
  get_wsgi_headers(_environ: Record<string, any>): Headers {
    const headers = new Headers(this.headers);
    const status = this.status_code;
    const location = headers.get("location");
    const content_location = headers.get("content-location");
    const content_length = headers.get("content-length");
    if (location !== null) headers.set("Location", iri_to_uri(location));
    if (content_location !== null) headers.set("Content-Location", iri_to_uri(content_location));
    if ((100 <= status && status < 200) || status === 204) headers.remove("Content-Length");
    else if (status === 304) remove_entity_headers(headers);
    if ((this.constructor as typeof Response).automatically_set_content_length && this.is_sequence && content_length === null && status !== 204 && status !== 304 && !(100 <= status && status < 200)) {
      let n = 0;
      for (const chunk of this.encoded_sequence()) n += chunk.length;
      headers.set("Content-Length", String(n));
    }
    return headers;
  }

  /** `get_app_iter(environ)`: the body a server sends (empty for HEAD, 1xx, 204, 304). */
  get_app_iter(environ: Record<string, any>): Iterable<Bytes> & { close(): void } {
    const status = this.status_code;
    const empty = environ.REQUEST_METHOD === "HEAD" || (100 <= status && status < 200) || status === 204 || status === 304;
    const chunks = empty ? [] : this.is_sequence ? this.encoded_sequence() : this.iter_encoded();
    return new ClosingIterator(chunks, () => this.close());
  }

  get_wsgi_response(environ: Record<string, any>): [Iterable<Bytes> & { close(): void }, string, [string, string][]] {
    const headers = this.get_wsgi_headers(environ);
    const app_iter = this.get_app_iter(environ);
    return [app_iter, this.status, headers.to_wsgi_list()];
  }

  /** The response as a WSGI application. */
  __call__(environ: Record<string, any>, start_response: StartResponse): Iterable<Bytes> & { close(): void } {
    const [app_iter, status, headers] = this.get_wsgi_response(environ);
    start_response(status, headers);
    return app_iter;
  }

  /** `response.json`: the body parsed as JSON when the mimetype is JSON, else None. */
  get json(): unknown {
    return this.get_json();
  }

  get_json(options: { force?: boolean; silent?: boolean } = {}): unknown {
    if (!(options.force || this.is_json)) return null;
    try {
      return this.json_module.loads(this.get_data(true));
    } catch (e) {
      if (!options.silent) throw e;
      return null;
    }
  }

  override __repr__(): string {
    const body = this.is_sequence ? `${[...this.iter_encoded()].reduce((n, c) => n + c.length, 0)} bytes` : "streamed";
    return `<${this.constructor.name} ${body} [${this.status}]>`;
  }
}

_set_default_response_class(Response);

/** `ClosingIterator(iterable, callbacks)`: the body a server iterates, then closes. */
export class ClosingIterator implements Iterable<Bytes> {
  private readonly callbacks: (() => unknown)[];
  constructor(
    private readonly iterable: Iterable<Bytes>,
    callbacks: (() => unknown) | (() => unknown)[] | null = null,
  ) {
    this.callbacks = callbacks === null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  }
  [Symbol.iterator](): Iterator<Bytes> {
    return this.iterable[Symbol.iterator]();
  }
  close(): void {
    for (const cb of this.callbacks) cb();
  }
}

type WSGIApp = (environ: Record<string, any>, start_response: StartResponse) => Iterable<Bytes>;

/** `run_wsgi_app(app, environ)`: call a WSGI app and collect `[app_iter, status, headers]`. */
export function run_wsgi_app(app: WSGIApp, environ: Record<string, any>): [Bytes[], string, Headers] {
  let status = "";
  let headers: [string, string][] = [];
  const buffer: Bytes[] = [];
  const app_rv = app(environ, (s, h) => {
    status = s;
    headers = h;
    return (data: Bytes) => buffer.push(data);
  });
  try {
    for (const chunk of app_rv) buffer.push(chunk);
  } finally {
    (app_rv as { close?: () => void }).close?.();
  }
  return [buffer, status, new Headers(headers)];
}
