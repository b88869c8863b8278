/**
 * Pydantic's constrained and strict types (`pydantic.types`): annotations that carry their
 * constraints, usable wherever a type is (`t.list(PositiveInt)`, `Field(StrictStr)`).
 */
import { t } from "../python/typing";
import { FieldInfo, type FieldOptions } from "./fields";

export const StrictStr = new FieldInfo(t.str, { strict: true });
export const StrictInt = new FieldInfo(t.int, { strict: true });
export const StrictFloat = new FieldInfo(t.float, { strict: true });
export const StrictBool = new FieldInfo(t.bool, { strict: true });
export const StrictBytes = new FieldInfo(t.bytes, { strict: true });
export const PositiveInt = new FieldInfo(t.int, { gt: 0 });
export const NegativeInt = new FieldInfo(t.int, { lt: 0 });
export const NonNegativeInt = new FieldInfo(t.int, { ge: 0 });
export const NonPositiveInt = new FieldInfo(t.int, { le: 0 });
export const PositiveFloat = new FieldInfo(t.float, { gt: 0 });
export const NegativeFloat = new FieldInfo(t.float, { lt: 0 });
export const NonNegativeFloat = new FieldInfo(t.float, { ge: 0 });
export const FiniteFloat = new FieldInfo(t.float, { allow_inf_nan: false });

type NumberConstraints = Pick<FieldOptions, "strict" | "gt" | "ge" | "lt" | "le" | "multiple_of">;

/** `conint(gt=0, le=10)`. */
export const conint = (o: NumberConstraints = {}) => new FieldInfo(t.int, o);
/** `confloat(ge=0)`. */
export const confloat = (o: NumberConstraints & { allow_inf_nan?: boolean } = {}) => new FieldInfo(t.float, o);
/** `constr(min_length=1, pattern=...)`. */
export const constr = (o: Pick<FieldOptions, "strict" | "min_length" | "max_length" | "pattern"> = {}) => new FieldInfo(t.str, o);
/** `condecimal(max_digits=5, decimal_places=2)`. */
export const condecimal = (o: NumberConstraints & Pick<FieldOptions, "max_digits" | "decimal_places"> = {}) => new FieldInfo(t.Decimal, o);
