/**
 * django.views.decorators.cache: a view → the same view whose responses carry caching headers.
 *
 *   export const profile = never_cache(function profile(request) { … });
 *   // @never_cache in Python: Expires now, Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
 *
 *   export const feed = cache_control({ max_age: 60, public: true })(function feed(request) { … });
 *   // @cache_control(max_age=60, public=True): Cache-Control: max-age=60, public
 *
 * On a class-based view, decorate its `dispatch` with `method_decorator` (django/utils/decorators):
 * called with something else than an HttpRequest as first argument, both raise Django's TypeError
 * saying so. `cache_page` needs a cache back end, which the runtime has not (docs/api-coverage.md).
 * Python decorators are called here as functions on the function they decorate (ADR 0013).
 */
import { wraps } from "../../../python/functools";
import { TypeError } from "../../../python/builtins";
import type { HttpRequest } from "../../http/request";
import { add_never_cache_headers, patch_cache_control } from "../../utils/cache";

type View = (request: HttpRequest, ...args: any[]) => any;

/** What Django checks: the first argument looks like a request (it has META). */
function check_request(request: unknown, decorator: string): void {
  if (request === null || typeof request !== "object" || !("META" in request))
    throw new TypeError(`${decorator} didn't receive an HttpRequest. If you are decorating a classmethod, be sure to use @method_decorator.`);
}

/** `cache_control({ max_age: 60, private: true })(view)`: those Cache-Control directives on every response. */
export function cache_control(kwargs: Record<string, string | number | boolean> = {}): <V extends View>(view_func: V) => V {
  return <V extends View>(view_func: V): V => {
    const _view_wrapper = function (this: unknown, request: HttpRequest, ...args: unknown[]) {
      check_request(request, "cache_control");
      const response = view_func.call(this, request, ...args);
      patch_cache_control(response, kwargs);
      return response;
    } as V;
    return wraps<V>(view_func)(_view_wrapper);
  };
}

/** `never_cache(view)`: every response expired now and marked never to be cached. */
export function never_cache<V extends View>(view_func: V): V {
  const _view_wrapper = function (this: unknown, request: HttpRequest, ...args: unknown[]) {
    check_request(request, "never_cache");
    const response = view_func.call(this, request, ...args);
    add_never_cache_headers(response);
    return response;
  } as V;
  return wraps<V>(view_func)(_view_wrapper);
}
