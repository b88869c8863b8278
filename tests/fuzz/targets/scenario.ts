/** Fuzz target: scenario JSON text (a download, a file dropped on the page, the CLI) → parse_scenario_json → Scenario. */
import { BUILTIN_SCENARIOS } from "../../../src/scenarios";
import { LIMITS, parse_scenario_json, ScenarioFormatError } from "../../../src/scenarios/format";
import { mutate, repeat_to } from "../mutate";
import { random_name, random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";

/** The scenario's own bounds (LIMITS: 2,000,000 characters of files) plus room for its JSON. */
export const SCENARIO_JSON_LIMIT = LIMITS.total_chars + 1_000_000;

let JSONS: string[] = [];

function random_value(rng: Rng, depth: number): unknown {
  const r = rng.int(depth > 3 ? 5 : 8);
  if (r === 0) return null;
  if (r === 1) return rng.pick([0, -1, 1.5, 1e308, 2 ** 53, NaN]);
  if (r === 2) return rng.chance(0.5);
  if (r < 5) return rng.chance(0.5) ? random_name(rng) : random_text(rng, 20);
  if (r === 5) return Array.from({ length: rng.range(0, 4) }, () => random_value(rng, depth + 1));
  return Object.fromEntries(Array.from({ length: rng.range(0, 4) }, () => [rng.pick(["format", "title", "framework", "entry", "files", "requests", "setup", "checks", "method", "target", "headers", "body", "form", "kind", "settings", "application", random_name(rng)]), random_value(rng, depth + 1)]));
}

export const scenario = define_target<string>({
  name: "scenario",
  parser: "scenario JSON text → parse_scenario_json → Scenario",
  size_limit: SCENARIO_JSON_LIMIT,
  unit: "chars",
  limit_note: "LIMITS in src/scenarios/format.ts: 200 files, 500,000 characters each, 2,000,000 in all, 100 requests; the JSON around them",
  errors: [ScenarioFormatError],
  setup() {
    JSONS = Object.values(BUILTIN_SCENARIOS).map((s) => JSON.stringify(s));
  },
  generate(rng) {
    const r = rng.int(3);
    if (r === 0) return mutate(rng, rng.pick(JSONS), { dictionary: ['"', "{", "}", "[", "]", ",", ":", "null", "true", "1e999", '"format"', '"files"', '"requests"', '"../x"', '"/abs"', "\\u0000"], corpus: JSONS, max_length: 400_000 });
    if (r === 1) {
      // Structurally valid JSON with one field replaced by something of the wrong shape.
      const s = JSON.parse(rng.pick(JSONS)) as Record<string, unknown>;
      const key = rng.pick(Object.keys(s));
      s[key] = random_value(rng, 0);
      return JSON.stringify(s);
    }
    return JSON.stringify(random_value(rng, 0));
  },
  stress(rng, size) {
    const r = rng.int(3);
    if (r === 0) return repeat_to(rng, size, ["[", "{", '{"a":', "[[", '"\\u00e9"', " "]);
    const s = JSON.parse(rng.pick(JSONS)) as { files: Record<string, string>; requests: unknown[] };
    if (r === 1) s.files = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}.ts`, "x".repeat(Math.floor(size / 260))]));
    else s.requests = Array.from({ length: Math.min(5000, size / 50) }, () => ({ method: "GET", target: "/" }));
    return JSON.stringify(s);
  },
  size_of: (s) => s.length,
  run: (text) => parse_scenario_json(text).title.length,
  describe: (s) => preview(s, 200),
});
