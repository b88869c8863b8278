/**
 * pydantic-core's Python surface: `SchemaValidator` and `SchemaSerializer` (a core schema
 * compiled once, then run many times), `ValidationError`, `PydanticCustomError`, `from_json`,
 * `to_json` and the `core_schema` constructors. Pydantic's `BaseModel` and `TypeAdapter` sit on
 * these; the Rust crate's role is played by `validators/` and `serializers/`.
 *
 *   const v = new SchemaValidator(core_schema.int_schema({ gt: 0 }));
 *   v.validate_python("5");   // 5
 *   v.validate_python(0);     // throws ValidationError: greater_than
 */
import { LineError, ValidationError } from "./errors";
import { from_json, JsonParseError } from "./json";
import type { CoreSchema } from "./core_schema";
import { build_serializer, type Filter, type Serialize, type SerializeOptions } from "./serializers/serializer";
import { to_json_text } from "./serializers/json_writer";
import { build_validator, type CoreConfig } from "./validators/build";
import { INVALID as _INVALID, new_state as _new_state, type CompiledValidator, type ValidationState } from "./validators/validator";
// Module-local copies: the hot path reads these without going through the import binding.
const INVALID = _INVALID;
const new_state = _new_state;

export { core_schema, type CoreSchema } from "./core_schema";
export { ValidationError, PydanticCustomError, PydanticKnownError, LineError, type ErrorDetails, render_message } from "./errors";
export { from_json, JsonParseError } from "./json";
export type { CoreConfig } from "./validators/build";

export interface ValidateOptions {
  strict?: boolean | null;
  from_attributes?: boolean | null;
  context?: unknown;
}

/** `SchemaValidator(schema, config)`: the compiled validator of one core schema. */
export class SchemaValidator {
  readonly title: string;
  private readonly compiled: CompiledValidator;

  constructor(readonly schema: CoreSchema, readonly config: CoreConfig = {}) {
    this.compiled = build_validator(schema, config);
    this.title = config.title ?? this.compiled.name;
  }

  /** `validate_python(input)`: the validated value, or a ValidationError with every line error. */
  validate_python(input: unknown, options: ValidateOptions = {}): any {
    const st = new_state({ strict: options.strict ?? null, from_attributes: options.from_attributes ?? null, context: options.context });
    const v = this.compiled.validate(input, st);
    if (v === INVALID) throw new ValidationError(this.title, st.errors);
    return v;
  }

  /** `validate_json(text)`: parse with jiter's rules, then validate in JSON mode. */
  validate_json(text: string | Uint8Array, options: ValidateOptions = {}): any {
    const source = typeof text === "string" ? text : new TextDecoder().decode(text);
    let data: unknown;
    try {
      data = from_json(source);
    } catch (e) {
      if (!(e instanceof JsonParseError)) throw e;
      throw new ValidationError(this.title, [new LineError("json_invalid", source, { error: e.message })], true);
    }
    const st = new_state({ strict: options.strict ?? null, json: true, context: options.context });
    const v = this.compiled.validate(data, st);
    if (v === INVALID) throw new ValidationError(this.title, st.errors, true);
    return v;
  }

  /** Run the validator into a caller's state (FastAPI collects several parameters' errors in one list). */
  validate_into(input: unknown, state: ValidationState): unknown {
    return this.compiled.validate(input, state);
  }
}

export interface SerializationOptions {
  mode?: "python" | "json";
  include?: Filter;
  exclude?: Filter;
  by_alias?: boolean;
  exclude_unset?: boolean;
  exclude_defaults?: boolean;
  exclude_none?: boolean;
  round_trip?: boolean;
  indent?: number | null;
}

function ser_options(o: SerializationOptions, mode: "python" | "json", exact_floats: boolean): SerializeOptions {
  return {
    mode,
    by_alias: o.by_alias ?? false,
    exclude_unset: o.exclude_unset ?? false,
    exclude_defaults: o.exclude_defaults ?? false,
    exclude_none: o.exclude_none ?? false,
    round_trip: o.round_trip ?? false,
    exact_floats,
  };
}

/** `SchemaSerializer(schema)`: `to_python` (model_dump) and `to_json` (model_dump_json). */
export class SchemaSerializer {
  private readonly ser: Serialize;
  constructor(readonly schema: CoreSchema) {
    this.ser = build_serializer(schema);
  }

  to_python(value: unknown, o: SerializationOptions = {}): any {
    return this.ser(value, ser_options(o, o.mode ?? "python", false), o.include, o.exclude);
  }

  to_json(value: unknown, o: SerializationOptions = {}): string {
    const data = this.ser(value, ser_options(o, "json", true), o.include, o.exclude);
    return to_json_text(data, { indent: o.indent ?? null });
  }
}

/** `pydantic_core.to_json(value)`: serialize by run-time type. */
export function to_json(value: unknown, options: { indent?: number | null } = {}): string {
  return to_json_text(value, options);
}

export { INVALID, new_state, type ValidationState };
