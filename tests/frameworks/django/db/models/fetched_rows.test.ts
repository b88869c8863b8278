/**
 * Rows into instances (the QuerySet hot path): each fetched instance reports the database it came
 * from and `adding = false`, and gets a state of its own the first time it is asked for — the state
 * rows share until then is never visible. DecimalField columns come back as Python's Decimal does.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SqlJsDriver } from "../../../../../src/runtime/sqlite";
import { connection } from "../../../../../src/frameworks/django/db";
import * as models from "../../../../../src/frameworks/django/db/models";
import { Apps } from "../../../../../src/frameworks/django/apps/registry";
import { Decimal } from "../../../../../src/frameworks/python/decimal";
import { Recorder, set_active_recorder } from "../../../../../src/trace";
import { post_init } from "../../../../../src/frameworks/django/db/models/signals";

const apps = new Apps([]);
const Shelf = models.create_model("Shelf", { app_label: "lib", Meta: { apps }, fields: { name: new models.CharField({ max_length: 20 }) } });
const Item = models.create_model("Item", {
  app_label: "lib",
  Meta: { apps, ordering: ["id"] },
  fields: {
    title: new models.CharField({ max_length: 50 }),
    price: new models.DecimalField({ max_digits: 8, decimal_places: 2 }),
    shelf: new models.ForeignKey("Shelf", { on_delete: models.CASCADE }),
  },
});

beforeAll(() => set_active_recorder(new Recorder({ enabled: false })));

beforeEach(async () => {
  connection.set_driver(await SqlJsDriver.open());
  connection.cursor().execute('CREATE TABLE "lib_shelf" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(20) NOT NULL)');
  connection.cursor().execute('CREATE TABLE "lib_item" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(50) NOT NULL, "price" decimal NOT NULL, "shelf_id" integer NOT NULL)');
  const shelf = Shelf.objects.create({ name: "A" });
  for (const [title, price] of [["one", "10.99"], ["two", "0.50"], ["three", "-3.00"], ["four", "1200"]]) Item.objects.create({ title, price, shelf });
});

describe("fetched instances", () => {
  it("say where they came from, and each gets its own state when asked", () => {
    const [a, b] = Item.objects.all().list() as any[];
    expect([a._state.adding, a._state.db, b._state.adding, b._state.db]).toEqual([false, "default", false, "default"]);
    expect(a._state).not.toBe(b._state);
    a._state.fields_cache.shelf = "cached";
    a._state.adding = true;
    expect([b._state.fields_cache, b._state.adding]).toEqual([{}, false]);
    expect((Item.objects.get({ pk: b.pk }) as any)._state.fields_cache).toEqual({});
  });

  it("keep their own state through select_related and save", () => {
    const item = Item.objects.select_related("shelf").get({ title: "two" }) as any;
    expect(item._state.fields_cache.shelf.name).toBe("A");
    item.title = "TWO";
    item.save();
    expect((Item.objects.get({ pk: item.pk }) as any).title).toBe("TWO");
    expect(item._state.adding).toBe(false);
  });

  it("a new instance starts adding, without a database", () => {
    const fresh = new Item({ title: "new", price: "1.00" }) as any;
    expect([fresh._state.adding, fresh._state.db]).toEqual([true, null]);
  });

  it("DecimalField columns are Decimals quantized to decimal_places, as Django's SQLite converter gives them", () => {
    const prices = (Item.objects.all().list() as any[]).map((i) => i.price);
    expect(prices.map(String)).toEqual(["10.99", "0.50", "-3.00", "1200.00"]);
    expect(prices.every((p) => p instanceof Decimal)).toBe(true);
    expect(prices.map((p: Decimal) => [p.sign, p.digits, p.exponent])).toEqual([[0, "1099", -2], [0, "50", -2], [1, "300", -2], [0, "120000", -2]]);
  });
});

describe("rows into instances", () => {
  it("are instances of their model, each column an own property under its attname, the constructor not run", () => {
    const items = Item.objects.all().list() as any[];
    expect(items.map((i) => [i instanceof Item, i.constructor === Item, Object.keys(i)])).toEqual(
      Array.from({ length: 4 }, () => [true, true, ["id", "title", "price", "shelf_id"]]),
    );
    expect(items.map((i) => String(i))).toEqual(["Item object (1)", "Item object (2)", "Item object (3)", "Item object (4)"]);
  });

  it("rows holding the same stored price share one Decimal, which cannot be changed", () => {
    Item.objects.create({ title: "five", price: "10.99", shelf: Shelf.objects.get({ name: "A" }) });
    const prices = (Item.objects.filter({ price: "10.99" }).list() as any[]).map((i) => i.price);
    expect(prices.map(String)).toEqual(["10.99", "10.99"]);
    expect(() => {
      prices[0].digits = "1";
    }).toThrowError(TypeError);
    expect(String(prices[1])).toBe("10.99");
  });

  it("the same stored number read through fields with other decimal_places is quantized for each", () => {
    const Coarse = models.create_model("Coarse", { app_label: "lib", Meta: { apps, db_table: "lib_item" }, fields: { price: new models.DecimalField({ max_digits: 8, decimal_places: 1 }) } });
    const Fine = models.create_model("Fine", { app_label: "lib", Meta: { apps, db_table: "lib_item" }, fields: { price: new models.DecimalField({ max_digits: 8, decimal_places: 3 }) } });
    const prices = (model: any) => (model.objects.order_by("id").list() as any[]).map((i) => String(i.price));
    expect([prices(Coarse), prices(Fine), prices(Item)]).toEqual([
      ["11.0", "0.5", "-3.0", "1200.0"],
      ["10.990", "0.500", "-3.000", "1200.000"],
      ["10.99", "0.50", "-3.00", "1200.00"],
    ]);
  });

  it("DateField columns come back as dates, the stored text parsed per row", () => {
    const Dated = models.create_model("Dated", { app_label: "lib", Meta: { apps }, fields: { on: new models.DateField() } });
    connection.cursor().execute('CREATE TABLE "lib_dated" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "on" date NOT NULL)');
    connection.cursor().execute(`INSERT INTO "lib_dated" ("on") VALUES ('2000-01-08'), ('2024-2-29'), ('2024-02-29 10:00:00')`);
    expect((Dated.objects.order_by("id").list() as any[]).map((d) => [d.on.constructor.name, d.on.isoformat()])).toEqual([
      ["date", "2000-01-08"],
      ["date", "2024-02-29"],
      ["date", "2024-02-29"],
    ]);
  });
});

describe("rows into instances, row by row, when something must see each one made", () => {
  it("a model's own from_db makes every fetched instance, select_related's too, each row's before the next, as Django's ModelIterable and RelatedPopulator call it", () => {
    const made: string[] = [];
    class Rack extends models.Model {
      static override fields = { name: new models.CharField({ max_length: 20 }) };
      static override Meta = { apps, app_label: "lib", db_table: "lib_shelf" };
      static override from_db(this: any, db: string, field_names: string[], values: unknown[]): any {
        made.push(`Rack ${values.join(",")}`);
        const obj = models.Model.from_db.call(this, db, field_names, values);
        obj._loaded_values = Object.fromEntries(field_names.map((name, i) => [name, values[i]]));
        return obj;
      }
    }
    class Piece extends models.Model {
      static override fields = { title: new models.CharField({ max_length: 50 }), shelf: new models.ForeignKey(Rack, { on_delete: models.CASCADE }) };
      static override Meta = { apps, app_label: "lib", db_table: "lib_item" };
      static override from_db(this: any, db: string, field_names: string[], values: unknown[]): any {
        made.push(`Piece ${values.join(",")}`);
        const obj = models.Model.from_db.call(this, db, field_names, values);
        obj._loaded_values = Object.fromEntries(field_names.map((name, i) => [name, values[i]]));
        return obj;
      }
    }
    const pieces = (Piece.objects.select_related("shelf").order_by("id").slice(0, 2) as models.QuerySet).list() as any[];
    expect(made).toEqual(["Piece 1,one,1", "Rack 1,A", "Piece 2,two,1", "Rack 1,A"]);
    expect([pieces[0]._loaded_values, pieces[0]._state.fields_cache.shelf._loaded_values, pieces[1].shelf.name]).toEqual([{ id: 1, title: "one", shelf_id: 1 }, { id: 1, name: "A" }, "A"]);
    made.length = 0;
    expect((Piece.objects.order_by("-id").list() as any[]).map((p) => p.title)).toEqual(["four", "three", "two", "one"]);
    expect(made).toEqual(["Piece 4,four,1", "Piece 3,three,1", "Piece 2,two,1", "Piece 1,one,1"]);
  });

  it("post_init is sent for each row's instance, then for its select_related object, row after row", () => {
    const seen: string[] = [];
    const receiver = (sender: any, kwargs: any) => seen.push(`${sender.name} ${kwargs.instance.pk}`);
    post_init.connect(receiver, { sender: Item, weak: false });
    post_init.connect(receiver, { sender: Shelf, weak: false });
    try {
      const items = Item.objects.select_related("shelf").filter({ pk__lte: 2 }).list() as any[];
      expect(seen).toEqual(["Item 1", "Shelf 1", "Item 2", "Shelf 1"]);
      expect(items.map((i) => [i.title, i.shelf.name])).toEqual([["one", "A"], ["two", "A"]]);
    } finally {
      post_init.disconnect(receiver, { sender: Item });
      post_init.disconnect(receiver, { sender: Shelf });
    }
  });
});

describe("Decimal.from_fixed", () => {
  it("is Decimal(text) for every toFixed text", () => {
    for (const n of [0, -0.0001, 1, -1, 10.99, 0.5, -0.004, 123456.789, 1e14, -99999.999, 0.001, 5e-7])
      for (const places of [0, 1, 2, 5]) {
        const text = n.toFixed(places);
        const [fast, general] = [Decimal.from_fixed(text), new Decimal(text)];
        expect([fast.sign, fast.digits, fast.exponent, String(fast)], text).toEqual([general.sign, general.digits, general.exponent, String(general)]);
      }
  });
});
