/**
 * Random differentials in the corpus's own format: each folder holds a Python twin of one corpus
 * harness (record.py; `record.py 0` checks the twin against the corpus's cases of its kind) and
 * the cases it recorded from real Django 5.2.17, replayed here by the area's replayer.
 *
 *   urls-differential              720 random URLconfs resolved and reversed (a '%' in a route, a
 *                                  converter's TypeError escaping reverse(), namespaces, default kwargs)
 *   middleware-differential        300 random middleware stacks (the `order` kind: hooks, short-circuits,
 *                                  raises, exception handlers, HEAD)
 *   middleware-steps-differential  150 random request sequences through the 7 default middleware (the
 *                                  `steps` kind: CSRF tokens from cookie, form, header or made up;
 *                                  Origin/Referer/Host; https; garbage cookies; settings)
 *   signals-differential           300 random sync signal scripts (senders, dispatch_uid, weak, raising
 *                                  receivers, bound methods, receivers without **kwargs under DEBUG)
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { load_corpus, replay_file } from "../../src/conformance/runner";

const SUITES = [
  { folder: "urls-differential", area: "urls", cases: 720 },
  { folder: "middleware-differential", area: "middleware", cases: 300 },
  { folder: "middleware-steps-differential", area: "middleware", cases: 150 },
  { folder: "signals-differential", area: "signals", cases: 300 },
];

describe("random differentials recorded from Django 5.2.17", () => {
  for (const { folder, area, cases } of SUITES)
    it(`${folder}: every recorded case replays equal`, async () => {
      const [file] = load_corpus(join(import.meta.dirname, folder), area);
      const verdicts = await replay_file(file);
      expect(verdicts.filter((v) => !v.passed).map((v) => `${v.id}: ${v.message}`)).toEqual([]);
      expect(verdicts.length).toBe(cases);
    });
});
