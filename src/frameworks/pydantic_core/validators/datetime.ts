/**
 * pydantic-core's `date`, `time`, `datetime` and `timedelta` validators: Python objects as they
 * are, and in lax mode (or from JSON) ISO 8601 text and unix timestamps parsed by speedate.
 *
 * Which error a bad string gets follows pydantic-core: a date tries the text as a datetime too
 * (`date_from_datetime_parsing`, `date_from_datetime_inexact` when the time is not midnight); a
 * datetime falls back to a bare date (`datetime_from_date_parsing`).
 */
import { utf8_decode } from "../../python/bytes";
import { date as _date, datetime as _datetime, time, timedelta } from "../../python/datetime";
import { PyFloat } from "../../python/json";
import type { DateSchema, DatetimeSchema, TimedeltaSchema, TimeSchema } from "../core_schema";
import { date_from_timestamp, datetime_from_timestamp, parse_date as _parse_date, parse_datetime as _parse_datetime, parse_duration, parse_time, SpeedateError as _SpeedateError, time_from_seconds } from "../speedate";
import type { ScalarConfig } from "./scalars";
import { downgrade as _downgrade, fail as _fail, LAX, type CompiledValidator, type ValidationState } from "./validator";
// Module-local copies: the hot path reads these without going through the import binding.
const datetime = _datetime;
type datetime = _datetime;
const date = _date;
type date = _date;
// Module-local copies: the hot path reads these without going through the import binding.
const parse_datetime = _parse_datetime;
const parse_date = _parse_date;
const SpeedateError = _SpeedateError;
// Module-local copies: the hot path reads these without going through the import binding.
const fail = _fail;
const downgrade = _downgrade;

function text_of(input: unknown): string | null {
  if (typeof input === "string") return input;
  if (input instanceof Uint8Array) return utf8_decode(input, "replace");
  return null;
}

function number_of(input: unknown): number | null {
  if (typeof input === "number") return input;
  if (input instanceof PyFloat) return input.value;
  if (typeof input === "bigint") return Number(input);
  return null;
}

function strict_of(st: ValidationState, own: boolean): boolean {
  return st.strict ?? own;
}

export function datetime_validator(schema: DatetimeSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (input instanceof datetime) return input;
    const strict = strict_of(st, own_strict) && !st.json;
    if (strict) return fail(st, "datetime_type", input);
    const text = text_of(input);
    if (text !== null) {
      downgrade(st, LAX);
      const dt = parse_datetime(text);
      if (!(dt instanceof SpeedateError)) return dt;
      const d = parse_date(text);
      if (!(d instanceof SpeedateError)) return new datetime(d.year, d.month, d.day);
      return fail(st, "datetime_from_date_parsing", input, { error: d.message === "__inexact__" ? dt.message : d.message });
    }
    const n = typeof input === "boolean" ? null : number_of(input);
    if (n !== null) {
      downgrade(st, LAX);
      const dt = datetime_from_timestamp(n);
      return dt instanceof SpeedateError ? fail(st, "datetime_parsing", input, { error: dt.message }) : dt;
    }
    if (input instanceof date) {
      downgrade(st, LAX);
      return new datetime(input.year, input.month, input.day);
    }
    return fail(st, "datetime_type", input);
  };
  return { validate, name: "datetime" };
}

export function date_validator(schema: DateSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const from_datetime = (dt: datetime, st: ValidationState, input: unknown): unknown => {
    if (dt.hour || dt.minute || dt.second || dt.microsecond) return fail(st, "date_from_datetime_inexact", input);
    return new date(dt.year, dt.month, dt.day);
  };
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (input instanceof datetime) {
      if (strict_of(st, own_strict)) return fail(st, "date_type", input);
      downgrade(st, LAX);
      return from_datetime(input, st, input);
    }
    if (input instanceof date) return input;
    if (strict_of(st, own_strict) && !st.json) return fail(st, "date_type", input);
    const text = text_of(input);
    if (text !== null) {
      downgrade(st, LAX);
      const d = parse_date(text);
      if (!(d instanceof SpeedateError)) return d;
      if (d.message === "__inexact__") return fail(st, "date_from_datetime_inexact", input);
      const dt = parse_datetime(text);
      if (dt instanceof SpeedateError) return fail(st, "date_from_datetime_parsing", input, { error: dt.message });
      return from_datetime(dt, st, input);
    }
    const n = typeof input === "boolean" ? null : number_of(input);
    if (n !== null) {
      downgrade(st, LAX);
      const d = date_from_timestamp(n);
      if (d instanceof SpeedateError) {
        return d.message === "__inexact__" ? fail(st, "date_from_datetime_inexact", input) : fail(st, "date_from_datetime_parsing", input, { error: d.message });
      }
      return d;
    }
    return fail(st, "date_type", input);
  };
  return { validate, name: "date" };
}

export function time_validator(schema: TimeSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (input instanceof time) return input;
    if (strict_of(st, own_strict) && !st.json) return fail(st, "time_type", input);
    const text = text_of(input);
    if (text !== null) {
      downgrade(st, LAX);
      const t = parse_time(text);
      return t instanceof SpeedateError ? fail(st, "time_parsing", input, { error: t.message }) : t;
    }
    const n = typeof input === "boolean" ? null : number_of(input);
    if (n !== null) {
      downgrade(st, LAX);
      const t = time_from_seconds(n);
      return t instanceof SpeedateError ? fail(st, "time_parsing", input, { error: t.message }) : t;
    }
    return fail(st, "time_type", input);
  };
  return { validate, name: "time" };
}

/** Seconds from which speedate refuses a number as a duration (a billion days). */
const MAX_DURATION_SECONDS = 86_400 * 1e9;

export function timedelta_validator(schema: TimedeltaSchema, config: ScalarConfig): CompiledValidator {
  const own_strict = schema.strict ?? config.strict ?? false;
  const validate = (input: unknown, st: ValidationState): unknown => {
    if (input instanceof timedelta) return input;
    if (strict_of(st, own_strict) && !st.json) return fail(st, "time_delta_type", input);
    const text = text_of(input);
    if (text !== null) {
      downgrade(st, LAX);
      const td = parse_duration(text);
      return td instanceof SpeedateError ? fail(st, "time_delta_parsing", input, { error: td.message }) : td;
    }
    // A JSON `true` is no duration; a Python `True` is one second.
    if (typeof input === "boolean" && st.json) return fail(st, "time_delta_type", input);
    const n = typeof input === "boolean" ? (input ? 1 : 0) : number_of(input);
    if (n !== null) {
      downgrade(st, LAX);
      if (Math.abs(n) >= MAX_DURATION_SECONDS) return fail(st, "time_delta_parsing", input, { error: "durations may not exceed 999,999,999 days" });
      // Whole seconds and the fraction apart: n × 10⁶ would lose microseconds past 2**53.
      const whole = Math.trunc(n);
      return new timedelta({ seconds: whole, microseconds: Math.round((n - whole) * 1e6) });
    }
    return fail(st, "time_delta_type", input);
  };
  return { validate, name: "timedelta" };
}
