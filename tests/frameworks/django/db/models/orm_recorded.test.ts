/**
 * The ORM against real Django, case by case: `orm_recorded.json` holds QuerySet chains generated
 * at random over the conformance corpus' schemas and seed and run through Django 5.2 by
 * `orm_recorded.py` (results, query counts, tables after writes, error classes and messages).
 * Each one is replayed here by the `orm` conformance replayer (FORMAT.md part B §3) on sql.js.
 *
 * Regenerate (deterministic for a seed) with the reference venv:
 *     /work/.venv-ref/bin/python tests/frameworks/django/db/models/orm_recorded.py --count 600 --seed 1
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseResult, CorpusCase, CorpusFile } from "../../../../../src/conformance/area";
import { replayer } from "../../../../../src/conformance/areas/orm";

const recorded = JSON.parse(readFileSync(resolve(__dirname, "orm_recorded.json"), "utf8")) as CorpusFile;

/** `Book.filter(title__icontains='x').values_list('pk')`: a case's chain, short enough for a test name. */
function chain(c: CorpusCase): string {
  const ops = (c.input.ops as { op: string; args?: unknown[]; kwargs?: Record<string, unknown>; name?: string }[]).map((op) => {
    const args = [...(op.args ?? []).map((a) => JSON.stringify(a)), ...Object.entries(op.kwargs ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`)];
    return `${op.op}${op.name ? ` ${op.name}` : ""}(${args.join(", ")})`;
  });
  const text = `${c.input.model}.${ops.join(".")}`;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

describe("the ORM answers as Django 5.2 does (recorded chains)", () => {
  let replay: (c: CorpusCase) => Promise<CaseResult> | CaseResult;

  beforeAll(async () => {
    replay = await replayer.prepare(recorded);
  });

  it("has a recording made by real Django", () => {
    expect(recorded.django).toBe("5.2.17");
    expect(recorded.cases.length).toBeGreaterThanOrEqual(500);
  });

  for (const c of recorded.cases) {
    const expected = "error" in c.expect ? `${c.expect.error}` : c.expect.kind;
    it(`${c.id} ${chain(c)} → ${expected}`, async () => {
      const result = await replay(c);
      expect(result.passed, result.message).toBe(true);
    });
  }
});
