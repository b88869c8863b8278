/**
 * Which code ran at a step: a span → the line of the learner's files it stands for, and the place in
 * the framework's source (src/frameworks, src/gateway) that ran it. Pure; the Step panel and
 * presenter mode highlight both. Main functions: `userLineOf`, `frameworkPlaceOf`.
 *
 * A span says where it ran when the framework records a `source` (the resolver, the view, a log
 * line). The others are placed by what their kind and attributes say: a middleware's dotted path
 * names its module and class (`django.middleware.security.SecurityMiddleware` →
 * `django/middleware/security.ts#SecurityMiddleware`), a URL pattern's route is found where the
 * urls file declares it, the handler's steps are BaseHandler's methods. What still has no place of
 * its own takes its nearest ancestor's.
 */
import type { Span } from "../../trace/span";
import { ancestors, str, type SpanIndex } from "./span-index";

export interface UserLine {
  file: string;
  line: number;
}

/** A place in the framework's source: a file (relative to src/frameworks, or `gateway/…`) and a symbol or line. */
export interface FrameworkPlace {
  file: string;
  symbol?: string;
  line?: number;
  /** Where to look when `symbol` is not in `file` (a method the class inherits: MiddlewareMixin.__call__). */
  fallback?: FrameworkPlace;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where a symbol is defined in a TypeScript source (a view `greet`, a method
 * `TimingMiddleware.__call__`, `URLResolver.resolve`): each dotted part is looked for after the
 * previous one, as a function, class, variable or method declaration. Null when a part is missing.
 */
export function lineOfSymbol(text: string, symbol: string): number | null {
  let from = 0;
  let end = text.length;
  for (const part of symbol.split(".")) {
    const name = escape(part);
    const re = new RegExp(
      `(?:function\\s*\\*?\\s*|class\\s+|const\\s+|let\\s+|var\\s+)${name}\\b|^[ \\t]*(?:(?:public|private|protected|static|async|override|readonly|get|set)\\s+)*${name}\\s*(?:<[^>\\n]*>)?\\s*\\(`,
      "gm",
    );
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m || m.index >= end) return null;
    from = m.index + m[0].length;
    // A member is looked for inside its class: up to the next top-level declaration.
    const next = /^(?:export\s|class\s|function\s|const\s)/gm;
    next.lastIndex = from;
    end = next.exec(text)?.index ?? text.length;
  }
  return text.slice(0, from).split("\n").length;
}

/** The 1-based line of the first match of `re` in `text`, or null. */
function lineOf(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split("\n").length : null;
}

/** `hello.views.greet` → `hello/views.ts` when that file is one of the project's. */
function moduleFile(dotted: string, files: Record<string, string>): { file: string; symbol: string } | null {
  const parts = dotted.split(".");
  for (let cut = parts.length - 1; cut >= 1; cut--) {
    const base = parts.slice(0, cut).join("/");
    for (const file of [`${base}.ts`, `${base}/index.ts`, `${base}.js`]) if (file in files) return { file, symbol: parts.slice(cut).join(".") };
  }
  return null;
}

/** The symbol's line in one of `files` (the first file that defines it), or null. */
function findSymbol(files: Record<string, string>, symbol: string, prefer: (path: string) => boolean = () => false): UserLine | null {
  const paths = Object.keys(files).filter((p) => /\.(ts|js|tsx|mjs)$/.test(p));
  for (const file of [...paths.filter(prefer), ...paths.filter((p) => !prefer(p))]) {
    const line = lineOfSymbol(files[file], symbol);
    if (line) return { file, line };
  }
  return null;
}

/** A string literal's line (`"hello/"` or `'hello/'`), preferring urls files. */
function findLiteral(files: Record<string, string>, literal: string, before = ""): UserLine | null {
  const quoted = `(?:"${escape(literal)}"|'${escape(literal)}'|\`${escape(literal)}\`)`;
  const re = new RegExp(before ? `${before}\\s*\\(\\s*${quoted}` : quoted);
  const paths = Object.keys(files).filter((p) => /\.(ts|js)$/.test(p));
  const urlsFirst = [...paths.filter((p) => /urls?\.(ts|js)$/.test(p)), ...paths.filter((p) => !/urls?\.(ts|js)$/.test(p))];
  for (const file of urlsFirst) {
    const line = lineOf(files[file], re);
    if (line) return { file, line };
  }
  return null;
}

/** The dotted path of the middleware a span belongs to (its own attrs, or the enclosing middleware span's). */
function middlewarePath(span: Span, index: SpanIndex): { path: string | null; name: string | null; phase: string | null } {
  const phase = str(span.attrs.phase);
  for (const s of [span, ...ancestors(index, span)]) {
    if (s.kind !== "middleware") break;
    const path = str(s.attrs.path);
    if (path && path.includes(".")) return { path, name: str(s.attrs.middleware), phase };
  }
  return { path: null, name: str(span.attrs.middleware), phase };
}

/** A span's own line in the learner's files, by what it records or what its kind says (no ancestor). */
function ownUserLine(span: Span, index: SpanIndex, files: Record<string, string>): UserLine | null {
  const src = span.error?.source ?? span.source;
  if (src && src.file in files) {
    const line = src.line ?? (src.symbol ? lineOfSymbol(files[src.file], src.symbol) : null);
    if (line) return { file: src.file, line };
  }
  switch (span.kind) {
    case "middleware": {
      const { path, name, phase } = middlewarePath(span, index);
      const mod = path ? moduleFile(path, files) : null;
      if (mod) {
        const method = phase && phase !== "__call__" && phase !== "request" && phase !== "response" ? `${mod.symbol}.${phase}` : null;
        const line = (method && lineOfSymbol(files[mod.file], method)) || lineOfSymbol(files[mod.file], mod.symbol);
        if (line) return { file: mod.file, line };
      }
      // A middleware written as a function in a raw WSGI project (`logging_middleware`).
      if (!path && name) return findSymbol(files, name);
      return null;
    }
    case "view": {
      const view = str(span.attrs.view) ?? span.name;
      const mod = view.includes(".") ? moduleFile(view, files) : null;
      if (mod) {
        const line = lineOfSymbol(files[mod.file], mod.symbol);
        if (line) return { file: mod.file, line };
      }
      return /^[A-Za-z_$][\w$]*$/.test(span.name) ? findSymbol(files, span.name) : null;
    }
    case "receiver":
      return /^[A-Za-z_$][\w$.]*$/.test(span.name) ? findSymbol(files, span.name) : null;
    case "queryset": {
      // The line that made the QuerySet hit the database (a loop, len(), `post.author`), else the
      // line that built it: QuerySets are lazy, so the two are often far apart.
      for (const at of [span.attrs.evaluated_at, span.attrs.built_at]) {
        const place = at && typeof at === "object" ? (at as { file?: unknown; line?: unknown }) : null;
        if (place && typeof place.file === "string" && place.file in files && typeof place.line === "number") return { file: place.file, line: place.line };
      }
      return null;
    }
    default:
      return null;
  }
}

/** A URL pattern or include() tried: the line of the learner's urls that declares it. */
function routeLine(span: Span, files: Record<string, string>): UserLine | null {
  if (span.kind === "pattern") {
    const route = str(span.attrs.route);
    if (route !== null) return findLiteral(files, route, str(span.attrs.kind) === "re_path" ? "re_path" : "(?:path|re_path)");
    // A raw WSGI app's own routes ("GET /profile"): the path as a literal in its routing table.
    const path = /^[A-Z]+ (\/\S*)$/.exec(span.name)?.[1];
    return path ? findLiteral(files, path) : null;
  }
  if (span.kind === "resolver" && span.parent !== null) {
    const prefix = str(span.attrs.pattern);
    if (prefix !== null && !prefix.startsWith("^")) return findLiteral(files, prefix, "(?:path|re_path)");
  }
  return null;
}

/**
 * The line of the learner's code a step stands for: the span's own (its source, its middleware
 * class, the route it tried, its view or receiver), else the nearest ancestor's.
 */
export function userLineOf(span: Span, index: SpanIndex, files: Record<string, string>): UserLine | null {
  for (const s of [span, ...ancestors(index, span)]) {
    const line = ownUserLine(s, index, files) ?? routeLine(s, files);
    if (line) return line;
  }
  return null;
}

/** The framework's methods for the handler's named steps (django/core/handlers). */
const HANDLER_STEPS: Record<string, FrameworkPlace> = {
  get_response: { file: "django/core/handlers/base.ts", symbol: "BaseHandler.get_response" },
  _get_response: { file: "django/core/handlers/base.ts", symbol: "BaseHandler._get_response" },
  load_middleware: { file: "django/core/handlers/base.ts", symbol: "BaseHandler.load_middleware" },
  "response.render()": { file: "django/core/handlers/base.ts", symbol: "BaseHandler._get_response" },
};

/** A span's own place in the framework, by its source or what its kind says (no ancestor). */
function ownFrameworkPlace(span: Span, index: SpanIndex, files: Record<string, string>, exists: (file: string) => boolean): FrameworkPlace | null {
  const src = span.source;
  if (src && !(src.file in files) && exists(src.file)) return { file: src.file, ...(src.symbol ? { symbol: src.symbol } : {}), ...(src.line ? { line: src.line } : {}) };
  switch (span.kind) {
    case "gateway":
      if (span.name.startsWith("WSGI")) return { file: "gateway/server.ts", symbol: "serve_wsgi" };
      if (span.name.startsWith("ASGI")) return exists("gateway/asgi.ts") ? { file: "gateway/asgi.ts" } : null;
      return null;
    case "handler": {
      const place = HANDLER_STEPS[span.name];
      return place && exists(place.file) ? place : null;
    }
    case "middleware": {
      const { path, phase } = middlewarePath(span, index);
      if (!path || moduleFile(path, files)) return null;
      const parts = path.split(".");
      const file = `${parts.slice(0, -1).join("/")}.ts`;
      if (!exists(file)) return null;
      const cls = parts[parts.length - 1];
      const method = phase && phase !== "__call__" ? phase : "__call__";
      // Django's middleware inherit __call__ from MiddlewareMixin, which runs their process_* hooks.
      const mixin = "django/utils/deprecation.ts";
      const fallback = method === "__call__" && exists(mixin) ? { file: mixin, symbol: "MiddlewareMixin.__call__" } : { file, symbol: cls };
      return { file, symbol: `${cls}.${method}`, fallback };
    }
    case "queryset":
      // Evaluating a QuerySet: _fetch_all() runs the query once and caches the rows.
      return exists("django/db/models/query.ts") ? { file: "django/db/models/query.ts", symbol: "QuerySet._fetch_all" } : null;
    case "sql":
      // Every statement goes through the cursor wrapper, which times it and records it in connection.queries.
      return exists("django/db/backends/utils.ts") ? { file: "django/db/backends/utils.ts", symbol: "CursorWrapper.execute" } : null;
    case "template":
      return exists("django/template/base.ts") && str(span.attrs.loader)?.startsWith("django.") ? { file: "django/template/base.ts", symbol: "Template.render" } : null;
    case "signal":
      return exists("django/dispatch/dispatcher.ts") ? { file: "django/dispatch/dispatcher.ts", symbol: str(span.attrs.method) === "send_robust" ? "Signal.send_robust" : "Signal.send" } : null;
    default:
      return null;
  }
}

/**
 * The framework source that ran a step: the span's own place, else its nearest ancestor's (a view
 * is run by BaseHandler._get_response). `exists` says which framework files the page can show.
 */
export function frameworkPlaceOf(span: Span, index: SpanIndex, files: Record<string, string>, exists: (file: string) => boolean): FrameworkPlace | null {
  for (const s of [span, ...ancestors(index, span)]) {
    const place = ownFrameworkPlace(s, index, files, exists);
    if (place) return place;
  }
  return null;
}
