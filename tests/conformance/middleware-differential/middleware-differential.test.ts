/**
 * The `middleware` area's replayer over 300 random middleware stacks recorded from real Django
 * 5.2.17 (record.py beside this file, the corpus's `order` kind): hooks present or absent,
 * short-circuits in __call__ and process_view, raises, exception handlers, HEAD requests.
 */
import { describe, expect, it } from "vitest";
import { load_corpus, replay_file } from "../../../src/conformance/runner";

describe("middleware: random stacks as Django 5.2.17 runs them", () => {
  it("every recorded case replays equal", async () => {
    const [file] = load_corpus(import.meta.dirname, "middleware");
    const verdicts = await replay_file(file);
    expect(verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`)).toEqual([]);
    expect(verdicts.length).toBe(300);
  });
});
