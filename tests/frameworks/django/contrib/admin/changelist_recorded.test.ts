/**
 * The admin changelist against Django 5.2.17: changelist.recorded.json (made by
 * changelist_recorded.py) holds generated `admin` cases in the corpus's format — new queries over
 * the corpus's eight ModelAdmin specs and further generated specs over the library and blog
 * schemas — and each is replayed here through the corpus's own admin replayer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../../src/conformance/area";
import { replayer } from "../../../../../src/conformance/areas/admin";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "changelist.recorded.json"), "utf8"));

describe("admin changelists recorded from Django 5.2.17", async () => {
  const judge = await replayer.prepare(recorded);
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, async () => {
      expect((await judge(c)).message).toBe("ok");
    });
  }
});
