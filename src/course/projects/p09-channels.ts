/**
 * Course project 9, "Channels": the channels-chat scenario (the Channels tutorial's chat) as the
 * solution, and a starter whose consumer methods are left to write.
 */
import type { Scenario } from "../../scenarios/format";
import { channels_chat } from "../../scenarios/channels-chat";
import { carve, starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  sockets: "WebSocket connections work",
  events: "consumers handle events",
  layer: "channel-layer pub/sub works",
  chat: "the chat app works",
} as const;

const solution: Scenario = {
  ...channels_chat,
  title: "Project 9 — Channels",
  checks: [
    { script: 2, label: M.sockets },
    { script: 4, label: M.sockets },
    { script: 6, label: M.events },
    { script: 9, label: M.events },
    { script: 7, label: M.layer },
    { script: 16, label: M.layer },
    { script: 17, label: M.layer },
    { script: 12, label: M.chat },
    { script: 13, label: M.chat },
  ],
};

const CONSUMERS_TODO = carve(
  channels_chat.files["chat/consumers.ts"],
  [
    [
      "    this.room_name = this.scope.url_route.kwargs.room_name;\n    this.room_group_name = `chat_${this.room_name}`;\n    await this.channel_layer.group_add(this.room_group_name, this.channel_name);\n    await this.accept();",
      "    // TODO (milestone 3): room_name from this.scope.url_route.kwargs; join the group `chat_<room_name>`\n    // with this.channel_layer.group_add(group, this.channel_name).\n    // TODO (milestone 1): accept the handshake.",
    ],
    ["    await this.channel_layer.group_discard(this.room_group_name, this.channel_name);", "    // TODO (milestone 3): leave the room's group."],
    [
      '    const message = JSON.parse(text_data).message;\n    await this.channel_layer.group_send(this.room_group_name, { type: "chat.message", message });',
      '    // TODO (milestone 2): parse {"message": …} from text_data and send it to the room\'s group as an\n    // event {type: "chat.message", message}.',
    ],
    ["    await this.send({ text_data: JSON.stringify({ message: event.message }) });", "    // TODO (milestone 2): send {\"message\": event.message} to this socket as JSON text."],
  ],
  "chat/consumers.ts",
);

const VIEWS_TODO = carve(
  channels_chat.files["chat/views.ts"],
  [
    [
      "  const channel_layer = get_channel_layer();\n  async_to_sync(channel_layer.group_send)(`chat_${room_name}`, { type: \"chat.message\", message: `📣 ${message}` });",
      "  // TODO (milestone 4): from this sync view, send {type: \"chat.message\", message: `📣 ${message}`} to the\n  // group chat_<room_name> through get_channel_layer(), wrapped in async_to_sync (group_send is async).",
    ],
  ],
  "chat/views.ts",
);

export const project_channels: CourseProject = {
  number: 9,
  id: "channels",
  title: "Channels",
  summary: "a chat consumer: the WebSocket lifecycle, a group on the channel layer, routing by URL",
  based_on: "channels-chat",
  lesson: [
    "## What you build",
    "The Channels tutorial's `ChatConsumer`: on connect it reads `room_name` from the URL route, joins the group `chat_<room_name>` and accepts; each JSON message received goes to the group as a `chat.message` event; `chat_message` sends it down its own socket; on disconnect it leaves the group. It is routed by `ws/chat/<str:room_name>/`.",
    "",
    "## Why",
    "HTTP is one request, one response. A WebSocket stays open, and the server must push to it when *someone else* speaks — which means consumers that live as long as a connection and a channel layer through which they reach each other (Redis in production, memory here).",
    "",
    "## The core challenges",
    "- **The lifecycle**: `websocket.connect` → `connect()`, `websocket.receive` → `receive()`, `websocket.disconnect` → `disconnect()`.",
    "- **Consumer classes**: one instance per connection (`as_asgi()`); an event's `type` (`chat.message`) names the method that handles it (`chat_message`).",
    "- **Pub/sub**: `group_add`, `group_send` fanned out to every member, `group_discard` — the Channel layer panel draws it.",
    "- **Routing**: `URLRouter` with Django's `path()` picks the consumer and fills `scope.url_route`.",
    "",
    "## Passing the milestones",
    "Write the consumer's methods in `chat/consumers.ts`. The scripted clients ann and bob connect, talk, hear a Django view's announcement and leave.",
  ].join("\n"),
  milestones: [
    { title: M.sockets, how: "ann's and bob's handshakes to /ws/chat/lobby/ are accepted" },
    { title: M.events, how: "a JSON frame sent by ann (then bob) comes back to its sender as {message}" },
    { title: M.layer, how: "bob receives ann's message through the group; after ann disconnects, bob's message reaches bob and nothing reaches ann" },
    { title: M.chat, how: "a Django view's group_send (POST /chat/lobby/announce/) reaches both clients" },
  ],
  solution,
  starter: starter_of(solution, { "chat/consumers.ts": CONSUMERS_TODO, "chat/views.ts": VIEWS_TODO }, "Project 9 — Channels (starter)"),
};
