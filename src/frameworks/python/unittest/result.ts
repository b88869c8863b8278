/**
 * unittest.result: what each test reported → the lists a runner prints and counts. Main class:
 * `TestResult` (testsRun, failures, errors, skipped, expectedFailures, unexpectedSuccesses), each
 * failure or error kept as `[test, the formatted traceback]`.
 *
 * The traceback is Python's, for the project's own frames: `  File "polls/tests.ts", line 40, in
 * test_str` and the source line under it, then `AssertionError: "What's new?" != "What's up?"`.
 * Frames inside the frameworks are left out, as unittest leaves out its own (a Python traceback
 * would also list Django's files; ADR 0033).
 */
import { getline } from "../linecache";
import { extract_tb, format_exception_only, format_list, type FrameSummary } from "../traceback";
import type { TestCase, TestResultLike, _SubTest } from "./case";

/** A test, or what stands for one in a report (a subtest, a failed setUpClass, a module that did not import). */
export interface Reportable {
  id(): string;
  toString(): string;
  shortDescription(): string | null;
}

export class TestResult implements TestResultLike {
  failures: [Reportable, string][] = [];
  errors: [Reportable, string][] = [];
  testsRun = 0;
  skipped: [Reportable, string][] = [];
  expectedFailures: [Reportable, string][] = [];
  unexpectedSuccesses: Reportable[] = [];
  shouldStop = false;
  /** Stop at the first failure or error (`--failfast`). */
  failfast = false;
  /** The suite's bookkeeping of class fixtures (Python keeps these on the result too). */
  _previousTestClass: Function | null = null;
  _testRunEntered = false;
  _moduleSetUpFailed = false;

  startTest(_test: TestCase): void {
    this.testsRun += 1;
  }

  stopTest(_test: TestCase): void {}

  startTestRun(): void {}

  stopTestRun(): void {}

  addSuccess(_test: TestCase): void {}

  addError(test: Reportable, err: unknown): void {
    this.errors.push([test, this._exc_info_to_string(err)]);
    if (this.failfast) this.stop();
  }

  addFailure(test: Reportable, err: unknown): void {
    this.failures.push([test, this._exc_info_to_string(err)]);
    if (this.failfast) this.stop();
  }

  /** A failing subtest is a failure or an error of its own; a passing one reports nothing. */
  addSubTest(test: TestCase, subtest: _SubTest, err: unknown | null): void {
    if (err === null) return;
    const failure = err instanceof test.failureException;
    (failure ? this.failures : this.errors).push([subtest, this._exc_info_to_string(err)]);
    if (this.failfast) this.stop();
  }

  addSkip(test: Reportable, reason: string): void {
    this.skipped.push([test, reason]);
  }

  addExpectedFailure(test: TestCase, err: unknown): void {
    this.expectedFailures.push([test, this._exc_info_to_string(err)]);
  }

  addUnexpectedSuccess(test: TestCase): void {
    this.unexpectedSuccesses.push(test);
  }

  /** No failures, no errors and no unexpected successes. */
  wasSuccessful(): boolean {
    return this.failures.length === 0 && this.errors.length === 0 && this.unexpectedSuccesses.length === 0;
  }

  stop(): void {
    this.shouldStop = true;
  }

  /** The traceback as Python prints it: the project's frames (test method first), then `Type: message`. */
  _exc_info_to_string(err: unknown): string {
    const frames = fold_blocks(extract_tb(err).filter((frame) => frame.is_user_code)).map((frame) => ({ ...frame, name: method_name(frame.name) }));
    // With no frame left (all of them the framework's), Python prints no header either.
    const header = frames.length ? ["Traceback (most recent call last):\n"] : [];
    return [...header, ...format_list(frames, getline), format_exception_only(err)].join("");
  }

  __repr__(): string {
    return `<unittest.result.TestResult run=${this.testsRun} errors=${this.errors.length} failures=${this.failures.length}>`;
  }
}

/**
 * A `with` block is a callback here (`this.subTest({ i }, () => { … })`, ADR 0033): its frame, an
 * anonymous function's, is folded into the function around it, as Python's traceback shows the
 * block's line inside that function.
 */
function fold_blocks(frames: FrameSummary[]): FrameSummary[] {
  const folded: FrameSummary[] = [];
  for (const frame of frames) {
    if (frame.name === "<module>" && folded.length) folded[folded.length - 1] = { ...folded[folded.length - 1], lineno: frame.lineno, colno: frame.colno };
    else folded.push(frame);
  }
  return folded;
}

/** V8 names a method frame `QuestionModelTests.test_x`; Python names the function alone. */
function method_name(name: string): string {
  return name.split(".").pop() || name;
}
