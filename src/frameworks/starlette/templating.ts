/**
 * starlette.templating: a template name and a context → an HTML response (`Jinja2Templates`).
 *
 *   const templates = new Jinja2Templates({ directory: "templates" });
 *   return templates.TemplateResponse(request, "item.html", { id });
 *
 * The environment loads templates from the project's folder, autoescapes `.html`/`.htm`/`.xml`
 * (Jinja's `select_autoescape()`), and has a `url_for(name, **path_params)` global that asks the
 * request in the context for the route's absolute URL. `TemplateResponse` puts the request into
 * the context, runs the context processors, renders at once and keeps `template` and `context` on
 * the response (as tests read them).
 * Main class: `Jinja2Templates`.
 */
import { Environment, FileSystemLoader, Template, pass_context, select_autoescape } from "../jinja2";
import type { Context } from "../jinja2/runtime";
import { AssertionError } from "../python/builtins";
import type { BackgroundTask } from "./background";
import type { Request } from "./requests";
import { HTMLResponse } from "./responses";
import type { Receive, Scope, Send } from "./types";
import { is_keyword_object } from "./_utils";

type ContextProcessor = (request: Request) => Record<string, unknown>;

export interface Jinja2TemplatesOptions {
  directory?: string | string[] | null;
  context_processors?: ContextProcessor[] | null;
  env?: Environment | null;
}

export interface TemplateResponseOptions {
  status_code?: number;
  headers?: Record<string, string> | null;
  media_type?: string | null;
  background?: BackgroundTask | null;
}

/** A rendered template as an HTMLResponse that remembers which template and context made it. */
export class _TemplateResponse extends HTMLResponse {
  constructor(
    readonly template: Template,
    readonly context: Record<string, unknown>,
    options: TemplateResponseOptions = {},
  ) {
    super(template.render(context), { status_code: options.status_code ?? 200, headers: options.headers ?? null, media_type: options.media_type ?? null, background: options.background ?? null });
  }

  /** Sends the response; a test client that asks for it (`http.response.debug`) hears the template and context first. */
  override async __call__(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const request = this.context.request as { scope?: Scope } | undefined;
    const extensions = (request?.scope?.extensions ?? {}) as Record<string, unknown>;
    if ("http.response.debug" in extensions) await send({ type: "http.response.debug", info: { template: this.template, context: this.context } });
    await super.__call__(scope, receive, send);
  }
}

/** TemplateResponse's parameter names: an object of only these (with a name) is a keyword call. */
const KEYWORDS: ReadonlySet<string> = new Set(["request", "name", "context", "status_code", "headers", "media_type", "background"]);

export class Jinja2Templates {
  readonly env: Environment;
  readonly context_processors: ContextProcessor[];

  /** `Jinja2Templates(directory=None, *, context_processors=None, env=None)`: a directory (or several) or an environment, not both. */
  constructor(options: Jinja2TemplatesOptions | string = {}) {
    if (typeof options === "string") options = { directory: options };
    const { directory = null, env = null } = options;
    if (Boolean(directory) === Boolean(env)) throw new AssertionError("either 'directory' or 'env' arguments must be passed");
    this.context_processors = options.context_processors ?? [];
    this.env = directory !== null ? new Environment({ loader: new FileSystemLoader(directory), autoescape: select_autoescape() }) : env!;
    this._setup_env_defaults(this.env);
  }

  /** The `url_for` global (unless the environment has one): the named route's absolute URL, for the request in the context. */
  _setup_env_defaults(env: Environment): void {
    const url_for = pass_context(function url_for(context: Context, name: string, path_params: Record<string, unknown> = {}) {
      const request = context.get("request") as Request;
      return request.url_for(name, { ...path_params });
    });
    if (!Object.hasOwn(env.globals, "url_for")) env.globals.url_for = url_for;
  }

  get_template(name: string): Template {
    return this.env.get_template(name);
  }

  /**
   * `TemplateResponse(request, name, context=None, status_code=200, headers=None, media_type=None,
   * background=None)`: positionally, with the rest as options, or all as one keyword object
   * (`TemplateResponse({ request, name: "item.html", context: { id } })`, ADR 0014).
   */
  TemplateResponse(
    request: Request | ({ request: Request; name: string; context?: Record<string, unknown> | null } & TemplateResponseOptions),
    name?: string,
    context: Record<string, unknown> | null = null,
    options: TemplateResponseOptions = {},
  ): _TemplateResponse {
    if (name === undefined && is_keyword_object(request, KEYWORDS) && "name" in request) {
      const { request: req, name: n, context: ctx = null, ...rest } = request as { request: Request; name: string; context?: Record<string, unknown> | null } & TemplateResponseOptions;
      return this.TemplateResponse(req, n, ctx, rest);
    }
    const ctx: Record<string, unknown> = context ?? {};
    if (!Object.hasOwn(ctx, "request")) ctx.request = request;
    for (const processor of this.context_processors) Object.assign(ctx, processor(request as Request));
    const template = this.get_template(name as string);
    return new _TemplateResponse(template, ctx, options);
  }
}

