import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../../../../src/runtime/headless";
import { get_builtin_scenario } from "../../../../../src/scenarios";
import { build_request } from "../../../../../src/scenarios/client";
import { serve_asgi } from "../../../../../src/gateway/asgi";
import { ASGIHandler, ASGIRequest, get_asgi_application } from "../../../../../src/frameworks/django/core/handlers/asgi";
import { BytesIO } from "../../../../../src/frameworks/python/io";
import { Recorder, set_active_recorder } from "../../../../../src/trace";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** The django-hello project loaded (settings configured, apps ready) so its handler can be built. */
async function loaded_project() {
  const runtime = await HeadlessRuntime.create();
  const loaded = await runtime.load(get_builtin_scenario("django-hello")!);
  expect(loaded.ok).toBe(true);
  return runtime;
}

describe("django.core.handlers.asgi: a Django project served through ASGI", () => {
  it("ASGIRequest's META mirrors the WSGI environ: addresses, HTTP_* headers joined, names with _ dropped", async () => {
    await loaded_project();
    const request = new ASGIRequest(
      {
        type: "http",
        method: "post",
        path: "/app/hello/Ada/",
        root_path: "/app",
        query_string: enc("a=1&b=%C3%A9"),
        scheme: "https",
        client: ["10.0.0.1", 5000],
        server: ["example.com", 443],
        headers: [
          [enc("host"), enc("example.com")],
          [enc("content-type"), enc("application/json")],
          [enc("x-forwarded-for"), enc("1.1.1.1")],
          [enc("x-forwarded-for"), enc("2.2.2.2")],
          [enc("x_spoof"), enc("no")],
          [enc("cookie"), enc("a=1; b=2")],
        ],
      },
      new BytesIO(enc("{}")),
    );
    expect([request.method, request.path, request.path_info, request.script_name, request.scheme]).toEqual(["POST", "/app/hello/Ada/", "/hello/Ada/", "/app", "https"]);
    const { META } = request;
    expect([META.REMOTE_ADDR, META.REMOTE_PORT, META.SERVER_NAME, META.SERVER_PORT, META.CONTENT_TYPE, META.HTTP_X_FORWARDED_FOR, META.HTTP_X_SPOOF]).toEqual([
      "10.0.0.1",
      5000,
      "example.com",
      "443",
      "application/json",
      "1.1.1.1,2.2.2.2",
      undefined,
    ]);
    expect([request.GET.get("b"), request.COOKIES, dec(request.body)]).toEqual(["é", { a: "1", b: "2" }, "{}"]);
  });

  it("answers the same response through get_asgi_application() as through WSGI, as ASGI messages", async () => {
    const runtime = await loaded_project();
    const wsgi = await runtime.request(build_request({ method: "GET", target: "/hello/Ada/" }, null));
    const app = get_asgi_application();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    let response;
    try {
      response = await serve_asgi(app, { method: "GET", target: "/hello/Ada/", headers: [["Host", "testserver"]], body: "" });
    } finally {
      set_active_recorder(previous);
    }
    expect([response.status, dec(response.body)]).toEqual([wsgi.response.status, dec(wsgi.response.body)]);
    expect(response.headers.map(([k]) => k)).toEqual(wsgi.response.headers.map(([k]) => k));
    const names = recorder.trace().spans.filter((s) => s.kind === "asgi").map((s) => s.name);
    expect(names).toEqual(["scope http", "receive http.request", "send http.response.start", "send http.response.body"]);
  });

  it("refuses a scope that is not http with Django's ValueError", async () => {
    await loaded_project();
    const handler = new ASGIHandler();
    await expect(handler.__call__({ type: "websocket" }, async () => ({ type: "websocket.connect" }), async () => {})).rejects.toThrow(
      "Django can only handle ASGI/HTTP connections, not websocket.",
    );
  });

  it("chunk_bytes splits a body into chunk_size pieces and marks the last", () => {
    const chunks = [...ASGIHandler.chunk_bytes(new Uint8Array(ASGIHandler.chunk_size * 2 + 1))].map(([c, last]) => [c.length, last]);
    expect(chunks).toEqual([[65536, false], [65536, false], [1, true]]);
    expect([...ASGIHandler.chunk_bytes(new Uint8Array(0))].map(([c, last]) => [c.length, last])).toEqual([[0, true]]);
  });
});
