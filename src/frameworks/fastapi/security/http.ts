/**
 * fastapi.security.http: credentials from the `Authorization` header — `HTTPBearer` (a token),
 * `HTTPBasic` (user and password, base64), `HTTPDigest`. Missing or malformed → 401 "Not
 * authenticated" with the scheme's `WWW-Authenticate` challenge. Main classes: `HTTPBearer`,
 * `HTTPBasic`.
 */
import { t } from "../../python/typing";
import { BaseModel } from "../../pydantic/main";
import { HTTPException } from "../../starlette/exceptions";
import type { Request } from "../../starlette/requests";
import { SecurityBase } from "./base";
import { get_authorization_scheme_param } from "./utils";

export class HTTPBasicCredentials extends BaseModel {
  static fields = { username: t.str, password: t.str };
  declare username: string;
  declare password: string;
}

export class HTTPAuthorizationCredentials extends BaseModel {
  static fields = { scheme: t.str, credentials: t.str };
  declare scheme: string;
  declare credentials: string;
}

interface HTTPOptions {
  scheme_name?: string | null;
  description?: string | null;
  auto_error?: boolean;
}

function title_case(word: string): string {
  return word.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

export class HTTPBase extends SecurityBase {
  model: Record<string, unknown>;

  constructor(options: HTTPOptions & { scheme: string }) {
    super();
    this.model = { type: "http", scheme: options.scheme };
    if (options.description) this.model.description = options.description;
    this.scheme_name = options.scheme_name || this.constructor.name;
    this.auto_error = options.auto_error ?? true;
  }

  make_authenticate_headers(): Record<string, string> {
    return { "WWW-Authenticate": title_case(String(this.model.scheme)) };
  }

  make_not_authenticated_error(): HTTPException {
    return new HTTPException(401, "Not authenticated", this.make_authenticate_headers());
  }

  async __call__({ request }: { request: Request }): Promise<unknown> {
    const authorization = request.headers.get("Authorization");
    const [scheme, credentials] = get_authorization_scheme_param(authorization);
    if (!(authorization && scheme && credentials)) {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return new HTTPAuthorizationCredentials({ scheme, credentials });
  }
}

export class HTTPBasic extends HTTPBase {
  realm: string | null;

  constructor(options: HTTPOptions & { realm?: string | null } = {}) {
    super({ ...options, scheme: "basic" });
    this.realm = options.realm ?? null;
  }

  override make_authenticate_headers(): Record<string, string> {
    return { "WWW-Authenticate": this.realm ? `Basic realm="${this.realm}"` : "Basic" };
  }

  override async __call__({ request }: { request: Request }): Promise<HTTPBasicCredentials | null> {
    const authorization = request.headers.get("Authorization");
    const [scheme, param] = get_authorization_scheme_param(authorization);
    if (!authorization || scheme.toLowerCase() !== "basic") {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    const data = b64decode_ascii(param);
    if (data === null) throw this.make_not_authenticated_error();
    const colon = data.indexOf(":");
    if (colon < 0) throw this.make_not_authenticated_error();
    return new HTTPBasicCredentials({ username: data.slice(0, colon), password: data.slice(colon + 1) });
  }
}

export class HTTPBearer extends HTTPBase {
  constructor(options: HTTPOptions & { bearerFormat?: string | null } = {}) {
    super({ ...options, scheme: "bearer" });
    if (options.bearerFormat) this.model.bearerFormat = options.bearerFormat;
  }

  override async __call__({ request }: { request: Request }): Promise<HTTPAuthorizationCredentials | null> {
    const authorization = request.headers.get("Authorization");
    const [scheme, credentials] = get_authorization_scheme_param(authorization);
    if (!(authorization && scheme && credentials) || scheme.toLowerCase() !== "bearer") {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return new HTTPAuthorizationCredentials({ scheme, credentials });
  }
}

export class HTTPDigest extends HTTPBase {
  constructor(options: HTTPOptions = {}) {
    super({ ...options, scheme: "digest" });
  }

  override async __call__({ request }: { request: Request }): Promise<HTTPAuthorizationCredentials | null> {
    const authorization = request.headers.get("Authorization");
    const [scheme, credentials] = get_authorization_scheme_param(authorization);
    if (!(authorization && scheme && credentials) || scheme.toLowerCase() !== "digest") {
      if (this.auto_error) throw this.make_not_authenticated_error();
      return null;
    }
    return new HTTPAuthorizationCredentials({ scheme, credentials });
  }
}

/** `base64.b64decode(param).decode("ascii")`, or null where Python raises (binascii.Error, UnicodeDecodeError). */
function b64decode_ascii(text: string): string | null {
  const cleaned = text.replace(/[^A-Za-z0-9+/=]/g, ""); // b64decode discards other characters
  const data = cleaned.replace(/=+$/, "");
  if (data.length % 4 === 1) return null;
  if (/=/.test(data)) return null;
  const padded = cleaned.length % 4 === 0 ? cleaned : null;
  if (padded === null) return null;
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return null;
  }
  for (let i = 0; i < binary.length; i++) if (binary.charCodeAt(i) > 0x7f) return null;
  return binary;
}
