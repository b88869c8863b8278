/**
 * fastapi.security.base: `SecurityBase` — what every security scheme is: a dependency (its
 * `__call__(request)` reads the credentials) that also describes itself to OpenAPI (`model`, put
 * under `components.securitySchemes[scheme_name]`). `SecurityScopes` is what a dependency gets
 * when it declares a parameter of that type: the OAuth2 scopes its dependants asked for.
 */
import { Request } from "../../starlette/requests";

export abstract class SecurityBase {
  /** The OpenAPI Security Scheme object (`{"type": "http", "scheme": "bearer"}`…). */
  abstract model: Record<string, unknown>;
  scheme_name!: string;
  auto_error = true;
  /** `__call__(self, request: Request)`: the signature FastAPI reads. */
  readonly __signature__ = { request: Request };

  abstract __call__(values: { request: Request }): Promise<unknown>;
}

/** Is this dependency a security scheme (an instance of `SecurityBase`)? */
export function is_security_scheme(call: unknown): call is SecurityBase {
  return call instanceof SecurityBase;
}

export class SecurityScopes {
  readonly scopes: string[];
  readonly scope_str: string;
  constructor(scopes: string[] | null = null) {
    this.scopes = scopes ?? [];
    this.scope_str = this.scopes.join(" ");
  }
}
