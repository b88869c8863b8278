/**
 * The conformance runner: a folder of corpus files in, a pass/fail verdict per case out.
 *
 * Every case of every `*.json` file is counted. A case is failed when its area has no replayer yet,
 * when the replayer throws, or when the result differs from what real Django recorded.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusFile } from "./area";
import { AREA_REPLAYERS } from "./areas";

export interface CaseVerdict {
  id: string;
  area: string;
  passed: boolean;
  message: string;
}

export interface AreaTotals {
  area: string;
  passed: number;
  failed: number;
}

export function load_corpus(dir: string, only_area?: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const file = JSON.parse(readFileSync(join(dir, f), "utf8")) as CorpusFile;
      if (!file.area) file.area = f.replace(/\.json$/, "");
      return file;
    })
    .filter((file) => !only_area || file.area === only_area);
}

export async function replay_file(file: CorpusFile): Promise<CaseVerdict[]> {
  const area = file.area;
  const cases = Array.isArray(file.cases) ? file.cases : [];
  const load = AREA_REPLAYERS[area];
  if (!load) return cases.map((c) => ({ id: c.id, area, passed: false, message: `area '${area}' is not implemented yet` }));
  let replay;
  try {
    replay = await (await load()).prepare(file);
  } catch (e) {
    const message = `could not prepare area '${area}': ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    return cases.map((c) => ({ id: c.id, area, passed: false, message }));
  }
  const verdicts: CaseVerdict[] = [];
  for (const c of cases) {
    try {
      const r = await replay(c);
      verdicts.push({ id: c.id, area, passed: r.passed, message: r.message });
    } catch (e) {
      verdicts.push({ id: c.id, area, passed: false, message: `replay threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)}` });
    }
  }
  return verdicts;
}

export async function replay_corpus(dir: string, only_area?: string): Promise<CaseVerdict[]> {
  const verdicts: CaseVerdict[] = [];
  for (const file of load_corpus(dir, only_area)) verdicts.push(...(await replay_file(file)));
  return verdicts;
}

export function totals_by_area(verdicts: CaseVerdict[]): AreaTotals[] {
  const by = new Map<string, AreaTotals>();
  for (const v of verdicts) {
    const t = by.get(v.area) ?? { area: v.area, passed: 0, failed: 0 };
    if (v.passed) t.passed++;
    else t.failed++;
    by.set(v.area, t);
  }
  return [...by.values()];
}
