/** django.utils.functional: cached_property, lazy/lazystr/keep_lazy, SimpleLazyObject, partition. */
import { describe, expect, it } from "vitest";
import { Promise as LazyPromise, SimpleLazyObject, cached_property, classproperty, is_cached_property, keep_lazy_text, lazy, lazystr, partition } from "../../../../src/frameworks/django/utils/functional";
import { reverse_lazy } from "../../../../src/frameworks/django/urls";

describe("cached_property", () => {
  class Counter {
    static runs = 0;
    get total() {
      return ++Counter.runs;
    }
    static {
      cached_property(this, "total");
    }
  }

  it("runs the getter once per instance and keeps the value on the instance", () => {
    Counter.runs = 0;
    const c = new Counter();
    expect([c.total, c.total]).toEqual([1, 1]);
    expect(Object.getOwnPropertyDescriptor(c, "total")!.value).toBe(1);
    expect(new Counter().total).toBe(2);
  });

  it("computes again after delete (Python's del obj.attr), and an assignment sets the cached value", () => {
    Counter.runs = 10;
    const c = new Counter();
    expect(c.total).toBe(11);
    delete (c as { total?: number }).total;
    expect(c.total).toBe(12);
    (c as { total: number }).total = 99;
    expect(c.total).toBe(99);
    expect(is_cached_property(Counter, "total")).toBe(true);
  });

  it("accepts a plain method, read afterwards as an attribute", () => {
    class Person {
      calls = 0;
      name = "Ada";
      greeting(): string {
        this.calls++;
        return `Hi ${this.name}`;
      }
      static {
        cached_property(this, "greeting");
      }
    }
    const p = new Person() as unknown as { greeting: string; calls: number };
    expect([p.greeting, p.greeting, p.calls]).toEqual(["Hi Ada", "Hi Ada", 1]);
  });

  it("names the missing attribute when there is nothing to cache", () => {
    class Empty {}
    expect(() => cached_property(Empty, "nope")).toThrow("cached_property: Empty has no method or getter named 'nope' to cache.");
  });
});

describe("lazy values", () => {
  it("lazy(func, String) calls func on each use and proxies the result's methods", () => {
    let n = 0;
    const upper = lazy((s: string) => `${s.toUpperCase()}${++n}`, String);
    const value = upper("ab");
    expect(n).toBe(0);
    expect(value).toBeInstanceOf(LazyPromise);
    expect(String(value)).toBe("AB1");
    expect(`${value}`).toBe("AB2");
    expect(value.toLowerCase()).toBe("ab3");
  });

  it("keep_lazy_text keeps a lazy argument's call lazy and calls at once otherwise", () => {
    const shout = keep_lazy_text((t: unknown) => `${String(t)}!`);
    expect(shout("x")).toBe("x!");
    const deferred = shout(lazystr("y"));
    expect(deferred).toBeInstanceOf(LazyPromise);
    expect(String(deferred)).toBe("y!");
  });

  it("reverse_lazy is a Promise that reverses when cast", () => {
    expect(reverse_lazy("anything")).toBeInstanceOf(LazyPromise);
    expect(() => lazy(() => 1)).toThrow("You must pass at least one argument to lazy().");
  });

  it("classproperty calls its method with the class", () => {
    class Model {
      static label = "m";
    }
    expect(new classproperty((cls: typeof Model) => cls.label.toUpperCase()).__get__(null, Model)).toBe("M");
  });
});

describe("SimpleLazyObject", () => {
  it("runs its setup function on first use only, then behaves as the result", () => {
    let made = 0;
    const make = () => (made++, { name: "ada", greet() { return `hi ${this.name}`; } });
    const user = new SimpleLazyObject(make) as unknown as { name: string; greet(): string; __repr__(): string; _wrapped: unknown };
    expect(user.__repr__()).toBe("<SimpleLazyObject: <function make>>");
    expect(made).toBe(0);
    expect(user.greet()).toBe("hi ada");
    user.name = "grace";
    expect([user.name, made, "name" in user]).toEqual(["grace", 1, true]);
    const numbers = new SimpleLazyObject(() => [1, 2]) as unknown as { length: number; __repr__(): string };
    expect([numbers.length, numbers.__repr__()]).toEqual([2, "<SimpleLazyObject: [1, 2]>"]);
  });

  it("answers instanceof for the wrapped object's class", () => {
    class User {}
    expect(new SimpleLazyObject(() => new User())).toBeInstanceOf(User);
    expect(String(new SimpleLazyObject(() => [1, 2]))).toBe("1,2");
  });
});

describe("partition", () => {
  it("splits values into [false, true] by the predicate", () => {
    expect(partition((x: number) => x > 1, [0, 1, 2, 3])).toEqual([[0, 1], [2, 3]]);
  });
});
