/**
 * starlette.exceptions: HTTPException and WebSocketException called as FastAPI's docs call them —
 * positionally or with keywords (`HTTPException(status_code=404, detail=…, headers=…)`) — give the
 * same exception (str(), detail, headers), and a keyword call without the status code is Python's
 * TypeError.
 */
import { describe, expect, it } from "vitest";
import { HTTPException, WebSocketException } from "../../../src/frameworks/starlette/exceptions";

describe("starlette.exceptions", () => {
  it("takes its arguments positionally, after the status code as keywords, or all as keywords", () => {
    const forms = [
      new HTTPException(404, "Item not found", { "X-Error": "e" }),
      new HTTPException(404, { detail: "Item not found", headers: { "X-Error": "e" } }),
      new HTTPException({ status_code: 404, detail: "Item not found", headers: { "X-Error": "e" } }),
    ];
    for (const e of forms) expect([String(e), e.status_code, e.detail, e.headers]).toEqual(["404: Item not found", 404, "Item not found", { "X-Error": "e" }]);
    expect(new HTTPException({ status_code: 418 }).detail).toBe("I'm a Teapot");
    // A dict detail whose keys are not parameter names stays the detail.
    expect(new HTTPException(404, { msg: "Item not found", id: 3 }).detail).toEqual({ msg: "Item not found", id: 3 });
    expect(() => new HTTPException({ detail: "x" })).toThrow("HTTPException.__init__() missing 1 required positional argument: 'status_code'");
  });

  it("WebSocketException takes code and reason either way", () => {
    expect(String(new WebSocketException({ code: 1008, reason: "no" }))).toBe("1008: no");
    expect(String(new WebSocketException(1008))).toBe("1008: ");
  });
});

describe("starlette.responses called with keywords", () => {
  it("RedirectResponse(url=…) and FileResponse(path=…) as one keyword object", async () => {
    const { RedirectResponse } = await import("../../../src/frameworks/starlette/responses");
    const r = new RedirectResponse({ url: "/items/?a=1 b", status_code: 302 });
    expect([r.status_code, r.headers.get("location")]).toEqual([302, "/items/?a=1%20b"]);
    expect(new RedirectResponse("/x").status_code).toBe(307);
  });
});
