/**
 * flask.ctx and flask.globals: the context locals. Proxies fail outside a context with Flask's
 * messages, `g` lives on one application context, and a request context pushes an application
 * context when none is active.
 */
import { describe, expect, it } from "vitest";
import { Flask, current_app, g, has_app_context, has_request_context, request, session } from "../../../src/frameworks/flask";
import { AttributeError } from "../../../src/frameworks/python/builtins";

const NO_APP = "Working outside of application context.\n\nThis typically means that you attempted to use functionality that needed\nthe current application. To solve this, set up an application context\nwith app.app_context(). See the documentation for more information.";
const NO_REQUEST = "Working outside of request context.\n\nThis typically means that you attempted to use functionality that needed\nan active HTTP request. Consult the documentation on testing for\ninformation about how to avoid this problem.";

describe("Flask context locals", () => {
  it("fail outside a context with Flask's RuntimeError messages", () => {
    expect(() => current_app.name).toThrow(NO_APP);
    expect(() => g.user).toThrow(NO_APP);
    expect(() => request.path).toThrow(NO_REQUEST);
    expect(() => session.get("x")).toThrow(NO_REQUEST);
    expect([has_app_context(), has_request_context()]).toEqual([false, false]);
  });

  it("give each application context its own g", () => {
    const app = new Flask("demo");
    const outer = app.app_context();
    outer.push();
    g.x = "outer";
    const inner = app.app_context();
    inner.push();
    expect([current_app.name, Object.keys(g), g.get("x", "none")]).toEqual(["demo", [], "none"]);
    expect(() => g.x).toThrow(AttributeError);
    inner.pop();
    expect(g.x).toBe("outer");
    outer.pop();
    expect(has_app_context()).toBe(false);
  });

  it("push an application context under a request context, and pop both", () => {
    const app = new Flask("demo");
    app.route("/u/<int:id>", { methods: ["GET", "POST"] })(function user() {
      return "";
    });
    const ctx = app.test_request_context("/u/5?q=1", { method: "POST" });
    ctx.push();
    expect([request.path, request.method, request.url, request.endpoint, request.view_args, current_app.name, has_app_context()]).toEqual([
      "/u/5",
      "POST",
      "http://localhost/u/5?q=1",
      "user",
      { id: 5 },
      "demo",
      true,
    ]);
    ctx.pop();
    expect([has_request_context(), has_app_context()]).toEqual([false, false]);
  });
});
