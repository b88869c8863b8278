/**
 * BaseModel over pydantic-core: validation (lax and strict), the exact errors and their str(),
 * dumps, validators and JSON Schema — each expectation recorded from real Pydantic 2.13.5.
 */
import { describe, expect, it } from "vitest";
import { BaseModel, ConfigDict, Field, field_validator, model_validator, t, TypeAdapter, ValidationError, ValueError } from "../../../src/frameworks/pydantic";
import { datetime } from "../../../src/frameworks/python/datetime";
import { py_json_dumps } from "../../../src/frameworks/python/json";
import { jsonable_encoder } from "../../../src/frameworks/fastapi/encoders";

class Address extends BaseModel {
  static fields = { city: t.str, zip_code: Field(t.str, { pattern: "^\\d{5}$", description: "Zip" }) };
  declare city: string;
  declare zip_code: string;
}

class Person extends BaseModel {
  static fields = {
    name: Field(t.str, { min_length: 1, max_length: 20 }),
    age: Field(t.int, { ge: 0, lt: 150 }),
    email: Field(t.Optional(t.str), { default: null }),
    tags: Field(t.list(t.str), { default: [] }),
    address: Field(t.Optional(Address), { default: null }),
  };
  declare name: string;
  declare age: number;
  declare tags: string[];
  declare address: Address | null;
}

function errors_of(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("no ValidationError");
}

describe("BaseModel validation", () => {
  it("coerces in lax mode and builds nested models", () => {
    const p = Person.model_validate({ name: "Ann", age: "30", address: { city: "X", zip_code: "12345" }, tags: ["a"] });
    expect(p).toBeInstanceOf(Person);
    expect(p.address).toBeInstanceOf(Address);
    expect(p.model_dump_json()).toBe('{"name":"Ann","age":30,"email":null,"tags":["a"],"address":{"city":"X","zip_code":"12345"}}');
  });

  it("reports every failing field in declaration order with pydantic-core's types, ctx and urls", () => {
    const e = errors_of(() => Person.model_validate({ name: "", age: 200, tags: "x", address: { zip_code: "1" } }));
    expect(e.error_count()).toBe(5);
    expect(JSON.parse(e.json()).map((x: { type: string; loc: unknown[] }) => [x.type, x.loc])).toEqual([
      ["string_too_short", ["name"]], ["less_than", ["age"]], ["list_type", ["tags"]], ["missing", ["address", "city"]], ["string_pattern_mismatch", ["address", "zip_code"]],
    ]);
    expect(e.errors()[0]).toEqual({ type: "string_too_short", loc: ["name"], msg: "String should have at least 1 character", input: "", ctx: { min_length: 1 }, url: "https://errors.pydantic.dev/2.13/v/string_too_short" });
  });

  it("prints str(ValidationError) as pydantic does, truncating long inputs", () => {
    const e = errors_of(() => Person.model_validate({ name: "A", age: "x".repeat(100) }));
    expect(e.toString()).toBe(
      "1 validation error for Person\nage\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='xxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxx', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.13/v/int_parsing",
    );
    const top = errors_of(() => Person.model_validate([1]));
    expect(top.toString()).toBe("1 validation error for Person\n  Input should be a valid dictionary or instance of Person [type=model_type, input_value=[1], input_type=list]\n    For further information visit https://errors.pydantic.dev/2.13/v/model_type");
  });

  it("uses JSON messages and jiter's parse errors for model_validate_json", () => {
    expect(errors_of(() => Person.model_validate_json("[1]")).errors()[0].msg).toBe("Input should be an object");
    expect(errors_of(() => Person.model_validate_json('{"name": "Ann", "age": 30')).errors()[0].msg).toBe("Invalid JSON: EOF while parsing an object at line 1 column 25");
  });

  it("new Item(data) validates like model_validate and keeps fields_set", () => {
    const p = new Person({ name: "B", age: 1 });
    expect(p.name).toBe("B");
    expect([...p.model_fields_set]).toEqual(["name", "age"]);
    expect(p.model_dump({ exclude_unset: true })).toEqual({ name: "B", age: 1 });
    expect(p.__repr__()).toBe("Person(name='B', age=1, email=None, tags=[], address=None)");
    expect(() => new Person({ name: "B" })).toThrow(ValidationError);
  });

  it("gives each instance its own copy of a mutable default", () => {
    const a = Person.model_validate({ name: "a", age: 1 });
    a.tags.push("x");
    expect(Person.model_validate({ name: "b", age: 1 }).tags).toEqual([]);
  });
});

describe("floats, unions and strict mode", () => {
  class U extends BaseModel {
    static fields = { v: t.Union(t.int, t.float), un: Field(t.Union(t.int, t.str), { default: 0 }), f: Field(t.float, { gt: 0 }) };
  }
  it("keeps the exact union member and writes float ctx as a float", () => {
    const e = errors_of(() => U.model_validate({ v: "x", un: 1.5, f: 0 }));
    expect(e.json()).toBe(
      '[{"type":"int_parsing","loc":["v","int"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x","url":"https://errors.pydantic.dev/2.13/v/int_parsing"},' +
        '{"type":"float_parsing","loc":["v","float"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x","url":"https://errors.pydantic.dev/2.13/v/float_parsing"},' +
        '{"type":"int_from_float","loc":["un","int"],"msg":"Input should be a valid integer, got a number with a fractional part","input":1.5,"url":"https://errors.pydantic.dev/2.13/v/int_from_float"},' +
        '{"type":"string_type","loc":["un","str"],"msg":"Input should be a valid string","input":1.5,"url":"https://errors.pydantic.dev/2.13/v/string_type"},' +
        '{"type":"greater_than","loc":["f"],"msg":"Input should be greater than 0","input":0,"ctx":{"gt":0.0},"url":"https://errors.pydantic.dev/2.13/v/greater_than"}]',
    );
    expect(U.model_validate({ v: 1, un: true, f: 2 }).model_dump_json()).toBe('{"v":1,"un":1,"f":2.0}');
  });

  it("rejects coercion under ConfigDict(strict=True)", () => {
    class S extends BaseModel {
      static model_config = ConfigDict({ strict: true });
      static fields = { n: t.int, s: t.str };
    }
    expect(errors_of(() => S.model_validate({ n: "1", s: 2 })).errors().map((x) => x.type)).toEqual(["int_type", "string_type"]);
  });
});

describe("aliases, extra and dumps", () => {
  class A extends BaseModel {
    static model_config = ConfigDict({ extra: "forbid" });
    static fields = { user_name: Field(t.str, { alias: "userName" }), n: Field(t.int, { default: 0, validation_alias: "count", serialization_alias: "total" }) };
  }
  it("validates by alias, dumps by name or alias, forbids extras", () => {
    const a = A.model_validate({ userName: "a", count: 3 });
    expect(a.model_dump()).toEqual({ user_name: "a", n: 3 });
    expect(a.model_dump_json({ by_alias: true })).toBe('{"userName":"a","total":3}');
    expect(errors_of(() => A.model_validate({ userName: "a", x: 1 })).errors().map((e) => [e.type, e.loc])).toEqual([["extra_forbidden", ["x"]]]);
    expect(errors_of(() => A.model_validate({ user_name: "a" })).errors()[0].loc).toEqual(["userName"]);
  });

  it("writes datetimes with Z, sets as lists and inf as null in JSON", () => {
    const ta = new TypeAdapter(t.dict(t.str, t.Any));
    expect(ta.dump_json({ d: new datetime(2024, 1, 2, 3, 4, 5, 500000), s: new Set([1]), x: Infinity })).toBe('{"d":"2024-01-02T03:04:05.500000","s":[1],"x":null}');
    expect(new TypeAdapter(t.datetime).dump_json(new TypeAdapter(t.datetime).validate_python(1700000000.5))).toBe('"2023-11-14T22:13:20.500000Z"');
  });
});

describe("validators", () => {
  class V extends BaseModel {
    static fields = { name: t.str, a: t.int, b: t.int };
    static strip_name = field_validator("name")(function (value: string) {
      if (!value.trim()) throw new ValueError("must not be blank");
      return value.trim();
    });
    static order = model_validator({ mode: "after" })(function (self: V & { a: number; b: number }) {
      if (self.a > self.b) throw new ValueError("a must not exceed b");
      return self;
    });
  }
  it("runs field_validator after the type and turns ValueError into value_error", () => {
    expect(V.model_validate({ name: "  x ", a: 1, b: 2 }).model_dump()).toEqual({ name: "x", a: 1, b: 2 });
    const blank = errors_of(() => V.model_validate({ name: " ", a: 1, b: 2 }));
    // ctx keeps the exception itself (Python shows `{'error': ValueError('must not be blank')}`); json() writes its str.
    expect(blank.errors()[0]).toEqual({
      type: "value_error", loc: ["name"], msg: "Value error, must not be blank", input: " ", ctx: { error: expect.any(ValueError) }, url: "https://errors.pydantic.dev/2.13/v/value_error",
    });
    expect(String(blank.errors()[0].ctx!.error)).toBe("must not be blank");
    expect(blank.json()).toBe('[{"type":"value_error","loc":["name"],"msg":"Value error, must not be blank","input":" ","ctx":{"error":"must not be blank"},"url":"https://errors.pydantic.dev/2.13/v/value_error"}]');
    expect(errors_of(() => V.model_validate({ name: "x", a: 3, b: 2 })).errors()[0].loc).toEqual([]);
  });
});

describe("model_json_schema", () => {
  it("writes $defs, refs, anyOf for Optional and titles as Pydantic 2", () => {
    expect(Person.model_json_schema()).toEqual({
      $defs: { Address: { properties: { city: { title: "City", type: "string" }, zip_code: { description: "Zip", pattern: "^\\d{5}$", title: "Zip Code", type: "string" } }, required: ["city", "zip_code"], title: "Address", type: "object" } },
      properties: {
        name: { maxLength: 20, minLength: 1, title: "Name", type: "string" },
        age: { exclusiveMaximum: 150, minimum: 0, title: "Age", type: "integer" },
        email: { anyOf: [{ type: "string" }, { type: "null" }], default: null, title: "Email" },
        tags: { default: [], items: { type: "string" }, title: "Tags", type: "array" },
        address: { anyOf: [{ $ref: "#/$defs/Address" }, { type: "null" }], default: null },
      },
      required: ["name", "age"],
      title: "Person",
      type: "object",
    });
  });
});

describe("TypeAdapter for parameters", () => {
  it("validates several values into one state so a caller can build one error list (FastAPI's 422)", async () => {
    const { new_state, INVALID } = await import("../../../src/frameworks/pydantic_core");
    const st = new_state();
    const item_id = new TypeAdapter(t.int).validate_into("5.5", st);
    const q = new TypeAdapter(Field(t.str, { max_length: 3 })).validate_into("abcd", st);
    expect([item_id, q]).toEqual([INVALID, INVALID]);
    expect(st.errors.map((e) => [e.type, e.input, e.ctx])).toEqual([["int_parsing", "5.5", undefined], ["string_too_long", "abcd", { max_length: 3 }]]);
    expect(new TypeAdapter(t.list(t.int)).validate_python(["1", 2])).toEqual([1, 2]);
  });

  it("model_dump() marks its float fields, so a dump spread into a dict prints 1.0 as Python does, the keys unchanged", () => {
    class Price extends BaseModel {
      static fields = { name: t.str, price: t.float, tax: Field(t.Optional(t.float), { default: null }), count: t.int, history: Field(t.list(t.float), { default: [] }) };
    }
    const dump = new Price({ name: "a", price: 1, tax: 2.5, count: 3, history: [1, 2.5] }).model_dump();
    const result = { item_id: 3, ...dump };
    expect([Object.keys(result), JSON.stringify(result)]).toEqual([["item_id", "name", "price", "tax", "count", "history"], '{"item_id":3,"name":"a","price":1,"tax":2.5,"count":3,"history":[1,2.5]}']);
    expect(py_json_dumps(result, { separators: [",", ":"] })).toBe('{"item_id":3,"name":"a","price":1.0,"tax":2.5,"count":3,"history":[1.0,2.5]}');
    expect(py_json_dumps(jsonable_encoder(result), { separators: [",", ":"] })).toBe('{"item_id":3,"name":"a","price":1.0,"tax":2.5,"count":3,"history":[1.0,2.5]}');
    expect(py_json_dumps({ item_id: 3, price: 1 }, { separators: [",", ":"] })).toBe('{"item_id":3,"price":1}');
  });
});
