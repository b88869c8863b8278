/**
 * django.test.runner: `manage.py test [labels]` → the tests found, a test database, the run, the
 * number of failures. Main class: `DiscoverRunner`; `run_tests(test_labels)` is the whole story:
 *
 *     setup_test_environment()    templates report their renders; "testserver" is allowed
 *     build_suite(labels)         "polls" → polls/tests.ts, polls/test_*.ts …     "Found 12 test(s)."
 *     setup_databases()           "Creating test database for alias 'default'..."  (when a test uses it)
 *     run_checks()                "System check identified no issues (0 silenced)."
 *     run_suite()                 .......EF...  then the failures, "Ran 12 tests in 0.086s", "FAILED (failures=1, errors=1)"
 *     teardown_databases()        "Destroying test database for alias 'default'..."
 *     suite_result()              failures + errors + unexpected successes: the command exits 1 when not 0
 *
 * A label is an app or module (`polls`, `polls.tests`: every `test*` module under it), a class
 * (`polls.tests.QuestionModelTests`) or one test (`….test_future_question`). With no label, every
 * project app is searched. Tests are run TestCase classes first, then the other Django test
 * cases, then plain unittest ones, as Django orders them.
 */
import { TestCase as UnitTestCase } from "../../python/unittest/case";
import { TestLoader } from "../../python/unittest/loader";
import { TextTestRunner, type TextTestResult } from "../../python/unittest/runner";
import { TestSuite, type Test } from "../../python/unittest/suite";
import { stdout } from "../../python/sys";
import { apps } from "../apps/registry";
import { call_command } from "../core/management";
import { iter_modules } from "../../python/pkgutil";
import { migrate } from "../core/management/commands/migrate";
import { set_test_db_migrator } from "../db/backends/base/creation";
import { SimpleTestCase, TestCase } from "./testcases";
import { setup_databases, setup_test_environment, teardown_databases, teardown_test_environment, type DatabaseSetup } from "./utils";

/**
 * The test database is migrated as Django's creation does it, `call_command("migrate",
 * verbosity=max(verbosity - 1, 0), interactive=False, database=alias)`: every installed app's
 * migrations, then post_migrate (content types, permissions). Its report shows from verbosity 2.
 */
set_test_db_migrator((connection, verbosity) => {
  const result = migrate({ connection, app_labels: apps.get_app_configs().map((config: { label: string }) => config.label) });
  if (verbosity >= 1) stdout.write(result.output);
});

export interface DiscoverRunnerOptions {
  pattern?: string | null;
  top_level?: string | null;
  verbosity?: number;
  interactive?: boolean;
  failfast?: boolean;
  keepdb?: boolean;
  reverse?: boolean;
  debug_mode?: boolean;
  /** `-k`: run only tests whose name contains (or fnmatches) one of these. */
  test_name_patterns?: string[] | null;
  [option: string]: unknown;
}

/** Every test in a suite, depth first, in order. */
export function iter_test_cases(tests: Iterable<Test>): UnitTestCase[] {
  const out: UnitTestCase[] = [];
  for (const test of tests) {
    if (test instanceof UnitTestCase) out.push(test);
    else out.push(...iter_test_cases(test));
  }
  return out;
}

/**
 * `reorder_tests(tests, classes, reverse)`: Django's TestCase tests first, then the other Django
 * test cases, then the rest; within a bin each class's tests stay together, duplicates dropped.
 */
export function reorder_tests(tests: Iterable<Test>, classes: Function[], reverse = false): UnitTestCase[] {
  const bins: UnitTestCase[][] = [...classes.map(() => []), []];
  const seen = new Set<string>();
  for (const test of iter_test_cases(tests)) {
    if (seen.has(test.id())) continue;
    seen.add(test.id());
    const index = classes.findIndex((cls) => test instanceof (cls as new () => unknown));
    bins[index < 0 ? classes.length : index].push(test);
  }
  const ordered = bins.flatMap(group_by_class);
  return reverse ? ordered.reverse() : ordered;
}

/** Tests of one class next to each other, classes in the order first seen. */
function group_by_class(tests: UnitTestCase[]): UnitTestCase[] {
  const by_class = new Map<Function, UnitTestCase[]>();
  for (const test of tests) {
    const list = by_class.get(test.constructor) ?? [];
    list.push(test);
    by_class.set(test.constructor, list);
  }
  return [...by_class.values()].flat();
}

export class DiscoverRunner {
  readonly pattern: string;
  readonly top_level: string | null;
  readonly verbosity: number;
  readonly interactive: boolean;
  readonly failfast: boolean;
  readonly keepdb: boolean;
  readonly reverse: boolean;
  readonly debug_mode: boolean;
  readonly test_name_patterns: string[] | null;
  readonly test_loader = new TestLoader();
  /** The classes tests are grouped by, in running order. */
  static reorder_by: Function[] = [TestCase, SimpleTestCase];

  constructor(options: DiscoverRunnerOptions = {}) {
    this.pattern = (options.pattern ?? "test*.py").replace(/\.py$/, "");
    this.top_level = options.top_level ?? null;
    this.verbosity = options.verbosity ?? 1;
    this.interactive = options.interactive ?? true;
    this.failfast = options.failfast ?? false;
    this.keepdb = options.keepdb ?? false;
    this.reverse = options.reverse ?? false;
    this.debug_mode = options.debug_mode ?? false;
    this.test_name_patterns = options.test_name_patterns?.length ? options.test_name_patterns.map((p) => (p.includes("*") ? p : `*${p}*`)) : null;
    this.test_loader.testNamePatterns = this.test_name_patterns;
  }

  /** Django's `log`: printed at verbosity 1 and above. */
  log(msg: string): void {
    if (this.verbosity > 0) stdout.write(msg + "\n");
  }

  setup_test_environment(): void {
    setup_test_environment(this.debug_mode);
  }

  teardown_test_environment(): void {
    teardown_test_environment();
  }

  /** The tests for one label: a module or package is searched for `test*` modules, a dotted name loaded. */
  load_tests_for_label(label: string): TestSuite {
    const path = label.replace(/\./g, "/");
    if (iter_modules(path).length) return this.test_loader.discover(path, { pattern: this.pattern });
    return this.test_loader.loadTestsFromName(label);
  }

  /** Every label's tests (every project app's, with none), ordered as Django orders them. */
  build_suite(test_labels: string[] = []): TestSuite {
    const labels = test_labels.length ? test_labels : this.default_labels();
    const tests = labels.map((label) => this.load_tests_for_label(label));
    const all_tests = reorder_tests(tests, DiscoverRunner.reorder_by, this.reverse);
    this.log(`Found ${all_tests.length} test(s).`);
    return new TestSuite(all_tests);
  }

  /**
   * No label: Django discovers from the current directory, the project. The project's code is its
   * apps (the framework's own packages sit beside them in the lab's module table), so those are
   * searched, in INSTALLED_APPS order.
   */
  private default_labels(): string[] {
    return apps
      .get_app_configs()
      .map((config: { name: string }) => config.name)
      .filter((name: string) => !name.startsWith("django."));
  }

  /** The databases the suite's test classes use (their `databases`). */
  get_databases(suite: TestSuite): Set<string> {
    const aliases = new Set<string>();
    for (const test of iter_test_cases(suite)) {
      const databases = (test.constructor as { databases?: Set<string> | "__all__" }).databases;
      if (databases === "__all__") aliases.add("default");
      else for (const alias of databases ?? []) aliases.add(alias);
    }
    return aliases;
  }

  setup_databases(aliases: Set<string>): DatabaseSetup[] {
    return setup_databases(this.verbosity, this.interactive, { aliases, keepdb: this.keepdb });
  }

  teardown_databases(old_config: DatabaseSetup[]): void {
    teardown_databases(old_config, this.verbosity, { keepdb: this.keepdb });
  }

  /** The system checks, against the test databases (`call_command("check")`). */
  async run_checks(databases: Set<string>): Promise<void> {
    await call_command("check", { verbosity: this.verbosity, databases: [...databases] });
  }

  run_suite(suite: TestSuite): Promise<TextTestResult> {
    return new TextTestRunner({ verbosity: this.verbosity, failfast: this.failfast }).run(suite);
  }

  /** Failures, errors and unexpected successes: what makes `manage.py test` exit 1. */
  suite_result(result: TextTestResult): number {
    return result.failures.length + result.errors.length + result.unexpectedSuccesses.length;
  }

  /** The whole run (see the module's header). Returns the number of failures. */
  async run_tests(test_labels: string[] = []): Promise<number> {
    this.setup_test_environment();
    try {
      const suite = this.build_suite(test_labels);
      const databases = this.get_databases(suite);
      const old_config = this.setup_databases(databases);
      let result: TextTestResult;
      try {
        await this.run_checks(databases);
        result = await this.run_suite(suite);
      } finally {
        this.teardown_databases(old_config);
      }
      return this.suite_result(result);
    } finally {
      this.teardown_test_environment();
    }
  }
}
