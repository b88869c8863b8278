/**
 * unittest.loader: classes, modules, dotted names and folders → a TestSuite. Main class:
 * `TestLoader`. A test is a method whose name starts with `test` on a TestCase subclass a module
 * exports; methods are sorted by name, as `dir()` lists them, and so are a module's classes.
 *
 *     loader.loadTestsFromName("polls.tests.QuestionModelTests.test_future_question")
 *     loader.discover("polls", { pattern: "test*" })   // polls/tests.ts, polls/tests/test_views.ts…
 *
 * A module that cannot be imported becomes a failing test (`unittest.loader._FailedTest`), so the
 * run reports the ImportError instead of stopping.
 */
import { AttributeError } from "../builtins";
import { import_module } from "../importlib";
import { iter_modules } from "../pkgutil";
import { TestCase } from "./case";
import { TestSuite, type Test } from "./suite";

type TestCaseClass = (new (methodName?: string) => TestCase) & typeof TestCase;
type Module = Record<string, unknown>;

function is_test_case_class(value: unknown): value is TestCaseClass {
  return typeof value === "function" && value.prototype instanceof TestCase;
}

/** `fnmatch` of a module name (without ".py"/".ts") against a pattern such as `test*`. */
function fnmatch(name: string, pattern: string): boolean {
  const source = pattern.replace(/\.(py|ts)$/, "").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(name);
}

/** `unittest.loader._FailedTest`: a module or name that could not be loaded, reported as an error when run. */
export function _make_failed_test(methodname: string, exception: unknown): TestSuite {
  const _FailedTest = class extends TestCase {};
  Object.defineProperty(_FailedTest, "name", { value: "_FailedTest" });
  Object.defineProperty(_FailedTest, "__module__", { value: "unittest.loader" });
  Object.defineProperty(_FailedTest.prototype, methodname, {
    value: function failed_test() {
      throw exception;
    },
  });
  return new TestSuite([new _FailedTest(methodname)]);
}

export class TestLoader {
  testMethodPrefix = "test";
  /** `-k` patterns: a test runs when one matches its id (fnmatch with `*…*` added). */
  testNamePatterns: string[] | null = null;
  errors: string[] = [];

  /** The `test*` methods of a class and its bases, sorted by name. */
  getTestCaseNames(testCaseClass: TestCaseClass): string[] {
    const names = new Set<string>();
    for (let proto = testCaseClass.prototype; proto && proto !== TestCase.prototype && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (!name.startsWith(this.testMethodPrefix)) continue;
        const value = Object.getOwnPropertyDescriptor(proto, name)?.value;
        if (typeof value !== "function") continue;
        if (this.testNamePatterns && !this.matches_pattern(testCaseClass, name)) continue;
        names.add(name);
      }
    }
    return [...names].sort();
  }

  private matches_pattern(testCaseClass: TestCaseClass, name: string): boolean {
    const full = `${(testCaseClass as { __module__?: string }).__module__ ?? ""}.${testCaseClass.name}.${name}`;
    return this.testNamePatterns!.some((pattern) => (pattern.includes("*") ? fnmatch(full, pattern) : full.includes(pattern)));
  }

  loadTestsFromTestCase(testCaseClass: TestCaseClass): TestSuite {
    return new TestSuite(this.getTestCaseNames(testCaseClass).map((name) => new testCaseClass(name)));
  }

  /** Every TestCase class the module exports, by name (as `dir(module)`). */
  loadTestsFromModule(module: Module, module_name?: string): TestSuite {
    const tests: Test[] = [];
    for (const name of Object.keys(module).sort()) {
      const value = module[name];
      if (!is_test_case_class(value)) continue;
      if (module_name && !Object.prototype.hasOwnProperty.call(value, "__module__"))
        Object.defineProperty(value, "__module__", { value: module_name, writable: true, configurable: true });
      tests.push(this.loadTestsFromTestCase(value));
    }
    return new TestSuite(tests);
  }

  /** A dotted name: a module, a class in one, or one test method (`polls.tests.QuestionModelTests.test_x`). */
  loadTestsFromName(name: string): TestSuite {
    const parts = name.split(".");
    let module: Module | null = null;
    let used = parts.length;
    let import_error: unknown = null;
    for (; used > 0; used--) {
      try {
        module = import_module(parts.slice(0, used).join(".")) as Module;
        break;
      } catch (e) {
        if (used === parts.length) import_error = e;
      }
    }
    if (module === null) return _make_failed_test(name, import_error);
    const module_name = parts.slice(0, used).join(".");
    const rest = parts.slice(used);
    if (!rest.length) return this.loadTestsFromModule(module, module_name);
    const cls = module[rest[0]];
    if (!is_test_case_class(cls)) return _make_failed_test(name, import_error ?? new AttributeError(`module '${module_name}' has no attribute '${rest[0]}'`));
    this.loadTestsFromModule({ [rest[0]]: cls }, module_name);
    if (rest.length === 1) return this.loadTestsFromTestCase(cls);
    if (typeof (cls.prototype as unknown as Record<string, unknown>)[rest[1]] !== "function")
      return _make_failed_test(name, new AttributeError(`type object '${cls.name}' has no attribute '${rest[1]}'`));
    return new TestSuite([new cls(rest[1])]);
  }

  /**
   * Find the modules under a package folder whose name matches `pattern` (default `test*`), in
   * subfolders too, and load their tests; folders and modules in name order.
   */
  discover(start_dir: string, options: { pattern?: string } = {}): TestSuite {
    const pattern = options.pattern ?? "test*";
    return new TestSuite(this._find_tests(start_dir.replace(/\//g, "."), pattern));
  }

  private _find_tests(package_name: string, pattern: string): Test[] {
    const tests: Test[] = [];
    for (const info of iter_modules(package_name)) {
      const dotted = package_name ? `${package_name}.${info.name}` : info.name;
      if (info.ispkg) tests.push(...this._find_tests(dotted, pattern));
      else if (fnmatch(info.name, pattern)) tests.push(this._load_module(dotted));
    }
    return tests;
  }

  private _load_module(dotted: string): Test {
    let module: Module;
    try {
      module = import_module(dotted) as Module;
    } catch (e) {
      this.errors.push(String(e));
      return _make_failed_test(dotted, e);
    }
    return this.loadTestsFromModule(module, dotted);
  }
}

/** `unittest.defaultTestLoader` */
export const defaultTestLoader = new TestLoader();
