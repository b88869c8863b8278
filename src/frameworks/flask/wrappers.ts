/**
 * flask.wrappers: Werkzeug's Request and Response with what Flask adds. `Request` knows the URL
 * rule that matched (`url_rule`, `view_args`, `endpoint`, `blueprint`), takes its size limits
 * from the app's config, and answers a bad JSON body with a plain 400. `Response` defaults to
 * `text/html`.
 */
import { BadRequest, type HTTPException } from "../werkzeug/exceptions";
import type { Rule } from "../werkzeug/routing/rules";
import { Request as RequestBase } from "../werkzeug/wrappers/request";
import { Response as ResponseBase } from "../werkzeug/wrappers/response";
import { _cv_app } from "./globals";
import { _split_blueprint_path } from "./helpers";

/** `flask.Request`: `request` in a view. */
export class Request extends RequestBase {
  url_rule: Rule | null = null;
  view_args: Record<string, unknown> | null = null;
  routing_exception: HTTPException | null = null;
  _max_content_length: number | null = null;
  _max_form_memory_size: number | null = null;
  _max_form_parts: number | null = null;

  private config_value(key: string, fallback: number | null): number | null {
    const ctx = _cv_app.get(null);
    return ctx === null ? fallback : ctx.app.config.getitem(key);
  }

  override get max_content_length(): number | null {
    return this._max_content_length ?? this.config_value("MAX_CONTENT_LENGTH", super.max_content_length);
  }
  override set max_content_length(value: number | null) {
    this._max_content_length = value;
  }

  override get max_form_memory_size(): number | null {
    return this._max_form_memory_size ?? this.config_value("MAX_FORM_MEMORY_SIZE", super.max_form_memory_size);
  }
  override set max_form_memory_size(value: number | null) {
    this._max_form_memory_size = value;
  }

  override get max_form_parts(): number | null {
    return this._max_form_parts ?? this.config_value("MAX_FORM_PARTS", super.max_form_parts);
  }
  override set max_form_parts(value: number | null) {
    this._max_form_parts = value;
  }

  /** The endpoint of the matched rule (`"auth.login"`), or None. */
  get endpoint(): string | null {
    return this.url_rule !== null ? this.url_rule.endpoint : null;
  }

  /** The blueprint part of the endpoint (`"auth"`), or None. */
  get blueprint(): string | null {
    const endpoint = this.endpoint;
    if (endpoint !== null && endpoint.includes(".")) return endpoint.slice(0, endpoint.lastIndexOf("."));
    return null;
  }

  /** The blueprint and its parents, innermost first (`["admin.reports", "admin"]`). */
  get blueprints(): string[] {
    const name = this.blueprint;
    return name === null ? [] : _split_blueprint_path(name);
  }

  /** Outside debug mode, a bad JSON body is a plain BadRequest (the parser's message is not shown). */
  override on_json_loading_failed(e: Error | null): any {
    try {
      return super.on_json_loading_failed(e);
    } catch (ebr) {
      if (!(ebr instanceof BadRequest)) throw ebr;
      const ctx = _cv_app.get(null);
      if (ctx !== null && ctx.app.debug) throw ebr;
      throw new BadRequest();
    }
  }

  override __repr__(): string {
    return super.__repr__();
  }
}

/** `flask.Response`: `text/html` by default; cookie size limit from MAX_COOKIE_SIZE. */
export class Response extends ResponseBase {
  static override default_mimetype: string | null = "text/html";
  static override autocorrect_location_header = false;

  override get max_cookie_size(): number {
    const ctx = _cv_app.get(null);
    return ctx !== null ? ctx.app.config.getitem("MAX_COOKIE_SIZE") : super.max_cookie_size;
  }
}
