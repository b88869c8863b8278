/**
 * The runtime worker: protocol messages from the page → the same `HeadlessRuntime` the tests and
 * the CLI use → protocol messages back. Main function: `handle`.
 *
 * Where it runs (docs/adr/0019-runtime-isolation.md): a classic worker started from a `blob:` URL
 * by the opaque-origin sandbox frame (public/runtime-frame.html), so it inherits the frame's content
 * security policy — no connections, no scripts but blobs, no fonts or images — and has no storage:
 * the platform denies network and storage however user code reaches for them. Nothing is hidden
 * by name here.
 *
 * The channel (channel.ts): the frame's one boot message carries the MessagePort the page talks
 * on. Before any user module can run, the worker keeps the port in this closure with the native
 * `postMessage` bound to it and reads events through native getters captured at start, so user
 * code that patches prototypes (`MessagePort.prototype.postMessage`, `MessageEvent.prototype.data`,
 * `Function.prototype.call`) or replaces `self.onmessage` can neither read nor forge the protocol.
 *
 * Besides protocol.ts's messages it speaks channel.ts's two extensions: after every call that
 * changed the database it posts the database image (tagged with the call's id), and a replacement
 * worker accepts that image back.
 */
import { HeadlessRuntime } from "./headless";
import { mode_boot } from "../modes";
import { PROTOCOL_VERSION, type ErrorInfo } from "./protocol";
import type { BootMessage, ChannelIn, ChannelOut } from "./channel";
import type { SqliteBootOptions } from "./sqlite";

/** The few parts of the worker's global scope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

// Native functions, captured while only runtime code has run (module evaluation).
const bind = Function.prototype.call.bind(Function.prototype.bind) as <F>(fn: F, self: unknown) => F;
const eventData = getter(MessageEvent.prototype, "data");
const eventPorts = getter(MessageEvent.prototype, "ports");
const portPostMessage = MessagePort.prototype.postMessage;

function getter(proto: object, name: string): (target: unknown) => unknown {
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (!get) throw new Error(`The runtime cannot start: MessageEvent.${name} has no getter.`);
  // `Function.prototype.call` bound once: later patches of `call` do not reach this function.
  return Function.prototype.call.bind(get) as (target: unknown) => unknown;
}

let post: (message: ChannelOut) => void = () => undefined;
let runtime: Promise<HeadlessRuntime> | null = null;
let pendingRestore: Uint8Array | null = null;

scope.onmessage = (event) => {
  const boot = eventData(event) as BootMessage;
  const port = (eventPorts(event) as readonly MessagePort[])[0];
  if (!boot || boot.type !== "boot" || !port || runtime) return;
  scope.onmessage = null;
  post = bind(portPostMessage, port) as unknown as (message: ChannelOut) => void;
  port.onmessage = (e) => receive(eventData(e) as ChannelIn);
  runtime = start(boot.wasm, boot.warm);
};

/** The most modes a boot message may ask to warm, and what an id looks like (as the frame checks them). */
const MAX_WARM = 4;
const MODE_ID = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * Evaluate the modes the page guessed (the first project's, usually), once the runtime is ready and
 * before any call is handled: their code compiles while the page is still starting instead of when
 * the project's load arrives. Unknown ids are ignored; a mode that fails to evaluate fails again,
 * with its error reported, when a project of that mode loads.
 */
export function warm_modes(ids: unknown): string[] {
  const warmed: string[] = [];
  if (!Array.isArray(ids)) return warmed;
  for (const id of ids.slice(0, MAX_WARM)) {
    if (typeof id !== "string" || !MODE_ID.test(id)) continue;
    try {
      if (mode_boot(id)) warmed.push(id);
    } catch {
      /* reported when a project of this mode loads */
    }
  }
  return warmed;
}

function start(wasm: BootMessage["wasm"], warm: unknown): Promise<HeadlessRuntime> {
  const sqlite: SqliteBootOptions =
    wasm instanceof WebAssembly.Module
      ? {
          instantiateWasm: (imports, receive) => {
            void WebAssembly.instantiate(wasm, imports).then(receive);
            return {};
          },
        }
      : { wasmBinary: wasm };
  const created = HeadlessRuntime.create({ sqlite, packed_traces: true }).then((r) => {
    r.on_log = (entry) => post({ type: "log", entry });
    return r;
  });
  created.then(
    () => {
      post({ type: "ready", version: PROTOCOL_VERSION });
      warm_modes(warm);
    },
    (e: unknown) => post({ type: "error", id: null, error: runtimeError(`The runtime could not start: ${describe(e)}`) }),
  );
  return created;
}

function receive(message: ChannelIn): void {
  void handle(message).catch((e: unknown) => {
    const id = "id" in message ? message.id : null;
    post({ type: "error", id, error: runtimeError(describe(e)) });
  });
}

function runtimeError(text: string): ErrorInfo {
  return { type: "RuntimeError", message: text, frames: [] };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function handle(message: ChannelIn): Promise<void> {
  if (!runtime) return;
  const r = await runtime;
  switch (message.type) {
    case "restore-database":
      pendingRestore = message.image;
      return;
    case "load": {
      const kept = message.keep_database ? r.export_database() : null;
      const database = message.options?.database ?? pendingRestore ?? kept ?? undefined;
      pendingRestore = null;
      const result = await r.load(message.scenario, database ? { database } : {});
      postDatabase(r, message.id);
      post({ type: "loaded", id: message.id, result });
      return;
    }
    case "request": {
      const result = await r.request(message.request, message.options);
      if (result.database_changed) postDatabase(r, message.id);
      post({ type: "response", id: message.id, result });
      return;
    }
    case "render_template":
      post({ type: "rendered", id: message.id, result: await r.render_template(message.source, message.context) });
      return;
    case "inspect_class":
      post({ type: "inspected", id: message.id, result: await r.inspect_class(message.path) });
      return;
    case "command": {
      const result = await r.command(message.command);
      if (result.database_changed) postDatabase(r, message.id);
      post({ type: "commanded", id: message.id, result });
      return;
    }
    case "explain":
      post({ type: "explained", id: message.id, result: await r.explain(message.sql, message.params) });
      return;
    case "select":
      post({ type: "selected", id: message.id, result: await r.select(message.sql, message.params ?? []) });
      return;
    case "socket": {
      const result = await r.socket(message.action);
      if (result.database_changed) postDatabase(r, message.id);
      post({ type: "socket_result", id: message.id, result });
      return;
    }
    case "tables":
      post({ type: "tables", id: message.id, result: await r.tables() });
      return;
    case "export_database":
      post({ type: "database_exported", id: message.id, image: r.export_database() });
      return;
  }
}

/** The database image, sent just before the reply of the call that changed it. */
function postDatabase(r: HeadlessRuntime, id: number): void {
  const image = r.export_database();
  if (image) post({ type: "database", id, image });
}
