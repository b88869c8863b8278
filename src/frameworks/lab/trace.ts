/**
 * "lab/trace": what a raw WSGI app can tell the trace — a span around a step, or an event for
 * something it considered.
 *
 * Django's own layers (middleware phases, URL patterns tried, the view) are traced by the framework.
 * A raw WSGI app has no framework, so it marks its layers itself: `span("view", "hello", {}, () => ...)`
 * runs the callable inside a span, `event("pattern", "GET /hello", { matched: false })` records an
 * attempt with no duration. User code is untrusted, so the kind is checked at run time and the
 * attributes are made JSON-safe before they reach the trace.
 */
import { to_json, trace_site, type Attrs, type TraceSite } from "../../trace";

/**
 * The layers a raw app can mark: the same kinds the Django trace uses for the same layers, and
 * "user" for any other step of the learner's own framework (building the Request, rendering a
 * template, making the response).
 */
export const USER_SPAN_KINDS = ["middleware", "resolver", "pattern", "view", "user"] as const;
export type UserSpanKind = (typeof USER_SPAN_KINDS)[number];

// One call site per kind (the learner's code records through them). Eager: the attrs are the
// learner's own object, which their code may change after the call.
const SPAN_SITES = Object.fromEntries(USER_SPAN_KINDS.map((kind) => [kind, trace_site(kind, "lab/trace.ts#span", { eager: true })])) as Record<UserSpanKind, TraceSite>;
const EVENT_SITES = Object.fromEntries(USER_SPAN_KINDS.map((kind) => [kind, trace_site(kind, "lab/trace.ts#event", { eager: true })])) as Record<UserSpanKind, TraceSite>;

function check_kind(kind: unknown): UserSpanKind {
  if (typeof kind === "string" && (USER_SPAN_KINDS as readonly string[]).includes(kind)) return kind as UserSpanKind;
  throw new TypeError(`lab/trace: unknown span kind ${JSON.stringify(to_json(kind))}; expected one of ${USER_SPAN_KINDS.map((k) => `"${k}"`).join(", ")}.`);
}

function check_name(name: unknown): string {
  if (typeof name !== "string") throw new TypeError(`lab/trace: a span name must be a string, not ${typeof name}.`);
  return name;
}

/** Any value → the trace's JSON attributes: keys set to undefined are left out; a non-object becomes `{ value: ... }`. */
function json_attrs(attrs: unknown): Attrs {
  const defined = attrs !== null && typeof attrs === "object" && Object.getPrototypeOf(attrs) === Object.prototype
    ? Object.fromEntries(Object.entries(attrs).filter(([, value]) => value !== undefined))
    : attrs ?? {};
  const json = to_json(defined);
  return json !== null && typeof json === "object" && !Array.isArray(json) ? json : { value: json };
}

/** Run `fn` inside a span of `kind` and return what it returns; an exception marks the span failed and propagates. */
export function span<T>(kind: UserSpanKind, name: string, attrs: Record<string, unknown>, fn: () => T): T {
  const checked = check_kind(kind);
  if (typeof fn !== "function") throw new TypeError("lab/trace: span() needs a function to run as its last argument.");
  return SPAN_SITES[checked].run(check_name(name), () => json_attrs(attrs), () => fn());
}

/** Record something considered but not run (a route tried, matched or not): a span with no duration. */
export function event(kind: UserSpanKind, name: string, attrs: Record<string, unknown> = {}): void {
  EVENT_SITES[check_kind(kind)].event(check_name(name), () => json_attrs(attrs));
}
