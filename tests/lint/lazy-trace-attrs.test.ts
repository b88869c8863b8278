/**
 * ESLint rule lab/lazy-trace-attrs: trace attrs are a function, never an object literal built at
 * every call — except where the code runs only while tracing (a value captured at its moment).
 */
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import rule from "../../eslint-rules/lazy-trace-attrs.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never, ecmaVersion: 2022, sourceType: "module" } });
const eager = [{ messageId: "eager" }];

tester.run("lazy-trace-attrs", rule, {
  valid: [
    `RESOLVE.open(name, () => ({ path }));`,
    `PATTERN.event(name, () => ({ matched: false }), source);`,
    `HOOK.run(name, undefined, (span) => work(span));`,
    `PATTERN.event_with(name, attempt_attrs, this, path, m);`,
    `traced("view", name, () => ({ view }), fn);`,
    `trace_event("pattern", name, attrs_built_before);`,
    `span_set(span, () => ({ status }));`,
    `if (span >= 0) span_set(span, { headers: snapshot_headers(response) });`,
    `if (tracing_enabled()) PATTERN.event(name, { key });`,
    `const h = tracing_enabled() ? GATEWAY.open(name, { environ: environ_json(env) }) : -1;`,
    `const r = !tracing_enabled() ? fast() : HOOK.run(name, attrs, (span) => { span_set(span, { short_circuit: true }); });`,
    `function f() { if (!tracing_enabled()) return fast(); return SITE.run(name, attrs, (span) => { span_set(span, { a: 1 }); }); }`,
    `function g(span) { if (span < 0) return; span_set(span, { a: 1 }); }`,
    `map.set("k", { a: 1 }); response.headers.set("X", { a: 1 }); lower.open(name, { a: 1 });`,
    `span_async(ROUTER, "Router", () => ({ path }), async (span) => find(span));`,
    `const h = recorder.site_open(DISPATCH, name, () => ({ method })); recorder.span_set(h, () => ({ raised }));`,
    `if (span >= 0) recorder.span_set(span, { members: [...members.keys()] });`,
  ],
  invalid: [
    { code: `RESOLVE.open(name, { path });`, errors: eager },
    { code: `PATTERN.event(name, { matched: false });`, errors: eager },
    { code: `HOOK.run(name, { middleware: name }, fn);`, errors: eager },
    { code: `traced("view", name, { view }, fn);`, errors: eager },
    { code: `open_span("gateway", name, { environ });`, errors: eager },
    { code: `trace_event("receiver", label, { dead_reference: true });`, errors: eager },
    { code: `span_set(span, { status: response.status_code });`, errors: eager },
    { code: `if (tracing_enabled()) { x(); } else { SITE.event(name, { a: 1 }); }`, errors: eager },
    { code: `if (!tracing_enabled()) SITE.event(name, { a: 1 });`, errors: eager },
    { code: `span_async(CORS, "CORSMiddleware", { origin }, fn);`, errors: eager },
    { code: `recorder.site_open(DISPATCH, name, { method });`, errors: eager },
    { code: `recorder.site_event(SITE, name, { a: 1 });`, errors: eager },
    { code: `recorder.span_set(span, { raised });`, errors: eager },
  ],
});
