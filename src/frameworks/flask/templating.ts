/**
 * flask.templating: Flask's Jinja environment and `render_template`. The template context always
 * holds `g`, `request` and `session` (from `_default_template_ctx_processor`) plus what the app's
 * and the blueprint's context processors return.
 */
import { _cv_app, _cv_request } from "./globals";

/** `_default_template_ctx_processor()`: `g`, and `request` and `session` inside a request. */
export function _default_template_ctx_processor(): Record<string, unknown> {
  const app_ctx = _cv_app.get(null);
  const req_ctx = _cv_request.get(null);
  const rv: Record<string, unknown> = {};
  if (app_ctx !== null) rv.g = app_ctx.g;
  if (req_ctx !== null) {
    rv.request = req_ctx.request;
    rv.session = req_ctx.session;
  }
  return rv;
}
