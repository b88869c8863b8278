import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { connection } from "../../../../../src/frameworks/django/db";
import { sqlmigrate_text } from "../../../../../src/frameworks/django/core/management/commands/sqlmigrate";
import { Migration } from "../../../../../src/frameworks/django/contrib/sessions/migrations/0001_initial";
import { SessionStore } from "../../../../../src/frameworks/django/contrib/sessions/backends/db";
import { SessionStore as CookieStore } from "../../../../../src/frameworks/django/contrib/sessions/backends/signed_cookies";
import { Session } from "../../../../../src/frameworks/django/contrib/sessions/models";
import { SessionMiddleware } from "../../../../../src/frameworks/django/contrib/sessions/middleware";
import { HttpRequest } from "../../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../../src/frameworks/django/http/response";
import { KeyError } from "../../../../../src/frameworks/python/builtins";
import { freeze_time } from "../../../../../src/frameworks/python/time";
import { set_module_importer } from "../../../../../src/frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";
import { SqlJsDriver, boot_sqlite } from "../../../../../src/runtime/sqlite";

const SQL_0001 = `BEGIN;
--
-- Create model Session
--
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
COMMIT;
`;

beforeAll(async () => {
  await boot_sqlite();
});

beforeEach(async () => {
  settings.configure({ SECRET_KEY: "lab-secret", USE_TZ: true, TIME_ZONE: "UTC" });
  freeze_time(null);
  connection.set_driver(await SqlJsDriver.open());
  for (const line of SQL_0001.split("\n")) if (line && !line.startsWith("--") && line !== "BEGIN;" && line !== "COMMIT;") connection.cursor().execute(line, null);
  set_module_importer((p) => (FRAMEWORK_MODULES as Record<string, any>)[p]);
});

describe("django.contrib.sessions", () => {
  it("0001_initial creates django_session exactly as Django's sqlmigrate prints it", () => {
    expect(sqlmigrate_text(new Migration("0001_initial", "sessions"))).toBe(SQL_0001);
  });

  it("encodes data as signing.dumps with the SessionStore salt (vector from Django 5.2)", () => {
    freeze_time(1735689600.5);
    expect(new SessionStore().encode({ k: "v" })).toBe("eyJrIjoidiJ9:1tSm9Y:SDl9JafCA65UZII_MjbFYnFfrIJ8W_Cc1zfa4GQlkok");
    expect(new SessionStore().decode("garbage")).toEqual({});
  });

  it("dict API sets accessed/modified like Django", () => {
    const s = new SessionStore();
    expect(s.accessed).toBe(false);
    expect(s.get("k")).toBe(null);
    expect(s.accessed).toBe(true);
    expect(s.modified).toBe(false);
    s.set("k", 1);
    expect(s.modified).toBe(true);
    expect(s.getitem("k")).toBe(1);
    expect(() => s.getitem("nope")).toThrow(KeyError);
    expect(s.pop("nope", "d")).toBe("d");
    expect(s.setdefault("x", 2)).toBe(2);
    expect(s.items()).toEqual([["k", 1], ["x", 2]]);
  });

  it("db store saves a row under a 32-char key and loads it back; flush deletes it", () => {
    const s = new SessionStore();
    s.set("user", "ada");
    s.save();
    expect(s.session_key).toMatch(/^[a-z0-9]{32}$/);
    expect((Session as any)._default_manager.count()).toBe(1);
    const again = new SessionStore(s.session_key);
    expect(again.get("user")).toBe("ada");
    again.flush();
    expect(again.session_key).toBe(null);
    expect((Session as any)._default_manager.count()).toBe(0);
  });

  it("cycle_key keeps the data under a new key", () => {
    const s = new SessionStore();
    s.set("a", 1);
    s.save();
    const old = s.session_key;
    s.cycle_key();
    expect(s.session_key).not.toBe(old);
    expect(new SessionStore(s.session_key).get("a")).toBe(1);
    expect(new SessionStore(old).get("a")).toBe(null);
  });

  it("expiry: default age, set_expiry(0) expires at browser close, seconds are stored", () => {
    const s = new SessionStore();
    expect(s.get_expiry_age()).toBe(1209600);
    s.set_expiry(300);
    expect(s.get_expiry_age()).toBe(300);
    expect(s.get_expire_at_browser_close()).toBe(false);
    s.set_expiry(0);
    expect(s.get_expire_at_browser_close()).toBe(true);
    s.set_expiry(null);
    expect(s.has("_session_expiry")).toBe(false);
  });

  it("signed-cookie store carries the data in the key", () => {
    const s = new CookieStore();
    s.set("k", "v");
    s.save();
    expect(new CookieStore(s.session_key).get("k")).toBe("v");
    expect(new CookieStore("tampered:x:y").get("k")).toBe(null);
  });

  it("middleware sets the cookie with SESSION_COOKIE_* and Vary: Cookie, and deletes it when flushed", () => {
    freeze_time(1735689600.5);
    const request = new HttpRequest();
    const mw = new SessionMiddleware(() => {
      request.session.set("k", "v");
      return new HttpResponse("ok");
    });
    const response = mw.__call__(request) as HttpResponse;
    expect(response.headers.get("Vary")).toBe("Cookie");
    const cookie = response.cookies.getitem("sessionid");
    expect(cookie.OutputString()).toMatch(/^sessionid=[a-z0-9]{32}; expires=Wed, 15 Jan 2025 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=\/; SameSite=Lax$/);

    const second = new HttpRequest();
    second.COOKIES = { sessionid: String(cookie.value) };
    const flush = new SessionMiddleware(() => {
      second.session.flush();
      return new HttpResponse("bye");
    });
    const out = flush.__call__(second) as HttpResponse;
    expect(out.cookies.getitem("sessionid").OutputString()).toBe('sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax');
  });
});
