import { describe, expect, it } from "vitest";
import { py_set_order, py_str_hash } from "../../../src/frameworks/python/hash";

describe("python.hash: str hashes and set order under PYTHONHASHSEED=0 (CPython 3.11)", () => {
  it("hash(str) is SipHash-1-3 with a zero key", () => {
    const expected: [string, bigint][] = [
      ["GET", 1996036183203525057n],
      ["POST", 5210436112374182573n],
      ["HEAD", 4385392697326242474n],
      ["OPTIONS", -8164030880572553283n],
      ["", 0n],
      ["abcdefgh", 4574395652268504554n],
      ["abcdefghi", -532774252720507163n],
    ];
    for (const [s, h] of expected) expect([s, py_str_hash(s)]).toEqual([s, h]);
  });

  it("a set of method names iterates in CPython's slot order, whatever the insertion order", () => {
    expect(py_set_order(["GET", "POST", "HEAD"])).toEqual(["GET", "HEAD", "POST"]);
    expect(py_set_order(["HEAD", "GET"])).toEqual(["GET", "HEAD"]);
    expect(py_set_order(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"])).toEqual(["GET", "DELETE", "PUT", "HEAD", "POST", "PATCH", "OPTIONS"]);
  });
});
