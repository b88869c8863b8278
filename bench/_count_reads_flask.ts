export {};
// Counts the clock readings of a traced Flask hello (ADR 0040): `node bench/_bundle.mjs bench/_count_reads_flask.ts && node node_modules/.cache/framework-lab-bench/_count_reads_flask.mjs`.
let n = 0;
const orig = performance.now.bind(performance);
(performance as any).now = () => { n++; return orig(); };
const { HeadlessRuntime } = await import("../src/runtime/headless");
const { flask_hello_scenario } = await import("./flask");
const rt = await HeadlessRuntime.create({ trace: false });
await rt.load(flask_hello_scenario);
const HELLO = { method: "GET", target: "/hello/", headers: [["Host", "testserver"]] as [string, string][], body: "" };
for (let i = 0; i < 5; i++) await rt.request(HELLO, { trace: true });
n = 0; await rt.request(HELLO, { trace: true }); console.log("reads traced", n);
n = 0; await rt.request(HELLO, { trace: false }); console.log("reads untraced", n);
const r = await rt.request(HELLO, { trace: true });
for (const s of r.trace.spans) console.log(s.id, s.parent, s.kind, s.name, s.start.toFixed(4), s.end.toFixed(4));
