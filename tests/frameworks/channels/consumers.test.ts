/**
 * Consumers driven by WebsocketCommunicator, as the Channels tutorial's tests do: the chat
 * consumer (join chat_<room> on connect, group_send each message, leave on disconnect) in its
 * sync and async forms, handlers by type, AcceptConnection/DenyConnection, JSON, and the trace
 * of one message fanned out to two consumers.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Recorder, set_active_recorder, type Span } from "../../../src/trace";
import { ValueError } from "../../../src/frameworks/python/builtins";
import { async_to_sync } from "../../../src/frameworks/asgiref/sync";
import { path } from "../../../src/frameworks/django/urls";
import { DenyConnection } from "../../../src/frameworks/channels/exceptions";
import { AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer, WebsocketConsumer, type ReceiveArgs } from "../../../src/frameworks/channels/generic/websocket";
import { InMemoryChannelLayer, channel_layers } from "../../../src/frameworks/channels/layers";
import { URLRouter } from "../../../src/frameworks/channels/routing";
import { WebsocketCommunicator } from "../../../src/frameworks/channels/testing";

class ChatConsumer extends AsyncWebsocketConsumer {
  room_group_name = "";
  override async connect() {
    this.room_group_name = `chat_${(this.scope.url_route as any).kwargs.room_name}`;
    await this.channel_layer!.group_add(this.room_group_name, this.channel_name!);
    await this.accept();
  }
  override async disconnect() {
    await this.channel_layer!.group_discard(this.room_group_name, this.channel_name!);
  }
  override async receive({ text_data }: ReceiveArgs) {
    const message = JSON.parse(text_data!).message;
    await this.channel_layer!.group_send(this.room_group_name, { type: "chat.message", message });
  }
  async chat_message(event: { message: string }) {
    await this.send({ text_data: JSON.stringify({ message: event.message }) });
  }
}

class SyncChatConsumer extends WebsocketConsumer {
  room_group_name = "";
  override connect() {
    this.room_group_name = `chat_${(this.scope.url_route as any).kwargs.room_name}`;
    async_to_sync(this.channel_layer!.group_add)(this.room_group_name, this.channel_name!);
    this.accept();
  }
  override disconnect() {
    async_to_sync(this.channel_layer!.group_discard)(this.room_group_name, this.channel_name!);
  }
  override receive({ text_data }: ReceiveArgs) {
    async_to_sync(this.channel_layer!.group_send)(this.room_group_name, { type: "chat.message", message: JSON.parse(text_data!).message });
  }
  chat_message(event: { message: string }) {
    this.send({ text_data: JSON.stringify({ message: event.message }) });
  }
}

let layer: InMemoryChannelLayer;
beforeEach(() => {
  layer = new InMemoryChannelLayer();
  channel_layers.set("default", layer);
});
afterEach(() => channel_layers._reset_backends());

const router = (consumer: typeof ChatConsumer | typeof SyncChatConsumer) => new URLRouter([path("ws/chat/<str:room_name>/", consumer.as_asgi())]);

describe.each([
  ["AsyncWebsocketConsumer", ChatConsumer],
  ["WebsocketConsumer", SyncChatConsumer],
] as const)("the tutorial's chat consumer (%s)", (_name, consumer) => {
  it("broadcasts a message from one client to every client in the room, and only that room", async () => {
    const app = router(consumer);
    const ann = new WebsocketCommunicator(app, "/ws/chat/lobby/");
    const bob = new WebsocketCommunicator(app, "/ws/chat/lobby/");
    const eve = new WebsocketCommunicator(app, "/ws/chat/other/");
    expect(await ann.connect()).toEqual([true, null]);
    expect(await bob.connect()).toEqual([true, null]);
    expect(await eve.connect()).toEqual([true, null]);
    await ann.send_to({ text_data: JSON.stringify({ message: "hello" }) });
    expect(await ann.receive_from()).toBe('{"message":"hello"}');
    expect(await bob.receive_from()).toBe('{"message":"hello"}');
    expect(await eve.receive_nothing(0.01)).toBe(true);
    expect([...layer.groups.get("chat_lobby")!.keys()]).toHaveLength(2);
    await ann.disconnect();
    expect([...layer.groups.get("chat_lobby")!.keys()]).toHaveLength(1);
    await bob.disconnect();
    await eve.disconnect();
    expect(layer.groups.size).toBe(0);
  });

  it("a Django-side sender reaches the room through async_to_sync(channel_layer.group_send)", async () => {
    const app = router(consumer);
    const ann = new WebsocketCommunicator(app, "/ws/chat/news/");
    await ann.connect();
    async_to_sync(layer.group_send)("chat_news", { type: "chat.message", message: "from a view" });
    expect(await ann.receive_from()).toBe('{"message":"from a view"}');
    await ann.disconnect();
  });
});

describe("handlers and the connection", () => {
  it("an event type with no handler kills the consumer with ValueError", async () => {
    const app = router(ChatConsumer);
    const comm = new WebsocketCommunicator(app, "/ws/chat/q/");
    await comm.connect();
    await layer.group_send("chat_q", { type: "chat.unknown" });
    await expect(comm.wait(0.05)).rejects.toThrow(new ValueError("No handler for message type chat.unknown"));
  });

  it("DenyConnection in connect() closes without accepting (the client sees code 1000)", async () => {
    class Deny extends AsyncWebsocketConsumer {
      override async connect() {
        throw new DenyConnection();
      }
    }
    const comm = new WebsocketCommunicator(Deny.as_asgi(), "/");
    expect(await comm.connect()).toEqual([false, 1000]);
    await comm.disconnect(1006);
  });

  it("accept() with a subprotocol and headers, close() with a code and reason, as Channels writes them", async () => {
    class Proto extends AsyncWebsocketConsumer {
      override async connect() {
        await this.accept({ subprotocol: "v2", headers: [[new Uint8Array([120]), new Uint8Array([49])]] });
        await this.close({ code: 4001, reason: "bye" });
      }
    }
    const fresh = new WebsocketCommunicator(Proto.as_asgi(), "/", null, ["v1", "v2"]);
    await fresh.send_input({ type: "websocket.connect" });
    expect(await fresh.receive_output()).toEqual({ type: "websocket.accept", subprotocol: "v2", headers: [[new Uint8Array([120]), new Uint8Array([49])]] });
    expect(await fresh.receive_output()).toEqual({ type: "websocket.close", code: 4001, reason: "bye" });
  });

  it("send_json writes Python's json.dumps text (spaces after separators, non-ASCII escaped)", async () => {
    class Echo extends AsyncJsonWebsocketConsumer {
      override async receive_json(content: unknown) {
        await this.send_json({ got: content });
      }
    }
    const comm = new WebsocketCommunicator(Echo.as_asgi(), "/");
    await comm.connect();
    await comm.send_to({ text_data: '{"name": "José", "n": [1, 2.5]}' });
    expect(await comm.receive_from()).toBe('{"got": {"name": "Jos\\u00e9", "n": [1, 2.5]}}');
    await comm.disconnect();
  });

  it("a stopped consumer stops listening on its channel: later messages stay queued for it", async () => {
    let channel = "";
    class Named extends AsyncWebsocketConsumer {
      override async connect() {
        channel = this.channel_name!;
        await this.accept();
      }
    }
    const comm = new WebsocketCommunicator(Named.as_asgi(), "/");
    await comm.connect();
    await comm.disconnect();
    await layer.send(channel, { type: "late" });
    expect(layer.channels.get(channel)!.qsize()).toBe(1);
  });
});

describe("the trace of one chat message", () => {
  it("shows the sender's handler and its group_send, then each member's chat_message as its own dispatch", async () => {
    const app = router(ChatConsumer);
    const ann = new WebsocketCommunicator(app, "/ws/chat/lobby/");
    const bob = new WebsocketCommunicator(app, "/ws/chat/lobby/");
    await ann.connect();
    await bob.connect();
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      await ann.send_to({ text_data: '{"message": "hi"}' });
      await ann.receive_from();
      await bob.receive_from();
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const outline = (span: Span, depth = 0): string[] => [`${"  ".repeat(depth)}${span.kind} ${span.name}`, ...spans.filter((s) => s.parent === span.id).flatMap((s) => outline(s, depth + 1))];
    const roots = spans.filter((s) => s.parent === null);
    expect(roots.flatMap((s) => outline(s)).map((line) => line.replace(/specific\.\.inmemory![A-Za-z]{12}/g, "<channel>"))).toEqual([
      "consumer ChatConsumer.websocket_receive",
      "  consumer ChatConsumer.receive",
      "    channel group_send chat_lobby",
      "      channel send → <channel>",
      "      channel send → <channel>",
      "consumer ChatConsumer.chat_message",
      "consumer ChatConsumer.chat_message",
    ]);
    const deliveries = spans.filter((s) => s.name === "ChatConsumer.chat_message").map((s) => s.attrs.channel_name);
    const recipients = spans.find((s) => s.name === "group_send chat_lobby")!.attrs.recipients as string[];
    expect(new Set(deliveries)).toEqual(new Set(recipients));
    await ann.disconnect();
    await bob.disconnect();
  });
});
