/**
 * django.db.models.sql.where: a tree of conditions → the SQL of a WHERE (or HAVING) clause.
 * Main class: `WhereNode` (children joined by AND/OR, optionally negated).
 *
 *     (AND: title = %s, NOT (OR: pages < %s, pages > %s))
 *     → "title" = %s AND NOT ("pages" < %s OR "pages" > %s)
 *
 * A child that can match nothing (`pk__in=[]`) raises EmptyResultSet while compiling; an AND
 * with such a child is empty, an OR drops it. When the whole WHERE is empty, no query runs.
 */
import { EmptyResultSet, FullResultSet } from "../lookups";
import type { Compiler, SQL } from "../expressions";

export const AND = "AND";
export const OR = "OR";
export const XOR = "XOR";

export class WhereNode {
  readonly conditional = true;
  contains_over_clause = false;
  /** Set when the node is resolved again as an expression (Django's `resolved`): it prints in parentheses. */
  resolved = false;

  constructor(
    public children: any[] = [],
    public connector: string = AND,
    public negated = false,
  ) {}

  add(child: any, connector: string = AND): void {
    if (this.connector !== connector) {
      const inner = new WhereNode(this.children, this.connector, this.negated);
      this.children = [inner, child];
      this.connector = connector;
      this.negated = false;
      return;
    }
    if (child instanceof WhereNode && !child.negated && (child.connector === connector || child.children.length === 1)) this.children.push(...child.children);
    else this.children.push(child);
  }

  clone(): WhereNode {
    return new WhereNode(this.children.map((c) => (c instanceof WhereNode ? c.clone() : c)), this.connector, this.negated);
  }

  get contains_aggregate(): boolean {
    return this.children.some((c) => c.contains_aggregate);
  }

  get_group_by_cols(): any[] {
    return this.children.flatMap((c) => c.get_group_by_cols?.() ?? []);
  }

  get output_field(): any {
    return null;
  }

  get _output_field_or_null(): any {
    return null;
  }

  get_db_converters(): any[] {
    return [];
  }

  relabeled_clone(change_map: Map<string, string>): WhereNode {
    const c = new WhereNode(this.children.map((c) => (c.relabeled_clone ? c.relabeled_clone(change_map) : c)), this.connector, this.negated);
    c.resolved = this.resolved;
    return c;
  }

  /** An already built condition used as an expression again (an UPDATE value's When): marked resolved. */
  resolve_expression(): WhereNode {
    const c = new WhereNode([...this.children], this.connector, this.negated);
    c.resolved = true;
    return c;
  }

  /** Split into (WHERE part, HAVING part) by whether a child contains an aggregate. */
  split_having(): [WhereNode | null, WhereNode | null] {
    if (!this.contains_aggregate) return [this, null];
    if (this.connector === OR || this.negated) return [null, this];
    const where: any[] = [];
    const having: any[] = [];
    for (const c of this.children) (c.contains_aggregate ? having : where).push(c);
    return [where.length ? new WhereNode(where, AND) : null, having.length ? new WhereNode(having, AND) : null];
  }

  /**
   * Compile each child; count how many are empty (can match nothing) or full (match everything)
   * and decide, like Django, whether the node itself is empty or full.
   */
  as_sql(compiler: Compiler, _connection?: any): SQL {
    if (this.connector === XOR) return this.as_sql_xor(compiler);
    const parts: string[] = [];
    const params: unknown[] = [];
    let full_needed: number, empty_needed: number;
    if (this.connector === AND) [full_needed, empty_needed] = [this.children.length, 1];
    else [full_needed, empty_needed] = [1, this.children.length];
    for (const child of this.children) {
      try {
        const [sql, p] = compiler.compile(child);
        if (sql) {
          parts.push(sql);
          params.push(...p);
        } else full_needed -= 1;
      } catch (e) {
        if (e instanceof EmptyResultSet) empty_needed -= 1;
        else if (e instanceof FullResultSet) full_needed -= 1;
        else throw e;
      }
      if (empty_needed === 0) {
        if (this.negated) throw new FullResultSet();
        throw new EmptyResultSet();
      }
      if (full_needed === 0) {
        if (this.negated) throw new EmptyResultSet();
        throw new FullResultSet();
      }
    }
    let sql = parts.join(` ${this.connector} `);
    if (!sql) throw new FullResultSet();
    if (this.negated) sql = `NOT (${sql})`;
    else if (parts.length > 1 || this.resolved) sql = `(${sql})`;
    return [sql, params];
  }

  /**
   * SQLite has no logical XOR, so Django rewrites `a XOR b XOR …` as `(a OR b OR …) AND 1 =
   * MOD(CASE WHEN a THEN 1 ELSE 0 END + …, 2)`: true when an odd number of operands are true (the
   * MOD is left out for two operands).
   */
  as_sql_xor(compiler: Compiler): SQL {
    const [or_sql, or_params] = new WhereNode(this.children, OR).as_sql(compiler);
    const cases = this.children.map((child): SQL => {
      const [sql, params] = compiler.compile(child);
      return [`CASE WHEN ${sql} THEN %s ELSE %s END`, [...params, 1, 0]];
    });
    let [sum, sum_params] = cases[0];
    for (const [sql, params] of cases.slice(1)) [sum, sum_params] = [`(${sum} + ${sql})`, [...sum_params, ...params]];
    if (cases.length > 2) [sum, sum_params] = [`MOD(${sum}, %s)`, [...sum_params, 2]];
    // Exact's right-hand side is wrapped in parentheses unless it already starts with one.
    const sql = `${or_sql} AND %s = ${sum.startsWith("(") ? sum : `(${sum})`}`;
    return [this.negated ? `NOT (${sql})` : `(${sql})`, [...or_params, 1, ...sum_params]];
  }
}

/** A condition that matches nothing (`qs.none()`). */
export class NothingNode {
  readonly contains_aggregate = false;
  as_sql(): SQL {
    throw new EmptyResultSet();
  }
  get_group_by_cols(): any[] {
    return [];
  }
  relabeled_clone(): this {
    return this;
  }
}
