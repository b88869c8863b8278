/**
 * The runtime's instance filler factory: a model's attnames → a function made for them that stores
 * a fetched row's columns on a blank instance, one store per column. Main function:
 * `generated_instance_filler`; `install_instance_filler` hands it to the ORM
 * (`set_instance_filler_factory`, django/db/models/base.ts), as the runtime does when it starts
 * (headless.ts, which the worker runs) and as `npm run bench` does.
 *
 *     generated_instance_filler(["id", "title"])  →  function (obj, row, offset) {
 *                                                      "use strict";
 *                                                      obj["id"] = row[offset + 0];
 *                                                      obj["title"] = row[offset + 1];
 *                                                    }
 *
 * Why: the ORM's pure filler is one loop whose store `obj[name] = …` sees every column of every
 * model, which V8 serves by its generic keyed store (~10 ns a column); a function per model has a
 * store site per column that sees one name and one shape (~1–2 ns). See ADR 0030.
 *
 * What makes it safe: the factory takes names, never source text. Each name must be a primitive
 * string and is written as a JSON string literal (`JSON.stringify`), which escapes quotes,
 * backslashes and control characters; since ES2019 every other character, U+2028 and U+2029
 * included, is legal inside a string literal. A name therefore stays one string literal, whatever
 * it holds: data, never code. The only other text is the column's index, a number this module
 * counts. The body is strict, as the loop it replaces is (a store to a read-only property throws).
 */
// The package first: its modules depend on each other in an order only its index gets right.
import "../frameworks/django/db";
import { loop_instance_filler, set_instance_filler_factory, type InstanceFiller } from "../frameworks/django/db/models/base";

/** A model with more columns than this is filled by the pure loop (its source would be large for no gain). */
const MAX_GENERATED_COLUMNS = 2000;

export function generated_instance_filler(attnames: readonly string[]): InstanceFiller {
  if (attnames.length > MAX_GENERATED_COLUMNS) return loop_instance_filler(attnames);
  const stores: string[] = [];
  for (let i = 0; i < attnames.length; i++) {
    const name = attnames[i];
    if (typeof name !== "string") throw new TypeError(`instance filler: attname ${i} is not a string`);
    stores.push(`obj[${JSON.stringify(name)}] = row[offset + ${i}];`);
  }
  return new Function("obj", "row", "offset", `"use strict";\n${stores.join("\n")}`) as InstanceFiller;
}

/** Make the ORM fill fetched instances with generated per-model stores. */
export function install_instance_filler(): void {
  set_instance_filler_factory(generated_instance_filler);
}
