/**
 * Pydantic's `GenerateSchema`: annotations (`t.list(t.int)`, `Field(t.str, { max_length: 5 })`,
 * a model class) → pydantic-core core schemas, which `SchemaValidator` then compiles.
 *
 * A FieldInfo's constraints land on the type they constrain (`min_length` on a `str` becomes
 * `string_too_short`, on a `list` becomes `too_short`), pushed through `Optional[...]` as Pydantic
 * pushes them. A model met inside another becomes its own `model` schema, or a `definition-ref`
 * when it is already being built (a recursive model).
 */
import { as_type_form, type TypeForm } from "../../python/typing";
import type { CoreSchema, EnumSchema } from "../../pydantic_core/core_schema";
import { FieldInfo } from "../fields";

/** How a model class turns into its core schema (set by `main.ts`, which owns BaseModel). */
export interface ModelSchemaSource {
  is_model(cls: unknown): boolean;
  model_schema(cls: any, building: Set<unknown>): CoreSchema;
  ref_of(cls: any): string;
}

let models: ModelSchemaSource | null = null;
export function set_model_schema_source(source: ModelSchemaSource): void {
  models = source;
}

export function is_field_info(a: unknown): a is FieldInfo<any> {
  return a instanceof FieldInfo;
}

/** The annotation and the constraints of a field declaration (a bare type or a FieldInfo, nested). */
export function unwrap(a: unknown): { annotation: unknown; constraints: Record<string, unknown> } {
  let constraints: Record<string, unknown> = {};
  let annotation = a;
  while (is_field_info(annotation)) {
    constraints = { ...annotation.constraints, ...constraints };
    annotation = annotation.annotation;
  }
  return { annotation, constraints };
}

const NUMBER_KEYS = ["gt", "ge", "lt", "le", "multiple_of", "strict"];
const STR_KEYS = ["min_length", "max_length", "pattern", "strict"];
const SEQ_KEYS = ["min_length", "max_length", "strict"];
const DECIMAL_KEYS = ["gt", "ge", "lt", "le", "multiple_of", "max_digits", "decimal_places", "allow_inf_nan", "strict"];

function pick(c: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (c[k] !== undefined) out[k] = c[k];
  return out;
}

/** `GenerateSchema.generate_schema(annotation)`. */
export function generate_schema(declaration: unknown, building: Set<unknown> = new Set()): CoreSchema {
  const { annotation, constraints } = unwrap(declaration);
  if (models?.is_model(annotation)) {
    if (building.has(annotation)) return { type: "definition-ref", schema_ref: models.ref_of(annotation) };
    return models.model_schema(annotation, building);
  }
  return form_schema(as_type_form(annotation), constraints, building);
}

function form_schema(f: TypeForm<any>, c: Record<string, unknown>, building: Set<unknown>): CoreSchema {
  const gen = (a: unknown) => generate_schema(a, building);
  switch (f.kind) {
    case "str": return { type: "str", ...pick(c, STR_KEYS) };
    case "int": return { type: "int", ...pick(c, NUMBER_KEYS) };
    case "float": return { type: "float", ...pick(c, [...NUMBER_KEYS, "allow_inf_nan"]) };
    case "bool": return { type: "bool", ...pick(c, ["strict"]) };
    case "bytes": return { type: "bytes", ...pick(c, SEQ_KEYS) };
    case "none": return { type: "none" };
    case "any": return { type: "any" };
    case "datetime": return { type: "datetime", ...pick(c, ["strict"]) };
    case "date": return { type: "date", ...pick(c, ["strict"]) };
    case "time": return { type: "time", ...pick(c, ["strict"]) };
    case "timedelta": return { type: "timedelta", ...pick(c, ["strict"]) };
    case "uuid": return { type: "uuid", ...pick(c, ["strict"]) };
    case "decimal": return { type: "decimal", ...pick(c, DECIMAL_KEYS) };
    case "list": return { type: "list", items_schema: gen(f.args[0]), ...pick(c, SEQ_KEYS) };
    case "set": return { type: "set", items_schema: gen(f.args[0]), ...pick(c, SEQ_KEYS) };
    case "frozenset": return { type: "frozenset", items_schema: gen(f.args[0]), ...pick(c, SEQ_KEYS) };
    case "tuple": {
      const args = f.args;
      if (args.length === 2 && args[1] === "...") return { type: "tuple", items_schema: [gen(args[0])], variadic_item_index: 0, ...pick(c, SEQ_KEYS) };
      return { type: "tuple", items_schema: args.map(gen), ...pick(c, SEQ_KEYS) };
    }
    case "dict": return { type: "dict", keys_schema: gen(f.args[0]), values_schema: gen(f.args[1]), ...pick(c, SEQ_KEYS) };
    case "optional": return { type: "nullable", schema: generate_schema(with_constraints(f.args[0], c), building) };
    case "union": return union_schema(f.args, c, building);
    case "literal": return { type: "literal", expected: [...f.args] };
    case "enum": {
      const values = [...f.args];
      const sub_type = values.every((v) => typeof v === "string") ? "str" : values.every((v) => typeof v === "number") ? "int" : undefined;
      const s: EnumSchema = { type: "enum", cls_name: String(f.meta?.name ?? "Enum"), members: { ...(f.meta?.members as object) }, values, sub_type };
      return s;
    }
    case "class": {
      const cls = f.args[0] as { name: string; __get_pydantic_core_schema__?: (source: unknown) => CoreSchema; __get_pydantic_json_schema__?: (core: CoreSchema, handler: unknown) => unknown };
      // A class that says how it validates (`__get_pydantic_core_schema__`), and how it shows in a JSON Schema.
      if (typeof cls.__get_pydantic_core_schema__ === "function") {
        const schema = cls.__get_pydantic_core_schema__(cls);
        if (typeof cls.__get_pydantic_json_schema__ === "function") {
          const js = cls.__get_pydantic_json_schema__.bind(cls);
          schema.metadata = { ...schema.metadata, pydantic_js_functions: [...((schema.metadata?.pydantic_js_functions as unknown[]) ?? []), js] };
        }
        return schema;
      }
      return { type: "is-instance", cls, cls_repr: cls.name };
    }
    case "annotated":
      return gen(f.args[0]);
  }
}

/** Re-wrap an inner annotation with the outer constraints (`Optional[int] = Field(gt=0)` constrains the int). */
function with_constraints(a: unknown, c: Record<string, unknown>): unknown {
  if (!Object.keys(c).length) return a;
  return new FieldInfo(a as never, c);
}

function union_schema(args: readonly unknown[], c: Record<string, unknown>, building: Set<unknown>): CoreSchema {
  const is_none = (a: unknown) => a === null || (typeof a === "object" && a !== null && (a as TypeForm).kind === "none");
  const rest = args.filter((a) => !is_none(a));
  const nullable = rest.length < args.length;
  const choices = rest.map((a) => generate_schema(with_constraints(a, c), building));
  const inner: CoreSchema = choices.length === 1 ? choices[0] : { type: "union", choices };
  return nullable ? { type: "nullable", schema: inner } : inner;
}
