/**
 * django.db.migrations.autodetector: two project states (the migrations so far, the models now) →
 * the migrations that turn one into the other. Main class: `MigrationAutodetector`.
 *
 * `changes()` works in Django's steps:
 *   1. generate operations per kind of change, in a fixed order (deleted models, created models,
 *      Meta options, renamed fields, removed constraints and indexes, removed / added / altered
 *      fields, unique_together, added indexes and constraints). A new model's relations start as
 *      separate AddField operations, its indexes and constraints as AddIndex / AddConstraint that
 *      depend on those fields;
 *   2. sort each app's operations by their dependencies (Python's `graphlib` order);
 *   3. cut them into migrations and optimize each (AddField folds back into CreateModel — which is
 *      why relations are the last columns of a new table, and why a constraint on a ForeignKey
 *      stays a separate AddConstraint);
 *   4. `arrange_for_graph` numbers them after the app's latest migration ("0002_book_isbn").
 */
import { ValueError } from "../../../python/builtins";
import type { SchemaConstraint, SchemaField, SchemaIndex } from "../backends/base/schema";
import { Migration } from "./migration";
import type { MigrationGraph } from "./graph";
import { MigrationOptimizer } from "./optimizer";
import { resolve_relation, type Operation, type OperationDependency } from "./operations/base";
import { AddField, AlterField, RemoveField, RenameField } from "./operations/fields";
import {
  AddConstraint,
  AddIndex,
  ALTER_OPTION_KEYS,
  AlterModelOptions,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveIndex,
} from "./operations/models";
import { ModelState, normalize_together, type ProjectState } from "./state";

/** Questions makemigrations may ask (Django's MigrationQuestioner); the lab answers without a prompt. */
export interface MigrationQuestioner {
  /** "Was book.title renamed to book.name (a CharField)? [y/N]" */
  ask_rename(model_name: string, old_name: string, new_name: string, field: SchemaField): boolean;
  /** A default for existing rows when a NOT NULL field without default is added; null = refuse. */
  ask_not_null_addition(field_name: string, model_name: string): unknown;
}

/** The non-interactive questioner (`makemigrations --noinput`): never assumes a rename, no defaults. */
export const NON_INTERACTIVE: MigrationQuestioner = {
  ask_rename: () => false,
  ask_not_null_addition: () => null,
};

type Key = [app_label: string, model_name: string];
type FieldKey = [app_label: string, model_name: string, field_name: string];

const dep = (app_label: string, model_name: string, field_name: string | null, type: OperationDependency["type"]): OperationDependency => ({ app_label, model_name, field_name, type });

export class MigrationAutodetector {
  generated_operations = new Map<string, Operation[]>();
  migrations = new Map<string, Migration[]>();
  private old_model_keys: Key[] = [];
  private new_model_keys: Key[] = [];
  private old_field_keys: FieldKey[] = [];
  private new_field_keys: FieldKey[] = [];
  private renamed_fields = new Map<string, string>();

  constructor(
    readonly from_state: ProjectState,
    readonly to_state: ProjectState,
    readonly questioner: MigrationQuestioner = NON_INTERACTIVE,
  ) {}

  /** The migrations per app label, named and numbered after what `graph` already holds. */
  changes(graph: MigrationGraph, options: { trim_to_apps?: string[]; migration_name?: string } = {}): Map<string, Migration[]> {
    this._detect_changes();
    this.arrange_for_graph(graph, options.migration_name);
    if (options.trim_to_apps) for (const app of [...this.migrations.keys()]) if (!options.trim_to_apps.includes(app)) this.migrations.delete(app);
    return this.migrations;
  }

  _detect_changes(): void {
    this.old_model_keys = model_keys(this.from_state);
    this.new_model_keys = model_keys(this.to_state);
    this._prepare_field_lists();
    this.generate_deleted_models();
    this.generate_created_models();
    this.generate_altered_options();
    this.generate_renamed_fields();
    this.generate_removed_constraints();
    this.generate_removed_indexes();
    this.generate_removed_altered_unique_together();
    this.generate_removed_fields();
    this.generate_added_fields();
    this.generate_altered_fields();
    this.generate_altered_unique_together();
    this.generate_added_indexes();
    this.generate_added_constraints();
    this._sort_migrations();
    this._build_migration_list();
    this._optimize_migrations();
  }

  add_operation(app_label: string, operation: Operation, dependencies: OperationDependency[] = [], beginning = false): void {
    operation._auto_deps = dependencies;
    const ops = this.generated_operations.get(app_label) ?? [];
    if (beginning) ops.unshift(operation);
    else ops.push(operation);
    this.generated_operations.set(app_label, ops);
  }

  // --- step 1: operations per kind of change ------------------------------------------------------

  private _prepare_field_lists(): void {
    const kept = this.kept_model_keys();
    const fields_of = (state: ProjectState, keys: Key[]) =>
      keys.flatMap(([app, model]) => [...state.get_model_state(app, model).fields.keys()].map((name): FieldKey => [app, model, name]));
    this.old_field_keys = fields_of(this.from_state, kept);
    this.new_field_keys = fields_of(this.to_state, kept);
  }

  private kept_model_keys(): Key[] {
    return this.new_model_keys.filter((k) => has_key(this.old_model_keys, k));
  }

  /**
   * A new model: CreateModel without its relations (at the front of the list), then one AddField per
   * relation, then its indexes, constraints and unique_together, which wait for those fields.
   */
  generate_created_models(): void {
    // Django walks the new models in reverse sorted order, each CreateModel going to the front.
    const added = this.new_model_keys.filter((k) => !has_key(this.old_model_keys, k)).sort(compare_tuples).reverse();
    for (const [app_label, model_name] of added) {
      const model_state = this.to_state.get_model_state(app_label, model_name);
      const related_fields = new Map([...model_state.fields].filter(([, f]) => f.remote_field && !f.remote_field.parent_link));
      const options = { ...model_state.options };
      const indexes = (options.indexes as SchemaIndex[]) ?? [];
      const constraints = (options.constraints as SchemaConstraint[]) ?? [];
      const unique_together = options.unique_together;
      delete options.indexes;
      delete options.constraints;
      delete options.unique_together;
      const fields = [...model_state.fields].filter(([name]) => !related_fields.has(name));
      this.add_operation(app_label, new CreateModel({ name: model_state.name, fields, options, bases: model_state.bases, managers: model_state.managers }), [], true);
      if (options.managed === false) continue;
      for (const [name, field] of [...related_fields].sort(([a], [b]) => compare_text(a, b))) {
        const dependencies = [...this._get_dependencies_for_foreign_key(app_label, model_name, field), dep(app_label, model_name, null, "create")];
        this.add_operation(app_label, new AddField({ model_name, name, field }), dependencies);
      }
      const related_dependencies = [...[...related_fields.keys()].sort(compare_text).map((name) => dep(app_label, model_name, name, "create")), dep(app_label, model_name, null, "create")];
      for (const index of indexes) this.add_operation(app_label, new AddIndex({ model_name, index }), related_dependencies);
      for (const constraint of constraints) this.add_operation(app_label, new AddConstraint({ model_name, constraint }), related_dependencies);
      if (unique_together && normalize_together(unique_together).length)
        this.add_operation(app_label, new AlterUniqueTogether({ name: model_name, unique_together }), related_dependencies);
    }
  }

  /**
   * A removed model: its unique_together and relations go first (the optimizer folds those
   * RemoveFields into the DeleteModel), and the DeleteModel waits for every field elsewhere that
   * points at it to be removed or altered.
   */
  generate_deleted_models(): void {
    const deleted = this.old_model_keys.filter((k) => !has_key(this.new_model_keys, k)).sort(compare_tuples);
    for (const [app_label, model_name] of deleted) {
      const model_state = this.from_state.get_model_state(app_label, model_name);
      const related = [...model_state.fields].filter(([, f]) => f.remote_field).map(([name]) => name).sort(compare_text);
      if (normalize_together(model_state.options.unique_together).length)
        this.add_operation(app_label, new AlterUniqueTogether({ name: model_name, unique_together: null }));
      for (const name of related) this.add_operation(app_label, new RemoveField({ model_name, name }));
      const dependencies: OperationDependency[] = [];
      for (const [other_app, other_model, field_name, field] of this.incoming_relations(app_label, model_name)) {
        dependencies.push(dep(other_app, other_model, field_name, "remove"));
        if (!field.many_to_many) dependencies.push(dep(other_app, other_model, field_name, "alter"));
      }
      for (const name of related) dependencies.push(dep(app_label, model_name, name, "remove"));
      this.add_operation(app_label, new DeleteModel({ name: model_state.name }), dependencies);
    }
  }

  /** Fields of other models (in the old state) that point at `app_label.model_name`. */
  private incoming_relations(app_label: string, model_name: string): [string, string, string, SchemaField][] {
    const found: [string, string, string, SchemaField][] = [];
    for (const other of this.from_state.models.values()) {
      if (other.app_label === app_label && other.name_lower === model_name) continue;
      for (const [name, field] of other.fields) {
        if (!field.remote_field) continue;
        const [app, model] = resolve_relation(field.remote_field.model, other.app_label, other.name_lower);
        if (app === app_label && model === model_name) found.push([other.app_label, other.name_lower, name, field]);
      }
    }
    return found;
  }

  /** Meta options that need no SQL (ordering, verbose names, …) changed on a kept model. */
  generate_altered_options(): void {
    for (const [app_label, model_name] of this.kept_model_keys().sort(compare_tuples)) {
      const old_options = pick(this.from_state.get_model_state(app_label, model_name).options, ALTER_OPTION_KEYS);
      const new_options = pick(this.to_state.get_model_state(app_label, model_name).options, ALTER_OPTION_KEYS);
      if (stable_text(old_options) !== stable_text(new_options))
        this.add_operation(app_label, new AlterModelOptions({ name: model_name, options: new_options }));
    }
  }

  /** A removed and an added field with the same definition: a rename, if the questioner agrees. */
  generate_renamed_fields(): void {
    for (const [app_label, model_name, field_name] of this.added_field_keys()) {
      const field = this.to_state.get_model_state(app_label, model_name).get_field(field_name);
      const definition = field_definition(field);
      for (const [rem_app, rem_model, rem_name] of this.removed_field_keys()) {
        if (rem_app !== app_label || rem_model !== model_name || [...this.renamed_fields.values()].includes(`${model_name}.${rem_name}`)) continue;
        const old_field = this.from_state.get_model_state(app_label, model_name).get_field(rem_name);
        if (field_definition(old_field) !== definition || !this.questioner.ask_rename(model_name, rem_name, field_name, field)) continue;
        this.add_operation(app_label, new RenameField({ model_name, old_name: rem_name, new_name: field_name }));
        this.renamed_fields.set(`${model_name}.${field_name}`, `${model_name}.${rem_name}`);
        break;
      }
    }
  }

  private renamed_from(model_name: string, field_name: string): string | null {
    const old = this.renamed_fields.get(`${model_name}.${field_name}`);
    return old ? old.split(".")[1] : null;
  }

  private added_field_keys(): FieldKey[] {
    return this.new_field_keys.filter((k) => !has_key(this.old_field_keys, k)).sort(compare_tuples);
  }

  private removed_field_keys(): FieldKey[] {
    return this.old_field_keys.filter((k) => !has_key(this.new_field_keys, k)).sort(compare_tuples);
  }

  generate_removed_fields(): void {
    for (const [app_label, model_name, name] of this.removed_field_keys()) {
      if ([...this.renamed_fields.values()].includes(`${model_name}.${name}`)) continue;
      this.add_operation(app_label, new RemoveField({ model_name, name }), [dep(app_label, model_name, name, "remove_order_wrt"), dep(app_label, model_name, name, "alter_foo_together")]);
    }
  }

  /** A new field; a NOT NULL one without default needs a one-off default from the questioner. */
  generate_added_fields(): void {
    for (const [app_label, model_name, name] of this.added_field_keys()) {
      if (this.renamed_from(model_name, name)) continue;
      let field = this.to_state.get_model_state(app_label, model_name).get_field(name);
      const dependencies = field.remote_field ? this._get_dependencies_for_foreign_key(app_label, model_name, field) : [];
      const preserve_default = field.null || field.has_default() || Boolean(field.many_to_many) || Boolean(field.blank && field.empty_strings_allowed);
      if (!preserve_default) {
        const value = this.questioner.ask_not_null_addition(name, model_name);
        if (value === null || value === undefined)
          throw new ValueError(`It is impossible to add a non-nullable field '${name}' to ${model_name} without specifying a default. This is because the database needs something to populate existing rows.`);
        field = field.clone();
        (field as { default?: unknown }).default = value;
      }
      this.add_operation(app_label, new AddField({ model_name, name, field, preserve_default }), dependencies);
    }
  }

  /** A kept field whose definition changed: AlterField (or Remove + Add when it becomes / stops being M2M). */
  generate_altered_fields(): void {
    for (const [app_label, model_name, name] of this.new_field_keys.filter((k) => has_key(this.old_field_keys, k) || this.renamed_from(k[1], k[2])).sort(compare_tuples)) {
      const old_name = this.renamed_from(model_name, name) ?? name;
      const old_field = this.from_state.get_model_state(app_label, model_name).get_field(old_name);
      const new_field = this.to_state.get_model_state(app_label, model_name).get_field(name);
      if (field_definition(old_field) === field_definition(new_field)) continue;
      if (Boolean(old_field.many_to_many) === Boolean(new_field.many_to_many)) {
        const dependencies = new_field.remote_field ? this._get_dependencies_for_foreign_key(app_label, model_name, new_field) : [];
        this.add_operation(app_label, new AlterField({ model_name, name, field: new_field }), dependencies);
      } else {
        this.add_operation(app_label, new RemoveField({ model_name, name }));
        this.add_operation(app_label, new AddField({ model_name, name, field: new_field }));
      }
    }
  }

  /**
   * unique_together changes in two steps, as Django does: before fields are removed, keep only the
   * tuples that survive (so a removed field is no longer in an index); after fields are added, set
   * the new value if it has more.
   */
  generate_removed_altered_unique_together(): void {
    for (const [app_label, model_name, old_value, new_value] of this.altered_unique_together()) {
      const removal = intersect(new_value, old_value);
      if (removal.length || old_value.length) this.add_operation(app_label, new AlterUniqueTogether({ name: model_name, unique_together: removal }), this.together_dependencies(app_label, model_name, new_value));
    }
  }

  generate_altered_unique_together(): void {
    for (const [app_label, model_name, old_value, new_value] of this.altered_unique_together()) {
      if (stable_text(sorted_together(new_value)) !== stable_text(sorted_together(intersect(new_value, old_value))))
        this.add_operation(app_label, new AlterUniqueTogether({ name: model_name, unique_together: new_value }), this.together_dependencies(app_label, model_name, new_value));
    }
  }

  /** Kept models whose unique_together differs (old names translated through renames). */
  private altered_unique_together(): [string, string, string[][], string[][]][] {
    const altered: [string, string, string[][], string[][]][] = [];
    for (const [app_label, model_name] of this.kept_model_keys().sort(compare_tuples)) {
      const renames = new Map([...this.renamed_fields].filter(([k]) => k.startsWith(`${model_name}.`)).map(([k, v]) => [v.split(".")[1], k.split(".")[1]]));
      const old_value = normalize_together(this.from_state.get_model_state(app_label, model_name).options.unique_together).map((t) => t.map((n) => renames.get(n) ?? n));
      const new_value = normalize_together(this.to_state.get_model_state(app_label, model_name).options.unique_together);
      if (stable_text(sorted_together(old_value)) !== stable_text(sorted_together(new_value))) altered.push([app_label, model_name, old_value, new_value]);
    }
    return altered;
  }

  /** A unique_together over a relation waits for the relation's target. */
  private together_dependencies(app_label: string, model_name: string, value: string[][]): OperationDependency[] {
    const model_state = this.to_state.get_model_state(app_label, model_name);
    return value.flat().flatMap((name) => {
      const field = model_state.fields.get(name);
      return field?.remote_field ? this._get_dependencies_for_foreign_key(app_label, model_name, field) : [];
    });
  }

  private kept_meta_diff<T extends { name: string }>(option: "indexes" | "constraints", each: (app: string, model: string, added: T[], removed: T[]) => void): void {
    for (const [app_label, model_name] of this.kept_model_keys().sort(compare_tuples)) {
      const olds = (this.from_state.get_model_state(app_label, model_name).options[option] as T[]) ?? [];
      const news = (this.to_state.get_model_state(app_label, model_name).options[option] as T[]) ?? [];
      const text = (x: T) => stable_text(deconstruct_value(x));
      each(app_label, model_name, news.filter((n) => !olds.some((o) => text(o) === text(n))), olds.filter((o) => !news.some((n) => text(o) === text(n))));
    }
  }

  generate_removed_indexes(): void {
    this.kept_meta_diff<SchemaIndex>("indexes", (app, model, _added, removed) => removed.forEach((i) => this.add_operation(app, new RemoveIndex({ model_name: model, name: i.name }))));
  }

  generate_added_indexes(): void {
    this.kept_meta_diff<SchemaIndex>("indexes", (app, model, added) => added.forEach((index) => this.add_operation(app, new AddIndex({ model_name: model, index }))));
  }

  generate_removed_constraints(): void {
    this.kept_meta_diff<SchemaConstraint>("constraints", (app, model, _added, removed) => removed.forEach((c) => this.add_operation(app, new RemoveConstraint({ model_name: model, name: c.name }))));
  }

  generate_added_constraints(): void {
    this.kept_meta_diff<SchemaConstraint>("constraints", (app, model, added) => added.forEach((constraint) => this.add_operation(app, new AddConstraint({ model_name: model, constraint }))));
  }

  /** A relation needs its target model created first (and a custom through model). */
  _get_dependencies_for_foreign_key(app_label: string, model_name: string, field: SchemaField): OperationDependency[] {
    const [dep_app, dep_model] = resolve_relation(field.remote_field!.model, app_label, model_name);
    const dependencies = [dep(dep_app, dep_model, null, "create")];
    const through = field.remote_field!.through;
    if (through) {
      const [through_app, through_model] = resolve_relation(through, app_label, model_name);
      dependencies.push(dep(through_app, through_model, null, "create"));
    }
    return dependencies;
  }

  // --- step 2: dependency order ---------------------------------------------------------------------

  /** Reorder each app's operations so dependencies come first, exactly as Python's graphlib does. */
  _sort_migrations(): void {
    for (const app_label of [...this.generated_operations.keys()].sort()) {
      const ops = this.generated_operations.get(app_label)!;
      const sorter = new TopologicalSorter<Operation>();
      for (const op of ops) {
        sorter.add(op);
        for (const d of op._auto_deps) {
          if (d.app_label !== app_label) continue;
          sorter.add(op, ...ops.filter((x) => this.check_dependency(x, d)));
        }
      }
      this.generated_operations.set(app_label, sorter.static_order());
    }
  }

  /** Does `operation` satisfy the dependency? */
  check_dependency(operation: Operation, d: OperationDependency): boolean {
    const model = d.model_name.toLowerCase();
    const field = d.field_name?.toLowerCase() ?? null;
    if (d.type === "create" && field === null) return operation instanceof CreateModel && operation.name_lower === model;
    if (d.type === "create")
      return (
        (operation instanceof CreateModel && operation.name_lower === model && operation.fields.some(([n]) => n === d.field_name)) ||
        (operation instanceof AddField && operation.model_name_lower === model && operation.name_lower === field)
      );
    if (d.type === "remove" && field !== null) return operation instanceof RemoveField && operation.model_name_lower === model && operation.name_lower === field;
    if (d.type === "remove") return operation instanceof DeleteModel && operation.name_lower === model;
    if (d.type === "alter") return operation instanceof AlterField && operation.model_name_lower === model && operation.name_lower === field;
    if (d.type === "alter_foo_together") return operation instanceof AlterUniqueTogether && operation.name_lower === model;
    return false;
  }

  // --- step 3: migrations, optimized -----------------------------------------------------------------

  /** One migration per app; a dependency on another app becomes a migration dependency. */
  _build_migration_list(): void {
    for (const app_label of [...this.generated_operations.keys()].sort()) {
      const operations = this.generated_operations.get(app_label)!;
      if (!operations.length) continue;
      const migration = new Migration(`auto_${(this.migrations.get(app_label)?.length ?? 0) + 1}`, app_label);
      migration.operations = operations;
      const other_apps = new Set(operations.flatMap((op) => op._auto_deps.map((d) => d.app_label)).filter((a) => a !== app_label));
      migration.dependencies = [...other_apps].sort().map((app): [string, string] => [app, "__first__"]);
      migration.initial = !this.old_model_keys.some(([app]) => app === app_label);
      this.migrations.set(app_label, [...(this.migrations.get(app_label) ?? []), migration]);
    }
    this.generated_operations.clear();
  }

  _optimize_migrations(): void {
    for (const [app_label, migrations] of this.migrations)
      for (const migration of migrations) migration.operations = new MigrationOptimizer().optimize(migration.operations, app_label);
  }

  // --- step 4: names and numbers ---------------------------------------------------------------------

  /** Number each new migration after the app's leaf ("0002_…"), depending on that leaf. */
  arrange_for_graph(graph: MigrationGraph, migration_name?: string): void {
    for (const [app_label, migrations] of this.migrations) {
      const leaf = graph.leaf_nodes(app_label)[0] ?? null;
      let next_number = leaf ? (parseInt(leaf[1].slice(0, 4), 10) || 0) + 1 : 1;
      migrations.forEach((migration, i) => {
        if (i === 0 && leaf) migration.dependencies.push(leaf);
        const suffix = migration_name ?? (i === 0 && !leaf ? "initial" : migration.suggest_name().slice(0, 100));
        migration.name = `${String(next_number).padStart(4, "0")}_${suffix}`;
        next_number++;
      });
      for (const migration of migrations)
        migration.dependencies = migration.dependencies.map(([app, name]) => [app, name === "__first__" ? (graph.leaf_nodes(app)[0]?.[1] ?? this.migrations.get(app)?.[0]?.name ?? name) : name]);
    }
  }
}

// --- Python's graphlib.TopologicalSorter, static_order() -----------------------------------------------

/** Kahn's algorithm in graphlib's exact order: ready nodes in insertion order, successors as added. */
export class TopologicalSorter<T> {
  private readonly info = new Map<T, { npredecessors: number; successors: T[] }>();

  private node(node: T) {
    let info = this.info.get(node);
    if (!info) this.info.set(node, (info = { npredecessors: 0, successors: [] }));
    return info;
  }

  add(node: T, ...predecessors: T[]): void {
    const info = this.node(node);
    info.npredecessors += predecessors.length;
    for (const p of predecessors) this.node(p).successors.push(node);
  }

  static_order(): T[] {
    const order: T[] = [];
    let ready = [...this.info].filter(([, i]) => i.npredecessors === 0).map(([n]) => n);
    while (ready.length) {
      order.push(...ready);
      const next: T[] = [];
      for (const node of ready)
        for (const successor of this.info.get(node)!.successors) if (--this.info.get(successor)!.npredecessors === 0) next.push(successor);
      ready = next;
    }
    if (order.length !== this.info.size) throw new ValueError("nodes are in a cycle");
    return order;
  }
}

// --- comparing definitions ----------------------------------------------------------------------------

function model_keys(state: ProjectState): Key[] {
  return [...state.models.values()].filter((m) => m.options.managed !== false && !m.options.proxy).map((m: ModelState): Key => [m.app_label, m.name_lower]);
}

function has_key(keys: string[][], key: string[]): boolean {
  return keys.some((k) => k.length === key.length && k.every((part, i) => part === key[i]));
}

function compare_text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare_tuples(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return compare_text(a[i], b[i]);
  return a.length - b.length;
}

function sorted_together(value: string[][]): string[] {
  return value.map((t) => JSON.stringify(t)).sort();
}

function intersect(a: string[][], b: string[][]): string[][] {
  const keys = new Set(b.map((t) => JSON.stringify(t)));
  return a.filter((t) => keys.has(JSON.stringify(t)));
}

function pick(options: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in options).map((k) => [k, options[k]]));
}

/** A field's definition without its name, relation targets by lowercase label (`deep_deconstruct`). */
export function field_definition(field: SchemaField): string {
  const [, path, args, kwargs] = field.deconstruct();
  return stable_text([path, args, deconstruct_value(kwargs)]);
}

/** Objects with `deconstruct()` become [path, args, kwargs]; model classes become their label. */
export function deconstruct_value(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deconstruct_value);
  if (value instanceof Set) return [...value].map(deconstruct_value);
  if (value && typeof value === "object") {
    const d = (value as { deconstruct?: () => unknown[] }).deconstruct;
    if (d) return deconstruct_value(d.call(value));
    if (Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deconstruct_value(v)]));
    const meta = (value as { _meta?: { app_label: string; model_name: string } })._meta;
    if (meta) return `${meta.app_label}.${meta.model_name}`;
    return `<${value.constructor?.name}:${String(value)}>`;
  }
  if (typeof value === "function") {
    const meta = (value as { _meta?: { app_label: string; model_name: string } })._meta;
    return meta ? `${meta.app_label}.${meta.model_name}` : `<fn ${value.name}>`;
  }
  return value;
}

export function stable_text(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (v && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype)
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => compare_text(a, b)));
    if (typeof v === "symbol") return String(v);
    if (typeof v === "function") return `<fn ${v.name}>`;
    return v;
  });
}
