/**
 * django.db.migrations.operations.base: one change to the schema, in three forms. Main class:
 * `Operation`.
 *
 * Every operation (CreateModel, AddField, AddIndex, …) knows how to
 * - change the in-memory project state (`state_forwards`),
 * - change the database through the schema editor (`database_forwards` / `database_backwards`),
 * - describe itself for humans (`describe()`: "Create model Book") and for file names
 *   (`migration_name_fragment`: "book"),
 * - rebuild itself (`deconstruct()`: what the migration writer prints),
 * - and merge with a later operation (`reduce()`: the optimizer folds `AddField` into the
 *   preceding `CreateModel`).
 */
import { NotImplementedError } from "../../../../python/builtins";
import type { BaseDatabaseSchemaEditor, SchemaField } from "../../backends/base/schema";
import type { ProjectState } from "../state";

/** What the autodetector says an operation needs first (Django's OperationDependency). */
export interface OperationDependency {
  app_label: string;
  model_name: string;
  field_name: string | null;
  type: "create" | "remove" | "alter" | "remove_order_wrt" | "alter_foo_together";
}

export type Deconstructed = [name: string, args: unknown[], kwargs: Record<string, unknown>];

export abstract class Operation {
  /** Can this operation be written as SQL (sqlmigrate)? RunPython cannot. */
  reduces_to_sql = true;
  /** Should it run in its own transaction even in a non-atomic migration? */
  atomic = false;
  /** Can the optimizer drop it when squashing? */
  elidable = false;
  reversible = true;
  /** Set by the autodetector: what must come before this operation. */
  _auto_deps: OperationDependency[] = [];

  abstract state_forwards(app_label: string, state: ProjectState): void;
  abstract database_forwards(app_label: string, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState): void;
  abstract describe(): string;
  abstract deconstruct(): Deconstructed;

  database_backwards(_app_label: string, _schema_editor: BaseDatabaseSchemaEditor, _from_state: ProjectState, _to_state: ProjectState): void {
    throw new NotImplementedError(`${this.constructor.name} is not reversible.`);
  }

  /** A fragment for an automatic migration name ("book_isbn"), or null. */
  get migration_name_fragment(): string | null {
    return null;
  }

  /** Might this operation touch `name`? When in doubt, yes: that only stops an optimization. */
  references_model(_name: string, _app_label: string): boolean {
    return true;
  }

  references_field(model_name: string, _name: string, app_label: string): boolean {
    return this.references_model(model_name, app_label);
  }

  /**
   * Merge with a later `operation`: a list replaces both; `true` means "the optimizer may move
   * `operation` across this one"; `false` means neither.
   */
  reduce(operation: Operation, _app_label: string): Operation[] | boolean {
    if (this.elidable) return [operation];
    if (operation.elidable) return [this];
    return false;
  }

  toString(): string {
    return `<${this.constructor.name} ${this.describe()}>`;
  }
}

/** `resolve_relation(model, app_label, model_name)` → [app_label, model_name lowercased]. */
export function resolve_relation(model: unknown, app_label: string, model_name: string): [string, string] {
  if (typeof model === "string") {
    if (model === "self") return [app_label, model_name.toLowerCase()];
    if (!model.includes(".")) return [app_label, model.toLowerCase()];
    const [app, name] = model.split(".");
    return [app, name.toLowerCase()];
  }
  const meta = (model as { _meta?: { app_label: string; model_name: string } })?._meta;
  if (meta) return [meta.app_label, meta.model_name];
  return [app_label, String(model).toLowerCase()];
}

/** Does `field` (on model `model_tuple`) point at `reference` by its target or its through model? */
export function field_references(model_tuple: [string, string], field: SchemaField, reference: [string, string], reference_field_name: string | null = null): boolean {
  const remote = field.remote_field;
  if (!remote) return false;
  const same = (t: [string, string]) => t[0] === reference[0] && t[1] === reference[1];
  if (same(resolve_relation(remote.model, ...model_tuple))) {
    const to_fields = (field as { to_fields?: (string | null)[] }).to_fields;
    if (reference_field_name === null || !to_fields || to_fields.includes(null) || to_fields.includes(reference_field_name)) return true;
  }
  if (remote.through && same(resolve_relation(remote.through, ...model_tuple)))
    return reference_field_name === null || !remote.through_fields || remote.through_fields.includes(reference_field_name);
  return false;
}
