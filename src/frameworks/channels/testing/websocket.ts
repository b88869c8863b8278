/**
 * channels.testing.websocket: a WebSocket client for tests, no server needed — a URL → a
 * `websocket` scope and an application instance, driven one message at a time.
 * Main class: `WebsocketCommunicator`.
 *
 *     const comm = new WebsocketCommunicator(application, "/ws/chat/lobby/?u=ann");
 *     const [connected, subprotocol] = await comm.connect();
 *     await comm.send_to({ text_data: "hello" });
 *     await comm.receive_from();          // "ann: hello"
 *     await comm.disconnect();
 *
 * The scope is what the communicator in Python builds: `path` percent-decoded, `query_string` the
 * raw query, `headers` and `subprotocols` as given — no `client`, `server`, `root_path`.
 */
import { AssertionError, type_name_of, TypeError } from "../../python/builtins";
import { utf8_encode } from "../../python/bytes";
import { py_json_dumps } from "../../python/json";
import { json_loads } from "../../python/json_decoder";
import { urlsplit, unquote } from "../../python/urllib/parse";
import { ApplicationCommunicator } from "../../asgiref/testing";
import type { ASGIApplicationLike, Message } from "../../asgiref/typing";

export class WebsocketCommunicator extends ApplicationCommunicator {
  response_headers: unknown[] | null = null;

  constructor(application: ASGIApplicationLike, path: string, headers: [Uint8Array, Uint8Array][] | null = null, subprotocols: string[] | null = null, spec_version: string | null = null) {
    if (typeof path !== "string") throw new TypeError(`Expected str, got ${type_name_of(path)}`);
    const parsed = urlsplit(path);
    const scope: Record<string, unknown> = {
      type: "websocket",
      path: unquote(parsed.path),
      query_string: utf8_encode(parsed.query),
      headers: headers ?? [],
      subprotocols: subprotocols ?? [],
    };
    if (spec_version) scope.spec_version = spec_version;
    super(application, scope as { type: string });
  }

  /** `await connect(timeout=1)`: `[true, subprotocol]` when accepted, `[false, close code]` (1000 when none) when not. */
  async connect(timeout = 1): Promise<[boolean, unknown]> {
    await this.send_input({ type: "websocket.connect" });
    const response = await this.receive_output(timeout);
    if (response.type === "websocket.close") return [false, response.code ?? 1000];
    this.response_headers = (response.headers as unknown[] | undefined) ?? [];
    return [true, response.subprotocol ?? null];
  }

  /** `await send_to(text_data=None, bytes_data=None)`: exactly one of them, as a `websocket.receive`. */
  async send_to(data: { text_data?: string | null; bytes_data?: Uint8Array | null }): Promise<void> {
    const { text_data, bytes_data } = data;
    if (Boolean(text_data) === Boolean(bytes_data && bytes_data.length)) throw new AssertionError("You must supply exactly one of text_data or bytes_data");
    if (text_data) {
      if (typeof text_data !== "string") throw new AssertionError("The text_data argument must be a str");
      await this.send_input({ type: "websocket.receive", text: text_data });
    } else {
      if (!(bytes_data instanceof Uint8Array)) throw new AssertionError("The bytes_data argument must be bytes");
      await this.send_input({ type: "websocket.receive", bytes: bytes_data });
    }
  }

  /** `await send_json_to(data)`: `json.dumps(data)` as a text frame. */
  async send_json_to(data: unknown): Promise<void> {
    await this.send_to({ text_data: py_json_dumps(data) });
  }

  /** `await receive_from(timeout=1)`: the next frame's text or bytes (AssertionError for anything but a frame). */
  async receive_from(timeout = 1): Promise<string | Uint8Array> {
    const response: Message = await this.receive_output(timeout);
    if (response.type !== "websocket.send") throw new AssertionError(`Expected type 'websocket.send', but was '${String(response.type)}'`);
    if (response.text !== undefined && response.text !== null) {
      if (typeof response.text !== "string") throw new AssertionError(`Expected type 'str' for text`);
      return response.text;
    }
    if (!(response.bytes instanceof Uint8Array)) throw new AssertionError("Expected type 'bytes' for bytes");
    return response.bytes;
  }

  /** `await receive_json_from(timeout=1)`: the next text frame, decoded. */
  async receive_json_from(timeout = 1): Promise<unknown> {
    const payload = await this.receive_from(timeout);
    if (typeof payload !== "string") throw new AssertionError("JSON data is not a text frame");
    return json_loads(payload);
  }

  /** `await disconnect(code=1000, timeout=1)`: `websocket.disconnect`, then wait for the application to end. */
  async disconnect(code = 1000, timeout = 1): Promise<void> {
    await this.send_input({ type: "websocket.disconnect", code });
    await this.wait(timeout);
  }
}
