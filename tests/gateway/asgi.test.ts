import { describe, expect, it } from "vitest";
import { Lifespan, WebSocketConnection, build_http_scope, build_websocket_scope, scope_json, serve_asgi, type ASGIApplication, type ASGIMessage, type HTTPScope } from "../../src/gateway/asgi";
import type { HttpRequestMessage } from "../../src/gateway/exchange";
import { Recorder, set_active_recorder, type Span } from "../../src/trace";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function req(partial: Partial<HttpRequestMessage> = {}): HttpRequestMessage {
  return { method: "GET", target: "/", headers: [["Host", "testserver"]], body: "", ...partial };
}

const start = (status = 200, headers: [string, string][] = [["content-type", "text/plain"]]): ASGIMessage => ({
  type: "http.response.start",
  status,
  headers: headers.map(([k, v]) => [enc(k), enc(v)]),
});
const body = (text: string, more_body = false): ASGIMessage => ({ type: "http.response.body", body: enc(text), more_body });

const hello: ASGIApplication = async (_scope, _receive, send) => {
  await send(start());
  await send(body("Hello"));
};

async function traced<T>(fn: () => Promise<T>): Promise<{ value: T; spans: Span[] }> {
  const recorder = new Recorder();
  const previous = set_active_recorder(recorder);
  try {
    const value = await fn();
    return { value, spans: recorder.trace().spans };
  } finally {
    set_active_recorder(previous);
  }
}

async function serve(app: ASGIApplication, request = req()) {
  const { value: response, spans } = await traced(() => serve_asgi(app, request));
  return { response, text: dec(response.body), spans, gateway: spans.find((s) => s.kind === "gateway")! };
}

describe("build_http_scope: HTTP message → ASGI http scope, as uvicorn builds it", () => {
  it("has exactly uvicorn's keys: bytes headers lowercased in order, raw_path, decoded path, raw query", () => {
    const scope = build_http_scope(
      req({
        method: "POST",
        target: "/caf%C3%A9/a%2Fb+c?x=1&y=%20",
        headers: [
          ["Host", "example.com:8000"],
          ["X-Forwarded-For", "1.1.1.1"],
          ["X-Forwarded-For", "2.2.2.2"],
          ["X_Under", " kept "],
        ],
        remote_addr: "10.0.0.7",
        remote_port: 41234,
      }),
    );
    expect(scope_json(scope)).toEqual({
      type: "http",
      asgi: { version: "3.0", spec_version: "2.3" },
      http_version: "1.1",
      server: ["example.com", 8000],
      client: ["10.0.0.7", 41234],
      scheme: "http",
      method: "POST",
      root_path: "",
      path: "/café/a/b+c",
      raw_path: "b'/caf%C3%A9/a%2Fb+c'",
      query_string: "b'x=1&y=%20'",
      headers: [
        ["host", "example.com:8000"],
        ["x-forwarded-for", "1.1.1.1"],
        ["x-forwarded-for", "2.2.2.2"],
        ["x_under", "kept"],
      ],
      state: {},
    });
    expect(scope.raw_path).toBeInstanceOf(Uint8Array);
    expect(scope.headers[0][0]).toBeInstanceOf(Uint8Array);
  });

  it("escapes a non-ASCII target as a browser does; prefixes root_path to path and raw_path; copies the lifespan state", () => {
    const state = { db: "connected" };
    const scope = build_http_scope(req({ target: "/é?q=ü", scheme: "https", headers: [] }), { root_path: "/api", state });
    expect([scope.path, dec(scope.raw_path), dec(scope.query_string), scope.scheme]).toEqual(["/api/é", "/api/%C3%A9", "q=%C3%BC", "https"]);
    expect(scope.server).toEqual(["localhost", 443]);
    expect(scope.client).toEqual(["127.0.0.1", 50000]);
    expect(scope.state).toEqual({ db: "connected" });
    expect(scope.state).not.toBe(state);
  });

  it("decodes invalid UTF-8 in the path as U+FFFD, like urllib.parse.unquote", () => {
    expect(build_http_scope(req({ target: "/%FF%41" })).path).toBe("/\ufffdA");
  });
});

describe("serve_asgi: the request–response cycle", () => {
  it("returns the status, the reason phrase, the headers and the body", async () => {
    const { response, text } = await serve(async (_s, _r, send) => {
      await send(start(201, [["content-type", "application/json"], ["x-a", "1"], ["x-a", "2"]]));
      await send(body('{"a"', true));
      await send(body(":1}"));
    });
    expect([response.status, response.reason, response.headers, text]).toEqual([
      201,
      "Created",
      [["content-type", "application/json"], ["x-a", "1"], ["x-a", "2"]],
      '{"a":1}',
    ]);
  });

  it("receive() gives the body once, then http.disconnect only after the response is complete", async () => {
    const seen: unknown[] = [];
    await serve(
      async (_scope, receive, send) => {
        const first = await receive();
        seen.push({ ...first, body: dec(first.body as Uint8Array) });
        const later = receive().then((m) => seen.push(m));
        await send(start());
        seen.push("started");
        await send(body("ok"));
        seen.push("completed");
        await later;
      },
      req({ method: "POST", body: "a=1" }),
    );
    expect(seen).toEqual([{ type: "http.request", body: "a=1", more_body: false }, "started", "completed", { type: "http.disconnect" }]);
  });

  const violations: [string, ASGIApplication, string][] = [
    ["a body before the start", async (_s, _r, send) => void (await send(body("x"))), "Expected ASGI message 'http.response.start', but got 'http.response.body'."],
    ["a second start", async (_s, _r, send) => void (await send(start()), await send(start())), "Expected ASGI message 'http.response.body', but got 'http.response.start'."],
    ["a message after the last body", async (_s, _r, send) => void (await send(start()), await send(body("a")), await send(body("b"))), "Unexpected ASGI message 'http.response.body' sent, after response already completed."],
  ];
  for (const [name, app, message] of violations) {
    it(`raises uvicorn's RuntimeError into the app for ${name}`, async () => {
      let raised: unknown;
      await serve(async (scope, receive, send) => {
        try {
          await app(scope, receive, send);
        } catch (e) {
          raised = e;
          throw e;
        }
      });
      expect(raised).toBeInstanceOf(Error);
      expect([(raised as { constructor: { python_name: string } }).constructor.python_name, (raised as Error).message]).toEqual(["RuntimeError", message]);
    });
  }

  it("an app that raises before starting its response → uvicorn's 500, and the exception on the gateway span", async () => {
    const { response, text, gateway } = await serve(async () => {
      throw new TypeError("boom");
    });
    expect([response.status, response.headers, text]).toEqual([500, [["content-type", "text/plain; charset=utf-8"], ["connection", "close"]], "Internal Server Error"]);
    expect(gateway.error).toEqual({ type: "TypeError", message: "boom" });
    expect(gateway.attrs.server_log).toEqual(["Exception in ASGI application: TypeError: boom"]);
  });

  it("an app that returns without starting → 500 with uvicorn's log line; without completing → the body so far", async () => {
    const silent = await serve(async () => {});
    expect([silent.response.status, silent.gateway.attrs.server_log]).toEqual([500, ["ASGI callable returned without starting response."]]);
    const cut = await serve(async (_s, _r, send) => {
      await send(start());
      await send(body("par", true));
    });
    expect([cut.response.status, cut.text, cut.gateway.attrs.server_log, cut.gateway.attrs.connection_closed]).toEqual([200, "par", ["ASGI callable returned without completing response."], true]);
  });

  it("an exception after the response started keeps the response the client already has", async () => {
    const { response, text, gateway } = await serve(async (_s, _r, send) => {
      await send(start());
      await send(body("sent"));
      throw new Error("in a background task");
    });
    expect([response.status, text, gateway.error?.message]).toEqual([200, "sent", "in a background task"]);
  });

  it("a mistyped message is a clear TypeError", async () => {
    let raised: unknown;
    await serve(async (_s, _r, send) => {
      await send(start());
      try {
        await send({ type: "http.response.body", body: "text, not bytes" });
      } catch (e) {
        raised = e;
      }
      await send(body(""));
    });
    expect((raised as Error).message).toBe("ASGI message 'http.response.body' needs 'body' as bytes, got str.");
  });

  it("sends no body for HEAD", async () => {
    const { response } = await serve(hello, req({ method: "HEAD" }));
    expect([response.status, response.body.length]).toEqual([200, 0]);
  });

  it("records the scope and every message as asgi spans, in order, with their timing", async () => {
    const { spans, gateway } = await serve(async (_scope, receive, send) => {
      await receive();
      await send(start());
      await send(body("Hello"));
    }, req({ method: "POST", target: "/p?q=1", body: "hi" }));
    const asgi = spans.filter((s) => s.kind === "asgi");
    expect(asgi.map((s) => s.name)).toEqual(["scope http", "receive http.request", "send http.response.start", "send http.response.body"]);
    expect(asgi.every((s) => s.parent === gateway.id && typeof s.attrs.at === "number")).toBe(true);
    expect(asgi[1].attrs.message).toEqual({ type: "http.request", body: "b'hi'", more_body: false });
    expect(asgi[2].attrs.message).toEqual({ type: "http.response.start", status: 200, headers: [["content-type", "text/plain"]] });
    expect([gateway.name, gateway.attrs.status, gateway.attrs.bytes_sent]).toEqual(["ASGI POST /p?q=1", 200, 5]);
  });
});

describe("Lifespan: startup and shutdown (uvicorn's auto mode)", () => {
  it("startup.complete and shutdown.complete; the state it fills reaches each request's scope", async () => {
    const seen: string[] = [];
    const app: ASGIApplication = async (scope, receive, send) => {
      if (scope.type === "lifespan") {
        for (;;) {
          const message = await receive();
          seen.push(message.type);
          if (message.type === "lifespan.startup") {
            scope.state!.greeting = "hi";
            await send({ type: "lifespan.startup.complete" });
          } else {
            await send({ type: "lifespan.shutdown.complete" });
            return;
          }
        }
      }
      await send(start());
      await send(body(String((scope as HTTPScope).state?.greeting)));
    };
    const lifespan = new Lifespan(app);
    expect(await lifespan.startup()).toEqual({ ok: true });
    const response = await serve_asgi(app, req(), { state: lifespan.state });
    expect(dec(response.body)).toBe("hi");
    expect(await lifespan.shutdown()).toEqual({ ok: true });
    expect(seen).toEqual(["lifespan.startup", "lifespan.shutdown"]);
    expect(lifespan.log).toEqual(["Application startup complete.", "Application shutdown complete."]);
  });

  it("startup.failed is reported with its message", async () => {
    const lifespan = new Lifespan(async (_scope, receive, send) => {
      await receive();
      await send({ type: "lifespan.startup.failed", message: "no database" });
    });
    expect(await lifespan.startup()).toEqual({ ok: false, message: "Application startup failed. Exiting." });
    expect(lifespan.log).toEqual(["no database", "Application startup failed. Exiting."]);
  });

  it("an app that raises on the lifespan scope does not speak the protocol, and is served anyway", async () => {
    const lifespan = new Lifespan(async (scope) => {
      if (scope.type === "lifespan") throw new Error("unsupported scope type");
    });
    expect(await lifespan.startup()).toEqual({ ok: true });
    expect(await lifespan.shutdown()).toEqual({ ok: true });
    expect(lifespan.log).toEqual(["ASGI 'lifespan' protocol appears unsupported.", "Application startup complete."]);
  });

  it("a message out of order is uvicorn's AssertionError", async () => {
    let raised: unknown;
    const lifespan = new Lifespan(async (_scope, receive, send) => {
      await receive();
      try {
        await send({ type: "lifespan.shutdown.complete" });
      } catch (e) {
        raised = e;
      }
      await send({ type: "lifespan.startup.complete" });
    });
    await lifespan.startup();
    expect((raised as Error).message).toBe("Got invalid state transition on lifespan protocol.");
  });
});

describe("WebSocketConnection: the websocket scope and frames both ways", () => {
  const ws_request = (headers: [string, string][] = []): HttpRequestMessage =>
    req({ target: "/ws/chat?room=1", headers: [["Host", "testserver"], ["Upgrade", "websocket"], ["Sec-WebSocket-Protocol", "v1.chat, v2.chat"], ...headers] });

  it("builds the websocket scope with the offered subprotocols", () => {
    const scope = build_websocket_scope(ws_request());
    expect(scope_json(scope)).toEqual({
      type: "websocket",
      asgi: { version: "3.0", spec_version: "2.4" },
      http_version: "1.1",
      scheme: "ws",
      server: ["testserver", 80],
      client: ["127.0.0.1", 50000],
      root_path: "",
      path: "/ws/chat",
      raw_path: "b'/ws/chat'",
      query_string: "b'room=1'",
      headers: [["host", "testserver"], ["upgrade", "websocket"], ["sec-websocket-protocol", "v1.chat, v2.chat"]],
      subprotocols: ["v1.chat", "v2.chat"],
      state: {},
      extensions: { "websocket.http.response": {} },
    });
  });

  /** An echo app that records what it received. */
  function echo(log: unknown[]): ASGIApplication {
    return async (scope, receive, send) => {
      const connect = await receive();
      log.push(connect.type);
      await send({ type: "websocket.accept", subprotocol: (scope as { subprotocols: string[] }).subprotocols[1], headers: [[enc("x-room"), enc("1")]] });
      for (;;) {
        const message = await receive();
        log.push(message);
        if (message.type === "websocket.disconnect") return;
        if (message.text === "bye") await send({ type: "websocket.close", code: 4000, reason: "see you" });
        else if (message.text !== undefined) await send({ type: "websocket.send", text: `echo:${message.text}` });
        else await send({ type: "websocket.send", bytes: (message.bytes as Uint8Array).reverse() });
      }
    };
  }

  it("accepts with a subprotocol and headers, echoes text and bytes, and the server's close reaches both sides", async () => {
    const log: unknown[] = [];
    const connection = WebSocketConnection.open(echo(log), ws_request());
    expect(await connection.handshake).toEqual({ accepted: true, subprotocol: "v2.chat", headers: [["x-room", "1"]] });
    connection.send_text("hi");
    expect(await connection.next_event()).toEqual({ type: "accept", subprotocol: "v2.chat", headers: [["x-room", "1"]] });
    expect(await connection.next_event()).toEqual({ type: "text", text: "echo:hi" });
    connection.send_bytes(new Uint8Array([1, 2, 3]));
    expect(await connection.next_event()).toEqual({ type: "bytes", bytes: new Uint8Array([3, 2, 1]) });
    connection.send_text("bye");
    expect(await connection.next_event()).toEqual({ type: "close", code: 4000, reason: "see you" });
    await connection.finished;
    expect(await connection.next_event()).toBeNull();
    expect(connection.close_status).toEqual({ code: 4000, reason: "see you" });
    expect(log.at(-1)).toEqual({ type: "websocket.disconnect", code: 4000, reason: "see you" });
  });

  it("the client's close reaches the app as websocket.disconnect with its code", async () => {
    const log: unknown[] = [];
    const connection = WebSocketConnection.open(echo(log), ws_request());
    await connection.handshake;
    connection.close(1001, "going away");
    await connection.finished;
    expect(log).toEqual(["websocket.connect", { type: "websocket.disconnect", code: 1001, reason: "going away" }]);
    expect(() => connection.send_text("late")).toThrow("Cannot send a frame: the WebSocket is closed.");
  });

  it("a close before the accept refuses the handshake with 403; an exception before it with uvicorn's 500", async () => {
    const refused = WebSocketConnection.open(async (_s, receive, send) => {
      await receive();
      await send({ type: "websocket.close" });
    }, ws_request());
    const outcome = await refused.handshake;
    expect(outcome.accepted ? null : [outcome.response.status, outcome.response.reason]).toEqual([403, "Forbidden"]);
    const crashed = WebSocketConnection.open(async () => {
      throw new Error("boom");
    }, ws_request());
    const crash = await crashed.handshake;
    expect(crash.accepted ? null : [crash.response.status, dec(crash.response.body)]).toEqual([500, "Internal Server Error"]);
    await crashed.finished;
    expect(crashed.server_log).toEqual(["Exception in ASGI application: Error: boom"]);
  });

  it("a denial response (websocket.http.response) reaches the client as an HTTP response", async () => {
    const connection = WebSocketConnection.open(async (_s, receive, send) => {
      await receive();
      await send({ type: "websocket.http.response.start", status: 401, headers: [[enc("content-type"), enc("text/plain")]] });
      await send({ type: "websocket.http.response.body", body: enc("login first") });
    }, ws_request());
    const outcome = await connection.handshake;
    expect(outcome.accepted ? null : [outcome.response.status, outcome.response.headers, dec(outcome.response.body)]).toEqual([401, [["content-type", "text/plain"]], "login first"]);
  });

  it("messages out of order raise uvicorn's RuntimeError; an app that ends after the accept drops the connection (1006)", async () => {
    const errors: string[] = [];
    const connection = WebSocketConnection.open(async (_s, receive, send) => {
      await receive();
      try {
        await send({ type: "websocket.send", text: "too early" });
      } catch (e) {
        errors.push((e as Error).message);
      }
      await send({ type: "websocket.accept" });
      try {
        await send({ type: "websocket.accept" });
      } catch (e) {
        errors.push((e as Error).message);
      }
      await send({ type: "websocket.close" });
      try {
        await send({ type: "websocket.send", text: "after" });
      } catch (e) {
        errors.push((e as Error).message);
      }
    }, ws_request());
    await connection.finished;
    expect(errors).toEqual([
      "Expected ASGI message 'websocket.accept', 'websocket.close' or 'websocket.http.response.start' but got 'websocket.send'.",
      "Expected ASGI message 'websocket.send' or 'websocket.close', but got 'websocket.accept'.",
      "Unexpected ASGI message 'websocket.send', after sending 'websocket.close'.",
    ]);
    const dropped = WebSocketConnection.open(async (_s, receive, send) => {
      await receive();
      await send({ type: "websocket.accept" });
    }, ws_request());
    await dropped.finished;
    expect(dropped.events.map((e) => e.type)).toEqual(["accept", "close"]);
    expect(dropped.close_status).toEqual({ code: 1006, reason: "" });
  });

  it("records each websocket message as an asgi span", async () => {
    const { spans } = await traced(async () => {
      const connection = WebSocketConnection.open(echo([]), ws_request());
      await connection.handshake;
      connection.send_text("x");
      await connection.next_event();
      await connection.next_event();
      connection.close();
      await connection.finished;
    });
    expect(spans.map((s) => s.name)).toEqual(["scope websocket", "receive websocket.connect", "send websocket.accept", "receive websocket.receive", "send websocket.send", "receive websocket.disconnect"]);
  });
});
