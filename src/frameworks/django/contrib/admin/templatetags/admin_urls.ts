/**
 * django.contrib.admin.templatetags.admin_urls: admin URL names and preserved changelist filters.
 *
 *   admin_urlname(opts, "change")        → "admin:library_book_change"
 *   add_preserved_filters({preserved_filters: "_changelist_filters=o%3D4", opts}, "/admin/library/book/9/change/")
 *                                        → "/admin/library/book/9/change/?_changelist_filters=o%3D4"
 * A link back to the changelist unwraps `_changelist_filters`, so the list reopens as it was left.
 */
import { resolve } from "../../../urls/base";
import { Resolver404 } from "../../../urls/exceptions";
import { parse_qsl, unquote, urlencode, urlsplit, urlunsplit } from "../../../../python/urllib/parse";

export function admin_urlname(opts: { app_label: string; model_name: string }, arg: string): string {
  return `admin:${opts.app_label}_${opts.model_name}_${arg}`;
}

export function admin_urlquote(value: unknown): string {
  return String(value).replace(/[_:/#?;@&=+$,"[\]<>%\n\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

export function add_preserved_filters(context: { preserved_filters?: string; opts?: any; preserved_qsl?: [string, string][] }, url: string, popup = false, to_field: string | null = null): string {
  const parts = urlsplit(url);
  const merged = new Map<string, string>(context.preserved_qsl ?? []);
  if (context.opts && context.preserved_filters) {
    let preserved = new Map(parse_qsl(context.preserved_filters));
    if (is_changelist_url(url, context.opts) && preserved.has("_changelist_filters")) preserved = new Map(parse_qsl(preserved.get("_changelist_filters")!));
    for (const [k, v] of preserved) merged.set(k, v);
  }
  if (popup) merged.set("_popup", "1");
  if (to_field) merged.set("_to_field", to_field);
  for (const [k, v] of parse_qsl(parts.query)) merged.set(k, v);
  return urlunsplit([parts.scheme, parts.netloc, parts.path, urlencode([...merged.entries()]), parts.fragment]);
}

function is_changelist_url(url: string, opts: any): boolean {
  try {
    const match = resolve(unquote(urlsplit(url).path));
    return `${match.app_name}:${match.url_name}` === admin_urlname(opts, "changelist");
  } catch (e) {
    if (e instanceof Resolver404) return false;
    throw e;
  }
}
