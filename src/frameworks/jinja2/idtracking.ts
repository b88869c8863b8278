/**
 * jinja2.idtracking: which names a scope reads and writes → a symbol table (`Symbols`).
 *
 * Before the compiler writes a frame (the template's top level, a loop body, a macro, a block),
 * it walks the frame's nodes: every name read becomes a reference `l_<depth>_<name>` and the way
 * to load it on entry — `resolve` it from the context, alias the outer scope's variable, take it
 * as a `param`eter, or start it `undefined`. That is how `{% set %}` inside a loop stays inside
 * the loop and a macro cannot write its caller's variables, as in Jinja.
 */
import * as nodes from "./nodes";

export const VAR_LOAD_PARAMETER = "param";
export const VAR_LOAD_RESOLVE = "resolve";
export const VAR_LOAD_ALIAS = "alias";
export const VAR_LOAD_UNDEFINED = "undefined";

export type Load = [string, string | null];

export class Symbols {
  readonly level: number;
  refs = new Map<string, string>();
  loads = new Map<string, Load>();
  stores = new Set<string>();

  constructor(
    readonly parent: Symbols | null = null,
    level: number | null = null,
  ) {
    this.level = level ?? (parent === null ? 0 : parent.level + 1);
  }

  analyze_node(node: nodes.Node, for_branch?: string): void {
    new RootVisitor(this).visit(node, for_branch);
  }

  private define_ref(name: string, load: Load | null = null): string {
    const ident = `l_${this.level}_${name}`;
    this.refs.set(name, ident);
    if (load) this.loads.set(ident, load);
    return ident;
  }

  find_load(target: string): Load | null {
    if (this.loads.has(target)) return this.loads.get(target)!;
    return this.parent ? this.parent.find_load(target) : null;
  }

  find_ref(name: string): string | null {
    if (this.refs.has(name)) return this.refs.get(name)!;
    return this.parent ? this.parent.find_ref(name) : null;
  }

  ref(name: string): string {
    const rv = this.find_ref(name);
    if (rv === null) throw new Error(`Tried to resolve a name to a reference that was unknown to the frame ('${name}')`);
    return rv;
  }

  copy(): Symbols {
    const rv = new Symbols(this.parent, this.level);
    rv.refs = new Map(this.refs);
    rv.loads = new Map(this.loads);
    rv.stores = new Set(this.stores);
    return rv;
  }

  store(name: string): void {
    this.stores.add(name);
    if (this.refs.has(name)) return;
    if (this.parent) {
      const outer_ref = this.parent.find_ref(name);
      if (outer_ref !== null) {
        this.define_ref(name, [VAR_LOAD_ALIAS, outer_ref]);
        return;
      }
    }
    this.define_ref(name, [VAR_LOAD_UNDEFINED, null]);
  }

  declare_parameter(name: string): string {
    this.stores.add(name);
    return this.define_ref(name, [VAR_LOAD_PARAMETER, null]);
  }

  load(name: string): void {
    if (this.find_ref(name) === null) this.define_ref(name, [VAR_LOAD_RESOLVE, name]);
  }

  /** After an `if`: names stored in only some branches must fall back to the outer value. */
  branch_update(branch_symbols: Symbols[]): void {
    const stores = new Map<string, number>();
    for (const branch of branch_symbols) {
      for (const target of branch.stores) {
        if (this.stores.has(target)) continue;
        stores.set(target, (stores.get(target) ?? 0) + 1);
      }
    }
    for (const sym of branch_symbols) {
      for (const [k, v] of sym.refs) this.refs.set(k, v);
      for (const [k, v] of sym.loads) this.loads.set(k, v);
      for (const s of sym.stores) this.stores.add(s);
    }
    for (const [name, branch_count] of stores) {
      if (branch_count === branch_symbols.length) continue;
      const target = this.find_ref(name)!;
      const outer_target = this.parent ? this.parent.find_ref(name) : null;
      if (outer_target !== null) {
        this.loads.set(target, [VAR_LOAD_ALIAS, outer_target]);
        continue;
      }
      this.loads.set(target, [VAR_LOAD_RESOLVE, name]);
    }
  }

  /** Every name stored in this frame and its parents → its reference (innermost wins). */
  dump_stores(): Map<string, string> {
    const rv = new Map<string, string>();
    for (let node: Symbols | null = this; node; node = node.parent) {
      for (const name of [...node.stores].sort()) if (!rv.has(name)) rv.set(name, this.find_ref(name)!);
    }
    return rv;
  }

  dump_param_targets(): Set<string> {
    const rv = new Set<string>();
    for (let node: Symbols | null = this; node; node = node.parent) {
      for (const [target, [instr]] of this.loads) if (instr === VAR_LOAD_PARAMETER) rv.add(target);
    }
    return rv;
  }
}

/** Visits the frame's own node: which children belong to this scope. */
class RootVisitor {
  private readonly sym_visitor: FrameSymbolVisitor;
  constructor(symbols: Symbols) {
    this.sym_visitor = new FrameSymbolVisitor(symbols);
  }

  visit(node: nodes.Node, for_branch?: string): void {
    const v = this.sym_visitor;
    if (node instanceof nodes.For) return this.visit_For(node, for_branch ?? "body");
    if (node instanceof nodes.AssignBlock) return node.body.forEach((c) => v.visit(c));
    if (node instanceof nodes.CallBlock) {
      for (const child of node.iter_child_nodes({ exclude: ["call"] })) v.visit(child);
      return;
    }
    if (node instanceof nodes.With) {
      node.targets.forEach((t) => v.visit(t));
      node.body.forEach((c) => v.visit(c));
      return;
    }
    if (node instanceof nodes.Template || node instanceof nodes.Block || node instanceof nodes.Macro || node instanceof nodes.FilterBlock || node instanceof nodes.Scope || node instanceof nodes.If || node instanceof nodes.ScopedEvalContextModifier) {
      for (const child of node.iter_child_nodes()) v.visit(child);
      return;
    }
    throw new Error(`Cannot find symbols for '${node.node_type}'`);
  }

  private visit_For(node: nodes.For, for_branch: string): void {
    const v = this.sym_visitor;
    let branch: nodes.Node[];
    if (for_branch === "body") {
      v.visit(node.target, true);
      branch = node.body;
    } else if (for_branch === "else") branch = node.else_;
    else {
      v.visit(node.target, true);
      if (node.test) v.visit(node.test);
      return;
    }
    for (const item of branch) v.visit(item);
  }
}

/** Records the loads and stores of one frame; stops at nested scopes. */
class FrameSymbolVisitor {
  constructor(public symbols: Symbols) {}

  visit(node: nodes.Node, store_as_param = false): void {
    if (node instanceof nodes.Name) {
      if (store_as_param || node.ctx === "param") this.symbols.declare_parameter(node.name);
      else if (node.ctx === "store") this.symbols.store(node.name);
      else if (node.ctx === "load") this.symbols.load(node.name);
      return;
    }
    if (node instanceof nodes.NSRef) return this.symbols.load(node.name);
    if (node instanceof nodes.If) return this.visit_If(node);
    if (node instanceof nodes.Macro) return this.symbols.store(node.name);
    if (node instanceof nodes.Import) {
      this.generic_visit(node, store_as_param);
      return this.symbols.store(node.target);
    }
    if (node instanceof nodes.FromImport) {
      this.generic_visit(node, store_as_param);
      for (const name of node.names) this.symbols.store(Array.isArray(name) ? name[1] : name);
      return;
    }
    if (node instanceof nodes.Assign) {
      this.visit(node.node);
      this.visit(node.target);
      return;
    }
    if (node instanceof nodes.For) return this.visit(node.iter);
    if (node instanceof nodes.CallBlock) return this.visit(node.call);
    if (node instanceof nodes.FilterBlock) return this.visit(node.filter);
    if (node instanceof nodes.With) return node.values.forEach((t) => this.visit(t));
    if (node instanceof nodes.AssignBlock) return this.visit(node.target);
    if (node instanceof nodes.Scope || node instanceof nodes.Block) return;
    this.generic_visit(node, store_as_param);
  }

  private generic_visit(node: nodes.Node, store_as_param: boolean): void {
    for (const child of node.iter_child_nodes()) this.visit(child, store_as_param);
  }

  private visit_If(node: nodes.If): void {
    this.visit(node.test);
    const original = this.symbols;
    const inner_visit = (list: nodes.Node[]): Symbols => {
      const rv = original.copy();
      this.symbols = rv;
      for (const sub of list) this.visit(sub);
      this.symbols = original;
      return rv;
    };
    const body = inner_visit(node.body);
    const elif = inner_visit(node.elif_);
    const else_ = inner_visit(node.else_);
    this.symbols.branch_update([body, elif, else_]);
  }
}

/** Names from `names` that the nodes read without defining them (`loop`, `caller`, `super`…). */
export function find_undeclared(node_list: Iterable<nodes.Node>, names: string[]): Set<string> {
  const undeclared = new Set<string>();
  const wanted = new Set(names);
  const visit = (node: nodes.Node): boolean => {
    if (node instanceof nodes.Name) {
      if (node.ctx === "load" && wanted.has(node.name)) {
        undeclared.add(node.name);
        if (undeclared.size === wanted.size) return true;
      }
      return false;
    }
    if (node instanceof nodes.Block) return false; // blocks have their own scope
    for (const child of node.iter_child_nodes()) if (visit(child)) return true;
    return false;
  };
  for (const node of node_list) if (visit(node)) break;
  return undeclared;
}
