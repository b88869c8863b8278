/**
 * click.types: a command-line word → a typed value, or the reason it is not one (`'x' is not a
 * valid integer.`). Main class: `ParamType`; the types `STRING`, `INT`, `FLOAT`, `BOOL`, `UUID`,
 * `Choice`, `IntRange`, `Path`; `convert_type` guesses a type from a default value.
 *
 * A type also names its metavar in the help (`--count INTEGER`, `--sort [endpoint|methods|rule]`)
 * and adds to a missing parameter's message (`Choose from: …`).
 */
import { TypeError } from "../python/builtins";
import type { Context, Parameter } from "./core";
import { BadParameter } from "./exceptions";
import { py_str } from "./_compat";

/** `ParamType`: `name` (for the metavar), `convert(value, param, ctx)`, `fail(message)`. */
export class ParamType {
  name = "";
  is_composite = false;
  arity = 1;
  envvar_list_splitter: string | null = null;

  /** `type(value, param, ctx)`: None stays None; anything else is converted. */
  __call__(value: unknown, param: Parameter | null = null, ctx: Context | null = null): unknown {
    if (value !== null && value !== undefined) return this.convert(value, param, ctx);
    return value ?? null;
  }

  /** The metavar in the help; null: the name in capitals. */
  get_metavar(_param: Parameter, _ctx: Context | null): string | null {
    return null;
  }

  /** Added to "Missing option '--x'." (Choice lists the choices). */
  get_missing_message(_param: Parameter, _ctx: Context | null): string | null {
    return null;
  }

  convert(value: unknown, _param: Parameter | null, _ctx: Context | null): unknown {
    return value;
  }

  /** `fail(message, param=None, ctx=None)`: raise BadParameter. */
  fail(message: string, param: Parameter | null = null, ctx: Context | null = null): never {
    throw new BadParameter(message, { ctx, param });
  }

  toString(): string {
    return this.name.toUpperCase();
  }

  split_envvar_value(rv: string): string[] {
    return (this.envvar_list_splitter === null ? rv.trim().split(/\s+/) : rv.split(this.envvar_list_splitter)).filter((x) => x !== "");
  }
}

/** `STRING`: the word as text (metavar TEXT). */
export class StringParamType extends ParamType {
  override name = "text";
  override convert(value: unknown): unknown {
    return py_str(value);
  }
  override toString(): string {
    return "STRING";
  }
}

/** `INT`: a whole number (metavar INTEGER): `'x' is not a valid integer.` */
export class IntParamType extends ParamType {
  override name = "integer";
  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    const text = py_str(value).trim().replace(/_/g, "");
    if (!/^[+-]?\d+$/.test(text)) this.fail(`${repr_word(value)} is not a valid integer.`, param, ctx);
    return Number(text);
  }
  override toString(): string {
    return "INT";
  }
}

/** `FLOAT`: a number (metavar FLOAT): `'x' is not a valid float.` */
export class FloatParamType extends ParamType {
  override name = "float";
  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    if (typeof value === "number") return value;
    const text = py_str(value).trim();
    const lower = text.toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(lower)) return lower.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(lower)) return NaN;
    if (!/^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(text)) this.fail(`${repr_word(value)} is not a valid float.`, param, ctx);
    return Number(text.replace(/_/g, ""));
  }
  override toString(): string {
    return "FLOAT";
  }
}

const TRUE_WORDS = new Set(["1", "true", "t", "yes", "y", "on"]);
/** No value at all counts as False. */
const FALSE_WORDS = new Set(["0", "false", "f", "no", "n", "off", ""]);

/** `BOOL`: yes/no words (metavar BOOLEAN): `'maybe' is not a valid boolean.` */
export class BoolParamType extends ParamType {
  override name = "boolean";
  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    if (value === true || value === false) return value;
    const norm = py_str(value).trim().toLowerCase();
    if (TRUE_WORDS.has(norm)) return true;
    if (FALSE_WORDS.has(norm)) return false;
    this.fail(`${repr_word(value)} is not a valid boolean. Recognized values: ${[...TRUE_WORDS, ...FALSE_WORDS].sort().join(", ")}`, param, ctx);
  }
  override toString(): string {
    return "BOOL";
  }
}

/** `UUID`: a UUID's text (metavar UUID). */
export class UUIDParameterType extends ParamType {
  override name = "uuid";
  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    const text = py_str(value).trim();
    const hex = text.replace(/^urn:uuid:/i, "").replace(/[{}-]/g, "");
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) this.fail(`${repr_word(value)} is not a valid UUID.`, param, ctx);
    const h = hex.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  override toString(): string {
    return "UUID";
  }
}

/** `Choice(choices, case_sensitive=True)`: one of a fixed list (metavar `[a|b|c]`). */
export class Choice extends ParamType {
  override name = "choice";
  readonly choices: readonly string[];
  readonly case_sensitive: boolean;

  constructor(choices: Iterable<string>, options: { case_sensitive?: boolean } = {}) {
    super();
    this.choices = [...choices];
    this.case_sensitive = options.case_sensitive ?? true;
  }

  override get_metavar(param: Parameter): string {
    const choices = this.choices.join("|");
    // A required argument shows its choices in braces, anything else in brackets.
    return param.required && param.param_type_name === "argument" ? `{${choices}}` : `[${choices}]`;
  }

  override get_missing_message(): string {
    return `Choose from:\n\t${this.choices.join(",\n\t")}`;
  }

  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    const text = py_str(value);
    const norm = (s: string) => (this.case_sensitive ? s : s.toLowerCase());
    const found = this.choices.find((choice) => norm(choice) === norm(text));
    if (found !== undefined) return found;
    const listed = this.choices.map((c) => `'${c}'`).join(", ");
    this.fail(this.choices.length === 1 ? `${repr_word(value)} is not ${listed}.` : `${repr_word(value)} is not one of ${listed}.`, param, ctx);
  }

  override toString(): string {
    return `Choice(${JSON.stringify(this.choices).replace(/"/g, "'").replace(/,/g, ", ")})`;
  }
}

/** `IntRange(min=None, max=None, min_open=False, max_open=False, clamp=False)`: an integer within bounds. */
export class IntRange extends IntParamType {
  override name = "integer range";
  constructor(readonly options: { min?: number | null; max?: number | null; min_open?: boolean; max_open?: boolean; clamp?: boolean } = {}) {
    super();
  }

  override convert(value: unknown, param: Parameter | null, ctx: Context | null): unknown {
    const rv = super.convert(value, param, ctx) as number;
    const { min = null, max = null, min_open = false, max_open = false, clamp = false } = this.options;
    const below = min !== null && (min_open ? rv <= min : rv < min);
    const above = max !== null && (max_open ? rv >= max : rv > max);
    if (!below && !above) return rv;
    if (clamp) return below ? (min_open ? min! + 1 : min) : max_open ? max! - 1 : max;
    this.fail(`${rv} is not in the range ${this._describe_range()}.`, param, ctx);
  }

  /** `0<=x<=5`, `x>=0`… */
  _describe_range(): string {
    const { min = null, max = null, min_open = false, max_open = false } = this.options;
    if (min === null) return `x${max_open ? "<" : "<="}${max}`;
    if (max === null) return `x${min_open ? ">" : ">="}${min}`;
    return `${min}${min_open ? "<" : "<="}x${max_open ? "<" : "<="}${max}`;
  }
}

/**
 * `Path(exists=False, file_okay=True, dir_okay=True, …)`: a file-system path, as text. The page has
 * the project's files only, so `exists` is checked against nothing and the value is kept as given;
 * what the help shows (PATH, FILE or DIRECTORY) is click's.
 */
export class Path extends ParamType {
  override name: string;
  constructor(readonly options: { exists?: boolean; file_okay?: boolean; dir_okay?: boolean; writable?: boolean; readable?: boolean; resolve_path?: boolean; allow_dash?: boolean } = {}) {
    super();
    const file_okay = options.file_okay ?? true;
    const dir_okay = options.dir_okay ?? true;
    this.name = file_okay && !dir_okay ? "file" : dir_okay && !file_okay ? "directory" : "path";
  }

  override convert(value: unknown): unknown {
    return py_str(value);
  }
}

/** The word as Python's `repr` shows a string: `'x'`. */
function repr_word(value: unknown): string {
  const text = py_str(value);
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export const STRING = new StringParamType();
export const INT = new IntParamType();
export const FLOAT = new FloatParamType();
export const BOOL = new BoolParamType();
export const UUID = new UUIDParameterType();
/** `UNPROCESSED`: the word as it is. */
export const UNPROCESSED = Object.assign(new ParamType(), { name: "text" });

/**
 * `convert_type(ty, default=None)`: a type given as a ParamType, a Python type or nothing → the
 * ParamType. With none, the default's type decides (a number that is whole → INT, else FLOAT;
 * JavaScript has one number type where Python has int and float).
 */
export function convert_type(ty: unknown, default_: unknown = null): ParamType {
  if (ty instanceof ParamType) return ty;
  let guessed = ty;
  if (ty === null || ty === undefined) {
    if (default_ === null || default_ === undefined) return STRING;
    const sample = Array.isArray(default_) ? default_[0] : default_;
    guessed = typeof sample;
    if (typeof sample === "number") guessed = Number.isInteger(sample) ? "int" : "float";
  }
  if (guessed === String || guessed === "string" || guessed === "str") return STRING;
  if (guessed === "int") return INT;
  if (guessed === Number || guessed === "float" || guessed === "number") return FLOAT;
  if (guessed === Boolean || guessed === "boolean" || guessed === "bool") return BOOL;
  if (guessed === "undefined" || guessed === "object") return STRING;
  throw new TypeError(`Attempted to use an uninstantiated parameter type (${String(ty)}).`);
}
