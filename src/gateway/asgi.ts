/**
 * The simulated ASGI server (uvicorn's part): an HTTP request message → `await app(scope,
 * receive, send)` → an HTTP response message; the application's lifespan; and (in
 * `asgi-websocket.ts`) WebSocket connections.
 *
 * `serve_asgi` builds the `http` scope (asgi-scope.ts), then runs one `RequestResponseCycle`:
 * `receive()` hands the application the request body as one `http.request` message, and once the
 * response is complete answers `http.disconnect` (a later `receive()` waits for that, as uvicorn's
 * does); `send()` accepts `http.response.start` then `http.response.body` messages until one
 * has `more_body` false, and raises uvicorn's RuntimeError for any other order. An application
 * that raises before starting its response, or returns without starting it, gets uvicorn's
 * `500 Internal Server Error`; one that returns with the body unfinished has its response cut
 * short. The server waits for the application to return (Starlette runs background tasks after the
 * last body message), so the trace holds everything the request caused.
 *
 * Tracing: the exchange is one `gateway` span; the scope and every message received or sent is an
 * `asgi` span (`attrs.at` is its time in ms since the scope was built). `Lifespan` runs the
 * `lifespan` scope's startup and shutdown. Main function: `serve_asgi`; main classes:
 * `RequestResponseCycle`, `Lifespan`.
 */
import { describe_error, span_close, span_fail, span_set, trace_site, tracing_enabled, type Attrs } from "../trace";

// The scope and the messages belong to the application, which changes them (Starlette stores its
// router and endpoint in the scope): their attrs are built at the call (eager sites).
const GATEWAY = trace_site("gateway", "gateway/asgi.ts#serve_asgi", { eager: true });
const MESSAGE = trace_site("asgi", "gateway/asgi.ts#RequestResponseCycle", { eager: true });
const LIFESPAN = trace_site("gateway", "gateway/asgi.ts#Lifespan", { eager: true });
const LIFESPAN_MESSAGE = trace_site("asgi", "gateway/asgi.ts#Lifespan", { eager: true });
import { asgi_value_json, build_http_scope, build_lifespan_scope, scope_json, type ScopeOptions } from "./asgi-scope";
import type { ASGIApplication, ASGIMessage, HTTPScope, LifespanScope } from "./asgi-types";
import { concat, finish_exchange, latin1, python_type_name, reason_phrase, request_body, type HttpRequestMessage, type HttpResponseMessage } from "./exchange";

export * from "./asgi-types";
export { build_http_scope, build_websocket_scope, build_lifespan_scope, scope_json, unquote } from "./asgi-scope";

/** uvicorn's own 500 page, sent when the application fails before its response starts. */
export const ASGI_ERROR_BODY = "Internal Server Error";

/** Python's RuntimeError, which uvicorn raises into the application for a message out of order. */
export class ASGIRuntimeError extends Error {
  static python_name = "RuntimeError";
}

/** A message the ASGI spec does not allow (a missing or mistyped field). */
export class ASGITypeError extends Error {
  static python_name = "TypeError";
}

/** An AssertionError raised by the server (the lifespan protocol's state checks). */
export class ASGIAssertionError extends Error {
  static python_name = "AssertionError";
}

export interface ServeOptions extends ScopeOptions {}

/**
 * Serve one request over ASGI. Never throws: a failing application becomes uvicorn's 500 (or a
 * truncated response), and what went wrong is recorded on the gateway span.
 */
export async function serve_asgi(app: ASGIApplication, request: HttpRequestMessage, options: ServeOptions = {}): Promise<HttpResponseMessage> {
  const scope = build_http_scope(request, options);
  const tracing = tracing_enabled(); // off: no span name built, no attrs closure made
  const span = tracing ? GATEWAY.open(`ASGI ${request.method} ${request.target}`, () => ({ protocol: "asgi", type: "http", method: scope.method, path: scope.path })) : -1;
  const cycle = new RequestResponseCycle(scope, request_body(request));
  if (tracing) MESSAGE.event("scope http", () => ({ at: 0, scope: scope_json(scope) }));
  await run_asgi(app, cycle, span);
  const response = finish_exchange(request.method, cycle.response_message());
  if (span >= 0) span_set(span, { status: response.status, reason: response.reason, response_headers: response.headers.map(([k, v]) => [k, v]), bytes_sent: cycle.bytes_sent, ...cycle.summary() });
  span_close(span);
  return response;
}

const DONE: Promise<void> = Promise.resolve();

/** uvicorn's `RequestResponseCycle.run_asgi`: call the app, and judge how it ended. */
async function run_asgi(app: ASGIApplication, cycle: RequestResponseCycle, span: number): Promise<void> {
  let result: unknown;
  try {
    result = await app(cycle.scope, cycle.receive, cycle.send);
  } catch (e) {
    span_fail(span, e);
    cycle.log(`Exception in ASGI application: ${describe_error(e).type}: ${describe_error(e).message}`);
    if (!cycle.response_started) await cycle.send_500_response();
    else if (!cycle.response_complete) cycle.close_transport();
    return;
  } finally {
    cycle.app_returned();
  }
  if (result !== undefined && result !== null) {
    cycle.log(`ASGI callable should return None, but returned '${python_type_name(result)}'.`);
    cycle.close_transport();
  } else if (!cycle.response_started) {
    cycle.log("ASGI callable returned without starting response.");
    await cycle.send_500_response();
  } else if (!cycle.response_complete) {
    cycle.log("ASGI callable returned without completing response.");
    cycle.close_transport();
  }
}

/**
 * One request and its response, as uvicorn's `RequestResponseCycle`: the `receive` and `send`
 * callables the application gets, the order rules they enforce, and the response they collect.
 */
export class RequestResponseCycle {
  response_started = false;
  response_complete = false;
  status = 0;
  headers: [string, string][] = [];
  readonly chunks: Uint8Array[] = [];
  bytes_sent = 0;
  private body_sent = false;
  private transport_closed = false;
  private returned = false;
  private readonly started = tracing_enabled() ? now() : 0;
  /** Messages received and sent (the gateway span's `messages`). */
  private message_count = 0;
  /** uvicorn's log lines about this cycle (made when there is one). */
  private server_log: string[] | null = null;
  private wake_disconnect: (() => void) | null = null;
  private disconnected: Promise<void> | null = null;
  /** The callables the application gets (bound once: no closure named per request). */
  readonly receive: () => Promise<ASGIMessage>;
  readonly send: (message: ASGIMessage) => Promise<void>;

  constructor(
    readonly scope: HTTPScope,
    private readonly body: Uint8Array,
  ) {
    this.receive = this.receive_message.bind(this);
    this.send = this.send_message.bind(this);
  }

  /** Resolves when the response is complete or the connection closes (created when someone waits). */
  private until_disconnect(): Promise<void> {
    if (!this.disconnected) this.disconnected = new Promise((resolve) => (this.wake_disconnect = resolve));
    return this.disconnected;
  }

  /** `await receive()`: the body once, then `http.disconnect` after the response is complete. */
  private async receive_message(): Promise<ASGIMessage> {
    const called = this.elapsed();
    if (!this.body_sent && !this.response_complete && !this.transport_closed) {
      this.body_sent = true;
      const message = { type: "http.request", body: this.body, more_body: false };
      this.record("receive", message, called);
      return message;
    }
    if (!this.response_complete && !this.transport_closed) await this.until_disconnect();
    const message = { type: "http.disconnect" };
    this.record("receive", message, called);
    return message;
  }

  /** `await send(message)`: start, then body until `more_body` is false; anything else raises. (Nothing here waits: a settled promise, no async frame.) */
  private send_message(message: ASGIMessage): Promise<void> {
    const called = this.elapsed();
    if (this.transport_closed) return DONE; // uvicorn drops messages once the connection is gone
    try {
      this.accept_message(message_type(message), message);
    } catch (e) {
      this.record("send", message, called, e);
      return Promise.reject(e);
    }
    this.record("send", message, called);
    return DONE;
  }

  private accept_message(type: string, message: ASGIMessage): void {
    if (!this.response_started) {
      if (type !== "http.response.start") throw new ASGIRuntimeError(`Expected ASGI message 'http.response.start', but got '${type}'.`);
      this.start_response(message);
    } else if (!this.response_complete) {
      if (type !== "http.response.body") throw new ASGIRuntimeError(`Expected ASGI message 'http.response.body', but got '${type}'.`);
      this.write_body(message);
    } else {
      throw new ASGIRuntimeError(`Unexpected ASGI message '${type}' sent, after response already completed.`);
    }
  }

  private start_response(message: ASGIMessage): void {
    const status = message.status;
    if (typeof status !== "number" || !Number.isInteger(status)) throw new ASGITypeError(`ASGI message 'http.response.start' needs an int 'status', got ${python_type_name(status)}.`);
    if (status < 100 || status > 999) throw new ASGIRuntimeError(`Invalid HTTP status code '${status}' in response.`);
    this.status = status;
    this.headers = response_headers(message.headers);
    this.response_started = true;
  }

  private write_body(message: ASGIMessage): void {
    const body = message.body ?? new Uint8Array(0);
    if (!(body instanceof Uint8Array)) throw new ASGITypeError(`ASGI message 'http.response.body' needs 'body' as bytes, got ${python_type_name(body)}.`);
    this.chunks.push(body.slice());
    this.bytes_sent += body.length;
    if (!message.more_body) {
      this.response_complete = true;
      this.wake_disconnect?.();
    }
  }

  /** uvicorn's `send_500_response`, through the same `send` (so it is traced like any message). */
  async send_500_response(): Promise<void> {
    await this.send({ type: "http.response.start", status: 500, headers: [[bytes("content-type"), bytes("text/plain; charset=utf-8")], [bytes("connection"), bytes("close")]] });
    await this.send({ type: "http.response.body", body: bytes(ASGI_ERROR_BODY), more_body: false });
  }

  /** The connection closes under an unfinished response: the client keeps what it got. */
  close_transport(): void {
    if (this.transport_closed) return;
    this.transport_closed = true;
    this.wake_disconnect?.();
    MESSAGE.event("connection closed", () => ({ at: this.elapsed(), response_complete: this.response_complete, bytes_sent: this.bytes_sent }));
  }

  app_returned(): void {
    this.returned = true;
  }

  log(line: string): void {
    (this.server_log ??= []).push(line);
  }

  response_message(): HttpResponseMessage {
    return { status: this.status, reason: reason_phrase(this.status), headers: this.headers, body: concat(this.chunks) };
  }

  /** What the gateway span adds about the cycle. */
  summary(): Attrs {
    const out: Attrs = { messages: this.message_count, response_complete: this.response_complete, app_returned: this.returned };
    if (this.server_log) out.server_log = [...this.server_log];
    if (this.transport_closed) out.connection_closed = true;
    return out;
  }

  private elapsed(): number {
    if (this.started === 0) return 0; // tracing off: no clock
    return now() - this.started;
  }

  private record(direction: "receive" | "send", message: ASGIMessage, called: number, error?: unknown): void {
    this.message_count++;
    if (!tracing_enabled()) return;
    const at = this.elapsed();
    const event = MESSAGE.event(`${direction} ${String((message as { type?: unknown })?.type)}`, () => ({ direction, at, waited: Math.max(0, at - called), message: message_json(message) }));
    if (error !== undefined) span_fail(event, error);
  }
}

/** The app's `[(b"content-type", b"text/plain")]` → text pairs for the HTTP message. */
function response_headers(headers: unknown): [string, string][] {
  if (headers === undefined || headers === null) return [];
  if (!isIterable(headers)) throw new ASGITypeError(`ASGI message 'http.response.start' needs 'headers' as an iterable of [name, value] byte pairs, got ${python_type_name(headers)}.`);
  const out: [string, string][] = [];
  for (const pair of headers) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new ASGITypeError(`ASGI header ${asgi_value_json(pair)} is not a [name, value] pair.`);
    const name: unknown = pair[0];
    const value: unknown = pair[1];
    if (!(name instanceof Uint8Array) || !(value instanceof Uint8Array))
      throw new ASGITypeError(`ASGI header names and values must be bytes, got [${python_type_name(name)}, ${python_type_name(value)}].`);
    out.push([header_text(name), header_text(value)]);
  }
  return out;
}

/**
 * Header bytes → text, as uvicorn writes them on the wire (Latin-1). The response classes send the
 * same arrays with every response (Starlette's `content-type` name and value, the `content-length`
 * of a size seen before), so an array seen twice has its text remembered. Bytes are Python's
 * `bytes` here, immutable: nothing in the lab writes into an array once it is sent (the frameworks
 * share these constants between responses), which is what makes remembering them by identity
 * sound. An array seen once (a cookie made for this response) is only decoded: remembering every
 * array would cost more than it saves.
 */
const HEADER_TEXT = new WeakMap<Uint8Array, string>();
const RECENT_HEADERS: (Uint8Array | undefined)[] = new Array(16);
let recent_header = 0;

function header_text(bytes: Uint8Array): string {
  const known = HEADER_TEXT.get(bytes);
  if (known !== undefined) return known;
  const text = latin1(bytes);
  if (bytes.length <= 256) {
    if (RECENT_HEADERS.includes(bytes)) HEADER_TEXT.set(bytes, text);
    else RECENT_HEADERS[recent_header++ & 15] = bytes;
  }
  return text;
}

/** A message's `type`, checked (every ASGI event is a dict with a str `type`). */
export function message_type(message: unknown): string {
  if (message === null || typeof message !== "object") throw new ASGITypeError(`An ASGI message must be a dict with a 'type', got ${python_type_name(message)}.`);
  const type = (message as { type?: unknown }).type;
  if (typeof type !== "string") throw new ASGITypeError(`An ASGI message needs a str 'type', got ${python_type_name(type)}.`);
  return type;
}

/** A message as JSON for the trace: bytes as `b'…'`, headers as text pairs. */
export function message_json(message: unknown): Attrs {
  if (message === null || typeof message !== "object") return { value: asgi_value_json(message) };
  return scope_json(message as Record<string, unknown>);
}

/**
 * The `lifespan` scope, run as uvicorn's "auto" mode does: startup sends `lifespan.startup` and
 * waits for `lifespan.startup.complete` (or `.failed`); an application that raises before
 * answering does not speak the protocol ("ASGI 'lifespan' protocol appears unsupported.") and is
 * served anyway; shutdown does the same with `lifespan.shutdown`. The state dict the application
 * fills at startup is copied into every request's scope (`state` here, `ServeOptions.state`).
 */
export class Lifespan {
  readonly state: Record<string, unknown> = {};
  readonly scope: LifespanScope;
  readonly log: string[] = [];
  startup_failed = false;
  shutdown_failed = false;
  error_occurred = false;
  private readonly queue: ASGIMessage[] = [];
  private waiting: ((message: ASGIMessage) => void) | null = null;
  private startup_done = false;
  private shutdown_done = false;
  private signal: (() => void) | null = null;
  private main: Promise<void> | null = null;

  constructor(private readonly app: ASGIApplication) {
    this.scope = build_lifespan_scope(this.state);
  }

  /** Start the app's lifespan task and wait for it to say startup is done. */
  async startup(): Promise<{ ok: boolean; message?: string }> {
    return this.phase("startup", () => {
      this.main = this.run_main();
    });
  }

  /** Ask the app to shut down and wait for it (nothing to do when the protocol is unsupported). */
  async shutdown(): Promise<{ ok: boolean; message?: string }> {
    if (this.error_occurred || !this.main) return { ok: true };
    return this.phase("shutdown", () => {});
  }

  private async phase(name: "startup" | "shutdown", begin: () => void): Promise<{ ok: boolean; message?: string }> {
    const span = LIFESPAN.open(`ASGI lifespan ${name}`, () => ({ protocol: "asgi", scope: scope_json(this.scope) }));
    const done = new Promise<void>((resolve) => (this.signal = resolve));
    begin();
    this.put({ type: `lifespan.${name}` });
    await done;
    const failed = name === "startup" ? this.startup_failed : this.shutdown_failed;
    const message = failed ? `Application ${name} failed. Exiting.` : `Application ${name} complete.`;
    this.log.push(message);
    if (span >= 0) span_set(span, { outcome: message, log: [...this.log], unsupported: this.error_occurred && !failed });
    span_close(span);
    return failed ? { ok: false, message } : { ok: true };
  }

  private async run_main(): Promise<void> {
    try {
      await this.app(this.scope, this.receive, this.send);
    } catch (e) {
      this.error_occurred = true;
      if (!this.startup_failed && !this.shutdown_failed) {
        this.log.push("ASGI 'lifespan' protocol appears unsupported.");
        LIFESPAN_MESSAGE.event("lifespan unsupported", () => ({ error: `${describe_error(e).type}: ${describe_error(e).message}` }));
      }
    } finally {
      this.startup_done = true;
      this.shutdown_done = true;
      this.signal?.();
    }
  }

  private put(message: ASGIMessage): void {
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = null;
      wake(message);
    } else this.queue.push(message);
  }

  receive = async (): Promise<ASGIMessage> => {
    const message = this.queue.shift() ?? (await new Promise<ASGIMessage>((resolve) => (this.waiting = resolve)));
    LIFESPAN_MESSAGE.event(`receive ${String(message.type)}`, () => ({ direction: "receive", message: message_json(message) }));
    return message;
  };

  send = async (message: ASGIMessage): Promise<void> => {
    const type = message_type(message);
    LIFESPAN_MESSAGE.event(`send ${type}`, () => ({ direction: "send", message: message_json(message) }));
    if (!["lifespan.startup.complete", "lifespan.startup.failed", "lifespan.shutdown.complete", "lifespan.shutdown.failed"].includes(type)) throw new ASGIAssertionError("");
    const startup = type.startsWith("lifespan.startup");
    if (startup ? this.startup_done || this.shutdown_done : !this.startup_done || this.shutdown_done)
      throw new ASGIAssertionError("Got invalid state transition on lifespan protocol.");
    if (type.endsWith(".failed")) {
      if (startup) this.startup_failed = true;
      else this.shutdown_failed = true;
      if (typeof message.message === "string" && message.message) this.log.push(message.message);
    }
    if (startup) this.startup_done = true;
    else this.shutdown_done = true;
    this.signal?.();
  };
}

const now: () => number = typeof performance !== "undefined" ? () => performance.now() : () => Date.now();

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function";
}

export { WebSocketConnection, ClientDisconnected, type WebSocketServerEvent, type HandshakeOutcome, type ConnectionState } from "./asgi-websocket";
