/**
 * flask.testing: requests to an app without a server. `app.test_client()` is a `FlaskClient`
 * (Werkzeug's Client with Flask's defaults: `REMOTE_ADDR` 127.0.0.1 and `User-Agent`
 * Werkzeug/3.1.9); `app.test_request_context(path)` uses Flask's `EnvironBuilder`, whose base URL
 * comes from SERVER_NAME, APPLICATION_ROOT and PREFERRED_URL_SCHEME.
 *
 *     const client = app.test_client();
 *     const r = client.post("/auth/login", { data: "username=ada", content_type: "application/x-www-form-urlencoded" });
 *     r.status_code   // 302
 */
import { AssertionError } from "../python/builtins";
import { urlsplit } from "../python/urllib/parse";
import { Client, EnvironBuilder as WerkzeugEnvironBuilder, TestResponse, type EnvironBuilderOptions } from "../werkzeug/test";
import type { Flask } from "./app";
import { CliRunner, type Result } from "../click/testing";
import type { Command } from "../click/core";
import { ScriptInfo } from "./cli";

/** The Werkzeug version the test client reports in its User-Agent. */
export const WERKZEUG_VERSION = "3.1.9";

/**
 * `EnvironBuilder(app, path="/", base_url=None, subdomain=None, url_scheme=None, **kwargs)`: without
 * a base URL, `scheme://SERVER_NAME/APPLICATION_ROOT` (localhost when SERVER_NAME is unset).
 */
export class EnvironBuilder extends WerkzeugEnvironBuilder {
  constructor(
    readonly app: Flask,
    path = "/",
    options: EnvironBuilderOptions & { subdomain?: string | null; url_scheme?: string | null } = {},
  ) {
    const { subdomain = null, url_scheme = null, ...rest } = options;
    let base_url = rest.base_url ?? null;
    if ((base_url || subdomain || url_scheme) && !((base_url !== null) !== Boolean(subdomain || url_scheme)))
      throw new AssertionError('Cannot pass "subdomain" or "url_scheme" with "base_url".');
    let p = path;
    if (base_url === null) {
      let http_host = app.config.get("SERVER_NAME") || "localhost";
      const app_root: string = app.config.getitem("APPLICATION_ROOT");
      if (subdomain) http_host = `${subdomain}.${http_host}`;
      const scheme = url_scheme ?? app.config.getitem("PREFERRED_URL_SCHEME");
      const url = urlsplit(path);
      base_url = `${url.scheme || scheme}://${url.netloc || http_host}/${app_root.replace(/^\/+/, "")}`;
      p = url.path;
      if (url.query) p += `?${url.query}`;
    }
    super(p, { ...rest, base_url });
  }
}

/** `FlaskClient(app, response_wrapper, use_cookies=True)` */
export class FlaskClient extends Client {
  override environ_base: Record<string, any> = { REMOTE_ADDR: "127.0.0.1", HTTP_USER_AGENT: `Werkzeug/${WERKZEUG_VERSION}` };

  constructor(
    readonly app: Flask,
    response_wrapper: typeof TestResponse = TestResponse,
    options: { use_cookies?: boolean } = {},
  ) {
    super((environ, start_response) => app.wsgi_app(environ, start_response), response_wrapper, options);
  }

  /** Build the request with Flask's EnvironBuilder and this client's environ base. */
  protected override _request_from_builder_args(path: string, options: EnvironBuilderOptions) {
    const builder = new EnvironBuilder(this.app, path, { ...options, environ_base: { ...this.environ_base, ...(options.environ_base ?? {}) } });
    return builder.get_request();
  }

  override open(path = "/", options: EnvironBuilderOptions & { follow_redirects?: boolean } = {}): TestResponse {
    const response = super.open(path, options);
    response.json_module = this.app.json;
    return response;
  }
}

/**
 * `FlaskCliRunner(app)`: click's CliRunner for the app's commands — `invoke()` runs `app.cli`
 * unless given a command, with a ScriptInfo that loads this app:
 * `await app.test_cli_runner().invoke({ args: ["init-db"] })`.
 */
export class FlaskCliRunner extends CliRunner {
  constructor(readonly app: Flask) {
    super();
  }

  /** `invoke(cli=None, args=None, **kwargs)` */
  override invoke(cli: Command | { args?: string[] } | null = null, args: string[] | string | null = null, options: Parameters<CliRunner["invoke"]>[2] = {}): Promise<Result> {
    // Keyword-only call: `invoke({ args: ["init-db"] })`, as the tutorial's `runner.invoke(args=["init-db"])`.
    if (cli !== null && typeof cli === "object" && !("main" in cli)) {
      args = (cli as { args?: string[] }).args ?? null;
      cli = null;
    }
    const command = (cli as Command | null) ?? this.app.cli;
    const obj = "obj" in options ? options : { ...options, obj: new ScriptInfo({ create_app: () => this.app }) };
    return super.invoke(command, args, obj);
  }
}
