import { describe, expect, it } from "vitest";
import { RuntimeClient, type RejectedMessage, type WorkerLike } from "../../src/runtime/client";
import type { ChannelIn } from "../../src/runtime/channel";
import { LIMITS } from "../../src/runtime/protocol-schema";

const TRACE = { spans: [{ id: 0, parent: null, kind: "request", name: "GET /", start: 0, end: 1, attrs: {} }] };
const RESPONSE = { status: 200, reason: "OK", headers: [["Content-Type", "text/plain"]], body: new TextEncoder().encode("real") };
const REQUEST = { method: "GET", target: "/", headers: [] as [string, string][], body: "" };

/** A worker the test drives: it records what the page posted and lets the test answer (or forge). */
class ScriptedWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: ChannelIn[] = [];
  terminated = false;
  postMessage(message: ChannelIn): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  lastId(): number {
    const last = this.posted[this.posted.length - 1];
    return "id" in last ? last.id : -1;
  }
}

function setup(deadlineMs = 5000) {
  const workers: ScriptedWorker[] = [];
  const rejected: RejectedMessage[] = [];
  const logs: string[] = [];
  const client = new RuntimeClient({
    deadlineMs,
    createWorker: () => {
      const w = new ScriptedWorker();
      workers.push(w);
      return w;
    },
    onRejected: (r) => rejected.push(r),
    onLog: (entry) => logs.push(entry.message),
  });
  return { client, workers, rejected, logs };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("RuntimeClient accepts only checked replies to the call in flight", () => {
  it("a well-formed reply with the call's id is the call's result", async () => {
    const { client, workers } = setup();
    const pending = client.request(REQUEST);
    await tick();
    workers[0].send({ type: "response", id: workers[0].lastId(), result: { response: RESPONSE, trace: TRACE, logs: [] } });
    const outcome = await pending;
    expect(outcome.kind).toBe("done");
    expect(outcome.kind === "done" && new TextDecoder().decode(outcome.value.response.body)).toBe("real");
  });

  it("a forged reply for a call not yet made is dropped and reported; the real one still answers", async () => {
    const { client, workers, rejected } = setup();
    workers[0].send({ type: "response", id: 2, result: { response: { ...RESPONSE, body: new TextEncoder().encode("FORGED by earlier user code") }, trace: TRACE, logs: [] } });
    const pending = client.request(REQUEST);
    await tick();
    const id = workers[0].lastId();
    expect(id).toBe(1);
    workers[0].send({ type: "response", id, result: { response: RESPONSE, trace: TRACE, logs: [] } });
    const outcome = await pending;
    expect(outcome.kind === "done" && new TextDecoder().decode(outcome.value.response.body)).toBe("real");
    expect(rejected.map((r) => r.reason)).toEqual(['A message from the runtime was dropped: a "response" reply for call 2, which is not running.']);
  });

  it("a reply of the wrong type for the call is dropped", async () => {
    const { client, workers, rejected } = setup();
    const pending = client.tables();
    await tick();
    const id = workers[0].lastId();
    workers[0].send({ type: "response", id, result: { response: RESPONSE, trace: TRACE, logs: [] } });
    workers[0].send({ type: "tables", id, result: { ok: true, tables: [] } });
    expect((await pending).kind).toBe("done");
    expect(rejected.map((r) => r.reason)).toEqual(['A message from the runtime was dropped: a "response" reply to a call that expects "tables".']);
  });

  it("a malformed reply to the call in flight fails that call with a ProtocolError (nothing rendered)", async () => {
    const { client, workers, rejected } = setup();
    const pending = client.request(REQUEST);
    await tick();
    workers[0].send({ type: "response", id: workers[0].lastId(), result: { response: RESPONSE, trace: null, logs: [] } });
    const outcome = await pending;
    expect(outcome).toMatchObject({ kind: "failed", error: { type: "ProtocolError", message: "The runtime's answer was refused: response.result.trace: expected an object, got null" } });
    expect(rejected).toHaveLength(1);
  });

  it("garbage (null, strings, unknown types) is dropped and reported, never thrown", async () => {
    const { workers, rejected } = setup();
    for (const data of [null, "boom", 42, { type: "navigate" }, { type: "response" }]) workers[0].send(data);
    expect(rejected.map((r) => r.reason)).toEqual([
      "A message from the runtime was dropped: message: expected an object, got null.",
      'A message from the runtime was dropped: message: expected an object, got the string "boom".',
      "A message from the runtime was dropped: message: expected an object, got number 42.",
      'A message from the runtime was dropped: message.type: the string "navigate" is not a message the runtime sends.',
      "A message from the runtime was dropped: response.id: missing.",
    ]);
  });

  it("console lines count only while a call runs, and at most MAX_STREAMED_LOGS of them", async () => {
    const { client, workers, logs, rejected } = setup();
    workers[0].send({ type: "log", entry: { level: "log", message: "between calls", time: 0 } });
    const pending = client.request(REQUEST);
    await tick();
    for (let i = 0; i < 5005; i++) workers[0].send({ type: "log", entry: { level: "log", message: `line ${i}`, time: i } });
    workers[0].send({ type: "response", id: workers[0].lastId(), result: { response: RESPONSE, trace: TRACE, logs: [] } });
    await pending;
    expect(logs).toHaveLength(5000);
    expect(logs[4999]).toBe("line 4999");
    expect(rejected.map((r) => r.reason)).toEqual(["A message from the runtime was dropped: a console line arrived while no call was running."]);
  });
});

describe("RuntimeClient keeps a database image only for the call that sent it, within the limit", () => {
  it("an image tagged with the running call is the restore point once the call replies", async () => {
    const { client, workers } = setup();
    const pending = client.request(REQUEST);
    await tick();
    const id = workers[0].lastId();
    workers[0].send({ type: "database", id, image: new Uint8Array([1, 2, 3]) });
    expect(client.databaseSnapshot).toBeNull();
    workers[0].send({ type: "response", id, result: { response: RESPONSE, trace: TRACE, logs: [], database_changed: true } });
    await pending;
    expect([...client.databaseSnapshot!]).toEqual([1, 2, 3]);
  });

  it("an image for another call, or over the size limit, is not kept", async () => {
    const { client, workers, rejected } = setup();
    workers[0].send({ type: "database", id: 9, image: new Uint8Array([9]) });
    const pending = client.request(REQUEST);
    await tick();
    const id = workers[0].lastId();
    const huge = { byteLength: LIMITS.databaseBytes + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    workers[0].send({ type: "database", id, image: huge });
    workers[0].send({ type: "response", id, result: { response: RESPONSE, trace: TRACE, logs: [] } });
    await pending;
    expect(client.databaseSnapshot).toBeNull();
    expect(rejected.map((r) => r.reason)).toEqual([
      "A message from the runtime was dropped: a database image for call 9, which is not running.",
      `A message from the runtime was dropped: database.image: ${LIMITS.databaseBytes + 1} bytes (at most ${LIMITS.databaseBytes}).`,
    ]);
  });
});

describe("RuntimeClient replaces a stuck worker; the old generation is never heard again", () => {
  it("at the deadline: a new worker, given the last files and database; a late reply from the old one is ignored", async () => {
    const { client, workers, rejected } = setup(50);
    const load = client.load({ files: { "app.ts": "x" }, entry: { kind: "wsgi", application: "app.application" } });
    await tick();
    workers[0].send({ type: "database", id: 1, image: new Uint8Array([7]) });
    workers[0].send({ type: "loaded", id: 1, result: { ok: true, modules: ["app.ts"], logs: [], trace: TRACE } });
    expect((await load).kind).toBe("done");
    const stuck = client.request(REQUEST);
    await new Promise((r) => setTimeout(r, 80));
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted.map((m) => m.type)).toEqual(["restore-database", "load"]);
    // The old worker answers the stuck request late: its generation is gone, so nothing happens.
    workers[0].send({ type: "response", id: 2, result: { response: RESPONSE, trace: TRACE, logs: [] } });
    workers[1].send({ type: "loaded", id: workers[1].lastId(), result: { ok: true, modules: ["app.ts"], logs: [], trace: TRACE } });
    expect(await stuck).toMatchObject({ kind: "deadline", phase: "request" });
    expect(rejected).toEqual([]);
    expect([...client.databaseSnapshot!]).toEqual([7]);
  });
});
