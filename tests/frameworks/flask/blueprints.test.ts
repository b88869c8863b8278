/**
 * flask blueprints: deferred registration, url_prefix, nested blueprints and their dotted
 * endpoints, `url_for(".view")`, scoped hooks and error handlers, and the registration errors.
 */
import { describe, expect, it } from "vitest";
import { Blueprint, Flask, request, url_for } from "../../../src/frameworks/flask";

function raised(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception");
}

function project() {
  const app = new Flask("app");
  const events: string[] = [];
  const admin = new Blueprint("admin", "app", { url_prefix: "/admin" });
  const reports = new Blueprint("reports", "app", { url_prefix: "/reports" });
  admin.before_request(() => void events.push(`admin before ${request.endpoint}`));
  admin.before_app_request(() => void events.push("app-wide before"));
  admin.errorhandler(404)(() => "admin 404 page");
  admin.route("/")(function index() {
    return `${request.blueprint} ${url_for(".index")} ${url_for("reports_link")}`;
  });
  reports.route("/daily")(function daily() {
    return `${request.endpoint} ${JSON.stringify(request.blueprints)} ${url_for(".daily")} ${url_for("admin.index")}`;
  });
  admin.route("/missing")(function missing() {
    throw new (class extends Error {})();
  });
  app.route("/r")(function reports_link() {
    return url_for("admin.reports.daily");
  });
  admin.register_blueprint(reports);
  // Registration is deferred: these routes are added when the blueprint is registered.
  expect(app.url_map.iter_rules().map((r) => r.rule)).toEqual(["/static/<path:filename>", "/r"]);
  app.register_blueprint(admin);
  return { app, events };
}

describe("Flask blueprints", () => {
  it("prefixes rules and endpoints, nested blueprints included", () => {
    const { app } = project();
    expect(app.url_map.iter_rules().map((r) => `${r.rule} ${r.endpoint}`)).toEqual(["/static/<path:filename> static", "/r reports_link", "/admin/ admin.index", "/admin/missing admin.missing", "/admin/reports/daily admin.reports.daily"]);
    const c = app.test_client();
    expect(c.get("/admin/").get_data(true)).toBe("admin /admin/ /r");
    expect(c.get("/admin/reports/daily").get_data(true)).toBe('admin.reports.daily ["admin.reports","admin"] /admin/reports/daily /admin/');
  });

  it("runs a blueprint's hooks only for its endpoints, app-wide hooks for all", () => {
    const { app, events } = project();
    const c = app.test_client();
    c.get("/r");
    c.get("/admin/");
    expect(events).toEqual(["app-wide before", "app-wide before", "admin before admin.index"]);
  });

  it("uses the blueprint's error handler for its own views only", () => {
    const { app } = project();
    const c = app.test_client();
    expect(c.get("/nowhere").status).toBe("404 NOT FOUND");
    expect(c.get("/nowhere").get_data(true)).toContain("<title>404 Not Found</title>");
  });

  it("refuses dots in names, a second blueprint under a taken name, and self-registration", () => {
    expect(raised(() => new Blueprint("a.b", "app")).message).toBe("'name' may not contain a dot '.' character.");
    expect(raised(() => new Blueprint("", "app")).message).toBe("'name' may not be empty.");
    const app = new Flask("app");
    app.register_blueprint(new Blueprint("b", "app"));
    expect(raised(() => app.register_blueprint(new Blueprint("b", "app"))).message).toBe("The name 'b' is already registered for a different blueprint. Use 'name=' to provide a unique name.");
    const bp = new Blueprint("c", "app");
    expect(raised(() => bp.register_blueprint(bp)).message).toBe("Cannot register a blueprint on itself");
    expect(raised(() => bp.add_url_rule("/x", "a.b")).message).toBe("'endpoint' may not contain a dot '.' character.");
  });

  it("refuses setup once registered", () => {
    const app = new Flask("app");
    const bp = new Blueprint("late", "app");
    app.register_blueprint(bp);
    expect(raised(() => bp.route("/x")).message).toContain("The setup method 'route' can no longer be called on the blueprint 'late'.");
  });
});
