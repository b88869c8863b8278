/**
 * django.middleware.clickjacking: every response → the same response with `X-Frame-Options`, so
 * browsers refuse to show the page inside another site's frame.
 *
 * A view opts out with `xframe_options_exempt`, or picks its own value with
 * `xframe_options_deny` / `xframe_options_sameorigin` (django/views/decorators/clickjacking.ts).
 */
import { settings } from "../conf";
import type { HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { MiddlewareMixin } from "../utils/deprecation";

export class XFrameOptionsMiddleware extends MiddlewareMixin {
  override process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    // A value set by the view itself wins.
    const own = response.headers.get("X-Frame-Options");
    if (own !== undefined && own !== null) return response;
    if ((response as unknown as { xframe_options_exempt?: boolean }).xframe_options_exempt) return response;
    response.headers.set("X-Frame-Options", this.get_xframe_options_value(request, response));
    return response;
  }

  /** Override to choose per request; Django's default reads settings.X_FRAME_OPTIONS (DENY). */
  get_xframe_options_value(_request: HttpRequest, _response: HttpResponseBase): string {
    return String(settings.X_FRAME_OPTIONS ?? "DENY").toUpperCase();
  }
}
