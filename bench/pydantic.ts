/**
 * Pydantic workload (issues 11 and 13): the anchors' 10-field `Item` (micro_bench.py) validated
 * from a dict with `Item.model_validate(dict)`, and from JSON text with `model_validate_json`.
 * Real pydantic-core takes ≈ 3.6 µs for the dict case on this kind of machine (anchors' results.md);
 * `pydantic_validate_us` is ours.
 */
import { performance } from "node:perf_hooks";
import { BaseModel, Field, t } from "../src/frameworks/pydantic";

export class Item extends BaseModel {
  static fields = {
    name: t.str,
    description: Field(t.Optional(t.str), { default: null }),
    price: t.float,
    tax: Field(t.Optional(t.float), { default: null }),
    quantity: t.int,
    in_stock: t.bool,
    tags: t.list(t.str),
    sku: Field(t.str, { pattern: "^[A-Z]{3}-\\d{4}$" }),
    rating: Field(t.int, { ge: 0, le: 5 }),
    created: t.datetime,
  };
  declare name: string;
  declare quantity: number;
}

export const ITEM = {
  name: "Widget",
  description: "A very useful widget",
  price: 19.99,
  tax: 1.6,
  quantity: 3,
  in_stock: true,
  tags: ["tools", "garden", "sale"],
  sku: "WID-1234",
  rating: 4,
  created: "2024-05-01T12:30:00Z",
};

function time_us(fn: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1000) / iterations;
}

/** Median of `runs` timed runs after a warm-up, in µs per call. */
function median_us(fn: () => unknown, iterations: number, runs = 7): number {
  time_us(fn, iterations / 5);
  const samples = Array.from({ length: runs }, () => time_us(fn, iterations)).sort((a, b) => a - b);
  return samples[runs >> 1];
}

export function bench_pydantic(): { pydantic_validate_us: number; pydantic_validate_json_us: number } {
  if (Item.model_validate(ITEM).quantity !== 3) throw new Error("pydantic bench: Item did not validate");
  const json = JSON.stringify(ITEM);
  const pydantic_validate_us = median_us(() => Item.model_validate(ITEM), 100_000);
  const pydantic_validate_json_us = median_us(() => Item.model_validate_json(json), 50_000);
  console.log(`bench pydantic Item.model_validate(dict): ${pydantic_validate_us.toFixed(3)} µs (pydantic_validate_us; pydantic-core ≈ 3.6 µs in the anchors)`);
  console.log(`bench pydantic Item.model_validate_json(text): ${pydantic_validate_json_us.toFixed(3)} µs`);
  return { pydantic_validate_us, pydantic_validate_json_us };
}

if (process.argv[1]?.endsWith("pydantic.ts")) bench_pydantic();
