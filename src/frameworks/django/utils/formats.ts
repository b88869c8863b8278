/**
 * django.utils.formats: a value → its text in the active locale (here always `en`).
 *
 * `get_format("DATE_FORMAT")` → "N j, Y"; `date_format(d)` → "March 5, 2024";
 * `number_format(1234.5, 2)` → "1234.50"; `localize(value)` picks the right one for a value, which
 * is how `{{ value }}` prints numbers, dates and times.
 */
import { Decimal } from "../../python/decimal";
import { date, datetime, time } from "../../python/datetime";
import { PyFloat } from "../../python/json";
import { settings } from "../conf";
import * as dateformat from "./dateformat";
import * as numberformat from "./numberformat";

/** The `en` locale's formats (django/conf/locale/en/formats.py). */
export const EN_FORMATS: Record<string, unknown> = {
  DATE_FORMAT: "N j, Y",
  TIME_FORMAT: "P",
  DATETIME_FORMAT: "N j, Y, P",
  YEAR_MONTH_FORMAT: "F Y",
  MONTH_DAY_FORMAT: "F j",
  SHORT_DATE_FORMAT: "m/d/Y",
  SHORT_DATETIME_FORMAT: "m/d/Y P",
  FIRST_DAY_OF_WEEK: 0,
  DECIMAL_SEPARATOR: ".",
  THOUSAND_SEPARATOR: ",",
  NUMBER_GROUPING: 3,
};

const SETTING_DEFAULTS: Record<string, unknown> = {
  ...EN_FORMATS,
  NUMBER_GROUPING: 0,
};

function setting(name: string): unknown {
  try {
    return settings[name] ?? SETTING_DEFAULTS[name];
  } catch {
    return SETTING_DEFAULTS[name];
  }
}

/** A format name → the locale's format (or the setting when localization is off); other text as is. */
export function get_format(format_type: string, _lang: string | null = null, use_l10n: boolean | null = null): any {
  if (!(format_type in EN_FORMATS)) return format_type;
  if (use_l10n === false) return setting(format_type);
  return EN_FORMATS[format_type];
}

export function date_format(value: date | time, format: string | null = null, use_l10n: boolean | null = null): string {
  return dateformat.format(value, get_format(format ?? "DATE_FORMAT", null, use_l10n));
}

export function time_format(value: date | time, format: string | null = null, use_l10n: boolean | null = null): string {
  return dateformat.time_format(value, get_format(format ?? "TIME_FORMAT", null, use_l10n));
}

/** `number_format(value, decimal_pos)` with the locale's separators. */
export function number_format(value: unknown, decimal_pos: number | null = null, use_l10n: boolean | null = null, force_grouping = false): string {
  return String(
    numberformat.format(
      value,
      get_format("DECIMAL_SEPARATOR", null, use_l10n),
      decimal_pos,
      get_format("NUMBER_GROUPING", null, use_l10n),
      get_format("THOUSAND_SEPARATOR", null, use_l10n),
      force_grouping,
      use_l10n,
    ),
  );
}

/** How `{{ value }}` prints a value: numbers, dates and times localized; anything else unchanged. */
export function localize(value: unknown, use_l10n: boolean | null = null): unknown {
  if (typeof value === "string" || value instanceof String) return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number" || value instanceof PyFloat || value instanceof Decimal) return number_format(value, null, use_l10n);
  if (value instanceof datetime) return date_format(value, "DATETIME_FORMAT", use_l10n);
  if (value instanceof date) return date_format(value, null, use_l10n);
  if (value instanceof time) return time_format(value, "TIME_FORMAT", use_l10n);
  return value;
}
