/**
 * python/signature: a call that does not fit a function's signature → CPython 3.11's TypeError,
 * word for word (each expectation was printed by CPython 3.11 for the same def and call).
 */
import { describe, expect, it } from "vitest";
import { Signature, signature_of, with_signature } from "../../../src/frameworks/python/signature";

const f = Signature.parse("f(a, b=1, /, c=2)");
const g = Signature.parse("g(a, b)");
const h = Signature.parse("h(a, b, c, d)");
const k = Signature.parse("k(a, *args, **kw)");
const one = Signature.parse("one(a)");

describe("Signature.bind_error", () => {
  it.each([
    [f, 1, ["a"], "f() got some positional-only arguments passed as keyword arguments: 'a'"],
    [f, 1, ["a", "b"], "f() got some positional-only arguments passed as keyword arguments: 'a, b'"],
    [g, 1, ["a"], "g() got multiple values for argument 'a'"],
    [g, 3, [], "g() takes 2 positional arguments but 3 were given"],
    [h, 0, [], "h() missing 4 required positional arguments: 'a', 'b', 'c', and 'd'"],
    [h, 1, [], "h() missing 3 required positional arguments: 'b', 'c', and 'd'"],
    [one, 2, [], "one() takes 1 positional argument but 2 were given"],
    [one, 0, [], "one() missing 1 required positional argument: 'a'"],
    [k, 0, [], "k() missing 1 required positional argument: 'a'"],
    [f, 4, [], "f() takes from 1 to 3 positional arguments but 4 were given"],
    [g, 2, ["x"], "g() got an unexpected keyword argument 'x'"],
    [g, 0, ["x"], "g() got an unexpected keyword argument 'x'"],
  ] as const)("%#: %s", (sig, given, keywords, message) => {
    expect(sig.bind_error(given, keywords)).toBe(message);
  });

  it("binds what fits: defaults, keywords by name, *args and **kwargs", () => {
    expect(f.bind_error(1, ["c"])).toBeNull();
    expect(g.bind_error(1, ["b"])).toBeNull();
    expect(k.bind_error(9, ["anything", "at_all"])).toBeNull();
    expect(k.bind_error(0, ["a"])).toBeNull();
  });

  it("words C functions' errors as C functions do", () => {
    const abs = Signature.builtin_o("abs");
    expect(abs.bind_error(2, [])).toBe("abs() takes exactly one argument (2 given)");
    expect(Signature.builtin_o("len").bind_error(0, [])).toBe("len() takes exactly one argument (0 given)");
    expect(abs.bind_error(0, ["x"])).toBe("abs() takes no keyword arguments");
    const eq = Signature.positional("eq", 2, 2, "_operator.eq");
    expect(eq.bind_error(1, [])).toBe("eq expected 2 arguments, got 1");
    expect(eq.bind_error(1, ["b"])).toBe("_operator.eq() takes no keyword arguments");
    expect(eq.bind_error(2, [])).toBeNull();
  });

  it("is attached to a function and read back", () => {
    const fn = with_signature(() => 1, "do_thing(value, width=80)");
    expect(signature_of(fn)?.params).toEqual(["value", "width"]);
    expect(signature_of(() => 1)).toBeUndefined();
  });

  it("refuses text that is not a signature", () => {
    expect(() => Signature.parse("not one")).toThrow("not a signature");
    expect(() => Signature.parse("f(a=1, b)")).toThrow("non-default parameter follows default parameter");
  });
});
