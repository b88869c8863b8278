/**
 * django.contrib.admin.templatetags.admin_urls: `{% load admin_urls %}` → admin URL names and the
 * changelist filters a page carries along.
 *
 *   {{ opts|admin_urlname:"change" }}                → "admin:polls_question_change"
 *   {{ original.pk|admin_urlquote }}                 → the pk quoted as admin URLs quote it
 *   {% add_preserved_filters url %}                  → url + "?_changelist_filters=…" (on a changelist
 *                                                      URL, the filters themselves)
 */
import { Library } from "../../../template/library";
import type { Context } from "../../../template/context";
import { resolve, get_script_prefix } from "../../../urls/base";
import { Resolver404 } from "../../../urls/exceptions";
import { urlencode } from "../../../utils/http";
import { parse_qsl, unquote, urlsplit, urlunsplit } from "../../../../python/urllib/parse";
import { quote } from "../utils";

export const register = new Library();

export function admin_urlname(value: { app_label: string; model_name: string }, arg: string): string {
  return `admin:${value.app_label}_${value.model_name}_${arg}`;
}
register.filter("admin_urlname", admin_urlname);

export function admin_urlquote(value: unknown): string {
  return quote(value);
}
register.filter("admin_urlquote", admin_urlquote);

type ContextLike = Pick<Context, "get"> | { preserved_filters?: string; opts?: any; preserved_qsl?: [string, string][] };

function context_get(context: ContextLike, key: string): any {
  if (typeof (context as Context).get === "function") return (context as Context).get(key);
  return (context as Record<string, unknown>)[key] ?? null;
}

/** The URL with the changelist's filters merged into its query string (the URL's own keys win). */
export function add_preserved_filters(context: ContextLike, url: string, popup: unknown = false, to_field: unknown = null): string {
  const opts = context_get(context, "opts");
  const preserved_filters = context_get(context, "preserved_filters");
  const preserved_qsl = context_get(context, "preserved_qsl");
  const parsed = urlsplit(url);
  const merged = new Map<string, unknown>();
  for (const [k, v] of (preserved_qsl ?? []) as [string, string][]) merged.set(k, v);
  if (opts && preserved_filters) {
    let preserved = new Map(parse_qsl(String(preserved_filters)));
    const prefix = get_script_prefix();
    const at = unquote(url).indexOf(prefix);
    const match_url = `/${at >= 0 ? unquote(url).slice(at + prefix.length) : ""}`;
    try {
      const match = resolve(match_url);
      const current_url = `${match.app_name}:${match.url_name}`;
      const changelist_url = `admin:${opts.app_label}_${opts.model_name}_changelist`;
      if (changelist_url === current_url && preserved.has("_changelist_filters")) preserved = new Map(parse_qsl(preserved.get("_changelist_filters")!));
    } catch (e) {
      if (!(e instanceof Resolver404)) throw e;
    }
    for (const [k, v] of preserved) merged.set(k, v);
  }
  if (popup) merged.set("_popup", 1);
  if (to_field) merged.set("_to_field", to_field);
  for (const [k, v] of parse_qsl(parsed.query)) merged.set(k, v);
  return urlunsplit([parsed.scheme, parsed.netloc, parsed.path, urlencode([...merged.entries()] as [string, unknown][]), parsed.fragment]);
}
register.simple_tag(
  function add_preserved_filters_tag(context: Context, url: string, popup: unknown = false, to_field: unknown = null) {
    return add_preserved_filters(context, url, popup, to_field);
  },
  { takes_context: true, name: "add_preserved_filters" },
);
