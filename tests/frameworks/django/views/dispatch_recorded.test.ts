/**
 * Generic class-based views dispatched, against Django 5.2.17: dispatch.recorded.json (made by
 * dispatch_recorded.py) holds generated `dispatch` cases in the corpus's cbv format — every base
 * the format names, with handlers, class attributes, methods, queries, form posts and URL kwargs —
 * and each is replayed here through the corpus's own cbv replayer on a fresh database.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../src/conformance/area";
import { replayer } from "../../../../src/conformance/areas/cbv";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "dispatch.recorded.json"), "utf8"));

describe("generic views dispatched, recorded from Django 5.2.17", async () => {
  const judge = await replayer.prepare(recorded);
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, async () => {
      expect((await judge(c)).message).toBe("ok");
    });
  }
});
