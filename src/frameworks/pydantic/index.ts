/**
 * `import { BaseModel, Field, ConfigDict, t } from "pydantic"`: what `from pydantic import ...`
 * offers, plus `t`, the annotation vocabulary (ADR 0010).
 */
export { BaseModel, create_model, type DumpOptions } from "./main";
export { Field, FieldInfo, PydanticUndefined, type FieldOptions } from "./fields";
export { ConfigDict } from "./config";
export { field_validator, model_validator } from "./functional_validators";
export { TypeAdapter } from "./type_adapter";
export { GenerateJsonSchema } from "./json_schema";
export * from "./types";
export { AnyUrl, AnyHttpUrl, EmailStr, HttpUrl, validate_email } from "./networks";
export { ValidationError, PydanticCustomError } from "../pydantic_core";
export { t, type TypeOf, type Signature, type Annotation } from "../python/typing";
export { ValueError } from "../python/builtins";
