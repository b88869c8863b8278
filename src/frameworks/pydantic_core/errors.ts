/**
 * pydantic-core's errors: each failed check becomes a line error `{type, loc, msg, input, ctx}`,
 * and a failed validation raises one `ValidationError` holding them all.
 *
 * The error *types* and their message templates are pydantic-core's (`ErrorType`): the `type`
 * names a check (`int_parsing`, `string_too_short`, `missing`…), `msg` is the template filled from
 * `ctx` (`String should have at least {min_length} character{expected_plural}`), and `url` points
 * at `https://errors.pydantic.dev/2.13/v/<type>`. A few templates read differently when the input
 * came from JSON (`model_type`: "Input should be an object"). `ValidationError.toString()` is
 * pydantic's `str(exc)`; `errors()` and `json()` are the same list as data and as JSON text.
 */
import { py_float_str, py_repr, ValueError } from "../python/builtins";
import { PyFloat } from "../python/json";
import { to_json_text } from "./serializers/json_writer";

/** Which pydantic-core release the error URLs name (`https://errors.pydantic.dev/2.13/v/...`). */
export const PYDANTIC_ERRORS_VERSION = "2.13";

export type Loc = (string | number)[];

/** One failed check, as `ValidationError.errors()` lists it. */
export interface ErrorDetails {
  type: string;
  loc: Loc;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
  url?: string;
}

/** `[python template, json template?]` per error type (pydantic-core's `ErrorType`). */
const TEMPLATES: Record<string, [string, string?]> = {
  no_such_attribute: ["Object has no attribute '{attribute}'"],
  json_invalid: ["Invalid JSON: {error}"],
  json_type: ["JSON input should be string, bytes or bytearray"],
  recursion_loop: ["Recursion error - cyclic reference detected"],
  missing: ["Field required"],
  frozen_field: ["Field is frozen"],
  frozen_instance: ["Instance is frozen"],
  extra_forbidden: ["Extra inputs are not permitted"],
  invalid_key: ["Keys should be strings"],
  get_attribute_error: ["Error extracting attribute: {error}"],
  model_type: ["Input should be a valid dictionary or instance of {class_name}", "Input should be an object"],
  model_attributes_type: ["Input should be a valid dictionary or object to extract fields from", "Input should be an object"],
  dataclass_type: ["Input should be a dictionary or an instance of {class_name}", "Input should be an object"],
  default_factory_not_called: ["The default factory uses validated data, but at least one validation error occurred"],
  none_required: ["Input should be None", "Input should be null"],
  greater_than: ["Input should be greater than {gt}"],
  greater_than_equal: ["Input should be greater than or equal to {ge}"],
  less_than: ["Input should be less than {lt}"],
  less_than_equal: ["Input should be less than or equal to {le}"],
  multiple_of: ["Input should be a multiple of {multiple_of}"],
  finite_number: ["Input should be a finite number"],
  too_short: ["{field_type} should have at least {min_length} item{expected_plural} after validation, not {actual_length}"],
  too_long: ["{field_type} should have at most {max_length} item{expected_plural} after validation, not {actual_length}"],
  iterable_type: ["Input should be iterable", "Input should be a valid array"],
  iteration_error: ["Error iterating over object, error: {error}"],
  string_type: ["Input should be a valid string"],
  string_sub_type: ["Input should be a string, not an instance of a subclass of str"],
  string_unicode: ["Input should be a valid string, unable to parse raw data as a unicode string"],
  string_too_short: ["String should have at least {min_length} character{expected_plural}"],
  string_too_long: ["String should have at most {max_length} character{expected_plural}"],
  string_pattern_mismatch: ["String should match pattern '{pattern}'"],
  string_not_ascii: ["String should contain only ASCII characters"],
  enum: ["Input should be {expected}"],
  dict_type: ["Input should be a valid dictionary", "Input should be an object"],
  mapping_type: ["Input should be a valid mapping, error: {error}"],
  list_type: ["Input should be a valid list", "Input should be a valid array"],
  tuple_type: ["Input should be a valid tuple", "Input should be a valid array"],
  set_type: ["Input should be a valid set", "Input should be a valid array"],
  set_item_not_hashable: ["Set items should be hashable"],
  bool_type: ["Input should be a valid boolean"],
  bool_parsing: ["Input should be a valid boolean, unable to interpret input"],
  int_type: ["Input should be a valid integer"],
  int_parsing: ["Input should be a valid integer, unable to parse string as an integer"],
  int_parsing_size: ["Unable to parse input string as an integer, exceeded maximum size"],
  int_from_float: ["Input should be a valid integer, got a number with a fractional part"],
  float_type: ["Input should be a valid number"],
  float_parsing: ["Input should be a valid number, unable to parse string as a number"],
  bytes_type: ["Input should be a valid bytes"],
  bytes_too_short: ["Data should have at least {min_length} byte{expected_plural}"],
  bytes_too_long: ["Data should have at most {max_length} byte{expected_plural}"],
  bytes_invalid_encoding: ["Data should be valid {encoding}: {encoding_error}"],
  value_error: ["Value error, {error}"],
  assertion_error: ["Assertion failed, {error}"],
  literal_error: ["Input should be {expected}"],
  date_type: ["Input should be a valid date"],
  date_parsing: ["Input should be a valid date in the format YYYY-MM-DD, {error}"],
  date_from_datetime_parsing: ["Input should be a valid date or datetime, {error}"],
  date_from_datetime_inexact: ["Datetimes provided to dates should have zero time - e.g. be exact dates"],
  date_past: ["Date should be in the past"],
  date_future: ["Date should be in the future"],
  time_type: ["Input should be a valid time"],
  time_parsing: ["Input should be in a valid time format, {error}"],
  datetime_type: ["Input should be a valid datetime"],
  datetime_parsing: ["Input should be a valid datetime, {error}"],
  datetime_object_invalid: ["Invalid datetime object, got {error}"],
  datetime_from_date_parsing: ["Input should be a valid datetime or date, {error}"],
  datetime_past: ["Input should be in the past"],
  datetime_future: ["Input should be in the future"],
  timezone_naive: ["Input should not have timezone info"],
  timezone_aware: ["Input should have timezone info"],
  timezone_offset: ["Timezone offset of {tz_expected} required, got {tz_actual}"],
  time_delta_type: ["Input should be a valid timedelta", "Input should be a valid duration"],
  time_delta_parsing: ["Input should be a valid timedelta, {error}", "Input should be a valid duration, {error}"],
  frozen_set_type: ["Input should be a valid frozenset", "Input should be a valid array"],
  is_instance_of: ["Input should be an instance of {class}"],
  is_subclass_of: ["Input should be a subclass of {class}"],
  callable_type: ["Input should be callable"],
  union_tag_invalid: ["Input tag '{tag}' found using {discriminator} does not match any of the expected tags: {expected_tags}"],
  union_tag_not_found: ["Unable to extract tag using discriminator {discriminator}"],
  arguments_type: ["Arguments must be a tuple, list or a dictionary", "Arguments must be an array or an object"],
  missing_argument: ["Missing required argument"],
  unexpected_keyword_argument: ["Unexpected keyword argument"],
  url_type: ["URL input should be a string or URL"],
  url_parsing: ["Input should be a valid URL, {error}"],
  url_too_long: ["URL should have at most {max_length} character{expected_plural}"],
  url_scheme: ["URL scheme should be {expected_schemes}"],
  uuid_type: ["UUID input should be a string, bytes or UUID object"],
  uuid_parsing: ["Input should be a valid UUID, {error}"],
  uuid_version: ["UUID version {expected_version} expected"],
  decimal_type: ["Decimal input should be an integer, float, string or Decimal object"],
  decimal_parsing: ["Input should be a valid decimal"],
  decimal_max_digits: ["Decimal input should have no more than {max_digits} digit{expected_plural} in total"],
  decimal_max_places: ["Decimal input should have no more than {decimal_places} decimal place{expected_plural}"],
  decimal_whole_digits: ["Decimal input should have no more than {whole_digits} digit{expected_plural} before the decimal point"],
};

/** The number of the ctx key a `{expected_plural}` placeholder agrees with. */
const PLURAL_OF: Record<string, string> = {
  too_short: "min_length", too_long: "max_length", string_too_short: "min_length", string_too_long: "max_length",
  bytes_too_short: "min_length", bytes_too_long: "max_length", url_too_long: "max_length",
  decimal_max_digits: "max_digits", decimal_max_places: "decimal_places", decimal_whole_digits: "whole_digits",
};

/** A ctx value as pydantic-core writes it into a message (Rust's Display: `1e20` → `100000000000000000000`). */
function display(value: unknown): string {
  if (value instanceof PyFloat) value = value.value;
  if (typeof value === "number") {
    if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
    if (Math.abs(value) < 1e-6 || Math.abs(value) >= 1e21) return rust_float_display(value);
    return String(value);
  }
  if (typeof value === "string") return value;
  return String(value);
}

function rust_float_display(x: number): string {
  // Rust prints f64 without an exponent; JavaScript switches to one below 1e-6.
  const [m, e] = x.toExponential().split("e");
  const exp = Number(e);
  const neg = m.startsWith("-");
  const digits = m.replace("-", "").replace(".", "");
  const out = exp < 0 ? `0.${"0".repeat(-exp - 1)}${digits}` : digits.padEnd(exp + 1, "0");
  return neg ? `-${out}` : out;
}

/** Fill an error type's template from its ctx (pydantic-core's `ErrorType::render_message`). */
export function render_message(type: string, ctx: Record<string, unknown> | undefined, json_input = false): string {
  const templates = TEMPLATES[type];
  if (!templates) return typeof ctx?.message === "string" ? ctx.message : type;
  const template = (json_input && templates[1]) || templates[0];
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (key === "expected_plural") {
      const n = ctx?.[PLURAL_OF[type] ?? ""];
      return Number(n instanceof PyFloat ? n.value : n) === 1 ? "" : "s";
    }
    return display(ctx?.[key]);
  });
}

/**
 * A line error while validation is under way. `loc` grows at the front as the error travels out
 * of nested validators (a list item's index, then the field's name).
 */
export class LineError {
  constructor(
    readonly type: string,
    public input: unknown,
    readonly ctx?: Record<string, unknown>,
    public loc: Loc = [],
    /** A custom message (PydanticCustomError, value_error from a validator function). */
    readonly message?: string,
    /** False for PydanticCustomError, whose errors carry no documentation URL. */
    readonly has_url = true,
  ) {}
}

/** `PydanticCustomError(type, message_template, ctx)`: raise one from a validator to set `type`. */
export class PydanticCustomError extends ValueError {
  constructor(readonly error_type: string, readonly message_template: string, readonly context: Record<string, unknown> | null = null) {
    super(message_template.replace(/\{(\w+)\}/g, (_m, k: string) => display(context?.[k])));
  }
  type(): string {
    return this.error_type;
  }
}

/** `PydanticKnownError(type, ctx)`: raise one of pydantic-core's own error types from a validator. */
export class PydanticKnownError extends ValueError {
  constructor(readonly error_type: string, readonly context: Record<string, unknown> | null = null) {
    super(render_message(error_type, context ?? undefined));
  }
}

/** Python's type name for a value, as `input_type=` shows it. */
export function input_type_name(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  switch (typeof value) {
    case "string": return "str";
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return Number.isInteger(value) ? "int" : "float";
    case "function": return "function";
    default:
  }
  if (value instanceof PyFloat) return "float";
  if (Array.isArray(value)) return "list";
  if (value instanceof Uint8Array) return "bytes";
  if (value instanceof Map) return "dict";
  if (value instanceof Set) return "set";
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return "dict";
  return (value as object).constructor?.name ?? "object";
}

/** pydantic-core's input_value: the repr, cut to its first 25 and last 24 characters past 50. */
export function truncated_repr(value: unknown): string {
  const r = value instanceof PyFloat ? py_float_str(value.value) : py_repr(value);
  const chars = [...r];
  return chars.length > 50 ? `${chars.slice(0, 25).join("")}...${chars.slice(-24).join("")}` : r;
}

/**
 * `pydantic_core.ValidationError`: raised once per validation with every line error found.
 * `title` is the model's (or the TypeAdapter's type's) name.
 */
export class ValidationError extends ValueError {
  readonly title: string;
  private readonly line_errors: LineError[];
  private readonly input_was_json: boolean;

  constructor(title: string, line_errors: LineError[], input_was_json = false) {
    super("");
    this.title = title;
    this.line_errors = line_errors;
    this.input_was_json = input_was_json;
    this.message = this.toString();
  }

  /** `ValidationError.from_exception_data(title, line_errors)`. */
  static from_exception_data(title: string, errors: { type: string; loc?: Loc; input: unknown; ctx?: Record<string, unknown> }[]): ValidationError {
    return new ValidationError(title, errors.map((e) => new LineError(e.type, e.input, e.ctx, e.loc ?? [])));
  }

  error_count(): number {
    return this.line_errors.length;
  }

  /** The line errors as data: `[{type, loc, msg, input, ctx?, url}]`. */
  errors(options: { include_url?: boolean; include_context?: boolean; include_input?: boolean } = {}): ErrorDetails[] {
    const { include_url = true, include_context = true, include_input = true } = options;
    return this.line_errors.map((e) => {
      const out: ErrorDetails = { type: e.type, loc: [...e.loc], msg: e.message ?? render_message(e.type, e.ctx, this.input_was_json), input: e.input };
      if (!include_input) delete (out as Partial<ErrorDetails>).input;
      if (include_context && e.ctx) out.ctx = { ...e.ctx };
      if (include_url && e.has_url && TEMPLATES[e.type]) out.url = `https://errors.pydantic.dev/${PYDANTIC_ERRORS_VERSION}/v/${e.type}`;
      return out;
    });
  }

  /** `exc.json()`: the errors as compact JSON (inputs serialized as pydantic-core does). */
  json(options: { indent?: number | null; include_url?: boolean; include_context?: boolean; include_input?: boolean } = {}): string {
    // An exception in a ctx (a validator's ValueError) is written as its str.
    const errors = this.errors(options).map((e) => (e.ctx && Object.values(e.ctx).some((v) => v instanceof Error) ? { ...e, ctx: Object.fromEntries(Object.entries(e.ctx).map(([k, v]) => [k, v instanceof Error ? String(v) : v])) } : e));
    return to_json_text(errors, { indent: options.indent ?? null, fallback_repr: true });
  }

  /** `str(exc)`: the count, the title, then each error's location, message and input. */
  override toString(): string {
    const n = this.line_errors.length;
    const lines = [`${n} validation error${n === 1 ? "" : "s"} for ${this.title}`];
    for (const e of this.errors()) {
      if (e.loc.length) lines.push(e.loc.join("."));
      const value = this.line_errors.length ? e.input : undefined;
      lines.push(`  ${e.msg} [type=${e.type}, input_value=${truncated_repr(value)}, input_type=${input_type_name(value)}]`);
      if (e.url) lines.push(`    For further information visit ${e.url}`);
    }
    return lines.join("\n");
  }
}
