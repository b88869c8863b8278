/**
 * An HTTP request message → the WSGI environ (PEP 3333 "environ Variables").
 *
 * This is what a real server (gunicorn, Django's runserver) does before calling the application:
 * split the request-target into PATH_INFO (percent-decoded, bytes read as Latin-1) and the raw
 * QUERY_STRING, turn each header into an `HTTP_*` key, and add the server and `wsgi.*` keys.
 * Main function: `build_environ`.
 */
import { ErrorStream, InputStream } from "./streams";
import type { HttpRequestMessage, WSGIEnviron } from "./wsgi";

export const SERVER_PROTOCOL = "HTTP/1.1";
export const DEFAULT_SERVER_NAME = "localhost";
export const DEFAULT_REMOTE_ADDR = "127.0.0.1";

const utf8 = new TextEncoder();

export interface BuiltEnviron {
  environ: WSGIEnviron;
  input: InputStream;
  errors: ErrorStream;
  /** Headers a real server drops (names containing "_"), for the trace. */
  dropped_headers: string[];
}

export function build_environ(request: HttpRequestMessage): BuiltEnviron {
  const scheme = request.scheme ?? "http";
  const body = typeof request.body === "string" ? utf8.encode(request.body) : request.body;
  const input = new InputStream(body);
  const errors = new ErrorStream();
  const { path, query } = split_target(request.target);
  const environ: WSGIEnviron = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: "",
    PATH_INFO: percent_decode_latin1(path),
    QUERY_STRING: query,
    ...server_address(request, scheme),
    SERVER_PROTOCOL,
    REMOTE_ADDR: request.remote_addr ?? DEFAULT_REMOTE_ADDR,
    GATEWAY_INTERFACE: "CGI/1.1",
    "wsgi.version": [1, 0],
    "wsgi.url_scheme": scheme,
    "wsgi.input": input,
    "wsgi.errors": errors,
    "wsgi.multithread": false,
    "wsgi.multiprocess": false,
    "wsgi.run_once": false,
  };
  const dropped_headers = add_header_variables(environ, request.headers);
  if (environ.CONTENT_LENGTH === undefined && body.length > 0) environ.CONTENT_LENGTH = String(body.length);
  return { environ, input, errors, dropped_headers };
}

/**
 * `/a%20b?x=1#frag` → path `/a%20b`, query `x=1`. An absolute-form target (`http://host/p?q`)
 * keeps only its path and query. Characters a browser would escape (spaces, non-ASCII) are
 * percent-encoded as UTF-8 first, as the browser's URL parser does before sending.
 */
export function split_target(target: string): { path: string; query: string } {
  let rest = escape_like_a_browser(target.split("#", 1)[0]);
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || "/";
  const q = rest.indexOf("?");
  return q < 0 ? { path: rest, query: "" } : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

const HEX = Array.from({ length: 256 }, (_, b) => "%" + b.toString(16).toUpperCase().padStart(2, "0"));

/** Each run of characters outside `!`…`~` becomes its UTF-8 bytes as `%XX` (one encode per run: linear). */
function escape_like_a_browser(target: string): string {
  return target.replace(/[^\x21-\x7e]+/g, (run) => {
    let out = "";
    for (const byte of utf8.encode(run)) out += HEX[byte];
    return out;
  });
}

/**
 * A header as the application sees it: PEP 3333's "native string", the bytes on the wire (a
 * client sends text as UTF-8) read as Latin-1. `é` arrives as `Ã©`; Django re-encodes to bytes.
 */
export function native_string(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = "";
  const bytes = utf8.encode(text);
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** Python's `urllib.parse.unquote(path, 'latin-1')`: `%C3%A9` → the two characters `Ã©`. */
export function percent_decode_latin1(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** SERVER_NAME and SERVER_PORT come from the Host header, else from the listening socket. */
function server_address(request: HttpRequestMessage, scheme: "http" | "https"): { SERVER_NAME: string; SERVER_PORT: string } {
  const default_port = scheme === "https" ? "443" : "80";
  const raw_host = request.headers.find(([name]) => name.toLowerCase() === "host")?.[1].trim();
  const host = raw_host === undefined ? undefined : native_string(raw_host);
  if (host) {
    const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(host);
    if (m) return { SERVER_NAME: m[1], SERVER_PORT: m[2] || default_port };
  }
  return {
    SERVER_NAME: request.server_name ?? DEFAULT_SERVER_NAME,
    SERVER_PORT: request.server_port !== undefined ? String(request.server_port) : default_port,
  };
}

/**
 * `Accept-Language: en` → `HTTP_ACCEPT_LANGUAGE`; Content-Type and Content-Length become
 * CONTENT_TYPE and CONTENT_LENGTH. Repeated headers are joined with ","; names containing "_"
 * are dropped (they would be indistinguishable from "-" once converted, a spoofing hole).
 */
function add_header_variables(environ: WSGIEnviron, headers: [string, string][]): string[] {
  const dropped: string[] = [];
  for (const [raw_name, raw_value] of headers) {
    const name = native_string(raw_name);
    if (name.includes("_")) {
      dropped.push(name);
      continue;
    }
    const key = cgi_key(name);
    const value = native_string(raw_value.trim());
    const existing = environ[key];
    environ[key] = typeof existing === "string" && !(key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") ? `${existing},${value}` : value;
  }
  return dropped;
}

function cgi_key(header_name: string): string {
  const upper = header_name.replace(/-/g, "_").toUpperCase();
  return upper === "CONTENT_TYPE" || upper === "CONTENT_LENGTH" ? upper : `HTTP_${upper}`;
}
