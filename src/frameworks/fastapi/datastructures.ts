/**
 * fastapi.datastructures: `Default(value)` — a value that was *not* given explicitly, so a router's
 * or the app's setting may still replace it (`response_class`, `generate_unique_id_function`) —
 * and `UploadFile`, Starlette's with what Pydantic needs to validate a parameter as one (anything
 * else is "Value error, Expected UploadFile, received: <class 'str'>") and to show it in OpenAPI
 * (a string of `application/octet-stream`).
 */
import { ValueError, type_name_of } from "../python/builtins";
import type { CoreSchema } from "../pydantic_core/core_schema";
import { UploadFile as StarletteUploadFile } from "../starlette/datastructures";

export class UploadFile extends StarletteUploadFile {
  static _validate(input: unknown): StarletteUploadFile {
    if (!(input instanceof StarletteUploadFile)) throw new ValueError(`Expected UploadFile, received: <class '${type_name_of(input)}'>`);
    return input;
  }

  /** Pydantic's hook: a plain validator function (`with_info_plain_validator_function(cls._validate)`). */
  static __get_pydantic_core_schema__(): CoreSchema {
    return { type: "function-plain", function: (input: unknown) => UploadFile._validate(input), info_arg: false };
  }

  /** Pydantic's hook: the JSON Schema OpenAPI shows for a file. */
  static __get_pydantic_json_schema__(): Record<string, unknown> {
    return { type: "string", contentMediaType: "application/octet-stream" };
  }
}

/** An `UploadFile` class (FastAPI's, Starlette's or a subclass) given as an annotation. */
export function is_uploadfile_class(annotation: unknown): boolean {
  return typeof annotation === "function" && (annotation === StarletteUploadFile || annotation.prototype instanceof StarletteUploadFile);
}
export class DefaultPlaceholder<T = unknown> {
  constructor(readonly value: T) {}
}

export function Default<T>(value: T): DefaultPlaceholder<T> {
  return new DefaultPlaceholder(value);
}

/** The first item that was given explicitly, else the first placeholder. */
export function get_value_or_default<T>(first: T | DefaultPlaceholder<T>, ...rest: (T | DefaultPlaceholder<T>)[]): T | DefaultPlaceholder<T> {
  for (const item of [first, ...rest]) if (!(item instanceof DefaultPlaceholder)) return item;
  return first;
}

