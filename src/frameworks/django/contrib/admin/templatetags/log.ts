/**
 * django.contrib.admin.templatetags.log: `{% load log %}` → `{% get_admin_log %}`, the index page's
 * "Recent actions".
 *
 *   {% get_admin_log 10 as admin_log for_user user %}   the 10 latest LogEntry rows of that user
 *
 * The entries come from the page's `log_entries` (AdminSite.each_context), filtered here.
 */
import { Node } from "../../../template/base";
import type { Context } from "../../../template/context";
import { TemplateSyntaxError } from "../../../template/exceptions";
import { Library } from "../../../template/library";

export const register = new Library();

export class AdminLogNode extends Node {
  override child_nodelists: string[] = [];
  constructor(
    readonly limit: string,
    readonly varname: string,
    readonly user: string | null,
  ) {
    super();
  }

  override __repr__(): string {
    return "<GetAdminLog Node>";
  }

  render(context: Context): string {
    let entries = context.get("log_entries") as any;
    if (this.user !== null) {
      let user_id: unknown = this.user;
      if (!/^\d+$/.test(this.user)) user_id = (context.get(this.user) as { pk: unknown }).pk;
      entries = entries.filter({ user__pk: user_id });
    }
    context.set(this.varname, entries.slice(0, Number(this.limit)));
    return "";
  }
}

register.tag("get_admin_log", (_parser, token) => {
  const tokens = token.contents.split(/\s+/);
  if (tokens.length < 4) throw new TemplateSyntaxError("'get_admin_log' statements require two arguments");
  if (!/^\d+$/.test(tokens[1])) throw new TemplateSyntaxError("First argument to 'get_admin_log' must be an integer");
  if (tokens[2] !== "as") throw new TemplateSyntaxError("Second argument to 'get_admin_log' must be 'as'");
  if (tokens.length > 4 && tokens[4] !== "for_user") throw new TemplateSyntaxError("Fourth argument to 'get_admin_log' must be 'for_user'");
  return new AdminLogNode(tokens[1], tokens[3], tokens.length > 5 ? tokens[5] : null);
});
