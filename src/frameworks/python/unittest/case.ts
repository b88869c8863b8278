/**
 * unittest.case: a class of `test_*` methods → one TestCase instance per method, each run as
 * setUp → the test method → tearDown → cleanups, its outcome (success, failure, error, skip,
 * expected failure) reported to a TestResult. Main class: `TestCase`; the assert methods and their
 * failure messages are CPython 3.11's.
 *
 *     class QuestionModelTests extends TestCase {          // class QuestionModelTests(TestCase):
 *       test_future_question() {                           //     def test_future_question(self):
 *         this.assertIs(question.was_published_recently(), false);
 *       }                                                  // AssertionError: True is not False
 *     }
 *
 * Python's context managers are callbacks here (ADR 0033): `with self.assertRaises(ValueError):`
 * is `this.assertRaises(ValueError, () => { … })`, which is also the call form
 * `self.assertRaises(ValueError, int, "x")` → `this.assertRaises(ValueError, int, "x")`; both
 * return the context, whose `exception` is what was raised. `with self.subTest(i=i):` is
 * `this.subTest({ i }, () => { … })`. Decorators are calls (ADR 0013): `skip("why")(fn)`.
 */
import { AssertionError, Exception, py_repr } from "../builtins";
import { ndiff } from "../difflib";
import { compare, contains, eq, iterate, py_str, truth } from "../operator";
import { _common_shorten_repr, repr, safe_repr, strclass } from "./util";

/** `raise unittest.SkipTest(reason)` (or `self.skipTest(reason)`): the test is reported as skipped. */
export class SkipTest extends Exception {}

/** Raised inside a test to stop it quietly (failfast after a failing subtest). */
class _ShouldStop extends Exception {}

const DIFF_OMITTED = (n: number) => `\nDiff is ${n} characters long. Set self.maxDiff to None to see it.`;

type ExceptionClass = abstract new (...args: never[]) => unknown;
type Marked = { __unittest_skip__?: boolean; __unittest_skip_why__?: string; __unittest_expecting_failure__?: boolean };

/** What a TestCase reports to (unittest.result.TestResult has these methods). */
export interface TestResultLike {
  failfast: boolean;
  shouldStop: boolean;
  startTest(test: TestCase): void;
  stopTest(test: TestCase): void;
  addSuccess(test: TestCase): void;
  addError(test: unknown, err: unknown): void;
  addFailure(test: unknown, err: unknown): void;
  addSkip(test: TestCase, reason: string): void;
  addExpectedFailure(test: TestCase, err: unknown): void;
  addUnexpectedSuccess(test: TestCase): void;
  addSubTest(test: TestCase, subtest: _SubTest, err: unknown | null): void;
}

// ----------------------------------------------------------------------------------------------
// Decorators (ADR 0013: called on what they decorate; a method's in a `static {}` block)

/** `@unittest.skip(reason)`: the test (or every test of the class) is skipped. */
export function skip(reason: string): <T>(test_item: T) => T {
  return (test_item) => {
    Object.assign(test_item as object, { __unittest_skip__: true, __unittest_skip_why__: reason });
    return test_item;
  };
}

/** `@unittest.skipIf(condition, reason)` */
export function skipIf(condition: unknown, reason: string): <T>(test_item: T) => T {
  return truth(condition) ? skip(reason) : (test_item) => test_item;
}

/** `@unittest.skipUnless(condition, reason)` */
export function skipUnless(condition: unknown, reason: string): <T>(test_item: T) => T {
  return truth(condition) ? (test_item) => test_item : skip(reason);
}

/** `@unittest.expectedFailure`: a failure or error counts as expected; a pass as an unexpected success. */
export function expectedFailure<T>(test_item: T): T {
  Object.assign(test_item as object, { __unittest_expecting_failure__: true });
  return test_item;
}

// ----------------------------------------------------------------------------------------------
// One run of one test: the parts (setUp, the test, tearDown) each caught and reported

/** `unittest.case._Outcome`: how the parts of one test went. */
class _Outcome {
  success = true;
  expecting_failure = false;
  expectedFailure: unknown = null;
  constructor(readonly result: TestResultLike | null) {}

  /**
   * `_Outcome.testPartExecutor`: run one part; a SkipTest reports a skip, any other exception a
   * failure (the test's failureException) or an error — or is kept when a failure is expected. A
   * part that returns a Promise (an async test) is awaited.
   */
  testPartExecutor(test_case: TestCase | _SubTest, fn: () => unknown, is_subtest = false): void | Promise<void> {
    const old_success = this.success;
    this.success = true;
    const finish = (error: unknown, raised: boolean) => {
      if (raised) this.record_exception(test_case, error, is_subtest);
      else if (is_subtest && this.success) this.result?.addSubTest((test_case as _SubTest).test_case, test_case as _SubTest, null);
      this.success = this.success && old_success;
    };
    let value: unknown;
    try {
      value = fn();
    } catch (e) {
      return finish(e, true);
    }
    if (value instanceof Promise)
      return value.then(
        () => finish(null, false),
        (e: unknown) => finish(e, true),
      );
    finish(null, false);
  }

  private record_exception(test_case: TestCase | _SubTest, error: unknown, is_subtest: boolean): void {
    if (error instanceof SkipTest) {
      this.success = false;
      _addSkip(this.result, test_case as TestCase, error.message);
    } else if (error instanceof _ShouldStop) {
      // a failing subtest under failfast: stop the test here, nothing more to report
    } else if (this.expecting_failure) this.expectedFailure = error;
    else {
      this.success = false;
      if (is_subtest) this.result?.addSubTest((test_case as _SubTest).test_case, test_case as _SubTest, error);
      else _addError(this.result, test_case, error);
    }
  }
}

function _addSkip(result: TestResultLike | null, test_case: TestCase, reason: string): void {
  result?.addSkip(test_case, reason);
}

/** A failure when the exception is the test's failureException (AssertionError), else an error. */
function _addError(result: TestResultLike | null, test: TestCase | _SubTest, error: unknown): void {
  if (result === null) return;
  const failure = (test as TestCase).failureException ?? (test as _SubTest).failureException;
  if (error instanceof failure) result.addFailure(test, error);
  else result.addError(test, error);
}

/** `unittest.case._SubTest`: one `subTest(...)` block, reported under its own description. */
export class _SubTest {
  readonly failureException: typeof AssertionError;
  constructor(
    readonly test_case: TestCase,
    readonly message: string | null,
    readonly params: Record<string, unknown>,
  ) {
    this.failureException = test_case.failureException;
  }

  /** `(i=1)`, `[message] (i=1)`, or `(<subtest>)` with neither. */
  _subDescription(): string {
    const parts: string[] = [];
    if (this.message !== null) parts.push(`[${this.message}]`);
    const params = Object.entries(this.params);
    if (params.length) parts.push(`(${params.map(([k, v]) => `${k}=${repr(v)}`).join(", ")})`);
    return parts.join(" ") || "(<subtest>)";
  }

  id(): string {
    return `${this.test_case.id()} ${this._subDescription()}`;
  }

  shortDescription(): string | null {
    return this.test_case.shortDescription();
  }

  toString(): string {
    return `${this.test_case} ${this._subDescription()}`;
  }
}

// ----------------------------------------------------------------------------------------------
// The assertRaises context

/** `unittest.case._AssertRaisesContext`: what `assertRaises` checked; `exception` is what was raised. */
export class _AssertRaisesContext {
  exception: unknown = null;
  constructor(
    readonly expected: ExceptionClass | ExceptionClass[],
    readonly test_case: TestCase,
    readonly obj_name: string | null,
    readonly expected_regex: RegExp | null = null,
    readonly msg: string | null = null,
  ) {}

  /** `__exit__`: nothing raised is a failure; another exception class propagates; a message not matching the regex fails. */
  __exit__(raised: boolean, error: unknown): _AssertRaisesContext {
    const classes = Array.isArray(this.expected) ? this.expected : [this.expected];
    if (!raised) {
      const exc_name = Array.isArray(this.expected) ? py_repr(this.expected.map((c) => c.name)) : this.expected.name;
      throw this.failure(this.obj_name ? `${exc_name} not raised by ${this.obj_name}` : `${exc_name} not raised`);
    }
    if (!classes.some((cls) => error instanceof (cls as unknown as new () => unknown))) throw error;
    this.exception = error;
    if (this.expected_regex !== null && !this.expected_regex.test(py_str(error)))
      throw this.failure(`"${this.expected_regex.source}" does not match "${py_str(error)}"`);
    return this;
  }

  private failure(standardMsg: string): Error {
    return new this.test_case.failureException(this.test_case._formatMessage(this.msg, standardMsg));
  }

  /** Run the block (or the callable with its arguments) and check what it raised; an async block is awaited. */
  handle(callable: (...args: unknown[]) => unknown, args: unknown[]): _AssertRaisesContext | Promise<_AssertRaisesContext> {
    let value: unknown;
    try {
      value = callable(...args);
    } catch (e) {
      return this.__exit__(true, e);
    }
    if (value instanceof Promise)
      return value.then(
        () => this.__exit__(false, null),
        (e: unknown) => this.__exit__(true, e),
      );
    return this.__exit__(false, null);
  }
}

/** The callable's name for "X not raised by name"; an inline arrow function (the `with` block) has none. */
function callable_name(callable: (...args: unknown[]) => unknown): string | null {
  return callable.name ? callable.name : null;
}

// ----------------------------------------------------------------------------------------------
// pprint.pformat, as the list and dict diffs lay values out (one item a line past 80 columns)

function pformat(value: unknown, indent = 0): string {
  const flat = pprint_repr(value);
  if (flat.length <= 80 - indent) return flat;
  if (Array.isArray(value) && value.length) {
    const items = value.map((item, k) => pformat(item, indent + 1) + (k < value.length - 1 ? "," : ""));
    return `[${items.join(`\n${" ".repeat(indent + 1)}`)}]`;
  }
  if (is_dict(value) && Object.keys(value).length) {
    const keys = Object.keys(value).sort();
    const items = keys.map((key, k) => {
      const head = `${repr(key)}: `;
      return head + pformat(value[key], indent + 1 + head.length) + (k < keys.length - 1 ? "," : "");
    });
    return `{${items.join(`\n${" ".repeat(indent + 1)}`)}}`;
  }
  return flat;
}

/** `pprint`'s one-line form: repr, with every dict's keys sorted. */
function pprint_repr(value: unknown): string {
  if (Array.isArray(value) && value.constructor === Array) return `[${value.map(pprint_repr).join(", ")}]`;
  if (is_dict(value)) return `{${Object.keys(value).sort().map((key) => `${repr(key)}: ${pprint_repr(value[key])}`).join(", ")}}`;
  return repr(value);
}

function is_dict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

/** `str.splitlines(keepends=True)` for "\n" line ends. */
function splitlines_keepends(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

// ----------------------------------------------------------------------------------------------

type TestMethod = ((this: TestCase) => unknown) & Marked;

/**
 * `unittest.TestCase`: subclass it, name methods `test_*`; the loader makes one instance per
 * method (`new QuestionModelTests("test_future_question")`) and the suite runs each.
 */
export class TestCase {
  /** Raised by the assert methods; anything else a test raises is an error, not a failure. */
  failureException: typeof AssertionError = AssertionError;
  /** Append a custom `msg` to the standard message (`'a' != 'b' : msg`) instead of replacing it. */
  longMessage = true;
  /** Longest diff shown in a failure message; null for no limit. */
  maxDiff: number | null = 80 * 8;
  /** Strings longer than this are compared without a diff. */
  _diffThreshold = 2 ** 16;

  readonly _testMethodName: string;
  _outcome: _Outcome | null = null;
  _subtest: _SubTest | null = null;
  private _cleanups: [(...args: unknown[]) => unknown, unknown[]][] = [];

  constructor(methodName = "runTest") {
    this._testMethodName = methodName;
    if (methodName !== "runTest" && typeof (this as unknown as Record<string, unknown>)[methodName] !== "function")
      throw new Exception(`no such test method in ${this.constructor.name}: ${methodName}`);
  }

  // Fixtures: setUp/tearDown around each test; setUpClass/tearDownClass (static: Python's
  // classmethods) once around a class's tests, run by the suite.
  setUp(): unknown {
    return undefined;
  }
  tearDown(): unknown {
    return undefined;
  }
  static setUpClass(): unknown {
    return undefined;
  }
  static tearDownClass(): unknown {
    return undefined;
  }

  /** `addCleanup(fn, *args)`: run after tearDown (even when setUp failed), last added first. */
  addCleanup(fn: (...args: unknown[]) => unknown, ...args: unknown[]): void {
    this._cleanups.push([fn, args]);
  }

  async doCleanups(): Promise<void> {
    const outcome = this._outcome ?? new _Outcome(null);
    while (this._cleanups.length) {
      const [fn, args] = this._cleanups.pop()!;
      await outcome.testPartExecutor(this, () => fn(...args));
    }
  }

  countTestCases(): number {
    return 1;
  }

  /** `polls.tests.QuestionModelTests.test_future_question` */
  id(): string {
    return `${strclass(this.constructor)}.${this._testMethodName}`;
  }

  /** The first line of the test's docstring in Python; TypeScript methods carry none (ADR 0033). */
  shortDescription(): string | null {
    return null;
  }

  /** `test_future_question (polls.tests.QuestionModelTests.test_future_question)` */
  toString(): string {
    return `${this._testMethodName} (${strclass(this.constructor)}.${this._testMethodName})`;
  }

  __repr__(): string {
    return `<${strclass(this.constructor)} testMethod=${this._testMethodName}>`;
  }

  /** Skip this test from inside it (or from setUp). */
  skipTest(reason: string): never {
    throw new SkipTest(reason);
  }

  /** Fail at once with `msg`. */
  fail(msg: string | null = null): never {
    throw new this.failureException(msg ?? "");
  }

  /** Python's `test(result)`: the suite calls each test; Django's test cases wrap this. */
  __call__(result: TestResultLike): Promise<void> {
    return this.run(result);
  }

  /** Run one test: setUp, the method, tearDown, cleanups, each part's outcome reported. */
  async run(result: TestResultLike): Promise<void> {
    result.startTest(this);
    try {
      const method = this.test_method();
      const cls = this.constructor as Marked;
      if (cls.__unittest_skip__ || method.__unittest_skip__) {
        _addSkip(result, this, cls.__unittest_skip_why__ || method.__unittest_skip_why__ || "");
        return;
      }
      const expecting_failure = Boolean(method.__unittest_expecting_failure__ || cls.__unittest_expecting_failure__);
      const outcome = (this._outcome = new _Outcome(result));
      await outcome.testPartExecutor(this, () => this._callSetUp());
      if (outcome.success) {
        outcome.expecting_failure = expecting_failure;
        await outcome.testPartExecutor(this, () => this._callTestMethod(method));
        outcome.expecting_failure = false;
        await outcome.testPartExecutor(this, () => this._callTearDown());
      }
      await this.doCleanups();
      if (outcome.success) {
        if (expecting_failure) {
          if (outcome.expectedFailure !== null) result.addExpectedFailure(this, outcome.expectedFailure);
          else result.addUnexpectedSuccess(this);
        } else result.addSuccess(this);
      }
    } finally {
      result.stopTest(this);
      this._outcome = null;
    }
  }

  protected test_method(): TestMethod {
    return (this as unknown as Record<string, TestMethod>)[this._testMethodName];
  }

  _callSetUp(): unknown {
    return this.setUp();
  }

  _callTestMethod(method: TestMethod): unknown {
    return method.call(this);
  }

  _callTearDown(): unknown {
    return this.tearDown();
  }

  /**
   * `with self.subTest(msg, **params):` → `this.subTest({ i }, () => { … })` or
   * `this.subTest("msg", { i }, () => { … })`: a failure inside is reported with the parameters
   * (`test_x (polls.tests.T.test_x) (i=1)`) and the test goes on after the block.
   */
  subTest(...args: unknown[]): void | Promise<void> {
    const fn = args.pop() as () => unknown;
    const message = typeof args[0] === "string" ? (args.shift() as string) : null;
    const params = (args[0] ?? {}) as Record<string, unknown>;
    const outcome = this._outcome;
    if (outcome === null) {
      fn();
      return;
    }
    const parent = this._subtest;
    this._subtest = new _SubTest(this, message, { ...(parent?.params ?? {}), ...params });
    const after = () => {
      this._subtest = parent;
      if (!outcome.success) {
        if (outcome.result?.failfast) throw new _ShouldStop();
      } else if (outcome.expectedFailure !== null) throw new _ShouldStop();
    };
    const ran = outcome.testPartExecutor(this._subtest, fn, true);
    if (ran instanceof Promise) return ran.then(after);
    after();
  }

  // --------------------------------------------------------------------------------------------
  // Messages

  /** `standardMsg`, with the caller's `msg` appended (longMessage) or in its place. */
  _formatMessage(msg: string | null | undefined, standardMsg: string): string {
    if (!this.longMessage) return msg ?? standardMsg;
    if (msg === null || msg === undefined) return standardMsg;
    return `${standardMsg} : ${msg}`;
  }

  /** The diff appended to a message, unless longer than maxDiff. */
  _truncateMessage(message: string, diff: string): string {
    if (this.maxDiff === null || diff.length <= this.maxDiff) return message + diff;
    return message + DIFF_OMITTED(diff.length);
  }

  private failed(msg: string | null | undefined, standardMsg: string): never {
    this.fail(this._formatMessage(msg, standardMsg));
  }

  // --------------------------------------------------------------------------------------------
  // Equality

  /** `first == second`; lists, tuples, dicts, sets and strings get a message that shows how they differ. */
  assertEqual(first: unknown, second: unknown, msg: string | null = null): void {
    this._getAssertEqualityFunc(first, second).call(this, first, second, msg);
  }

  /** The type-specific comparison when both values have the same type (Python's `_type_equality_funcs`). */
  _getAssertEqualityFunc(first: unknown, second: unknown): (this: TestCase, a: unknown, b: unknown, msg: string | null) => void {
    const kind = (value: unknown) =>
      typeof value === "string" ? "str" : Array.isArray(value) ? (value.constructor.name === "PyTuple" ? "tuple" : value.constructor === Array ? "list" : null) : is_dict(value) ? "dict" : value instanceof Set ? "set" : null;
    const k = kind(first);
    if (k !== null && k === kind(second)) {
      if (k === "str") return this.assertMultiLineEqual as never;
      if (k === "list") return this.assertListEqual as never;
      if (k === "tuple") return this.assertTupleEqual as never;
      if (k === "dict") return this.assertDictEqual as never;
      return this.assertSetEqual as never;
    }
    return this._baseAssertEqual;
  }

  _baseAssertEqual(first: unknown, second: unknown, msg: string | null = null): void {
    if (!eq(first, second)) {
      const [a, b] = _common_shorten_repr(first, second);
      this.failed(msg, `${a} != ${b}`);
    }
  }

  assertNotEqual(first: unknown, second: unknown, msg: string | null = null): void {
    if (eq(first, second)) this.failed(msg, `${safe_repr(first)} == ${safe_repr(second)}`);
  }

  /** Two strings; unequal ones are shown as a line diff (ndiff) under the message. */
  assertMultiLineEqual(first: string, second: string, msg: string | null = null): void {
    if (typeof first !== "string") this.failed(msg, "First argument is not a string");
    if (typeof second !== "string") this.failed(msg, "Second argument is not a string");
    if (first === second) return;
    if (first.length > this._diffThreshold || second.length > this._diffThreshold) return this._baseAssertEqual(first, second, msg);
    // CPython 3.11: a one-line string without a line end gets one on both sides, so the diff's lines end alike.
    let firstlines = splitlines_keepends(first);
    let secondlines = splitlines_keepends(second);
    if (firstlines.length === 1 && first.replace(/^[\r\n]+|[\r\n]+$/g, "") === first) [firstlines, secondlines] = [[first + "\n"], [second + "\n"]];
    const [a, b] = _common_shorten_repr(first, second);
    const diff = "\n" + ndiff(firstlines, secondlines).join("");
    this.fail(this._formatMessage(msg, this._truncateMessage(`${a} != ${b}`, diff)));
  }

  /** Two sequences element by element: the first differing element, extra elements, and a diff of their pformat. */
  assertSequenceEqual(seq1: unknown, seq2: unknown, msg: string | null = null, seq_type_name = "sequence"): void {
    const first = iterate(seq1);
    const second = iterate(seq2);
    if (eq(first, second)) return;
    const capitalized = seq_type_name[0].toUpperCase() + seq_type_name.slice(1);
    const [r1, r2] = _common_shorten_repr(seq1, seq2);
    let differing = `${capitalized}s differ: ${r1} != ${r2}\n`;
    const [len1, len2] = [first.length, second.length];
    for (let i = 0; i < Math.min(len1, len2); i++) {
      if (!eq(first[i], second[i])) {
        const [i1, i2] = _common_shorten_repr(first[i], second[i]);
        differing += `\nFirst differing element ${i}:\n${i1}\n${i2}\n`;
        break;
      }
    }
    if (len1 > len2) differing += `\nFirst ${seq_type_name} contains ${len1 - len2} additional elements.\nFirst extra element ${len2}:\n${safe_repr(first[len2])}\n`;
    else if (len1 < len2) differing += `\nSecond ${seq_type_name} contains ${len2 - len1} additional elements.\nFirst extra element ${len1}:\n${safe_repr(second[len1])}\n`;
    const diff = "\n" + ndiff(pformat(seq1).split("\n"), pformat(seq2).split("\n")).join("\n");
    this.fail(this._formatMessage(msg, this._truncateMessage(differing, diff)));
  }

  assertListEqual(list1: unknown[], list2: unknown[], msg: string | null = null): void {
    this.assertSequenceEqual(list1, list2, msg, "list");
  }

  assertTupleEqual(tuple1: unknown[], tuple2: unknown[], msg: string | null = null): void {
    this.assertSequenceEqual(tuple1, tuple2, msg, "tuple");
  }

  /** Two dicts (plain objects); unequal ones are shown as a diff of their pformat (keys sorted). */
  assertDictEqual(d1: Record<string, unknown>, d2: Record<string, unknown>, msg: string | null = null): void {
    if (!is_dict(d1)) this.failed(msg, "First argument is not a dictionary");
    if (!is_dict(d2)) this.failed(msg, "Second argument is not a dictionary");
    if (eq(d1, d2)) return;
    const [a, b] = _common_shorten_repr(d1, d2);
    const diff = "\n" + ndiff(pformat(d1).split("\n"), pformat(d2).split("\n")).join("\n");
    this.fail(this._formatMessage(msg, this._truncateMessage(`${a} != ${b}`, diff)));
  }

  /** Two sets: the items only in the first, then those only in the second. */
  assertSetEqual(set1: Set<unknown>, set2: Set<unknown>, msg: string | null = null): void {
    const difference1 = [...set1].filter((x) => ![...set2].some((y) => eq(x, y)));
    const difference2 = [...set2].filter((x) => ![...set1].some((y) => eq(x, y)));
    if (!difference1.length && !difference2.length) return;
    const lines: string[] = [];
    if (difference1.length) lines.push("Items in the first set but not the second:", ...difference1.map(repr));
    if (difference2.length) lines.push("Items in the second set but not the first:", ...difference2.map(repr));
    this.failed(msg, lines.join("\n"));
  }

  /** The same elements, each as many times, in any order. */
  assertCountEqual(first: unknown, second: unknown, msg: string | null = null): void {
    const [a, b] = [iterate(first), iterate(second)];
    const count = (items: unknown[], x: unknown) => items.filter((y) => eq(x, y)).length;
    const lines: string[] = [];
    const seen: unknown[] = [];
    for (const elem of [...a, ...b]) {
      if (seen.some((s) => eq(s, elem))) continue;
      seen.push(elem);
      const [cnt_s, cnt_t] = [count(a, elem), count(b, elem)];
      if (cnt_s !== cnt_t) lines.push(`First has ${cnt_s}, Second has ${cnt_t}:  ${repr(elem)}`);
    }
    if (lines.length) this.fail(this._formatMessage(msg, this._truncateMessage("Element counts were not equal:\n", lines.join("\n"))));
  }

  /** Equal to `places` decimal places (default 7) after rounding the difference, or within `delta`. */
  assertAlmostEqual(first: number, second: number, options: { places?: number | null; msg?: string | null; delta?: number | null } = {}): void {
    if (first === second) return;
    const { places = null, msg = null, delta = null } = options;
    if (delta !== null && places !== null) throw new TypeError("specify delta or places not both");
    const diff = Math.abs(first - second);
    if (delta !== null) {
      if (diff <= delta) return;
      this.failed(msg, `${safe_repr(first)} != ${safe_repr(second)} within ${safe_repr(delta)} delta (${safe_repr(diff)} difference)`);
    }
    const p = places ?? 7;
    if (round_half_even(diff, p) === 0) return;
    this.failed(msg, `${safe_repr(first)} != ${safe_repr(second)} within ${p} places (${safe_repr(diff)} difference)`);
  }

  assertNotAlmostEqual(first: number, second: number, options: { places?: number | null; msg?: string | null; delta?: number | null } = {}): void {
    const { places = null, msg = null, delta = null } = options;
    const diff = Math.abs(first - second);
    if (delta !== null) {
      if (!(first === second) && diff > delta) return;
      this.failed(msg, `${safe_repr(first)} == ${safe_repr(second)} within ${safe_repr(delta)} delta (${safe_repr(diff)} difference)`);
    }
    const p = places ?? 7;
    if (!(first === second) && round_half_even(diff, p) !== 0) return;
    this.failed(msg, `${safe_repr(first)} == ${safe_repr(second)} within ${p} places`);
  }

  // --------------------------------------------------------------------------------------------
  // Truth, identity, membership, type

  assertTrue(expr: unknown, msg: string | null = null): void {
    if (!truth(expr)) this.failed(msg, `${safe_repr(expr)} is not true`);
  }

  assertFalse(expr: unknown, msg: string | null = null): void {
    if (truth(expr)) this.failed(msg, `${safe_repr(expr)} is not false`);
  }

  /** `expr1 is expr2`: the same object (for True/False/None and numbers, the same value). */
  assertIs(expr1: unknown, expr2: unknown, msg: string | null = null): void {
    if (!is(expr1, expr2)) this.failed(msg, `${safe_repr(expr1)} is not ${safe_repr(expr2)}`);
  }

  assertIsNot(expr1: unknown, expr2: unknown, msg: string | null = null): void {
    if (is(expr1, expr2)) this.failed(msg, `unexpectedly identical: ${safe_repr(expr1)}`);
  }

  assertIsNone(obj: unknown, msg: string | null = null): void {
    if (obj !== null && obj !== undefined) this.failed(msg, `${safe_repr(obj)} is not None`);
  }

  assertIsNotNone(obj: unknown, msg: string | null = null): void {
    if (obj === null || obj === undefined) this.failed(msg, "unexpectedly None");
  }

  assertIn(member: unknown, container: unknown, msg: string | null = null): void {
    if (!contains(container, member)) this.failed(msg, `${safe_repr(member)} not found in ${safe_repr(container)}`);
  }

  assertNotIn(member: unknown, container: unknown, msg: string | null = null): void {
    if (contains(container, member)) this.failed(msg, `${safe_repr(member)} unexpectedly found in ${safe_repr(container)}`);
  }

  assertIsInstance(obj: unknown, cls: ExceptionClass | Function, msg: string | null = null): void {
    if (!isinstance(obj, cls)) this.failed(msg, `${safe_repr(obj)} is not an instance of ${repr(cls)}`);
  }

  assertNotIsInstance(obj: unknown, cls: ExceptionClass | Function, msg: string | null = null): void {
    if (isinstance(obj, cls)) this.failed(msg, `${safe_repr(obj)} is an instance of ${repr(cls)}`);
  }

  // --------------------------------------------------------------------------------------------
  // Ordering

  assertGreater(a: unknown, b: unknown, msg: string | null = null): void {
    if (!(compare(a, b, ">") > 0)) this.failed(msg, `${safe_repr(a)} not greater than ${safe_repr(b)}`);
  }

  assertGreaterEqual(a: unknown, b: unknown, msg: string | null = null): void {
    if (!(compare(a, b, ">=") >= 0)) this.failed(msg, `${safe_repr(a)} not greater than or equal to ${safe_repr(b)}`);
  }

  assertLess(a: unknown, b: unknown, msg: string | null = null): void {
    if (!(compare(a, b, "<") < 0)) this.failed(msg, `${safe_repr(a)} not less than ${safe_repr(b)}`);
  }

  assertLessEqual(a: unknown, b: unknown, msg: string | null = null): void {
    if (!(compare(a, b, "<=") <= 0)) this.failed(msg, `${safe_repr(a)} not less than or equal to ${safe_repr(b)}`);
  }

  /** The string matches the regular expression (searched anywhere, as `re.search`). */
  assertRegex(text: string, expected_regex: RegExp | string, msg: string | null = null): void {
    const regex = typeof expected_regex === "string" ? new RegExp(expected_regex) : expected_regex;
    if (!regex.test(text)) this.failed(msg, `Regex didn't match: ${py_repr(regex.source)} not found in ${py_repr(text)}`);
  }

  // --------------------------------------------------------------------------------------------
  // Exceptions

  /**
   * The callable raises `expected_exception` (a class, or a list of classes). `with
   * self.assertRaises(E) as cm:` is `const cm = this.assertRaises(E, () => { … })`; the call form
   * passes the callable and its arguments. Returns the context (`cm.exception`); an async callable
   * makes it a Promise to await.
   */
  assertRaises(expected_exception: ExceptionClass | ExceptionClass[], callable: (...args: never[]) => unknown, ...args: unknown[]): _AssertRaisesContext & Promise<_AssertRaisesContext> {
    const fn = callable as (...args: unknown[]) => unknown;
    return new _AssertRaisesContext(expected_exception, this, callable_name(fn)).handle(fn, args) as never;
  }

  /** As assertRaises, and `str(exception)` must match the regular expression (`re.search`). */
  assertRaisesRegex(expected_exception: ExceptionClass | ExceptionClass[], expected_regex: RegExp | string, callable: (...args: never[]) => unknown, ...args: unknown[]): _AssertRaisesContext & Promise<_AssertRaisesContext> {
    const fn = callable as (...args: unknown[]) => unknown;
    const regex = typeof expected_regex === "string" ? new RegExp(expected_regex) : expected_regex;
    return new _AssertRaisesContext(expected_exception, this, callable_name(fn), regex).handle(fn, args) as never;
  }
}

/** Python's `is` for the values that stand in for Python objects: small values by value, objects by identity. */
function is(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

function isinstance(obj: unknown, cls: unknown): boolean {
  if (Array.isArray(cls)) return cls.some((c) => isinstance(obj, c));
  if (cls === String) return typeof obj === "string" || obj instanceof String;
  if (cls === Number) return typeof obj === "number";
  if (cls === Boolean) return typeof obj === "boolean";
  return typeof cls === "function" && obj instanceof (cls as new () => unknown);
}

/** Python's `round(x, places)` (round half to even on the decimal digits). */
function round_half_even(x: number, places: number): number {
  const scaled = x * 10 ** places;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  const rounded = frac > 0.5 ? floor + 1 : frac < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return rounded / 10 ** places;
}
