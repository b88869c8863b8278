import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { include, path, re_path } from "../../../src/frameworks/django/urls";
import { ImproperlyConfigured } from "../../../src/frameworks/django/core/exceptions";
import { AsyncWebsocketConsumer } from "../../../src/frameworks/channels/generic/websocket";
import { channel_layers } from "../../../src/frameworks/channels/layers";
import { ProtocolTypeRouter, URLRouter } from "../../../src/frameworks/channels/routing";
import { WebsocketCommunicator } from "../../../src/frameworks/channels/testing";

class Where extends AsyncWebsocketConsumer {
  static label = "";
  override async connect() {
    await this.accept();
    const route = (this.scope.url_route ?? { args: [], kwargs: {} }) as { args: unknown[]; kwargs: Record<string, unknown> };
    await this.send({ text_data: JSON.stringify({ label: (this.constructor as typeof Where).label, args: route.args, kwargs: route.kwargs, rest: this.scope.path_remaining }) });
  }
}
const labelled = (label: string) => class extends Where {
  static override label = label;
}.as_asgi();

async function connect(app: any, url: string): Promise<unknown> {
  const comm = new WebsocketCommunicator(app, url);
  try {
    await comm.connect(0.05);
    return JSON.parse((await comm.receive_from()) as string);
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  } finally {
    comm.stop(false);
  }
}

beforeEach(() => channel_layers.set("default", null));
afterEach(() => channel_layers._reset_backends());

describe("URLRouter", () => {
  it("is an ASGI application Django's path() accepts, so routers nest; captures merge outer-first", async () => {
    const inner = new URLRouter([path("team/<slug:team>/", labelled("team"))]);
    expect(typeof inner).toBe("function");
    const app = new URLRouter([path("org/<int:org>/", inner)]);
    expect(await connect(app, "/org/9/team/core/")).toEqual({ label: "team", args: [], kwargs: { org: 9, team: "core" }, rest: "" });
  });

  it("a nested router that finds nothing lets the outer one try its next route", async () => {
    const app = new URLRouter([path("ws/", new URLRouter([path("chat/", labelled("chat"))])), path("ws/<path:rest>", labelled("fallback"))]);
    expect(await connect(app, "/ws/other/")).toEqual({ label: "fallback", args: [], kwargs: { rest: "other/" }, rest: "" });
    expect(await connect(new URLRouter([path("ws/", new URLRouter([path("chat/", labelled("chat"))]))]), "/ws/other/")).toBe("ValueError: No route found for path 'ws/other/'.");
  });

  it("re_path without $ matches a prefix; unnamed groups become args; default kwargs are added", async () => {
    const app = new URLRouter([re_path("^(\\d+)/", new URLRouter([re_path("^(\\d+)/$", labelled("args"), { kwargs: { mode: "ro" } })]))]);
    expect(await connect(app, "/1/2/")).toEqual({ label: "args", args: ["1", "2"], kwargs: { mode: "ro" }, rest: "" });
  });

  it("refuses include(): nest URLRouters instead", () => {
    expect(() => new URLRouter([path("ws/", include([path("x/", labelled("x"))]))])).toThrow(ImproperlyConfigured);
  });

  it("records every route it tried and why each one missed", async () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      await connect(new URLRouter([path("ws/<int:n>/", labelled("int")), path("ws/<str:s>/", labelled("str"))]), "/ws/abc/");
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const router = spans.find((s) => s.kind === "resolver")!;
    expect(router.name).toBe("URLRouter 'ws/abc/'");
    expect(router.attrs).toMatchObject({ matched: true, route: "ws/<str:s>/", url_route: { args: [], kwargs: { s: "abc" } } });
    const tried = spans.filter((s) => s.kind === "pattern" && s.parent === router.id);
    expect(tried.map((s) => [s.name, s.attrs.matched])).toEqual([["ws/<int:n>/", false], ["ws/<str:s>/", true]]);
    expect(tried[0].attrs.reason).toContain("did not match 'ws/abc/'");
  });
});

describe("ProtocolTypeRouter", () => {
  it("dispatches on scope['type'] and names a type it has no application for", async () => {
    const app = new ProtocolTypeRouter({ websocket: labelled("ws") });
    expect(await connect(app, "/x/")).toMatchObject({ label: "ws" });
    await expect(app({ type: "http", path: "/" }, async () => ({ type: "http.request" }), async () => {})).rejects.toThrow("No application configured for scope type 'http'");
  });
});
