/**
 * The runtime worker: protocol messages from the page → the same `HeadlessRuntime` the tests and
 * the CLI use → protocol messages back. Main function: `handle`.
 *
 * Besides protocol.ts's messages, the worker speaks two small extensions the page's client uses to
 * survive a stuck request (`WorkerExtensionIn/Out` below): after every call that changed the
 * database it posts the database image, and a replacement worker accepts that image back.
 *
 * User code runs here, so before the first user module loads the worker removes its own ways out:
 * network (fetch, XMLHttpRequest, WebSocket, EventSource, importScripts), storage (indexedDB,
 * caches) and nested workers. It never had the page's DOM, localStorage or cookies.
 */
import wasmUrl from "sql.js/dist/sql-wasm-browser.wasm?url";
import { HeadlessRuntime } from "./headless";
import { PROTOCOL_VERSION, type PageToWorker, type WorkerToPage } from "./protocol";

/** Page → worker, beyond protocol.ts: the database image to reopen after the next load. */
export type WorkerExtensionIn = { type: "restore-database"; image: Uint8Array };
/** Worker → page, beyond protocol.ts: the database image after a call that changed it. */
export type WorkerExtensionOut = { type: "database"; image: Uint8Array };

type In = PageToWorker | WorkerExtensionIn;
type Out = WorkerToPage | WorkerExtensionOut;

/** The few parts of the worker's global scope used here (the DOM lib types `self` as a Window). */
interface WorkerScope {
  postMessage(message: Out): void;
  onmessage: ((event: MessageEvent<In>) => void) | null;
}
const scope = globalThis as unknown as WorkerScope;

const runtime = HeadlessRuntime.create({ sqlite: { locateFile: () => wasmUrl } }).then((r) => {
  removeWaysOut();
  r.on_log = (entry) => scope.postMessage({ type: "log", entry });
  return r;
});
let pendingRestore: Uint8Array | null = null;

scope.onmessage = (event) => {
  void handle(event.data).catch((e: unknown) => {
    const id = "id" in event.data ? event.data.id : null;
    scope.postMessage({ type: "error", id, error: { type: "RuntimeError", message: e instanceof Error ? e.message : String(e), frames: [] } });
  });
};

runtime.then(
  () => scope.postMessage({ type: "ready", version: PROTOCOL_VERSION }),
  (e: unknown) => scope.postMessage({ type: "error", id: null, error: { type: "RuntimeError", message: `The runtime could not start: ${e instanceof Error ? e.message : String(e)}`, frames: [] } }),
);

export async function handle(message: In): Promise<void> {
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
      scope.postMessage({ type: "loaded", id: message.id, result });
      postDatabase(r);
      return;
    }
    case "request": {
      const result = await r.request(message.request, message.options);
      scope.postMessage({ type: "response", id: message.id, result });
      if (result.database_changed) postDatabase(r);
      return;
    }
    case "render_template":
      scope.postMessage({ type: "rendered", id: message.id, result: await r.render_template(message.source, message.context) });
      return;
    case "inspect_class":
      scope.postMessage({ type: "inspected", id: message.id, result: await r.inspect_class(message.path) });
      return;
    case "command": {
      const result = await r.command(message.command);
      scope.postMessage({ type: "commanded", id: message.id, result });
      if (result.database_changed) postDatabase(r);
      return;
    }
    case "explain":
      scope.postMessage({ type: "explained", id: message.id, result: await r.explain(message.sql, message.params) });
      return;
    case "select":
      scope.postMessage({ type: "selected", id: message.id, result: await r.select(message.sql, message.params ?? []) });
      return;
    case "socket": {
      const result = await r.socket(message.action);
      scope.postMessage({ type: "socket_result", id: message.id, result });
      if (result.database_changed) postDatabase(r);
      return;
    }
    case "tables":
      scope.postMessage({ type: "tables", id: message.id, result: await r.tables() });
      return;
    case "export_database":
      scope.postMessage({ type: "database_exported", id: message.id, image: r.export_database() });
      return;
  }
}

function postDatabase(r: HeadlessRuntime): void {
  const image = r.export_database();
  if (image) scope.postMessage({ type: "database", image });
}

/** Take away the worker globals that reach the network or storage; user code must not use them. */
function removeWaysOut(): void {
  const names = ["fetch", "XMLHttpRequest", "WebSocket", "WebSocketStream", "EventSource", "importScripts", "indexedDB", "caches", "Worker", "SharedWorker", "BroadcastChannel", "WebTransport"];
  for (const name of names) {
    try {
      Object.defineProperty(globalThis, name, {
        configurable: false,
        get() {
          throw new Error(`${name} is not available to user code in Framework Lab (the runtime has no network or storage).`);
        },
      });
    } catch {
      // A non-configurable global stays; the CSP-less worker cannot do more here.
    }
  }
}
