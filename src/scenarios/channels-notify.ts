/**
 * Built-in scenario "channels-notify": notifications for signed-in users. alice signs in through
 * a Django view (authenticate + login: the sessionid cookie); her WebSocket carries that cookie,
 * so AuthMiddlewareStack gives the consumer `scope.user` = alice, and the consumer joins her own
 * group `notifications_<pk>`. A socket without the cookie is anonymous and refused (403). A Django
 * view then notifies alice through the channel layer, and only her socket receives it.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const SETTINGS = `// project/settings.ts
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-channels-notify";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1"];
export const INSTALLED_APPS = [
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "channels",
  "notify",
];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [{ BACKEND: "django.template.backends.django.DjangoTemplates", DIRS: [], APP_DIRS: true, OPTIONS: {} }];
export const ASGI_APPLICATION = "project.asgi.application";
export const CHANNEL_LAYERS = { default: { BACKEND: "channels.layers.InMemoryChannelLayer" } };
// PBKDF2 with fewer iterations, so signing in stays fast in the page (as Django's test suites do).
export const PASSWORD_HASHERS = ["notify.hashers.FastPBKDF2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"];
`;

const ASGI = `// project/asgi.ts
import { get_asgi_application } from "django/core/asgi";
import { ProtocolTypeRouter, URLRouter } from "channels/routing";
import { AuthMiddlewareStack } from "channels/auth";
import { AllowedHostsOriginValidator } from "channels/security/websocket";
import { path } from "django/urls";
import { NotificationConsumer } from "notify/consumers";

const django_asgi_app = get_asgi_application();

export const application = new ProtocolTypeRouter({
  http: django_asgi_app,
  // AuthMiddlewareStack = CookieMiddleware(SessionMiddleware(AuthMiddleware(...))): the same
  // sessionid cookie Django's login() set → the same session → scope.user.
  websocket: AllowedHostsOriginValidator(
    AuthMiddlewareStack(new URLRouter([path("ws/notifications/", NotificationConsumer.as_asgi())])),
  ),
});
`;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import * as views from "notify/views";

export const urlpatterns = [
  path("login/", views.login_view, { name: "login" }),
  path("notify/<str:username>/", views.notify, { name: "notify" }),
];
`;

const APPS = `// notify/apps.ts
import { AppConfig } from "django/apps";

export class NotifyConfig extends AppConfig {
  name = "notify";
}
`;

const HASHERS = `// notify/hashers.ts
import { PBKDF2PasswordHasher } from "django/contrib/auth/hashers";

export class FastPBKDF2PasswordHasher extends PBKDF2PasswordHasher {
  iterations = 1000;
}
`;

const CONSUMERS = `// notify/consumers.ts — one group per user: notifications_<pk>.
import { AsyncJsonWebsocketConsumer } from "channels/generic/websocket";

export class NotificationConsumer extends AsyncJsonWebsocketConsumer {
  group = "";

  async connect() {
    const user = this.scope.user;          // set by AuthMiddleware from the session cookie
    if (!user.is_authenticated) {
      await this.close(4401);              // before accept(): the handshake is refused (HTTP 403)
      return;
    }
    this.group = \`notifications_\${user.pk}\`;
    await this.channel_layer.group_add(this.group, this.channel_name);
    await this.accept();
    await this.send_json({ hello: user.username });
  }

  async disconnect(code: number) {
    if (this.group) await this.channel_layer.group_discard(this.group, this.channel_name);
  }

  // "notify.message" events → notify_message
  async notify_message(event) {
    await this.send_json({ notification: event.text });
  }
}
`;

const VIEWS = `// notify/views.ts
import { HttpResponse } from "django/http";
import { authenticate, login } from "django/contrib/auth";
import { User } from "django/contrib/auth/models";
import { csrf_exempt } from "django/views/decorators/csrf";
import { async_to_sync } from "asgiref/sync";
import { get_channel_layer } from "channels/layers";

// csrf_exempt only because the lesson's scripted requests cannot read a token from a page first.
export const login_view = csrf_exempt(function login_view(request) {
  const user = authenticate(request, { username: request.POST.get("username"), password: request.POST.get("password") });
  if (user === null) return new HttpResponse("Please enter a correct username and password.", { status: 401 });
  login(request, user);   // the session now holds alice's id: the sessionid cookie goes back
  return new HttpResponse(\`Welcome, \${user.username}!\`);
});

// Any code with the channel layer can reach a user's sockets: here, a view.
export const notify = csrf_exempt(function notify(request, { username }) {
  const user = User.objects.get({ username });
  async_to_sync(get_channel_layer().group_send)(\`notifications_\${user.pk}\`, { type: "notify.message", text: request.POST.get("text", "") });
  return new HttpResponse(\`Notified \${username}\`);
});
`;

const SEED = `// notify/seed.ts
import { User } from "django/contrib/auth/models";

export function seed() {
  User.objects.create_user("alice", "alice@example.com", "wonderland");
  User.objects.create_user("bob", "bob@example.com", "builder");
}
`;

export const channels_notify: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Channels: notifications for signed-in users",
  framework: "channels",
  entry: { kind: "channels", settings: "project.settings" },
  description:
    "alice signs in through a Django view; her WebSocket sends the same sessionid cookie, so AuthMiddlewareStack finds her in the session and the consumer joins notifications_1. A socket without the cookie is anonymous and refused. A view's group_send reaches alice's socket only.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/asgi.ts": ASGI,
    "project/urls.ts": URLS,
    "notify/apps.ts": APPS,
    "notify/hashers.ts": HASHERS,
    "notify/consumers.ts": CONSUMERS,
    "notify/views.ts": VIEWS,
    "notify/seed.ts": SEED,
  },
  setup: [{ command: "migrate" }, { command: "call", function: "notify.seed.seed" }],
  requests: [
    { method: "POST", target: "/login/", form: { username: "alice", password: "wonderland" }, note: "Django's login(): the session holds alice; the jar keeps sessionid." },
    { method: "POST", target: "/notify/alice/", form: { text: "Your order has shipped" }, note: "A view sends to alice's group through the channel layer." },
  ],
  script: [
    { request: 0 },
    { client: "alice", connect: "/ws/notifications/", note: "The handshake carries the sessionid cookie: scope.user is alice." },
    { client: "alice", expect: { accepted: true } },
    { client: "alice", expect: { json: { hello: "alice" } } },
    { client: "stranger", connect: "/ws/notifications/", no_cookies: true, note: "No cookie: AnonymousUser, so connect() closes before accepting." },
    { client: "stranger", expect: { refused: 403 } },
    { request: 1 },
    { client: "alice", expect: { json: { notification: "Your order has shipped" } } },
    { client: "alice", close: 1000 },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "Welcome, alice!", label: "alice signs in through Django" },
    { script: 3, label: "Her WebSocket is alice: scope.user comes from the Django session" },
    { script: 5, label: "A socket without the session is refused" },
    { script: 7, label: "A view's group_send reaches alice's socket" },
  ],
};
