/**
 * fastapi._compat: FastAPI's bridge to Pydantic — one `ModelField` per parameter, body or response
 * model, wrapping a Pydantic `TypeAdapter` built from the field's annotation and `FieldInfo`.
 *
 * `validate(value, values, { loc })` returns `[value, []]` or `[null, errors]` with each error's
 * `loc` prefixed (`["query", "q", …]`) and no `url` (FastAPI drops them); `serialize` /
 * `serialize_json` dump a response through the same adapter. The annotation predicates here
 * decide FastAPI's inference: a *scalar* annotation (not a model, list, set, tuple or dict)
 * becomes a query parameter, anything else a body; a *sequence* annotation reads every
 * repeated query key. Main class: `ModelField`.
 */
import { is_uploadfile_class } from "./datastructures";
import { BaseModel } from "../pydantic/main";
import { FieldInfo, PydanticUndefined } from "../pydantic/fields";
import { TypeAdapter } from "../pydantic/type_adapter";
import { unwrap } from "../pydantic/_internal/_generate_schema";
import { is_model_class } from "../pydantic/_internal/_model_construction";
import { ValidationError, type ErrorDetails } from "../pydantic_core";
import type { SerializationOptions } from "../pydantic_core";
import { as_type_form, TypeForm } from "../python/typing";

export const Undefined = PydanticUndefined;
export const RequiredParam = PydanticUndefined;

export type ErrorDict = { type: string; loc: (string | number)[]; msg: string; input: unknown; ctx?: Record<string, unknown> };

/** The annotation a declaration stands for, without FieldInfo wrappers (`Annotated[...]` stripped). */
export function annotation_of(declaration: unknown): unknown {
  return unwrap(declaration).annotation;
}

function form_of(annotation: unknown): TypeForm<any> | null {
  if (is_model_class(annotation)) return null;
  try {
    return as_type_form(annotation);
  } catch {
    return null;
  }
}

const SEQUENCE_KINDS = new Set(["list", "set", "frozenset", "tuple"]);

/** `list[...]`, `set[...]`, `tuple[...]`, or a union that has one. */
export function field_annotation_is_sequence(annotation: unknown): boolean {
  const f = form_of(annotation_of(annotation));
  if (!f) return false;
  if (f.kind === "optional" || f.kind === "union") return f.args.some(field_annotation_is_sequence);
  if (f.kind === "annotated") return field_annotation_is_sequence(f.args[0]);
  return SEQUENCE_KINDS.has(f.kind);
}

/** A model, a mapping, a sequence (or a union with one): what cannot come from one query value. */
export function field_annotation_is_complex(annotation: unknown): boolean {
  const a = annotation_of(annotation);
  if (is_model_class(a) || is_uploadfile_class(a)) return true;
  const f = form_of(a);
  if (!f) return false;
  if (f.kind === "class") return is_uploadfile_class(f.args[0]);
  if (f.kind === "optional" || f.kind === "union") return f.args.some(field_annotation_is_complex);
  if (f.kind === "annotated") return field_annotation_is_complex(f.args[0]);
  return SEQUENCE_KINDS.has(f.kind) || f.kind === "dict";
}

export function field_annotation_is_scalar(annotation: unknown): boolean {
  return !field_annotation_is_complex(annotation);
}

/** `list[int]`, `set[str] | None`: a sequence of scalars (a query parameter may be one). */
export function field_annotation_is_scalar_sequence(annotation: unknown): boolean {
  const f = form_of(annotation_of(annotation));
  if (!f) return false;
  if (f.kind === "optional" || f.kind === "union") {
    let one = false;
    for (const arg of f.args) {
      if (field_annotation_is_scalar_sequence(arg)) one = true;
      else if (!field_annotation_is_scalar(arg)) return false;
    }
    return one;
  }
  return field_annotation_is_sequence(f) && f.args.every((a) => a === "..." || field_annotation_is_scalar(a));
}

/** A model class (`lenient_issubclass(annotation, BaseModel)`). */
export function is_model(annotation: unknown): annotation is typeof BaseModel {
  return is_model_class(annotation);
}

/** `Field required` for a missing parameter: input None, as FastAPI reports it. */
export function get_missing_field_error(loc: (string | number)[]): ErrorDict {
  return { type: "missing", loc: [...loc], msg: "Field required", input: null };
}

/** Errors from Pydantic, with FastAPI's loc prefix and without `url`. */
export function regenerate_error_with_loc(errors: ErrorDetails[], loc_prefix: (string | number)[]): ErrorDict[] {
  return errors.map((e) => ({ ...e, loc: [...loc_prefix, ...e.loc] }) as ErrorDict);
}

/** One parameter, body or response model, validated and serialized through a TypeAdapter. */
export class ModelField {
  private _adapter: TypeAdapter<any> | null = null;

  constructor(
    readonly field_info: FieldInfo<any>,
    readonly name: string,
    readonly mode: "validation" | "serialization" = "validation",
  ) {}

  /** The declared annotation (markers and `Field()` wrappers removed). */
  get annotation(): unknown {
    return annotation_of(this.field_info);
  }

  get alias(): string {
    return this.field_info.alias ?? this.name;
  }

  get validation_alias(): string | null {
    const va = this.field_info.validation_alias;
    return typeof va === "string" && va ? va : null;
  }

  get serialization_alias(): string | null {
    return this.field_info.serialization_alias || null;
  }

  /** The value a missing optional field takes (a fresh copy of a mutable default). */
  get default(): unknown {
    if (this.field_info.is_required()) return Undefined;
    const value = this.field_info.get_default({ call_default_factory: true });
    return value !== null && typeof value === "object" ? structuredClone(value) : value;
  }

  /** The TypeAdapter, built on first use (the adapter compiles a validator). */
  get type_adapter(): TypeAdapter<any> {
    if (this._adapter === null) this._adapter = new TypeAdapter(new FieldInfo(this.field_info.annotation, this.field_info.constraints as never));
    return this._adapter;
  }

  /** `[value, []]` or `[null, errors]`, errors' locs under `loc`. */
  validate(value: unknown, _values: Record<string, unknown> = {}, options: { loc?: (string | number)[] } = {}): [unknown, ErrorDict[]] {
    try {
      return [this.type_adapter.validate_python(value, { from_attributes: true }), []];
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return [null, regenerate_error_with_loc(e.errors({ include_url: false }), options.loc ?? [])];
    }
  }

  serialize(value: unknown, options: SerializationOptions = {}): unknown {
    return this.type_adapter.dump_python(value, { mode: "json", by_alias: true, ...options });
  }

  serialize_json(value: unknown, options: SerializationOptions = {}): string {
    return this.type_adapter.dump_json(value, { by_alias: true, ...options });
  }
}

/** `create_model_field(name, type_, default, field_info, alias, mode)` */
export function create_model_field(name: string, field_info: FieldInfo<any>, mode: "validation" | "serialization" = "validation"): ModelField {
  return new ModelField(field_info, name, mode);
}

/** A model's fields as ModelFields (a query/header/cookie parameter model is read field by field). */
export function get_cached_model_fields(model: typeof BaseModel): ModelField[] {
  let fields = MODEL_FIELDS.get(model);
  if (!fields) MODEL_FIELDS.set(model, (fields = Object.entries(model.model_fields).map(([name, info]) => new ModelField(info, name))));
  return fields;
}

const MODEL_FIELDS = new WeakMap<typeof BaseModel, ModelField[]>();

export { BaseModel };

/** `UploadFile`, `UploadFile | None`: a parameter FastAPI reads as a `File()` without being told. */
export function is_uploadfile_or_nonable_uploadfile_annotation(annotation: unknown): boolean {
  const a = annotation_of(annotation);
  if (is_uploadfile_class(a)) return true;
  const f = form_of(a);
  if (!f) return false;
  if (f.kind === "class") return is_uploadfile_class(f.args[0]);
  if (f.kind === "optional" || f.kind === "union") return f.args.some(is_uploadfile_or_nonable_uploadfile_annotation);
  return false;
}

/** `list[UploadFile]` (also inside a union): several files under one name. */
export function is_uploadfile_sequence_annotation(annotation: unknown): boolean {
  const f = form_of(annotation_of(annotation));
  if (!f) return false;
  if (f.kind === "optional" || f.kind === "union") return f.args.some(is_uploadfile_sequence_annotation);
  return field_annotation_is_sequence(f) && f.args.length > 0 && f.args.every((a) => a === "..." || is_uploadfile_or_nonable_uploadfile_annotation(a));
}

/** `bytes` (or `bytes | None`): a file read whole into bytes. */
export function is_bytes_field(annotation: unknown): boolean {
  const f = form_of(annotation_of(annotation));
  if (!f) return false;
  if (f.kind === "bytes") return true;
  if (f.kind === "optional" || f.kind === "union") return f.args.some(is_bytes_field);
  return false;
}

/** `list[bytes]`: several files read whole into bytes. */
export function is_bytes_sequence_field(annotation: unknown): boolean {
  const f = form_of(annotation_of(annotation));
  if (!f) return false;
  if (f.kind === "optional" || f.kind === "union") return f.args.some(is_bytes_sequence_field);
  return field_annotation_is_sequence(f) && f.args.length > 0 && f.args.every((a) => a === "..." || is_bytes_field(a));
}
