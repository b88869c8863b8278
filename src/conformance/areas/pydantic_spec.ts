/**
 * FORMAT.md part D's data → this port's Pydantic: the type grammar (D.2), value markers (D.1) and
 * `enums`/`models` specs (D.3) → `t` annotations, Python values and model classes. Shared by the
 * `pydantic` and `fastapi` replayers.
 */
import { BaseModel, ConfigDict, create_model, Field, type FieldOptions } from "../../frameworks/pydantic";
import { t, type Annotation } from "../../frameworks/python/typing";
import { date, datetime, time } from "../../frameworks/python/datetime";
import { Decimal } from "../../frameworks/python/decimal";
import { UUID } from "../../frameworks/python/uuid";
import { PyFloat } from "../../frameworks/python/json";
import { utf8_encode } from "../../frameworks/python/bytes";

export interface EnumSpec { name: string; base: "str" | "int"; members: [string, string | number][] }
export interface FieldSpec { name: string; type: TypeSpec; default?: unknown; field?: Record<string, unknown> }
export interface ModelSpec { name: string; fields: FieldSpec[]; config?: Record<string, unknown> }
export type TypeSpec = string | { [k: string]: any };

export interface Namespace {
  enums: Record<string, { annotation: Annotation; members: Record<string, string | number> }>;
  models: Record<string, typeof BaseModel>;
}

const SIMPLE: Record<string, Annotation> = {
  int: t.int, float: t.float, str: t.str, bool: t.bool, bytes: t.bytes, date: t.date, datetime: t.datetime,
  time: t.time, uuid: t.UUID, decimal: t.Decimal, any: t.Any,
};

/** D.2: `"int"`, `{"list": T}`, `{"optional": T}`, `{"model": "Item"}` … → a `t` annotation. */
export function type_from_spec(spec: TypeSpec, ns: Namespace): Annotation {
  if (typeof spec === "string") {
    const a = SIMPLE[spec];
    if (!a) throw new Error(`unknown type ${spec}`);
    return a;
  }
  const [[kind, arg]] = Object.entries(spec);
  switch (kind) {
    case "list": return t.list(type_from_spec(arg, ns));
    case "set": return t.set(type_from_spec(arg, ns));
    case "dict": return t.dict(type_from_spec(arg[0], ns), type_from_spec(arg[1], ns));
    case "optional": return t.Optional(type_from_spec(arg, ns));
    case "union": return t.Union(...(arg as TypeSpec[]).map((a) => type_from_spec(a, ns)));
    case "literal": return t.Literal(...(arg as (string | number)[]));
    case "enum": return ns.enums[arg].annotation;
    case "model": return ns.models[arg] as unknown as Annotation;
    default: throw new Error(`unknown type ${JSON.stringify(spec)}`);
  }
}

/** D.1 value markers → Python values (`{"__float__": "2.0"}` → a Python float 2.0, …). */
export function value_from_marker(v: unknown, ns: Namespace): unknown {
  if (Array.isArray(v)) return v.map((x) => value_from_marker(x, ns));
  if (v === null || typeof v !== "object") return v;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 1) {
    const [k, x] = entries[0];
    switch (k) {
      case "__datetime__": return datetime.fromisoformat(x as string);
      case "__date__": return date.fromisoformat(x as string);
      case "__time__": return time.fromisoformat(x as string);
      case "__decimal__": return new Decimal(x as string);
      case "__uuid__": return new UUID(x as string);
      case "__float__": return new PyFloat(Number(x));
      case "__bytes__": return utf8_encode(x as string);
      case "__set__": return new Set((x as unknown[]).map((y) => value_from_marker(y, ns)));
      case "__enum__": return (x as [string, unknown])[1];
      case "__model__": {
        const [name, data] = x as [string, unknown];
        return ns.models[name].model_validate(value_from_marker(data, ns));
      }
      default:
    }
  }
  return Object.fromEntries(entries.map(([k, x]) => [k, value_from_marker(x, ns)]));
}

/** D.3 `enums` + `models` → annotations and model classes, in dependency order. */
export function build_namespace(enums: EnumSpec[] = [], models: ModelSpec[] = []): Namespace {
  const ns: Namespace = { enums: {}, models: {} };
  for (const e of enums) {
    const members = Object.fromEntries(e.members);
    ns.enums[e.name] = { annotation: t.Enum(members, e.name), members };
  }
  for (const m of models) {
    const fields: Record<string, unknown> = {};
    for (const f of m.fields) {
      const annotation = type_from_spec(f.type, ns);
      const options: FieldOptions = { ...(f.field ?? {}) };
      if ("default" in f) options.default = value_from_marker(f.default, ns);
      fields[f.name] = Object.keys(options).length ? Field(annotation, options) : annotation;
    }
    ns.models[m.name] = create_model(m.name, { fields, model_config: m.config ? ConfigDict(m.config) : undefined });
  }
  return ns;
}
