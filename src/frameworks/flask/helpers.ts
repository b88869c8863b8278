/**
 * flask.helpers: the functions a view calls — `url_for`, `redirect`, `abort`, `make_response`,
 * `flash` and `get_flashed_messages`. Each goes through `current_app`, so it must run inside an
 * application (or request) context.
 *
 *     return redirect(url_for("auth.login"));
 *     abort(404);
 *     flash("Signed in.", "info");               // stored in the session until displayed
 *     const resp = make_response("Created", 201);
 */
import { RuntimeError, ValueError, py_tuple, type PyTuple } from "../python/builtins";
import { utf8_encode, type Bytes } from "../python/bytes";
// eslint-disable-next-line no-restricted-imports -- python/fs is the frameworks' own module (the project's files), not Node's fs
import { FileNotFoundError } from "../python/fs";
import { get_project_files } from "../jinja2/loaders";
import { guess_type } from "../python/mimetypes";
import { redirect as _wz_redirect } from "../werkzeug/utils";
import { safe_join } from "../werkzeug/security";
import { abort as _wz_abort, NotFound } from "../werkzeug/exceptions";
import { _cv_app, _cv_request, _app_ctx, _request_ctx } from "./globals";
import { message_flashed } from "./signals";
import type { Response } from "./wrappers";

/** `get_debug_flag()`: FLASK_DEBUG — there is no process environment in the page, so False. */
export function get_debug_flag(): boolean {
  return false;
}

/** `_split_blueprint_path("a.b.c")` → `["a.b.c", "a.b", "a"]` (cached, as Python's `@cache`). */
const split_cache = new Map<string, string[]>();
export function _split_blueprint_path(name: string): string[] {
  let out = split_cache.get(name);
  if (!out) {
    out = [name];
    if (name.includes(".")) out.push(..._split_blueprint_path(name.slice(0, name.lastIndexOf("."))));
    split_cache.set(name, out);
  }
  return [...out];
}

/**
 * `make_response(*args)`: a Response from anything a view may return — nothing gives an empty
 * response, one argument is converted as a return value, several as a tuple
 * (`make_response("Not found", 404)` is the view return `("Not found", 404)`).
 */
export function make_response(...args: unknown[]): Response {
  const app = _app_ctx().app;
  if (!args.length) return new app.response_class();
  return app.make_response(args.length === 1 ? args[0] : py_tuple(...args));
}

export interface UrlForOptions {
  _anchor?: string | null;
  _method?: string | null;
  _scheme?: string | null;
  _external?: boolean | null;
  [value: string]: unknown;
}

/**
 * `url_for(endpoint, *, _anchor=None, _method=None, _scheme=None, _external=None, **values)`:
 * the URL of an endpoint. `".view"` means a view of the current request's blueprint; values the
 * rule does not use become the query string.
 */
export function url_for(endpoint: string, values: UrlForOptions = {}): string {
  return _app_ctx().app.url_for(endpoint, values);
}

/** `redirect(location, code=302)`: the app's redirect response. */
export function redirect(location: string, code = 302, Response: any = null): Response {
  const ctx = _cv_app.get(null);
  if (ctx !== null) return ctx.app.redirect(location, code);
  return _wz_redirect(location, code, Response);
}

/** `abort(code, *args)`: raise the HTTPException for `code` (or wrapping a response). */
export function abort(code: number | Response, ...args: unknown[]): never {
  const ctx = _cv_app.get(null);
  if (ctx !== null) ctx.app.aborter.__call__(code, ...args);
  return _wz_abort(code, ...args);
}

/**
 * `flash(message, category="message")`: remember a message in the session for the next request
 * that calls `get_flashed_messages`; then send `message_flashed` (the app, `message`, `category`).
 */
export function flash(message: string, category = "message"): void {
  const ctx = _request_ctx();
  const session = ctx.session;
  const flashes = (session.get("_flashes", []) as PyTuple[]).slice();
  flashes.push(py_tuple(category, message));
  session.set("_flashes", flashes);
  const app = _app_ctx().app;
  message_flashed.send(app, { _async_wrapper: app.ensure_sync, message, category });
}

/**
 * `get_flashed_messages(with_categories=False, category_filter=())`: the flashed messages, taken
 * out of the session once per request (later calls in the same request see the same list).
 */
export function get_flashed_messages(options: { with_categories?: boolean; category_filter?: Iterable<string> } = {}): any[] {
  const ctx = _request_ctx();
  let flashes = ctx.flashes;
  if (flashes === null) {
    const session = ctx.session;
    flashes = session.has("_flashes") ? (session.pop("_flashes") as [string, string][]) : [];
    ctx.flashes = flashes;
  }
  const filter = [...(options.category_filter ?? [])];
  if (filter.length) flashes = flashes.filter((f) => filter.includes(f[0]));
  if (!options.with_categories) return flashes.map((f) => f[1]);
  return flashes;
}

/**
 * `send_from_directory(directory, path, **kwargs)`: a project file under `directory` (a folder of
 * the project, `flaskr/static`) as Flask sends it — inline, its type guessed from the extension
 * (text types in UTF-8), `Cache-Control: no-cache` (SEND_FILE_MAX_AGE_DEFAULT is None), ranges
 * accepted; a path leaving the folder, or no such file, is NotFound. Project files have no
 * modification time, so there is no Last-Modified or ETag (nor a 304 to a conditional request).
 */
export function send_from_directory(directory: string, path: string): Response {
  const joined = safe_join(directory, path);
  const files = get_project_files();
  if (joined === null || !Object.prototype.hasOwnProperty.call(files, joined.replace(/^\.\//, ""))) throw new NotFound();
  const name = joined.split("/").pop()!;
  const mimetype = guess_type(name)[0] ?? "application/octet-stream";
  const app = _cv_app.get().app;
  const response = new app.response_class(utf8_encode(files[joined.replace(/^\.\//, "")]), { mimetype, direct_passthrough: false });
  response.headers.set("Content-Disposition", `inline; filename=${name}`);
  response.headers.set("Cache-Control", "no-cache");
  response.headers.set("Accept-Ranges", "bytes");
  return response as Response;
}

/** A file `open_resource` opened: read once, whole (`f.read()`), text or bytes by its mode. */
export interface ResourceFile {
  readonly name: string;
  readonly mode: string;
  read(): string | Bytes;
  close(): void;
}

/**
 * `open_resource(resource, mode="rb", encoding=None)` for an app or a blueprint: the project file
 * at `<root_path>/<resource>` opened for reading ("rb" → bytes, "r"/"rt" → text).
 */
export function open_resource(root_path: string, resource: string, mode = "rb", _encoding: string | null = null): ResourceFile {
  if (!["r", "rt", "rb"].includes(mode)) throw new ValueError("Resources can only be opened for reading.");
  const path = [root_path, resource].filter(Boolean).join("/");
  const files = get_project_files();
  if (!Object.prototype.hasOwnProperty.call(files, path)) throw new FileNotFoundError(`[Errno 2] No such file or directory: '${path}'`);
  const text = files[path];
  return { name: path, mode, read: () => (mode === "rb" ? utf8_encode(text) : text), close: () => undefined };
}

/** `send_file(path_or_file, …)`: a project file by its path (see send_from_directory). */
export function send_file(path: string): Response {
  const slash = path.lastIndexOf("/");
  return send_from_directory(slash < 0 ? "." : path.slice(0, slash), path.slice(slash + 1));
}

/**
 * `stream_with_context(generator)`: keep the request context alive while a streamed body is read
 * (the view has returned by then).
 */
export function stream_with_context<T>(gen: Iterable<T>): Iterable<T> {
  const req_ctx = _cv_request.get(null);
  if (req_ctx === null) throw new RuntimeError("'stream_with_context' can only be used when a request context is active, such as in a view function.");
  const app_ctx = _app_ctx();
  return (function* () {
    app_ctx.push();
    req_ctx.push();
    try {
      yield* gen;
    } finally {
      req_ctx.pop();
      app_ctx.pop();
    }
  })();
}
