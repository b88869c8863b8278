/**
 * fastapi.security.oauth2: OAuth2 schemes — `OAuth2PasswordBearer(tokenUrl)` reads
 * `Authorization: Bearer <token>` and returns the token (401 "Not authenticated" with
 * `WWW-Authenticate: Bearer` otherwise); OpenAPI shows the password flow with its token URL.
 * Main class: `OAuth2PasswordBearer`.
 */
import { HTTPException } from "../../starlette/exceptions";
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
