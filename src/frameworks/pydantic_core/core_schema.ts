/**
 * pydantic-core's core schema: the plain-data description of a type that `SchemaValidator` and
 * `SchemaSerializer` compile. Pydantic's `GenerateSchema` turns annotations into these;
 * `core_schema.int_schema({ gt: 0 })` is `{ type: "int", gt: 0 }` as in Python.
 */

export type ExtraBehavior = "allow" | "forbid" | "ignore";

interface Base {
  ref?: string;
  metadata?: Record<string, unknown>;
  serialization?: { function: (value: any, info: any) => unknown; when_used?: string; return_schema?: CoreSchema; info_arg?: boolean; kind: "plain" | "wrap" };
}
interface NumberConstraints<N> {
  gt?: N; ge?: N; lt?: N; le?: N; multiple_of?: N; strict?: boolean;
}

export type AnySchema = Base & { type: "any" };
export type NoneSchema = Base & { type: "none"; strict?: boolean };
export type BoolSchema = Base & { type: "bool"; strict?: boolean };
export type IntSchema = Base & NumberConstraints<number> & { type: "int" };
export type FloatSchema = Base & NumberConstraints<number> & { type: "float"; allow_inf_nan?: boolean };
export type DecimalSchema = Base & NumberConstraints<unknown> & { type: "decimal"; max_digits?: number; decimal_places?: number; allow_inf_nan?: boolean };
export type StrSchema = Base & {
  type: "str"; min_length?: number; max_length?: number; pattern?: string; strip_whitespace?: boolean;
  to_lower?: boolean; to_upper?: boolean; strict?: boolean;
};
export type BytesSchema = Base & { type: "bytes"; min_length?: number; max_length?: number; strict?: boolean };
export type DateSchema = Base & { type: "date"; strict?: boolean; gt?: unknown; ge?: unknown; lt?: unknown; le?: unknown };
export type TimeSchema = Base & { type: "time"; strict?: boolean };
export type DatetimeSchema = Base & { type: "datetime"; strict?: boolean };
export type TimedeltaSchema = Base & { type: "timedelta"; strict?: boolean };
export type UuidSchema = Base & { type: "uuid"; strict?: boolean; version?: number };
export type LiteralSchema = Base & { type: "literal"; expected: unknown[] };
export type EnumSchema = Base & { type: "enum"; cls_name: string; members: Record<string, unknown>; values: unknown[]; sub_type?: "str" | "int" | "float"; strict?: boolean };
export type ListSchema = Base & { type: "list"; items_schema?: CoreSchema; min_length?: number; max_length?: number; strict?: boolean };
export type SetSchema = Base & { type: "set" | "frozenset"; items_schema?: CoreSchema; min_length?: number; max_length?: number; strict?: boolean };
export type TupleSchema = Base & { type: "tuple"; items_schema: CoreSchema[]; variadic_item_index?: number; min_length?: number; max_length?: number; strict?: boolean };
export type DictSchema = Base & { type: "dict"; keys_schema?: CoreSchema; values_schema?: CoreSchema; min_length?: number; max_length?: number; strict?: boolean };
export type NullableSchema = Base & { type: "nullable"; schema: CoreSchema; strict?: boolean };
export type UnionSchema = Base & { type: "union"; choices: (CoreSchema | [CoreSchema, string])[]; mode?: "smart" | "left_to_right"; strict?: boolean };
export type DefaultSchema = Base & {
  type: "default"; schema: CoreSchema; default?: unknown; default_factory?: (data?: any) => unknown;
  default_factory_takes_data?: boolean; validate_default?: boolean; has_default: boolean;
};
export type FunctionSchema = Base & {
  type: "function-before" | "function-after" | "function-wrap" | "function-plain";
  function: (...args: any[]) => unknown; info_arg: boolean; field_name?: string; schema?: CoreSchema;
};
export type ModelField = {
  type: "model-field"; schema: CoreSchema; validation_alias?: string | (string | number)[] | (string | number)[][];
  serialization_alias?: string; serialization_exclude?: boolean; frozen?: boolean;
  /** Also accept the field's own name when it has an alias (`validate_by_name`). */
  validate_by_name?: boolean; validate_by_alias?: boolean;
};
export type ModelFieldsSchema = Base & {
  type: "model-fields"; fields: Record<string, ModelField>; model_name: string; extra_behavior?: ExtraBehavior;
  strict?: boolean; from_attributes?: boolean; computed_fields?: { property_name: string; alias?: string; return_schema: CoreSchema; getter: (self: any) => unknown }[];
};
export type ModelSchema = Base & {
  type: "model"; cls: any; schema: CoreSchema; strict?: boolean; revalidate_instances?: "always" | "never" | "subclass-instances";
  frozen?: boolean; custom_init?: boolean; root_model?: boolean; post_init?: string; config?: Record<string, unknown>;
};
export type DefinitionRefSchema = Base & { type: "definition-ref"; schema_ref: string };
export type DefinitionsSchema = Base & { type: "definitions"; schema: CoreSchema; definitions: CoreSchema[] };
export type IsInstanceSchema = Base & { type: "is-instance"; cls: any; cls_repr?: string };

export type CoreSchema =
  | AnySchema | NoneSchema | BoolSchema | IntSchema | FloatSchema | DecimalSchema | StrSchema | BytesSchema
  | DateSchema | TimeSchema | DatetimeSchema | TimedeltaSchema | UuidSchema | LiteralSchema | EnumSchema
  | ListSchema | SetSchema | TupleSchema | DictSchema | NullableSchema | UnionSchema | DefaultSchema
  | FunctionSchema | ModelFieldsSchema | ModelSchema | DefinitionRefSchema | DefinitionsSchema | IsInstanceSchema;

/** `pydantic_core.core_schema`: constructors that read like Python's (`int_schema({ gt: 0 })`). */
export const core_schema = {
  any_schema: (o: Partial<AnySchema> = {}): AnySchema => ({ type: "any", ...o }),
  none_schema: (o: Partial<NoneSchema> = {}): NoneSchema => ({ type: "none", ...o }),
  bool_schema: (o: Partial<BoolSchema> = {}): BoolSchema => ({ type: "bool", ...o }),
  int_schema: (o: Partial<IntSchema> = {}): IntSchema => ({ type: "int", ...o }),
  float_schema: (o: Partial<FloatSchema> = {}): FloatSchema => ({ type: "float", ...o }),
  decimal_schema: (o: Partial<DecimalSchema> = {}): DecimalSchema => ({ type: "decimal", ...o }),
  str_schema: (o: Partial<StrSchema> = {}): StrSchema => ({ type: "str", ...o }),
  bytes_schema: (o: Partial<BytesSchema> = {}): BytesSchema => ({ type: "bytes", ...o }),
  list_schema: (items_schema?: CoreSchema, o: Partial<ListSchema> = {}): ListSchema => ({ type: "list", items_schema, ...o }),
  dict_schema: (keys_schema?: CoreSchema, values_schema?: CoreSchema, o: Partial<DictSchema> = {}): DictSchema => ({ type: "dict", keys_schema, values_schema, ...o }),
  nullable_schema: (schema: CoreSchema): NullableSchema => ({ type: "nullable", schema }),
  union_schema: (choices: (CoreSchema | [CoreSchema, string])[], o: Partial<UnionSchema> = {}): UnionSchema => ({ type: "union", choices, ...o }),
  literal_schema: (expected: unknown[]): LiteralSchema => ({ type: "literal", expected }),
  with_default_schema: (schema: CoreSchema, o: Partial<DefaultSchema>): DefaultSchema => ({ type: "default", schema, has_default: "default" in o || !!o.default_factory, ...o }),
};
