/**
 * The channels-chat lesson (project 9) replayed headless: two clients in one room, the fan-out
 * through the channel layer, a Django view's group_send reaching both, leaving on disconnect —
 * and the trace of each step, with every consumer handler and layer operation in order.
 */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { channels_chat } from "../../src/scenarios/channels-chat";
import { channels_notify } from "../../src/scenarios/channels-notify";
import { build_upgrade_request, replay_all, run_checks } from "../../src/scenarios/client";
import type { Span, Trace } from "../../src/trace/span";

function outline(trace: Trace, keep: (s: Span) => boolean): string[] {
  const lines: string[] = [];
  const visit = (span: Span, depth: number) => {
    if (keep(span)) lines.push(`${"  ".repeat(depth)}${span.kind} ${span.name}`.replace(/specific\.\.inmemory![A-Za-z]{12}/g, "<channel>"));
    for (const child of trace.spans.filter((s) => s.parent === span.id)) visit(child, keep(span) ? depth + 1 : depth);
  };
  for (const root of trace.spans.filter((s) => s.parent === null)) visit(root, 0);
  return lines;
}

describe("channels-chat scenario", () => {
  it("loads, and passes its checks: one per milestone, and leaving the group on disconnect", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(channels_chat);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const replayed = await replay_all(runtime, channels_chat);
    const outcomes = run_checks(channels_chat.checks ?? [], replayed);
    expect(outcomes.length).toBeGreaterThanOrEqual(4);
    expect(outcomes.filter((c) => !c.passed)).toEqual([]);
    expect(replayed.script.filter((s) => s.expectation && !s.expectation.passed)).toEqual([]);
  }, 60_000);

  it("traces a message: the sender's receive() and group_send, then chat_message for each member", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(channels_chat);
    const replayed = await replay_all(runtime, channels_chat);
    const send = replayed.script.find((s) => s.socket?.action.op === "send")!.socket!.result;
    expect(send.ok).toBe(true);
    expect(send.events.map((e) => [e.client, e.event.type === "text" ? e.event.text : e.event.type])).toEqual([
      ["ann", '{"message":"Hello, bob!"}'],
      ["bob", '{"message":"Hello, bob!"}'],
    ]);
    expect(outline(send.trace, (s) => ["websocket", "consumer", "channel"].includes(s.kind) || (s.kind === "asgi" && s.name.includes("websocket.")))).toEqual([
      'websocket ann: send "{\\"message\\":\\"Hello, bob!\\"}"',
      "  asgi receive websocket.receive",
      "  consumer ChatConsumer.websocket_receive",
      "    consumer ChatConsumer.receive",
      "      channel group_send chat_lobby",
      "        channel send → <channel>",
      "        channel send → <channel>",
      "  consumer ChatConsumer.chat_message",
      "    asgi send websocket.send",
      "  consumer ChatConsumer.chat_message",
      "    asgi send websocket.send",
    ]);
    // The connection each ASGI message belongs to is in its attrs (the Connections panel groups by
    // it). bob's consumer was idle, so its chat_message runs first; ann's consumer was still
    // finishing the handler that sent the message.
    const sent = send.trace.spans.filter((s) => s.kind === "asgi" && s.name === "send websocket.send").map((s) => s.attrs.client);
    expect(sent).toEqual([["127.0.0.1", 50002], ["127.0.0.1", 50001]]);
  }, 60_000);

  it("routes the handshake through the origin check, the auth stack and URLRouter before connect()", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(channels_chat);
    const result = await runtime.socket({ op: "open", client: "ann", request: build_upgrade_request("/ws/chat/lobby/", [], [], null) });
    expect(result.events).toEqual([{ client: "ann", event: { type: "accept", subprotocol: null, headers: [] } }]);
    expect(outline(result.trace, (s) => s.kind !== "sql" && s.kind !== "queryset" && s.kind !== "session")).toEqual([
      "websocket ann: connect /ws/chat/lobby/",
      "  asgi scope websocket",
      "  asgi ProtocolTypeRouter: websocket",
      "  asgi OriginValidator: allowed",
      "  auth get_user(scope)",
      "  resolver URLRouter 'ws/chat/lobby/'",
      "    pattern ws/chat/<str:room_name>/",
      "  channel new_channel <channel>",
      "  asgi receive websocket.connect",
      "  consumer ChatConsumer.websocket_connect",
      "    consumer ChatConsumer.connect",
      "      channel group_add chat_lobby ← <channel>",
      "      asgi send websocket.accept",
    ]);
  }, 60_000);

  it("refuses a socket opened from another site's page (AllowedHostsOriginValidator: 403)", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(channels_chat);
    const result = await runtime.socket({ op: "open", client: "eve", request: build_upgrade_request("/ws/chat/lobby/", [["Origin", "https://evil.example"]], [], null) });
    expect(result.events.map((e) => (e.event.type === "http_response" ? e.event.response.status : e.event.type))).toEqual([403]);
  }, 60_000);

  it("says clearly that a WSGI project has no WebSockets", async () => {
    const runtime = await HeadlessRuntime.create();
    const { sessions_login } = await import("../../src/scenarios/sessions-login");
    await runtime.load(sessions_login);
    const result = await runtime.socket({ op: "open", client: "ann", request: build_upgrade_request("/ws/", [], [], null) });
    expect(result.ok ? "ok" : result.error.message).toBe("The django application speaks WSGI, which has no WebSockets: a WebSocket needs an ASGI project (Channels).");
  }, 60_000);
});

describe("channels-notify scenario", () => {
  it("passes its checks: the socket's user is the one Django signed in; an anonymous one is refused", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(channels_notify);
    const replayed = await replay_all(runtime, channels_notify);
    expect(run_checks(channels_notify.checks ?? [], replayed).filter((c) => !c.passed)).toEqual([]);
    const alice = replayed.script.find((s) => s.socket?.action.client === "alice")!.socket!;
    const user = alice.result.trace.spans.find((s) => s.kind === "auth" && s.name === "get_user(scope)")!;
    expect(user.attrs).toMatchObject({ user: "alice", hash_verified: true, backend: "django.contrib.auth.backends.ModelBackend" });
  }, 60_000);
});
