/**
 * django.db.models.options: a model's `Meta` and everything class preparation learns about it →
 * `Options`, reachable as `Model._meta`.
 *
 *     Book._meta.db_table            // "library_book"
 *     Book._meta.get_field("author") // the ForeignKey
 *     Book._meta.get_fields()        // reverse relations first, then forward fields
 *
 * Reverse relations (`Author._meta.get_field("books")`) are found by scanning every model of the
 * same `Apps` for relations that point here; the result is cached until `_expire_cache()`.
 */
import { FieldDoesNotExist, ImproperlyConfigured } from "../../core/exceptions";
import { TypeError as PyTypeError } from "../../../python/builtins";
import type { Apps } from "../../apps/registry";
import type { Field, ModelLike } from "./fields";

/** The Meta options Django knows (`DEFAULT_NAMES`); anything else is a TypeError. */
export const DEFAULT_NAMES = [
  "verbose_name", "verbose_name_plural", "db_table", "db_table_comment", "ordering", "unique_together",
  "permissions", "get_latest_by", "order_with_respect_to", "app_label", "db_tablespace", "abstract",
  "managed", "proxy", "swappable", "auto_created", "index_together", "apps", "default_permissions",
  "select_on_save", "default_related_name", "required_db_features", "required_db_vendor",
  "base_manager_name", "default_manager_name", "indexes", "constraints",
] as const;

export interface MetaOptions {
  verbose_name?: string;
  verbose_name_plural?: string;
  db_table?: string;
  db_table_comment?: string;
  ordering?: unknown[];
  unique_together?: string[][] | string[];
  permissions?: [string, string][];
  get_latest_by?: string | string[];
  app_label?: string;
  abstract?: boolean;
  managed?: boolean;
  proxy?: boolean;
  auto_created?: unknown;
  apps?: Apps;
  default_permissions?: string[];
  default_related_name?: string;
  base_manager_name?: string;
  default_manager_name?: string;
  indexes?: any[];
  constraints?: any[];
  [key: string]: unknown;
}

/** A relation field or a reverse relation object, as `get_fields()` lists them. */
export type AnyField = Field | any;

/** "BookReview" → "book review" (Django's `camel_case_to_spaces`). */
export function camel_case_to_spaces(value: string): string {
  return value.replace(/(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))/g, " $1").toLowerCase().trim();
}

export class Options {
  model!: ModelLike;
  apps: Apps;
  meta: MetaOptions;
  app_label: string;
  object_name!: string;
  model_name!: string;
  verbose_name!: string;
  verbose_name_plural!: string;
  db_table = "";
  db_table_comment: string | null = null;
  ordering: unknown[] = [];
  unique_together: string[][] = [];
  indexes: any[] = [];
  constraints: any[] = [];
  get_latest_by: string | string[] | null = null;
  abstract = false;
  managed = true;
  proxy = false;
  auto_created: unknown = false;
  default_related_name: string | null = null;
  pk: Field | null = null;
  local_fields: Field[] = [];
  local_many_to_many: Field[] = [];
  private_fields: Field[] = [];
  managers: any[] = [];
  default_manager_name: string | null = null;
  base_manager_name: string | null = null;
  /** Set by class preparation; the manager `objects` (or the first declared one). */
  _default_manager: any = null;
  _base_manager: any = null;
  concrete_model!: ModelLike;
  parents = new Map<ModelLike, Field | null>();
  required_db_features: string[] = [];
  private _cache = new Map<string, unknown>();

  constructor(meta: MetaOptions | null | undefined, app_label: string, apps: Apps) {
    this.meta = { ...(meta ?? {}) };
    this.app_label = app_label;
    this.apps = apps;
    const unknown = Object.keys(this.meta).filter((k) => !(DEFAULT_NAMES as readonly string[]).includes(k));
    if (unknown.length) throw new PyTypeError(`'class Meta' got invalid attribute(s): ${unknown.join(",")}`);
  }

  /** `contribute_to_class`: read Meta, derive names and the table name. */
  contribute_to_class(cls: ModelLike, name: string): void {
    this.model = cls;
    this.concrete_model = cls;
    this.object_name = name;
    this.model_name = name.toLowerCase();
    const meta = this.meta;
    this.verbose_name = meta.verbose_name ?? camel_case_to_spaces(name);
    this.verbose_name_plural = meta.verbose_name_plural ?? `${this.verbose_name}s`;
    this.ordering = [...(meta.ordering ?? [])];
    this.unique_together = normalize_together(meta.unique_together);
    this.indexes = [...(meta.indexes ?? [])];
    this.constraints = [...(meta.constraints ?? [])];
    this.get_latest_by = meta.get_latest_by ?? null;
    this.abstract = meta.abstract ?? false;
    this.managed = meta.managed ?? true;
    this.proxy = meta.proxy ?? false;
    this.auto_created = meta.auto_created ?? false;
    this.default_related_name = meta.default_related_name ?? null;
    this.default_manager_name = meta.default_manager_name ?? null;
    this.base_manager_name = meta.base_manager_name ?? null;
    this.db_table_comment = meta.db_table_comment ?? null;
    this.db_table = meta.db_table ?? `${this.app_label}_${this.model_name}`;
  }

  get label(): string {
    return `${this.app_label}.${this.object_name}`;
  }

  get label_lower(): string {
    return `${this.app_label}.${this.model_name}`;
  }

  /** The model's AutoField (Django sets it when an AutoField joins the model), or null. */
  get auto_field(): Field | null {
    const pk = (this as { pk?: Field | null }).pk ?? null;
    return pk && /AutoField$/.test(pk.get_internal_type()) ? pk : null;
  }

  /** The AppConfig of the model's app (None for a model outside INSTALLED_APPS). */
  get app_config(): unknown {
    try {
      return (this.apps as { app_configs?: Map<string, unknown> }).app_configs?.get(this.app_label) ?? null;
    } catch {
      return null;
    }
  }

  toString(): string {
    return this.label_lower;
  }

  /** A field joins `local_fields` (sorted by creation order) or `local_many_to_many`. */
  add_field(field: Field, private_only = false): void {
    if (private_only) this.private_fields.push(field);
    else if (field.is_relation && field.many_to_many) insort(this.local_many_to_many, field);
    else insort(this.local_fields, field);
    if (field.primary_key && !private_only) this.setup_pk(field);
    this._expire_cache();
  }

  setup_pk(field: Field): void {
    if (!this.pk && field.primary_key) {
      this.pk = field;
      field.serialize = false;
    }
  }

  /** `pk` may be referred to by name; the field behind it. */
  get pk_name(): string {
    return this.pk?.name ?? "id";
  }

  // --- the field lists, cached ------------------------------------------------------------------

  private cached<T>(key: string, build: () => T): T {
    if (this._cache.has(key)) return this._cache.get(key) as T;
    const value = build();
    this._cache.set(key, value);
    return value;
  }

  /** Forward fields that are not many-to-many, in creation order. */
  get fields(): Field[] {
    return this.cached("fields", () => [...this.local_fields, ...this.private_fields.filter((f) => !f.many_to_many)]);
  }

  get concrete_fields(): Field[] {
    return this.cached("concrete_fields", () => this.fields.filter((f) => f.concrete));
  }

  get local_concrete_fields(): Field[] {
    return this.cached("local_concrete_fields", () => this.local_fields.filter((f) => f.concrete));
  }

  get many_to_many(): Field[] {
    return this.local_many_to_many;
  }

  /** Reverse relations pointing here (not the hidden ones, except many-to-many's). */
  get related_objects(): any[] {
    return this.cached("related_objects", () => this._relation_tree().filter((rel) => !rel.hidden || rel.field.many_to_many));
  }

  /** Every reverse relation pointing at this model, hidden ones included. */
  _relation_tree(): any[] {
    return this.cached("relation_tree", () => {
      const found: any[] = [];
      for (const app_models of this.apps.all_models.values())
        for (const model of app_models.values()) {
          const opts = (model as ModelLike)._meta as Options | undefined;
          if (!opts || opts.abstract) continue;
          for (const f of [...opts.local_fields, ...opts.local_many_to_many])
            if (f.remote_field && typeof f.remote_field.model !== "string" && f.remote_field.model?._meta === this) found.push(f.remote_field);
        }
      return found;
    });
  }

  /** `get_fields(include_parents=True, include_hidden=False)`: reverse relations, then forward fields. */
  get_fields(options: { include_parents?: boolean; include_hidden?: boolean } = {}): AnyField[] {
    const include_hidden = options.include_hidden ?? false;
    return this.cached(`get_fields:${include_hidden}`, () => {
      const reverse = this._relation_tree().filter((rel) => include_hidden || !rel.hidden);
      return [...reverse, ...this.local_fields, ...this.local_many_to_many, ...this.private_fields];
    });
  }

  /** name or attname → forward field; related query name → reverse relation. */
  get _forward_fields_map(): Map<string, AnyField> {
    return this.cached("forward_fields_map", () => {
      const map = new Map<string, AnyField>();
      for (const f of [...this.local_fields, ...this.local_many_to_many, ...this.private_fields]) {
        map.set(f.name, f);
        if (f.attname && f.attname !== f.name) map.set(f.attname, f);
      }
      return map;
    });
  }

  get fields_map(): Map<string, AnyField> {
    return this.cached("fields_map", () => {
      const map = new Map<string, AnyField>();
      for (const f of this.get_fields({ include_hidden: true })) {
        map.set(f.name, f);
        if (f.attname && f.attname !== f.name) map.set(f.attname, f);
      }
      return map;
    });
  }

  /** `get_field(name)`: forward fields by name or attname, then reverse relations; FieldDoesNotExist. */
  get_field(field_name: string): AnyField {
    const forward = this._forward_fields_map.get(field_name);
    if (forward) return forward;
    const any = this.fields_map.get(field_name);
    if (any) return any;
    throw new FieldDoesNotExist(`${this.object_name} has no field named '${field_name}'`);
  }

  /** The default manager (`objects` unless Meta says otherwise). */
  get default_manager(): any {
    return this._default_manager;
  }

  get base_manager(): any {
    return this._base_manager ?? this._default_manager;
  }

  /** Forget cached field lists (the app registry calls this when models change). */
  _expire_cache(): void {
    this._cache.clear();
  }

  /** Check that ordering names real fields (simplified `_check_ordering`). */
  _check_ordering_names(): void {
    if (!Array.isArray(this.ordering)) throw new ImproperlyConfigured(`'ordering' must be a tuple or list.`);
  }
}

function insort(list: Field[], field: Field): void {
  let i = list.length;
  while (i > 0 && list[i - 1].creation_counter > field.creation_counter) i--;
  list.splice(i, 0, field);
}

/** `unique_together = ("a", "b")` means one group; a list of lists is several. */
export function normalize_together(value: unknown): string[][] {
  if (!value || !(value as unknown[]).length) return [];
  const list = value as unknown[];
  return typeof list[0] === "string" ? [list as string[]] : (list as string[][]).map((g) => [...g]);
}
