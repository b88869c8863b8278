/**
 * Conformance replayer for the `orm_schema` area: the `library` and `blog` schemas of orm.json →
 * the initial migration `makemigrations` would write → `sqlmigrate` text, and the tables it builds.
 *
 * Each schema's models become `ModelState`s built from the ORM's field classes; the autodetector
 * turns them into `0001_initial`; the migration's SQL is compared with Django's text exactly, then
 * run on a fresh sql.js database, the seed rows inserted, and each table compared through
 * `sqlite_master`, `PRAGMA table_info`, `index_list`/`index_info` and `foreign_key_list`.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { connection } from "../../frameworks/django/db";
import * as fields from "../../frameworks/django/db/models/fields";
import * as related from "../../frameworks/django/db/models/fields/related";
import { JSONField } from "../../frameworks/django/db/models/fields/json";
import { Q } from "../../frameworks/django/db/models/query_utils";
import { ModelState, ProjectState } from "../../frameworks/django/db/migrations/state";
import { MigrationAutodetector } from "../../frameworks/django/db/migrations/autodetector";
import { MigrationGraph } from "../../frameworks/django/db/migrations/graph";
import type { Migration } from "../../frameworks/django/db/migrations/migration";
import { sqlmigrate_text } from "../../frameworks/django/core/management/commands/sqlmigrate";
import type { SchemaField } from "../../frameworks/django/db/backends/base/schema";
import { SqlJsDriver, boot_sqlite } from "../../runtime/sqlite";

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS_DIR = process.env.CONFORMANCE_DIR ?? resolve(here, "../../../../shared/conformance");

interface FieldSpec {
  name: string;
  type: string;
  options: Record<string, unknown>;
}
interface ModelSpec {
  name: string;
  fields: FieldSpec[];
  meta: Record<string, any>;
}
interface SchemaSpec {
  app_label: string;
  models: ModelSpec[];
  seed: { model: string; table: string; values: Record<string, unknown> }[];
}

/** Marker functions for on_delete (the ORM's deletion handlers, by name). */
const ON_DELETE: Record<string, Function> = {
  CASCADE: function CASCADE() {},
  PROTECT: function PROTECT() {},
  SET_NULL: function SET_NULL() {},
};

const FIELD_CLASSES: Record<string, any> = { ...fields, ...related, JSONField };

function decode(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const marker = value as Record<string, string>;
    if ("__float__" in marker) return Number(marker.__float__);
  }
  return value;
}

/** A JSON field spec → an instance of the ORM's field class. */
export function build_field(spec: FieldSpec): SchemaField {
  const { to, on_delete, ...rest } = spec.options as Record<string, any>;
  const options: Record<string, unknown> = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, decode(v)]));
  const cls = FIELD_CLASSES[spec.type];
  if (!cls) throw new Error(`unknown field type ${spec.type}`);
  if (on_delete) options.on_delete = ON_DELETE[on_delete];
  if (to !== undefined) return new cls(to, options);
  return new cls(options);
}

/** `{"$Q": {...}}` → Q; index and constraint specs → small objects with Django's attributes. */
function build_meta(meta: Record<string, any>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) {
    if (key === "constraints")
      options.constraints = (value as any[]).map((c) =>
        c.type === "UniqueConstraint" ? new UniqueConstraintSpec(c.name, c.fields) : new CheckConstraintSpec(c.name, new Q(c.condition.$Q)),
      );
    else if (key === "indexes") options.indexes = (value as any[]).map((i) => new IndexSpec(i.name, i.fields));
    else if (key === "unique_together") options.unique_together = value;
    else options[key] = value;
  }
  return options;
}

export class IndexSpec {
  constructor(
    readonly name: string,
    readonly fields: string[],
  ) {}
  deconstruct(): [string, unknown[], Record<string, unknown>] {
    return ["django.db.models.Index", [], { fields: this.fields, name: this.name }];
  }
}
export class UniqueConstraintSpec {
  constructor(
    readonly name: string,
    readonly fields: string[],
    readonly condition: Q | null = null,
  ) {}
  deconstruct(): [string, unknown[], Record<string, unknown>] {
    const kwargs: Record<string, unknown> = { fields: this.fields, name: this.name };
    if (this.condition) kwargs.condition = this.condition;
    return ["django.db.models.UniqueConstraint", [], kwargs];
  }
}
export class CheckConstraintSpec {
  constructor(
    readonly name: string,
    readonly condition: Q,
  ) {}
  deconstruct(): [string, unknown[], Record<string, unknown>] {
    return ["django.db.models.CheckConstraint", [], { condition: this.condition, name: this.name }];
  }
}

/** The schema as the project's models would give it: one ModelState per model. */
export function schema_state(schema: SchemaSpec): ProjectState {
  return new ProjectState(
    schema.models.map(
      (m) => new ModelState({ app_label: schema.app_label, name: m.name, fields: m.fields.map((f) => [f.name, build_field(f)]), options: build_meta(m.meta ?? {}) }),
    ),
  );
}

/** `makemigrations` on an empty history: the app's `0001_initial`. */
export function initial_migration(schema: SchemaSpec): Migration {
  const changes = new MigrationAutodetector(new ProjectState(), schema_state(schema)).changes(new MigrationGraph());
  return changes.get(schema.app_label)![0];
}

function query(sql: string): Record<string, unknown>[] {
  const cursor = connection.cursor();
  try {
    cursor.execute(sql);
    const names = (cursor.description ?? []).map((d) => d[0]);
    return cursor.fetchall().map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  } finally {
    cursor.close();
  }
}

/** Run the sqlmigrate text (without BEGIN/COMMIT and comments), then the seed rows in order. */
async function build_database(text: string, schema: SchemaSpec): Promise<void> {
  await boot_sqlite();
  connection.close();
  connection.set_driver(await SqlJsDriver.open());
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("--") || line === "BEGIN;" || line === "COMMIT;") continue;
    query(line);
  }
  for (const row of schema.seed) {
    const columns = Object.keys(row.values);
    const cursor = connection.cursor();
    cursor.execute(
      `INSERT INTO "${row.table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "%s").join(", ")})`,
      columns.map((c) => storage_value(row.values[c])),
    );
    cursor.close();
  }
}

/** Django's storage format for a seed value (FORMAT.md §4). */
function storage_value(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "boolean" ? Number(value) : value;
  const marker = value as Record<string, string>;
  if ("__date__" in marker) return marker.__date__;
  if ("__datetime__" in marker) return marker.__datetime__.replace("T", " ").replace(/\+00:00$/, "");
  if ("__time__" in marker) return marker.__time__;
  if ("__decimal__" in marker) return Number(marker.__decimal__);
  if ("__float__" in marker) return Number(marker.__float__);
  return JSON.stringify(value, null, 0).replace(/([,:])(?=[^\s])/g, "$1 ");
}

function table_snapshot(table: string): Record<string, unknown> {
  const indexes = query(`PRAGMA index_list("${table}")`).map((i) => ({
    name: i.name,
    unique: i.unique,
    origin: i.origin,
    partial: i.partial,
    columns: query(`PRAGMA index_info("${i.name}")`).map((c) => c.name),
  }));
  return {
    create_sql: query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${table}'`)[0]?.sql,
    columns: query(`PRAGMA table_info("${table}")`),
    indexes,
    foreign_keys: query(`PRAGMA foreign_key_list("${table}")`).map(({ id: _id, ...rest }) => rest),
    seed_rows_raw: query(`SELECT *, ${real_columns(table).map((c) => `typeof("${c}") AS "__type_${c}"`).concat("1").join(", ")} FROM "${table}" ORDER BY rowid`).map(mark_floats),
  };
}

function real_columns(table: string): string[] {
  return query(`PRAGMA table_info("${table}")`).filter((c) => String(c.type).toLowerCase() === "real").map((c) => String(c.name));
}

/** A REAL with an integral value reads back as a JS integer; the corpus writes it {"__float__": "8.0"}. */
function mark_floats(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith("__type_") || key === "1") continue;
    const real = row[`__type_${key}`] === "real";
    out[key] = real && typeof value === "number" && Number.isInteger(value) ? { __float__: value.toFixed(1) } : value;
  }
  return out;
}

function differ(label: string, got: unknown, want: unknown): string | null {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  return a === b ? null : `${label} differs:\n  got  ${a}\n  want ${b}`;
}

const index_key = (i: any) => JSON.stringify([i.unique, i.origin, i.partial, i.columns]);

function compare_table(got: Record<string, any>, want: Record<string, any>): string[] {
  const errors = [
    differ("create_sql", got.create_sql, want.create_sql),
    differ("columns", got.columns.map((c: any) => ({ ...c, type: String(c.type).toLowerCase() })), want.columns.map((c: any) => ({ ...c, type: String(c.type).toLowerCase() }))),
    differ("indexes", got.indexes.map(index_key).sort(), want.indexes.map(index_key).sort()),
    differ("foreign_keys", sort_json(got.foreign_keys), sort_json(want.foreign_keys)),
    differ("seed_rows_raw", got.seed_rows_raw, want.seed_rows_raw),
  ];
  return errors.filter((e): e is string => e !== null);
}

function sort_json(rows: unknown[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

export const replayer: AreaReplayer = {
  async prepare(file: CorpusFile) {
    const schemas: Record<string, SchemaSpec> = file.schemas ?? JSON.parse(readFileSync(resolve(CORPUS_DIR, "orm.json"), "utf8")).schemas;
    const sql = new Map<string, string>();
    const text_of = (name: string) => {
      if (!sql.has(name)) sql.set(name, sqlmigrate_text(initial_migration(schemas[name])));
      return sql.get(name)!;
    };
    return async (c: CorpusCase): Promise<CaseResult> => {
      const schema = schemas[c.input.schema];
      const text = text_of(c.input.schema);
      if (c.expect.sqlmigrate !== undefined) {
        const error = differ("sqlmigrate", text, c.expect.sqlmigrate);
        return { passed: !error, message: error ?? "" };
      }
      await build_database(text, schema);
      const errors = compare_table(table_snapshot(c.input.table), c.expect);
      return { passed: !errors.length, message: errors.join("\n") };
    };
  },
};
