/**
 * Runs of spans (docs/adr/0035-pattern-runs.md): a URLconf's patterns tried against one path are
 * recorded as one run, read packed as the worker posts it, and made spans again by the page's
 * protocol check. Whatever the route, the spans the page gets are the ones a whole read makes —
 * same ids, order, keys and values.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { parseRuntimeMessage } from "../../src/runtime/protocol-schema";
import type { RequestResult } from "../../src/runtime/protocol";
import { SCENARIO_FORMAT, type Scenario } from "../../src/scenarios/format";
import { Recorder, expand_trace, form_of, set_active_recorder, span_close, span_set, trace_site, RUN_FILL_1, RUN_FILL_2, type Attrs, type PackedTrace, type Span } from "../../src/trace";

type Probe = { route: string; name: string | null };
const MISS = Object.freeze({ missed: "regex" });
const probe_name = (p: Probe): string => p.route;
const probe_attrs = (p: Probe, path: string, c: unknown): Attrs =>
  c === MISS ? { route: p.route, path, name: p.name, matched: false, reason: `route '${p.route}' did not match '` + path + "'" } : { route: p.route, path, name: p.name, matched: true, got: String((c as { got: string }).got) };
const OUTER = trace_site("resolver", "tests/trace/runs.test.ts#outer", { source: true });
const PROBE = trace_site("pattern", "tests/trace/runs.test.ts#probe", { source: true, name: probe_name, attrs: probe_attrs, runs: true });
const probes: Probe[] = Array.from({ length: 12 }, (_, i) => ({ route: `p${i}/`, name: i % 3 ? `p${i}` : null }));

/** Record `body` on a fresh recorder → the recorder (read it whole or packed). */
function recorded(body: () => void): Recorder {
  const recorder = new Recorder();
  const previous = set_active_recorder(recorder);
  try {
    body();
  } finally {
    set_active_recorder(previous);
  }
  return recorder;
}

/** Two tries of a URLconf-like loop: probes missed (the shared MISS), one matched (a fresh object), an inner span between. */
function tries(path: string, matched: number, opts: { inner_at?: number; set_on?: number } = {}): () => void {
  return () => {
    const h = OUTER.open(`resolve ${path}`, { path });
    for (let i = 0; i <= matched; i++) {
      if (i === opts.inner_at) span_close(OUTER.open("include", { path }));
      const e = PROBE.event_with(probe_name, probe_attrs, probes[i], path, i === matched ? { got: path } : MISS);
      if (i === opts.set_on) span_set(e, { noted: true });
    }
    span_close(h);
  };
}

const without_times = (spans: readonly Span[]) => spans.map(({ start: _s, end: _e, ...rest }) => rest);

/** Packed then made spans equals a whole read of the same records (key order included). */
function expect_same(body: () => void): PackedTrace {
  const whole = recorded(body).trace();
  const packed = recorded(body).trace({ packed: true });
  const made = expand_trace(structuredClone(packed));
  expect(JSON.stringify(without_times(made.spans))).toBe(JSON.stringify(without_times(whole.spans)));
  return packed;
}

describe("a run of pattern events", () => {
  it("reads packed into the same spans as read whole: runs around an inner span, a match made as a span", () => {
    for (let round = 0; round < 3; round++) {
      const packed = expect_same(tries("p9/x/", 9, { inner_at: 4 }));
      // 1 outer + 1 inner + 10 events; the 9 misses are forms, the match a span.
      expect(packed.spans.map((s) => s.name)).toEqual(["resolve p9/x/", "include", "p9/"]);
      expect(packed.runs!.map((r) => [r.first, r.forms.length, r.forms.filter((f) => f !== null).length])).toEqual([
        [1, 4, 4],
        [6, 6, 5],
      ]);
      expect(packed.runs![0].fill).toBe("p9/x/");
    }
  });

  it("follows the patterns tried when they change: another path, fewer tried, another pattern in a place", () => {
    expect_same(tries("a/", 11));
    expect_same(tries("b/", 3));
    const saved = probes[2];
    probes[2] = { route: "other/", name: "other" };
    try {
      expect_same(tries("c/", 7));
    } finally {
      probes[2] = saved;
    }
    expect_same(tries("d/", 7));
  });

  it("makes a run's span that was changed after it was recorded, with its change", () => {
    const packed = expect_same(tries("p5/", 5, { set_on: 2 }));
    expect(packed.spans.find((s) => s.id === 3)?.attrs).toMatchObject({ route: "p2/", noted: true });
  });

  it("keeps a run unpacked when its shared value is not a string", () => {
    const body = () => {
      const h = OUTER.open("resolve", {});
      PROBE.event_with(probe_name, () => ({ n: 1 }), probes[0], "x", MISS);
      for (let i = 0; i < 3; i++) PROBE.event_with(probe_name, probe_attrs, probes[i], 42 as unknown as string, MISS);
      span_close(h);
    };
    const packed = expect_same(body);
    expect(packed.runs).toBeUndefined();
    expect(packed.spans).toHaveLength(5);
  });
});

describe("events recorded as one batch (events_with)", () => {
  /** The same tries as `tries`, the misses before the match recorded in one or two batches. */
  function batched(path: string, matched: number, split: number): () => void {
    return () => {
      const h = OUTER.open(`resolve ${path}`, { path });
      PROBE.events_with(probe_name, probe_attrs, probes, 0, split, path, MISS);
      PROBE.events_with(probe_name, probe_attrs, probes, split, matched - split, path, MISS);
      PROBE.event_with(probe_name, probe_attrs, probes[matched], path, { got: path });
      span_close(h);
    };
  }
  const whole = (body: () => void) => JSON.stringify(without_times(recorded(body).trace().spans));

  it("make the spans one call per event makes, read whole or packed, whether the run is kept or new", () => {
    for (let round = 0; round < 3; round++) {
      expect(whole(batched("p7/", 7, 3))).toBe(whole(tries("p7/", 7)));
      expect_same(batched("p7/", 7, 3));
      // A batch that disagrees with the kept run (fewer, then other patterns) keeps what differs.
      expect(whole(batched("q/", 4, 0))).toBe(whole(tries("q/", 4)));
      expect_same(batched("q/", 11, 11));
    }
  });

  it("record each event as its own span on a site with no run, and nothing when tracing is off or the batch is empty", () => {
    const PLAIN = trace_site("pattern", "tests/trace/runs.test.ts#plain", { name: probe_name, attrs: probe_attrs });
    const spans = recorded(() => {
      PLAIN.events_with(probe_name, probe_attrs, probes, 2, 3, "x/", MISS);
      PLAIN.events_with(probe_name, probe_attrs, probes, 0, 0, "x/", MISS);
    }).trace().spans;
    expect(spans.map((s) => [s.id, s.name, s.parent])).toEqual([
      [0, "p2/", null],
      [1, "p3/", null],
      [2, "p4/", null],
    ]);
    const off = new Recorder({ enabled: false });
    const previous = set_active_recorder(off);
    try {
      PROBE.events_with(probe_name, probe_attrs, probes, 0, 5, "x/", MISS);
    } finally {
      set_active_recorder(previous);
    }
    expect(off.trace().spans).toEqual([]);
  });
});

describe("form_of", () => {
  it("leaves the shared value out of top-level strings and refuses a value used any other way", () => {
    const build = (b: string) => ({ route: "r/", path: b, reason: `'${b}' did not match`, n: 1 });
    expect(form_of("r/", build(RUN_FILL_1), "r/", build(RUN_FILL_2))).toEqual({
      name: "r/",
      attrs: { route: "r/", path: "", reason: "", n: 1 },
      holes: [
        ["path", "", ""],
        ["reason", "'", "' did not match"],
      ],
    });
    expect(form_of(`x ${RUN_FILL_1}`, {}, `x ${RUN_FILL_2}`, {})).toBeNull();
    expect(form_of("r", { n: RUN_FILL_1.length }, "r", { n: RUN_FILL_2.length + 1 })).toBeNull();
    expect(form_of("r", { nested: { p: RUN_FILL_1 } }, "r", { nested: { p: RUN_FILL_2 } })).toBeNull();
    expect(form_of("r", { twice: RUN_FILL_1 + RUN_FILL_1 }, "r", { twice: RUN_FILL_2 + RUN_FILL_2 })).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Django's resolver, through the runtime and the page's protocol check
// ---------------------------------------------------------------------------------------------

const URLS = `import { path, re_path, include, register_converter } from "django/urls";
import * as views from "shop/views";

class FourDigitYearConverter {
  regex = "[0-9]{4}";
  to_python(value) { const n = Number(value); if (n < 1900) throw new Error("too old"); return n; }
  to_url(value) { return String(value).padStart(4, "0"); }
}
register_converter(FourDigitYearConverter, "yyyy");

const shop = [
  path("", views.page, { name: "index" }),
  path("item/<int:pk>/", views.page, { name: "item" }),
  re_path("^tag/(?P<tag>[a-z]+)/$", views.page, { name: "tag" }),
];

export const urlpatterns = [
  path("hello/", views.page, { name: "hello" }),
  path("archive/<yyyy:year>/", views.page, { name: "archive" }),
  path("shop/", include([shop, "shop"], { namespace: "shop" })),
  re_path("^old/(\\\\d+)/$", views.page, { name: "old" }),
];
for (let i = 0; i < 30; i++) urlpatterns.push(path(\`r\${i}/<int:pk>/<slug:slug>/\`, views.page, { name: \`r\${i}\` }));
`;

const scenario: Scenario = {
  format: SCENARIO_FORMAT,
  title: "runs: a URLconf with includes, re_path, a project's converter",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  files: {
    "project/settings.ts": `export const DEBUG = false;\nexport const SECRET_KEY = "x";\nexport const ALLOWED_HOSTS = ["testserver"];\nexport const INSTALLED_APPS = ["shop"];\nexport const MIDDLEWARE = [];\nexport const ROOT_URLCONF = "project.urls";\n`,
    "project/urls.ts": URLS,
    "shop/views.ts": `import { HttpResponse } from "django/http";\nexport function page(request, kwargs) { return new HttpResponse("ok " + JSON.stringify(kwargs ?? {})); }\n`,
    "shop/apps.ts": `import { AppConfig } from "django/apps";\nexport class ShopConfig extends AppConfig { name = "shop"; }\n`,
  },
  requests: [],
};

const TARGETS = ["/hello/", "/r29/7/a-b/", "/r3/x/y/", "/nope/", "/archive/1850/", "/archive/2024/", "/shop/", "/shop/item/4/", "/shop/tag/red/", "/shop/zzz/", "/old/12/", "/r29/7/a-b/", "/r0/1/s/"];

describe("Django's resolver: the traces the page gets", () => {
  let whole: HeadlessRuntime;
  let packed: HeadlessRuntime;
  beforeAll(async () => {
    whole = await HeadlessRuntime.create();
    packed = await HeadlessRuntime.create({ packed_traces: true });
  });

  it("are the traces a whole read makes, for matches, misses, a converter's refusal and includes", async () => {
    let runs = 0;
    for (const target of TARGETS) {
      const request = { method: "GET", target, headers: [["Host", "testserver"]] as [string, string][], body: "" };
      expect((await whole.load(scenario)).ok).toBe(true);
      const a = await whole.request(request);
      expect((await packed.load(scenario)).ok).toBe(true);
      const b = await packed.request(request);
      runs += (b.trace as PackedTrace).runs?.length ?? 0;
      const message = parseRuntimeMessage(structuredClone({ type: "response", id: 1, result: b }));
      const got = (message as { result: RequestResult }).result.trace;
      expect((got as PackedTrace).runs).toBeUndefined();
      expect(JSON.stringify(without_times(got.spans)), target).toBe(JSON.stringify(without_times(a.trace.spans)));
      expect(b.response.status, target).toBe(a.response.status);
    }
    // The misses did travel as runs (not as spans).
    expect(runs).toBeGreaterThan(TARGETS.length);
    const tried = (await packed.request({ method: "GET", target: "/r29/7/a-b/", headers: [["Host", "testserver"]], body: "" })).trace as PackedTrace;
    expect(tried.spans.filter((s) => s.kind === "pattern").map((s) => s.name)).toEqual(["r29/<int:pk>/<slug:slug>/"]);
  });
});
