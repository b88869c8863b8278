/**
 * django.db.models.base: a model class and its instances. Main class: `Model`; class preparation
 * (Django's metaclass `ModelBase.__new__`) is `prepare_model(cls)`.
 *
 *     class Book extends models.Model { static fields = {...}; static Meta = {...}; declare title: string }
 *     Book._meta / Book.objects     → prepare_model(Book) runs once (an "app" span), then:
 *     const b = new Book({ title: "Emma", author })    pre_init/post_init
 *     b.save()                       INSERT INTO "library_book" (...) VALUES (...) RETURNING "id"
 *     b.delete()                     Collector: cascades, then DELETE ... WHERE "id" IN (...)
 *
 * Instances keep each concrete field's value as an own property named by its attname
 * (`book.title`, `book.author_id`); relations are accessors on the prototype (related_descriptors.ts).
 */
import { span_set, trace_site, tracing_enabled } from "../../../../trace";
import { AttributeError, TypeError as PyTypeError, ValueError } from "../../../python/builtins";
import { FieldDoesNotExist, MultipleObjectsReturned as BaseMultipleObjectsReturned, ObjectDoesNotExist, ValidationError, NON_FIELD_ERRORS } from "../../core/exceptions";
import { apps as global_apps, type Apps } from "../../apps/registry";
import { DEFAULT_DB_ALIAS } from "../utils";
import { Options, type MetaOptions } from "./options";
import { AutoField, BigAutoField, Field, NOT_PROVIDED, type ModelLike } from "./fields";
import { ForeignKey, THROUGH_FACTORY, type ManyToManyField } from "./fields/related";
import { pre_init, post_init, pre_save, post_save, class_prepared } from "./signals";
import { Manager } from "./manager";
import { Collector } from "./deletion";
import { CASCADE } from "./deletion";
import { settings } from "../../conf";
import { instance_filler } from "./fillers";
export { loop_instance_filler, set_instance_filler_factory, type InstanceFiller, type InstanceFillerFactory } from "./fillers";

const APP = trace_site("app", "django/db/models/base.ts", { eager: true });

/** Per-instance ORM state: which database, whether it is not saved yet, cached related objects. */
export class ModelState {
  db: string | null = null;
  adding = true;
  fields_cache: Record<string, unknown> = {};
}

/**
 * The state of every row read from one database, before anyone looks at it: shared, so that a
 * QuerySet of 1,000 rows allocates 1,000 instances and nothing else. `instance._state` gives the
 * instance its own copy the first time it is asked for (a ModelState is mutable: `adding`,
 * `fields_cache`), so nobody ever sees the shared one.
 */
class FetchedState extends ModelState {
  constructor(db: string) {
    super();
    this.adding = false;
    this.db = db;
    Object.freeze(this.fields_cache);
    Object.freeze(this);
  }
}
const fetched_states = new Map<string, FetchedState>();
function fetched_state(db: string): FetchedState {
  let state = fetched_states.get(db);
  if (!state) fetched_states.set(db, (state = new FetchedState(db)));
  return state;
}

/**
 * Python's `cls.__new__(cls)`: a blank instance of a model, its constructor not run. A plain
 * function whose `prototype` is the model's makes it: `new` on one function gives every fetched
 * row of a model the same shape, with room for its columns inside the object (`Object.create`
 * would start each one empty and move the columns out to a separate store as they are added).
 */
const blank_makers = new WeakMap<object, new () => object>();
function blank_maker(cls: { prototype: object }): new () => object {
  let make = blank_makers.get(cls);
  if (make === undefined) {
    make = function model_new() {} as unknown as new () => object;
    make.prototype = cls.prototype;
    blank_makers.set(cls, make);
  }
  return make;
}

/**
 * The key an instance keeps its ModelState under. It stays out of Model's declared shape (reached
 * through `holder()`), so the editor's declarations of user models never have to name this symbol.
 */
const STATE = Symbol("_state");
interface StateHolder {
  [STATE]?: ModelState;
}
function holder(obj: object): StateHolder {
  return obj as StateHolder;
}

/**
 * `cls.from_db(db, field_names, row[start : start + len(field_names)])`, made once per query for all
 * the rows it will load (ModelIterable and RelatedPopulator in query.ts). Whether anything must see
 * each instance being made — pre_init/post_init receivers, a model's own `from_db` — is asked here,
 * once. If nothing must, each instance is one object holding its columns and the ModelState its rows
 * share, made without slicing the row: the hot path of every QuerySet.
 */
export function from_db_loader<T extends Model>(cls: ModelClass<T>, db: string, field_names: string[]): (row: unknown[], start: number) => T {
  const n = field_names.length;
  if (cls.from_db !== Model.from_db || pre_init.has_listeners(cls) || post_init.has_listeners(cls))
    return (row, start) => cls.from_db(db, field_names, start === 0 && row.length === n ? row : row.slice(start, start + n));
  const model_new = blank_maker(cls);
  const state = fetched_state(db);
  const fill = instance_filler(cls, field_names);
  return (row, start) => {
    const obj = new model_new() as T;
    holder(obj)[STATE] = state;
    fill(obj, row, start);
    return obj;
  };
}

export interface SaveOptions {
  force_insert?: boolean;
  force_update?: boolean;
  using?: string | null;
  update_fields?: Iterable<string> | null;
}

export type ModelClass<T extends Model = Model> = (new (kwargs?: Record<string, unknown>) => T) & typeof Model;

const PREPARED = Symbol("prepared");
const PREPARING = Symbol("preparing");

export class Model {
  /** Field declarations: `static fields = { title: new models.CharField({ max_length: 200 }) }`. */
  static fields?: Record<string, Field>;
  /** Meta options: `static Meta = { ordering: ["-id"] }`. */
  static Meta?: MetaOptions;
  /** Set by the runtime's loader: the dotted module the class was defined in ("blog.models"). */
  declare static __module__?: string;

  declare _prefetched_objects_cache?: Record<string, any>;
  [key: string]: any;

  /** Django's `instance._state`: which database the row came from, whether it is being added, related objects cached. */
  get _state(): ModelState {
    const state = holder(this)[STATE];
    if (state !== undefined && !(state instanceof FetchedState)) return state;
    const own = new ModelState();
    if (state) {
      own.adding = false;
      own.db = state.db;
    }
    return (holder(this)[STATE] = own);
  }

  set _state(state: ModelState) {
    holder(this)[STATE] = state;
  }

  /** `Model._meta`: class preparation runs on first use. */
  static get _meta(): Options {
    return prepare_model(this as unknown as ModelClass);
  }

  /** The default manager (`Book.objects`). */
  static get objects(): Manager<any> {
    return this._meta.default_manager;
  }

  static get _default_manager(): Manager<any> {
    return this._meta.default_manager;
  }

  static get _base_manager(): Manager<any> {
    return this._meta.base_manager;
  }

  static get DoesNotExist(): typeof ObjectDoesNotExist {
    prepare_model(this as unknown as ModelClass);
    return (this as any).DoesNotExist;
  }

  static get MultipleObjectsReturned(): typeof BaseMultipleObjectsReturned {
    prepare_model(this as unknown as ModelClass);
    return (this as any).MultipleObjectsReturned;
  }

  /** `Book(title="Emma", author=a)`: defaults for what is not given; pre_init/post_init around it. */
  constructor(kwargs: Record<string, unknown> = {}) {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    if (opts.abstract) throw new PyTypeError("Abstract models cannot be instantiated.");
    if (pre_init.has_listeners(cls)) pre_init.send(cls, { args: [], kwargs: { ...kwargs } });
    this._state = new ModelState();
    init_from_kwargs(this, opts, kwargs);
    if (post_init.has_listeners(cls)) post_init.send(cls, { instance: this });
  }

  /**
   * An instance from a database row, without running the constructor: one property assignment per
   * column. `field_names` are attnames in the order of `values`. A model may define its own
   * (Django's documented way to remember the values loaded); the QuerySet then calls it per row.
   */
  static from_db<T extends Model>(this: ModelClass<T>, db: string, field_names: string[], values: unknown[]): T {
    const send = pre_init.has_listeners(this);
    if (send) pre_init.send(this, { args: [...values], kwargs: {} });
    const obj = new (blank_maker(this))() as T;
    holder(obj)[STATE] = fetched_state(db);
    for (let i = 0; i < field_names.length; i++) (obj as any)[field_names[i]] = values[i];
    if (send || post_init.has_listeners(this)) post_init.send(this, { instance: obj });
    return obj;
  }

  /** `str(obj)`: Django's default is "Book object (1)". */
  toString(): string {
    return `${this.constructor.name} object (${this.pk === null || this.pk === undefined ? "None" : String(this.pk)})`;
  }

  __repr__(): string {
    return `<${this.constructor.name}: ${this.toString()}>`;
  }

  /** The primary key value, under whatever name the pk field has. */
  get pk(): any {
    return this[(this.constructor as ModelClass)._meta.pk!.attname];
  }

  set pk(value: any) {
    this[(this.constructor as ModelClass)._meta.pk!.attname] = value;
  }

  _get_pk_val(): any {
    return this.pk;
  }

  /** Equality as Django's `__eq__`: same concrete model and same non-null pk (or the same object). */
  equals(other: unknown): boolean {
    if (!(other instanceof Model)) return false;
    if ((other.constructor as ModelClass)._meta.concrete_model !== (this.constructor as ModelClass)._meta.concrete_model) return false;
    const pk = this.pk;
    return pk === null || pk === undefined ? this === other : pk === other.pk;
  }

  serializable_value(field_name: string): unknown {
    try {
      const field = (this.constructor as ModelClass)._meta.get_field(field_name);
      return this[field.attname];
    } catch (e) {
      if (e instanceof FieldDoesNotExist) return this[field_name];
      throw e;
    }
  }

  // --- saving -----------------------------------------------------------------------------------

  /** `save(force_insert=False, force_update=False, using=None, update_fields=None)` */
  save(options: SaveOptions = {}): void {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    this._prepare_related_fields_for_save("save");
    const using = options.using ?? this._state.db ?? DEFAULT_DB_ALIAS;
    if (options.force_insert && (options.force_update || options.update_fields)) throw new ValueError("Cannot force both insert and updating in model saving.");
    let update_fields: Set<string> | null = null;
    if (options.update_fields !== undefined && options.update_fields !== null) {
      update_fields = new Set(options.update_fields);
      if (!update_fields.size) return;
      const names = new Set<string>();
      for (const f of opts.concrete_fields) if (!f.primary_key) names.add(f.name).add(f.attname);
      const bad = [...update_fields].filter((n) => !names.has(n));
      if (bad.length) throw new ValueError(`The following fields do not exist in this model, are m2m fields, primary keys, or are non-concrete fields: ${bad.join(", ")}`);
    }
    this.save_base({ using, force_insert: options.force_insert ?? false, force_update: options.force_update ?? false, update_fields });
  }

  /** pre_save → the table write → post_save(created), in one atomic block. */
  save_base(options: { raw?: boolean; force_insert?: boolean; force_update?: boolean; using?: string; update_fields?: Set<string> | null } = {}): void {
    const cls = this.constructor as ModelClass;
    const using = options.using ?? DEFAULT_DB_ALIAS;
    const raw = options.raw ?? false;
    const update_fields = options.update_fields ?? null;
    const sorted_fields = update_fields ? [...update_fields].sort() : null;
    if (pre_save.has_listeners(cls)) pre_save.send(cls, { instance: this, raw, using, update_fields: sorted_fields });
    const updated = (() => this._save_table(raw, cls, options.force_insert ?? false, options.force_update ?? false, using, update_fields))();
    this._state.db = using;
    this._state.adding = false;
    if (post_save.has_listeners(cls)) post_save.send(cls, { instance: this, created: !updated, update_fields: sorted_fields, raw, using });
  }

  /** UPDATE when the row may exist, INSERT otherwise; returns whether it updated. */
  _save_table(raw: boolean, cls: ModelClass, force_insert: boolean, force_update: boolean, using: string, update_fields: Set<string> | null): boolean {
    const meta = cls._meta;
    const pk = meta.pk!;
    let non_pks = meta.local_concrete_fields.filter((f) => !f.primary_key);
    if (update_fields) non_pks = non_pks.filter((f) => update_fields.has(f.name) || update_fields.has(f.attname));
    let pk_val = this[pk.attname];
    if (pk_val === null || pk_val === undefined) {
      pk_val = pk.get_default();
      if (pk_val !== null && pk_val !== undefined) this[pk.attname] = pk_val;
    }
    const pk_set = pk_val !== null && pk_val !== undefined;
    if (!pk_set && (force_update || update_fields)) throw new ValueError("Cannot force an update in save() with no primary key.");
    let updated = false;
    if (!raw && !force_insert && this._state.adding && pk.has_default()) force_insert = true;
    if (pk_set && !force_insert) {
      const values = non_pks.map((f) => [f, null, raw ? this[f.attname] : f.pre_save(this, false)] as [Field, null, unknown]);
      const base_qs = cls._base_manager.using(using);
      updated = this._do_update(base_qs, pk_val, values, update_fields !== null, force_update);
      if (force_update && !updated) throw new DatabaseErrorLike("Forced update did not affect any rows.");
      if (update_fields && !updated) throw new DatabaseErrorLike("Save with update_fields did not affect any rows.");
    }
    if (!updated) {
      const fields = meta.local_concrete_fields.filter((f) => pk_set || !(f instanceof AutoField));
      const returning = meta.local_concrete_fields.filter((f) => f.db_returning);
      const results = this._do_insert(cls._base_manager, using, fields, returning, raw);
      if (results.length) returning.forEach((f, i) => (this[f.attname] = results[0][i]));
    }
    return updated;
  }

  _do_update(base_qs: any, pk_val: unknown, values: [Field, null, unknown][], _has_update_fields: boolean, _forced: boolean): boolean {
    const filtered = base_qs.filter({ pk: pk_val });
    if (!values.length) return filtered.exists();
    return filtered._update(values) > 0;
  }

  _do_insert(manager: Manager<any>, using: string, fields: Field[], returning_fields: Field[], raw: boolean): unknown[][] {
    return manager._insert([this], { fields, returning_fields, using, raw });
  }

  /** Refuse to save with an unsaved related object; copy a saved related object's pk into `<fk>_id`. */
  _prepare_related_fields_for_save(operation_name: string): void {
    const opts = (this.constructor as ModelClass)._meta;
    for (const field of opts.concrete_fields) {
      if (!(field instanceof ForeignKey)) continue;
      const cache = this._state.fields_cache;
      if (!(field.name in cache)) continue;
      const obj = cache[field.name] as Model | null;
      if (!obj) continue;
      if (obj.pk === null || obj.pk === undefined)
        throw new ValueError(`${operation_name}() prohibited to prevent data loss due to unsaved related object '${field.name}'.`);
      if (this[field.attname] === null || this[field.attname] === undefined) this[field.attname] = obj[field.target_field.attname];
      if (this[field.attname] !== obj[field.target_field.attname]) delete cache[field.name];
    }
  }

  // --- deleting and reloading -------------------------------------------------------------------

  /** Delete this row and what cascades from it: `[total, {"app.Model": n}]`. */
  delete(options: { using?: string; keep_parents?: boolean } = {}): [number, Record<string, number>] {
    const cls = this.constructor as ModelClass;
    if (this.pk === null || this.pk === undefined)
      throw new ValueError(`${cls._meta.object_name} object can't be deleted because its ${cls._meta.pk!.attname} attribute is set to None.`);
    const using = options.using ?? this._state.db ?? DEFAULT_DB_ALIAS;
    const collector = new Collector(using, this);
    collector.collect([this], { keep_parents: options.keep_parents ?? false });
    return collector.delete();
  }

  /** Reload field values from the database (all, or `fields`); forgets cached relations. */
  refresh_from_db(options: { using?: string; fields?: string[] | null } = {}): void {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    let qs = cls._base_manager.db_manager(options.using ?? this._state.db).filter({ pk: this.pk });
    const fields = options.fields ?? null;
    if (fields) qs = qs.only(...fields);
    const fresh = qs.get();
    for (const field of opts.concrete_fields) {
      if (fields && !fields.includes(field.name) && !fields.includes(field.attname)) continue;
      this[field.attname] = fresh[field.attname];
      if (field.is_relation) delete this._state.fields_cache[field.name];
    }
    for (const rel of opts.related_objects) if (rel.one_to_one) delete this._state.fields_cache[rel.get_cache_name()];
    if (!fields) delete this._prefetched_objects_cache;
    this._state.db = fresh._state.db;
  }

  // --- validation -------------------------------------------------------------------------------

  /** `clean_fields()`, `clean()`, `validate_unique()`; one ValidationError with every message. */
  full_clean(options: { exclude?: string[]; validate_unique?: boolean } = {}): void {
    const errors: Record<string, string[]> = {};
    const exclude = new Set(options.exclude ?? []);
    collect_errors(errors, () => this.clean_fields(options.exclude));
    collect_errors(errors, () => this.clean());
    if (options.validate_unique ?? true) {
      for (const name of Object.keys(errors)) exclude.add(name);
      collect_errors(errors, () => this.validate_unique([...exclude]));
    }
    if (Object.keys(errors).length) throw new ModelValidationError(errors);
  }

  clean(): void {}

  clean_fields(exclude: string[] = []): void {
    const errors: Record<string, string[]> = {};
    for (const f of (this.constructor as ModelClass)._meta.fields) {
      if (exclude.includes(f.name)) continue;
      const raw_value = this[f.attname];
      if (f.blank && (raw_value === "" || raw_value === null || raw_value === undefined)) continue;
      try {
        this[f.attname] = f.clean(raw_value, this);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        errors[f.name] = e instanceof ModelValidationError ? Object.values(e.field_errors).flat() : [e.message];
      }
    }
    if (Object.keys(errors).length) throw new ModelValidationError(errors);
  }

  /** Unique fields and unique_together, checked with one query each. */
  validate_unique(exclude: string[] = []): void {
    const cls = this.constructor as ModelClass;
    const opts = cls._meta;
    const errors: Record<string, string[]> = {};
    const checks: string[][] = opts.local_fields.filter((f) => f.unique && !exclude.includes(f.name)).map((f) => [f.name]);
    for (const group of opts.unique_together) if (!group.some((n) => exclude.includes(n))) checks.push(group);
    for (const names of checks) {
      const lookup: Record<string, unknown> = {};
      let skip = false;
      for (const name of names) {
        const f = opts.get_field(name);
        const value = this[f.attname];
        if (value === null || value === undefined || (value === "" && f.empty_strings_allowed)) skip = true;
        if (f.primary_key && this._state.adding) skip = skip || value === null || value === undefined;
        lookup[f.attname] = value;
      }
      if (skip) continue;
      let qs = cls._default_manager.filter(lookup);
      if (!this._state.adding && this.pk !== null && this.pk !== undefined) qs = qs.exclude({ pk: this.pk });
      if (!qs.exists()) continue;
      const key = names.length === 1 ? names[0] : NON_FIELD_ERRORS;
      (errors[key] ??= []).push(unique_error_message(cls, names));
    }
    if (Object.keys(errors).length) throw new ModelValidationError(errors);
  }
}

/** A DatabaseError raised by save(); imported lazily to keep db/utils out of the class graph. */
class DatabaseErrorLike extends Error {}

/** ValidationError carrying Django's `error_dict` (field → messages). */
export class ModelValidationError extends ValidationError {
  /** Field name → messages (kept apart from ValidationError's own `error_dict` typing). */
  readonly field_errors: Record<string, string[]>;
  constructor(error_dict: Record<string, string[]>) {
    super(JSON.stringify(error_dict));
    this.field_errors = error_dict;
    (this as { error_dict?: unknown }).error_dict = error_dict;
    this.message = `{${Object.entries(error_dict).map(([k, v]) => `'${k}': [${v.map((m) => `'${m}'`).join(", ")}]`).join(", ")}}`;
  }
}

function collect_errors(errors: Record<string, string[]>, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ModelValidationError) for (const [k, v] of Object.entries(e.field_errors)) (errors[k] ??= []).push(...v);
    else if (e instanceof ValidationError) (errors[NON_FIELD_ERRORS] ??= []).push(e.message);
    else throw e;
  }
}

function unique_error_message(cls: ModelClass, names: string[]): string {
  const opts = cls._meta;
  const capfirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (names.length === 1) {
    const f = opts.get_field(names[0]);
    return `${capfirst(opts.verbose_name)} with this ${capfirst(f.verbose_name)} already exists.`;
  }
  const labels = names.map((n) => capfirst(opts.get_field(n).verbose_name));
  return `${capfirst(opts.verbose_name)} with this ${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]} already exists.`;
}

/** The constructor's work: each concrete field from kwargs or its default; then properties. */
function init_from_kwargs(obj: Model, opts: Options, kwargs: Record<string, unknown>): void {
  const remaining = new Set(Object.keys(kwargs));
  for (const field of opts.concrete_fields) {
    let value: unknown;
    let is_related_object = false;
    if (field instanceof ForeignKey && remaining.has(field.name)) {
      value = kwargs[field.name];
      is_related_object = true;
      remaining.delete(field.name);
    } else if (remaining.has(field.attname)) {
      value = kwargs[field.attname];
      remaining.delete(field.attname);
    } else if (field.attname !== field.name && remaining.has(field.name) && !(field instanceof ForeignKey)) {
      value = kwargs[field.name];
      remaining.delete(field.name);
    } else {
      value = field.get_default();
    }
    if (is_related_object) {
      obj[field.name] = value; // through the descriptor: sets <name>_id and the cache (and refuses a bare id)
    } else obj[field.attname] = value;
  }
  if (remaining.has("pk")) {
    obj.pk = kwargs.pk;
    remaining.delete("pk");
  }
  const unexpected: string[] = [];
  for (const name of remaining) {
    if (has_property(obj, name)) obj[name] = kwargs[name];
    else unexpected.push(name);
  }
  if (unexpected.length) {
    const cls = obj.constructor as ModelClass;
    throw new PyTypeError(`${cls.name}() got unexpected keyword arguments: ${unexpected.map((n) => `'${n}'`).join(", ")}`);
  }
}

function has_property(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d && (d.set || d.writable)) return true;
  }
  return false;
}

// --- class preparation (ModelBase.__new__) ------------------------------------------------------

/** The Model subclasses between `cls` and Model, nearest last. */
function model_chain(cls: Function): Function[] {
  const chain: Function[] = [];
  for (let c = cls; c && c !== Model; c = Object.getPrototypeOf(c)) chain.unshift(c);
  return chain;
}

/** The app label: Meta.app_label, else the installed app containing the class's module. */
function find_app_label(cls: ModelClass, meta: MetaOptions, registry: Apps): string {
  if (meta.app_label) return meta.app_label;
  const module = (cls as any).__module__ as string | undefined;
  if (module && registry.apps_ready) {
    const app_config = registry.get_containing_app_config(module);
    if (app_config) return app_config.label;
  }
  if (module) return module.split(".").slice(-2, -1)[0] ?? module;
  throw new RuntimeErrorLike(`Model class ${cls.name} doesn't declare an explicit app_label and isn't in an application in INSTALLED_APPS.`);
}

class RuntimeErrorLike extends Error {}

/**
 * `ModelBase.__new__`: build `_meta`, contribute every field, add DoesNotExist/MultipleObjectsReturned
 * and the managers, register with the app registry. Runs once per class; traced.
 */
export function prepare_model(cls: ModelClass): Options {
  if (Object.prototype.hasOwnProperty.call(cls, PREPARED)) return (cls as any)[PREPARED];
  if ((cls as unknown) === Model) throw new AttributeError("type object 'Model' has no attribute '_meta'");
  if (Object.prototype.hasOwnProperty.call(cls, PREPARING)) return (cls as any)[PREPARING];
  return APP.run(`class ${cls.name}(models.Model)`, () => ({}), (span) => {
    const own_meta: MetaOptions = Object.prototype.hasOwnProperty.call(cls, "Meta") ? { ...(cls.Meta ?? {}) } : {};
    const parent = Object.getPrototypeOf(cls) as ModelClass;
    const parent_opts = parent !== Model ? prepare_model(parent) : null;
    if (parent_opts && parent_opts.abstract) inherit_abstract_meta(own_meta, parent_opts.meta);
    const registry = own_meta.apps ?? global_apps;
    const opts = new Options(own_meta, find_app_label(cls, own_meta, registry), registry);
    Object.defineProperty(cls, PREPARING, { value: opts, configurable: true });
    opts.contribute_to_class(cls as unknown as ModelLike, cls.name);
    add_exceptions(cls, opts, parent_opts);
    contribute_fields(cls, opts);
    add_managers(cls, opts);
    Object.defineProperty(cls, PREPARED, { value: opts });
    delete (cls as any)[PREPARING];
    if (!opts.abstract) {
      registry.register_model(opts.app_label, cls);
      for (const m of registry.all_models.values()) for (const model of m.values()) (model as any)._meta?._expire_cache?.();
    }
    class_prepared.send(cls, {});
    if (tracing_enabled()) span_set(span, () => ({ model: opts.label, db_table: opts.db_table, fields: opts.local_fields.map((f) => f.name), many_to_many: opts.local_many_to_many.map((f) => f.name) }));
    return opts;
  });
}

/** An abstract parent's Meta is inherited (minus `abstract`), as Django's metaclass does. */
function inherit_abstract_meta(own: MetaOptions, parent: MetaOptions): void {
  for (const [k, v] of Object.entries(parent)) if (k !== "abstract" && k !== "db_table" && !(k in own)) own[k] = v;
}

function add_exceptions(cls: ModelClass, opts: Options, parent_opts: Options | null): void {
  const parent_dne = parent_opts && !parent_opts.abstract ? (parent_opts.model as any).DoesNotExist : ObjectDoesNotExist;
  const parent_mor = parent_opts && !parent_opts.abstract ? (parent_opts.model as any).MultipleObjectsReturned : BaseMultipleObjectsReturned;
  const dne = { [`DoesNotExist`]: class extends parent_dne {} }.DoesNotExist;
  const mor = { [`MultipleObjectsReturned`]: class extends parent_mor {} }.MultipleObjectsReturned;
  Object.defineProperty(dne, "__qualname__", { value: `${opts.object_name}.DoesNotExist` });
  Object.defineProperty(mor, "__qualname__", { value: `${opts.object_name}.MultipleObjectsReturned` });
  // Their module is the model's (a traceback names `polls.models.Question.DoesNotExist`), known once the module has loaded.
  for (const exc of [dne, mor]) Object.defineProperty(exc, "__module__", { get: () => (cls as { __module__?: string }).__module__, configurable: true });
  Object.defineProperty(cls, "DoesNotExist", { value: dne, configurable: true, writable: true });
  Object.defineProperty(cls, "MultipleObjectsReturned", { value: mor, configurable: true, writable: true });
}

/** Each declared field's `contribute_to_class`, in declaration order; abstract parents' fields are copied. */
function contribute_fields(cls: ModelClass, opts: Options): void {
  const declared: [string, Field][] = [];
  for (const c of model_chain(cls)) {
    if (!Object.prototype.hasOwnProperty.call(c, "fields")) continue;
    const is_self = c === cls;
    for (const [name, field] of Object.entries((c as ModelClass).fields ?? {})) declared.push([name, is_self ? field : field.clone()]);
  }
  const seen = new Map<string, Field>();
  for (const [name, field] of declared) seen.set(name, field);
  if (![...seen.values()].some((f) => f.primary_key) && !opts.abstract) {
    const auto = default_auto_field();
    contribute(cls, opts, "id", auto);
  }
  for (const [name, field] of seen) contribute(cls, opts, name, field);
}

function contribute(cls: ModelClass, opts: Options, name: string, field: Field): void {
  field.contribute_to_class(cls as unknown as ModelLike, name);
  if (tracing_enabled()) APP.event(`${field.constructor.name}.contribute_to_class(${opts.object_name}, "${name}")`, () => ({ field: name, column: field.column ?? null, attname: field.attname }));
}

function default_auto_field(): Field {
  const path = settings.configured ? String(settings.DEFAULT_AUTO_FIELD ?? "django.db.models.AutoField") : "django.db.models.AutoField";
  const field = path.endsWith("BigAutoField") ? new BigAutoField({ verbose_name: "ID", primary_key: true, auto_created: true }) : new AutoField({ verbose_name: "ID", primary_key: true, auto_created: true });
  return field;
}

/** `objects` unless the class declares managers of its own (static properties holding a Manager). */
function add_managers(cls: ModelClass, opts: Options): void {
  const declared: [string, Manager<any>][] = [];
  for (const c of model_chain(cls))
    for (const key of Object.getOwnPropertyNames(c)) {
      const d = Object.getOwnPropertyDescriptor(c, key);
      if (d && "value" in d && d.value instanceof Manager) declared.push([key, d.value]);
    }
  if (!declared.length && !opts.abstract) {
    const manager = new Manager();
    manager.auto_created = true;
    declared.push(["objects", manager]);
  }
  for (const [name, manager] of declared) {
    const bound = manager.model && manager.model !== cls ? manager.copy_for(cls, name) : manager;
    bound.contribute_to_class(cls, name);
    opts.managers.push(bound);
    if (name !== "objects" || !Object.prototype.hasOwnProperty.call(cls, name)) Object.defineProperty(cls, name, { value: bound, configurable: true, writable: true });
  }
  const by_name = opts.default_manager_name ? opts.managers.find((m) => m.name === opts.default_manager_name) : null;
  opts._default_manager = by_name ?? opts.managers[0] ?? null;
  const base = new Manager();
  base.contribute_to_class(cls, "_base_manager");
  opts._base_manager = base;
}

// --- building models programmatically ----------------------------------------------------------

export interface CreateModelOptions {
  app_label?: string;
  fields?: Record<string, Field> | [string, Field][];
  Meta?: MetaOptions;
  module?: string;
  /** The parent class (Python's `bases`); `Model` by default. */
  base?: ModelClass;
  /** Extra prototype members (methods, `toString`). */
  attrs?: Record<string, unknown>;
}

/**
 * `type(name, (models.Model,), attrs)`: a new Model subclass named `name`.
 *
 *     const Tag = create_model("Tag", { app_label: "library", fields: { name: new SlugField({ unique: true }) } });
 */
export function create_model(name: string, options: CreateModelOptions = {}): ModelClass {
  const base = options.base ?? Model;
  const cls = { [name]: class extends (base as any) {} }[name] as unknown as ModelClass;
  const fields = Array.isArray(options.fields) ? Object.fromEntries(options.fields) : { ...(options.fields ?? {}) };
  Object.defineProperty(cls, "fields", { value: fields, writable: true, configurable: true, enumerable: true });
  const meta: MetaOptions = { ...(options.Meta ?? {}) };
  if (options.app_label && !meta.app_label) meta.app_label = options.app_label;
  Object.defineProperty(cls, "Meta", { value: meta, writable: true, configurable: true, enumerable: true });
  if (options.module) Object.defineProperty(cls, "__module__", { value: options.module, writable: true, configurable: true });
  for (const [key, value] of Object.entries(options.attrs ?? {})) Object.defineProperty(cls.prototype, key, { value, writable: true, configurable: true });
  return cls;
}

/** The automatic through model of a ManyToManyField: `Book_tags` with FKs `book` and `tag`. */
export function create_many_to_many_intermediary_model(field: ManyToManyField, klass: ModelClass): ModelClass {
  const to_target = field.remote_field.model;
  const opts = klass._meta;
  const name = `${opts.object_name}_${field.name}`;
  const to_name = typeof to_target === "string" ? (to_target === "self" ? opts.object_name : to_target.split(".").pop()!) : to_target._meta.object_name;
  const self_ref = to_target === "self" || to_name === opts.object_name;
  const from_ = self_ref ? `from_${opts.model_name}` : opts.model_name;
  const to = self_ref ? `to_${to_name.toLowerCase()}` : to_name.toLowerCase();
  const on_delete = CASCADE;
  const fields: Record<string, Field> = {
    [from_]: new ForeignKey(klass as unknown as ModelLike, { related_name: `${name}+`, on_delete, db_constraint: field.remote_field.db_constraint }),
    [to]: new ForeignKey(typeof to_target === "string" && to_target !== "self" ? to_target : (to_target === "self" ? (klass as unknown as ModelLike) : to_target), { related_name: `${name}+`, on_delete, db_constraint: field.remote_field.db_constraint }),
  };
  const db_table = field.db_table ?? truncate_name(`${opts.db_table}_${field.name}`);
  return create_model(name, {
    fields,
    Meta: { db_table, auto_created: klass, app_label: opts.app_label, apps: opts.apps, unique_together: [[from_, to]], verbose_name: `${from_}-${to} relationship`, verbose_name_plural: `${from_}-${to} relationships` },
    module: (klass as any).__module__,
  });
}

function truncate_name(name: string): string {
  return name;
}

/** deletion.ts installs CASCADE here (it imports this module, so it cannot be imported back). */
export const CASCADE_REF: { fn?: any } = {};

THROUGH_FACTORY.create = (field, cls) => {
  const through = create_many_to_many_intermediary_model(field, cls as unknown as ModelClass);
  prepare_model(through);
  return through as unknown as ModelLike;
};

export { NOT_PROVIDED };
