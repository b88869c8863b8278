/**
 * django.db.models.fields.json: JSONField → a text column holding `json.dumps(value)`, read back
 * with `json.loads`; `extra__featured` in a filter becomes a key transform,
 * `JSON_EXTRACT("blog_post"."extra", '$."featured"')` on SQLite.
 */
import { py_json_dumps } from "../../../../python/json";
import { Field, field_options, is_expression, type Converter, type ConnectionLike, type FieldArgs, type FieldOptions } from "./index";

export interface JSONFieldOptions extends FieldOptions {
  encoder?: unknown;
  decoder?: unknown;
}

export class JSONField extends Field {
  override empty_strings_allowed = false;

  constructor(...args: FieldArgs<JSONFieldOptions>) {
    const options = field_options(args);
    super(options);
  }

  override get_internal_type(): string {
    return "JSONField";
  }

  /** `json.dumps(value)` with Python's separators (", " and ": "). */
  override get_db_prep_value(value: unknown, _connection?: ConnectionLike, prepared = false): unknown {
    if (is_expression(value)) return value;
    if (value === null || value === undefined) return null;
    return py_json_dumps(prepared ? value : this.get_prep_value(value));
  }

  override get_db_prep_save(value: unknown, connection?: ConnectionLike): unknown {
    if (value === null || value === undefined) return null;
    return this.get_db_prep_value(value, connection, false);
  }

  /** `json.loads`, except key transforms that already returned a scalar (and non-JSON text). */
  from_db_value: Converter = (value) => {
    if (value === null || typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  };
}

/** KT's maker, installed by lookups.ts (where the key transforms live; it imports this module). */
let make_key_text_transform: ((lookup: string) => unknown) | null = null;

export function register_key_text_transform(maker: (lookup: string) => unknown): void {
  make_key_text_transform = maker;
}

/** `KT("data__breed")`: a JSON key's value as text, for annotate/filter/order_by (Django 4.2+). */
export function KT(lookup: string): any {
  return make_key_text_transform!(lookup);
}

