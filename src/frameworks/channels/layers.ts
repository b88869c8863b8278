/**
 * channels.layers: the channel layer — named channels (mailboxes) and groups (named sets of
 * channels) shared by every consumer, so one consumer's message reaches others.
 * Main classes: `InMemoryChannelLayer`, `ChannelLayerManager` (`channel_layers`); main function:
 * `get_channel_layer`.
 *
 *     // settings.ts
 *     export const CHANNEL_LAYERS = { default: { BACKEND: "channels.layers.InMemoryChannelLayer" } };
 *     // a consumer
 *     await this.channel_layer.group_add("chat_lobby", this.channel_name);     // join
 *     await this.channel_layer.group_send("chat_lobby", { type: "chat.message", message: "hi" });
 *     //   → a deep copy in the channel of every member → each member's chat_message(event)
 *     await this.channel_layer.send("thumbnails", { type: "thumbnail.make", id: 7 });  // one channel
 *
 * Every operation is async, as in Python. Each also has a synchronous form, which
 * `async_to_sync(channel_layer.group_send)` calls so that a sync consumer or a Django view
 * completes the call before it returns (ADR 0015); the API methods are bound to their layer, so
 * passing `this.channel_layer.group_send` around works as Python's bound methods do.
 *
 * Names are checked: a channel is ASCII letters, digits, `-`, `_`, `.` with an optional
 * `!suffix` (a process-specific channel, what `new_channel()` makes); a group has no `!`; both
 * shorter than 100 characters. A message must be a dict without `__asgi_channel__`. A channel
 * holds at most `capacity` messages (`ChannelFull`; `group_send` skips full channels silently);
 * messages expire after `expiry` seconds and group memberships after `group_expiry`.
 *
 * Tracing: every operation is a "channel" span; `group_send` lists the channels it delivered to
 * (the Channel layer panel draws the fan-out from it).
 */
import { span_close, span_fail, span_set, trace_site, tracing_enabled, type Attrs, type Json, type TraceSite } from "../../trace";
import { AssertionError, KeyError, NotImplementedError, RuntimeError, TypeError } from "../python/builtins";
import { Queue, Task } from "../python/asyncio";
import * as re from "../python/re";
import { time } from "../python/time";
import { with_sync_form } from "../asgiref/sync";
import { settings } from "../django/conf";
import { get_random_string } from "../django/utils/crypto";
import { import_string } from "../django/utils/module_loading";
import { DEFAULT_CHANNEL_LAYER } from "./index";
import { ChannelFull, InvalidChannelLayerError } from "./exceptions";

// The layer's call sites; eager where the attrs summarise a message the sender may change afterwards.
const CHANNEL_EVENT = trace_site("channel", "channels/layers.ts#InMemoryChannelLayer");
const LAYER_SEND = trace_site("channel", "channels/layers.ts#InMemoryChannelLayer.send", { source: true, eager: true });
const LAYER_GROUP_ADD = trace_site("channel", "channels/layers.ts#InMemoryChannelLayer.group_add", { source: true });
const LAYER_GROUP_DISCARD = trace_site("channel", "channels/layers.ts#InMemoryChannelLayer.group_discard", { source: true });
const LAYER_GROUP_SEND = trace_site("channel", "channels/layers.ts#InMemoryChannelLayer.group_send", { source: true, eager: true });

export type LayerMessage = Record<string, unknown>;

export interface ChannelLayerOptions {
  expiry?: number;
  capacity?: number;
  /** `{"http.request": 200, "websocket.send!*": 20}` — glob patterns (or compiled regexes) → capacity. */
  channel_capacity?: Record<string, number> | [re.Pattern | RegExp | string, number][] | null;
  group_expiry?: number;
}

/** The API every layer offers (Python: methods of the backend class), each with a synchronous form. */
const API_METHODS = ["send", "receive", "new_channel", "flush", "close", "group_add", "group_discard", "group_send"] as const;

const ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A Python dict, as messages must be: a plain object (not a list, bytes, or None). */
function is_dict(value: unknown): value is LayerMessage {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `fnmatch.translate(pattern)`: a shell glob → an anchored regular expression. */
function glob_to_regex(pattern: string): RegExp {
  let out = "";
  for (const ch of pattern) {
    if (ch === "*") out += ".*";
    else if (ch === "?") out += ".";
    else out += ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(`^(?:${out})$`, "s");
}

export class BaseChannelLayer {
  static readonly MAX_NAME_LENGTH = 100;
  /** Which optional APIs the backend has ("groups", "flush"). */
  extensions: string[] = [];
  expiry: number;
  capacity: number;
  channel_capacity: [{ test(s: string): boolean }, number][];

  constructor(options: ChannelLayerOptions = {}) {
    this.expiry = options.expiry ?? 60;
    this.capacity = options.capacity ?? 100;
    this.channel_capacity = this.compile_capacities(options.channel_capacity ?? {});
    bind_api(this);
  }

  /** Glob patterns (or compiled patterns) → `[matcher, capacity]` pairs, in order. */
  compile_capacities(channel_capacity: NonNullable<ChannelLayerOptions["channel_capacity"]>): [{ test(s: string): boolean }, number][] {
    const entries = Array.isArray(channel_capacity) ? channel_capacity : Object.entries(channel_capacity);
    return entries.map(([pattern, value]) => {
      if (pattern instanceof RegExp) return [pattern, value];
      if (typeof pattern !== "string") return [{ test: (s: string) => pattern.match(s) !== null }, value];
      return [glob_to_regex(pattern), value];
    });
  }

  /** The capacity of one channel: the first matching `channel_capacity` pattern, else `capacity`. */
  get_capacity(channel: string): number {
    for (const [pattern, capacity] of this.channel_capacity) if (pattern.test(channel)) return capacity;
    return this.capacity;
  }

  match_type_and_length(name: unknown): name is string {
    return typeof name === "string" && name.length < BaseChannelLayer.MAX_NAME_LENGTH;
  }

  static readonly channel_name_regex = /^[a-zA-Z\d\-_.]+(![\d\w\-_.]*)?$/;
  static readonly group_name_regex = /^[a-zA-Z\d\-_.]+$/;

  static invalid_name_error(kind: "Channel" | "Group"): string {
    return `${kind} name must be a valid unicode string with length < ${BaseChannelLayer.MAX_NAME_LENGTH} containing only ASCII alphanumerics, hyphens, underscores, or periods.`;
  }

  /** TypeError unless `name` is a valid channel name (in `receive`, a specific name must end at the `!`). */
  require_valid_channel_name(name: unknown, receive = false): true {
    if (!this.match_type_and_length(name) || !BaseChannelLayer.channel_name_regex.test(name)) throw new TypeError(BaseChannelLayer.invalid_name_error("Channel"));
    if (name.includes("!") && !name.endsWith("!") && receive) throw new TypeError("Specific channel names in receive() must end at the !");
    return true;
  }

  /** TypeError unless `name` is a valid group name. */
  require_valid_group_name(name: unknown): true {
    if (!this.match_type_and_length(name) || !BaseChannelLayer.group_name_regex.test(name)) throw new TypeError(BaseChannelLayer.invalid_name_error("Group"));
    return true;
  }

  valid_channel_names(names: unknown, receive = false): true {
    if (!Array.isArray(names) || !names.length) throw new AssertionError("names must be a non-empty list");
    for (const name of names) this.require_valid_channel_name(name, receive);
    return true;
  }

  /** `"worker!abc"` → `"worker!"`: the part of a process-specific name before its local suffix. */
  non_local_name(name: string): string {
    return name.includes("!") ? name.slice(0, name.indexOf("!") + 1) : name;
  }

  // The layer API. A backend implements the synchronous forms (`_send`, `_group_add`, …).
  async send(channel: string, message: LayerMessage): Promise<void> {
    this._send(channel, message);
  }
  receive(channel: string): Task<LayerMessage> {
    throw new NotImplementedError(`${this.constructor.name} does not implement receive(${channel})`);
  }
  async new_channel(prefix = "specific."): Promise<string> {
    return this._new_channel(prefix);
  }
  async flush(): Promise<void> {
    this._flush();
  }
  async close(): Promise<void> {}
  async group_add(group: string, channel: string): Promise<void> {
    this._group_add(group, channel);
  }
  async group_discard(group: string, channel: string): Promise<void> {
    this._group_discard(group, channel);
  }
  async group_send(group: string, message: LayerMessage): Promise<void> {
    this._group_send(group, message);
  }

  _send(_channel: string, _message: LayerMessage): void {
    throw new NotImplementedError(`${this.constructor.name} does not implement send()`);
  }
  _receive(channel: string): LayerMessage {
    throw new RuntimeError(`receive('${channel}') waits for a message, and a synchronous caller cannot wait on this page: await channel_layer.receive() in an async consumer instead.`);
  }
  _new_channel(_prefix: string): string {
    throw new NotImplementedError(`${this.constructor.name} does not implement new_channel()`);
  }
  _flush(): void {
    throw new NotImplementedError(`${this.constructor.name} does not implement flush()`);
  }
  _close(): void {}
  _group_add(_group: string, _channel: string): void {
    throw new NotImplementedError(`${this.constructor.name} does not implement groups`);
  }
  _group_discard(_group: string, _channel: string): void {
    throw new NotImplementedError(`${this.constructor.name} does not implement groups`);
  }
  _group_send(_group: string, _message: LayerMessage): void {
    throw new NotImplementedError(`${this.constructor.name} does not implement groups`);
  }
}

/** Bind each API method to the layer and give it its synchronous form (`_send` for `send`, …). */
function bind_api(layer: BaseChannelLayer): void {
  const self = layer as unknown as Record<string, (...args: any[]) => any>;
  for (const name of API_METHODS) {
    const async_method = self[name].bind(layer);
    const sync_method = self[`_${name}`].bind(layer);
    Object.defineProperty(layer, name, { value: with_sync_form(async_method, sync_method), configurable: true, writable: true });
  }
}

/** One channel: a bounded queue of `[expires_at, message]`. */
type ChannelQueue = Queue<[number, LayerMessage]>;

export class InMemoryChannelLayer extends BaseChannelLayer {
  override extensions = ["groups", "flush"];
  group_expiry: number;
  /** channel name → its queue */
  channels = new Map<string, ChannelQueue>();
  /** group name → channel name → when it joined (seconds) */
  groups = new Map<string, Map<string, number>>();

  constructor(options: ChannelLayerOptions = {}) {
    super(options);
    this.group_expiry = options.group_expiry ?? 86400;
  }

  private channel_queue(channel: string): ChannelQueue {
    let queue = this.channels.get(channel);
    if (!queue) this.channels.set(channel, (queue = new Queue()));
    return queue;
  }

  /** `await send(channel, message)`: a deep copy of the message into the channel. */
  override _send(channel: string, message: LayerMessage): void {
    layer_span(LAYER_SEND, "send", `send → ${String(channel)}`, () => ({ channel: String(channel), message_type: message_type(message), message: summary(message) }), (span) => {
      if (!is_dict(message)) throw new AssertionError("message is not a dict");
      this.require_valid_channel_name(channel);
      if ("__asgi_channel__" in message) throw new AssertionError();
      const queue = this.channel_queue(channel);
      if (queue.qsize() >= this.get_capacity(channel)) throw new ChannelFull(channel);
      queue.put_nowait([time() + this.expiry, deepcopy(message)]);
      if (span >= 0) span_set(span, { queued: queue.qsize() });
    });
  }

  /**
   * `await receive(channel)`: the first message to arrive on the channel (a cancellable Task).
   * Expired messages are cleaned out first.
   */
  override receive(channel: string): Task<LayerMessage> {
    this.require_valid_channel_name(channel);
    this._clean_expired();
    const queue = this.channel_queue(channel);
    const getter = queue.get();
    const delivered = getter.then(
      ([, message]) => {
        if (queue.empty()) this.channels.delete(channel);
        return message;
      },
      (e: unknown) => {
        if (queue.empty() && this.channels.get(channel) === queue) this.channels.delete(channel);
        throw e;
      },
    );
    return new Task(delivered, () => getter.cancel());
  }

  /** Synchronous `receive`: a message already waiting, else an error (the page cannot block). */
  override _receive(channel: string): LayerMessage {
    this.require_valid_channel_name(channel);
    this._clean_expired();
    const queue = this.channels.get(channel);
    if (!queue || queue.empty()) return super._receive(channel);
    const [, message] = queue.get_nowait();
    if (queue.empty()) this.channels.delete(channel);
    return message;
  }

  /** `await new_channel(prefix="specific.")`: `"specific..inmemory!AbCdEfGhIjKl"`, unique to this instance. */
  override _new_channel(prefix = "specific."): string {
    const name = `${prefix}.inmemory!${get_random_string(12, ASCII_LETTERS)}`;
    CHANNEL_EVENT.event(`new_channel ${name}`, () => ({ op: "new_channel", channel: name }));
    return name;
  }

  /**
   * `_clean_expired()`: drop messages past their expiry (a channel that had one leaves every
   * group, as its consumer is presumed gone) and memberships older than `group_expiry`.
   */
  _clean_expired(): void {
    const now = time();
    for (const [channel, queue] of [...this.channels]) {
      while (!queue.empty() && queue.peek()![0] < now) {
        queue.get_nowait();
        this._remove_from_groups(channel);
        if (queue.empty()) this.channels.delete(channel);
      }
    }
    const timeout = Math.trunc(now) - this.group_expiry;
    for (const [group, members] of this.groups) {
      for (const [channel, joined] of [...members]) {
        if (joined && Math.trunc(joined) < timeout) {
          members.delete(channel);
          CHANNEL_EVENT.event(`group membership expired: ${channel} left ${group}`, () => ({ op: "group_expired", group, channel }));
        }
      }
    }
  }

  /** `await flush()`: every channel and group emptied. */
  override _flush(): void {
    this.channels = new Map();
    this.groups = new Map();
    CHANNEL_EVENT.event("flush", () => ({ op: "flush" }));
  }

  _remove_from_groups(channel: string): void {
    for (const members of this.groups.values()) members.delete(channel);
  }

  /** `await group_add(group, channel)`: the channel joins the group (again: its join time is renewed). */
  override _group_add(group: string, channel: string): void {
    layer_span(LAYER_GROUP_ADD, "group_add", `group_add ${String(group)} ← ${String(channel)}`, () => ({ group: String(group), channel: String(channel) }), (span) => {
      this.require_valid_group_name(group);
      this.require_valid_channel_name(channel);
      let members = this.groups.get(group);
      if (!members) this.groups.set(group, (members = new Map()));
      members.set(channel, time());
      if (span >= 0) span_set(span, { members: [...members.keys()] });
    });
  }

  /** `await group_discard(group, channel)`: the channel leaves the group; an empty group is removed. */
  override _group_discard(group: string, channel: string): void {
    layer_span(LAYER_GROUP_DISCARD, "group_discard", `group_discard ${String(group)} → ${String(channel)}`, () => ({ group: String(group), channel: String(channel) }), (span) => {
      this.require_valid_channel_name(channel);
      this.require_valid_group_name(group);
      const members = this.groups.get(group);
      if (members && members.size) {
        members.delete(channel);
        if (!members.size) this.groups.delete(group);
      }
      if (span >= 0) span_set(span, { members: [...(this.groups.get(group)?.keys() ?? [])] });
    });
  }

  /**
   * `await group_send(group, message)`: `send` to every channel in the group, in the order they
   * joined; a full channel is skipped silently.
   */
  override _group_send(group: string, message: LayerMessage): void {
    layer_span(LAYER_GROUP_SEND, "group_send", `group_send ${String(group)}`, () => ({ group: String(group), message_type: message_type(message), message: summary(message) }), (span) => {
      if (!is_dict(message)) throw new AssertionError("Message is not a dict");
      this.require_valid_group_name(group);
      const delivered: string[] = [];
      const full: string[] = [];
      for (const channel of [...(this.groups.get(group)?.keys() ?? [])]) {
        try {
          this._send(channel, message);
          delivered.push(channel);
        } catch (e) {
          if (!(e instanceof ChannelFull)) throw e;
          full.push(channel);
        }
      }
      if (span >= 0) span_set(span, { recipients: delivered, full });
    });
  }
}

/** Python's `copy.deepcopy` for a message: plain objects, lists and bytes copied; other values shared. */
function deepcopy<T>(value: T, memo = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== "object") return value;
  if (memo.has(value)) return memo.get(value) as T;
  if (value instanceof Uint8Array) return value.slice() as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const item of value) out.push(deepcopy(item, memo));
    return out as T;
  }
  if (!is_dict(value)) return value;
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = deepcopy(item, memo);
  return out as T;
}

function message_type(message: unknown): Json {
  return is_dict(message) && typeof message.type === "string" ? message.type : null;
}

/** A message as the trace shows it (values shortened, bytes described). */
function summary(message: unknown): Json {
  if (!is_dict(message)) return String(message);
  const out: Attrs = {};
  for (const [key, value] of Object.entries(message).slice(0, 20)) {
    if (value instanceof Uint8Array) out[key] = `<${value.length} bytes>`;
    else if (typeof value === "string") out[key] = value.length > 300 ? `${value.slice(0, 300)}…` : value;
    else if (value === null || typeof value === "number" || typeof value === "boolean") out[key] = value;
    else {
      try {
        out[key] = JSON.parse(JSON.stringify(value) ?? "null") as Json;
      } catch {
        out[key] = String(value);
      }
    }
  }
  return out;
}

/** One layer operation as a "channel" span (synchronous: the in-memory layer never waits to store). */
function layer_span(site: TraceSite, op: string, name: string, attrs: () => Attrs, fn: (span: number) => void): void {
  if (!tracing_enabled()) return fn(-1);
  const span = site.open(name, () => ({ op, ...attrs() }));
  try {
    fn(span);
  } catch (e) {
    span_fail(span, e);
    throw e;
  } finally {
    span_close(span);
  }
}

// --- the layers named in settings.CHANNEL_LAYERS ----------------------------------------------------

type LayerClass = new (options?: Record<string, unknown>) => BaseChannelLayer;

/**
 * `channel_layers`: `CHANNEL_LAYERS` alias → a layer instance, built on first use from its
 * `BACKEND` and `CONFIG` (and forgotten when the settings change).
 */
export class ChannelLayerManager {
  backends = new Map<string, BaseChannelLayer | null>();

  get configs(): Record<string, Record<string, any>> {
    return "CHANNEL_LAYERS" in settings ? ((settings.CHANNEL_LAYERS as Record<string, Record<string, any>>) ?? {}) : {};
  }

  make_backend(name: string): BaseChannelLayer {
    const config = (this.configs[name]?.CONFIG ?? {}) as Record<string, unknown>;
    return this._make_backend(name, config);
  }

  make_test_backend(name: string): BaseChannelLayer {
    const config = this.configs[name]?.TEST_CONFIG;
    if (config === undefined) throw new InvalidChannelLayerError(`No TEST_CONFIG specified for ${name}`);
    return this._make_backend(name, config);
  }

  _make_backend(name: string, config: Record<string, unknown>): BaseChannelLayer {
    const entry = this.configs[name];
    if ("ROUTING" in entry) throw new InvalidChannelLayerError(`ROUTING key found for ${name} - this is no longer needed in Channels 2.`);
    if (!("BACKEND" in entry)) throw new InvalidChannelLayerError(`No BACKEND specified for ${name}`);
    let backend_class: LayerClass;
    try {
      backend_class = import_string(String(entry.BACKEND)) as LayerClass;
    } catch {
      throw new InvalidChannelLayerError(`Cannot import BACKEND '${String(entry.BACKEND)}' specified for ${name}`);
    }
    return new backend_class(config);
  }

  /** `channel_layers[alias]` (KeyError for an alias CHANNEL_LAYERS does not name). */
  getitem(key: string): BaseChannelLayer | null {
    if (!this.backends.has(key)) {
      if (!(key in this.configs)) throw new KeyError(key);
      this.backends.set(key, this.make_backend(key));
    }
    return this.backends.get(key)!;
  }

  has(key: string): boolean {
    return key in this.configs;
  }

  /** `channel_layers.set(alias, layer)`: use this layer (tests); returns the one it replaces. */
  set(key: string, layer: BaseChannelLayer | null): BaseChannelLayer | null {
    const old = this.backends.get(key) ?? null;
    this.backends.set(key, layer);
    return old;
  }

  /** Forget every built layer (Python does on `setting_changed` for CHANNEL_LAYERS; the runtime between projects). */
  _reset_backends(): void {
    this.backends.clear();
  }
}

export const channel_layers = new ChannelLayerManager();

/** `get_channel_layer(alias="default")`: the layer, or null when CHANNEL_LAYERS has no such alias. */
export function get_channel_layer(alias: string = DEFAULT_CHANNEL_LAYER): BaseChannelLayer | null {
  try {
    return channel_layers.getitem(alias);
  } catch (e) {
    if (e instanceof KeyError) return null;
    throw e;
  }
}
