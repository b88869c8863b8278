/**
 * WebSockets in the Preview: a rendered page's `new WebSocket(url)` → a simulated client of the
 * project (never a real socket: the Preview's network policy stays closed). Main class:
 * `PreviewSockets`; the frame's side is `PREVIEW_SOCKET_SHIM`, which the Preview's bridge runs.
 *
 *   frame (the page's JavaScript)            the page (this module)            the runtime
 *   new WebSocket("ws://…/ws/chat/lobby/") → {kind: "ws_open", socket, url}  → session.openClient("page:1", "/ws/chat/lobby/")
 *   socket.send("hi")                       → {kind: "ws_send", socket, text} → session.sendFrame(…)
 *   socket.onmessage ← {kind: "ws_event", socket, event: {type: "message", text}} ← the server's frames for "page:1"
 *
 * The frame and the page talk over the bridge's private MessagePort; every message from the frame
 * is checked here (shape, sizes, rate) before anything reaches the runtime, and a URL naming
 * another host is refused. When the document goes away (a navigation, the tab closed), its open
 * sockets close with 1001, as a browser closes them.
 */
import type { WebSocketServerEvent } from "../../runtime/protocol";
import { socketTarget } from "../http/websocket";

/** What the frame may ask, after validation. */
export type PreviewSocketMessage =
  | { kind: "ws_open"; socket: number; url: string; protocols: string[] }
  | { kind: "ws_send"; socket: number; text: string }
  | { kind: "ws_send"; socket: number; bytes: Uint8Array }
  | { kind: "ws_close"; socket: number; code: number; reason: string };

/** What the page tells the frame about one of its sockets. */
export type PreviewSocketEvent =
  | { type: "open"; protocol: string }
  | { type: "message"; text: string }
  | { type: "message"; bytes: Uint8Array }
  | { type: "error" }
  | { type: "close"; code: number; reason: string; clean: boolean };

const MAX_SOCKETS = 20;
const MAX_FRAME_BYTES = 1_000_000;
const MAX_MESSAGES_PER_SECOND = 30;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;

/** Check one message from the frame; null when it is not a well-formed socket request. */
export function parseSocketMessage(data: unknown): PreviewSocketMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.socket !== "number" || !Number.isInteger(m.socket) || m.socket < 1 || m.socket > 1_000_000) return null;
  const socket = m.socket;
  if (m.kind === "ws_open") {
    if (typeof m.url !== "string" || m.url.length > 2000 || !Array.isArray(m.protocols) || m.protocols.length > 20) return null;
    if (!m.protocols.every((p) => typeof p === "string" && TOKEN.test(p))) return null;
    return { kind: "ws_open", socket, url: m.url, protocols: m.protocols as string[] };
  }
  if (m.kind === "ws_send") {
    if (typeof m.text === "string") return m.text.length <= MAX_FRAME_BYTES ? { kind: "ws_send", socket, text: m.text } : null;
    const bytes = m.bytes instanceof ArrayBuffer ? new Uint8Array(m.bytes) : m.bytes instanceof Uint8Array ? m.bytes : null;
    return bytes && bytes.length <= MAX_FRAME_BYTES ? { kind: "ws_send", socket, bytes: bytes.slice() } : null;
  }
  if (m.kind === "ws_close") {
    const code = m.code === undefined ? 1000 : m.code;
    if (typeof code !== "number" || !Number.isInteger(code) || !(code === 1000 || (code >= 3000 && code <= 4999))) return null;
    const reason = m.reason === undefined ? "" : m.reason;
    if (typeof reason !== "string" || new TextEncoder().encode(reason).length > 123) return null;
    return { kind: "ws_close", socket, code, reason };
  }
  return null;
}

/** The session's side of a Preview socket (src/ui/session.ts). */
export interface SocketSession {
  openClient(name: string, target: string, options: { subprotocols?: string[]; origin?: "panel" | "preview" }): Promise<boolean>;
  sendFrame(name: string, frame: { text: string } | { bytes: Uint8Array }): Promise<void>;
  closeClient(name: string, code?: number, reason?: string): Promise<void>;
  setClientSink(name: string, sink: ((event: WebSocketServerEvent) => void) | null): void;
}

/** The sockets of one Preview document. */
export class PreviewSockets {
  private readonly names = new Map<number, string>();
  private readonly open = new Set<number>();
  private recent: number[] = [];
  private disposed = false;

  constructor(
    private readonly session: SocketSession,
    /** How this document's sockets are named in the Clients panel: `page:1`, `tab 2:1`. */
    private readonly prefix: string,
    /** The page's own address, to resolve relative socket URLs against. */
    private readonly pageTarget: string,
    private readonly post: (socket: number, event: PreviewSocketEvent) => void,
    private readonly refuse: (text: string) => void,
    /** Hosts that mean "this site" besides the simulated one (the page's own, which the frame's location has). */
    private readonly own_hosts: string[] = [],
  ) {}

  /** A checked message from the frame. */
  handle(message: PreviewSocketMessage): void {
    if (this.disposed || !this.within_rate()) return;
    if (message.kind === "ws_open") return void this.open_socket(message.socket, message.url, message.protocols);
    const name = this.names.get(message.socket);
    if (!name || !this.open.has(message.socket)) return;
    if (message.kind === "ws_send") void this.session.sendFrame(name, "text" in message ? { text: message.text } : { bytes: message.bytes });
    else {
      this.open.delete(message.socket);
      void this.session.closeClient(name, message.code, message.reason).then(() => this.post(message.socket, { type: "close", code: message.code, reason: message.reason, clean: true }));
    }
  }

  /** The document is gone: its sockets close with 1001 (going away). */
  dispose(): void {
    this.disposed = true;
    for (const socket of this.open) void this.session.closeClient(this.names.get(socket)!, 1001, "");
    for (const name of this.names.values()) this.session.setClientSink(name, null);
    this.open.clear();
  }

  private within_rate(): boolean {
    const now = performance.now();
    this.recent = this.recent.filter((t) => now - t < 1000);
    if (this.recent.length >= MAX_MESSAGES_PER_SECOND) return false;
    this.recent.push(now);
    return true;
  }

  private async open_socket(socket: number, url: string, protocols: string[]): Promise<void> {
    if (this.names.has(socket) || this.names.size >= MAX_SOCKETS) return this.fail(socket, `The page opened more than ${MAX_SOCKETS} WebSockets; the rest were refused.`);
    const resolved = socketTarget(rewrite_own_host(url, this.own_hosts), this.pageTarget);
    if ("refused" in resolved) return this.fail(socket, resolved.refused);
    const name = `${this.prefix}:${socket}`;
    this.names.set(socket, name);
    this.session.setClientSink(name, (event) => this.from_server(socket, event));
    await this.session.openClient(name, resolved.target, { subprotocols: protocols, origin: "preview" });
  }

  /** A server event for one of this document's sockets → what the frame's WebSocket does. */
  private from_server(socket: number, event: WebSocketServerEvent): void {
    if (this.disposed) return;
    switch (event.type) {
      case "accept":
        this.open.add(socket);
        return this.post(socket, { type: "open", protocol: event.subprotocol ?? "" });
      case "text":
        return this.post(socket, { type: "message", text: event.text });
      case "bytes":
        return this.post(socket, { type: "message", bytes: event.bytes.slice() });
      case "close":
        this.open.delete(socket);
        return this.post(socket, { type: "close", code: event.code, reason: event.reason, clean: event.code !== 1006 });
      case "http_response":
        this.open.delete(socket);
        this.post(socket, { type: "error" });
        return this.post(socket, { type: "close", code: 1006, reason: "", clean: false });
    }
  }

  private fail(socket: number, text: string): void {
    this.refuse(text);
    this.post(socket, { type: "error" });
    this.post(socket, { type: "close", code: 1006, reason: "", clean: false });
  }
}

/** The frame's own location has the page's host (`localhost:4173`): a URL built from it means this site. */
function rewrite_own_host(url: string, own_hosts: string[]): string {
  for (const host of own_hosts) {
    const prefix = new RegExp(`^(wss?|https?)://${host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[/?#]|$)`, "i");
    if (prefix.test(url)) return url.replace(prefix, "$1://");
  }
  return url;
}

/**
 * Runs in the Preview frame, inside the bridge (after `send`, the bridge's private port, exists):
 * `window.WebSocket` becomes a stand-in speaking to the page instead of the network. `receive` is
 * the bridge's handler for the page's `ws_event` messages. Plain JavaScript, no imports.
 */
export const PREVIEW_SOCKET_SHIM = `
  var sockets = {};
  var nextSocket = 1;
  var NativeEventTarget = EventTarget;
  var dispatch = bind(Function.prototype.call, EventTarget.prototype.dispatchEvent);
  function fire(socket, event) {
    var handler = socket["on" + event.type];
    if (typeof handler === "function") handler.call(socket, event);
    dispatch(socket, event);
  }
  class WebSocket extends NativeEventTarget {
    constructor(url, protocols) {
      super();
      if (arguments.length < 1) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      var list = protocols === undefined ? [] : typeof protocols === "string" ? [protocols] : Array.from(protocols, String);
      this.url = String(url);
      this.protocol = "";
      this.extensions = "";
      this.readyState = 0;
      this.bufferedAmount = 0;
      this.binaryType = "blob";
      this.onopen = null;
      this.onmessage = null;
      this.onerror = null;
      this.onclose = null;
      Object.defineProperty(this, "_socket", { value: nextSocket++ });
      sockets[this._socket] = this;
      send({ kind: "ws_open", socket: this._socket, url: this.url, protocols: list });
    }
    send(data) {
      if (this.readyState === 0) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", "InvalidStateError");
      if (this.readyState !== 1) return;
      var id = this._socket;
      if (typeof data === "string") send({ kind: "ws_send", socket: id, text: data });
      else if (data instanceof ArrayBuffer) send({ kind: "ws_send", socket: id, bytes: data.slice(0) });
      else if (ArrayBuffer.isView(data)) send({ kind: "ws_send", socket: id, bytes: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) });
      else if (data instanceof Blob) data.arrayBuffer().then(function (b) { send({ kind: "ws_send", socket: id, bytes: b }); });
      else send({ kind: "ws_send", socket: id, text: String(data) });
    }
    close(code, reason) {
      if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999)) throw new DOMException("Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. " + code + " is neither.", "InvalidAccessError");
      if (this.readyState >= 2) return;
      var wasConnecting = this.readyState === 0;
      this.readyState = 2;
      send({ kind: "ws_close", socket: this._socket, code: code === undefined ? 1000 : code, reason: reason === undefined ? "" : String(reason) });
      if (wasConnecting) receive({ kind: "ws_event", socket: this._socket, event: { type: "close", code: 1006, reason: "", clean: false } });
    }
  }
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name, value) {
    Object.defineProperty(WebSocket, name, { value: value });
    Object.defineProperty(WebSocket.prototype, name, { value: value });
  });
  window.WebSocket = WebSocket;
  function receive(message) {
    if (!message || message.kind !== "ws_event") return;
    var socket = sockets[message.socket];
    var event = message.event;
    if (!socket || !event || socket.readyState === 3) return;
    if (event.type === "open" && socket.readyState === 0) {
      socket.readyState = 1;
      socket.protocol = String(event.protocol || "");
      fire(socket, new Event("open"));
    } else if (event.type === "message" && socket.readyState === 1) {
      var data = typeof event.text === "string" ? event.text : socket.binaryType === "arraybuffer" ? event.bytes.buffer.slice(event.bytes.byteOffset, event.bytes.byteOffset + event.bytes.byteLength) : new Blob([event.bytes]);
      fire(socket, new MessageEvent("message", { data: data }));
    } else if (event.type === "error") {
      fire(socket, new Event("error"));
    } else if (event.type === "close") {
      socket.readyState = 3;
      delete sockets[message.socket];
      fire(socket, new CloseEvent("close", { code: event.code, reason: event.reason, wasClean: event.clean }));
    }
  }
`;
