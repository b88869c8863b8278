/**
 * Channels' session and auth middleware on the Django project's own sessions and users: a user
 * signed in through Django's login() is scope.user in a consumer; login/logout from a consumer;
 * a tampered session hash; the session cookie an AsyncHttpConsumer's response carries.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freeze_time } from "../../../src/frameworks/python/time";
import { utf8_encode, latin1_decode } from "../../../src/frameworks/python/bytes";
import { login as django_login, HASH_SESSION_KEY } from "../../../src/frameworks/django/contrib/auth";
import { User } from "../../../src/frameworks/django/contrib/auth/models";
import { SessionStore } from "../../../src/frameworks/django/contrib/sessions/backends/db";
import { AuthMiddlewareStack, login, logout } from "../../../src/frameworks/channels/auth";
import { database_sync_to_async } from "../../../src/frameworks/channels/db";
import { AsyncHttpConsumer } from "../../../src/frameworks/channels/generic/http";
import { AsyncWebsocketConsumer, type ReceiveArgs } from "../../../src/frameworks/channels/generic/websocket";
import { channel_layers } from "../../../src/frameworks/channels/layers";
import { SessionMiddlewareStack } from "../../../src/frameworks/channels/sessions";
import { HttpCommunicator, WebsocketCommunicator } from "../../../src/frameworks/channels/testing";
import { setup_project, teardown_project } from "../django/contrib/auth/project";

class WhoAmI extends AsyncWebsocketConsumer {
  override async receive({ text_data }: ReceiveArgs) {
    if (text_data === "login") {
      const bob = await database_sync_to_async(() => User.objects.get({ username: "bob" }))();
      await login(this.scope, bob);
      await database_sync_to_async(() => (this.scope.session as SessionStore).save())();
    } else if (text_data === "logout") await logout(this.scope);
    const user = this.scope.user as any;
    await this.send({ text_data: user.is_authenticated ? user.username : "<anonymous>" });
  }
}

/** A session made by Django's login(), as a view signing someone in makes it; its key. */
function signed_in_session(username: string, tamper?: (s: SessionStore) => void): string {
  const session = new SessionStore();
  django_login({ session, META: {}, COOKIES: {} } as any, User.objects.get({ username }), "django.contrib.auth.backends.ModelBackend");
  tamper?.(session);
  session.save();
  return session.session_key!;
}

const cookie = (key: string): [Uint8Array, Uint8Array][] => [[utf8_encode("cookie"), utf8_encode(`sessionid=${key}`)]];

beforeEach(async () => {
  await setup_project({ INSTALLED_APPS: ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "channels"], SESSION_ENGINE: "django.contrib.sessions.backends.db" });
  channel_layers.set("default", null);
  User.objects.create_user("alice", null, "pw");
  User.objects.create_user("bob", null, "pw");
});
afterEach(() => {
  channel_layers._reset_backends();
  freeze_time(null);
  teardown_project();
});

async function ask(key: string | null, text: string): Promise<string> {
  const comm = new WebsocketCommunicator(AuthMiddlewareStack(WhoAmI.as_asgi()), "/ws/", key ? cookie(key) : null);
  await comm.connect();
  await comm.send_to({ text_data: text });
  const reply = (await comm.receive_from()) as string;
  await comm.disconnect();
  return reply;
}

describe("AuthMiddlewareStack", () => {
  it("gives a consumer the user a Django view signed in (same session cookie)", async () => {
    expect(await ask(signed_in_session("alice"), "whoami")).toBe("alice");
    expect(await ask(null, "whoami")).toBe("<anonymous>");
  });

  it("treats a session whose hash does not match the user's password as anonymous, and flushes it", async () => {
    const key = signed_in_session("alice", (s) => s.set(HASH_SESSION_KEY, "0".repeat(64)));
    expect(await ask(key, "whoami")).toBe("<anonymous>");
    expect(new SessionStore().exists(key)).toBe(false);
  });

  it("login() in a consumer rotates the session key and sets scope.user; logout() flushes it", async () => {
    const key = signed_in_session("alice");
    expect(await ask(key, "login")).toBe("bob");
    expect(await ask(key, "whoami")).toBe("<anonymous>"); // the old key is gone
    expect(await ask(signed_in_session("alice"), "logout")).toBe("<anonymous>");
  });
});

describe("SessionMiddlewareStack over HTTP", () => {
  class Visits extends AsyncHttpConsumer {
    override async handle() {
      const session = this.scope.session as SessionStore;
      const n = Number(session.get("visits", 0)) + 1;
      session.set("visits", n);
      await this.send_response(200, utf8_encode(`visits=${n}`), { headers: [[utf8_encode("Content-Type"), utf8_encode("text/plain")]] });
    }
  }

  it("saves a modified session when the response starts and sets its cookie with Django's attributes", async () => {
    freeze_time(0);
    const response = await new HttpCommunicator(SessionMiddlewareStack(Visits.as_asgi()), "GET", "/").get_response();
    expect(response.status).toBe(200);
    const set_cookie = latin1_decode(response.headers[1][1]);
    expect(set_cookie).toMatch(/^sessionid=[a-z0-9]{32}; expires=Thu, 15 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=\/; SameSite=Lax$/);
    const key = /^sessionid=([a-z0-9]{32})/.exec(set_cookie)![1];
    const again = await new HttpCommunicator(SessionMiddlewareStack(Visits.as_asgi()), "GET", "/", new Uint8Array(0), cookie(key)).get_response();
    expect(latin1_decode(again.body)).toBe("visits=2");
  });
});
