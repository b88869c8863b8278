import { afterEach, describe, expect, it } from "vitest";
import { Recorder, set_active_recorder } from "../../../src/trace";
import { freeze_time } from "../../../src/frameworks/python/time";
import { async_to_sync } from "../../../src/frameworks/asgiref/sync";
import { settings } from "../../../src/frameworks/django/conf";
import { set_module_importer } from "../../../src/frameworks/django/utils/module_loading";
import { ChannelFull, InvalidChannelLayerError } from "../../../src/frameworks/channels/exceptions";
import { InMemoryChannelLayer, channel_layers, get_channel_layer } from "../../../src/frameworks/channels/layers";
import { FRAMEWORK_MODULES } from "../../../src/modes";

const receive_now = async (layer: InMemoryChannelLayer, channel: string) => {
  const task = layer.receive(channel);
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (!task.done()) {
    task.cancel();
    return "empty";
  }
  return task.result();
};

afterEach(() => {
  freeze_time(null);
  settings.reset();
  set_module_importer(null);
  channel_layers._reset_backends();
});

describe("InMemoryChannelLayer", () => {
  it("group_send puts a deep copy in every member's channel, in the order they joined", async () => {
    const layer = new InMemoryChannelLayer();
    await layer.group_add("chat_lobby", "b");
    await layer.group_add("chat_lobby", "a");
    const message = { type: "chat.message", tags: ["x"] };
    await layer.group_send("chat_lobby", message);
    message.tags.push("changed");
    expect([...layer.groups.get("chat_lobby")!.keys()]).toEqual(["b", "a"]);
    expect(await receive_now(layer, "a")).toEqual({ type: "chat.message", tags: ["x"] });
    expect(await receive_now(layer, "b")).toEqual({ type: "chat.message", tags: ["x"] });
  });

  it("raises ChannelFull at capacity, naming the channel; group_send skips a full channel", async () => {
    const layer = new InMemoryChannelLayer({ capacity: 1 });
    await layer.send("c", { type: "one" });
    await expect(layer.send("c", { type: "two" })).rejects.toThrow(ChannelFull);
    await expect(layer.send("c", { type: "two" })).rejects.toThrow("c");
    await layer.group_add("g", "c");
    await layer.group_add("g", "d");
    await layer.group_send("g", { type: "three" });
    expect(await receive_now(layer, "c")).toEqual({ type: "one" });
    expect(await receive_now(layer, "c")).toBe("empty");
    expect(await receive_now(layer, "d")).toEqual({ type: "three" });
  });

  it("channel_capacity gives glob patterns their own capacity", async () => {
    const layer = new InMemoryChannelLayer({ capacity: 5, channel_capacity: { "http.*": 1 } });
    expect(layer.get_capacity("http.request")).toBe(1);
    expect(layer.get_capacity("chat")).toBe(5);
    await layer.send("http.request", { type: "x" });
    await expect(layer.send("http.request", { type: "y" })).rejects.toThrow(ChannelFull);
  });

  it("drops a message older than expiry, and its channel leaves every group", async () => {
    const layer = new InMemoryChannelLayer({ expiry: 60 });
    freeze_time(1000);
    await layer.group_add("g", "gone");
    await layer.send("gone", { type: "old" });
    freeze_time(1061);
    expect(await receive_now(layer, "gone")).toBe("empty");
    expect(layer.groups.get("g")!.has("gone")).toBe(false);
  });

  it("ends a group membership older than group_expiry", async () => {
    const layer = new InMemoryChannelLayer({ group_expiry: 100 });
    freeze_time(1000);
    await layer.group_add("g", "member");
    freeze_time(1101);
    await receive_now(layer, "other");
    expect(layer.groups.get("g")!.has("member")).toBe(false);
  });

  it("validates names with Channels' messages", async () => {
    const layer = new InMemoryChannelLayer();
    await expect(layer.group_add("my room", "c")).rejects.toThrow(
      "Group name must be a valid unicode string with length < 100 containing only ASCII alphanumerics, hyphens, underscores, or periods.",
    );
    await expect(layer.send("a!b!c", { type: "x" })).rejects.toThrow("Channel name must be a valid unicode string");
    await expect(layer.send("c", [] as never)).rejects.toThrow("message is not a dict");
  });

  it("new_channel names a process-specific channel: prefix, '.inmemory!' and 12 letters", async () => {
    const name = await new InMemoryChannelLayer().new_channel();
    expect(name).toMatch(/^specific\.\.inmemory![A-Za-z]{12}$/);
  });

  it("async_to_sync(layer.group_send) completes before it returns (the synchronous form of a bound method)", async () => {
    const layer = new InMemoryChannelLayer();
    async_to_sync(layer.group_add)("g", "c");
    async_to_sync(layer.group_send)("g", { type: "hello" });
    expect(layer.channels.get("c")!.qsize()).toBe(1);
    expect(() => async_to_sync(layer.group_add)("bad group", "c")).toThrow("Group name must be");
  });

  it("records each operation as a channel span; group_send lists who got the message", async () => {
    const recorder = new Recorder();
    const previous = set_active_recorder(recorder);
    try {
      const layer = new InMemoryChannelLayer();
      await layer.group_add("chat_lobby", "a");
      await layer.group_add("chat_lobby", "b");
      await layer.group_send("chat_lobby", { type: "chat.message", message: "hi" });
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const send = spans.find((s) => s.name === "group_send chat_lobby")!;
    expect(send.kind).toBe("channel");
    expect(send.attrs).toMatchObject({ op: "group_send", group: "chat_lobby", message_type: "chat.message", recipients: ["a", "b"], full: [] });
    expect(spans.filter((s) => s.parent === send.id).map((s) => s.name)).toEqual(["send → a", "send → b"]);
  });
});

describe("get_channel_layer", () => {
  const configure = (CHANNEL_LAYERS: unknown) => {
    settings.configure({ SECRET_KEY: "x", CHANNEL_LAYERS });
    set_module_importer((p) => (FRAMEWORK_MODULES as Record<string, any>)[p]);
    channel_layers._reset_backends();
  };

  it("builds the layer CHANNEL_LAYERS names, once, with its CONFIG", () => {
    configure({ default: { BACKEND: "channels.layers.InMemoryChannelLayer", CONFIG: { capacity: 7 } } });
    const layer = get_channel_layer() as InMemoryChannelLayer;
    expect(layer).toBeInstanceOf(InMemoryChannelLayer);
    expect(layer.capacity).toBe(7);
    expect(get_channel_layer()).toBe(layer);
  });

  it("is null for an alias CHANNEL_LAYERS does not have", () => {
    configure({});
    expect(get_channel_layer("default")).toBeNull();
  });

  it("refuses a configuration without BACKEND", () => {
    configure({ default: {} });
    expect(() => get_channel_layer()).toThrow(InvalidChannelLayerError);
    expect(() => get_channel_layer()).toThrow("No BACKEND specified for default");
  });
});
