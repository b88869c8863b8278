/**
 * werkzeug.utils: small helpers around responses. `redirect(location, code=302)` builds the
 * "Redirecting..." page with a `Location` header; `get_content_type` adds `; charset=utf-8` to
 * text types.
 *
 *     redirect("/login")   // 302, Location: /login, body "<!doctype html>…Redirecting…"
 */
import { escape } from "../markupsafe";

const CHARSET_MIMETYPES = new Set([
  "application/ecmascript", "application/javascript", "application/sql", "application/xml", "application/xml-dtd", "application/xml-external-parsed-entity",
]);

/** `get_content_type(mimetype, charset)`: `text/html` → `text/html; charset=utf-8`. */
export function get_content_type(mimetype: string, charset: string): string {
  if (mimetype === "text/html" && charset === "utf-8") return "text/html; charset=utf-8"; // every Flask response by default
  if (mimetype.startsWith("text/") || CHARSET_MIMETYPES.has(mimetype) || mimetype.endsWith("+xml")) return `${mimetype}; charset=${charset}`;
  return mimetype;
}

/** A Response class with Werkzeug's constructor shape (Flask passes its own). */
export type ResponseClass = new (body: string, status: number, headers: null, mimetype: string) => { headers: { set(k: string, v: string): void } };

/**
 * `redirect(location, code=302, Response=None)`: a response that sends the browser to `location`
 * (the link in the page is escaped).
 */
export function redirect<R = any>(location: string, code = 302, Response: ResponseClass | null = null): R {
  const cls = Response ?? (default_response_class as ResponseClass);
  const html_location = escape(location).valueOf();
  const response = new cls(
    `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${html_location}">${html_location}</a>. If not, click the link.\n`,
    code,
    null,
    "text/html",
  );
  response.headers.set("Location", location);
  return response as R;
}

let default_response_class: unknown = null;

/** wrappers/response.ts registers `werkzeug.wrappers.Response` here (Python imports it lazily). */
export function _set_default_response_class(cls: unknown): void {
  default_response_class = cls;
}

/**
 * `secure_filename(filename)`: an uploaded file name made safe to store — ASCII only, path
 * separators and unsafe characters removed.
 */
export function secure_filename(filename: string): string {
  let name = filename.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  for (const sep of ["/", "\\"]) name = name.replace(new RegExp(`\\${sep}`, "g"), " ");
  name = name.split(/\s+/).filter(Boolean).join("_").replace(/[^A-Za-z0-9_.-]/g, "").replace(/^[._]+|[._]+$/g, "");
  return name;
}
