/**
 * A WSGI environ built the way Django's RequestFactory builds one, for replaying recorded requests
 * straight into a handler (the corpus was recorded with Django's test client, not a web server).
 */
import { latin1_decode, utf8_encode, concat_bytes } from "../../frameworks/python/bytes";

export interface RecordedRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  secure?: boolean;
  body?: Uint8Array;
  content_type?: string;
}

/** PATH_INFO: the path's percent-escapes decoded to bytes, read back as Latin-1 (the WSGI rule). */
export function wsgi_path(raw: string): string {
  const bytes: number[] = [];
  const utf8 = utf8_encode(raw);
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i];
    if (c === 0x25 && i + 2 < utf8.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(utf8[i + 1], utf8[i + 2]))) {
      bytes.push(parseInt(String.fromCharCode(utf8[i + 1], utf8[i + 2]), 16));
      i += 2;
    } else bytes.push(c);
  }
  return latin1_decode(new Uint8Array(bytes));
}

export function request_environ(req: RecordedRequest): Record<string, any> {
  const q = req.path.indexOf("?");
  const path = q >= 0 ? req.path.slice(0, q) : req.path;
  const query = q >= 0 ? req.path.slice(q + 1) : "";
  const body = req.body ?? new Uint8Array();
  let offset = 0;
  const environ: Record<string, any> = {
    REQUEST_METHOD: (req.method ?? "GET").toUpperCase(),
    PATH_INFO: wsgi_path(path),
    QUERY_STRING: latin1_decode(utf8_encode(query)),
    SCRIPT_NAME: "",
    SERVER_NAME: "testserver",
    SERVER_PORT: req.secure ? "443" : "80",
    SERVER_PROTOCOL: "HTTP/1.1",
    REMOTE_ADDR: "127.0.0.1",
    HTTP_COOKIE: "",
    "wsgi.version": [1, 0],
    "wsgi.url_scheme": req.secure ? "https" : "http",
    "wsgi.input": {
      read(size?: number) {
        const end = size === undefined || size < 0 ? body.length : Math.min(body.length, offset + size);
        const chunk = body.subarray(offset, end);
        offset = end;
        return chunk;
      },
    },
    "wsgi.errors": { write() {} },
    "wsgi.multithread": false,
    "wsgi.multiprocess": true,
    "wsgi.run_once": false,
  };
  if (body.length) {
    environ.CONTENT_LENGTH = String(body.length);
    environ.CONTENT_TYPE = req.content_type ?? "application/octet-stream";
  }
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const key = name.toUpperCase().replace(/-/g, "_");
    if (key === "CONTENT_TYPE" || key === "CONTENT_LENGTH") environ[key] = value;
    else environ[`HTTP_${key}`] = value;
  }
  return environ;
}

/** The body as text; HEAD and 1xx/204/304 bodies are dropped as a server would. */
export function response_text(response: { content?: Uint8Array; [Symbol.iterator]?: () => Iterator<Uint8Array> }, method = "GET", status?: number): string {
  if (method === "HEAD" || (status !== undefined && (status < 200 || status === 204 || status === 304))) return "";
  // A streaming response has no `content` (reading it is Django's AttributeError): its chunks are the body.
  const streaming = (response as { streaming?: boolean }).streaming === true;
  const bytes = !streaming && response.content !== undefined ? response.content : concat_bytes([...(response as Iterable<Uint8Array>)]);
  return new TextDecoder().decode(bytes);
}
