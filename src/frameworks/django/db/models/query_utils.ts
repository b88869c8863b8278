/**
 * django.db.models.query_utils: the small pieces the query layer shares — `Q` (a tree of filter
 * conditions joined by AND/OR, possibly negated) and the lookup registry that fields, transforms
 * and expressions use to say which `__lookup` names they understand.
 *
 *     Q({ pages__lt: 200 }).or(Q({ pages__gt: 450 }))        # Q(pages__lt=200) | Q(pages__gt=450)
 *     Q({ in_print: true }).and(Q({ author__name: "Jane" })).negate()
 *
 * A registry is a class attribute: `CharField.register_lookup(Unaccent)` adds a lookup for every
 * CharField; `get_lookup("icontains")` walks the class chain, nearest class first.
 */
import { py_repr } from "../../../python/builtins";

export const AND = "AND";
export const OR = "OR";
export const XOR = "XOR";
export type Connector = typeof AND | typeof OR | typeof XOR;

/** A child of a Q: `["pages__lt", 200]` or another Q (or an expression with `conditional`). */
export type QChild = [string, unknown] | Q | { conditional: true; resolve_expression: Function };

/** `django.db.models.Q`: filter conditions, combinable with `and()`, `or()`, `negate()` (`&`, `|`, `~`). */
export class Q {
  readonly conditional = true;
  children: QChild[];
  connector: Connector;
  negated: boolean;

  constructor(kwargs: Record<string, unknown> | QChild[] = {}, options: { _connector?: Connector; _negated?: boolean } = {}) {
    this.children = Array.isArray(kwargs) ? [...kwargs] : Object.entries(kwargs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.connector = options._connector ?? AND;
    this.negated = options._negated ?? false;
  }

  /** `self & other` */
  and(other: Q | QChild): Q {
    return this._combine(other, AND);
  }

  /** `self | other` */
  or(other: Q | QChild): Q {
    return this._combine(other, OR);
  }

  /** `self ^ other` */
  xor(other: Q | QChild): Q {
    return this._combine(other, XOR);
  }

  /** `~self` */
  negate(): Q {
    const q = this.copy();
    q.negated = !q.negated;
    return q;
  }

  copy(): Q {
    return new Q([...this.children], { _connector: this.connector, _negated: this.negated });
  }

  /** An empty Q adds nothing: `Q() & q` is `q`. */
  _combine(other: Q | QChild, conn: Connector): Q {
    const rhs = other instanceof Q ? other : new Q([other]);
    if (!rhs.children.length) return this.copy();
    if (!this.children.length) return rhs.copy();
    const q = new Q([], { _connector: conn });
    q.add(this, conn);
    q.add(rhs, conn);
    return q;
  }

  /** tree.Node.add: squash a same-connector, non-negated child into this node. */
  add(child: QChild, conn: Connector): void {
    if (this.connector !== conn) {
      const inner = new Q([...this.children], { _connector: this.connector, _negated: this.negated });
      this.connector = conn;
      this.negated = false;
      this.children = [inner, child];
      return;
    }
    if (child instanceof Q && !child.negated && (child.connector === conn || child.children.length === 1)) this.children.push(...child.children);
    else this.children.push(child);
  }

  get length(): number {
    return this.children.length;
  }

  /** `str(q)`: `(OR: ('headline__startswith', 'Who'), (NOT (AND: ('pub_date__year', 2005))))` */
  toString(): string {
    const inner = this.children.map((c) => (c instanceof Q ? c.toString() : Array.isArray(c) ? `(${py_repr(c[0])}, ${py_repr(c[1])})` : String(c))).join(", ");
    const body = `(${this.connector}: ${inner})`;
    return this.negated ? `(NOT ${body})` : body;
  }

  /** `repr(q)`: `<Q: (AND: ('pk', 1))>` */
  __repr__(): string {
    return `<Q: ${this.toString()}>`;
  }
}

// --- the lookup registry ------------------------------------------------------------------------

/** What a registered lookup or transform class looks like from the registry's side. */
export interface LookupClass {
  lookup_name: string;
  prototype: object;
}

type WithRegistry = { class_lookups?: Map<string, LookupClass> };

/** `register_lookup(lookup, lookup_name=None)` on a class: the class's own map, created on first use. */
export function register_lookup(cls: Function, lookup: LookupClass, lookup_name: string = lookup.lookup_name): LookupClass {
  const holder = cls as unknown as WithRegistry;
  if (!Object.prototype.hasOwnProperty.call(holder, "class_lookups") || !holder.class_lookups) holder.class_lookups = new Map();
  holder.class_lookups!.set(lookup_name, lookup);
  return lookup;
}

/** Every lookup visible from a class, nearest class winning (Django's `get_class_lookups`). */
export function class_lookup(cls: Function | null, name: string): LookupClass | undefined {
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.prototype.hasOwnProperty.call(c, "class_lookups")) {
      const found = (c as WithRegistry).class_lookups!.get(name);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every lookup and transform name visible from a class (Django's `get_lookups()`), nearest class last. */
export function class_lookup_names(cls: Function | null): string[] {
  const chain: WithRegistry[] = [];
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) if (Object.prototype.hasOwnProperty.call(c, "class_lookups")) chain.unshift(c);
  const names = new Set<string>();
  for (const c of chain) for (const name of c.class_lookups!.keys()) names.add(name);
  return [...names];
}

/** Is `klass` a lookup that transforms (has `transform` behaviour) rather than compares? */
export function is_transform(klass: LookupClass | undefined): boolean {
  return Boolean(klass && (klass as unknown as { is_transform?: boolean }).is_transform);
}

/** `LOOKUP_SEP` */
export const LOOKUP_SEP = "__";
