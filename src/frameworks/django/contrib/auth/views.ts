/**
 * django.contrib.auth.views: the sign-in pages → views, and `redirect_to_login`, the redirect
 * `login_required` answers with.
 *
 *     redirect_to_login("/secret/?a=1", "/accounts/login/")
 *     // 302 Location: /accounts/login/?next=/secret/%3Fa%3D1
 */
import { HttpResponseRedirect } from "../../http/response";
import { QueryDict } from "../../http/request";
import { settings } from "../../conf";
import { resolve_url } from "../../shortcuts";
import { urlsplit, urlunsplit } from "../../../python/urllib/parse";
import { REDIRECT_FIELD_NAME } from "./index";

/**
 * `redirect_to_login(next, login_url=None, redirect_field_name="next")`: LOGIN_URL with `next`
 * added to its query string (slashes left readable, everything else percent-encoded).
 */
export function redirect_to_login(next: string, login_url: string | null = null, redirect_field_name: string | null = REDIRECT_FIELD_NAME): HttpResponseRedirect {
  const resolved_url = resolve_url(login_url || settings.LOGIN_URL);
  const parts = urlsplit(resolved_url);
  let query = parts.query;
  if (redirect_field_name) {
    const querystring = new QueryDict(query, { mutable: true });
    querystring.setitem(redirect_field_name, next);
    query = querystring.urlencode("/");
  }
  return new HttpResponseRedirect(urlunsplit([parts.scheme, parts.netloc, parts.path, query, parts.fragment]));
}
