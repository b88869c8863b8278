/**
 * flask.views: View.as_view and MethodView, against what Flask 3.1.3 answers for the same classes
 * (recorded with its test client: statuses, Allow headers as sets, bodies, the 500 for a missing
 * handler, the rule's methods taken from the handlers and from the bases).
 */
import { describe, expect, it } from "vitest";
import { Flask, request } from "../../../src/frameworks/flask";
import { MethodView, View } from "../../../src/frameworks/flask/views";

class Hello extends View {
  override dispatch_request({ name = "x" }: { name?: string } = {}) {
    return `hi ${name} ${request.method}`;
  }
}
class Base extends View {}
class ItemAPI extends MethodView {
  static override init_every_request = false;
  get({ id = null }: { id?: number | null } = {}) {
    return `get ${id === null ? "None" : id}`;
  }
  post() {
    return "post";
  }
}
class Child extends ItemAPI {
  delete() {
    return "del";
  }
}
class OnlyPost extends MethodView {
  static override methods = ["POST"];
  post() {
    return "p";
  }
  get() {
    return "g";
  }
}
class Empty extends MethodView {}

function app_with_views(): Flask {
  const app = new Flask("app");
  app.add_url_rule("/hello/<name>", { view_func: Hello.as_view("hello") });
  app.add_url_rule("/base", { view_func: Base.as_view("base") });
  app.add_url_rule("/items/", { view_func: ItemAPI.as_view("items") });
  app.add_url_rule("/items/<int:id>", { view_func: Child.as_view("child") });
  app.add_url_rule("/onlypost", { view_func: OnlyPost.as_view("onlypost") });
  app.add_url_rule("/empty", { view_func: Empty.as_view("empty") });
  return app;
}

const sorted = (methods: Iterable<string> | null) => (methods === null ? null : [...methods].sort());
const allow = (header: string | null) => (header === null ? null : header.split(", ").sort().join(", "));

describe("flask.views", () => {
  it("gives a MethodView the methods of its handlers and of its bases, unless it sets its own", () => {
    expect(sorted(ItemAPI.methods)).toEqual(["GET", "POST"]);
    expect(sorted(Child.methods)).toEqual(["DELETE", "GET", "POST"]);
    expect(OnlyPost.methods).toEqual(["POST"]);
    expect(Empty.methods).toBeNull();
    expect(MethodView.methods).toBeNull();
    expect(Hello.methods).toBeNull();
  });

  it("makes a view function named after as_view's name that remembers its class", () => {
    const view = Child.as_view("c2");
    expect(view.name).toBe("c2");
    expect(view.view_class).toBe(Child);
    expect(sorted(view.methods)).toEqual(["DELETE", "GET", "POST"]);
    expect(view.provide_automatic_options).toBeNull();
    // Python prints a rule's methods in set order, which changes from one process to the next.
    const rules = [...app_with_views().url_map.iter_rules()].map((r) => `${r.rule} ${sorted(r.methods)!.join(",")} ${r.endpoint}`);
    expect(rules).toEqual([
      "/static/<path:filename> GET,HEAD,OPTIONS static",
      "/hello/<name> GET,HEAD,OPTIONS hello",
      "/base GET,HEAD,OPTIONS base",
      "/items/ GET,HEAD,OPTIONS,POST items",
      "/items/<int:id> DELETE,GET,HEAD,OPTIONS,POST child",
      "/onlypost OPTIONS,POST onlypost",
      "/empty GET,HEAD,OPTIONS empty",
    ]);
  });

  it("dispatches each request as Flask does", () => {
    const c = app_with_views().test_client({ use_cookies: false });
    const send = (method: string, path: string) => {
      const r = c.open(path, { method });
      return [r.status_code, allow(r.headers.get("Allow")), r.get_data(true).slice(0, 60)];
    };
    const not_allowed = "<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed";
    const server_error = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Er";
    expect(send("GET", "/hello/bob")).toEqual([200, null, "hi bob GET"]);
    expect(send("POST", "/hello/bob")).toEqual([405, "GET, HEAD, OPTIONS", not_allowed]);
    expect(send("HEAD", "/hello/bob")).toEqual([200, null, ""]);
    expect(send("OPTIONS", "/hello/bob")).toEqual([200, "GET, HEAD, OPTIONS", ""]);
    expect(send("GET", "/base")).toEqual([500, null, server_error]); // NotImplementedError
    expect(send("GET", "/items/")).toEqual([200, null, "get None"]);
    expect(send("HEAD", "/items/")).toEqual([200, null, ""]); // HEAD falls back to get
    expect(send("PUT", "/items/")).toEqual([405, "GET, HEAD, OPTIONS, POST", not_allowed]);
    expect(send("DELETE", "/items/3")).toEqual([200, null, "del"]);
    expect(send("OPTIONS", "/items/3")).toEqual([200, "DELETE, GET, HEAD, OPTIONS, POST", ""]);
    expect(send("POST", "/onlypost")).toEqual([200, null, "p"]);
    expect(send("GET", "/onlypost")).toEqual([405, "OPTIONS, POST", not_allowed]);
    expect(send("GET", "/empty")).toEqual([500, null, server_error]); // AssertionError: Unimplemented method 'GET'
  });

  it("creates an instance per request, or one for every request, with as_view's arguments", () => {
    const made: string[] = [];
    class Counter extends View {
      calls = 0;
      constructor(readonly label: string) {
        super();
        made.push(label);
      }
      override dispatch_request() {
        this.calls += 1;
        return `${this.label} ${this.calls}`;
      }
    }
    class Shared extends Counter {
      static override init_every_request = false;
    }
    const app = new Flask("app");
    app.add_url_rule("/fresh", { view_func: Counter.as_view("fresh", "f") });
    app.add_url_rule("/shared", { view_func: Shared.as_view("shared", "s") });
    const c = app.test_client();
    expect(made).toEqual(["s"]);
    expect([c.get("/fresh").get_data(true), c.get("/fresh").get_data(true)]).toEqual(["f 1", "f 1"]);
    expect([c.get("/shared").get_data(true), c.get("/shared").get_data(true)]).toEqual(["s 1", "s 2"]);
    expect(made).toEqual(["s", "f", "f"]);
  });

  it("applies the class's decorators to the view function, in order", () => {
    const order: string[] = [];
    const tag = (label: string) => (view: (kwargs: object) => unknown) =>
      function wrapped(kwargs: object) {
        order.push(label);
        return `${label}(${view(kwargs)})`;
      };
    class Decorated extends View {
      static override decorators = [tag("inner"), tag("outer")];
      override dispatch_request() {
        return "body";
      }
    }
    const app = new Flask("app");
    const view = Decorated.as_view("decorated");
    app.add_url_rule("/d", { view_func: view });
    expect(view.name).toBe("decorated");
    expect(app.test_client().get("/d").get_data(true)).toBe("outer(inner(body))");
    expect(order).toEqual(["outer", "inner"]);
  });

  it("reports the missing handler as Flask's AssertionError", () => {
    const app = new Flask("app");
    app.add_url_rule("/empty", { view_func: Empty.as_view("empty") });
    app.config.set("PROPAGATE_EXCEPTIONS", true);
    expect(() => app.test_client().get("/empty")).toThrow("Unimplemented method 'GET'");
  });
});
