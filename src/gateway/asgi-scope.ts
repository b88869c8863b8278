/**
 * An HTTP request message → the ASGI connection scope (the ASGI spec's "HTTP" and "WebSocket"
 * connection scopes), as uvicorn builds it — the async sibling of `environ.ts`.
 *
 * uvicorn splits the request-target at the first `?`: `raw_path` keeps the path's bytes as sent
 * (still percent-encoded), `path` is them percent-decoded as UTF-8 (`urllib.parse.unquote`, bad
 * bytes replaced), `query_string` stays raw bytes. Header names are lowercased and both halves
 * become bytes, in the order sent, repeats kept (nothing is joined, unlike WSGI). `client` is the
 * peer's address, `server` the address the request was sent to, `root_path` where the app is
 * mounted. A WebSocket upgrade request becomes a `websocket` scope with the subprotocols the
 * client offered in `Sec-WebSocket-Protocol`. Main functions: `build_http_scope`,
 * `build_websocket_scope`; `scope_json` shows a scope in the trace.
 */
import type { Attrs, Json } from "../trace";
import type { ASGIHeader, HTTPScope, LifespanScope, WebSocketScope } from "./asgi-types";
import { DEFAULT_REMOTE_ADDR, DEFAULT_REMOTE_PORT, header_bytes, latin1, py_repr, server_address, split_target, type HttpRequestMessage } from "./exchange";

/** The ASGI versions uvicorn announces in each kind of scope. */
export const ASGI_VERSION = "3.0";
export const HTTP_SPEC_VERSION = "2.3";
export const WEBSOCKET_SPEC_VERSION = "2.4";
export const LIFESPAN_SPEC_VERSION = "2.0";

export interface ScopeOptions {
  /** Where the application is mounted (uvicorn's `--root-path`); prefixed to `path` and `raw_path`. */
  root_path?: string;
  /** The lifespan state; each connection gets a shallow copy (uvicorn's `app_state.copy()`). */
  state?: Record<string, unknown>;
}

const ascii = (text: string): Uint8Array => header_bytes(text);

/** The `http` scope of one request. */
export function build_http_scope(request: HttpRequestMessage, options: ScopeOptions = {}): HTTPScope {
  const scheme = request.scheme ?? "http";
  const root_path = options.root_path ?? "";
  const { path, query } = split_target(request.target);
  return {
    type: "http",
    asgi: { version: ASGI_VERSION, spec_version: HTTP_SPEC_VERSION },
    http_version: "1.1",
    server: server_of(request, scheme),
    client: [request.remote_addr ?? DEFAULT_REMOTE_ADDR, request.remote_port ?? DEFAULT_REMOTE_PORT],
    scheme,
    method: request.method,
    root_path,
    path: root_path + unquote(path),
    raw_path: short_bytes(root_path + path),
    query_string: ascii(query),
    headers: scope_headers(request.headers),
    state: options.state ? { ...options.state } : {},
  };
}

/** The `websocket` scope of an upgrade request (`ws://`/`wss://`, or its `http(s)://` form). */
export function build_websocket_scope(request: HttpRequestMessage, options: ScopeOptions = {}): WebSocketScope {
  const secure = request.scheme === "https";
  const root_path = options.root_path ?? "";
  const { path, query } = split_target(request.target.replace(/^ws(s?):\/\//i, "http$1://"));
  return {
    type: "websocket",
    asgi: { version: ASGI_VERSION, spec_version: WEBSOCKET_SPEC_VERSION },
    http_version: "1.1",
    scheme: secure ? "wss" : "ws",
    server: server_of(request, secure ? "https" : "http"),
    client: [request.remote_addr ?? DEFAULT_REMOTE_ADDR, request.remote_port ?? DEFAULT_REMOTE_PORT],
    root_path,
    path: root_path + unquote(path),
    raw_path: ascii(root_path + path),
    query_string: ascii(query),
    headers: scope_headers(request.headers),
    subprotocols: offered_subprotocols(request.headers),
    state: { ...(options.state ?? {}) },
    extensions: { "websocket.http.response": {} },
  };
}

/** The `lifespan` scope: the application's startup and shutdown share one state dict. */
export function build_lifespan_scope(state: Record<string, unknown>): LifespanScope {
  return { type: "lifespan", asgi: { version: ASGI_VERSION, spec_version: LIFESPAN_SPEC_VERSION }, state };
}

function server_of(request: HttpRequestMessage, scheme: "http" | "https"): [string, number | null] {
  const { host, port } = server_address(request, scheme);
  return [host, port === "" ? null : Number(port)];
}

/** `[(b"host", b"example.com"), (b"accept", b"text/html")]`: names lowercased, values trimmed, order and repeats kept. */
export function scope_headers(headers: [string, string][]): ASGIHeader[] {
  const out: ASGIHeader[] = new Array(headers.length);
  for (let i = 0; i < headers.length; i++) out[i] = [header_name_bytes(headers[i][0]), short_bytes(headers[i][1].trim())];
  return out;
}

/**
 * A header name as sent (`Host`) → its lowercased bytes (`b"host"`). A browser sends a handful of
 * names (and the same short values and paths, request after request), so each is encoded once
 * and the bytes shared between scopes: Python's bytes are immutable, and nothing here or in the
 * frameworks writes into them. The tables stop growing at a few hundred entries.
 */
const HEADER_NAMES = new Map<string, Uint8Array>();
const SHORT_BYTES = new Map<string, Uint8Array>();

function header_name_bytes(name: string): Uint8Array {
  let bytes = HEADER_NAMES.get(name);
  if (bytes === undefined) {
    bytes = ascii(name.toLowerCase());
    if (HEADER_NAMES.size < 256) HEADER_NAMES.set(name, bytes);
  }
  return bytes;
}

/** A short header value or path → its bytes, encoded once while the table has room. */
function short_bytes(text: string): Uint8Array {
  if (text.length > 64) return header_bytes(text);
  let bytes = SHORT_BYTES.get(text);
  if (bytes === undefined) {
    bytes = header_bytes(text);
    if (SHORT_BYTES.size < 512) SHORT_BYTES.set(text, bytes);
  }
  return bytes;
}

/** `Sec-WebSocket-Protocol: chat, superchat` (possibly repeated) → `["chat", "superchat"]`. */
function offered_subprotocols(headers: [string, string][]): string[] {
  const offered: string[] = [];
  for (const [name, value] of headers)
    if (name.toLowerCase() === "sec-websocket-protocol")
      for (const token of value.split(",")) if (token.trim()) offered.push(token.trim());
  return offered;
}

const utf8_replace = new TextDecoder("utf-8");

/** `urllib.parse.unquote(s)`: `%XX` runs decoded as UTF-8 (bad bytes become U+FFFD), the rest kept. */
export function unquote(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return utf8_replace.decode(bytes);
  });
}

/**
 * A scope as JSON for the trace and the ASGI panel: bytes shown as Python writes them
 * (`b'/items/1'`), header pairs as `[name, value]` text, the rest as it is.
 */
export function scope_json(scope: Record<string, unknown>): Attrs {
  const out: Attrs = {};
  for (const [key, value] of Object.entries(scope)) {
    if (key === "headers" && Array.isArray(value)) out.headers = (value as ASGIHeader[]).map(([k, v]) => [latin1(k), latin1(v)]);
    else out[key] = asgi_value_json(value);
  }
  return out;
}

/** One value of a scope or message as JSON: bytes as `b'…'`, objects by their keys, functions by name. */
export function asgi_value_json(value: unknown, depth = 0): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (value instanceof Uint8Array) return value.length > 4096 ? `${py_repr(value.subarray(0, 4096))}… (${value.length} bytes)` : py_repr(value);
  if (typeof value === "function") return `<function ${value.name || "anonymous"}>`;
  if (depth > 3) return "…";
  if (Array.isArray(value)) return value.map((v) => asgi_value_json(v, depth + 1));
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `<${(value as object).constructor?.name ?? "object"} object>`;
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value as object)) out[k] = asgi_value_json(v, depth + 1);
    return out;
  }
  return String(value);
}
