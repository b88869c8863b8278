/**
 * Pydantic's `ModelMetaclass.__new__` → `complete_model_class`: a `BaseModel` subclass → its
 * `model_fields`, core schema, compiled validator and serializer, built once per class.
 *
 * TypeScript has no metaclass, so this runs lazily, the first time the class is used
 * (`model_validate`, `new Item(...)`, `model_fields`, `model_json_schema`). It walks the class
 * chain base-first merging each class's own `static fields` (ADR 0010), reads `model_config`,
 * collects `field_validator` / `model_validator` statics, builds the core schema and compiles it
 * with pydantic-core — one specialised validator per model. Traced as a `validation` span named
 * `class Item(BaseModel)`.
 */
import { span_set, trace_site } from "../../../trace";
import { SchemaSerializer, SchemaValidator } from "../../pydantic_core";
import type { CoreSchema, FunctionSchema, ModelField, ModelSchema } from "../../pydantic_core/core_schema";
import type { CoreConfig } from "../../pydantic_core/validators/build";
import { annotation_repr } from "../../python/typing";
import type { ConfigDict } from "../config";
import { FieldInfo, PydanticUndefined } from "../fields";
import { decorator_info, type FieldValidatorInfo, type ModelValidatorInfo } from "../functional_validators";
import { generate_schema, set_model_schema_source, unwrap } from "./_generate_schema";

const PREPARE = trace_site("validation", "pydantic/_internal/_model_construction.ts#model_internals");

/** What class preparation leaves on each model class. */
export interface ModelInternals {
  fields: Record<string, FieldInfo<any>>;
  config: ConfigDict;
  core_schema: CoreSchema;
  ref: string;
  validator: SchemaValidator;
  serializer: SchemaSerializer;
  field_validators: { name: string; fn: (...a: any[]) => unknown; info: FieldValidatorInfo }[];
  model_validators: { name: string; fn: (...a: any[]) => unknown; info: ModelValidatorInfo }[];
}

const INTERNALS = Symbol.for("pydantic.internals");
let BASE: any = null;
let next_ref = 0;
const REFS = new WeakMap<object, string>();

export function set_base_model(base: unknown): void {
  BASE = base;
}

export function is_model_class(cls: unknown): boolean {
  return typeof cls === "function" && BASE !== null && (cls === BASE || cls.prototype instanceof BASE);
}

function ref_of(cls: any): string {
  let r = REFS.get(cls);
  if (!r) {
    r = `${cls.name}:${++next_ref}`;
    REFS.set(cls, r);
  }
  return r;
}

/** The class's prepared internals, preparing it on first use. */
export function model_internals(cls: any): ModelInternals {
  if (Object.prototype.hasOwnProperty.call(cls, INTERNALS)) return cls[INTERNALS];
  return PREPARE.run(() => `class ${cls.name}(BaseModel)`, () => ({ model: cls.name }), (span) => {
    const internals = complete_model_class(cls);
    if (span >= 0) {
      span_set(span, {
        fields: Object.fromEntries(Object.entries(internals.fields).map(([k, f]) => [k, { annotation: annotation_repr(unwrap(f).annotation), required: f.is_required(), source: f.source }])),
        config: Object.fromEntries(Object.entries(internals.config).filter(([, v]) => typeof v !== "function")) as Record<string, string | number | boolean | null>,
      });
    }
    return internals;
  });
}

/** `collect_model_fields`: own `static fields` of each class in the chain, base first. */
export function collect_model_fields(cls: any): Record<string, FieldInfo<any>> {
  const chain: any[] = [];
  for (let c = cls; c && c !== BASE && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const fields: Record<string, FieldInfo<any>> = {};
  for (const c of chain) {
    if (!Object.prototype.hasOwnProperty.call(c, "fields")) continue;
    for (const [name, decl] of Object.entries(c.fields as Record<string, unknown>)) {
      if (decl === null) {
        delete fields[name];
        continue;
      }
      fields[name] = decl instanceof FieldInfo ? decl : new FieldInfo(decl as never);
    }
  }
  return fields;
}

function collect_config(cls: any): ConfigDict {
  const chain: any[] = [];
  for (let c = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const config: ConfigDict = {};
  for (const c of chain) if (Object.prototype.hasOwnProperty.call(c, "model_config")) Object.assign(config, c.model_config);
  return config;
}

function collect_decorators(cls: any) {
  const field_validators: ModelInternals["field_validators"] = [];
  const model_validators: ModelInternals["model_validators"] = [];
  const chain: any[] = [];
  for (let c = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const seen = new Map<string, number>();
  for (const c of chain) {
    for (const name of Object.getOwnPropertyNames(c)) {
      const fn = Object.getOwnPropertyDescriptor(c, name)?.value;
      const info = decorator_info(fn);
      if (!info) continue;
      const entry = { name, fn, info } as never;
      if (info.kind === "field") {
        if (seen.has(name)) field_validators.splice(seen.get(name)!, 1);
        seen.set(name, field_validators.length);
        field_validators.push(entry);
      } else model_validators.push(entry);
    }
  }
  return { field_validators, model_validators };
}

export function core_config(config: ConfigDict, title: string): CoreConfig {
  return {
    title: config.title ?? title,
    strict: config.strict,
    str_strip_whitespace: config.str_strip_whitespace,
    str_to_lower: config.str_to_lower,
    str_to_upper: config.str_to_upper,
    str_min_length: config.str_min_length,
    str_max_length: config.str_max_length ?? undefined,
    extra_fields_behavior: config.extra ?? undefined,
    validate_by_name: config.validate_by_name ?? config.populate_by_name,
    validate_by_alias: config.validate_by_alias,
    from_attributes: config.from_attributes,
    revalidate_instances: config.revalidate_instances,
    allow_inf_nan: config.allow_inf_nan,
  };
}

/** Wrap a schema in the function validators that target it, in declaration order. */
function wrap_functions(schema: CoreSchema, fns: { fn: (...a: any[]) => unknown; mode: string }[], field_name?: string): CoreSchema {
  let s = schema;
  for (const { fn, mode } of fns) {
    const arity = mode === "wrap" ? 3 : 2;
    const f: FunctionSchema = { type: `function-${mode}` as FunctionSchema["type"], function: fn, info_arg: fn.length >= arity, field_name, schema: mode === "plain" ? undefined : s };
    s = f;
  }
  return s;
}

function field_schema(name: string, info: FieldInfo<any>, config: ConfigDict, validators: ModelInternals["field_validators"], building: Set<unknown>): ModelField {
  let schema = generate_schema(info, building);
  const mine = validators.filter((v) => v.info.fields.includes(name) || v.info.fields.includes("*"));
  if (mine.length) schema = wrap_functions(schema, mine.map((v) => ({ fn: v.fn, mode: v.info.mode })), name);
  if (!info.is_required()) {
    schema = {
      type: "default", schema, has_default: true,
      ...(info.default_factory ? { default_factory: info.default_factory, default_factory_takes_data: info.default_factory.length > 0 } : { default: info.default === PydanticUndefined ? null : info.default }),
      validate_default: info.validate_default ?? config.validate_default ?? false,
    };
  }
  const alias_gen = config.alias_generator;
  const alias = info.alias ?? (alias_gen ? alias_gen(name) : null);
  return {
    type: "model-field",
    schema,
    validation_alias: info.validation_alias ?? alias ?? undefined,
    serialization_alias: info.serialization_alias ?? alias ?? undefined,
    serialization_exclude: info.exclude ?? undefined,
    frozen: info.frozen ?? undefined,
  };
}

/** Build the model's core schema (also used when another model nests this one). */
export function model_core_schema(cls: any, building: Set<unknown>): CoreSchema {
  if (Object.prototype.hasOwnProperty.call(cls, INTERNALS)) return cls[INTERNALS].core_schema;
  const fields = collect_model_fields(cls);
  const config = collect_config(cls);
  const { field_validators, model_validators } = collect_decorators(cls);
  const inner = new Set(building).add(cls);
  const model_fields: Record<string, ModelField> = {};
  for (const [name, info] of Object.entries(fields)) model_fields[name] = field_schema(name, info, config, field_validators, inner);
  const model: ModelSchema = {
    type: "model",
    cls,
    ref: ref_of(cls),
    config: core_config(config, cls.name) as Record<string, unknown>,
    revalidate_instances: config.revalidate_instances,
    post_init: typeof cls.prototype.model_post_init === "function" && cls.prototype.model_post_init !== BASE.prototype.model_post_init ? "model_post_init" : undefined,
    schema: { type: "model-fields", fields: model_fields, model_name: cls.name, extra_behavior: config.extra ?? undefined },
  };
  let schema: CoreSchema = model;
  const before = model_validators.filter((v) => v.info.mode !== "after");
  const after = model_validators.filter((v) => v.info.mode === "after");
  schema = wrap_functions(schema, after.map((v) => ({ fn: v.fn, mode: "after" })));
  schema = wrap_functions(schema, before.map((v) => ({ fn: v.fn, mode: v.info.mode })));
  if (schema !== model) {
    // The ref names the outermost schema, so a nested occurrence runs the model validators too.
    delete model.ref;
    schema = { ...schema, ref: ref_of(cls) };
  }
  return schema;
}

export function complete_model_class(cls: any): ModelInternals {
  const fields = collect_model_fields(cls);
  const config = collect_config(cls);
  const { field_validators, model_validators } = collect_decorators(cls);
  const core_schema = model_core_schema(cls, new Set());
  const validator = new SchemaValidator(core_schema, { ...core_config(config, cls.name), title: cls.name });
  const serializer = new SchemaSerializer(core_schema);
  const internals: ModelInternals = { fields, config, core_schema, ref: ref_of(cls), validator, serializer, field_validators, model_validators };
  Object.defineProperty(cls, INTERNALS, { value: internals, enumerable: false });
  return internals;
}

set_model_schema_source({ is_model: is_model_class, model_schema: model_core_schema, ref_of });
