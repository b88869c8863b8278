/**
 * django.db.migrations.graph: migrations and their dependencies → an order to apply them in.
 * Main class: `MigrationGraph`.
 *
 * Nodes are `(app_label, name)` keys; an edge runs from a dependency to the migration that needs
 * it. `leaf_nodes(app)` are an app's latest migrations (what a new migration depends on);
 * `forwards_plan(node)` lists everything needed up to `node`, dependencies first.
 */
import { KeyError } from "../../../python/builtins";
import type { Migration, MigrationKey } from "./migration";

const key_text = ([app, name]: MigrationKey) => `${app}.${name}`;

export class NodeNotFoundError extends KeyError {}

export class MigrationGraph {
  readonly nodes = new Map<string, Migration>();
  private readonly parents = new Map<string, MigrationKey[]>();
  private readonly children = new Map<string, MigrationKey[]>();

  add_node(key: MigrationKey, migration: Migration): void {
    const k = key_text(key);
    this.nodes.set(k, migration);
    if (!this.parents.has(k)) this.parents.set(k, []);
    if (!this.children.has(k)) this.children.set(k, []);
  }

  /** `child` depends on `parent`. */
  add_dependency(migration: string, child: MigrationKey, parent: MigrationKey): void {
    if (!this.nodes.has(key_text(parent)))
      throw new NodeNotFoundError(`Migration ${migration} dependencies reference nonexistent parent node ('${parent[0]}', '${parent[1]}')`);
    this.parents.get(key_text(child))!.push(parent);
    this.children.get(key_text(parent))!.push(child);
  }

  /** The migrations `key` depends on directly (`node.parents`). */
  parents_of(key: MigrationKey): MigrationKey[] {
    return [...(this.parents.get(key_text(key)) ?? [])];
  }

  /** Everything `target` needs, dependencies first, `target` last (a depth-first post-order). */
  forwards_plan(target: MigrationKey): MigrationKey[] {
    return this.post_order(target, this.parents);
  }

  /** `target` and everything that depends on it, dependents first: the order to unapply them. */
  backwards_plan(target: MigrationKey): MigrationKey[] {
    return this.post_order(target, this.children);
  }

  /** Depth-first post-order from `target` along `edges` (parents or children), in key order. */
  private post_order(target: MigrationKey, edges: Map<string, MigrationKey[]>): MigrationKey[] {
    if (!this.nodes.has(key_text(target))) throw new NodeNotFoundError(`Node ('${target[0]}', '${target[1]}') not a valid node`);
    const seen = new Set<string>();
    const plan: MigrationKey[] = [];
    const visit = (key: MigrationKey) => {
      const k = key_text(key);
      if (seen.has(k)) return;
      seen.add(k);
      for (const next of [...edges.get(k)!].sort(compare_keys)) visit(next);
      plan.push(key);
    };
    visit(target);
    return plan;
  }

  /** The migrations that depend directly on `key`. */
  children_of(key: MigrationKey): MigrationKey[] {
    return [...(this.children.get(key_text(key)) ?? [])];
  }

  /** An app's migrations that nothing in the same app depends on (normally just the latest). */
  leaf_nodes(app_label?: string): MigrationKey[] {
    const leaves: MigrationKey[] = [];
    for (const [k, migration] of this.nodes) {
      const key = migration.key;
      if (app_label && key[0] !== app_label) continue;
      if (!this.children.get(k)!.some((child) => child[0] === key[0])) leaves.push(key);
    }
    return leaves.sort(compare_keys);
  }

  /** An app's migrations that depend on nothing in the same app. */
  root_nodes(app_label?: string): MigrationKey[] {
    const roots: MigrationKey[] = [];
    for (const [k, migration] of this.nodes) {
      const key = migration.key;
      if (app_label && key[0] !== app_label) continue;
      if (!this.parents.get(k)!.some((parent) => parent[0] === key[0])) roots.push(key);
    }
    return roots.sort(compare_keys);
  }

  get_migration(key: MigrationKey): Migration {
    const migration = this.nodes.get(key_text(key));
    if (!migration) throw new NodeNotFoundError(`Node ('${key[0]}', '${key[1]}') not a valid node`);
    return migration;
  }

  has_node(key: MigrationKey): boolean {
    return this.nodes.has(key_text(key));
  }

  /** Every migration in an order that respects the dependencies. */
  full_plan(): MigrationKey[] {
    const plan: MigrationKey[] = [];
    const seen = new Set<string>();
    for (const leaf of this.leaf_nodes())
      for (const key of this.forwards_plan(leaf))
        if (!seen.has(key_text(key))) {
          seen.add(key_text(key));
          plan.push(key);
        }
    return plan;
  }
}

export function compare_keys(a: MigrationKey, b: MigrationKey): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
