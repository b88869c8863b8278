/**
 * Python's type annotations as run-time values: `t.str`, `t.list(t.int)`, `t.Optional(Item)` …
 * turn into immutable `TypeForm` descriptors that Pydantic and FastAPI read (ADR 0010).
 *
 * TypeScript erases `name: string`, but Pydantic and FastAPI are driven by annotations that
 * Python keeps at run time (`Item.__annotations__`, `inspect.signature`). Here each annotation is
 * a value: a `TypeForm` tagged by `kind`, carrying its TypeScript type as a phantom parameter so
 * `TypeOf<typeof t.list(t.int)>` is `number[]` in the editor. Classes stand for themselves, as in
 * Python: a model class (`Item`), `datetime`, `date`, `time`, `timedelta`, `UUID`, `Decimal`.
 *
 *   t.str                       // str
 *   t.Optional(t.int)           // int | None          → number | null
 *   t.list(Item)                // list[Item]          → Item[]
 *   t.dict(t.str, t.float)      // dict[str, float]    → Record<string, number>
 *   t.Union(t.int, t.str)       // int | str           → number | string
 *   t.Literal("a", 1)           // Literal['a', 1]     → "a" | 1
 *   t.tuple(t.int, "...")       // tuple[int, ...]     → number[]
 */
import { date, datetime, time, timedelta } from "./datetime";
import { Decimal } from "./decimal";
import { UUID } from "./uuid";

export type TypeKind =
  | "str" | "int" | "float" | "bool" | "bytes" | "none" | "any"
  | "datetime" | "date" | "time" | "timedelta" | "uuid" | "decimal"
  | "list" | "set" | "frozenset" | "tuple" | "dict"
  | "optional" | "union" | "literal" | "enum" | "class" | "annotated";

/** One annotation. `T` is the TypeScript type of the values it admits (phantom: never stored). */
export class TypeForm<T = unknown> {
  declare readonly __value_type?: T;
  constructor(
    readonly kind: TypeKind,
    /** Type arguments (`list[int]` → `[int]`); literal values for `Literal`; `[cls]` for classes. */
    readonly args: readonly unknown[] = [],
    /** `Annotated` metadata (a FieldInfo's constraints), or an enum's `{ name, members }`. */
    readonly meta: Readonly<Record<string, unknown>> | null = null,
  ) {
    Object.freeze(this);
  }

  /** Python's spelling of the annotation: `list[int]`, `Optional[str]`, `Item`. */
  toString(): string {
    return annotation_repr(this);
  }
}

/** Anything usable as an annotation: a `TypeForm`, or a class standing for itself. */
export type Annotation = TypeForm<any> | (abstract new (...args: any[]) => any);

/** The TypeScript type of values an annotation admits. */
export type TypeOf<A> = A extends TypeForm<infer T>
  ? T
  : A extends abstract new (...args: any[]) => infer I
    ? I
    : A extends { readonly annotation: infer B; readonly __field_info: true }
      ? TypeOf<B>
      : unknown;

/** A table of annotations (a signature, a model's fields) → the object of values it admits. */
export type Signature<P> = { [K in keyof P]: TypeOf<P[K]> };

type Literalish = string | number | boolean | null;

function form<T>(kind: TypeKind, args: readonly unknown[] = [], meta: Record<string, unknown> | null = null): TypeForm<T> {
  return new TypeForm<T>(kind, args, meta);
}

const STR = form<string>("str");
const INT = form<number>("int");
const FLOAT = form<number>("float");
const BOOL = form<boolean>("bool");
const BYTES = form<Uint8Array>("bytes");
const NONE = form<null>("none");
const ANY = form<any>("any");

/**
 * A TS `enum` (or any `{ member: value }` object) as a Python `Enum` class named `name`: by default
 * the enum's own name (the loader gives each TS `enum` a hidden `__name__`, as a Python class has).
 */
function Enum<E extends Record<string, string | number>>(members: E, name: string = enum_name(members)): TypeForm<E[keyof E]> {
  // A numeric TS enum also maps values back to names (`{ 0: "a", a: 0 }`): keep the named ones.
  const entries = Object.entries(members).filter(([k, v]) => !(typeof v === "string" && /^\d+$/.test(k) && members[v] !== undefined));
  return form<E[keyof E]>("enum", entries.map(([, v]) => v), { name, members: Object.fromEntries(entries) });
}

function enum_name(members: object): string {
  const own = Object.getOwnPropertyDescriptor(members, "__name__");
  return own && !own.enumerable && typeof own.value === "string" ? own.value : "Enum";
}

export const t = Object.freeze({
  str: STR,
  int: INT,
  float: FLOAT,
  bool: BOOL,
  bytes: BYTES,
  None: NONE,
  Any: ANY,
  datetime: form<datetime>("datetime"),
  date: form<date>("date"),
  time: form<time>("time"),
  timedelta: form<timedelta>("timedelta"),
  UUID: form<UUID>("uuid"),
  Decimal: form<Decimal>("decimal"),
  list: <A extends Annotation>(item: A) => form<TypeOf<A>[]>("list", [item]),
  set: <A extends Annotation>(item: A) => form<Set<TypeOf<A>>>("set", [item]),
  frozenset: <A extends Annotation>(item: A) => form<ReadonlySet<TypeOf<A>>>("frozenset", [item]),
  /** `tuple[A, B]` as `t.tuple(A, B)`; `tuple[T, ...]` as `t.tuple(T, "...")`. */
  tuple: <A extends Annotation[]>(...items: [...A] | [A[0], "..."]) =>
    form<{ [K in keyof A]: TypeOf<A[K]> }>("tuple", items),
  dict: <K extends Annotation, V extends Annotation>(key: K, value: V) =>
    form<Record<string, TypeOf<V>>>("dict", [key, value]),
  Optional: <A extends Annotation>(item: A) => form<TypeOf<A> | null>("optional", [item]),
  Union: <A extends Annotation[]>(...choices: A) => form<TypeOf<A[number]>>("union", choices),
  Literal: <const L extends Literalish[]>(...values: L) => form<L[number]>("literal", values),
  Enum,
});

/** Normalise an annotation: classes for Python's value types become their `TypeForm`. */
export function as_type_form(a: unknown): TypeForm<any> {
  if (a instanceof TypeForm) return a;
  if (a === datetime) return t.datetime;
  if (a === date) return t.date;
  if (a === time) return t.time;
  if (a === timedelta) return t.timedelta;
  if (a === UUID) return t.UUID;
  if (a === Decimal) return t.Decimal;
  if (a === null) return t.None;
  if (a === String) return t.str;
  if (a === Number) return t.float;
  if (a === Boolean) return t.bool;
  if (typeof a === "function") return form("class", [a]);
  throw new TypeError(`${String(a)} is not a valid annotation: use t.str, t.int, t.list(...), a model class…`);
}

const SIMPLE_NAMES: Partial<Record<TypeKind, string>> = {
  str: "str", int: "int", float: "float", bool: "bool", bytes: "bytes", none: "None", any: "Any",
  datetime: "datetime", date: "date", time: "time", timedelta: "timedelta", uuid: "UUID", decimal: "Decimal",
};

/** Python's repr of an annotation (`list[int]`, `Optional[str]`, `Literal['a', 1]`). */
export function annotation_repr(a: unknown): string {
  const f = as_type_form(a);
  const simple = SIMPLE_NAMES[f.kind];
  if (simple) return simple;
  const inner = () => f.args.map(annotation_repr).join(", ");
  switch (f.kind) {
    case "list": case "set": case "frozenset": case "dict":
      return `${f.kind}[${inner()}]`;
    case "tuple":
      return `tuple[${f.args.map((x) => (x === "..." ? "..." : annotation_repr(x))).join(", ")}]`;
    case "optional":
      return `Optional[${inner()}]`;
    case "union":
      return `Union[${inner()}]`;
    case "literal":
      return `Literal[${f.args.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ")}]`;
    case "enum":
      return String(f.meta?.name ?? "Enum");
    case "class":
      return (f.args[0] as { name: string }).name;
    default:
      return f.kind;
  }
}
