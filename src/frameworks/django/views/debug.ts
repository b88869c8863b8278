/**
 * django.views.debug: an exception → the technical page a developer sees with DEBUG = True.
 *
 * `technical_404_response` lists every URL pattern the resolver tried, in order (or says which view
 * raised Http404); `technical_500_response` shows the exception, the traceback with the project's
 * own frames first-class, the request and the settings (secrets masked). Both are plain HTML built
 * here, so they render inside the page's sandboxed preview like any other response.
 */
import { extract_tb, type FrameSummary } from "../../python/traceback";
import { error_type } from "../../../trace";
import { settings } from "../conf";
import { HttpResponse, HttpResponseNotFound } from "../http/response";
import type { HttpRequest } from "../http/request";
import { escape } from "../utils/html";
import { Resolver404 } from "../urls/exceptions";

type Pattern = { pattern?: unknown; name?: string | null; namespace?: string | null; app_name?: string | null };

/** Settings whose names look secret are shown masked, as Django's SafeExceptionReporterFilter does. */
export const HIDDEN_SETTINGS = /API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE/i;
export const CLEANSED_SUBSTITUTE = "********************";

// ---- 404 -----------------------------------------------------------------------------------------

export function technical_404_response(request: HttpRequest, exception: unknown): HttpResponseNotFound {
  const info = exception as { path?: string; tried?: Pattern[][]; args?: unknown[]; message?: string };
  const resolved = !(exception instanceof Resolver404);
  const error_url = typeof info?.path === "string" ? info.path : request.path_info.slice(1);
  const tried = resolved ? ((request.resolver_match as unknown as { tried?: Pattern[][] } | null)?.tried ?? []) : (info.tried ?? []);
  if (!resolved && (tried.length === 0 || is_admin_only(request, tried))) return default_urlconf(request);
  const urlconf = String((request as unknown as { urlconf?: string }).urlconf ?? settings.ROOT_URLCONF);
  const raised_by = resolved ? view_name(request) : null;
  const reason = resolved ? String(info?.message ?? "") : "";
  return new HttpResponseNotFound(technical_404_html({ request, urlconf, tried, raised_by, reason, resolved, request_path: error_url }));
}

/**
 * Django's technical_404.html, rendered: the same markup and whitespace, so the page a learner sees
 * (and copies into a bug report) is the one Django shows. Each tried pattern is the chain of
 * includes down to it, one `<code>` per step; only the last step shows its `[name='…']`.
 */
function technical_404_html(c: { request: HttpRequest; urlconf: string; tried: Pattern[][]; raised_by: string | null; reason: string; resolved: boolean; request_path: string }): string {
  const url = safe(() => c.request.build_absolute_uri(), c.request.path);
  const chain_html = (chain: Pattern[]) =>
    chain
      .map((pat, i) => `\n              <code>\n                ${escape(String(pat.pattern ?? pat))}\n                ${i === chain.length - 1 && pat.name ? `[name='${escape(pat.name)}']` : ""}\n              </code>\n            `)
      .join("");
  const patterns = c.tried.map((chain) => `\n          <li>\n            ${chain_html(chain)}\n          </li>\n        `).join("");
  const info = c.tried.length
    ? `\n      <p>\n      Using the URLconf defined in <code>${escape(c.urlconf)}</code>,\n      Django tried these URL patterns, in this order:\n      </p>\n      <ol>\n        ${patterns}\n      </ol>\n      <p>\n        ${
        c.request_path ? `\n          The current path, <code>${escape(c.request_path)}</code>,\n        ` : "\n          The empty path\n        "
      }\n        ${c.resolved ? "matched the last one." : "didn’t match any of these."}\n      </p>\n    `
    : `\n      ${escape(c.reason)}\n    `;
  const raised = c.raised_by ? `\n      <tr>\n        <th scope="row">Raised by:</th>\n        <td>${escape(c.raised_by)}</td>\n      </tr>\n      ` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <title>Page not found at ${escape(c.request.path_info)}</title>
  <meta name="robots" content="NONE,NOARCHIVE">
  <style>${STYLE_404}</style>
</head>
<body>
  <header id="summary">
    <h1>Page not found <small>(404)</small></h1>
    ${c.reason && c.resolved ? `<pre class="exception_value">${escape(c.reason)}</pre>` : ""}
    <table class="meta">
      <tr>
        <th scope="row">Request Method:</th>
        <td>${escape(c.request.method ?? "")}</td>
      </tr>
      <tr>
        <th scope="row">Request URL:</th>
        <td>${escape(url)}</td>
      </tr>
      ${raised}
    </table>
  </header>

  <main id="info">
    ${info}
  </main>

  <footer id="explanation">
    <p>
      You’re seeing this error because you have <code>DEBUG = True</code> in
      your Django settings file. Change that to <code>False</code>, and Django
      will display a standard 404 page.
    </p>
  </footer>
</body>
</html>
`;
}

const STYLE_404 = `
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font-family: sans-serif; background:#eee; color:#000; }
    body > :where(header, main, footer) { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 small { font-size:60%; color:#666; font-weight:normal; }
    table { border:none; border-collapse: collapse; width:100%; }
    td, th { vertical-align:top; padding:2px 3px; }
    th { width:12em; text-align:right; color:#666; padding-right:.5em; }
    #info { background:#f6f6f6; }
    #info ol { margin: 0.5em 4em; }
    #info ol li { font-family: monospace; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
    pre.exception_value { font-family: sans-serif; color: #575757; font-size: 1.5em; margin: 10px 0 10px 0; }
  `;

function is_admin_only(request: HttpRequest, tried: Pattern[][]): boolean {
  return request.path === "/" && tried.length === 1 && tried[0].length === 1 && tried[0][0].app_name === "admin" && tried[0][0].namespace === "admin";
}

function view_name(request: HttpRequest): string | null {
  const match = request.resolver_match as unknown as { _func_path?: string; view_name?: string } | null;
  return match?._func_path ?? match?.view_name ?? null;
}

/** The page a brand-new project shows at `/` before it has any URL patterns. */
export function default_urlconf(_request: HttpRequest): HttpResponse {
  return new HttpResponse(
    page("Django: the Web framework for perfectionists with deadlines.", [
      `<main id="info"><h1>The install worked successfully! Congratulations!</h1>`,
      `<p>You are seeing this page because <code>DEBUG = True</code> is in your settings file and you have not configured any URLs.</p></main>`,
    ]),
  );
}

// ---- 500 -----------------------------------------------------------------------------------------

export function technical_500_response(request: HttpRequest | null, exc: unknown, options: { status_code?: number } = {}): HttpResponse {
  const reporter = new ExceptionReporter(request, exc);
  return new HttpResponse(reporter.get_traceback_html(), { status: options.status_code ?? 500, content_type: "text/html; charset=utf-8" });
}

/** Collects what the 500 page shows; `get_traceback_data()` is also what the page's Errors panel reads. */
export class ExceptionReporter {
  constructor(readonly request: HttpRequest | null, readonly exc: unknown) {}

  get_traceback_frames(): FrameSummary[] {
    return extract_tb(this.exc);
  }

  get_traceback_data() {
    const exc = this.exc as { message?: string } | undefined;
    const frames = this.get_traceback_frames();
    const user_frames = frames.filter((f) => f.is_user_code);
    return {
      exception_type: error_type(this.exc),
      exception_value: exc?.message ?? String(this.exc),
      frames,
      lastframe: user_frames[user_frames.length - 1] ?? frames[frames.length - 1] ?? null,
      request_method: this.request?.method ?? null,
      request_url: this.request ? safe(() => this.request!.build_absolute_uri(), this.request.path) : null,
      // Django prints `str(request.user)`: resolving the lazy user reads the session (→ Vary: Cookie).
      user_str: this.request && "user" in this.request ? safe(() => String(this.request!.user), "[unable to retrieve the current user]") : null,
      settings: cleansed_settings(),
    };
  }

  get_traceback_html(): string {
    const d = this.get_traceback_data();
    const where = d.lastframe ? `${d.lastframe.filename}${d.lastframe.lineno ? `, line ${d.lastframe.lineno}` : ""}, in ${d.lastframe.name}` : "";
    const rows: [string, string][] = [
      ["Request Method:", escape(d.request_method ?? "")],
      ["Request URL:", escape(d.request_url ?? "")],
      ["Exception Type:", escape(d.exception_type)],
      ["Exception Value:", `<pre>${escape(d.exception_value)}</pre>`],
      ["Exception Location:", `<span class="fname">${escape(where)}</span>`],
      ["Framework:", "Framework Lab (Django 5.2 semantics)"],
    ];
    return page(`${escape(d.exception_type)}${this.request ? ` at ${escape(this.request.path_info)}` : ""}`, [
      `<header id="summary"><h1>${escape(d.exception_type)}${this.request ? ` at ${escape(this.request.path_info)}` : ""}</h1><pre class="exception_value">${escape(d.exception_value)}</pre>`,
      table(rows),
      `</header>`,
      template_error_html(this.exc),
      `<main id="traceback"><h2>Traceback <span class="commands">(most recent call last)</span></h2><ul class="traceback">${d.frames.map(frame_html).join("")}</ul></main>`,
      d.user_str !== null ? `<h3 id="user-info">USER</h3><p>${escape(d.user_str)}</p>` : "",
      this.request ? request_html(this.request) : "<p>Request data not supplied</p>",
      `<section id="settings"><h2>Settings</h2><h3>Using settings module <code>${escape(String(settings.configured ? safe(() => settings.SETTINGS_MODULE, "") : ""))}</code></h3>${table(
        Object.entries(d.settings).map(([k, v]) => [escape(k), `<pre>${escape(v)}</pre>`]),
      )}</section>`,
      `<footer id="explanation"><p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file. Change that to <code>False</code>, and Django will display a standard page generated by the handler for this status code.</p></footer>`,
    ]);
  }
}

/** What a template error carries (django/template/base.ts `get_exception_info`). */
interface TemplateDebug {
  name: string;
  line: number;
  message: string;
  source_lines: [number, string][];
  before: string;
  during: string;
  after: string;
}

/** "Error during template rendering": the template, the line, and the source around it with the failing token marked. */
function template_error_html(exc: unknown): string {
  const info = (exc as { template_debug?: TemplateDebug } | null)?.template_debug;
  if (!info || !Array.isArray(info.source_lines)) return "";
  const rows = info.source_lines
    .map(([n, text]) =>
      n === info.line
        ? `<tr class="error"><th>${n}</th><td>${escape(info.before)}<span class="specific">${escape(info.during)}</span>${escape(info.after)}</td></tr>`
        : `<tr><th>${n}</th><td>${escape(text)}</td></tr>`,
    )
    .join("");
  return `<section id="template"><h2>Error during template rendering</h2><p>In template <code>${escape(info.name)}</code>, error at line <strong>${info.line}</strong></p><h3>${escape(info.message)}</h3><table class="source">${rows}</table></section>`;
}

function frame_html(f: FrameSummary): string {
  const cls = f.is_user_code ? "frame user" : "frame django";
  const loc = `${f.filename}${f.lineno ? `, line ${f.lineno}` : ""}`;
  return `<li class="${cls}"><code class="fname" data-file="${escape(f.filename)}" data-line="${f.lineno ?? ""}">${escape(loc)}</code>, in ${escape(f.name)}</li>`;
}

function request_html(request: HttpRequest): string {
  const qd = (q: unknown): [string, string][] => {
    const lists = (q as { lists?: () => Iterable<[string, unknown[]]> })?.lists?.();
    return lists ? [...lists].map(([k, v]) => [escape(k), escape(JSON.stringify(v))]) : [];
  };
  const meta = Object.entries(request.META as Record<string, unknown>)
    .filter(([, v]) => typeof v === "string" || typeof v === "number")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]): [string, string] => [escape(k), escape(HIDDEN_SETTINGS.test(k) ? CLEANSED_SUBSTITUTE : String(v))]);
  const section = (title: string, rows: [string, string][]) => `<h3>${title}</h3>${rows.length ? table(rows) : "<p>No data.</p>"}`;
  return `<section id="requestinfo"><h2>Request information</h2>${section("GET", qd(safe(() => request.GET, null)))}${section("POST", qd(safe(() => request.POST, null)))}${section(
    "COOKIES",
    Object.entries((safe(() => request.COOKIES, {}) ?? {}) as Record<string, string>).map(([k, v]) => [escape(k), escape(CLEANSED_SUBSTITUTE.length && HIDDEN_SETTINGS.test(k) ? CLEANSED_SUBSTITUTE : v)]),
  )}${section("META", meta)}</section>`;
}

/** Every UPPERCASE setting, with secret-looking ones replaced by stars. */
export function cleansed_settings(): Record<string, string> {
  const out: Record<string, string> = {};
  if (!settings.configured) return out;
  const names = new Set<string>();
  for (let o: object | null = (settings as { get_wrapped?: () => object }).get_wrapped?.() ?? null; o; o = Object.getPrototypeOf(o))
    for (const k of Object.keys(o)) if (/^[A-Z][A-Z0-9_]*$/.test(k)) names.add(k);
  for (const name of [...names].sort()) {
    const value = safe(() => settings[name], undefined);
    out[name] = HIDDEN_SETTINGS.test(name) ? CLEANSED_SUBSTITUTE : JSON.stringify(value) ?? "None";
  }
  return out;
}

// ---- shared HTML ---------------------------------------------------------------------------------

function table(rows: [string, string][]): string {
  return `<table class="meta">${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join("")}</table>`;
}

const STYLE = [
  "html *{padding:0;margin:0}",
  "body{font:14px/1.45 system-ui,sans-serif;background:#fff;color:#000}",
  "body>header,body>main,body>footer,body>section{padding:10px 20px;border-bottom:1px solid #ddd}",
  "h1{font-weight:normal;margin-bottom:.4em}h1 small{font-size:60%;color:#666}h2{margin:.6em 0 .3em}h3{margin:.8em 0 .2em;color:#444}",
  "table{border:none;border-collapse:collapse;width:100%}td,th{vertical-align:top;padding:2px 4px}",
  "th{width:12em;text-align:right;color:#666;padding-right:.8em;font-weight:normal}",
  "code,pre{font-family:ui-monospace,Menlo,monospace;font-size:13px}pre{white-space:pre-wrap}",
  "#summary{background:#ffc}#summary h1{margin-top:.2em}.exception_value{font-size:1.2em;margin:.3em 0 .6em;color:#575757}",
  "#info{background:#f6f6f6}#info ol{margin:.6em 0 .6em 2em}#info li{padding:.15em 0}",
  "#explanation{background:#eee}#traceback{background:#fff}",
  "ul.traceback{list-style:none;margin:.4em 0}ul.traceback li{padding:.3em 0;border-bottom:1px dotted #ddd}",
  ".frame.user code{font-weight:bold;color:#000}.frame.django{color:#777}",
  "#template{background:#f6f6f6}table.source{font-family:ui-monospace,Menlo,monospace;font-size:13px;white-space:pre-wrap}",
  "table.source th{width:3em;color:#999}table.source tr.error{background:#fcc}table.source .specific{color:#c00;font-weight:bold;text-decoration:underline}",
].join("");

function page(title: string, parts: string[]): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta http-equiv="content-type" content="text/html; charset=utf-8">\n  <title>${title}</title>\n  <meta name="robots" content="NONE,NOARCHIVE">\n  <style>${STYLE}</style>\n</head>\n<body>\n${parts.filter(Boolean).join("\n")}\n</body>\n</html>\n`;
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
