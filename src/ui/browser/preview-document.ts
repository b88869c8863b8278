/**
 * A response's HTML → the document the Preview frame shows: a Content-Security-Policy `<meta>` that
 * blocks every network fetch, and a small bridge script that turns link clicks and form submissions
 * into messages to the page (the frame cannot navigate anywhere itself). Main functions:
 * `buildPreviewDocument`, `parsePreviewMessage`.
 *
 * The document is served by the Preview's service worker (preview-host.ts, public/preview-sw.js)
 * with headers that sandbox it (opaque origin, no forms, popups or top navigation) and cut it off
 * the network, WebRTC included. See docs/adr/0019-runtime-isolation.md.
 *
 * The bridge talks to the page over a MessagePort the page transfers once the document has loaded.
 * The bridge runs first and registers the first capturing `message` listener, so it takes the port
 * before any of the page's own scripts can see it, and it keeps the port (with the native
 * `postMessage` bound to it) in its closure: the previewed page's scripts can neither read the
 * channel nor post on it. Each report says whether a user action started it (`user`), which the
 * page's brake on self-navigation loops counts. The same channel can later carry the Preview's
 * WebSocket frames to the simulated server (issue 14): the bridge runs preview-sockets.ts's
 * WebSocket stand-in, and the page checks every message it receives. A `fetch()` of the simulated
 * site (a docs page loading `/openapi.json`, Swagger UI's "Try it out") travels the same channel
 * and is answered by the page through the simulated server; any other URL fails as a network error.
 */
import { PREVIEW_SOCKET_SHIM } from "./preview-sockets";
import { ADMIN_ICONS, ADMIN_PREVIEW_CSS } from "./admin-preview-css";

export const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "font-src data:",
  "media-src data:",
  "frame-src 'none'",
  "worker-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

/** What the page posts to the frame (with the port) once it has loaded. */
export const BRIDGE_HELLO = "framework-lab:preview-bridge";

/**
 * Runs in the Preview frame, inside the bridge: `window.fetch` of the simulated site (a relative
 * URL, or this frame's own host, or lab.local) becomes a message to the page, which sends it through
 * the simulated server and answers with the response. Plain JavaScript, no imports.
 */
const FETCH_SHIM = `
  var pendingFetches = {};
  var nextFetch = 1;
  var NativeResponse = Response;
  var NativeHeaders = Headers;
  var NativeURL = URL;
  var OWN_HOSTS = ["lab.local", location.host];
  function fetchAnswered(m) {
    var done = pendingFetches[m.id];
    if (!done) return;
    delete pendingFetches[m.id];
    if (typeof m.error === "string") done.reject(new TypeError(m.error));
    else done.resolve(new NativeResponse(m.status === 204 || m.status === 304 ? null : m.body, { status: m.status, statusText: m.statusText, headers: m.headers }));
  }
  function pathOf(url) {
    var u = new NativeURL(String(url), "http://lab.local" + TARGET);
    if (OWN_HOSTS.indexOf(u.host) < 0) return null;
    return u.pathname + u.search;
  }
  window.fetch = function (input, init) {
    init = init || {};
    var request = input instanceof Request ? input : null;
    var path;
    try { path = pathOf(request ? request.url : String(input)); } catch (e) { path = null; }
    if (path === null) return Promise.reject(new TypeError("Failed to fetch: only the simulated site can be fetched from the preview"));
    var method = String(init.method || (request && request.method) || "GET").toUpperCase();
    var headers = [];
    new NativeHeaders(init.headers || (request ? request.headers : undefined)).forEach(function (value, name) { headers.push([name, value]); });
    var body = init.body;
    var text = body === undefined || body === null ? Promise.resolve("") : typeof body === "string" ? Promise.resolve(body) : new NativeResponse(body).text();
    return text.then(function (bodyText) {
      return new Promise(function (resolve, reject) {
        var id = nextFetch++;
        pendingFetches[id] = { resolve: resolve, reject: reject };
        send({ kind: "fetch", id: id, method: method, target: path, headers: headers, body: bodyText });
      });
    });
  };
`;

/** Runs inside the preview before anything else: report navigations instead of making them. Plain ES5, no imports. */
function bridgeScript(target: string): string {
  return `(function () {
  "use strict";
  var TARGET = ${JSON.stringify(target)};
  var bind = Function.prototype.call.bind(Function.prototype.bind);
  function getter(proto, name) { var d = Object.getOwnPropertyDescriptor(proto, name); return bind(Function.prototype.call, d.get); }
  var PARENT = window.parent;
  var sourceOf = getter(MessageEvent.prototype, "source");
  var portsOf = getter(MessageEvent.prototype, "ports");
  var dataOf = getter(MessageEvent.prototype, "data");
  var stopImmediate = bind(Function.prototype.call, Event.prototype.stopImmediatePropagation);
  var portPost = MessagePort.prototype.postMessage;
  var activation = navigator.userActivation || null;
  var isActive = activation ? getter(Object.getPrototypeOf(activation), "isActive") : null;
  var post = null;
  var queue = [];
  function send(message) { if (post) post(message); else if (queue.length < 200) queue.push(message); }
  function userActive() { return activation && isActive ? isActive(activation) === true : false; }
  addEventListener("message", function (event) {
    if (post || !event.isTrusted || sourceOf(event) !== PARENT || dataOf(event) !== ${JSON.stringify(BRIDGE_HELLO)}) return;
    var ports = portsOf(event);
    if (!ports || ports.length !== 1) return;
    stopImmediate(event);
    post = bind(portPost, ports[0]);
    ports[0].onmessage = function (e) { var m = dataOf(e); if (m && m.kind === "fetch-response") fetchAnswered(m); else receive(m); };
    for (var i = 0; i < queue.length; i++) post(queue[i]);
    queue = null;
  }, true);
  // WebSockets: a stand-in speaking to the page over this channel (defines receive()).
  ${PREVIEW_SOCKET_SHIM}
  // fetch(): of the simulated site only, answered by the page over this channel (defines fetchAnswered()).
  ${FETCH_SHIM}
  function fields(form, submitter) {
    var out = [];
    new FormData(form, submitter || undefined).forEach(function (value, name) { out.push([name, typeof value === "string" ? value : value.name]); });
    return out;
  }
  function attr(el, name) { return el && el.getAttribute(name); }
  function submit(form, submitter, user) {
    send({ kind: "form", user: user, action: attr(submitter, "formaction") || attr(form, "action") || "", method: (attr(submitter, "formmethod") || attr(form, "method") || "get").toLowerCase(), enctype: (attr(submitter, "formenctype") || form.enctype || "application/x-www-form-urlencoded").toLowerCase(), fields: fields(form, submitter) });
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#") return;
    event.preventDefault();
    send({ kind: "link", href: href, user: event.isTrusted });
  });
  // The sandbox (no allow-forms) blocks a submission before any "submit" event fires, so the
  // bridge catches what starts one: a click on a submit button, Enter in a field, submit() calls.
  function submitterOf(el) {
    var button = el && el.closest ? el.closest("button, input[type=submit], input[type=image]") : null;
    if (!button || !button.form || button.disabled) return null;
    if (button.tagName === "BUTTON" && (button.getAttribute("type") || "submit").toLowerCase() !== "submit") return null;
    return button;
  }
  function start(form, submitter, user) {
    if (!form.noValidate && !(submitter && submitter.formNoValidate) && !form.reportValidity()) return;
    var event = new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: submitter || null });
    if (form.dispatchEvent(event)) submit(form, submitter, user);
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var button = submitterOf(event.target);
    if (!button) return;
    event.preventDefault();
    start(button.form, button, event.isTrusted);
  });
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.defaultPrevented || !field || !field.form || field.tagName !== "INPUT") return;
    if (/^(button|submit|reset|image|checkbox|radio|file)$/.test(field.type)) return;
    event.preventDefault();
    var form = field.form;
    var submitter = form.querySelector("button:not([type]), button[type=submit], input[type=submit], input[type=image]");
    start(form, submitter && submitter.form === form ? submitter : null, event.isTrusted);
  });
  // Escape hands the keyboard back to the app (a sandboxed frame cannot move focus itself).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.defaultPrevented && event.isTrusted) send({ kind: "escape" });
  });
  // Called by the page's own scripts: a user action only while the frame has transient activation.
  HTMLFormElement.prototype.submit = function () { submit(this, null, userActive()); };
  HTMLFormElement.prototype.requestSubmit = function (submitter) { start(this, submitter || null, userActive()); };
})();`;
}

/** A `lab-asset:` script or stylesheet of the page, to put inline (see bundled-assets.ts). */
export const LAB_ASSET = /<script\b[^>]*\bsrc="lab-asset:([^"]+)"[^>]*>\s*<\/script>|<link\b[^>]*\bhref="lab-asset:([^"]+)"[^>]*>/gi;

/** The `lab-asset:` names a page refers to (an empty list for almost every page). */
export function labAssetsOf(html: string): string[] {
  return [...html.matchAll(LAB_ASSET)].map((m) => m[1] ?? m[2]);
}

/**
 * Put each `lab-asset:` script and stylesheet inline. A script's text travels as JSON (every `<`
 * escaped, so nothing in it can end the element) and is run by a tiny loader, in place, before the
 * page's next script — as the `<script src>` would have run.
 */
export function inlineLabAssets(html: string, assets: Record<string, string | null>): string {
  let n = 0;
  return html.replace(LAB_ASSET, (tag, script?: string, style?: string) => {
    const text = assets[script ?? style ?? ""];
    if (text === null || text === undefined) return tag;
    if (style !== undefined) return `<style>${text.replace(/<\/style/gi, "<\\/style")}</style>`;
    const id = `lab-asset-${n++}`;
    const data = JSON.stringify(text).replace(/</g, "\\u003c");
    return `<script type="application/json" id="${id}">${data}</script><script>(function(){var s=document.createElement("script");s.textContent=JSON.parse(document.getElementById("${id}").textContent);document.currentScript.after(s);})();</script>`;
  });
}

/** Put `head` right after the doctype (or first), so the CSP and the bridge come before any other content. */
function prepend(html: string, head: string): string {
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + head + html.slice(doctype[0].length);
  return head + html;
}

const LINK_OR_SCRIPT = /<(link|script|img)\b/gi;
const SCRIPT_CLOSE = /<\/script/gi;
const ATTR_SRC_OR_HREF = /\b(src|href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;
const STYLESHEET = /\brel\s*=\s*("[^"]*\bstylesheet\b[^"]*"|'[^']*\bstylesheet\b[^']*'|stylesheet\b)/i;

/**
 * The page's external stylesheets and scripts (`<link rel="stylesheet" href>`, `<script src>`)
 * become comments: the Preview's CSP would block each load (and log it), since the simulated
 * server has no network address. A Django admin page (it links `admin/css/base.css`) gets the
 * Preview's admin stylesheet in its place. One pass over the text, each tag scanned once (and each
 * character in at most one tag: linear in the page).
 */
export function withoutExternalSubresources(html: string): string {
  let out = "";
  let at = 0;
  let admin = false;
  LINK_OR_SCRIPT.lastIndex = 0;
  for (let m = LINK_OR_SCRIPT.exec(html); m; m = LINK_OR_SCRIPT.exec(html)) {
    const start = m.index;
    const tag_end = html.indexOf(">", start);
    if (tag_end < 0) break;
    const tag = html.slice(start, tag_end + 1);
    // A tag left as it is: the scan goes on after it, so that no character is read as part of two
    // tags ("<img<img<img…>" would rescan the rest of the text at every "<": quadratic, seconds of
    // frozen page for a few hundred kB a stranger's view returns).
    LINK_OR_SCRIPT.lastIndex = tag_end + 1;
    const url = ATTR_SRC_OR_HREF.exec(tag)?.[2].replace(/^["']|["']$/g, "") ?? "";
    const external = url !== "" && !/^data:/i.test(url);
    const kind = m[1].toLowerCase();
    const is_script = kind === "script";
    let end = tag_end + 1;
    if (kind === "img") {
      // An image the Preview cannot load shows its alt text; the admin's icons have drawings of their own.
      if (!external) continue;
      const src = ATTR_SRC_OR_HREF.exec(tag)!;
      const icon = /(?:^|\/)admin\/img\/([a-z-]+)\.svg$/.exec(url)?.[1];
      const replacement = `src="${ADMIN_ICONS[icon ?? ""] ?? "data:,"}"`;
      out += html.slice(at, start) + tag.slice(0, src.index) + replacement + tag.slice(src.index + src[0].length);
      at = end;
      LINK_OR_SCRIPT.lastIndex = end;
      continue;
    }
    if (is_script) {
      if (!/\bsrc\s*=/i.test(tag) || !external) continue;
      SCRIPT_CLOSE.lastIndex = end;
      const found = SCRIPT_CLOSE.exec(html);
      if (!found) break;
      const close_end = html.indexOf(">", found.index);
      end = close_end < 0 ? html.length : close_end + 1;
    } else if (!STYLESHEET.test(tag) || !external) continue;
    const is_admin_css = !is_script && /(?:^|\/)admin\/css\/base\.css$/.test(url);
    admin ||= is_admin_css;
    out += html.slice(at, start) + `<!-- ${is_script ? "script" : "stylesheet"} ${url.replace(/--/g, "- -")} (not loaded in the Preview) -->`;
    if (is_admin_css) out += `<style>${ADMIN_PREVIEW_CSS}</style>`;
    at = end;
    LINK_OR_SCRIPT.lastIndex = end;
  }
  return admin || at ? out + html.slice(at) : html;
}

/** The Preview document: CSP, then the bridge, then the page (its external subresources commented out). */
export function buildPreviewDocument(html: string, target = "/"): string {
  return prepend(withoutExternalSubresources(html), `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><script>${bridgeScript(target)}</script>`);
}

/** Without the service worker: the page as a picture (scripts off in the frame), links going nowhere. */
export function buildInertPreviewDocument(html: string): string {
  return prepend(withoutExternalSubresources(html), `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><base target="_blank">`);
}

/** A message from the preview, after validation. */
export type PreviewNavigation =
  | { kind: "escape" }
  | { kind: "fetch"; id: number; method: string; target: string; headers: [string, string][]; body: string }
  | { kind: "link"; href: string; user: boolean }
  | { kind: "form"; action: string; method: "get" | "post"; enctype: string; fields: [string, string][]; user: boolean };

/** Check an untrusted message's shape (the preview runs whatever HTML the response had). */
export function parsePreviewMessage(data: unknown): PreviewNavigation | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.kind === "escape") return { kind: "escape" };
  if (m.kind === "fetch") return parseFetch(m);
  const user = m.user === true;
  if (m.kind === "link") return typeof m.href === "string" && m.href.length <= 8000 ? { kind: "link", href: m.href, user } : null;
  if (m.kind !== "form" || typeof m.action !== "string" || m.action.length > 8000 || typeof m.enctype !== "string" || m.enctype.length > 200) return null;
  if (!Array.isArray(m.fields) || m.fields.length > 1000) return null;
  const fields: [string, string][] = [];
  let chars = 0;
  for (const f of m.fields) {
    if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== "string" || typeof f[1] !== "string") return null;
    chars += f[0].length + f[1].length;
    if (chars > 4_000_000) return null;
    fields.push([f[0], f[1]]);
  }
  return { kind: "form", action: m.action, method: m.method === "post" ? "post" : "get", enctype: m.enctype, fields, user };
}

const METHOD = /^[A-Z]{1,16}$/;

/** A `fetch()` from the preview: a method, a path on the simulated site, headers, a text body. */
function parseFetch(m: Record<string, unknown>): PreviewNavigation | null {
  if (typeof m.id !== "number" || !Number.isInteger(m.id) || typeof m.method !== "string" || !METHOD.test(m.method)) return null;
  if (typeof m.target !== "string" || !m.target.startsWith("/") || m.target.length > 8000 || typeof m.body !== "string" || m.body.length > 1_000_000) return null;
  if (!Array.isArray(m.headers) || m.headers.length > 100) return null;
  const headers: [string, string][] = [];
  for (const h of m.headers) {
    if (!Array.isArray(h) || h.length !== 2 || typeof h[0] !== "string" || typeof h[1] !== "string" || h[0].length > 200 || h[1].length > 8000) return null;
    headers.push([h[0], h[1]]);
  }
  return { kind: "fetch", id: m.id, method: m.method, target: m.target, headers, body: m.body };
}
