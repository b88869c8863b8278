/**
 * django.db.backends.ddl_references: DDL statements that still know which tables and columns they
 * mention. Main class: `Statement`.
 *
 * The schema editor defers some statements (the indexes of a new table, unique_together) to the
 * end of a migration. Before they run, the table may be dropped (its deferred statements are
 * discarded) or renamed (SQLite's table rebuild creates `new__library_book`, then renames it to
 * `library_book`): a `Statement` answers `references_table()` and follows `rename_table_references()`.
 * An `IndexName` is computed when the statement is printed, so an index created on `new__library_book`
 * is named after `library_book` once the rename has happened.
 */

/** One part of a statement: printable, and possibly naming a table. */
export interface Reference {
  references_table(table: string): boolean;
  rename_table_references(old_table: string, new_table: string): void;
  toString(): string;
}

type Quote = (name: string) => string;

/** A table name, quoted when printed. */
export class Table implements Reference {
  constructor(
    public table: string,
    readonly quote_name: Quote,
  ) {}

  references_table(table: string): boolean {
    return this.table === table;
  }

  rename_table_references(old_table: string, new_table: string): void {
    if (this.table === old_table) this.table = new_table;
  }

  toString(): string {
    return this.quote_name(this.table);
  }
}

/** The quoted column list of an index or constraint: `"author_id", "title"` (with " DESC" suffixes). */
export class Columns extends Table {
  constructor(
    table: string,
    readonly columns: string[],
    quote_name: Quote,
    readonly col_suffixes: string[] = [],
  ) {
    super(table, quote_name);
  }

  override toString(): string {
    return this.columns.map((column, i) => this.quote_name(column) + (this.col_suffixes[i] ?? "")).join(", ");
  }
}

/**
 * A generated index name, derived from the table when first printed (see the module comment).
 * `create_index_name` returns the quoted name.
 */
export class IndexName extends Table {
  constructor(
    table: string,
    readonly columns: string[],
    readonly suffix: string,
    readonly create_index_name: (table: string, columns: string[], suffix: string) => string,
    quote_name: Quote,
  ) {
    super(table, quote_name);
  }

  override toString(): string {
    return this.create_index_name(this.table, this.columns, this.suffix);
  }
}

/** `Statement(template, **parts)`: `%(name)s` placeholders filled from parts when printed. */
export class Statement implements Reference {
  constructor(
    readonly template: string,
    readonly parts: Record<string, Reference | string>,
  ) {}

  references_table(table: string): boolean {
    return Object.values(this.parts).some((part) => typeof part !== "string" && part.references_table(table));
  }

  rename_table_references(old_table: string, new_table: string): void {
    for (const part of Object.values(this.parts)) if (typeof part !== "string") part.rename_table_references(old_table, new_table);
  }

  toString(): string {
    return this.template.replace(/%\((\w+)\)s/g, (_, key: string) => String(this.parts[key] ?? ""));
  }
}
