/**
 * flask.config and the extension pattern: UPPERCASE keys from objects and mappings, namespaces,
 * the config attributes of the app, and an extension's init_app setting a default and registering
 * itself in app.extensions.
 */
import { describe, expect, it } from "vitest";
import { Flask, current_app } from "../../../src/frameworks/flask";
import { timedelta } from "../../../src/frameworks/python/datetime";

class Greeter {
  app: Flask | null = null;
  constructor(app: Flask | null = null) {
    if (app !== null) this.init_app(app);
  }
  init_app(app: Flask): void {
    app.config.setdefault("GREETING", "Hello");
    app.extensions["greeter"] = this;
  }
  greet(name: string): string {
    return `${current_app.config.getitem("GREETING")}, ${name}!`;
  }
}

describe("Flask config", () => {
  it("takes only UPPERCASE names from mappings and objects", () => {
    const app = new Flask("app");
    app.config.from_mapping({ SECRET_KEY: "dev", lower: 1 });
    class Settings {
      static DEBUG = true;
      static helper = "ignored";
    }
    app.config.from_object(Settings);
    expect([app.config.getitem("SECRET_KEY"), app.config.has("lower"), app.config.getitem("DEBUG"), app.debug, app.secret_key]).toEqual(["dev", false, true, true, "dev"]);
    expect(() => app.config.getitem("NOPE")).toThrow("'NOPE'");
  });

  it("gives one extension's settings with get_namespace", () => {
    const app = new Flask("app");
    app.config.update({ MAIL_SERVER: "smtp", MAIL_PORT: 25, OTHER: 1 });
    expect(app.config.get_namespace("MAIL_")).toEqual({ server: "smtp", port: 25 });
    expect(app.config.get_namespace("MAIL_", { lowercase: false, trim_namespace: false })).toEqual({ MAIL_SERVER: "smtp", MAIL_PORT: 25 });
  });

  it("reads PERMANENT_SESSION_LIFETIME in seconds as a timedelta", () => {
    const app = new Flask("app");
    expect(app.permanent_session_lifetime.total_seconds()).toBe(31 * 86400);
    app.config.set("PERMANENT_SESSION_LIFETIME", 120);
    expect(app.permanent_session_lifetime).toBeInstanceOf(timedelta);
    expect(app.permanent_session_lifetime.total_seconds()).toBe(120);
  });

  it("lets an extension set a default and register itself (init_app)", () => {
    const app = new Flask("app");
    app.config.set("GREETING", "Bonjour");
    const greeter = new Greeter();
    greeter.init_app(app);
    const other = new Flask("other");
    new Greeter(other);
    expect([app.extensions["greeter"] === greeter, app.config.getitem("GREETING"), other.config.getitem("GREETING")]).toEqual([true, "Bonjour", "Hello"]);
    app.route("/")(function index() {
      return (current_app.extensions["greeter"] as Greeter).greet("Ada");
    });
    expect(app.test_client().get("/").get_data(true)).toBe("Bonjour, Ada!");
  });
});
