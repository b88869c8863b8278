/**
 * django.http against Django 5.2.17, case by case: http.recorded.json holds http cases in the
 * conformance corpus's format, generated and recorded from real Django by http_recorded.py
 * (QueryDict parsing and methods, POST bodies urlencoded and multipart, cookies in and out on a
 * frozen clock, JsonResponse, status and content, request headers, hosts and absolute URIs,
 * redirects), and each is replayed here through the corpus's own http replayer.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../../../src/conformance/area";
import { replayer } from "../../../../src/conformance/areas/http";

const recorded = JSON.parse(readFileSync(join(import.meta.dirname, "http.recorded.json"), "utf8"));

describe("http cases recorded from Django 5.2.17", async () => {
  const judge = await replayer.prepare(recorded);
  for (const c of recorded.cases as CorpusCase[]) {
    it(c.id, async () => {
      expect((await judge(c)).message).toBe("ok");
    });
  }
});
