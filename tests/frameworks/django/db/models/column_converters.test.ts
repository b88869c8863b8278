/**
 * The SQLite backend's converters for a plain column, as Django 5.2's give them (values recorded
 * with the real Django and sqlite3 in the reference venv):
 * - DecimalField: `Context(prec=15).create_decimal_from_float(value)`, then `quantize` to
 *   decimal_places, rounded half to even, in a context of max_digits digits — InvalidOperation when
 *   the result needs more; TypeError for a value SQLite kept as text or blob.
 * - BooleanField: 1 and 0 → True and False.
 * Each converter also converts a whole column in place (`column(rows, i)`, what `apply_converters`
 * uses), with the same result as calling it per value.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlJsDriver } from "../../../../../src/runtime/sqlite";
import { connection } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import { Apps } from "../../../../../src/frameworks/django/apps/registry";
import { Decimal, InvalidOperation, create_decimal_from_float } from "../../../../../src/frameworks/python/decimal";
import { TypeError as PyTypeError } from "../../../../../src/frameworks/python/builtins";
import { Recorder, set_active_recorder } from "../../../../../src/trace";

const apps = new Apps([]);
const Priced = models.create_model("Priced", {
  app_label: "conv",
  Meta: { apps, ordering: ["id"] },
  fields: { price: new models.DecimalField({ max_digits: 8, decimal_places: 2, null: true }), flag: new models.BooleanField({ null: true }) },
});

beforeAll(() => set_active_recorder(new Recorder({ enabled: false })));

beforeEach(async () => {
  connection.set_driver(await SqlJsDriver.open());
  connection.cursor().execute('CREATE TABLE "conv_priced" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "price" decimal NULL, "flag" bool NULL)');
});

/** The price read back after inserting `sql` (an SQL literal) as the only row: its str, or the error's class and message. */
function price_of(sql: string): string {
  connection.cursor().execute('DELETE FROM "conv_priced"');
  connection.cursor().execute(`INSERT INTO "conv_priced" ("price") VALUES (${sql})`);
  try {
    const [obj] = Priced.objects.all().list() as any[];
    const [value] = Priced.objects.values_list("price", { flat: true }).list() as unknown[];
    return String(obj.price) === String(value) ? String(obj.price) : `${String(obj.price)} / ${String(value)}`;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe("DecimalField column converter", () => {
  it("rounds the float to 15 digits, then half to even to decimal_places, as Django does", () => {
    const cases: [string, string][] = [
      ["10.995", "11.00"],
      ["10.994", "10.99"],
      ["10.985", "10.98"],
      ["10.999", "11.00"],
      ["0.125", "0.12"],
      ["0.135", "0.14"],
      ["2.675", "2.68"],
      ["1.005", "1.00"],
      ["-1.005", "-1.00"],
      ["-10.995", "-11.00"],
      ["123456.789", "123456.79"],
      ["99999.995", "100000.00"],
      ["0.1", "0.10"],
      ["5", "5.00"],
      ["-0", "0.00"],
      ["1e-10", "0.00"],
      ["'10.5'", "10.50"],
      ["'2.5e3'", "2500.00"],
      ["NULL", "null"],
    ];
    expect(cases.map(([sql]) => [sql, price_of(sql)])).toEqual(cases);
  });

  it("raises InvalidOperation when the result needs more than max_digits digits, TypeError for text and blobs", () => {
    const invalid = "InvalidOperation: [<class 'decimal.InvalidOperation'>]";
    expect(["1234567.891", "999999.995", "12345678.9", "1e20", "123456789012345.67", "'abc'", "x'00'"].map(price_of)).toEqual([
      invalid,
      invalid,
      invalid,
      invalid,
      invalid,
      "TypeError: argument must be int or float",
      "TypeError: argument must be int or float",
    ]);
  });

  it("gives, for any number, create_decimal_from_float(v, 15).quantize(...) or InvalidOperation past max_digits", () => {
    const field = new models.DecimalField({ max_digits: 12, decimal_places: 3 });
    const [convert] = field.get_col_db_converters();
    const exact = (v: number): string => {
      const d = create_decimal_from_float(v, 15).quantize(new Decimal("0.000"));
      return d.digits.length > 12 ? "InvalidOperation" : String(d);
    };
    const ours = (v: number): string => {
      try {
        return String(convert(v, null, null));
      } catch (e) {
        if (!(e instanceof InvalidOperation)) throw e;
        return "InvalidOperation";
      }
    };
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values = [0.0005, 0.0015, 0.0025, -0.0005, 1e9 + 0.0005, 999999999.9995, 1e14 + 0.5, 1e14 + 0.03125, 2 ** -20, 1e-7, 123.4565, 2.5e-6];
    for (let i = 0; i < 1000; i++) {
      const magnitude = 10 ** Math.floor(random() * 22 - 8);
      const v = (random() - 0.5) * magnitude;
      values.push(v, Math.round(v * 2000) / 2000, Math.round(v));
    }
    for (const v of values) expect(ours(v), String(v)).toBe(exact(v));
    // Read twice (the second time from the cache): the same.
    for (const v of values.slice(0, 200)) expect(ours(v), String(v)).toBe(exact(v));
  });

  it("converts a whole column as it converts each value, and shares one frozen Decimal per stored number", () => {
    const [convert] = new models.DecimalField({ max_digits: 8, decimal_places: 2 }).get_col_db_converters();
    const rows = [[10.99], [null], [10.99], [3]];
    convert.column!(rows, 0);
    expect(rows.map(([v]) => (v === null ? null : String(v)))).toEqual(["10.99", null, "10.99", "3.00"]);
    expect(rows[0][0]).toBe(rows[2][0]);
    expect(Object.isFrozen(rows[0][0])).toBe(true);
    expect(() => convert.column!([["abc"]], 0)).toThrowError(new PyTypeError("argument must be int or float"));
  });
});

describe("BooleanField converter", () => {
  it("turns 1 and 0 into true and false, per value and per column", () => {
    const [convert] = new models.BooleanField().get_db_converters();
    const values = [1, 0, null, 2, "t"];
    const rows = values.map((v) => [v]);
    convert.column!(rows, 0);
    expect(rows.map(([v]) => v)).toEqual([true, false, null, 2, "t"]);
    expect(values.map((v) => convert(v, null, null))).toEqual([true, false, null, 2, "t"]);
  });
});
