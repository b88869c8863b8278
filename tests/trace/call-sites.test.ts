/**
 * The call sites keep what they record cheaply and describe it when the trace is read
 * (docs/adr/0032-call-sites-keep-values.md). These tests pin the moments the trace must still
 * show: the environ as the application received it and as request_started sent it, a header set
 * by an inner middleware absent from an outer one's "before", a response's status as each layer
 * returned it, a view's kwargs as the resolver found them and as the view was given them, and a
 * project's own URL converter run during the request, never when the trace is read.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { serve_wsgi } from "../../src/gateway/server";
import type { HttpRequestMessage, WSGIApplication } from "../../src/gateway/wsgi";
import { Signal } from "../../src/frameworks/django/dispatch";
import { BaseConverter, Map, Rule, ValidationError } from "../../src/frameworks/werkzeug/routing";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../../src/scenarios/format";
import { Recorder, set_active_recorder, type Span } from "../../src/trace";

const enc = (s: string) => new TextEncoder().encode(s);
const REQUEST: HttpRequestMessage = { method: "GET", target: "/where?q=1", headers: [["Host", "localhost"], ["X-Probe", "1"]], body: "" };

async function traced(app: WSGIApplication): Promise<{ spans: Span[]; recorder: Recorder }> {
  const recorder = new Recorder();
  const previous = set_active_recorder(recorder);
  try {
    await serve_wsgi(app, REQUEST);
  } finally {
    set_active_recorder(previous);
  }
  return { spans: recorder.trace().spans, recorder };
}

describe("the gateway's environ and a signal that sends it", () => {
  const probe = new Signal({ name: "probe" });
  const seen: string[] = [];
  const changer = (_sender: unknown, kwargs: any) => {
    seen.push(String(kwargs.environ.HTTP_X_PROBE));
    kwargs.environ.HTTP_X_PROBE = "changed by a receiver";
  };
  const second = (_sender: unknown, kwargs: any) => seen.push(String(kwargs.environ.HTTP_X_PROBE));
  probe.connect(changer, { weak: false });
  probe.connect(second, { weak: false });

  const app =
    (before_send: (environ: Record<string, unknown>) => void): WSGIApplication =>
    (environ, start_response) => {
      before_send(environ);
      probe.send(null, { environ });
      environ.PATH_INFO = "/changed/after/the/send";
      start_response("200 OK", [["Content-Type", "text/plain"]]);
      return [enc("ok")];
    };

  const environ_of = (span: Span | undefined) => (span?.attrs.environ ?? (span?.attrs.kwargs as { environ?: unknown })?.environ) as Record<string, unknown>;

  it("shows the environ as received, as sent, and as each receiver was sent it — not as changed later", async () => {
    seen.length = 0;
    const { spans } = await traced(app(() => undefined));
    const gateway = spans.find((s) => s.kind === "gateway");
    const send = spans.find((s) => s.kind === "signal");
    const receivers = spans.filter((s) => s.kind === "receiver");
    expect(seen).toEqual(["1", "changed by a receiver"]);
    expect(environ_of(gateway)).toMatchObject({ PATH_INFO: "/where", QUERY_STRING: "q=1", HTTP_X_PROBE: "1", "wsgi.input": "<wsgi.input: 0 bytes>", "wsgi.errors": "<wsgi.errors>", "wsgi.version": [1, 0] });
    expect(environ_of(send)).toMatchObject({ PATH_INFO: "/where", HTTP_X_PROBE: "1", "wsgi.input": "<InputStream>", "wsgi.errors": "<ErrorStream>", "wsgi.version": [1, 0] });
    expect(receivers.map((r) => environ_of(r).HTTP_X_PROBE)).toEqual(["1", "1"]);
    expect(Object.keys(environ_of(send))).toEqual(Object.keys(environ_of(gateway)));
  });

  it("copies the environ again when the application changed it before the send", async () => {
    const { spans } = await traced(
      app((environ) => {
        environ.HTTP_X_PROBE = "changed by a WSGI middleware";
        environ.HTTP_X_ADDED = "added";
      }),
    );
    expect(environ_of(spans.find((s) => s.kind === "gateway"))).not.toHaveProperty("HTTP_X_ADDED");
    expect(environ_of(spans.find((s) => s.kind === "gateway")).HTTP_X_PROBE).toBe("1");
    expect(environ_of(spans.find((s) => s.kind === "signal"))).toMatchObject({ HTTP_X_PROBE: "changed by a WSGI middleware", HTTP_X_ADDED: "added", PATH_INFO: "/where" });
  });

  it("keeps the start_response call and the response headers as they were when the exchange ended", async () => {
    const headers: [string, string][] = [["Content-Type", "text/plain"], ["X-Given", "1"]];
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    let response;
    try {
      response = await serve_wsgi((_e, start_response) => {
        start_response("200 OK", headers);
        headers.push(["X-Late", "pushed after start_response"]);
        return [enc("ok")];
      }, REQUEST);
    } finally {
      set_active_recorder(previous);
    }
    response.headers.push(["X-Caller", "added by the caller"]);
    const gateway = recorder.trace().spans.find((s) => s.kind === "gateway")!;
    expect(gateway.attrs.start_response).toEqual([{ status: "200 OK", headers: [["Content-Type", "text/plain"], ["X-Given", "1"]], exc_info: false }]);
    expect(gateway.attrs.response_headers).toEqual([["Content-Type", "text/plain"], ["X-Given", "1"]]);
  });

  it("describes a start_response call the server refused as it was made", async () => {
    const { spans } = await traced((_e, start_response) => {
      const bad: [string, string][] = [["Bad Name", "x"]];
      try {
        start_response("200 OK", bad);
      } finally {
        bad[0] = ["Changed", "later"];
      }
      return [];
    });
    const gateway = spans.find((s) => s.kind === "gateway")!;
    expect(gateway.attrs.start_response).toEqual([{ status: "200 OK", headers: [["Bad Name", "x"]], exc_info: false }]);
  });
});

const MW = `
import { HttpResponse } from "django/http";
import { XFrameOptionsMiddleware as Mixin } from "django/middleware/clickjacking"; // a MiddlewareMixin subclass
export class Outer extends Mixin {
  process_response(request, response) { response.headers.set("X-Outer", "o"); response.headers.set("X-Same", "same"); return response; }
}
export class Inner extends Mixin {
  process_response(request, response) { response.headers.set("X-Inner", "i"); response.headers.set("X-Same", "same"); return response; }
}
export function stamp(get_response) {
  return (request) => { const r = get_response(request); if (request.GET.get("status")) r.status_code = 203; return r; };
}
export class Hook extends Mixin {
  process_view(request, view, args, kwargs) { if ("pk" in kwargs) kwargs.pk = kwargs.pk + 1000; return null; }
  process_response(request, response) { return response; }
}
`;
const VIEWS = `
import { JsonResponse } from "django/http";
export function item(request, kwargs) { const pk = kwargs.pk; kwargs.pk = -1; kwargs.extra = "set by the view"; return new JsonResponse({ pk }); }
`;
const URLS = `
import { path } from "django/urls";
import * as v from "app/views";
export const urlpatterns = [path("item/<int:pk>/", v.item, { name: "item" })];
`;

describe("the onion's snapshots", () => {
  let runtime: HeadlessRuntime;
  beforeAll(async () => {
    const scenario: Scenario = {
      format: SCENARIO_FORMAT,
      title: "call sites",
      framework: "django",
      entry: { kind: "django", settings: "project.settings" },
      files: {
        "project/settings.ts": `export const SECRET_KEY = "t"; export const ALLOWED_HOSTS = ["localhost"]; export const ROOT_URLCONF = "project.urls";
export const MIDDLEWARE = ["project.mw.Outer", "project.mw.stamp", "project.mw.Inner", "project.mw.Hook"];`,
        "project/urls.ts": URLS,
        "project/mw.ts": MW,
        "app/views.ts": VIEWS,
      },
      requests: [],
    };
    runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(scenario);
    expect(loaded.ok ? "" : `${loaded.error.type}: ${loaded.error.message}`).toBe("");
  });

  const get = (target: string) => runtime.request({ method: "GET", target, headers: [["Host", "localhost"]], body: "" });
  const span = (spans: Span[], name: string) => spans.find((s) => s.name === name)!;

  it("an outer middleware's 'before' already holds the header an inner one set; a header set again to its value is no change", async () => {
    const { trace } = await get("/item/7/");
    expect(span(trace.spans, "Inner.process_response").attrs.header_changes).toEqual({ added: { "X-Inner": "i", "X-Same": "same" }, changed: {}, removed: [] });
    expect(span(trace.spans, "Outer.process_response").attrs.header_changes).toEqual({ added: { "X-Outer": "o" }, changed: {}, removed: [] });
    expect(span(trace.spans, "Outer").attrs.header_changes).toEqual({ added: { "X-Outer": "o" }, changed: {}, removed: [] });
    expect(span(trace.spans, "stamp").attrs.header_changes).toEqual({ added: {}, changed: {}, removed: [] });
    expect(span(trace.spans, "Hook").attrs.header_changes).toEqual({ added: {}, changed: {}, removed: [] });
  });

  it("each layer shows the response's status as it returned it", async () => {
    const { trace, response } = await get("/item/7/?status=1");
    expect(response.status).toBe(203);
    expect(span(trace.spans, "Inner").attrs.response).toEqual({ class: "JsonResponse", status: 200, reason: "OK" });
    expect(span(trace.spans, "Inner.process_response").attrs.response).toEqual({ class: "JsonResponse", status: 200, reason: "OK" });
    expect(span(trace.spans, "stamp").attrs.response).toEqual({ class: "JsonResponse", status: 203, reason: "Non-Authoritative Information" });
    expect(span(trace.spans, "Outer").attrs.response).toEqual({ class: "JsonResponse", status: 203, reason: "Non-Authoritative Information" });
  });

  it("the resolver shows the kwargs it found; the view the kwargs it was given, before it changed them", async () => {
    const { trace } = await get("/item/7/");
    expect(trace.spans.find((s) => s.kind === "resolver")!.attrs.kwargs).toEqual({ pk: 7 });
    const view = trace.spans.find((s) => s.kind === "view")!;
    expect(view.name).toBe("app.views.item");
    expect(view.attrs).toMatchObject({ view: "app.views.item", args: [], kwargs: { pk: 1007 }, url_name: "item", route: "item/<int:pk>/" });
    expect(view.source).toEqual({ file: "app/views.ts", symbol: "item" });
  });
});

const RULES = [
  ["/n/<int:n>", "matched", 1, "path and method match"],
  ["/n/<int:n>/", "slash", 2, "matches with a trailing slash: redirect to /n/3/"],
  ["/n/<even:n>", "converter", 3, "a converter refused the value"],
];

describe("Werkzeug's explanation of a missed rule", () => {
  it("runs a project's own converter during the match, never when the trace is read; Werkzeug's own wait for the read", () => {
    let calls = 0;
    class Even extends BaseConverter {
      override regex = "\\d+";
      override to_python(value: string): unknown {
        calls++;
        if (Number(value) % 2) throw new ValidationError();
        return Number(value);
      }
    }
    const map = new Map([new Rule("/n/<even:n>", { endpoint: "even" }), new Rule("/n/<int:n>", { endpoint: "any" }), new Rule("/n/<int:n>/", { endpoint: "slash" })], { converters: { even: Even } });
    const adapter = map.bind("localhost");
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      expect(adapter.match("/n/3")).toEqual(["any", { n: 3 }]);
    } finally {
      set_active_recorder(previous);
    }
    // The match stopped at /n/<int:n> (an int weighs less than a project's converter); the trace's
    // explanation of why /n/<even:n> missed tried Even — at the call, not when the trace is read.
    expect(calls).toBe(1);
    const rules = recorder.trace().spans.filter((s) => s.kind === "pattern");
    expect(calls).toBe(1);
    expect(rules.map((s) => [s.name, s.attrs.verdict, s.attrs.order, s.attrs.reason])).toEqual(RULES);
  });
});
