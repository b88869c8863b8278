/**
 * Pydantic workload (issues 11 and 13): the anchors' 10-field `Item` (micro_bench.py) validated
 * from a dict with `Item.model_validate(dict)`, and from JSON text with `model_validate_json`.
 * Real pydantic-core takes ≈ 3.6 µs for the dict case on this kind of machine (anchors' results.md);
 * `pydantic_validate_us` is ours.
 */
import { BaseModel, Field, t } from "../src/frameworks/pydantic";
import { figure, run_cases, type Figure, type RunOptions } from "./harness";

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

/** `Item.model_validate(dict)` and `model_validate_json(text)`, µs per call (the anchors' micro_bench.py rows). */
export async function bench_pydantic(options: RunOptions): Promise<Figure[]> {
  if (Item.model_validate(ITEM).quantity !== 3) throw new Error("pydantic bench: Item did not validate");
  const json = JSON.stringify(ITEM);
  const res = await run_cases(
    [
      { name: "dict", fn: () => Item.model_validate(ITEM), n: 10_000 },
      { name: "json", fn: () => Item.model_validate_json(json), n: 10_000 },
    ],
    options,
  );
  return [
    figure("pydantic_validate_us", "Pydantic Item.model_validate(dict)", "us", res.get("dict")!, { script: "micro_bench", workload: "micro.pydantic alone: Item.model_validate(dict)", metric: "us/op" }),
    figure("pydantic_validate_json_us", "Pydantic Item.model_validate_json(text)", "us", res.get("json")!, { script: "micro_bench", workload: "micro.pydantic alone: Item.model_validate_json(bytes)", metric: "us/op" }),
  ];
}
