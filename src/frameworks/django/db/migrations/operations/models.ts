/**
 * django.db.migrations.operations.models: operations on whole models and their Meta —
 * CreateModel, DeleteModel, AlterModelOptions, AlterUniqueTogether, AddIndex, RemoveIndex,
 * AddConstraint, RemoveConstraint.
 *
 *     new migrations.CreateModel({ name: "Tag", fields: [["id", new models.AutoField({ primary_key: true, serialize: false })],
 *                                                      ["name", new models.SlugField({ unique: true })]] })
 *     // sqlmigrate: CREATE TABLE "library_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 *     //                                          "name" varchar(50) NOT NULL UNIQUE);
 */
import type { BaseDatabaseSchemaEditor, SchemaConstraint, SchemaField, SchemaIndex } from "../../backends/base/schema";
import { ModelState, normalize_together, type ProjectState } from "../state";
import { Operation, field_references, resolve_relation, type Deconstructed } from "./base";
import { AddField, AlterField, FieldOperation, RemoveField, RenameField } from "./fields";

/** An operation on one model, named by `name`. */
export abstract class ModelOperation extends Operation {
  constructor(readonly name: string) {
    super();
  }

  get name_lower(): string {
    return this.name.toLowerCase();
  }

  override references_model(name: string, _app_label: string): boolean {
    return name.toLowerCase() === this.name_lower;
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    return super.reduce(operation, app_label) || this.can_reduce_through(operation, app_label);
  }

  can_reduce_through(operation: Operation, app_label: string): boolean {
    return !operation.references_model(this.name, app_label);
  }
}

export interface CreateModelOptions {
  name: string;
  fields: [string, SchemaField][];
  options?: Record<string, unknown>;
  bases?: unknown[];
  managers?: unknown[];
}

/** Create a model's table (and its auto-created many-to-many tables). */
export class CreateModel extends ModelOperation {
  readonly fields: [string, SchemaField][];
  readonly options: Record<string, unknown>;
  readonly bases: unknown[];
  readonly managers: unknown[];

  constructor({ name, fields, options = {}, bases, managers = [] }: CreateModelOptions) {
    super(name);
    this.fields = fields;
    this.options = options;
    this.bases = bases ?? ["models.Model"];
    this.managers = managers;
  }

  deconstruct(): Deconstructed {
    const kwargs: Record<string, unknown> = { name: this.name, fields: this.fields };
    if (Object.keys(this.options).length) kwargs.options = this.options;
    if (this.bases.length !== 1 || this.bases[0] !== "models.Model") kwargs.bases = this.bases;
    if (this.managers.length) kwargs.managers = this.managers;
    return ["CreateModel", [], kwargs];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.add_model(new ModelState({ app_label, name: this.name, fields: this.fields, options: this.options, bases: this.bases, managers: this.managers }));
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    editor.create_model(to_state.apps.get_model(app_label, this.name));
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    editor.delete_model(from_state.apps.get_model(app_label, this.name));
  }

  describe(): string {
    return `Create ${this.options.proxy ? "proxy " : ""}model ${this.name}`;
  }

  override get migration_name_fragment(): string {
    return this.name_lower;
  }

  /** Its own name, or a relation from one of its fields. */
  override references_model(name: string, app_label: string): boolean {
    const reference: [string, string] = [app_label, name.toLowerCase()];
    if (reference[1] === this.name_lower) return true;
    return this.fields.some(([, field]) => field_references([app_label, this.name_lower], field, reference));
  }

  /** Fold later operations on the same model into this one (the optimizer's main win). */
  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof DeleteModel && operation.name_lower === this.name_lower && !this.options.proxy) return [];
    if (operation instanceof AlterModelOptions && operation.name_lower === this.name_lower) return [this.with({ options: merged_options(this.options, operation.options) })];
    if (operation instanceof AlterUniqueTogether && operation.name_lower === this.name_lower) return [this.with({ options: { ...this.options, unique_together: operation.unique_together } })];
    if (operation instanceof FieldOperation && operation.model_name_lower === this.name_lower) return this.reduce_field(operation) ?? super.reduce(operation, app_label);
    if (operation instanceof IndexOperation && operation.model_name_lower === this.name_lower) return this.reduce_index(operation) ?? super.reduce(operation, app_label);
    return super.reduce(operation, app_label);
  }

  private reduce_field(operation: FieldOperation): Operation[] | null {
    if (operation instanceof AddField) return [this.with({ fields: [...this.fields, [operation.name, operation.field!]] })];
    if (operation instanceof AlterField) return [this.with({ fields: this.fields.map(([n, f]) => [n, n === operation.name ? operation.field! : f]) })];
    if (operation instanceof RemoveField) {
      const options = { ...this.options };
      const together = normalize_together(options.unique_together)
        .map((t) => t.filter((f) => f !== operation.name_lower))
        .filter((t) => t.length);
      if (options.unique_together) options.unique_together = together;
      return [this.with({ fields: this.fields.filter(([n]) => n.toLowerCase() !== operation.name_lower), options })];
    }
    if (operation instanceof RenameField) {
      const options = { ...this.options };
      if (options.unique_together) options.unique_together = normalize_together(options.unique_together).map((t) => t.map((f) => (f === operation.old_name ? operation.new_name : f)));
      return [this.with({ fields: this.fields.map(([n, f]) => [n === operation.old_name ? operation.new_name : n, f]), options })];
    }
    return null;
  }

  private reduce_index(operation: IndexOperation): Operation[] | null {
    const indexes = (this.options.indexes as SchemaIndex[] | undefined) ?? [];
    const constraints = (this.options.constraints as SchemaConstraint[] | undefined) ?? [];
    if (operation instanceof AddIndex) return [this.with({ options: { ...this.options, indexes: [...indexes, operation.index] } })];
    if (operation instanceof RemoveIndex) return [this.with({ options: { ...this.options, indexes: indexes.filter((i) => i.name !== operation.name) } })];
    if (operation instanceof AddConstraint) return [this.with({ options: { ...this.options, constraints: [...constraints, operation.constraint] } })];
    if (operation instanceof RemoveConstraint) return [this.with({ options: { ...this.options, constraints: constraints.filter((c) => c.name !== operation.name) } })];
    return null;
  }

  private with(change: Partial<CreateModelOptions>): CreateModel {
    return new CreateModel({ name: this.name, fields: this.fields, options: this.options, bases: this.bases, managers: this.managers, ...change });
  }
}

/** Drop a model's table. */
export class DeleteModel extends ModelOperation {
  constructor({ name }: { name: string }) {
    super(name);
  }

  deconstruct(): Deconstructed {
    return ["DeleteModel", [], { name: this.name }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.remove_model(app_label, this.name_lower);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    editor.delete_model(from_state.apps.get_model(app_label, this.name));
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    editor.create_model(to_state.apps.get_model(app_label, this.name));
  }

  override references_model(_name: string, _app_label: string): boolean {
    return true;
  }

  describe(): string {
    return `Delete model ${this.name}`;
  }

  override get migration_name_fragment(): string {
    return `delete_${this.name_lower}`;
  }
}

/** A Meta option change; a later one of the same kind on the same model replaces it. */
export abstract class ModelOptionOperation extends ModelOperation {
  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if ((operation.constructor === this.constructor || operation instanceof DeleteModel) && (operation as ModelOperation).name_lower === this.name_lower) return [operation];
    return super.reduce(operation, app_label);
  }
}

/** The Meta options that change no SQL (ordering, verbose names, …). */
export const ALTER_OPTION_KEYS = [
  "base_manager_name", "default_manager_name", "default_related_name", "get_latest_by", "managed", "ordering",
  "permissions", "default_permissions", "select_on_save", "verbose_name", "verbose_name_plural",
];

function merged_options(current: Record<string, unknown>, changed: Record<string, unknown>): Record<string, unknown> {
  const options = { ...current, ...changed };
  for (const key of ALTER_OPTION_KEYS) if (!(key in changed)) delete options[key];
  return options;
}

/** Change Meta options that need no SQL: ordering, verbose_name, get_latest_by, … */
export class AlterModelOptions extends ModelOptionOperation {
  readonly options: Record<string, unknown>;

  constructor({ name, options }: { name: string; options: Record<string, unknown> }) {
    super(name);
    this.options = options;
  }

  deconstruct(): Deconstructed {
    return ["AlterModelOptions", [], { name: this.name, options: this.options }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.alter_model_options(app_label, this.name_lower, this.options, ALTER_OPTION_KEYS);
  }

  database_forwards(): void {}

  override database_backwards(): void {}

  describe(): string {
    return `Change Meta options on ${this.name}`;
  }

  override get migration_name_fragment(): string {
    return `alter_${this.name_lower}_options`;
  }
}

/** Set `unique_together`: unique indexes named `<table>_<columns>_<hash>_uniq`. */
export class AlterUniqueTogether extends ModelOptionOperation {
  readonly option_name = "unique_together";
  readonly unique_together: string[][];

  constructor({ name, unique_together }: { name: string; unique_together: unknown }) {
    super(name);
    this.unique_together = normalize_together(unique_together);
  }

  deconstruct(): Deconstructed {
    return ["AlterUniqueTogether", [], { name: this.name, unique_together: this.unique_together }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.alter_model_options(app_label, this.name_lower, { unique_together: this.unique_together });
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const old = normalize_together(from_state.get_model_state(app_label, this.name).options.unique_together);
    const now = normalize_together(to_state.get_model_state(app_label, this.name).options.unique_together);
    editor.alter_unique_together(to_state.apps.get_model(app_label, this.name), old, now);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    this.database_forwards(app_label, editor, from_state, to_state);
  }

  override references_field(model_name: string, name: string, app_label: string): boolean {
    return this.references_model(model_name, app_label) && (!this.unique_together.length || this.unique_together.some((t) => t.includes(name)));
  }

  describe(): string {
    return `Alter unique_together for ${this.name} (${this.unique_together.length} constraint(s))`;
  }

  override get migration_name_fragment(): string {
    return `alter_${this.name_lower}_unique_together`;
  }
}

/** Operations on one model's indexes and constraints (named by `model_name`). */
export abstract class IndexOperation extends Operation {
  constructor(readonly model_name: string) {
    super();
  }

  get model_name_lower(): string {
    return this.model_name.toLowerCase();
  }
}

/** `CREATE INDEX` for a Meta index. */
export class AddIndex extends IndexOperation {
  readonly index: SchemaIndex;

  constructor({ model_name, index }: { model_name: string; index: SchemaIndex }) {
    super(model_name);
    this.index = index;
  }

  deconstruct(): Deconstructed {
    return ["AddIndex", [], { model_name: this.model_name, index: this.index }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.add_index(app_label, this.model_name_lower, this.index);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    editor.add_index(to_state.apps.get_model(app_label, this.model_name), this.index);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    editor.remove_index(from_state.apps.get_model(app_label, this.model_name), this.index);
  }

  describe(): string {
    return `Create index ${this.index.name} on field(s) ${this.index.fields.join(", ")} of model ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `${this.model_name_lower}_${this.index.name.toLowerCase()}`;
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof RemoveIndex && this.index.name === operation.name) return [];
    return super.reduce(operation, app_label);
  }
}

/** `DROP INDEX` of a Meta index. */
export class RemoveIndex extends IndexOperation {
  readonly name: string;

  constructor({ model_name, name }: { model_name: string; name: string }) {
    super(model_name);
    this.name = name;
  }

  deconstruct(): Deconstructed {
    return ["RemoveIndex", [], { model_name: this.model_name, name: this.name }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.remove_index(app_label, this.model_name_lower, this.name);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    const index = from_state.get_model_state(app_label, this.model_name).get_index_by_name(this.name);
    editor.remove_index(from_state.apps.get_model(app_label, this.model_name), index);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    const index = to_state.get_model_state(app_label, this.model_name).get_index_by_name(this.name);
    editor.add_index(to_state.apps.get_model(app_label, this.model_name), index);
  }

  describe(): string {
    return `Remove index ${this.name} from ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `remove_${this.model_name_lower}_${this.name.toLowerCase()}`;
  }
}

/** Add a Meta constraint (on SQLite: a table rebuild, or a unique index when conditional). */
export class AddConstraint extends IndexOperation {
  readonly constraint: SchemaConstraint;

  constructor({ model_name, constraint }: { model_name: string; constraint: SchemaConstraint }) {
    super(model_name);
    this.constraint = constraint;
  }

  deconstruct(): Deconstructed {
    return ["AddConstraint", [], { model_name: this.model_name, constraint: this.constraint }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.add_constraint(app_label, this.model_name_lower, this.constraint);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    editor.add_constraint(to_state.apps.get_model(app_label, this.model_name), this.constraint);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    editor.remove_constraint(to_state.apps.get_model(app_label, this.model_name), this.constraint);
  }

  describe(): string {
    return `Create constraint ${this.constraint.name} on model ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `${this.model_name_lower}_${this.constraint.name.toLowerCase()}`;
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof RemoveConstraint && operation.model_name_lower === this.model_name_lower && operation.name === this.constraint.name) return [];
    return super.reduce(operation, app_label);
  }
}

/** Remove a Meta constraint. */
export class RemoveConstraint extends IndexOperation {
  readonly name: string;

  constructor({ model_name, name }: { model_name: string; name: string }) {
    super(model_name);
    this.name = name;
  }

  deconstruct(): Deconstructed {
    return ["RemoveConstraint", [], { model_name: this.model_name, name: this.name }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.remove_constraint(app_label, this.model_name_lower, this.name);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const constraint = from_state.get_model_state(app_label, this.model_name).get_constraint_by_name(this.name);
    editor.remove_constraint(to_state.apps.get_model(app_label, this.model_name), constraint);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, _from: ProjectState, to_state: ProjectState): void {
    const constraint = to_state.get_model_state(app_label, this.model_name).get_constraint_by_name(this.name);
    editor.add_constraint(to_state.apps.get_model(app_label, this.model_name), constraint);
  }

  describe(): string {
    return `Remove constraint ${this.name} from model ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `remove_${this.model_name_lower}_${this.name.toLowerCase()}`;
  }
}

export { resolve_relation };
