/**
 * The `channels` area's behaviour menu (FORMAT.md part E §2–3; `reference/channels/menu.py` is
 * the Python twin the corpus was recorded with): every consumer a case can name, in a sync and an
 * async variant, written against our Channels as a learner would write them, and the builder that
 * turns an app spec (JSON) into an ASGI application.
 */
import { AttributeError, KeyError, RuntimeError, TypeError, ValueError, py_repr } from "../../frameworks/python/builtins";
import { latin1_decode, latin1_encode, utf8_encode } from "../../frameworks/python/bytes";
import { PyFloat, py_json_dumps } from "../../frameworks/python/json";
import { parse_qsl } from "../../frameworks/python/urllib/parse";
import { UUID } from "../../frameworks/python/uuid";
import { async_to_sync } from "../../frameworks/asgiref/sync";
import type { ASGIApplicationLike, ASGIReceiveCallable, ASGISendCallable, Message, Scope } from "../../frameworks/asgiref/typing";
import { include, path, re_path } from "../../frameworks/django/urls";
import { get_user_model } from "../../frameworks/django/contrib/auth";
import { AuthMiddleware, AuthMiddlewareStack, login, logout } from "../../frameworks/channels/auth";
import { AsyncConsumer, SyncConsumer } from "../../frameworks/channels/consumer";
import { database_sync_to_async } from "../../frameworks/channels/db";
import { AcceptConnection, DenyConnection } from "../../frameworks/channels/exceptions";
import { AsyncHttpConsumer } from "../../frameworks/channels/generic/http";
import { AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer, JsonWebsocketConsumer, WebsocketConsumer, type ReceiveArgs } from "../../frameworks/channels/generic/websocket";
import { BaseMiddleware } from "../../frameworks/channels/middleware";
import { ChannelNameRouter, ProtocolTypeRouter, URLRouter } from "../../frameworks/channels/routing";
import { AllowedHostsOriginValidator, OriginValidator } from "../../frameworks/channels/security/websocket";
import { CookieMiddleware, SessionMiddleware, SessionMiddlewareStack } from "../../frameworks/channels/sessions";

type Json = any;
type Params = Record<string, Json>;

const EXCEPTIONS: Record<string, new (message: string) => Error> = { ValueError, RuntimeError, KeyError, TypeError };

/** Harness state of one case: client label → the channel name of the consumer serving it. */
export const State = { channels: {} as Record<string, string> };

function register(consumer: AsyncConsumer): void {
  const label = consumer.scope._conf_client;
  if (typeof label === "string" && consumer.channel_name !== undefined) State.channels[label] = consumer.channel_name;
}

/** `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` */
export function compact(obj: unknown): string {
  return py_json_dumps(obj, { sort_keys: true, separators: [",", ":"], ensure_ascii: false });
}

function sender_of(scope: Scope): string {
  const qs = latin1_decode((scope.query_string as Uint8Array | undefined) ?? new Uint8Array(0));
  const u = parse_qsl(qs).find(([name]) => name === "u");
  return u ? u[1] : "anon";
}

function json_type(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number" || v instanceof PyFloat) return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}

/** Python's `str(value)` / `"%s" % value`. */
function py_str(v: unknown): string {
  return typeof v === "string" ? v : py_repr(v);
}

/** `value.attr(...)` on a value that is not a str: Python's AttributeError. */
function need_str(v: unknown, method: string): string {
  if (typeof v === "string") return v;
  const type = v === null || v === undefined ? "NoneType" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "boolean" ? "bool" : Array.isArray(v) ? "list" : v instanceof Uint8Array ? "bytes" : "dict";
  throw new AttributeError(`'${type}' object has no attribute '${method}'`);
}

function is_dict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat);
}

// --- scope report -----------------------------------------------------------------------------

const DEFAULT_WS_FIELDS = ["type", "path", "query_string", "headers", "subprotocols", "url_route", "user", "cookies", "session", "tags", "keys"];

const kw = (v: unknown): unknown => (typeof v === "number" || typeof v === "string" || v === null || v === undefined ? (v ?? null) : String(v));
const typ = (v: unknown): string => (typeof v === "boolean" ? "bool" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "string" ? "str" : v instanceof UUID ? "uuid" : String((v as object)?.constructor?.name ?? "object").toLowerCase());

function scope_report(scope: Scope, fields: string[]): Record<string, unknown> {
  const rep: Record<string, unknown> = {};
  const has = (key: string) => key in scope;
  for (const f of fields) {
    if (f === "type" || f === "path" || f === "path_remaining" || f === "root_path" || f === "method" || f === "http_version") rep[f] = scope[f] ?? null;
    else if (f === "query_string") rep[f] = latin1_decode((scope.query_string as Uint8Array | undefined) ?? new Uint8Array(0));
    else if (f === "headers") rep[f] = ((scope.headers ?? []) as [Uint8Array, Uint8Array][]).map(([n, v]) => [latin1_decode(n), latin1_decode(v)]);
    else if (f === "subprotocols") rep[f] = has("subprotocols") ? [...(scope.subprotocols as string[])] : null;
    else if (f === "url_route") {
      if (has("url_route")) {
        const r = scope.url_route as { args: unknown[]; kwargs: Record<string, unknown> };
        rep[f] = {
          args: r.args.map(kw),
          kwargs: Object.fromEntries(Object.entries(r.kwargs).map(([k, v]) => [k, kw(v)])),
          kwarg_types: Object.fromEntries(Object.entries(r.kwargs).map(([k, v]) => [k, typ(v)])),
        };
      } else rep[f] = null;
    } else if (f === "user") {
      if (has("user")) {
        const u = scope.user as any;
        rep[f] = { username: u.username, is_authenticated: u.is_authenticated, is_anonymous: u.is_anonymous };
      } else rep[f] = null;
    } else if (f === "cookies") rep[f] = has("cookies") ? { ...(scope.cookies as Record<string, string>) } : null;
    else if (f === "session") {
      if (has("session")) {
        const s = scope.session as any;
        const data: Record<string, unknown> = {};
        for (const k of [...s.keys()].sort()) data[k] = k === "_auth_user_hash" ? "<hash>" : s.getitem(k);
        rep[f] = data;
      } else rep[f] = null;
    } else if (f === "tags") rep[f] = scope.tags ?? null;
    else if (f === "keys") rep[f] = Object.keys(scope).filter((k) => !k.startsWith("_conf")).sort();
    else throw new ValueError(f);
  }
  return rep;
}

function bytes_headers(headers: [string, string][] | undefined | null): [Uint8Array, Uint8Array][] | null {
  return headers && headers.length ? headers.map(([n, v]) => [latin1_encode(n), latin1_encode(v)]) : null;
}

function choose_subprotocol(scope: Scope, p: Params): string | null {
  const supported = p.supported ?? [];
  for (const proto of (scope.subprotocols ?? []) as string[]) if (supported === "*" || supported.includes(proto)) return proto;
  return null;
}

// --- websocket behaviours: [sync class, async class] ---------------------------------------------

type Pair = [typeof WebsocketConsumer, typeof AsyncWebsocketConsumer];

function ws_classes(name: string, p: Params): Pair {
  const exc = EXCEPTIONS[p.exception ?? "ValueError"];
  switch (name) {
    case "echo":
      return [
        class extends WebsocketConsumer {
          override receive({ text_data, bytes_data }: ReceiveArgs) {
            if (text_data !== undefined && text_data !== null) this.send({ text_data });
            else this.send({ bytes_data });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data, bytes_data }: ReceiveArgs) {
            if (text_data !== undefined && text_data !== null) await this.send({ text_data });
            else await this.send({ bytes_data });
          }
        },
      ];
    case "counter":
      return [
        class extends WebsocketConsumer {
          count = 0;
          override connect() {
            this.count = 0;
            this.accept();
          }
          override receive({ text_data, bytes_data }: ReceiveArgs) {
            this.count += 1;
            this.send({ text_data: text_data !== undefined && text_data !== null ? `${this.count}:${text_data}` : `${this.count}:bytes:${bytes_data!.length}` });
          }
        },
        class extends AsyncWebsocketConsumer {
          count = 0;
          override async connect() {
            this.count = 0;
            await this.accept();
          }
          override async receive({ text_data, bytes_data }: ReceiveArgs) {
            this.count += 1;
            await this.send({ text_data: text_data !== undefined && text_data !== null ? `${this.count}:${text_data}` : `${this.count}:bytes:${bytes_data!.length}` });
          }
        },
      ];
    case "reject":
      return [
        class extends WebsocketConsumer {
          override connect() {
            this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            await this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
      ];
    case "deny":
      return [
        class extends WebsocketConsumer {
          override connect() {
            throw new DenyConnection();
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            throw new DenyConnection();
          }
        },
      ];
    case "accept_by_exception":
      return [
        class extends WebsocketConsumer {
          override connect() {
            throw new AcceptConnection();
          }
          override receive({ text_data }: ReceiveArgs) {
            this.send({ text_data });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            throw new AcceptConnection();
          }
          override async receive({ text_data }: ReceiveArgs) {
            await this.send({ text_data });
          }
        },
      ];
    case "accept_close":
      return [
        class extends WebsocketConsumer {
          override connect() {
            this.accept();
            this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            await this.accept();
            await this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
      ];
    case "closer":
      return [
        class extends WebsocketConsumer {
          override receive({ text_data }: ReceiveArgs) {
            if (p.echo ?? true) this.send({ text_data });
            this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data }: ReceiveArgs) {
            if (p.echo ?? true) await this.send({ text_data });
            await this.close({ code: p.code ?? null, reason: p.reason ?? null });
          }
        },
      ];
    case "send_close":
      return [
        class extends WebsocketConsumer {
          override receive({ text_data }: ReceiveArgs) {
            this.send({ text_data, close: p.close ?? true });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data }: ReceiveArgs) {
            await this.send({ text_data, close: p.close ?? true });
          }
        },
      ];
    case "subprotocol": {
      const decide = (scope: Scope): [boolean, string | null] => {
        const chosen = choose_subprotocol(scope, p);
        if (chosen === null && (p.fallback ?? "accept") === "reject") return [false, null];
        return [true, chosen];
      };
      return [
        class extends WebsocketConsumer {
          override connect() {
            const [ok, chosen] = decide(this.scope);
            if (ok) this.accept({ subprotocol: chosen, headers: bytes_headers(p.headers) });
            else this.close({ code: p.code ?? null });
          }
          override receive({ text_data }: ReceiveArgs) {
            this.send({ text_data });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            const [ok, chosen] = decide(this.scope);
            if (ok) await this.accept({ subprotocol: chosen, headers: bytes_headers(p.headers) });
            else await this.close({ code: p.code ?? null });
          }
          override async receive({ text_data }: ReceiveArgs) {
            await this.send({ text_data });
          }
        },
      ];
    }
    case "binary":
      return [
        class extends WebsocketConsumer {
          override receive({ text_data, bytes_data }: ReceiveArgs) {
            if (text_data !== undefined && text_data !== null) this.send({ bytes_data: utf8_encode(text_data) });
            else this.send({ bytes_data: bytes_data!.slice().reverse() });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data, bytes_data }: ReceiveArgs) {
            if (text_data !== undefined && text_data !== null) await this.send({ bytes_data: utf8_encode(text_data) });
            else await this.send({ bytes_data: bytes_data!.slice().reverse() });
          }
        },
      ];
    case "json": {
      const reply = (content: unknown): [unknown, boolean | number] => {
        const close = is_dict(content) && "close" in content ? (content.close as boolean | number) : false;
        return [{ got: content, type: json_type(content) }, close];
      };
      return [
        class extends JsonWebsocketConsumer {
          override receive_json(content: unknown) {
            const [out, close] = reply(content);
            this.send_json(out, close);
          }
        },
        class extends AsyncJsonWebsocketConsumer {
          override async receive_json(content: unknown) {
            const [out, close] = reply(content);
            await this.send_json(out, close);
          }
        },
      ] as unknown as Pair;
    }
    case "raise": {
      const where = p.where ?? "receive";
      return [
        class extends WebsocketConsumer {
          override connect() {
            if (where === "connect") throw new exc("boom in connect");
            this.accept();
          }
          override receive({ text_data }: ReceiveArgs) {
            if (where === "receive") {
              if (p.send_first) this.send({ text_data: "before" });
              throw new exc(`boom: ${py_str(text_data)}`);
            }
            this.send({ text_data });
          }
          override disconnect(code: number) {
            if (where === "disconnect") throw new exc(`boom in disconnect ${code}`);
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            if (where === "connect") throw new exc("boom in connect");
            await this.accept();
          }
          override async receive({ text_data }: ReceiveArgs) {
            if (where === "receive") {
              if (p.send_first) await this.send({ text_data: "before" });
              throw new exc(`boom: ${py_str(text_data)}`);
            }
            await this.send({ text_data });
          }
          override async disconnect(code: number) {
            if (where === "disconnect") throw new exc(`boom in disconnect ${code}`);
          }
        },
      ];
    }
    case "scope": {
      const fields: string[] = p.fields ?? DEFAULT_WS_FIELDS;
      const report = (scope: Scope) => {
        const rep = scope_report(scope, fields);
        if (p.label !== undefined) rep.label = p.label;
        return rep;
      };
      return [
        class extends WebsocketConsumer {
          override connect() {
            this.accept();
            this.send({ text_data: compact(report(this.scope)) });
          }
          override receive() {
            this.send({ text_data: compact(report(this.scope)) });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            await this.accept();
            const rep = await database_sync_to_async(report)(this.scope);
            await this.send({ text_data: compact(rep) });
          }
          override async receive() {
            const rep = await database_sync_to_async(report)(this.scope);
            await this.send({ text_data: compact(rep) });
          }
        },
      ];
    }
    case "room":
    case "lobby":
      return room_classes(name, p);
    case "announcer": {
      const ev = (scope: Scope, extra: Record<string, unknown>) => ({ type: "watch.event", sender: sender_of(scope), ...extra });
      return [
        class extends WebsocketConsumer {
          override connect() {
            this.accept();
            async_to_sync(this.channel_layer!.group_send)("watch", ev(this.scope, { event: "connect", path: this.scope.path }));
          }
          override receive({ text_data }: ReceiveArgs) {
            async_to_sync(this.channel_layer!.group_send)("watch", ev(this.scope, { event: "receive", text: text_data }));
          }
          override disconnect(code: number) {
            async_to_sync(this.channel_layer!.group_send)("watch", ev(this.scope, { event: "disconnect", code }));
          }
        },
        class extends AsyncWebsocketConsumer {
          override async connect() {
            await this.accept();
            await this.channel_layer!.group_send("watch", ev(this.scope, { event: "connect", path: this.scope.path }));
          }
          override async receive({ text_data }: ReceiveArgs) {
            await this.channel_layer!.group_send("watch", ev(this.scope, { event: "receive", text: text_data }));
          }
          override async disconnect(code: number) {
            await this.channel_layer!.group_send("watch", ev(this.scope, { event: "disconnect", code }));
          }
        },
      ];
    }
    case "watcher": {
      const text = (event: Record<string, unknown>) => compact(Object.fromEntries(Object.entries(event).filter(([k]) => k !== "type")));
      return [
        class extends WebsocketConsumer {
          static groups = ["watch"];
          watch_event(event: Record<string, unknown>) {
            this.send({ text_data: text(event) });
          }
        },
        class extends AsyncWebsocketConsumer {
          static groups = ["watch"];
          async watch_event(event: Record<string, unknown>) {
            await this.send({ text_data: text(event) });
          }
        },
      ];
    }
    case "relay": {
      const chan = p.channel ?? "worker";
      return [
        class extends WebsocketConsumer {
          override receive({ text_data }: ReceiveArgs) {
            async_to_sync(this.channel_layer!.send)(chan, { type: "worker.task", text: text_data, reply_to: this.channel_name });
          }
          worker_reply(event: Record<string, unknown>) {
            this.send({ text_data: get(event, "text") as string });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data }: ReceiveArgs) {
            await this.channel_layer!.send(chan, { type: "worker.task", text: text_data, reply_to: this.channel_name });
          }
          async worker_reply(event: Record<string, unknown>) {
            await this.send({ text_data: get(event, "text") as string });
          }
        },
      ];
    }
    case "session": {
      const command = (scope: Scope, text: string): string => {
        need_str(text, "startswith");
        const session = get(scope, "session") as any;
        if (text.startsWith("set:")) {
          const rest = text.slice(4);
          const eq = rest.indexOf("=");
          const [k, v] = eq >= 0 ? [rest.slice(0, eq), rest.slice(eq + 1)] : [rest, ""];
          session.set(k, v);
          return "ok";
        }
        if (text.startsWith("get:")) return compact({ key: text.slice(4), value: session.get(text.slice(4)) });
        if (text === "save") {
          session.save();
          return "saved";
        }
        if (text.startsWith("login:")) {
          const user = get_user_model().objects.get({ username: text.slice(6) });
          async_to_sync(login)(scope, user);
          session.save();
          return `logged in as ${user.username}`;
        }
        if (text === "logout") {
          async_to_sync(logout)(scope);
          return "logged out";
        }
        if (text === "whoami") {
          const u = get(scope, "user") as any;
          return u.is_authenticated ? u.username : "<anonymous>";
        }
        return "unknown command";
      };
      return [
        class extends WebsocketConsumer {
          override receive({ text_data }: ReceiveArgs) {
            this.send({ text_data: command(this.scope, text_data!) });
          }
        },
        class extends AsyncWebsocketConsumer {
          override async receive({ text_data }: ReceiveArgs) {
            await this.send({ text_data: await database_sync_to_async(command)(this.scope, text_data!) });
          }
        },
      ];
    }
  }
  throw new ValueError(`unknown websocket behaviour '${name}'`);
}

function room_classes(name: "room" | "lobby", p: Params): Pair {
  const prefix = p.prefix ?? "room_";
  const kwarg = p.kwarg ?? "room";
  const class_groups: string[] | null = name === "lobby" ? [...(p.groups ?? ["lobby"])] : null;
  const event = (scope: Scope, text: unknown) => ({ type: "chat.message", text, sender: sender_of(scope) });
  const target = (room_group: string | undefined) => (name === "room" ? room_group! : (p.target ?? class_groups![0]));
  const group_of = (scope: Scope) => prefix + py_str(get(get(get(scope, "url_route") as Record<string, unknown>, "kwargs") as Record<string, unknown>, kwarg));
  return [
    class extends WebsocketConsumer {
      static groups = class_groups;
      room_group?: string;
      override connect() {
        if (name === "room") {
          this.room_group = group_of(this.scope);
          async_to_sync(this.channel_layer!.group_add)(this.room_group, this.channel_name!);
        }
        this.accept();
      }
      override receive({ text_data }: ReceiveArgs) {
        async_to_sync(this.channel_layer!.group_send)(target(this.room_group), event(this.scope, text_data));
      }
      chat_message(ev: Record<string, unknown>) {
        this.send({ text_data: `${py_str(get(ev, "sender"))}: ${py_str(get(ev, "text"))}` });
      }
      override disconnect() {
        if (name === "room" && this.room_group !== undefined) async_to_sync(this.channel_layer!.group_discard)(this.room_group, this.channel_name!);
      }
    },
    class extends AsyncWebsocketConsumer {
      static groups = class_groups;
      room_group?: string;
      override async connect() {
        if (name === "room") {
          this.room_group = group_of(this.scope);
          await this.channel_layer!.group_add(this.room_group, this.channel_name!);
        }
        await this.accept();
      }
      override async receive({ text_data }: ReceiveArgs) {
        await this.channel_layer!.group_send(target(this.room_group), event(this.scope, text_data));
      }
      async chat_message(ev: Record<string, unknown>) {
        await this.send({ text_data: `${py_str(get(ev, "sender"))}: ${py_str(get(ev, "text"))}` });
      }
      override async disconnect() {
        if (name === "room" && this.room_group !== undefined) await this.channel_layer!.group_discard(this.room_group, this.channel_name!);
      }
    },
  ];
}

/** `event["key"]` (or any dict's): KeyError when missing. */
function get(event: Record<string, unknown>, key: string): unknown {
  if (!(key in event)) throw new KeyError(key);
  return event[key];
}

// --- http behaviours ---------------------------------------------------------------------------

const HTTP_BEHAVIOURS = new Set(["http_hello", "http_echo", "http_stream", "http_status", "http_raise", "http_silent", "http_session", "http_scope"]);

function http_class(name: string, p: Params): typeof AsyncHttpConsumer {
  switch (name) {
    case "http_hello":
      return class extends AsyncHttpConsumer {
        override async handle() {
          await this.send_response(200, utf8_encode("Hello, world"), { headers: [[utf8_encode("Content-Type"), utf8_encode("text/plain")]] });
        }
      };
    case "http_echo":
      return class extends AsyncHttpConsumer {
        override async handle(body: Uint8Array) {
          const rep = scope_report(this.scope, ["method", "path", "query_string", "headers", "url_route"]);
          rep.body = latin1_decode(body);
          await this.send_response(200, utf8_encode(compact(rep)), { headers: [[utf8_encode("Content-Type"), utf8_encode("application/json")]] });
        }
      };
    case "http_stream":
      return class extends AsyncHttpConsumer {
        override async handle() {
          await this.send_headers({ status: p.status ?? 200, headers: bytes_headers(p.headers) ?? [] });
          const chunks: string[] = p.chunks ?? [];
          if (!chunks.length) await this.send_body(new Uint8Array(0));
          for (let i = 0; i < chunks.length; i++) await this.send_body(utf8_encode(chunks[i]), { more_body: i < chunks.length - 1 });
        }
      };
    case "http_status":
      return class extends AsyncHttpConsumer {
        override async handle() {
          let headers: any = bytes_headers(p.headers) ?? [];
          if (p.headers_as === "dict") headers = Object.fromEntries((p.headers ?? []).map(([n, v]: [string, string]) => [n, latin1_encode(v)]));
          await this.send_response(p.status ?? 200, utf8_encode(p.body ?? ""), { headers });
        }
      };
    case "http_raise":
      return class extends AsyncHttpConsumer {
        override async handle() {
          if (p.send_headers_first) await this.send_headers({ status: 200 });
          throw new EXCEPTIONS[p.exception ?? "ValueError"]("boom in handle");
        }
      };
    case "http_silent":
      return class extends AsyncHttpConsumer {
        override async handle() {}
      };
    case "http_session":
      return class extends AsyncHttpConsumer {
        override async handle() {
          const bump = (session: any) => {
            const n = parseInt(String(session.get("visits", 0)), 10) + 1;
            session.set("visits", n);
            return n;
          };
          const n = await database_sync_to_async(bump)(get(this.scope, "session"));
          await this.send_response(200, utf8_encode(`visits=${n}`), { headers: [[utf8_encode("Content-Type"), utf8_encode("text/plain")]] });
        }
      };
    case "http_scope": {
      const fields: string[] = p.fields ?? ["type", "method", "path", "query_string", "url_route", "user", "cookies", "session", "keys"];
      return class extends AsyncHttpConsumer {
        override async handle() {
          const rep = await database_sync_to_async(scope_report)(this.scope, fields);
          await this.send_response(200, utf8_encode(compact(rep)), { headers: [[utf8_encode("Content-Type"), utf8_encode("application/json")]] });
        }
      };
    }
  }
  throw new ValueError(`unknown http behaviour '${name}'`);
}

function worker_class(variant: string): typeof AsyncConsumer {
  if (variant === "sync")
    return class extends SyncConsumer {
      task_echo(message: Message) {
        this.send({ type: "task.result", text: need_str(get(message, "text"), "upper").toUpperCase() });
      }
    };
  return class extends AsyncConsumer {
    async task_echo(message: Message) {
      await this.send({ type: "task.result", text: need_str(get(message, "text"), "upper").toUpperCase() });
    }
  };
}

function consumer_application(spec: Params): ASGIApplicationLike {
  const name: string = spec.consumer;
  const params: Params = spec.params ?? {};
  if (HTTP_BEHAVIOURS.has(name)) return http_class(name, params).as_asgi();
  const variant: string = spec.variant ?? "async";
  if (name === "worker") return worker_class(variant).as_asgi();
  const [S, A] = ws_classes(name, params);
  let C: typeof AsyncConsumer;
  if (variant === "sync")
    C = class extends S {
      override websocket_connect(message: Message) {
        register(this);
        super.websocket_connect(message);
      }
    };
  else
    C = class extends A {
      override async websocket_connect(message: Message) {
        register(this);
        await super.websocket_connect(message);
      }
    };
  Object.defineProperty(C, "name", { value: `${name}_${variant}` });
  return C.as_asgi();
}

// --- the app builder ------------------------------------------------------------------------------

/** Appends its tag to `scope["tags"]` (a new list: scopes are copied, never shared). */
class TagMiddleware extends BaseMiddleware {
  tag!: string;
  override async __call__(scope: Scope, receive: ASGIReceiveCallable, send: ASGISendCallable): Promise<unknown> {
    scope = { ...scope, tags: [...((scope.tags as string[] | undefined) ?? []), this.tag] };
    return (this.inner as (s: Scope, r: ASGIReceiveCallable, se: ASGISendCallable) => Promise<unknown>)(scope, receive, send);
  }
}

function build_route(r: Params): any {
  if ("include" in r) return path(r.path, include((r.include as Params[]).map(build_route)));
  const fn = "path" in r ? path : re_path;
  const route = "path" in r ? r.path : r.re_path;
  return fn(route, build_app(r.app) as any, r.kwargs ?? null, { name: r.name ?? null });
}

const APP_KINDS = ["consumer", "url_router", "protocol_type_router", "channel_name_router", "origin_validator", "allowed_hosts_origin_validator", "auth_middleware_stack", "session_middleware_stack", "cookie_middleware", "session_middleware", "auth_middleware", "tag_middleware"];

export function build_app(spec: Params): ASGIApplicationLike {
  const kinds = Object.keys(spec).filter((k) => APP_KINDS.includes(k));
  if (kinds.length !== 1) throw new ValueError(`app spec must have exactly one kind key: ${JSON.stringify(spec)}`);
  const kind = kinds[0];
  const map = (mapping: Params) => Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, build_app(v)]));
  switch (kind) {
    case "consumer":
      return consumer_application(spec);
    case "url_router":
      return new URLRouter((spec.url_router as Params[]).map(build_route));
    case "protocol_type_router":
      return new ProtocolTypeRouter(map(spec.protocol_type_router));
    case "channel_name_router":
      return new ChannelNameRouter(map(spec.channel_name_router));
    case "origin_validator":
      return new OriginValidator(build_app(spec.origin_validator), spec.allowed_origins);
    case "allowed_hosts_origin_validator":
      return AllowedHostsOriginValidator(build_app(spec.allowed_hosts_origin_validator));
    case "auth_middleware_stack":
      return AuthMiddlewareStack(build_app(spec.auth_middleware_stack));
    case "session_middleware_stack":
      return SessionMiddlewareStack(build_app(spec.session_middleware_stack));
    case "cookie_middleware":
      return new CookieMiddleware(build_app(spec.cookie_middleware));
    case "session_middleware":
      return new SessionMiddleware(build_app(spec.session_middleware));
    case "auth_middleware":
      return new AuthMiddleware(build_app(spec.auth_middleware));
    case "tag_middleware": {
      const middleware = new TagMiddleware(build_app(spec.tag_middleware));
      middleware.tag = spec.tag;
      return middleware;
    }
  }
  throw new ValueError(kind);
}
