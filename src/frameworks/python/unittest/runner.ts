/**
 * unittest.runner: a suite → its run printed to a stream, as `python -m unittest` and Django's
 * `manage.py test` print it. Main classes: `TextTestRunner` and `TextTestResult`.
 *
 *     .F.E.s                          one character per test (verbosity 1): . F E s x u
 *     ======================================================================
 *     FAIL: test_str (polls.tests.QuestionModelTests.test_str)
 *     ----------------------------------------------------------------------
 *     Traceback (most recent call last):
 *       File "polls/tests.ts", line 40, in test_str
 *         this.assertEqual(String(question), "What's up?");
 *     AssertionError: "What's new?" != "What's up?"
 *     …
 *     ----------------------------------------------------------------------
 *     Ran 6 tests in 0.012s
 *
 *     FAILED (failures=1, errors=1, skipped=1)
 *
 * At verbosity 2 each test gets a line of its own: `test_str (polls.tests.QuestionModelTests.test_str) ... FAIL`.
 */
import type { TextStream } from "../sys";
import { stderr } from "../sys";
import { perf_counter } from "../time";
import type { TestCase, _SubTest } from "./case";
import { TestResult, type Reportable } from "./result";
import type { TestSuite } from "./suite";

/** `unittest.runner._WritelnDecorator`: a stream with `writeln`. */
export class _WritelnDecorator {
  constructor(readonly stream: TextStream) {}
  write(text: string): void {
    this.stream.write(text);
  }
  writeln(text = ""): void {
    this.stream.write(text + "\n");
  }
  flush(): void {
    this.stream.flush();
  }
}

export class TextTestResult extends TestResult {
  static readonly separator1 = "=".repeat(70);
  static readonly separator2 = "-".repeat(70);
  readonly showAll: boolean;
  readonly dots: boolean;

  constructor(
    readonly stream: _WritelnDecorator,
    readonly descriptions: boolean,
    readonly verbosity: number,
  ) {
    super();
    this.showAll = verbosity > 1;
    this.dots = verbosity === 1;
  }

  /** `str(test)`, with the first line of its description under it when it has one. */
  getDescription(test: Reportable): string {
    const doc_first_line = test.shortDescription();
    return this.descriptions && doc_first_line ? `${test}\n${doc_first_line}` : String(test);
  }

  override startTest(test: TestCase): void {
    super.startTest(test);
    if (this.showAll) {
      this.stream.write(this.getDescription(test));
      this.stream.write(" ... ");
      this.stream.flush();
    }
  }

  /** The verdict: a word at verbosity 2, a character at verbosity 1. */
  private report(word: string, char: string): void {
    if (this.showAll) this.stream.writeln(word);
    else if (this.dots) this.stream.write(char);
    this.stream.flush();
  }

  override addSuccess(test: TestCase): void {
    super.addSuccess(test);
    this.report("ok", ".");
  }

  override addError(test: Reportable, err: unknown): void {
    super.addError(test, err);
    this.report("ERROR", "E");
  }

  override addFailure(test: Reportable, err: unknown): void {
    super.addFailure(test, err);
    this.report("FAIL", "F");
  }

  override addSubTest(test: TestCase, subtest: _SubTest, err: unknown | null): void {
    if (err !== null) {
      const failure = err instanceof test.failureException;
      if (this.showAll) this.stream.writeln(`${subtest} ... ${failure ? "FAIL" : "ERROR"}`);
      else if (this.dots) this.stream.write(failure ? "F" : "E");
      this.stream.flush();
    }
    super.addSubTest(test, subtest, err);
  }

  override addSkip(test: Reportable, reason: string): void {
    super.addSkip(test, reason);
    this.report(`skipped ${py_str_repr(reason)}`, "s");
  }

  override addExpectedFailure(test: TestCase, err: unknown): void {
    super.addExpectedFailure(test, err);
    this.report("expected failure", "x");
  }

  override addUnexpectedSuccess(test: TestCase): void {
    super.addUnexpectedSuccess(test);
    this.report("unexpected success", "u");
  }

  /** After the run: a newline ending the dots, then each error and failure in its block. */
  printErrors(): void {
    if (this.dots || this.showAll) {
      this.stream.writeln();
      this.stream.flush();
    }
    this.printErrorList("ERROR", this.errors);
    this.printErrorList("FAIL", this.failures);
    if (this.unexpectedSuccesses.length) {
      this.stream.writeln(TextTestResult.separator1);
      for (const test of this.unexpectedSuccesses) this.stream.writeln(`UNEXPECTED SUCCESS: ${this.getDescription(test)}`);
      this.stream.flush();
    }
  }

  printErrorList(flavour: string, errors: [Reportable, string][]): void {
    for (const [test, err] of errors) {
      this.stream.writeln(TextTestResult.separator1);
      this.stream.writeln(`${flavour}: ${this.getDescription(test)}`);
      this.stream.writeln(TextTestResult.separator2);
      this.stream.writeln(err);
      this.stream.flush();
    }
  }
}

function py_str_repr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export interface TextTestRunnerOptions {
  stream?: TextStream | null;
  descriptions?: boolean;
  verbosity?: number;
  failfast?: boolean;
  resultclass?: new (stream: _WritelnDecorator, descriptions: boolean, verbosity: number) => TextTestResult;
}

/** Runs a suite, then prints the errors, `Ran N tests in X.XXXs` and OK or FAILED with the counts. */
export class TextTestRunner {
  readonly stream: _WritelnDecorator;
  readonly descriptions: boolean;
  readonly verbosity: number;
  readonly failfast: boolean;
  readonly resultclass: NonNullable<TextTestRunnerOptions["resultclass"]>;

  constructor(options: TextTestRunnerOptions = {}) {
    this.stream = new _WritelnDecorator(options.stream ?? stderr);
    this.descriptions = options.descriptions ?? true;
    this.verbosity = options.verbosity ?? 1;
    this.failfast = options.failfast ?? false;
    this.resultclass = options.resultclass ?? TextTestResult;
  }

  _makeResult(): TextTestResult {
    return new this.resultclass(this.stream, this.descriptions, this.verbosity);
  }

  async run(test: TestSuite | TestCase): Promise<TextTestResult> {
    const result = this._makeResult();
    result.failfast = this.failfast;
    const start = perf_counter();
    result.startTestRun();
    try {
      if ("_tests" in test) await test.run(result);
      else await test.__call__(result);
    } finally {
      result.stopTestRun();
    }
    const time_taken = perf_counter() - start;
    result.printErrors();
    this.stream.writeln(TextTestResult.separator2);
    const run = result.testsRun;
    this.stream.writeln(`Ran ${run} test${run !== 1 ? "s" : ""} in ${time_taken.toFixed(3)}s`);
    this.stream.writeln();
    this.print_summary(result);
    return result;
  }

  /** `OK`, or `FAILED`, with `(failures=1, errors=1, skipped=2, …)` when there is anything to count. */
  private print_summary(result: TestResult): void {
    const infos: string[] = [];
    if (!result.wasSuccessful()) {
      this.stream.write("FAILED");
      if (result.failures.length) infos.push(`failures=${result.failures.length}`);
      if (result.errors.length) infos.push(`errors=${result.errors.length}`);
    } else this.stream.write("OK");
    if (result.skipped.length) infos.push(`skipped=${result.skipped.length}`);
    if (result.expectedFailures.length) infos.push(`expected failures=${result.expectedFailures.length}`);
    if (result.unexpectedSuccesses.length) infos.push(`unexpected successes=${result.unexpectedSuccesses.length}`);
    if (infos.length) this.stream.writeln(` (${infos.join(", ")})`);
    else this.stream.write("\n");
    this.stream.flush();
  }
}
