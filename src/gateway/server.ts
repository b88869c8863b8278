/**
 * The simulated WSGI server: an HTTP request message → a WSGI call → an HTTP response message.
 *
 * `serve_wsgi` plays the part of gunicorn or Django's runserver (Python's wsgiref): it builds the
 * environ, calls the application with a `start_response` that enforces PEP 3333's rules, iterates
 * the body the application returns (bytes only), calls its `close()`, and turns any protocol
 * violation or uncaught exception into wsgiref's `500 Internal Server Error`. The whole exchange is
 * one "gateway" span in the trace. Main function: `serve_wsgi`; main class: `ResponseWriter`.
 */
import { describe_error, is_bounded, kept_copy, span_close, span_fail, span_set, trace_site, tracing_enabled, type Attrs, type Json, type TraceSite } from "../trace";
import { build_environ, type BuiltEnviron } from "./environ";
import { concat, finish_exchange, py_repr, python_type_name, safe_json, type HttpRequestMessage, type HttpResponseMessage } from "./exchange";
import { is_hop_by_hop, type WSGIApplication, type WSGIBody, type WSGIEnviron, type WriteCallable } from "./wsgi";

/** wsgiref's error page, followed by the exception line its log shows. */
export const ERROR_STATUS = "500 Internal Server Error";
export const ERROR_BODY = "A server error occurred.  Please contact the administrator.";

/** A broken rule of PEP 3333; Python servers raise these as AssertionError. */
export class WSGIAssertionError extends Error {
  static python_name = "AssertionError";
}

/** An application result that is not iterable (Python: `TypeError: 'NoneType' object is not iterable`). */
export class WSGITypeError extends Error {
  static python_name = "TypeError";
}

const GATEWAY = trace_site("gateway", "gateway/server.ts#serve_wsgi");
/** The gateway around an application whose calls run only a framework's bounded code (`mark_bounded`, ADR 0040). */
const BOUNDED_GATEWAY = trace_site("gateway", "gateway/server.ts#serve_wsgi", { bounded: true });
const NOTHING: readonly never[] = [];

const utf8 = new TextEncoder();
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CONTROL_CHARS = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * The response side of start_response: remembers status and headers, collects written bytes, and
 * checks each call against PEP 3333 with wsgiref's messages.
 */
export class ResponseWriter {
  status: string | null = null;
  headers: [string, string][] | null = null;
  headers_sent = false;
  readonly chunks: Uint8Array[] = [];
  bytes_written = 0;
  /**
   * Every start_response call, for the trace (an error page adds a second one); recorded while
   * tracing. A call the server accepted keeps its status (a string) and the server's own copy of
   * its headers (`headers`, which nothing changes afterwards but the response it becomes), described
   * when the trace is read; a call it refused is described at once (the application may change
   * what it passed).
   */
  readonly calls: StartResponseCall[] = [];

  start_response = (status: string, headers: [string, string][], exc_info?: unknown): WriteCallable => {
    if (!tracing_enabled()) return this.start(status, headers, exc_info);
    const call: StartResponseCall = { status, headers, exc_info: Boolean(exc_info) };
    this.calls.push(call);
    try {
      const write = this.start(status, headers, exc_info);
      call.headers = this.headers;
      return write;
    } catch (e) {
      call.status = safe_json(status);
      call.headers = safe_json(headers);
      throw e;
    }
  };

  /** PEP 3333's checks, then the status and a copy of the headers kept for the response. */
  private start(status: string, headers: [string, string][], exc_info: unknown): WriteCallable {
    if (exc_info) {
      if (this.headers_sent) throw Array.isArray(exc_info) ? exc_info[1] : exc_info;
    } else if (this.headers !== null) {
      throw new WSGIAssertionError("Headers already set!");
    }
    check_status(status);
    check_headers(headers);
    this.status = status;
    this.headers = headers.map(([name, value]) => [name, value]);
    return this.write;
  }

  write = (data: Uint8Array): void => {
    if (!(data instanceof Uint8Array)) throw new WSGIAssertionError("write() argument must be a bytes instance");
    if (this.status === null) throw new WSGIAssertionError("write() before start_response()");
    this.headers_sent = true;
    this.chunks.push(data.slice());
    this.bytes_written += data.length;
  };
}

/** One start_response call as the trace keeps it (see `ResponseWriter.calls`). */
export interface StartResponseCall {
  status: unknown;
  headers: unknown;
  exc_info: boolean;
}

function check_status(status: unknown): asserts status is string {
  if (typeof status !== "string") throw new WSGIAssertionError(`Status must be of type str (got ${py_repr(status)})`);
  if (status.length < 4) throw new WSGIAssertionError("Status must be at least 4 characters");
  if (!/^\d{3}/.test(status)) throw new WSGIAssertionError("Status message must begin w/3-digit code");
  if (status[3] !== " ") throw new WSGIAssertionError("Status message must have a space after code");
  if (CONTROL_CHARS.test(status)) throw new WSGIAssertionError(`Status must not contain control characters (got ${py_repr(status)})`);
}

function check_headers(headers: unknown): void {
  if (!Array.isArray(headers)) throw new WSGIAssertionError(`Headers (${py_repr(headers)}) must be of type list`);
  for (const header of headers) {
    if (!Array.isArray(header) || header.length !== 2) throw new WSGIAssertionError(`Individual headers (${py_repr(header)}) must be a 2-tuple`);
    const [name, value] = header as unknown[];
    if (typeof name !== "string") throw new WSGIAssertionError(`Header name must be of type str (got ${py_repr(name)})`);
    if (typeof value !== "string") throw new WSGIAssertionError(`Header value must be of type str (got ${py_repr(value)})`);
    // A name checked before passed both of its checks (wsgiref checks every time; responses repeat a few names).
    const known = checked_names.has(name);
    if (!known && !TOKEN.test(name)) throw new WSGIAssertionError(`Invalid header name ${py_repr(name)}`);
    if (CONTROL_CHARS.test(value)) throw new WSGIAssertionError(`Invalid header value ${py_repr(value)}: control characters are not allowed`);
    if (!known) {
      if (is_hop_by_hop(name)) throw new WSGIAssertionError(`Hop-by-hop header, '${name}: ${value}', not allowed`);
      if (checked_names.size >= 256) checked_names.clear(); // bounded: a flood of new names cannot grow it
      checked_names.add(name);
    }
  }
}

/** Header names that are valid tokens and not hop-by-hop, as seen by check_headers. */
const checked_names = new Set<string>();

/**
 * Serve one request: HTTP message → environ → application → HTTP message. Never throws: a broken
 * application becomes a 500, as it would behind a real server.
 */
export async function serve_wsgi(app: WSGIApplication, request: HttpRequestMessage): Promise<HttpResponseMessage> {
  const built = build_environ(request);
  const span = tracing_enabled() ? open_gateway_span(is_bounded(app) ? BOUNDED_GATEWAY : GATEWAY, request, built) : -1;
  const writer = new ResponseWriter();
  let response: HttpResponseMessage;
  try {
    const running = run_application(app, built.environ, writer);
    if (running) await running;
    response = finish_response(writer);
  } catch (e) {
    response = error_response(e, built, writer, span);
  }
  response = finish_exchange(request.method, response);
  if (span >= 0) {
    // Lent for the application's call only (held longer, it would outlive the request).
    if (kept_copy.of === built.environ) {
      kept_copy.of = null;
      kept_copy.keys = kept_copy.values = NOTHING;
    }
    record_response(span, built, writer, response);
  }
  span_close(span);
  return response;
}

/**
 * The gateway's span opens on the environ as the application receives it — which the application
 * then changes (Django's request.META is the environ), so its values are copied now, once and
 * shallowly: every value the gateway puts there is a string, a boolean, the frozen version pair or
 * one of the two streams (described by facts that do not change), so the copy is described when
 * the trace is read. `kept_copy` lends the copy to request_started, which sends this environ and
 * shares it if nothing changed it in between. The request message is the caller's and not changed.
 */
function open_gateway_span(site: TraceSite, request: HttpRequestMessage, built: BuiltEnviron): number {
  const environ = built.environ;
  const keys = Object.keys(environ);
  const values: unknown[] = new Array(keys.length);
  let i = 0;
  for (const key in environ) values[i++] = environ[key];
  kept_copy.of = environ;
  kept_copy.keys = keys;
  kept_copy.values = values;
  return site.open_with(gateway_span_name, gateway_span_attrs, request, { keys, values }, built.dropped_headers);
}

/** `WSGI GET /hello/` (when the trace is read). */
function gateway_span_name(request: HttpRequestMessage): string {
  return `WSGI ${request.method} ${request.target}`;
}

/** The gateway span's opening attributes (when the trace is read). */
function gateway_span_attrs(_request: HttpRequestMessage, copy: { keys: readonly string[]; values: readonly unknown[] }, dropped_headers: string[]): Attrs {
  return { environ: environ_json_of(copy.keys, copy.values), dropped_headers };
}

/**
 * Call the app, iterate its body into the writer, and always call the body's close(). A body
 * returned at once and iterable at once (Django's HttpResponse) is served without waiting a turn
 * of the event loop: a promise only when the application or its body is asynchronous.
 */
function run_application(app: WSGIApplication, environ: WSGIEnviron, writer: ResponseWriter): Promise<void> | undefined {
  const body = app(environ, writer.start_response);
  if (body !== null && body !== undefined && typeof (body as { then?: unknown }).then === "function") return Promise.resolve(body).then((b: WSGIBody) => serve_body(b, writer));
  return serve_body(body as WSGIBody, writer);
}

function serve_body(body: WSGIBody, writer: ResponseWriter): Promise<void> | undefined {
  let iterating: Promise<void> | undefined;
  try {
    iterating = iterate_body(body, writer);
  } finally {
    if (iterating === undefined) close_body(body);
  }
  return iterating?.finally(() => close_body(body));
}

function close_body(body: WSGIBody): void {
  if (body && typeof (body as { close?: unknown }).close === "function") (body as { close: () => void }).close();
}

/** Write each chunk of the body; an async iterable body is read in a promise (returned). */
function iterate_body(body: WSGIBody, writer: ResponseWriter): Promise<void> | undefined {
  if (body !== null && body !== undefined && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function")
    return iterate_async_body(body as AsyncIterable<Uint8Array>, writer);
  if (body === null || body === undefined || typeof (body as Iterable<Uint8Array>)[Symbol.iterator] !== "function")
    throw new WSGITypeError(`'${python_type_name(body)}' object is not iterable`);
  for (const chunk of body as Iterable<Uint8Array>) writer.write(chunk);
  return undefined;
}

async function iterate_async_body(body: AsyncIterable<Uint8Array>, writer: ResponseWriter): Promise<void> {
  for await (const chunk of body) writer.write(chunk);
}

function finish_response(writer: ResponseWriter): HttpResponseMessage {
  if (writer.status === null || writer.headers === null)
    throw new WSGIAssertionError("start_response() was never called: the application returned without setting a status");
  return {
    status: Number(writer.status.slice(0, 3)),
    reason: writer.status.slice(4),
    headers: writer.headers,
    body: concat(writer.chunks),
  };
}

/** wsgiref's `error_output`: the 500 page, with the exception named as its log line names it. */
function error_response(e: unknown, built: BuiltEnviron, writer: ResponseWriter, span: number): HttpResponseMessage {
  const error = describe_error(e);
  const line = `${error.type}: ${error.message}`;
  const protocol_violation = e instanceof WSGIAssertionError || e instanceof WSGITypeError;
  built.errors.write(`${protocol_violation ? "WSGI protocol violation" : "Exception in the application"}: ${line}\n`);
  span_fail(span, error);
  if (span >= 0) span_set(span, { [protocol_violation ? "violation" : "exception"]: line, headers_already_sent: writer.headers_sent });
  return {
    status: 500,
    reason: "Internal Server Error",
    headers: [["Content-Type", "text/plain"]],
    body: utf8.encode(`${ERROR_BODY}\n\n${line}\n`),
  };
}

/**
 * What the exchange came to. The numbers and the error text are read now; the headers are the
 * server's (`writer.headers`, which becomes the response's, the caller's to change once this
 * returns), so they are copied now, once, for both the response and the start_response call that
 * set them; the rest is described when the trace is read.
 */
function record_response(span: number, built: BuiltEnviron, writer: ResponseWriter, response: HttpResponseMessage): void {
  const outcome: GatewayOutcome = {
    calls: writer.calls,
    live_headers: response.headers,
    headers: response.headers.map(([k, v]) => [k, v]),
    bytes_written: writer.bytes_written,
    bytes_read: built.input.bytes_read,
    status: response.status,
    reason: response.reason,
    errors: built.errors.getvalue(),
  };
  span_set(span, () => outcome_attrs(outcome));
}

interface GatewayOutcome {
  calls: StartResponseCall[];
  live_headers: [string, string][];
  headers: [string, string][];
  bytes_written: number;
  bytes_read: number;
  status: number;
  reason: string;
  errors: string;
}

function outcome_attrs(o: GatewayOutcome): Attrs {
  const calls: Json[] = o.calls.map((call) => ({ status: safe_json(call.status), headers: safe_json(call.headers === o.live_headers ? o.headers : call.headers), exc_info: call.exc_info }));
  const attrs: Attrs = { start_response: calls, bytes_written: o.bytes_written, bytes_read: o.bytes_read, status: o.status, reason: o.reason, response_headers: o.headers };
  if (o.errors) attrs["wsgi.errors"] = o.errors;
  return attrs;
}

/** The environ for the trace: plain JSON, with the two streams summarised. */
export function environ_json(environ: WSGIEnviron): Attrs {
  const keys = Object.keys(environ);
  const values: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = environ[keys[i]];
  return environ_json_of(keys, values);
}

/** `environ_json` of an environ's keys and values, in order. */
function environ_json_of(keys: readonly string[], values: readonly unknown[]): Attrs {
  const out: Attrs = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = values[i];
    if (key === "wsgi.input") out[key] = (value as { summary?: () => string }).summary?.() ?? "<wsgi.input>";
    else if (key === "wsgi.errors") out[key] = "<wsgi.errors>";
    else out[key] = typeof value === "string" ? value : safe_json(value);
  }
  return out;
}
