/**
 * The `urls` area's replayer over 720 cases generated at random and recorded from real Django
 * 5.2.17 (record.py beside this file): random URLconfs resolved and reversed, errors included —
 * a '%' in a route's text, a converter's TypeError escaping reverse(), namespaces, default kwargs.
 */
import { describe, expect, it } from "vitest";
import { load_corpus, replay_file } from "../../../src/conformance/runner";

describe("urls: random URLconfs as Django 5.2.17 resolves and reverses them", () => {
  it("every recorded case replays equal", async () => {
    const [file] = load_corpus(import.meta.dirname, "urls");
    const verdicts = await replay_file(file);
    const failed = verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`);
    expect(failed).toEqual([]);
    expect(verdicts.length).toBe(720);
  });
});
