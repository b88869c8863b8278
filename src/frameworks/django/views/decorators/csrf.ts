/**
 * django.views.decorators.csrf: a view → the same view with its CSRF handling changed.
 *
 *   csrf_exempt(view)          the middleware skips the check for this view
 *   csrf_protect(view)         the full check, for projects without CsrfViewMiddleware
 *   requires_csrf_token(view)  the token is available to templates, but nothing is rejected
 *   ensure_csrf_cookie(view)   the response always sets the CSRF cookie (pages that post with JS)
 *
 * The last three run CsrfViewMiddleware's hooks around the one view, as Django's
 * `decorator_from_middleware` does.
 */
import { wraps } from "../../../python/functools";
import type { HttpRequest } from "../../http/request";
import type { HttpResponseBase } from "../../http/response";
import { CsrfViewMiddleware, get_token } from "../../middleware/csrf";

type View = ((request: HttpRequest, ...args: any[]) => any) & { csrf_exempt?: boolean };

/** Marks the view so CsrfViewMiddleware.process_view lets every request through. */
export function csrf_exempt<V extends View>(view: V): V {
  const wrapped = function (this: unknown, ...args: unknown[]) {
    return view.apply(this, args as [HttpRequest]);
  } as unknown as V;
  return Object.assign(wraps<V>(view)(wrapped), { csrf_exempt: true });
}

/** Never rejects: the token is set up for `{% csrf_token %}`, the view always runs. */
class _EnsureCsrfToken extends CsrfViewMiddleware {
  override _reject(_request: HttpRequest, _reason: string): HttpResponseBase {
    return null as unknown as HttpResponseBase;
  }
}

/** Like _EnsureCsrfToken, and also forces the cookie out by asking for a token. */
class _EnsureCsrfCookie extends _EnsureCsrfToken {
  override process_view(request: HttpRequest, callback: View, args: unknown[], kwargs: Record<string, unknown>): HttpResponseBase | null {
    const retval = super.process_view(request, callback, args, kwargs);
    get_token(request);
    return retval;
  }
}

/** `decorator_from_middleware`: the middleware's hooks run around this one view. */
function from_middleware(Middleware: typeof CsrfViewMiddleware) {
  return <V extends View>(view: V): V => {
    const wrapped = function (this: unknown, request: HttpRequest, ...args: unknown[]) {
      const middleware = new Middleware(view as any);
      const early = middleware.process_request(request) ?? middleware.process_view(request, view, args, {});
      if (early) return early;
      const response = view.apply(this, [request, ...args]);
      const finish = (r: HttpResponseBase) => middleware.process_response(request, r);
      if (response && typeof response.render === "function" && typeof response.add_post_render_callback === "function") {
        response.add_post_render_callback(finish);
        return response;
      }
      return response instanceof Promise ? response.then(finish) : finish(response);
    } as unknown as V;
    return Object.assign(wrapped, view, { __wrapped__: view });
  };
}

export const csrf_protect = from_middleware(CsrfViewMiddleware);
export const requires_csrf_token = from_middleware(_EnsureCsrfToken);
export const ensure_csrf_cookie = from_middleware(_EnsureCsrfCookie);
