/**
 * Python's mimetypes: a file name → the media type its extension names (`guess_type`), from the
 * table CPython 3.11 ships, cut to the kinds of files a project serves (text, images, fonts).
 *
 *   guess_type("static/css/site.css")   // ["text/css", null]
 */

const TYPES_MAP: Readonly<Record<string, string>> = {
  css: "text/css", js: "text/javascript", mjs: "text/javascript", html: "text/html", htm: "text/html", txt: "text/plain", csv: "text/csv", md: "text/markdown",
  xml: "application/xml", json: "application/json", svg: "image/svg+xml", png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  ico: "image/vnd.microsoft.icon", pdf: "application/pdf", wasm: "application/wasm", woff: "font/woff", woff2: "font/woff2",
};

/** `mimetypes.guess_type(url)`: `[type, encoding]`, type null when the extension is unknown (no encodings here). */
export function guess_type(url: string): [string | null, string | null] {
  const name = url.slice(url.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  const extension = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  return [Object.hasOwn(TYPES_MAP, extension) ? TYPES_MAP[extension] : null, null];
}
