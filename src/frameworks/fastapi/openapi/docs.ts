/**
 * fastapi.openapi.docs: the HTML pages FastAPI serves for its generated documentation —
 * `/docs` (Swagger UI, `get_swagger_ui_html`), `/redoc` (ReDoc, `get_redoc_html`) and the OAuth2
 * redirect page Swagger UI opens (`get_swagger_ui_oauth2_redirect_html`). Each page is a
 * small HTML shell that loads the documentation app's JavaScript and points it at
 * `openapi_url`; the app then fetches the OpenAPI document and draws it.
 *
 * One deliberate difference from FastAPI: its default asset URLs point at a CDN (jsDelivr) and
 * its favicon and fonts at remote sites. Framework Lab never loads code from the network, so the
 * defaults here name the page's own bundled copies of `swagger-ui-dist` and `redoc` with the
 * `lab-asset:` scheme; the Preview puts those files inline when it renders the page, and answers
 * the page's `fetch("/openapi.json")` through the simulated server. Passing `swagger_js_url`
 * (etc.) still works as in FastAPI. Main functions: `get_swagger_ui_html`, `get_redoc_html`.
 */
import { HTMLResponse } from "../../starlette/responses";
import { jsonable_encoder } from "../encoders";

/** Where the bundled assets live (resolved by the Preview, never fetched from a network). */
export const LAB_ASSETS = {
  swagger_js: "lab-asset:swagger-ui-dist/swagger-ui-bundle.js",
  swagger_css: "lab-asset:swagger-ui-dist/swagger-ui.css",
  redoc_js: "lab-asset:redoc/bundles/redoc.standalone.js",
  favicon: "data:,",
} as const;

/** `swagger_ui_default_parameters`: merged under the app's `swagger_ui_parameters`. */
export const swagger_ui_default_parameters: Record<string, unknown> = {
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
};

/** JSON for inside a `<script>`: `<`, `>` and `&` escaped so the text cannot close the tag. */
function html_safe_json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function escape_attribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function escape_text(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export interface SwaggerUIOptions {
  openapi_url: string;
  title: string;
  swagger_js_url?: string;
  swagger_css_url?: string;
  swagger_favicon_url?: string;
  oauth2_redirect_url?: string | null;
  init_oauth?: Record<string, unknown> | null;
  swagger_ui_parameters?: Record<string, unknown> | null;
}

/** The `/docs` page: Swagger UI reading `openapi_url`. */
export function get_swagger_ui_html(options: SwaggerUIOptions): HTMLResponse {
  const parameters = { ...swagger_ui_default_parameters, ...(options.swagger_ui_parameters ?? {}) };
  const config = Object.entries(parameters).map(([key, value]) => `      ${html_safe_json(key)}: ${html_safe_json(jsonable_encoder(value))},`);
  if (options.oauth2_redirect_url) config.push(`      oauth2RedirectUrl: window.location.origin + ${html_safe_json(options.oauth2_redirect_url)},`);
  const init_oauth = options.init_oauth ? `\n    ui.initOAuth(${html_safe_json(jsonable_encoder(options.init_oauth))});` : "";
  const html = `<!DOCTYPE html>
<html>
  <head>
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link type="text/css" rel="stylesheet" href="${escape_attribute(options.swagger_css_url ?? LAB_ASSETS.swagger_css)}">
    <link rel="shortcut icon" href="${escape_attribute(options.swagger_favicon_url ?? LAB_ASSETS.favicon)}">
    <title>${escape_text(options.title)}</title>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${escape_attribute(options.swagger_js_url ?? LAB_ASSETS.swagger_js)}"></script>
    <script>
    // SwaggerUIBundle comes from swagger-ui-bundle.js: it fetches the OpenAPI document and draws it.
    const ui = SwaggerUIBundle({
      url: ${html_safe_json(options.openapi_url)},
${config.join("\n")}
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    });${init_oauth}
    </script>
  </body>
</html>
`;
  return new HTMLResponse(html);
}

export interface RedocOptions {
  openapi_url: string;
  title: string;
  redoc_js_url?: string;
  redoc_favicon_url?: string;
  /** FastAPI loads Montserrat and Roboto from Google Fonts by default; off here (no network). */
  with_google_fonts?: boolean;
}

/** The `/redoc` page: ReDoc reading `openapi_url`. */
export function get_redoc_html(options: RedocOptions): HTMLResponse {
  const fonts = options.with_google_fonts ? `\n    <link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">` : "";
  const html = `<!DOCTYPE html>
<html>
  <head>
    <title>${escape_text(options.title)}</title>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1">${fonts}
    <link rel="shortcut icon" href="${escape_attribute(options.redoc_favicon_url ?? LAB_ASSETS.favicon)}">
    <style>
      body { margin: 0; padding: 0; }
    </style>
  </head>
  <body>
    <noscript>ReDoc needs JavaScript to show the documentation.</noscript>
    <redoc spec-url="${escape_attribute(options.openapi_url)}"></redoc>
    <script src="${escape_attribute(options.redoc_js_url ?? LAB_ASSETS.redoc_js)}"></script>
  </body>
</html>
`;
  return new HTMLResponse(html);
}

/**
 * The page Swagger UI's OAuth2 popup lands on: it reads the parameters the authorization server
 * put in the URL (fragment or query), checks the `state` it sent, and hands the code or token back
 * to the Swagger UI window that opened it.
 */
export function get_swagger_ui_oauth2_redirect_html(): HTMLResponse {
  const html = `<!doctype html>
<html lang="en-US">
  <head>
    <title>Swagger UI: OAuth2 Redirect</title>
  </head>
  <body>
    <script>
    "use strict";
    function readParams() {
      var text = /code|token|error/.test(window.location.hash) ? window.location.hash.slice(1).replace("?", "&") : window.location.search.slice(1);
      var params = {};
      text.split("&").forEach(function (pair) {
        if (!pair) return;
        var eq = pair.indexOf("=");
        var key = eq < 0 ? pair : pair.slice(0, eq);
        params[decodeURIComponent(key)] = eq < 0 ? "" : decodeURIComponent(pair.slice(eq + 1));
      });
      return params;
    }
    function finish() {
      var oauth2 = window.opener.swaggerUIRedirectOauth2;
      var params = readParams();
      var isValid = params.state === oauth2.state;
      var flow = oauth2.auth.schema.get("flow");
      var codeFlow = flow === "accessCode" || flow === "authorizationCode" || flow === "authorization_code";
      if (codeFlow && !oauth2.auth.code) {
        if (!isValid) oauth2.errCb({ authId: oauth2.auth.name, source: "auth", level: "warning", message: "Authorization may be unsafe, passed state was changed in server. The passed state wasn't returned from auth server." });
        if (params.code) {
          delete oauth2.state;
          oauth2.auth.code = params.code;
          oauth2.callback({ auth: oauth2.auth, redirectUrl: oauth2.redirectUrl });
        } else {
          var message = params.error ? "[" + params.error + "]: " + (params.error_description ? params.error_description + ". " : "no accessCode received from the server. ") + (params.error_uri ? "More info: " + params.error_uri : "") : "[Authorization failed]: no accessCode received from the server.";
          oauth2.errCb({ authId: oauth2.auth.name, source: "auth", level: "error", message: message });
        }
      } else {
        oauth2.callback({ auth: oauth2.auth, token: params, isValid: isValid, redirectUrl: oauth2.redirectUrl });
      }
      window.close();
    }
    if (document.readyState !== "loading") finish();
    else document.addEventListener("DOMContentLoaded", finish);
    </script>
  </body>
</html>
`;
  return new HTMLResponse(html);
}
