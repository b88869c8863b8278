/**
 * django.db.migrations.operations.fields: operations on one field — AddField, RemoveField,
 * AlterField, RenameField.
 *
 *     new migrations.AddField({ model_name: "book", name: "isbn", field: new models.CharField({ max_length: 13, null: true }) })
 *     // sqlmigrate: ALTER TABLE "library_book" ADD COLUMN "isbn" varchar(13) NULL;
 */
import type { BaseDatabaseSchemaEditor, SchemaField } from "../../backends/base/schema";
import type { ProjectState } from "../state";
import { Operation, field_references, type Deconstructed } from "./base";
import { DeleteModel } from "./models";

/** An operation on `model_name.name`, carrying the field when it has one. */
export abstract class FieldOperation extends Operation {
  constructor(
    readonly model_name: string,
    readonly name: string,
    readonly field: SchemaField | null = null,
  ) {
    super();
  }

  get model_name_lower(): string {
    return this.model_name.toLowerCase();
  }

  get name_lower(): string {
    return this.name.toLowerCase();
  }

  is_same_field_operation(operation: FieldOperation): boolean {
    return this.model_name_lower === operation.model_name_lower && this.name_lower === operation.name_lower;
  }

  override references_model(name: string, app_label: string): boolean {
    const name_lower = name.toLowerCase();
    if (name_lower === this.model_name_lower) return true;
    return this.field ? field_references([app_label, this.model_name_lower], this.field, [app_label, name_lower]) : false;
  }

  override references_field(model_name: string, name: string, app_label: string): boolean {
    const model_name_lower = model_name.toLowerCase();
    if (model_name_lower === this.model_name_lower && name === this.name) return true;
    if (!this.field) return false;
    return field_references([app_label, this.model_name_lower], this.field, [app_label, model_name_lower], name);
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    return super.reduce(operation, app_label) || !operation.references_field(this.model_name, this.name, app_label);
  }
}

export interface AddFieldOptions {
  model_name: string;
  name: string;
  field: SchemaField;
  preserve_default?: boolean;
}

/** Add a column (SQLite: ADD COLUMN when nullable without default, else a table rebuild). */
export class AddField extends FieldOperation {
  readonly preserve_default: boolean;

  constructor({ model_name, name, field, preserve_default = true }: AddFieldOptions) {
    super(model_name, name, field);
    this.preserve_default = preserve_default;
  }

  deconstruct(): Deconstructed {
    const kwargs: Record<string, unknown> = { model_name: this.model_name, name: this.name, field: this.field };
    if (!this.preserve_default) kwargs.preserve_default = false;
    return ["AddField", [], kwargs];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.add_field(app_label, this.model_name_lower, this.name, this.field!);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const field = to_state.apps.get_model(app_label, this.model_name)._meta.get_field(this.name);
    editor.add_field(from_state.apps.get_model(app_label, this.model_name), field);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    const model = from_state.apps.get_model(app_label, this.model_name);
    editor.remove_field(model, model._meta.get_field(this.name));
  }

  describe(): string {
    return `Add field ${this.name} to ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `${this.model_name_lower}_${this.name_lower}`;
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof FieldOperation && this.is_same_field_operation(operation)) {
      if (operation instanceof AlterField) return [new AddField({ model_name: this.model_name, name: operation.name, field: operation.field! })];
      if (operation instanceof RemoveField) return [];
      if (operation instanceof RenameField) return [new AddField({ model_name: this.model_name, name: operation.new_name, field: this.field! })];
    }
    return super.reduce(operation, app_label);
  }
}

/** Drop a column (SQLite: DROP COLUMN for a plain column, else a table rebuild). */
export class RemoveField extends FieldOperation {
  constructor({ model_name, name }: { model_name: string; name: string }) {
    super(model_name, name);
  }

  deconstruct(): Deconstructed {
    return ["RemoveField", [], { model_name: this.model_name, name: this.name }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.remove_field(app_label, this.model_name_lower, this.name);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState): void {
    const model = from_state.apps.get_model(app_label, this.model_name);
    editor.remove_field(model, model._meta.get_field(this.name));
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    editor.add_field(from_state.apps.get_model(app_label, this.model_name), to_state.apps.get_model(app_label, this.model_name)._meta.get_field(this.name));
  }

  describe(): string {
    return `Remove field ${this.name} from ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `remove_${this.model_name_lower}_${this.name_lower}`;
  }

  /** Removing a field and then its model is just removing the model. */
  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof DeleteModel && operation.name_lower === this.model_name_lower) return [operation];
    return super.reduce(operation, app_label);
  }
}

/** Change a column's definition (SQLite: a table rebuild unless nothing in the database changes). */
export class AlterField extends FieldOperation {
  readonly preserve_default: boolean;

  constructor({ model_name, name, field, preserve_default = true }: AddFieldOptions) {
    super(model_name, name, field);
    this.preserve_default = preserve_default;
  }

  deconstruct(): Deconstructed {
    const kwargs: Record<string, unknown> = { model_name: this.model_name, name: this.name, field: this.field };
    if (!this.preserve_default) kwargs.preserve_default = false;
    return ["AlterField", [], kwargs];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.alter_field(app_label, this.model_name_lower, this.name, this.field!);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const from_model = from_state.apps.get_model(app_label, this.model_name);
    const to_field = to_state.apps.get_model(app_label, this.model_name)._meta.get_field(this.name);
    editor.alter_field(from_model, from_model._meta.get_field(this.name), to_field);
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    this.database_forwards(app_label, editor, from_state, to_state);
  }

  describe(): string {
    return `Alter field ${this.name} on ${this.model_name}`;
  }

  override get migration_name_fragment(): string {
    return `alter_${this.model_name_lower}_${this.name_lower}`;
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if ((operation instanceof AlterField || operation instanceof RemoveField) && this.is_same_field_operation(operation)) return [operation];
    if (operation instanceof RenameField && this.is_same_field_operation(operation) && !(this.field as { db_column?: string | null }).db_column)
      return [operation, new AlterField({ model_name: this.model_name, name: operation.new_name, field: this.field! })];
    return super.reduce(operation, app_label);
  }
}

/** Rename a field (SQLite: RENAME COLUMN). */
export class RenameField extends FieldOperation {
  readonly old_name: string;
  readonly new_name: string;

  constructor({ model_name, old_name, new_name }: { model_name: string; old_name: string; new_name: string }) {
    super(model_name, old_name);
    this.old_name = old_name;
    this.new_name = new_name;
  }

  get old_name_lower(): string {
    return this.old_name.toLowerCase();
  }

  get new_name_lower(): string {
    return this.new_name.toLowerCase();
  }

  deconstruct(): Deconstructed {
    return ["RenameField", [], { model_name: this.model_name, old_name: this.old_name, new_name: this.new_name }];
  }

  state_forwards(app_label: string, state: ProjectState): void {
    state.rename_field(app_label, this.model_name_lower, this.old_name, this.new_name);
  }

  database_forwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const from_model = from_state.apps.get_model(app_label, this.model_name);
    editor.alter_field(from_model, from_model._meta.get_field(this.old_name), to_state.apps.get_model(app_label, this.model_name)._meta.get_field(this.new_name));
  }

  override database_backwards(app_label: string, editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void {
    const from_model = from_state.apps.get_model(app_label, this.model_name);
    editor.alter_field(from_model, from_model._meta.get_field(this.new_name), to_state.apps.get_model(app_label, this.model_name)._meta.get_field(this.old_name));
  }

  describe(): string {
    return `Rename field ${this.old_name} on ${this.model_name} to ${this.new_name}`;
  }

  override get migration_name_fragment(): string {
    return `rename_${this.old_name_lower}_${this.model_name_lower}_${this.new_name_lower}`;
  }

  override references_field(model_name: string, name: string, app_label: string): boolean {
    return this.references_model(model_name, app_label) && [this.old_name_lower, this.new_name_lower].includes(name.toLowerCase());
  }

  override reduce(operation: Operation, app_label: string): Operation[] | boolean {
    if (operation instanceof RenameField && this.model_name_lower === operation.model_name_lower && this.new_name_lower === operation.old_name_lower)
      return [new RenameField({ model_name: this.model_name, old_name: this.old_name, new_name: operation.new_name })];
    const base = Operation.prototype.reduce.call(this, operation, app_label);
    if (base) return base;
    return !operation.references_field(this.model_name, this.old_name, app_label) && !operation.references_field(this.model_name, this.new_name, app_label);
  }
}
