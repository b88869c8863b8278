/**
 * channels.generic.websocket: WebSocket events → the methods a learner writes. Main classes:
 * `WebsocketConsumer` (sync), `AsyncWebsocketConsumer`, and their JSON variants
 * `JsonWebsocketConsumer`, `AsyncJsonWebsocketConsumer`.
 *
 *     export class ChatConsumer extends AsyncWebsocketConsumer {
 *       async connect() { … await this.accept(); }                 // websocket.connect
 *       async receive({ text_data }) { … }                          // websocket.receive
 *       async chat_message(event) { await this.send({ text_data: event.message }); }  // "chat.message"
 *       async disconnect(code) { … }                                 // websocket.disconnect
 *     }
 *
 * What each event does:
 *   websocket.connect     join the class's `groups`, then `connect()` (default: `accept()`);
 *                         raising AcceptConnection / DenyConnection there means accept() / close()
 *   websocket.receive     `receive({ text_data })` for a text frame, `receive({ bytes_data })` else
 *   websocket.disconnect  leave `groups`, `disconnect(code)`, then StopConsumer ends the consumer
 *
 * Python's keyword arguments are one options object (ADR 0001): `receive(text_data=…)` arrives as
 * `receive({ text_data })`; `send(text_data="hi")` is `send({ text_data: "hi" })` or `send("hi")`;
 * `close(code=4001)` is `close(4001)` or `close({ code: 4001, reason: "…" })`. The messages sent
 * are Channels' exactly: accept always carries `subprotocol` (null when none) and `headers` only
 * when given; close carries `code` and `reason` only when given.
 */
import { KeyError, ValueError } from "../../python/builtins";
import { py_json_dumps } from "../../python/json";
import { async_to_sync } from "../../asgiref/sync";
import type { Message } from "../../asgiref/typing";
import { AsyncConsumer, SyncConsumer, class_attribute, consumer_call } from "../consumer";
import { AcceptConnection, DenyConnection, InvalidChannelLayerError, StopConsumer } from "../exceptions";
import { json_loads } from "../../python/json_decoder";

export type Headers = [Uint8Array, Uint8Array][] | Iterable<[Uint8Array, Uint8Array]>;
export interface AcceptOptions {
  subprotocol?: string | null;
  headers?: Headers | null;
}
export interface SendOptions {
  text_data?: string | null;
  bytes_data?: Uint8Array | null;
  /** After sending, close: `true` (no code) or a close code. */
  close?: boolean | number;
}
export interface CloseOptions {
  code?: number | boolean | null;
  reason?: string | null;
}
export interface ReceiveArgs {
  text_data?: string | null;
  bytes_data?: Uint8Array | null;
  [key: string]: unknown;
}

// --- the messages, built once for both families -------------------------------------------------

function accept_message(subprotocol_or_options: string | null | AcceptOptions | undefined, headers?: Headers | null): Message {
  const options: AcceptOptions = subprotocol_or_options !== null && typeof subprotocol_or_options === "object" ? subprotocol_or_options : { subprotocol: subprotocol_or_options ?? null, headers };
  const message: Message = { type: "websocket.accept", subprotocol: options.subprotocol ?? null };
  const list = options.headers ? [...options.headers] : [];
  if (list.length) message.headers = list;
  return message;
}

function send_arguments(text_or_options: string | Uint8Array | SendOptions | null | undefined, bytes_data?: Uint8Array | null, close?: boolean | number): Required<SendOptions> {
  if (text_or_options instanceof Uint8Array) return { text_data: null, bytes_data: text_or_options, close: close ?? false };
  if (text_or_options !== null && typeof text_or_options === "object")
    return { text_data: text_or_options.text_data ?? null, bytes_data: text_or_options.bytes_data ?? null, close: text_or_options.close ?? false };
  return { text_data: text_or_options ?? null, bytes_data: bytes_data ?? null, close: close ?? false };
}

function frame_message({ text_data, bytes_data }: Required<SendOptions>): Message {
  if (text_data !== null && text_data !== undefined) return { type: "websocket.send", text: text_data };
  if (bytes_data !== null && bytes_data !== undefined) return { type: "websocket.send", bytes: bytes_data };
  throw new ValueError("You must pass one of bytes_data or text_data");
}

function close_message(code_or_options: number | boolean | null | CloseOptions | undefined, reason?: string | null): Message {
  const options: CloseOptions = code_or_options !== null && typeof code_or_options === "object" ? code_or_options : { code: code_or_options, reason };
  const message: Message = { type: "websocket.close" };
  if (options.code !== null && options.code !== undefined && options.code !== true) message.code = options.code;
  if (options.reason) message.reason = options.reason;
  return message;
}

/**
 * `message["text"]` when not None, else `message["bytes"]` (KeyError when neither is there) — as
 * `receive({ text_data, bytes_data })`, the other one null (Python's default `None`).
 */
function frame_arguments(message: Message): ReceiveArgs {
  if (message.text !== null && message.text !== undefined) return { text_data: message.text as string, bytes_data: null };
  if (!("bytes" in message)) throw new KeyError("bytes");
  return { text_data: null, bytes_data: message.bytes as Uint8Array };
}

/** `message["code"]`: KeyError when the disconnect message has none. */
function disconnect_code(message: Message): number {
  if (!("code" in message)) throw new KeyError("code");
  return message.code as number;
}


/** The consumer's `groups` (a class attribute, or an instance field). */
function groups_of(consumer: AsyncConsumer): string[] {
  return class_attribute<string[] | null>(consumer, "groups", null) ?? [];
}

function no_groups_layer(): InvalidChannelLayerError {
  return new InvalidChannelLayerError("BACKEND is unconfigured or doesn't support groups");
}

// --- WebsocketConsumer --------------------------------------------------------------------------

/** The sync WebSocket consumer: handlers and the methods they call run synchronously. */
export class WebsocketConsumer extends SyncConsumer {
  /** Groups joined on connect and left on disconnect (a class attribute: `static groups = ["lobby"]`). */
  declare groups: string[] | undefined;

  websocket_connect(_message: Message): void {
    for (const group of groups_of(this)) {
      if (!this.channel_layer || typeof this.channel_layer.group_add !== "function") throw no_groups_layer();
      async_to_sync(this.channel_layer.group_add)(group, this.channel_name!);
    }
    try {
      consumer_call(this, "connect", () => ({}), () => this.connect());
    } catch (e) {
      if (e instanceof AcceptConnection) this.accept();
      else if (e instanceof DenyConnection) this.close();
      else throw e;
    }
  }

  /** Called when the client asks to connect: accept by default. */
  connect(): void {
    this.accept();
  }

  /** `accept(subprotocol=None, headers=None)`: `websocket.accept`. */
  accept(subprotocol?: string | null | AcceptOptions, headers?: Headers | null): void {
    super.send(accept_message(subprotocol, headers));
  }

  websocket_receive(message: Message): void {
    const args = frame_arguments(message);
    consumer_call(this, "receive", () => ({ frame: args.text_data !== null ? "text" : "bytes" }), () => this.receive(args));
  }

  /** Called with each frame: `receive({ text_data })` or `receive({ bytes_data })`. */
  receive(_args: ReceiveArgs): void {}

  /** `send(text_data=None, bytes_data=None, close=False)`: a frame to the client (then a close, when asked). */
  override send(text_data?: any, bytes_data?: Uint8Array | null, close?: boolean | number): any {
    const args = send_arguments(text_data, bytes_data, close);
    super.send(frame_message(args));
    if (args.close) this.close(args.close);
  }

  /** `close(code=None, reason=None)`: `websocket.close` (before accepting: refuse the connection). */
  close(code?: number | boolean | null | CloseOptions, reason?: string | null): void {
    super.send(close_message(code, reason));
  }

  websocket_disconnect(message: Message): void {
    for (const group of groups_of(this)) {
      if (!this.channel_layer || typeof this.channel_layer.group_discard !== "function") throw no_groups_layer();
      async_to_sync(this.channel_layer.group_discard)(group, this.channel_name!);
    }
    const code = disconnect_code(message);
    consumer_call(this, "disconnect", () => ({ code }), () => this.disconnect(code));
    throw new StopConsumer();
  }

  /** Called when the connection is closed (after the class's groups were left). */
  disconnect(_code: number): void {}
}

/** A WebsocketConsumer speaking JSON: `receive_json(content)` and `send_json(content)`. */
export class JsonWebsocketConsumer extends WebsocketConsumer {
  override receive(args: ReceiveArgs): void {
    const { text_data, bytes_data: _bytes, ...kwargs } = args;
    if (!text_data) throw new ValueError("No text section for incoming WebSocket frame!");
    const cls = this.constructor as typeof JsonWebsocketConsumer;
    const content = cls.decode_json(text_data);
    consumer_call(this, "receive_json", () => ({}), () => this.receive_json(content, kwargs));
  }

  /** Called with each decoded JSON frame. */
  receive_json(_content: any, _kwargs: Record<string, unknown> = {}): void {}

  /** `send_json(content, close=False)`: `json.dumps(content)` as a text frame. */
  send_json(content: unknown, close: boolean | number | { close?: boolean | number } = false): void {
    const cls = this.constructor as typeof JsonWebsocketConsumer;
    super.send({ text_data: cls.encode_json(content), close: typeof close === "object" ? (close.close ?? false) : close });
  }

  static decode_json(text_data: string): any {
    return json_loads(text_data);
  }

  static encode_json(content: unknown): string {
    return py_json_dumps(content);
  }
}

// --- AsyncWebsocketConsumer ---------------------------------------------------------------------

/** The async WebSocket consumer: the same events, every method awaited. */
export class AsyncWebsocketConsumer extends AsyncConsumer {
  declare groups: string[] | undefined;

  async websocket_connect(_message: Message): Promise<void> {
    for (const group of groups_of(this)) {
      if (!this.channel_layer || typeof this.channel_layer.group_add !== "function") throw no_groups_layer();
      await this.channel_layer.group_add(group, this.channel_name!);
    }
    try {
      await consumer_call(this, "connect", () => ({}), () => this.connect());
    } catch (e) {
      if (e instanceof AcceptConnection) await this.accept();
      else if (e instanceof DenyConnection) await this.close();
      else throw e;
    }
  }

  async connect(): Promise<void> {
    await this.accept();
  }

  async accept(subprotocol?: string | null | AcceptOptions, headers?: Headers | null): Promise<void> {
    await super.send(accept_message(subprotocol, headers));
  }

  async websocket_receive(message: Message): Promise<void> {
    const args = frame_arguments(message);
    await consumer_call(this, "receive", () => ({ frame: args.text_data !== null ? "text" : "bytes" }), () => this.receive(args));
  }

  async receive(_args: ReceiveArgs): Promise<void> {}

  override async send(text_data?: any, bytes_data?: Uint8Array | null, close?: boolean | number): Promise<void> {
    const args = send_arguments(text_data, bytes_data, close);
    await super.send(frame_message(args));
    if (args.close) await this.close(args.close);
  }

  async close(code?: number | boolean | null | CloseOptions, reason?: string | null): Promise<void> {
    await super.send(close_message(code, reason));
  }

  async websocket_disconnect(message: Message): Promise<void> {
    for (const group of groups_of(this)) {
      if (!this.channel_layer || typeof this.channel_layer.group_discard !== "function") throw no_groups_layer();
      await this.channel_layer.group_discard(group, this.channel_name!);
    }
    const code = disconnect_code(message);
    await consumer_call(this, "disconnect", () => ({ code }), () => this.disconnect(code));
    throw new StopConsumer();
  }

  async disconnect(_code: number): Promise<void> {}
}

/** An AsyncWebsocketConsumer speaking JSON. */
export class AsyncJsonWebsocketConsumer extends AsyncWebsocketConsumer {
  override async receive(args: ReceiveArgs): Promise<void> {
    const { text_data, bytes_data: _bytes, ...kwargs } = args;
    if (!text_data) throw new ValueError("No text section for incoming WebSocket frame!");
    const cls = this.constructor as typeof AsyncJsonWebsocketConsumer;
    const content = await cls.decode_json(text_data);
    await consumer_call(this, "receive_json", () => ({}), () => this.receive_json(content, kwargs));
  }

  async receive_json(_content: any, _kwargs: Record<string, unknown> = {}): Promise<void> {}

  async send_json(content: unknown, close: boolean | number | { close?: boolean | number } = false): Promise<void> {
    const cls = this.constructor as typeof AsyncJsonWebsocketConsumer;
    await super.send({ text_data: await cls.encode_json(content), close: typeof close === "object" ? (close.close ?? false) : close });
  }

  static async decode_json(text_data: string): Promise<any> {
    return json_loads(text_data);
  }

  static async encode_json(content: unknown): Promise<string> {
    return py_json_dumps(content);
  }
}
