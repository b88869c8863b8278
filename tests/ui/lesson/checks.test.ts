import { describe, expect, it } from "vitest";
import { describeCheck } from "../../../src/ui/lesson/checks";

describe("the Lesson pane's words for a check", () => {
  it("says what each check asks of its response", () => {
    expect(describeCheck({ request: 3, status: 401, body_contains: "Unauthorized" })).toBe("status 401 · body contains “Unauthorized”");
    expect(describeCheck({ request: 0, header: ["Location", "/hello/again/"] })).toBe("header Location: /hello/again/");
    expect(describeCheck({ request: 0 })).toBe("responds");
  });
});
