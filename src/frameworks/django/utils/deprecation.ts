/**
 * django.utils.deprecation.MiddlewareMixin: the old `process_request` / `process_response` hooks
 * → a new-style middleware callable.
 *
 * Django's own middleware (Security, Common, XFrameOptions, …) are written this way: `__call__`
 * runs `process_request` (a response returned there short-circuits everything inside), then the
 * rest of the onion, then `process_response`. Each phase is a trace span of its own.
 */
import { span_set, trace_site, tracing_enabled } from "../../../trace";
import type { HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { describe_response, header_changes, snapshot_headers } from "../core/handlers/introspection";

type MaybePromise<T> = T | Promise<T>;
export type GetResponse = (request: HttpRequest) => MaybePromise<HttpResponseBase>;

const PHASE = trace_site("middleware", "django/utils/deprecation.ts#MiddlewareMixin.__call__");

export class MiddlewareMixin {
  get_response: GetResponse;
  process_request?(request: HttpRequest): HttpResponseBase | null | undefined | void;
  process_response?(request: HttpRequest, response: HttpResponseBase): HttpResponseBase;

  constructor(get_response: GetResponse) {
    if (typeof get_response !== "function") throw new globalThis.TypeError("get_response must be provided.");
    this.get_response = get_response;
  }

  __call__(request: HttpRequest): MaybePromise<HttpResponseBase> {
    let response: HttpResponseBase | null | undefined = null;
    if (this.process_request) response = tracing_enabled() ? this.traced_process_request(request) : this.process_request(request) || null;
    const inner: MaybePromise<HttpResponseBase> = response ?? this.get_response(request);
    if (inner instanceof Promise) return inner.then((r) => this.run_process_response(request, r));
    return this.run_process_response(request, inner);
  }

  private traced_process_request(request: HttpRequest): HttpResponseBase | null {
    const name = this.constructor.name;
    return PHASE.run(`${name}.process_request`, () => ({ middleware: name, phase: "process_request" }), (span) => {
      const r = this.process_request!(request);
      if (r && span >= 0) span_set(span, { short_circuit: true, response: describe_response(r) });
      return r || null;
    });
  }

  private run_process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (!this.process_response) return response;
    if (!tracing_enabled()) return this.process_response(request, response);
    const name = this.constructor.name;
    return PHASE.run(`${name}.process_response`, () => ({ middleware: name, phase: "process_response" }), (span) => {
      const before = snapshot_headers(response);
      const result = this.process_response!(request, response);
      // The headers now, not when the trace is read: the layers outside change them again.
      span_set(span, { response_replaced: result !== response, header_changes: header_changes(before, snapshot_headers(result)), response: describe_response(result) });
      return result;
    });
  }
}
