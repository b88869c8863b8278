/**
 * django.utils.log: `log_response`, the one place a 4xx/5xx response is logged to `django.request`
 * ("Not Found: /x" as WARNING, "Internal Server Error: /x" as ERROR), once per response. Its
 * string arguments are escaped as Python's `str.encode("unicode_escape")` writes them (a path
 * `/café/` logs as `/caf\xe9/`, a newline as `\n`), so a request cannot forge log lines.
 */
import { getLogger, log_options } from "../../python/logging";
import type { HttpResponseBase } from "../http/response";

export function log_response(
  message: string,
  args: unknown[],
  options: { response?: HttpResponseBase; request?: unknown; exception?: unknown; logger_name?: string; level?: "warning" | "error" } = {},
): void {
  const response = options.response as (HttpResponseBase & { _has_been_logged?: boolean }) | undefined;
  if (response?._has_been_logged) return;
  const status = response?.status_code ?? 500;
  const level = options.level ?? (status >= 500 ? "error" : status >= 400 ? "warning" : "info");
  const logger = getLogger(options.logger_name ?? "django.request");
  const extra = log_options({ exc_info: options.exception, extra: { status_code: status, request: options.request } });
  const escaped = args.map((a) => (typeof a === "string" ? unicode_escape(a) : a));
  if (level === "error") logger.error(message, ...escaped, extra);
  else if (level === "warning") logger.warning(message, ...escaped, extra);
  else logger.info(message, ...escaped, extra);
  if (response) response._has_been_logged = true;
}

/** Python's `text.encode("unicode_escape").decode("ascii")`: printable ASCII kept, the rest escaped. */
export function unicode_escape(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === "\\") out += "\\\\";
    else if (c === "\t") out += "\\t";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (code >= 0x20 && code < 0x7f) out += c;
    else if (code < 0x100) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code < 0x10000) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += "\\U" + code.toString(16).padStart(8, "0");
  }
  return out;
}
