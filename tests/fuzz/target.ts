/**
 * The contract of one fuzz target: a parser of untrusted input, the errors it documents, its size
 * limit, and how to make inputs for it. One module per parser in `targets/`; `targets/index.ts`
 * lists them. The rule every target is held to (issue 9): no error other than the documented,
 * typed ones, and no input within the size limit taking over 1 s.
 */
import type { Rng } from "./prng";

/** An error class the parser documents (matched with `instanceof`). */
export type ErrorClass = abstract new (...args: any[]) => Error;

export interface FuzzTarget<I = unknown> {
  /** Short name for the table and `--target`: "templates". */
  name: string;
  /** What is parsed into what: "template source → Template → rendered text". */
  parser: string;
  /** The documented size limit, in `unit`s; stress inputs are built up to it. */
  size_limit: number;
  unit: "chars" | "bytes";
  /** Where the limit comes from (shown in docs/limits.md). */
  limit_note: string;
  /** The typed errors this parser may raise; anything else is a defect. */
  errors: readonly ErrorClass[];
  /** Once before the first input (settings, an engine, a resolver). */
  setup?(): void | Promise<void>;
  /** A random input: grammar-aware generation or a mutation of a seed. Mostly small. */
  generate(rng: Rng): I;
  /** A pathological input of about `size` units (repetition of a fragment that stresses the parser). */
  stress(rng: Rng, size: number): I;
  size_of(input: I): number;
  /** Parse (and use) the input. May be async. */
  run(input: I): unknown;
  /** A short printable form for reports. */
  describe(input: I): string;
}

export function define_target<I>(target: FuzzTarget<I>): FuzzTarget<I> {
  return target;
}

/** `JSON.stringify` cut to `max` characters, for reports. */
export function preview(value: unknown, max = 160): string {
  let s: string;
  try {
    s = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v));
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 20)}…(${s.length} chars)` : s;
}
