/**
 * django.core.validators: a value → nothing, or a ValidationError with Django's message and code.
 *
 * A validator is a callable: a function (`validate_slug(value)`) or an object with `__call__`
 * (`new MaxLengthValidator(5).__call__(value)`). Form and model fields run theirs in
 * `run_validators()`; `call_validator(v, value)` calls either kind, `validator_name(v)` names it
 * for the trace ("MaxLengthValidator", "validate_email").
 */
import { ValidationError } from "./exceptions";
import { compile as re_compile, Pattern, IGNORECASE } from "../../python/re";
import { compare as py_compare, eq as py_eq } from "../../python/operator";
import { Decimal } from "../../python/decimal";
import { PyFloat } from "../../python/json";
import { urlsplit } from "../../python/urllib/parse";

export const EMPTY_VALUES: unknown[] = [null, undefined, "", [], {}];

/** A callable validator: a function, or an object whose `__call__(value)` validates. */
export type Validator = ((value: any) => void) | { __call__(value: any): void };

export function call_validator(validator: Validator, value: unknown): void {
  if (typeof validator === "function") validator(value);
  else validator.__call__(value);
}

export function validator_name(validator: Validator): string {
  return typeof validator === "function" ? validator.name || "validator" : validator.constructor.name;
}

/** Python's `len(str)`: code points, not UTF-16 units. */
function py_len(value: unknown): number {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  return String(value).length;
}

/** `RegexValidator(regex, message, code, inverse_match, flags)`: `re.search` must (not) match `str(value)`. */
export class RegexValidator {
  regex: Pattern;
  message = "Enter a valid value.";
  code = "invalid";
  inverse_match = false;

  constructor(regex: string | Pattern | null = null, options: { message?: string; code?: string; inverse_match?: boolean; flags?: number } = {}) {
    this.regex = regex instanceof Pattern ? regex : re_compile(regex ?? "", options.flags ?? 0);
    if (options.message !== undefined) this.message = options.message;
    if (options.code !== undefined) this.code = options.code;
    if (options.inverse_match !== undefined) this.inverse_match = options.inverse_match;
  }

  __call__(value: unknown): void {
    const matched = typeof value === "string" && this.regex.search(value) !== null;
    if (matched === this.inverse_match) throw new ValidationError(this.message, { code: this.code, params: { value } });
  }
}

const UL = "\\u00a1-\\uffff";
const HOSTNAME = `[a-z${UL}0-9](?:[a-z${UL}0-9-]{0,61}[a-z${UL}0-9])?`;
const DOMAIN = `(?:\\.(?!-)[a-z${UL}0-9-]{1,63}(?<!-))*`;
/** The top-level domain: letters (no digits), or a punycode label; a URL's may end with a dot, an e-mail's may not. */
const TLD_NO_FQDN = `\\.(?!-)(?:[a-z${UL}-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`;
const TLD = `${TLD_NO_FQDN}\\.?`;
const IPV4 = "(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)(?:\\.(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)){3}";
const URL_RE = new RegExp(
  `^(?:[a-z0-9.+-]*)://(?:[^\\s:@/]+(?::[^\\s:@/]*)?@)?(?:${IPV4}|\\[[0-9a-f:.]+\\]|${HOSTNAME}${DOMAIN}${TLD}|localhost)(?::[0-9]{1,5})?(?:[/?#][^\\s]*)?$`,
  "iu",
);

/** `URLValidator(schemes)`: http(s)/ftp(s) URLs with a host name, IP or `localhost`; at most 2048 characters. */
export class URLValidator {
  message = "Enter a valid URL.";
  code = "invalid";
  schemes = ["http", "https", "ftp", "ftps"];
  max_length = 2048;

  constructor(options: { schemes?: string[]; message?: string; code?: string } = {}) {
    if (options.schemes) this.schemes = options.schemes;
    if (options.message !== undefined) this.message = options.message;
    if (options.code !== undefined) this.code = options.code;
  }

  __call__(value: unknown): void {
    const fail = () => new ValidationError(this.message, { code: this.code, params: { value } });
    if (typeof value !== "string" || value.length > this.max_length || /[\t\r\n]/.test(value)) throw fail();
    const scheme = value.split("://")[0].toLowerCase();
    if (!this.schemes.includes(scheme) || !URL_RE.test(value)) throw fail();
    const ipv6 = /^\[(.+)\](?::[0-9]{1,5})?$/.exec(urlsplit(value).netloc.replace(/^.*@/, ""));
    if (ipv6 && !is_valid_ipv6_address(ipv6[1])) throw fail();
    const hostname = urlsplit(value).hostname ?? "";
    if (hostname.length > 253) throw fail();
  }
}

const USER_RE = /^(?:[-!#$%&'*+/=?^_`{}|~0-9a-z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/i;
const DOMAIN_RE = new RegExp(`^${HOSTNAME}${DOMAIN}${TLD_NO_FQDN}$`, "iu");
const LITERAL_RE = /^\[([a-f0-9:.]+)\]$/i;

/** `EmailValidator`: `user@domain`, the domain a host name, an allowlisted name or an `[IP]` literal. */
export class EmailValidator {
  message = "Enter a valid email address.";
  code = "invalid";
  domain_allowlist = ["localhost"];

  constructor(options: { message?: string; code?: string; allowlist?: string[] } = {}) {
    if (options.message !== undefined) this.message = options.message;
    if (options.code !== undefined) this.code = options.code;
    if (options.allowlist) this.domain_allowlist = options.allowlist;
  }

  __call__(value: unknown): void {
    const fail = () => new ValidationError(this.message, { code: this.code, params: { value } });
    if (typeof value !== "string" || !value.includes("@") || py_len(value) > 320) throw fail();
    const at = value.lastIndexOf("@");
    const user = value.slice(0, at);
    const domain = value.slice(at + 1);
    if (!USER_RE.test(user)) throw fail();
    if (this.domain_allowlist.includes(domain) || this.validate_domain_part(domain)) return;
    throw fail();
  }

  validate_domain_part(domain: string): boolean {
    if (DOMAIN_RE.test(domain)) return true;
    const literal = LITERAL_RE.exec(domain);
    return literal !== null && (is_valid_ipv4_address(literal[1]) || is_valid_ipv6_address(literal[1]));
  }
}

export const validate_email = new EmailValidator();

export const validate_slug = new RegexValidator("^[-a-zA-Z0-9_]+\\Z", {
  message: "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.",
});

export const validate_unicode_slug = new RegexValidator("^[-\\w]+\\Z", {
  message: "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.",
});

/** Python's `ipaddress.IPv4Address(text)` succeeds: four decimal octets, no leading zeros. */
export function is_valid_ipv4_address(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** The longest text Django reads as an IPv6 address (`MAX_IPV6_ADDRESS_LENGTH`, django/utils/ipv6.py). */
export const MAX_IPV6_ADDRESS_LENGTH = 39;

/**
 * The eight 16-bit groups of an IPv6 address, or null when Python's `ipaddress.IPv6Address` would
 * refuse it. A zone ("fe80::1%eth0") is accepted and dropped, as Django drops it.
 */
export function parse_ipv6(address: string): number[] | null {
  const percent = address.indexOf("%");
  const text = percent < 0 ? address : address.slice(0, percent);
  if (percent >= 0 && (percent === address.length - 1 || address.indexOf("%", percent + 1) >= 0)) return null;
  if (!/^[0-9a-f:.]+$/i.test(text) || text.length > 45) return null;
  let groups_text = text;
  const tail: number[] = [];
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    if (!is_valid_ipv4_address(v4[1])) return null;
    const o = v4[1].split(".").map(Number);
    tail.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
    groups_text = text.slice(0, text.length - v4[1].length) + (text.endsWith("::" + v4[1]) ? "" : "0");
    if (groups_text.endsWith(":0")) groups_text = groups_text.slice(0, -2);
    else if (groups_text === "0") groups_text = "";
  }
  const halves = groups_text.split("::");
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === "" ? [] : s.split(":"));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  const needed = 8 - tail.length;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== needed : given >= needed) return null;
  const zeros = new Array(needed - given).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

/** `django.utils.ipv6.is_valid_ipv6_address`: at most 39 characters, and an IPv6 address. */
export function is_valid_ipv6_address(text: string, max_length = MAX_IPV6_ADDRESS_LENGTH): boolean {
  return py_len(text) <= max_length && parse_ipv6(text) !== null;
}

function ip_validator(name: string, message: string, test: (value: string) => boolean): (value: unknown) => void {
  const fn = (value: unknown) => {
    if (typeof value !== "string" || !test(value)) throw new ValidationError(message, { code: "invalid", params: { protocol: name, value } });
  };
  Object.defineProperty(fn, "name", { value: name });
  return fn;
}

export const validate_ipv4_address = ip_validator("validate_ipv4_address", "Enter a valid IPv4 address.", is_valid_ipv4_address);
export const validate_ipv6_address = ip_validator("validate_ipv6_address", "Enter a valid IPv6 address.", is_valid_ipv6_address);
export const validate_ipv46_address = ip_validator(
  "validate_ipv46_address",
  "Enter a valid IPv4 or IPv6 address.",
  (v) => is_valid_ipv4_address(v) || is_valid_ipv6_address(v),
);

/** `ip_address_validators(protocol, unpack_ipv4)` → the validators for "both", "ipv4" or "ipv6". */
export function ip_address_validators(protocol: string, unpack_ipv4: boolean): Validator[] {
  const p = protocol.toLowerCase();
  if (p !== "both" && unpack_ipv4) throw new ValidationError('You can only use `unpack_ipv4` if `protocol` is set to "both"');
  if (p === "both") return [validate_ipv46_address];
  if (p === "ipv4") return [validate_ipv4_address];
  if (p === "ipv6") return [validate_ipv6_address];
  throw new ValidationError(`The protocol '${protocol}' is unknown. Supported: ['both', 'ipv4', 'ipv6']`);
}

/** A limit checked against a cleaned value: `compare(a, b)` true means invalid. */
export abstract class BaseValidator {
  message = "Ensure this value is %(limit_value)s (it is %(show_value)s).";
  code = "limit_value";
  limit_value: unknown;

  constructor(limit_value: unknown, message: string | null = null) {
    this.limit_value = limit_value;
    if (message) this.message = message;
  }

  __call__(value: unknown): void {
    const cleaned = this.clean(value);
    const limit_value = typeof this.limit_value === "function" ? (this.limit_value as () => unknown)() : this.limit_value;
    const params = { limit_value, show_value: cleaned, value };
    if (this.compare(cleaned, limit_value)) throw new ValidationError(this.message, { code: this.code, params });
  }

  compare(a: unknown, b: unknown): boolean {
    return !py_eq(a, b);
  }

  clean(value: unknown): unknown {
    return value;
  }
}

export class MaxValueValidator extends BaseValidator {
  override message = "Ensure this value is less than or equal to %(limit_value)s.";
  override code = "max_value";
  override compare(a: unknown, b: unknown): boolean {
    return py_compare(a, b, ">") > 0;
  }
}

export class MinValueValidator extends BaseValidator {
  override message = "Ensure this value is greater than or equal to %(limit_value)s.";
  override code = "min_value";
  override compare(a: unknown, b: unknown): boolean {
    return py_compare(a, b, "<") < 0;
  }
}

/** Python's `math.remainder(x, y)`: x − n·y with n the integer nearest x/y (ties to even). */
function ieee_remainder(x: number, y: number): number {
  const q = x / y;
  let n = Math.round(q);
  if (Math.abs(q % 1) === 0.5 && n % 2 !== 0) n -= 1;
  return x - n * y;
}

/** `StepValueValidator(step, offset)`: the value must be offset + k·step. */
export class StepValueValidator extends BaseValidator {
  override message = "Ensure this value is a multiple of step size %(limit_value)s.";
  override code = "step_size";
  /** Where the steps start (a field's `min_value`); a PyFloat when the field cleans to floats. */
  offset: number | PyFloat | null;

  constructor(limit_value: unknown, options: { message?: string; offset?: number | PyFloat | null } = {}) {
    super(limit_value, options.message ?? null);
    this.offset = options.offset ?? null;
    if (this.offset !== null && options.message === undefined)
      this.message = "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on.";
  }

  /**
   * The message names the offset and the next two valid values in the value's own number type
   * (Python's `cleaned.__class__(self.offset)`): "starting from 0.0, e.g. 0.0, 2.0, 4.0" for a
   * FloatField, "from 1, e.g. 1, 3, 5" for an IntegerField or a DecimalField.
   */
  override __call__(value: unknown): void {
    const step = Number(this.limit_value);
    const x = Number(value) - Number(this.offset ?? 0);
    const bad = Number.isInteger(x) && Number.isInteger(step) ? x % step !== 0 : Math.abs(ieee_remainder(x, step)) > 1e-9;
    if (!bad) return;
    if (this.offset === null) throw new ValidationError(this.message, { code: this.code, params: { limit_value: this.limit_value, value } });
    const offset = value instanceof Decimal ? new Decimal(String(this.offset)) : this.offset;
    const plus = (n: number) => (offset instanceof Decimal ? offset.add(n) : offset instanceof PyFloat ? new PyFloat(offset.value + n) : offset + n);
    const params = { limit_value: this.limit_value, offset, valid_value1: plus(step), valid_value2: plus(2 * step) };
    throw new ValidationError(this.message, { code: this.code, params });
  }
}

export class MinLengthValidator extends BaseValidator {
  override code = "min_length";
  constructor(limit_value: number, message: string | null = null) {
    super(limit_value, message);
    if (!message) this.message = `Ensure this value has at least %(limit_value)d character${limit_value === 1 ? "" : "s"} (it has %(show_value)d).`;
  }
  override compare(a: unknown, b: unknown): boolean {
    return (a as number) < (b as number);
  }
  override clean(value: unknown): number {
    return py_len(value);
  }
}

export class MaxLengthValidator extends BaseValidator {
  override code = "max_length";
  constructor(limit_value: number, message: string | null = null) {
    super(limit_value, message);
    if (!message) this.message = `Ensure this value has at most %(limit_value)d character${limit_value === 1 ? "" : "s"} (it has %(show_value)d).`;
  }
  override compare(a: unknown, b: unknown): boolean {
    return (a as number) > (b as number);
  }
  override clean(value: unknown): number {
    return py_len(value);
  }
}

/** `DecimalValidator(max_digits, decimal_places)`: digits in total, after and before the point. */
export class DecimalValidator {
  constructor(
    readonly max_digits: number | null,
    readonly decimal_places: number | null,
  ) {}

  __call__(value: Decimal): void {
    if (typeof value.exponent !== "number") throw new ValidationError("Enter a number.", { code: "invalid", params: { value } });
    const [digits, decimals] = count_digits(value.digits, value.exponent);
    const whole_digits = digits - decimals;
    const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
    if (this.max_digits !== null && digits > this.max_digits) {
      const m = plural(this.max_digits, "digit", "digits");
      throw new ValidationError(`Ensure that there are no more than %(max)s ${m} in total.`, { code: "max_digits", params: { max: this.max_digits, value } });
    }
    if (this.decimal_places !== null && decimals > this.decimal_places) {
      const m = plural(this.decimal_places, "decimal place", "decimal places");
      throw new ValidationError(`Ensure that there are no more than %(max)s ${m}.`, { code: "max_decimal_places", params: { max: this.decimal_places, value } });
    }
    if (this.max_digits !== null && this.decimal_places !== null && whole_digits > this.max_digits - this.decimal_places) {
      const max = this.max_digits - this.decimal_places;
      const m = plural(max, "digit", "digits");
      throw new ValidationError(`Ensure that there are no more than %(max)s ${m} before the decimal point.`, { code: "max_whole_digits", params: { max, value } });
    }
  }
}

/** Digits in total and after the point, as Django counts them from `Decimal.as_tuple()`. */
function count_digits(coefficient: string, exponent: number): [number, number] {
  if (exponent >= 0) return [coefficient.length + (coefficient !== "0" ? exponent : 0), 0];
  if (-exponent > coefficient.length) return [-exponent, -exponent];
  return [coefficient.length, -exponent];
}

export class ProhibitNullCharactersValidator {
  message = "Null characters are not allowed.";
  code = "null_characters_not_allowed";

  __call__(value: unknown): void {
    if (String(value).includes("\x00")) throw new ValidationError(this.message, { code: this.code, params: { value } });
  }
}

/** `int_list_validator(sep)`: digits separated by `sep`. */
export function int_list_validator(sep = ",", message: string | null = null, code = "invalid", allow_negative = false): RegexValidator {
  const esc = sep.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const neg = allow_negative ? "-?" : "";
  return new RegexValidator(`^${neg}\\d+(?:${esc}${neg}\\d+)*\\Z`, { message: message ?? "Enter only digits separated by commas.", code });
}

export const validate_comma_separated_integer_list = int_list_validator();

export { IGNORECASE };
