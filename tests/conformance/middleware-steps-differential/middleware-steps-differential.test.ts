/**
 * The `middleware` area's replayer over 150 random request sequences through the 7 default
 * middleware, recorded from real Django 5.2.17 (record.py beside this file, the corpus's `steps`
 * kind): CSRF tokens from the cookie, the form, a header or made up; Origin/Referer/Host headers;
 * https; garbage session and CSRF cookies; APPEND_SLASH, security and cookie settings.
 */
import { describe, expect, it } from "vitest";
import { load_corpus, replay_file } from "../../../src/conformance/runner";

describe("middleware: random request sequences as Django 5.2.17 answers them", () => {
  it("every recorded case replays equal", async () => {
    const [file] = load_corpus(import.meta.dirname, "middleware");
    const verdicts = await replay_file(file);
    expect(verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`)).toEqual([]);
    expect(verdicts.length).toBe(150);
  });
});
