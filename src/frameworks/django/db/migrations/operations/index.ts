/**
 * django.db.migrations.operations: every operation a migration file can list.
 */
export { Operation, type OperationDependency } from "./base";
export { AddField, AlterField, FieldOperation, RemoveField, RenameField } from "./fields";
export {
  AddConstraint,
  AddIndex,
  AlterModelOptions,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  IndexOperation,
  ModelOperation,
  RemoveConstraint,
  RemoveIndex,
} from "./models";
