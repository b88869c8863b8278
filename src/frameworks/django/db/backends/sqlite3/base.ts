/**
 * django.db.backends.sqlite3.base: what SQLite calls each field's column, and the connection
 * set-up Django's SQLite backend does (the Python functions it registers on every connection).
 *
 * `DATA_TYPES["CharField"]` is `varchar(%(max_length)s)`; a field's `db_type()` fills it in.
 * `register_functions(driver)` adds `REGEXP`, `django_date_extract`, … — SQLite has no such
 * functions, so Django (and the lab) implement them in the host language.
 */
import type { DatabaseDriver } from "../driver";
import { SQLITE_AGGREGATES, SQLITE_FUNCTIONS } from "./_functions";

/** Field internal type → column type (Django's `DatabaseWrapper.data_types`). */
export const DATA_TYPES: Record<string, string> = {
  AutoField: "integer",
  BigAutoField: "integer",
  BinaryField: "BLOB",
  BooleanField: "bool",
  CharField: "varchar(%(max_length)s)",
  DateField: "date",
  DateTimeField: "datetime",
  DecimalField: "decimal",
  DurationField: "bigint",
  FileField: "varchar(%(max_length)s)",
  FilePathField: "varchar(%(max_length)s)",
  FloatField: "real",
  IntegerField: "integer",
  BigIntegerField: "bigint",
  IPAddressField: "char(15)",
  GenericIPAddressField: "char(39)",
  JSONField: "text",
  OneToOneField: "integer",
  PositiveBigIntegerField: "bigint unsigned",
  PositiveIntegerField: "integer unsigned",
  PositiveSmallIntegerField: "smallint unsigned",
  SlugField: "varchar(%(max_length)s)",
  SmallAutoField: "integer",
  SmallIntegerField: "smallint",
  TextField: "text",
  TimeField: "time",
  UUIDField: "char(32)",
};

/** CHECK constraints SQLite needs for some types (`data_type_check_constraints`). */
export const DATA_TYPE_CHECK_CONSTRAINTS: Record<string, string> = {
  PositiveBigIntegerField: '"%(column)s" >= 0',
  JSONField: '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
  PositiveIntegerField: '"%(column)s" >= 0',
  PositiveSmallIntegerField: '"%(column)s" >= 0',
};

/** `data_types_suffix`: auto fields are `AUTOINCREMENT`. */
export const DATA_TYPES_SUFFIX: Record<string, string> = {
  AutoField: "AUTOINCREMENT",
  BigAutoField: "AUTOINCREMENT",
  SmallAutoField: "AUTOINCREMENT",
};

/** SQL operators for lookups (`DatabaseWrapper.operators`); `%s` is the right-hand side. */
export const OPERATORS: Record<string, string> = {
  exact: "= %s",
  iexact: "LIKE %s ESCAPE '\\'",
  contains: "LIKE %s ESCAPE '\\'",
  icontains: "LIKE %s ESCAPE '\\'",
  regex: "REGEXP %s",
  iregex: "REGEXP '(?i)' || %s",
  gt: "> %s",
  gte: ">= %s",
  lt: "< %s",
  lte: "<= %s",
  startswith: "LIKE %s ESCAPE '\\'",
  endswith: "LIKE %s ESCAPE '\\'",
  istartswith: "LIKE %s ESCAPE '\\'",
  iendswith: "LIKE %s ESCAPE '\\'",
};

/** `pattern_ops`: the same lookups when the right-hand side is an expression. */
export const PATTERN_ESC = String.raw`REPLACE(REPLACE(REPLACE({}, '\', '\\'), '%%', '\%%'), '_', '\_')`;
export const PATTERN_OPS: Record<string, string> = {
  contains: "LIKE '%%' || {} || '%%' ESCAPE '\\'",
  icontains: "LIKE '%%' || UPPER({}) || '%%' ESCAPE '\\'",
  startswith: "LIKE {} || '%%' ESCAPE '\\'",
  istartswith: "LIKE UPPER({}) || '%%' ESCAPE '\\'",
  endswith: "LIKE '%%' || {} ESCAPE '\\'",
  iendswith: "LIKE '%%' || UPPER({}) ESCAPE '\\'",
};

/** `get_new_connection`'s function registration, on a driver that can host functions. */
export function register_functions(driver: DatabaseDriver): void {
  if (driver.create_function) for (const [name, fn] of Object.entries(SQLITE_FUNCTIONS)) driver.create_function(name, fn);
  if (driver.create_aggregate) for (const [name, fn] of Object.entries(SQLITE_AGGREGATES)) driver.create_aggregate(name, fn);
}
