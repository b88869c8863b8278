/**
 * django.db.migrations.optimizer: a list of operations → a shorter list with the same effect.
 * Main class: `MigrationOptimizer`.
 *
 * Each operation is offered every later one (`reduce`). When two merge — `CreateModel` then
 * `AddField` on the same model becomes one `CreateModel` — the result takes the later position
 * if every operation in between lets it pass ("right" reduction), else the earlier one ("left").
 * The pass repeats until nothing changes. This is why a ForeignKey column comes last in the
 * CREATE TABLE of a new model: it was an AddField folded into the CreateModel.
 */
import type { Operation } from "./operations/base";

export class MigrationOptimizer {
  _iterations = 0;

  optimize(operations: Operation[], app_label: string): Operation[] {
    this._iterations = 0;
    for (;;) {
      const result = this.optimize_inner(operations, app_label);
      this._iterations++;
      if (result.length === operations.length && result.every((op, i) => op === operations[i])) return result;
      operations = result;
    }
  }

  /** One pass: the first reduction found wins, and the pass ends there. */
  optimize_inner(operations: Operation[], app_label: string): Operation[] {
    const new_operations: Operation[] = [];
    for (let i = 0; i < operations.length; i++) {
      const operation = operations[i];
      let right = true;
      let merged = false;
      for (let j = i + 1; j < operations.length; j++) {
        const other = operations[j];
        const result = operation.reduce(other, app_label);
        if (Array.isArray(result)) {
          const in_between = operations.slice(i + 1, j);
          if (right) new_operations.push(...in_between, ...result);
          else if (in_between.every((op) => op.reduce(other, app_label) === true)) new_operations.push(...result, ...in_between);
          else {
            new_operations.push(operation);
            merged = true;
            break;
          }
          new_operations.push(...operations.slice(j + 1));
          return new_operations;
        }
        if (!result) right = false;
      }
      if (!merged) new_operations.push(operation);
    }
    return new_operations;
  }
}
