/**
 * The session's traces → what the Connections and Channel layer panels show. Pure data, read
 * from spans only (nothing reconstructed from elsewhere):
 *
 * - connections: every ASGI message, per connection, in order — a WebSocket connection is the
 *   scope's `client` port (the gateway puts it on each message's span), an HTTP request is its
 *   own connection;
 * - the channel layer over time: which consumer (and which client) each channel name belongs to
 *   (consumer spans carry `channel_name` and `client`), group memberships after each operation,
 *   and every `group_send` with the channels it reached and who sent it.
 */
import type { Json, Span } from "../../trace/span";
import type { Exchange } from "../state/store";

function traceOf(exchange: Exchange): Span[] {
  return exchange.outcome.kind === "response" || exchange.outcome.kind === "socket" ? exchange.outcome.result.trace.spans : [];
}

function portOf(value: Json | undefined): number | null {
  return Array.isArray(value) && typeof value[1] === "number" ? value[1] : null;
}

/** port → the client's name, from every socket step's list of clients. */
export function clientNames(exchanges: Exchange[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const e of exchanges) if (e.outcome.kind === "socket") for (const c of e.outcome.result.clients) if (c.port !== null) names.set(c.port, c.client);
  return names;
}

export interface AsgiMessage {
  exchange: number;
  span: number;
  direction: "receive" | "send" | "scope";
  type: string;
  message: Json;
  error: string | null;
}

export interface Connection {
  key: string;
  label: string;
  kind: "websocket" | "http";
  messages: AsgiMessage[];
}

/** Every ASGI message of the session, grouped by connection, in order. */
export function connectionsOf(exchanges: Exchange[]): Connection[] {
  const names = clientNames(exchanges);
  const out = new Map<string, Connection>();
  const add = (key: string, make: () => Connection, message: AsgiMessage) => {
    let c = out.get(key);
    if (!c) out.set(key, (c = make()));
    c.messages.push(message);
  };
  for (const e of exchanges) {
    for (const span of traceOf(e)) {
      if (span.kind !== "asgi") continue;
      const scope = span.name.startsWith("scope ") ? (span.attrs.scope as Record<string, Json> | undefined) : undefined;
      const direction = scope ? "scope" : span.name.startsWith("receive ") ? "receive" : span.name.startsWith("send ") ? "send" : null;
      if (!direction) continue;
      const port = portOf(scope ? scope.client : span.attrs.client);
      const message: AsgiMessage = { exchange: e.id, span: span.id, direction, type: span.name.replace(/^(scope|receive|send) /, ""), message: scope ?? span.attrs.message ?? null, error: span.error ? `${span.error.type}: ${span.error.message}` : null };
      const websocket = scope ? scope.type === "websocket" : typeof (span.attrs.message as Record<string, Json> | undefined)?.type === "string" && String((span.attrs.message as Record<string, Json>).type).startsWith("websocket.");
      if (websocket && port !== null) {
        const name = names.get(port);
        add(`ws:${port}`, () => ({ key: `ws:${port}`, label: `${name ?? "client"} · WebSocket · port ${port}`, kind: "websocket", messages: [] }), message);
      } else {
        add(`http:${e.id}`, () => ({ key: `http:${e.id}`, label: `HTTP ${e.request.method} ${e.request.target}`, kind: "http", messages: [] }), message);
      }
    }
  }
  return [...out.values()];
}

export interface ChannelOwner {
  consumer: string;
  client: string | null;
  path: string | null;
}

export interface LayerEvent {
  exchange: number;
  span: number;
  op: string;
  group: string | null;
  channel: string | null;
  /** The group's members after this operation (group_add / group_discard / expiry). */
  members: string[] | null;
  /** group_send: the channels it reached, and those skipped because they were full. */
  recipients: string[];
  full: string[];
  message_type: string | null;
  message: Json;
  /** Who did it: the consumer's channel whose handler was running, or null (a view, the page). */
  sender: string | null;
  error: string | null;
}

export interface LayerHistory {
  owners: Map<string, ChannelOwner>;
  events: LayerEvent[];
  /** The groups and their members after the last operation. */
  groups: Map<string, string[]>;
}

/** The channel layer across the session: owners of channels, every operation, and the groups now. */
export function layerHistory(exchanges: Exchange[]): LayerHistory {
  const names = clientNames(exchanges);
  const owners = new Map<string, ChannelOwner>();
  const events: LayerEvent[] = [];
  const groups = new Map<string, string[]>();
  for (const e of exchanges) {
    const spans = traceOf(e);
    const byId = new Map(spans.map((s) => [s.id, s]));
    for (const span of spans) {
      if (span.kind === "consumer" && typeof span.attrs.channel_name === "string") {
        const port = portOf(span.attrs.client);
        owners.set(span.attrs.channel_name, { consumer: String(span.attrs.consumer ?? "consumer"), client: port !== null ? (names.get(port) ?? `port ${port}`) : null, path: typeof span.attrs.path === "string" ? span.attrs.path : null });
      }
      if (span.kind !== "channel") continue;
      const op = String(span.attrs.op ?? "");
      const parent = span.parent === null ? undefined : byId.get(span.parent);
      if (op === "send" && parent?.kind === "channel" && parent.attrs.op === "group_send") continue; // shown with its group_send
      const group = typeof span.attrs.group === "string" ? span.attrs.group : null;
      let members: string[] | null = Array.isArray(span.attrs.members) ? span.attrs.members.map(String) : null;
      if (op === "flush") groups.clear();
      if (group && members && !span.error) {
        if (members.length) groups.set(group, members);
        else groups.delete(group);
      }
      if (op === "group_expired" && group) {
        members = (groups.get(group) ?? []).filter((c) => c !== span.attrs.channel);
        groups.set(group, members);
      }
      events.push({
        exchange: e.id,
        span: span.id,
        op,
        group,
        channel: typeof span.attrs.channel === "string" ? span.attrs.channel : null,
        members,
        recipients: Array.isArray(span.attrs.recipients) ? span.attrs.recipients.map(String) : [],
        full: Array.isArray(span.attrs.full) ? span.attrs.full.map(String) : [],
        message_type: typeof span.attrs.message_type === "string" ? span.attrs.message_type : null,
        message: span.attrs.message ?? null,
        sender: senderOf(span, byId),
        error: span.error ? `${span.error.type}: ${span.error.message}` : null,
      });
    }
  }
  return { owners, events, groups };
}

/** The channel of the consumer whose handler made this call, if one did. */
function senderOf(span: Span, byId: Map<number, Span>): string | null {
  let at = span.parent === null ? undefined : byId.get(span.parent);
  while (at) {
    if (at.kind === "consumer" && typeof at.attrs.channel_name === "string") return at.attrs.channel_name;
    at = at.parent === null ? undefined : byId.get(at.parent);
  }
  return null;
}

/** "ann (ChatConsumer)" for a channel the session has seen a consumer own; the short name otherwise. */
export function channelLabel(channel: string, owners: Map<string, ChannelOwner>): string {
  const owner = owners.get(channel);
  if (!owner) return shortChannel(channel);
  return owner.client ? `${owner.client} (${owner.consumer})` : owner.consumer;
}

/** `specific..inmemory!AbCdEfGhIjKl` → `…!AbCd`. */
export function shortChannel(channel: string): string {
  const bang = channel.indexOf("!");
  return bang >= 0 ? `…!${channel.slice(bang + 1, bang + 5)}` : channel;
}
