/**
 * The recorder turns framework calls into spans — cheaply: a call records a few numbers, and the
 * `Span` objects the panels read are built only when the trace is read.
 *
 * There is one *active* recorder at a time (a request runs synchronously, or awaits in order), set
 * by the runtime around each request. Framework code traces at its seams through **call sites**,
 * registered once when the module loads:
 *
 *     const RESOLVE = trace_site("resolver", "django/urls/resolvers.ts#URLResolver.resolve", { source: true });
 *     const h = RESOLVE.open(`resolve ${path}`, () => ({ path }));   // → a number, -1 when off
 *     try { … } catch (e) { span_fail(h, e); throw e; } finally { span_close(h); }
 *     RESOLVE.run(name, () => ({ … }), (h) => work());              // open, run, fail, close
 *     PATTERN.event(name, () => ({ matched: false, reason }));      // a span with no duration
 *
 * What a call records (the "operation log"): one fixed-width record — operation, call site or
 * target span, time, and the index of the values it keeps — written into growable typed arrays;
 * the values themselves (the name, the attrs or the function that builds them, an error) go into
 * one array beside them. Nothing else is allocated per span while the request runs.
 *
 * `trace()` replays the log into `Span` objects (src/trace/span.ts): ids in opening order, parents
 * from the stack of open spans, attrs built then. An attrs *function* passed to a site is called
 * at read time, so it must read only values that do not change afterwards; a value that changes
 * later (a response's header list) is copied at the moment it describes, e.g.
 * `span_set(h, { headers: snapshot_headers(response) })`, or the site is registered `eager`.
 *
 * The older calls — `traced`, `open_span`/`close_span`, `trace_event` — still work (as an ad-hoc
 * call site of their kind, attrs built at the call, a `SpanHandle` object per span); see
 * docs/tracing.md for how a framework registers its own sites.
 */
import type { Attrs, Json, SourceRef, Span, SpanError, SpanKind, Trace } from "./span";
import { RUN_FILL_1, RUN_FILL_2, form_of, span_of, type PackedTrace, type RunForm, type SpanRun } from "./runs";

/**
 * A span's attributes, or a function that builds them. Prefer the function: nothing is built when
 * tracing is off, and (for a call site's spans) nothing is built until the trace is read.
 */
export type LazyAttrs = Attrs | (() => Attrs);

/** A span's name, or (for a call site's spans) a function that builds it when the trace is read. */
export type LazyName = string | (() => string);

/**
 * The name of an `open_with`/`event_with` span: a string, or a function of the same kept values as
 * the attrs (`(pattern) => String(pattern)`), called when the trace is read.
 */
export type NameWith<A, B, C> = string | ((a: A, b: B, c: C) => string);

/** The handle framework code holds while a span is open; `id` is -1 when tracing is off. */
export interface SpanHandle {
  readonly id: number;
  /** Add or overwrite attributes while the span is open (or after). */
  set(attrs: LazyAttrs): void;
  set_source(source: SourceRef): void;
  fail(error: SpanError): void;
}

const NOOP_HANDLE: SpanHandle = { id: -1, set() {}, set_source() {}, fail() {} };

// The clock, looked up once: in Node, `performance` is a lazy global whose getter runs on every
// access, which doubled the cost of reading the time.
const clock: { now(): number } = typeof performance !== "undefined" && typeof performance.now === "function" ? performance : Date;
const now = (): number => clock.now();

// ---------------------------------------------------------------------------------------------
// Call sites
// ---------------------------------------------------------------------------------------------

export interface TraceSiteOptions {
  /** Spans of this site carry `source` = the site's location (a per-call `source` overrides it). */
  source?: boolean;
  /**
   * Call attrs functions (of `open`, `event`, `run` and of `span_set` on this site's spans) at the
   * call, while tracing, instead of when the trace is read: for attrs that read values which change
   * later (a model instance, a dict the code goes on filling, the ASGI scope).
   */
  eager?: boolean;
  /**
   * The site's usual `open_with`/`event_with` name and attrs builder — module-level functions (or a
   * string name), declared once here: a record made with them keeps only its three values, not the
   * pair again. Another pair given at the call still works (its record keeps the pair).
   */
  name?: NameWith<any, any, any>;
  attrs?: (a: any, b: any, c: any) => Attrs;
  /**
   * The site's `event_with` spans come in runs — many in a row under one parent, sharing their
   * middle value: the patterns of one URLconf tried against one path (`event_with(name, attrs,
   * pattern, path, outcome)`). Consecutive events of the declared pair with the same `b` are kept
   * as one record (a *run*: `b` once, then `a, c` per event), and made one span each when the trace
   * is read — the same spans, ids and handles as separate events. Any other record ends the run.
   */
  runs?: boolean;
  /**
   * The code between this site's boundaries and its spans' children is the framework's own,
   * bounded work (a default middleware's phase, the handler, a signal's dispatch — not user code,
   * not a template or a query): its boundaries take the clock's latest reading instead of a new
   * one when only such code ran since it was taken (ADR 0040). A span of user code — and the
   * moment it returns — is still read, so no user code's time is ever given to a bounded span.
   */
  bounded?: boolean;
}

/**
 * One place in the code that records spans of one kind. `where` is `file#symbol` (or a file), as
 * a `SourceRef` is written: `django/core/handlers/base.ts#BaseHandler._get_response`.
 */
export class TraceSite {
  readonly source: SourceRef | undefined;
  /** The usual `open_with`/`event_with` name and attrs builder, if the site declared them (`TraceSiteOptions`). */
  readonly with_name: NameWith<any, any, any> | undefined;
  readonly with_build: ((a: any, b: any, c: any) => Attrs) | undefined;
  /** Its events of the declared pair are kept in runs (`TraceSiteOptions.runs`). */
  readonly in_runs: boolean;
  /** Its boundaries may take the latest clock reading (`TraceSiteOptions.bounded`). */
  readonly bounded: boolean;

  constructor(
    readonly id: number,
    readonly kind: SpanKind,
    readonly where: string,
    readonly eager: boolean,
    with_source: boolean,
    with_pair?: { name?: NameWith<any, any, any>; attrs?: (a: any, b: any, c: any) => Attrs; runs?: boolean; bounded?: boolean },
  ) {
    this.bounded = with_pair?.bounded ?? false;
    this.with_name = with_pair?.attrs ? with_pair.name : undefined;
    this.with_build = with_pair?.attrs;
    this.in_runs = !eager && this.with_build !== undefined && (with_pair?.runs ?? false);
    const hash = where.indexOf("#");
    this.source = with_source ? Object.freeze(hash < 0 ? { file: where } : { file: where.slice(0, hash), symbol: where.slice(hash + 1) }) : undefined;
  }

  /**
   * What this site's runs usually repeat, by the run's first `a`: the events (`as`, `cs`) and their
   * spans' forms — a URLconf's patterns tried in order, each missed the plain way. An entry is
   * never changed (a recorder holds the one it compared its events with until read): a read that
   * knows more replaces it. Weak: a URLconf reloaded lets its patterns go.
   */
  private readonly kept_runs = new WeakMap<object, KeptRun>();

  /** The kept run starting with `a` (an empty one if none). */
  kept_run(a: unknown): KeptRun {
    return (typeof a === "object" && a !== null ? this.kept_runs.get(a) : undefined) ?? NO_KEPT_RUN;
  }

  /**
   * A run's forms, given the kept run its events were compared with and the events that differed
   * (`values[at + 3j]`: index, `a`, `c`): the kept forms themselves when nothing differs where a
   * form is, else a copy with the differing events' forms (null for a span to make). A differing
   * event that has a form replaces the kept run, so the next run repeats it.
   */
  run_forms(kept: KeptRun, first: unknown, count: number, values: readonly unknown[], at: number, differing: number): (RunForm | null)[] {
    let forms = kept.forms as (RunForm | null)[];
    let own = false;
    let next: { as: unknown[]; cs: unknown[]; forms: (RunForm | null)[] } | null = null;
    for (let j = 0; j < differing; j++) {
      const k = values[at + 3 * j] as number;
      const a = values[at + 3 * j + 1];
      const c = values[at + 3 * j + 2];
      const form = this.form(a, c);
      // Kept from now on: a new event (past the kept ones), or another where one was kept.
      const cur: Pick<KeptRun, "as" | "cs" | "forms"> = next ?? kept;
      if (k === cur.as.length || (k < cur.as.length && (cur.as[k] !== a || cur.forms[k] !== form || (form !== null && cur.cs[k] !== c)))) {
        next ??= { as: kept.as.slice(), cs: kept.cs.slice(), forms: kept.forms.slice() };
        next.as[k] = a;
        next.cs[k] = c;
        next.forms[k] = form;
      }
      if ((k < forms.length ? forms[k] : null) !== form) {
        if (!own) {
          forms = forms.slice(0, count);
          own = true;
        }
        while (forms.length < k) forms.push(null);
        forms[k] = form;
      }
    }
    if (next !== null && typeof first === "object" && first !== null && next.as[0] === first) {
      const nulls: number[] = [];
      for (let k = 0; k < next.forms.length; k++) if (next.forms[k] === null) nulls.push(k);
      // `as` and `cs` are compared with every event of every run, and V8 reads a frozen array's
      // elements on a slow path (≈ 8 ns an element, measured): they are left unfrozen — nothing
      // outside the recorder sees them, and nothing changes them (`readonly`).
      this.kept_runs.set(first, Object.freeze({ as: next.as, cs: next.cs, forms: Object.freeze(next.forms), nulls: Object.freeze(nulls) }));
    }
    if (forms.length !== count) {
      if (!own) forms = forms.slice(0, count);
      while (forms.length < count) forms.push(null);
    }
    return forms;
  }

  /** The form of an event's span (src/trace/runs.ts), or null: `c` made afresh per call, or a span that does not take the shared value as a piece of a string. */
  private form(a: unknown, c: unknown): RunForm | null {
    if (typeof c === "object" && c !== null && !Object.isFrozen(c)) return null;
    if (typeof c === "function") return null;
    const name = this.with_name;
    const build = this.with_build!;
    try {
      const name1 = typeof name === "string" ? name : (name as (a: unknown, b: unknown, c: unknown) => string)(a, RUN_FILL_1, c);
      const name2 = typeof name === "string" ? name : (name as (a: unknown, b: unknown, c: unknown) => string)(a, RUN_FILL_2, c);
      return form_of(name1, build(a, RUN_FILL_1, c), name2, build(a, RUN_FILL_2, c));
    } catch {
      return null;
    }
  }

  /** Open a span as a child of the innermost open span → its handle (-1 when tracing is off). */
  open(name: LazyName, attrs?: LazyAttrs, source?: SourceRef): number {
    const r = active;
    return r.enabled ? r.record_open(OP_OPEN, this, name, attrs, source) : -1;
  }

  /** A span with no duration: something considered (a pattern tried, a receiver skipped) → its handle. */
  event(name: LazyName, attrs?: LazyAttrs, source?: SourceRef): number {
    const r = active;
    return r.enabled ? r.record_open(OP_EVENT, this, name, attrs, source) : -1;
  }

  /**
   * `open()` with attrs built from values kept aside: `build(a, b, c)` runs when the trace is read
   * (at the call, for an eager site). Nothing is allocated per call — not even the closure an
   * attrs function would be — for the hottest sites (a URL pattern tried, a template variable).
   */
  open_with<A, B = undefined, C = undefined>(name: NameWith<A, B, C>, build: (a: A, b: B, c: C) => Attrs, a: A, b?: B, c?: C, source?: SourceRef): number {
    const r = active;
    return r.enabled ? r.record_open_with(OP_OPEN, this, name, build, a, b, c, source) : -1;
  }

  /** `event()` with attrs built from values kept aside (see `open_with`). */
  event_with<A, B = undefined, C = undefined>(name: NameWith<A, B, C>, build: (a: A, b: B, c: C) => Attrs, a: A, b?: B, c?: C, source?: SourceRef): number {
    const r = active;
    if (!r.enabled) return -1;
    // A run's event (the site's declared pair): counted into the run the log ends with.
    if (this.in_runs && build === this.with_build && name === this.with_name && source === undefined) return r.record_run_event(this, a, b, c);
    return r.record_open_with(OP_EVENT, this, name, build, a, b, c, source);
  }

  /**
   * `event_with(name, build, list[from + j], b, c)` for j = 0 … count - 1: a row of events that
   * share `b` and `c`, recorded at once — the endpoints of a URLconf that missed one after the
   * other, the plain way. For a `runs` site's declared pair they join the run as one batch (the
   * same record and the same spans as one call each, for a few array reads an event).
   */
  events_with<A, B = undefined, C = undefined>(name: NameWith<A, B, C>, build: (a: A, b: B, c: C) => Attrs, list: readonly A[], from: number, count: number, b: B, c: C): void {
    const r = active;
    if (!r.enabled || count <= 0) return;
    if (this.in_runs && build === this.with_build && name === this.with_name) r.record_run_events(this, list, from, count, b, c);
    else for (let j = from; j < from + count; j++) r.record_open_with(OP_EVENT, this, name, build, list[j], b, c, undefined);
  }

  /**
   * Run `fn` inside a span of this site. An exception marks the span failed (Python class name)
   * and is re-thrown; a promise closes the span when returned, and marks it failed if it rejects.
   */
  run<T>(name: LazyName, attrs: LazyAttrs | undefined, fn: (handle: number) => T, source?: SourceRef): T {
    const r = active;
    if (!r.enabled) return fn(-1);
    const h = r.record_open(OP_OPEN, this, name, attrs, source);
    let result: T;
    try {
      result = fn(h);
    } catch (e) {
      r.record(OP_FAIL, h, describe_error(e));
      r.record_close(h);
      throw e;
    }
    r.record_close(h);
    if (result instanceof Promise)
      return result.catch((e: unknown) => {
        r.record(OP_FAIL, h, describe_error(e));
        throw e;
      }) as T;
    return result;
  }
}

/**
 * Framework objects whose calls run only the framework's bounded code (ADR 0040): Django's own
 * middleware instances, the receivers Django connects itself, the WSGI application
 * `get_wsgi_application()` returns. A site shared by such objects and a project's (a middleware
 * layer, a receiver, the gateway's application) records their spans on its `bounded` twin.
 */
const bounded_objects = new WeakSet<object>();

/** Mark a framework object whose calls run only bounded framework code (see `bounded_objects`). */
export function mark_bounded<T extends object>(value: T): T {
  bounded_objects.add(value);
  return value;
}

/** Whether `mark_bounded` marked this object. */
export function is_bounded(value: unknown): boolean {
  return typeof value === "object" || typeof value === "function" ? bounded_objects.has(value as object) : false;
}

const sites: TraceSite[] = [];
const sites_by_key = new Map<string, TraceSite>();

/** Register a call site once, at module load: `const RESOLVE = trace_site("resolver", "django/urls/resolvers.ts#URLResolver.resolve")`. */
export function trace_site(kind: SpanKind, where: string, options: TraceSiteOptions = {}): TraceSite {
  const key = `${kind}\u0000${where}\u0000${options.source ? 1 : 0}${options.eager ? 1 : 0}${options.runs ? 1 : 0}${options.bounded ? 1 : 0}`;
  let site = sites_by_key.get(key);
  if (!site) {
    site = new TraceSite(sites.length, kind, where, options.eager ?? false, options.source ?? false, options);
    sites.push(site);
    sites_by_key.set(key, site);
  }
  return site;
}

/** Every registered call site (the trace's vocabulary; docs/tracing.md lists how to add one). */
export function trace_sites(): readonly TraceSite[] {
  return sites;
}

/** The ad-hoc site of the older calls (`traced`, `open_span`, `trace_event`): one per kind, attrs built at the call. */
const COMPAT_SITES = new Map<SpanKind, TraceSite>();
function compat_site(kind: SpanKind): TraceSite {
  let site = COMPAT_SITES.get(kind);
  if (!site) COMPAT_SITES.set(kind, (site = trace_site(kind, "(ad hoc)", { eager: true })));
  return site;
}

// ---------------------------------------------------------------------------------------------
// Handles: span index + the recorder's epoch, so a handle outliving its recorder is ignored
// ---------------------------------------------------------------------------------------------

// A handle is `epoch << 24 | index`: at most 2^29 - 1, so it stays a small integer (V8 boxes a
// number above 2^30 - 1 into a heap object — one allocation per handle returned, which the
// first recorder's `epoch * 2^24` did for 7 recorders in 8).
const INDEX_BITS = 24;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const EPOCHS = 32;
let epochs = 0;

/** Add attributes to an open (or closed) span. A function is called when the trace is read. */
export function span_set(handle: number, attrs: LazyAttrs): void {
  if (handle >= 0) active.record(OP_SET, handle, attrs);
}

/** Mark a span failed: an exception (described with its Python class name) or a `SpanError`. */
export function span_fail(handle: number, error: unknown): void {
  if (handle >= 0) active.record(OP_FAIL, handle, is_span_error(error) ? error : describe_error(error));
}

/**
 * Mark a span failed with a `SpanError` built when the trace is read (at the call, for an eager
 * site's span): for an error the framework answers with instead of raising (a Resolver404 that
 * an include's miss would carry), whose message takes formatting.
 */
export function span_fail_with(handle: number, error: () => SpanError): void {
  if (handle >= 0) active.record(OP_FAIL, handle, error);
}

/**
 * The awaitable a span's work returned, its span already closed (the span times the call): a later
 * rejection marks the span failed on the recorder it was opened on (by default the active one), and
 * goes on rejecting.
 */
export function fail_on_rejection<T>(handle: number, result: Promise<T>, recorder: Recorder = active): Promise<T> {
  return result.catch((e: unknown) => {
    recorder.span_fail(handle, describe_error(e));
    throw e;
  });
}

/** Point a span at code (user code's line, usually), replacing the site's source. */
export function span_source(handle: number, source: SourceRef): void {
  if (handle >= 0) active.record(OP_SOURCE, handle, source);
}

/** Close a span, and any span left open inside it (which a thrown exception can cause). */
export function span_close(handle: number): void {
  if (handle >= 0) active.record_close(handle);
}

function is_span_error(e: unknown): e is SpanError {
  return e !== null && typeof e === "object" && Object.getPrototypeOf(e) === Object.prototype && typeof (e as SpanError).type === "string" && typeof (e as SpanError).message === "string";
}

// ---------------------------------------------------------------------------------------------
// The recorder: an operation log, replayed into spans when read
// ---------------------------------------------------------------------------------------------

// A record is one small integer, `target << 5 | flags | operation`: the call site's id (OPEN, EVENT) or
// the target span's index (the others). What it keeps follows in `values`, in record order and
// a number of slots fixed by the operation and its flag — so no record stores where its values are: the
// replay walks both with one cursor each. Likewise `times` holds one reading per OPEN and CLOSE.
const OP_OPEN = 1;
const OP_EVENT = 2;
const OP_CLOSE = 3;
const OP_SET = 4;
const OP_FAIL = 5;
const OP_SOURCE = 6;
/** A run of a `runs` site's events (values: b, the count, then a and c of each event); target = the site's id. */
const OP_RUN = 7;
/** Added to OP_OPEN / OP_EVENT: the attrs are `build(a, b, c)` (values: name, build, source, a, b, c). */
const WITH_ARGS = 8;
/** Added to OP_OPEN / OP_EVENT: the attrs are the site's declared `with_build(a, b, c)`, named by its `with_name` (values: a, b, c). */
const SITE_ARGS = 16;
const OP_BITS = 5;
const OP_MASK = 7;

/** The arrays of one read log, kept for the next recorder (a request's trace reuses the last one's). */
let spare: Log | null = null;

/**
 * The log's three arrays. Plain arrays, not typed ones: a typed array's memory lives outside V8's
 * young generation, so a recorder that makes fresh ones (one whose trace is never read, whose
 * arrays cannot go to the next) paid ~2 µs for them; a plain array of small integers or of
 * doubles is stored unboxed too, and costs a bump of the young generation to make.
 */
interface Log {
  codes: number[];
  times: number[];
  values: unknown[];
}

/** A site's usual run (`TraceSite.kept_run`): its events' `a` and `c`, and their spans' forms (null: no form). Never changed. */
interface KeptRun {
  readonly as: readonly unknown[];
  readonly cs: readonly unknown[];
  readonly forms: readonly (RunForm | null)[];
  /** The indices whose form is null, in order. */
  readonly nulls: readonly number[];
}
const NO_KEPT_RUN: KeptRun = Object.freeze({ as: [], cs: [], forms: Object.freeze([]), nulls: Object.freeze([]) });


const INITIAL_RECORDS = 128;
const EMPTY_NUMBERS: number[] = [];
const EMPTY_VALUES: unknown[] = [];
const EMPTY_SPANS: Span[] = [];

export class Recorder {
  readonly enabled: boolean;
  /**
   * The clock's reading that times count from: the first one taken (the first span's start), so
   * a recorder reads the clock only at span boundaries. `times` holds raw readings; the replay
   * makes them relative.
   */
  private origin = -1;
  private readonly epoch: number;
  // A disabled recorder (every untraced request has one) allocates nothing: the arrays below are
  // shared empty ones until the first record. Their `length` is their room (they are reused):
  // `ncodes`, `ntimes` and `nvalues` say how much of it is in use.
  private codes = EMPTY_NUMBERS;
  private times = EMPTY_NUMBERS;
  private values = EMPTY_VALUES;
  private ncodes = 0;
  private ntimes = 0;
  private nvalues = 0;
  private spans_opened = 0;
  /** The call site of each span of an `eager` site, by span index (for `span_set` on it); others are left empty. */
  private eager_sites: number[] = EMPTY_NUMBERS;
  /** The replay: spans built so far, the stack of open ones (their indices), and how far the log was replayed. */
  private built: Span[] = EMPTY_SPANS;
  private stack: number[] = EMPTY_NUMBERS;
  private replayed = 0;
  private replayed_times = 0;
  private replayed_values = 0;
  /**
   * The time of the latest open or close, as replayed. The clock is read at span boundaries only:
   * an event (a span with no duration — a pattern tried, a receiver skipped) is stamped with this
   * time, the moment its parent opened or its previous sibling closed, which keeps it inside its
   * parent and in order, for the price of no clock read.
   */
  private replay_last = 0;
  /**
   * The run the log ends with (`TraceSite.in_runs`): the code count just after its record (-1: none —
   * any record written since ends it), its site and shared value, where its count is kept, and the count.
   */
  private run_next = -1;
  private run_site: TraceSite | null = null;
  private run_b: unknown = undefined;
  /** Where the run's values start (b, count, kept run, differing events, first a), its first span, its count and kept run. */
  private run_at = 0;
  private run_first = 0;
  private run_count = 0;
  private run_kept: KeptRun = NO_KEPT_RUN;
  private run_as: readonly unknown[] = NO_KEPT_RUN.as;
  private run_cs: readonly unknown[] = NO_KEPT_RUN.cs;
  /**
   * The clock as recorded (ADR 0040): the latest reading, whether only bounded framework code ran
   * since it was taken, and the open spans' nesting — each span's depth (by index; -1 for an event)
   * and whether the span open at each depth is bounded (1) or not (0).
   */
  private latest = 0;
  private latest_holds = false;
  private depth = 0;
  private depth_of: number[] = EMPTY_NUMBERS;
  private bounded_at: number[] = EMPTY_NUMBERS;

  constructor(options: { enabled?: boolean } = {}) {
    this.enabled = options.enabled ?? true;
    this.epoch = this.enabled ? ++epochs % EPOCHS : 0;
  }

  /** The first record: the previous read log's arrays, or new ones. */
  private start_log(): void {
    if (this.stack === EMPTY_NUMBERS) this.stack = [];
    if (this.depth_of === EMPTY_NUMBERS) {
      this.depth_of = [];
      this.bounded_at = [];
    }
    if (spare) {
      ({ codes: this.codes, times: this.times, values: this.values } = spare);
      spare = null;
    } else {
      // Room for a request's worth of records made at once (a 105-pattern resolve writes ~110
      // records and ~650 values), instead of growing by half a dozen copies on the way there.
      this.codes = new Array(INITIAL_RECORDS);
      this.times = new Array(INITIAL_RECORDS);
      this.values = new Array(INITIAL_RECORDS * 4);
    }
  }

  /** OPEN or EVENT: one record, three values (name, attrs or their function, source). */
  record_open(op: number, site: TraceSite, name: LazyName, attrs: LazyAttrs | undefined, source: SourceRef | undefined): number {
    // An eager site's attrs are built first: building them may itself record (it never does today).
    const kept = site.eager && typeof attrs === "function" ? attrs() : attrs;
    if (this.codes === EMPTY_NUMBERS) this.start_log();
    this.codes[this.ncodes++] = (site.id << OP_BITS) | op;
    if (op === OP_OPEN) this.times[this.ntimes++] = this.opening(site.bounded);
    else this.depth_of[this.spans_opened] = -1;
    const values = this.values;
    const v = this.nvalues;
    values[v] = name;
    values[v + 1] = kept;
    values[v + 2] = source;
    this.nvalues = v + 3;
    return this.next_handle(site);
  }

  /** OPEN or EVENT whose attrs are built from three values kept aside. */
  record_open_with(op: number, site: TraceSite, name: NameWith<any, any, any>, build: (a: any, b: any, c: any) => Attrs, a: unknown, b: unknown, c: unknown, source: SourceRef | undefined): number {
    if (site.eager) return this.record_open(op, site, typeof name === "function" ? name(a, b, c) : name, build(a, b, c), source);
    if (this.codes === EMPTY_NUMBERS) this.start_log();
    const values = this.values;
    const v = this.nvalues;
    if (build === site.with_build && name === site.with_name && source === undefined) {
      // The site's own name and builder: only the values are kept.
      this.codes[this.ncodes++] = (site.id << OP_BITS) | op | SITE_ARGS;
      if (op === OP_OPEN) this.times[this.ntimes++] = this.opening(site.bounded);
      else this.depth_of[this.spans_opened] = -1;
      values[v] = a;
      values[v + 1] = b;
      values[v + 2] = c;
      this.nvalues = v + 3;
      return this.next_handle(site);
    }
    this.codes[this.ncodes++] = (site.id << OP_BITS) | op | WITH_ARGS;
    if (op === OP_OPEN) this.times[this.ntimes++] = this.opening(site.bounded);
    else this.depth_of[this.spans_opened] = -1;
    values[v] = name;
    values[v + 1] = build;
    values[v + 2] = source;
    values[v + 3] = a;
    values[v + 4] = b;
    values[v + 5] = c;
    this.nvalues = v + 6;
    return this.next_handle(site);
  }

  /**
   * An event of a `runs` site, its declared pair: added to the run the log ends with if it is this
   * site's with the same `b`, else a run begins (a record; values: `b`, the count, the kept run its
   * events are compared with, how many differ, the first `a`). An event the kept run repeats (the
   * same `a` and `c` at its place) is only counted; one that differs keeps its index, `a` and `c`.
   */
  record_run_event(site: TraceSite, a: unknown, b: unknown, c: unknown): number {
    if (this.ncodes !== this.run_next || this.run_site !== site || this.run_b !== b) this.begin_run(site, a, b);
    const values = this.values;
    const k = this.run_count++;
    if (k >= this.run_as.length || this.run_as[k] !== a || this.run_cs[k] !== c) {
      const v = this.nvalues;
      values[v] = k;
      values[v + 1] = a;
      values[v + 2] = c;
      this.nvalues = v + 3;
      values[this.run_at + 3] = (values[this.run_at + 3] as number) + 1;
    }
    values[this.run_at + 1] = this.run_count;
    return (this.epoch << INDEX_BITS) | this.spans_opened++;
  }

  /** `record_run_event` for `list[from]`, … `list[from + count - 1]`, each with `b` and `c` (`TraceSite.events_with`). */
  record_run_events(site: TraceSite, list: readonly unknown[], from: number, count: number, b: unknown, c: unknown): void {
    if (this.ncodes !== this.run_next || this.run_site !== site || this.run_b !== b) this.begin_run(site, list[from], b);
    const values = this.values;
    const as = this.run_as;
    const cs = this.run_cs;
    let k = this.run_count;
    let differing = 0;
    for (let j = from, end = from + count; j < end; j++, k++) {
      const a = list[j];
      if (k >= as.length || as[k] !== a || cs[k] !== c) {
        const v = this.nvalues;
        values[v] = k;
        values[v + 1] = a;
        values[v + 2] = c;
        this.nvalues = v + 3;
        differing++;
      }
    }
    if (differing !== 0) values[this.run_at + 3] = (values[this.run_at + 3] as number) + differing;
    this.run_count = k;
    values[this.run_at + 1] = k;
    this.spans_opened += count;
  }

  private begin_run(site: TraceSite, a: unknown, b: unknown): void {
    if (this.codes === EMPTY_NUMBERS) this.start_log();
    this.codes[this.ncodes++] = (site.id << OP_BITS) | OP_RUN;
    this.run_next = this.ncodes;
    this.run_site = site;
    this.run_b = b;
    this.run_first = this.spans_opened;
    this.run_count = 0;
    this.run_kept = site.kept_run(a);
    this.run_as = this.run_kept.as;
    this.run_cs = this.run_kept.cs;
    const values = this.values;
    const v = (this.run_at = this.nvalues);
    values[v] = b;
    values[v + 1] = 0;
    values[v + 2] = this.run_kept;
    values[v + 3] = 0;
    values[v + 4] = a;
    this.nvalues = v + 5;
  }

  /** The handle of the span just recorded: its index in this recorder's epoch. */
  private next_handle(site: TraceSite): number {
    const index = this.spans_opened++;
    if (site.eager) {
      if (this.eager_sites === EMPTY_NUMBERS) this.eager_sites = [];
      this.eager_sites[index] = site.id;
    }
    return (this.epoch << INDEX_BITS) | index;
  }

  /** The span index a handle names, or -1 if the handle is another recorder's (or tracing is off). */
  private index_of(handle: number): number {
    return handle >>> INDEX_BITS === this.epoch && this.enabled ? handle & INDEX_MASK : -1;
  }

  /** SET, FAIL or SOURCE of the span a handle names (ignored if the handle is another recorder's): one value. */
  record(op: number, handle: number, value: unknown): void {
    const index = this.index_of(handle);
    if (index < 0) return;
    // An eager site's span: attrs (and a failure) functions are called now.
    if (typeof value === "function" && this.eager_sites[index] !== undefined) value = (value as () => unknown)();
    if (this.codes === EMPTY_NUMBERS) this.start_log();
    this.codes[this.ncodes++] = (index << OP_BITS) | op;
    this.values[this.nvalues++] = value;
  }

  /** CLOSE of the span a handle names: the clock is read. */
  record_close(handle: number): void {
    const index = this.index_of(handle);
    if (index < 0) return;
    if (this.codes === EMPTY_NUMBERS) this.start_log();
    this.codes[this.ncodes++] = (index << OP_BITS) | OP_CLOSE;
    this.times[this.ntimes++] = this.closing(index);
  }

  /**
   * The time of the span opening now (index `spans_opened`): the latest reading if the span is
   * bounded and only bounded code ran since that reading, else a new one. From here the span's own
   * code runs: bounded or not, as its site is.
   */
  private opening(bounded: boolean): number {
    const time = bounded && this.latest_holds ? this.latest : (this.latest = now());
    const depth = this.depth;
    this.depth_of[this.spans_opened] = depth;
    this.bounded_at[depth] = bounded ? 1 : 0;
    this.depth = depth + 1;
    this.latest_holds = bounded;
    return time;
  }

  /**
   * The time of span `index` closing: the latest reading if it is bounded and only bounded code
   * ran since, else a new one. From here its parent's code runs again (any span left open inside
   * it is closed with it).
   */
  private closing(index: number): number {
    const depth = this.depth_of[index];
    if (depth === undefined || depth < 0) return (this.latest_holds = false), (this.latest = now());
    const time = this.bounded_at[depth] === 1 && this.latest_holds ? this.latest : (this.latest = now());
    this.depth = depth;
    this.latest_holds = depth > 0 && this.bounded_at[depth - 1] === 1;
    return time;
  }

  // --- a site's span held with this recorder: async code whose awaits can outlast the step ----
  // (a Channels consumer's dispatch), closing its span on the recorder it was opened on even if
  // another one is active by then.

  /** `site.open(...)` on this recorder. */
  site_open(site: TraceSite, name: LazyName, attrs?: LazyAttrs, source?: SourceRef): number {
    return this.enabled ? this.record_open(OP_OPEN, site, name, attrs, source) : -1;
  }

  /** `site.event(...)` on this recorder. */
  site_event(site: TraceSite, name: LazyName, attrs?: LazyAttrs, source?: SourceRef): number {
    return this.enabled ? this.record_open(OP_EVENT, site, name, attrs, source) : -1;
  }

  /** `span_set` for a span of this recorder. */
  span_set(handle: number, attrs: LazyAttrs): void {
    if (handle >= 0) this.record(OP_SET, handle, attrs);
  }

  /** `span_fail` for a span of this recorder. */
  span_fail(handle: number, error: unknown): void {
    if (handle >= 0) this.record(OP_FAIL, handle, is_span_error(error) ? error : describe_error(error));
  }

  /** `span_close` for a span of this recorder. */
  span_close(handle: number): void {
    if (handle >= 0) this.record_close(handle);
  }

  // --- the older interface: SpanHandle objects, attrs built at the call ---------------------

  /** Open a span as a child of the innermost open span. */
  open(kind: SpanKind, name: string, lazy?: LazyAttrs, source?: SourceRef): SpanHandle {
    if (!this.enabled) return NOOP_HANDLE;
    return new Handle(this, this.record_open(OP_OPEN, compat_site(kind), name, lazy, source));
  }

  /** Close a span (and any span left open inside it, which a thrown exception can cause). */
  close(handle: SpanHandle): void {
    if (handle.id >= 0 && handle instanceof Handle) this.record_close(handle.handle);
  }

  /** A span with no duration: something that was considered (a pattern tried, a receiver skipped). */
  event(kind: SpanKind, name: string, lazy?: LazyAttrs, source?: SourceRef): SpanHandle {
    if (!this.enabled) return NOOP_HANDLE;
    return new Handle(this, this.record_open(OP_EVENT, compat_site(kind), name, lazy, source));
  }

  // --- reading -------------------------------------------------------------------------------

  /**
   * The trace: the log replayed into spans (only the records added since the last read). A
   * recorder serves one request, so the spans are handed over, not copied.
   */
  trace(): Trace;
  /**
   * `packed`: the trace as it crosses to the page — the spans of each run (a `runs` site's events,
   * `TraceSiteOptions.runs`) that have a form left as a `SpanRun`, which `expand_trace`
   * (src/trace/runs.ts) makes into the same spans. A run's span changed by `span_set`/`span_fail`/
   * `span_source` is made and carried with the others; one changed after a packed read handed it
   * over keeps no change (none is made on one).
   */
  trace(options: { packed: true }): PackedTrace;
  trace(options?: { packed?: boolean }): PackedTrace {
    if (this.replayed < this.ncodes) this.replay(options?.packed === true);
    this.release_log();
    if (this.packed_runs !== null && this.packed_runs.length !== 0) {
      if (this.result === undefined || this.result.spans !== this.built || this.result.runs !== this.packed_runs) this.result = { spans: this.built, runs: this.packed_runs };
      return this.result;
    }
    if (this.result === undefined || (this.result.spans !== this.built && this.built !== EMPTY_SPANS)) this.result = { spans: this.built === EMPTY_SPANS ? [] : this.built };
    return this.result;
  }

  private result: PackedTrace | undefined;
  /** A packed read's runs (null until a read packed); once one is, `built` lacks the spans their forms make (`sparse`). */
  private packed_runs: SpanRun[] | null = null;
  private sparse = false;
  /** How many spans the replay has numbered (those of packed runs included). */
  private replayed_spans = 0;

  /**
   * Every record is now a span: the log's arrays go to the next recorder (records added after a
   * read start a new log; span indices go on counting).
   */
  private release_log(): void {
    if (this.codes !== EMPTY_NUMBERS && (!spare || spare.codes.length < this.codes.length)) {
      // The kept values are dropped (so they can be collected), the array's room is kept.
      // (A loop, not `fill`, which takes a slow generic path on these arrays.)
      const values = this.values;
      for (let i = 0, n = this.nvalues; i < n; i++) values[i] = undefined;
      spare = { codes: this.codes, times: this.times, values: this.values };
    }
    this.codes = EMPTY_NUMBERS;
    this.times = EMPTY_NUMBERS;
    this.values = EMPTY_VALUES;
    this.ncodes = this.ntimes = this.nvalues = 0;
    this.replayed = this.replayed_times = this.replayed_values = 0;
    this.run_next = -1;
    this.run_site = null;
    this.run_b = undefined;
    this.run_kept = NO_KEPT_RUN;
    this.run_as = NO_KEPT_RUN.as;
    this.run_cs = NO_KEPT_RUN.cs;
    this.run_first = this.run_count = 0;
  }

  /**
   * The span of a packed run's form, made now and put among the others (its form in the run
   * becomes null): a span changed after it was recorded (a `span_set` on a run's event). A span
   * of a run handed over by an earlier read is not there any more: undefined.
   */
  private unpack_span(built: Span[], id: number): Span | undefined {
    for (const run of this.packed_runs ?? []) {
      const k = id - run.first;
      if (k < 0 || k >= run.forms.length || run.forms[k] === null) continue;
      const span = span_of(run, run.forms[k]!, id);
      run.forms = run.forms.slice();
      run.forms[k] = null;
      let at = built.length;
      while (at > 0 && built[at - 1].id > id) at--;
      built.splice(at, 0, span);
      return span;
    }
    return undefined;
  }

  /** The records not yet replayed, made spans (or changes to spans). */
  private replay(pack: boolean): void {
    const { codes, times, values, stack } = this;
    let built = this.built;
    if (built === EMPTY_SPANS) built = this.built = [];
    // Once a run is packed, `built` lacks the spans its forms make: a span is found by its id (`span_by_id`).
    if (pack && this.packed_runs === null) this.packed_runs = [];
    let sparse = this.sparse;
    let n = this.replayed_spans;
    let t = this.replayed_times;
    let v = this.replayed_values;
    let last = this.replay_last;
    // Times are counted from the first reading (ms since the trace started).
    if (this.origin < 0 && this.ntimes !== 0) this.origin = times[0];
    const origin = this.origin;
    for (let i = this.replayed, end = this.ncodes; i < end; i++) {
      const code = codes[i];
      const op = code & OP_MASK;
      const target = code >>> OP_BITS;
      if (op === OP_OPEN || op === OP_EVENT) {
        const site = sites[target];
        if (op === OP_OPEN) last = times[t++] - origin;
        const parent = stack.length !== 0 ? stack[stack.length - 1] : null;
        let span_name: string;
        let attrs: Attrs;
        let source: SourceRef | undefined;
        if ((code & (WITH_ARGS | SITE_ARGS)) !== 0) {
          let name: unknown, build: unknown, a: unknown, b: unknown, c: unknown;
          if ((code & SITE_ARGS) !== 0) {
            name = site.with_name;
            build = site.with_build;
            source = site.source;
            a = values[v];
            b = values[v + 1];
            c = values[v + 2];
            v += 3;
          } else {
            name = values[v];
            build = values[v + 1];
            source = (values[v + 2] as SourceRef | undefined) ?? site.source;
            a = values[v + 3];
            b = values[v + 4];
            c = values[v + 5];
            v += 6;
          }
          span_name = typeof name === "string" ? name : build_name(name as (a: unknown, b: unknown, c: unknown) => string, a, b, c);
          attrs = build_attrs_with(build as (a: unknown, b: unknown, c: unknown) => Attrs, a, b, c);
        } else {
          const name = values[v];
          span_name = typeof name === "string" ? name : build_name(name as () => string);
          attrs = build_attrs(values[v + 1] as LazyAttrs | undefined);
          source = (values[v + 2] as SourceRef | undefined) ?? site.source;
          v += 3;
        }
        // Two literal shapes (with and without a source), never a property added afterwards.
        const span: Span = source ? { id: n, parent, kind: site.kind, name: span_name, start: last, end: last, attrs, source } : { id: n, parent, kind: site.kind, name: span_name, start: last, end: last, attrs };
        built.push(span);
        if (op === OP_OPEN) stack.push(n);
        n++;
        continue;
      }
      if (op === OP_RUN) {
        // A run of events: one span each, as separate events would have made. Event k is the kept
        // run's k-th unless it is among the differing ones that follow the run's five values.
        const site = sites[target];
        const name = site.with_name;
        const build = site.with_build!;
        const kind = site.kind;
        const source = site.source;
        const parent = stack.length !== 0 ? stack[stack.length - 1] : null;
        const b = values[v];
        const count = values[v + 1] as number;
        const kept = values[v + 2] as KeptRun;
        const differing = values[v + 3] as number;
        const first = values[v + 4];
        const at = v + 5;
        v = at + 3 * differing;
        if (pack && typeof b === "string") {
          const forms = site.run_forms(kept, first, count, values, at, differing);
          // A run with no form (a match tried first) is only spans.
          let formed = 0;
          while (formed < count && forms[formed] === null) formed++;
          if (formed < count) {
            this.packed_runs!.push(source ? { first: n, parent, kind, time: last, source, fill: b, forms } : { first: n, parent, kind, time: last, fill: b, forms });
            sparse = true;
          }
          // Made here: the events with no form — differing ones, and kept ones (`kept.nulls`) — in order.
          const nulls = kept.nulls;
          let j = 0;
          let z = 0;
          for (;;) {
            const kd = j < differing ? (values[at + 3 * j] as number) : count;
            const kz = z < nulls.length && nulls[z] < count ? nulls[z] : count;
            if (kd >= count && kz >= count) break;
            let k: number, a: unknown, c: unknown;
            if (kd <= kz) {
              k = kd;
              a = values[at + 3 * j + 1];
              c = values[at + 3 * j + 2];
              j++;
              if (kz === kd) z++;
              if (forms[k] !== null) continue;
            } else {
              k = kz;
              a = kept.as[k];
              c = kept.cs[k];
              z++;
            }
            const span_name = typeof name === "string" ? name : build_name(name as (a: unknown, b: unknown, c: unknown) => string, a, b, c);
            const attrs = build_attrs_with(build, a, b, c);
            built.push(source ? { id: n + k, parent, kind, name: span_name, start: last, end: last, attrs, source } : { id: n + k, parent, kind, name: span_name, start: last, end: last, attrs });
          }
          n += count;
          continue;
        }
        let j = 0;
        for (let k = 0; k < count; k++) {
          let a: unknown, c: unknown;
          if (j < differing && values[at + 3 * j] === k) {
            a = values[at + 3 * j + 1];
            c = values[at + 3 * j + 2];
            j++;
          } else {
            a = kept.as[k];
            c = kept.cs[k];
          }
          const span_name = typeof name === "string" ? name : build_name(name as (a: unknown, b: unknown, c: unknown) => string, a, b, c);
          const attrs = build_attrs_with(build, a, b, c);
          const span: Span = source ? { id: n + k, parent, kind, name: span_name, start: last, end: last, attrs, source } : { id: n + k, parent, kind, name: span_name, start: last, end: last, attrs };
          built.push(span);
        }
        n += count;
        continue;
      }
      if (op === OP_CLOSE) {
        last = times[t++] - origin;
        if (target >= n) continue;
        // The span and any left open inside it (a thrown exception can cause that).
        while (stack.length !== 0) {
          const top = stack.pop()!;
          (sparse ? span_by_id(built, top)! : built[top]).end = last;
          if (top === target) break;
        }
        continue;
      }
      const value = values[v++];
      if (target >= n) continue;
      // A span a run's form would make, changed: made here instead (its form dropped from the run).
      const span = sparse ? (span_by_id(built, target) ?? this.unpack_span(built, target)) : built[target];
      if (span === undefined) continue;
      if (op === OP_SET) Object.assign(span.attrs, build_attrs(value as LazyAttrs));
      else if (op === OP_FAIL) span.error = typeof value === "function" ? build_error(value as () => SpanError) : (value as SpanError);
      else if (op === OP_SOURCE) span.source = value as SourceRef;
    }
    this.replayed = this.ncodes;
    this.replayed_times = t;
    this.replayed_values = v;
    this.replay_last = last;
    this.replayed_spans = n;
    this.sparse = sparse;
  }
}

/** The span with this id among spans in id order (a packed read's: those runs' forms make are missing → undefined). */
function span_by_id(spans: readonly Span[], id: number): Span | undefined {
  let lo = 0;
  let hi = Math.min(id, spans.length - 1);
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = spans[mid].id;
    if (at === id) return spans[mid];
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** A failure built when read; one that raises is described instead of raised. */
function build_error(error: () => SpanError): SpanError {
  try {
    return error();
  } catch (e) {
    const raised = describe_error(e);
    return { type: raised.type, message: `<describing this failure raised ${raised.type}: ${raised.message}>` };
  }
}

/** Attrs, or the function that builds them; an attrs function that throws is recorded, not raised. */
function build_attrs(attrs: LazyAttrs | undefined): Attrs {
  if (attrs === undefined) return {};
  if (typeof attrs !== "function") return attrs;
  try {
    return attrs();
  } catch (e) {
    const error = describe_error(e);
    return { trace_error: `building this span's attributes raised ${error.type}: ${error.message}` };
  }
}

function build_attrs_with(build: (a: unknown, b: unknown, c: unknown) => Attrs, a: unknown, b: unknown, c: unknown): Attrs {
  try {
    return build(a, b, c);
  } catch (e) {
    const error = describe_error(e);
    return { trace_error: `building this span's attributes raised ${error.type}: ${error.message}` };
  }
}

function build_name(name: (a?: unknown, b?: unknown, c?: unknown) => string, a?: unknown, b?: unknown, c?: unknown): string {
  try {
    return name(a, b, c);
  } catch (e) {
    return `<name raised ${describe_error(e).type}>`;
  }
}

/** The handle of the older interface: one small object per span, bound to its recorder. */
class Handle implements SpanHandle {
  constructor(
    private readonly recorder: Recorder,
    readonly handle: number,
  ) {}
  get id(): number {
    return this.handle & INDEX_MASK;
  }
  set(attrs: LazyAttrs): void {
    this.recorder.record(OP_SET, this.handle, typeof attrs === "function" ? attrs() : attrs);
  }
  set_source(source: SourceRef): void {
    this.recorder.record(OP_SOURCE, this.handle, source);
  }
  fail(error: SpanError): void {
    this.recorder.record(OP_FAIL, this.handle, error);
  }
}

let active: Recorder = new Recorder({ enabled: false });

/** The runtime sets the recorder for the duration of one request. */
export function set_active_recorder(recorder: Recorder): Recorder {
  const previous = active;
  active = recorder;
  return previous;
}

export function active_recorder(): Recorder {
  return active;
}

export function tracing_enabled(): boolean {
  return active.enabled;
}

// ---------------------------------------------------------------------------------------------
// The older calls (kept for frameworks that have not registered call sites yet)
// ---------------------------------------------------------------------------------------------

export function open_span(kind: SpanKind, name: string, attrs?: LazyAttrs, source?: SourceRef): SpanHandle {
  return active.open(kind, name, attrs, source);
}

export function close_span(handle: SpanHandle): void {
  if (handle.id >= 0 && handle instanceof Handle) handle_recorder(handle).record_close(handle.handle);
}

export function trace_event(kind: SpanKind, name: string, attrs?: LazyAttrs, source?: SourceRef): SpanHandle {
  return active.event(kind, name, attrs, source);
}

function handle_recorder(handle: Handle): Recorder {
  return (handle as unknown as { recorder: Recorder }).recorder;
}

/**
 * Run `fn` inside a span. An exception marks the span as failed (with the Python class name from
 * `error_type`) and is re-thrown. Promises are awaited so async views are timed correctly.
 */
export function traced<T>(kind: SpanKind, name: string, attrs: LazyAttrs, fn: (span: SpanHandle) => T, source?: SourceRef): T {
  const recorder = active;
  if (!recorder.enabled) return fn(NOOP_HANDLE);
  const span = recorder.open(kind, name, attrs, source);
  let result: T;
  try {
    result = fn(span);
  } catch (e) {
    span.fail(describe_error(e));
    recorder.close(span);
    throw e;
  }
  if (result instanceof Promise) {
    recorder.close(span);
    return result.catch((e: unknown) => {
      span.fail(describe_error(e));
      throw e;
    }) as T;
  }
  recorder.close(span);
  return result;
}

export function describe_error(e: unknown): SpanError {
  if (e instanceof Error) return { type: error_type(e), message: e.message };
  return { type: typeof e, message: String(e) };
}

/** Python-style class name of an exception object. */
export function error_type(e: unknown): string {
  if (e && typeof e === "object") {
    const ctor = (e as { constructor?: { python_name?: string; name?: string } }).constructor;
    if (ctor?.python_name) return ctor.python_name;
    if (ctor?.name) return ctor.name;
  }
  return typeof e;
}

/** Make any value safe to store in `attrs` (JSON only, bounded size). */
export function to_json(value: unknown, depth = 0): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.length > 2000 ? value.slice(0, 2000) + "…" : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function") return `<function ${(value as { name?: string }).name || "anonymous"}>`;
  if (depth > 4) return "…";
  if (Array.isArray(value)) {
    const n = Math.min(value.length, 100);
    const out: Json[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = to_json(value[i], depth + 1);
    return out;
  }
  if (value instanceof Uint8Array) return `b'${Array.from(value.slice(0, 200), (b) => String.fromCharCode(b)).join("")}'`;
  if (typeof value === "object") {
    const repr = (value as { __repr__?: () => string }).__repr__;
    if (typeof repr === "function") return repr.call(value);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const s = String(value);
      return s === "[object Object]" ? `<${(value as object).constructor?.name ?? "object"}>` : s;
    }
    const out: { [k: string]: Json } = {};
    const keys = Object.keys(value);
    const n = Math.min(keys.length, 100);
    for (let i = 0; i < n; i++) out[keys[i]] = to_json((value as Record<string, unknown>)[keys[i]], depth + 1);
    return out;
  }
  return String(value);
}

/** The keys and values one call site copied of a mutable object (the gateway's environ), for a later site that finds them unchanged to share instead of copying again (ADR 0032). */
export const kept_copy: { of: object | null; keys: readonly string[]; values: readonly unknown[] } = { of: null, keys: [], values: [] };
