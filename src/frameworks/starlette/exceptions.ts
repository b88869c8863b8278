/**
 * starlette.exceptions: `HTTPException` — raise it anywhere below the ExceptionMiddleware and it
 * becomes a response with its status (the detail defaults to the status's phrase: `404` → "Not
 * Found"); `WebSocketException` closes a WebSocket with a code.
 */
import { Exception } from "../python/builtins";
import { responses } from "../python/http";

export class HTTPException extends Exception {
  status_code: number;
  detail: any;
  headers: Record<string, string> | null;

  constructor(status_code: number, detail: any = null, headers: Record<string, string> | null = null) {
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

  constructor(code: number, reason: string | null = null) {
    super(`${code}: ${reason ?? ""}`);
    this.code = code;
    this.reason = reason ?? "";
  }

  override toString(): string {
    return `${this.code}: ${this.reason}`;
  }
}
