import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { wsgi_hello } from "../../src/scenarios/wsgi-hello";
import { blog_orm } from "../../src/scenarios/blog-orm";
import { channels_chat } from "../../src/scenarios/channels-chat";
import { Session } from "../../src/ui/session";
import { createLabStore } from "../../src/ui/state/store";
import { checkSqliteFile } from "../../src/ui/share/database-file";
import { inProcessClient } from "./session-in-process";

const header = (headers: [string, string][], name: string) => headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
const text = (body: Uint8Array) => new TextDecoder().decode(body);

let runtime: HeadlessRuntime;
beforeAll(async () => {
  runtime = await HeadlessRuntime.create();
});

function open(scenario = wsgi_hello, id = "wsgi-hello") {
  const store = createLabStore();
  const session = new Session(store, inProcessClient(runtime));
  session.openScenario(id, scenario);
  return { store, session };
}

describe("the page's session: scripted requests, private windows and Run all", () => {
  it("Run all on wsgi-hello sends the four scripted requests in order and passes every check; the private window gets 401", async () => {
    const { store, session } = open();
    const checks = await session.runAll();
    expect(checks.map((c) => ["request" in c.check ? c.check.request : -1, c.passed, c.message])).toEqual([
      [0, true, "ok"],
      [1, true, "ok"],
      [2, true, "ok"],
      [3, true, "ok"],
    ]);
    const { exchanges, runAll, cookies } = store.getState();
    expect(exchanges.map((e) => [e.request.method, e.request.target, e.outcome.kind === "response" ? e.outcome.result.response.status : e.outcome.kind, e.initiator, e.privateWindow ?? false])).toEqual([
      ["GET", "/hello?name=World", 200, "script", false],
      ["POST", "/login", 200, "script", false],
      ["GET", "/profile", 200, "script", false],
      ["GET", "/profile", 401, "script", true],
    ]);
    // The third request carried the session cookie the login set; the private window carried none.
    expect(header(exchanges[2].request.headers, "cookie")).toMatch(/^session_id=[0-9a-f]{32}$/);
    expect(header(exchanges[3].request.headers, "cookie")).toBeNull();
    expect(runAll).toEqual({ running: false, exchanges: exchanges.map((e) => e.id), checks, stopped: null });
    expect(cookies.map((c) => c.name)).toEqual(["session_id"]);
    expect(store.getState().announcement).toBe("Run all finished: 4 of 4 checks passed.");
  });

  it("Send on a no_cookies scripted request honours it exactly as the CLI does: no Cookie header, and its Set-Cookie not kept", async () => {
    const { store, session } = open();
    session.selectScript(1);
    await session.sendDraft();
    expect(store.getState().cookies.map((c) => c.name)).toEqual(["session_id"]);
    session.selectScript(3);
    await session.sendDraft();
    const last = store.getState().exchanges.at(-1)!;
    expect(header(last.request.headers, "cookie")).toBeNull();
    expect(last.outcome.kind === "response" && [last.outcome.result.response.status, text(last.outcome.result.response.body)]).toEqual([401, "Unauthorized"]);
    // The same address typed by hand is not the scripted private window: the jar's cookie goes.
    store.setState({ script: null });
    await session.sendDraft();
    const own = store.getState().exchanges.at(-1)!;
    expect(header(own.request.headers, "cookie")).toMatch(/^session_id=/);
    expect(own.outcome.kind === "response" && own.outcome.result.response.status).toBe(200);
  });

  it("Run all on a scenario with a script (channels-chat): requests and WebSocket clients in order, every script check ✓", async () => {
    const { store, session } = open(channels_chat, "channels-chat");
    const checks = await session.runAll();
    expect(checks.map((c) => c.passed)).toEqual(channels_chat.checks!.map(() => true));
    expect(checks[0].message).toBe("received accepted");
    expect(checks[3].message).toContain("Welcome to the lobby");
    expect(store.getState().clients.map((c) => c.name).sort()).toEqual(["ann", "bob"]);
  });

  it("a private-window login keeps none of the cookies it is given", async () => {
    const scenario = { ...wsgi_hello, requests: [{ ...wsgi_hello.requests[1], no_cookies: true }] };
    const { store, session } = open(scenario, "private-login");
    session.selectScript(0);
    await session.sendDraft();
    const exchange = store.getState().exchanges[0];
    expect(exchange.outcome.kind === "response" && header(exchange.outcome.result.response.headers, "set-cookie")).toMatch(/^session_id=/);
    expect(store.getState().cookies).toEqual([]);
  });

  it("Run all starts from an empty jar and a fresh database, and reports a failed check with its reason", async () => {
    const scenario = { ...wsgi_hello, checks: [...(wsgi_hello.checks ?? []), { request: 3, status: 200 }] };
    const { store, session } = open(scenario, "extra-check");
    store.setState({ cookies: [{ name: "stale", value: "1", path: "/", expires: null, httpOnly: false, secure: false, sameSite: null, created: 0 } as never] });
    const checks = await session.runAll();
    expect(checks.at(-1)).toMatchObject({ passed: false, message: "status 401, expected 200" });
    expect(header(store.getState().exchanges[0].request.headers, "cookie")).toBeNull();
    expect(store.getState().announcement).toBe("Run all finished: 4 of 5 checks passed.");
  });
});

describe("the page's session: the database as a .sqlite file", () => {
  it("exports the project's database as a SQLite file and imports one back in its place", async () => {
    const { session } = open(blog_orm, "blog-orm");
    const exported = await session.exportDatabase();
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(checkSqliteFile(exported.image)).toBeNull();
    expect(text(exported.image.slice(0, 15))).toBe("SQLite format 3");
    const imported = await session.importDatabase(exported.image);
    expect(imported).toEqual({ ok: true });
    const tables = await session.tables();
    const counts = tables.kind === "done" && tables.value.ok ? Object.fromEntries(tables.value.tables.map((t) => [t.name, t.rows])) : {};
    expect(counts.blog_post).toBeGreaterThan(0);
    expect(counts.django_migrations).toBeGreaterThan(0);
  });

  it("a file SQLite cannot read leaves the database as it was", async () => {
    const { session } = open(blog_orm, "blog-orm");
    const before = await session.exportDatabase();
    const junk = new Uint8Array(4096);
    junk.set(new TextEncoder().encode("SQLite format 3\u0000"));
    junk[16] = 0x10; // page size 4096
    const imported = await session.importDatabase(junk);
    expect(imported.ok).toBe(false);
    const after = await session.exportDatabase();
    expect(before.ok && after.ok && after.image.length).toBe(before.ok ? before.image.length : -1);
  });
});
