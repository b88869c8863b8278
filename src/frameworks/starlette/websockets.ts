/**
 * starlette.websockets: a `websocket` scope and its `receive`/`send` as a connection object with
 * its own state machine on each side (`client_state`, `application_state`: CONNECTING →
 * CONNECTED → DISCONNECTED, or RESPONSE for a denial). `accept()` waits for `websocket.connect`
 * then accepts; `receive_text/bytes/json` raise `WebSocketDisconnect` when the client has gone;
 * `send_text/bytes/json` and `close(code, reason)` send frames. Main class: `WebSocket`.
 */
import { Exception, RuntimeError } from "../python/builtins";
import { utf8_decode, utf8_encode, type Bytes } from "../python/bytes";
import { py_json_dumps } from "../python/json";
import { HTTPConnection } from "./requests";
import type { Response } from "./responses";
import type { Message, Receive, Scope, Send } from "./types";

export enum WebSocketState {
  CONNECTING = 0,
  CONNECTED = 1,
  DISCONNECTED = 2,
  RESPONSE = 3,
}

/** The client closed the connection (its close code and reason). */
export class WebSocketDisconnect extends Exception {
  code: number;
  reason: string;
  constructor(code = 1000, reason: string | null = null) {
    super(`${code}`);
    this.code = code;
    this.reason = reason ?? "";
  }
}

/** Using a WebSocket that is already closed. */
export class WebSocketDisconnected extends RuntimeError {}

export class WebSocket extends HTTPConnection {
  client_state = WebSocketState.CONNECTING;
  application_state = WebSocketState.CONNECTING;

  constructor(
    scope: Scope,
    private readonly _receive: Receive,
    private readonly _send: Send,
  ) {
    super(scope);
  }

  /** The next message from the client, checked against the client's state. */
  async receive(): Promise<Message> {
    if (this.client_state === WebSocketState.CONNECTING) {
      const message = await this._receive();
      if (message.type !== "websocket.connect") throw new RuntimeError(`Expected ASGI message "websocket.connect", but got '${message.type}'`);
      this.client_state = WebSocketState.CONNECTED;
      return message;
    }
    if (this.client_state === WebSocketState.CONNECTED) {
      const message = await this._receive();
      if (message.type !== "websocket.receive" && message.type !== "websocket.disconnect")
        throw new RuntimeError(`Expected ASGI message "websocket.receive" or "websocket.disconnect", but got '${message.type}'`);
      if (message.type === "websocket.disconnect") this.client_state = WebSocketState.DISCONNECTED;
      return message;
    }
    throw new WebSocketDisconnected('Cannot call "receive" once a disconnect message has been received.');
  }

  /** Send a message, checked against the application's state. */
  async send(message: Message): Promise<void> {
    const type = message.type;
    if (this.application_state === WebSocketState.CONNECTING) {
      if (type !== "websocket.accept" && type !== "websocket.close" && type !== "websocket.http.response.start")
        throw new RuntimeError(`Expected ASGI message "websocket.accept", "websocket.close" or "websocket.http.response.start", but got '${type}'`);
      this.application_state = type === "websocket.close" ? WebSocketState.DISCONNECTED : type === "websocket.http.response.start" ? WebSocketState.RESPONSE : WebSocketState.CONNECTED;
      await this._send(message);
    } else if (this.application_state === WebSocketState.CONNECTED) {
      if (type !== "websocket.send" && type !== "websocket.close") throw new RuntimeError(`Expected ASGI message "websocket.send" or "websocket.close", but got '${type}'`);
      if (type === "websocket.close") this.application_state = WebSocketState.DISCONNECTED;
      try {
        await this._send(message);
      } catch (e) {
        if ((e as { constructor?: { python_name?: string } }).constructor?.python_name !== "ClientDisconnected") throw e;
        this.application_state = WebSocketState.DISCONNECTED;
        throw new WebSocketDisconnect(1006);
      }
    } else if (this.application_state === WebSocketState.RESPONSE) {
      if (type !== "websocket.http.response.body") throw new RuntimeError(`Expected ASGI message "websocket.http.response.body", but got '${type}'`);
      if (!message.more_body) this.application_state = WebSocketState.DISCONNECTED;
      await this._send(message);
    } else {
      throw new WebSocketDisconnected('Cannot call "send" once a close message has been sent.');
    }
  }

  /** `await websocket.accept(subprotocol, headers)` */
  async accept(subprotocol: string | null = null, headers: [Bytes, Bytes][] | null = null): Promise<void> {
    if (this.client_state === WebSocketState.CONNECTING) await this.receive();
    await this.send({ type: "websocket.accept", subprotocol, headers: headers ?? [] });
  }

  private raise_on_disconnect(message: Message): void {
    if (message.type === "websocket.disconnect") throw new WebSocketDisconnect(message.code, message.reason ?? null);
  }

  private require_connected(): void {
    if (this.application_state !== WebSocketState.CONNECTED) throw new WebSocketDisconnected('WebSocket is not connected. Need to call "accept" first.');
  }

  async receive_text(): Promise<string> {
    this.require_connected();
    const message = await this.receive();
    this.raise_on_disconnect(message);
    return message.text;
  }

  async receive_bytes(): Promise<Bytes> {
    this.require_connected();
    const message = await this.receive();
    this.raise_on_disconnect(message);
    return message.bytes;
  }

  async receive_json(mode: "text" | "binary" = "text"): Promise<unknown> {
    this.require_connected();
    const message = await this.receive();
    this.raise_on_disconnect(message);
    return JSON.parse(mode === "text" ? message.text : utf8_decode(message.bytes));
  }

  async send_text(data: string): Promise<void> {
    await this.send({ type: "websocket.send", text: data });
  }

  async send_bytes(data: Bytes): Promise<void> {
    await this.send({ type: "websocket.send", bytes: data });
  }

  async send_json(data: unknown, mode: "text" | "binary" = "text"): Promise<void> {
    const text = py_json_dumps(data, { separators: [",", ":"], ensure_ascii: false });
    await this.send(mode === "text" ? { type: "websocket.send", text } : { type: "websocket.send", bytes: utf8_encode(text) });
  }

  async close(code = 1000, reason: string | null = null): Promise<void> {
    await this.send({ type: "websocket.close", code, reason: reason ?? "" });
  }

  /** Refuse the handshake with an HTTP response (the server's websocket.http.response extension). */
  async send_denial_response(response: Response): Promise<void> {
    if (!("websocket.http.response" in (this.scope.extensions ?? {}))) throw new RuntimeError("The server doesn't support the Websocket Denial Response extension.");
    await response.__call__(this.scope, () => this.receive(), (m) => this.send(m));
  }
}

/** An ASGI app that closes the connection (what an unmatched WebSocket route gets). */
export class WebSocketClose {
  reason: string;
  constructor(
    readonly code = 1000,
    reason: string | null = null,
  ) {
    this.reason = reason ?? "";
  }

  async __call__(_scope: Scope, _receive: Receive, send: Send): Promise<void> {
    await send({ type: "websocket.close", code: this.code, reason: this.reason });
  }
}
