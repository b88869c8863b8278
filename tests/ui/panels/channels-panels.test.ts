/**
 * The Connections and Channel layer panels' data, and their rendering, from real traces of the
 * channels-chat scenario: each connection's ASGI messages in order, which consumer and client own
 * each channel, group membership over time, and each group_send with who sent it and who got it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { channels_chat } from "../../../src/scenarios/channels-chat";
import { replay_all } from "../../../src/scenarios/client";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import { channelLabel, connectionsOf, layerHistory } from "../../../src/ui/panels/channels-data";
import { ConnectionsPanel } from "../../../src/ui/panels/ConnectionsPanel";

const exchanges: Exchange[] = [];

beforeAll(async () => {
  const runtime = await HeadlessRuntime.create();
  await runtime.load(channels_chat);
  const replayed = await replay_all(runtime, channels_chat);
  let id = 1;
  for (const step of replayed.script) {
    if (step.request) exchanges.push({ id: id++, request: step.request.request, initiator: "script", redirectedFrom: null, ms: 1, reload: null, outcome: { kind: "response", result: step.request.result }, at: 0 });
    if (step.socket) {
      const { action, result } = step.socket;
      const request = action.op === "open" ? action.request : { method: "GET", target: "/ws/chat/lobby/", headers: [], body: "" };
      exchanges.push({ id: id++, request, initiator: "script", redirectedFrom: null, ms: 1, reload: null, outcome: { kind: "socket", result }, at: 0, socket: { client: action.client, op: action.op, summary: action.op } });
    }
  }
}, 60_000);

describe("connections", () => {
  it("lists each WebSocket's ASGI messages in order, named by client, and each HTTP request's", () => {
    const connections = connectionsOf(exchanges);
    expect(connections.map((c) => c.label)).toEqual(["HTTP GET /chat/lobby/", "ann · WebSocket · port 50001", "bob · WebSocket · port 50002", "HTTP POST /chat/lobby/announce/"]);
    const ann = connections[1].messages.map((m) => `${m.direction} ${m.type}`);
    expect(ann).toEqual([
      "scope websocket",
      "receive websocket.connect",
      "send websocket.accept",
      "receive websocket.receive",
      "send websocket.send",
      "send websocket.send",
      "send websocket.send",
      "receive websocket.disconnect",
    ]);
  });

  it("renders them", () => {
    const store = createLabStore({ exchanges });
    const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: store }, createElement(ConnectionsPanel)));
    expect(html).toContain("ann · WebSocket · port 50001");
    expect(html).toContain("websocket.accept");
  });
});

describe("the channel layer over time", () => {
  it("knows which consumer and client own each channel, and who is in the group after each step", () => {
    const history = layerHistory(exchanges);
    const owners = [...history.owners.values()].map((o) => `${o.client} ${o.consumer} ${o.path}`);
    expect(owners).toEqual(["ann ChatConsumer /ws/chat/lobby/", "bob ChatConsumer /ws/chat/lobby/"]);
    const memberships = history.events.filter((e) => e.op === "group_add" || e.op === "group_discard").map((e) => `${e.op} ${e.group} ${channelLabel(e.channel!, history.owners)} → ${e.members?.length}`);
    expect(memberships).toEqual(["group_add chat_lobby ann (ChatConsumer) → 1", "group_add chat_lobby bob (ChatConsumer) → 2", "group_discard chat_lobby ann (ChatConsumer) → 1"]);
    expect([...history.groups].map(([g, m]) => [g, m.map((c) => channelLabel(c, history.owners))])).toEqual([["chat_lobby", ["bob (ChatConsumer)"]]]);
  });

  it("records each group_send with its sender (a consumer, or a view) and the channels it reached", () => {
    const history = layerHistory(exchanges);
    const sends = history.events.filter((e) => e.op === "group_send").map((e) => `${e.sender ? channelLabel(e.sender, history.owners) : "a view"} → ${e.recipients.map((c) => channelLabel(c, history.owners)).join(", ")}`);
    expect(sends).toEqual([
      "ann (ChatConsumer) → ann (ChatConsumer), bob (ChatConsumer)",
      "bob (ChatConsumer) → ann (ChatConsumer), bob (ChatConsumer)",
      "a view → ann (ChatConsumer), bob (ChatConsumer)",
      "bob (ChatConsumer) → bob (ChatConsumer)",
    ]);
  });
});
