/**
 * Fuzz target: the text after `#` → decodePermalink (version prefix → base64url → zlib inflate →
 * JSON → parse_scenario) → SharedState. Inputs: real links of mutated scenarios, links with their
 * text or their compressed bytes damaged, foreign versions, and random text.
 */
import { strToU8, zlibSync } from "fflate";
import { decodePermalink, encodePermalink, PermalinkError, toBase64Url } from "../../../src/ui/share/permalink";
import { BUILTIN_SCENARIOS } from "../../../src/scenarios";
import { mutate, repeat_to } from "../mutate";
import { random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";

/** Browsers keep URLs up to about 2 MB (Chromium's limit); a link longer than that never arrives. */
export const PERMALINK_LIMIT = 2_000_000;

let LINKS: string[] = [];
let JSONS: string[] = [];

function link_of_text(text: string, rng: Rng): string {
  return `v${rng.chance(0.95) ? 1 : rng.pick([0, 2, 99, 1e21])}.${toBase64Url(zlibSync(strToU8(text), { level: rng.pick([0, 1, 9]) as 0 | 1 | 9 }))}`;
}

export const permalink = define_target<string>({
  name: "permalink",
  parser: "#v1.<base64url zlib JSON> → decodePermalink → SharedState",
  size_limit: PERMALINK_LIMIT,
  unit: "chars",
  limit_note: "a URL: about 2 MB in Chromium",
  errors: [PermalinkError],
  setup() {
    const scenarios = Object.values(BUILTIN_SCENARIOS);
    LINKS = scenarios.map((scenario, i) => encodePermalink({ scenario, request: scenario.requests.length ? 0 : null, step: i % 2 ? 3 : null }));
    JSONS = scenarios.map((scenario) => JSON.stringify({ scenario, request: null, step: null }));
  },
  generate(rng) {
    const r = rng.int(5);
    if (r === 0) return mutate(rng, rng.pick(LINKS), { dictionary: ["v1.", "#", "-", "_", "=", "+", "/"], max_length: 200_000 });
    if (r === 1) return link_of_text(mutate(rng, rng.pick(JSONS), { dictionary: ['"', "{", "}", "[", "]", ",", ":", "null", "1e999", '"format"', '"files"', '"requests"', "\\u0000", "\\ud800"], corpus: JSONS, max_length: 200_000 }), rng);
    if (r === 2) {
      // A valid stream whose bytes are then damaged (flipped, cut): the checksum or inflate must catch it.
      const link = link_of_text(rng.pick(JSONS), rng);
      const cut = rng.int(link.length);
      return link.slice(0, cut) + (rng.chance(0.5) ? "A" : "") + link.slice(cut + (rng.chance(0.5) ? 1 : 0));
    }
    if (r === 3) return link_of_text(JSON.stringify(rng.pick([null, [], {}, { scenario: null }, { scenario: {}, request: -1 }, "x", 1e308, { scenario: JSON.parse(rng.pick(JSONS)).scenario, request: 99, step: -1 }])), rng);
    return rng.pick(["#", "", "v", "#v1.", "v1", "x1.abc"]) + random_text(rng, 60);
  },
  stress(rng, size) {
    const r = rng.int(3);
    if (r === 0) return "#v1." + repeat_to(rng, size, ["A", "-", "_", "eJ", "AAAA", "zz"]);
    if (r === 1) return link_of_text(repeat_to(rng, size, ["a", " ", '{"a":', "[", "0,"]), rng); // a long (or highly compressible) JSON payload
    return link_of_text(JSON.stringify({ scenario: { ...JSON.parse(rng.pick(JSONS)).scenario, lesson: "x".repeat(size) } }), rng);
  },
  size_of: (s) => s.length,
  run: (hash) => decodePermalink(hash).scenario.title.length,
  describe: (s) => preview(s, 200),
});
