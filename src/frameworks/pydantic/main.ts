/**
 * Pydantic's `BaseModel`: a class of typed fields → validated instances, their dumps (Python
 * data or JSON text) and their JSON Schema.
 *
 * ADR 0010: fields are declared in `static fields`, the instance attributes typed with `declare`:
 *
 *   export class Item extends BaseModel {
 *     static fields = { name: t.str, price: Field(t.float, { gt: 0 }) };   // name: str; price: float = Field(gt=0)
 *     declare name: string;
 *     declare price: number;
 *   }
 *   Item.model_validate({ name: "Pen", price: "1.5" }).price   // 1.5
 *   new Item({ name: "Pen", price: 0 })                        // throws ValidationError (greater_than)
 *
 * The class is prepared on first use (`_internal/_model_construction.ts`); validation runs the
 * model's compiled pydantic-core validator, dumps its serializer.
 */
import { py_repr } from "../python/builtins";
import { SchemaValidator, ValidationError, type SerializationOptions, type ValidateOptions } from "../pydantic_core";
import { set_model_serialize_hook, type Filter } from "../pydantic_core/serializers/serializer";
import { set_model_to_jsonable } from "../pydantic_core/serializers/json_writer";
import { EXTRA, FIELDS_SET, fields_set_of } from "../pydantic_core/validators/model";
import type { ConfigDict } from "./config";
import type { FieldInfo } from "./fields";
import { model_internals, set_base_model } from "./_internal/_model_construction";
import { model_json_schema, type JsonSchemaMode } from "./json_schema";

export interface DumpOptions {
  mode?: "python" | "json";
  include?: Filter;
  exclude?: Filter;
  by_alias?: boolean;
  exclude_unset?: boolean;
  exclude_defaults?: boolean;
  exclude_none?: boolean;
  round_trip?: boolean;
}

type ModelClass<T> = { new (data?: any): T; prototype: T };

export class BaseModel {
  // A subclass declares `static fields = {...}` (ADR 0010) and `static model_config = ConfigDict(...)`;
  // BaseModel declares neither, so a subclass needs no `override`.

  /** `Item(**data)`: validate `data` and fill this instance (Pydantic's `__init__`). */
  constructor(data: Record<string, unknown> = {}) {
    const cls = new.target as unknown as typeof BaseModel;
    const validated = model_internals(cls).validator.validate_python(data) as Record<string | symbol, unknown>;
    Object.assign(this, validated);
    const self = this as unknown as Record<symbol, unknown>;
    self[FIELDS_SET] = validated[FIELDS_SET];
    if (validated[EXTRA]) self[EXTRA] = validated[EXTRA];
    if (model_internals(cls).config.frozen) Object.freeze(this);
  }

  /** `Model.model_fields`: name → FieldInfo. */
  static get model_fields(): Record<string, FieldInfo<any>> {
    return model_internals(this).fields;
  }

  static get __pydantic_validator__(): SchemaValidator {
    return model_internals(this).validator;
  }

  static get __pydantic_core_schema__() {
    return model_internals(this).core_schema;
  }

  /** `Model.model_validate(obj, strict=None, from_attributes=None, context=None)`. */
  static model_validate<T extends BaseModel>(this: ModelClass<T>, obj: unknown, options: ValidateOptions = {}): T {
    return model_internals(this).validator.validate_python(obj, options) as T;
  }

  /** `Model.model_validate_json(json_data)`: parse and validate in one step (JSON-mode rules). */
  static model_validate_json<T extends BaseModel>(this: ModelClass<T>, json_data: string | Uint8Array, options: ValidateOptions = {}): T {
    return model_internals(this).validator.validate_json(json_data, options) as T;
  }

  /** `Model.model_construct(_fields_set=None, **values)`: an instance without validation. */
  static model_construct<T extends BaseModel>(this: ModelClass<T>, values: Record<string, unknown> = {}): T {
    const internals = model_internals(this);
    const obj = Object.create(this.prototype) as Record<string | symbol, unknown>;
    const set = new Set<string>();
    for (const [name, info] of Object.entries(internals.fields)) {
      if (name in values) {
        obj[name] = values[name];
        set.add(name);
      } else if (!info.is_required()) obj[name] = info.get_default();
    }
    obj[FIELDS_SET] = set;
    return obj as T;
  }

  /** `Model.model_json_schema(by_alias=True, mode='validation')`. */
  static model_json_schema(options: { by_alias?: boolean; mode?: JsonSchemaMode; ref_template?: string } = {}): Record<string, unknown> {
    return model_json_schema(this, options);
  }

  /** `model.model_dump(mode='python', include=..., exclude=..., by_alias=..., exclude_unset=...)`. */
  model_dump(options: DumpOptions = {}): Record<string, any> {
    const internals = model_internals(this.constructor);
    return internals.serializer.to_python(this, { ...options, by_alias: options.by_alias ?? internals.config.serialize_by_alias } as SerializationOptions);
  }

  /** `model.model_dump_json(indent=None, ...)`: compact JSON text as pydantic-core writes it. */
  model_dump_json(options: DumpOptions & { indent?: number | null } = {}): string {
    const internals = model_internals(this.constructor);
    return internals.serializer.to_json(this, { ...options, by_alias: options.by_alias ?? internals.config.serialize_by_alias } as SerializationOptions);
  }

  /** `model.model_copy(update=None, deep=False)`. */
  model_copy(options: { update?: Record<string, unknown>; deep?: boolean } = {}): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as Record<string | symbol, unknown>;
    const src = this as unknown as Record<string | symbol, unknown>;
    for (const k of Object.keys(src)) copy[k] = options.deep ? structuredClone(src[k]) : src[k];
    const set = new Set(this.model_fields_set);
    for (const [k, v] of Object.entries(options.update ?? {})) {
      copy[k] = v;
      set.add(k);
    }
    copy[FIELDS_SET] = set;
    if (src[EXTRA]) copy[EXTRA] = { ...(src[EXTRA] as object) };
    return copy as this;
  }

  /** `model.model_fields_set`: the fields given explicitly at validation. */
  get model_fields_set(): Set<string> {
    return fields_set_of(this, Object.keys(model_internals(this.constructor).fields));
  }

  /** `model.model_extra`: the extra keys kept under `extra="allow"` (else null). */
  get model_extra(): Record<string, unknown> | null {
    return ((this as unknown as Record<symbol, unknown>)[EXTRA] as Record<string, unknown>) ?? null;
  }

  /** `model.model_post_init(context)`: a hook run after validation; override it. */
  model_post_init(_context: unknown): void {}

  private repr_args(): [string, unknown][] {
    const internals = model_internals(this.constructor);
    const self = this as unknown as Record<string, unknown>;
    const args: [string, unknown][] = Object.entries(internals.fields).filter(([, f]) => f.repr).map(([k]) => [k, self[k]]);
    for (const [k, v] of Object.entries(this.model_extra ?? {})) args.push([k, v]);
    return args;
  }

  /** `repr(model)`: `Item(name='Pen', price=1.5)`. */
  __repr__(): string {
    return `${this.constructor.name}(${this.repr_args().map(([k, v]) => `${k}=${py_repr(v)}`).join(", ")})`;
  }

  /** `str(model)`: `name='Pen' price=1.5`. */
  toString(): string {
    return this.repr_args().map(([k, v]) => `${k}=${py_repr(v)}`).join(" ");
  }

  /** `model == other`: same class, same field values, same extras. */
  equals(other: unknown): boolean {
    if (!(other instanceof BaseModel) || other.constructor !== this.constructor) return false;
    return JSON.stringify(this.model_dump({ mode: "json" })) === JSON.stringify(other.model_dump({ mode: "json" }));
  }
}

set_base_model(BaseModel);

// A model instance met where the schema said `Any` (or inside an extra) dumps as its model does.
set_model_serialize_hook((value, o, inc, exc) => {
  if (!(value instanceof BaseModel)) return undefined;
  return model_internals(value.constructor).serializer.to_python(value, { ...o, include: inc, exclude: exc } as SerializationOptions);
});
set_model_to_jsonable((value) => (value instanceof BaseModel ? value.model_dump({ mode: "json" }) : undefined));

/** `create_model(name, **fields)`: a model class built at run time (the conformance replayer uses it). */
export function create_model(name: string, options: { fields: Record<string, unknown>; model_config?: ConfigDict; base?: typeof BaseModel }): typeof BaseModel {
  const Base = options.base ?? BaseModel;
  const cls = { [name]: class extends Base {} }[name];
  Object.defineProperty(cls, "fields", { value: options.fields, enumerable: true, writable: true });
  if (options.model_config) Object.defineProperty(cls, "model_config", { value: options.model_config, enumerable: true, writable: true });
  return cls;
}

export { ValidationError };
