/**
 * fastapi.security.oauth2: OAuth2 schemes — `OAuth2PasswordBearer(tokenUrl)` reads
 * `Authorization: Bearer <token>` and returns the token (401 "Not authenticated" with
 * `WWW-Authenticate: Bearer` otherwise); OpenAPI shows the password flow with its token URL.
 * `OAuth2PasswordRequestForm` is a dependency class whose parameters are the form fields of the
 * password flow's token request (`username`, `password`, `scope` split into `scopes`…);
 * `OAuth2PasswordRequestFormStrict` also requires `grant_type=password`.
 * Main class: `OAuth2PasswordBearer`.
 */
import { t } from "../../python/typing";
import { HTTPException } from "../../starlette/exceptions";
import { Form } from "../param_functions";
import type { Request } from "../../starlette/requests";
import { SecurityBase } from "./base";
import { get_authorization_scheme_param } from "./utils";

export { SecurityScopes } from "./base";

export class OAuth2 extends SecurityBase {
  model: Record<string, unknown>;

  constructor(options: { flows?: Record<string, unknown>; scheme_name?: string | null; description?: string | null; auto_error?: boolean } = {}) {
    super();
    this.model = { type: "oauth2", flows: options.flows ?? {} };
    if (options.description) this.model.description = options.description;
    this.scheme_name = options.scheme_name || this.constructor.name;
    this.auto_error = options.auto_error ?? true;
  }

  make_not_authenticated_error(): HTTPException {
    return new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "Bearer" });
  }

  async __call__({ request }: { request: Request }): Promise<string | null> {
    const authorization = request.headers.get("Authorization");
    if (!authorization) {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return authorization;
  }
}

export class OAuth2PasswordBearer extends OAuth2 {
  constructor(options: { tokenUrl: string; scheme_name?: string | null; scopes?: Record<string, string> | null; description?: string | null; auto_error?: boolean; refreshUrl?: string | null }) {
    const password: Record<string, unknown> = { tokenUrl: options.tokenUrl, scopes: options.scopes ?? {} };
    if (options.refreshUrl) password.refreshUrl = options.refreshUrl;
    super({ flows: { password }, scheme_name: options.scheme_name, description: options.description, auto_error: options.auto_error });
  }

  override async __call__({ request }: { request: Request }): Promise<string | null> {
    const authorization = request.headers.get("Authorization");
    const [scheme, param] = get_authorization_scheme_param(authorization);
    if (!authorization || scheme.toLowerCase() !== "bearer") {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return param;
  }
}

/**
 * `OAuth2PasswordRequestForm`: `Depends()` on it reads the token request's form (RFC 6749 §4.3.2):
 * `grant_type` (only "password", optional here), `username`, `password`, `scope` (space-separated,
 * kept as the list `scopes`), `client_id`, `client_secret`.
 */
export class OAuth2PasswordRequestForm {
  static __signature__: Record<string, unknown> = {
    grant_type: Form(t.Optional(t.str), { default: null, pattern: "^password$" }),
    username: Form(t.str),
    password: Form(t.str, { json_schema_extra: { format: "password" } }),
    scope: Form(t.str, { default: "" }),
    client_id: Form(t.Optional(t.str), { default: null }),
    client_secret: Form(t.Optional(t.str), { default: null, json_schema_extra: { format: "password" } }),
  };

  grant_type: string | null;
  username: string;
  password: string;
  scopes: string[];
  client_id: string | null;
  client_secret: string | null;

  constructor({ grant_type = null, username, password, scope = "", client_id = null, client_secret = null }: { grant_type?: string | null; username: string; password: string; scope?: string; client_id?: string | null; client_secret?: string | null }) {
    this.grant_type = grant_type;
    this.username = username;
    this.password = password;
    this.scopes = scope.split(/\s+/).filter((s) => s !== "");
    this.client_id = client_id;
    this.client_secret = client_secret;
  }
}

/** `OAuth2PasswordRequestFormStrict`: the same form, with `grant_type=password` required. */
export class OAuth2PasswordRequestFormStrict extends OAuth2PasswordRequestForm {
  static override __signature__: Record<string, unknown> = {
    ...OAuth2PasswordRequestForm.__signature__,
    grant_type: Form(t.str, { pattern: "^password$" }),
  };
}
