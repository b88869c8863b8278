/**
 * Conformance replayer for the `orm` area: a recorded chain of QuerySet / instance / manager calls →
 * the same calls on our ORM over sql.js, compared with what Django 5.2 answered (FORMAT.md §3).
 *
 * Per file: each schema (`library`, `blog`) becomes real Model classes (`create_model`), its tables
 * come from the initial migration's `sqlmigrate` text, the seed rows are inserted, and the database
 * image is exported once. Per case: the image is reopened (a fresh, seeded database), the ops run,
 * the result is encoded by kind, and the queries run are counted (transaction control excluded).
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { first_difference, show } from "../compare";
import { connection } from "../../frameworks/django/db";
import * as models from "../../frameworks/django/db/models";

import { Apps } from "../../frameworks/django/apps/registry";
import { AppConfig } from "../../frameworks/django/apps/config";
import { settings } from "../../frameworks/django/conf";
import { Decimal } from "../../frameworks/python/decimal";
import { py_json_dumps } from "../../frameworks/python/json";
import { AttributeError, IndexError, py_repr } from "../../frameworks/python/builtins";
import { ValidationError } from "../../frameworks/django/core/exceptions";
import { date, datetime, time, timedelta } from "../../frameworks/python/datetime";
import { sqlmigrate_text } from "../../frameworks/django/core/management/commands/sqlmigrate";
import { SqlJsDriver, boot_sqlite } from "../../runtime/sqlite";
import { install_instance_filler } from "../../runtime/instance-filler";
import { initial_migration } from "./orm_schema";

// Fetched instances are filled as in the page: by the stores the runtime generates per model (ADR 0030).
install_instance_filler();

interface FieldSpec {
  name: string;
  type: string;
  options: Record<string, unknown>;
}
interface ModelSpec {
  name: string;
  str: string | null;
  fields: FieldSpec[];
  meta?: Record<string, any>;
}
export interface SchemaSpec {
  app_label: string;
  models: ModelSpec[];
  seed: { model: string; table: string; values: Record<string, unknown> }[];
}

type Json = any;
type Op = { op: string; args?: Json[]; kwargs?: Record<string, Json>; [k: string]: Json };

const ON_DELETE: Record<string, unknown> = { CASCADE: models.CASCADE, PROTECT: models.PROTECT, SET_NULL: models.SET_NULL, RESTRICT: models.RESTRICT };
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

// --- schemas → model classes -------------------------------------------------------------------

/** A marker value (§1.1) → the Python value it stands for. */
export function decode_marker(value: Json): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  if ("__date__" in value) return date.fromisoformat(value.__date__);
  if ("__datetime__" in value) return datetime.fromisoformat(value.__datetime__);
  if ("__time__" in value) return time.fromisoformat(value.__time__);
  if ("__decimal__" in value) return new Decimal(value.__decimal__);
  if ("__float__" in value) return Number(value.__float__);
  return value;
}

function build_field(spec: FieldSpec): models.Field {
  const { to, on_delete, ...rest } = spec.options as Record<string, any>;
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) options[k] = k === "default" ? decode_marker(v) : v;
  const cls = (models as Record<string, any>)[spec.type];
  if (!cls) throw new Error(`unknown field type ${spec.type}`);
  if (on_delete) options.on_delete = ON_DELETE[on_delete];
  return to !== undefined ? new cls(to, options) : new cls(options);
}

function build_meta(meta: Record<string, any>, apps: Apps): Record<string, unknown> {
  const options: Record<string, unknown> = { apps };
  for (const [key, value] of Object.entries(meta)) {
    if (key === "constraints" || key === "indexes") continue; // enforced by the tables themselves
    options[key] = value;
  }
  return options;
}

/** The schema's models, prepared in a registry of their own. */
export function build_models(schema: SchemaSpec): Map<string, models.ModelClass> {
  const apps = new Apps([]);
  // The recording installed the schema as an app ("library", verbose name "Library"): the admin's
  // app list and breadcrumbs read its AppConfig.
  const config = new AppConfig();
  config._init_app(schema.app_label, null);
  config.apps = apps;
  apps.app_configs.set(config.label, config);
  const out = new Map<string, models.ModelClass>();
  for (const m of schema.models) {
    const str_field = m.str;
    const attrs: Record<string, unknown> = {};
    if (str_field)
      attrs.toString = function (this: any) {
        return String(this[str_field]);
      };
    const cls = models.create_model(m.name, {
      app_label: schema.app_label,
      module: `${schema.app_label}.models`,
      fields: m.fields.map((f) => [f.name, build_field(f)] as [string, models.Field]),
      Meta: build_meta(m.meta ?? {}, apps) as any,
      attrs,
    });
    out.set(m.name, cls);
  }
  for (const cls of out.values()) void cls._meta;
  return out;
}

// --- the seeded database --------------------------------------------------------------------------

/** A driver over a given database image (the seeded image is reopened for every case). */
class ConformanceDriver extends SqlJsDriver {
  static async open_image(data: Uint8Array | null = null): Promise<ConformanceDriver> {
    const SQL = await boot_sqlite();
    return new ConformanceDriver(new SQL.Database(data));
  }
}

// --- seeding --------------------------------------------------------------------------

function run(sql: string, params: unknown[] = []): Record<string, unknown>[] {
  const cursor = connection.cursor();
  try {
    cursor.execute(sql, params.length ? params : null);
    const names = (cursor.description ?? []).map((d) => d[0]);
    return cursor.fetchall().map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])));
  } finally {
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
  return JSON.stringify(value);
}

export async function seeded_image(schema: SchemaSpec): Promise<Uint8Array> {
  const driver = await ConformanceDriver.open_image();
  connection.set_driver(driver);
  for (const line of sqlmigrate_text(initial_migration(schema as any)).split("\n")) {
    if (!line || line.startsWith("--") || line === "BEGIN;" || line === "COMMIT;") continue;
    run(line);
  }
  for (const row of schema.seed) {
    const columns = Object.keys(row.values);
    const json_columns = new Set(schema.models.find((m) => m.name === row.model)?.fields.filter((f) => f.type === "JSONField").map((f) => f.name) ?? []);
    run(
      `INSERT INTO "${row.table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "%s").join(", ")})`,
      columns.map((c) => (json_columns.has(c) ? (row.values[c] === null ? null : py_json_dumps(row.values[c])) : storage_value(row.values[c]))),
    );
  }
  const image = driver.export();
  connection.close();
  return image;
}

/** A fresh copy of a database image becomes the connection's database. */
export async function open_database(image: Uint8Array): Promise<void> {
  connection.set_driver(await ConformanceDriver.open_image(image));
}

// --- argument decoding (§3.3) ------------------------------------------------------------------

interface Ctx {
  models: Map<string, models.ModelClass>;
  model: models.ModelClass;
}

const FUNCS: Record<string, (...a: any[]) => any> = {
  $Lower: (a) => new models.Lower(a),
  $Upper: (a) => new models.Upper(a),
  $Length: (a) => new models.Length(a),
};
const AGGREGATES: Record<string, any> = { $Count: models.Count, $Sum: models.Sum, $Avg: models.Avg, $Min: models.Min, $Max: models.Max };
const ARITH: Record<string, string> = { $add: "add", $sub: "sub", $mul: "mul", $div: "div" };

/** A function/aggregate argument: a bare string is a field reference. */
function decode_func_arg(v: Json, ctx: Ctx): Json {
  return typeof v === "string" ? v : decode(v, ctx);
}

/** An arithmetic operand: expressions combine; a bare number becomes Value. */
function operand(v: Json, ctx: Ctx): any {
  const d = decode(v, ctx);
  return d && typeof d.resolve_expression === "function" ? d : new models.Value(d);
}

function combine(op: string, a: any, b: any): any {
  const fn = a[op] ?? a[`__${op}__`];
  if (typeof fn === "function") return fn.call(a, b);
  return new (models as any).CombinedExpression(a, { add: "+", sub: "-", mul: "*", div: "/" }[op], b);
}

function decode_qs(spec: { model: string; ops: Op[] }, ctx: Ctx): any {
  const model = ctx.models.get(spec.model)!;
  let current: any = model.objects.all();
  for (const op of spec.ops) current = apply_op(current, op, { models: ctx.models, model }).value;
  return current;
}

function decode_expression(key: string, v: Record<string, Json>, ctx: Ctx): any {
  const arg = v[key];
  if (key === "$Q") return new models.Q(decode_kwargs(arg, ctx));
  if (key === "$and" || key === "$or") return (arg as Json[]).map((a) => decode(a, ctx)).reduce((x: any, y: any) => (key === "$and" ? x.and(y) : x.or(y)));
  if (key === "$not") return decode(arg, ctx).negate();
  if (key === "$F") return new models.F(arg);
  if (key === "$Value") return new models.Value(decode(arg, ctx));
  if (key in ARITH) return combine(ARITH[key], operand(arg[0], ctx), operand(arg[1], ctx));
  if (key === "$asc" || key === "$desc") {
    const expr = typeof arg === "string" ? new models.F(arg) : decode(arg, ctx);
    const opts: Record<string, boolean> = {};
    if (v.nulls_first) opts.nulls_first = true;
    if (v.nulls_last) opts.nulls_last = true;
    return key === "$asc" ? expr.asc(opts) : expr.desc(opts);
  }
  if (key in AGGREGATES) {
    const opts: Record<string, unknown> = {};
    if (v.distinct !== undefined) opts.distinct = v.distinct;
    if (v.filter !== undefined) opts.filter = decode(v.filter, ctx);
    if (v.default !== undefined) opts.default = decode(v.default, ctx);
    return new AGGREGATES[key](decode_func_arg(arg, ctx), opts);
  }
  if (key in FUNCS) return FUNCS[key](decode_func_arg(arg, ctx));
  if (key === "$Coalesce") return new models.Coalesce(...(arg as Json[]).map((a) => decode_func_arg(a, ctx)));
  if (key === "$Concat") return new models.Concat(...(arg as Json[]).map((a) => decode_func_arg(a, ctx)));
  if (key === "$Case") {
    const whens = (arg as Json[]).map((w) => decode(w, ctx));
    return new models.Case(whens, v.default !== undefined ? { default: decode_func_arg(v.default, ctx) } : {});
  }
  if (key === "$When") {
    const cond = arg && typeof arg === "object" && Object.keys(arg).some((k) => k.startsWith("$")) ? decode(arg, ctx) : new models.Q(decode_kwargs(arg, ctx));
    return new models.When(cond, { then: decode_func_arg(v.then, ctx) });
  }
  if (key === "$OuterRef") return new models.OuterRef(arg);
  if (key === "$qs") return decode_qs(arg, ctx);
  if (key === "$Exists") return new models.Exists(decode_qs(arg, ctx));
  if (key === "$Subquery") return new models.Subquery(decode_qs(arg, ctx));
  if (key === "$Prefetch") {
    const opts: Record<string, unknown> = {};
    if (v.queryset) opts.queryset = decode_qs(v.queryset, ctx);
    if (v.to_attr) opts.to_attr = v.to_attr;
    return new models.Prefetch(arg, opts);
  }
  if (key === "$obj") return new ctx.model(decode_kwargs(arg, ctx));
  throw new Error(`unknown expression ${key}`);
}

export function decode(v: Json, ctx: Ctx): Json {
  if (Array.isArray(v)) return v.map((x) => decode(x, ctx));
  if (v === null || typeof v !== "object") return v;
  const keys = Object.keys(v);
  const expr = keys.find((k) => k.startsWith("$"));
  if (expr) return decode_expression(expr, v, ctx);
  if (keys.length === 1 && keys[0].startsWith("__") && keys[0].endsWith("__")) return decode_marker(v);
  return v; // a JSON value for a JSONField
}

function decode_kwargs(kwargs: Record<string, Json> | undefined, ctx: Ctx): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(kwargs ?? {})) {
    if ((k === "defaults" || k === "create_defaults") && v && typeof v === "object") out[k] = decode_kwargs(v, ctx);
    else out[k] = decode(v, ctx);
  }
  return out;
}

// --- applying ops (§3.2) -----------------------------------------------------------------------

const is_manager = (v: any) => v instanceof models.Manager;
const is_instance = (v: any) => v instanceof models.Model;

function apply_op(current: any, op: Op, ctx: Ctx): { value: any; none: boolean } {
  switch (op.op) {
    case "slice": {
      const qs = is_manager(current) ? current.all() : current;
      return { value: qs.slice(op.start ?? null, op.stop ?? null, op.step ?? null), none: false };
    }
    case "index": {
      const qs = is_manager(current) ? current.all() : current;
      return { value: Array.isArray(qs) ? index_list(qs, op.index) : qs.index(op.index), none: false };
    }
    case "attr":
      return { value: getattr(current, op.name), none: false };
    case "setattr":
      current[op.name] = decode(op.value, ctx);
      return { value: current, none: false };
  }
  const method = current?.[op.op];
  if (typeof method !== "function") throw new AttributeError(`'${current?.constructor?.name}' object has no attribute '${op.op}'`);
  const args = (op.args ?? []).map((a) => decode(a, ctx));
  const kwargs = decode_kwargs(op.kwargs, ctx);
  const has_kwargs = Object.keys(kwargs).length > 0;
  const result = method.apply(current, has_kwargs ? [...args, kwargs] : args);
  if (result === undefined || result === null) {
    if (is_instance(current) || is_manager(current)) return { value: current, none: true };
    return { value: null, none: true };
  }
  return { value: result, none: false };
}

function index_list(list: any[], i: number): any {
  if (i >= list.length) throw new IndexError("list index out of range");
  return list[i];
}

/** Python's getattr on our objects: a property or a bound method. */
function getattr(obj: any, name: string): any {
  const v = obj[name];
  if (v === undefined && !(name in obj)) throw new AttributeError(`'${obj?.constructor?.name}' object has no attribute '${name}'`);
  return v;
}

/** `project`: walk each dotted path over the current object(s). */
function project(current: any, paths: string[]): Json {
  const one = (obj: any) => Object.fromEntries(paths.map((p) => [p, walk(obj, p.split("."))]));
  if (is_instance(current)) return one(current);
  const list = is_manager(current) ? [...current.all()] : [...current];
  return list.map(one);
}

function walk(obj: any, segments: string[]): Json {
  if (!segments.length) return encode(obj);
  if (obj === null || obj === undefined) return null;
  let v = getattr(obj, segments[0]);
  const rest = segments.slice(1);
  if (is_manager(v)) return [...v.all()].map((o: any) => walk(o, rest));
  if (Array.isArray(v)) return v.map((o: any) => walk(o, rest));
  if (typeof v === "function") v = v.call(obj);
  return walk(v, rest);
}

// --- encoding results (§3.4) ---------------------------------------------------------------------

/** A result value → the corpus' JSON form (instances as pks, typed values as markers). */
export function encode(v: any): Json {
  if (v === null || v === undefined) return null;
  if (is_instance(v)) return v.pk;
  if (v instanceof Decimal) return { __decimal__: v.toString() };
  if (v instanceof datetime) return { __datetime__: v.isoformat() };
  if (v instanceof date) return { __date__: v.isoformat() };
  if (v instanceof time) return { __time__: v.isoformat() };
  if (v instanceof timedelta) return v.total_seconds();
  if (v instanceof Map) return [...v.entries()].map(([k, o]) => [encode(k), encode(o)]);
  if (Array.isArray(v)) return v.map(encode);
  if (is_manager(v)) return [...v.all()].map(encode);
  if (v instanceof models.QuerySet) return [...v].map(encode);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

/** Expected values normalised for comparison: floats as numbers, decimals numerically. */
function normalize(v: Json): Json {
  if (Array.isArray(v)) return v.map(normalize);
  if (v === null || typeof v !== "object") return v;
  if ("__float__" in v && Object.keys(v).length === 1) return Number(v.__float__);
  if ("__decimal__" in v && Object.keys(v).length === 1) return { __decimal__: String(Number(v.__decimal__)) };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
}

const sort_multiset = (list: Json[]) => [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

function compare_result(got: Json, expect: Json): string | null {
  let a = normalize(got);
  let b = normalize(expect.result);
  if ((expect.ordered === false || expect.kind === "in_bulk") && Array.isArray(a) && Array.isArray(b)) {
    a = sort_multiset(a);
    b = sort_multiset(b);
  }
  const d = first_difference(a, b, "result");
  if (d) return d;
  return null;
}

function ordered_of(v: any): boolean | undefined {
  if (is_manager(v)) return v.all().ordered;
  if (v instanceof models.QuerySet) return v.ordered;
  return undefined;
}

// --- table contents ("after") --------------------------------------------------------------------

/** A raw row → the corpus' row object (attname → value with markers), by the model's field types. */
function table_rows(model: models.ModelClass): Json[] {
  const opts = model._meta;
  const rows = run(`SELECT * FROM "${opts.db_table}" ORDER BY "${opts.pk!.column}"`);
  return rows.map((row) => Object.fromEntries(opts.concrete_fields.map((f: any) => [f.attname, raw_to_marker(f.get_internal_type(), row[f.column])])));
}

function raw_to_marker(type: string, raw: unknown): Json {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case "BooleanField":
      return Boolean(raw);
    case "DateField":
      return { __date__: raw };
    case "DateTimeField": {
      const s = String(raw).replace(" ", "T");
      return { __datetime__: /[+-]\d\d:\d\d$/.test(s) ? s : `${s}+00:00` };
    }
    case "TimeField":
      return { __time__: raw };
    case "DecimalField":
      return { __decimal__: String(raw) };
    case "JSONField":
      return JSON.parse(String(raw));
    default:
      return raw;
  }
}

function all_models(ctx_models: Map<string, models.ModelClass>): models.ModelClass[] {
  const out: models.ModelClass[] = [];
  for (const cls of ctx_models.values()) {
    out.push(cls);
    for (const f of cls._meta.local_many_to_many as any[]) {
      const through = f.remote_field.through;
      if (through && through._meta.auto_created) out.push(through);
    }
  }
  return out;
}

function snapshot(ctx_models: Map<string, models.ModelClass>): Map<string, string> {
  return new Map(all_models(ctx_models).map((m) => [m._meta.label, JSON.stringify(table_rows(m))]));
}

function compare_after(ctx_models: Map<string, models.ModelClass>, seed: Map<string, string>, expected_after: Record<string, Json> | undefined): string | null {
  for (const m of all_models(ctx_models)) {
    const label = m._meta.label;
    const rows = table_rows(m);
    if (expected_after && label in expected_after) {
      const d = first_difference(normalize(rows), normalize(expected_after[label]), `after[${label}]`);
      if (d) return d;
    } else if (JSON.stringify(rows) !== seed.get(label)) return `after: ${label} changed but should equal the seed: ${show(rows)}`;
  }
  return null;
}

// --- one case --------------------------------------------------------------------------------------

function error_json(e: unknown): Json {
  const err = e as any;
  const name = err?.constructor?.__qualname__?.split(".").pop() ?? err?.constructor?.name ?? "Error";
  const out: Json = { error: name, message: err?.message ?? String(e) };
  if (err instanceof ValidationError) out.message = `[${py_repr(err.message)}]`;
  if (err?.protected_objects) out.protected_objects = sorted_refs(err.protected_objects);
  if (err?.restricted_objects) out.restricted_objects = sorted_refs(err.restricted_objects);
  return out;
}

/** Blocking objects as sorted `[label, pk]` pairs. */
function sorted_refs(objs: Iterable<any>): [string, unknown][] {
  const refs = [...objs].map((o: any) => [o.constructor._meta.label, o.pk] as [string, any]);
  return refs.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

function run_ops(c: CorpusCase, ctx: Ctx): { value: any; none_last: boolean; projected: boolean } {
  let current: any = ctx.model.objects.all();
  const ops: Op[] = c.input.ops ?? [];
  let none_last = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.op === "project") return { value: project(current, op.paths), none_last: false, projected: true };
    const r = apply_op(current, op, ctx);
    current = r.value;
    none_last = r.none && i === ops.length - 1;
  }
  return { value: current, none_last, projected: false };
}

/** Diagnostics (ORM_SQL_DIFF=1): the first statement whose text differs from Django's (never a failure). */
function report_sql_difference(c: CorpusCase, expected: string[]): void {
  const got = connection.queries_log.map((q) => q.sql).filter((s) => !TRANSACTION_CONTROL.test(s));
  const i = expected.findIndex((s, k) => s !== got[k]);
  if (i >= 0) console.log(`SQL ${c.id}\n  want ${expected[i]}\n  got  ${got[i]}`);
}

function count_queries(): number {
  return connection.queries_log.filter((q) => !TRANSACTION_CONTROL.test(q.sql)).length;
}

function replay_case(c: CorpusCase, ctx: Ctx, seed: Map<string, string>): CaseResult {
  const expect = c.expect;
  const problems: string[] = [];
  connection.queries_log.length = 0;
  let got: Json;
  let ordered: boolean | undefined;
  let error: Json = null;
  try {
    const { value, none_last, projected } = run_ops(c, ctx);
    ordered = projected ? undefined : ordered_of(value);
    got = none_last ? null : projected ? value : encode(value);
  } catch (e) {
    error = error_json(e);
  }
  const queries = count_queries();
  if (process.env.ORM_SQL_DIFF) report_sql_difference(c, expect.sql ?? []);
  if ("error" in expect) {
    if (!error) problems.push(`expected error ${expect.error}: ${expect.message}, got result ${show(got)}`);
    else {
      if (error.error !== expect.error || error.message !== expect.message) problems.push(`error: expected ${expect.error}: ${expect.message}; got ${error.error}: ${error.message}`);
      if (expect.protected_objects && JSON.stringify(error.protected_objects) !== JSON.stringify(expect.protected_objects))
        problems.push(`protected_objects: expected ${show(expect.protected_objects)}, got ${show(error.protected_objects)}`);
    }
  } else if (error) problems.push(`unexpected error ${error.error}: ${error.message}`);
  else {
    const d = compare_result(got, expect);
    if (d) problems.push(d);
    if (expect.ordered !== undefined && ordered !== undefined && ordered !== expect.ordered) problems.push(`ordered: expected ${expect.ordered}, got ${ordered}`);
  }
  const write = (c.tags ?? []).includes("write");
  if (!write && expect.queries !== undefined && queries !== expect.queries) problems.push(`queries: expected ${expect.queries}, got ${queries}`);
  const after = compare_after(ctx.models, seed, expect.after);
  if (after) problems.push(after);
  return { passed: !problems.length, message: problems.join("\n") || (write && queries !== expect.queries ? `ok (queries ${queries} vs ${expect.queries}, advisory)` : "ok") };
}

export const replayer: AreaReplayer = {
  async prepare(file: CorpusFile) {
    await boot_sqlite();
    if (!settings.configured) settings.configure({ USE_TZ: true, TIME_ZONE: "UTC", DEBUG: false, DEFAULT_AUTO_FIELD: "django.db.models.AutoField" });
    const schemas = file.schemas as Record<string, SchemaSpec>;
    const built = new Map<string, { models: Map<string, models.ModelClass>; image: Uint8Array; seed: Map<string, string> }>();
    for (const [name, schema] of Object.entries(schemas)) {
      const classes = build_models(schema);
      const image = await seeded_image(schema);
      connection.set_driver(await ConformanceDriver.open_image(image));
      const seed = snapshot(classes);
      connection.close();
      built.set(name, { models: classes, image, seed });
    }
    return async (c: CorpusCase): Promise<CaseResult> => {
      const schema = built.get(c.input.schema)!;
      connection.set_driver(await ConformanceDriver.open_image(schema.image));
      connection.force_debug_cursor = true;
      try {
        return replay_case(c, { models: schema.models, model: schema.models.get(c.input.model)! }, schema.seed);
      } finally {
        connection.force_debug_cursor = false;
        connection.close();
      }
    };
  },
};
