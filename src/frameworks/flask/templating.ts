/**
 * flask.templating: Flask's Jinja environment and `render_template`. Main functions:
 * `render_template`, `render_template_string`; main class: `Environment`.
 *
 * The app's environment loads templates through `DispatchingJinjaLoader`: the app's `templates/`
 * folder first, then each blueprint's; it autoescapes `.html .htm .xml .xhtml .svg` files and
 * template strings; its globals are `url_for`, `get_flashed_messages`, `config`, `request`,
 * `session` and `g`, and `tojson` uses the app's JSON settings. Before rendering, the context
 * processors add their names (and `g`, `request`) under the view's own values.
 *
 *     return render_template("auth/login.html", { error: "Wrong password" });
 */
import { Environment as BaseEnvironment, type EnvironmentOptions } from "../jinja2/environment";
import { BaseLoader, type Source } from "../jinja2/loaders";
import { TemplateNotFound } from "../jinja2/exceptions";
import type { Template } from "../jinja2/environment";
import { _app_ctx, _cv_app, _cv_request } from "./globals";
import type { App } from "./sansio/app";
import type { Flask } from "./app";
import { before_render_template, template_rendered } from "./signals";

/**
 * `_default_template_ctx_processor()`: `g`, and `request` inside a request. Not `session`: reading
 * it marks the session accessed (`Vary: Cookie`), so a template reaches it through the global
 * `session` proxy only when it uses it.
 */
export function _default_template_ctx_processor(): Record<string, unknown> {
  const app_ctx = _cv_app.get(null);
  const req_ctx = _cv_request.get(null);
  const rv: Record<string, unknown> = {};
  if (app_ctx !== null) rv.g = app_ctx.g;
  if (req_ctx !== null) rv.request = req_ctx.request;
  return rv;
}

/** `Environment(app, **options)`: a Jinja environment that knows its app (and loads through it). */
export class Environment extends BaseEnvironment {
  constructor(
    readonly app: App,
    options: EnvironmentOptions = {},
  ) {
    super({ ...options, loader: options.loader ?? new DispatchingJinjaLoader(app) });
  }
}

/** `DispatchingJinjaLoader(app)`: the app's loader, then each blueprint's, first hit wins. */
export class DispatchingJinjaLoader extends BaseLoader {
  constructor(readonly app: App) {
    super();
  }

  get_source(environment: BaseEnvironment, template: string): Source {
    for (const [, loader] of this._iter_loaders()) {
      try {
        return loader.get_source(environment, template);
      } catch (e) {
        if (!(e instanceof TemplateNotFound)) throw e;
      }
    }
    throw new TemplateNotFound(template);
  }

  *_iter_loaders(): Generator<[unknown, BaseLoader]> {
    const loader = this.app.jinja_loader;
    if (loader !== null) yield [this.app, loader];
    for (const blueprint of this.app.iter_blueprints()) {
      const bp_loader = blueprint.jinja_loader;
      if (bp_loader !== null) yield [blueprint, bp_loader];
    }
  }

  override list_templates(): string[] {
    const result = new Set<string>();
    for (const [, loader] of this._iter_loaders()) for (const t of loader.list_templates()) result.add(t);
    return [...result];
  }
}

/**
 * `_render(app, template, context)`: the context processors' values, `before_render_template`
 * (whose receivers may still change the context), the template, then `template_rendered`.
 */
function _render(app: Flask, template: Template, context: Record<string, unknown>): string {
  app.update_template_context(context);
  before_render_template.send(app, { _async_wrapper: app.ensure_sync, template, context });
  const rv = template.render(context);
  template_rendered.send(app, { _async_wrapper: app.ensure_sync, template, context });
  return rv;
}

/**
 * `render_template(template_name_or_list, **context)`: render a template of the app (or the first
 * of a list that exists) with these variables.
 */
export function render_template(template_name_or_list: string | string[] | Template, context: Record<string, unknown> = {}): string {
  const app = _app_ctx().app;
  const template = (app.jinja_env as unknown as BaseEnvironment).get_or_select_template(template_name_or_list);
  return _render(app, template, { ...context });
}

/** `render_template_string(source, **context)`: render a template given as text (always autoescaped). */
export function render_template_string(source: string, context: Record<string, unknown> = {}): string {
  const app = _app_ctx().app;
  const template = (app.jinja_env as unknown as BaseEnvironment).from_string(source);
  return _render(app, template, { ...context });
}
