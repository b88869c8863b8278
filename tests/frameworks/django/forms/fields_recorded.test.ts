/**
 * django.forms against Django 5.2.17, case by case: fields.recorded.json holds forms cases in the
 * conformance corpus's format, generated and recorded from real Django by fields_recorded.py
 * (every field type with its options and edge inputs, rules, and every rendering), and each is
 * replayed here through the corpus's own forms replayer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../src/conformance/area";
import { replayer } from "../../../../src/conformance/areas/forms";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "fields.recorded.json"), "utf8"));

describe("forms cases recorded from Django 5.2.17", async () => {
  const judge = await replayer.prepare(recorded);
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, async () => {
      expect((await judge(c)).message).toBe("ok");
    });
  }
});
