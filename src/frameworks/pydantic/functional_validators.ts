/**
 * Pydantic's `field_validator` and `model_validator`: functions a model declares as statics,
 * collected at class preparation (Pydantic's `DecoratorInfos`) and wrapped around the field's or
 * the model's core schema as `function-before/after/wrap/plain` validators.
 *
 *   static check_name = field_validator("name")(function (value: string) {      // @field_validator('name')
 *     if (!value.trim()) throw new ValueError("must not be blank");              // -> "Value error, must not be blank"
 *     return value.trim();
 *   });
 *   static check_total = model_validator({ mode: "after" })(function (self: Order) { ...; return self; });
 *
 * A function that declares one more parameter than the value (`(value, info)`, or
 * `(value, handler, info)` for wrap) receives a `ValidationInfo` (`info.data`, `info.field_name`).
 */

export type ValidatorMode = "before" | "after" | "wrap" | "plain";

export interface FieldValidatorInfo {
  kind: "field";
  fields: string[];
  mode: ValidatorMode;
  check_fields: boolean | null;
}

export interface ModelValidatorInfo {
  kind: "model";
  mode: "before" | "after" | "wrap";
}

export type DecoratorInfo = FieldValidatorInfo | ModelValidatorInfo;

/** The mark a decorator leaves on the function (Pydantic's `PydanticDescriptorProxy`). */
export const DECORATOR_INFO = Symbol.for("pydantic.decorator_info");

export type Decorated<F> = F & { [DECORATOR_INFO]: DecoratorInfo };

/** `@field_validator(*fields, mode="after")`. */
export function field_validator(...args: (string | { mode?: ValidatorMode; check_fields?: boolean | null })[]) {
  const options = typeof args[args.length - 1] === "object" ? (args.pop() as { mode?: ValidatorMode; check_fields?: boolean | null }) : {};
  const fields = args as string[];
  return <F extends (...a: any[]) => unknown>(fn: F): Decorated<F> => {
    (fn as Decorated<F>)[DECORATOR_INFO] = { kind: "field", fields, mode: options.mode ?? "after", check_fields: options.check_fields ?? null };
    return fn as Decorated<F>;
  };
}

/** `@model_validator(mode=...)`: `before` gets the raw input, `after` the instance, `wrap` both. */
export function model_validator(options: { mode: "before" | "after" | "wrap" }) {
  return <F extends (...a: any[]) => unknown>(fn: F): Decorated<F> => {
    (fn as Decorated<F>)[DECORATOR_INFO] = { kind: "model", mode: options.mode };
    return fn as Decorated<F>;
  };
}

export function decorator_info(v: unknown): DecoratorInfo | null {
  return typeof v === "function" ? ((v as Partial<Decorated<() => void>>)[DECORATOR_INFO] ?? null) : null;
}
