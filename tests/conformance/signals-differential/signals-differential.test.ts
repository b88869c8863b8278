/**
 * The `signals` area's replayer over 300 random signal scripts recorded from real Django 5.2.17
 * (record.py beside this file, the corpus's `script` kind, sync operations): connect with senders,
 * dispatch_uid and weak, disconnect, has_listeners, send and send_robust with raising receivers,
 * bound methods, receivers without **kwargs under DEBUG.
 */
import { describe, expect, it } from "vitest";
import { load_corpus, replay_file } from "../../../src/conformance/runner";

describe("signals: random scripts as Django 5.2.17 runs them", () => {
  it("every recorded case replays equal", async () => {
    const [file] = load_corpus(import.meta.dirname, "signals");
    const verdicts = await replay_file(file);
    expect(verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`)).toEqual([]);
    expect(verdicts.length).toBe(300);
  });
});
