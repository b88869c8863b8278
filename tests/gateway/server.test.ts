import { describe, expect, it } from "vitest";
import { serve_wsgi, environ_json } from "../../src/gateway/server";
import { build_environ } from "../../src/gateway/environ";
import type { HttpRequestMessage, StartResponse, WSGIApplication, WSGIEnviron } from "../../src/gateway/wsgi";
import { Recorder, set_active_recorder } from "../../src/trace";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function req(partial: Partial<HttpRequestMessage> = {}): HttpRequestMessage {
  return { method: "GET", target: "/", headers: [["Host", "localhost"]], body: "", ...partial };
}

const hello: WSGIApplication = (_environ, start_response) => {
  start_response("200 OK", [["Content-Type", "text/plain"]]);
  return [enc("Hello")];
};

async function serve(app: WSGIApplication, request = req()) {
  const recorder = new Recorder();
  const previous = set_active_recorder(recorder);
  try {
    const response = await serve_wsgi(app, request);
    return { response, text: dec(response.body), spans: recorder.trace().spans };
  } finally {
    set_active_recorder(previous);
  }
}

describe("build_environ: HTTP message → PEP 3333 environ", () => {
  it("produces exactly the CGI and wsgi.* keys for a GET with headers", () => {
    const { environ } = build_environ(
      req({
        target: "/caf%C3%A9/a%2Fb?x=1&y=%20",
        headers: [
          ["Host", "example.com:8000"],
          ["Accept", "text/html"],
          ["X-Forwarded-For", "1.1.1.1"],
          ["X-Forwarded-For", "2.2.2.2"],
          ["X_Spoofed", "nope"],
          ["Cookie", "a=1"],
        ],
      }),
    );
    const { "wsgi.input": input, "wsgi.errors": errors, ...rest } = environ;
    expect(rest).toEqual({
      REQUEST_METHOD: "GET",
      SCRIPT_NAME: "",
      PATH_INFO: "/caf\u00c3\u00a9/a/b",
      QUERY_STRING: "x=1&y=%20",
      SERVER_NAME: "example.com",
      SERVER_PORT: "8000",
      SERVER_PROTOCOL: "HTTP/1.1",
      REMOTE_ADDR: "127.0.0.1",
      GATEWAY_INTERFACE: "CGI/1.1",
      HTTP_HOST: "example.com:8000",
      HTTP_ACCEPT: "text/html",
      HTTP_X_FORWARDED_FOR: "1.1.1.1,2.2.2.2",
      HTTP_COOKIE: "a=1",
      "wsgi.version": [1, 0],
      "wsgi.url_scheme": "http",
      "wsgi.multithread": false,
      "wsgi.multiprocess": false,
      "wsgi.run_once": false,
    });
    expect(typeof (input as { read: unknown }).read).toBe("function");
    expect(typeof (errors as { write: unknown }).write).toBe("function");
  });

  it("puts Content-Type and Content-Length in CONTENT_TYPE/CONTENT_LENGTH, not HTTP_*", () => {
    const { environ } = build_environ(req({ method: "POST", headers: [["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "5"]], body: "a=1&b" }));
    expect(environ.CONTENT_TYPE).toBe("application/x-www-form-urlencoded");
    expect(environ.CONTENT_LENGTH).toBe("5");
    expect(environ.HTTP_CONTENT_TYPE).toBeUndefined();
    expect(environ.HTTP_CONTENT_LENGTH).toBeUndefined();
  });

  it("adds CONTENT_LENGTH from the body when the client sent none, and omits both for a bodiless GET", () => {
    expect(build_environ(req({ method: "POST", body: "héllo" })).environ.CONTENT_LENGTH).toBe("6");
    const get = build_environ(req()).environ;
    expect("CONTENT_LENGTH" in get).toBe(false);
    expect("CONTENT_TYPE" in get).toBe(false);
  });

  it("takes SERVER_NAME/PORT from the socket defaults when there is no Host header, and https's port 443", () => {
    const env = build_environ({ method: "GET", target: "/", headers: [], body: "", scheme: "https" }).environ;
    expect([env.SERVER_NAME, env.SERVER_PORT, env["wsgi.url_scheme"]]).toEqual(["localhost", "443", "https"]);
    const ipv6 = build_environ(req({ headers: [["Host", "[::1]:8080"]] })).environ;
    expect([ipv6.SERVER_NAME, ipv6.SERVER_PORT]).toEqual(["[::1]", "8080"]);
  });

  it("escapes a non-ASCII target as a browser would before decoding PATH_INFO as Latin-1", () => {
    const env = build_environ(req({ target: "/café?q=é#frag" })).environ;
    expect(env.PATH_INFO).toBe("/caf\u00c3\u00a9");
    expect(env.QUERY_STRING).toBe("q=%C3%A9");
  });

  it("wsgi.input reads, readlines and iterates the body as bytes", () => {
    const input = build_environ(req({ method: "POST", body: "line1\nline2\nrest" })).environ["wsgi.input"];
    expect(dec(input.read(3))).toBe("lin");
    expect(dec(input.readline())).toBe("e1\n");
    expect(input.readlines().map(dec)).toEqual(["line2\n", "rest"]);
    expect(input.read().length).toBe(0);
    const again = build_environ(req({ body: "a\nb" })).environ["wsgi.input"];
    expect([...again].map(dec)).toEqual(["a\n", "b"]);
  });

  it("summarises the streams when the environ goes into the trace", () => {
    const { environ } = build_environ(req({ body: "abc" }));
    expect(environ_json(environ)["wsgi.input"]).toBe("<wsgi.input: 3 bytes>");
    expect(environ_json(environ)["wsgi.errors"]).toBe("<wsgi.errors>");
  });
});

describe("serve_wsgi: a well-behaved application", () => {
  it("returns status, reason, headers and the concatenated body", async () => {
    const app: WSGIApplication = (_e, start_response) => {
      start_response("201 Created", [["X-A", "1"]]);
      return [enc("a"), enc("bc")];
    };
    const { response, text } = await serve(app);
    expect([response.status, response.reason, response.headers, text]).toEqual([201, "Created", [["X-A", "1"]], "abc"]);
  });

  it("supports the write() callable, async applications and calls close()", async () => {
    let closed = false;
    const app: WSGIApplication = async (_e, start_response) => {
      const write = start_response("200 OK", []);
      write(enc("early "));
      return Object.assign([enc("late")], { close: () => (closed = true) });
    };
    const { text } = await serve(app);
    expect(text).toBe("early late");
    expect(closed).toBe(true);
  });

  it("empties the body of HEAD responses and of 204/304 responses", async () => {
    expect((await serve(hello, req({ method: "HEAD" }))).response.body.length).toBe(0);
    const no_content: WSGIApplication = (_e, sr) => (sr("204 No Content", []), [enc("x")]);
    expect((await serve(no_content)).response.body.length).toBe(0);
  });

  it("lets an error page replace headers with exc_info before any byte is sent", async () => {
    const app: WSGIApplication = (_e, start_response) => {
      start_response("200 OK", []);
      start_response("500 Internal Server Error", [["X-Err", "1"]], new Error("boom"));
      return [enc("oops")];
    };
    const { response } = await serve(app);
    expect([response.status, response.headers]).toEqual([500, [["X-Err", "1"]]]);
  });

  it("records a gateway span with the environ, the start_response call and the bytes written", async () => {
    const { spans } = await serve(hello, req({ target: "/x?y=1" }));
    const gateway = spans.find((s) => s.kind === "gateway")!;
    expect(gateway.name).toBe("WSGI GET /x?y=1");
    expect((gateway.attrs.environ as Record<string, unknown>).PATH_INFO).toBe("/x");
    expect(gateway.attrs.start_response).toEqual([{ status: "200 OK", headers: [["Content-Type", "text/plain"]], exc_info: false }]);
    expect(gateway.attrs.bytes_written).toBe(5);
    expect(gateway.error).toBeUndefined();
  });
});

describe("serve_wsgi: PEP 3333 violations become wsgiref's 500", () => {
  const cases: [string, WSGIApplication, string][] = [
    ["a str body chunk", (_e, sr) => (sr("200 OK", []), ["text" as unknown as Uint8Array]), "AssertionError: write() argument must be a bytes instance"],
    ["bytes returned instead of a list of bytes", (_e, sr) => (sr("200 OK", []), enc("Hi") as unknown as Uint8Array[]), "AssertionError: write() argument must be a bytes instance"],
    ["a str returned as the body", (_e, sr) => (sr("200 OK", []), "Hello" as unknown as Uint8Array[]), "AssertionError: write() argument must be a bytes instance"],
    ["start_response never called", () => [], "AssertionError: start_response() was never called: the application returned without setting a status"],
    ["bytes yielded before start_response", () => [enc("x")], "AssertionError: write() before start_response()"],
    ["start_response called twice", (_e, sr) => (sr("200 OK", []), sr("200 OK", []), []), "AssertionError: Headers already set!"],
    ["a status without a reason", (_e, sr) => (sr("200", []), []), "AssertionError: Status must be at least 4 characters"],
    ["a status not starting with 3 digits", (_e, sr) => (sr("OK 200", []), []), "AssertionError: Status message must begin w/3-digit code"],
    ["a status with no space after the code", (_e, sr) => (sr("200-OK", []), []), "AssertionError: Status message must have a space after code"],
    ["a status that is not a str", (_e, sr) => ((sr as unknown as (s: number, h: []) => void)(200, []), []), "AssertionError: Status must be of type str (got 200)"],
    ["a header value that is not a str", (_e, sr) => (sr("200 OK", [["Content-Length", 5 as unknown as string]]), []), "AssertionError: Header value must be of type str (got 5)"],
    ["a hop-by-hop header", (_e, sr) => (sr("200 OK", [["Connection", "close"]]), []), "AssertionError: Hop-by-hop header, 'Connection: close', not allowed"],
    ["a control character in a header value", (_e, sr) => (sr("200 OK", [["X-A", "a\r\nSet-Cookie: x=1"]]), []), "AssertionError: Invalid header value 'a\\r\\nSet-Cookie: x=1': control characters are not allowed"],
    ["an invalid header name", (_e, sr) => (sr("200 OK", [["Bad Name", "x"]]), []), "AssertionError: Invalid header name 'Bad Name'"],
    ["a body that is not iterable", (_e, sr) => (sr("200 OK", []), undefined as unknown as Uint8Array[]), "TypeError: 'NoneType' object is not iterable"],
  ];

  for (const [name, app, line] of cases) {
    it(`${name} → 500 naming "${line}"`, async () => {
      const { response, text, spans } = await serve(app);
      expect([response.status, response.reason]).toEqual([500, "Internal Server Error"]);
      expect(response.headers).toEqual([["Content-Type", "text/plain"]]);
      expect(text).toBe(`A server error occurred.  Please contact the administrator.\n\n${line}\n`);
      const gateway = spans.find((s) => s.kind === "gateway")!;
      expect(gateway.attrs.violation).toBe(line);
      expect(`${gateway.error?.type}: ${gateway.error?.message}`).toBe(line);
    });
  }

  it("an exception raised by the application → 500 naming it, recorded as exception (not violation)", async () => {
    class ValueError extends Error {}
    const app: WSGIApplication = () => {
      throw new ValueError("bad value");
    };
    const { response, text, spans } = await serve(app);
    expect(response.status).toBe(500);
    expect(text).toContain("\n\nValueError: bad value\n");
    const gateway = spans.find((s) => s.kind === "gateway")!;
    expect(gateway.attrs.exception).toBe("ValueError: bad value");
    expect(gateway.attrs["wsgi.errors"]).toBe("Exception in the application: ValueError: bad value\n");
  });

  it("close() is called even when iterating the body fails", async () => {
    let closed = false;
    const app: WSGIApplication = (_e: WSGIEnviron, sr: StartResponse) => {
      sr("200 OK", []);
      return Object.assign(["nope" as unknown as Uint8Array], { close: () => (closed = true) });
    };
    await serve(app);
    expect(closed).toBe(true);
  });
});
