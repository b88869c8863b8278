/**
 * django.views.decorators.clickjacking: a view → the same view whose responses carry (or skip)
 * X-Frame-Options, overriding XFrameOptionsMiddleware for that view.
 */
import type { HttpResponseBase } from "../../http/response";

type View = (...args: any[]) => HttpResponseBase | Promise<HttpResponseBase>;

function after_response<V extends View>(view: V, change: (r: HttpResponseBase) => void): V {
  const wrapped = function (this: unknown, ...args: unknown[]) {
    const result = view.apply(this, args);
    if (result instanceof Promise) return result.then((r) => (change(r), r));
    change(result);
    return result;
  } as V;
  return Object.assign(wrapped, view, { __wrapped__: view });
}

/** Sets `X-Frame-Options: DENY` unless the view already set the header. */
export function xframe_options_deny<V extends View>(view: V): V {
  return after_response(view, (r) => {
    if (!r.headers.has("X-Frame-Options")) r.headers.set("X-Frame-Options", "DENY");
  });
}

/** Sets `X-Frame-Options: SAMEORIGIN` unless the view already set the header. */
export function xframe_options_sameorigin<V extends View>(view: V): V {
  return after_response(view, (r) => {
    if (!r.headers.has("X-Frame-Options")) r.headers.set("X-Frame-Options", "SAMEORIGIN");
  });
}

/** Marks responses so XFrameOptionsMiddleware leaves them alone. */
export function xframe_options_exempt<V extends View>(view: V): V {
  return after_response(view, (r) => {
    (r as unknown as { xframe_options_exempt: boolean }).xframe_options_exempt = true;
  });
}
