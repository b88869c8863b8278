/**
 * django.test.testcases: unittest's TestCase → Django's test cases, each test given a test client
 * and, with a database, isolation. Main classes, from least to most:
 *
 * - `SimpleTestCase`: `this.client` (a new Client per test), settings overrides, and Django's
 *   assertions on responses (assertContains, assertRedirects, assertTemplateUsed…).
 * - `TransactionTestCase`: uses the database; after each test every table is emptied (flush).
 * - `TestCase`: the fast one — the class runs in a transaction (BEGIN), `setUpTestData` inside
 *   it, and each test in a savepoint rolled back when the test ends, so a test's rows never
 *   reach the next test.
 *
 *     class QuestionIndexViewTests extends TestCase {
 *       test_no_questions() {
 *         const response = this.client.get(reverse("polls:index"));
 *         this.assertEqual(response.status_code, 200);
 *         this.assertContains(response, "No polls are available.");
 *         this.assertQuerySetEqual(response.context.getitem("latest_question_list"), []);
 *       }
 *     }
 */
import { AssertionError, TypeError, ValueError } from "../../python/builtins";
import { loads as json_loads } from "../../python/json";
import { iterate, py_str } from "../../python/operator";
import { urljoin, urlsplit } from "../../python/urllib/parse";
import { TestCase as UnitTestCase, type TestResultLike } from "../../python/unittest/case";
import { _common_shorten_repr, repr, safe_repr, strclass } from "../../python/unittest/util";
import { settings } from "../conf";
import { connections, DEFAULT_DB_ALIAS } from "../db";
import { Atomic, set_rollback } from "../db/transaction";
import type { BaseDatabaseWrapper } from "../db/backends/base/base";
import { QueryDict } from "../http";
import { validate_host } from "../http/request";
import { Model } from "../db/models/base";
import { Client, type TestResponse } from "./client";
import { CaptureQueriesContext, override_settings } from "./utils";
import { flush_database } from "./flush";
import { template_rendered } from "./signals";

type Dict = Record<string, unknown>;
type Databases = Set<string> | "__all__";

interface ContainsOptions {
  count?: number | null;
  status_code?: number;
  msg_prefix?: string;
  html?: boolean;
}

function prefix(msg_prefix: string | undefined): string {
  return msg_prefix ? `${msg_prefix}: ` : "";
}

/** A test touched a database its class did not declare (a failure, as it is an AssertionError). */
export class DatabaseOperationForbidden extends AssertionError {}
Object.defineProperty(DatabaseOperationForbidden, "__module__", { value: "django.test.testcases" });

/** `SimpleTestCase`: a Client per test, settings overrides, the response assertions; no database. */
export class SimpleTestCase extends UnitTestCase {
  /** The databases this class's tests may use (none here; TestCase and TransactionTestCase use "default"). */
  static databases: Databases = new Set<string>();
  static client_class = Client;
  /** Settings this class's tests run with (`override_settings({...})(TheClass)` sets it). */
  static _overridden_settings?: Dict;
  client!: Client;
  /** The connections' own `cursor` while this class's tests run without them. */
  static _db_cursors: Map<string, BaseDatabaseWrapper["cursor"]> | null = null;

  /** Before the class's tests: a database the class does not name refuses every query. */
  static override setUpClass(): unknown {
    super.setUpClass();
    this._add_databases_failures();
    return undefined;
  }

  static override tearDownClass(): unknown {
    this._remove_databases_failures();
    return super.tearDownClass();
  }

  /**
   * Django's `_add_databases_failures`: the connections this class's `databases` leaves out get a
   * `cursor()` that raises DatabaseOperationForbidden, so a SimpleTestCase that queries the
   * database fails at once instead of reading whatever the last test left.
   */
  static _add_databases_failures(): void {
    const allowed = this.databases === "__all__" ? null : this.databases;
    this._db_cursors = new Map();
    for (const connection of connections.all()) {
      if (allowed === null || allowed.has(connection.alias)) continue;
      this._db_cursors.set(connection.alias, connection.cursor);
      const message = `Database queries to '${connection.alias}' are not allowed in SimpleTestCase subclasses. Either subclass TestCase or TransactionTestCase to ensure proper test isolation or add '${connection.alias}' to ${strclass(this)}.databases to silence this failure.`;
      connection.cursor = () => {
        throw new DatabaseOperationForbidden(message);
      };
    }
  }

  static _remove_databases_failures(): void {
    for (const [alias, cursor] of this._db_cursors ?? []) {
      const connection = connections.__getitem__(alias);
      delete (connection as unknown as Record<string, unknown>).cursor;
      if (connection.cursor !== cursor) connection.cursor = cursor;
    }
    this._db_cursors = null;
  }

  /**
   * Django's `__call__`: `_pre_setup` (a new client), the test, `_post_teardown` — each failing one
   * reported as the test's error — all under the class's and the method's overridden settings.
   */
  override async __call__(result: TestResultLike): Promise<void> {
    const overrides = { ...((this.constructor as typeof SimpleTestCase)._overridden_settings ?? {}), ...((this.test_method() as { _overridden_settings?: Dict })._overridden_settings ?? {}) };
    if (Object.keys(overrides).length) await override_settings(overrides, () => this._setup_and_call(result));
    else await this._setup_and_call(result);
  }

  async _setup_and_call(result: TestResultLike): Promise<void> {
    const method = this.test_method() as { __unittest_skip__?: boolean };
    const skipped = Boolean((this.constructor as { __unittest_skip__?: boolean }).__unittest_skip__ || method.__unittest_skip__);
    if (!skipped) {
      try {
        this._pre_setup();
      } catch (e) {
        result.addError(this, e);
        return;
      }
    }
    await super.__call__(result);
    if (!skipped) {
      try {
        this._post_teardown();
      } catch (e) {
        result.addError(this, e);
      }
    }
  }

  /** Before each test: a fresh test client. */
  _pre_setup(): void {
    this.client = new (this.constructor as typeof SimpleTestCase).client_class();
  }

  /** After each test (TransactionTestCase cleans the database here). */
  _post_teardown(): void {}

  /** `@override_settings` as a `with` block inside a test: `this.settings({ DEBUG: true }, () => …)`. */
  settings<T>(overrides: Dict, fn: () => T): T {
    return override_settings(overrides, fn);
  }

  // --------------------------------------------------------------------------------------------
  // Responses

  /** The response must come from the test client (it carries what the client recorded). */
  _check_test_client_response(response: unknown, attribute: string, method_name: string): void {
    if (typeof response !== "object" || response === null || !(attribute in response)) throw new ValueError(`${method_name}() is only usable on responses fetched using the Django test Client.`);
  }

  private _assert_contains(response: TestResponse, text: unknown, status_code: number, msg_prefix: string): { text_repr: string; real_count: number; msg_prefix: string; content_repr: string } {
    const deferred = response as unknown as { render?: () => void; is_rendered?: boolean };
    if (typeof deferred.render === "function" && deferred.is_rendered === false) deferred.render();
    this.assertEqual(response.status_code, status_code, `${msg_prefix}Couldn't retrieve content: Response code was ${response.status_code} (expected ${status_code})`);
    const bytes = response.streaming ? concat((response as unknown as { streaming_content: Iterable<Uint8Array> }).streaming_content) : response.content;
    const content_repr = safe_repr(bytes);
    let real_count: number;
    let text_repr: string;
    if (text instanceof Uint8Array) {
      text_repr = repr(text);
      real_count = count_occurrences(latin1(bytes), latin1(text));
    } else {
      const needle = py_str(text);
      text_repr = `'${needle}'`;
      real_count = count_occurrences(new TextDecoder((response as unknown as { charset?: string }).charset ?? "utf-8").decode(bytes), needle);
    }
    return { text_repr, real_count, msg_prefix, content_repr };
  }

  /**
   * The response has the expected status (200) and contains `text` (exactly `count` times when
   * given). `assertContains(response, text, { count, status_code, msg_prefix })`; a number third is
   * `count`, as Python's positional argument.
   */
  assertContains(response: TestResponse, text: unknown, options: ContainsOptions | number = {}, status_code?: number): void {
    const o: ContainsOptions = typeof options === "number" ? { count: options, status_code } : options;
    if (o.html) throw new TypeError("assertContains(html=True) is not available in Framework Lab yet (django.test.html).");
    const { text_repr, real_count, msg_prefix, content_repr } = this._assert_contains(response, text, o.status_code ?? 200, prefix(o.msg_prefix));
    if (o.count !== undefined && o.count !== null)
      this.assertEqual(real_count, o.count, `${msg_prefix}Found ${real_count} instances of ${text_repr} (expected ${o.count}) in the following response\n${content_repr}`);
    else this.assertTrue(real_count !== 0, `${msg_prefix}Couldn't find ${text_repr} in the following response\n${content_repr}`);
  }

  /** The response has the expected status (200) and does not contain `text`. */
  assertNotContains(response: TestResponse, text: unknown, options: Omit<ContainsOptions, "count"> = {}): void {
    if (options.html) throw new TypeError("assertNotContains(html=True) is not available in Framework Lab yet (django.test.html).");
    const { text_repr, real_count, msg_prefix, content_repr } = this._assert_contains(response, text, options.status_code ?? 200, prefix(options.msg_prefix));
    this.assertEqual(real_count, 0, `${msg_prefix}${text_repr} unexpectedly found in the following response\n${content_repr}`);
  }

  /**
   * The response redirected (302) to `expected_url`, and — unless `fetch_redirect_response: false`
   * — that page answered 200. A response fetched with `follow: true` is checked along its chain.
   */
  assertRedirects(
    response: TestResponse,
    expected_url: string,
    options: { status_code?: number; target_status_code?: number; msg_prefix?: string; fetch_redirect_response?: boolean } = {},
  ): void {
    const { target_status_code = 200, fetch_redirect_response = true } = options;
    let status_code = options.status_code ?? 302;
    const msg_prefix = prefix(options.msg_prefix);
    let url: string;
    if (Array.isArray(response.redirect_chain)) {
      this.assertTrue(response.redirect_chain.length, `${msg_prefix}Response didn't redirect as expected: Response code was ${response.status_code} (expected ${status_code})`);
      this.assertEqual(response.redirect_chain[0][1], status_code, `${msg_prefix}Initial response didn't redirect as expected: Response code was ${response.redirect_chain[0][1]} (expected ${status_code})`);
      [url, status_code] = response.redirect_chain[response.redirect_chain.length - 1];
      this.assertEqual(response.status_code, target_status_code, `${msg_prefix}Response didn't redirect as expected: Final Response code was ${response.status_code} (expected ${target_status_code})`);
    } else {
      this.assertEqual(response.status_code, status_code, `${msg_prefix}Response didn't redirect as expected: Response code was ${response.status_code} (expected ${status_code})`);
      url = response.url;
      const parts = urlsplit(url);
      let path = parts.path;
      if (!path.startsWith("/")) {
        url = urljoin(String(response.request.PATH_INFO), url);
        path = urljoin(String(response.request.PATH_INFO), path);
      }
      if (fetch_redirect_response) this.fetch_redirect(response, url, parts.scheme, parts.netloc, path, parts.query, target_status_code, msg_prefix);
    }
    this.assertURLEqual(url, expected_url, `${msg_prefix}Response redirected to '${url}', expected '${expected_url}'`);
  }

  private fetch_redirect(response: TestResponse, url: string, scheme: string, netloc: string, path: string, query: string, target_status_code: number, msg_prefix: string): void {
    const domain = netloc.replace(/:\d+$/, "").toLowerCase();
    if (domain && !validate_host(domain, settings.ALLOWED_HOSTS as string[]))
      throw new ValueError(
        `The test client is unable to fetch remote URLs (got ${url}). If the host is served by Django, add '${domain}' to ALLOWED_HOSTS. Otherwise, use assertRedirects(..., fetch_redirect_response=False).`,
      );
    const client = response.client;
    const redirect_response = client.get(path, new QueryDict(query), { secure: scheme === "https", headers: client.headers ?? {}, ...(client.extra ?? {}) });
    this.assertEqual(redirect_response.status_code, target_status_code, `${msg_prefix}Couldn't retrieve redirection page '${path}': response code was ${redirect_response.status_code} (expected ${target_status_code})`);
  }

  /** Two URLs equal once their query parameters are sorted. */
  assertURLEqual(url1: string, url2: string, msg_prefix = ""): void {
    const normalize = (url: string) => {
      const parts = urlsplit(String(url));
      const query = [...new URLSearchParams(parts.query)].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
      const q = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
      return `${parts.scheme ? `${parts.scheme}:` : ""}${parts.netloc ? `//${parts.netloc}` : ""}${parts.path}${q ? `?${q}` : ""}${parts.fragment ? `#${parts.fragment}` : ""}`;
    };
    this.assertEqual(normalize(url1), normalize(url2), `${prefix(msg_prefix)}Expected '${url1}' to equal '${url2}'.`);
  }

  /** The names of the templates the response rendered (those with a name). */
  private template_names(response: TestResponse, method_name: string): string[] {
    this._check_test_client_response(response, "templates", method_name);
    return (response.templates as { name: string | null }[]).map((t) => t.name).filter((name): name is string => name !== null);
  }

  /**
   * `template_name` was rendered for the response (exactly `count` times when given). The `with`
   * form renders inside a callback: `this.assertTemplateUsed("polls/index.html", () => { … })`.
   */
  assertTemplateUsed(response: TestResponse, template_name: string, options?: { msg_prefix?: string; count?: number | null }): void;
  assertTemplateUsed(template_name: string, block: () => unknown, options?: { msg_prefix?: string; count?: number | null }): void;
  assertTemplateUsed(response_or_name: TestResponse | string, name_or_block: string | (() => unknown), options: { msg_prefix?: string; count?: number | null } = {}): void {
    const msg_prefix = prefix(options.msg_prefix);
    if (typeof response_or_name === "string" && typeof name_or_block === "function")
      return this._assert_template_used(response_or_name, rendered_while(name_or_block), msg_prefix, options.count ?? null);
    this._assert_template_used(name_or_block as string, this.template_names(response_or_name as TestResponse, "assertTemplateUsed"), msg_prefix, options.count ?? null);
  }

  _assert_template_used(template_name: string, names: string[], msg_prefix: string, count: number | null): void {
    if (!names.length) this.fail(`${msg_prefix}No templates used to render the response`);
    this.assertTrue(names.includes(template_name), `${msg_prefix}Template '${template_name}' was not a template used to render the response. Actual template(s) used: ${names.join(", ")}`);
    if (count !== null) {
      const times = names.filter((n) => n === template_name).length;
      this.assertEqual(times, count, `${msg_prefix}Template '${template_name}' was expected to be rendered ${count} time(s) but was actually rendered ${times} time(s).`);
    }
  }

  /** `template_name` was not rendered for the response (or, with a callback, while it ran). */
  assertTemplateNotUsed(response: TestResponse, template_name: string, options?: { msg_prefix?: string }): void;
  assertTemplateNotUsed(template_name: string, block: () => unknown, options?: { msg_prefix?: string }): void;
  assertTemplateNotUsed(response_or_name: TestResponse | string, name_or_block: string | (() => unknown), options: { msg_prefix?: string } = {}): void {
    const block_form = typeof response_or_name === "string" && typeof name_or_block === "function";
    const template_name = block_form ? (response_or_name as string) : (name_or_block as string);
    const names = block_form ? rendered_while(name_or_block as () => unknown) : this.template_names(response_or_name as TestResponse, "assertTemplateNotUsed");
    this.assertFalse(names.includes(template_name), `${prefix(options.msg_prefix)}Template '${template_name}' was used unexpectedly in rendering the response`);
  }

  /** `form.errors[field]` (non-field errors when `field` is null) equal `errors` (a message or a list). */
  assertFormError(form: FormLike, field: string | null, errors: string | string[], options: { msg_prefix?: string } = {}): void {
    const msg_prefix = prefix(options.msg_prefix);
    const expected = typeof errors === "string" ? [errors] : [...errors];
    const form_repr = `form ${repr(form)}`;
    if (!form.is_bound) this.fail(`${msg_prefix}The ${form_repr} is not bound, it will never have any errors.`);
    if (field !== null && !has_field(form, field)) this.fail(`${msg_prefix}The ${form_repr} does not contain the field ${repr(field)}.`);
    const field_errors = field === null ? [...iterate(form.non_field_errors())] : [...iterate(form_errors_for(form, field))];
    const failure = field === null ? `The non-field errors of ${form_repr} don't match.` : `The errors of field ${repr(field)} on ${form_repr} don't match.`;
    this.assertEqual(field_errors.map(String), expected, msg_prefix + failure);
  }

  /** `with self.assertRaisesMessage(E, "text"):` → `this.assertRaisesMessage(E, "text", () => { … })`: raised, and its message contains the text. */
  assertRaisesMessage(expected_exception: abstract new (...args: never[]) => unknown, expected_message: string, callable: (...args: never[]) => unknown, ...args: unknown[]): unknown {
    const check = (cm: { exception: unknown }) => {
      this.assertIn(expected_message, py_str(cm.exception));
      return cm;
    };
    const cm = this.assertRaises(expected_exception, callable, ...args) as unknown;
    return cm instanceof Promise ? cm.then(check) : check(cm as { exception: unknown });
  }

  /** The raw JSON equals the expected data (itself JSON text or a value). */
  assertJSONEqual(raw: string, expected_data: unknown, msg: string | null = null): void {
    let data: unknown;
    try {
      data = json_loads(raw);
    } catch {
      this.fail(`First argument is not valid JSON: ${repr(raw)}`);
    }
    if (typeof expected_data === "string") {
      try {
        expected_data = json_loads(expected_data);
      } catch {
        this.fail(`Second argument is not valid JSON: ${repr(expected_data)}`);
      }
    }
    this.assertEqual(data, expected_data, msg);
  }
}

/** The names of the templates rendered while `block` runs (Django's `_AssertTemplateUsedContext`). */
function rendered_while(block: () => unknown): string[] {
  const names: string[] = [];
  const receiver = (_sender: unknown, kwargs: Dict) => {
    const name = (kwargs.template as { name: string | null }).name;
    if (name !== null) names.push(name);
  };
  template_rendered.connect(receiver, { weak: false });
  try {
    block();
  } finally {
    template_rendered.disconnect(receiver);
  }
  return names;
}

type FormLike = { is_bound: boolean; fields: unknown; non_field_errors(): unknown; errors: unknown };

function has_field(form: FormLike, field: string): boolean {
  const fields = form.fields as { has?: (k: string) => boolean } | Dict;
  return typeof (fields as { has?: unknown }).has === "function" ? (fields as { has(k: string): boolean }).has(field) : Object.prototype.hasOwnProperty.call(fields, field);
}

function form_errors_for(form: FormLike, field: string): unknown {
  const errors = form.errors as { get?: (k: string, d: unknown) => unknown } & Dict;
  return typeof errors.get === "function" ? errors.get(field, []) : (errors[field] ?? []);
}

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/** Python's `str.count`: non-overlapping occurrences (an empty needle counts len + 1). */
function count_occurrences(haystack: string, needle: string): number {
  if (needle === "") return [...haystack].length + 1;
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** The aliases a class's `databases` names (`"__all__"`: every one). */
function database_aliases(cls: { databases: Databases }): string[] {
  return cls.databases === "__all__" ? connections.all().map((c) => c.alias) : [...cls.databases];
}

/**
 * `TransactionTestCase`: tests that use the database, each starting from empty tables — every
 * table is emptied after each test (`flush`), so a test may commit transactions and see them.
 */
export class TransactionTestCase extends SimpleTestCase {
  static override databases: Databases = new Set([DEFAULT_DB_ALIAS]);
  /** Reset the tables' id sequences too, so the next test's first row is id 1. */
  static reset_sequences = false;

  override _pre_setup(): void {
    super._pre_setup();
    this._fixture_setup();
  }

  override _post_teardown(): void {
    this._fixture_teardown();
  }

  _fixture_setup(): void {}

  /** Empty every table (Django's `flush` command), in each database the class uses. */
  _fixture_teardown(): void {
    const cls = this.constructor as typeof TransactionTestCase;
    for (const alias of database_aliases(cls)) flush_database(connections.__getitem__(alias), { reset_sequences: cls.reset_sequences });
  }

  /**
   * The queryset (or any iterable) equals `values`, in order unless `ordered: false`; `transform`
   * maps each item first. `assertQuerySetEqual(qs, [q1, q2])`.
   */
  assertQuerySetEqual(qs: unknown, values: Iterable<unknown>, options: { transform?: ((item: any) => unknown) | null; ordered?: boolean; msg?: string | null } = {}): void {
    const { transform = null, ordered = true, msg = null } = options;
    const expected = [...values];
    let items = iterate(qs);
    if (transform !== null) items = items.map(transform);
    if (!ordered) return this.assert_counts_equal(items, expected, msg);
    if (expected.length > 1 && typeof qs === "object" && qs !== null && "ordered" in qs && !(qs as { ordered: boolean }).ordered)
      throw new ValueError("Trying to compare non-ordered queryset against more than one ordered value.");
    this.assertEqual([...items], expected, msg);
  }

  /** `assertDictEqual(Counter(items), Counter(values))`: the same items, as many times each. */
  private assert_counts_equal(items: unknown[], values: unknown[], msg: string | null): void {
    const first = counter(items);
    const second = counter(values);
    const same = first.length === second.length && first.every(([item, n]) => second.some(([other, m]) => this.same(item, other) && n === m));
    if (same) return;
    const [a, b] = _common_shorten_repr(new CounterRepr(first), new CounterRepr(second));
    this.fail(this._formatMessage(msg, this._truncateMessage(`${a} != ${b}`, `\n- ${a}\n+ ${b}`)));
  }

  private same(a: unknown, b: unknown): boolean {
    try {
      this.assertEqual(a, b);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Exactly `num` SQL statements run while `func` runs: `this.assertNumQueries(2, () => { … })`;
   * the message lists what ran. `{ using }` last names another database.
   */
  assertNumQueries(num: number, func: (...args: unknown[]) => unknown, ...args: unknown[]): void {
    const last = args[args.length - 1];
    const using = typeof last === "object" && last !== null && "using" in last ? String((args.pop() as { using: string }).using) : DEFAULT_DB_ALIAS;
    const context = new CaptureQueriesContext(connections.__getitem__(using));
    context.capture(() => func(...args));
    const executed = context.length;
    const captured = context.captured_queries.map((query, i) => `${i + 1}. ${query.sql}`).join("\n");
    this.assertEqual(executed, num, `${executed} queries executed, ${num} expected\nCaptured queries were:\n${captured}`);
  }
}

/** `Counter({<Question: a>: 2, …})`, most common first. */
class CounterRepr {
  constructor(readonly items: [unknown, number][]) {}
  __repr__(): string {
    if (!this.items.length) return "Counter()";
    const sorted = [...this.items].sort((x, y) => y[1] - x[1]);
    return `Counter({${sorted.map(([item, n]) => `${repr(item)}: ${n}`).join(", ")}})`;
  }
}

function counter(items: unknown[]): [unknown, number][] {
  const counts: [unknown, number][] = [];
  for (const item of items) {
    const found = counts.find(([seen]) => seen === item || (seen instanceof Model && (seen as { equals(o: unknown): boolean }).equals(item)));
    if (found) found[1]++;
    else counts.push([item, 1]);
  }
  return counts;
}

/**
 * `TestCase`: each class in a transaction and each test in a savepoint, both rolled back — the
 * database is the same before and after every test, and rows made in `setUpTestData` (once per
 * class) are there for every test of the class.
 */
export class TestCase extends TransactionTestCase {
  static cls_atomics: Map<string, Atomic> | null = null;
  /** Names `setUpTestData` set on the class: each test gets its own copy on `this`. */
  static _test_data_names: string[] = [];
  atomics: Map<string, Atomic> | null = null;

  /** Open one transaction per database (BEGIN; SAVEPOINT when one is open already). */
  static _enter_atomics(): Map<string, Atomic> {
    const atomics = new Map<string, Atomic>();
    for (const alias of database_aliases(this)) {
      const atomic = new Atomic(alias, true);
      atomic.__enter__();
      atomics.set(alias, atomic);
    }
    return atomics;
  }

  /** Roll each one back, last opened first. */
  static _rollback_atomics(atomics: Map<string, Atomic>): void {
    for (const [alias, atomic] of [...atomics].reverse()) {
      set_rollback(true, { using: alias });
      atomic.__exit__(null);
    }
  }

  /** Before the class's first test: BEGIN, then `setUpTestData()` inside the transaction. */
  static override setUpClass(): unknown {
    super.setUpClass();
    this.cls_atomics = this._enter_atomics();
    const before = new Set(Object.keys(this));
    try {
      this.setUpTestData();
    } catch (e) {
      this._rollback_atomics(this.cls_atomics);
      throw e;
    }
    this._test_data_names = Object.keys(this).filter((name) => !before.has(name));
    return undefined;
  }

  /** After the class's last test: ROLLBACK, undoing `setUpTestData` too. */
  static override tearDownClass(): unknown {
    if (this.cls_atomics) this._rollback_atomics(this.cls_atomics);
    this.cls_atomics = null;
    for (const name of this._test_data_names) delete (this as unknown as Dict)[name];
    this._test_data_names = [];
    return super.tearDownClass();
  }

  /**
   * Create the rows every test of the class reads: `static setUpTestData() { this.question =
   * Question.objects.create(…) }`; each test sees its own copy as `this.question`.
   */
  static setUpTestData(): void {}

  /** Before each test: SAVEPOINT, and the class's test data copied onto the test. */
  override _fixture_setup(): void {
    const cls = this.constructor as typeof TestCase;
    this.atomics = cls._enter_atomics();
    for (const name of cls._test_data_names) (this as unknown as Dict)[name] = copy_test_data((cls as unknown as Dict)[name]);
  }

  /** After each test: ROLLBACK TO SAVEPOINT (instead of flushing every table). */
  override _fixture_teardown(): void {
    if (this.atomics) (this.constructor as typeof TestCase)._rollback_atomics(this.atomics);
    this.atomics = null;
  }
}

/**
 * Django's `TestData` descriptor gives each test a deep copy of what `setUpTestData` made, so a
 * test that changes `this.question` does not change it for the next test. A model instance is
 * copied field by field (its state too); lists and plain objects item by item.
 */
function copy_test_data(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy_test_data);
  if (value instanceof Model) {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(value)), value) as Dict;
    const state = (value as unknown as Dict)._state;
    if (state && typeof state === "object") copy._state = Object.assign(Object.create(Object.getPrototypeOf(state)), state);
    return copy;
  }
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy_test_data(v)]));
  return value;
}
