/**
 * django.templatetags.static: `{% load static %}` → URLs of static and media files.
 *
 *   {% static "polls/style.css" %}            → /static/polls/style.css   (STATIC_URL + the quoted path)
 *   {% static "admin/css/base.css" as css %}  → stored in `css`
 *   {% get_static_prefix %}  {% get_media_prefix %}
 *
 * The main class is StaticNode. A relative STATIC_URL ("static/") gets the script prefix ("/"), as
 * Django's settings do. With django.contrib.staticfiles installed Django asks its storage for the
 * URL; the lab's storage is plain (no hashed names), so both paths give the same URL.
 */
import { Node, type FilterExpression } from "../template/base";
import type { Context } from "../template/context";
import { TemplateSyntaxError } from "../template/exceptions";
import { Library } from "../template/library";
import { conditional_escape } from "../utils/html";
import { settings } from "../conf";
import { get_script_prefix } from "../urls/base";
import { quote, urljoin } from "../../python/urllib/parse";
import { py_str } from "../../python/operator";
import { _set_media_static } from "../forms/widgets";

export const register = new Library();

/** settings.STATIC_URL / MEDIA_URL with the script prefix added to a relative value. */
function setting_url(name: "STATIC_URL" | "MEDIA_URL"): string {
  let value: unknown;
  try {
    value = settings[name];
  } catch {
    value = null;
  }
  if (value === null || value === undefined) return "";
  const text = py_str(value);
  if (/^(https?:\/\/|\/)/.test(text)) return text;
  return `${get_script_prefix()}${text}`;
}

/** `{% get_static_prefix %}` / `{% get_media_prefix %}` [as var]. */
export class PrefixNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly varname: string | null,
    readonly name: "STATIC_URL" | "MEDIA_URL",
  ) {
    super();
  }

  static handle_simple(name: "STATIC_URL" | "MEDIA_URL"): string {
    return setting_url(name);
  }

  render(context: Context): string {
    const prefix = PrefixNode.handle_simple(this.name);
    if (this.varname === null) return prefix;
    context.set(this.varname, prefix);
    return "";
  }
}

function prefix_tag(tag: string, name: "STATIC_URL" | "MEDIA_URL"): void {
  register.tag(tag, (_parser, token) => {
    const tokens = token.contents.split(/\s+/);
    if (tokens.length > 1 && tokens[1] !== "as") throw new TemplateSyntaxError(`First argument in '${tokens[0]}' must be 'as'`);
    return new PrefixNode(tokens.length > 1 ? tokens[2] : null, name);
  });
}
prefix_tag("get_static_prefix", "STATIC_URL");
prefix_tag("get_media_prefix", "MEDIA_URL");

/** `{% static path [as var] %}`. */
export class StaticNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly path: FilterExpression,
    readonly varname: string | null = null,
  ) {
    super();
  }

  /** The URL of a static file: STATIC_URL joined with the path, percent-quoted (`/` kept). */
  static handle_simple(path: string): string {
    return urljoin(PrefixNode.handle_simple("STATIC_URL"), quote(path));
  }

  url(context: Context): string {
    return StaticNode.handle_simple(py_str(this.path.resolve(context)));
  }

  render(context: Context): string {
    let url = this.url(context);
    if (context.autoescape) url = conditional_escape(url).valueOf();
    if (this.varname === null) return url;
    context.set(this.varname, url);
    return "";
  }
}

register.tag("static", (parser, token) => {
  const bits = token.split_contents();
  if (bits.length < 2) throw new TemplateSyntaxError(`'${bits[0]}' takes at least one argument (path to file)`);
  const path = parser.compile_filter(bits[1]);
  const varname = bits.length >= 2 && bits[bits.length - 2] === "as" ? bits[bits.length - 1] : null;
  return new StaticNode(path, varname);
});

/** `static("admin/css/base.css")` in Python code (django.templatetags.static.static). */
export function static_(path: string): string {
  return StaticNode.handle_simple(path);
}
export { static_ as static };

_set_media_static(static_);
