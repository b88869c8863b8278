/**
 * Part of django.db.models.base: how a fetched row's columns become an instance's attributes
 * (Python's `cls(*values)` fast path in `Model.from_db`, `_setattr(self, field.attname, val)` for each
 * field). Main functions: `instance_filler` (used by base.ts's `from_db_loader`) and
 * `set_instance_filler_factory`, the hook through which the runtime installs per-model stores
 * generated from the attnames (src/runtime/instance-filler.ts, ADR 0030).
 *
 * A module of its own, importing nothing: the runtime installs its factory when it starts, and the
 * worker evaluates Django's modules only when a Django project needs them (its modes are chunks
 * evaluated on first use), so installing must not load Django.
 */

/**
 * An instance filler stores a row's columns on a blank instance: `fill(obj, row, offset)` does
 * `obj[attnames[i]] = row[offset + i]` for each of the attnames it was made for, in order — Python's
 * `cls(*values)` fast path, which sets each field by name (`_setattr(self, field.attname, val)`).
 * A factory makes one per model and list of attnames (cached here, per model).
 */
export type InstanceFiller = (obj: object, row: readonly unknown[], offset: number) => void;
export type InstanceFillerFactory = (attnames: readonly string[]) => InstanceFiller;

/**
 * The pure filler: one loop for every model. Its store `obj[name] = …` sees every column name of
 * every model, so V8 serves it by its generic keyed store (~10 ns a column). The runtime installs a
 * factory that makes a store per column instead (src/runtime/instance-filler.ts, ADR 0030).
 */
export function loop_instance_filler(attnames: readonly string[]): InstanceFiller {
  const names = attnames.slice();
  const n = names.length;
  return (obj, row, offset) => {
    for (let i = 0; i < n; i++) (obj as any)[names[i]] = row[offset + i];
  };
}

let filler_factory: InstanceFillerFactory = loop_instance_filler;
/** Per model: the attnames it was loaded with (`only()`/`defer()` make other lists) and the filler made for each. */
let fillers = new WeakMap<object, { names: readonly string[]; fill: InstanceFiller }[]>();
const FILLERS_PER_MODEL = 64;

/**
 * Install the factory that makes instance fillers (the runtime's, or `null` for the pure loop) and
 * return the one it replaces. Fillers made by the previous factory are forgotten.
 */
export function set_instance_filler_factory(factory: InstanceFillerFactory | null): InstanceFillerFactory {
  const previous = filler_factory;
  filler_factory = factory ?? loop_instance_filler;
  fillers = new WeakMap();
  return previous;
}

/** The filler for a model's attnames, made once per model and list of names. */
export function instance_filler(cls: object, attnames: readonly string[]): InstanceFiller {
  let made = fillers.get(cls);
  if (made === undefined) fillers.set(cls, (made = []));
  for (const entry of made) if (same_names(entry.names, attnames)) return entry.fill;
  if (made.length >= FILLERS_PER_MODEL) made.length = 0;
  const names = attnames.slice();
  const fill = filler_factory(names);
  made.push({ names, fill });
  return fill;
}

function same_names(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
