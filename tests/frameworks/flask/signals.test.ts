/**
 * flask.signals: the moments Flask sends its ten signals, and what it passes. The order below is
 * real Flask 3.1.3's, printed by the same app written in Python (hooks and signals interleaved:
 * request_started before the before_request hooks, request_finished after the after_request
 * hooks, each tearing-down signal after its teardown hooks, appcontext_popped last).
 */
import { describe, expect, it } from "vitest";
import * as flask from "../../../src/frameworks/flask";
import { Flask, abort, flash, render_template_string } from "../../../src/frameworks/flask";
import * as signals from "../../../src/frameworks/flask/signals";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { Namespace } from "../../../src/frameworks/blinker";

const NAMES = ["appcontext_pushed", "request_started", "before_render_template", "template_rendered", "message_flashed", "got_request_exception", "request_finished", "request_tearing_down", "appcontext_tearing_down", "appcontext_popped"] as const;

function type_of(value: unknown): string {
  return value === null || value === undefined ? "NoneType" : (value as object).constructor.name;
}

/** The Python script's app: a receiver on every signal for this app, and one hook of each kind. */
function order_app() {
  const log: string[] = [];
  const app = new Flask("orderapp");
  app.secret_key = "k";
  const receivers = NAMES.map((name) => {
    const receiver = (sender: unknown, kw: Record<string, unknown>) => {
      const exc = "exc" in kw ? ` exc=${type_of(kw.exc)}` : "exception" in kw ? ` exc=${type_of(kw.exception)}` : "";
      log.push(`${name} ${JSON.stringify(Object.keys(kw).sort())} ${sender === app}${exc}`);
    };
    signals[name].connect(receiver, app);
    return [name, receiver] as const;
  });
  app.before_request(function b() {
    log.push("before_request");
  });
  app.after_request(function a(resp: unknown) {
    log.push("after_request");
    return resp;
  });
  app.teardown_request(function tr(exc: unknown) {
    log.push(`teardown_request ${type_of(exc)}`);
  });
  app.teardown_appcontext(function ta(exc: unknown) {
    log.push(`teardown_appcontext ${type_of(exc)}`);
  });
  app.route("/")(function index() {
    flash("hi", "info");
    return render_template_string("x{{ 1 }}");
  });
  app.route("/boom")(function boom() {
    throw new Error("no");
  });
  app.route("/abort")(function ab() {
    abort(404);
  });
  const disconnect = () => receivers.forEach(([name, receiver]) => signals[name].disconnect(receiver));
  return { app, log, disconnect };
}

const REQUEST_OK = ["appcontext_pushed [] true", "request_started [] true", "before_request"];
const REQUEST_END = (exc: string) => ["after_request", 'request_finished ["response"] true', `teardown_request ${exc}`, `request_tearing_down ["exc"] true exc=${exc}`, `teardown_appcontext ${exc}`, `appcontext_tearing_down ["exc"] true exc=${exc}`, "appcontext_popped [] true"];

describe("Flask's signals", () => {
  it("are blinker NamedSignals exported by flask under Flask's names", () => {
    expect(NAMES.map((n) => [n, flask[n].name])).toEqual([
      ["appcontext_pushed", "appcontext-pushed"],
      ["request_started", "request-started"],
      ["before_render_template", "before-render-template"],
      ["template_rendered", "template-rendered"],
      ["message_flashed", "message-flashed"],
      ["got_request_exception", "got-request-exception"],
      ["request_finished", "request-finished"],
      ["request_tearing_down", "request-tearing-down"],
      ["appcontext_tearing_down", "appcontext-tearing-down"],
      ["appcontext_popped", "appcontext-popped"],
    ]);
    expect(signals._signals.signal("template-rendered")).toBe(signals.template_rendered);
  });

  it("are sent at Flask 3.1.3's moments, between the hooks, with its keyword arguments", () => {
    const { app, log, disconnect } = order_app();
    const client = app.test_client();
    try {
      for (const path of ["/", "/boom", "/abort", "/nope"]) {
        log.push(`--- ${path}`);
        log.push(`status ${client.get(path).status_code}`);
      }
      log.push("--- app_context");
      const ctx = app.app_context();
      ctx.push();
      log.push("inside");
      ctx.pop();
      log.push("--- nested");
      const outer = app.app_context();
      const inner = app.app_context();
      outer.push();
      inner.push();
      log.push("inside2");
      inner.pop();
      outer.pop();
    } finally {
      disconnect();
    }
    const APP_END = ["teardown_appcontext NoneType", 'appcontext_tearing_down ["exc"] true exc=NoneType', "appcontext_popped [] true"];
    expect(log).toEqual([
      "--- /",
      ...REQUEST_OK,
      'message_flashed ["category","message"] true',
      'before_render_template ["context","template"] true',
      'template_rendered ["context","template"] true',
      ...REQUEST_END("NoneType"),
      "status 200",
      "--- /boom",
      ...REQUEST_OK,
      'got_request_exception ["exception"] true exc=Error',
      ...REQUEST_END("Error"),
      "status 500",
      "--- /abort",
      ...REQUEST_OK,
      ...REQUEST_END("NoneType"),
      "status 404",
      "--- /nope",
      ...REQUEST_OK,
      ...REQUEST_END("NoneType"),
      "status 404",
      "--- app_context",
      "appcontext_pushed [] true",
      "inside",
      ...APP_END,
      "--- nested",
      "appcontext_pushed [] true",
      "appcontext_pushed [] true",
      "inside2",
      ...APP_END,
      ...APP_END,
    ]);
  });

  it("let a before_render_template receiver change the context the template renders (Flask's test_before_render_template)", () => {
    const app = new Flask("demo");
    app.route("/")(function index() {
      return render_template_string("<h1>{{ whiskey }}</h1>", { whiskey: 42 });
    });
    const recorded: [unknown, Record<string, unknown>][] = [];
    function record(_sender: unknown, { template, context }: Record<string, any>) {
      context.whiskey = 43;
      recorded.push([template, context]);
    }
    const rv = signals.before_render_template.connected_to(record, app, () => app.test_client().get("/"));
    expect([recorded.length, recorded[0][1].whiskey, rv.get_data(true)]).toEqual([1, 43, "<h1>43</h1>"]);
    expect(signals.before_render_template.receivers.size).toBe(0);
  });

  it("capture the templates a request rendered, as the testing docs' captured_templates does", () => {
    const app = new Flask("demo");
    app.route("/")(function index() {
      return render_template_string("{{ items|length }} items", { items: [1, 2, 3] });
    });
    function captured_templates<T>(app: Flask, body: (recorded: [any, Record<string, unknown>][]) => T): T {
      const recorded: [any, Record<string, unknown>][] = [];
      function record(_sender: unknown, { template, context }: Record<string, any>) {
        recorded.push([template, context]);
      }
      signals.template_rendered.connect(record, app);
      try {
        return body(recorded);
      } finally {
        signals.template_rendered.disconnect(record, app);
      }
    }
    captured_templates(app, (templates) => {
      const rv = app.test_client().get("/");
      expect([rv.status_code, templates.length, templates[0][0].name, Object.keys(templates[0][1]).sort(), (templates[0][1].items as unknown[]).length]).toEqual([200, 1, null, ["g", "items", "request"], 3]);
    });
    // Disconnected from `app` only: blinker keeps the receiver itself (as Python's does) but sends it nothing.
    expect([signals.template_rendered.receivers.size, [...signals.template_rendered.receivers_for(app)]]).toEqual([1, []]);
    signals.template_rendered._clear_state();
  });

  it("skip receivers connected for another app (the sender filter)", () => {
    const app = new Flask("one");
    const other = new Flask("two");
    app.route("/")(() => "ok");
    const heard: string[] = [];
    const on_start = (sender: Flask) => void heard.push(sender.name);
    signals.request_started.connect(on_start, other);
    try {
      app.test_client().get("/");
      other.route("/")(() => "ok");
      other.test_client().get("/");
    } finally {
      signals.request_started.disconnect(on_start);
    }
    expect(heard).toEqual(["two"]);
  });

  it("refuse an async receiver as Flask without its async extra does", () => {
    const app = new Flask("demo");
    app.route("/")(() => "ok");
    app.config.set("TESTING", true);
    const receiver = async () => undefined;
    signals.request_started.connect(receiver, app);
    try {
      expect(() => app.test_client().get("/")).toThrow("Install Flask with the 'async' extra in order to use async views.");
    } finally {
      signals.request_started.disconnect(receiver);
    }
  });

  it("show in the trace as a signal span under the step that sent it, with a span per receiver called and an event per receiver passed over", () => {
    const app = new Flask("demo");
    const other = new Flask("other");
    app.route("/")(() => render_template_string("x{{ n }}", { n: 1 }));
    const seen = (_sender: unknown) => "seen";
    function for_other() {}
    signals.request_started.connect(seen, app);
    signals.template_rendered.connect(for_other, other, false);
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      app.test_client().get("/");
    } finally {
      set_active_recorder(previous);
      signals.request_started.disconnect(seen);
      signals.template_rendered.disconnect(for_other);
    }
    const spans = recorder.trace().spans;
    const name_of = (id: number | null) => (id === null ? null : spans.find((s) => s.id === id)!.name);
    const picked = spans.filter((s) => s.kind === "signal" || s.kind === "receiver").map((s) => [s.kind, s.name, name_of(s.parent), s.attrs]);
    expect(picked).toEqual([
      ["signal", "request-started", "Flask.full_dispatch_request", { method: "send", sender: "<Flask 'demo'>", kwargs: {} }],
      ["receiver", "seen", "request-started", { sender: "<Flask 'demo'>", kwargs: {}, response: "seen" }],
      ["signal", "template-rendered", "<lambda>", { method: "send", sender: "<Flask 'demo'>", kwargs: { template: "<Template memory>", context: { n: 1, g: "<flask.g of 'demo'>", request: "<Request 'http://localhost/' [GET]>" } } }],
      ["receiver", "for_other", "template-rendered", { filtered_out: true, receiver_sender: "<Flask 'other'>", actual_sender: "<Flask 'demo'>" }],
    ]);
  });

  it("reach receivers connected for the app only when sent with the app itself, not the current_app proxy (the docs' 'Passing Proxies as Senders')", () => {
    const app = new Flask("demo");
    const ns = new Namespace();
    const model_saved = ns.signal("model-saved");
    const heard: string[] = [];
    model_saved.connect((_sender: unknown, { name }: Record<string, any>) => void heard.push(name), app, false);
    const ctx = app.app_context();
    ctx.push();
    try {
      model_saved.send(flask.current_app, { name: "through the proxy" });
      model_saved.send(flask.current_app._get_current_object(), { name: "through the app" });
    } finally {
      ctx.pop();
    }
    expect(heard).toEqual(["through the app"]);
  });
});
