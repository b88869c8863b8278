/**
 * What the handler tells the trace about the things it calls: a callable's dotted name and source
 * location, a response in one line, and the headers a middleware added, changed or removed.
 */
import type { Attrs, Json, SourceRef } from "../../../../trace";
import type { HttpResponseBase } from "../../http/response";

type Introspectable = { __module__?: string; __qualname__?: string; name?: string; view_class?: { name: string; __module__?: string }; __source__?: SourceRef };

/** `blog.views.post_detail` or `PostDetailView` (for `as_view()` results). */
export function callable_name(fn: unknown): string {
  const f = fn as Introspectable;
  if (!f) return "None";
  const name = f.view_class?.name ?? f.__qualname__ ?? f.name ?? "<anonymous>";
  const module = f.view_class?.__module__ ?? f.__module__;
  return module ? `${module}.${name}` : name;
}

/** The runtime stamps `__source__` on user functions it can locate; framework views have none. */
export function callable_source(fn: unknown): SourceRef | undefined {
  const f = fn as Introspectable;
  return f?.__source__ ?? (f?.__module__ ? { file: `${f.__module__.replace(/\./g, "/")}.ts`, symbol: f.__qualname__ ?? f.name } : undefined);
}

export function describe_response(response: unknown): Attrs {
  const r = response as HttpResponseBase;
  if (!r || typeof r !== "object" || typeof r.status_code !== "number") return { type: typeof response };
  return { class: r.constructor.name, status: r.status_code, reason: r.reason_phrase };
}

export function snapshot_headers(response: HttpResponseBase): (readonly [string, string])[] {
  const headers = (response as unknown as { headers?: Iterable<[string, string]> & { _pairs?: () => (readonly [string, string])[] } }).headers;
  if (headers && typeof headers._pairs === "function") return headers._pairs();
  const out: [string, string][] = [];
  if (headers && typeof (headers as Iterable<[string, string]>)[Symbol.iterator] === "function") for (const [k, v] of headers) out.push([k, v]);
  return out;
}

/**
 * `{added: {...}, changed: {...}, removed: [...]}`, header names compared case-insensitively.
 * Middleware almost always appends headers, so the common case (before is a prefix of after) is a
 * single pass; only a reordering or removal pays for the general comparison.
 */
export function header_changes(before: readonly (readonly [string, string])[], after: readonly (readonly [string, string])[]): Json {
  const added: { [k: string]: Json } = {};
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && (before[prefix] === after[prefix] || (before[prefix][0] === after[prefix][0] && before[prefix][1] === after[prefix][1]))) prefix++;
  if (prefix === before.length) {
    for (let i = prefix; i < after.length; i++) added[after[i][0]] = after[i][1];
    return { added, changed: {}, removed: [] };
  }
  const b = new Map(before.map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const a = new Map(after.map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const changed: { [k: string]: Json } = {};
  const removed: Json[] = [];
  for (const [key, [name, value]] of a) {
    const old = b.get(key);
    if (!old) added[name] = value;
    else if (old[1] !== value) changed[name] = { from: old[1], to: value };
  }
  for (const [key, [name]] of b) if (!a.has(key)) removed.push(name);
  return { added, changed, removed };
}
