/**
 * Pydantic's `ConfigDict`: a model's `model_config` options, as a typed object.
 *
 *   static model_config = ConfigDict({ extra: "forbid", str_strip_whitespace: true });
 *   // model_config = ConfigDict(extra='forbid', str_strip_whitespace=True)
 */

export interface ConfigDict {
  title?: string | null;
  extra?: "allow" | "ignore" | "forbid" | null;
  strict?: boolean;
  frozen?: boolean;
  populate_by_name?: boolean;
  validate_by_name?: boolean;
  validate_by_alias?: boolean;
  serialize_by_alias?: boolean;
  from_attributes?: boolean;
  str_strip_whitespace?: boolean;
  str_to_lower?: boolean;
  str_to_upper?: boolean;
  str_min_length?: number;
  str_max_length?: number | null;
  validate_default?: boolean;
  validate_assignment?: boolean;
  revalidate_instances?: "always" | "never" | "subclass-instances";
  allow_inf_nan?: boolean;
  use_enum_values?: boolean;
  json_schema_extra?: Record<string, unknown> | null;
  alias_generator?: ((name: string) => string) | null;
}

/** `ConfigDict(**options)`. */
export function ConfigDict(options: ConfigDict = {}): ConfigDict {
  return Object.freeze({ ...options });
}
