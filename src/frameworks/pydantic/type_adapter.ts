/**
 * Pydantic's `TypeAdapter`: validation, dumps and JSON Schema for any annotation, not only models
 * (`TypeAdapter(t.list(t.int)).validate_python(["1", 2])` → `[1, 2]`). FastAPI validates each
 * parameter through one.
 */
import { SchemaSerializer, SchemaValidator, type SerializationOptions, type ValidateOptions, type ValidationState } from "../pydantic_core";
import { annotation_repr, type Annotation, type TypeOf } from "../python/typing";
import type { ConfigDict } from "./config";
import { FieldInfo } from "./fields";
import { generate_schema, unwrap } from "./_internal/_generate_schema";
import { core_config } from "./_internal/_model_construction";
import { GenerateJsonSchema, sort_json_schema, type JsonSchemaMode } from "./json_schema";
import type { CoreSchema } from "../pydantic_core/core_schema";

export class TypeAdapter<A = Annotation> {
  readonly core_schema: CoreSchema;
  readonly validator: SchemaValidator;
  readonly serializer: SchemaSerializer;

  constructor(readonly type: A | FieldInfo<A>, options: { config?: ConfigDict } = {}) {
    this.core_schema = generate_schema(type);
    const title = annotation_title(type);
    this.validator = new SchemaValidator(this.core_schema, { ...core_config(options.config ?? {}, title), title });
    this.serializer = new SchemaSerializer(this.core_schema);
  }

  validate_python(obj: unknown, options: ValidateOptions = {}): TypeOf<A> {
    return this.validator.validate_python(obj, options);
  }

  validate_json(data: string | Uint8Array, options: ValidateOptions = {}): TypeOf<A> {
    return this.validator.validate_json(data, options);
  }

  /** Validate into a caller's state, so errors from several adapters share one list (FastAPI). */
  validate_into(obj: unknown, state: ValidationState): unknown {
    return this.validator.validate_into(obj, state);
  }

  dump_python(value: unknown, options: SerializationOptions = {}): unknown {
    return this.serializer.to_python(value, options);
  }

  dump_json(value: unknown, options: SerializationOptions = {}): string {
    return this.serializer.to_json(value, options);
  }

  json_schema(options: { by_alias?: boolean; mode?: JsonSchemaMode; ref_template?: string } = {}): Record<string, unknown> {
    const gen = new GenerateJsonSchema(options.by_alias ?? true, options.ref_template ?? "#/$defs/{model}", options.mode ?? "validation");
    const out = gen.generate(this.core_schema);
    if (Object.keys(gen.defs).length) out.$defs = gen.defs;
    return sort_json_schema(out) as Record<string, unknown>;
  }
}

function annotation_title(a: unknown): string {
  const { annotation } = unwrap(a);
  return annotation_repr(annotation).replace(/^Optional\[(.*)\]$/, "Optional[$1]");
}
