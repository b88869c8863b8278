/**
 * django.template.response: a response whose body is rendered as late as possible.
 *
 * A view returns a TemplateResponse holding a template and a context, unrendered. The handler then
 * lets every middleware's `process_template_response` change the template or the context, and
 * renders it last (core/handlers/base.ts). Rendering turns (template, context) into `content`.
 */
import { Exception } from "../../python/builtins";
import { HttpResponse } from "../http/response";
import { get_template, select_template, type BackendTemplate } from "./loader";

export class ContentNotRenderedError extends Exception {}

type TemplateSpec = string | string[] | BackendTemplate;

export class SimpleTemplateResponse extends HttpResponse {
  template_name: TemplateSpec;
  context_data: Record<string, unknown> | null;
  using: string | undefined;
  _post_render_callbacks: ((response: SimpleTemplateResponse) => SimpleTemplateResponse | void)[] = [];
  _request: unknown = null;
  _is_rendered = false;

  constructor(
    template: TemplateSpec,
    context: Record<string, unknown> | null = null,
    options: { content_type?: string; status?: number; charset?: string; using?: string; headers?: Record<string, string> } = {},
  ) {
    super("", { content_type: options.content_type, status: options.status, charset: options.charset, headers: options.headers });
    this.template_name = template;
    this.context_data = context;
    this.using = options.using;
  }

  /** Accepts a template object, one name, or a list of names (the first that exists wins). */
  resolve_template(template: TemplateSpec): BackendTemplate {
    if (Array.isArray(template)) return select_template(template, { using: this.using });
    if (typeof template === "string") return get_template(template, { using: this.using });
    return template;
  }

  resolve_context(context: Record<string, unknown> | null): Record<string, unknown> | null {
    return context;
  }

  get rendered_content(): string {
    const template = this.resolve_template(this.template_name);
    const context = this.resolve_context(this.context_data);
    return template.render(context, this._request);
  }

  add_post_render_callback(callback: (response: SimpleTemplateResponse) => SimpleTemplateResponse | void): void {
    if (this._is_rendered) callback(this);
    else this._post_render_callbacks.push(callback);
  }

  /** Render once; later calls are no-ops. Post-render callbacks may replace the response. */
  render(): SimpleTemplateResponse {
    let retval: SimpleTemplateResponse = this;
    if (!this._is_rendered) {
      this.content = this.rendered_content;
      for (const callback of this._post_render_callbacks) {
        const replaced = callback(retval);
        if (replaced) retval = replaced;
      }
    }
    return retval;
  }

  get is_rendered(): boolean {
    return this._is_rendered;
  }

  override get content(): Uint8Array {
    if (!this._is_rendered)
      throw new ContentNotRenderedError("The response content must be rendered before it can be accessed.");
    return super.content;
  }

  override set content(value: string | Uint8Array | Iterable<unknown>) {
    super.content = value;
    this._is_rendered = true;
  }

  override [Symbol.iterator](): Iterator<Uint8Array> {
    if (!this._is_rendered)
      throw new ContentNotRenderedError("The response content must be rendered before it can be iterated over.");
    return super[Symbol.iterator]();
  }
}

/** A SimpleTemplateResponse that also knows the request (so context processors can run). */
export class TemplateResponse extends SimpleTemplateResponse {
  constructor(
    request: unknown,
    template: TemplateSpec,
    context: Record<string, unknown> | null = null,
    options: { content_type?: string; status?: number; charset?: string; using?: string; headers?: Record<string, string> } = {},
  ) {
    super(template, context, options);
    this._request = request;
  }
}
