/**
 * Flask request variants (variants/mutate.py): conformance cases whose request steps were replayed
 * with other query values, path segments, form and JSON fields, and recorded from the real Flask
 * 3.1.3. Among them the one that once failed here: `request.args.get("n", type=int)` of a 20-digit
 * value, which Python's int keeps exact.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replay_corpus } from "../../../src/conformance/runner";

const here = dirname(fileURLToPath(import.meta.url));

describe("Flask 3.1.3: recorded request variants", () => {
  it("every variant answers as the real FastAPI did", async () => {
    const verdicts = await replay_corpus(join(here, "variants"), "flask");
    expect(verdicts.length).toBe(60);
    expect(verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`)).toEqual([]);
  });
});
