/**
 * django.db.backends.base.schema: models in, DDL out. Main class: `BaseDatabaseSchemaEditor`.
 *
 * Migrations never write SQL themselves: each operation asks the schema editor to `create_model`,
 * `add_field`, `add_index`, … and the editor turns the model's `_meta` into statements. Statements
 * that must wait (indexes, unique_together) go to `deferred_sql` and run when the editor closes
 * (`__exit__`). With `collect_sql` the editor only collects the text, which is how `sqlmigrate`
 * prints a migration without running it.
 *
 *     const editor = new DatabaseSchemaEditor(connection, { collect_sql: true });
 *     editor.__enter__(); editor.create_model(Author); editor.__exit__();
 *     editor.collected_sql
 *     // → ['CREATE TABLE "library_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, …);']
 *
 * The backend (`sqlite3/schema.ts`) supplies the SQL templates and the column types; this module
 * is the part every database shares.
 */
import { md5 } from "../../../../python/hashlib";
import type { BaseDatabaseWrapper } from "./base";
import { Columns, IndexName, Statement, Table } from "../ddl_references";

// --- what the schema editor reads from models and fields ------------------------------------------

/** The field attributes the schema editor reads (Django's names; the ORM's Field has them all). */
export interface SchemaField {
  name: string;
  attname: string;
  column: string;
  null: boolean;
  blank?: boolean;
  primary_key: boolean;
  unique: boolean;
  db_index: boolean;
  many_to_many?: boolean;
  is_relation?: boolean;
  auto_created?: boolean;
  concrete?: boolean;
  db_constraint?: boolean;
  max_length?: number | null;
  empty_strings_allowed?: boolean;
  generated?: boolean;
  remote_field?: SchemaRemoteField | null;
  model?: SchemaModel;
  get_internal_type(): string;
  has_default(): boolean;
  get_default(): unknown;
  get_db_prep_save?(value: unknown, connection: BaseDatabaseWrapper): unknown;
  deconstruct(): [string | null, string, unknown[], Record<string, unknown>];
  clone(): SchemaField;
}

export interface SchemaRemoteField {
  model: SchemaModel | string;
  field_name?: string | null;
  through?: SchemaModel | string | null;
  through_fields?: string[] | null;
  parent_link?: boolean;
  on_delete?: unknown;
  related_name?: string | null;
  symmetrical?: boolean;
}

/** An index as the schema editor sees it (`django.db.models.Index`). */
export interface SchemaIndex {
  name: string;
  fields: string[];
  condition?: unknown;
  deconstruct?(): [string, unknown[], Record<string, unknown>];
}

/** A Meta constraint (`UniqueConstraint` with `fields`, or `CheckConstraint` with `condition`). */
export interface SchemaConstraint {
  name: string;
  fields?: string[];
  condition?: unknown;
  deferrable?: unknown;
  include?: unknown[];
  expressions?: unknown[];
  deconstruct?(): [string, unknown[], Record<string, unknown>];
}

/** The `_meta` attributes the schema editor reads (django.db.models.options.Options). */
export interface SchemaOptions {
  app_label: string;
  object_name: string;
  model_name: string;
  db_table: string;
  local_fields: SchemaField[];
  local_many_to_many: SchemaField[];
  local_concrete_fields: SchemaField[];
  unique_together: string[][];
  indexes: SchemaIndex[];
  constraints: SchemaConstraint[];
  pk: SchemaField | null;
  auto_created: unknown;
  managed: boolean;
  get_field(name: string): SchemaField;
}

export interface SchemaModel {
  _meta: SchemaOptions;
}

/** `CheckConstraint` conditions are compiled by the backend; the hook is installed per backend. */
export type CheckCompiler = (model: SchemaModel, condition: unknown, editor: BaseDatabaseSchemaEditor) => string;

export interface SchemaEditorOptions {
  collect_sql?: boolean;
  atomic?: boolean;
}

/** A column type and its CHECK, as `field.db_parameters(connection)` gives them. */
export interface DbParameters {
  type: string | null;
  check: string | null;
}

// --- django.db.backends.utils: names for generated indexes -----------------------------------------

/** `names_digest(*args, length)`: the first `length` hex digits of the MD5 of the names, joined. */
export function names_digest(names: string[], length: number): string {
  const hash = md5();
  for (const name of names) hash.update(name);
  return hash.hexdigest().slice(0, length);
}

/** `split_identifier('"schema"."table"')` → ["schema", "table"]; a plain name has no namespace. */
export function split_identifier(identifier: string): [string, string] {
  const parts = identifier.split('"."');
  if (parts.length === 2) return [parts[0].replace(/^"/, ""), parts[1].replace(/"$/, "")];
  return ["", identifier];
}

// --- the editor -------------------------------------------------------------------------------------

export abstract class BaseDatabaseSchemaEditor {
  sql_create_table = "CREATE TABLE %(table)s (%(definition)s)";
  sql_rename_table = "ALTER TABLE %(old_table)s RENAME TO %(new_table)s";
  sql_delete_table = "DROP TABLE %(table)s CASCADE";
  sql_create_column = "ALTER TABLE %(table)s ADD COLUMN %(column)s %(definition)s";
  sql_delete_column = "ALTER TABLE %(table)s DROP COLUMN %(column)s CASCADE";
  sql_rename_column = "ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s";
  sql_unique_constraint = "UNIQUE (%(columns)s)%(deferrable)s";
  sql_check_constraint = "CHECK (%(check)s)";
  sql_constraint = "CONSTRAINT %(name)s %(constraint)s";
  sql_create_unique = "ALTER TABLE %(table)s ADD CONSTRAINT %(name)s UNIQUE (%(columns)s)%(deferrable)s";
  sql_create_inline_fk: string | null = null;
  sql_create_column_inline_fk: string | null = null;
  sql_create_index = "CREATE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(extra)s%(condition)s";
  sql_create_unique_index = "CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(condition)s";
  sql_delete_index = "DROP INDEX %(name)s";

  readonly collect_sql: boolean;
  readonly atomic_migration: boolean;
  collected_sql: string[] = [];
  /**
   * Whether the operation running is the first of its migration on a state nobody has rendered
   * yet (sqlmigrate's): Django then builds the new state's models before the old state's, which
   * decides the column order of a rebuilt SQLite table (sqlite3/schema.ts `_remake_table`).
   */
  states_rendered_new_first = false;
  deferred_sql: (Statement | string)[] = [];

  constructor(
    readonly connection: BaseDatabaseWrapper,
    options: SchemaEditorOptions = {},
  ) {
    this.collect_sql = options.collect_sql ?? false;
    this.atomic_migration = options.atomic ?? true;
  }

  // --- the backend's part -----------------------------------------------------------------------

  abstract quote_value(value: unknown): string;
  /** The column type and CHECK of a field on this database (Django: `field.db_parameters`). */
  abstract db_parameters(field: SchemaField): DbParameters;
  /** Text after the column definition (`AUTOINCREMENT` for SQLite's auto fields). */
  abstract db_type_suffix(field: SchemaField): string | null;
  /** SQL for a CheckConstraint's condition, with its params already quoted. */
  abstract check_condition_sql(model: SchemaModel, condition: unknown): string;
  abstract alter_field(model: SchemaModel, old_field: SchemaField, new_field: SchemaField, strict?: boolean): void;
  abstract prepare_default(value: unknown): string;

  quote_name(name: string): string {
    return name.startsWith('"') && name.endsWith('"') ? name : `"${name}"`;
  }

  /** The longest identifier the database accepts (`connection.ops.max_name_length()`; None → 200). */
  max_name_length(): number {
    return 200;
  }

  // --- entering and leaving: deferred statements run last ------------------------------------------

  __enter__(): this {
    this.deferred_sql = [];
    return this;
  }

  /** On success run the deferred statements (indexes, unique_together), in the order they were queued. */
  __exit__(error?: unknown): void {
    if (error) return;
    for (const sql of this.deferred_sql) this.execute(sql, null);
    this.deferred_sql = [];
  }

  /** Run one statement — or, when collecting for `sqlmigrate`, keep its text with the params inlined. */
  execute(sql: Statement | string, params: unknown[] | null = []): void {
    const text = String(sql);
    if (this.collect_sql) {
      const ending = text.trimEnd().endsWith(";") ? "" : ";";
      const inlined = params === null ? text : text.replace(/%s/g, () => this.quote_value(params.shift()));
      this.collected_sql.push(inlined + ending);
      return;
    }
    const cursor = this.connection.cursor();
    try {
      cursor.execute(text, params && params.length ? params : null);
    } finally {
      cursor.close();
    }
  }

  // --- tables ------------------------------------------------------------------------------------

  /** `CREATE TABLE` for a model, then its indexes (deferred) and its auto-created M2M tables. */
  create_model(model: SchemaModel): void {
    const [sql, params] = this.table_sql(model);
    this.execute(sql, params.length ? params : null);
    this.deferred_sql.push(...this._model_indexes_sql(model));
    for (const field of model._meta.local_many_to_many) {
      const through = through_model(field);
      if (through && through._meta.auto_created) this.create_model(through);
    }
  }

  /** `DROP TABLE`, the auto-created M2M tables first; deferred statements on the table are dropped. */
  delete_model(model: SchemaModel): void {
    for (const field of model._meta.local_many_to_many) {
      const through = through_model(field);
      if (through && through._meta.auto_created) this.delete_model(through);
    }
    this.execute(this.sql_delete_table.replace("%(table)s", this.quote_name(model._meta.db_table)), null);
    this.discard_deferred_for(model._meta.db_table);
  }

  protected discard_deferred_for(table: string): void {
    this.deferred_sql = this.deferred_sql.filter((sql) => !(sql instanceof Statement && sql.references_table(table)));
  }

  /** The table definition: one column per local field, then the Meta constraints inline. */
  table_sql(model: SchemaModel): [string, unknown[]] {
    const meta = model._meta;
    for (const names of meta.unique_together) {
      const unique = this._create_unique_sql(model, names.map((n) => meta.get_field(n)));
      if (unique) this.deferred_sql.push(unique);
    }
    const params: unknown[] = [];
    const column_sqls: string[] = [];
    for (const field of meta.local_fields) {
      const definition = this.table_column_definition(model, field, params);
      if (definition !== null) column_sqls.push(`${this.quote_name(field.column)} ${definition}`);
    }
    const constraint_sqls = meta.constraints.map((c) => this.constraint_sql(model, c)).filter((s): s is string => Boolean(s));
    const sql = this.sql_create_table
      .replace("%(table)s", this.quote_name(meta.db_table))
      .replace("%(definition)s", [...column_sqls, ...constraint_sqls].join(", "));
    return [sql, params];
  }

  /** One column of CREATE TABLE: type, NULL/NOT NULL, PRIMARY KEY/UNIQUE, CHECK, suffix, inline FK. */
  protected table_column_definition(model: SchemaModel, field: SchemaField, params: unknown[]): string | null {
    const column = this.column_sql(model, field);
    if (column === null) return null;
    let definition = column[0];
    const db_params = this.db_parameters(field);
    if (db_params.check) definition += " " + this.sql_check_constraint.replace("%(check)s", db_params.check);
    const suffix = this.db_type_suffix(field);
    if (suffix) definition += ` ${suffix}`;
    params.push(...column[1]);
    if (field.remote_field && field.db_constraint !== false && this.sql_create_inline_fk) definition += " " + this.inline_fk_sql(field, this.sql_create_inline_fk);
    return definition;
  }

  protected inline_fk_sql(field: SchemaField, template: string): string {
    const target = related_model(field);
    const to_column = target._meta.get_field(field.remote_field!.field_name ?? target._meta.pk!.name).column;
    return template.replace("%(to_table)s", this.quote_name(target._meta.db_table)).replace("%(to_column)s", this.quote_name(to_column));
  }

  /** A column definition (without CHECK and suffix), or null for fields without a column (M2M). */
  column_sql(model: SchemaModel, field: SchemaField, include_default = false): [string, unknown[]] | null {
    const db_params = this.db_parameters(field);
    if (db_params.type === null) return null;
    const params: unknown[] = [];
    const parts = [db_params.type];
    if (include_default) {
      const default_value = this.effective_default(field);
      if (default_value !== null && default_value !== undefined) {
        parts.push("DEFAULT %s");
        params.push(default_value);
      }
    }
    parts.push(field.null ? "NULL" : "NOT NULL");
    if (field.primary_key) parts.push("PRIMARY KEY");
    else if (field.unique) parts.push("UNIQUE");
    void model;
    return [parts.join(" "), params];
  }

  /** The value a new column gets in existing rows: the default, "" for blank text, else None. */
  _effective_default(field: SchemaField): unknown {
    if (field.has_default()) return field.get_default();
    if (!field.null && field.blank && field.empty_strings_allowed) return field.get_internal_type() === "BinaryField" ? new Uint8Array() : "";
    return null;
  }

  effective_default(field: SchemaField): unknown {
    const value = this._effective_default(field);
    return field.get_db_prep_save ? field.get_db_prep_save(value, this.connection) : value;
  }

  /** `ALTER TABLE … RENAME TO …`, and the deferred statements follow the new name. */
  alter_db_table(model: SchemaModel, old_db_table: string, new_db_table: string): void {
    if (old_db_table === new_db_table) return;
    this.execute(
      this.sql_rename_table.replace("%(old_table)s", this.quote_name(old_db_table)).replace("%(new_table)s", this.quote_name(new_db_table)),
      null,
    );
    for (const sql of this.deferred_sql) if (sql instanceof Statement) sql.rename_table_references(old_db_table, new_db_table);
    void model;
  }

  // --- columns -------------------------------------------------------------------------------------

  /** `ALTER TABLE … ADD COLUMN` (an auto-created M2M creates its table instead). */
  add_field(model: SchemaModel, field: SchemaField): void {
    const through = field.many_to_many ? through_model(field) : null;
    if (through && through._meta.auto_created) return this.create_model(through);
    const column = this.column_sql(model, field, true);
    if (column === null) return;
    let [definition] = column;
    const params = column[1];
    const suffix = this.db_type_suffix(field);
    if (suffix) definition += ` ${suffix}`;
    const check = this.db_parameters(field).check;
    if (check) definition += " " + this.sql_check_constraint.replace("%(check)s", check);
    if (field.remote_field && field.db_constraint !== false && this.sql_create_column_inline_fk)
      definition += " " + this.inline_fk_sql(field, this.sql_create_column_inline_fk);
    const sql = this.sql_create_column
      .replace("%(table)s", this.quote_name(model._meta.db_table))
      .replace("%(column)s", this.quote_name(field.column))
      .replace("%(definition)s", definition);
    this.execute(sql, params);
    this.deferred_sql.push(...this._field_indexes_sql(model, field));
  }

  /** `ALTER TABLE … DROP COLUMN` (an auto-created M2M drops its table instead). */
  remove_field(model: SchemaModel, field: SchemaField): void {
    const through = field.many_to_many ? through_model(field) : null;
    if (through && through._meta.auto_created) return this.delete_model(through);
    if (this.db_parameters(field).type === null) return;
    this.execute(
      this.sql_delete_column.replace("%(table)s", this.quote_name(model._meta.db_table)).replace("%(column)s", this.quote_name(field.column)),
      null,
    );
    this.deferred_sql = this.deferred_sql.filter((sql) => !(sql instanceof Statement && sql.references_table(model._meta.db_table) && String(sql).includes(this.quote_name(field.column))));
  }

  // --- indexes and constraints -------------------------------------------------------------------

  /** unique_together changed: drop the unique indexes that went away, create the new ones. */
  alter_unique_together(model: SchemaModel, old_unique_together: string[][], new_unique_together: string[][]): void {
    const key = (names: string[]) => names.join("\u0000");
    const olds = new Set(old_unique_together.map(key));
    const news = new Set(new_unique_together.map(key));
    for (const names of old_unique_together.filter((n) => !news.has(key(n)))) this.delete_unique_together(model, names);
    for (const names of new_unique_together.filter((n) => !olds.has(key(n)))) {
      const sql = this._create_unique_sql(model, names.map((n) => model._meta.get_field(n)));
      if (sql) this.execute(sql, null);
    }
  }

  protected delete_unique_together(model: SchemaModel, names: string[]): void {
    const columns = names.map((n) => model._meta.get_field(n).column);
    const name = this._create_index_name(model._meta.db_table, columns, "_uniq");
    this.execute(this.sql_delete_index.replace("%(name)s", this.quote_name(name)), null);
  }

  add_index(model: SchemaModel, index: SchemaIndex): void {
    this.execute(this.index_create_sql(model, index), null);
  }

  remove_index(model: SchemaModel, index: SchemaIndex): void {
    this.execute(this.sql_delete_index.replace("%(name)s", this.quote_name(index.name)), null);
  }

  add_constraint(model: SchemaModel, constraint: SchemaConstraint): void {
    const sql = this.constraint_create_sql(model, constraint);
    if (sql) this.execute(sql, null);
  }

  remove_constraint(model: SchemaModel, constraint: SchemaConstraint): void {
    this.execute(this.sql_delete_index.replace("%(name)s", this.quote_name(constraint.name)), null);
  }

  /** `Index.create_sql()`: `CREATE INDEX "name" ON "table" ("col" [DESC], …)`. */
  index_create_sql(model: SchemaModel, index: SchemaIndex): Statement {
    const orders = index.fields.map((f) => (f.startsWith("-") ? [f.slice(1), " DESC"] : [f, ""]));
    const fields = orders.map(([name]) => model._meta.get_field(name));
    const condition = index.condition ? this.check_condition_sql(model, index.condition) : null;
    return this._create_index_sql(model, { fields, name: index.name, col_suffixes: orders.map(([, s]) => s), condition });
  }

  /** A Meta constraint inside CREATE TABLE: `CONSTRAINT "name" UNIQUE (…)` / `CHECK (…)`. */
  constraint_sql(model: SchemaModel, constraint: SchemaConstraint): string | null {
    if (constraint.fields && constraint.fields.length) {
      const fields = constraint.fields.map((n) => model._meta.get_field(n));
      if (constraint.condition) {
        this.deferred_sql.push(this._create_unique_sql(model, fields, constraint.name, constraint.condition)!);
        return null;
      }
      return this.named_constraint(constraint.name, this.sql_unique_constraint.replace("%(columns)s", fields.map((f) => this.quote_name(f.column)).join(", ")).replace("%(deferrable)s", ""));
    }
    return this._check_sql(constraint.name, this.check_condition_sql(model, constraint.condition));
  }

  /** A Meta constraint added later (`AddConstraint`): a unique index or an `ALTER TABLE … ADD CONSTRAINT`. */
  constraint_create_sql(model: SchemaModel, constraint: SchemaConstraint): Statement | string | null {
    if (constraint.fields && constraint.fields.length) {
      const fields = constraint.fields.map((n) => model._meta.get_field(n));
      return this._create_unique_sql(model, fields, constraint.name, constraint.condition);
    }
    return `ALTER TABLE ${this.quote_name(model._meta.db_table)} ADD ${this._check_sql(constraint.name, this.check_condition_sql(model, constraint.condition))}`;
  }

  _check_sql(name: string, check: string): string {
    return this.named_constraint(name, this.sql_check_constraint.replace("%(check)s", check));
  }

  protected named_constraint(name: string, constraint: string): string {
    return this.sql_constraint.replace("%(name)s", this.quote_name(name)).replace("%(constraint)s", constraint);
  }

  /** The indexes a new table needs: one per `db_index` field (ForeignKeys), then `Meta.indexes`. */
  _model_indexes_sql(model: SchemaModel): Statement[] {
    if (!model._meta.managed) return [];
    const output: Statement[] = [];
    for (const field of model._meta.local_fields) output.push(...this._field_indexes_sql(model, field));
    for (const index of model._meta.indexes) output.push(this.index_create_sql(model, index));
    return output;
  }

  _field_indexes_sql(model: SchemaModel, field: SchemaField): Statement[] {
    return this._field_should_be_indexed(model, field) ? [this._create_index_sql(model, { fields: [field] })] : [];
  }

  /** A unique field already has its index (SQLite's autoindex), so only `db_index` without `unique`. */
  _field_should_be_indexed(_model: SchemaModel, field: SchemaField): boolean {
    return Boolean(field.db_index) && !field.unique;
  }

  /** `CREATE INDEX` whose name (when not given) is generated from the table and columns on first print. */
  _create_index_sql(
    model: SchemaModel,
    options: { fields: SchemaField[]; name?: string | null; suffix?: string; col_suffixes?: string[]; sql?: string; condition?: string | null },
  ): Statement {
    const table = model._meta.db_table;
    const columns = options.fields.map((f) => f.column);
    let name = options.name ?? null;
    const create_index_name = (t: string, cols: string[], suffix: string) => {
      name ??= this._create_index_name(t, cols, suffix);
      return this.quote_name(name);
    };
    return new Statement(options.sql ?? this.sql_create_index, {
      table: new Table(table, (n) => this.quote_name(n)),
      name: new IndexName(table, columns, options.suffix ?? "", create_index_name, (n) => this.quote_name(n)),
      columns: new Columns(table, columns, (n) => this.quote_name(n), options.col_suffixes ?? []),
      include: "",
      extra: "",
      condition: options.condition ? ` WHERE ${options.condition}` : "",
    });
  }

  /** A unique index: named `<table>_<columns>_<hash>_uniq` unless the constraint has a name. */
  _create_unique_sql(model: SchemaModel, fields: SchemaField[], name: string | null = null, condition: unknown = null): Statement | null {
    const table = model._meta.db_table;
    const columns = fields.map((f) => f.column);
    const quote = (n: string) => this.quote_name(n);
    const index_name = name === null ? new IndexName(table, columns, "_uniq", (t, c, s) => quote(this._create_index_name(t, c, s)), quote) : quote(name);
    const condition_sql = condition ? this.check_condition_sql(model, condition) : "";
    return new Statement(condition_sql ? this.sql_create_unique_index : this.sql_create_unique, {
      table: new Table(table, quote),
      name: index_name,
      columns: new Columns(table, columns, quote),
      condition: condition_sql ? ` WHERE ${condition_sql}` : "",
      include: "",
      deferrable: "",
    });
  }

  /**
   * Django's generated index name: `<table>_<columns>_<8 hex digits of MD5><suffix>`, shortened to
   * the database's limit, never starting with "_" or a digit.
   */
  _create_index_name(table_name: string, column_names: string[], suffix = ""): string {
    const [, table] = split_identifier(table_name);
    let hash_suffix_part = `${names_digest([table, ...column_names], 8)}${suffix}`;
    const max_length = this.max_name_length();
    let index_name = `${table}_${column_names.join("_")}_${hash_suffix_part}`;
    if (index_name.length <= max_length) return index_name;
    if (hash_suffix_part.length > max_length / 3) hash_suffix_part = hash_suffix_part.slice(0, Math.floor(max_length / 3));
    const other_length = Math.floor((max_length - hash_suffix_part.length) / 2) - 1;
    index_name = `${table.slice(0, other_length)}_${column_names.join("_").slice(0, other_length)}_${hash_suffix_part}`;
    if (index_name[0] === "_" || /\d/.test(index_name[0])) index_name = `D${index_name.slice(0, -1)}`;
    return index_name;
  }
}

// --- helpers on related fields -----------------------------------------------------------------------

/** The model a relation points at (resolved: the rendered model, not a string). */
export function related_model(field: SchemaField): SchemaModel {
  const model = field.remote_field?.model;
  if (!model || typeof model === "string") throw new TypeError(`Field ${field.name} has an unresolved relation to ${String(model)}.`);
  return model;
}

/** The through model of a many-to-many field, when resolved. */
export function through_model(field: SchemaField): SchemaModel | null {
  const through = field.remote_field?.through;
  return through && typeof through !== "string" ? through : null;
}
