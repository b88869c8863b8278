/**
 * unittest.suite: a tree of tests → each test run in order, with the class fixtures around each
 * class's run of tests (`setUpClass` before the first, `tearDownClass` after the last). Main class:
 * `TestSuite`. A fixture that raises is reported as an error of its own, `setUpClass
 * (polls.tests.QuestionModelTests)`, and that class's tests are not run.
 */
import { SkipTest, TestCase, type TestResultLike } from "./case";
import type { TestResult } from "./result";
import { strclass } from "./util";

export type Test = TestCase | TestSuite;

type FixtureClass = Function & { setUpClass?: () => unknown; tearDownClass?: () => unknown; _classSetupFailed?: boolean; __unittest_skip__?: boolean };

/** `unittest.suite._ErrorHolder`: stands for a fixture that failed, in the list of errors. */
export class _ErrorHolder {
  readonly failureException = null;
  constructor(readonly description: string) {}
  id(): string {
    return this.description;
  }
  shortDescription(): string | null {
    return null;
  }
  toString(): string {
    return this.description;
  }
  countTestCases(): number {
    return 0;
  }
}

export class TestSuite {
  _tests: Test[] = [];

  constructor(tests: Iterable<Test> = []) {
    this.addTests(tests);
  }

  addTest(test: Test): void {
    this._tests.push(test);
  }

  addTests(tests: Iterable<Test>): void {
    for (const test of tests) this.addTest(test);
  }

  countTestCases(): number {
    return this._tests.reduce((n, test) => n + test.countTestCases(), 0);
  }

  [Symbol.iterator](): Iterator<Test> {
    return this._tests[Symbol.iterator]();
  }

  __repr__(): string {
    return `<unittest.suite.TestSuite tests=[${this._tests.map((t) => (t instanceof TestCase ? t.__repr__() : t.__repr__())).join(", ")}]>`;
  }

  /** Run every test; the outermost suite also tears down the last class when it is done. */
  async run(result: TestResult): Promise<TestResult> {
    let top_level = false;
    if (!result._testRunEntered) result._testRunEntered = top_level = true;
    for (const test of this._tests) {
      if (result.shouldStop) break;
      if (test instanceof TestCase) {
        await this._tearDownPreviousClass(test, result);
        await this._handleClassSetUp(test, result);
        result._previousTestClass = test.constructor;
        if ((test.constructor as FixtureClass)._classSetupFailed) continue;
        await test.__call__(result as TestResultLike);
      } else await test.run(result);
    }
    if (top_level) {
      await this._tearDownPreviousClass(null, result);
      result._testRunEntered = false;
    }
    return result;
  }

  /** The first test of a new class: run its `setUpClass`. */
  async _handleClassSetUp(test: TestCase, result: TestResult): Promise<void> {
    const current = test.constructor as FixtureClass;
    if (current === result._previousTestClass || current.__unittest_skip__) return;
    current._classSetupFailed = false;
    try {
      await current.setUpClass?.();
    } catch (e) {
      current._classSetupFailed = true;
      this._addClassOrModuleLevelException(result, e, `setUpClass (${strclass(current)})`);
    }
  }

  /** A test of another class (or the end): run the previous class's `tearDownClass`. */
  async _tearDownPreviousClass(test: TestCase | null, result: TestResult): Promise<void> {
    const previous = result._previousTestClass as FixtureClass | null;
    if (previous === null || (test !== null && test.constructor === previous)) return;
    if (previous._classSetupFailed || previous.__unittest_skip__) return;
    try {
      await previous.tearDownClass?.();
    } catch (e) {
      this._addClassOrModuleLevelException(result, e, `tearDownClass (${strclass(previous)})`);
    }
  }

  _addClassOrModuleLevelException(result: TestResult, error: unknown, description: string): void {
    const holder = new _ErrorHolder(description);
    if (error instanceof SkipTest) result.addSkip(holder, error.message);
    else result.addError(holder, error);
  }
}
