/**
 * Pydantic's `Field()` and `FieldInfo`: a field's annotation plus its default, aliases,
 * constraints and documentation → one `FieldInfo` that schema generation reads.
 *
 * ADR 0010: `Field(annotation, options)` carries the annotation Python puts before `=`:
 *
 *   price: Field(t.float, { gt: 0 })                       // price: float = Field(gt=0)
 *   description: Field(t.Optional(t.str), { default: null }) // description: str | None = None
 *   user_name: Field(t.str, { alias: "userName" })           // user_name: str = Field(alias='userName')
 *
 * `Field()` also records the line that called it, so a validation trace can point at the
 * declaration (`items/models.ts:7`).
 */
import { extract_tb } from "../python/traceback";
import { type Annotation, type TypeOf } from "../python/typing";

/** Pydantic's `PydanticUndefined`: "no default" (distinct from a default of `None`). */
export const PydanticUndefined: unique symbol = Symbol("PydanticUndefined");

export interface FieldOptions {
  default?: unknown;
  default_factory?: ((data?: any) => unknown) | null;
  alias?: string | null;
  alias_priority?: number | null;
  validation_alias?: string | null;
  serialization_alias?: string | null;
  title?: string | null;
  description?: string | null;
  examples?: unknown[] | null;
  exclude?: boolean | null;
  json_schema_extra?: Record<string, unknown> | null;
  frozen?: boolean | null;
  validate_default?: boolean | null;
  repr?: boolean;
  strict?: boolean | null;
  gt?: number | unknown;
  ge?: number | unknown;
  lt?: number | unknown;
  le?: number | unknown;
  multiple_of?: number | unknown;
  allow_inf_nan?: boolean | null;
  max_digits?: number | null;
  decimal_places?: number | null;
  min_length?: number | null;
  max_length?: number | null;
  pattern?: string | null;
  deprecated?: string | boolean | null;
}

/** The constraint keys a FieldInfo pushes into its type's core schema. */
export const CONSTRAINT_KEYS = [
  "gt", "ge", "lt", "le", "multiple_of", "allow_inf_nan", "max_digits", "decimal_places",
  "min_length", "max_length", "pattern", "strict",
] as const;

/** A user-code line (`blog/models.ts:7`) for the caller of a declaration, when one is known. */
export function declaration_source(): string | null {
  const frames = extract_tb(new Error());
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i];
    if (f.is_user_code && f.lineno !== null) return `${f.filename}:${f.lineno}`;
  }
  return null;
}

/** `pydantic.fields.FieldInfo`. */
export class FieldInfo<A = Annotation> {
  readonly __field_info = true as const;
  annotation: A;
  default: unknown = PydanticUndefined;
  default_factory: ((data?: any) => unknown) | null = null;
  alias: string | null = null;
  alias_priority: number | null = null;
  validation_alias: string | null = null;
  serialization_alias: string | null = null;
  title: string | null = null;
  description: string | null = null;
  examples: unknown[] | null = null;
  exclude: boolean | null = null;
  json_schema_extra: Record<string, unknown> | null = null;
  frozen: boolean | null = null;
  validate_default: boolean | null = null;
  repr = true;
  deprecated: string | boolean | null = null;
  /** Constraints (`gt`, `min_length`, `pattern`, `strict`…) as pydantic keeps them in `metadata`. */
  readonly constraints: Record<string, unknown> = {};
  /** Where the declaration was written (user code), if known. */
  source: string | null = null;

  constructor(annotation: A, options: FieldOptions = {}) {
    this.annotation = annotation;
    for (const [k, v] of Object.entries(options)) {
      if (v === undefined) continue;
      if ((CONSTRAINT_KEYS as readonly string[]).includes(k)) {
        if (v !== null) this.constraints[k] = v;
      } else (this as Record<string, unknown>)[k] = v;
    }
    if (this.alias !== null) {
      this.validation_alias ??= this.alias;
      this.serialization_alias ??= this.alias;
    }
  }

  /** `is_required()`: no default and no default factory. */
  is_required(): boolean {
    return this.default === PydanticUndefined && this.default_factory === null;
  }

  /** `get_default(call_default_factory=True)`. */
  get_default(options: { call_default_factory?: boolean } = {}): unknown {
    if (this.default_factory && options.call_default_factory !== false) return this.default_factory();
    return this.default === PydanticUndefined ? undefined : this.default;
  }

  __repr__(): string {
    const parts = [`annotation=${String(this.annotation)}`, `required=${this.is_required() ? "True" : "False"}`];
    if (this.default !== PydanticUndefined) parts.push(`default=${JSON.stringify(this.default)}`);
    if (this.alias) parts.push(`alias='${this.alias}'`);
    return `FieldInfo(${parts.join(", ")})`;
  }
}

/** `Field(annotation, {...})`: pydantic's `Field()` with the annotation it stands beside. */
export function Field<A extends Annotation>(annotation: A, options: FieldOptions = {}): FieldInfo<A> {
  const info = new FieldInfo(annotation, options);
  info.source = declaration_source();
  return info;
}

/** `computed_field`: a getter included in dumps and the serialization JSON schema. */
export interface ComputedFieldInfo {
  property_name: string;
  return_type: Annotation;
  alias: string | null;
  title: string | null;
  description: string | null;
}

export type FieldDeclaration = Annotation | FieldInfo<any>;
export type FieldValue<F> = F extends FieldInfo<infer A> ? TypeOf<A> : TypeOf<F>;
