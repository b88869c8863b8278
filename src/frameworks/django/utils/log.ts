/**
 * django.utils.log: `log_response`, the one place a 4xx/5xx response is logged to `django.request`
 * ("Not Found: /x" as WARNING, "Internal Server Error: /x" as ERROR), once per response.
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
  if (level === "error") logger.error(message, ...args, extra);
  else if (level === "warning") logger.warning(message, ...args, extra);
  else logger.info(message, ...args, extra);
  if (response) response._has_been_logged = true;
}
