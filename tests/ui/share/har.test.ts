import { describe, expect, it } from "vitest";
import { toHar } from "../../../src/ui/share/har";
import type { Exchange } from "../../../src/ui/state/store";

const base = { server_name: "localhost", server_port: 8000, scheme: "http" as const, remote_addr: "127.0.0.1" };

const ok: Exchange = {
  id: 1,
  request: { ...base, method: "POST", target: "/login/?next=/home", headers: [["Host", "localhost:8000"], ["Content-Type", "application/x-www-form-urlencoded"], ["Cookie", "a=1; b=2"]], body: "user=ada" },
  initiator: "form",
  redirectedFrom: null,
  ms: 12.5,
  reload: null,
  outcome: { kind: "response", result: { response: { status: 302, reason: "Found", headers: [["Location", "/home"], ["Set-Cookie", "sessionid=xyz; Path=/; HttpOnly"]], body: new TextEncoder().encode("") }, trace: { spans: [] }, logs: [] } },
  at: Date.UTC(2025, 0, 1, 12, 0, 0),
};

describe("toHar", () => {
  it("writes a HAR 1.2 entry per exchange with request, response, cookies and redirect", () => {
    const har = toHar([ok]);
    expect(har.log.version).toBe("1.2");
    const [e] = har.log.entries;
    expect(e.startedDateTime).toBe("2025-01-01T11:59:59.987Z");
    expect(e.request.url).toBe("http://localhost:8000/login/?next=/home");
    expect(e.request.queryString).toEqual([{ name: "next", value: "/home" }]);
    expect(e.request.cookies).toEqual([{ name: "a", value: "1" }, { name: "b", value: "2" }]);
    expect(e.request.postData).toEqual({ mimeType: "application/x-www-form-urlencoded", text: "user=ada" });
    expect(e.response.status).toBe(302);
    expect(e.response.redirectURL).toBe("/home");
    expect(e.response.cookies).toEqual([{ name: "sessionid", value: "xyz" }]);
    expect(e._initiator).toBe("form");
  });

  it("writes a request stopped at the deadline as status 0 with an error", () => {
    const har = toHar([{ ...ok, outcome: { kind: "deadline", phase: "request" } }]);
    expect(har.log.entries[0].response.status).toBe(0);
    expect(har.log.entries[0]._error).toMatch(/deadline/);
  });
});
