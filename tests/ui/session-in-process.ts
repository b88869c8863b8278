/**
 * A RuntimeClient whose "worker" is a HeadlessRuntime in this process: the page's session logic
 * (cookies, scripted requests, Run all, database files) tested in Node against the real runtime.
 */
import { HeadlessRuntime } from "../../src/runtime/headless";
import { RuntimeClient, type RuntimeClientOptions, type WorkerLike } from "../../src/runtime/client";
import type { PageToWorker, WorkerToPage } from "../../src/runtime/protocol";

type Out = WorkerToPage | { type: "database"; image: Uint8Array };

export function inProcessWorker(runtime: HeadlessRuntime): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage(message) {
      void handle(message as PageToWorker);
    },
  };
  const post = (data: Out) => setTimeout(() => worker.onmessage?.({ data } as MessageEvent<Out>), 0);
  async function handle(m: PageToWorker): Promise<void> {
    switch (m.type) {
      case "load": {
        const kept = m.keep_database ? runtime.export_database() : null;
        const database = m.options?.database ?? kept ?? undefined;
        post({ type: "loaded", id: m.id, result: await runtime.load(m.scenario, database ? { database } : {}) });
        return;
      }
      case "request":
        post({ type: "response", id: m.id, result: await runtime.request(m.request, m.options) });
        return;
      case "tables":
        post({ type: "tables", id: m.id, result: await runtime.tables() });
        return;
      case "socket":
        post({ type: "socket_result", id: m.id, result: await runtime.socket(m.action) });
        return;
      case "export_database":
        post({ type: "database_exported", id: m.id, image: runtime.export_database() });
        return;
      default:
        post({ type: "error", id: "id" in m ? m.id : null, error: { type: "RuntimeError", message: `not in the test worker: ${m.type}`, frames: [] } });
    }
  }
  post({ type: "ready", version: 1 });
  return worker;
}

export function inProcessClient(runtime: HeadlessRuntime): (options: RuntimeClientOptions) => RuntimeClient {
  return (options) => new RuntimeClient({ ...options, deadlineMs: 60_000, createWorker: () => inProcessWorker(runtime) });
}
