/**
 * flask.sessions: the signed cookie byte-for-byte as Flask 3.1.3 sets it, tagged JSON types, the
 * empty session for a tampered cookie, `Vary: Cookie`, deletion, permanent sessions, flashes, and
 * the NullSession without SECRET_KEY.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Flask, flash, get_flashed_messages, jsonify, request, session } from "../../../src/frameworks/flask";
import { py_tuple } from "../../../src/frameworks/python/builtins";
import { freeze_time } from "../../../src/frameworks/python/time";
import { session_json_serializer } from "../../../src/frameworks/flask/sessions";
import { Markup } from "../../../src/frameworks/markupsafe";
import { UUID } from "../../../src/frameworks/python/uuid";
import { datetime, timezone } from "../../../src/frameworks/python/datetime";

function app_with_session() {
  const app = new Flask("app");
  app.config.set("SECRET_KEY", "conformance-flask-secret");
  app.route("/set")(function set() {
    session.set("n", 1);
    return "set";
  });
  app.route("/get")(function get() {
    return jsonify({ n: session.get("n") });
  });
  app.route("/clear")(function clear() {
    session.clear();
    return "cleared";
  });
  app.route("/perm")(function perm() {
    session.permanent = true;
    return "perm";
  });
  return app;
}

describe("Flask sessions", () => {
  beforeEach(() => freeze_time(1735689600.5));
  afterEach(() => freeze_time(null));

  it("evaluates the value of session[key] = value before the session: a value that raises leaves no Vary: Cookie (as Flask 3.1.3)", () => {
    const app = app_with_session();
    app.post("/login")(function login() {
      session.set("username", request.form.getitem("username"));
      return "in";
    });
    const client = app.test_client({ use_cookies: false });
    const refused = client.post("/login", { data: {} });
    expect(refused.status_code).toBe(400);
    expect(refused.headers.get("Vary")).toBe(null);
    const accepted = client.post("/login", { data: { username: "ann" } });
    expect(accepted.status_code).toBe(200);
    expect(accepted.headers.get("Vary")).toBe("Cookie");
  });

  it("sets the signed cookie exactly as Flask does, with Vary: Cookie", () => {
    const r = app_with_session().test_client({ use_cookies: false }).get("/set");
    expect(r.headers.getlist("Set-Cookie")).toEqual(["session=eyJuIjoxfQ.Z3SFgA.CVoKzQ9mnWZv1pR2u48UpMRu1u0; HttpOnly; Path=/"]);
    expect(r.headers.get("Vary")).toBe("Cookie");
  });

  it("reads its own cookie back, and starts empty from a tampered one", () => {
    const c = app_with_session().test_client({ use_cookies: false });
    const good = c.get("/get", { headers: [["Cookie", "session=eyJuIjoxfQ.Z3SFgA.CVoKzQ9mnWZv1pR2u48UpMRu1u0"]] });
    const bad = c.get("/get", { headers: [["Cookie", "session=eyJuIjoyfQ.Z3SFgA.CVoKzQ9mnWZv1pR2u48UpMRu1u0"]] });
    expect([good.get_data(true), bad.get_data(true)]).toEqual(['{"n":1}\n', '{"n":null}\n']);
  });

  it("deletes the cookie when the session becomes empty, and dates a permanent one", () => {
    const c = app_with_session().test_client();
    c.get("/set");
    expect(c.get("/clear").headers.getlist("Set-Cookie")).toEqual(["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/"]);
    expect(c.get("/perm").headers.get("Set-Cookie")).toMatch(/^session=[^;]+; Expires=Sat, 01 Feb 2025 00:00:00 GMT; HttpOnly; Path=\/$/);
  });

  it("tags the Python types JSON lacks", () => {
    const app = new Flask("app");
    const ctx = app.app_context();
    ctx.push();
    try {
      const value = { t: py_tuple(1, "a"), b: new Uint8Array([120, 121]), m: new Markup("<b>"), u: new UUID("12345678-1234-5678-1234-567812345678"), d: new datetime(2024, 1, 2, 3, 4, 5, 0, timezone.utc), di: { " t": 1 } };
      const text = session_json_serializer.dumps(value);
      expect(text).toBe('{"b":{" b":"eHk="},"d":{" d":"Tue, 02 Jan 2024 03:04:05 GMT"},"di":{" di":{" t__":1}},"m":{" m":"<b>"},"t":{" t":[1,"a"]},"u":{" u":"12345678123456781234567812345678"}}');
      const back = session_json_serializer.loads(text) as Record<string, unknown>;
      expect([String(back.m), back.di, (back.u as UUID).hex, [...(back.t as unknown[])]]).toEqual(["<b>", { " t": 1 }, "12345678123456781234567812345678", [1, "a"]]);
    } finally {
      ctx.pop();
    }
  });

  it("keeps flashed messages in the session until they are read", () => {
    const app = app_with_session();
    app.route("/flash")(function flash_view() {
      flash("Saved.");
      flash("Careful!", "warning");
      return "";
    });
    app.route("/show")(function show() {
      return jsonify(get_flashed_messages({ with_categories: true }));
    });
    const c = app.test_client();
    c.get("/flash");
    expect(c.get("/show").get_data(true)).toBe('[["message","Saved."],["warning","Careful!"]]\n');
    expect(c.get("/show").get_data(true)).toBe("[]\n");
  });

  it("without SECRET_KEY, refuses writes with Flask's message", () => {
    const app = new Flask("app");
    app.config.set("PROPAGATE_EXCEPTIONS", true);
    app.route("/w")(function w() {
      session.set("a", 1);
      return "";
    });
    expect(() => app.test_client().get("/w")).toThrow("The session is unavailable because no secret key was set.  Set the secret_key on the application to something unique and secret.");
  });
});
