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
import { AttributeError, TypeError } from "../builtins";
import { ImportError, import_module } from "../importlib";
import { getline } from "../linecache";
import { extract_tb, format_exception_only, format_list } from "../traceback";
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

/** A folder of modules is a (namespace) package even without an index module, as in Python 3. */
function import_module_or_package(dotted: string): Module {
  try {
    return import_module(dotted) as Module;
  } catch (e) {
    if (iter_modules(dotted).length) return { __path__: dotted.replace(/\./g, "/") };
    throw e;
  }
}

function is_package(value: unknown): boolean {
  return typeof value === "object" && value !== null && "__path__" in value;
}

/** Python's `traceback.format_exc()` for an exception: the header, the project's frames, the exception. */
function format_exc(e: unknown): string {
  const frames = extract_tb(e).filter((frame) => frame.is_user_code);
  return ["Traceback (most recent call last):\n", ...format_list(frames, getline), format_exception_only(e)].join("");
}

/** A module that could not be imported: its test raises ImportError("Failed to import test module: name" and the traceback). */
export function _make_failed_import_test(name: string, exception: unknown): TestSuite {
  return _make_failed_test(name, new ImportError(`Failed to import test module: ${name}\n${format_exc(exception)}`));
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

  /**
   * A dotted name: a module, a class in one, or one test method
   * (`polls.tests.QuestionModelTests.test_x`). The longest importable prefix is imported, the rest
   * looked up on it; a name that cannot be found becomes a failing test that says why.
   */
  loadTestsFromName(name: string): TestSuite {
    const parts = name.split(".");
    let module: Module | null = null;
    let error_case: TestSuite | null = null;
    const parts_copy = [...parts];
    while (parts_copy.length) {
      try {
        module = import_module_or_package(parts_copy.join("."));
        break;
      } catch (e) {
        const next_attribute = parts_copy.pop()!;
        error_case = _make_failed_import_test(next_attribute, e);
        if (!parts_copy.length) return error_case;
      }
    }
    let obj: unknown = module;
    let parent: unknown = null;
    for (const part of parts.slice(parts_copy.length)) {
      const value = typeof obj === "object" && obj !== null ? (obj as Record<string, unknown>)[part] : typeof obj === "function" ? (obj as unknown as { prototype: Record<string, unknown> }).prototype[part] : undefined;
      if (value === undefined) {
        if (is_package(obj) && error_case !== null) return error_case;
        const owner = typeof obj === "function" ? `type object '${obj.name}'` : `module '${parts_copy.join(".")}'`;
        return _make_failed_test(part, new AttributeError(`${owner} has no attribute '${part}'`));
      }
      [parent, obj] = [obj, value];
    }
    return this.tests_for_object(obj, parent, parts_copy.join("."), name);
  }

  /** What a resolved name is: a module's tests, a TestCase class's, or one method's. */
  private tests_for_object(obj: unknown, parent: unknown, module_name: string, name: string): TestSuite {
    if (is_test_case_class(obj)) {
      this.loadTestsFromModule({ [obj.name]: obj }, module_name);
      return this.loadTestsFromTestCase(obj);
    }
    if (typeof obj === "function" && is_test_case_class(parent)) return new TestSuite([new parent(name.split(".").pop()!)]);
    if (typeof obj === "object" && obj !== null && !is_package(obj)) return this.loadTestsFromModule(obj as Module, module_name);
    if (is_package(obj)) return this.discover((obj as { __path__: string }).__path__, {});
    throw new TypeError(`don't know how to make test from: ${String(obj)}`);
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
      return _make_failed_import_test(dotted, e);
    }
    return this.loadTestsFromModule(module, dotted);
  }
}

/** `unittest.defaultTestLoader` */
export const defaultTestLoader = new TestLoader();
