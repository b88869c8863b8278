/**
 * An HTTP request message → the WSGI environ (PEP 3333 "environ Variables").
 *
 * This is what a real server (gunicorn, Django's runserver) does before calling the application:
 * split the request-target into PATH_INFO (percent-decoded, bytes read as Latin-1) and the raw
 * QUERY_STRING, turn each header into an `HTTP_*` key, and add the server and `wsgi.*` keys.
 * Main function: `build_environ`.
 */
import { DEFAULT_REMOTE_ADDR, request_body, server_address, split_target, type HttpRequestMessage } from "./exchange";
import { ErrorStream, InputStream } from "./streams";
import type { WSGIEnviron } from "./wsgi";

export { DEFAULT_REMOTE_ADDR, DEFAULT_SERVER_NAME, split_target } from "./exchange";
export const SERVER_PROTOCOL = "HTTP/1.1";

export interface BuiltEnviron {
  environ: WSGIEnviron;
  input: InputStream;
  errors: ErrorStream;
  /** Headers a real server drops (names containing "_"), for the trace. */
  dropped_headers: string[];
}

/** PEP 3333's `(1, 0)`: a tuple, so one frozen pair shared by every environ. */
const WSGI_VERSION = Object.freeze([1, 0]) as unknown as [number, number];

export function build_environ(request: HttpRequestMessage): BuiltEnviron {
  const scheme = request.scheme ?? "http";
  const body = request_body(request);
  const input = new InputStream(body);
  const errors = new ErrorStream();
  const { path, query } = split_target(request.target);
  const { host, port } = server_address(request, scheme);
  const environ: WSGIEnviron = {
    REQUEST_METHOD: request.method,
    SCRIPT_NAME: "",
    PATH_INFO: percent_decode_latin1(path),
    QUERY_STRING: query,
    // SERVER_NAME and SERVER_PORT come from the Host header, else from the listening socket.
    SERVER_NAME: native_string(host),
    SERVER_PORT: port,
    SERVER_PROTOCOL,
    REMOTE_ADDR: request.remote_addr ?? DEFAULT_REMOTE_ADDR,
    GATEWAY_INTERFACE: "CGI/1.1",
    "wsgi.version": WSGI_VERSION,
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

const utf8 = new TextEncoder();
const utf16le = new TextDecoder("utf-16le");

/**
 * A header as the application sees it: PEP 3333's "native string", the bytes on the wire (a
 * client sends text as UTF-8) read as Latin-1. `é` arrives as `Ã©`; Django re-encodes to bytes.
 */
export function native_string(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  return utf16le.decode(Uint16Array.from(utf8.encode(text)));
}

/** Python's `urllib.parse.unquote(path, 'latin-1')`: `%C3%A9` → the two characters `Ã©`. */
export function percent_decode_latin1(path: string): string {
  if (!path.includes("%")) return path;
  return path.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
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
  let key = cgi_keys.get(header_name);
  if (key === undefined) {
    const upper = header_name.replace(/-/g, "_").toUpperCase();
    key = upper === "CONTENT_TYPE" || upper === "CONTENT_LENGTH" ? upper : `HTTP_${upper}`;
    if (cgi_keys.size >= 256) cgi_keys.clear(); // header names repeat; a flood of new ones stays bounded
    cgi_keys.set(header_name, key);
  }
  return key;
}
const cgi_keys = new Map<string, string>();
