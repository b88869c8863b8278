/**
 * Conformance replayer for the `pydantic` area (FORMAT.md D.9): the file's enums and models are
 * built once; each case validates `data` (python mode) or `json_text` (JSON mode) with the named
 * model and compares the dump (`model_dump_json(**dump)`, exact text; arrays from sets
 * unordered) or the ValidationError (title, count, `json.loads(exc.json())`).
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { expect_equal } from "../compare";
import { ValidationError } from "../../frameworks/pydantic";
import { build_namespace, value_from_marker, type ModelSpec, type TypeSpec } from "./pydantic_spec";

function has_set(spec: TypeSpec): boolean {
  if (typeof spec === "string") return false;
  const [[k, v]] = Object.entries(spec);
  return k === "set" || (Array.isArray(v) ? v.some((x) => typeof x === "object" && has_set(x)) : typeof v === "object" && has_set(v));
}

function sort_arrays(v: unknown, keys: Set<string>): unknown {
  if (Array.isArray(v)) return v;
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys.has(k) && Array.isArray(x) ? [...x].sort() : x]));
}

export const replayer: AreaReplayer = {
  prepare(file: CorpusFile) {
    const ns = build_namespace(file.enums, file.models);
    const specs = new Map<string, ModelSpec>((file.models as ModelSpec[]).map((m) => [m.name, m]));
    return (c: CorpusCase): CaseResult => {
      const { model, mode, data, json_text, dump } = c.input;
      const cls = ns.models[model];
      const set_keys = new Set((specs.get(model)?.fields ?? []).filter((f) => has_set(f.type)).map((f) => f.name));
      let instance;
      try {
        instance = mode === "json" ? cls.model_validate_json(json_text) : cls.model_validate(value_from_marker(data, ns));
      } catch (e) {
        if (!(e instanceof ValidationError)) return { passed: false, message: `raised ${String(e)}` };
        if (!("errors" in c.expect)) return { passed: false, message: `unexpected ValidationError: ${e.toString()}` };
        return expect_equal({ error_title: e.title, error_count: e.error_count(), errors: JSON.parse(e.json()) }, c.expect);
      }
      if (!("dump" in c.expect)) return { passed: false, message: `expected a ValidationError, got ${instance.model_dump_json()}` };
      const options = { ...(dump ?? {}) };
      for (const k of ["include", "exclude"]) if (Array.isArray(options[k])) options[k] = new Set(options[k]);
      const text = instance.model_dump_json(options);
      if (set_keys.size) {
        return expect_equal(sort_arrays(JSON.parse(text), set_keys), sort_arrays(c.expect.dump, set_keys));
      }
      if (text !== c.expect.dump_json) return { passed: false, message: `dump_json: expected ${c.expect.dump_json}, got ${text}` };
      return { passed: true, message: "" };
    };
  },
};
