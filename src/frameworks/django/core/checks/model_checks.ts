/**
 * django.core.checks.model_checks: `check_all_models` — every installed model → the problems
 * Django's `Model.check()` and `Field.check()` report. Registered under Tags.models.
 *
 * Django spreads these over `Model._check_*` and `Field._check_*` classmethods; they are gathered
 * here under the same names (`_check_default_pk`, `_check_max_length_attribute`, …) so the ORM's
 * classes stay as they are. The checks reproduced:
 *
 *   models.W042  an auto-created primary key without DEFAULT_AUTO_FIELD or AppConfig.default_auto_field
 *   models.E015  Meta.ordering names a field that does not exist
 *   fields.E001  a field name ending with an underscore
 *   fields.E120  a CharField without max_length;  fields.E121  max_length not a positive integer
 */
import { settings } from "../../conf";
import { apps } from "../../apps/registry";
import { Error, Warning, type CheckMessage } from "./messages";
import { register, Tags } from "./registry";

type AnyModel = any;

/** Every model of the given apps (all installed apps by default), checked. */
export function check_all_models(app_configs: unknown[] | null = null): CheckMessage[] {
  const models: AnyModel[] = app_configs === null ? apps.get_models() : (app_configs as AnyModel[]).flatMap((c) => c.get_models());
  const errors: CheckMessage[] = [];
  for (const model of models) errors.push(...check_model(model));
  return errors;
}

/** `Model.check()`: the model's own checks, then each field's. */
export function check_model(model: AnyModel): CheckMessage[] {
  return [..._check_default_pk(model), ..._check_fields(model), ..._check_ordering(model)];
}

/** models.W042: the primary key was made for you, and nothing says which field class to use. */
export function _check_default_pk(model: AnyModel): CheckMessage[] {
  const meta = model._meta;
  const pk = meta.pk;
  const app_config = meta.app_config ?? safe_app_config(meta.app_label);
  if (meta.abstract || !pk?.auto_created || settings.is_overridden("DEFAULT_AUTO_FIELD") || !app_config || app_config._is_default_auto_field_overridden) return [];
  return [
    new Warning(`Auto-created primary key used when not defining a primary key type, by default '${settings.DEFAULT_AUTO_FIELD}'.`, {
      hint: `Configure the DEFAULT_AUTO_FIELD setting or the ${app_config.constructor.name}.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`,
      obj: model,
      id: "models.W042",
    }),
  ];
}

/** Each local field's checks (`Field.check()`). */
function _check_fields(model: AnyModel): CheckMessage[] {
  const errors: CheckMessage[] = [];
  for (const field of model._meta.local_fields ?? []) errors.push(..._check_field_name(field), ..._check_max_length_attribute(field));
  return errors;
}

/** fields.E001: Django reserves trailing underscores (`name_`) for its lookups' syntax. */
export function _check_field_name(field: AnyModel): CheckMessage[] {
  if (typeof field.name === "string" && field.name.endsWith("_")) return [new Error("Field names must not end with an underscore.", { obj: field, id: "fields.E001" })];
  return [];
}

/** fields.E120 / E121: a CharField needs a positive integer max_length (its varchar size). */
export function _check_max_length_attribute(field: AnyModel): CheckMessage[] {
  if (field.constructor?.name !== "CharField" && !is_subclass_named(field, "CharField")) return [];
  if (field.max_length === null || field.max_length === undefined) {
    if (field.model?._meta && connection_supports_unlimited_charfield()) return [];
    return [new Error("CharFields must define a 'max_length' attribute.", { obj: field, id: "fields.E120" })];
  }
  if (typeof field.max_length !== "number" || !Number.isInteger(field.max_length) || field.max_length <= 0)
    return [new Error("'max_length' must be a positive integer.", { obj: field, id: "fields.E121" })];
  return [];
}

/** models.E015: each name in Meta.ordering must be a field (or a lookup through one). */
export function _check_ordering(model: AnyModel): CheckMessage[] {
  const ordering: unknown[] = model._meta.ordering ?? [];
  const errors: CheckMessage[] = [];
  for (const entry of ordering) {
    if (typeof entry !== "string" || entry === "?" ) continue;
    const name = entry.replace(/^-/, "").split("__")[0];
    if (name === "pk") continue;
    const known = (model._meta.get_fields?.() ?? []).some((f: AnyModel) => f.name === name || f.attname === name);
    if (!known) errors.push(new Error(`'ordering' refers to the nonexistent field, related field, or lookup '${entry.replace(/^-/, "")}'.`, { obj: model, id: "models.E015" }));
  }
  return errors;
}

function safe_app_config(label: string): AnyModel | null {
  try {
    return apps.get_app_config(label);
  } catch {
    return null;
  }
}

function is_subclass_named(obj: AnyModel, name: string): boolean {
  for (let proto = Object.getPrototypeOf(obj); proto; proto = Object.getPrototypeOf(proto)) if (proto.constructor?.name === name) return true;
  return false;
}

/** SQLite (the only backend here) does not support unlimited varchar, so max_length is required. */
function connection_supports_unlimited_charfield(): boolean {
  return false;
}

register(check_all_models, Tags.models);
