import { describe, expect, it } from "vitest";
import { parse_scenario, parse_scenario_json, ScenarioFormatError, SCENARIO_FORMAT } from "../../src/scenarios/format";
import { build_request, CookieJar, urlencode_form } from "../../src/scenarios/client";

const valid = {
  format: SCENARIO_FORMAT,
  title: "T",
  framework: "wsgi",
  entry: { kind: "wsgi", application: "app.application" },
  files: { "app.ts": "export const application = () => [];" },
  requests: [{ method: "GET", target: "/" }],
};

function error_of(input: unknown): string {
  try {
    parse_scenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFormatError);
    return (e as Error).message;
  }
  return "no error";
}

import { MODE_DESCRIPTORS } from "../../src/modes/descriptors";

describe("parse_scenario: untrusted input → a v1 scenario, or a clear error", () => {
  it("accepts a valid scenario unchanged", () => {
    expect(parse_scenario(valid)).toEqual(valid);
  });

  it.each([
    [{ ...valid, format: "framework-lab/scenario@2" }, 'scenario.format must be "framework-lab/scenario@1" (got "framework-lab/scenario@2")'],
    [{ ...valid, framework: "rails" }, `scenario.framework must be one of ${MODE_DESCRIPTORS.map((m) => `"${m.id}"`).join(", ")} (got "rails")`],
    [{ ...valid, entry: { kind: "wsgi", application: "app.application", settings: "x.y" } }, "scenario.entry.settings is not a field of a Raw WSGI entry (it takes application)"],
    [{ ...valid, entry: { kind: "django", settings: "project.settings" } }, 'scenario.entry.kind must be "wsgi" to match scenario.framework (got "django")'],
    [{ ...valid, entry: { kind: "wsgi", application: "app" } }, 'scenario.entry.application must be a dotted path like "app.application" (got "app")'],
    [{ ...valid, files: { "../etc/passwd": "" } }, 'scenario.files: "../etc/passwd" is not a relative path of letters, digits, "_", "-", "." and "/"'],
    [{ ...valid, files: { "a.ts": 1 } }, 'scenario.files["a.ts"] must be a string (got number 1)'],
    [{ ...valid, requests: [{ method: "GET", target: "nope" }] }, 'scenario.requests[0].target must start with "/" (got "nope")'],
    [{ ...valid, requests: [{ method: "G T", target: "/" }] }, 'scenario.requests[0].method must be an HTTP method token (got "G T")'],
    [{ ...valid, requests: [{ method: "GET", target: "/", headers: [["X", "a\r\nb"]] }] }, "scenario.requests[0].headers[0][1] must not contain CR, LF or NUL"],
    [{ ...valid, requests: [{ method: "POST", target: "/", body: "a", form: { a: "b" } }] }, "scenario.requests[0] has both body and form: give one"],
    [{ ...valid, checks: [{ request: 5 }] }, "scenario.checks[0].request must be the index of a scripted request (0…0)"],
    [[], "scenario must be an object (got an array)"],
  ])("rejects bad input: %#", (input, message) => {
    expect(error_of(input)).toBe(message);
  });

  it("names JSON syntax errors", () => {
    expect(() => parse_scenario_json("{")).toThrowError(/^scenario is not valid JSON: /);
  });
});

describe("CookieJar: browser-like cookies across scripted requests", () => {
  const now = new Date("2025-01-01T00:00:00Z");

  it("sends cookies in first-set order; an update keeps the position", () => {
    const jar = new CookieJar();
    jar.set_cookie("a=1; Path=/", now);
    jar.set_cookie("b=2; HttpOnly", now);
    jar.set_cookie("a=3", now);
    expect(jar.header()).toBe("a=3; b=2");
  });

  it("deletes on Max-Age=0 and on an Expires in the past (Django's delete_cookie)", () => {
    const jar = new CookieJar();
    jar.set_cookie("a=1", now);
    jar.set_cookie("b=2", now);
    jar.set_cookie("c=3", now);
    jar.set_cookie('a=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/', now);
    jar.set_cookie("b=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/", now);
    jar.set_cookie("c=4; Max-Age=60; expires=Thu, 01 Jan 1970 00:00:00 GMT", now);
    expect(jar.header()).toBe("c=4");
  });

  it("build_request adds Host, encodes forms like a browser and sends the jar's Cookie header", () => {
    const jar = new CookieJar();
    jar.set_cookie("sid=x", now);
    const request = build_request({ method: "POST", target: "/login", form: { user: "a b", tags: ["x&y", "é"] } }, jar);
    expect(request).toEqual({
      method: "POST",
      target: "/login",
      headers: [["Host", "localhost"], ["Content-Type", "application/x-www-form-urlencoded"], ["Cookie", "sid=x"]],
      body: "user=a+b&tags=x%26y&tags=%C3%A9",
    });
    expect(urlencode_form({ q: "*-._~!'()" })).toBe("q=*-._%7E%21%27%28%29");
  });
});

describe("parse_scenario: a script of WebSocket clients and requests", () => {
  const channels = {
    format: SCENARIO_FORMAT,
    title: "Chat",
    framework: "channels",
    entry: { kind: "channels", settings: "project.settings" },
    files: { "project/settings.ts": "" },
    requests: [{ method: "GET", target: "/chat/" }],
    script: [
      { request: 0 },
      { client: "ann", connect: "/ws/chat/lobby/", subprotocols: ["v1"], headers: [["X-Tab", "1"]] },
      { client: "ann", expect: { accepted: true, subprotocol: "v1" } },
      { client: "ann", send: "hi" },
      { client: "ann", send_json: { message: "hi" } },
      { client: "ann", send_bytes: "AAE=" },
      { client: "bob", expect: { json: { message: "hi" } } },
      { client: "ann", close: 4000, reason: "bye" },
      { client: "ann", expect: { nothing: true }, note: "quiet" },
    ],
    checks: [{ script: 6, label: "bob hears ann" }, { request: 0, status: 200, label: "the page" }],
  };

  it("accepts every step kind unchanged, and checks by script step with labels", () => {
    expect(parse_scenario(channels)).toEqual(channels);
  });

  it.each([
    [{ script: [{ client: "ann" }] }, "scenario.script[0] must have exactly one of connect, send, send_json, send_bytes, expect, close (or be {request: i}, {call: \"dotted.path\"} or {manage: [argv]})"],
    [{ script: [{ client: "ann", send: "a", close: 1000 }] }, "scenario.script[0] must have exactly one of connect, send, send_json, send_bytes, expect, close (or be {request: i}, {call: \"dotted.path\"} or {manage: [argv]})"],
    [{ script: [{ client: "a/b", send: "x" }] }, 'scenario.script[0].client must be 1–40 letters, digits, spaces or _ . : @ - (got "a/b")'],
    [{ script: [{ client: "ann", connect: "ws://elsewhere/" }] }, 'scenario.script[0].connect must be a path starting with "/" (got "ws://elsewhere/")'],
    [{ script: [{ client: "ann", close: 999 }] }, "scenario.script[0].close must be a WebSocket close code (1000–4999)"],
    [{ script: [{ client: "ann", send_bytes: "not base64!" }] }, "scenario.script[0].send_bytes must be standard base64 (with padding)"],
    [{ script: [{ client: "ann", expect: { text: "a", close: 1000 } }] }, "scenario.script[0].expect.close is not part of this expectation"],
    [{ script: [{ client: "ann", expect: { accepted: false } }] }, "scenario.script[0].expect.accepted must be true (expect {refused: status} for a refused handshake)"],
    [{ script: [{ request: 3 }] }, "scenario.script[0].request must be the index of a scripted request (0…0)"],
    [{ checks: [{ script: 0 }] }, 'scenario.checks[0].script must be the index of an "expect", "call" or "manage" step of scenario.script'],
  ])("names the bad field: %#", (change, message) => {
    expect(error_of({ ...channels, checks: undefined, ...change })).toBe(message);
  });

  it("older files, without a script, load unchanged", () => {
    expect(parse_scenario(valid)).not.toHaveProperty("script");
  });
});
