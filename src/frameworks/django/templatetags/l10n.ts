/**
 * django.templatetags.l10n: `{% load l10n %}` → control over number and date localisation.
 *
 *   {{ value|localize }}  {{ obj.pk|unlocalize }}   one value, with or without localisation
 *   {% localize off %}{{ n }}{% endlocalize %}      a block rendered with context.use_l10n switched
 *
 * The main class is LocalizeNode.
 */
import { Node, type NodeList } from "../template/base";
import type { Context } from "../template/context";
import { TemplateSyntaxError } from "../template/exceptions";
import { Library } from "../template/library";
import { localize as localize_value } from "../utils/formats";
import { py_str } from "../../python/operator";

export const register = new Library();

/** Force the value to be localized (`formats.localize(value, use_l10n=True)`). */
export function localize(value: unknown): string {
  return py_str(localize_value(value, true));
}
register.filter("localize", localize, { is_safe: false });

/** Force the value not to be localized (a pk in a hidden input, a number for JavaScript). */
export function unlocalize(value: unknown): string {
  return py_str(localize_value(value, false));
}
register.filter("unlocalize", unlocalize, { is_safe: false });

export class LocalizeNode extends Node {
  constructor(
    readonly nodelist: NodeList,
    readonly use_l10n: boolean,
  ) {
    super();
  }

  render(context: Context): string {
    const old = context.use_l10n;
    context.use_l10n = this.use_l10n;
    try {
      return this.nodelist.render(context).valueOf();
    } finally {
      context.use_l10n = old;
    }
  }
}

register.tag("localize", (parser, token) => {
  const bits = token.split_contents();
  let use_l10n = true;
  if (bits.length > 2 || (bits.length === 2 && !["on", "off"].includes(bits[1])))
    throw new TemplateSyntaxError(`${bits[0]} argument should be 'on' or 'off'`);
  if (bits.length === 2) use_l10n = bits[1] === "on";
  const nodelist = parser.parse(["endlocalize"]);
  parser.delete_first_token();
  return new LocalizeNode(nodelist, use_l10n);
});
