/**
 * The HTTP exchange both servers share: an HTTP request message in, an HTTP response message out.
 *
 * A browser (or the CLI) sends an `HttpRequestMessage`; the WSGI server (`server.ts`, wsgiref's
 * part) turns it into an environ and the ASGI server (`asgi.ts`, uvicorn's part) into a scope, and
 * both hand back an `HttpResponseMessage`. What does not depend on the protocol lives here, once:
 * splitting the request-target into path and query as a browser escapes it, the request body as
 * bytes, which address the request was sent to (Host header, else the listening socket), the
 * reason phrases of status codes, and "this response has no body on the wire" (HEAD, 1xx, 204,
 * 304). Main functions: `split_target`, `request_body`, `server_address`, `finish_exchange`.
 */

/** One HTTP request, as a browser (or the CLI) sends it. */
export interface HttpRequestMessage {
  method: string;
  /** The request-target: `/hello?name=World` (origin form) or `http://host/path` (absolute form). */
  target: string;
  /** In the order sent; a name may repeat. */
  headers: [name: string, value: string][];
  /** A string body is sent as UTF-8. */
  body: Uint8Array | string;
  scheme?: "http" | "https";
  remote_addr?: string;
  /** The client's port (ASGI's `client[1]`); 50000 when not given. */
  remote_port?: number;
  /** The listening socket's address, used when the request carries no Host header. */
  server_name?: string;
  server_port?: string | number;
}

/** One HTTP response, as the server put it on the wire. */
export interface HttpResponseMessage {
  status: number;
  reason: string;
  headers: [name: string, value: string][];
  body: Uint8Array;
}

export const DEFAULT_SERVER_NAME = "localhost";
export const DEFAULT_REMOTE_ADDR = "127.0.0.1";
export const DEFAULT_REMOTE_PORT = 50000;

const utf8 = new TextEncoder();

/** `b""`: one shared empty buffer (a zero-length array cannot be written to). */
export const EMPTY_BYTES = new Uint8Array(0);

/** The request body as bytes (a string body is UTF-8). */
export function request_body(request: HttpRequestMessage): Uint8Array {
  if (request.body === "") return EMPTY_BYTES;
  return typeof request.body === "string" ? utf8.encode(request.body) : request.body;
}

/**
 * `/a%20b?x=1#frag` → path `/a%20b`, query `x=1`. An absolute-form target (`http://host/p?q`)
 * keeps only its path and query. Characters a browser would escape (spaces, non-ASCII) are
 * percent-encoded as UTF-8 first, as the browser's URL parser does before sending.
 */
export function split_target(target: string): { path: string; query: string } {
  const hash = target.indexOf("#");
  let rest = escape_like_a_browser(hash < 0 ? target : target.slice(0, hash));
  if (rest.charCodeAt(0) !== 47 /* an origin-form target starts with "/" */) {
    const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(rest);
    if (absolute) rest = rest.slice(absolute[0].length) || "/";
  }
  const q = rest.indexOf("?");
  return q < 0 ? { path: rest, query: "" } : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

/** Printable ASCII only (nothing a browser would escape). */
const PLAIN_TARGET = /^[\x21-\x7e]*$/;

const HEX = Array.from({ length: 256 }, (_, b) => "%" + b.toString(16).toUpperCase().padStart(2, "0"));

/**
 * Each run of characters outside `!`…`~` becomes its UTF-8 bytes as `%XX`, one encode per run:
 * linear (a character-at-a-time encode took 5 s on a 2 MB non-ASCII target).
 */
function escape_like_a_browser(target: string): string {
  if (PLAIN_TARGET.test(target)) return target; // the usual target: nothing to escape
  return target.replace(/[^\x21-\x7e]+/g, (run) => {
    let out = "";
    for (const byte of utf8.encode(run)) out += HEX[byte];
    return out;
  });
}

/**
 * Where the request was sent: the Host header's name and port, else the listening socket's
 * (`server_name`/`server_port`, else localhost on the scheme's default port). WSGI's SERVER_NAME
 * and SERVER_PORT and ASGI's `server` both come from here.
 */
export function server_address(request: HttpRequestMessage, scheme: "http" | "https"): { host: string; port: string } {
  const default_port = scheme === "https" ? "443" : "80";
  let host: string | undefined;
  for (const [name, value] of request.headers)
    if (name.length === 4 && name.toLowerCase() === "host") {
      host = value.trim();
      break;
    }
  if (host) {
    if (host.indexOf(":") < 0 && host[0] !== "[") return { host, port: default_port };
    const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
    if (m) return { host: m[1], port: m[2] || default_port };
  }
  return {
    host: request.server_name ?? DEFAULT_SERVER_NAME,
    port: request.server_port !== undefined ? String(request.server_port) : default_port,
  };
}

/** Responses to HEAD, and 1xx/204/304 responses, have no body on the wire. */
export function finish_exchange(method: string, response: HttpResponseMessage): HttpResponseMessage {
  const bodiless = (method.length === 4 && method.toUpperCase() === "HEAD") || (response.status >= 100 && response.status < 200) || response.status === 204 || response.status === 304;
  return bodiless && response.body.length ? { ...response, body: new Uint8Array(0) } : response;
}

/** Python's `http.HTTPStatus` phrases (3.11), which uvicorn writes on the status line. */
export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
  200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content",
  205: "Reset Content", 206: "Partial Content", 207: "Multi-Status", 208: "Already Reported", 226: "IM Used",
  300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
  305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
  400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required", 408: "Request Timeout",
  409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed", 413: "Request Entity Too Large",
  414: "Request-URI Too Long", 415: "Unsupported Media Type", 416: "Requested Range Not Satisfiable",
  417: "Expectation Failed", 418: "I'm a Teapot", 421: "Misdirected Request", 422: "Unprocessable Entity",
  423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
  429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
  500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
  507: "Insufficient Storage", 508: "Loop Detected", 510: "Not Extended", 511: "Network Authentication Required",
};

/** The phrase for a status line; an unknown code has an empty one (as uvicorn writes it). */
export function reason_phrase(status: number): string {
  return REASON_PHRASES[status] ?? "";
}

export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** bytes → str, each byte one character (how both servers show header bytes as text). */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  // apply, not spread: spreading a typed array walks its iterator (≈ 7× slower for a header).
  if (bytes.length <= 8192) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return out;
}

/** str → bytes: Latin-1 when every character fits in a byte, else UTF-8 (what a browser sends). */
export function header_bytes(text: string): Uint8Array {
  if (text.length === 0) return EMPTY_BYTES;
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return utf8.encode(text);
    out[i] = c;
  }
  return out;
}

/** A value as JSON for a span's attributes (bytes and objects as their Python repr). */
export function safe_json(value: unknown): import("../trace").Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(safe_json);
  return py_repr(value);
}

/** Just enough of Python's repr() for the servers' messages. */
export function py_repr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\r/g, "\\r").replace(/\n/g, "\\n")}'`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof Uint8Array) return `b${py_repr(latin1(value))}`;
  if (Array.isArray(value)) return `[${value.map(py_repr).join(", ")}]`;
  if (typeof value === "object") return `<${python_type_name(value)} object>`;
  return String(value);
}

export function python_type_name(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (typeof value === "function") return "function";
  if (value instanceof Uint8Array) return "bytes";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return "dict";
  const ctor = (value as { constructor?: { python_name?: string; name?: string } }).constructor;
  return ctor?.python_name ?? ctor?.name ?? typeof value;
}
