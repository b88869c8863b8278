/**
 * The runtime's instance filler factory (src/runtime/instance-filler.ts, ADR 0030): a model's
 * attnames → a generated function that stores row[offset + i] under attnames[i]. A name is data,
 * never code: whatever it holds, nothing runs but the stores, and the stores are exactly the ones
 * the ORM's pure loop makes — same own properties, same values, same prototype changes, same errors.
 * The runtime installs it when it starts (headless.ts, which the worker runs).
 */
import { afterEach, describe, expect, it } from "vitest";
import { generated_instance_filler } from "../../src/runtime/instance-filler";
import "../../src/runtime/headless";
import { loop_instance_filler, set_instance_filler_factory, type InstanceFiller } from "../../src/frameworks/django/db/models/base";

const ATTACKS = [
  '"]; globalThis.pwned = 1; //',
  "']; globalThis.pwned = 1; //",
  "\"] = 0; globalThis.pwned = 1; obj[\"",
  "\\",
  '\\"]; globalThis.pwned = 1; //',
  "\\u0022]; globalThis.pwned = 1; //",
  "`${globalThis.pwned = 1}`",
  "${globalThis.pwned = 1}",
  "\u2028globalThis.pwned = 1;\u2029",
  "a\nglobalThis.pwned = 1; //",
  "a\r\nglobalThis.pwned = 1; //",
  "*/ globalThis.pwned = 1; /*",
  "</script><script>globalThis.pwned = 1</script>",
  "\uD800",
  "\u0000",
  "",
  "0",
  "1e3",
  "constructor",
  "toString",
  "hasOwnProperty",
  "__defineSetter__",
  "__proto__",
];

type Filled = { keys: string[]; values: unknown[]; proto: object | null; error: string | null };

/** What a filler leaves on a fresh object (its own names and values, its prototype), or the error it raised. */
function fill_with(fill: InstanceFiller, row: unknown[], offset: number, target: () => object = () => ({})): Filled {
  const obj = target();
  try {
    fill(obj, row, offset);
  } catch (e) {
    return { keys: [], values: [], proto: null, error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
  const keys = Object.getOwnPropertyNames(obj);
  return { keys, values: keys.map((k) => (obj as Record<string, unknown>)[k]), proto: Object.getPrototypeOf(obj), error: null };
}

afterEach(() => {
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe("generated instance fillers", () => {
  it("store each column under its name, from the given offset", () => {
    const fill = generated_instance_filler(["id", "title", "author_id"]);
    const obj: Record<string, unknown> = {};
    fill(obj, ["skipped", 7, "Emma", 3], 1);
    expect(obj).toEqual({ id: 7, title: "Emma", author_id: 3 });
    expect(Object.keys(obj)).toEqual(["id", "title", "author_id"]);
  });

  it("run nothing a name holds: quotes, backslashes, line and paragraph separators, comments, template text", () => {
    const fill = generated_instance_filler(ATTACKS);
    const row = ATTACKS.map((_, i) => `v${i}`);
    const filled = fill_with(fill, row, 0);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    // The source is the header and one store per name, each name a single string literal.
    expect(String(fill).split("\n").filter((line) => line.startsWith("obj[")).length).toBe(ATTACKS.length);
    expect(filled).toEqual(fill_with(loop_instance_filler(ATTACKS), row, 0));
    // "__proto__" is Object.prototype's setter, as in the loop: a string value leaves the prototype alone.
    expect(filled.keys).toEqual(ATTACKS.filter((name) => name !== "__proto__").sort((a, b) => (/^\d+$/.test(a) ? -1 : /^\d+$/.test(b) ? 1 : 0)));
    expect(filled.proto).toBe(Object.prototype);
  });

  it("make the same stores as the pure loop for names that reach special properties", () => {
    const names = ["__proto__", "constructor", "toString", "0", "length"];
    const parent = { inherited: true };
    for (const row of [[parent, 1, 2, 3, 4], [null, "c", "t", "z", 5], ["x", undefined, null, 0, -1]]) {
      const generated = fill_with(generated_instance_filler(names), row, 0);
      expect(generated).toEqual(fill_with(loop_instance_filler(names), row, 0));
    }
    // An object value under "__proto__" becomes the prototype, through both.
    expect(fill_with(generated_instance_filler(["__proto__"]), [parent], 0).proto).toBe(parent);
    // A null value too (Object.prototype's __proto__ setter accepts null).
    expect(fill_with(generated_instance_filler(["__proto__"]), [null], 0).proto).toBe(null);
  });

  it("raise what the loop raises: a store to a read-only or frozen property fails in strict code", () => {
    const frozen = () => Object.freeze({ id: 1 });
    const getter_only = () => Object.create({ get title() { return "fixed"; } }) as object;
    for (const target of [frozen, getter_only]) {
      const generated = fill_with(generated_instance_filler(["id", "title"]), [2, "x"], 0, target);
      expect(generated.error).toMatch(/^TypeError: /);
      expect(generated.error).toBe(fill_with(loop_instance_filler(["id", "title"]), [2, "x"], 0, target).error);
    }
  });

  it("refuse a name that is not a primitive string, before making anything", () => {
    const evil = { toString: () => '"]; globalThis.pwned = 1; //', toJSON: () => "x" };
    for (const name of [evil, new String("a"), 1, Symbol("s"), null] as unknown as string[]) {
      expect(() => generated_instance_filler(["id", name])).toThrowError(new TypeError("instance filler: attname 1 is not a string"));
    }
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it("a very wide model is filled by the pure loop, with the same stores", () => {
    const names = Array.from({ length: 2001 }, (_, i) => `f${i}`);
    const row = names.map((_, i) => i);
    const fill = generated_instance_filler(names);
    expect(String(fill)).not.toContain("f2000");
    expect(fill_with(fill, row, 0)).toEqual(fill_with(loop_instance_filler(names), row, 0));
  });

  it("are what the runtime installs: loading headless.ts (the worker's runtime) installs the generated factory", () => {
    const installed = set_instance_filler_factory(null);
    set_instance_filler_factory(installed);
    expect(installed).toBe(generated_instance_filler);
  });
});
