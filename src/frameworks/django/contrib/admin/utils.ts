/**
 * django.contrib.admin.utils: field paths, query-string lookups and cell display for the admin.
 *
 *   get_fields_from_path(Book, "publisher__city")   → [ForeignKey publisher, CharField city]
 *   prepare_lookup_value("pk__in", "1,3")           → ["1", "3"];  "x__isnull", "0" → false
 *   build_q_object_from_lookup_parameters({k: [a, b]}) → Q(k=a) | Q(k=b), ANDed across keys
 *   lookup_field("author__name", book, admin)       → [field | null, attr, value]
 *   display_for_field(value, field, "-")            → "Jan. 1, 2001", "10.00", a boolean icon…
 *   label_for_field("in_print", Book)               → "in print" (the verbose name)
 */
import { FieldDoesNotExist } from "../../core/exceptions";
import * as models from "../../db/models";
import { Q } from "../../db/models/query_utils";
import { format_html } from "../../utils/html";
import { StaticNode } from "../../templatetags/static";

const static_url = (path: string) => StaticNode.handle_simple(path);
import { localize, number_format } from "../../utils/formats";
import { py_str } from "../../utils/encoding";
import { pretty_name } from "../../forms/utils";
import { template_localtime } from "../../template/base";
import { Decimal } from "../../../python/decimal";
import { py_float, py_json_dumps } from "../../../python/json";
import { date, datetime, time } from "../../../python/datetime";
import { AttributeError, Exception } from "../../../python/builtins";

export const LOOKUP_SEP = "__";
export const EMPTY_VALUES: unknown[] = [null, undefined, ""];

export class NotRelationField extends Exception {}
/** A relation's `_id` column named in list_display: shown raw, labelled by pretty_name. */
export class FieldIsAForeignKeyColumnName extends Exception {}

type AnyField = any;
type ModelClass = any;

/** The model at the far end of a relation field (forward or reverse); NotRelationField otherwise. */
export function get_model_from_relation(field: AnyField): ModelClass {
  if (field && field.is_relation && field.related_model) return field.related_model;
  throw new NotRelationField(`${field?.name} is not a relation`);
}

/** `(Book, "publisher__city")` → the fields walked, one per segment. FieldDoesNotExist on a typo. */
export function get_fields_from_path(model: ModelClass, path: string): AnyField[] {
  const fields: AnyField[] = [];
  for (const piece of path.split(LOOKUP_SEP)) {
    const parent = fields.length ? get_model_from_relation(fields[fields.length - 1]) : model;
    fields.push(parent._meta.get_field(piece));
  }
  return fields;
}

/** Does a relation path go through a to-many join (so rows may repeat and need DISTINCT)? */
export function lookup_spawns_duplicates(opts: any, lookup_path: string): boolean {
  for (let field_name of lookup_path.split(LOOKUP_SEP)) {
    if (field_name === "pk") field_name = opts.pk.name;
    let field: AnyField;
    try {
      field = opts.get_field(field_name);
    } catch (e) {
      if (e instanceof FieldDoesNotExist) continue;
      throw e;
    }
    if (!field.is_relation || !field.related_model) continue;
    if (field.many_to_many || field.one_to_many) return true;
    opts = field.related_model._meta;
  }
  return false;
}

/** The last value a query-string key was given (filters read one value; lists keep all). */
export function get_last_value_from_parameters(parameters: Record<string, unknown>, key: string): any {
  const value = parameters[key];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A raw query-string value → what the lookup wants: `__in` splits on commas, `__isnull` is a bool. */
export function prepare_lookup_value(key: string, value: unknown, separator = ","): any {
  if (Array.isArray(value)) return value.map((v) => prepare_lookup_value(key, v, separator));
  if (key.endsWith("__in")) return String(value).split(separator);
  if (key.endsWith("__isnull")) return !["", "false", "0"].includes(String(value).toLowerCase());
  return value;
}

/** `{key: [v1, v2], other: [w]}` → `(key=v1 OR key=v2) AND other=w`. */
export function build_q_object_from_lookup_parameters(parameters: Record<string, unknown[]>): Q {
  let q = new Q();
  for (const [param, items] of Object.entries(parameters)) {
    const alternatives = items.map((item) => new Q([[param, item]]));
    q = q.and(alternatives.reduce((a, b) => a.or(b)));
  }
  return q;
}

/**
 * `(Order, "user__groups")` → `[Group, "user__order"]`: the model at the end of a path and the path
 * back from it (AllValuesFieldListFilter queries the far model's table).
 */
export function reverse_field_path(model: ModelClass, path: string): [ModelClass, string] {
  const reversed: string[] = [];
  let parent = model;
  const pieces = path.split(LOOKUP_SEP);
  for (const piece of pieces) {
    const field = parent._meta.get_field(piece);
    if (reversed.length === pieces.length - 1 && !(field.is_relation && field.related_model)) break;
    if (field.is_relation && !(field.auto_created && !field.concrete)) {
      reversed.unshift(field.related_query_name());
      parent = field.remote_field.model;
    } else {
      reversed.unshift(field.field.name);
      parent = field.related_model;
    }
  }
  return [parent, reversed.join(LOOKUP_SEP)];
}

/** `opts.get_field(name)`, hiding reverse relations and answering FieldIsAForeignKeyColumnName for `author_id`. */
export function _get_non_gfk_field(opts: any, name: string): AnyField {
  const field = opts.get_field(name);
  if (field.is_relation && ((field.many_to_one && !field.related_model) || field.one_to_many)) throw new FieldDoesNotExist(name);
  if (field.is_relation && !field.many_to_many && field.attname === name && field.name !== name) throw new FieldIsAForeignKeyColumnName(name);
  return field;
}

/** Read an attribute the way Python's getattr does: a method is called later by the caller. */
function has_attr(obj: any, name: string): boolean {
  return obj !== null && obj !== undefined && typeof name === "string" && name in Object(obj);
}

/**
 * A column header: a field's verbose_name, "__str__" → the model's verbose_name, a callable's
 * `short_description` (set by `display()`), else pretty_name of the name.
 */
export function label_for_field(name: any, model: ModelClass, model_admin: any = null, return_attr = false): any {
  let label: string;
  let attr: any = null;
  try {
    const field = _get_non_gfk_field(model._meta, name);
    label = field.verbose_name ?? field.related_model?._meta.verbose_name;
  } catch (e) {
    if (e instanceof FieldIsAForeignKeyColumnName) [label, attr] = [pretty_name(name), name];
    else if (!(e instanceof FieldDoesNotExist) && !(typeof name === "function")) throw e;
    else [label, attr] = label_for_attribute(name, model, model_admin);
  }
  return return_attr ? [label!, attr] : label!;
}

function label_for_attribute(name: any, model: ModelClass, model_admin: any): [string, any] {
  if (name === "__str__") return [String(model._meta.verbose_name), String];
  let attr: any;
  if (typeof name === "function") attr = name;
  else if (model_admin && has_attr(model_admin, name)) attr = model_admin[name];
  else if (has_attr(model.prototype, name)) attr = model.prototype[name];
  else {
    try {
      attr = get_fields_from_path(model, name).at(-1);
    } catch (e) {
      if (!(e instanceof FieldDoesNotExist || e instanceof NotRelationField)) throw e;
      let message = `Unable to lookup '${name}' on ${model._meta.object_name}`;
      if (model_admin) message += ` or ${model_admin.constructor.name}`;
      throw new AttributeError(message);
    }
  }
  if (attr?.short_description !== undefined) return [String(attr.short_description), attr];
  if (typeof attr === "function" && !(attr instanceof models.Field)) return [attr.name ? pretty_name(attr.name) : "--", attr];
  return [pretty_name(String(name)), attr];
}

/**
 * The value a changelist cell shows: `[field, attr, value]`. A model field gives its field and
 * value; a callable / admin method / model method gives the callable and its result; a relation
 * path (`author__name`) walks the objects and answers `[null, null, null]` on a missing link.
 */
export function lookup_field(name: any, obj: any, model_admin: any = null): [AnyField | null, any, any] {
  const opts = obj.constructor._meta;
  try {
    const f = _get_non_gfk_field(opts, name);
    return [f, null, obj[name]];
  } catch (e) {
    if (!(e instanceof FieldDoesNotExist || e instanceof FieldIsAForeignKeyColumnName) && typeof name !== "function") throw e;
  }
  if (typeof name === "function") return [null, name, name(obj)];
  if (model_admin && name !== "__str__" && has_attr(model_admin, name) && typeof model_admin[name] === "function") {
    const attr = model_admin[name];
    return [null, attr, attr.call(model_admin, obj)];
  }
  if (name === "__str__") return [null, String, String(obj)];
  if (has_attr(obj, name)) {
    const attr = obj[name];
    return [null, attr, typeof attr === "function" ? attr.call(obj) : attr];
  }
  let value: any = obj;
  for (const part of name.split(LOOKUP_SEP)) {
    if (value === null || value === undefined || !has_attr(value, part)) return [null, null, null];
    value = value[part];
  }
  return [null, null, value];
}

/** The boolean icon: `<img src="/static/admin/img/icon-yes.svg" alt="True">` (no, unknown). */
export function boolean_icon(field_val: boolean | null): string {
  const [key, icon] = field_val === true ? ["True", "yes"] : field_val === false ? ["False", "no"] : ["None", "unknown"];
  return format_html('<img src="{}" alt="{}">', static_url(`admin/img/icon-${icon}.svg`), key).toString();
}

/** The field names of fieldsets, rows flattened: `[[null, {fields: ["a", ["b", "c"]]}]]` → a, b, c. */
export function flatten_fieldsets(fieldsets: [unknown, { fields: (string | string[])[] }][]): string[] {
  return fieldsets.flatMap(([, options]) => options.fields.flatMap((f) => (Array.isArray(f) ? f : [f])));
}

/** A model field's help_text, or "" for a name that is not a field. */
export function help_text_for_field(name: string, model: ModelClass): string {
  try {
    const field = _get_non_gfk_field(model._meta, name);
    return field.help_text ?? "";
  } catch (e) {
    if (e instanceof FieldDoesNotExist || e instanceof FieldIsAForeignKeyColumnName) return "";
    throw e;
  }
}

function is_empty_for_field(value: unknown, field: AnyField): boolean {
  const empty: unknown[] = field.empty_values ?? EMPTY_VALUES;
  if (value === null || value === undefined || value === "") return true;
  return empty.some((e) => e === value || (Array.isArray(e) && Array.isArray(value) && e.length === 0 && value.length === 0));
}

/** How a model field's value prints in a changelist cell or a read-only field. */
export function display_for_field(value: unknown, field: AnyField, empty_value_display: string, avoid_link = false): string {
  if (field.flatchoices?.length) {
    const match = field.flatchoices.find(([k]: [unknown]) => k === value);
    return match ? String(match[1]) : empty_value_display;
  }
  if (field instanceof models.BooleanField) return boolean_icon(value as boolean | null);
  if (is_empty_for_field(value, field)) return empty_value_display;
  if (field instanceof models.DateTimeField) return String(localize(template_localtime(value)));
  if (field instanceof models.DateField || field instanceof models.TimeField) return String(localize(value));
  if (field instanceof models.DecimalField) return number_format(value, field.decimal_places);
  if (field instanceof models.FloatField) return number_format(typeof value === "number" ? py_float(value) : value);
  if (field instanceof models.IntegerField) return number_format(value);
  if (field instanceof models.URLField && value && !avoid_link) return format_html('<a href="{}">{}</a>', value, value).toString();
  if (field instanceof models.JSONField && value) return py_json_dumps(value, { ensure_ascii: false });
  return display_for_value(value, empty_value_display);
}

/** How any other value prints: booleans as "True"/"False" (or an icon), dates localized, lists joined. */
export function display_for_value(value: unknown, empty_value_display: string, boolean = false): string {
  if (boolean) return boolean_icon(value as boolean | null);
  if (EMPTY_VALUES.includes(value)) return empty_value_display;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof datetime) return String(localize(template_localtime(value)));
  if (value instanceof date || value instanceof time) return String(localize(value));
  if (typeof value === "number" || value instanceof Decimal) return number_format(value);
  if (Array.isArray(value)) return value.map(py_str).join(", ");
  return py_str(value);
}

/** Escape a pk for use in an admin URL path segment (`_` → `_5F`, `/` → `_2F`, …). */
export function quote(value: unknown): string {
  return String(value).replace(/[_:/#?;@&=+$,"[\]<>%\n\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The inverse of quote(). */
export function unquote(s: string): string {
  return s.replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `{verbose_name, verbose_name_plural}` of a model, for action descriptions ("Delete selected %(verbose_name_plural)s"). */
export function model_format_dict(opts: any): { verbose_name: string; verbose_name_plural: string } {
  return { verbose_name: String(opts.verbose_name), verbose_name_plural: String(opts.verbose_name_plural) };
}

/** `"%(verbose_name_plural)s"`-style interpolation, as Python's `%` with a dict. */
export function interpolate(template: string, values: Record<string, unknown>): string {
  return template.replace(/%\((\w+)\)s/g, (_, k: string) => String(values[k]));
}

/**
 * NestedObjects: a Collector that never fast-deletes, so every row the cascade would remove is
 * known as an instance, and remembers which object pulled in which (for the nested summary).
 */
export class NestedObjects extends models.Collector {
  edges = new Map<any, any[]>();
  protected_objs = new Set<any>();

  override can_fast_delete(): boolean {
    return false;
  }

  override add(objs: any[], source: any = null, nullable = false, reverse_dependency = false): any[] {
    const added = super.add(objs, source, nullable, reverse_dependency);
    return added;
  }

  override collect(objs: any, options: Record<string, any> = {}): void {
    try {
      super.collect(objs, options);
    } catch (e: any) {
      if (e?.protected_objects) for (const o of e.protected_objects) this.protected_objs.add(o);
      else throw e;
    }
  }
}

/**
 * `get_deleted_objects(objs, request, admin_site)` → [to_delete (nested strings), model_count,
 * perms_needed, protected]: what the delete confirmation page lists.
 */
export function get_deleted_objects(objs_or_queryset: Iterable<any>, request: any, admin_site: any): [any[], Record<string, number>, Set<string>, string[]] {
  const objs = [...objs_or_queryset];
  const collector = new NestedObjects("default");
  collector.collect(objs);
  const perms_needed = new Set<string>();
  const describe = (obj: any): unknown => {
    const opts = obj.constructor._meta;
    const label = `${capfirst_text(String(opts.verbose_name))}: ${String(obj)}`;
    const model_admin = admin_site._registry.get(obj.constructor);
    if (!model_admin) return label;
    if (!model_admin.has_delete_permission(request, obj)) perms_needed.add(String(opts.verbose_name));
    try {
      const url = admin_site.reverse_change_url(obj);
      return format_html('{}: <a href="{}">{}</a>', capfirst_text(String(opts.verbose_name)), url, String(obj));
    } catch {
      return label;
    }
  };
  const model_count: Record<string, number> = {};
  const collected: any[] = [];
  for (const [model, instances] of collector.data) {
    model_count[String(model._meta.verbose_name_plural)] = instances.length;
    collected.push(...instances);
  }
  const to_delete = nest(objs, collected, describe);
  const protected_list = [...collector.protected_objs].map((o) => `${capfirst_text(String(o.constructor._meta.verbose_name))}: ${String(o)}`);
  return [to_delete.filter((x) => !(Array.isArray(x) && !x.length)), model_count, perms_needed, protected_list];
}

/**
 * The nested summary Django shows: each object, then a list of the objects it drags along (found
 * through their foreign keys to it), recursively: `["Author: Ann", ["Book: Emma", ["Review: 5★"]]]`.
 */
function nest(roots: any[], collected: any[], describe: (obj: any) => unknown): unknown[] {
  const key = (o: any) => `${o.constructor._meta.label}:${o.pk}`;
  const by_key = new Map(collected.map((o) => [key(o), o]));
  const children = new Map<string, any[]>();
  const placed = new Set(roots.map(key));
  for (const obj of collected) {
    if (placed.has(key(obj))) continue;
    for (const f of obj.constructor._meta.concrete_fields) {
      if (!f.is_relation || !f.related_model) continue;
      const parent_key = `${f.related_model._meta.label}:${obj[f.attname]}`;
      if (by_key.has(parent_key) && parent_key !== key(obj)) {
        children.set(parent_key, [...(children.get(parent_key) ?? []), obj]);
        placed.add(key(obj));
        break;
      }
    }
  }
  const orphans = collected.filter((o) => !placed.has(key(o)));
  const seen = new Set<string>();
  const format = (obj: any): unknown[] => {
    seen.add(key(obj));
    const kids = (children.get(key(obj)) ?? []).filter((c) => !seen.has(key(c)));
    const nested = kids.flatMap(format);
    return nested.length ? [describe(obj), nested] : [describe(obj)];
  };
  return [...roots, ...orphans].flatMap(format);
}

function capfirst_text(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** `ngettext(verbose_name, verbose_name_plural, n)` of a model ("question" / "questions"). */
export function model_ngettext(obj: any, n: number | null = null): string {
  const opts = obj._meta ?? obj;
  const { verbose_name, verbose_name_plural } = model_format_dict(opts);
  return n === 1 ? verbose_name : verbose_name_plural;
}

/**
 * The JSON change message a LogEntry stores: `[{"added": {}}]`, or `[{"changed": {"fields":
 * [labels]}}]`, then one entry per inline object added, changed or deleted.
 */
export function construct_change_message(form: any, formsets: any[] | null, add: boolean): any[] {
  const changed_data: string[] = form.changed_data;
  const change_message: any[] = [];
  if (add) change_message.push({ added: {} });
  else if (changed_data.length) change_message.push({ changed: { fields: changed_field_labels(form, changed_data) } });
  for (const formset of formsets ?? []) {
    for (const added of formset.new_objects ?? []) change_message.push({ added: { name: String(added.constructor._meta.verbose_name), object: String(added) } });
    for (const [changed, fields] of formset.changed_objects ?? []) change_message.push({ changed: { name: String(changed.constructor._meta.verbose_name), object: String(changed), fields: changed_field_labels(formset.forms[0], fields) } });
    for (const deleted of formset.deleted_objects ?? []) change_message.push({ deleted: { name: String(deleted.constructor._meta.verbose_name), object: String(deleted) } });
  }
  return change_message;
}

/** A form field's label, else the field name, for each changed field. */
function changed_field_labels(form: any, changed_data: string[]): string[] {
  return changed_data.map((name) => {
    const label = form.fields[name]?.label;
    return label ? String(label) : name;
  });
}
