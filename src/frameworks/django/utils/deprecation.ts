/**
 * django.utils.deprecation.MiddlewareMixin: the old `process_request` / `process_response` hooks
 * → a new-style middleware callable.
 *
 * Django's own middleware (Security, Common, XFrameOptions, …) are written this way: `__call__`
 * runs `process_request` (a response returned there short-circuits everything inside), then the
 * rest of the onion, then `process_response`. Each phase is a trace span of its own.
 */
import { is_bounded, span_close, span_fail, span_set, trace_site, tracing_enabled, type Attrs, type TraceSite } from "../../../trace";
import type { HttpRequest } from "../http/request";
import type { HttpResponseBase } from "../http/response";
import { describe_response, header_changes, owned_layer, snapshot_headers, type LayerState } from "../core/handlers/introspection";

type MaybePromise<T> = T | Promise<T>;
export type GetResponse = (request: HttpRequest) => MaybePromise<HttpResponseBase>;

const PHASE = trace_site("middleware", "django/utils/deprecation.ts#MiddlewareMixin.__call__");
/** The phases of Django's own middleware: only the framework's bounded code runs in them (ADR 0040). */
const OWN_PHASE = trace_site("middleware", "django/utils/deprecation.ts#MiddlewareMixin.__call__", { bounded: true });

export class MiddlewareMixin {
  get_response: GetResponse;
  /** The trace's names for this middleware's phases (its class's, made once per class), looked up once per instance. */
  #labels: PhaseLabels | null = null;
  /** The call site of this instance's phase spans (bounded for Django's own middleware), looked up on the first traced call. */
  #phase: TraceSite | null = null;
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

  private phase_site(): TraceSite {
    return (this.#phase ??= is_bounded(this) ? OWN_PHASE : PHASE);
  }

  private traced_process_request(request: HttpRequest): HttpResponseBase | null {
    const labels = (this.#labels ??= phase_labels(this));
    const span = this.phase_site().open_with(labels.process_request, phase_attrs, labels.middleware, "process_request");
    try {
      const r = this.process_request!(request);
      if (r && span >= 0) span_set(span, { short_circuit: true, response: describe_response(r) });
      return r || null;
    } catch (e) {
      span_fail(span, e);
      throw e;
    } finally {
      span_close(span);
    }
  }

  private run_process_response(request: HttpRequest, response: HttpResponseBase): HttpResponseBase {
    if (!this.process_response) return response;
    if (!tracing_enabled()) return this.process_response(request, response);
    const labels = (this.#labels ??= phase_labels(this));
    const layer = owned_layer(this);
    if (layer !== null) return this.traced_process_response(request, response, labels, layer);
    const span = this.phase_site().open_with(labels.process_response, phase_attrs, labels.middleware, "process_response");
    try {
      const before = snapshot_headers(response);
      const result = this.process_response(request, response);
      // The headers now, not when the trace is read: the layers outside change them again.
      span_set(span, { response_replaced: result !== response, header_changes: header_changes(before, snapshot_headers(result)), response: describe_response(result) });
      return result;
    } catch (e) {
      span_fail(span, e);
      throw e;
    } finally {
      span_close(span);
    }
  }

  /**
   * process_response inside this middleware's own traced layer: the response as given is the one
   * the inner layer returned (its headers already snapshotted), and the one returned is what the
   * layer returns — so the two spans share the snapshots, captured now, compared when read.
   */
  private traced_process_response(request: HttpRequest, response: HttpResponseBase, labels: PhaseLabels, layer: LayerState): HttpResponseBase {
    const span = this.phase_site().open_with(labels.process_response, process_response_attrs, labels.middleware, layer);
    try {
      layer.given = response;
      layer.given_headers = layer.reached && layer.inner_response === response ? layer.inner_headers : snapshot_headers(response);
      const result = this.process_response!(request, response);
      layer.returned_headers = snapshot_headers(result);
      layer.returned_described = describe_response(result);
      layer.returned = result;
      return result;
    } catch (e) {
      span_fail(span, e);
      throw e;
    } finally {
      span_close(span);
    }
  }
}

/** The trace's names for one middleware class (`SessionMiddleware.process_request`…), made once per class. */
interface PhaseLabels {
  middleware: string;
  process_request: string;
  process_response: string;
}
const labels_by_class = new WeakMap<Function, PhaseLabels>();

function phase_labels(middleware: MiddlewareMixin): PhaseLabels {
  const cls = middleware.constructor;
  let labels = labels_by_class.get(cls);
  if (!labels) {
    const name = cls.name;
    labels = { middleware: name, process_request: `${name}.process_request`, process_response: `${name}.process_response` };
    labels_by_class.set(cls, labels);
  }
  return labels;
}

/** A phase span's attributes (built when the trace is read). */
function phase_attrs(middleware: string, phase: string): Attrs {
  return { middleware, phase };
}

/** A process_response span's attributes, from what its layer captured (built when the trace is read). */
function process_response_attrs(middleware: string, layer: LayerState): Attrs {
  if (layer.returned_described === null) return { middleware, phase: "process_response" };
  return { middleware, phase: "process_response", response_replaced: layer.returned !== layer.given, header_changes: layer.changes(layer.given_headers, layer.returned_headers), response: layer.returned_described };
}
