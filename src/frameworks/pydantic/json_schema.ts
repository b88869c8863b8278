/**
 * Pydantic's `GenerateJsonSchema`: a core schema → JSON Schema (draft 2020-12) as Pydantic 2
 * writes it: models and enums under `$defs` referenced by `$ref`, `anyOf` with `{"type": "null"}`
 * for Optional, titles from field names (`zip_code` → "Zip Code"), constraints as
 * `minLength`/`exclusiveMinimum`/…, keys sorted as Pydantic sorts them (`model_json_schema`; each
 * schema is built in Pydantic's own order first, which FastAPI's parameter schemas keep). FastAPI builds its
 * OpenAPI components with the same generator and `ref_template`.
 */
import type { CoreSchema, ModelFieldsSchema } from "../pydantic_core/core_schema";
import { PyFloat } from "../python/json";
import { Decimal } from "../python/decimal";
import { infer_serialize } from "../pydantic_core/serializers/serializer";
import { model_internals } from "./_internal/_model_construction";

export type JsonSchemaMode = "validation" | "serialization";
type Json = Record<string, unknown>;

/** `str.title()` over `_`-separated words, as Pydantic titles a field (`zip_code` → "Zip Code"). */
export function field_title(name: string): string {
  return name.replace(/_/g, " ").replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).trim();
}

export class GenerateJsonSchema {
  readonly defs: Record<string, Json> = {};
  constructor(readonly by_alias = true, readonly ref_template = "#/$defs/{model}", readonly mode: JsonSchemaMode = "validation") {}

  private ref(name: string): Json {
    return { $ref: this.ref_template.replace("{model}", name) };
  }

  generate(schema: CoreSchema): Json {
    // A type's own `__get_pydantic_json_schema__` (kept on its core schema by generate_schema) has the last word.
    const js_functions = schema.metadata?.pydantic_js_functions as ((core: CoreSchema, handler: (s: CoreSchema) => Json) => Json)[] | undefined;
    if (js_functions?.length) return js_functions[js_functions.length - 1](schema, (s) => this.generate({ ...s, metadata: {} }));
    switch (schema.type) {
      case "any": return {};
      case "none": return { type: "null" };
      case "bool": return { type: "boolean" };
      case "int": return numeric("integer", schema);
      case "float": return numeric("number", schema);
      case "str": {
        const out: Json = { type: "string" };
        if (schema.min_length !== undefined) out.minLength = schema.min_length;
        if (schema.max_length !== undefined) out.maxLength = schema.max_length;
        if (schema.pattern !== undefined) out.pattern = schema.pattern;
        return out;
      }
      case "bytes": return { type: "string", format: this.mode === "validation" ? "binary" : "binary" };
      case "date": return { type: "string", format: "date" };
      case "datetime": return { type: "string", format: "date-time" };
      case "time": return { type: "string", format: "time" };
      case "timedelta": return { type: "string", format: "duration" };
      case "uuid": return { type: "string", format: "uuid" };
      case "decimal": {
        const pattern = decimal_pattern(schema.max_digits, schema.decimal_places);
        const str: Json = { type: "string", pattern };
        if (this.mode === "serialization") return str;
        return { anyOf: [numeric("number", schema), str] };
      }
      case "list": return seq({ type: "array", items: this.generate(schema.items_schema ?? { type: "any" }) }, schema);
      case "set": case "frozenset": return seq({ type: "array", uniqueItems: true, items: this.generate(schema.items_schema ?? { type: "any" }) }, schema);
      case "tuple": {
        if (schema.variadic_item_index !== undefined) return seq({ type: "array", items: this.generate(schema.items_schema[0]) }, schema);
        const n = schema.items_schema.length;
        return { type: "array", prefixItems: schema.items_schema.map((s) => this.generate(s)), minItems: n, maxItems: n };
      }
      case "dict": {
        const out: Json = { type: "object", additionalProperties: this.generate(schema.values_schema ?? { type: "any" }) };
        return out;
      }
      case "nullable": return { anyOf: [this.generate(schema.schema), { type: "null" }] };
      case "union": return { anyOf: schema.choices.map((c) => this.generate(Array.isArray(c) ? c[0] : c)) };
      case "literal": {
        const values = schema.expected;
        const types = new Set(values.map(json_type));
        const out: Json = values.length === 1 ? { const: values[0] } : { enum: [...values] };
        if (types.size === 1 && [...types][0]) out.type = [...types][0];
        return out;
      }
      case "enum": {
        const types = new Set(schema.values.map(json_type));
        const def: Json = { enum: [...schema.values], title: schema.cls_name };
        if (types.size === 1 && [...types][0]) def.type = [...types][0];
        this.defs[schema.cls_name] = def;
        return this.ref(schema.cls_name);
      }
      case "default": return this.generate(schema.schema);
      case "function-after": case "function-before": case "function-wrap":
        return schema.schema ? this.generate(schema.schema) : {};
      case "function-plain": return {};
      case "model": return this.model(schema.cls, schema.schema as ModelFieldsSchema);
      case "definition-ref": return this.ref(schema.schema_ref.split(":")[0]);
      case "definitions": return this.generate(schema.schema);
      case "is-instance": return {};
      case "model-fields": return {};
    }
  }

  private model(cls: { name: string; model_config?: { title?: string; json_schema_extra?: Json | null } }, fields: ModelFieldsSchema): Json {
    const name = cls.name;
    if (!(name in this.defs)) {
      this.defs[name] = {};
      const properties: Json = {};
      const required: string[] = [];
      const infos = model_internals(cls).fields;
      for (const [fname, f] of Object.entries(fields.fields)) {
        const info = infos[fname];
        const key = this.by_alias ? (this.mode === "validation" ? (typeof f.validation_alias === "string" ? f.validation_alias : fname) : f.serialization_alias ?? fname) : fname;
        const has_default = f.schema.type === "default";
        const prop = this.generate(has_default ? (f.schema as { schema: CoreSchema }).schema : f.schema);
        if (info?.title) prop.title = info.title;
        else if (should_set_title(f.schema)) prop.title = field_title(key);
        if (info?.description) prop.description = info.description;
        if (info?.examples) prop.examples = info.examples;
        if (has_default) {
          const d = f.schema as { default?: unknown; default_factory?: unknown };
          if (!d.default_factory) prop.default = infer_serialize(d.default, { mode: "json", by_alias: true, exclude_unset: false, exclude_defaults: false, exclude_none: false, round_trip: false, exact_floats: false }, null, null);
        } else required.push(key);
        if (info?.json_schema_extra) Object.assign(prop, info.json_schema_extra);
        properties[key] = prop;
      }
      const def: Json = { properties, title: cls.model_config?.title ?? name, type: "object" };
      if (required.length) def.required = required;
      if (fields.extra_behavior === "forbid") def.additionalProperties = false;
      if (fields.extra_behavior === "allow") def.additionalProperties = true;
      if (cls.model_config?.json_schema_extra) Object.assign(def, cls.model_config.json_schema_extra);
      this.defs[name] = def;
    }
    return this.ref(name);
  }
}

/** Pydantic titles a field unless its type is (an Optional of) a model or an enum: those are `$ref`s. */
function should_set_title(schema: CoreSchema): boolean {
  let s: CoreSchema | undefined = schema;
  while (s && (s.type === "default" || s.type === "nullable" || s.type === "function-after" || s.type === "function-before" || s.type === "function-wrap")) s = (s as { schema?: CoreSchema }).schema;
  return !(s && (s.type === "model" || s.type === "enum" || s.type === "definition-ref"));
}

function json_type(v: unknown): string | null {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (v === null) return "null";
  return null;
}

function num(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof Decimal) return v.valueOf();
  return v;
}

function numeric(type: string, s: { gt?: unknown; ge?: unknown; lt?: unknown; le?: unknown; multiple_of?: unknown }): Json {
  // In the order of Pydantic's `ValidationsMapping.numeric` (visible where FastAPI keeps a
  // parameter's schema unsorted): multipleOf, maximum, minimum, exclusiveMaximum, exclusiveMinimum.
  const out: Json = { type };
  if (s.multiple_of !== undefined) out.multipleOf = num(s.multiple_of);
  if (s.le !== undefined) out.maximum = num(s.le);
  if (s.ge !== undefined) out.minimum = num(s.ge);
  if (s.lt !== undefined) out.exclusiveMaximum = num(s.lt);
  if (s.gt !== undefined) out.exclusiveMinimum = num(s.gt);
  return out;
}

function seq(out: Json, s: { min_length?: number; max_length?: number }): Json {
  if (s.min_length !== undefined) out.minItems = s.min_length;
  if (s.max_length !== undefined) out.maxItems = s.max_length;
  return out;
}

function decimal_pattern(max_digits?: number, decimal_places?: number): string {
  if (max_digits === undefined && decimal_places === undefined) return "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$";
  if (max_digits !== undefined && decimal_places !== undefined) {
    const whole = max_digits - decimal_places;
    return `^(?!^[-+.]*$)[+-]?0*(?:\\d{0,${whole}}|(?=[\\d.]{1,${max_digits + 1}}0*$)\\d{0,${whole}}\\.\\d{0,${decimal_places}}0*$)`;
  }
  if (max_digits !== undefined) return `^(?!^[-+.]*$)[+-]?0*(?:\\d{0,${max_digits}}|(?=[\\d.]{1,${max_digits + 1}}0*$)\\d*\\.\\d*0*$)`;
  return `^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d{0,${decimal_places}}0*$`;
}

/** Pydantic sorts every key except the names under `properties` and inside a `default` (examples are sorted too). */
export function sort_json_schema(value: unknown, parent_key: string | null = null): unknown {
  if (Array.isArray(value)) return value.map((v) => sort_json_schema(v, parent_key));
  if (value === null || typeof value !== "object") return value;
  if (parent_key === "default" || parent_key === "const" || parent_key === "enum") return value;
  const entries = Object.entries(value as Json);
  const keep_order = parent_key === "properties";
  if (!keep_order) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sort_json_schema(v, keep_order ? null : k)]));
}

/** `Model.model_json_schema()`. */
export function model_json_schema(cls: unknown, options: { by_alias?: boolean; mode?: JsonSchemaMode; ref_template?: string } = {}): Json {
  const gen = new GenerateJsonSchema(options.by_alias ?? true, options.ref_template ?? "#/$defs/{model}", options.mode ?? "validation");
  const internals = model_internals(cls);
  const top = gen.generate(internals.core_schema);
  const name = (cls as { name: string }).name;
  const own = gen.defs[name] ?? top;
  delete gen.defs[name];
  const out: Json = { ...own };
  if (Object.keys(gen.defs).length) out.$defs = gen.defs;
  return sort_json_schema(out) as Json;
}
