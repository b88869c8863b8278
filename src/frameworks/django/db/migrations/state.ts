/**
 * django.db.migrations.state: the project's models as migrations see them, without the model
 * classes. Main classes: `ProjectState` (every model, by `(app_label, model_name)`) and `ModelState`
 * (one model: its name, fields in order, Meta options).
 *
 * Migrations replay history: start from an empty `ProjectState`, let each operation change it
 * (`state_forwards`), and compare the result with the models in the code (the autodetector). To
 * touch the database an operation needs real-looking models; `state.apps` renders every
 * `ModelState` into a `StateModel` whose `_meta` carries the attributes the schema editor reads
 * (db_table, local_fields bound to columns, unique_together, indexes, constraints) — Django's
 * `StateApps`. Relations are resolved to the rendered models, and each many-to-many field gets its
 * auto-created through model (`library_book_tags` with `book_id` and `tag_id`).
 *
 *     const state = new ProjectState();
 *     new CreateModel({ name: "Author", fields: [["id", new models.AutoField({ primary_key: true })]] })
 *       .state_forwards("library", state);
 *     state.apps.get_model("library", "Author")._meta.db_table   // "library_author"
 */
import { LookupError, ValueError } from "../../../python/builtins";
import type { SchemaConstraint, SchemaField, SchemaIndex, SchemaModel, SchemaOptions } from "../backends/base/schema";
import { auto_through_model } from "./through";

/** A field inside a state: the ORM's Field instances (anything with the schema-field attributes). */
export type StateField = SchemaField;

export interface ModelStateInit {
  app_label: string;
  name: string;
  fields: [string, StateField][] | Map<string, StateField>;
  options?: Record<string, unknown>;
  bases?: unknown[];
  managers?: unknown[];
}

/** One model's state: name, ordered fields and the Meta options that matter to migrations. */
export class ModelState {
  app_label: string;
  name: string;
  fields: Map<string, StateField>;
  options: Record<string, unknown>;
  bases: unknown[];
  managers: unknown[];

  constructor(init: ModelStateInit) {
    this.app_label = init.app_label;
    this.name = init.name;
    this.fields = new Map(init.fields instanceof Map ? init.fields : init.fields);
    this.options = { ...(init.options ?? {}) };
    this.options.indexes ??= [];
    this.options.constraints ??= [];
    this.bases = init.bases ?? ["models.Model"];
    this.managers = init.managers ?? [];
  }

  get name_lower(): string {
    return this.name.toLowerCase();
  }

  /**
   * A model class of the project → its state (Django's `ModelState.from_model`): unbound copies of
   * its local fields in declaration order (relations last only through the autodetector), and the
   * Meta options it declared, in Django's option order.
   */
  static from_model(model: ModelClassLike): ModelState {
    const meta = model._meta;
    const fields: [string, StateField][] = [...meta.local_fields, ...meta.local_many_to_many].map((f) => [f.name, f.clone()]);
    const declared = meta.meta ?? {};
    const options: Record<string, unknown> = {};
    for (const name of STATE_OPTION_NAMES) if (name in declared && declared[name] !== undefined) options[name] = declared[name];
    if (options.unique_together) options.unique_together = normalize_together(options.unique_together);
    options.indexes = [...(meta.indexes ?? [])];
    options.constraints = [...(meta.constraints ?? [])];
    return new ModelState({ app_label: meta.app_label, name: meta.object_name, fields, options });
  }

  get_field(field_name: string): StateField {
    const name = field_name === "_order" ? "_order" : field_name;
    const field = this.fields.get(name);
    if (!field) throw new LookupError(`'${this.app_label}.${this.name}' has no field named '${field_name}'`);
    return field;
  }

  get_index_by_name(name: string): SchemaIndex {
    const found = (this.options.indexes as SchemaIndex[]).find((i) => i.name === name);
    if (!found) throw new ValueError(`No index named ${name} on model ${this.name}`);
    return found;
  }

  get_constraint_by_name(name: string): SchemaConstraint {
    const found = (this.options.constraints as SchemaConstraint[]).find((c) => c.name === name);
    if (!found) throw new ValueError(`No constraint named ${name} on model ${this.name}`);
    return found;
  }

  /** A copy whose fields can be changed without touching this one. */
  clone(): ModelState {
    return new ModelState({
      app_label: this.app_label,
      name: this.name,
      fields: [...this.fields],
      options: {
        ...this.options,
        indexes: [...(this.options.indexes as SchemaIndex[])],
        constraints: [...(this.options.constraints as SchemaConstraint[])],
      },
      bases: this.bases,
      managers: this.managers,
    });
  }

  /** The table name: Meta.db_table, or `<app_label>_<model name lowercased>`. */
  get db_table(): string {
    return (this.options.db_table as string | undefined) ?? `${this.app_label}_${this.name_lower}`;
  }
}

/** What `from_model` reads from a model class of the ORM. */
export interface ModelClassLike {
  _meta: {
    app_label: string;
    object_name: string;
    local_fields: StateField[];
    local_many_to_many: StateField[];
    meta?: Record<string, unknown>;
    indexes?: SchemaIndex[];
    constraints?: SchemaConstraint[];
    auto_created?: unknown;
    managed?: boolean;
  };
}

/** Meta options kept in a state, in Django's DEFAULT_NAMES order (not apps, app_label, abstract). */
const STATE_OPTION_NAMES = [
  "verbose_name", "verbose_name_plural", "db_table", "db_table_comment", "ordering", "unique_together", "permissions",
  "get_latest_by", "order_with_respect_to", "db_tablespace", "managed", "proxy", "swappable", "default_permissions",
  "select_on_save", "default_related_name", "required_db_features", "required_db_vendor", "base_manager_name", "default_manager_name",
];

export type ModelKey = string;

export function model_key(app_label: string, model_name: string): ModelKey {
  return `${app_label}.${model_name.toLowerCase()}`;
}

/** Every model of the project at one point in the migration history. */
export class ProjectState {
  models = new Map<ModelKey, ModelState>();
  private rendered: StateApps | null = null;

  constructor(models: ModelState[] = []) {
    for (const m of models) this.models.set(model_key(m.app_label, m.name), m);
  }

  /** The state of every (not auto-created) model of an app registry (Django's `from_apps`). */
  static from_apps(apps: { get_models(): ModelClassLike[] }): ProjectState {
    return new ProjectState(apps.get_models().filter((m) => !m._meta.auto_created).map((m) => ModelState.from_model(m)));
  }

  get_model_state(app_label: string, model_name: string): ModelState {
    const state = this.models.get(model_key(app_label, model_name));
    if (!state) throw new LookupError(`App '${app_label}' doesn't have a '${model_name}' model.`);
    return state;
  }

  add_model(model_state: ModelState): void {
    this.models.set(model_key(model_state.app_label, model_state.name), model_state);
    this.reload();
  }

  remove_model(app_label: string, model_name: string): void {
    this.models.delete(model_key(app_label, model_name));
    this.reload();
  }

  /** Change one model: the callback gets a private copy, which replaces the old state. */
  update_model(app_label: string, model_name: string, change: (state: ModelState) => void): void {
    const copy = this.get_model_state(app_label, model_name).clone();
    change(copy);
    this.models.set(model_key(app_label, model_name), copy);
    this.reload();
  }

  add_field(app_label: string, model_name: string, name: string, field: StateField): void {
    this.update_model(app_label, model_name, (m) => m.fields.set(name, field));
  }

  remove_field(app_label: string, model_name: string, name: string): void {
    this.update_model(app_label, model_name, (m) => {
      m.fields.delete(name);
      const together = m.options.unique_together as string[][] | undefined;
      if (together) m.options.unique_together = together.map((t) => t.filter((f) => f !== name)).filter((t) => t.length);
    });
  }

  alter_field(app_label: string, model_name: string, name: string, field: StateField): void {
    this.update_model(app_label, model_name, (m) => m.fields.set(name, field));
  }

  /** Rename a field, keeping its position, and follow the rename in unique_together and indexes. */
  rename_field(app_label: string, model_name: string, old_name: string, new_name: string): void {
    this.update_model(app_label, model_name, (m) => {
      m.fields = new Map([...m.fields].map(([n, f]) => (n === old_name ? [new_name, f] : [n, f])));
      const together = m.options.unique_together as string[][] | undefined;
      if (together) m.options.unique_together = together.map((t) => t.map((f) => (f === old_name ? new_name : f)));
      m.options.indexes = (m.options.indexes as SchemaIndex[]).map((i) =>
        i.fields.some((f) => f.replace(/^-/, "") === old_name) ? renamed_index(i, old_name, new_name) : i,
      );
    });
  }

  add_index(app_label: string, model_name: string, index: SchemaIndex): void {
    this.update_model(app_label, model_name, (m) => (m.options.indexes as SchemaIndex[]).push(index));
  }

  remove_index(app_label: string, model_name: string, index_name: string): void {
    this.update_model(app_label, model_name, (m) => (m.options.indexes = (m.options.indexes as SchemaIndex[]).filter((i) => i.name !== index_name)));
  }

  add_constraint(app_label: string, model_name: string, constraint: SchemaConstraint): void {
    this.update_model(app_label, model_name, (m) => (m.options.constraints as SchemaConstraint[]).push(constraint));
  }

  remove_constraint(app_label: string, model_name: string, name: string): void {
    this.update_model(app_label, model_name, (m) => (m.options.constraints = (m.options.constraints as SchemaConstraint[]).filter((c) => c.name !== name)));
  }

  /** AlterModelOptions / AlterUniqueTogether: set these options; `remove` keys that are absent. */
  alter_model_options(app_label: string, model_name: string, options: Record<string, unknown>, remove: string[] = []): void {
    this.update_model(app_label, model_name, (m) => {
      Object.assign(m.options, options);
      for (const key of remove) if (!(key in options)) delete m.options[key];
    });
  }

  clone(): ProjectState {
    return new ProjectState([...this.models.values()]);
  }

  /** Forget the rendered models (the next `apps` renders again). */
  reload(): void {
    this.rendered = null;
  }

  /** The models rendered for the schema editor (Django's `StateApps`). */
  get apps(): StateApps {
    this.rendered ??= new StateApps(this);
    return this.rendered;
  }
}

function renamed_index(index: SchemaIndex, old_name: string, new_name: string): SchemaIndex {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(index)), index) as SchemaIndex;
  copy.fields = index.fields.map((f) => (f.replace(/^-/, "") === old_name ? f.replace(old_name, new_name) : f));
  return copy;
}

// --- rendering: ModelState → StateModel ------------------------------------------------------------

/** A rendered model: `_meta` is enough for the schema editor; `name` is the class name. */
export class StateModel implements SchemaModel {
  constructor(readonly _meta: StateOptions) {}

  get name(): string {
    return this._meta.object_name;
  }

  toString(): string {
    return `<class '${this._meta.app_label}.${this._meta.object_name}'>`;
  }
}

/** A rendered model's `_meta`, with Django's attribute names. */
export class StateOptions implements SchemaOptions {
  local_fields: SchemaField[] = [];
  local_many_to_many: SchemaField[] = [];
  pk: SchemaField | null = null;
  model_name: string;

  constructor(
    readonly app_label: string,
    readonly object_name: string,
    readonly db_table: string,
    readonly unique_together: string[][],
    readonly indexes: SchemaIndex[],
    readonly constraints: SchemaConstraint[],
    readonly auto_created: unknown = false,
    readonly managed = true,
  ) {
    this.model_name = object_name.toLowerCase();
  }

  get label_lower(): string {
    return `${this.app_label}.${this.model_name}`;
  }

  get local_concrete_fields(): SchemaField[] {
    return this.local_fields.filter((f) => f.column !== null);
  }

  get_field(name: string): SchemaField {
    const field = [...this.local_fields, ...this.local_many_to_many].find((f) => f.name === name || f.attname === name);
    if (!field) throw new LookupError(`${this.object_name} has no field named '${name}'`);
    return field;
  }
}

export interface ModelSpec {
  app_label: string;
  name: string;
  db_table: string;
  fields: [string, SchemaField][];
  unique_together?: string[][];
  indexes?: SchemaIndex[];
  constraints?: SchemaConstraint[];
  auto_created?: unknown;
  managed?: boolean;
}

/**
 * Build one rendered model from a spec (Python's `type(name, (Model,), body)` with a Meta). Each
 * field is a bound copy: the state's own Field object is never changed.
 */
export function build_model(spec: ModelSpec): StateModel {
  const opts = new StateOptions(
    spec.app_label,
    spec.name,
    spec.db_table,
    normalize_together(spec.unique_together ?? []),
    [...(spec.indexes ?? [])],
    [...(spec.constraints ?? [])],
    spec.auto_created ?? false,
    spec.managed ?? true,
  );
  const model = new StateModel(opts);
  for (const [name, field] of spec.fields) {
    const bound = bind_field(field, name, model);
    if (bound.many_to_many) opts.local_many_to_many.push(bound);
    else opts.local_fields.push(bound);
    if (bound.primary_key) opts.pk = bound;
  }
  return model;
}

/** `contribute_to_class` for a rendered model: a copy of the field with name, attname and column set. */
export function bind_field(field: SchemaField, name: string, model: SchemaModel): SchemaField {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(field)), field) as SchemaField;
  if (field.remote_field) {
    copy.remote_field = Object.assign(Object.create(Object.getPrototypeOf(field.remote_field)), field.remote_field);
    (copy.remote_field as { field?: unknown }).field = copy;
  }
  copy.name = name;
  const is_fk = Boolean(copy.remote_field) && !copy.many_to_many;
  const db_column = (copy as { db_column?: string | null }).db_column;
  copy.attname = is_fk ? `${name}_id` : name;
  copy.column = copy.many_to_many ? (null as unknown as string) : db_column || copy.attname;
  copy.model = model;
  return copy;
}

/** unique_together as a list of field-name lists (a single tuple is wrapped, as Django does). */
export function normalize_together(value: unknown): string[][] {
  if (!value) return [];
  const list = [...(value as Iterable<unknown>)];
  if (!list.length) return [];
  if (typeof list[0] === "string") return [list as string[]];
  return list.map((t) => [...(t as Iterable<string>)]);
}

/** The rendered models of one ProjectState, relations resolved (Django's `StateApps`). */
export class StateApps {
  readonly all_models = new Map<ModelKey, StateModel>();

  constructor(state: ProjectState) {
    for (const ms of state.models.values()) this.all_models.set(model_key(ms.app_label, ms.name), render_model_state(ms));
    for (const model of [...this.all_models.values()]) this.resolve_relations(model);
  }

  get_model(app_label: string, model_name: string): StateModel {
    const model = this.all_models.get(model_key(app_label, model_name));
    if (!model) throw new LookupError(`App '${app_label}' doesn't have a '${model_name}' model.`);
    return model;
  }

  get_models(): StateModel[] {
    return [...this.all_models.values()];
  }

  /** Point every relation at its rendered target; give each M2M its through model. */
  private resolve_relations(model: StateModel): void {
    const meta = model._meta;
    for (const field of [...meta.local_fields, ...meta.local_many_to_many]) {
      const rf = field.remote_field;
      if (!rf) continue;
      const target = this.resolve(rf.model, meta.app_label, model);
      rf.model = target;
      if (!field.many_to_many) {
        rf.field_name ??= target._meta.pk?.name ?? "id";
        continue;
      }
      if (!rf.through) {
        const through = auto_through_model(model, field, target);
        this.all_models.set(model_key(meta.app_label, through._meta.object_name), through);
        rf.through = through;
      } else rf.through = this.resolve(rf.through, meta.app_label, model);
    }
  }

  /** "self", "Author", "library.Author", or a model class → the rendered model. */
  resolve(reference: unknown, app_label: string, self_model: StateModel): StateModel {
    if (reference instanceof StateModel) return this.get_model(reference._meta.app_label, reference._meta.object_name);
    if (reference && typeof reference === "object" || typeof reference === "function") {
      const meta = (reference as { _meta?: { app_label: string; object_name: string } })._meta;
      if (meta) return this.get_model(meta.app_label, meta.object_name);
    }
    const text = String(reference);
    if (text === "self") return self_model;
    const [app, name] = text.includes(".") ? text.split(".") : [app_label, text];
    return this.get_model(app, name);
  }
}

function render_model_state(ms: ModelState): StateModel {
  return build_model({
    app_label: ms.app_label,
    name: ms.name,
    db_table: ms.db_table,
    fields: [...ms.fields],
    unique_together: normalize_together(ms.options.unique_together),
    indexes: ms.options.indexes as SchemaIndex[],
    constraints: ms.options.constraints as SchemaConstraint[],
    managed: ms.options.managed !== false,
  });
}
