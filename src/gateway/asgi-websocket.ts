/**
 * The WebSocket half of the simulated ASGI server (uvicorn's `WSProtocol`): an upgrade request →
 * a `websocket` scope and a running application → frames both ways until one side closes.
 *
 * `WebSocketConnection.open(app, request)` builds the scope, queues `websocket.connect` and starts
 * `app(scope, receive, send)`. The application answers the handshake with `websocket.accept`
 * (optionally a `subprotocol` and extra `headers`), `websocket.close` (the client gets `403`), or
 * a denial response (`websocket.http.response.start` + `.body`). After the accept, the client's
 * frames arrive as `websocket.receive` (`text` or `bytes`), the app's `websocket.send` frames go to
 * the client, and either side closes: the client with `close(code, reason)` (the app receives
 * `websocket.disconnect` with that code, and a later `send` raises `ClientDisconnected`), the app
 * with `websocket.close` (code 1000 unless given; its own next `receive()` is a
 * `websocket.disconnect` carrying that code). Out-of-order messages raise uvicorn's RuntimeError
 * messages. An app that raises before the handshake gets a `500` response; after it, the
 * connection drops (the client sees code 1006). Every message is an `asgi` trace event.
 * Main class: `WebSocketConnection`.
 */
import { describe_error, span_fail, trace_site, tracing_enabled } from "../trace";

/** The scope and messages belong to the application, which may change them: attrs built at the call. */
const MESSAGE = trace_site("asgi", "gateway/asgi-websocket.ts#WebSocketConnection", { eager: true });
import { build_websocket_scope, scope_json, type ScopeOptions } from "./asgi-scope";
import { ASGIRuntimeError, ASGITypeError, message_json, message_type } from "./asgi";
import type { ASGIApplication, ASGIMessage, WebSocketScope } from "./asgi-types";
import { concat, latin1, python_type_name, reason_phrase, type HttpRequestMessage, type HttpResponseMessage } from "./exchange";

/** uvicorn's `ClientDisconnected` (an OSError): the app sent to a connection the client closed. */
export class ClientDisconnected extends Error {
  static python_name = "ClientDisconnected";
}

/** What the client sees from the server, in order. */
export type WebSocketServerEvent =
  | { type: "accept"; subprotocol: string | null; headers: [string, string][] }
  | { type: "text"; text: string }
  | { type: "bytes"; bytes: Uint8Array }
  /** A close frame from the server, or the connection dropped (1006, no frame). */
  | { type: "close"; code: number; reason: string }
  /** The handshake was refused with an HTTP response (403 for a close before accept, 500 on a crash). */
  | { type: "http_response"; response: HttpResponseMessage };

export type HandshakeOutcome =
  | { accepted: true; subprotocol: string | null; headers: [string, string][] }
  | { accepted: false; response: HttpResponseMessage };

export type ConnectionState = "connecting" | "open" | "closed";

const now: () => number = typeof performance !== "undefined" ? () => performance.now() : () => Date.now();
const utf8 = new TextEncoder();

export class WebSocketConnection {
  readonly scope: WebSocketScope;
  state: ConnectionState = "connecting";
  /** The close code and reason once the connection is over. */
  close_status: { code: number; reason: string } | null = null;
  /** Every server event so far (the client's view of the conversation). */
  readonly events: WebSocketServerEvent[] = [];
  readonly server_log: string[] = [];
  /** Resolves when the handshake is answered (accepted, refused, or the app failed). */
  readonly handshake: Promise<HandshakeOutcome>;
  /** Resolves when the application returns (or raises). */
  readonly finished: Promise<void>;

  private handshake_complete = false;
  private close_sent = false;
  private disconnected = false;
  private response_started = false;
  private denial: { status: number; headers: [string, string][]; chunks: Uint8Array[] } | null = null;
  private readonly inbox: ASGIMessage[] = [];
  private inbox_waiter: ((message: ASGIMessage) => void) | null = null;
  private readonly outbox: WebSocketServerEvent[] = [];
  private outbox_waiter: ((event: WebSocketServerEvent | null) => void) | null = null;
  private settle_handshake!: (outcome: HandshakeOutcome) => void;
  private readonly started = now();

  private constructor(
    private readonly app: ASGIApplication,
    request: HttpRequestMessage,
    options: ScopeOptions,
  ) {
    this.scope = build_websocket_scope(request, options);
    this.handshake = new Promise((resolve) => (this.settle_handshake = resolve));
    MESSAGE.event("scope websocket", () => ({ at: 0, scope: scope_json(this.scope) }));
    this.put({ type: "websocket.connect" });
    this.finished = this.run_asgi();
  }

  /** Open a connection: the upgrade request's scope, `websocket.connect`, and the app started. */
  static open(app: ASGIApplication, request: HttpRequestMessage, options: ScopeOptions = {}): WebSocketConnection {
    return new WebSocketConnection(app, request, options);
  }

  // The client's side ---------------------------------------------------------------------------

  /** The client sends a text frame. */
  send_text(text: string): void {
    this.require_open("send a frame");
    this.put({ type: "websocket.receive", text });
  }

  /** The client sends a binary frame. */
  send_bytes(bytes: Uint8Array): void {
    this.require_open("send a frame");
    this.put({ type: "websocket.receive", bytes: bytes.slice() });
  }

  /** The client closes the connection: the app receives `websocket.disconnect` with this code. */
  close(code = 1000, reason = ""): void {
    if (this.state === "closed" || this.disconnected) return;
    this.put({ type: "websocket.disconnect", code, reason });
    this.connection_lost({ code, reason });
  }

  /** The next event from the server; `null` once the connection is over and every event was read. */
  next_event(): Promise<WebSocketServerEvent | null> {
    const event = this.outbox.shift();
    if (event) return Promise.resolve(event);
    if (this.state === "closed") return Promise.resolve(null);
    return new Promise((resolve) => (this.outbox_waiter = resolve));
  }

  // The application's side ----------------------------------------------------------------------

  receive = async (): Promise<ASGIMessage> => {
    const called = this.elapsed();
    const message = this.inbox.shift() ?? (await new Promise<ASGIMessage>((resolve) => (this.inbox_waiter = resolve)));
    this.record("receive", message, called);
    return message;
  };

  send = async (message: ASGIMessage): Promise<void> => {
    const called = this.elapsed();
    try {
      if (this.disconnected) throw new ClientDisconnected("");
      this.accept_message(message_type(message), message);
    } catch (e) {
      this.record("send", message, called, e);
      throw e;
    }
    this.record("send", message, called);
  };

  private accept_message(type: string, message: ASGIMessage): void {
    if (!this.handshake_complete) this.answer_handshake(type, message);
    else if (!this.close_sent && !this.response_started) this.send_frame(type, message);
    else if (this.response_started) this.send_denial_body(type, message);
    else throw new ASGIRuntimeError(`Unexpected ASGI message '${type}', after sending 'websocket.close'.`);
  }

  private answer_handshake(type: string, message: ASGIMessage): void {
    if (type === "websocket.accept") {
      const subprotocol = message.subprotocol === undefined || message.subprotocol === null ? null : String(message.subprotocol);
      const headers = text_headers(message.headers, type);
      this.handshake_complete = true;
      this.state = "open";
      this.emit({ type: "accept", subprotocol, headers });
      this.settle_handshake({ accepted: true, subprotocol, headers });
    } else if (type === "websocket.close") {
      this.put({ type: "websocket.disconnect", code: 1006 });
      this.handshake_complete = true;
      this.close_sent = true;
      this.refuse({ status: 403, reason: reason_phrase(403), headers: [], body: new Uint8Array(0) });
    } else if (type === "websocket.http.response.start") {
      const status = message.status;
      if (typeof status !== "number" || !(status >= 100 && status < 600)) throw new ASGIRuntimeError(`Invalid HTTP status code '${String(status)}' in response.`);
      this.handshake_complete = true;
      this.response_started = true;
      this.denial = { status, headers: text_headers(message.headers, type), chunks: [] };
    } else {
      throw new ASGIRuntimeError(`Expected ASGI message 'websocket.accept', 'websocket.close' or 'websocket.http.response.start' but got '${type}'.`);
    }
  }

  private send_frame(type: string, message: ASGIMessage): void {
    if (type === "websocket.send") {
      const { bytes, text } = message;
      if (bytes !== undefined && bytes !== null) {
        if (!(bytes instanceof Uint8Array)) throw new ASGITypeError(`'websocket.send' needs 'bytes' as bytes, got ${python_type_name(bytes)}.`);
        this.emit({ type: "bytes", bytes: bytes.slice() });
      } else if (typeof text === "string") {
        this.emit({ type: "text", text });
      } else {
        throw new ASGITypeError("'websocket.send' needs 'text' (str) or 'bytes' (bytes).");
      }
    } else if (type === "websocket.close") {
      const code = message.code === undefined || message.code === null ? 1000 : Number(message.code);
      const reason = typeof message.reason === "string" ? message.reason : "";
      this.close_sent = true;
      this.put({ type: "websocket.disconnect", code, reason });
      this.emit({ type: "close", code, reason });
      // The browser answers the close frame; the app, having sent it, gets uvicorn's
      // "after sending 'websocket.close'" error for any later message.
      this.connection_lost({ code, reason }, { answered_close: true });
    } else {
      throw new ASGIRuntimeError(`Expected ASGI message 'websocket.send' or 'websocket.close', but got '${type}'.`);
    }
  }

  private send_denial_body(type: string, message: ASGIMessage): void {
    if (type !== "websocket.http.response.body") throw new ASGIRuntimeError(`Expected ASGI message 'websocket.http.response.body' but got '${type}'.`);
    const body = message.body ?? new Uint8Array(0);
    if (!(body instanceof Uint8Array)) throw new ASGITypeError(`'websocket.http.response.body' needs 'body' as bytes, got ${python_type_name(body)}.`);
    this.denial!.chunks.push(body.slice());
    if (!message.more_body) {
      const { status, headers, chunks } = this.denial!;
      this.put({ type: "websocket.disconnect", code: 1006 });
      this.close_sent = true;
      this.refuse({ status, reason: reason_phrase(status), headers, body: concat(chunks) });
    }
  }

  /** uvicorn's `run_asgi`: run the app, and answer for it when it fails or forgets the handshake. */
  private async run_asgi(): Promise<void> {
    try {
      await this.app(this.scope, this.receive, this.send);
      if (!this.handshake_complete) {
        this.server_log.push("ASGI callable returned without completing handshake.");
        this.send_500_response();
      }
    } catch (e) {
      if (e instanceof ClientDisconnected) return this.connection_lost(null);
      const error = describe_error(e);
      this.server_log.push(`Exception in ASGI application: ${error.type}: ${error.message}`);
      span_fail(MESSAGE.event("exception in ASGI application", () => ({ error: `${error.type}: ${error.message}` })), error);
      this.send_500_response();
    }
    this.connection_lost(null);
  }

  private send_500_response(): void {
    if (this.response_started || this.handshake_complete) return; // too late for an HTTP answer
    this.handshake_complete = true;
    const body = utf8.encode("Internal Server Error");
    this.refuse({
      status: 500,
      reason: reason_phrase(500),
      headers: [["content-type", "text/plain; charset=utf-8"], ["connection", "close"], ["content-length", String(body.length)]],
      body,
    });
  }

  private refuse(response: HttpResponseMessage): void {
    this.emit({ type: "http_response", response });
    this.settle_handshake({ accepted: false, response });
    this.connection_lost({ code: 1006, reason: "" });
  }

  /** The transport is gone: 1006 when nobody sent a close frame. */
  private connection_lost(status: { code: number; reason: string } | null, how: { answered_close?: boolean } = {}): void {
    if (this.state === "closed") return;
    if (!how.answered_close) this.disconnected = true;
    this.state = "closed";
    this.close_status = status ?? { code: 1006, reason: "" };
    if (!status && this.handshake_complete && !this.events.some((e) => e.type === "close" || e.type === "http_response")) this.emit({ type: "close", code: 1006, reason: "" });
    if (this.outbox_waiter && !this.outbox.length) {
      const wake = this.outbox_waiter;
      this.outbox_waiter = null;
      wake(null);
    }
  }

  private require_open(action: string): void {
    if (this.state !== "open") throw new ClientDisconnected(`Cannot ${action}: the WebSocket is ${this.state === "connecting" ? "still connecting" : "closed"}.`);
  }

  private put(message: ASGIMessage): void {
    if (this.inbox_waiter) {
      const wake = this.inbox_waiter;
      this.inbox_waiter = null;
      wake(message);
    } else this.inbox.push(message);
  }

  private emit(event: WebSocketServerEvent): void {
    this.events.push(event);
    if (this.outbox_waiter) {
      const wake = this.outbox_waiter;
      this.outbox_waiter = null;
      wake(event);
    } else this.outbox.push(event);
  }

  private elapsed(): number {
    return now() - this.started;
  }

  private record(direction: "receive" | "send", message: ASGIMessage, called: number, error?: unknown): void {
    if (!tracing_enabled()) return;
    const at = this.elapsed();
    const client = this.scope.client ? [this.scope.client[0], this.scope.client[1]] : null;
    const event = MESSAGE.event(`${direction} ${String((message as { type?: unknown })?.type)}`, () => ({ direction, at, waited: Math.max(0, at - called), message: message_json(message), client }));
    if (error !== undefined) span_fail(event, error);
  }
}

function text_headers(headers: unknown, type: string): [string, string][] {
  if (headers === undefined || headers === null) return [];
  if (!Array.isArray(headers)) throw new ASGITypeError(`'${type}' needs 'headers' as a list of [name, value] byte pairs, got ${python_type_name(headers)}.`);
  return headers.map((pair) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !(pair[0] instanceof Uint8Array) || !(pair[1] instanceof Uint8Array))
      throw new ASGITypeError(`'${type}' headers must be [name, value] byte pairs.`);
    return [latin1(pair[0]), latin1(pair[1])];
  });
}
