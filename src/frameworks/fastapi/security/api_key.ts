/**
 * fastapi.security.api_key: an API key read from a query parameter, a header or a cookie of the
 * given `name`. Missing → 401 "Not authenticated" with `WWW-Authenticate: APIKey` (or `null`
 * when `auto_error` is false). Main classes: `APIKeyQuery`, `APIKeyHeader`, `APIKeyCookie`.
 */
import { HTTPException } from "../../starlette/exceptions";
import type { Request } from "../../starlette/requests";
import { SecurityBase } from "./base";

interface APIKeyOptions {
  name: string;
  scheme_name?: string | null;
  description?: string | null;
  auto_error?: boolean;
}

export abstract class APIKeyBase extends SecurityBase {
  model: Record<string, unknown>;

  constructor(location: "query" | "header" | "cookie", options: APIKeyOptions) {
    super();
    this.auto_error = options.auto_error ?? true;
    this.model = { type: "apiKey", in: location, name: options.name };
    if (options.description) this.model.description = options.description;
    this.scheme_name = options.scheme_name || this.constructor.name;
  }

  make_not_authenticated_error(): HTTPException {
    return new HTTPException(401, "Not authenticated", { "WWW-Authenticate": "APIKey" });
  }

  check_api_key(api_key: string | null): string | null {
    if (!api_key) {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return api_key;
  }
}

export class APIKeyQuery extends APIKeyBase {
  constructor(options: APIKeyOptions) {
    super("query", options);
  }
  async __call__({ request }: { request: Request }): Promise<string | null> {
    return this.check_api_key(request.query_params.get(this.model.name as string));
  }
}

export class APIKeyHeader extends APIKeyBase {
  constructor(options: APIKeyOptions) {
    super("header", options);
  }
  async __call__({ request }: { request: Request }): Promise<string | null> {
    return this.check_api_key(request.headers.get(this.model.name as string));
  }
}

export class APIKeyCookie extends APIKeyBase {
  constructor(options: APIKeyOptions) {
    super("cookie", options);
  }
  async __call__({ request }: { request: Request }): Promise<string | null> {
    return this.check_api_key(request.cookies[this.model.name as string] ?? null);
  }
}
