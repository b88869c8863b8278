/**
 * pydantic-core's `build_validator`: one core schema → one compiled validator, recursively, with
 * `ref`/`definition-ref` resolved lazily so recursive models (`Node.children: list[Node]`) work.
 */
import type { CoreSchema, ModelFieldsSchema } from "../core_schema";
import { enum_validator, literal_validator, nullable_validator, union_validator } from "./choices";
import { dict_validator, list_validator, set_validator, tuple_validator } from "./collections";
import { date_validator, datetime_validator, time_validator, timedelta_validator } from "./datetime";
import { default_validator, function_validator, model_fields_filler, model_validator } from "./model";
import { any_validator, bool_validator, bytes_validator, decimal_validator, float_validator, int_validator, none_validator, str_validator, uuid_validator, type ScalarConfig } from "./scalars";
import { fail, INVALID, type CompiledValidator, type ValidationState } from "./validator";

/** The config keys validators read (pydantic's `ConfigDict`, as core config). */
export interface CoreConfig extends ScalarConfig {
  title?: string;
  extra_fields_behavior?: "allow" | "forbid" | "ignore";
  validate_by_name?: boolean;
  validate_by_alias?: boolean;
  from_attributes?: boolean;
  revalidate_instances?: "always" | "never" | "subclass-instances";
  allow_inf_nan?: boolean;
}

export class Definitions {
  private readonly compiled = new Map<string, CompiledValidator>();
  set(ref: string, v: CompiledValidator): void {
    this.compiled.set(ref, v);
  }
  get(ref: string): CompiledValidator | undefined {
    return this.compiled.get(ref);
  }
}

export function build_validator(schema: CoreSchema, config: CoreConfig = {}, defs = new Definitions()): CompiledValidator {
  if (schema.ref) {
    const existing = defs.get(schema.ref);
    if (existing) return existing;
    // Register a forwarder first so a reference met while building this schema finds it.
    let target: CompiledValidator | null = null;
    const forward: CompiledValidator = { validate: (i, st) => target!.validate(i, st), name: schema.ref };
    defs.set(schema.ref, forward);
    target = build_inner(schema, config, defs);
    forward.name = target.name;
    defs.set(schema.ref, target);
    return target;
  }
  return build_inner(schema, config, defs);
}

function build_inner(schema: CoreSchema, config: CoreConfig, defs: Definitions): CompiledValidator {
  const sub = (s: CoreSchema | undefined, c: CoreConfig = config) => (s ? build_validator(s, c, defs) : null);
  switch (schema.type) {
    case "any": return any_validator();
    case "none": return none_validator();
    case "bool": return bool_validator(schema, config);
    case "int": return int_validator(schema, config);
    case "float": return float_validator(schema, config);
    case "decimal": return decimal_validator(schema, config);
    case "str": return str_validator(schema, config);
    case "bytes": return bytes_validator(schema, config);
    case "date": return date_validator(schema, config);
    case "time": return time_validator(schema, config);
    case "datetime": return datetime_validator(schema, config);
    case "timedelta": return timedelta_validator(schema, config);
    case "uuid": return uuid_validator(schema, config);
    case "literal": return literal_validator(schema);
    case "enum": return enum_validator(schema, config);
    case "list": return list_validator(schema, sub(schema.items_schema), config);
    case "set": case "frozenset": return set_validator(schema, sub(schema.items_schema), config);
    case "tuple": return tuple_validator(schema, schema.items_schema.map((s) => sub(s)!), config);
    case "dict": return dict_validator(schema, sub(schema.keys_schema), sub(schema.values_schema), config);
    case "nullable": return nullable_validator(schema, sub(schema.schema)!);
    case "union":
      return union_validator(schema, schema.choices.map((c) => {
        const [s, label] = Array.isArray(c) ? c : [c, null];
        const v = sub(s)!;
        return [v, label ?? v.name] as [CompiledValidator, string];
      }));
    case "default": return default_validator(schema, sub(schema.schema)!);
    case "function-before": case "function-after": case "function-plain": case "function-wrap":
      return function_validator(schema, sub(schema.schema), (st) => st.data ?? {});
    case "model": {
      const model_config: CoreConfig = { ...(schema.config as CoreConfig | undefined) };
      const fields = schema.schema as ModelFieldsSchema;
      const compiled: Record<string, CompiledValidator> = {};
      for (const [name, f] of Object.entries(fields.fields)) {
        compiled[name] = build_validator(f.schema.type === "default" ? f.schema.schema : f.schema, model_config, defs);
      }
      const filler = model_fields_filler(fields, compiled, {
        validate_by_name: model_config.validate_by_name,
        validate_by_alias: model_config.validate_by_alias,
        extra: model_config.extra_fields_behavior,
      });
      return model_validator(schema, filler, { from_attributes: model_config.from_attributes, revalidate_instances: schema.revalidate_instances });
    }
    case "model-fields":
      throw new TypeError("a model-fields schema is built by its model schema");
    case "definition-ref": {
      const ref = schema.schema_ref;
      let target: CompiledValidator | undefined;
      const validate = (input: unknown, st: ValidationState) => (target ??= defs.get(ref))!.validate(input, st);
      return { validate, get name() { return defs.get(ref)?.name ?? ref; } };
    }
    case "definitions":
      for (const d of schema.definitions) build_validator(d, config, defs);
      return build_validator(schema.schema, config, defs);
    case "is-instance": {
      const cls = schema.cls;
      return { validate: (input, st) => (input instanceof cls ? input : fail(st, "is_instance_of", input, { class: schema.cls_repr ?? cls.name })), name: `is-instance[${cls.name}]` };
    }
  }
}

export { INVALID };
