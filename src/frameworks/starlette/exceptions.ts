/**
 * starlette.exceptions: `HTTPException` — raise it anywhere below the ExceptionMiddleware and it
 * becomes a response with its status (the detail defaults to the status's phrase: `404` → "Not
 * Found"); `WebSocketException` closes a WebSocket with a code.
 */
import { Exception, TypeError } from "../python/builtins";
import { responses } from "../python/http";
import { is_keyword_object } from "./_utils";

export interface HTTPExceptionKeywords {
  status_code?: number;
  detail?: any;
  headers?: Record<string, string> | null;
}

const HTTP_EXCEPTION_KEYWORDS = new Set(["status_code", "detail", "headers"]);
const DETAIL_KEYWORDS = new Set(["detail", "headers"]);
const WEBSOCKET_EXCEPTION_KEYWORDS = new Set(["code", "reason"]);

export class HTTPException extends Exception {
  status_code: number;
  detail: any;
  headers: Record<string, string> | null;

  /**
   * `HTTPException(status_code, detail=None, headers=None)`: positionally, with `{ detail, headers }`
   * after the status code, or all as keywords — `new HTTPException({ status_code: 404, detail:
   * "Item not found" })`, as FastAPI's docs write `HTTPException(status_code=404, detail=…)` — an
   * object whose keys are all parameter names (ADR 0014).
   */
  constructor(status_code: number | HTTPExceptionKeywords, detail: any = null, headers: Record<string, string> | null = null) {
    if (is_keyword_object(status_code, HTTP_EXCEPTION_KEYWORDS)) {
      if (status_code.status_code === undefined) throw new TypeError("HTTPException.__init__() missing 1 required positional argument: 'status_code'");
      ({ status_code, detail = null, headers = null } = status_code);
    } else if (detail !== null && is_keyword_object(detail, DETAIL_KEYWORDS)) ({ detail = null, headers = headers } = detail as HTTPExceptionKeywords);
    status_code = status_code as number;
    if (detail === null || detail === undefined) detail = responses[status_code] ?? "";
    super(`${status_code}: ${detail}`);
    this.status_code = status_code;
    this.detail = detail;
    this.headers = headers;
    this.args = [status_code, detail, headers];
  }

  /** `str(exc)`: "404: Not Found". */
  override toString(): string {
    return `${this.status_code}: ${typeof this.detail === "string" ? this.detail : JSON.stringify(this.detail)}`;
  }

  __repr__(): string {
    return `${this.constructor.name}(status_code=${this.status_code}, detail=${typeof this.detail === "string" ? `'${this.detail}'` : JSON.stringify(this.detail)})`;
  }
}

export class WebSocketException extends Exception {
  code: number;
  reason: string;

  /** `WebSocketException(code, reason=None)`, or as keywords: `new WebSocketException({ code: status.WS_1008_POLICY_VIOLATION })`. */
  constructor(code: number | { code: number; reason?: string | null }, reason: string | null = null) {
    if (is_keyword_object(code, WEBSOCKET_EXCEPTION_KEYWORDS)) ({ code, reason = null } = code);
    code = code as number;
    super(`${code}: ${reason ?? ""}`);
    this.code = code;
    this.reason = reason ?? "";
  }

  override toString(): string {
    return `${this.code}: ${this.reason}`;
  }
}
