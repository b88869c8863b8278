/**
 * Built-in scenario "channels-chat": the course's project 9, the Channels tutorial's chat. A
 * `ChatConsumer` reads `room_name` from `scope["url_route"]["kwargs"]`, joins the group
 * `chat_<room_name>` and accepts; each received JSON `{"message": …}` goes to the group as
 * `{"type": "chat.message", …}`; `chat_message` sends it to its socket; on disconnect it leaves.
 * Routed by `ws/chat/<str:room_name>/` under AuthMiddlewareStack and AllowedHostsOriginValidator,
 * beside Django's views (the tutorial's index and room pages, and an announce view that reaches
 * the room through the channel layer). Scripted with two clients, ann and bob; one check per
 * milestone.
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const SETTINGS = `// project/settings.ts — a Django project with Channels installed (the tutorial's settings).
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-channels-chat";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1"];
export const INSTALLED_APPS = [
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "channels",
  "chat",
];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
];
export const ROOT_URLCONF = "project.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    OPTIONS: { context_processors: ["django.template.context_processors.request"] },
  },
];
// Channels' runserver serves this ASGI application (project/asgi.ts).
export const ASGI_APPLICATION = "project.asgi.application";
// One in-memory channel layer: groups and channels live in this page's memory (Redis in production).
export const CHANNEL_LAYERS = {
  default: { BACKEND: "channels.layers.InMemoryChannelLayer" },
};
`;

const ASGI = `// project/asgi.ts — HTTP goes to Django's views, WebSockets to the chat consumers.
import { get_asgi_application } from "django/core/asgi";
import { ProtocolTypeRouter, URLRouter } from "channels/routing";
import { AuthMiddlewareStack } from "channels/auth";
import { AllowedHostsOriginValidator } from "channels/security/websocket";
import { websocket_urlpatterns } from "chat/routing";

// Initialise Django's ASGI application early, before code that may import models.
const django_asgi_app = get_asgi_application();

export const application = new ProtocolTypeRouter({
  http: django_asgi_app,
  // Refuse sockets opened from other sites' pages; give consumers scope.user and scope.session.
  websocket: AllowedHostsOriginValidator(AuthMiddlewareStack(new URLRouter(websocket_urlpatterns))),
});
`;

const URLS = `// project/urls.ts
import { include, path } from "django/urls";

export const urlpatterns = [path("chat/", include("chat.urls"))];
`;

const APPS = `// chat/apps.ts
import { AppConfig } from "django/apps";

export class ChatConfig extends AppConfig {
  name = "chat";
}
`;

const ROUTING = `// chat/routing.ts — the WebSocket URLconf: URLRouter takes Django's path() and re_path().
import { path } from "django/urls";
import { ChatConsumer } from "./consumers";

export const websocket_urlpatterns = [
  // as_asgi(): one ChatConsumer instance per connection.
  path("ws/chat/<str:room_name>/", ChatConsumer.as_asgi()),
];
`;

const CONSUMERS = `// chat/consumers.ts — the tutorial's ChatConsumer, async.
import { AsyncWebsocketConsumer } from "channels/generic/websocket";

export class ChatConsumer extends AsyncWebsocketConsumer {
  room_name = "";
  room_group_name = "";

  // websocket.connect: join the room's group, then accept the handshake.
  async connect() {
    this.room_name = this.scope.url_route.kwargs.room_name;
    this.room_group_name = \`chat_\${this.room_name}\`;
    await this.channel_layer.group_add(this.room_group_name, this.channel_name);
    await this.accept();
  }

  // websocket.disconnect: leave the group.
  async disconnect(close_code: number) {
    await this.channel_layer.group_discard(this.room_group_name, this.channel_name);
  }

  // websocket.receive: a frame from this client → an event for everyone in the room.
  async receive({ text_data }) {
    const message = JSON.parse(text_data).message;
    await this.channel_layer.group_send(this.room_group_name, { type: "chat.message", message });
  }

  // "chat.message" events from the group (type "chat.message" → method chat_message).
  async chat_message(event) {
    await this.send({ text_data: JSON.stringify({ message: event.message }) });
  }
}
`;

const CHAT_URLS = `// chat/urls.ts — Django's views under the same ProtocolTypeRouter (its "http" side).
import { path } from "django/urls";
import * as views from "./views";

export const urlpatterns = [
  path("", views.index, { name: "index" }),
  path("<str:room_name>/", views.room, { name: "room" }),
  path("<str:room_name>/announce/", views.announce, { name: "announce" }),
];
`;

const VIEWS = `// chat/views.ts
import { HttpResponse } from "django/http";
import { render } from "django/shortcuts";
import { csrf_exempt } from "django/views/decorators/csrf";
import { async_to_sync } from "asgiref/sync";
import { get_channel_layer } from "channels/layers";

export function index(request) {
  return render(request, "chat/index.html");
}

// The tutorial's room page: its JavaScript opens ws://…/ws/chat/<room_name>/ (open it in two Preview tabs).
export function room(request, { room_name }) {
  return render(request, "chat/room.html", { room_name });
}

// A plain Django view talking to the consumers: group_send through the channel layer, as any
// sync code does (async_to_sync). csrf_exempt only so the lesson's scripted POST needs no token.
export const announce = csrf_exempt(function announce(request, { room_name }) {
  const message = request.POST.get("message", "");
  const channel_layer = get_channel_layer();
  async_to_sync(channel_layer.group_send)(\`chat_\${room_name}\`, { type: "chat.message", message: \`📣 \${message}\` });
  return new HttpResponse(\`Announced to chat_\${room_name}\`);
});
`;

const INDEX_TEMPLATE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Chat Rooms</title></head>
<body>
  What chat room would you like to enter?<br>
  <input id="room-name-input" type="text" size="100"><br>
  <input id="room-name-submit" type="button" value="Enter">
  <script>
    document.querySelector("#room-name-input").focus();
    document.querySelector("#room-name-input").onkeyup = function (e) {
      if (e.key === "Enter") document.querySelector("#room-name-submit").click();
    };
    document.querySelector("#room-name-submit").onclick = function (e) {
      var roomName = document.querySelector("#room-name-input").value;
      // A link click: the Preview turns it into a request for /chat/<room>/.
      var link = document.createElement("a");
      link.href = "/chat/" + roomName + "/";
      document.body.appendChild(link);
      link.click();
    };
  </script>
</body>
</html>
`;

const ROOM_TEMPLATE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Chat Room</title></head>
<body>
  <textarea id="chat-log" cols="60" rows="12" readonly></textarea><br>
  <input id="chat-message-input" type="text" size="60"><br>
  <input id="chat-message-submit" type="button" value="Send">
  {{ room_name|json_script:"room-name" }}
  <script>
    const roomName = JSON.parse(document.getElementById("room-name").textContent);
    // The tutorial's socket. In the Preview it reaches the simulated server, never the network.
    const chatSocket = new WebSocket("ws://" + window.location.host + "/ws/chat/" + roomName + "/");

    chatSocket.onmessage = function (e) {
      const data = JSON.parse(e.data);
      document.querySelector("#chat-log").value += data.message + "\\n";
    };
    chatSocket.onclose = function (e) {
      console.error("Chat socket closed unexpectedly");
    };

    document.querySelector("#chat-message-input").focus();
    document.querySelector("#chat-message-input").onkeyup = function (e) {
      if (e.key === "Enter") document.querySelector("#chat-message-submit").click();
    };
    document.querySelector("#chat-message-submit").onclick = function (e) {
      const messageInputDom = document.querySelector("#chat-message-input");
      chatSocket.send(JSON.stringify({ message: messageInputDom.value }));
      messageInputDom.value = "";
    };
  </script>
</body>
</html>
`;

export const channels_chat: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Channels: a chat room over WebSockets",
  framework: "channels",
  entry: { kind: "channels", settings: "project.settings" },
  description:
    "The Channels tutorial's chat. ann and bob open WebSockets to /ws/chat/lobby/: URLRouter picks ChatConsumer, whose connect() joins the group chat_lobby. A message from ann goes to the group and the channel layer fans it out to both consumers, each sending it down its own socket. A Django view reaches the room the same way. Open /chat/lobby/ in two Preview tabs to chat from the page.",
  lesson: `### Project 9 — Channels

1. **WebSocket connections work** — \`ann\` connects: the upgrade request becomes a \`websocket\` scope, \`AllowedHostsOriginValidator\` checks the Origin, \`AuthMiddlewareStack\` adds the user, \`URLRouter\` matches \`ws/chat/<str:room_name>/\`, and \`connect()\` accepts.
2. **Consumers handle events** — each ASGI message is a method call: \`websocket.connect\` → \`connect()\`, \`websocket.receive\` → \`receive()\`, \`chat.message\` → \`chat_message()\`.
3. **The channel layer's groups work** — \`group_add\` on connect, one \`group_send\` fanned out to every member (the Channel layer panel draws it).
4. **The chat works end to end** — two clients, and a Django view sending to the same group with \`async_to_sync(channel_layer.group_send)\`.

Open the Clients panel to send your own frames, or \`GET /chat/lobby/\` and open the page in a second Preview tab.`,
  files: {
    "project/settings.ts": SETTINGS,
    "project/asgi.ts": ASGI,
    "project/urls.ts": URLS,
    "chat/apps.ts": APPS,
    "chat/consumers.ts": CONSUMERS,
    "chat/routing.ts": ROUTING,
    "chat/urls.ts": CHAT_URLS,
    "chat/views.ts": VIEWS,
    "chat/templates/chat/index.html": INDEX_TEMPLATE,
    "chat/templates/chat/room.html": ROOM_TEMPLATE,
  },
  setup: [{ command: "migrate" }],
  requests: [
    { method: "GET", target: "/chat/lobby/", note: "The room page, through Django's ASGI handler (the router's http side)." },
    { method: "POST", target: "/chat/lobby/announce/", form: { message: "Welcome to the lobby" }, note: "A Django view sends to the group through the channel layer." },
  ],
  script: [
    { request: 0 },
    { client: "ann", connect: "/ws/chat/lobby/", note: "Origin checked, user added, URLRouter → ChatConsumer.connect(): group_add(chat_lobby), accept()." },
    { client: "ann", expect: { accepted: true } },
    { client: "bob", connect: "/ws/chat/lobby/", note: "bob joins the same group." },
    { client: "bob", expect: { accepted: true } },
    { client: "ann", send_json: { message: "Hello, bob!" }, note: "websocket.receive → receive() → group_send(chat_lobby)." },
    { client: "ann", expect: { json: { message: "Hello, bob!" } } },
    { client: "bob", expect: { json: { message: "Hello, bob!" } } },
    { client: "bob", send_json: { message: "Hi ann" } },
    { client: "ann", expect: { json: { message: "Hi ann" } } },
    { client: "bob", expect: { json: { message: "Hi ann" } } },
    { request: 1 },
    { client: "ann", expect: { json: { message: "📣 Welcome to the lobby" } } },
    { client: "bob", expect: { json: { message: "📣 Welcome to the lobby" } } },
    { client: "ann", close: 1000, note: "websocket.disconnect → disconnect(): group_discard." },
    { client: "bob", send_json: { message: "anyone?" } },
    { client: "bob", expect: { json: { message: "anyone?" } } },
    { client: "ann", expect: { nothing: true } },
  ],
  checks: [
    { script: 2, label: "WebSocket connections work: the handshake is accepted" },
    { script: 6, label: "Consumers handle events: receive() → group_send → chat_message() back to the sender" },
    { script: 7, label: "The channel layer's group messaging works: bob gets ann's message" },
    { script: 13, label: "The chat works end to end: a Django view's group_send reaches every client" },
    { script: 16, label: "Leaving the group on disconnect: bob's message reaches only bob" },
  ],
};
