/**
 * The generic class-based views' anatomy against Django 5.2.17: anatomy.recorded.json (made by
 * anatomy_recorded.py) describes every class of django.views.generic's modules — the corpus lists
 * 33 of them — and each is replayed here through the corpus's own cbv replayer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../src/conformance/area";
import { replayer } from "../../../../src/conformance/areas/cbv";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "anatomy.recorded.json"), "utf8"));

describe("generic view anatomy recorded from Django 5.2.17", async () => {
  const judge = await replayer.prepare({ ...recorded, urlconf: [] });
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, async () => {
      expect((await judge(c)).message).toBe("ok");
    });
  }
});
