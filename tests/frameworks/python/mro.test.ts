import { describe, expect, it } from "vitest";
import { PyObject, c3_merge, class_path, mro_of, python_class } from "../../../src/frameworks/python/mro";
import { class_anatomy } from "../../../src/frameworks/python/inspect";

const A = python_class("m", [], (Base) => class A extends Base {
  static tag = "a";
  who(): string[] { return ["A"]; }
});
const B = python_class("m", [A], (Base) => class B extends Base {
  override who(): string[] { return ["B", ...super.who()]; }
});
const C = python_class("m", [A], (Base) => class C extends Base {
  static override tag = "c";
  override who(): string[] { return ["C", ...super.who()]; }
});
const D = python_class("m", [B, C], (Base) => class D extends Base {
  override who(): string[] { return ["D", ...super.who()]; }
});

describe("python_class: C3 MRO as a prototype chain", () => {
  it("linearises a diamond as Python does: D, B, C, A, object", () => {
    expect(mro_of(D).map(class_path)).toEqual(["m.D", "m.B", "m.C", "m.A", "builtins.object"]);
  });

  it("super() in B goes to C inside a D, and to A inside a B", () => {
    expect(new D().who()).toEqual(["D", "B", "C", "A"]);
    expect(new B().who()).toEqual(["B", "A"]);
  });

  it("instances get class attributes through the MRO (C's tag hides A's)", () => {
    expect(new D().tag).toBe("c");
    expect(new B().tag).toBe("a");
  });

  it("isinstance sees every class of the MRO, copies included", () => {
    const d = new D();
    expect(d instanceof C).toBe(true);
    expect(d instanceof A).toBe(true);
    expect(d instanceof PyObject).toBe(true);
    expect(new B() instanceof C).toBe(false);
  });

  it("a plain subclass gets its own MRO", () => {
    class E extends D {}
    expect(mro_of(E)[0]).toBe(E);
    expect(mro_of(E).slice(1)).toEqual(mro_of(D));
  });

  it("an inconsistent order raises Python's TypeError", () => {
    expect(() => c3_merge([[A, PyObject], [B, A, PyObject], [A, B]])).toThrow("Cannot create a consistent method resolution order (MRO) for bases A, B");
  });

  it("class_anatomy names the owner and the overridden classes", () => {
    const anatomy = class_anatomy(D);
    expect(anatomy.bases).toEqual(["m.B", "m.C"]);
    expect(anatomy.own).toEqual(["who"]);
    expect(anatomy.attributes.who).toEqual({ defined_in: "m.D", kind: "method", overrides: ["m.B", "m.C", "m.A"] });
    expect(anatomy.attributes.tag).toEqual({ defined_in: "m.C", kind: "attribute", overrides: ["m.A"], value: "c" });
  });
});
