/**
 * flask.app: routes, every return shape of a view, hooks in Flask's order (and a before_request
 * short-circuit), error handlers, the 500 path, and the request cycle's trace.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Flask, abort, current_app, g, jsonify, make_response, redirect, request, url_for } from "../../../src/frameworks/flask";
import { py_tuple, ValueError } from "../../../src/frameworks/python/builtins";
import { add_handler } from "../../../src/frameworks/python/logging";
import { Recorder, set_active_recorder } from "../../../src/trace";

function client(app: Flask) {
  return app.test_client({ use_cookies: false });
}

describe("Flask views", () => {
  it("turns each return shape into a response", () => {
    const app = new Flask("app");
    app.route("/str")(function str() {
      return "Hello";
    });
    app.route("/tuple")(function tuple() {
      return py_tuple("Created", 201, { "X-Id": "7" });
    });
    app.route("/headers")(function headers() {
      return py_tuple("x", [["X-A", "1"]]);
    });
    app.route("/dict")(function dict() {
      return { b: 1, a: "é" };
    });
    app.route("/list")(function list() {
      return [1, null];
    });
    app.route("/bytes")(function bytes() {
      return new TextEncoder().encode("raw");
    });
    app.route("/resp")(function resp() {
      return make_response("made", 202);
    });
    app.route("/gen")(function* gen() {
      yield "a";
      yield "b";
    } as any);
    const c = client(app);
    const got = (path: string) => {
      const r = c.get(path);
      return [r.status, r.headers.get("Content-Type"), r.get_data(true)];
    };
    expect(got("/str")).toEqual(["200 OK", "text/html; charset=utf-8", "Hello"]);
    expect(got("/tuple")).toEqual(["201 CREATED", "text/html; charset=utf-8", "Created"]);
    expect(c.get("/tuple").headers.get("X-Id")).toBe("7");
    expect(c.get("/headers").headers.get("X-A")).toBe("1");
    expect(got("/dict")).toEqual(["200 OK", "application/json", '{"a":"\\u00e9","b":1}\n']);
    expect(got("/list")).toEqual(["200 OK", "application/json", "[1,null]\n"]);
    expect(got("/bytes")).toEqual(["200 OK", "text/html; charset=utf-8", "raw"]);
    expect(got("/resp")).toEqual(["202 ACCEPTED", "text/html; charset=utf-8", "made"]);
  });

  it("passes URL values as one keyword object and answers 404/405/308 from the URL map", () => {
    const app = new Flask("app");
    app.route("/user/<int:id>", { methods: ["GET", "POST"] })(function show({ id }: { id: number }) {
      return `user ${id + 1} via ${request.method}`;
    });
    app.route("/dir/")(function dir() {
      return "dir";
    });
    const c = client(app);
    expect(c.post("/user/41").get_data(true)).toBe("user 42 via POST");
    expect(c.get("/user/x").status).toBe("404 NOT FOUND");
    const r405 = c.put("/user/1");
    expect([r405.status, r405.headers.get("Allow")!.split(", ").sort()]).toEqual(["405 METHOD NOT ALLOWED", ["GET", "HEAD", "OPTIONS", "POST"]]);
    const r308 = c.get("/dir?a=1");
    expect([r308.status, r308.headers.get("Location")]).toEqual(["308 PERMANENT REDIRECT", "http://localhost/dir/?a=1"]);
  });

  it("logs an unhandled exception and answers 500; TESTING propagates it instead", () => {
    const app = new Flask("app");
    app.route("/boom")(function boom() {
      throw new ValueError("x");
    });
    const records: string[] = [];
    const remove = add_handler((r) => {
      if (r.name === "app") records.push(`${r.levelname} ${r.message} ${(r.exc_info as Error).constructor.name}`);
    });
    try {
      expect(client(app).get("/boom").status).toBe("500 INTERNAL SERVER ERROR");
    } finally {
      remove();
    }
    expect(records).toEqual(["ERROR Exception on /boom [GET] ValueError"]);
    app.config.set("TESTING", true);
    expect(() => client(app).get("/boom")).toThrow(ValueError);
  });

  it("refuses None and unknown return types with Flask's TypeError texts", () => {
    const app = new Flask("app");
    app.config.set("PROPAGATE_EXCEPTIONS", true);
    app.route("/none")(function none() {
      return undefined as any;
    });
    app.route("/int")(function int() {
      return 42 as any;
    });
    expect(() => client(app).get("/none")).toThrow("The view function for 'none' did not return a valid response. The function either returned None or ended without a return statement.");
    expect(() => client(app).get("/int")).toThrow("The view function did not return a valid response. The return type must be a string, dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was a int.");
  });
});

describe("Flask hooks", () => {
  it("runs before_request in order, after_request reversed, then teardown — and stops at a returning before_request", () => {
    const app = new Flask("app");
    const events: string[] = [];
    app.before_request(() => void events.push("before 1"));
    app.before_request(() => {
      events.push("before 2");
      return request.args.get("stop") ? "stopped" : null;
    });
    app.after_request((r: any) => (events.push("after 1"), r));
    app.after_request((r: any) => (events.push("after 2"), r));
    app.teardown_request((exc: unknown) => void events.push(`teardown ${exc}`));
    app.teardown_appcontext(() => void events.push("appctx teardown"));
    app.route("/")(function index() {
      events.push("view");
      return "ok";
    });
    const c = client(app);
    c.get("/");
    expect(events.splice(0)).toEqual(["before 1", "before 2", "view", "after 2", "after 1", "teardown null", "appctx teardown"]);
    expect(c.get("/?stop=1").get_data(true)).toBe("stopped");
    expect(events).toEqual(["before 1", "before 2", "after 2", "after 1", "teardown null", "appctx teardown"]);
  });

  it("finds error handlers by code, then by class hierarchy", () => {
    class AppError extends ValueError {}
    const app = new Flask("app");
    app.errorhandler(404)((e: any) => py_tuple(`missing: ${e.description.slice(0, 13)}`, 404));
    app.errorhandler(ValueError)((e: Error) => py_tuple(`value error: ${e.constructor.name}`, 400));
    app.route("/raise")(function raise() {
      throw new AppError("x");
    });
    app.route("/abort")(function aborts() {
      abort(404);
    });
    const c = client(app);
    expect([c.get("/raise").status, c.get("/raise").get_data(true)]).toEqual(["400 BAD REQUEST", "value error: AppError"]);
    expect(c.get("/abort").get_data(true)).toBe("missing: The requested");
    expect(c.get("/nowhere").status).toBe("404 NOT FOUND");
  });

  it("traces the cycle: contexts pushed, URL matched, hooks, view, make_response, contexts popped", () => {
    const app = new Flask("app");
    app.before_request(function check() {
      return null;
    });
    app.after_request(function stamp(r: any) {
      return r;
    });
    app.route("/hello/<name>")(function hello({ name }: { name: string }) {
      return `Hi ${name} from ${current_app.name}`;
    });
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      client(app).get("/hello/ada");
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const names = spans.filter((s) => ["handler", "context", "resolver", "hook", "view"].includes(s.kind)).map((s) => `${s.kind}:${s.name}`);
    expect(names).toEqual([
      "handler:Flask.wsgi_app",
      "context:RequestContext.push",
      "context:AppContext.push",
      "resolver:MapAdapter.match /hello/ada",
      "handler:Flask.full_dispatch_request",
      "hook:before_request: check",
      "view:hello",
      "context:current_app.name",
      "handler:Flask.make_response",
      "hook:after_request: stamp",
      "context:RequestContext.pop",
      "context:AppContext.pop",
    ]);
    const pop = spans.find((s) => s.name === "AppContext.pop")!;
    expect(pop.attrs.stacks).toEqual({ app: [], request: [] });
    const push = spans.find((s) => s.name === "RequestContext.push")!;
    expect(push.attrs.stacks).toEqual({ app: ["<AppContext of 'app'>"], request: ["<RequestContext 'http://localhost/hello/ada' [GET] of app>"] });
  });
});

describe("url_for and redirect", () => {
  afterEach(() => void 0);
  it("builds URLs inside a request, outside with SERVER_NAME, and refuses without either", () => {
    const app = new Flask("app");
    app.route("/post/<int:id>")(function post() {
      return redirect(url_for("post", { id: 2, _anchor: "top" }));
    });
    expect(client(app).get("/post/1").headers.get("Location")).toBe("/post/2#top");
    const ctx = app.app_context();
    ctx.push();
    try {
      expect(() => url_for("post", { id: 1 })).toThrow("Unable to build URLs outside an active request without 'SERVER_NAME' configured.");
      app.config.set("SERVER_NAME", "example.org");
    } finally {
      ctx.pop();
    }
    const ctx2 = app.app_context();
    ctx2.push();
    try {
      expect(url_for("post", { id: 1 })).toBe("http://example.org/post/1");
    } finally {
      ctx2.pop();
    }
    expect(jsonify).toBeTypeOf("function");
    expect(g).toBeDefined();
  });
});
