/**
 * django.db.backends.sqlite3.schema: model changes → SQLite DDL. Main class: `DatabaseSchemaEditor`.
 *
 * SQLite's ALTER TABLE can add, rename and drop a plain column, and little else. Everything else —
 * a NOT NULL column, a unique column, a changed type, a new constraint — is done the way SQLite's
 * documentation prescribes, by rebuilding the table (`_remake_table`):
 *
 *     CREATE TABLE "new__library_book" (… the new definition …);
 *     INSERT INTO "new__library_book" ("id", "title", …) SELECT "id", "title", … FROM "library_book";
 *     DROP TABLE "library_book";
 *     ALTER TABLE "new__library_book" RENAME TO "library_book";
 *     CREATE INDEX "library_book_author_id_d9a3b67e" ON "library_book" ("author_id");   -- restored
 *
 * Foreign keys are written inline (`REFERENCES "library_author" ("id") DEFERRABLE INITIALLY
 * DEFERRED`); Django emulates `on_delete` in Python, so SQLite only ever sees NO ACTION.
 */
import { py_float_str, type_name_of, ValueError } from "../../../../python/builtins";
import { IntegrityError } from "../../utils";
import { is_bytes } from "../../../../python/bytes";
import { Decimal } from "../../../../python/decimal";
import { Q } from "../../models/query_utils";
import { build_model } from "../../migrations/state";
import {
  BaseDatabaseSchemaEditor,
  related_model,
  through_model,
  type DbParameters,
  type SchemaConstraint,
  type SchemaField,
  type SchemaModel,
} from "../base/schema";

/** Field attributes that never change the column (Django's `Field.non_db_attrs`). */
const NON_DB_ATTRS = [
  "blank", "choices", "db_column", "editable", "error_messages", "help_text", "limit_choices_to",
  "on_delete", "related_name", "related_query_name", "validators", "verbose_name",
];

export class DatabaseSchemaEditor extends BaseDatabaseSchemaEditor {
  override sql_delete_table = "DROP TABLE %(table)s";
  override sql_create_inline_fk = "REFERENCES %(to_table)s (%(to_column)s) DEFERRABLE INITIALLY DEFERRED";
  override sql_create_column_inline_fk = this.sql_create_inline_fk;
  override sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s";
  override sql_create_unique = "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)";
  sql_delete_unique = "DROP INDEX %(name)s";

  // --- entering and leaving ------------------------------------------------------------------------

  /**
   * Foreign keys are switched off while tables are rebuilt (a DROP TABLE would otherwise cascade
   * or fail); the work runs in one transaction when the migration is atomic.
   */
  override __enter__(): this {
    super.__enter__();
    if (!this.collect_sql) {
      this.raw("PRAGMA foreign_keys = OFF");
      if (this.atomic_migration) this.raw("BEGIN");
    }
    return this;
  }

  /** Deferred SQL, the foreign-key check, then COMMIT (ROLLBACK on any error) and keys back on. */
  override __exit__(error?: unknown): void {
    if (this.collect_sql) return super.__exit__(error);
    try {
      if (!error) {
        super.__exit__();
        this.check_constraints();
      }
      if (this.atomic_migration) this.raw(error ? "ROLLBACK" : "COMMIT");
    } catch (e) {
      if (this.atomic_migration) this.raw("ROLLBACK");
      throw e;
    } finally {
      this.raw("PRAGMA foreign_keys = ON");
    }
  }

  /**
   * With foreign keys off during the rebuild, a row may now point nowhere: SQLite's
   * `foreign_key_check` finds it, and the migration fails as Django's `check_constraints` does.
   */
  check_constraints(): void {
    const violation = this.query("PRAGMA foreign_key_check")[0];
    if (!violation) return;
    const [table, rowid, referenced_table, fk_id] = violation as [string, number, string, number];
    const fk = this.query(`PRAGMA foreign_key_list(${this.quote_name(table)})`).find((row) => row[0] === fk_id)!;
    const [column, referenced_column] = [String(fk[3]), String(fk[4])];
    const pk = this.query(`PRAGMA table_info(${this.quote_name(table)})`).find((row) => row[5] === 1);
    const pk_column = pk ? String(pk[1]) : "rowid";
    const [pk_value, bad_value] = this.query(`SELECT ${this.quote_name(pk_column)}, ${this.quote_name(column)} FROM ${this.quote_name(table)} WHERE rowid = ${Number(rowid)}`)[0];
    throw new IntegrityError(
      `The row in table '${table}' with primary key '${pk_value}' has an invalid foreign key: ${table}.${column} contains a value '${bad_value}' that does not have a corresponding value in ${referenced_table}.${referenced_column}.`,
    );
  }

  private query(sql: string): unknown[][] {
    const cursor = this.connection.cursor();
    try {
      cursor.execute(sql);
      return cursor.fetchall();
    } finally {
      cursor.close();
    }
  }

  private raw(sql: string): void {
    const cursor = this.connection.cursor();
    try {
      cursor.execute(sql);
    } finally {
      cursor.close();
    }
  }

  // --- values and types ----------------------------------------------------------------------------

  /** A literal for SQL text (sqlmigrate, copied defaults): 'it''s', 1, 2.5, NULL, X'00ff'. */
  quote_value(value: unknown): string {
    if (typeof value === "boolean") return value ? "1" : "0";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : py_float_str(value);
    if (typeof value === "bigint" || value instanceof Decimal) return String(value);
    if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
    if (value === null || value === undefined) return "NULL";
    if (is_bytes(value)) return `X'${Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("")}'`;
    throw new ValueError(`Cannot quote parameter value ${String(value)} of type <class '${type_name_of(value)}'>`);
  }

  prepare_default(value: unknown): string {
    return this.quote_value(value);
  }

  /**
   * A relation's column takes the type of the column it points at (`rel_db_type`: an AutoField's
   * is `integer`, a BigAutoField's `bigint`); a many-to-many has no column; any other field says
   * its own type and CHECK (`"pages" >= 0` for Positive*, JSON_VALID for JSONField).
   */
  db_parameters(field: SchemaField): DbParameters {
    if (field.many_to_many) return { type: null, check: null };
    if (field.remote_field) {
      const target = related_model(field)._meta.get_field(field.remote_field.field_name ?? "id") as SchemaField & { rel_db_type?: (c: unknown) => string | null };
      const type = target.rel_db_type ? target.rel_db_type(this.connection) : this.db_parameters(target).type;
      return { type, check: null };
    }
    const own = field as SchemaField & { db_parameters?: (c: unknown) => DbParameters };
    return own.db_parameters ? own.db_parameters(this.connection) : { type: null, check: null };
  }

  db_type_suffix(field: SchemaField): string | null {
    if (field.remote_field) return null;
    const own = field as SchemaField & { db_type_suffix?: (c: unknown) => string | null };
    return own.db_type_suffix ? own.db_type_suffix(this.connection) : null;
  }

  // --- tables ----------------------------------------------------------------------------------------

  /** `handle_autom2m=false` is the table rebuild's DROP: the M2M tables stay. */
  override delete_model(model: SchemaModel, handle_autom2m = true): void {
    if (handle_autom2m) return super.delete_model(model);
    this.execute(this.sql_delete_table.replace("%(table)s", this.quote_name(model._meta.db_table)), null);
    this.discard_deferred_for(model._meta.db_table);
  }

  /** ADD COLUMN only for a nullable, non-unique column without default; otherwise rebuild. */
  override add_field(model: SchemaModel, field: SchemaField): void {
    const through = field.many_to_many ? through_model(field) : null;
    if (through && through._meta.auto_created) return this.create_model(through);
    const effective = this.effective_default(field);
    if (field.primary_key || field.unique || !field.null || (effective !== null && effective !== undefined)) this._remake_table(model, { create_field: field });
    else super.add_field(model, field);
  }

  /** DROP COLUMN for a plain column; an indexed, unique or key column needs a rebuild. */
  override remove_field(model: SchemaModel, field: SchemaField): void {
    if (field.many_to_many) {
      const through = through_model(field);
      if (through && through._meta.auto_created) this.delete_model(through);
      return;
    }
    const plain = !field.primary_key && !field.unique && !field.db_index && !(field.remote_field && field.db_constraint !== false);
    if (plain) super.remove_field(model, field);
    else this._remake_table(model, { delete_field: field });
  }

  /** A renamed column with the same definition is RENAME COLUMN; any other change rebuilds. */
  alter_field(model: SchemaModel, old_field: SchemaField, new_field: SchemaField): void {
    if (!this._field_should_be_altered(old_field, new_field)) return;
    if (old_field.many_to_many && new_field.many_to_many) return;
    const same_definition = JSON.stringify(this.column_sql(model, old_field)) === JSON.stringify(this.column_sql(model, new_field));
    const has_fk = (f: SchemaField) => Boolean(f.remote_field) && f.db_constraint !== false;
    if (old_field.column !== new_field.column && same_definition && !has_fk(old_field) && !has_fk(new_field)) {
      const sql = this.sql_rename_column
        .replace("%(table)s", this.quote_name(model._meta.db_table))
        .replace("%(old_column)s", this.quote_name(old_field.column))
        .replace("%(new_column)s", this.quote_name(new_field.column));
      return this.execute(sql, null);
    }
    this._remake_table(model, { alter_fields: [[old_field, new_field]] });
  }

  /** Does the change reach the database? Not if only blank, choices, help_text, … differ. */
  _field_should_be_altered(old_field: SchemaField, new_field: SchemaField): boolean {
    const strip = (f: SchemaField) => {
      const [, path, args, kwargs] = f.deconstruct();
      const db_kwargs = Object.fromEntries(Object.entries(kwargs).filter(([k]) => !NON_DB_ATTRS.includes(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
      return stable_text([path, args, db_kwargs]);
    };
    return old_field.column !== new_field.column || strip(old_field) !== strip(new_field);
  }

  /** A unique constraint with a condition is a partial unique index; any other constraint rebuilds. */
  override add_constraint(model: SchemaModel, constraint: SchemaConstraint): void {
    if (constraint.fields && (constraint.condition || constraint.deferrable || constraint.include?.length)) super.add_constraint(model, constraint);
    else this._remake_table(model);
  }

  override remove_constraint(model: SchemaModel, constraint: SchemaConstraint): void {
    if (constraint.fields && (constraint.condition || constraint.deferrable || constraint.include?.length)) super.remove_constraint(model, constraint);
    else this._remake_table(model);
  }

  // --- the table rebuild -----------------------------------------------------------------------------

  /**
   * Rebuild a table with a changed definition: create `new__<table>`, copy the rows across (a new
   * column gets its default; a column made NOT NULL gets `coalesce(old, default)`), drop the old
   * table, rename the new one, then run the deferred index statements against the final name.
   */
  _remake_table(model: SchemaModel, change: RemakeChange = {}): void {
    const meta = model._meta;
    const body = new Map<string, SchemaField>(meta.local_concrete_fields.map((f) => [f.name, f]));
    const mapping = new Map<string, string>(meta.local_concrete_fields.map((f) => [f.column, this.quote_name(f.column)]));
    const rename_mapping = new Map<string, string>();
    if (change.create_field) this.remake_add(body, mapping, change.create_field);
    for (const [old_field, new_field] of change.alter_fields ?? []) this.remake_alter(body, mapping, rename_mapping, old_field, new_field);
    const deleted = change.delete_field;
    if (deleted) {
      body.delete(deleted.name);
      mapping.delete(deleted.column);
    }
    // Django orders the new model's fields by when each was made. Usually the migration's field
    // (added or altered) is the newest, so it comes last, as `body` has it. When the operation is
    // the first of a migration on an unrendered state (sqlmigrate), the new state's models were
    // built before the old state's: the migration's field comes right after the auto-created
    // primary key (`"id", "bio", "name"` for sqlmigrate of "Add field bio to author").
    const from_migration = new Set([change.create_field?.name, ...(change.alter_fields ?? []).map(([, f]) => f.name)]);
    const rank = ([name, f]: [string, SchemaField]) => (f.auto_created ? 0 : from_migration.has(name) ? 1 : 2);
    const fields = this.states_rendered_new_first ? [...body].map((entry, i) => ({ entry, i })).sort((a, b) => rank(a.entry) - rank(b.entry) || a.i - b.i).map(({ entry }) => entry) : [...body];
    const new_model = build_model({
      app_label: meta.app_label,
      name: `New${meta.object_name}`,
      db_table: `new__${meta.db_table.replace(/^"|"$/g, "")}`,
      fields,
      unique_together: meta.unique_together.map((names) => names.map((n) => rename_mapping.get(n) ?? n)),
      indexes: deleted ? meta.indexes.filter((i) => !i.fields.map((f) => f.replace(/^-/, "")).includes(deleted.name)) : meta.indexes,
      constraints: meta.constraints,
    });
    this.create_model(new_model);
    this.copy_rows(new_model, model, mapping);
    this.delete_model(model, false);
    this.alter_db_table(new_model, new_model._meta.db_table, meta.db_table);
    for (const sql of this.deferred_sql) this.execute(sql, null);
    this.deferred_sql = [];
  }

  private remake_add(body: Map<string, SchemaField>, mapping: Map<string, string>, field: SchemaField): void {
    body.set(field.name, field);
    if (!field.many_to_many && field.column) mapping.set(field.column, this.prepare_default(this.effective_default(field)));
  }

  private remake_alter(body: Map<string, SchemaField>, mapping: Map<string, string>, renames: Map<string, string>, old_field: SchemaField, new_field: SchemaField): void {
    body.delete(old_field.name);
    mapping.delete(old_field.column);
    body.set(new_field.name, new_field);
    renames.set(old_field.name, new_field.name);
    if (old_field.null && !new_field.null) {
      const fallback = this.prepare_default(this.effective_default(new_field));
      mapping.set(new_field.column, `coalesce(${this.quote_name(old_field.column)}, ${fallback})`);
    } else mapping.set(new_field.column, this.quote_name(old_field.column));
  }

  private copy_rows(new_model: SchemaModel, model: SchemaModel, mapping: Map<string, string>): void {
    const columns = [...mapping.keys()].map((c) => this.quote_name(c)).join(", ");
    const values = [...mapping.values()].join(", ");
    this.execute(`INSERT INTO ${this.quote_name(new_model._meta.db_table)} (${columns}) SELECT ${values} FROM ${this.quote_name(model._meta.db_table)}`, null);
  }

  // --- CHECK conditions ----------------------------------------------------------------------------

  /**
   * A constraint's Q condition as SQL on unqualified columns, params inlined:
   * `Q(pages__gte=0)` → `"pages" >= 0`. Several conditions are parenthesised, as Django's WhereNode
   * does: `("pages" >= 0 AND "price" IS NOT NULL)`.
   */
  check_condition_sql(model: SchemaModel, condition: unknown): string {
    if (!(condition instanceof Q)) {
      const compiled = condition as { as_check_sql?: (m: SchemaModel, e: DatabaseSchemaEditor) => string };
      if (compiled?.as_check_sql) return compiled.as_check_sql(model, this);
      throw new ValueError(`Cannot compile the condition ${String(condition)} into SQL.`);
    }
    return this.where_sql(model, condition);
  }

  private where_sql(model: SchemaModel, q: Q): string {
    const parts = q.children.map((child) => (child instanceof Q ? this.where_sql(model, child) : this.lookup_sql(model, child as [string, unknown])));
    const joined = parts.join(` ${q.connector} `);
    if (q.negated) return `NOT (${joined})`;
    return parts.length > 1 ? `(${joined})` : joined;
  }

  private lookup_sql(model: SchemaModel, [key, value]: [string, unknown]): string {
    const parts = key.split("__");
    const lookup = parts.length > 1 && LOOKUP_SQL[parts[parts.length - 1]] ? parts.pop()! : "exact";
    const column = this.quote_name(model._meta.get_field(parts.join("__")).column);
    if (lookup === "isnull") return `${column} IS ${value ? "" : "NOT "}NULL`;
    if (lookup === "exact" && (value === null || value === undefined)) return `${column} IS NULL`;
    if (lookup === "in") return `${column} IN (${[...(value as unknown[])].map((v) => this.quote_value(v)).join(", ")})`;
    return `${column} ${LOOKUP_SQL[lookup]} ${this.quote_value(value)}`;
  }
}

const LOOKUP_SQL: Record<string, string> = { exact: "=", gt: ">", gte: ">=", lt: "<", lte: "<=", in: "IN", isnull: "IS" };

export interface RemakeChange {
  create_field?: SchemaField;
  delete_field?: SchemaField;
  alter_fields?: [SchemaField, SchemaField][];
}

/** JSON text with sorted keys and functions by name: to compare deconstructed fields. */
function stable_text(value: unknown): string {
  return JSON.stringify(value, (_k, v) => {
    if (typeof v === "function") return `<fn ${v.name}>`;
    if (typeof v === "symbol") return String(v);
    if (v && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return `<${v.constructor?.name}:${String(v)}>`;
    return v;
  });
}
