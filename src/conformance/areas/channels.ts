/**
 * Replays the `channels` area (FORMAT.md part E; `reference/channels/harness.py` is the Python
 * twin): WebSocket client scripts through `WebsocketCommunicator`, raw ASGI messages through
 * `ApplicationCommunicator`, HTTP requests through `HttpCommunicator`, and channel-layer op
 * scripts against a fresh `InMemoryChannelLayer` — all our Channels, driven as the recording
 * drove the real one.
 *
 * The project is the file's `settings` (auth, contenttypes, sessions, channels; db sessions) on a
 * database with the file's users (alice, bob, carol) migrated once and reopened from an image per
 * case. Timeouts: the recording waited up to 1 s for an answer and 0.25 s for "nothing"; here every
 * consumer runs on one thread and never waits on a timer, so all the work a step causes is done
 * once the event loop has drained its queue of promise callbacks — a few milliseconds of real
 * time decide the same question.
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { first_difference } from "../compare";
import { error_type } from "../../trace";
import { latin1_decode, latin1_encode, utf8_decode, utf8_encode } from "../../frameworks/python/bytes";
import { TimeoutError, wait_for } from "../../frameworks/python/asyncio";
import { PyFloat } from "../../frameworks/python/json";
import { settings } from "../../frameworks/django/conf";
import { apps } from "../../frameworks/django/apps";
import { connection } from "../../frameworks/django/db";
import { MigrationExecutor } from "../../frameworks/django/db/migrations/executor";
import { ModuleNotFoundError, set_module_importer, type Module } from "../../frameworks/django/utils/module_loading";
import { PBKDF2PasswordHasher, reset_hashers } from "../../frameworks/django/contrib/auth/hashers";
import { ApplicationCommunicator } from "../../frameworks/asgiref/testing";
import type { ASGIApplicationLike, Message } from "../../frameworks/asgiref/typing";
import { InMemoryChannelLayer, channel_layers, type BaseChannelLayer } from "../../frameworks/channels/layers";
import { HttpCommunicator } from "../../frameworks/channels/testing/http";
import { WebsocketCommunicator } from "../../frameworks/channels/testing/websocket";
import { FRAMEWORK_MODULES } from "../../modes";
import { SqlJsDriver, boot_sqlite } from "../../runtime/sqlite";
import { State, build_app } from "./channels_menu";

type Json = any;
const FRAMEWORK = FRAMEWORK_MODULES as unknown as Record<string, Module>;

/** The recording's timeouts (1 s, 0.25 s, 0.1 s), as this single-threaded runtime needs them. */
const T_ANSWER = 0.02;
const T_NOTHING = 0.005;
const T_LAYER_EMPTY = 0.005;

class FastHasher extends PBKDF2PasswordHasher {
  override iterations = 1;
}

// --- values: bytes markers, redaction ----------------------------------------------------------------

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function from_base64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** JSON input → values: `{"__utf8__": t}` / `{"__bytes__": b64}` → Uint8Array. */
function dec(value: Json): any {
  if (Array.isArray(value)) return value.map(dec);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "__bytes__") return from_base64(value.__bytes__);
    if (keys.length === 1 && keys[0] === "__utf8__") return utf8_encode(value.__utf8__);
    return Object.fromEntries(keys.map((k) => [k, dec(value[k])]));
  }
  return value;
}

/** Values → JSON, bytes as a canonical `{"__bytes__": b64}` (expectations are canonicalised the same way). */
function enc(value: unknown): Json {
  if (value instanceof Uint8Array) return { __bytes__: base64(value) };
  if (Array.isArray(value)) return value.map(enc);
  if (value !== null && typeof value === "object") {
    if (value instanceof PyFloat) return value.value;
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, enc(v)]));
  }
  return value === undefined ? null : value;
}

/** An expectation with its bytes markers in the canonical form `enc` produces. */
function canon(value: Json): Json {
  if (Array.isArray(value)) return value.map(canon);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === "__bytes__" || keys[0] === "__utf8__")) return enc(dec(value));
    return Object.fromEntries(keys.map((k) => [k, canon(value[k])]));
  }
  return value;
}

const CHANNEL_RE = /^(.*)\.inmemory!([A-Za-z]{12})$/;

function redact(value: Json, names: Record<string, string>, keys: Record<string, string>): Json {
  if (typeof value === "string") {
    for (const [label, name] of Object.entries(names)) if (value === name) return `<channel:${label}>`;
    if (CHANNEL_RE.test(value)) return "<channel:?>";
    for (const [sname, key] of Object.entries(keys)) if (key && value.includes(key)) value = value.split(key).join(`<session:${sname}>`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, names, keys));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, names, keys)]));
  return value;
}

function redact_set_cookie(value: string, keys: Record<string, string>): string {
  value = value.replace(/expires=[^;]+/g, "expires=<http-date>");
  for (const [sname, key] of Object.entries(keys)) if (key) value = value.split("=" + key).join(`=<session:${sname}>`);
  return value.replace(/^([^=;]+)=([a-z0-9]{32})(?=;|$)/, "$1=<new-session-key>");
}

function outcome(e: unknown): Json {
  if (e instanceof TimeoutError) return { timeout: true };
  // A menu consumer reaching through a missing channel layer (null, Python's None) fails in
  // JavaScript as Python's attribute access on None does.
  const none = e instanceof globalThis.TypeError ? /^Cannot read properties of (?:null|undefined) \(reading '([^']*)'\)$/.exec(e.message) : null;
  if (none) return { error: "AttributeError", message: `'NoneType' object has no attribute '${none[1]}'` };
  return { error: error_type(e), message: e instanceof Error ? e.message : String(e) };
}

// --- the project and its database ---------------------------------------------------------------------

let image: Uint8Array | null = null;

function configure(file: CorpusFile, overrides: Record<string, unknown>): void {
  settings.configure({
    ...file.settings,
    ...overrides,
    SECRET_KEY: "conformance-channels-secret-key-0123456789abcdef",
    INSTALLED_APPS: ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "channels"],
    PASSWORD_HASHERS: ["conformance.hashers.FastHasher"],
    DEFAULT_AUTO_FIELD: "django.db.models.AutoField",
  });
  reset_hashers();
}

function install_importer(): void {
  const modules: Record<string, Module> = { "conformance/hashers": { FastHasher } };
  set_module_importer((p) => {
    const module = modules[p] ?? FRAMEWORK[p];
    if (!module) throw new ModuleNotFoundError(`No module named '${p.replace(/\//g, ".")}'`);
    return module;
  });
}

/** Once per run: the apps populated, every table migrated, the file's users created; the image kept. */
async function prepare_database(file: CorpusFile): Promise<void> {
  await boot_sqlite();
  install_importer();
  configure(file, {});
  if (!apps.ready) {
    apps.reset();
    apps.populate(settings.INSTALLED_APPS as string[]);
  }
  if (image) return;
  const driver = await SqlJsDriver.open();
  connection.close();
  connection.set_driver(driver);
  const migration = (path: string, name: string, app: string) => new FRAMEWORK[`${path}/migrations/${name}`].Migration(name, app);
  const all = [
    migration("django/contrib/contenttypes", "0001_initial", "contenttypes"),
    migration("django/contrib/contenttypes", "0002_remove_content_type_name", "contenttypes"),
    migration("django/contrib/auth", "0001_initial", "auth"),
    migration("django/contrib/sessions", "0001_initial", "sessions"),
  ];
  new MigrationExecutor(connection, { migrations: all }).migrate();
  const User = FRAMEWORK["django/contrib/auth/models"].User;
  for (const user of file.users as { username: string; pk: number; is_active: boolean }[]) {
    const created = User.objects.create_user(user.username, `${user.username}@example.com`, "pw");
    if (created.pk !== user.pk) throw new Error(`user ${user.username} got pk ${created.pk}, the file says ${user.pk}`);
    if (!user.is_active) {
      created.is_active = false;
      created.save();
    }
  }
  image = driver.export();
}

async function fresh_database(): Promise<void> {
  connection.close();
  connection.set_driver(await SqlJsDriver.open(image!));
}

/** `prepare_sessions(specs)`: name → session key, each made by Django's login() (or just saved), then tampered with. */
function prepare_sessions(specs: Record<string, { login?: string; data?: Record<string, unknown>; tamper?: string }>): Record<string, string> {
  const SessionStore = FRAMEWORK["django/contrib/sessions/backends/db"].SessionStore;
  const auth = FRAMEWORK["django/contrib/auth"];
  const keys: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const session = new SessionStore();
    for (const [k, v] of Object.entries(spec.data ?? {})) session.set(k, v);
    if (spec.login !== undefined) {
      const user = auth.get_user_model().objects.get({ username: spec.login });
      const request = { session, META: { CSRF_COOKIE: "x" }, COOKIES: {} };
      auth.login(request, user, "django.contrib.auth.backends.ModelBackend");
      if (spec.tamper === "hash") session.set(auth.HASH_SESSION_KEY, "0".repeat(64));
      else if (spec.tamper === "no_hash") session.delete_item(auth.HASH_SESSION_KEY);
      else if (spec.tamper === "backend") session.set(auth.BACKEND_SESSION_KEY, "example.NoSuchBackend");
      else if (spec.tamper !== undefined) throw new Error(String(spec.tamper));
    }
    session.save();
    keys[name] = session.session_key;
  }
  return keys;
}

const substitute = (text: string, keys: Record<string, string>) => Object.entries(keys).reduce((t, [name, key]) => t.split(`\${session:${name}}`).join(key), text);
const hdrs = (headers: [string, string][] | undefined, keys: Record<string, string>): [Uint8Array, Uint8Array][] =>
  (headers ?? []).map(([n, v]) => [latin1_encode(n), latin1_encode(substitute(v, keys))]);

// --- layer operations ------------------------------------------------------------------------------------

function resolve_channel(ref: Json, aliases: Record<string, string>): any {
  if (ref !== null && typeof ref === "object") return "client" in ref ? State.channels[ref.client] : aliases[ref.alias];
  return ref;
}

async function layer_op(layer: BaseChannelLayer, step: Json, aliases: Record<string, string>, empty_timeout: number | null = null): Promise<Json> {
  const op = step.op;
  if (op === "layer_send" || op === "send") {
    await layer.send(resolve_channel(step.channel, aliases), dec(step.message));
    return { ok: true };
  }
  if (op === "layer_receive" || op === "receive") {
    const task = layer.receive(resolve_channel(step.channel, aliases));
    try {
      return { message: enc(await wait_for(task, empty_timeout ?? T_ANSWER)) };
    } catch (e) {
      if (e instanceof TimeoutError) return { empty: true };
      throw e;
    }
  }
  if (op === "group_add") {
    await layer.group_add(step.group, resolve_channel(step.channel, aliases));
    return { ok: true };
  }
  if (op === "group_discard") {
    await layer.group_discard(step.group, resolve_channel(step.channel, aliases));
    return { ok: true };
  }
  if (op === "group_send") {
    await layer.group_send(step.group, dec(step.message));
    return { ok: true };
  }
  if (op === "flush") {
    await layer.flush();
    return { ok: true };
  }
  if (op === "new_channel") {
    const name = "prefix" in step ? await layer.new_channel(step.prefix) : await layer.new_channel();
    const m = CHANNEL_RE.exec(name);
    if (!m) throw new Error(`new_channel gave ${name}`);
    aliases[step.as] = name;
    return { name: `${m[1]}.inmemory!<rand12>` };
  }
  throw new Error(`unknown layer op ${op}`);
}

// --- the four input types ------------------------------------------------------------------------------

async function finish(comms: ApplicationCommunicator[]): Promise<void> {
  for (const comm of comms) if (!comm.future.done()) comm.future.cancel();
  for (const comm of comms) await comm.future.then(() => undefined, () => undefined);
}

async function run_ws(input: Json, app: ASGIApplicationLike, keys: Record<string, string>, layer: BaseChannelLayer | null): Promise<Json> {
  const comms: Record<string, WebsocketCommunicator> = {};
  const results: Json[] = [];
  const aliases: Record<string, string> = {};
  try {
    for (const step of input.steps as Json[]) {
      const label: string = step.client ?? "a";
      let res: Json;
      try {
        res = await ws_step(step, label, comms, app, keys, layer, aliases);
      } catch (e) {
        res = outcome(e);
      }
      results.push(redact(res, { ...State.channels, ...aliases }, keys));
    }
  } finally {
    await finish(Object.values(comms));
  }
  return { steps: results };
}

async function ws_step(step: Json, label: string, comms: Record<string, WebsocketCommunicator>, app: ASGIApplicationLike, keys: Record<string, string>, layer: BaseChannelLayer | null, aliases: Record<string, string>): Promise<Json> {
  switch (step.op) {
    case "connect": {
      const comm = new WebsocketCommunicator(app, step.path ?? "/", hdrs(step.headers, keys), step.subprotocols ?? null);
      comm.scope._conf_client = label;
      if ("root_path" in step) comm.scope.root_path = step.root_path;
      comms[label] = comm;
      await comm.send_input({ type: "websocket.connect" });
      const response = await comm.receive_output(T_ANSWER);
      if (response.type === "websocket.close") return { accepted: false, code: response.code ?? 1000, message: enc(response) };
      return { accepted: true, subprotocol: response.subprotocol ?? null, message: enc(response) };
    }
    case "send": {
      const comm = comms[label];
      if ("text" in step) await comm.send_to({ text_data: step.text });
      else if ("bytes" in step) await comm.send_to({ bytes_data: dec(step.bytes) });
      else await comm.send_json_to(step.json);
      return { ok: true };
    }
    case "receive":
      return { message: enc(await comms[label].receive_output(T_ANSWER)) };
    case "receive_nothing":
      return { nothing: await comms[label].receive_nothing(T_NOTHING, T_NOTHING / 5) };
    case "disconnect":
      await comms[label].disconnect(step.code ?? 1000, T_ANSWER);
      return { stopped: true };
    case "wait":
      await comms[label].wait(T_ANSWER);
      return { stopped: true };
    default:
      if (layer === null) throw new Error("no channel layer");
      return layer_op(layer, step, aliases);
  }
}

/** A raw scope from JSON: headers and query_string as latin-1 bytes, bytes markers decoded. */
function raw_scope(scope: Json, keys: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = dec(scope);
  if ("headers" in scope) out.headers = hdrs(scope.headers, keys);
  for (const k of ["query_string", "raw_path"]) if (typeof scope[k] === "string") out[k] = latin1_encode(scope[k]);
  return out;
}

async function run_asgi(input: Json, app: ASGIApplicationLike, keys: Record<string, string>): Promise<Json> {
  const comm = new ApplicationCommunicator(app, raw_scope(input.scope, keys) as { type: string });
  const results: Json[] = [];
  try {
    for (const step of input.steps as Json[]) {
      let res: Json;
      try {
        if (step.op === "send_input") {
          await comm.send_input(dec(step.message) as Message);
          res = { ok: true };
        } else if (step.op === "receive_output") res = { message: enc(await comm.receive_output(T_ANSWER)) };
        else if (step.op === "receive_nothing") res = { nothing: await comm.receive_nothing(T_NOTHING, T_NOTHING / 5) };
        else if (step.op === "wait") {
          await comm.wait(T_ANSWER);
          res = { stopped: true };
        } else throw new Error(step.op);
      } catch (e) {
        res = outcome(e);
      }
      results.push(redact(res, { ...State.channels }, keys));
    }
  } finally {
    await finish([comm]);
  }
  return { steps: results };
}

async function run_http(input: Json, app: ASGIApplicationLike, keys: Record<string, string>): Promise<Json> {
  const results: Json[] = [];
  const comms: HttpCommunicator[] = [];
  try {
    for (const req of input.requests as Json[]) {
      const body = req.body === undefined ? new Uint8Array(0) : typeof req.body === "object" ? dec(req.body) : utf8_encode(req.body);
      const comm = new HttpCommunicator(app, req.method ?? "GET", req.path ?? "/", body, hdrs(req.headers, keys));
      comms.push(comm);
      let r;
      try {
        r = await comm.get_response(T_ANSWER);
      } catch (e) {
        results.push(outcome(e));
        continue;
      }
      const headers = r.headers.map(([n, v]) => {
        const name = latin1_decode(n);
        const value = latin1_decode(v);
        return [name, name.toLowerCase() === "set-cookie" ? redact_set_cookie(value, keys) : value];
      });
      let body_out: Json;
      try {
        body_out = redact(utf8_decode(r.body), {}, keys);
      } catch {
        body_out = enc(r.body);
      }
      const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !["status", "headers", "body"].includes(k)).map(([k, v]) => [k, enc(v)]));
      const res: Json = { status: r.status, headers, body: body_out };
      if (Object.keys(extra).length) res.extra = extra;
      results.push(res);
    }
  } finally {
    await finish(comms);
  }
  return { responses: results };
}

async function run_layer(input: Json): Promise<Json> {
  const layer = new InMemoryChannelLayer(input.layer ?? {});
  const aliases: Record<string, string> = {};
  const results: Json[] = [];
  for (const step of input.steps as Json[]) {
    let res: Json;
    try {
      res = await layer_op(layer, step, aliases, T_LAYER_EMPTY);
    } catch (e) {
      res = outcome(e);
    }
    results.push(redact(res, aliases, {}));
  }
  return { steps: results };
}

/** Messages Python writes itself (not Channels): the class must match, the text is informational. */
const INFORMATIONAL = new Set(["JSONDecodeError", "ImproperlyConfigured"]);

function compare(actual: Json, expected: Json): CaseResult {
  const loosen = (value: Json, other: Json): Json => {
    if (Array.isArray(value)) return value.map((v, i) => loosen(v, Array.isArray(other) ? other[i] : undefined));
    if (value !== null && typeof value === "object") {
      if (typeof value.error === "string" && INFORMATIONAL.has(value.error) && other && other.error === value.error) return { ...value, message: other.message };
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loosen(v, other?.[k])]));
    }
    return value;
  };
  const e = canon(expected);
  const d = first_difference(loosen(actual, e), e);
  return d ? { passed: false, message: d } : { passed: true, message: "ok" };
}

async function replay_case(file: CorpusFile, c: CorpusCase): Promise<CaseResult> {
  const input = c.input;
  State.channels = {};
  channel_layers._reset_backends();
  if (input.type === "layer") return compare(await run_layer(input), c.expect);
  await fresh_database();
  configure(file, input.settings ?? {});
  const keys = prepare_sessions(input.sessions ?? {});
  const layer_cfg = "layer" in input ? input.layer : {};
  const layer = layer_cfg === null ? null : new InMemoryChannelLayer(layer_cfg);
  channel_layers.set("default", layer);
  let app: ASGIApplicationLike;
  try {
    app = build_app(input.app);
  } catch (e) {
    return compare({ build_error: outcome(e) }, c.expect);
  }
  const run = input.type === "ws" ? run_ws(input, app, keys, layer) : input.type === "asgi" ? run_asgi(input, app, keys) : run_http(input, app, keys);
  return compare(await run, c.expect);
}

export const replayer: AreaReplayer = {
  async prepare(file) {
    await prepare_database(file);
    return async (c) => {
      install_importer();
      try {
        return await replay_case(file, c);
      } finally {
        set_module_importer(null);
      }
    };
  },
};
