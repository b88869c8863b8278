/**
 * A response's HTML → the `srcdoc` of the sandboxed preview iframe: a Content-Security-Policy
 * `<meta>` that blocks every network fetch, and a small script that turns link clicks and form
 * submissions into messages to the page (the iframe cannot navigate anywhere itself).
 *
 * The iframe is sandboxed with `allow-scripts` only, so it has an opaque origin: no access to the
 * page, its storage or cookies; the page's own CSP (`frame-src 'none'`, inherited) stops it from
 * navigating itself to a real URL.
 */

export const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "font-src data:",
  "media-src data:",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

export const PREVIEW_MESSAGE_SOURCE = "framework-lab-preview";

/** Runs inside the preview: report navigations instead of making them. Plain ES5-ish, no imports. */
function bridgeScript(token: string): string {
  return `(function () {
  var TOKEN = ${JSON.stringify(token)};
  function post(message) { message.source = ${JSON.stringify(PREVIEW_MESSAGE_SOURCE)}; message.token = TOKEN; parent.postMessage(message, "*"); }
  function fields(form, submitter) {
    var out = [];
    new FormData(form, submitter || undefined).forEach(function (value, name) { out.push([name, typeof value === "string" ? value : value.name]); });
    return out;
  }
  function attr(el, name) { return el && el.getAttribute(name); }
  function submit(form, submitter) {
    post({ kind: "form", action: attr(submitter, "formaction") || attr(form, "action") || "", method: (attr(submitter, "formmethod") || attr(form, "method") || "get").toLowerCase(), enctype: (attr(submitter, "formenctype") || form.enctype || "application/x-www-form-urlencoded").toLowerCase(), fields: fields(form, submitter) });
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#") return;
    event.preventDefault();
    post({ kind: "link", href: href });
  });
  // The sandbox (no allow-forms) blocks a submission before any "submit" event fires, so the
  // bridge catches what starts one: a click on a submit button, Enter in a field, submit() calls.
  function submitterOf(el) {
    var button = el && el.closest ? el.closest("button, input[type=submit], input[type=image]") : null;
    if (!button || !button.form || button.disabled) return null;
    if (button.tagName === "BUTTON" && (button.getAttribute("type") || "submit").toLowerCase() !== "submit") return null;
    return button;
  }
  function start(form, submitter) {
    if (!form.noValidate && !(submitter && submitter.formNoValidate) && !form.reportValidity()) return;
    var event = new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: submitter || null });
    if (form.dispatchEvent(event)) submit(form, submitter);
  }
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var button = submitterOf(event.target);
    if (!button) return;
    event.preventDefault();
    start(button.form, button);
  });
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.defaultPrevented || !field || !field.form || field.tagName !== "INPUT") return;
    if (/^(button|submit|reset|image|checkbox|radio|file)$/.test(field.type)) return;
    event.preventDefault();
    var form = field.form;
    var submitter = form.querySelector("button:not([type]), button[type=submit], input[type=submit], input[type=image]");
    start(form, submitter && submitter.form === form ? submitter : null);
  });
  // Escape hands the keyboard back to the app (a sandboxed frame cannot move focus itself).
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.defaultPrevented) post({ kind: "escape" });
  });
  HTMLFormElement.prototype.submit = function () { submit(this, null); };
  HTMLFormElement.prototype.requestSubmit = function (submitter) { start(this, submitter || null); };
})();`;
}

/**
 * Inside the preview, `fetch()` of the page's own site (a docs page loading `/openapi.json`, Swagger
 * UI's "Try it out") becomes a message to the page, which sends it through the simulated server and
 * answers with the response: nothing leaves the page, as the CSP insists (`connect-src` is 'none').
 */
function fetchBridgeScript(token: string, target: string): string {
  return `(function () {
  var TOKEN = ${JSON.stringify(token)};
  var SOURCE = ${JSON.stringify(PREVIEW_MESSAGE_SOURCE)};
  var BASE = "http://lab.local" + ${JSON.stringify(target)};
  var pending = {};
  var next = 1;
  window.addEventListener("message", function (event) {
    var m = event.data;
    if (!m || m.source !== SOURCE || m.token !== TOKEN || m.kind !== "fetch-response" || !pending[m.id]) return;
    var done = pending[m.id];
    delete pending[m.id];
    if (m.error) done.reject(new TypeError(m.error));
    else done.resolve(new Response(m.status === 204 || m.status === 304 ? null : m.body, { status: m.status, statusText: m.statusText, headers: m.headers }));
  });
  function pathOf(url) {
    var u = new URL(String(url), BASE);
    if (u.host !== "lab.local" && u.origin !== "null") return null;
    return u.pathname + u.search;
  }
  window.fetch = function (input, init) {
    init = init || {};
    var request = input instanceof Request ? input : null;
    var url = request ? request.url : String(input);
    var path = pathOf(url);
    if (path === null) return Promise.reject(new TypeError("Failed to fetch: only the simulated site can be fetched from the preview"));
    var method = (init.method || (request && request.method) || "GET").toUpperCase();
    var headers = [];
    new Headers(init.headers || (request ? request.headers : undefined)).forEach(function (value, name) { headers.push([name, value]); });
    var body = init.body;
    var bodyText = body === undefined || body === null ? Promise.resolve("") : typeof body === "string" ? Promise.resolve(body) : new Response(body).text();
    return bodyText.then(function (text) {
      return new Promise(function (resolve, reject) {
        var id = next++;
        pending[id] = { resolve: resolve, reject: reject };
        parent.postMessage({ source: SOURCE, token: TOKEN, kind: "fetch", id: id, method: method, target: path, headers: headers, body: text }, "*");
      });
    });
  };
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

/** Put `head` right after the doctype (or first), so the CSP applies before any other content. */
export function buildPreviewDocument(html: string, token: string, target = "/"): string {
  const head = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><script>${bridgeScript(token)}</script><script>${fetchBridgeScript(token, target)}</script>`;
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + head + html.slice(doctype[0].length);
  return head + html;
}

/** A message from the preview, after validation. */
export type PreviewNavigation =
  | { kind: "escape" }
  | { kind: "fetch"; id: number; method: string; target: string; headers: [string, string][]; body: string }
  | { kind: "link"; href: string }
  | { kind: "form"; action: string; method: "get" | "post"; enctype: string; fields: [string, string][] };

/** Check an untrusted message's shape (the preview runs whatever HTML the response had). */
export function parsePreviewMessage(data: unknown, token: string): PreviewNavigation | null {
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== PREVIEW_MESSAGE_SOURCE || m.token !== token) return null;
  if (m.kind === "escape") return { kind: "escape" };
  if (m.kind === "fetch") return parseFetch(m);
  if (m.kind === "link") return typeof m.href === "string" && m.href.length <= 8000 ? { kind: "link", href: m.href } : null;
  if (m.kind !== "form" || typeof m.action !== "string" || m.action.length > 8000 || typeof m.enctype !== "string") return null;
  if (!Array.isArray(m.fields) || m.fields.length > 1000) return null;
  const fields: [string, string][] = [];
  for (const f of m.fields) {
    if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== "string" || typeof f[1] !== "string") return null;
    fields.push([f[0], f[1]]);
  }
  return { kind: "form", action: m.action, method: m.method === "post" ? "post" : "get", enctype: m.enctype, fields };
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
